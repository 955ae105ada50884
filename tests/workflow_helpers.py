"""Shared by the workflow tests: run the real command line in a subprocess."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "examples" / "good-draft.txt").read_text()
POOR = (ROOT / "examples" / "poor-draft.txt").read_text()


def run(*args, stdin=None, cwd=None, env=None):
    environment = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "apolint", *map(str, args)], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=environment, timeout=300)
