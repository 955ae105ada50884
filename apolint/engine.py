"""Rules stage: compile every rule's checks once against the loaded pipeline, run them on a
draft, and turn hits into findings that point at the original text."""
from __future__ import annotations

import string
from collections.abc import Iterable

from .checks import compile_check
from .draft import Draft
from .report import SEVERITY_RANK, Finding
from .ruleset import Rule


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
        self.rules = [CompiledRule(r, nlp) for r in rules]

    def findings(self, draft: Draft) -> list[Finding]:
        prepared = draft.prepared
        raw: list[tuple[Rule, object]] = []
        for compiled in self.rules:
            seen = set()
            for check in compiled.checks:
                for hit in check.run(draft):
                    key = (hit.start, hit.end)
                    # One finding per rule and span, and none nested inside another of the same rule.
                    if key in seen or any(s <= hit.start and hit.end <= e for s, e in seen):
                        continue
                    seen.add(key)
                    raw.append((compiled.rule, hit))
        # A rule that supersedes another takes over any span they share (no pile-on), and a rule
        # that is suppressed by another stays silent when that one fired anywhere in the draft.
        fired = {rule.id for rule, _ in raw}
        raw = [(rule, hit) for rule, hit in raw if not set(rule.suppressed_by) & fired]
        kept = []
        for rule, hit in raw:
            shadowed = any(
                rule.id in other.supersedes and other_hit.start < hit.end and hit.start < other_hit.end
                for other, other_hit in raw if other is not rule
            )
            if not shadowed:
                kept.append((rule, hit))
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
