"""Read stage: turn the paths a user gave (files, directories, globs, ``-`` for stdin) into
drafts to lint, or one-line reasons why a path could not be read. Nothing here writes."""
from __future__ import annotations

import codecs
import errno
import glob
import re
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Walked too, but linted only when their content is a recognised collection of drafts
# (apolint/collection.py); any other JSON/YAML/CSV in a directory gets a notice, not findings.
COLLECTION_SUFFIXES = (".json", ".yaml", ".yml", ".csv")
GLOB_CHARS = set("*?[")
BINARY_SNIFF = 8192


@dataclass
class Source:
    path: str
    text: str
    explicit: bool = True  # named on the command line (not found by a directory walk or glob)
    markup: str | None = None  # html | markdown | text; None: from the file name
    origin: object | None = None  # collection.Origin for a draft cut out of a collection file


@dataclass
class ReadFailure:
    path: str
    message: str


@dataclass
class Notice:
    """Something the user should know that is not an error (a binary file skipped in a walk)."""

    path: str
    message: str


class DecodeFailure(ValueError):
    pass


# skip(path, is_dir, how) -> True to leave the path out (see config.ConfigResolver.skip_path); ``how``
# is "walk" (found in a directory walk), "glob" (matched a pattern) or "given" (named by the user).
SkipPath = Callable[[Path, bool, str], bool]


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in head:
        return True
    # Known binary signatures without NULs in the first bytes.
    return head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04"))


def decode(data: bytes, encoding: str | None = None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DecodeFailure(f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as exc:
            raise DecodeFailure(f"not valid {encoding} at byte {exc.start}") from None
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(f"not valid {codec} at byte {exc.start}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeFailure(
            f"not valid UTF-8 at byte {exc.start} (byte 0x{data[exc.start]:02x}); "
            "pass --encoding (e.g. --encoding cp1252) if the file uses another encoding"
        ) from None


def read_file(path: Path, shown: str, encoding: str | None, explicit: bool) -> Source | ReadFailure | Notice:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadFailure(shown, "broken symlink" if path.is_symlink() else "no such file")
    except PermissionError:
        return ReadFailure(shown, "permission denied")
    except IsADirectoryError:
        return ReadFailure(shown, "is a directory")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ReadFailure(shown, "symlink loop (too many levels of symbolic links)")
        return ReadFailure(shown, f"cannot read: {exc.strerror or exc}")
    if encoding is None and looks_binary(data):
        if explicit:
            return ReadFailure(shown, "binary file (not a text draft)")
        return Notice(shown, "skipped binary file")
    try:
        return Source(shown, decode(data, encoding), explicit=explicit)
    except DecodeFailure as exc:
        return ReadFailure(shown, str(exc))


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def display_path(path: str) -> str:
    """A path as the report shows it: undecodable bytes in a file name (which Python carries as
    lone surrogates) become ``\\xe9`` escapes, so the JSON and the terminal get valid UTF-8, and
    control characters become ``\\x1b`` escapes, so a file name cannot drive the terminal."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}", path)


def _component_regex(part: str) -> str:
    """One path component of a glob as a regex: ``*`` and ``?`` never cross a ``/``, and (as in
    glob) a wildcard does not match a leading dot."""
    out = [] if part.startswith(".") else [r"(?!\.)"]
    i = 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            close = part.find("]", i + 2)
            if close == -1:
                out.append(re.escape(ch))
            else:
                inner = part[i + 1:close]
                inner = "^" + inner[1:] if inner.startswith("!") else inner
                out.append("[" + inner.replace("\\", "\\\\") + "]")
                i = close
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def recursive_glob(pattern: str) -> list[str]:
    """``glob(pattern, recursive=True)`` for patterns with ``**``, without following symlinked
    directories: Python's glob follows them, so ``**`` under a link to a parent directory never
    ends (two such links: exponential). Walks with os.walk(followlinks=False) and matches paths
    against the pattern instead; hidden directories are entered only when the pattern names them."""
    parts = pattern.split("/")
    root_parts: list[str] = []
    for part in parts[:-1]:
        if GLOB_CHARS & set(part) or part == "**":
            break
        root_parts.append(part)
    root = "/".join(root_parts) if root_parts else ""
    regex_parts = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if part == "**":
            regex_parts.append(r"(?:(?!\.)[^/]*(?:/|\Z))*" if last else r"(?:(?!\.)[^/]*/)*")
        else:
            regex_parts.append(_component_regex(part) + ("" if last else "/"))
    matcher = re.compile("".join(regex_parts) + r"\Z", re.DOTALL)
    start = root if root else "."
    if root == "" and pattern.startswith("/"):
        start = "/"
    found = []
    for dirpath, dirnames, filenames in os.walk(start, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            shown = full[2:] if start == "." and full.startswith("./") else full
            if matcher.match(shown):
                found.append(shown)
    return sorted(found)


def walk_directory(root: Path, skip: SkipPath | None = None) -> Iterator[Path]:
    """Draft files under a directory, sorted, not following symlinked directories (no loops),
    skipping hidden directories such as .git, and whatever ``skip`` excludes (config excludes,
    .gitignore)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (skip and skip(Path(dirpath) / d, True, "walk")))
        for name in sorted(filenames):
            if name.lower().endswith(DRAFT_SUFFIXES + COLLECTION_SUFFIXES) and not name.startswith("."):
                if skip and skip(Path(dirpath) / name, False, "walk"):
                    continue
                yield Path(dirpath) / name


def _dangling_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop (too many levels of symbolic links)"
    return "broken symlink"


def iter_sources(paths: Iterable[str], encoding: str | None = None, stdin=None,
                 skip: SkipPath | None = None) -> Iterator[Source | ReadFailure | Notice]:
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                yield Source("-", data)
                continue
            try:
                yield Source("-", decode(data, encoding))
            except DecodeFailure as exc:
                yield ReadFailure("-", str(exc))
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for file in walk_directory(path, skip):
                found = True
                yield read_file(file, display_path(str(file)), encoding, explicit=False)
            if not found:
                yield Notice(display_path(given), f"no {'/'.join(DRAFT_SUFFIXES + COLLECTION_SUFFIXES)} files found")
            continue
        if not path.exists() and not path.is_symlink() and GLOB_CHARS & set(given):
            matches = recursive_glob(given) if "**" in given else sorted(glob.glob(given))
            files = [m for m in matches if Path(m).is_file() and not (skip and skip(Path(m), False, "glob"))]
            if not files:
                yield ReadFailure(display_path(given), "no files match this pattern")
            for m in files:
                yield read_file(Path(m), display_path(m), encoding, explicit=False)
            continue
        if path.is_symlink() and not path.exists():
            yield ReadFailure(display_path(given), _dangling_reason(path))
            continue
        if skip and skip(path, path.is_dir(), "given"):
            continue  # excluded by the configuration even when named (--force-exclude)
        yield read_file(path, display_path(given), encoding, explicit=True)
