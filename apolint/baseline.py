"""Baselines, for libraries that predate apolint: record today's findings, then report (and fail
on) only new ones.

A finding is identified by its rule, its draft (the path relative to the baseline file, so the
check can run from any directory) and the words it matched, whitespace-normalised, plus an
occurrence index when the same words are flagged more than once in a draft. Line numbers are
stored for people but not used to match, so moving text around a draft does not make old findings
look new. Each draft's score is stored too: with a baseline, ``--fail-under`` fails a draft only
when its score is under the threshold *and* lower than the recorded one."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .atomic_write import write_atomic
from .report import DraftReport, Finding

FORMAT = 1


class BaselineError(ValueError):
    pass


def _normalise(text: str) -> str:
    return " ".join(text.split())


def draft_key(path: str, base: Path) -> str:
    """The draft's path relative to the baseline file's directory (posix), keeping a ``#macro``
    suffix; stdin stays ``-``."""
    if path == "-":
        return path
    file, sep, macro = path, "", ""
    if "#" in path and not Path(path).exists():
        file, sep, macro = path.rpartition("#")
    absolute = Path(file).absolute()
    try:
        shown = absolute.relative_to(base.absolute()).as_posix()
    except ValueError:
        shown = absolute.as_posix()
    return shown + sep + macro


def _keys(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """(rule, normalised text, occurrence) for each finding, in order."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        text = _normalise(f.text)
        out.append((f.rule, text, seen[(f.rule, text)]))
        seen[(f.rule, text)] += 1
    return out


def write_baseline(path: str | Path, drafts: list[DraftReport]) -> tuple[int, int]:
    """Record the drafts' findings and scores; returns (findings, drafts) recorded."""
    path = Path(path)
    base = path.absolute().parent
    recorded: dict[str, dict] = {}
    count = 0
    for draft in drafts:
        if draft.error is not None:
            continue
        entries = [
            {"rule": rule, "text": text, "occurrence": occurrence, "line": f.line}
            for (rule, text, occurrence), f in zip(_keys(draft.findings), draft.findings)
        ]
        count += len(entries)
        recorded[draft_key(draft.path, base)] = {"score": draft.score, "findings": entries}
    document = {"apolint-baseline": FORMAT, "version": __version__,
                "drafts": dict(sorted(recorded.items()))}
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return count, len(recorded)


@dataclass
class Baseline:
    path: Path
    drafts: dict[str, dict]
    matched: int = 0
    _seen: set[str] = field(default_factory=set)
    _unmatched: int = 0

    @property
    def base(self) -> Path:
        return self.path.absolute().parent

    def score(self, draft_path: str) -> int | None:
        entry = self.drafts.get(draft_key(draft_path, self.base))
        return entry.get("score") if entry else None

    def filter(self, draft: DraftReport) -> DraftReport:
        """The draft with only the findings the baseline does not hold."""
        if draft.error is not None:
            return draft
        key = draft_key(draft.path, self.base)
        self._seen.add(key)
        known = {(e["rule"], e["text"], e["occurrence"]) for e in self.drafts.get(key, {}).get("findings", [])}
        new = []
        hits = 0
        for k, f in zip(_keys(draft.findings), draft.findings):
            if k in known:
                hits += 1
            else:
                new.append(f)
        self.matched += hits
        self._unmatched += len(known) - hits
        return replace(draft, findings=new)

    def fixed(self) -> int:
        """Baseline entries no longer found: in drafts linted in this run, plus every entry of a
        draft file that no longer exists (a draft not linted this time is not counted)."""
        gone = 0
        for key, entry in self.drafts.items():
            if key in self._seen or key == "-":
                continue
            file = key.rpartition("#")[0] if "#" in key and not (self.base / key).exists() else key
            if not (self.base / file).exists():
                gone += len(entry.get("findings", []))
        return self._unmatched + gone


def load_baseline(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON in baseline: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("apolint-baseline") != FORMAT or not isinstance(data.get("drafts"), dict):
        raise BaselineError(f"{path}: not an apolint baseline (expected 'apolint-baseline': {FORMAT} and 'drafts')")
    for key, entry in data["drafts"].items():
        findings = entry.get("findings") if isinstance(entry, dict) else None
        if not isinstance(findings, list) or not all(
                isinstance(e, dict) and isinstance(e.get("rule"), str) and isinstance(e.get("text"), str)
                and isinstance(e.get("occurrence"), int) for e in findings):
            raise BaselineError(f"{path}: drafts.{key}: expected 'findings' entries with rule, text and occurrence")
    return Baseline(path, data["drafts"])
