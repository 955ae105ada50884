"""A progress bar on stderr for long runs. Never on stdout: ``--format json`` output stays one
valid JSON document whatever the bar does."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

# A run with fewer drafts finishes before a bar would tell the user anything.
MIN_DRAFTS = 50


class ProgressBar:
    """Counts drafts read and reports yielded; shows a rich bar on ``console`` (stderr) once
    ``MIN_DRAFTS`` drafts have been read, if ``mode`` is True, or if ``mode`` is None (auto) and
    stderr is a terminal. The total is unknown while the input streams, so the bar pulses and
    shows the count and the rate."""

    def __init__(self, console, mode: bool | None = None):
        self.console = console
        # Automatic: only when stderr is a terminal and stdout is not the same screen (when it
        # is, the findings streaming past already show progress, and a bar would garble them).
        self.enabled = mode if mode is not None else (console.is_terminal and not sys.stdout.isatty())
        self.read = 0
        self.done = 0
        self._progress = None
        self._task = None

    def sources(self, sources: Iterable) -> Iterator:
        for source in sources:
            self.read += 1
            if self.enabled and self._progress is None and self.read >= MIN_DRAFTS:
                self._start()
            yield source

    def reports(self, reports: Iterable) -> Iterator:
        try:
            for report in reports:
                self.done += 1
                if self._progress is not None:
                    self._progress.update(self._task, completed=self.done)
                yield report
        finally:
            self.stop()

    def _start(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("linting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("drafts"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            redirect_stdout=False,  # stdout (the report) is never touched
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("lint", total=None, completed=self.done)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
