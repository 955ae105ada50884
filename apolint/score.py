"""Score stage: 0-100 from the components a draft has (weights in ``data/scoring.yaml``), minus
deductions for findings. Components the context does not call for are left out of the total."""
from __future__ import annotations

import functools
from collections import Counter
from importlib import resources

import yaml

from .report import COMPONENTS, Finding


@functools.lru_cache(maxsize=1)
def scoring() -> dict:
    return yaml.load(resources.files("apolint").joinpath("data/scoring.yaml").read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def expected_components(register: str, failure_severity: str) -> list[str]:
    cfg = scoring()["not_expected"]
    skip = set(cfg["register"].get(register, [])) | set(cfg["failure_severity"].get(failure_severity, []))
    return [c for c in COMPONENTS if c not in skip]


def credited_components(components: dict[str, bool], findings: list[Finding]) -> dict[str, bool]:
    cancels = scoring()["cancels"]
    credited = dict(components)
    for f in findings:
        for comp in cancels.get(f.rule, []):
            credited[comp] = False
    return credited


def score_draft(components: dict[str, bool], findings: list[Finding], register: str, failure_severity: str) -> int:
    cfg = scoring()
    weights = cfg["weights"]
    expected = expected_components(register, failure_severity)
    credited = credited_components(components, findings)
    available = sum(weights[c] for c in expected)
    earned = sum(weights[c] for c in expected if credited.get(c))
    base = 100.0 * earned / available if available else 100.0
    deduction_cfg = cfg["deductions"]
    counts: Counter = Counter()
    grouped = 0.0
    total = 0.0
    for f in findings:
        counts[f.rule] += 1
        if counts[f.rule] > cfg["max_repeats"]:
            continue
        points = deduction_cfg["rules"].get(f.rule, deduction_cfg["default"][f.severity])
        if f.rule in cfg["capped_group"]["rules"]:
            grouped += points
        else:
            total += points
    total += min(grouped, cfg["capped_group"]["cap"])
    if cfg.get("deduction_mode") == "proportional":
        # Each point of deduction takes a share of what the draft earned, so the same finding costs
        # a strong draft more points than a weak one and weak drafts do not all pile up at 0.
        return max(0, min(100, round(base * (1 - cfg["proportional_share"] / 100) ** total)))
    return max(0, min(100, round(base - total)))
