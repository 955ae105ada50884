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
    concise = "concise"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    junit = "junit"


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
    # soft_wrap: an error stays on one line however narrow the terminal (or 80 columns when piped).
    return Console(stderr=True, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


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


def _ids(value: Optional[str]) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split(",") if s.strip())


@app.command()
def check(
    paths: list[str] = typer.Argument(None, help="Draft files, collections (JSON/YAML/CSV macro exports), directories, globs, or - for stdin."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="text (people), concise (one line per finding), json (the report contract), jsonl (one draft per line), sarif (GitHub code scanning), github (Actions annotations), junit (CI test reports)."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above this severity; 'never' always exits 0 unless input failed. Default: the config's fail-on, else warning."),
    fail_under: Optional[int] = typer.Option(None, "--fail-under", min=0, max=100, help="Also exit 1 when a draft scores under this (0-100)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when findings or scores would fail the run (2 still means bad input)."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per rule instead of the findings."),
    output_file: Optional[str] = typer.Option(None, "--output-file", "-o", help="Write the output to this file (atomically) instead of stdout."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report and fail only on findings not recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record today's findings in this file (for --baseline) and exit 0."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file (apolint.toml, .apolint.yaml or pyproject.toml) for every draft."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore all configuration files."),
    show_settings: bool = typer.Option(False, "--show-settings", help="Print the resolved settings for the first path and exit."),
    force_exclude: bool = typer.Option(False, "--force-exclude", help="Apply exclude and .gitignore even to files named on the command line (for pre-commit)."),
    channel: Optional[Channel] = typer.Option(None, "--channel", help="Treat every draft as this register instead of detecting it (chat replies are not expected to explain or prevent)."),
    severity: Optional[FailureSeverity] = typer.Option(None, "--severity", help="The failure's severity, instead of detecting it from the draft (data, money, safety = high)."),
    select: Optional[str] = typer.Option(None, "--select", help="Comma-separated rule ids or categories to run, replacing the config's selection (default: all)."),
    extend_select: Optional[str] = typer.Option(None, "--extend-select", help="Comma-separated rule ids or categories to run as well."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Comma-separated rule ids or categories not to run."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode files with this encoding instead of detecting UTF-8/UTF-16."),
    platform: Optional[Platform] = typer.Option(None, "--platform", help="Check placeholders against this help desk's syntax and variables."),
    render: Optional[str] = typer.Option(None, "--render", help="Lint templates rendered with these values: a JSON object, or @FILE."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format", help="Read inputs as this format instead of detecting it (collections: json, yaml, csv, or a help desk export)."),
    column: Optional[str] = typer.Option(None, "--column", help="CSV collections: the column holding the drafts (name or 1-based number)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes for large inputs (default: the number of cores); small inputs use one."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the results cache."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Results cache directory (default: $APOLINT_CACHE_DIR or .apolint_cache)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal and there are many drafts)."),
):
    """Lint apology drafts and print findings with a 0-100 score per draft.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or a score under
    --fail-under), 2 usage, configuration or input errors (other files are still linted)."""
    import io
    import json
    from pathlib import Path

    from .atomic_write import write_atomic
    from .baseline import BaselineError, load_baseline
    from .baseline import write_baseline as record_baseline
    from .config import CliOverrides, ConfigError, ConfigResolver
    from .formats import FormatContext, make_writer
    from .gate import evaluate, render_statistics
    from .gate import statistics as rule_statistics
    from .cache import open_cache
    from .lint import Options, lint_sources
    from .collection import expand
    from .progress import ProgressBar
    from .read import iter_sources
    from .runner import default_jobs
    from .report import Report
    from .ruleset import RuleFileError, rules_by_id

    if not paths:
        _fail("no paths given; pass draft files, a directory, a glob, or - to read stdin")
    try:
        rules_by_id()
    except RuleFileError as exc:
        _fail(str(exc))
    if config and isolated:
        _fail("--config and --isolated cannot be used together")
    overrides = CliOverrides(
        select=_ids(select) if select is not None else None,
        extend_select=_ids(extend_select), ignore=_ids(ignore),
        fail_on=fail_on.value if fail_on else None, fail_under=fail_under,
        channel=channel.value if channel else None, force_exclude=force_exclude,
    )
    resolver = ConfigResolver(overrides, config_file=config, isolated=isolated)
    # Settings for the paths as given are checked up front: a typo in the config stops the run
    # before anything is linted. (A config found deeper in a walk fails only its own drafts.)
    try:
        for given in paths:
            p = Path(given)
            if given != "-" and p.is_dir():
                resolver.settings_for_dir(p)
            else:
                resolver.settings_for(given)
    except ConfigError as exc:
        _fail(str(exc))
    if show_settings:
        described = resolver.settings_for(paths[0]).describe(paths[0])
        if output_format is OutputFormat.json:
            sys.stdout.write(json.dumps(described, indent=2) + "\n")
        else:
            for key, value in described.items():
                sys.stdout.write(f"{key} = {json.dumps(value)}\n")
        raise typer.Exit(0)
    known_baseline = None
    if baseline:
        try:
            known_baseline = load_baseline(baseline)
        except BaselineError as exc:
            _fail(str(exc))

    options = Options(severity=severity.value if severity else None, config=resolver,
                      platform=platform.value if platform else None,
                      render=_render_values(render) if render is not None else None)
    err = _stderr()

    def notice(n):
        err.print(f"apolint: {n.path}: {n.message}", markup=False)

    buffered = output_file is not None or write_baseline is not None
    sink = io.StringIO() if buffered else sys.stdout
    context = FormatContext(color=not buffered and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    writer = None if statistics or write_baseline else make_writer(output_format.value, sink, context)
    drafts = []
    recorded = []
    sources = expand(iter_sources(paths, encoding=encoding, skip=resolver.skip_path), input_format.value, column)
    cache = None if no_cache else open_cache(cache_dir, options)
    bar = ProgressBar(err, progress)
    reports = lint_sources(bar.sources(sources), options, on_notice=notice, jobs=jobs or default_jobs(), cache=cache)
    for draft in bar.reports(reports):
        recorded.append(draft)
        if draft.error is not None:
            err.print(f"apolint: error: {draft.path}: {draft.error}", markup=False)
        if known_baseline is not None:
            draft = known_baseline.filter(draft)
        drafts.append(draft)
        if writer is not None:
            writer.draft(draft)
    for problem in resolver.rule_problems():
        err.print(f"apolint: error: {problem}", markup=False)
    report = Report(__version__, drafts)
    if write_baseline:
        try:
            count, files = record_baseline(write_baseline, recorded)
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write baseline: {exc.strerror or exc}")
        err.print(f"apolint: recorded {count} finding{'s' if count != 1 else ''} in {files} "
                  f"draft{'s' if files != 1 else ''} to {write_baseline}", markup=False)
        raise typer.Exit(2 if report.summary["failed"] or resolver.rule_problems() else 0)
    context.rules = resolver.known_rules()
    if statistics:
        summaries = {rule_id: rule.summary for rule_id, rule in context.rules.items()}
        sink.write(render_statistics(rule_statistics(drafts), output_format in (OutputFormat.json, OutputFormat.jsonl), summaries))
    else:
        writer.finish(report)
    if known_baseline is not None:
        err.print(f"apolint: baseline: {known_baseline.matched} known finding{'s' if known_baseline.matched != 1 else ''} "
                  f"hidden, {known_baseline.fixed()} fixed since it was recorded", markup=False)

    def levels(path):
        try:
            settings = resolver.settings_for(path)
        except ConfigError:
            return (fail_on.value if fail_on else "warning"), fail_under
        return settings.fail_on, settings.fail_under

    gate = evaluate(drafts, levels, exit_zero=exit_zero, input_errors=bool(resolver.rule_problems()),
                    baseline_score=known_baseline.score if known_baseline else None)
    if output_file is not None:
        try:
            write_atomic(output_file, sink.getvalue())
        except OSError as exc:
            _fail(f"{output_file}: cannot write output: {exc.strerror or exc}")
    for reason in gate.reasons:
        err.print(f"apolint: {reason}", markup=False)
    raise typer.Exit(gate.code)


@app.command("clean")
def clean_cache(cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="The cache directory to remove (default: $APOLINT_CACHE_DIR or .apolint_cache).")):
    """Remove the results cache."""
    from .cache import clean, default_dir

    root = cache_dir or default_dir()
    try:
        removed = clean(root)
    except (ValueError, OSError) as exc:
        _fail(str(exc))
    print(f"apolint: removed {root}" if removed else f"apolint: no cache at {root}")


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
    from .interrupt import exit_interrupted

    try:
        app(prog_name="apolint")
    except KeyboardInterrupt:
        exit_interrupted()
    except SystemExit as exc:
        # typer turns Ctrl-C inside a command into a silent exit 130; say why the run stopped.
        if exc.code == 130:
            exit_interrupted()
        raise
