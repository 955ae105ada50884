"""Rules stage: compile every rule's checks once against the loaded pipeline, run them on a
draft, and turn hits into findings that point at the original text."""
from __future__ import annotations

import string
from bisect import bisect_left, bisect_right
from itertools import accumulate
from collections.abc import Iterable

from .checks import compile_check
from .draft import Draft
from .report import SEVERITY_RANK, Finding
from .ruleset import Rule, rules_read, unselected_rules_read


class _Defaulting(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_message(template: str, values: dict) -> str:
    # Only fill {names}; a stray brace in a message is kept as written.
    try:
        return string.Formatter().vformat(template, (), _Defaulting(values))
    except (ValueError, IndexError):
        return template


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def outermost(hits: list) -> list:
    """Among one check's hits: one per span, none nested inside another. Sorted sweep, so a huge
    draft with many hits stays n log n."""
    order = sorted(range(len(hits)), key=lambda i: (hits[i].start, -hits[i].end))
    keep = set()
    max_end = -1
    for i in order:
        if hits[i].end <= max_end:
            continue  # inside (or equal to) a span already kept, which starts no later
        keep.add(i)
        max_end = hits[i].end
    return [hit for i, hit in enumerate(hits) if i in keep]


def first_of_nested(hits_per_check: list[list]) -> list:
    """One finding per rule and place: a hit nested inside, or around, a hit of an earlier check
    of the same rule is dropped. A rule lists its specific checks first (the apology "for any
    inconvenience") and its catch-alls last (a sentence that names no failure), so the specific
    message wins over the sentence-wide one for the same words."""
    kept: list = []
    for hits in hits_per_check:
        hits = outermost(hits)
        if kept:
            spans = sorted((h.start, h.end) for h in kept)
            starts = [s for s, _ in spans]
            prefix_max_end = list(accumulate((e for _, e in spans), max))
            fresh = []
            for h in hits:
                i = bisect_right(starts, h.start)
                if i and prefix_max_end[i - 1] >= h.end:
                    continue  # inside a kept span
                j = bisect_left(starts, h.start)
                if any(spans[k][1] <= h.end for k in range(j, bisect_right(starts, h.end))):
                    continue  # around a kept span
                fresh.append(h)
            hits = fresh
        kept.extend(hits)
    return kept


def unsuppressed(raw: list) -> list:
    """A rule that is suppressed by another stays silent when that one fired anywhere in the draft."""
    fired = {rule.id for rule, hit in raw if hit.suppresses}
    return [(rule, hit) for rule, hit in raw if not set(rule.suppressed_by) & fired]


def drop_superseded(raw: list) -> list:
    """A rule that supersedes another takes over any span they share (no pile-on)."""
    by_superseded: dict[str, list[tuple[int, int]]] = {}
    for rule, hit in raw:
        for other_id in rule.supersedes:
            by_superseded.setdefault(other_id, []).append((hit.start, hit.end))
    if not by_superseded:
        return raw
    kept = []
    for rule, hit in raw:
        spans = by_superseded.get(rule.id, ())
        if not any(s < hit.end and hit.start < e for s, e in spans):
            kept.append((rule, hit))
    return kept


class CompiledRule:
    def __init__(self, rule: Rule, nlp):
        self.rule = rule
        self.checks = []
        for spec in rule.checks:
            spec = dict(spec)
            spec.setdefault("severity", rule.severity)
            self.checks.append(compile_check(spec, nlp))


class Engine:
    def __init__(self, rules: Iterable[Rule], nlp):
        rules = list(rules)
        compiled = [CompiledRule(r, nlp) for r in rules]
        # Rules that read other rules' findings run second, once those findings exist.
        self.rules = [c for c in compiled if not rules_read(c.rule)]
        self.dependent_rules = [c for c in compiled if rules_read(c.rule)]
        # A rule read that is not selected (--select missing-apology) still runs, unreported, so a
        # rule's findings do not depend on which other rules the user asked to see.
        self.hidden_rules = [CompiledRule(r, nlp) for r in unselected_rules_read(rules)]

    def _run(self, rules: list[CompiledRule], draft: Draft) -> list[tuple[Rule, object]]:
        raw = []
        for compiled in rules:
            hits = first_of_nested([check.run(draft) for check in compiled.checks])
            raw.extend((compiled.rule, hit) for hit in hits)
        return raw

    def findings(self, draft: Draft) -> list[Finding]:
        prepared = draft.prepared
        raw = self._run(self.rules, draft)
        if self.dependent_rules:
            fired_rules: dict[str, list[tuple[int, int]]] = {}
            for rule, hit in unsuppressed(raw + self._run(self.hidden_rules, draft)):
                fired_rules.setdefault(rule.id, []).append((hit.start, hit.end))
            draft._cache["fired_rules"] = fired_rules
            raw += self._run(self.dependent_rules, draft)
        kept = drop_superseded(unsuppressed(raw))
        out = []
        for rule, hit in kept:
            start, end = hit.original or prepared.original_span(hit.start, hit.end)
            text = prepared.original[start:end]
            line, column = prepared.line_col(start)
            end_line, end_column = prepared.line_col(end)
            values = {"text": _short(text if hit.original else draft.text[hit.start:hit.end]), **hit.vars}
            values = {k: _short(str(v)) for k, v in values.items()}
            message = render_message(hit.message or rule.message, values)
            suggestion = hit.suggestion if hit.suggestion is not None else rule.suggestion
            out.append(Finding(
                rule=rule.id,
                severity=hit.severity or rule.severity,
                message=message,
                start=start,
                end=end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=text,
                suggestion=render_message(suggestion, values) if suggestion else None,
            ))
        out.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
        return out
