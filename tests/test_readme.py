"""The README's promises: its set-up commands are the ones CI runs, and it lists every rule."""
from pathlib import Path

from apolint.ruleset import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_readme_lists_every_rule():
    for rule in builtin_rules():
        assert f"`{rule.id}`" in README, rule.id


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".venv/bin/python -m pytest" in README
    assert ".venv/bin/python -m pytest" in ci
    assert "pip install -e '.[dev]'" in README and "pip install --quiet -e '.[dev]'" in ci


def test_sample_draft_exists():
    assert (ROOT / "examples" / "poor-draft.txt").is_file()
