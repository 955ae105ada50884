"""Suppression comments in templates: comments the customer never sees that silence a rule.

    {# apolint: ignore[blame-shifting] #}                                  Jinja / Nunjucks / Twig
    {% comment %}apolint: ignore[blame-shifting]{% endcomment %}          Liquid
    <!-- apolint: ignore[blame-shifting] -->                              HTML / Markdown

Directives: ``ignore[ids]`` (the lines the comment sits on), ``disable[ids]`` ... ``enable[ids]``
(a range of lines; an unclosed disable runs to the end of the draft), ``ignore-file[ids]`` (the
whole draft). Without ``[ids]`` a directive covers every rule. A reason may follow after ``--``:
``{# apolint: ignore[blame-shifting] -- the customer's own words #}``.

The comments are masked before parsing (one space, newlines kept), so they are never read as
prose and every offset still points at the original text. A directive that
suppresses nothing is reported as ``unused-suppression`` (as ruff's RUF100 does for ``noqa``)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from .preprocess import Prepared, Replacement
from .report import Finding
from .ruleset import closest

UNUSED_RULE = "unused-suppression"
KINDS = ("ignore", "ignore-file", "disable", "enable")

COMMENT_RES = (
    re.compile(r"\{#-?(?P<body>.*?)-?#\}", re.DOTALL),
    re.compile(r"\{%-?\s*comment\s*-?%\}(?P<body>.*?)\{%-?\s*endcomment\s*-?%\}", re.DOTALL),
    re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL),
)
DIRECTIVE_RE = re.compile(
    r"\s*apolint\s*:\s*(?P<kind>[A-Za-z_-]*)\s*(?:\[(?P<rules>[^\]]*)\])?(?P<rest>.*)", re.DOTALL
)
RULE_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Directive:
    kind: str  # one of KINDS, or "invalid"
    rules: tuple[str, ...] | None  # None: every rule
    start: int  # the whole comment, in the original text
    end: int
    source: str  # the comment as written
    problem: str | None = None  # why an "invalid" directive could not be read
    used: set = field(default_factory=set)  # rule ids it suppressed

    @property
    def label(self) -> str:
        return self.kind + (f"[{', '.join(self.rules)}]" if self.rules else "")


def _directive(match: re.Match) -> Directive | None:
    body = match.group("body")
    parsed = DIRECTIVE_RE.fullmatch(body)
    if parsed is None:
        return None
    kind, rules_text, rest = parsed.group("kind"), parsed.group("rules"), parsed.group("rest").strip()
    directive = Directive(kind, None, match.start(), match.end(), match.group(0))
    if kind not in KINDS:
        directive.kind = "invalid"
        directive.problem = (f"unknown suppression directive '{kind}'{closest(kind, KINDS)}; "
                             f"use one of {', '.join(KINDS)}")
        return directive
    if rest and not rest.startswith("--"):
        directive.kind = "invalid"
        directive.problem = (f"cannot read '{rest}' after '{kind}': put rule ids in brackets, e.g. "
                             f"{kind}[vague-apology], and a reason after '--'")
        return directive
    if rules_text is not None:
        ids = tuple(r.strip() for r in rules_text.split(",") if r.strip())
        bad = [r for r in ids if not RULE_ID_RE.fullmatch(r)]
        if not ids or bad:
            directive.kind = "invalid"
            directive.problem = f"'{kind}[{rules_text}]' needs comma-separated rule ids, e.g. {kind}[vague-apology]"
            return directive
        directive.rules = ids
    return directive


def find_directives(text: str) -> list[Directive]:
    """Every ``apolint:`` comment in a draft, in order (other comments are left alone)."""
    found: list[Directive] = []
    taken: list[tuple[int, int]] = []
    for regex in COMMENT_RES:
        for match in regex.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue  # a comment inside another comment
            directive = _directive(match)
            if directive is not None:
                found.append(directive)
                taken.append((match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def masks(directives: list[Directive], text: str) -> list[Replacement]:
    """Take each directive comment out of the parsed text: one space (so the words either side do
    not run together, and the comment keeps a parsed position for its unused-suppression finding),
    plus the line breaks it spanned so the draft's lines stay where they are. Not spaces of the
    comment's length: that would push a greeting after the comment past the greeting test's
    column limit."""
    return [Replacement(d.start, d.end, " " + "\n" * text.count("\n", d.start, d.end)) for d in directives]


def parsed_span(prepared: Prepared, start: int, end: int) -> tuple[int, int]:
    """The parsed-text span of an original-text span (the inverse of ``original_span``)."""
    return bisect_left(prepared.to_original, start), bisect_left(prepared.to_original, end)


def _lines(prepared: Prepared, d: Directive) -> tuple[int, int]:
    return prepared.line_col(d.start)[0], prepared.line_col(max(d.start, d.end - 1))[0]


def _covers(d: Directive, rule: str) -> bool:
    return d.rules is None or rule in d.rules


def _ranges(directives: list[Directive], prepared: Prepared) -> list[tuple[Directive, int, int]]:
    """The lines each directive covers: (directive, first line, last line)."""
    line_ranges: list[tuple[Directive, int, int]] = []
    open_ranges: dict[str | None, tuple[Directive, int]] = {}
    last_line = prepared.line_col(len(prepared.original))[0]
    for d in directives:
        first, last = _lines(prepared, d)
        if d.kind == "ignore":
            line_ranges.append((d, first, last))
        elif d.kind == "ignore-file":
            line_ranges.append((d, 1, last_line))
        elif d.kind == "disable":
            for key in d.rules or (None,):
                open_ranges.setdefault(key, (d, first))
        elif d.kind == "enable":
            closing = list(open_ranges) if d.rules is None else [k for k in d.rules if k in open_ranges]
            for key in closing:
                opener, start_line = open_ranges.pop(key)
                line_ranges.append((_only(opener, key), start_line, last))
    for key, (opener, start_line) in open_ranges.items():
        line_ranges.append((_only(opener, key), start_line, last_line))
    return line_ranges


def apply(findings: list[Finding], directives: list[Directive], prepared: Prepared) -> list[Finding]:
    """Drop the findings the directives suppress, recording on each directive what it suppressed.
    The ``unused-suppression`` candidates are kept for ``report_unused``, which runs once every
    rendering of the draft (a template's branches) has been through this."""
    if not directives:
        return findings
    line_ranges = _ranges(directives, prepared)
    kept: list[Finding] = []
    for f in findings:
        if f.rule == UNUSED_RULE:
            kept.append(f)
            continue
        suppressed = False
        for scoped, first, last in line_ranges:
            if _covers(scoped, f.rule) and f.line <= last and first <= f.end_line:
                scoped.used.add(f.rule)
                suppressed = True
        if not suppressed:
            kept.append(f)
    return kept


def report_unused(findings: list[Finding], directives: list[Directive], prepared: Prepared,
                  active: set[str], known: set[str]) -> list[Finding]:
    """Keep an ``unused-suppression`` finding only for a directive (or the ids in it) that
    suppressed nothing. ``active``: the rules run on this draft (a directive naming a rule that did
    not run is not reported); ``known``: every rule id there is (others are reported as unknown)."""
    candidates = [f for f in findings if f.rule == UNUSED_RULE]
    if not candidates:
        return findings
    kept = [f for f in findings if f.rule != UNUSED_RULE]
    line_ranges = _ranges(directives, prepared)
    by_start = {d.start: d for d in directives}
    pairs = [(f, by_start[f.start]) for f in candidates if f.start in by_start]
    pairs = [(f, d) for f, d in pairs if _unused_message(d, active, known) is not None]
    reported = []
    for f, d in pairs:
        # Only a directive that names unused-suppression silences one (ignore-file[unused-suppression]);
        # a blanket directive must not hide its own staleness.
        silencers = [s for s, first, last in line_ranges
                     if s.rules and UNUSED_RULE in s.rules and s.start != d.start and f.line <= last and first <= f.end_line]
        for silencer in silencers:
            silencer.used.add(UNUSED_RULE)
        if not silencers:
            reported.append((f, d))
    for f, d in reported:
        message = _unused_message(d, active, known)  # again: silencing may have used this directive
        if message is not None:
            # The hit sits on the comment's one-character stand-in; point at the whole comment.
            line, column = prepared.line_col(d.start)
            end_line, end_column = prepared.line_col(d.end)
            kept.append(replace(f, message=message, start=d.start, end=d.end, text=prepared.original[d.start:d.end],
                                line=line, column=column, end_line=end_line, end_column=end_column))
    kept.sort(key=lambda f: f.start)
    return kept


def _only(opener: Directive, key: str | None) -> Directive:
    if key is None or opener.rules == (key,):
        return opener
    # A view of the opener that covers only ``key`` but records usage on the opener itself.
    view = Directive(opener.kind, (key,), opener.start, opener.end, opener.source)
    view.used = opener.used
    return view


def _unused_message(d: Directive, active: set[str], known: set[str]) -> str | None:
    if d.kind == "invalid":
        return f"This suppression comment cannot be read: {d.problem}."
    if d.kind == "enable":
        return None
    if d.rules is None:
        if d.used:
            return None
        return f"This '{d.label}' comment suppresses nothing; remove it so it cannot hide a future problem."
    unknown = [r for r in d.rules if r not in known]
    if unknown:
        return "; ".join(f"unknown rule '{r}'{closest(r, known)}" for r in unknown) + \
            f" in this '{d.kind}' comment."
    unused = [r for r in d.rules if r in active and r not in d.used]
    if not unused:
        return None
    if len(unused) == len(d.rules):
        return f"This '{d.label}' comment suppresses nothing; remove it so it cannot hide a future problem."
    return f"This '{d.kind}' comment suppresses nothing for {', '.join(unused)}; remove {'it' if len(unused) == 1 else 'them'} from the list."
