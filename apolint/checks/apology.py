"""``apology``: conditions on the shared apology detector's findings (what the apology is for,
whether it hangs on an "if", whether it is the only one, whether it keeps its distance)."""
from __future__ import annotations

from .base import Check, Hit

WHERE_KEYS = {"kind", "form", "object_head_in", "object_kind", "object_missing", "conditional", "conditional_verb_in",
              "conditional_has_any", "conditional_subject_in", "hedged_object",
              "distancing", "only", "object_subject_in", "object_verb_in", "object_has_any", "object_has_all",
              "object_without_specifics", "object_predicate_in", "object_predicate_has", "object_lacks_any",
              "harm_named", "object_negated"}
MODALS = {"may", "might", "could"}
# Verbs a hedged harm is "caused" with even without a perfect ("any inconvenience this may cause").
HEDGED_CAUSE_VERBS = {"cause", "create", "bring", "result"}
COPULAS = {"be", "get", "become", "seem", "look"}


def object_scope(obj):
    """The object plus what is coordinated with it ("for the double collection AND FOR any worry
    that could have resulted")."""
    tokens = list(obj)
    prep = obj.root.head
    if prep.dep_ == "prep":
        for conj in prep.children:
            if conj.dep_ == "conj":
                tokens += list(conj.subtree)
    return tokens


def harm_named(obj, draft) -> bool:
    """Does the object say what the harm was ("the inconvenience OF waiting in all day", "the
    inconvenience CAUSED BY the late delivery of your sofa")? A concrete noun, number or verb
    in an of-/by-phrase names it; "any inconvenience to affected customers" does not."""
    from ..lexicon import lexicon

    generic = lexicon()["generic_failure_nouns"]
    for tok in obj:
        if tok.dep_ in ("prep", "agent") and tok.lower_ in ("of", "by", "from"):
            for t in tok.subtree:
                if t is tok:
                    continue
                # Dates, times and amounts from apolint/mentions.py (NER is not loaded); product
                # names are proper nouns, caught by the POS test.
                if t.like_num or draft.mention_label(t) in ("DATE", "TIME", "MONEY") or (
                        t.pos_ in ("NOUN", "PROPN", "VERB") and t.lemma_.lower() not in generic):
                    return True
    return False


def hedging_modal(obj):
    """A modal that turns the harm inside an apology's object into a possibility: "any
    inconvenience this MAY have caused", "if we MIGHT have confused you". Epistemic use needs a
    perfect ("may have caused") or a causing verb; a negated or forward-looking modal ("we
    couldn't reach you", "you may see a pending charge") is a fact or a forecast, not a hedge."""
    for tok in object_scope(obj):
        if tok.lower_ not in MODALS or tok.dep_ != "aux":
            continue
        verb = tok.head
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        perfect = any(c.dep_ == "aux" and c.lower_ == "have" and c.i > tok.i for c in verb.children)
        if perfect or verb.lemma_.lower() in HEDGED_CAUSE_VERBS:
            return tok
    return None


def reported_clause(obj):
    """The clause an object reports: in "sorry to hear you were disappointed" the object is "to
    hear ...", and what it is about is "you were disappointed"."""
    root = obj.root
    if root.lemma_.lower() in ("hear", "learn", "read", "see", "know"):
        clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            return clause
    return root


def _subject_word(subj) -> str:
    """"some of you", "many of you", "those of you" are "you"."""
    if subj.lower_ in ("some", "many", "those", "all", "few", "several", "most") and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "you" for g in c.children) for c in subj.children):
        return "you"
    return subj.lower_


def object_predicate(obj):
    """The word that says what the object clause asserts: its verb, or for a copula the
    complement ("you were UPSET", "you are UNHAPPY with it")."""
    root = reported_clause(obj)
    if root.lemma_.lower() in COPULAS:
        for child in root.children:
            if child.dep_ in ("acomp", "attr", "oprd"):
                return child
    return root


def _head_word(root) -> str:
    """The head noun's lemma, whole when spaCy splits a hyphenated noun: "the mix-up" parses as
    "mix" (compound) "-" "up" (head)."""
    lemma = root.lemma_.lower()
    if root.i >= 2 and root.nbor(-1).text == "-" and root.nbor(-2).dep_ == "compound" and root.nbor(-2).head.i == root.i:
        return f"{root.nbor(-2).lower_}-{root.lower_}"
    return lemma


def _object_is_specific(obj) -> bool:
    """Does what the apology is for say what happened? A generic head noun stays generic even with
    a reference attached ("the problem with your order #123" still hides the failure); a clause
    that describes the event makes it specific ("the trouble you had getting into your account")."""
    from ..lexicon import lexicon

    generic = lexicon()["generic_failure_nouns"]
    if obj.root.pos_ in ("NOUN", "PROPN") and _head_word(obj.root) not in generic:
        return True
    # What follows the object in its clause counts too, even when the parser attaches it elsewhere.
    doc = obj.doc
    end = obj.end
    while end < obj.sent.end and doc[end].text not in (",", ";", ":", "-", ".", "!", "?") and "\n" not in doc[end].text:
        end += 1
    for tok in doc[obj.start:end]:
        if tok.pos_ == "VERB" and tok is not obj.root and tok.lemma_.lower() not in (
                "cause", "have", "be", "experience", "face", "encounter", "create", "may", "might"):
            return True
    return False


