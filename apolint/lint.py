"""The pipeline: read -> preprocess -> parse -> rules -> score -> report, for one text or a stream
of sources. The spaCy pipeline and the compiled rules are built once and reused."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import __version__
from .read import Notice, ReadFailure, Source
from .report import DraftReport, Report
from .ruleset import Rule, builtin_rules
from .unassessed import empty_report, is_empty, not_english_report

# The parse-side modules (draft, engine, longdoc, parse, policy, score) import spaCy; they load
# on the first draft that needs parsing, so a run answered from the cache never imports spaCy.

BATCH_SIZE = 64  # drafts per nlp.pipe batch (and per unit of work sent to a worker)

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
def _engine(rules: tuple[Rule, ...], nlp=None):
    from .engine import Engine

    return Engine(rules, nlp if nlp is not None else pipeline_for(rules))


def pipeline_for(rules: tuple[Rule, ...]):
    """The spaCy pipeline with only the components these rules (and the built-in ones) read
    (apolint/pipeline.py)."""
    from .parse import excluded_components, load_nlp

    return load_nlp(excluded_components(tuple(builtin_rules()) + tuple(rules)))


def active_rules(options: Options) -> tuple[Rule, ...]:
    rules = builtin_rules()
    if options.select:
        rules = tuple(r for r in rules if r.id in options.select)
    return rules


def _report(path: str, prepared, doc, policy, directives, options: Options, nlp=None) -> DraftReport:
    from .draft import build_draft
    from .policy import finish_findings
    from .score import score_draft

    if is_empty(prepared.text):
        return empty_report(path, prepared.original)
    draft = build_draft(prepared, doc, policy.channel, options.severity)
    findings = finish_findings(_engine(policy.rules, nlp).findings(draft), prepared, policy, directives)
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
                 on_notice=None, *, jobs: int = 1, cache=None) -> Iterator[DraftReport]:
    """Lint a stream of sources, in order, parsing in batches; read failures become error entries.
    ``jobs`` > 1 parses large inputs in worker processes; ``cache`` (apolint.cache.Cache) answers
    drafts already linted with the same settings (apolint/runner.py)."""
    from .runner import lint_stream

    return lint_stream(sources, options, jobs=jobs, cache=cache, on_notice=on_notice)


def lint_batch(sources: list[Source], options: Options) -> list[DraftReport]:
    """Lint sources in one ``nlp.pipe`` batch, in order; the unit of work of a worker process."""
    from .config import ConfigError
    from .longdoc import parse_all
    from .policy import finish_report, policy_for
    from .prepare_source import merge_variant_reports, prepare_source
    from .report import error_report
    from .suppress import find_directives, masks

    out: list[DraftReport | None] = [None] * len(sources)
    batch = []
    for i, source in enumerate(sources):
        try:
            policy = policy_for(options, source.path)
        except ConfigError as exc:
            out[i] = error_report(source.path, str(exc))
            continue
        directives = find_directives(source.text)
        batch.append((i, source, prepare_source(source, policy.platform, options.render, masks(directives, source.text)),
                      policy, directives))
    # One pipeline for the batch, with every component any of its drafts' rules read.
    nlp = pipeline_for(tuple(r for _, _, _, policy, _ in batch for r in policy.rules))
    # A template with conditionals is several renderings (variants), parsed in the same batch;
    # long drafts are parsed in chunks (longdoc.py).
    docs = iter(parse_all(nlp, [p.text for _, _, variants, _, _ in batch for p in variants], batch_size=BATCH_SIZE))
    for i, source, variants, policy, directives in batch:
        # Each Doc is dropped as soon as its report is built: memory stays flat however long the run.
        reports = [_report(source.path, prepared, next(docs), policy, directives, options, nlp) for prepared in variants]
        out[i] = finish_report(merge_variant_reports(variants, reports), variants[0], policy, directives)
    return out


def lint_text(text: str, path: str = "<text>", channel: str | None = None, severity: str | None = None) -> DraftReport:
    """Lint one draft held in memory. ``channel`` (chat/email/incident) and ``severity``
    (low/medium/high) override what apolint detects."""
    return next(lint_sources([Source(path, text)], Options(channel=channel, severity=severity)))


def lint_texts(texts: Iterable[str], channel: str | None = None, severity: str | None = None) -> Report:
    sources = (Source(f"<text {i}>", t) for i, t in enumerate(texts, 1))
    return Report(__version__, list(lint_sources(sources, Options(channel=channel, severity=severity))))
