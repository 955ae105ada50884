"""Check kinds: one module per kind. A rule file's ``checks`` entries name a kind and its patterns."""
from __future__ import annotations

from .absence import AbsenceCheck
from .apology import ApologyCheck
from .base import Check, Hit
from .count import CountCheck
from .dependency import DependencyCheck
from .pattern import PatternCheck
from .phrase import PhraseCheck
from .python import PythonCheck

CHECK_KINDS: dict[str, type[Check]] = {
    "phrase": PhraseCheck,
    "pattern": PatternCheck,
    "dependency": DependencyCheck,
    "apology": ApologyCheck,
    "absence": AbsenceCheck,
    "count": CountCheck,
    "python": PythonCheck,
}


def validate_check(spec: dict) -> str | None:
    return CHECK_KINDS[spec["kind"]].validate(spec)


def compile_check(spec: dict, nlp) -> Check:
    return CHECK_KINDS[spec["kind"]](spec, nlp)


__all__ = ["CHECK_KINDS", "Check", "Hit", "compile_check", "validate_check"]
