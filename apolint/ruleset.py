"""Rule files: load ``rules/<id>.yaml``, check their shape, and say clearly what is wrong with a
bad one (file, key, what was expected), naming the closest valid key."""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .report import SEVERITIES
from .yamlfile import YamlDocument, YamlFileError, load_yaml

RULE_KEYS = {
    "id", "category", "severity", "summary", "message", "description", "rationale", "suggestion",
    "checks", "examples", "supersedes", "suppressed_by", "precision", "tags",
}
REQUIRED_KEYS = ("id", "category", "severity", "summary", "message", "description", "rationale", "checks", "examples")
CATEGORIES = {"acknowledgement", "responsibility", "repair", "tone", "structure", "template", "completeness",
              "input"}  # input: notes about the draft itself (not-english), not about the apology
MIN_EXAMPLES = 4


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the key."""


@dataclass(eq=False)  # rules are compared and hashed by identity (the engine caches by rule set)
class Rule:
    id: str
    category: str
    severity: str
    summary: str
    message: str
    description: str
    rationale: str
    checks: list[dict]
    examples: dict[str, list[str]]
    suggestion: str | None = None
    supersedes: list[str] = field(default_factory=list)
    suppressed_by: list[str] = field(default_factory=list)
    precision: str = "medium"
    tags: list[str] = field(default_factory=list)
    path: Path | None = None


def closest(word: str, choices) -> str:
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean '{match[0]}'?)" if match else ""


def builtin_rules_dir() -> Path:
    """Rule files ship inside the wheel as ``apolint/rules``; in a source checkout (or an editable
    install) they are the repository's top-level ``rules/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    raise RuleFileError(f"built-in rules not found next to {here}; the installation is broken")


def parse_rule(data: object, path: Path, lines: YamlDocument | None = None) -> Rule:
    from .checks import CHECK_KINDS, validate_check

    where = f"{path}"
    key_lines = lines.key_lines if lines else {}
    item_lines = lines.item_lines.get("checks", []) if lines else []

    def at(key: str | None = None, item: int | None = None) -> str:
        """``file:line`` of a top-level key (or of checks[item]) when the YAML told us."""
        if item is not None and item - 1 < len(item_lines):
            return f"{path}:{item_lines[item - 1]}"
        if key is not None and key in key_lines:
            return f"{path}:{key_lines[key]}"
        return where

    if data is None:
        raise RuleFileError(f"{where}: the file is empty; expected a mapping of rule keys ({', '.join(REQUIRED_KEYS)})")
    if not isinstance(data, dict):
        kind = {"list": "a list", "str": "a string"}.get(type(data).__name__, type(data).__name__)
        raise RuleFileError(f"{where}: expected a mapping of rule keys (id: ..., checks: ...) at the top level, got {kind}")
    for key in data:
        if key not in RULE_KEYS:
            raise RuleFileError(f"{at(str(key))}: unknown key '{key}'{closest(str(key), RULE_KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise RuleFileError(f"{where}: missing required key '{key}'")
    if data["id"] != path.stem:
        raise RuleFileError(f"{at('id')}: id '{data['id']}' must match the file name '{path.stem}'")
    if data["severity"] not in SEVERITIES:
        raise RuleFileError(f"{at('severity')}: severity '{data['severity']}' is not one of {', '.join(SEVERITIES)}")
    if data["category"] not in CATEGORIES:
        raise RuleFileError(
            f"{at('category')}: category '{data['category']}' is not one of {', '.join(sorted(CATEGORIES))}"
            f"{closest(str(data['category']), CATEGORIES)}"
        )
    checks = data["checks"]
    if not isinstance(checks, list) or not checks:
        raise RuleFileError(f"{at('checks')}: 'checks' must be a non-empty list of checks")
    for n, check in enumerate(checks, 1):
        if not isinstance(check, dict) or "kind" not in check:
            raise RuleFileError(f"{at('checks', n)}: checks[{n}] must be a mapping with a 'kind'")
        if check["kind"] not in CHECK_KINDS:
            raise RuleFileError(
                f"{at('checks', n)}: checks[{n}].kind '{check['kind']}' is not one of {', '.join(sorted(CHECK_KINDS))}"
                f"{closest(str(check['kind']), CHECK_KINDS)}"
            )
        problem = validate_check(check)
        if problem:
            raise RuleFileError(f"{at('checks', n)}: checks[{n}] ({check['kind']}): {problem}")
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) != {"flag", "pass"}:
        raise RuleFileError(f"{at('examples')}: 'examples' must have exactly the keys 'flag' and 'pass'")
    for side in ("flag", "pass"):
        items = examples[side]
        if not isinstance(items, list) or len(items) < MIN_EXAMPLES or not all(isinstance(x, str) for x in items):
            raise RuleFileError(f"{at('examples')}: examples.{side} must be a list of at least {MIN_EXAMPLES} strings")
    return Rule(
        id=data["id"],
        category=data["category"],
        severity=data["severity"],
        summary=str(data["summary"]).strip(),
        message=str(data["message"]).strip(),
        description=str(data["description"]).strip(),
        rationale=str(data["rationale"]).strip(),
        checks=checks,
        examples=examples,
        suggestion=(str(data["suggestion"]).strip() if data.get("suggestion") else None),
        supersedes=list(data.get("supersedes") or []),
        suppressed_by=list(data.get("suppressed_by") or []),
        precision=str(data.get("precision", "medium")),
        tags=list(data.get("tags") or []),
        path=path,
    )


def load_rule_file(path: Path) -> Rule:
    try:
        document = load_yaml(path, "rule file")
    except YamlFileError as exc:
        raise RuleFileError(str(exc)) from None
    return parse_rule(document.data, path, document)


def load_rules_dir(directory: Path) -> list[Rule]:
    return [load_rule_file(p) for p in sorted(directory.glob("*.yaml"))]


@functools.lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    return tuple(load_rules_dir(builtin_rules_dir()))


def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in builtin_rules()}


def rules_read(rule: Rule) -> set[str]:
    """The ids of the rules whose findings a check of this rule reads (``when: {fired: [...]}``)."""
    return {rule_id for check in rule.checks for rule_id in (check.get("when") or {}).get("fired", ())}


def unselected_rules_read(rules) -> list[Rule]:
    """The built-in rules that these rules' checks read but that are not among them (the engine
    runs them unreported; the results cache hashes their files)."""
    rules = list(rules)
    wanted = {i for r in rules for i in rules_read(r)} - {r.id for r in rules}
    builtin = rules_by_id()
    return [builtin[i] for i in sorted(wanted) if i in builtin]


def with_rules_read(rules) -> list[Rule]:
    rules = list(rules)
    return rules + unselected_rules_read(rules)
