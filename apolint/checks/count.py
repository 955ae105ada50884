"""``count``: too much of a good thing: apology phrases beyond a maximum, apologies in consecutive
sentences, stacked intensifiers on one apology ("so so sorry", "truly, deeply, sincerely")."""
from __future__ import annotations

from .base import Check, Hit

COUNTABLE = {"apologies", "consecutive-apologies", "intensifiers"}


class CountCheck(Check):
    allowed_keys = {"of", "max", "escalate_above", "escalate_to"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        if spec.get("of") not in COUNTABLE:
            return f"'of' must be one of {', '.join(sorted(COUNTABLE))}"
        if not isinstance(spec.get("max", 0), int):
            return "'max' must be an integer"
        return None

    def __init__(self, spec, nlp):
        super().__init__(spec, nlp)
        self.of = spec["of"]
        self.max = int(spec.get("max", 1))
        self.escalate_above = spec.get("escalate_above")
        self.escalate_to = spec.get("escalate_to")

    def find(self, draft):
        apologies = draft.real_apologies
        if self.of == "apologies":
            if len(apologies) <= self.max:
                return []
            extra = apologies[self.max]
            severity = None
            if self.escalate_above is not None and len(apologies) > self.escalate_above:
                severity = self.escalate_to
            return [Hit(extra.start, extra.end, vars={"count": len(apologies), "max": self.max}, severity=severity)]
        if self.of == "consecutive-apologies":
            sent_index = {s.start: i for i, s in enumerate(draft.sentences)}
            hits = []
            previous = None
            for apology in apologies:
                idx = sent_index.get(apology.sent.start)
                if idx is not None and previous is not None and idx == previous + 1:
                    hits.append(Hit(apology.start, apology.end, vars={"count": len(apologies)}))
                    break
                previous = idx if idx is not None else previous
            return hits
        hits = []
        for apology in apologies:
            if len(apology.intensifiers) > self.max:
                first, last = apology.intensifiers[0], apology.intensifiers[-1]
                hits.append(Hit(first.idx, max(last.idx + len(last), apology.trigger.idx + len(apology.trigger)),
                                vars={"count": len(apology.intensifiers)}))
        return hits
