"""``python``: a small named check in ``apolint/named_checks.py`` for logic YAML cannot express;
the rule file names it and passes it parameters."""
from __future__ import annotations

from .base import Check


class PythonCheck(Check):
    allowed_keys = {"check", "params"}

    @classmethod
    def validate(cls, spec):
        from ..named_checks import NAMED_CHECKS

        problem = super().validate(spec)
        if problem:
            return problem
        if spec.get("check") not in NAMED_CHECKS:
            from ..ruleset import closest
            return f"unknown named check '{spec.get('check')}'{closest(str(spec.get('check')), NAMED_CHECKS)}"
        return None

    def __init__(self, spec, nlp):
        from ..named_checks import NAMED_CHECKS

        super().__init__(spec, nlp)
        self.func = NAMED_CHECKS[spec["check"]]
        self.params = spec.get("params") or {}

    def find(self, draft):
        return self.func(draft, **self.params)
