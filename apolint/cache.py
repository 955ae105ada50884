"""The results cache (like ruff's): a draft already linted with the same settings is not parsed
again.

An entry is one draft's report, keyed by a hash of the draft's text and of everything else
that decides the report (the *fingerprint*): the resolved ``Options``, the content of every
active rule file, the lexicon and scoring data, apolint's own code and version, the spaCy and
model versions, and the pipeline components. Change any of them and every key changes, so a
stale entry is never read; ``apolint clean`` removes the directory.

Layout: ``<root>/<fingerprint[:16]>/<key[:2]>/<key>.json``; writes go to a temporary file in
the same directory and are moved into place with ``os.replace``, so a reader (or a parallel
run) sees a whole entry or none. The cache never stores a draft's path or text: the same text
under another name is a hit, and entries hold nothing the input did not already."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from . import __version__
from .report import DraftReport, Finding
from .ruleset import with_rules_read

DEFAULT_DIR = ".apolint_cache"
ENTRY_FORMAT = "apolint-cache-1"
PACKAGE_DIR = Path(__file__).resolve().parent


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not-installed"


def _hash_files(digest, paths) -> None:
    for path in sorted(paths, key=str):
        digest.update(str(path.name).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")


def _hash_rules(digest, rules) -> None:
    # (with the rules their checks read, which run unreported when not selected)
    for rule in sorted(with_rules_read(rules), key=lambda r: r.id):
        digest.update(f"rule {rule.id}\0".encode())
        if rule.path is not None:
            _hash_files(digest, [Path(rule.path)])
        else:  # a rule built in memory: its parsed content stands in for the file
            digest.update(repr(dataclasses.asdict(rule)).encode())


def policy_digest(policy) -> str:
    """What a draft's file policy (apolint/policy.py: its rules, channel, platform, severity
    overrides, known rule ids, all from the configuration that applies to it) adds to its key."""
    digest = hashlib.sha256()
    for f in dataclasses.fields(policy):
        value = getattr(policy, f.name)
        if f.name == "rules":
            _hash_rules(digest, value)
        else:
            digest.update(f"{f.name}={sorted(value) if isinstance(value, frozenset) else value!r}\0".encode())
    return digest.hexdigest()


def fingerprint(options, rules, components: tuple[str, ...] = ()) -> str:
    """A hash of everything besides the text that decides a draft's report."""
    from .pipeline import MODEL_DIST, MODEL_NAME

    digest = hashlib.sha256()
    digest.update(f"{ENTRY_FORMAT}\0apolint {__version__}\0spacy {_dist_version('spacy')}\0"
                  f"model {MODEL_NAME} {_dist_version(MODEL_DIST)}\0".encode())
    digest.update(("components " + ",".join(components) + "\0").encode())
    # Options: every field, so a setting added later is part of the key without touching this.
    # Not the configuration resolver: what it decides for a draft (rules, channel, severities)
    # is in that draft's policy, which Cache.key adds per draft.
    for f in dataclasses.fields(options):
        if f.name != "config":
            digest.update(f"{f.name}={getattr(options, f.name)!r}\0".encode())
    _hash_rules(digest, rules)
    # The lexicon and scoring data, and apolint's code (a development checkout changes it
    # without changing the version).
    _hash_files(digest, [p for p in (PACKAGE_DIR / "data").rglob("*") if p.is_file()])
    _hash_files(digest, PACKAGE_DIR.rglob("*.py"))
    return digest.hexdigest()


# A report's fields other than these are stored; any field a later feature adds to DraftReport
# is kept without touching this module (the code hash in the fingerprint retires old entries).
# The path and text come from the source; so does lines_text, the collection file a macro was
# cut from, which would otherwise be stored once per macro.
NOT_STORED = ("path", "text", "lines_text")


def report_to_entry(report: DraftReport) -> dict:
    entry = {"format": ENTRY_FORMAT}
    for f in dataclasses.fields(report):
        if f.name in NOT_STORED:
            continue
        value = getattr(report, f.name)
        entry[f.name] = [dataclasses.asdict(x) for x in value] if f.name == "findings" else value
    return entry


