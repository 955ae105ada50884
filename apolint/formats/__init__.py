"""Output formats. Each writer gets the drafts as they are linted (``draft``) and the whole report
at the end (``finish``); line-oriented formats write as they go, document formats at the end.

    text     rich, for people (colour only on a terminal, never with NO_COLOR)
    concise  one line per finding, ``path:line:col: severity: message [rule]`` (compiler style)
    json     the report contract (apolint/data/report.schema.json)
    jsonl    one contract ``files[]`` entry per line, per draft, as it is linted
    sarif    SARIF 2.1.0 for GitHub code scanning
    github   GitHub Actions workflow commands (annotations on the pull request)
    junit    JUnit XML for CI test reports (GitLab, Jenkins, Azure)"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..report import DraftReport, Report
from ..ruleset import Rule

FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "junit")


@dataclass
class FormatContext:
    rules: dict[str, Rule] = field(default_factory=dict)  # metadata for every rule that ran
    color: bool = False
    cwd: Path = field(default_factory=Path.cwd)


class Writer:
    def __init__(self, out: TextIO, context: FormatContext):
        self.out = out
        self.context = context

    def draft(self, draft: DraftReport) -> None:
        """Called once per draft, in input order, as soon as it is linted."""

    def finish(self, report: Report) -> None:
        """Called once, after the last draft."""


def make_writer(name: str, out: TextIO, context: FormatContext) -> Writer:
    from .concise import ConciseWriter
    from .github import GithubWriter
    from .jsonfmt import JsonLinesWriter, JsonWriter
    from .junit import JunitWriter
    from .sarif import SarifWriter
    from .text import TextWriter

    writers = {
        "text": TextWriter, "concise": ConciseWriter, "json": JsonWriter, "jsonl": JsonLinesWriter,
        "sarif": SarifWriter, "github": GithubWriter, "junit": JunitWriter,
    }
    return writers[name](out, context)
