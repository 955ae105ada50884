"""Paths as a template repository has them (issue 8): missing, unreadable, symlink loops (which
must not hang), thousands of files, names with spaces, non-ASCII, undecodable bytes and control
characters. Every path gets a one-line answer and the others are still linted."""
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from apolint.read import Notice, ReadFailure, Source, iter_sources, recursive_glob

GOOD = "I'm sorry we lost your parcel #5512; I've sent a new one today."


def run(*args, cwd=None):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "apolint", *args], capture_output=True, env=env,
                          timeout=300, cwd=cwd)


def collect(args, timeout=60):
    """iter_sources in a thread, so a hang fails the test instead of stalling the suite."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("out", list(iter_sources(args))), daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"reading {args} did not finish in {timeout}s"
    return box["out"]


def test_missing_paths_are_one_line_errors(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    r = run("check", "--format", "json", str(tmp_path / "nope.txt"), str(tmp_path / "no-dir" / "*.txt"),
            str(tmp_path / "good.txt"))
    assert r.returncode == 2
    files = json.loads(r.stdout)["files"]
    assert [f.get("error") for f in files] == ["no such file", "no files match this pattern", None]
    assert len(r.stderr.decode().strip().splitlines()) == 2 and b"Traceback" not in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: file permissions do not stop root reading")
def test_unreadable_file_is_an_error_and_others_are_linted(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    (tmp_path / "good.txt").write_text(GOOD)
    try:
        r = run("check", "--format", "json", str(locked), str(tmp_path / "good.txt"))
    finally:
        locked.chmod(0o644)
    assert r.returncode == 2
    files = json.loads(r.stdout)["files"]
    assert files[0]["error"] == "permission denied" and files[1]["score"] is not None


def test_unreadable_file_message_without_permissions(tmp_path, monkeypatch):
    """The same path through the read stage, for root too: a PermissionError from the OS."""
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    real = Path.read_bytes

    def denied(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    (tmp_path / "good.txt").write_text(GOOD)
    out = collect([str(locked), str(tmp_path / "good.txt")])
    assert isinstance(out[0], ReadFailure) and out[0].message == "permission denied"
    assert isinstance(out[1], Source)


@pytest.fixture()
def looped(tmp_path):
    """A tree with every kind of symlink trouble: a two-link loop, a self loop, links back to a
    parent (two of them, which makes a naive ** walk exponential), and a dangling link."""
    root = tmp_path / "repo"
    sub = root / "macros" / "refunds"
    sub.mkdir(parents=True)
    (sub / "late.txt").write_text(GOOD)
    (root / "macros" / "top.md").write_text(GOOD)
    (root / "a").symlink_to(root / "b")
    (root / "b").symlink_to(root / "a")
    (root / "self.txt").symlink_to(root / "self.txt")
    (sub / "up").symlink_to(root)
    (sub / "up2").symlink_to(root / "macros")
    (root / "gone.txt").symlink_to(root / "missing.txt")
    return root


def test_symlink_loops_named_explicitly(looped):
    out = collect([str(looped / "a"), str(looped / "self.txt"), str(looped / "gone.txt")])
    assert [(type(o).__name__, o.message) for o in out] == [
        ("ReadFailure", "symlink loop (too many levels of symbolic links)"),
        ("ReadFailure", "symlink loop (too many levels of symbolic links)"),
        ("ReadFailure", "broken symlink"),
    ]


def test_directory_walk_with_symlink_loops_finishes(looped):
    out = collect([str(looped)])
    texts = [o for o in out if isinstance(o, Source)]
    assert sorted(Path(o.path).name for o in texts) == ["late.txt", "top.md"]
    failures = {Path(o.path).name: o.message for o in out if isinstance(o, ReadFailure)}
    assert failures == {"gone.txt": "broken symlink", "self.txt": "symlink loop (too many levels of symbolic links)"}


def test_recursive_glob_does_not_follow_symlinked_directories(looped):
    out = collect([str(looped / "**" / "*.txt")])
    names = sorted(Path(o.path).name for o in out if isinstance(o, Source))
    assert names == ["late.txt"]  # once, not once per trip round the loop


def test_recursive_glob_matches_python_glob_without_symlinks(tmp_path, monkeypatch):
    import glob

    for rel in ["a/x.txt", "a/b/y.txt", "a/b/c/z.md", "a/.hidden/h.txt", "top.txt", "a/b/.dot.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    monkeypatch.chdir(tmp_path)
    for pattern in ["**/*.txt", "a/**/*.txt", "a/**", "**/b/*.txt", "a/**/c/*.md", "**/*.[tm][xd]*",
                    str(tmp_path / "**" / "*.txt")]:
        expected = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
        assert recursive_glob(pattern) == expected, pattern


def test_thousands_of_files_in_a_directory(tmp_path):
    drafts = tmp_path / "library"
    drafts.mkdir()
    for i in range(3000):
        (drafts / f"macro-{i:04d}.txt").write_text(f"Sorry about order #{i}.")
    out = collect([str(drafts)])
    assert len(out) == 3000 and all(isinstance(o, Source) for o in out)
    assert [Path(o.path).name for o in out] == sorted(f"macro-{i:04d}.txt" for i in range(3000))
    # and linted end to end: a smaller slice keeps the suite fast
    small = tmp_path / "slice"
    small.mkdir()
    for i in range(400):
        (small / f"m{i:03d}.txt").write_text(f"Sorry about order #{i}; I've refunded it.")
    r = run("check", "--format", "json", "--fail-on", "never", str(small))
    assert r.returncode == 0
    assert json.loads(r.stdout)["summary"]["files"] == 400


def test_names_with_spaces_non_ascii_and_bad_bytes(tmp_path):
    base = os.fsencode(tmp_path)
    names = {
        b"with space.txt": "with space.txt",
        "caf\u00e9 \u65e5\u672c.txt".encode(): "caf\u00e9 \u65e5\u672c.txt",
        b"latin1-caf\xe9.txt": "latin1-caf\\xe9.txt",  # not UTF-8: shown escaped
        b"esc\x1b[31mred.txt": "esc\\x1b[31mred.txt",  # a control character cannot reach the terminal
    }
    for raw in names:
        with open(os.path.join(base, raw), "wb") as fh:
            fh.write(GOOD.encode())
    r = run("check", "--format", "json", "--fail-on", "never", str(tmp_path))
    assert r.returncode == 0, r.stderr
    r.stdout.decode("utf-8")  # valid UTF-8 throughout
    shown = sorted(Path(f["path"]).name for f in json.loads(r.stdout)["files"])
    assert shown == sorted(names.values())
    text = run("check", "--fail-on", "never", str(tmp_path))
    assert b"\x1b" not in text.stdout and text.returncode == 0
    text.stdout.decode("utf-8")
    # an explicit path with spaces and non-ASCII, relative to the working directory
    explicit = run("check", "--format", "json", "caf\u00e9 \u65e5\u672c.txt", cwd=tmp_path)
    assert json.loads(explicit.stdout)["files"][0]["path"] == "caf\u00e9 \u65e5\u672c.txt"


def test_empty_directory_is_a_notice(tmp_path):
    out = collect([str(tmp_path)])
    assert len(out) == 1 and isinstance(out[0], Notice)
    assert out[0].message.startswith("no .txt/.md/") and out[0].message.endswith(" files found")
