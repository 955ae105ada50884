"""Fuzzing the whole pipeline with generated drafts: random text, random mixes of apology-corpus
sentences and template syntax, random bytes decoded leniently, under every line-ending style.
For each draft: no exception; every finding's span lies inside the text and its ``text`` is that
slice; line/column agree with the offsets (computed here independently, CRLF, CR and LF each one
break); the JSON validates against the contract schema; the same input gives the same report.

Default: the "ci" profile (60 examples). Long run: ``--hypothesis-profile=long`` (100,000)."""
import json
import re
from pathlib import Path

import jsonschema
from hypothesis import example, given
from hypothesis import strategies as st

from apolint import __version__
from apolint.lint import lint_text
from apolint.render import to_json
from apolint.report import Report

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "apolint" / "data" / "report.schema.json").read_text())

SENTENCES = [
    "We apologize for any inconvenience this may have caused.",
    "I'm sorry we charged your card twice for order #48213.",
    "Unfortunately, due to unprecedented demand, your order was delayed.",
    "Our courier lost the parcel.",
    "I've refunded the £42.50 to your card today.",
    "We have fixed the bug and added a check so it won't happen again.",
    "Sorry if you were offended.",
    "Sorry, sorry, so sorry!",
    "Dear Valued Customer,",
    "Hi Priya,",
    "Kind regards,",
    "> You lost my parcel and I'm sorry I ever ordered.",
    "Thanks for your patience.",
    "Mistakes were made.",
    "We’re sorry — really.",
    "Désolé pour le retard.",
    "ご迷惑をおかけして申し訳ありません。",
    "😞 sorry 👍🏽",
    "cafe\u0301 inconve\u0301nience",
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c",
]
TEMPLATE = [
    "{{ first_name }}", "{{ticket.requester.first_name}}", "{% if x %}", "{% endif %}", "*|FNAME|*",
    "{{#if vip}}", "{{/if}}", "{{{ raw }}}", "{%customer.firstName,fallback=there%}", "{$ticket.id}",
    "{{ name|default(\"there\") }}", "[[order_id]]", "{{", "}}", "{%", "|*",
]
GLUE = [" ", "", "\n", "\n\n", "\r\n", "\r", "\t", "\x00", "\x1b[31m", "\u200b", "\ufeff", "  ", "\u00a0", "..."]

random_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
corpus_mix = st.lists(st.sampled_from(SENTENCES + TEMPLATE + GLUE), max_size=40).map("".join)
random_bytes = st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="replace"))
drafts = st.one_of(random_text, corpus_mix, random_bytes)
newline_styles = st.sampled_from(["\n", "\r\n", "\r", None])


def with_newlines(text: str, style: str | None) -> str:
    if style is None:
        return text
    return re.sub(r"\r\n|\r|\n", lambda _: style, text)


def line_col(original: str, offset: int) -> tuple[int, int]:
    """Independent of apolint's own: a break (CRLF, CR or LF) counts once it has fully passed."""
    line, line_start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", original):
        if m.end() > offset:
            break
        line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


def check_report(original: str) -> None:
    report = lint_text(original)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(original), (f.rule, f.start, f.end, len(original))
        assert f.text == original[f.start:f.end]
        assert (f.line, f.column) == line_col(original, f.start), f
        assert (f.end_line, f.end_column) == line_col(original, f.end), f
        assert f.message.strip()
    data = json.loads(to_json(Report(__version__, [report])))
    jsonschema.validate(data, SCHEMA)
    again = lint_text(original)
    assert again.to_dict() == report.to_dict()


@given(drafts, newline_styles)
@example("", None)
@example("Dear Valued Customer,\r\n\r\nWe apologize for any inconvenience.\r\n", None)
@example("Sorry.\r", None)
@example("{{ first_name }},\r\rWe\u2019re sorry\u200b for the delay\x00.", None)
def test_generated_drafts(text, style):
    check_report(with_newlines(text, style))


@given(drafts, newline_styles)
@example("Sorry. " * 30 + "x" * 100 + "\r\n\r\n" + "We apologize for any inconvenience.\r" * 5, None)
def test_generated_drafts_parsed_in_chunks(text, style):
    """The same properties with the long-draft path forced: 64-character chunks, so every draft
    over 64 characters is cut (at breaks, spaces, or hard) and joined again."""
    from unittest import mock

    with mock.patch("apolint.longdoc.CHUNK_CHARS", 64):
        check_report(with_newlines(text, style))
