"""``dependency``: spaCy ``DependencyMatcher`` patterns over the parse ("a failure verb whose
nsubj is 'you'", "a passive failure verb whose agent is a courier"), plus filters on the matched
nodes that the matcher cannot express (negation, if-clauses, missing agent, failure words)."""
from __future__ import annotations

from ..lexicon import lexicon
from ..signals import clause_words, has_first_person_agent, is_first_person, is_hypothetical, is_negated, subject_of
from .base import Check, Hit
from .prefilter import may_match, required_words

FILTERS = {"not_negated", "not_hypothetical", "no_agent", "not_first_person_subject", "clause_has_failure_word",
           "clause_lacks"}


class DependencyCheck(Check):
    allowed_keys = {"patterns", "report", "require"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        pats = spec.get("patterns")
        if not isinstance(pats, list) or not pats:
            return "'patterns' must be a non-empty list of DependencyMatcher patterns"
        for n, pat in enumerate(pats, 1):
            if not isinstance(pat, list) or not pat or "RIGHT_ID" not in pat[0]:
                return f"patterns[{n}] must be a list of node specs starting with an anchor (RIGHT_ID, RIGHT_ATTRS)"
        names = {node.get("RIGHT_ID") for pat in pats for node in pat}
        for node in spec.get("report", []):
            if node not in names:
                return f"report names node '{node}' that no pattern defines"
        for key in (spec.get("require") or {}):
            if key not in FILTERS:
                from ..ruleset import closest
                return f"unknown require.{key}{closest(key, FILTERS)}"
        return None

    def __init__(self, spec, nlp):
        from spacy.matcher import DependencyMatcher  # here, not at import: validating rules needs no spaCy

        super().__init__(spec, nlp)
        self.matcher = DependencyMatcher(nlp.vocab, validate=True)
        self.node_names: list[list[str]] = []
        for n, pattern in enumerate(spec["patterns"]):
            self.matcher.add(f"p{n}", [pattern])
            self.node_names.append([node["RIGHT_ID"] for node in pattern])
        self.report = spec.get("report")
        self.require = spec.get("require") or {}
        self.needs_words = [required_words(pattern, "RIGHT_ATTRS") for pattern in spec["patterns"]]

    def _passes(self, nodes: dict) -> bool:
        req = self.require
        for name in req.get("not_negated", []):
            if name in nodes and is_negated(nodes[name]):
                return False
        for name in req.get("not_hypothetical", []):
            if name in nodes and is_hypothetical(nodes[name]):
                return False
        for name in req.get("no_agent", []):
            if name in nodes and any(c.dep_ == "agent" for c in nodes[name].children):
                return False
        for name in req.get("not_first_person_subject", []):
            if name in nodes and (is_first_person(subject_of(nodes[name])) or has_first_person_agent(nodes[name])):
                return False
        for name in req.get("clause_has_failure_word", []):
            if name in nodes and not (clause_words(nodes[name]) & lexicon()["failure_modifiers"]
                                      or nodes[name].lemma_.lower() in lexicon()["failure_verbs"]):
                return False
        for name, words in (req.get("clause_lacks") or {}).items():
            if name in nodes and clause_words(nodes[name]) & set(words):
                return False
        return True

    def find(self, draft):
        if not may_match(self.needs_words, draft.words):
            return []
        hits = []
        seen = set()
        for match_id, token_ids in self.matcher(draft.doc):
            key = draft.doc.vocab.strings[match_id]
            names = self.node_names[int(key[1:])]
            nodes = {name: draft.doc[i] for name, i in zip(names, token_ids)}
            if not self._passes(nodes):
                continue
            chosen = [nodes[n] for n in (self.report or names) if n in nodes]
            start = min(t.idx for t in chosen)
            end = max(t.idx + len(t) for t in chosen)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            hits.append(Hit(start, end, vars={n: t.text for n, t in nodes.items()}))
        return hits
