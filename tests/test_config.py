"""Configuration files: discovery (closest wins), every key, errors that name the closest valid
choice, excludes and .gitignore, the team's own rules, --show-settings."""
import json
import textwrap
from pathlib import Path

import pytest

from apolint.config import CliOverrides, ConfigError, ConfigResolver
from apolint.lint import Options, lint_sources
from apolint.read import iter_sources
from workflow_helpers import POOR, ROOT, run

TEAM_RULE = (ROOT / "tests" / "data" / "team-rule-per-our-policy.yaml").read_text()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def lint_tree(paths, resolver):
    sources = iter_sources([str(p) for p in paths], skip=resolver.skip_path)
    return {Path(d.path).name if d.error is None else d.path: d
            for d in lint_sources(sources, Options(config=resolver))}


def rules_of(draft):
    return {f.rule for f in draft.findings}


@pytest.fixture()
def repo(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "macros"
        [tool.apolint]
        ignore = ["over-apologizing"]
        severity = {generic-salutation = "error"}
        per-file-ignores = {"legacy/**" = ["vague-apology"], "*.draft.txt" = ["responsibility"]}
        """)
    write(tmp_path / "refunds" / "late.txt", POOR)
    write(tmp_path / "legacy" / "old.txt", POOR)
    write(tmp_path / "refunds" / "wip.draft.txt", POOR)
    # A team with its own file deeper down: closest wins (no merging with the pyproject).
    write(tmp_path / "chat" / ".apolint.yaml", """
        select: [tone]
        channel: chat
        fail-on: error
        """)
    write(tmp_path / "chat" / "reply.txt", POOR)
    return tmp_path


def test_closest_config_wins_and_keys_apply(repo):
    drafts = lint_tree([repo], ConfigResolver(cwd=repo))
    late = drafts["late.txt"]
    assert "over-apologizing" not in rules_of(late) and "vague-apology" in rules_of(late)
    assert {f.severity for f in late.findings if f.rule == "generic-salutation"} == {"error"}
    assert "vague-apology" not in rules_of(drafts["old.txt"])  # per-file-ignores glob
    assert "blame-shifting" not in rules_of(drafts["wip.draft.txt"])  # a category in per-file-ignores
    assert "blame-shifting" in rules_of(late)
    reply = drafts["reply.txt"]
    assert rules_of(reply) == {"over-apologizing"}  # the .apolint.yaml's select: [tone], not the pyproject's ignore
    assert reply.context["register"] == "chat"
    resolver = ConfigResolver(cwd=repo)
    assert resolver.settings_for(repo / "chat" / "reply.txt").fail_on == "error"
    assert resolver.settings_for(repo / "refunds" / "late.txt").fail_on == "warning"


def test_command_line_layers_over_the_file(repo):
    resolver = ConfigResolver(CliOverrides(select=("vague-apology", "over-apologizing")), cwd=repo)
    assert rules_of(lint_tree([repo / "refunds" / "late.txt"], resolver)["late.txt"]) == {"vague-apology", "over-apologizing"}
    resolver = ConfigResolver(CliOverrides(extend_select=("over-apologizing",), ignore=("vague-apology",)), cwd=repo)
    late = lint_tree([repo / "refunds" / "late.txt"], resolver)["late.txt"]
    assert "over-apologizing" in rules_of(late) and "vague-apology" not in rules_of(late)


def test_config_flag_and_isolated(repo, tmp_path_factory):
    other = write(tmp_path_factory.mktemp("elsewhere") / "apolint.toml", 'select = ["generic-salutation"]\n')
    late = repo / "refunds" / "late.txt"
    assert rules_of(lint_tree([late], ConfigResolver(config_file=other, cwd=repo))["late.txt"]) == {"generic-salutation"}
    isolated = lint_tree([late], ConfigResolver(isolated=True, cwd=repo))["late.txt"]
    assert "over-apologizing" in rules_of(isolated)  # the pyproject's ignore is not read
    assert {f.severity for f in isolated.findings if f.rule == "generic-salutation"} == {"warning"}


@pytest.mark.parametrize("name,text,needle", [
    ("apolint.toml", 'selct = ["vague-apology"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ("apolint.toml", 'select = ["vague-apolgy"]\n', "unknown rule or category 'vague-apolgy' (did you mean 'vague-apology'?)"),
    ("apolint.toml", 'severity = {blame-shiftng = "info"}\n', "did you mean 'blame-shifting'?"),
    ("apolint.toml", 'severity = {blame-shifting = "fatal"}\n', "must be one of error, warning, info"),
    ("apolint.toml", 'fail-under = "high"\n', "'fail-under' must be a whole number from 0 to 100"),
    ("apolint.toml", 'channel = "emial"\n', "did you mean 'email'?"),
    ("apolint.toml", 'platform = "zendsk"\n', "did you mean 'zendesk'?"),
    ("apolint.toml", 'per-file-ignores = {"x/*" = ["tonee"]}\n', "did you mean 'tone'?"),
    ("apolint.toml", 'select = [\n', "invalid TOML"),
    (".apolint.yaml", "ignore: vague-apology\n", "'ignore' must be a list of strings"),
    (".apolint.yaml", "select: [a\n", "invalid YAML"),
    ("pyproject.toml", '[tool.apolint]\nfail_on = "error"\n', "unknown key 'fail_on' (did you mean 'fail-on'?)"),
])
def test_bad_config_is_one_line_exit_2_naming_the_closest(tmp_path, name, text, needle):
    write(tmp_path / name, text)
    write(tmp_path / "a.txt", "We apologize for the trouble.")
    with pytest.raises(ConfigError) as excinfo:
        ConfigResolver(cwd=tmp_path).settings_for(tmp_path / "a.txt")
    assert needle in str(excinfo.value) and name in str(excinfo.value)


def test_bad_config_through_the_cli(tmp_path):
    write(tmp_path / "apolint.toml", 'extend-select = ["blame-shfting"]\n')
    write(tmp_path / "a.txt", "We apologize for the trouble.")
    r = run("check", "a.txt", cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        f"apolint: error: {tmp_path / 'apolint.toml'}: 'extend-select': unknown rule or category 'blame-shfting' "
        "(did you mean 'blame-shifting'?); see 'apolint rules'"]
    assert run("check", "--isolated", "a.txt", cwd=tmp_path).returncode == 1  # --isolated skips it


def test_a_broken_nested_config_fails_only_its_drafts(tmp_path):
    write(tmp_path / "ok" / "a.txt", POOR)
    write(tmp_path / "bad" / "apolint.toml", "nonsense = 1\n")
    write(tmp_path / "bad" / "b.txt", POOR)
    r = run("check", "--format", "json", ".", cwd=tmp_path)
    assert r.returncode == 2
    files = {f["path"]: f for f in json.loads(r.stdout)["files"]}
    assert "unknown key 'nonsense'" in files[str(Path("bad") / "b.txt")]["error"]
    assert files[str(Path("ok") / "a.txt")]["findings"]


def test_exclude_extend_exclude_and_gitignore(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "exports/\n*.tmp.txt\n!keep.tmp.txt\n")
    write(tmp_path / "apolint.toml", 'extend-exclude = ["archive", "drafts/old-*.txt"]\n')
    for rel in ("live/a.txt", "exports/zendesk.txt", "live/b.tmp.txt", "live/keep.tmp.txt", "archive/c.txt",
                "drafts/old-1.txt", "drafts/new-1.txt", "node_modules/pkg/readme.md", "build/x.txt"):
        write(tmp_path / rel, "We apologize for the trouble.")
    resolver = ConfigResolver(cwd=tmp_path)
    assert sorted(lint_tree([tmp_path], resolver)) == ["a.txt", "keep.tmp.txt", "new-1.txt"]
    # A file named on the command line is linted anyway, unless --force-exclude (pre-commit).
    named = [tmp_path / "archive" / "c.txt", tmp_path / "exports" / "zendesk.txt", tmp_path / "live" / "a.txt"]
    assert sorted(lint_tree(named, resolver)) == ["a.txt", "c.txt", "zendesk.txt"]
    forced = ConfigResolver(CliOverrides(force_exclude=True), cwd=tmp_path)
    assert sorted(lint_tree(named, forced)) == ["a.txt"]
    # `exclude` replaces the defaults; respect-gitignore = false turns .gitignore off.
    write(tmp_path / "apolint.toml", 'exclude = []\nrespect-gitignore = false\n')
    everything = lint_tree([tmp_path], ConfigResolver(cwd=tmp_path))
    assert {"zendesk.txt", "b.tmp.txt", "c.txt", "readme.md", "x.txt"} <= set(everything)


def test_team_rules_run_and_a_bad_one_is_reported(tmp_path):
    write(tmp_path / "apolint.toml", 'rules-dir = "team-rules"\n')
    write(tmp_path / "team-rules" / "per-our-policy.yaml", TEAM_RULE)
    write(tmp_path / "team-rules" / "broken.yaml", "id: broken\ncategory: tone\nseverity: warning\nsummmary: x\n")
    write(tmp_path / "a.txt", "As per our policy, refunds take 10 days. We apologize for the trouble.")
    r = run("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert r.returncode == 2  # the broken rule file is an error...
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert {"per-our-policy", "vague-apology"} <= rules  # ...but the team's good rule and the built-ins ran
    assert f"{tmp_path / 'team-rules' / 'broken.yaml'}:4: unknown key 'summmary' (did you mean 'summary'?)" in r.stderr
    # The team's rule id is known to select/ignore and to suppression comments.
    write(tmp_path / "apolint.toml", 'rules-dir = "team-rules"\nselect = ["per-our-policy"]\n')
    (tmp_path / "team-rules" / "broken.yaml").unlink()
    r = run("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert r.returncode == 1
    assert {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]} == {"per-our-policy"}


def test_team_rule_examples_hold(tmp_path):
    """The example team rule in tests/data is a real rule: its own examples pass."""
    from apolint.ruleset import load_rule_file

    path = write(tmp_path / "per-our-policy.yaml", TEAM_RULE)
    rule = load_rule_file(path)
    resolver = ConfigResolver(cwd=tmp_path)
    write(tmp_path / "apolint.toml", f'rules-dir = "."\nselect = ["{rule.id}"]\n')
    for side in ("flag", "pass"):
        for n, text in enumerate(rule.examples[side]):
            write(tmp_path / f"{side}{n}.txt", text)
    drafts = lint_tree([tmp_path], resolver)
    for side in ("flag", "pass"):
        for n, text in enumerate(rule.examples[side]):
            fired = rules_of(drafts[f"{side}{n}.txt"]) == {rule.id}
            assert fired == (side == "flag"), (side, text)


def test_show_settings(repo):
    r = run("check", "--show-settings", "--format", "json", "legacy/old.txt", cwd=repo)
    assert r.returncode == 0
    shown = json.loads(r.stdout)
    assert shown["config"].endswith("pyproject.toml [tool.apolint]")
    assert "over-apologizing" not in shown["rules"] and "vague-apology" not in shown["rules"]
    assert shown["per-file-ignored"] == ["vague-apology"]
    assert shown["severity"]["generic-salutation"] == "error"
    text = run("check", "--show-settings", "chat/reply.txt", cwd=repo).stdout
    assert 'channel = "chat"' in text and 'fail-on = "error"' in text and ".apolint.yaml" in text
