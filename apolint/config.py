"""Configuration: ``[tool.apolint]`` in ``pyproject.toml``, ``apolint.toml`` or ``.apolint.yaml``,
found by walking up from each linted file (the closest file wins; files are not merged, as in
ruff), or one file given with ``--config``; ``--isolated`` ignores them all. Command-line options
are a layer on top of whichever file applies.

Every key, rule id and category is checked: a typo is an error that names the closest valid
choice, never silence."""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .globs import PathPattern, compile_pattern, match_any
from .report import SEVERITIES
from .ruleset import CATEGORIES, Rule, RuleFileError, builtin_rules, closest, load_rule_file

CONFIG_FILES = ("apolint.toml", ".apolint.yaml", ".apolint.yml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
CHANNELS = ("chat", "email", "incident")
ALL = "ALL"
# Directories no one keeps drafts in; `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "site-packages",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".apolint_cache", "_build",
    "build", "dist",
)
DEFAULT_FAIL_ON = "warning"


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


def _list_of_str(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, got {value!r}")
    return value


def _str(value, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be a non-empty string, got {value!r}")
    return value


def _choice(choices: Iterable[str]):
    choices = tuple(choices)

    def check(value, where: str) -> str:
        if value not in choices:
            raise ConfigError(f"{where} must be one of {', '.join(choices)}, got {value!r}"
                              f"{closest(str(value), choices)}")
        return value
    return check


def _bool(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false, got {value!r}")
    return value


def _score(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ConfigError(f"{where} must be a whole number from 0 to 100, got {value!r}")
    return value


def _mapping(value_check):
    def check(value, where: str) -> dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table/mapping, got {value!r}")
        return {str(k): value_check(v, f"{where}.{k}") for k, v in value.items()}
    return check


def _platforms() -> tuple[str, ...]:
    from .templates import PLATFORMS

    return PLATFORMS


def _dirs(value, where: str) -> list[str]:
    return [_str(value, where)] if isinstance(value, str) else _list_of_str(value, where)


KEYS = {
    "select": _list_of_str,
    "extend-select": _list_of_str,
    "ignore": _list_of_str,
    "per-file-ignores": _mapping(_list_of_str),
    "severity": _mapping(_choice(SEVERITIES)),
    "fail-on": _choice(FAIL_ON),
    "fail-under": _score,
    "channel": _choice(CHANNELS),
    "platform": lambda value, where: _choice(_platforms())(value, where),
    "exclude": _list_of_str,
    "extend-exclude": _list_of_str,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "rules-dir": _dirs,
}


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def label(self) -> str:
        return f"{self.path} [tool.apolint]" if self.path.name == "pyproject.toml" else str(self.path)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level, got {type(data).__name__}")
    return data


def _pyproject_table(path: Path) -> dict | None:
    tool = _read_toml(path).get("tool")
    if not isinstance(tool, dict) or "apolint" not in tool:
        return None
    table = tool["apolint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.apolint] must be a table")
    return table


def load_config_file(path: Path) -> ConfigFile:
    """Read and check one config file's keys and value types (rule ids are checked later, when
    the team's own rules from ``rules-dir`` are known)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    if path.name == "pyproject.toml":
        raw = _pyproject_table(path)
        if raw is None:
            raise ConfigError(f"{path}: has no [tool.apolint] table")
    elif path.suffix in (".yaml", ".yml"):
        raw = _read_yaml(path)
    else:
        raw = _read_toml(path)
        if "tool" in raw and isinstance(raw["tool"], dict) and "apolint" in raw["tool"] and len(raw) == 1:
            raw = raw["tool"]["apolint"]  # an apolint.toml written like a pyproject section
    label = f"{path} [tool.apolint]" if path.name == "pyproject.toml" else str(path)
    values = {}
    for key, value in raw.items():
        check = KEYS.get(key)
        if check is None:
            raise ConfigError(f"{label}: unknown key '{key}'{closest(str(key), KEYS)}")
        values[key] = check(value, f"{label}: '{key}'")
    return ConfigFile(path, values)


def find_config_file(directory: Path) -> Path | None:
    """The closest config file at or above ``directory``. A pyproject.toml counts only when it has
    a [tool.apolint] table."""
    for candidate in (directory, *directory.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            if name == "pyproject.toml" and _pyproject_table(path) is None:
                continue
            return path
    return None


@dataclass(frozen=True)
class CliOverrides:
    """Options given on the command line, applied on top of whichever config file applies."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    fail_under: int | None = None
    channel: str | None = None
    platform: str | None = None
    force_exclude: bool = False


@dataclass
class Settings:
    """The resolved settings for the files under one config file (or the built-in defaults)."""

    config: ConfigFile | None
    root: Path
    all_rules: tuple[Rule, ...]
    selected: frozenset[str]
    severity: dict[str, str]
    per_file_ignores: list[tuple[PathPattern, frozenset[str]]]
    fail_on: str
    fail_under: int | None
    channel: str | None
    platform: str | None
    exclude: list[PathPattern]
    exclude_raw: list[str]
    respect_gitignore: bool
    force_exclude: bool
    rules_dirs: list[Path]
    rule_problems: list[str] = field(default_factory=list)
    _rules_cache: dict = field(default_factory=dict, repr=False)

    def relative(self, path: str | Path) -> str | None:
        p = Path(path).absolute()
        try:
            return p.relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return None

    def _match_path(self, path: str | Path) -> str:
        # Outside the config's directory only name patterns ("*.bak") can match.
        return self.relative(path) or Path(path).name

    def ignored_for(self, path: str | Path) -> frozenset[str]:
        if path == "-" or not self.per_file_ignores:
            return frozenset()
        relative = self._match_path(_file_part(path))
        out: set[str] = set()
        for pattern, ids in self.per_file_ignores:
            if match_any([pattern], relative, is_dir=False):
                out |= ids
        return frozenset(out)

    def rules_for(self, path: str | Path) -> tuple[Rule, ...]:
        ignored = self.ignored_for(path)
        rules = self._rules_cache.get(ignored)
        if rules is None:
            rules = tuple(r for r in self.all_rules if r.id in self.selected and r.id not in ignored)
            self._rules_cache[ignored] = rules
        return rules

    def is_excluded(self, path: str | Path, is_dir: bool, ancestors: bool = True) -> bool:
        return match_any(self.exclude, self._match_path(path), is_dir, ancestors)

    def describe(self, path: str) -> dict:
        """The resolved settings for ``path``, for ``--show-settings``."""
        return {
            "file": str(path),
            "config": self.config.label if self.config else None,
            "root": str(self.root),
            "rules": [r.id for r in self.rules_for(path)],
            "per-file-ignored": sorted(self.ignored_for(path)),
            "severity": {r.id: self.severity.get(r.id, r.severity) for r in self.rules_for(path)},
            "fail-on": self.fail_on,
            "fail-under": self.fail_under,
            "channel": self.channel,
            "platform": self.platform,
            "exclude": self.exclude_raw,
            "respect-gitignore": self.respect_gitignore,
            "force-exclude": self.force_exclude,
            "rules-dir": [str(d) for d in self.rules_dirs],
            "custom-rules": [r.id for r in self.all_rules if r.path and r.path.parent in self.rules_dirs],
        }


def _file_part(path: str | Path) -> str:
    """``library.yaml#refund-macro`` (a draft inside a collection) -> ``library.yaml``."""
    text = str(path)
    if "#" in text and not Path(text).exists():
        return text.rsplit("#", 1)[0]
    return text


def _load_custom_rules(dirs: list[Path], builtin_ids: set[str], label: str) -> tuple[list[Rule], list[str]]:
    """The team's rules; a bad file is reported (file and key) and skipped, the rest still run."""
    rules: list[Rule] = []
    problems: list[str] = []
    seen = set(builtin_ids)
    for directory in dirs:
        if not directory.is_dir():
            raise ConfigError(f"{label}: 'rules-dir' {directory} is not a directory")
        for file in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
            try:
                rule = load_rule_file(file)
            except RuleFileError as exc:
                problems.append(str(exc))
                continue
            if rule.id in seen:
                problems.append(f"{file}: id '{rule.id}' is already used by "
                                f"{'a built-in rule' if rule.id in builtin_ids else 'another rule'}; rename the rule")
                continue
            seen.add(rule.id)
            rules.append(rule)
    return rules, problems


def build_settings(config: ConfigFile | None, overrides: CliOverrides, cwd: Path) -> Settings:
    values = config.values if config else {}
    root = config.root if config else cwd
    label = config.label if config else "command line"
    builtins = builtin_rules()
    rules_dirs = [(root / d).resolve() for d in values.get("rules-dir", [])]
    custom, problems = _load_custom_rules(rules_dirs, {r.id for r in builtins}, label)
    all_rules = tuple(builtins) + tuple(custom)
    ids = {r.id for r in all_rules}
    categories = {r.category for r in all_rules} | set(CATEGORIES)

    def expand(selectors, where: str, allow_all: bool = True) -> set[str]:
        out: set[str] = set()
        for s in selectors:
            if allow_all and s == ALL:
                out |= ids
            elif s in ids:
                out.add(s)
            elif s in categories:
                out |= {r.id for r in all_rules if r.category == s}
            else:
                choices = ids | categories | ({ALL} if allow_all else set())
                raise ConfigError(f"{where}: unknown rule or category '{s}'{closest(s, choices)}; "
                                  "see 'apolint rules'")
        return out

    where = lambda key: f"{label}: '{key}'"  # noqa: E731
    if overrides.select is not None:
        selected = expand(overrides.select, "--select")
        selected |= expand(overrides.extend_select, "--extend-select")
        selected -= expand(overrides.ignore, "--ignore")
    else:
        selected = expand(values["select"], where("select")) if "select" in values else set(ids)
        selected |= expand(values.get("extend-select", []), where("extend-select"))
        selected -= expand(values.get("ignore", []), where("ignore"))
        selected |= expand(overrides.extend_select, "--extend-select")
        selected -= expand(overrides.ignore, "--ignore")

    severity: dict[str, str] = {}
    for key, level in values.get("severity", {}).items():
        for rule_id in expand([key], f"{label}: 'severity'", allow_all=False):
            severity[rule_id] = level

    per_file: list[tuple[PathPattern, frozenset[str]]] = []
    for glob, selectors in values.get("per-file-ignores", {}).items():
        pattern = compile_pattern(glob)
        if pattern is None:
            raise ConfigError(f"{label}: 'per-file-ignores' has an empty pattern {glob!r}")
        per_file.append((pattern, frozenset(expand(selectors, f"{label}: 'per-file-ignores'.{glob}"))))

    exclude_raw = list(values.get("exclude", DEFAULT_EXCLUDE)) + list(values.get("extend-exclude", []))
    exclude = [p for p in (compile_pattern(e) for e in exclude_raw) if p is not None]
    return Settings(
        config=config,
        root=root,
        all_rules=all_rules,
        selected=frozenset(selected),
        severity=severity,
        per_file_ignores=per_file,
        fail_on=overrides.fail_on or values.get("fail-on", DEFAULT_FAIL_ON),
        fail_under=overrides.fail_under if overrides.fail_under is not None else values.get("fail-under"),
        channel=overrides.channel or values.get("channel"),
        platform=overrides.platform or values.get("platform"),
        exclude=exclude,
        exclude_raw=exclude_raw,
        respect_gitignore=values.get("respect-gitignore", True),
        force_exclude=overrides.force_exclude or values.get("force-exclude", False),
        rules_dirs=rules_dirs,
        rule_problems=problems,
    )


class ConfigResolver:
    """Settings per linted path, each built once per config file."""

    def __init__(self, overrides: CliOverrides = CliOverrides(), config_file: str | Path | None = None,
                 isolated: bool = False, cwd: Path | None = None):
        self.overrides = overrides
        self.isolated = isolated
        self.cwd = Path(cwd or os.getcwd())
        self.config_file = Path(config_file) if config_file else None
        self._by_dir: dict[Path, Path | None] = {}
        self._by_config: dict[Path | None, Settings | ConfigError] = {}

    def _config_path(self, directory: Path) -> Path | None:
        if self.config_file is not None:
            return self.config_file
        if self.isolated:
            return None
        directory = directory.absolute()
        if directory not in self._by_dir:
            self._by_dir[directory] = find_config_file(directory)
        return self._by_dir[directory]

    def settings_for_dir(self, directory: str | Path) -> Settings:
        config_path = self._config_path(Path(directory))  # ConfigError for an unreadable pyproject.toml
        cached = self._by_config.get(config_path)
        if cached is None:
            try:
                config = load_config_file(config_path) if config_path else None
                cached = build_settings(config, self.overrides, self.cwd)
            except ConfigError as exc:
                cached = exc
            self._by_config[config_path] = cached
        if isinstance(cached, ConfigError):
            raise cached
        return cached

    def settings_for(self, path: str | Path) -> Settings:
        """Settings for a draft path as given (``-`` is stdin: the current directory's config)."""
        if str(path) == "-":
            return self.settings_for_dir(self.cwd)
        return self.settings_for_dir(Path(_file_part(path)).absolute().parent)

    def loaded(self) -> list[Settings]:
        return [s for s in self._by_config.values() if isinstance(s, Settings)]

    def rule_problems(self) -> list[str]:
        seen: dict[str, None] = {}
        for settings in self.loaded():
            for problem in settings.rule_problems:
                seen.setdefault(problem, None)
        return list(seen)

    def known_rules(self) -> dict[str, Rule]:
        out = {r.id: r for r in builtin_rules()}
        for settings in self.loaded():
            for rule in settings.all_rules:
                out.setdefault(rule.id, rule)
        return out

    def skip_path(self, path: Path, is_dir: bool, how: str) -> bool:
        """For the read stage: should a path be left out? ``how``: "walk" (found in a directory
        walk, whose excluded directories were already pruned), "glob" or "given" (named on the
        command line: only with force-exclude, as pre-commit passes every file by name). Judged by
        the settings of the path's directory."""
        try:
            settings = self.settings_for_dir(Path(path).absolute().parent)
        except ConfigError:
            return False  # the lint stage reports the broken config for this file
        if how == "given" and not settings.force_exclude:
            return False
        whole_path = how != "walk"
        if settings.is_excluded(path, is_dir, ancestors=whole_path):
            return True
        if settings.respect_gitignore:
            from .gitignore import is_gitignored

            return is_gitignored(Path(path), is_dir, ancestors=whole_path)
        return False
