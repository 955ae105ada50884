"""Ctrl-C (issue 8): exit 130, one line on stderr, no traceback, no half-written report, at any
moment: during start-up (spaCy's import) and in the middle of linting a large input."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POOR = (ROOT / "examples" / "poor-draft.txt").read_text()


@pytest.fixture(scope="module")
def large_input(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text((POOR + "\n\n") * 6000)  # several seconds of parsing (--no-cache: a cached result would finish at once)
    return path


def _wait_until_importing_spacy(proc, timeout=60.0):
    """Block until the child has loaded one of spaCy's compiled modules, i.e. apolint's own code is
    running and importing spaCy. A fixed sleep is a race on a cold machine: a Ctrl-C that lands
    while the interpreter itself is still starting (before any apolint code runs, e.g. while a
    fresh venv compiles its .pyc files) ends the way CPython decides, not the way apolint does."""
    maps = Path(f"/proc/{proc.pid}/maps")
    if not maps.exists():
        time.sleep(0.5)  # no /proc: best effort
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if "/spacy/" in maps.read_text():
                return
        except OSError:
            pass
        time.sleep(0.005)


@pytest.mark.parametrize("moment", ["start-up", "mid-lint"])
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_sigint_exits_130_without_traceback(large_input, moment, output_format):
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "apolint", "check", "--no-cache", "--format", output_format, str(large_input)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if moment == "start-up":
        _wait_until_importing_spacy(proc)  # in the middle of spaCy's import
    else:
        time.sleep(4.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()[-2000:]
    assert err.decode() == "apolint: interrupted\n"
    assert out == b""  # the report is written only when complete


def test_input_files_are_untouched_after_an_interrupt(large_input):
    before = large_input.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "apolint", "check", "--no-cache", str(large_input)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    assert large_input.read_bytes() == before
    assert sorted(p.name for p in large_input.parent.iterdir()) == ["big.txt"]  # no stray temp files


def test_interrupted_output_file_is_left_as_it_was(large_input, tmp_path):
    """--output-file is written atomically at the end: an interrupted run leaves the previous
    report whole and no temporary file behind."""
    target = tmp_path / "report.json"
    target.write_text('{"previous": "report"}\n')
    proc = subprocess.Popen([sys.executable, "-m", "apolint", "check", "--no-cache", "--format", "json", "--output-file", str(target),
                             str(large_input)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and err == b"apolint: interrupted\n"
    assert target.read_text() == '{"previous": "report"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
