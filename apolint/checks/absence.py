"""``absence``: a component of a good apology is missing (no repair, no prevention...). The hit is
anchored where the reader would look for it: the failure, the apology, or the first sentence."""
from __future__ import annotations

from ..report import COMPONENTS
from .base import Check, Hit


class AbsenceCheck(Check):
    allowed_keys = {"component", "anchor", "unless_evidence"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        if spec.get("component") not in COMPONENTS:
            return f"'component' must be one of {', '.join(COMPONENTS)}"
        for a in spec.get("anchor", ["failure", "apology", "first-sentence"]):
            if a not in ("failure", "apology", "first-sentence"):
                return "'anchor' entries must be failure, apology or first-sentence"
        return None

    def __init__(self, spec, nlp):
        super().__init__(spec, nlp)
        self.component = spec["component"]
        self.anchors = spec.get("anchor", ["failure", "apology", "first-sentence"])
        # Signal evidence that also answers the rule ("excused_cause": the draft gives a reason, if
        # an excusing one, so it is not "missing" one; excuse-language and blame-shifting judge it).
        self.unless_evidence = list(spec.get("unless_evidence", []))

    def find(self, draft):
        if draft.components.get(self.component):
            return []
        if any(draft.signals.evidence.get(name) for name in self.unless_evidence):
            return []
        for anchor in self.anchors:
            if anchor == "failure" and draft.signals.failure_spans:
                start, end = draft.signals.failure_spans[0]
            elif anchor == "apology" and draft.real_apologies:
                first = draft.real_apologies[0]
                sent = first.sent
                start, end = sent.start_char, sent.end_char
            elif anchor == "first-sentence" and draft.sentences:
                first = draft.sentences[0]
                start, end = first.start_char, first.end_char
            else:
                continue
            # Point at the sentence, without its trailing whitespace.
            text = draft.text[start:end]
            end = start + len(text.rstrip())
            if anchor == "failure":
                span = draft.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    sent = span.sent
                    start, end = sent.start_char, sent.start_char + len(sent.text.rstrip())
            return [Hit(start, end)]
        return []
