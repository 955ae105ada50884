"""SARIF output, checked against the subset GitHub code scanning requires
(tests/data/sarif-github-subset.schema.json, from research/anchors-linters.md section e) and
against the findings it reports."""
import json

import jsonschema
import pytest

from apolint.ruleset import builtin_rules
from workflow_helpers import POOR, ROOT, run

SUBSET = json.loads((ROOT / "tests" / "data" / "sarif-github-subset.schema.json").read_text())


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("sarif")
    (d / "templates").mkdir()
    (d / "templates" / "refund delay.txt").write_text(POOR)
    # The same draft with two lines added on top: fingerprints must not change.
    (d / "shifted").mkdir()
    (d / "shifted" / "refund delay.txt").write_text("\n\n" + POOR)
    out = {}
    for name in ("templates", "shifted"):
        r = run("check", "--format", "sarif", f"{name}/refund delay.txt", cwd=d)
        assert r.returncode == 1, r.stderr
        out[name] = json.loads(r.stdout)
    r = run("check", "--format", "json", "templates/refund delay.txt", cwd=d)
    out["json"] = json.loads(r.stdout)
    return out


def test_validates_against_the_github_subset(runs):
    jsonschema.validate(runs["templates"], SUBSET)


def test_rules_carry_what_github_shows(runs):
    run_ = runs["templates"]["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"  # set explicitly: readers disagree on the default
    rules = run_["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {r.id for r in builtin_rules()}
    builtin = {r.id: r for r in builtin_rules()}
    for descriptor in rules:
        rule = builtin[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["markdown"].startswith(f"**{rule.summary}**")
        assert descriptor["helpUri"].endswith(f"/rules/{rule.id}.yaml")
        assert descriptor["properties"]["precision"] in ("very-high", "high", "medium", "low")
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert descriptor["defaultConfiguration"]["level"] == level


def test_results_match_the_findings(runs):
    run_ = runs["templates"]["runs"][0]
    findings = runs["json"]["files"][0]["findings"]
    results = run_["results"]
    assert len(results) == len(findings) > 0
    rules = run_["tool"]["driver"]["rules"]
    lines = POOR.split("\n")
    for result, f in zip(results, findings):
        assert result["ruleId"] == f["rule"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "templates/refund%20delay.txt"
        region = location["region"]
        # endColumn is the column after the last character: the region spells the finding's text.
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == f["text"]
        assert region["snippet"]["text"] == f["text"]


def test_fingerprints_survive_lines_moving(runs):
    before = runs["templates"]["runs"][0]["results"]
    after = runs["shifted"]["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    # The line-hash GitHub uses and apolint's own (rule + words + occurrence) do not depend on the
    # line number; apolint's also ignores the directory (it is keyed by the path as given).
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in before] == \
        [r["partialFingerprints"]["primaryLocationLineHash"] for r in after]
    hashes = [r["partialFingerprints"]["apolintFinding/v1"] for r in before]
    assert len(set(hashes)) == len(hashes)  # distinct findings never share one


def test_unreadable_file_is_a_tool_notification(tmp_path):
    (tmp_path / "ok.txt").write_text("We apologize for any inconvenience.")
    r = run("check", "--format", "sarif", "ok.txt", "missing.txt", cwd=tmp_path)
    assert r.returncode == 2
    log = json.loads(r.stdout)
    jsonschema.validate(log, SUBSET)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert "missing.txt" in note["message"]["text"] and note["level"] == "error"
    assert log["runs"][0]["results"], "the readable draft is still reported"


def test_non_bmp_characters_count_as_one_column(tmp_path):
    (tmp_path / "emoji.txt").write_text("Hi 🙂 there! We apologize for any inconvenience.\n")
    r = run("check", "--format", "sarif", "--select", "vague-apology", "emoji.txt", cwd=tmp_path)
    result = json.loads(r.stdout)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = "Hi 🙂 there! We apologize for any inconvenience."
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
    assert region["startColumn"] == line.index("We") + 1  # code points, as columnKind says
