"""Output formats for a report: ``text`` (rich, for people) and ``json`` (the contract)."""
from __future__ import annotations

import json

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from .report import DraftReport, Report
from .score import expected_components

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


# Control characters in a draft are shown as their one-cell Unicode pictures (ESC as ␛), so a draft
# cannot drive the terminal (colours, title, cursor) and the carets stay under the right columns.
_VISIBLE = {c: 0x2400 + c for c in range(32) if c != 9} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}


def visible(text: str) -> str:
    return text.translate(_VISIBLE)


def _line_text(text: str, line: int) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return visible(lines[line - 1]) if 0 < line <= len(lines) else ""


def render_draft(console: Console, draft: DraftReport) -> None:
    if draft.error is not None:
        console.print(Text.assemble((draft.path, "bold"), ": ", ("error", "bold red"), f" {draft.error}"))
        return
    for f in draft.findings:
        head = Text.assemble(
            (f"{draft.path}:{f.line}:{f.column}", "bold"), " ",
            (f.severity, SEVERITY_STYLE[f.severity]), " ",
            (f.rule, "cyan"), " ", f.message,
        )
        console.print(head, soft_wrap=True)
        line = _line_text(draft.lines_text or draft.text, f.line)
        start_col = f.column - 1
        end_col = f.end_column - 1 if f.end_line == f.line else len(line)
        end_col = max(end_col, start_col + 1)
        gutter = f"{f.line:>5} │ "
        shown = Text(gutter, style="dim")
        shown.append(line[:start_col])
        shown.append(line[start_col:end_col], style="underline " + SEVERITY_STYLE[f.severity])
        shown.append(line[end_col:])
        console.print(shown, soft_wrap=True, highlight=False)
        # Carets under the exact columns, so the place shows without colour too. Measured in
        # terminal cells, not characters: emoji and CJK take two, combining marks none.
        width = cell_len(line[start_col:end_col].expandtabs())
        carets = Text(" " * 5 + " │ ", style="dim")
        carets.append(" " * cell_len(line[:start_col].expandtabs()) + "^" * max(1, width), style=SEVERITY_STYLE[f.severity])
        console.print(carets, soft_wrap=True, highlight=False)
        if f.suggestion:
            console.print(Text.assemble(" " * 5 + " = ", ("suggestion: ", "green"), f.suggestion), soft_wrap=True)
    if draft.note is not None:
        console.print(Text.assemble((draft.path, "bold"), ": ", draft.note), soft_wrap=True, highlight=False)
        return
    expected = expected_components(draft.context.get("register", "email"), draft.context.get("failure_severity", "medium"))
    missing = [c.replace("_", "-") for c in expected if not draft.components.get(c)]
    score_style = "green" if draft.score >= 75 else "yellow" if draft.score >= 45 else "red"
    line = Text.assemble((draft.path, "bold"), ": ", ("score ", "bold"), (f"{draft.score}/100", f"bold {score_style}"))
    if missing:
        line.append(f"  missing: {', '.join(missing)}")
    ctx = draft.context
    if ctx:
        line.append(f"  ({ctx.get('register')}, {ctx.get('failure_severity')} severity)", style="dim")
    console.print(line, soft_wrap=True, highlight=False)


def render_summary(console: Console, report: Report) -> None:
    s = report.summary
    parts = [f"{s['files']} draft{'s' if s['files'] != 1 else ''}", f"{s['findings']} finding{'s' if s['findings'] != 1 else ''}"]
    detail = ", ".join(f"{s[k]} {k if s[k] != 1 else k[:-1]}" for k in ("errors", "warnings", "infos") if s[k])
    if detail:
        parts[-1] += f" ({detail})"
    if s["failed"]:
        parts.append(f"{s['failed']} could not be read")
    console.print(Text(" · ".join(parts), style="bold"), highlight=False)
