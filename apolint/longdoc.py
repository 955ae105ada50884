"""Parse drafts of any length. spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters)
and the parser's memory grows with the text it holds at once, so a long draft is parsed in
chunks cut at paragraph breaks (else line breaks, else sentence ends, else spaces), and the chunk
docs are joined into one Doc whose text is exactly the draft's, so every offset still holds.

Each chunk's tensor (96 floats per token in en_core_web_sm, 0.7 GB for a 10 MB draft) is dropped
as soon as the chunk is parsed: no rule reads it."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

# Parse unit for long drafts, and the most text the parser holds at once. The parser's working
# memory grows with the characters in one nlp.pipe batch (measured: a batch of 4 x 100,000
# characters peaks near 1 GB, 4 x 20,000 near 0.5 GB with the model loaded), so long drafts are cut
# into 20,000-character chunks and short drafts are batched by characters as well as by count.
CHUNK_CHARS = 20_000
BATCH_CHARS = 100_000
CHUNKS_PER_BATCH = 4

_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # a blank line: a paragraph ends
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"')\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # any space
)


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) ranges covering ``text`` exactly, each at most ``limit`` long,
    each cut after the strongest break found in its second half (a hard cut only when a whole
    half-chunk has no space at all)."""
    bounds = []
    start = 0
    n = len(text)
    while n - start > limit:
        window_start = start + limit // 2
        end = None
        for pattern in _BREAKS:
            last = None
            for m in pattern.finditer(text, window_start, start + limit):
                last = m
            if last is not None and last.end() > start:
                end = last.end()
                break
        if end is None:
            end = start + limit
            # Never cut between a character and the marks joined to it (accents, emoji modifiers).
            while end > start + 1 and _is_joining(text[end]):
                end -= 1
        bounds.append((start, end))
        start = end
    bounds.append((start, n))
    return bounds


def _is_joining(ch: str) -> bool:
    import unicodedata

    return unicodedata.combining(ch) != 0 or ch in "\u200d\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff"


def _drop_tensor(doc: Doc) -> Doc:
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def parse_long(nlp: Language, text: str, limit: int | None = None) -> Doc:
    limit = min(limit or CHUNK_CHARS, nlp.max_length)
    chunks = [text[s:e] for s, e in chunk_bounds(text, limit)]
    docs = [_drop_tensor(d) for d in nlp.pipe(chunks, batch_size=CHUNKS_PER_BATCH)]
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    if doc.text != text:  # a guarantee the offsets rely on; never expected to fail
        raise AssertionError("chunked parse changed the draft's text")
    return doc


def parse_all(nlp: Language, texts: Sequence[str], batch_size: int, limit: int | None = None,
              batch_chars: int | None = None) -> Iterator[Doc]:
    """Docs for ``texts`` in order: short ones through ``nlp.pipe`` in batches of at most
    ``batch_size`` drafts and about ``batch_chars`` characters, long ones chunked."""
    limit = min(limit or CHUNK_CHARS, nlp.max_length)
    batch_chars = batch_chars or BATCH_CHARS
    group: list[str] = []
    chars = 0
    for text in texts:
        if len(text) > limit:
            if group:
                yield from nlp.pipe(group, batch_size=len(group))
                group, chars = [], 0
            yield parse_long(nlp, text, limit)
            continue
        group.append(text)
        chars += len(text)
        if len(group) >= batch_size or chars >= batch_chars:
            yield from nlp.pipe(group, batch_size=len(group))
            group, chars = [], 0
    if group:
        yield from nlp.pipe(group, batch_size=len(group))