class ApologyCheck(Check):
    allowed_keys = {"where", "report"}

    @classmethod
    def validate(cls, spec):
        problem = super().validate(spec)
        if problem:
            return problem
        where = spec.get("where") or {}
        for key in where:
            if key not in WHERE_KEYS:
                from ..ruleset import closest
                return f"unknown where.{key}{closest(key, WHERE_KEYS)}"
        if spec.get("report", "phrase") not in ("phrase", "object", "both"):
            return "'report' must be phrase, object or both"
        return None

    def __init__(self, spec, nlp):
        super().__init__(spec, nlp)
        self.where = spec.get("where") or {}
        self.report = spec.get("report", "phrase")

    def _matches(self, apology, draft) -> bool:
        w = self.where
        if apology.kind not in w.get("kind", ["apology"]):
            return False
        if "form" in w and apology.form not in w["form"]:
            return False
        obj = apology.object
        if "object_missing" in w and (obj is None) != bool(w["object_missing"]):
            return False
        if "object_kind" in w and apology.object_kind not in w["object_kind"]:
            return False
        if "object_head_in" in w and (obj is None or _head_word(obj.root) not in w["object_head_in"]
                                      and obj.root.lower_ not in w["object_head_in"]):
            return False
        if "object_has_any" in w and (obj is None or not {t.lemma_.lower() for t in obj} & set(w["object_has_any"])):
            return False
        if "object_has_all" in w and (obj is None or not set(w["object_has_all"]) <= (
                {t.lemma_.lower() for t in obj} | {t.lower_ for t in obj})):
            return False
        if "object_without_specifics" in w and obj is not None:
            if _object_is_specific(obj) == bool(w["object_without_specifics"]):
                return False
        if "conditional" in w and (apology.conditional is not None) != bool(w["conditional"]):
            return False
        # the verb the apology's "if" clause turns on: "sorry IF you FEEL we've let you down"
        if "conditional_verb_in" in w and (apology.conditional is None or apology.conditional.head.lemma_.lower()
                                           not in w["conditional_verb_in"]):
            return False
        # what the "if" clause names: "apologies if this caused any ISSUES"
        if "conditional_has_any" in w and (apology.conditional is None or not {
                t.lemma_.lower() for t in apology.conditional.head.subtree} & set(w["conditional_has_any"])):
            return False
        if "conditional_subject_in" in w and (apology.conditional is None or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in w["conditional_subject_in"]
                for c in apology.conditional.head.children)):
            return False
        if "hedged_object" in w:
            hedged = obj is not None and hedging_modal(obj) is not None
            if hedged != bool(w["hedged_object"]):
                return False
        if "distancing" in w and apology.distancing != bool(w["distancing"]):
            return False
        if "only" in w and (len(draft.real_apologies) == 1) != bool(w["only"]):
            return False
        if "object_subject_in" in w or "object_verb_in" in w:
            if obj is None:
                return False
            root = reported_clause(obj)
            # The parser sometimes hangs the subject on the auxiliary: in "you were disappointed
            # with the flavour", "you" is a child of "were".
            subj = next((c for node in (root, *(a for a in root.children if a.dep_ in ("aux", "auxpass")))
                         for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if "object_subject_in" in w and (subj is None or _subject_word(subj) not in w["object_subject_in"]):
                return False
            if "object_verb_in" in w and root.lemma_.lower() not in w["object_verb_in"]:
                return False
        if "object_predicate_in" in w or "object_predicate_has" in w:
            if obj is None:
                return False
            pred = object_predicate(obj)
            if "object_predicate_in" in w and pred.lemma_.lower() not in w["object_predicate_in"] \
                    and pred.lower_ not in w["object_predicate_in"]:
                return False
            # e.g. "find" only as a judgement: "you found the checkout CONFUSING" (not "found a hair")
            if "object_predicate_has" in w and not any(c.dep_ in w["object_predicate_has"] for c in pred.children):
                return False
            # "sorry you weren't happy with it", "sorry you did not enjoy your stay"
            if "object_negated" in w and _predicate_negated(pred) != bool(w["object_negated"]):
                return False
        if "harm_named" in w and (obj is None or harm_named(obj, draft) != bool(w["harm_named"])):
            return False
        if "object_lacks_any" in w and obj is not None and \
                {t.lemma_.lower() for t in obj} & set(w["object_lacks_any"]):
            return False
        return True

    def find(self, draft):
        hits = []
        for apology in draft.apologies:
            if not self._matches(apology, draft):
                continue
            obj = apology.object
            if self.report == "object" and obj is not None:
                start, end = obj.start_char, obj.end_char
            elif self.report == "both" and obj is not None:
                start, end = min(apology.start, obj.start_char), max(apology.end, obj.end_char)
            else:
                start, end = apology.start, apology.end
            hits.append(Hit(start, end, vars={
                "object": obj.text if obj is not None else "",
                "apology": draft.text[apology.start:apology.end],
            }))
        return hits


def _predicate_negated(pred) -> bool:
    """Is the object's predicate negated, on itself or on its copula ("you weren't happy")?"""
    holders = [pred, pred.head] if pred.dep_ == "acomp" else [pred]
    return any(c.dep_ == "neg" for holder in holders for c in holder.children)
