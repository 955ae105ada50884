"""Command line: ``apolint check``, ``apolint rules``, ``apolint rule ID``."""
from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="apolint: lint customer apology drafts for vague, excusing, blaming or non-apologies, and score them 0-100.",
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Channel(str, Enum):
    chat = "chat"
    email = "email"
    incident = "incident"


class FailureSeverity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


# Kept in step with apolint.templates.PLATFORMS and apolint.collection.INPUT_FORMATS (tests check).
Platform = Enum("Platform", {p: p for p in ("zendesk", "helpscout", "intercom", "front", "mailchimp",
                                            "freshdesk", "gorgias")}, type=str)
InputFormat = Enum("InputFormat", {f: f for f in ("auto", "text", "html", "markdown", "json", "yaml", "csv",
                                                  "zendesk", "helpscout", "freshdesk", "intercom", "front",
                                                  "gorgias")}, type=str)


def _render_values(spec: str) -> dict:
    """--render: a JSON object, or @FILE holding one."""
    import json
    from pathlib import Path

    where = "--render"
    if spec.startswith("@"):
        where = spec[1:]
        try:
            spec = Path(spec[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"--render: cannot read {where}: {getattr(exc, 'strerror', None) or exc}")
    try:
        values = json.loads(spec)
    except json.JSONDecodeError as exc:
        _fail(f"{where}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
    if not isinstance(values, dict):
        _fail(f"{where}: expected a JSON object of variable values, e.g. '{{\"first_name\": \"Ana\"}}'")
    return values


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ)


def _fail(message: str) -> None:
    _stderr().print(f"apolint: error: {message}", markup=False)
    raise typer.Exit(2)


def _version(value: bool):
    if value:
        print(f"apolint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")):
    pass


@app.command()
def check(
    paths: list[str] = typer.Argument(None, help="Draft files, collections (JSON/YAML/CSV macro exports), directories, globs, or - for stdin."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format: text for people, json for tools (the report contract)."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on", help="Exit 1 when a finding is at or above this severity; 'never' always exits 0 unless input failed."),
    channel: Optional[Channel] = typer.Option(None, "--channel", help="Treat every draft as this register instead of detecting it (chat replies are not expected to explain or prevent)."),
    severity: Optional[FailureSeverity] = typer.Option(None, "--severity", help="The failure's severity, instead of detecting it from the draft (data, money, safety = high)."),
    select: Optional[str] = typer.Option(None, "--select", help="Comma-separated rule ids to run (default: all)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode files with this encoding instead of detecting UTF-8/UTF-16."),
    platform: Optional[Platform] = typer.Option(None, "--platform", help="Check placeholders against this help desk's syntax and variables."),
    render: Optional[str] = typer.Option(None, "--render", help="Lint templates rendered with these values: a JSON object, or @FILE."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format", help="Read inputs as this format instead of detecting it (collections: json, yaml, csv, or a help desk export)."),
    column: Optional[str] = typer.Option(None, "--column", help="CSV collections: the column holding the drafts (name or 1-based number)."),
):
    """Lint apology drafts and print findings with a 0-100 score per draft.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input errors
    (other files are still linted)."""
    from .lint import Options, lint_sources
    from .collection import expand
    from .read import iter_sources
    from .render import render_draft, render_summary, to_json
    from .report import SEVERITY_RANK, Report
    from .ruleset import RuleFileError, closest, rules_by_id

    if not paths:
        _fail("no paths given; pass draft files, a directory, a glob, or - to read stdin")
    try:
        known = rules_by_id()
    except RuleFileError as exc:
        _fail(str(exc))
    selected = None
    if select:
        selected = tuple(s.strip() for s in select.split(",") if s.strip())
        for rule_id in selected:
            if rule_id not in known:
                _fail(f"unknown rule '{rule_id}'{closest(rule_id, known)}; see 'apolint rules'")
    options = Options(channel=channel.value if channel else None,
                      severity=severity.value if severity else None, select=selected,
                      platform=platform.value if platform else None,
                      render=_render_values(render) if render is not None else None)
    out = Console(highlight=False, no_color="NO_COLOR" in os.environ, soft_wrap=True)
    err = _stderr()

    def notice(n):
        err.print(f"apolint: {n.path}: {n.message}", markup=False)

    drafts = []
    sources = expand(iter_sources(paths, encoding=encoding), input_format.value, column)
    for draft in lint_sources(sources, options, on_notice=notice):
        drafts.append(draft)
        if draft.error is not None:
            err.print(f"apolint: error: {draft.path}: {draft.error}", markup=False)
        if output_format is OutputFormat.text and draft.error is None:
            render_draft(out, draft)
    report = Report(__version__, drafts)
    if output_format is OutputFormat.json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        render_summary(out, report)
    if report.summary["failed"]:
        raise typer.Exit(2)
    if fail_on is not FailOn.never:
        threshold = SEVERITY_RANK[fail_on.value]
        if any(SEVERITY_RANK[f.severity] >= threshold for d in drafts for f in d.findings):
            raise typer.Exit(1)
    raise typer.Exit(0)


@app.command("rules")
def list_rules():
    """List every rule: id, default severity, category and what it catches."""
    from .ruleset import builtin_rules

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("category")
    table.add_column("what it catches")
    for rule in builtin_rules():
        table.add_row(rule.id, rule.severity, rule.category, rule.summary)
    Console(highlight=False, no_color="NO_COLOR" in os.environ).print(table)


@app.command("rule")
def show_rule(rule_id: str = typer.Argument(..., help="The rule id, e.g. vague-apology.")):
    """Print a rule's documentation: what it does, why it hurts the apology, and examples."""
    from .ruleset import closest, rules_by_id

    rules = rules_by_id()
    rule = rules.get(rule_id)
    if rule is None:
        _fail(f"unknown rule '{rule_id}'{closest(rule_id, rules)}; see 'apolint rules'")
    console = Console(highlight=False, no_color="NO_COLOR" in os.environ)
    console.print(Text(f"{rule.id}", style="bold"), Text(f"({rule.severity}, {rule.category})", style="dim"))
    console.print(rule.summary, markup=False)
    console.print()
    console.print(Text("What it does", style="bold underline"))
    console.print(rule.description, markup=False)
    console.print()
    console.print(Text("Why it hurts the apology", style="bold underline"))
    console.print(rule.rationale, markup=False)
    if rule.suggestion:
        console.print()
        console.print(Text("How to fix it", style="bold underline"))
        console.print(rule.suggestion, markup=False)
    console.print()
    console.print(Text("Flagged", style="bold underline"))
    for ex in rule.examples["flag"]:
        console.print(Text("  ✗ ", style="red") + Text(ex))
    console.print()
    console.print(Text("Not flagged", style="bold underline"))
    for ex in rule.examples["pass"]:
        console.print(Text("  ✓ ", style="green") + Text(ex))


def main():
    try:
        app(prog_name="apolint")
    except KeyboardInterrupt:
        sys.stderr.write("apolint: interrupted\n")
        sys.exit(130)
