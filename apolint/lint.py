"""The pipeline: read -> preprocess -> parse -> rules -> score -> report, for one text or a stream
of sources. The spaCy pipeline and the compiled rules are built once and reused."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import __version__
from .draft import build_draft
from .engine import Engine
from .longdoc import parse_all
from .parse import BATCH_SIZE, load_nlp
from .policy import FilePolicy, finish_findings, finish_report, policy_for
from .prepare_source import merge_variant_reports, prepare_source
from .read import Notice, ReadFailure, Source
from .report import DraftReport, Report, error_report
from .ruleset import Rule, builtin_rules
from .score import score_draft
from .unassessed import empty_report, is_empty, not_english_report

CHANNELS = ("chat", "email", "incident")
FAILURE_SEVERITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class Options:
    channel: str | None = None
    severity: str | None = None
    select: tuple[str, ...] | None = None  # rule ids to run (None: all)
    platform: str | None = None  # help desk whose placeholders to check (zendesk, helpscout ...)
    render: dict | None = None  # lint templates rendered with these values instead of stand-ins
    # A config.ConfigResolver: per-file settings from apolint.toml / pyproject.toml / .apolint.yaml
    # and the command line. None: built-in defaults (the Python API's default).
    config: object | None = None


@functools.lru_cache(maxsize=16)
def _engine(rules: tuple[Rule, ...]) -> Engine:
    return Engine(rules, load_nlp())


def active_rules(options: Options) -> tuple[Rule, ...]:
    rules = builtin_rules()
    if options.select:
        rules = tuple(r for r in rules if r.id in options.select)
    return rules


def _report(path: str, prepared, doc, policy: FilePolicy, directives, options: Options) -> DraftReport:
    if is_empty(prepared.text):
        return empty_report(path, prepared.original)
    draft = build_draft(prepared, doc, policy.channel, options.severity)
    findings = finish_findings(_engine(policy.rules).findings(draft), prepared, policy, directives)
    unassessed = not_english_report(path, prepared.original, findings)
    if unassessed is not None:
        return unassessed
    components = dict(draft.components)
    score = score_draft(components, findings, draft.register, draft.failure_severity)
    return DraftReport(
        path=path,
        text=prepared.original,
        score=score,
        components=components,
        findings=findings,
        context={"register": draft.register, "failure_severity": draft.failure_severity},
    )


def lint_sources(sources: Iterable[Source | ReadFailure | Notice], options: Options = Options(),
                 on_notice=None) -> Iterator[DraftReport]:
    """Lint a stream of sources, in order, parsing in batches; read failures become error entries."""
    from .config import ConfigError
    from .suppress import find_directives, masks

    nlp = load_nlp()
    batch: list[tuple[Source, list, FilePolicy, list]] = []

    def flush():
        # A template with conditionals is several renderings (variants), parsed in the same batch;
        # long drafts are parsed in chunks (longdoc.py).
        docs = iter(parse_all(nlp, [p.text for _, variants, _, _ in batch for p in variants], batch_size=BATCH_SIZE))
        for source, variants, policy, directives in batch:
            reports = [_report(source.path, prepared, next(docs), policy, directives, options) for prepared in variants]
            yield finish_report(merge_variant_reports(variants, reports), variants[0], policy, directives)
        batch.clear()

    for source in sources:
        if isinstance(source, Notice):
            if on_notice is not None:
                on_notice(source)
            continue
        if isinstance(source, ReadFailure):
            yield from flush()
            yield error_report(source.path, source.message)
            continue
        try:
            policy = policy_for(options, source.path)
        except ConfigError as exc:
            yield from flush()
            yield error_report(source.path, str(exc))
            continue
        directives = find_directives(source.text)
        batch.append((source, prepare_source(source, policy.platform, options.render, masks(directives, source.text)),
                      policy, directives))
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def lint_text(text: str, path: str = "<text>", channel: str | None = None, severity: str | None = None) -> DraftReport:
    """Lint one draft held in memory. ``channel`` (chat/email/incident) and ``severity``
    (low/medium/high) override what apolint detects."""
    return next(lint_sources([Source(path, text)], Options(channel=channel, severity=severity)))


def lint_texts(texts: Iterable[str], channel: str | None = None, severity: str | None = None) -> Report:
    sources = (Source(f"<text {i}>", t) for i, t in enumerate(texts, 1))
    return Report(__version__, list(lint_sources(sources, Options(channel=channel, severity=severity))))
