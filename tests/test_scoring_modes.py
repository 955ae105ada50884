"""Scoring arithmetic: proportional deductions compound on what the draft earned."""
from apolint import score as score_mod
from apolint.report import COMPONENTS, Finding


def finding(rule, severity="warning"):
    return Finding(rule, severity, "m", 0, 1, 1, 1, 1, 2, "x", None)


def test_proportional_deduction_costs_strong_drafts_more_points(monkeypatch):
    all_on = {c: True for c in COMPONENTS}
    half = {c: c in ("regret", "responsibility", "resolution", "specifics") for c in COMPONENTS}
    strong_clean = score_mod.score_draft(all_on, [], "email", "medium")
    strong = score_mod.score_draft(all_on, [finding("vague-apology")], "email", "medium")
    weak_clean = score_mod.score_draft(half, [], "email", "medium")
    weak = score_mod.score_draft(half, [finding("vague-apology")], "email", "medium")
    assert strong_clean == 100
    assert strong_clean - strong > weak_clean - weak > 0
    assert weak > 0


def test_cancelled_component_loses_its_points():
    all_on = {c: True for c in COMPONENTS}
    with_blame = score_mod.score_draft(all_on, [finding("blame-shifting", "error")], "email", "medium")
    with_other = score_mod.score_draft(all_on, [finding("minimizing", "warning")], "email", "medium")
    assert with_blame < with_other


def test_chat_register_does_not_expect_prevention():
    comps = {c: c != "prevention" for c in COMPONENTS}
    assert score_mod.score_draft(comps, [], "chat", "medium") == 100
    assert score_mod.score_draft(comps, [], "email", "medium") < 100
