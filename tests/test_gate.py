"""The CI gate: --fail-under, --exit-zero, --statistics, and the baseline workflow."""
import json

import pytest

from apolint.baseline import BaselineError, load_baseline, write_baseline
from apolint.gate import evaluate
from apolint.lint import lint_text
from workflow_helpers import GOOD, POOR, run

VAGUE = "We apologize for the trouble."
MIDDLING = "Hi Sam,\n\nI'm sorry we charged you twice for order #4821. I've refunded the extra £40 today.\n\nBest,\nAna\n"


@pytest.fixture()
def lib(tmp_path):
    (tmp_path / "poor.txt").write_text(POOR)
    (tmp_path / "good.txt").write_text(GOOD)
    return tmp_path


def test_fail_under_exit_zero_and_reasons(lib):
    (lib / "middling.txt").write_text(MIDDLING)
    score = json.loads(run("check", "--format", "json", "middling.txt", cwd=lib).stdout)["files"][0]["score"]
    assert score < 100
    r = run("check", "--fail-on", "never", "--fail-under", score + 1, "middling.txt", cwd=lib)
    assert r.returncode == 1
    assert f"middling.txt: score {score} is under --fail-under {score + 1}" in r.stderr
    assert run("check", "--fail-on", "never", "--fail-under", score, "middling.txt", cwd=lib).returncode == 0
    r = run("check", "--exit-zero", "--fail-under", 100, "poor.txt", cwd=lib)
    assert r.returncode == 0 and "generic-salutation" in r.stdout
    assert run("check", "--exit-zero", "poor.txt", "missing.txt", cwd=lib).returncode == 2  # bad input still fails
    assert run("check", "--fail-under", 101, "good.txt", cwd=lib).returncode == 2


def test_statistics_counts_per_rule(lib):
    contract = json.loads(run("check", "--format", "json", "poor.txt", "good.txt", cwd=lib).stdout)
    counts = {}
    for f in contract["files"][0]["findings"]:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    r = run("check", "--statistics", "--format", "json", "poor.txt", "good.txt", cwd=lib)
    assert r.returncode == 1
    rows = json.loads(r.stdout)
    assert {row["rule"]: row["count"] for row in rows} == counts
    assert [row["count"] for row in rows] == sorted(counts.values(), reverse=True)
    text = run("check", "--statistics", "poor.txt", cwd=lib).stdout.splitlines()
    assert text[-1].split() == [str(sum(counts.values())), "total"]
    assert any(line.split()[:2] == [str(counts["vague-apology"]), "vague-apology"] for line in text)


def test_gate_uses_each_drafts_own_levels():
    poor, good = lint_text(POOR, "poor.txt"), lint_text(GOOD, "good.txt")
    strict = {"poor.txt": ("never", None), "good.txt": ("warning", 101)}
    result = evaluate([poor, good], strict.get)
    assert result.code == 1 and result.reasons == [f"good.txt: score {good.score} is under --fail-under 101"]
    assert evaluate([poor], lambda p: ("never", None)).code == 0
    assert evaluate([poor], lambda p: ("error", None)).code == (1 if any(f.severity == "error" for f in poor.findings) else 0)


def test_baseline_round_trip(lib):
    baseline = lib / "apolint-baseline.json"
    r = run("check", "--write-baseline", baseline, ".", cwd=lib)
    assert r.returncode == 0 and r.stdout == ""
    recorded = json.loads(baseline.read_text())
    poor_findings = len(lint_text(POOR).findings)
    assert f"recorded {poor_findings} findings in 2 drafts" in r.stderr
    assert sorted(recorded["drafts"]) == ["good.txt", "poor.txt"]

    # Same library, run from another directory: nothing new, exit 0.
    r = run("check", "--baseline", baseline, lib, "--format", "json", cwd=lib.parent)
    assert r.returncode == 0, r.stdout
    assert json.loads(r.stdout)["summary"]["findings"] == 0
    assert f"{poor_findings} known findings hidden, 0 fixed" in r.stderr

    # Lines shift, and a new problem is added at the end: only the new one is reported.
    shifted = "\n\n" + POOR.replace("the first parcel.", "the first parcel. You should have read the delivery terms.")
    (lib / "poor.txt").write_text(shifted)
    r = run("check", "--baseline", baseline, ".", "--format", "json", cwd=lib)
    assert r.returncode == 1
    new = json.loads(r.stdout)["files"][1]["findings"]
    assert [f["rule"] for f in new] == ["blame-shifting"] and "You should have read" in new[0]["text"]

    # Fixing a recorded finding is counted.
    (lib / "poor.txt").write_text(POOR.replace("Dear Valued Customer", "Hi Priya"))
    r = run("check", "--baseline", baseline, ".", cwd=lib)
    assert r.returncode == 0 and f"{poor_findings - 1} known findings hidden, 1 fixed" in r.stderr


def test_baseline_occurrences_and_score_floor(tmp_path):
    draft = tmp_path / "vague.txt"
    draft.write_text(VAGUE)
    report = lint_text(VAGUE, str(draft))
    write_baseline(tmp_path / "b.json", [report])
    twice = lint_text(VAGUE + " " + VAGUE, str(draft))
    baseline = load_baseline(tmp_path / "b.json")
    left = baseline.filter(twice)
    # The same words flagged a second time are a new finding (occurrence 1 was not recorded).
    second = [f for f in twice.findings if f.rule == "vague-apology" and f.start > len(VAGUE)]
    assert second and [f for f in left.findings if f.rule == "vague-apology"] == second

    # Under the floor already when recorded: fails only if it got worse.
    middling = lint_text(MIDDLING, str(draft))
    write_baseline(tmp_path / "b.json", [middling])
    baseline = load_baseline(tmp_path / "b.json")
    levels = lambda p: ("never", 90)  # noqa: E731
    assert middling.score < 90
    assert evaluate([middling], levels).code == 1
    assert evaluate([middling], levels, baseline_score=baseline.score).code == 0
    worse = lint_text(MIDDLING.replace("today.", "today. You should have checked your statement sooner."), str(draft))
    assert worse.score < middling.score
    assert evaluate([worse], levels, baseline_score=baseline.score).code == 1


def test_bad_baseline_files(tmp_path):
    (tmp_path / "a.json").write_text("{not json")
    (tmp_path / "b.json").write_text(json.dumps({"drafts": {}}))
    for name, needle in (("a.json", "invalid JSON"), ("b.json", "not an apolint baseline"), ("c.json", "not found")):
        with pytest.raises(BaselineError, match=needle):
            load_baseline(tmp_path / name)
    (tmp_path / "d.txt").write_text(VAGUE)
    r = run("check", "--baseline", "a.json", "d.txt", cwd=tmp_path)
    assert r.returncode == 2 and "invalid JSON" in r.stderr and len(r.stderr.strip().splitlines()) == 1
