"""``pattern``: spaCy ``Matcher`` token patterns (LEMMA, LOWER, POS, DEP, OP ...) written in YAML."""
from __future__ import annotations

from .base import Check, Hit
from .prefilter import may_match, required_words


class PatternCheck(Check):
    allowed_keys = {"patterns", "greedy"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        pats = spec.get("patterns")
        if not isinstance(pats, list) or not pats or not all(isinstance(p, list) and p for p in pats):
            return "'patterns' must be a non-empty list of token patterns (each a list of token specs)"
        return None

    def __init__(self, spec, nlp):
        from spacy.matcher import Matcher  # here, not at import: validating rules needs no spaCy

        super().__init__(spec, nlp)
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.matcher.add("pattern", spec["patterns"], greedy="LONGEST")
        self.needs_words = [required_words(pattern, None) for pattern in spec["patterns"]]

    def find(self, draft):
        if not may_match(self.needs_words, draft.words):
            return []
        return [Hit(draft.doc[s:e].start_char, draft.doc[s:e].end_char)
                for _, s, e in self.matcher(draft.doc)]
