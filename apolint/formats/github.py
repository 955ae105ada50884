"""``github``: GitHub Actions workflow commands, which show each finding as an annotation on the
pull request's diff: ``::warning file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message``."""
from __future__ import annotations

from . import Writer

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation_path(path: str) -> str:
    # A draft inside a collection is "library.yaml#macro-id"; the annotation belongs on the file.
    return path.rsplit("#", 1)[0] if "#" in path else path


class GithubWriter(Writer):
    def draft(self, draft):
        file = escape_property(_annotation_path(draft.path))
        if draft.error is not None:
            self.out.write(f"::error file={file},title={escape_property('apolint: cannot lint')}::"
                           f"{escape_data(draft.error)}\n")
            return
        for f in draft.findings:
            props = [f"file={file}", f"line={f.line}", f"col={f.column}", f"endLine={f.end_line}",
                     f"endColumn={f.end_column}", f"title={escape_property(f'apolint {f.rule}')}"]
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            self.out.write(f"::{LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}\n")
