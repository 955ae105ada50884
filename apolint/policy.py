"""What applies to one draft: which rules run on it, its channel, severity overrides (from the
configuration and the command line), and, after the rules have run, the suppression comments in
the draft itself."""
from __future__ import annotations

from dataclasses import dataclass, replace

from . import suppress
from .preprocess import Prepared
from .report import DraftReport, Finding
from .ruleset import Rule, builtin_rules


@dataclass(frozen=True)
class FilePolicy:
    rules: tuple[Rule, ...]
    channel: str | None
    platform: str | None = None
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    known: frozenset[str] = frozenset()  # every rule id that exists (for unknown ids in comments)


def policy_for(options, path: str) -> FilePolicy:
    """Raises ``config.ConfigError`` when the configuration that applies to ``path`` is broken."""
    resolver = getattr(options, "config", None)
    if resolver is None:
        rules = builtin_rules()
        if options.select:
            rules = tuple(r for r in rules if r.id in options.select)
        return FilePolicy(rules, options.channel, getattr(options, "platform", None), (),
                          frozenset(r.id for r in builtin_rules()))
    settings = resolver.settings_for(path)
    return FilePolicy(
        rules=settings.rules_for(path),
        channel=options.channel or settings.channel,
        platform=getattr(options, "platform", None) or settings.platform,
        severity=tuple(sorted(settings.severity.items())),
        known=frozenset(r.id for r in settings.all_rules),
    )


def finish_findings(findings: list[Finding], prepared: Prepared, policy: FilePolicy,
                    directives: list[suppress.Directive]) -> list[Finding]:
    """Severity overrides, then the draft's own suppression comments (for one rendering)."""
    if policy.severity:
        overrides = dict(policy.severity)
        findings = [replace(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings]
    return suppress.apply(findings, directives, prepared)


def finish_report(report: DraftReport, prepared: Prepared, policy: FilePolicy,
                  directives: list[suppress.Directive]) -> DraftReport:
    """After every rendering of a draft: report the suppression comments that suppressed nothing
    in any of them."""
    if not directives:
        return report
    active = {r.id for r in policy.rules}
    findings = suppress.report_unused(report.findings, directives, prepared, active, set(policy.known))
    return replace(report, findings=findings)
