"""apolint: a linter for customer apology drafts.

    >>> import apolint
    >>> report = apolint.lint_text("We apologize for any inconvenience this may have caused.")
    >>> report.score, [f.rule for f in report.findings]
"""
__version__ = "0.1.0"

from .lint import lint_texts, lint_text  # noqa: E402
from .report import DraftReport, Finding, Report  # noqa: E402

__all__ = ["DraftReport", "Finding", "Report", "__version__", "lint_text", "lint_texts"]
