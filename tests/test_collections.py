"""Collections of drafts in each platform's export shape: the right number of drafts, FILE#ID
paths, line and column numbers in the collection file, and the directory walk's choices."""
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from apolint.collection import expand
from apolint.lint import Options, lint_sources
from apolint.read import Notice, ReadFailure, Source, iter_sources

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "collections"
SCHEMA = json.loads((ROOT / "apolint" / "data" / "report.schema.json").read_text())


def drafts(path, input_format="auto", column=None):
    items = list(expand(iter_sources([str(path)]), input_format, column))
    return [i for i in items if isinstance(i, Source)], [i for i in items if not isinstance(i, Source)]


@pytest.mark.parametrize("rel,ids", [
    ("zendesk/macros.json", ["360011112222", "360011113333", "360011114444"]),
    ("helpscout/saved-replies.json", ["1234567", "1234568"]),
    ("freshdesk/canned-responses.json", ["15000012345", "15000012346"]),
    ("intercom/macros.json", ["123", "124"]),
    ("front/message-templates.json", ["rsp_3rd8"]),
    ("gorgias/macros.json", ["42"]),
    ("generic/drafts.yaml", ["late-parcel", "vip-outage"]),
    ("generic/drafts.csv", ["late-1", "refund-2"]),
    ("generic/dynamic-content.csv", ["apology_late"]),
])
def test_each_export_yields_its_drafts(rel, ids):
    sources, _ = drafts(FIX / rel)
    assert [s.path for s in sources] == [f"{FIX / rel}#{i}" for i in ids]


def _file_pos(path, needle, occurrence=0):
    text = Path(path).read_text(encoding="utf-8")
    idx = -1
    for _ in range(occurrence + 1):
        idx = text.index(needle, idx + 1)
    line = text.count("\n", 0, idx) + 1
    return line, idx - (text.rfind("\n", 0, idx) + 1) + 1


def lint_file(path, **options):
    return list(lint_sources(expand(iter_sources([str(path)])), Options(**options)))


def test_zendesk_positions_point_into_the_json_file():
    path = FIX / "zendesk" / "macros.json"
    reports = {r.path.split("#")[1]: r for r in lint_file(path)}
    info = next(f for f in reports["360011112222"].findings if f.rule == "merge-field-fallback")
    assert (info.line, info.column) == _file_pos(path, "{{ticket.requester.first_name}}")
    assert (info.end_line, info.end_column) == (info.line, info.column + len("{{ticket.requester.first_name}}"))
    salutation = next(f for f in reports["360011113333"].findings if f.rule == "generic-salutation")
    assert (salutation.line, salutation.column) == _file_pos(path, "Dear Valued Customer")
    # start/end are offsets into the macro's own text (the contract), not the file.
    source = next(s for s in drafts(path)[0] if s.path.endswith("#360011113333"))
    assert source.text[salutation.start:salutation.end] == salutation.text == "Dear Valued Customer"


def test_json_escapes_keep_columns_exact():
    path = FIX / "zendesk" / "macros.json"
    report = next(r for r in lint_file(path) if r.path.endswith("#360011112222"))
    # "Our warehouse..." sits after two escaped \n in the same JSON line.
    for f in report.findings:
        line_text = path.read_text().split("\n")[f.line - 1]
        assert line_text[f.column - 1:].startswith(f.text.split("\n")[0]) or f.text.startswith("{{")


def test_yaml_block_and_csv_quoted_fields_map_to_file_lines():
    yaml_path = FIX / "generic" / "drafts.yaml"
    vip = next(r for r in lint_file(yaml_path) if r.path.endswith("#vip-outage"))
    sal = next(f for f in vip.findings if f.rule == "generic-salutation")
    assert (sal.line, sal.column) == _file_pos(yaml_path, "Hi there")
    assert sal.message.endswith("(in branch: else of if customer.vip)")
    csv_path = FIX / "generic" / "drafts.csv"
    reports = {r.path.split("#")[1]: r for r in lint_file(csv_path)}
    fill = next(f for f in reports["refund-2"].findings if f.rule == "placeholder-leftover" and f.severity == "error")
    assert fill.text == "[amount]" and (fill.line, fill.column) == _file_pos(csv_path, "[amount]")
    # "any inconvenience" is inconvenience-cliche's (it supersedes vague-apology on these words)
    vague = next(f for f in reports["late-1"].findings if f.rule == "inconvenience-cliche")
    assert vague.line == _file_pos(csv_path, "We apologize")[0]


def test_html_macros_are_stripped_and_positions_kept():
    path = FIX / "helpscout" / "saved-replies.json"
    reports = {r.path.split("#")[1]: r for r in lint_file(path)}
    good = reports["1234567"]
    assert not [f for f in good.findings if f.rule in ("placeholder-leftover", "generic-salutation")]
    assert good.components["personalization"] and good.components["specifics"]
    bad = reports["1234568"]
    fill = next(f for f in bad.findings if f.severity == "error")
    assert fill.text == "[Describe what went wrong]"
    assert (fill.line, fill.column) == _file_pos(path, "[Describe what went wrong]")


