"""Drafts apolint does not assess, and what their report says instead of a score's worth of
nonsense: an empty or whitespace-only draft, and a draft that does not look like English.

Both keep the JSON contract: ``score`` stays an integer, ``components`` are all false (nothing
was recognised) and the entry carries an extra ``note`` field saying why it was not assessed
(the contract allows added fields). The score is 100 because nothing was deducted: a CI gate
(``--fail-under``) should not fail on a draft apolint cannot judge, and the draft is not silently
passed either: an empty draft has its note, a non-English draft has one ``not-english`` info
finding (so ``--fail-on info`` makes a gate strict about them)."""
from __future__ import annotations

from .report import COMPONENTS, DraftReport, Finding

NOT_ENGLISH_RULE = "not-english"
EMPTY_NOTE = "empty draft: nothing to check"
NOT_ENGLISH_NOTE = "not assessed: the draft does not look like English"
UNASSESSED_SCORE = 100


def is_empty(text: str) -> bool:
    return not text.strip()


def empty_report(path: str, original: str) -> DraftReport:
    return DraftReport(path=path, text=original, score=UNASSESSED_SCORE,
                       components={name: False for name in COMPONENTS}, findings=[], note=EMPTY_NOTE)


def not_english_report(path: str, original: str, findings: list[Finding]) -> DraftReport | None:
    """The report for a draft the ``not-english`` rule fired on (only that finding kept), or None
    when it did not fire."""
    notes = [f for f in findings if f.rule == NOT_ENGLISH_RULE]
    if not notes:
        return None
    return DraftReport(path=path, text=original, score=UNASSESSED_SCORE,
                       components={name: False for name in COMPONENTS}, findings=notes[:1],
                       note=NOT_ENGLISH_NOTE)
