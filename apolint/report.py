"""Report stage: the objects a lint run returns, and their JSON form (the contract in
``apolint/data/report.schema.json``, copied from the shared contract)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

COMPONENTS = (
    "acknowledgement",
    "regret",
    "responsibility",
    "specifics",
    "impact",
    "explanation",
    "resolution",
    "prevention",
    "empathy",
    "follow_up",
    "personalization",
)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestion": self.suggestion,
        }


@dataclass
class DraftReport:
    path: str
    text: str
    score: int | None
    components: dict[str, bool]
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # Context the rules used (register, failure severity); shown in text output, not in the contract.
    context: dict[str, str] = field(default_factory=dict)
    # The text that line numbers refer to when it is not ``text``: the collection file a macro
    # was cut from. Shown in text output; not in the contract.
    lines_text: str | None = None
    # Why a readable draft was not assessed (empty, not English); an added field of the contract.
    note: str | None = None

    @property
    def missing(self) -> list[str]:
        return [name for name in COMPONENTS if not self.components.get(name, False)]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "score": self.score,
            "components": {name: bool(self.components.get(name, False)) for name in COMPONENTS},
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.error is not None:
            data["error"] = self.error
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass
class Report:
    version: str
    files: list[DraftReport]

    @property
    def summary(self) -> dict[str, int]:
        findings = [f for d in self.files for f in d.findings]
        return {
            "files": len(self.files),
            "findings": len(findings),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "infos": sum(f.severity == "info" for f in findings),
            "failed": sum(d.error is not None for d in self.files),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "files": [d.to_dict() for d in self.files],
            "summary": self.summary,
        }


def error_report(path: str, message: str) -> DraftReport:
    """The entry for a draft that could not be read: no score, no findings, one-line error."""
    return DraftReport(
        path=path,
        text="",
        score=None,
        components={name: False for name in COMPONENTS},
        error=message,
    )
