"""``text``: the rich, human format (apolint/render.py), to a terminal or a file."""
from __future__ import annotations

from rich.console import Console

from ..render import render_draft, render_summary
from . import Writer


class TextWriter(Writer):
    def __init__(self, out, context):
        super().__init__(out, context)
        # Colour only when asked for by the caller (a terminal without NO_COLOR); files get plain text.
        self.console = Console(file=out, highlight=False, soft_wrap=True, no_color=not context.color,
                               force_terminal=context.color, force_jupyter=False)

    def draft(self, draft):
        if draft.error is None:
            render_draft(self.console, draft)

    def finish(self, report):
        render_summary(self.console, report)
