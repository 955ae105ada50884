"""Preprocess stage: turn a draft's original text into the text spaCy parses, keeping a map from
every parsed character back to the original one, and find the draft's parts (greeting line,
quoted customer text, sign-off) so rules can say which parts they read.

Normalising matters for the parse: CRLF/CR line ends, non-breaking and zero-width spaces and
curly apostrophes ("I’m") all change how spaCy tokenises. Later stages (template masking) add
replacements here, through the same ``Replacement`` mechanism, so every finding still points at
the original text."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters replaced one-for-one (same length, so offsets only need the map for deletions and
# multi-char replacements).
_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\t": " ", "\f": " ", "\v": " ",
}
# Removed entirely: zero-width characters, BOM and other invisible format characters.
_DROP = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}

GREETING_RE = re.compile(
    r"^\s*(?:dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings|to whom it may concern|attn)\b",
    re.IGNORECASE,
)
SIGNOFF_RE = re.compile(
    r"^\s*(?:(?:kind(?:est)?|warm(?:est)?|best|many)?\s*(?:regards|wishes|thanks)|best|cheers|sincerely|"
    r"yours(?: sincerely| faithfully| truly)?|thank you|thanks(?: again)?|respectfully|take care|all the best|"
    r"with (?:apologies|thanks)|talk soon|speak soon)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
QUOTE_RE = re.compile(r"^\s*>")


@dataclass(frozen=True)
class Replacement:
    """Replace original[start:end] with ``text`` in the parsed text (masking, normalising)."""

    start: int
    end: int
    text: str


@dataclass
class Prepared:
    """A draft ready to parse: ``text`` is what spaCy sees; ``to_original[i]`` is the offset in
    ``original`` of parsed character ``i`` (one extra entry maps the end of the text)."""

    original: str
    text: str
    to_original: list[int]
    # Parsed-text ranges of the draft's parts.
    greeting: tuple[int, int] | None = None
    signoff_start: int | None = None
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # "Hi Sam, sorry about..." on one line: the greeting runs on into the body (the parsed text breaks
    # the line after its comma, the draft does not)
    greeting_runs_on: bool = False
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a parsed-text span to the original text. The end maps from the last character, so a
        dropped character right after the span is not pulled into it."""
        if end <= start:
            o = self.to_original[start]
            return o, o
        return self.to_original[start], self.to_original[end - 1] + 1

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original-text offset. CRLF and CR count as one break."""
        if not self._line_starts:
            starts = [0]
            text = self.original
            i = 0
            n = len(text)
            while i < n:
                ch = text[i]
                if ch == "\r":
                    if i + 1 < n and text[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                elif ch == "\n":
                    starts.append(i + 1)
                i += 1
            self._line_starts = starts
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def in_quoted(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quoted)


def _normalise(original: str, replacements: list[Replacement]) -> tuple[str, list[int]]:
    out: list[str] = []
    to_original: list[int] = []
    repl_by_start = {r.start: r for r in replacements}
    i = 0
    n = len(original)
    while i < n:
        rep = repl_by_start.get(i)
        if rep is not None:
            for k, ch in enumerate(rep.text):
                out.append(ch)
                # Stand-in characters map onto the replaced span (the last one to its end, even
                # when the stand-in is shorter), so a finding covering the stand-in covers the
                # whole original placeholder.
                last = k == len(rep.text) - 1 and k > 0
                to_original.append(rep.end - 1 if last else min(rep.start + k, rep.end - 1))
            i = rep.end
            continue
        ch = original[i]
        if ch == "\r":
            out.append("\n")
            to_original.append(i)
            if i + 1 < n and original[i + 1] == "\n":
                i += 1
            i += 1
            continue
        if ch in _DROP:
            i += 1
            continue
        if ch in _CHAR_MAP:
            ch = _CHAR_MAP[ch]
        elif ch == "\x00" or (ord(ch) < 32 and ch != "\n"):
            ch = " "  # control characters would confuse the tokenizer; keep the width
        out.append(ch)
        to_original.append(i)
        i += 1
    to_original.append(n)
    return "".join(out), to_original


# Header lines an email draft may carry above its greeting.
HEADER_LINE_RE = re.compile(r"^\s*(?:subject|re|fwd?|to|from|date|cc|our ref|your ref|ref)\s*:", re.IGNORECASE)


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line of the parsed text (split at "\n"; the parsed text has no CR) with its start offset."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _parts(text: str) -> tuple[tuple[int, int] | None, int | None, list[tuple[int, int]]]:
    """Greeting line, start of the sign-off block, and quoted ('> ') lines, as parsed-text ranges."""
    greeting = None
    signoff = None
    quoted: list[tuple[int, int]] = []
    first_content_seen = False
    for idx, (start, line) in enumerate(lines_with_offsets(text)):
        end = start + len(line)
        if QUOTE_RE.match(line):
            quoted.append((start, end))
            continue
        if not line.strip():
            continue
        if not first_content_seen:
            if HEADER_LINE_RE.match(line):
                continue  # "Subject: Your March statement ..." above "Dear Ms Lindqvist,"
            first_content_seen = True
            if GREETING_RE.match(line):
                # A greeting that runs on into the body ("Hi Sam, sorry about...") stops at its comma.
                comma = line.find(",")
                if comma != -1 and comma <= 60:
                    greeting = (start, start + comma + 1)
                elif len(line) <= 60:
                    greeting = (start, end)
        if SIGNOFF_RE.match(line) and idx > 0 and signoff is None:
            signoff = start
    return greeting, signoff, quoted


def prepare(original: str, replacements: list[Replacement] | None = None) -> Prepared:
    text, to_original = _normalise(original, sorted(replacements or [], key=lambda r: r.start))
    greeting, signoff, quoted = _parts(text)
    line_end = text.find("\n", greeting[1]) if greeting is not None else -1
    if greeting is not None and text[greeting[1] - 1] == "," and text[greeting[1]:greeting[1] + 1] == " " \
            and text[greeting[1]:line_end if line_end != -1 else len(text)].strip():
        # "Hi Sunil, our payment provider took your £214 twice": the parser reads a run-on
        # greeting's name as the subject or an apposition of what follows. A line break in place of
        # the space after its comma (same length, so offsets hold) lets the body parse as its own
        # sentence. The comma stays, and a leading "sorry" is capitalised as a sentence start would
        # be: otherwise spaCy often cuts it off the body ("Hi Ben\n sorry | your card got declined";
        # on the corpus's 58 run-on greetings: 5 such cuts with the comma replaced, none now).
        # Only a leading "sorry" is cut off ("Apologies, tonight's class..." parses worse
        # capitalised), and not "sorry to hear ...", which parses well as it is.
        body = text[greeting[1] + 1:]
        first = body[:1].upper() if body[:6] in ("sorry ", "sorry,") and body[6:9] != "to " else body[:1]
        text = text[:greeting[1]] + "\n" + first + body[1:]
        return Prepared(original, text, to_original, greeting, signoff, quoted, greeting_runs_on=True)
    return Prepared(original, text, to_original, greeting, signoff, quoted)
