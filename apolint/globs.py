"""Path patterns with gitignore semantics, shared by ``.gitignore`` handling and the config keys
``exclude``, ``extend-exclude`` and ``per-file-ignores``.

A pattern without a slash (``drafts-old``, ``*.bak``) matches a name at any depth; a pattern with a
slash (``templates/legacy/*.txt``, ``/notes``) is anchored to the directory that declares it (the
.gitignore's directory, or the config file's). ``*`` and ``?`` stop at ``/``; ``**`` crosses it; a
trailing ``/`` matches directories only; a leading ``!`` re-includes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                if pattern.startswith("**/", i):
                    out.append("(?:.*/)?")  # zero or more whole directories
                    i += 3
                else:
                    out.append(".*")
                    i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            close = pattern.find("]", i + 2 if pattern.startswith(("[!", "[^"), i) else i + 1)
            if close == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:close]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = close + 1
                continue
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class PathPattern:
    raw: str
    regex: re.Pattern
    negated: bool
    dir_only: bool
    anchored: bool

    def matches(self, relative: str, is_dir: bool) -> bool:
        """``relative`` is a posix path relative to the pattern's base directory."""
        if self.dir_only and not is_dir:
            return False
        if self.anchored:
            return self.regex.fullmatch(relative) is not None
        return self.regex.fullmatch(relative.rsplit("/", 1)[-1]) is not None


def compile_pattern(raw: str) -> PathPattern | None:
    """One gitignore-style line; None for blanks and comments."""
    pattern = raw.rstrip("\n")
    # Trailing spaces are ignored unless escaped.
    while pattern.endswith(" ") and not pattern.endswith("\\ "):
        pattern = pattern[:-1]
    if not pattern or pattern.startswith("#"):
        return None
    negated = pattern.startswith("!")
    if negated:
        pattern = pattern[1:]
    elif pattern.startswith("\\!") or pattern.startswith("\\#"):
        pattern = pattern[1:]
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    if not pattern:
        return None
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    return PathPattern(raw, re.compile(_translate(pattern), re.DOTALL), negated, dir_only, anchored)


def compile_patterns(lines) -> list[PathPattern]:
    return [p for p in (compile_pattern(line) for line in lines) if p is not None]


def ancestors_and_self(relative: str) -> list[tuple[str, bool]]:
    """``a/b/c.txt`` -> ["a", "a/b", "a/b/c.txt"]: every directory above the path, then the path."""
    parts = PurePosixPath(relative).parts
    return ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]


def match_any(patterns: list[PathPattern], relative: str, is_dir: bool, ancestors: bool = True) -> bool:
    """Does the path, or (with ``ancestors``) any directory above it below the base, match? The
    last matching pattern wins, so ``!keep.txt`` after ``*.txt`` re-includes (as in .gitignore)."""
    prefixes = ancestors_and_self(relative) if ancestors else [relative]
    for k, prefix in enumerate(prefixes):
        prefix_is_dir = is_dir if k == len(prefixes) - 1 else True
        verdict = None
        for pattern in patterns:
            if pattern.matches(prefix, prefix_is_dir):
                verdict = not pattern.negated
        if verdict:
            return True
    return False
