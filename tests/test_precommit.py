"""The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself on a temporary git
repository: which files it passes to apolint, and that a bad draft fails the commit."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from workflow_helpers import GOOD, POOR, ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())

pytestmark = pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed (pip install '.[dev]')")


def test_hook_definition_shape():
    [hook] = HOOKS
    assert hook["id"] == "apolint" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["apolint", "check"]
    assert hook["types_or"] == ["text", "markdown", "html", "yaml", "json"]
    assert hook["require_serial"] is True
    for key in ("id", "name", "entry", "language"):  # pre-commit's required keys
        assert hook[key]


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))


@pytest.fixture()
def template_repo(tmp_path):
    repo = tmp_path / "templates"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "good.txt").write_text(GOOD)
    (repo / "notes.py").write_text("# We apologize for any inconvenience.\n")  # not a draft: never passed
    (repo / "archive").mkdir()
    (repo / "archive" / "old.md").write_text(POOR)  # excluded by apolint.toml, even though named
    (repo / "apolint.toml").write_text('extend-exclude = ["archive"]\n')
    return repo


def pre_commit(repo, *args, home, this_checkout=True):
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    env.pop("PRE_COMMIT", None)
    env.pop("PYTHONPATH", None)
    if this_checkout:  # the test's own interpreter runs this checkout, not whatever is installed
        env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([PRE_COMMIT, *args], cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_pre_commit_runs_the_hook_definition(template_repo, tmp_path):
    """pre-commit runs this repository's hook definition (as a local hook, so no package install):
    it selects files by types_or/files, honours require_serial, and fails on a bad draft."""
    [hook] = HOOKS
    local = dict(hook, language="system", entry=f"{sys.executable} -m " + hook["entry"],
                 args=["--format", "concise"])
    local.pop("minimum_pre_commit_version", None)
    (template_repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    git(template_repo, "add", ".")
    r = pre_commit(template_repo, "run", "--all-files", "--verbose", home=tmp_path / "home")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No findings in 1 draft." in r.stdout  # good.txt only: not notes.py, not the excluded archive
    (template_repo / "reply.md").write_text(POOR)
    git(template_repo, "add", "reply.md")
    r = pre_commit(template_repo, "run", "--all-files", home=tmp_path / "home")
    assert r.returncode == 1
    assert "reply.md:1:1: warning:" in r.stdout and "[generic-salutation]" in r.stdout
    assert "archive/old.md" not in r.stdout and "notes.py" not in r.stdout


@pytest.mark.skipif(os.environ.get("APOLINT_TEST_TRY_REPO") != "1",
                    reason="set APOLINT_TEST_TRY_REPO=1: builds a virtualenv with spaCy (40 s to several minutes)")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs apolint's own git checkout for try-repo")
def test_pre_commit_try_repo_installs_and_runs_apolint(template_repo, tmp_path):
    """The real thing: pre-commit builds a virtualenv from this repository (language: python),
    installing apolint and its dependencies, and runs the hook on staged files. Opt-in because
    of the install time; the test above runs the same hook definition through pre-commit."""
    (template_repo / "reply.md").write_text(POOR)
    git(template_repo, "add", ".")
    r = pre_commit(template_repo, "try-repo", str(ROOT), "apolint", "--all-files", home=tmp_path / "home",
                   this_checkout=False)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "reply.md:1:1 warning generic-salutation" in r.stdout
    assert "good.txt" not in r.stdout.replace("good.txt: score", "")  # linted, no findings
    assert "archive/old.md" not in r.stdout
