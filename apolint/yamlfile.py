"""Read a YAML file (rule files; configs and collections may use it too) with ``yaml.safe_load``
only, and say exactly what is wrong with a bad one: ``file:line:column: what was found, what was
expected``. Nothing in a YAML file is ever constructed as a Python object or executed: tags such
as ``!!python/object`` are errors.

safe_load silently keeps the last of two equal keys; a rule or config with a key written twice
almost always has a typo or a merge accident in it, so duplicates are an error here, found on the
composed node tree (``yaml.compose``, which builds nodes only, never objects)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class YamlFileError(ValueError):
    """A YAML file that cannot be used; the message starts with ``file:line:column``."""


@dataclass
class YamlDocument:
    data: object
    # 1-based line of each top-level key, and of each item of a top-level list value
    # (``key_lines["checks"]``, ``item_lines["checks"][0]``), for messages about the content.
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)


def _mark(path: Path, mark) -> str:
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)


def _describe(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    text = problem
    if context:
        text += f" {context}"
        if context_mark is not None and (problem_mark is None or context_mark.line != problem_mark.line):
            text += f" that started at line {context_mark.line + 1}"
    if "'\\t'" in problem or "\t" in problem:
        text += "; YAML indents with spaces, not tabs"
    if "could not determine a constructor" in problem:
        text += "; apolint reads plain YAML only (no tags that build objects)"
    return text


def _check_duplicates(path: Path, node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    raise YamlFileError(
                        f"{_mark(path, key_node.start_mark)}: duplicate key '{key}' "
                        f"(first at line {seen[key]}); each key may appear once"
                    )
                seen[key] = key_node.start_mark.line + 1
            _check_duplicates(path, value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(path, item)


def load_yaml(path: Path, what: str = "YAML file") -> YamlDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlFileError(f"{path}: not valid UTF-8 at byte {exc.start}; save the {what} as UTF-8") from None
    try:
        # libyaml's safe loader when PyYAML has it (the same safe subset, several times faster:
        # start-up reads every rule file twice, once for the data and once for the node tree).
        # A file it rejects is read again by the pure-Python loader, whose messages say more.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            data = yaml.load(text, Loader=loader)
            node = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            if loader is yaml.SafeLoader:
                raise
            data = yaml.safe_load(text)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise YamlFileError(f"{_mark(path, getattr(exc, 'problem_mark', None))}: invalid YAML: {_describe(exc)}") from None
    doc = YamlDocument(data)
    if node is not None:
        _check_duplicates(path, node)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    doc.key_lines[key_node.value] = key_node.start_mark.line + 1
                    if isinstance(value_node, yaml.SequenceNode):
                        doc.item_lines[key_node.value] = [item.start_mark.line + 1 for item in value_node.value]
    return doc
