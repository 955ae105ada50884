"""Drafts longer than spaCy's max_length (1,000,000 characters) are parsed in chunks cut at
paragraph breaks and joined, with every offset kept (issue 8). The suite proves the mechanism on
small texts with a small chunk size and a lowered max_length; the 10 MB run is measured in
docs/reliability.md (it takes minutes, not a unit test)."""
import pytest

from apolint import lint
from apolint.longdoc import chunk_bounds, parse_all, parse_long
from apolint.parse import load_nlp

PARAGRAPHS = [
    "Dear Valued Customer,",
    "We apologize for any inconvenience this may have caused.",
    "Unfortunately, due to unprecedented demand, your order was delayed.",
    "I'm sorry we charged your card twice for order #48213; I've refunded the £42.50 today.",
    "Our courier lost the parcel.\r\nWe have fixed the label bug so it won't happen again.",
]


def long_text(n: int) -> str:
    return "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(n)) + "\n"


@pytest.mark.parametrize("text", [
    long_text(40),
    "word " * 3000,  # no line breaks: cut at spaces
    "x" * 5000,  # no spaces at all: hard cuts
    "Sorry. " * 800 + "e\u0301" * 700,  # combining marks are never cut from their letter
])
def test_chunks_cover_the_text_exactly(text):
    bounds = chunk_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < e - s <= 1000 for s, e in bounds)
    for s, e in bounds[:-1]:
        assert text[e] != "\u0301"


def test_chunks_end_at_paragraph_breaks_when_there_are_some():
    text = long_text(60)
    for _, end in chunk_bounds(text, 1000)[:-1]:
        assert text[:end].endswith("\n\n")


def test_chunked_parse_keeps_the_text_and_the_findings(monkeypatch):
    text = long_text(40)
    whole = lint.lint_text(text)
    doc = parse_long(load_nlp(), text, 600)
    assert doc.text == text
    monkeypatch.setattr("apolint.longdoc.CHUNK_CHARS", 600)
    chunked = lint.lint_text(text)
    key = lambda r: [(f.rule, f.start, f.end, f.line, f.column) for f in r.findings]  # noqa: E731
    assert key(chunked) == key(whole)
    assert chunked.components == whole.components and chunked.score == whole.score


def test_a_draft_over_max_length_is_linted_not_refused(monkeypatch):
    """Lower spaCy's limit instead of building a 1 MB draft: a whole-text parse would raise
    spaCy's E088 here; the chunked parse lints it."""
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 5_000)
    text = long_text(400)
    assert len(text) > 5 * nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    report = lint.lint_text(text)
    assert report.findings
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    last = max(f.start for f in report.findings)
    assert last > 4 * nlp.max_length  # findings come from the last chunks too


def test_short_drafts_are_batched_by_characters_too():
    nlp = load_nlp()
    texts = ["Sorry about that. " * 50] * 6 + ["We apologize."]
    docs = list(parse_all(nlp, texts, batch_size=64, limit=10_000, batch_chars=2_000))
    assert [d.text for d in docs] == texts
