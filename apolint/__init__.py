"""apolint: a linter for customer apology drafts.

    >>> import apolint
    >>> report = apolint.lint_text("We apologize for any inconvenience this may have caused.")
    >>> report.score, [f.rule for f in report.findings]

The public names are imported on first use (PEP 562), so ``import apolint`` (and the command
line's start-up, and Ctrl-C during it) does not wait for spaCy to import."""
__version__ = "0.1.0"

__all__ = ["DraftReport", "Finding", "Report", "__version__", "lint_text", "lint_texts"]

_LAZY = {"lint_text": "lint", "lint_texts": "lint", "DraftReport": "report", "Finding": "report", "Report": "report"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'apolint' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
