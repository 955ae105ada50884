"""``phrase``: fixed phrases through spaCy's PhraseMatcher, on the lower-cased text or on lemmas
(so "apologise"/"apologised" and "inconvenience"/"inconveniences" fold together)."""
from __future__ import annotations

from .base import Check, Hit


class PhraseCheck(Check):
    allowed_keys = {"phrases", "attr", "unless_negated"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        phrases = spec.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
            return "'phrases' must be a non-empty list of strings"
        if spec.get("attr", "LOWER") not in ("LOWER", "LEMMA", "ORTH"):
            return "'attr' must be LOWER, LEMMA or ORTH"
        return None

    def __init__(self, spec, nlp):
        from spacy.matcher import PhraseMatcher  # here, not at import: validating rules needs no spaCy

        super().__init__(spec, nlp)
        attr = spec.get("attr", "LOWER")
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        # Lemma patterns must be run through the pipeline to get lemmas; lower-case ones only
        # need the tokenizer.
        if attr == "LEMMA":
            docs = list(nlp.pipe(spec["phrases"]))
        else:
            docs = [nlp.make_doc(p) for p in spec["phrases"]]
        self.matcher.add("phrase", docs)
        self.unless_negated = bool(spec.get("unless_negated", False))

    def find(self, draft):
        hits = []
        for _, start, end in self.matcher(draft.doc):
            span = draft.doc[start:end]
            if self.unless_negated and any(c.dep_ == "neg" for c in span.root.head.children):
                continue
            hits.append(Hit(span.start_char, span.end_char))
        return hits
