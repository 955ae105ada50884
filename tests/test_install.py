"""The built wheel carries the rule files, and an installed apolint (not this checkout) finds them."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.fail(f"building the wheel failed: {r.stderr[-2000:]}")
    (path,) = out.glob("apolint-*.whl")
    return path


def test_wheel_contains_rules_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    for name in rule_files:
        assert f"apolint/rules/{name}" in names
    for data in ("lexicon.yaml", "scoring.yaml", "report.schema.json"):
        assert f"apolint/data/{data}" in names


def test_installed_package_finds_its_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=600)
    code = ("import apolint, apolint.ruleset as r; "
            "print(apolint.__file__); print(r.builtin_rules_dir()); "
            "print(len(r.builtin_rules())); "
            "print(sorted(f.rule for f in apolint.lint_text('Dear Valued Customer,\\nSorry for the trouble.').findings))")
    env = dict(os.environ, PYTHONPATH=str(target))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith(str(target))
    assert lines[1].startswith(str(target))  # rules come from the installed package, not the checkout
    assert int(lines[2]) == len(list((ROOT / "rules").glob("*.yaml")))
    assert "generic-salutation" in lines[3]
