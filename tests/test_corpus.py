"""The labelled corpus: labels are well-formed, and apolint agrees with careful readers well enough.

Thresholds are floors under what the current engine measures on the whole corpus (see README,
"Evaluation"), so a change that makes apolint worse at agreeing with the labels fails here."""
from pathlib import Path

import pytest
import yaml

from apolint.evaluate import evaluate, load_corpus
from apolint.report import COMPONENTS
from apolint.ruleset import builtin_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
KNOWN_RULES = {
    "vague-apology", "inconvenience-cliche", "excuse-language", "blame-shifting", "missing-resolution",
    "missing-prevention", "over-apologizing", "generic-salutation", "conditional-apology", "sorry-you-feel",
    "but-cancellation", "passive-evasion", "minimizing", "overpromising", "legal-hedge", "placeholder-leftover",
    "humor-mismatch", "missing-apology", "missing-responsibility", "missing-empathy", "missing-explanation",
    "missing-next-steps", "corporate-cliche", "trivializing-comparison", "policy-language", "distancing-apology",
    "thanks-instead-of-sorry",
}
CORE = ["vague-apology", "excuse-language", "blame-shifting", "missing-resolution", "missing-prevention",
        "over-apologizing", "generic-salutation"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def evaluation(corpus):
    return evaluate(corpus)


def test_labels_are_well_formed(corpus):
    assert len(corpus) >= 150
    assert sum(d.verdict == "good" for d in corpus) >= 40
    for label in (CORPUS / "labels").glob("*.yaml"):
        data = yaml.safe_load(label.read_text())
        assert data["id"] == label.stem
        assert (CORPUS / "drafts" / f"{label.stem}.txt").is_file()
        assert set(data["findings"] or []) <= KNOWN_RULES, label
        assert set(data["components"] or []) <= set(COMPONENTS), label
        assert data["verdict"] in ("good", "mixed", "poor")
        lo, hi = data["score"]
        assert 0 <= lo <= hi <= 100
    for rule in CORE:
        assert sum(rule in d.findings for d in corpus) >= 5, f"corpus needs positives for {rule}"


def test_score_ranks_good_above_poor(evaluation):
    assert evaluation.auc >= 0.95


def test_components_agree_with_labels(evaluation):
    assert evaluation.macro_f1 >= 0.82
    for name in ("regret", "responsibility", "specifics", "resolution", "prevention", "empathy"):
        assert evaluation.components[name]["f1"] >= 0.8, name


# blame-shifting's recall floor sits just under what it measures (0.70 on the whole corpus): the
# blind writers blame couriers, suppliers and customers in more ways than the rule reads yet.
RECALL_FLOOR = {"blame-shifting": 0.65}


@pytest.mark.parametrize("rule", CORE)
def test_core_rule_agrees_with_labels(evaluation, rule):
    counts = evaluation.rules[rule]
    assert counts["precision"] is not None and counts["precision"] >= 0.6, counts
    assert counts["recall"] is not None and counts["recall"] >= RECALL_FLOOR.get(rule, 0.5), counts


def test_good_drafts_raise_no_errors(corpus):
    import apolint

    good = [d for d in corpus if d.verdict == "good"]
    with_errors = [d.id for d in good if any(f.severity == "error" for f in apolint.lint_text(d.text).findings)]
    assert len(with_errors) <= len(good) // 10, with_errors


def test_evaluation_tool_runs_on_a_split(capsys):
    from apolint.evaluate import main

    assert main([str(CORPUS), "--split", "holdout"]) == 0
    out = capsys.readouterr().out
    assert "holdout split" in out and "AUC good vs poor" in out


def test_evaluation_tool_filters_by_writer_and_reports_the_whole_corpus(tmp_path, capsys):
    from apolint.evaluate import main

    (tmp_path / "drafts").mkdir()
    (tmp_path / "labels").mkdir()
    for name, writer in (("g-one", "wx"), ("g-two", None), ("g-three", "wy")):
        (tmp_path / "drafts" / f"{name}.txt").write_text("I'm sorry I sent the wrong size. The right one ships today.\n")
        label = {"id": name, "verdict": "good", "score": [70, 100], "findings": [], "components": ["regret"],
                 "register": "chat", "failure_severity": "low"}
        if writer:
            label["writer"] = writer
        (tmp_path / "labels" / f"{name}.yaml").write_text(yaml.safe_dump(label))
    assert main([str(tmp_path), "--split", "whole", "--writer", "wx", "--writer", "core"]) == 0
    out = capsys.readouterr().out
    assert "## every draft, writer wx, core (2 drafts)" in out
    assert main([str(tmp_path), "--writer", "nobody"]) == 2
    assert "no drafts by writer nobody" in capsys.readouterr().err


def test_rule_ids_in_labels_exist_or_are_planned(corpus):
    implemented = {r.id for r in builtin_rules()}
    assert set(CORE) <= implemented


def test_no_rule_cries_wolf_on_the_corpus(evaluation):
    """Every rule that fires on the corpus is right at least 60% of the time (the lowest, the info
    note missing-explanation, measures 0.64; most rules are above 0.9)."""
    low = {rule: c["precision"] for rule, c in evaluation.rules.items()
           if c["precision"] is not None and c["precision"] < 0.6}
    assert not low, low


def test_explanation_labels_follow_the_consistency_pass():
    """The blind readers' answers (corpus/passes/) decide missing-explanation (C: empty formula, D:
    no cause) and the explanation component (A: owned or neutral cause) on the drafts they read, so
    a later label edit cannot quietly reintroduce the old disagreement."""
    answers = {}
    for line in (CORPUS / "passes" / "explanation-answers.tsv").read_text().splitlines():
        if line.strip():
            draft_id, answer = line.split("\t")[:2]
            answers[draft_id] = answer.strip()
    assert len(answers) >= 300
    drafts = {d.id: d for d in load_corpus(CORPUS)}
    for draft_id, answer in answers.items():
        draft = drafts[draft_id]
        assert ("missing-explanation" in draft.findings) == (answer in ("C", "D")), draft_id
        assert ("explanation" in draft.components) == (answer == "A"), draft_id
