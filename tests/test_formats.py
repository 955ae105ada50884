"""Every --format through the real command line: each is parseable by what reads it, and says the
same findings as the JSON contract."""
import json
import os
import pty
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from apolint.formats.github import escape_data, escape_property
from workflow_helpers import GOOD, POOR, ROOT, run

SCHEMA = json.loads((ROOT / "apolint" / "data" / "report.schema.json").read_text())
FILE_SCHEMA = SCHEMA["properties"]["files"]["items"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    d = tmp_path_factory.mktemp("drafts")
    (d / "poor.txt").write_text(POOR)
    (d / "good.txt").write_text(GOOD)
    return d


@pytest.fixture(scope="module")
def outputs(drafts):
    """One run per format, over the same two drafts, from the drafts' directory."""
    out = {}
    for fmt in ("json", "concise", "jsonl", "github", "junit", "text"):
        r = run("check", "--format", fmt, "poor.txt", "good.txt", cwd=drafts)
        assert r.returncode == 1, (fmt, r.stderr)
        out[fmt] = r.stdout
    return out


@pytest.fixture(scope="module")
def contract(outputs):
    return json.loads(outputs["json"])


def test_concise_is_one_compiler_style_line_per_finding(outputs, contract):
    lines = outputs["concise"].splitlines()
    expected = [(d["path"], f) for d in contract["files"] for f in d["findings"]]
    assert len(lines) == len(expected) + 1
    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): (?P<msg>.+) \[(?P<rule>[a-z-]+)\]$")
    for line, (path, f) in zip(lines, expected):
        m = pattern.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["sev"], m["rule"]) == (path, f["line"], f["column"], f["severity"], f["rule"])
    assert lines[-1] == f"Found {len(expected)} findings in 2 drafts."


def test_jsonl_is_one_contract_entry_per_draft(outputs, contract):
    lines = outputs["jsonl"].splitlines()
    assert len(lines) == 2
    entries = [json.loads(line) for line in lines]
    for entry in entries:
        jsonschema.validate(entry, FILE_SCHEMA)
    assert entries == contract["files"]


def test_github_annotations(outputs, contract):
    lines = outputs["github"].splitlines()
    findings = contract["files"][0]["findings"]
    assert len(lines) == len(findings)
    pattern = re.compile(r"^::(error|warning|notice) file=poor\.txt,line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=apolint ([a-z-]+)::(.+)$")
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, f in zip(lines, findings):
        m = pattern.match(line)
        assert m, line
        assert m.group(1) == level[f["severity"]]
        assert tuple(map(int, m.group(2, 3, 4, 5))) == (f["line"], f["column"], f["end_line"], f["end_column"])
        assert m.group(6) == f["rule"]
        assert m.group(7).startswith(escape_data(f["message"]))


def test_github_escaping():
    # Workflow commands end at a newline and split properties on ',' and ':'.
    assert escape_data("50% off\nnext line\r") == "50%25 off%0Anext line%0D"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_junit_parses_and_counts(outputs, contract):
    root = ET.fromstring(outputs["junit"])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["poor.txt", "good.txt"]
    poor, good = suites
    failures = poor.findall("testcase/failure")
    assert len(failures) == len(contract["files"][0]["findings"]) == int(poor.get("failures"))
    assert [c.get("name").split(" at ")[0] for c in poor.findall("testcase")] == [f["rule"] for f in contract["files"][0]["findings"]]
    assert good.findall("testcase/failure") == [] and len(good.findall("testcase")) == 1
    assert int(root.get("failures")) == contract["summary"]["findings"]
    assert poor.find("properties/property[@name='score']").get("value") == str(contract["files"][0]["score"])


def test_junit_survives_control_characters_and_unreadable_files(tmp_path):
    (tmp_path / "odd.txt").write_text("We apologize for any inconvenience.\x01\x0b Sorry.")
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \xff")
    r = run("check", "--format", "junit", "odd.txt", "bin.txt", "--encoding", "utf-8", cwd=tmp_path)
    assert r.returncode == 2
    root = ET.fromstring(r.stdout)
    assert root.find("testsuite[@name='bin.txt']/testcase/error") is not None
    assert root.find("testsuite[@name='odd.txt']/testcase/failure") is not None


def test_text_plain_when_piped_coloured_on_a_terminal_unless_no_color(drafts):
    assert "\x1b[" not in run("check", "poor.txt", cwd=drafts, env={"NO_COLOR": ""}).stdout

    def on_a_terminal(no_color):
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        env.update(TERM="xterm-256color", COLUMNS="200")
        if no_color:
            env["NO_COLOR"] = "1"
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(drafts)
            os.execve(sys.executable, [sys.executable, "-m", "apolint", "check", "poor.txt"], env)
        chunks = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode("utf-8", "replace")

    coloured = on_a_terminal(no_color=False)
    assert "generic-salutation" in coloured and "\x1b[" in coloured
    plain = on_a_terminal(no_color=True)
    assert "generic-salutation" in plain and "\x1b[" not in plain


def test_output_file_is_written_whole_and_stdout_stays_empty(drafts, outputs, tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old contents")
    r = run("check", "--format", "json", "--output-file", target, "poor.txt", "good.txt", cwd=drafts)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(target.read_text()) == json.loads(outputs["json"])
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind
    r = run("check", "--output-file", tmp_path / "report.txt", "poor.txt", cwd=drafts, env={"NO_COLOR": ""})
    text = (tmp_path / "report.txt").read_text()
    assert "generic-salutation" in text and "\x1b[" not in text  # a file never gets colour


def test_output_file_in_missing_directory_is_exit_2(drafts, tmp_path):
    r = run("check", "--output-file", tmp_path / "no" / "such" / "dir.json", "poor.txt", cwd=drafts)
    assert r.returncode == 2 and "cannot write output" in r.stderr and len(r.stderr.strip().splitlines()) == 1