def test_no_findings_on_placeholder_syntax_in_any_export():
    for path in sorted(FIX.rglob("*")):
        if path.suffix not in (".json", ".yaml", ".csv") or path.name == "settings.json":
            continue
        for report in lint_file(path):
            for f in report.findings:
                if f.rule == "merge-field-fallback":  # reports a placeholder by design (no fallback)
                    assert f.severity == "info", (report.path, f.text)
                elif f.rule == "placeholder-leftover":
                    assert "{" not in f.text, (report.path, f.text)
                else:
                    assert not (f.text.startswith(("{{", "{%", "*|", "<attribute")) and f.text.endswith(("}}", "%}", "|*", "/>"))), (report.path, f.rule, f.text)


def test_zendesk_macro_without_reply_is_a_notice():
    _, others = drafts(FIX / "zendesk" / "macros.json")
    assert [type(o) for o in others] == [Notice] and "no reply text" in others[0].message


def test_unrecognised_json_is_an_error_when_named_and_a_notice_in_a_walk():
    _, others = drafts(FIX / "generic" / "settings.json")
    assert [type(o) for o in others] == [ReadFailure] and "not a recognised collection" in others[0].message
    _, walked = drafts(FIX / "generic")
    assert any(isinstance(o, Notice) and o.path.endswith("settings.json") for o in walked)
    assert not any(isinstance(o, ReadFailure) for o in walked)


def test_forced_format_and_column(tmp_path):
    f = tmp_path / "replies.csv"
    f.write_text("key;reply_text\nlate;We apologize for any inconvenience.\n")
    sources, others = drafts(f)
    assert not sources and isinstance(others[0], ReadFailure) and "--column" in others[0].message
    sources, _ = drafts(f, column="reply_text")
    assert [s.path for s in sources] == [f"{f}#late"]
    g = tmp_path / "list.txt"
    g.write_text('[{"id": "a", "body": "We are sorry."}]')
    sources, _ = drafts(g, input_format="json")
    assert [s.path for s in sources] == [f"{g}#a"]
    sources, _ = drafts(g)  # a .txt is a draft unless told otherwise
    assert [s.path for s in sources] == [str(g)]


def test_invalid_json_names_line_and_column(tmp_path):
    f = tmp_path / "macros.json"
    f.write_text('{"macros": [\n  {"id": 1,, "actions": []}\n]}')
    _, others = drafts(f)
    assert isinstance(others[0], ReadFailure) and "line 2 column" in others[0].message


def run(*args):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "apolint", *args], capture_output=True, text=True, env=env, timeout=300)


def test_cli_json_report_for_a_collection_matches_the_contract():
    path = FIX / "zendesk" / "macros.json"
    r = run("check", "--format", "json", str(path))
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [f["path"] for f in data["files"]] == [f"{path}#360011112222", f"{path}#360011113333", f"{path}#360011114444"]
    assert r.returncode == 1  # warnings in the outage macro
    assert "no reply text" in r.stderr


def test_cli_text_output_shows_the_collection_line():
    path = FIX / "front" / "message-templates.json"
    r = run("check", "--fail-on", "never", str(path))
    assert r.returncode == 0
    line, col = _file_pos(path, "{{recipient.first_name}}")
    assert f"{path}#rsp_3rd8:{line}:{col} info merge-field-fallback" in r.stdout
    assert '"body": "<div>Hi {{recipient.first_name}}' in r.stdout  # the file's line, not the macro's


def test_cli_render_platform_and_bad_render_value(tmp_path):
    path = FIX / "generic" / "drafts.yaml"
    r = run("check", "--format", "json", "--render", '{"customer": {"vip": false}}', str(path))
    vip = next(f for f in json.loads(r.stdout)["files"] if f["path"].endswith("#vip-outage"))
    sal = [f for f in vip["findings"] if f["rule"] == "generic-salutation"]
    assert sal and "in branch" not in sal[0]["message"]
    values = tmp_path / "vars.json"
    values.write_text('{"customer": {"vip": true, "first_name": "Ana"}}')
    r = run("check", "--format", "json", "--render", f"@{values}", str(path))
    vip = next(f for f in json.loads(r.stdout)["files"] if f["path"].endswith("#vip-outage"))
    assert not [f for f in vip["findings"] if f["rule"] == "generic-salutation"]
    bad = run("check", "--render", "{first_name: Ana}", str(path))
    assert bad.returncode == 2 and "invalid JSON" in bad.stderr and "Traceback" not in bad.stderr
    r = run("check", "--format", "json", "--platform", "helpscout", str(FIX / "zendesk" / "macros.json"))
    first = json.loads(r.stdout)["files"][0]
    assert any("Help Scout" not in f["message"] and "does not render" in f["message"] for f in first["findings"])


def test_cli_directory_walk_lints_collections_and_html(tmp_path):
    (tmp_path / "reply.html").write_text("<p>Dear Valued Customer,</p><p>We apologize for any inconvenience.</p>")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    (tmp_path / "macros.yaml").write_text("- id: a\n  text: We are sorry your parcel #4412 was late; I've refunded it.\n")
    r = run("check", "--format", "json", str(tmp_path))
    paths = [Path(f["path"]).name for f in json.loads(r.stdout)["files"]]
    assert paths == ["macros.yaml#a", "reply.html"]
    assert "package.json" in r.stderr and "skipped" in r.stderr
    assert r.returncode == 1
