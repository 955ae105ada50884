"""The CI gate: the exit code of ``apolint check`` and why, and ``--statistics``.

    0  nothing at or above the fail level, no draft under the score floor (or --exit-zero)
    1  a finding at or above --fail-on, or a draft scoring under --fail-under
    2  a draft that could not be read, a broken configuration or rule file"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .report import SEVERITY_RANK, DraftReport


@dataclass
class GateResult:
    code: int
    reasons: list[str] = field(default_factory=list)  # one line each, for stderr


def evaluate(drafts: list[DraftReport], levels: Callable[[str], tuple[str, int | None]], *,
             exit_zero: bool = False, input_errors: bool = False,
             baseline_score: Callable[[str], int | None] | None = None) -> GateResult:
    """``levels(path)`` gives the draft's (fail-on, fail-under) from its settings.
    ``baseline_score(path)``, with a baseline: the draft's recorded score, so a draft already under
    the floor fails only if it got worse."""
    if input_errors or any(d.error is not None for d in drafts):
        return GateResult(2)
    reasons = []
    failing = False
    for draft in drafts:
        fail_on, fail_under = levels(draft.path)
        if fail_on != "never":
            threshold = SEVERITY_RANK[fail_on]
            if any(SEVERITY_RANK[f.severity] >= threshold for f in draft.findings):
                failing = True
        if fail_under is not None and draft.score is not None and draft.score < fail_under:
            recorded = baseline_score(draft.path) if baseline_score else None
            if recorded is not None and draft.score >= recorded:
                continue
            failing = True
            worse = f" (baseline {recorded})" if recorded is not None else ""
            reasons.append(f"{draft.path}: score {draft.score} is under --fail-under {fail_under}{worse}")
    if exit_zero:
        return GateResult(0, reasons)
    return GateResult(1 if failing else 0, reasons)


def statistics(drafts: list[DraftReport]) -> list[dict]:
    """Findings per rule, most frequent first: rule, count, and how many at each severity."""
    counts: Counter = Counter()
    by_severity: dict[str, Counter] = {}
    for draft in drafts:
        for f in draft.findings:
            counts[f.rule] += 1
            by_severity.setdefault(f.rule, Counter())[f.severity] += 1
    return [
        {"rule": rule, "count": n, "severity": dict(sorted(by_severity[rule].items(),
                                                        key=lambda kv: -SEVERITY_RANK[kv[0]]))}
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_statistics(rows: list[dict], as_json: bool, summaries: dict[str, str]) -> str:
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return "No findings.\n"
    width = max(len(r["rule"]) for r in rows)
    count_width = max(len(str(r["count"])) for r in rows)
    severities = {r["rule"]: "(" + ", ".join(f"{n} {sev}" for sev, n in r["severity"].items()) + ")" for r in rows}
    severity_width = max(len(s) for s in severities.values())
    lines = []
    for r in rows:
        summary = summaries.get(r["rule"], "")
        lines.append(f"{r['count']:>{count_width}}  {r['rule']:<{width}}  {severities[r['rule']]:<{severity_width}}  "
                     f"{summary}".rstrip())
    total = sum(r["count"] for r in rows)
    lines.append(f"{total:>{count_width}}  total")
    return "\n".join(lines) + "\n"