def entry_to_report(entry: dict, source) -> DraftReport:
    values = {k: v for k, v in entry.items() if k != "format"}
    values["findings"] = [Finding(**f) for f in values.get("findings", [])]
    report = DraftReport(path=source.path, text=source.text, **values)
    lines_text = getattr(getattr(source, "origin", None), "file_text", None)
    if lines_text and hasattr(report, "lines_text"):
        report.lines_text = lines_text
    return report


def source_identity(source) -> bytes:
    """Everything about a source besides the run's settings that decides its report: the text;
    the other Source fields (markup, where a collection entry sits); the file name's suffix
    (markup is detected from it). Not the path: a renamed or copied draft is still a hit."""
    parts = [source.text]
    for f in dataclasses.fields(source):
        if f.name in ("path", "text"):
            continue
        value = getattr(source, f.name)
        if f.name == "origin" and value is not None:
            # A collection entry: its line numbers depend on where it sits in its file: the line
            # and column it starts at and its own stretch of the file (not the whole file).
            offsets = getattr(value, "offsets", None) or [0]
            start = value.line_col(0) if hasattr(value, "line_col") else None
            region = getattr(value, "file_text", "")[offsets[0]:offsets[-1]]
            value = (start, tuple(o - offsets[0] for o in offsets), region)
        parts.append(f"{f.name}={value!r}")
    parts.append("suffix=" + os.path.splitext(str(source.path))[1].lower())
    return "\0".join(parts).encode("utf-8", "surrogatepass")


class Cache:
    """One run's view of the cache directory: entries for one fingerprint."""

    def __init__(self, root: str | os.PathLike, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.dir = self.root / fingerprint[:16]
        self.hits = 0
        self.misses = 0
        self._write_failed = False
        self._policies: dict = {}

    def key(self, source, policy=None) -> str:
        """The entry for a source under this run's fingerprint and, when a configuration decides
        per file, the source's policy (hashed once per distinct policy)."""
        extra = b""
        if policy is not None:
            digest = self._policies.get(policy)
            if digest is None:
                digest = self._policies[policy] = policy_digest(policy).encode()
            extra = digest
        return hashlib.sha256(self.fingerprint.encode() + b"\0" + extra + b"\0" + source_identity(source)).hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str, source) -> DraftReport | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            entry = json.loads(raw)
            if entry.get("format") != ENTRY_FORMAT:
                raise ValueError("other format")
            report = entry_to_report(entry, source)
        except (ValueError, KeyError, TypeError):
            self.misses += 1  # a damaged entry is a miss; the fresh result overwrites it
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: DraftReport) -> None:
        """Store a report atomically. A cache that cannot be written (read-only checkout, full
        disk) only costs speed, so write errors are swallowed after the first."""
        if report.error is not None or self._write_failed:
            return
        target = self._path(key)
        try:
            if not self.root.exists():
                _create_root(self.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(report_to_entry(report), fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            self._write_failed = True


def _create_root(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    # Keep the cache out of version control and out of backups, as ruff and pytest do.
    (root / ".gitignore").write_text("# Created by apolint automatically.\n*\n", encoding="utf-8")
    (root / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by apolint.\n",
        encoding="utf-8",
    )


def clean(root: str | os.PathLike) -> bool:
    """Remove the cache directory; True if there was one. Refuses a directory that is not an
    apolint cache, so a mistyped --cache-dir cannot delete a project."""
    root = Path(root)
    if not root.exists():
        return False
    tag = root / "CACHEDIR.TAG"
    if not tag.is_file() or "apolint" not in tag.read_text(encoding="utf-8", errors="replace"):
        raise ValueError(f"{root} is not an apolint cache directory (no apolint CACHEDIR.TAG); not removing it")
    shutil.rmtree(root)
    return True


def default_dir() -> Path:
    """``$APOLINT_CACHE_DIR`` if set, else ``.apolint_cache`` in the current directory (as ruff)."""
    return Path(os.environ.get("APOLINT_CACHE_DIR") or DEFAULT_DIR)


def open_cache(directory: str | os.PathLike | None, options) -> Cache:
    """The cache for a run with these options (their active rules and pipeline)."""
    from .lint import active_rules
    from .pipeline import excluded_components

    rules = active_rules(options)
    root = Path(directory) if directory is not None else default_dir()
    return Cache(root, fingerprint(options, rules, excluded_components(rules)))
