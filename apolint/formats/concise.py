"""``concise``: one line per finding in the compiler form editors and CI problem matchers read
(``path:line:col: severity: message [rule]``), then one summary line."""
from __future__ import annotations

from . import Writer


def one_line(text: str) -> str:
    return " ".join(text.split())


class ConciseWriter(Writer):
    def draft(self, draft):
        for f in draft.findings:
            self.out.write(f"{draft.path}:{f.line}:{f.column}: {f.severity}: {one_line(f.message)} [{f.rule}]\n")

    def finish(self, report):
        s = report.summary
        drafts = f"{s['files']} draft{'s' if s['files'] != 1 else ''}"
        if s["findings"]:
            self.out.write(f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} in {drafts}.\n")
        else:
            self.out.write(f"No findings in {drafts}.\n")
