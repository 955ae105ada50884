"""The command line as a user runs it: files, stdin, directories, globs, formats, exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "apolint" / "data" / "report.schema.json").read_text())
GOOD = (ROOT / "examples" / "good-draft.txt").read_text()
POOR = (ROOT / "examples" / "poor-draft.txt").read_text()


def run(*args, stdin=None, cwd=None):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "apolint", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture()
def drafts(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "poor.txt").write_text(POOR)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "note.md").write_text("Dear Sir/Madam,\n\nWe apologise for the trouble.\n")
    (sub / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    return tmp_path


def test_text_output_points_at_words(drafts):
    r = run("check", str(drafts / "poor.txt"))
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{drafts / 'poor.txt'}:1:1 warning generic-salutation ")
    assert "^^^^^^^^^^^^^^^^^^^^" in r.stdout  # caret line under "Dear Valued Customer"
    assert "score 0/100" in r.stdout or "score " in r.stdout
    assert "missing: responsibility" in r.stdout


def test_clean_file_exits_zero(drafts):
    r = run("check", str(drafts / "good.txt"))
    assert r.returncode == 0, r.stdout
    assert "score" in r.stdout


def test_json_matches_contract_schema(drafts):
    r = run("check", "--format", "json", str(drafts / "poor.txt"), str(drafts / "good.txt"))
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [f["path"] for f in data["files"]] == [str(drafts / "poor.txt"), str(drafts / "good.txt")]
    text = POOR
    for finding in data["files"][0]["findings"]:
        assert text[finding["start"]:finding["end"]] == finding["text"]
        line = text.split("\n")[finding["line"] - 1]
        assert line[finding["column"] - 1:].startswith(finding["text"].split("\n")[0])
    assert data["summary"]["files"] == 2
    assert data["summary"]["findings"] == sum(len(f["findings"]) for f in data["files"])


def test_stdin(drafts):
    r = run("check", "-", "--format", "json", stdin="We apologize for any inconvenience this may have caused.")
    data = json.loads(r.stdout)
    assert data["files"][0]["path"] == "-"
    assert data["files"][0]["score"] <= 30


def test_directory_walk_lints_txt_and_md_and_skips_binary(drafts):
    r = run("check", "--format", "json", str(drafts))
    data = json.loads(r.stdout)
    paths = [Path(f["path"]).name for f in data["files"]]
    assert paths == ["good.txt", "poor.txt", "note.md"]
    assert r.returncode == 1


def test_glob(drafts):
    r = run("check", "--format", "json", str(drafts / "*.txt"))
    assert len(json.loads(r.stdout)["files"]) == 2


def test_missing_file_is_exit_2_and_others_still_linted(drafts):
    r = run("check", "--format", "json", str(drafts / "nope.txt"), str(drafts / "good.txt"))
    assert r.returncode == 2
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["files"][0]["error"] == "no such file" and data["files"][0]["score"] is None
    assert data["files"][1]["score"] >= 85
    assert data["summary"]["failed"] == 1
    assert "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_explicit_binary_file_is_an_error(drafts):
    r = run("check", str(drafts / "sub" / "image.png"))
    assert r.returncode == 2
    assert "binary" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_fail_on_levels(drafts):
    info_only = drafts / "info.txt"
    # The complete example with one extra back-to-back apology: only an info finding.
    info_only.write_text(GOOD.replace("I'm sorry we charged", "I'm so sorry. I'm sorry we charged"))
    report = json.loads(run("check", "--format", "json", str(info_only)).stdout)
    assert {f["severity"] for f in report["files"][0]["findings"]} == {"info"}
    assert run("check", str(info_only)).returncode == 0
    assert run("check", "--fail-on", "info", str(info_only)).returncode == 1
    assert run("check", "--fail-on", "never", str(drafts / "poor.txt")).returncode == 0
    assert run("check", "--fail-on", "error", str(drafts / "good.txt")).returncode == 0


def test_usage_errors_exit_2(drafts):
    assert run("check").returncode == 2
    r = run("check", "--format", "yaml", str(drafts / "good.txt"))
    assert r.returncode == 2
    r = run("check", "--select", "vague-apolgy", str(drafts / "good.txt"))
    assert r.returncode == 2 and "vague-apology" in r.stderr


def test_select_runs_only_named_rules(drafts):
    r = run("check", "--format", "json", "--select", "generic-salutation", str(drafts / "poor.txt"))
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert rules == {"generic-salutation"}


def test_rules_and_rule_docs():
    r = run("rules")
    assert r.returncode == 0
    for rule_id in ("vague-apology", "excuse-language", "blame-shifting", "missing-resolution",
                    "missing-prevention", "over-apologizing", "generic-salutation"):
        assert rule_id in r.stdout
    r = run("rule", "blame-shifting")
    assert r.returncode == 0
    for heading in ("What it does", "Why it hurts the apology", "Flagged", "Not flagged"):
        assert heading in r.stdout
    assert "Statuspage" in r.stdout  # the evidence is in the docs
    r = run("rule", "blame-shift")
    assert r.returncode == 2 and "blame-shifting" in r.stderr


def test_files_are_not_modified(drafts):
    before = {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()}
    run("check", str(drafts))
    after = {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()}
    assert before == after
