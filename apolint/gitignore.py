"""Respect ``.gitignore`` in directory walks: a path is ignored when git would ignore it, judged by
every ``.gitignore`` from the repository root down to the path's directory, plus
``.git/info/exclude``. Outside a git repository nothing is ignored (as with git itself)."""
from __future__ import annotations

import functools
from pathlib import Path

from .globs import PathPattern, compile_patterns


@functools.lru_cache(maxsize=4096)
def repository_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@functools.lru_cache(maxsize=4096)
def _patterns_in(directory: Path, is_root: bool) -> tuple[PathPattern, ...]:
    lines: list[str] = []
    files = [directory / ".gitignore"]
    if is_root:
        files.insert(0, directory / ".git" / "info" / "exclude")
    for file in files:
        try:
            lines.extend(file.read_text(encoding="utf-8", errors="replace").splitlines())
        except OSError:
            continue
    return tuple(compile_patterns(lines))


def _ignored_here(path: Path, is_dir: bool, root: Path) -> bool | None:
    """The verdict of the .gitignore files between ``root`` and ``path``'s directory for ``path``
    itself (None: no pattern speaks about it). Deeper files override shallower ones."""
    verdict = None
    parent = path.parent
    chain = [parent, *parent.parents]
    chain = chain[: chain.index(root) + 1] if root in chain else [root]
    for directory in reversed(chain):
        relative = path.relative_to(directory).as_posix()
        for pattern in _patterns_in(directory, directory == root):
            if pattern.matches(relative, is_dir):
                verdict = not pattern.negated
    return verdict


def is_gitignored(path: Path, is_dir: bool, ancestors: bool = True) -> bool:
    """Is ``path`` (or, with ``ancestors``, a directory above it inside the repository) ignored by
    git's rules? A file inside an ignored directory cannot be re-included, as in git. A directory
    walk that prunes ignored directories passes ``ancestors=False``."""
    path = Path(path).absolute()
    root = repository_root(path.parent if not is_dir else path)
    if root is None or path == root:
        return False
    relative_parts = path.relative_to(root).parts
    first = 1 if ancestors else len(relative_parts)
    for k in range(first, len(relative_parts) + 1):
        current = root.joinpath(*relative_parts[:k])
        current_is_dir = is_dir if k == len(relative_parts) else True
        if current.name == ".git":
            return True
        if _ignored_here(current, current_is_dir, root):
            return True
    return False
