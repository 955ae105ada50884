"""``sarif``: SARIF 2.1.0 as GitHub code scanning reads it (github/docs "SARIF support for code
scanning"; the subset is kept in tests/data/sarif-github-subset.schema.json and checked by the
tests). Every rule that ran is described once in ``tool.driver.rules``; each finding is a result
pointing at the exact words, with fingerprints that survive lines moving."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..report import Report
from ..ruleset import Rule
from . import Writer

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# Where a rule's documentation lives (the rule file: description, rationale, examples).
RULE_HELP_URI = "https://github.com/apolint/apolint/blob/main/rules/{id}.yaml"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
PRECISIONS = ("very-high", "high", "medium", "low")


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _markdown_help(rule: Rule) -> str:
    parts = [f"**{rule.summary}**", "", rule.description, "", "**Why it hurts the apology**", "", rule.rationale]
    if rule.suggestion:
        parts += ["", "**How to fix it**", "", rule.suggestion]
    parts += ["", "**Flagged**", ""] + [f"- {_normalise(x)}" for x in rule.examples["flag"]]
    parts += ["", "**Not flagged**", ""] + [f"- {_normalise(x)}" for x in rule.examples["pass"]]
    return "\n".join(parts)


def _text_help(rule: Rule) -> str:
    parts = [rule.summary, "", rule.description, "", "Why it hurts the apology: " + _normalise(rule.rationale)]
    if rule.suggestion:
        parts += ["", "How to fix it: " + rule.suggestion]
    return "\n".join(parts)


def rule_descriptor(rule: Rule, builtin: bool) -> dict:
    descriptor = {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _normalise(rule.description)},
        "help": {"text": _text_help(rule), "markdown": _markdown_help(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "precision": rule.precision if rule.precision in PRECISIONS else "medium",
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
            "tags": ["apology", rule.category, *rule.tags],
        },
    }
    if builtin:
        descriptor["helpUri"] = RULE_HELP_URI.format(id=rule.id)
    return descriptor


def artifact_uri(path: str, cwd: Path) -> str:
    """Relative to the working directory (the repository root in CI) when the file is inside it,
    as GitHub recommends; otherwise an absolute file:// URI."""
    if path == "-":
        return "stdin"
    if "#" in path and not Path(path).exists():
        path = path.rsplit("#", 1)[0]  # a draft inside a collection file: locate the file
    p = Path(path)
    absolute = p if p.is_absolute() else (cwd / p)
    try:
        relative = absolute.resolve(strict=False).relative_to(cwd.resolve())
    except ValueError:
        return absolute.resolve(strict=False).as_uri()
    return quote(relative.as_posix(), safe="/")


def _line_text(text: str, line: int) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def sarif_log(report: Report, rules: dict[str, Rule], cwd: Path, builtin_ids: set[str]) -> dict:
    used = {f.rule for d in report.files for f in d.findings}
    ordered = sorted(set(rules) | used)
    index = {rule_id: n for n, rule_id in enumerate(ordered)}
    descriptors = []
    for rule_id in ordered:
        rule = rules.get(rule_id)
        if rule is None:  # a finding from a rule with no metadata at hand: still describe it
            descriptors.append({"id": rule_id, "shortDescription": {"text": rule_id},
                                "fullDescription": {"text": rule_id}, "help": {"text": rule_id}})
        else:
            descriptors.append(rule_descriptor(rule, rule_id in builtin_ids))

    results = []
    notifications = []
    for draft in report.files:
        uri = artifact_uri(draft.path, cwd)
        if draft.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": f"{draft.path}: {draft.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            })
            continue
        line_hash_seen: Counter = Counter()
        text_seen: Counter = Counter()
        for f in draft.findings:
            line_key = hashlib.sha256(
                f"{f.rule}\0{_normalise(_line_text(draft.text, f.line))}".encode()).hexdigest()[:16]
            line_hash_seen[line_key] += 1
            text_key = (f.rule, _normalise(f.text))
            occurrence = text_seen[text_key]
            text_seen[text_key] += 1
            # Same identity as the baseline: rule + draft + matched words + occurrence, not the line.
            finding_hash = hashlib.sha256(
                f"{f.rule}\0{draft.path}\0{_normalise(f.text)}\0{occurrence}".encode()).hexdigest()[:32]
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            results.append({
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVEL[f.severity],
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": f.line, "startColumn": f.column,
                        "endLine": f.end_line, "endColumn": f.end_column,
                        "snippet": {"text": f.text},
                    },
                }}],
                "partialFingerprints": {
                    "primaryLocationLineHash": f"{line_key}:{line_hash_seen[line_key]}",
                    "apolintFinding/v1": finding_hash,
                },
            })

    run = {
        "tool": {"driver": {
            "name": "apolint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": descriptors,
        }},
        # Columns count characters (code points), as Python strings do; said explicitly because
        # readers differ on the default.
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
            "workingDirectory": {"uri": cwd.resolve().as_uri() + "/"},
        }],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifWriter(Writer):
    def finish(self, report):
        from ..ruleset import builtin_rules

        builtin_ids = {r.id for r in builtin_rules()}
        log = sarif_log(report, self.context.rules, self.context.cwd, builtin_ids)
        self.out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
