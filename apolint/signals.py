"""Component signals: which parts of a good apology a draft contains, read from the parse.

Each component (acknowledgement, regret, responsibility, specifics, impact, explanation,
resolution, prevention, empathy, follow_up, personalization) is decided by grammar, not by a
keyword: *who* is the subject of the repair verb, whether the failure verb is negated, whether a
"you" clause is in the past (impact) or the future (a promise). The word lists are data
(``apolint/data/lexicon.yaml``); the ``evidence`` spans say which words earned each component."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: loading rules must not import spaCy
    from spacy.tokens import Span, Token

from .lexicon import lexicon
from .preprocess import lines_with_offsets
from .report import COMPONENTS

GENERIC_GREETING_WORDS = {
    "customer", "customers", "sir", "madam", "team", "there", "all", "everyone", "valued", "client",
    "user", "friend", "member", "guest", "folks", "patron", "subscriber", "account", "holder", "concern",
    "whom", "it", "may", "colleague", "valued customer", "dear", "hi", "hello", "hey", "gentlemen",
    "ladies", "sir/madam", "someone", "you",
}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "going"}
INCIDENT_WORDS = {"incident", "outage", "postmortem", "post-mortem", "downtime", "utc", "degradation",
                  "degraded", "status", "breach", "maintenance", "timeline"}
INCIDENT_PHRASES = ("affected customers", "customers affected", "all customers", "some customers",
                    "root cause", "service disruption", "what happened", "users affected", "affected users")


@dataclass
class Signals:
    components: dict[str, bool]
    evidence: dict[str, list[tuple[int, int]]]
    register: str  # chat | email | incident
    failure_severity: str  # none | low | medium | high
    failure_spans: list[tuple[int, int]] = field(default_factory=list)
    weak_repair: list[tuple[int, int]] = field(default_factory=list)

    @property
    def has_failure(self) -> bool:
        return self.failure_severity != "none"


# ---------------------------------------------------------------- grammar helpers

def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited through conjunction and control ("we refunded and
    resent", "we want to refund", "I've gone ahead and refunded")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects:
        # A vocative name is parsed as a subject too: in "Sorry, Rosa: our checkout took your £64.90
        # twice" the subject is the one nearest the verb; in "Sorry, Dana, our update wiped your
        # streak" it hangs on the name as an apposition.
        before = [c for c in subjects if c.i < verb.i]
        subj = before[-1] if before else subjects[0]
        if subj.pos_ == "PROPN" and subj.i + 1 < verb.i and subj.nbor(1).text in (",", ":"):
            appos = [c for c in subj.children if c.dep_ == "appos" and c.i > subj.i]
            if appos:
                return appos[0]
        return subj
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head is not verb:
        return subject_of(verb.head, depth + 1)
    return None


def is_first_person(token: Token | None) -> bool:
    """I/we, or something of ours that is us ("our team", "my colleague"), but not a third party
    we merely work with ("our courier", "our payment provider")."""
    if token is None:
        return False
    if token.lower_ in ("i", "we"):
        return True
    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in token.children):
        return token.lemma_.lower() not in lexicon()["third_parties"]
    # "the team and I", "my colleague and I"
    return any(c.dep_ == "conj" and c.lower_ in ("i", "we") for c in token.children)


def has_first_person_agent(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "agent":
            return any(is_first_person(p) or p.lower_ in ("us", "me") for p in child.children)
    return False


def is_negated(verb: Token) -> bool:
    for tok in (verb, verb.head if verb.dep_ in ("xcomp", "acomp") else None):
        if tok is None:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            return True
    return False


def is_future(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lemma_ == "will" for a in auxes):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("go", "plan", "aim", "intend"):
        return True
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return is_future(verb.head)
    return False


def is_hypothetical(token: Token) -> bool:
    """Inside an if/unless/whether clause: "if you have any problems" names no failure."""
    node = token
    for _ in range(6):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "should")
                                        for c in node.children):
            return True
        if node.head is node:
            return False
        node = node.head
    return False


def clause_words(verb: Token) -> set[str]:
    """Lower-cased words in a verb's own clause (its subtree minus embedded clauses)."""
    words = set()
    stack = [verb]
    while stack:
        tok = stack.pop()
        words.add(tok.lower_)
        words.add(tok.lemma_.lower())
        for child in tok.children:
            if child.dep_ in ("advcl", "relcl", "ccomp", "conj") and child is not verb:
                continue
            stack.append(child)
    return words


def hyphenated(token: Token) -> str:
    """The whole hyphenated word a token ends ("mix-up" when spaCy parses "mix" "-" "up" and hangs
    the phrase on "up"), lower-cased; the token itself otherwise."""
    doc, i, word = token.doc, token.i, token.lower_
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        word = f"{doc[i - 2].lower_}-{word}"
        i -= 2
    return word


def span_of(token: Token, tokens: list[Token] | None = None) -> tuple[int, int]:
    toks = tokens or [token]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def clause_span(verb: Token) -> tuple[int, int]:
    subj = subject_of(verb)
    toks = [verb] + ([subj] if subj is not None and subj.i < verb.i else [])
    toks += [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "prt", "dative") and c.i > verb.i]
    return span_of(verb, toks)


def phrase_hits(text_lower: str, phrases, offset: int = 0) -> list[tuple[int, int]]:
    hits = []
    for phrase in phrases:
        start = 0
        while True:
            i = text_lower.find(phrase, start)
            if i < 0:
                break
            before = text_lower[i - 1] if i > 0 else " "
            after = text_lower[i + len(phrase)] if i + len(phrase) < len(text_lower) else " "
            if not before.isalnum() and not after.isalnum():
                hits.append((offset + i, offset + i + len(phrase)))
            start = i + 1
    return hits


def prepositional_cause(tok: Token) -> list[Token] | None:
    """The cause a preposition offers: "due to X", "owing to X", "because of X" (with the
    preposition itself). None when ``tok`` opens no such phrase. Shared by the explanation signal,
    excuse-language and blame-shifting, which then judge whose cause it is."""
    if (tok.lower_ in ("due", "owing") and any(c.lower_ == "to" for c in tok.children)) \
            or (tok.lower_ == "because" and tok.dep_ == "prep"):
        return list(tok.subtree)
    return None


# Verbs of what comes to us, in a relative clause on the cause: "the volume of requests we receive".
RECEIVING_VERBS = {"receive", "get", "handle", "see", "have", "experience", "face", "process", "deal"}


def owns_cause(tokens: list[Token]) -> bool:
    """Does a cause phrase own the failure? ("because we deployed a bad config", "our error",
    "a config change I made")"""
    for tok in tokens:
        if tok.lower_ in ("we", "i") and tok.dep_ in ("nsubj", "nsubjpass", "agent", "pobj"):
            if tok.head.dep_ == "relcl" and tok.head.lemma_.lower() in RECEIVING_VERBS:
                continue  # "the volume of requests we receive": what came to us, not a deed of ours
            return True
        if tok.lower_ in ("our", "my") and tok.head.lemma_.lower() in (
                "error", "mistake", "fault", "oversight", "change", "update", "deployment", "decision",
                "side", "end", "part", "system", "code", "config", "configuration", "team", "staff", "process"):
            return True
    return False


# Verbs whose passive with "by us" names us as the cause ("caused by us"), not as the repairer
# ("refunded by us").
FAULT_MAKING_VERBS = {"cause", "create", "trigger", "introduce", "make", "bring"}


def claims_fault(tokens: list[Token]) -> bool:
    """Words that take the fault ("the fault is ours", "that's on us", "our mistake"), not negated
    ("it wasn't our fault" disowns it)."""
    for tok in tokens:
        if tok.lower_ in ("ours", "mine") and not is_negated(tok.head):
            return True
        if tok.lower_ == "us" and tok.head.lower_ == "on" and tok.head.head.lemma_ == "be" and not is_negated(tok.head.head):
            return True
        # "our decision"/"our call" takes the fault only as what the failure was ("that call was ours",
        # "it was our decision not to flush"), not in "we made the decision to close"
        if (tok.lemma_.lower() in ("fault", "mistake", "error", "slip", "oversight", "blunder", "failure", "lapse")
                or tok.lower_ == "doing"  # "that was my doing" (lemma "do")
                or tok.lemma_.lower() in ("decision", "call", "choice")
                and tok.dep_ in ("attr", "nsubj", "appos")) and any(
                c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children) \
                and not is_negated(tok.head) and not any(c.dep_ == "neg" and c.i < tok.i for c in tok.children):
            return True  # "that's our fault, not your router's": the "not" belongs to what follows
        if tok.lemma_.lower() in ("fault", "mistake", "error", "slip", "failure") and tok.i >= 1 and tok.doc[tok.i - 1].lower_ in ("our", "my") \
                and not (tok.i >= 2 and tok.doc[tok.i - 2].lower_ in ("not", "no", "n't")):
            return True  # "our slip not yours", which spaCy hangs on "yours"
        if tok.lemma_.lower() in ("fault", "mistake", "error") and tok.dep_ == "nsubj" and tok.head.lemma_ == "be" \
                and not is_negated(tok.head) and any(
                    c.dep_ == "prep" and c.lower_ in ("in", "with") and any(
                        g.dep_ == "pobj" and any(p.dep_ == "poss" and p.lower_ in ("our", "my")
                                                 # "the fault was in the configuration we shipped"
                                                 or p.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ in ("we", "i")
                                                                              for w in p.children)
                                                 for p in g.children)
                        for g in c.children) for c in tok.head.children):
            return True  # "the fault was in our change and in our testing"
        if tok.lower_ in ("us", "me") and tok.dep_ == "attr" and tok.head.lemma_ == "be" and not is_negated(tok.head):
            return True  # "your card was charged twice, that was us"
        if tok.lower_ == "excuse" and any(c.lower_ == "no" for c in tok.children) and tok.head.lemma_ == "be":
            return True  # "Saturday was our busiest day, but that's no excuse"
        if tok.lower_ in ("us", "me") and tok.dep_ == "pobj" and tok.head.dep_ == "agent" \
                and tok.head.head.lemma_.lower() in FAULT_MAKING_VERBS and not is_negated(tok.head.head):
            return True  # "This outage was caused by us", "the mistake was made by me"
        if tok.lemma_.lower() in ("mistake", "error", "blunder", "slip") and any(
                c.dep_ == "relcl" and c.lemma_ == "make" and not is_negated(c)
                and any(w.dep_ == "nsubj" and w.lower_ in ("we", "i") for w in c.children) for c in tok.children):
            return True  # "a mistake I made with your personal information", "the error we made"
        if tok.lemma_.lower() in ("get", "go") and not is_negated(tok) and any(c.lower_ == "wrong" for c in tok.children) \
                and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in tok.children):
            return True  # "we got it wrong", "What we got wrong was not phoning you", "where I went wrong"
    return False


def fault_claims(draft) -> list:
    """The sentences where the writer takes the fault in so many words ("the failure here was ours",
    "that part is entirely on us", "that's no excuse", "This outage was caused by us"), read once per
    draft: the responsibility signal and the ``fault_owned`` rule condition both ask."""
    cached = draft._cache.get("fault_claims")
    if cached is None:
        cached = draft._cache["fault_claims"] = [
            sent for sent in draft.sentences if claims_fault([t for t in sent if not draft.is_quoted(t)])]
    return cached


def owns_fault_outright(draft) -> bool:
    """Somewhere the writer takes the fault outright: a circumstance mentioned beside it is context,
    not an excuse (labelling guide, rule 2)."""
    return bool(fault_claims(draft))


# A fault named only by where it sat: "an issue with one of our internal systems", "a processing
# error on our side" say no more than "something went wrong".
EMPTY_FAULT_NOUNS = {"issue", "problem", "error", "glitch", "fault", "failure", "bug"}
EMPTY_FAULT_PLACES = {"system", "systems", "side", "end", "one", "platform", "software", "network", "server", "processing",
                      "technology", "tech", "it", "part"}


def _empty_formula(tokens: list[Token], lex) -> bool:
    """"technical difficulties", "a system issue", "an issue with one of our internal systems":
    an excuse that names no cause."""
    if any(tok.lemma_.lower() == "difficulty" or any(c.lower_ in lex["excuse_empty_modifiers"] for c in tok.children
                                                     if c.dep_ in ("amod", "compound")) for tok in tokens):
        return True
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and any(t.lemma_.lower() in EMPTY_FAULT_NOUNS for t in nouns) \
        and all(t.lemma_.lower() in EMPTY_FAULT_NOUNS | EMPTY_FAULT_PLACES for t in nouns) \
        and not any(t.pos_ == "VERB" for t in tokens)


def offers_excuse(tokens: list[Token]) -> bool:
    """A cause that excuses instead of explaining: a circumstance ("unprecedented demand", "a
    technical issue") or someone else ("the courier", "you"), with nothing of ours in it."""
    lex = lexicon()
    # "because we experienced technical difficulties": an empty formula even with "we" in it.
    if _empty_formula(tokens, lex):
        return True
    # "because of the outage": the failure again, not why it happened.
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if nouns and all(t.lemma_.lower() in lex["failure_nouns"] | lex["generic_failure_nouns"] for t in nouns) \
            and not any(t.pos_ == "VERB" for t in tokens):
        return True
    if owns_cause(tokens):
        return False
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma in lex["excuse_circumstances"] or lemma in lex["third_parties"]:
            return True
        # The customer as the cause ("because you entered the wrong postcode"), not every "you"
        # ("when you submitted it on 2 February, I assigned it to a closed queue").
        if tok.lower_ == "you" and tok.dep_ in ("nsubj", "agent", "pobj") and any(
                t.dep_ == "neg" or t.lemma_.lower() in lex["failure_verbs"] or t.lower_ in lex["failure_modifiers"]
                for t in tokens):
            return True
    return False


def excuse_with_content(tokens: list[Token]) -> bool:
    """An excusing or blaming cause that still says why (labelling guide, rule 2, answer B): "the
    storm closed the depot", "because the courier mislaid it", "due to a backlog at our supplier";
    not an empty formula ("technical difficulties", "unforeseen circumstances") or the failure again."""
    lex = lexicon()
    if not offers_excuse(tokens):
        return False
    if _empty_formula(tokens, lex):
        return False
    empty = {"circumstance", "unforeseen", "unexpected", "unavoidable", "reason", "issue", "problem", "matter"}
    return any((t.lemma_.lower() in lex["excuse_circumstances"] and t.lemma_.lower() not in empty)
               or (t.lemma_.lower() in lex["third_parties"] and t.pos_ in ("NOUN", "PROPN")
                   and t.lemma_.lower() not in {"system", "glitch", "software", "computer", "platform", "network", "server"})
               or t.lower_ == "you" for t in tokens)


# ---------------------------------------------------------------- the signals

def failure_tokens(draft) -> list[Token]:
    """Tokens stating that something went wrong (verbs with their failure words, failure nouns).
    Computed once per draft: the signals and several named checks all ask."""
    cached = draft._cache.get("failure_tokens")
    if cached is None:
        cached = draft._cache["failure_tokens"] = _failure_tokens(draft)
    return list(cached)


def sympathy_ranges(draft) -> list[tuple[int, int]]:
    """Token ranges of what sympathy is about ("sorry to hear the storm damaged your fence"): not
    our failure, and nobody's to blame."""
    return [(a.object.start, a.object.end) for a in draft.apologies if a.kind == "sympathy" and a.object is not None]


def failures_told_as_sympathy(draft) -> list[Token]:
    """Failures the writer only commiserates about ("we are sorry to hear that your hotel booking
    was cancelled without notice"): said as if they had happened to the customer, not by us. Not
    what weather or illness did ("sorry to hear the storm damaged your fence")."""
    cached = draft._cache.get("failures_told_as_sympathy")
    if cached is None:
        cached = draft._cache["failures_told_as_sympathy"] = _failures_told_as_sympathy(draft)
    return list(cached)


def _failures_told_as_sympathy(draft) -> list[Token]:
    sympathy = sympathy_ranges(draft)
    if not sympathy:
        return []
    circumstances = set(lexicon()["excuse_circumstances"])
    out = []
    # sympathy about a circumstance ("sorry to hear about the storm damage to your roof") is just that
    ours = [(start, end) for start, end in sympathy
            if not any(t.lemma_.lower() in circumstances for t in draft.doc[start:end])]
    for tok in _failure_tokens(draft, within_sympathy=True):
        if not any(start <= tok.i < end for start, end in ours):
            continue
        subj = subject_of(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subj is not None and (subj.lemma_.lower() in circumstances or subj.lower_ in ("you", "i", "we")):
            continue
        out.append(tok)
    return out


def _failure_tokens(draft, within_sympathy: bool = False) -> list[Token]:
    lex = lexicon()
    out = []
    sympathy = [] if within_sympathy else sympathy_ranges(draft)
    # In the sentence that apologises, a thing not done is the failure ("sorry your freeze wasn't applied").
    apology_sents = {a.sent.start for a in draft.apologies if a.kind == "apology"}
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        # Cheap word tests first: is_hypothetical walks up the tree, and most tokens can never be
        # a failure (any verb can, when negated in an apology sentence).
        if tok.pos_ == "AUX":
            # ("for the 9 hours your line was down": the failure told in a relative clause too)
            if lemma == "be" and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl", "relcl") and not is_negated(tok) \
                    and not is_hypothetical(tok) and any(c.dep_ in ("acomp", "advmod", "prt") and c.lower_ in lex["failure_states"]
                                                         and c.i > tok.i  # not "Late check-in is fine"
                                                         for c in tok.children):
                out.append(tok)  # "Ironvale Online was down for most of Saturday"
                continue
            if lemma == "be" and tok.tag_ == "VBD" and is_negated(tok) and not is_hypothetical(tok) and any(
                    c.dep_ == "acomp" and c.lower_ in ("ready", "available") for c in tok.children):
                out.append(tok)  # "your repeat prescription wasn't ready", "the room was not ready at check-in"
                continue
            if lemma == "be" and tok.dep_ == "auxpass" and tok.head.lower_ in ("meant", "intended") and _for_someone_else(tok.head):
                out.append(tok.head)  # "confirmation emails that were meant for someone else"
                continue
            if lemma == "be" and not is_negated(tok) and not is_hypothetical(tok) and any(
                    c.lower_ == "out" and any(o.lower_ == "of" and any(d.lower_ == "date" for d in o.children) for o in c.children)
                    for c in tok.children):
                out.append(tok)  # "the returns list we used was out of date"
                continue
            if lemma == "be" and (locked := _locked_out(tok)) is not None:
                out.append(locked)  # "some users are currently unable to ACCESS their dashboards"
                continue
            if not (lemma in lex["failure_verbs"] or lemma in lex["failure_neutral_verbs"]):
                continue
        elif tok.pos_ in ("NOUN", "PROPN"):
            if lemma not in lex["failure_nouns"]:
                continue
        elif tok.pos_ != "VERB":
            continue
        if is_hypothetical(tok) or any(s <= tok.i < e for s, e in sympathy):
            continue
        if tok.pos_ == "VERB" and not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-":
            continue  # the first half of a noun: "your drop-off code", "the check-in desk"
        if tok.tag_ == "VBN" and tok.dep_ == "advcl" and lemma in REFERENCE_VERBS and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in tok.children) \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            continue  # a pointer to a document, no deed: "As set out in our booking conditions"
        if tok.pos_ == "VERB" and is_negated(tok) and tok.sent.start in apology_sents and tok.tag_ in ("VBN", "VB", "VBD") \
                and not is_future(tok) and lemma not in ("be", "have", "mean", "want", "need", "know", "hesitate") \
                and not _present_modal(tok):  # (a refusal is no failure: "sorry, we can't refund it")
            out.append(tok)
        elif tok.pos_ in ("VERB", "AUX") and not is_negated(tok):
            if lemma in lex["failure_verbs"]:
                # not "drop it at any Parcelpoint shop", "you can switch groups without losing your place"
                if not _instruction(tok) and not (tok.dep_ == "pcomp" and tok.head.lower_ == "without"):
                    out.append(tok)
            elif lemma in lex["failure_neutral_verbs"] and (mods := clause_words(tok) & lex["failure_modifiers"]) \
                    and not (mods == {"out"} and lemma in OUT_PHRASAL and any(c.lower_ == "out" for c in tok.children)) \
                    and not (mods == {"without"} and _without_doing(tok)) \
                    and not (mods <= {tok.lower_} and _done_for_you(tok)) and not _instruction(tok) and not is_future(tok) and not _dispatch_due(tok, mods):
                out.append(tok)
            elif lemma in ("charge", "bill", "debit", "take") and _multiplied(clause_words(tok)):
                out.append(tok)  # "charged you 5x for the Gem Chest"
            elif (lemma in lex["failure_neutral_verbs"] or lemma in MISDIRECTABLE_VERBS) and _to_someone_else(tok):
                out.append(tok)  # "your test results were sent to another patient", "got emailed to another customer"
            elif lemma == "hold" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) \
                    and tok.tag_ in ("VBN", "VBD") and not is_future(tok):
                out.append(tok)  # "your parcel's been held up"
            elif _went_wrong_by_form(tok, lex):
                out.append(tok)
        elif tok.pos_ == "VERB" and is_negated(tok) and _should_not_have(tok):
            out.append(tok)  # "it should not have been issued", "you shouldn't have been charged"
        elif tok.lemma_ == "have" and tok.dep_ == "relcl" and is_negated(tok) \
                and any(c.dep_ == "aux" and c.lower_ == "should" for c in tok.children) \
                and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "acomp") for c in tok.children) \
                and tok.head.head.pos_ == "VERB" and not is_future(tok.head.head):
            out.append(tok.head.head)  # "we added a £25 upgrade fee we shouldn't have": the deed it elides
        elif tok.pos_ == "VERB" and is_negated(tok) and (_not_until(tok, lex) or _still_not_there(tok)):
            out.append(tok)  # "the notification you sent was not applied to the account until 19 September"
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in lex["failure_nouns"]:
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "neg")}
            if dets & {"no", "any"}:
                continue
            if any(c.dep_ == "compound" and c.lemma_.lower() in NATURE for c in tok.children):
                continue  # "your claim for the storm damage to your garden wall": nature's, not ours
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in FAILURE_NAMED_ROLES:
                continue  # "our loss adjusters", "the collision damage waiver": a job or a product, not a failure
            if lemma == "cancellation" and any(c.dep_ == "poss" and c.lower_ == "your" for c in tok.children):
                continue  # "I've processed your cancellation": what the customer asked for
            out.append(tok)
    return out


# Verbs whose "out" makes a phrasal verb, not a failure: "point out", "set out in the letter", "sort out".
OUT_PHRASAL = {"point", "set", "lay", "spell", "sort", "find", "work", "carry", "fill", "pick", "print", "check"}


def _for_someone_else(verb: Token) -> bool:
    """"meant for someone else", "intended for another customer"."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        o.lower_ in ("someone", "somebody", "another", "others") or any(d.lower_ in ("another", "else", "other") for d in o.subtree)
        for o in c.children) for c in verb.children)


# What a customer is left unable to do when a service fails ("unable to log in", "couldn't make payments").
LOCKED_OUT_VERBS = {"access", "log", "login", "sign", "use", "load", "connect", "open", "view", "download", "upload",
                    "reach", "make", "complete", "pay", "stream", "call", "see", "get"}


def _locked_out(be: Token) -> Token | None:
    """"some users are currently unable to access their dashboards", "customers were unable to log
    in": the service failed them. Not a first-person refusal ("we are unable to refund"), not a rule
    about what one may do ("you are unable to transfer tickets" names no access verb)."""
    if is_negated(be) or is_hypothetical(be) or is_future(be):
        return None
    unable = next((c for c in be.children if c.dep_ == "acomp" and c.lower_ == "unable"), None)
    subj = subject_of(be)
    if unable is None or subj is None or is_first_person(subj) or subj.lower_ in ("it", "this", "that"):
        return None
    return next((x for x in unable.children if x.dep_ == "xcomp" and x.lemma_.lower() in LOCKED_OUT_VERBS), None)


# Nouns that a failure noun names the kind of ("loss adjuster", "damage waiver", "fault team").
FAILURE_NAMED_ROLES = {"adjuster", "adjustor", "assessor", "handler", "adviser", "advisor", "team", "department",
                       "specialist", "officer", "unit", "desk", "investigator", "prevention", "waiver", "cover",
                       "insurance", "excess"}


def _without_doing(verb: Token) -> bool:
    """"switch groups without losing your place": "without" + a failure verb denies the failure;
    "left without heating" names one, and so does "switched it on without checking" (a check not done)."""
    failure_verbs = lexicon()["failure_verbs"]
    return any(c.dep_ == "prep" and c.lower_ == "without" and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" and g.lemma_.lower() in failure_verbs for g in c.children)
        for c in verb.children)


# Verbs that point at a document in "as set out in ...", "as stated on ...".
REFERENCE_VERBS = {"set", "state", "outline", "explain", "show", "describe", "mention", "detail", "specify", "note",
                   "list", "advise", "shown"}


# What nature does, which no one of ours failed at: "storm damage", "flood damage".
NATURE = {"storm", "flood", "wind", "weather", "lightning", "hail", "frost", "fire", "subsidence", "water"}


def _should_not_have(verb: Token) -> bool:
    """What ought not to have happened, said so: "should not have been issued", "shouldn't have
    charged you" (not the customer's chore: "you shouldn't have had to chase us" is the impact)."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return {"should", "have"} <= auxes and verb.lemma_.lower() != "have"


DISPATCH_VERBS = {"go", "ship", "dispatch", "send", "deliver", "post", "courier", "head", "leave", "bring"}
SOON_WORDS = {"today", "tonight", "tomorrow", "now", "morning", "afternoon", "evening", "noon", "midday", "within",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "first", "next"}
HELD_MONEY_WORDS = {"payout", "salary", "wage", "fund", "refund", "transfer", "hold"}
WORKING_STATES = {"available", "operational", "accessible", "working", "normal", "stable", "up", "usable"}
MONEY_BACK_WORDS = {"money", "amount", "fee", "charge", "payment", "deposit", "balance", "difference", "sum"}


DOUBLE_GIVEN_VERBS = {"allocate", "assign", "sell", "book", "give", "issue", "let", "rent", "reserve"}
NO_SHOW_VERBS = {"come", "turn", "show", "arrive", "attend", "call", "answer", "reply", "respond", "ring", "collect", "meet"}


def _went_wrong_by_form(verb: Token, lex) -> bool:
    """Failures told by the shape of the clause rather than a failure word:
    - "arrived on Thursday instead of Monday", "sent a USB-C charger instead of the Lightning one"
      ("instead of" what was due; a bare "we sent it by express instead" is the repair);
    - "were accessed without authorisation" (a neutral verb "without" consent);
    - "nobody came out today", "no one answered" (a no-show)."""
    if verb.tag_ not in ("VBD", "VBN") or is_future(verb):
        return False
    lemma = verb.lemma_.lower()
    doc = verb.doc
    if lemma in lex["failure_neutral_verbs"] and not _instruction(verb) and (
            _says_pair(verb, "instead", "of") or _says_pair(verb, "rather", "than") and not _done_for_you(verb)):
        return True  # ("entered with an arrival time of 11:40 rather than 23:40"; not "I've sent it by courier rather than post")
    if lemma in ACCESS_VERBS and any(c.dep_ == "prep" and c.lower_ == "without" and any(
            g.lemma_.lower() in CONSENT_WORDS for g in c.children) for c in verb.children):
        return True
    if _our_deed_against_the_ask(verb):
        return True
    # Given to two at once: "the Orangery had been allocated to two parties", "the seat was sold to
    # two customers"
    if lemma in DOUBLE_GIVEN_VERBS and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            o.dep_ == "pobj" and any(n.dep_ == "nummod" and n.lower_ in ("two", "2", "both", "three") for n in o.children)
            for o in c.children) for c in verb.children):
        return True
    # every subject, not only the first: "My bad, Priya: ..., so nobody came out today" has two
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return lemma in NO_SHOW_VERBS and any(
        s.lower_ in ("nobody", "noone") or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children))
        for s in subjects)


def _says_pair(verb: Token, first: str, second: str) -> bool:
    """Does the verb's subtree say the two words in a row ("instead of", "rather than")?"""
    doc = verb.doc
    return any(t.lower_ == first and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == second for t in verb.subtree)


ACCESS_VERBS = {"access", "view", "download", "open", "use", "share", "change", "copy", "read", "see"}
# What the customer asked for, against which our deed was wrong: "when you'd asked for the 4th"
ASKED_VERBS = {"ask", "book", "order", "pay", "choose", "request", "select", "want", "tell", "pick"}
# Checks left out: "we swapped your oat milk for semi-skimmed without asking you"
SKIPPED_CHECKS = {"ask", "check", "tell", "confirm", "notify", "warn", "consult", "let"}


def _our_deed_against_the_ask(verb: Token) -> bool:
    """Something we did, told with what it should have been: "I keyed oat milk instead of whole",
    "I booked your boiler service for the 14th when you'd asked for the 4th", "we charged you for 3
    tickets when you only booked 2", "we swapped your oat milk without asking you", "we left the extra
    cheese off your pizza" (our deed; a bare "we sent it by express instead" is the repair)."""
    subj = subject_of(verb)
    if not (is_first_person(subj) or is_ours(subj)) or is_negated(verb) or is_hypothetical(verb):
        return False
    words = clause_words(verb)
    if "instead" in words and _says_pair(verb, "instead", "of") or "rather" in words and _says_pair(verb, "rather", "than"):
        return True
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in ASKED_VERBS and any(
                m.lower_ == "when" and m.dep_ in ("advmod", "mark") for m in c.children) \
                and (s := subject_of(c)) is not None and s.lower_ == "you":
            return True  # "... when you'd asked for the 4th", "... when you only booked 2"
        if c.dep_ == "prep" and c.lower_ == "without" and any(
                g.dep_ == "pcomp" and g.lemma_.lower() in SKIPPED_CHECKS for g in c.children):
            return True  # "... without asking you"
    return verb.lemma_.lower() == "leave" and any(
        c.dep_ in ("prt", "prep", "advmod") and c.lower_ in ("off", "out") for c in verb.children) \
        and any(c.dep_ == "dobj" for c in verb.children)  # "we left the extra cheese off your pizza"
CONSENT_WORDS = {"authorisation", "authorization", "permission", "consent", "authority", "approval"}


def _still_not_there(verb: Token) -> bool:
    """A thing still not there: "your parcel hasn't shown up", "the part hasn't turned up", "your
    order hasn't arrived" (perfect and negated; "if it hasn't arrived by Friday" is hypothetical)."""
    lemma = verb.lemma_.lower()
    # "hasn't arrived", "didn't arrive on the 3rd" (said of a thing; "we didn't arrive" is a no-show)
    if lemma not in ("arrive", "show", "turn", "come") or not any(c.dep_ == "aux" and c.lemma_ in ("have", "do")
                                                                 for c in verb.children):
        return False
    if lemma != "arrive" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    subj = subject_of(verb)
    return subj is not None and subj.pos_ in ("NOUN", "PROPN") and not is_hypothetical(verb)


def _not_until(verb: Token, lex) -> bool:
    """A negated past that is a failure by its shape: "was not applied to the account until 19
    September" (done, but late); "your delivery didn't make it onto the van" (never got there)."""
    if is_future(verb) or is_hypothetical(verb):
        return False
    past = verb.tag_ in ("VBN", "VBD") or any(c.lower_ == "did" for c in verb.children)
    if not past:
        return False
    if verb.lemma_.lower() == "make" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return True
    return verb.lemma_.lower() in lex["failure_neutral_verbs"] | {"update", "process", "record", "action"} \
        and any(c.dep_ == "prep" and c.lower_ == "until" for c in verb.children)


def _dispatch_due(verb: Token, modifiers: set[str]) -> bool:
    """"A pair of 10s goes out today", "it goes out again tomorrow": a dispatch in the present with a
    time to come is the repair, not the failure the modifier "out" would otherwise make it."""
    if not modifiers <= {"out", "again"}:
        return False
    words = clause_words(verb)
    if verb.tag_ in ("VBZ", "VBP"):
        return bool(words & SOON_WORDS)
    # "I've sent a replacement out today", "the right size went out this morning"; "I've sent the 2m
    # cable out to you now": our own sending, just done, is the repair
    just_done = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and is_first_person(subject_of(verb))
    # ("A teal one went out this morning": the one they chose, named by its colour)
    right_one = (subj := subject_of(verb)) is not None and _the_right_one(subj)
    return bool(words & REPLACEMENT_MARKS or just_done or right_one) and bool(words & (SOON_WORDS | {"already", "just"}))


# Verbs that are a failure only when they reach the wrong person ("your invoice got emailed to another
# customer"); not in failure_neutral_verbs, where a failure word would do ("we emailed it out").
MISDIRECTABLE_VERBS = {"email", "mail", "post", "forward", "share", "text", "message"}


def _instruction(verb: Token) -> bool:
    """An instruction to the reader ("Turn it inside out", "print it, tape it and drop it at any
    shop") states no failure. Neutral verbs also state none in the future ("your line will stay
    live until midnight"): the caller checks that."""
    while True:
        if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
            return False
        # "Your label is attached: print it, tape it to the box, and drop it at any shop" (spaCy may
        # hang the instruction on the sentence before it as parataxis or ccomp)
        if verb.dep_ in ("ROOT", "parataxis", "dep") or (verb.dep_ == "ccomp" and verb.i > verb.head.i):
            return True
        # "It's machine washable; just skip the fabric conditioner": after a semicolon spaCy may
        # hang the order on the clause before as an advcl, with no "if"/"to" to make it one
        if verb.dep_ == "advcl" and verb.i > verb.head.i and not any(c.dep_ == "mark" for c in verb.children):
            return True
        if verb.dep_ != "conj":
            return False
        verb = verb.head


def _multiplied(words: set[str]) -> bool:
    """"5x", "x3", "three times", "multiple times": a charge taken more than once."""
    return bool(words & {"times", "multiple", "repeatedly"}) or any(re.fullmatch(r"(x\d+|\d+x)", w) for w in words)


RECIPIENT_NOUNS = {"patient", "customer", "person", "member", "client", "guest", "user", "household", "address",
                   "account", "recipient", "family", "passenger", "resident", "tenant", "student", "parent", "player"}


def _to_someone_else(verb: Token) -> bool:
    """Sent, shown or given "to another patient" / "to someone else": the customer's thing went to
    the wrong person."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "with"):  # (spaCy: "shown to/dative another customer")
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lemma_.lower() in RECIPIENT_NOUNS and any(c.lower_ in ("another", "other") for c in pobj.children):
                    return True
                if pobj.lower_ in ("someone", "somebody") and any(c.lower_ == "else" for c in pobj.children):
                    return True
    return False


def _reduced_relative(verb: Token) -> bool:
    """"We apologise for the inconvenience caused": a bare participle after a noun, which spaCy
    may hang on the main verb as a clause of its own; it names no doer, so it borrows none."""
    return verb.dep_ in ("advcl", "acl") and verb.tag_ in ("VBD", "VBN") and verb.i > 0 \
        and verb.nbor(-1).pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in verb.children)


def _responsibility(draft, failures: list[Token], explained: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    lex = lexicon()
    ev = []
    for tok in failures:
        if tok.pos_ in ("VERB", "AUX"):
            if _present_modal(tok) or tok.dep_ in ("advcl", "xcomp", "acomp") and _present_modal(tok.head):
                continue  # "we can't treat it as lost": a refusal, no deed of ours
            subj = subject_of(tok)
            if subj is not None and subj.head is not tok and any(c.dep_ == "auxpass" for c in tok.children):
                subj = None  # "I know being turned down at a till is stressful": a passive borrows no doer
            if (is_first_person(subj) and subj.dep_ != "nsubjpass") or has_first_person_agent(tok):
                ev.append(clause_span(tok))
    # The fault taken in so many words: "That was our design decision", "this outage was caused by us"
    ev += [(sent.start_char, sent.start_char + len(sent.text.rstrip())) for sent in fault_claims(draft)]
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        # "we made a mistake", "I made an error"
        if lemma == "make" and is_first_person(subject_of(tok)) and not is_negated(tok):
            if any(c.dep_ == "dobj" and c.lemma_.lower() in lex["responsibility_nouns"] | lex["failure_nouns"]
                   for c in tok.children):
                ev.append(clause_span(tok))
        # "this was our mistake", "the fault is entirely ours", "my fault"
        if tok.pos_ == "NOUN" and lemma in lex["responsibility_nouns"]:
            # "a slight oversight by our night reception team"
            by_us = any(c.dep_ == "prep" and c.lower_ == "by" and any(is_first_person(g) or g.lower_ in ("us", "me")
                                                                        for g in c.children) for c in tok.children)
            if by_us and not is_negated(tok.head):
                ev.append(span_of(tok, list(tok.subtree)))
            elif any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
                head = tok.head
                if not (head.pos_ == "AUX" and is_negated(head)) and not is_negated(tok.head):
                    ev.append(span_of(tok, [t for t in tok.subtree]))
        if tok.lower_ in ("ours", "mine") and tok.dep_ in ("attr", "acomp") and not is_negated(tok.head):
            ev.append(span_of(tok.head, [tok.head, tok]))
        # "I should have", "we should never have"
        if tok.lower_ == "should" and tok.dep_ == "aux":
            verb = tok.head
            if is_first_person(subject_of(verb)) and any(c.lower_ == "have" for c in verb.children):
                ev.append(clause_span(verb))
    # "I'm sorry I didn't ring you back", "I apologise, we didn't credit the points", "sorry, the text
    # I sent said 2:30": what the writer did, in the sentence that apologises, is what they own.
    not_owning = lex["repair_verbs"] | lex["weak_repair_verbs"] | lex["follow_up_verbs"] | lex["empathy_verbs"] | {
        "be", "have", "do", "want", "need", "hope", "apologise", "apologize", "regret", "feel", "say", "ask", "thank"}
    not_owning -= {"send", "keep", "let"}
    for apology in draft.real_apologies:
        if apology.conditional is not None:
            continue
        for tok in apology.sent:
            if tok.pos_ not in ("VERB", "AUX") or tok is apology.trigger or tok.lemma_.lower() in not_owning:
                continue
            if tok.tag_ not in ("VBD", "VBN") and not is_negated(tok):
                continue
            if is_future(tok) or is_hypothetical(tok) or _present_modal(tok):
                continue  # (nor a refusal: "sorry, we can't refund completed services")
            # A passive borrows no subject: in "we've had emails, and we're sorry some of you were
            # upset" the parse hangs "upset" on "had", but the one upset is the customer.
            if any(c.dep_ == "auxpass" for c in tok.children):
                continue
            # What we have done since, beside the apology, is the service or the repair, not the
            # fault: "I'm so sorry about your mum. I've closed her credit card", "I've cancelled
            # that bill and issued a new one".
            if _present_perfect(tok) and not is_negated(tok) and not (
                    apology.object is not None and apology.object.start <= tok.i < apology.object.end):
                continue
            if _reduced_relative(tok):
                continue
            subj = subject_of(tok)
            if is_first_person(subj) and subj.dep_ != "nsubjpass":
                ev.append(clause_span(tok))
    # "we didn't credit the points", "I never rang you back": a first-person duty left undone.
    for tok in draft.own_tokens():
        if tok.pos_ == "VERB" and is_negated(tok) and tok.tag_ in ("VB", "VBD", "VBN") and not is_future(tok) \
                and tok.lemma_.lower() not in ("receive", "get", "hear", "see", "find", "know", "mean", "want", "need",
                                               "expect", "think", "have", "be", "understand", "realise", "realize") \
                and not is_hypothetical(tok) and is_first_person(subject_of(tok)) \
                and not _present_modal(tok) and not any(c.lower_ in ("could", "would") for c in tok.children):
            ev.append(clause_span(tok))
    # "At 07:20 we deployed a change to how seat availability is calculated", "When we updated the
    # menu, I copied the allergen information from the wrong dish": what we did, told in the past,
    # in a sentence that states the failure or its cause.
    told = {t.sent.start for t in failures} | {span.sent.start for a, b in explained
                                               if (span := draft.doc.char_span(a, b, alignment_mode="expand")) is not None}
    for tok in draft.own_tokens():
        if tok.sent.start not in told or tok.pos_ != "VERB" or tok.tag_ != "VBD" or is_negated(tok) \
                or is_hypothetical(tok) or tok.lemma_.lower() in not_owning | NARRATIVE_NOT_OWNING:
            continue
        subj = subject_of(tok)
        if tok.dep_ == "relcl":
            continue  # "the payout file we sent them": a detail of someone else's failure
        if _back_particle(tok) and tok.lemma_.lower() in ("bring", "put", "switch", "turn", "get") and tok.dep_ in ("ROOT", "conj"):
            continue  # "Once Nimbus recovered, we brought Plannr back online": the repair
        if _done_before_a_but(tok):
            continue  # "we issued it on Monday, but our payment processor has been holding it": our part, done
        if _reduced_relative(tok):
            continue
        if subj is not None and subj.lower_ in ("i", "we") and subj.dep_ == "nsubj":
            ev.append(clause_span(tok))
    low = draft.text_lower
    for start, end in phrase_hits(low, lex["responsibility_phrases"]):
        tok = draft.doc.char_span(start, end, alignment_mode="expand")
        if tok is None or any(is_negated(t) for t in tok) or draft.prepared.in_quoted(start, end):
            continue
        if tok[-1].lower_ in ("side", "end", "part") and not _fault_on_our_side(tok[0]):
            continue
        ev.append((start, end))
    return ev


def _done_before_a_but(verb: Token) -> bool:
    """Our part told as done, then "but" someone else's clause: "we issued it on Monday, but our
    payment processor has been holding some refunds" (spaCy makes both conjuncts of one head)."""
    doc = verb.doc
    siblings = list(verb.children) + (list(verb.head.children) if verb.dep_ == "conj" else [])
    for other in siblings:
        if other.dep_ != "conj" or other.i <= verb.i or other.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(other)
        if subj is None or is_first_person(subj) or subj.lower_ in ("it", "this", "that"):
            continue
        ccs = [doc[k] for k in range(verb.i + 1, other.i) if doc[k].dep_ == "cc"]
        if ccs and ccs[-1].lower_ == "but":  # (not "recorded it on one account but not the other, and our system...")
            return True
    return False


def _back_particle(verb: Token) -> bool:
    """"brought Plannr back online", "put it back": "back" among the verb's particles or adverbs."""
    return any(t.lower_ == "back" for c in verb.children if c.dep_ in ("prt", "advmod") for t in c.subtree)


def _done_for_you(verb: Token) -> bool:
    """"I've cancelled that bill", "we've closed the account": what we have just done, at the
    customer's request or as the repair; "cancelled" is a failure word only said of the customer's
    thing with nobody doing it ("your flight was cancelled")."""
    # (not when a cause is given for it: "We have cancelled this course because we were unable to
    # recruit a tutor" tells the failure)
    because = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("because", "as", "since") for m in c.children)
                  or c.dep_ == "prep" and c.lower_ in ("due", "because") for c in verb.children)
    return _present_perfect(verb) and is_first_person(subject_of(verb)) and not is_negated(verb) and not because


def _present_perfect(verb: Token) -> bool:
    """"I've closed", "we have cancelled" (the verb or the one it is joined to has the "have")."""
    head = verb.head if verb.dep_ == "conj" else verb
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.lower_ not in ("had", "'d")
                                      for c in head.children)


def _present_modal(verb: Token) -> bool:
    """"we can't refund it", "we won't be able to": what we can or will do now, not what we did
    ("we couldn't get an engineer to you" is; "ca" is how spaCy splits "can't")."""
    return any(c.dep_ == "aux" and c.lower_ in ("can", "ca", "will", "wo", "may", "might") for c in verb.children)


# What may sit "on our side" and own the failure: "the cause was on our side", "a stock count error
# on our side", "a bit of a rota wobble on our end".
FAULT_ON_SIDE = {"cause", "wobble", "hiccup", "snag", "blip", "doing"}
PERCEPTION_VERBS = {"feel", "think", "believe", "claim", "suggest", "allege", "imply", "assume", "say"}


def _fault_on_our_side(on: Token) -> bool:
    """"on our side/end/part" owns the failure only when what it places there is a fault: not
    "everything is working fine on our end", "I ran the same export on our side", "without
    admission of liability on our part", "rather than any failure on our part"."""
    lex = lexicon()
    faults = set(lex["failure_nouns"]) | set(lex["responsibility_nouns"]) | FAULT_ON_SIDE
    head = on.head
    if head.pos_ == "AUX" or head.lemma_ == "be":
        head = subject_of(head)  # "The cause was on our side", "the delay is on our side"
    if head is None or head.lemma_.lower() not in faults or is_hypothetical(on.head):
        return False
    # "no fault on our part", "any failure on our part", "without admission of liability on our part"
    if any(c.lower_ in ("no", "any") for c in head.children) or head.head.lower_ == "without":
        return False
    # "sorry you feel the outage was on our side": the customer's view, not our word
    if any(a.lemma_.lower() in PERCEPTION_VERBS for a in on.ancestors):
        return False
    return not is_negated(head.head if head.dep_ in ("nsubj", "attr", "dobj") else head)


# What we did that is no deed behind a failure: finding out, telling, looking into it.
NARRATIVE_NOT_OWNING = {"receive", "note", "review", "investigate", "contact", "notice", "find", "discover", "learn",
                        "look", "check", "raise", "pass", "forward", "speak", "hear", "see", "confirm", "notify",
                        "inform", "ask", "write", "reply", "answer", "email", "call", "realise", "realize", "spot",
                        "catch", "apologise", "apologize", "try", "attempt", "work", "reach", "identify", "trace",
                        "restore", "replace", "reverse", "roll", "fix", "flush", "phone", "ring", "text", "message",
                        "experience", "mention", "explain", "say", "tell"}


REPLACEMENT_MARKS = {"new", "right", "correct", "replacement", "fresh"}
# Looking at a thing, not yet mending it: "will attend to inspect the units".
LOOKING_VERBS = {"inspect", "assess", "survey", "examine", "investigate", "review", "look", "check", "see", "establish"}


def _most_of_them(subj: Token | None) -> bool:
    """"the vast majority of our parcels are delivered within 3 days", "most orders arrive": how it
    usually goes for everyone, not the repair of this one."""
    return subj is not None and (subj.lemma_.lower() in ("majority", "most", "all", "many", "percent", "%") or any(
        c.dep_ in ("det", "amod") and c.lower_ in ("most", "all", "many", "every") for c in subj.children))


# Our people who come back to do the job: "the crew will be back for it".
OUR_PEOPLE = {"crew", "engineer", "driver", "team", "technician", "fitter", "courier", "rider", "collector"}
# Verbs that announce a thing rather than make it: "a new date will be confirmed".
ANNOUNCING_VERBS = {"confirm", "advise", "notify", "communicate", "announce", "agree", "decide", "let"}


def _the_right_one(subj: Token) -> bool:
    """The thing sent in place of the wrong one: "a replacement", "the correct pair", "a teal one"."""
    # (not "Your new SIM for the upgrade went out today": what was due anyway)
    return subj.lemma_.lower() in ("replacement", "one") and (subj.lemma_.lower() == "replacement" or any(
        c.dep_ == "amod" for c in subj.children)) or any(
        c.dep_ == "amod" and c.lower_ in REPLACEMENT_MARKS - {"new"} for c in subj.children)


def _general_when(verb: Token) -> bool:
    """A verb in a "when/whenever" clause in the present: a rule of how things go ("bookings are
    dropped when a class is rescheduled"), not something done."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever") for c in verb.children) \
        and (verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children))
ARRIVAL_VERBS = {"go", "ship", "arrive", "leave", "come", "reach", "be", "dispatch", "travel"}
RESTORED_MARKS = {"back", "again", "live", "online"}
CHARGE_NOUNS = {"charge", "payment", "fee", "hold", "duplicate", "transaction", "debit", "pre-authorisation",
                "pre-authorization", "authorisation", "authorization"}


def _repair_by_form(draft, failure_ids: set[int]) -> list[tuple[int, int]]:
    """Repairs said without a repair verb, read from the clause's shape:
    - the replacement as subject: "the right tent goes out today", "new date is 14 Nov at 9:20";
    - the service restored: "we're back", "all realms are open again", "ranked matches are live";
    - particle verbs: "I've taken the 15% off", "our devs rolled it back", "the extra charge will
      drop off within 7 days"."""
    lex = lexicon()
    ev = []
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or is_negated(tok) or is_hypothetical(tok):
            continue
        lemma = tok.lemma_.lower()
        # A failure verb is no repair, except "drop" in "the extra charge will drop off".
        if tok.i in failure_ids and lemma != "drop":
            continue
        subj = subject_of(tok)
        # A subject that can be repaired: not the customer, a pronoun, or the failure itself.
        subj_ok = subj is not None and subj.lower_ not in ("you", "it", "this", "that") and \
            subj.lemma_.lower() not in lex["failure_nouns"] | lex["generic_failure_nouns"]
        # spaCy tags the particle of "take 15% off", "rolled it back" as prt, prep or advmod.
        prts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod")}
        # "the replacement teapot arrived this morning" is a repair done; "the new one goes out today" one to come
        if subj_ok and lemma in ARRIVAL_VERBS and (tok.tag_ != "VBD" or lemma in ("arrive", "reach", "come")) and (
                subj.lemma_.lower() == "replacement" or
                any(c.dep_ in ("amod", "compound") and c.lower_ in REPLACEMENT_MARKS for c in subj.children)):
            ev.append(clause_span(tok))
        elif subj_ok and lemma == "be" and tok.tag_ in ("VBZ", "VBP") and any(
                c.dep_ in ("advmod", "acomp", "prt") and c.lower_ in RESTORED_MARKS for c in tok.children) \
                and not any(c.lower_ == "still" for c in tok.children) \
                and not any(c.dep_ == "acomp" and (c.lower_ in ("sorry", "apologetic", "grateful", "sad")
                                                   or c.lemma_.lower() in lex["emotion_words"]) for c in tok.children):
            # not "the old map is still live", not "we are sorry again"
            ev.append(clause_span(tok))
        elif lemma == "be" and is_future(tok) and subj is not None and (subj.lower_ == "they" or subj.lemma_.lower() in OUR_PEOPLE) \
                and any(c.lower_ == "back" for c in tok.children) \
                and any(c.dep_ == "prep" and c.lower_ == "for" for n in [tok, *tok.children] if n is tok or n.lower_ == "back"
                        for c in n.children):
            ev.append(clause_span(tok))  # "They'll be back for it before 4pm today": the crew returns for the missed bin
        elif subj_ok and tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP") and any(
                c.dep_ == "advmod" and c.lower_ == "again" for c in tok.children) and lemma in (
                "work", "load", "open", "run", "connect", "sync", "function"):
            ev.append(clause_span(tok))
        elif is_first_person(subj) and ((lemma == "take" and "off" in prts) or (lemma == "roll" and "back" in prts)
                                         or (lemma in ("pay", "give", "put") and "back" in prts)):
            ev.append(clause_span(tok))
        elif is_first_person(subj) and lemma in ("bring", "get", "put") and not is_future(tok) and _back_particle(tok) \
                and {t.lower_ for t in tok.subtree} & {"online", "up", "live", "running"}:
            ev.append(clause_span(tok))  # "we brought Plannr back online at 15:40"
        elif is_first_person(subj) and subj.dep_ == "nsubj" and lemma in ("get", "find") and tok.tag_ in ("VBN", "VBD") \
                and any(c.dep_ == "dative" and c.lower_ == "you" for c in tok.children) \
                and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children):
            ev.append(clause_span(tok))  # "We've got you a room at the Bell Inn for tonight"
        elif lemma == "be" and _on_the_house(tok):
            ev.append(clause_span(tok))  # "there's a drink on us at the bar", "dessert is on us"
        elif subj_ok and lemma in ("drop", "come", "fall", "disappear") and ("off" in prts or lemma == "disappear") \
                and any(t.lemma_.lower() in CHARGE_NOUNS for t in subj.subtree) and tok.tag_ != "VBD":
            ev.append(clause_span(tok))
    return ev


def _on_the_house(be: Token) -> bool:
    """"there's a drink on us", "dessert is on us", "your next box is on the house": something given
    free. Not "that's on us" (owning the fault) or "the mistake is on us"."""
    for on in (c for c in be.children if c.dep_ == "prep" and c.lower_ == "on"):
        if not any(g.lower_ in ("us", "house", "me") for g in on.children if g.dep_ == "pobj"):
            continue
        thing = next((c for c in be.children if c.dep_ in ("nsubj", "attr") and c.pos_ in ("NOUN", "PROPN")), None)
        if thing is not None and thing.lemma_.lower() not in lexicon()["failure_nouns"] | lexicon()["responsibility_nouns"]:
            return True
    # spaCy may hang "on us" on the thing: "there's a drink on us"
    return any(c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() not in lexicon()["failure_nouns"] and any(
        p.dep_ == "prep" and p.lower_ == "on" and any(g.lower_ in ("us", "house") for g in p.children) for p in c.children)
        for c in be.children)


def _on_its_way(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "way" for g in c.children) for c in tok.children)


def _participle_of(word: str, verbs) -> bool:
    """"unlocked", "fixed", "reinstated", "unblocked", "unfrozen": the state a repair verb leaves behind."""
    if IRREGULAR_PARTICIPLES.get(word) in verbs:
        return True
    return word.endswith("ed") and (word[:-2] in verbs or word[:-1] in verbs
                                    or (len(word) > 4 and word[-3] == word[-4] and word[:-3] in verbs))


IRREGULAR_PARTICIPLES = {"unfrozen": "unfreeze", "resent": "resend", "undone": "undo", "redone": "redo",
                         "rebuilt": "rebuild", "rewritten": "rewrite", "remade": "remake"}


# Where a mended or given thing now is: "Correct e-tickets are in your inbox", "2 free guest passes
# are on your account".
DELIVERED_TO = {"inbox", "account", "app", "wallet", "desk", "basket", "locker"}


def _repaired_state(tok: Token, subj: Token | None, thing: bool, present: bool, lex, has_failure: bool) -> bool:
    """The state a repair leaves, told with "be" and no one doing it: the mended or given thing where
    the customer can use it ("Correct e-tickets are in your inbox"), "it's back exactly as it was",
    "your prescription is bagged and ready"; and a repair said as a fragment ("Fixed 10 minutes ago")."""
    if tok.tag_ == "VBN" and tok.i == tok.sent.start and tok.lemma_.lower() in lex["repair_verbs"] \
            and {t.lower_ for t in tok.doc[tok.i + 1: tok.i + 5]} & {"ago", "now", "today", "earlier", "just", "this"}:
        return True  # "Fixed 10 minutes ago, so logging out and in again clears it." (spaCy may make it a subject)
    if not present or subj is None or is_future(tok) or not (thing or subj.lower_ == "it"):
        return False
    if tok.lemma_ == "be" and any(c.dep_ == "advmod" and c.lower_ == "back" for c in tok.children):
        return True  # "It's back exactly as it was", "your booking is back"
    if has_failure and any(c.dep_ in ("acomp", "conj") and c.lower_ == "ready" for c in tok.children):
        # "your amoxicillin is bagged and ready", "room 412 is ready now" (with no failure, "your
        # prescription is ready to collect" answers a question)
        return True
    # (spaCy may hang "correct"/"free" anywhere in the subject: "Correct e-tickets", "2 free guest passes")
    before = {t.lower_ for t in tok.sent if t.i < tok.i}
    given = before & (REPLACEMENT_MARKS | {"free"}) or subj.lemma_.lower() in lex["repair_nouns"]
    return tok.lemma_ == "be" and thing and bool(given) and any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in DELIVERED_TO for o in c.children) for c in tok.children)


def _repair_said_plainly(draft) -> list[tuple[int, int]]:
    """Repairs in a draft that admits a failure, said with no repair verb:
    - the customer's new arrangement: "You're now in Tue 18:30 with Coach Lina";
    - the right thing handed over: "Here's October's class timetable: ridgewaygyms.example/oct";
    - money paid to them: "It was paid to your bank account today";
    - the repair as the purpose of a promise: "We will be in touch to rebook"."""
    lex = lexicon()
    ev = []
    for tok in draft.own_tokens():
        # ("Here's" may be tagged as a possessive 's at the root)
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "here" and tok.lower_ in ("'s", "is", "are") and tok.dep_ == "ROOT" \
                and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
            ev.append(clause_span(tok))
            continue
        if tok.pos_ not in ("VERB", "AUX") or is_negated(tok) or is_hypothetical(tok):
            continue
        lemma = tok.lemma_.lower()
        subj = subject_of(tok)
        children = list(tok.children)
        if lemma == "be" and subj is not None and subj.lower_ == "you" and tok.tag_ in ("VBP", "VBZ") \
                and any(c.lower_ == "now" for c in children) and any(
                    c.dep_ == "prep" and c.lower_ in ("in", "on") and any(
                        draft.mention_label(t) in ("DATE", "TIME") or t.lower_ in WEEKDAY_WORDS for t in c.subtree)
                    for c in children):
            ev.append(clause_span(tok))
        elif lemma == "pay" and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in children) and any(
                c.dep_ == "prep" and c.lower_ in ("to", "into") and any(
                    o.lemma_.lower() in ("account", "card", "bank") and any(p.lower_ == "your" for p in o.subtree)
                    for o in c.children) for c in children):
            ev.append(clause_span(tok))
        elif is_future(tok) and is_first_person(subj) and any(
                t.lemma_.lower() in lex["repair_verbs"] and t.dep_ in ("pobj", "xcomp", "advcl") and t.i > tok.i
                and t.head.lower_ in ("to", tok.lower_, "touch") for t in tok.subtree):
            ev.append(clause_span(tok))
        elif tok.tag_ == "VBN" and lemma in NOW_DONE_VERBS and any(c.dep_ == "auxpass" for c in children) \
                and any(c.lower_ == "now" for c in children) and subj is not None \
                and subj.lower_ not in ("you", "i", "we") and not any(c.lower_ in ("been", "was", "were") and c.tag_ == "VBD"
                                                                     for c in children):
            # "These have now been stopped", "Your check-up is now booked for Monday at 9:10", "the
            # claim has now been accepted": the undoing, done since, with nobody named
            ev.append(clause_span(tok))
        elif is_future(tok) and tok.tag_ == "VBN" and lemma in ("make", "issue", "process", "pay", "send", "arrange", "credit")\
                and subj is not None and subj.dep_ == "nsubjpass" and subj.lemma_.lower() in lex["repair_nouns"]:
            ev.append(clause_span(tok))  # "Refunds will be made to the original payment method"
    return ev


# Verbs whose passive with "now" tells the undoing done since: "these have now been stopped".
# (not "cancelled", which may be the failure itself: "your booking has now been cancelled"; nor
# "deleted": "the invoice sent to another customer has been deleted now" contains a leak, it mends nothing)
NOW_DONE_VERBS = {"stop", "accept", "approve", "remove", "lift", "clear", "update", "amend", "withdraw",
                  "suppress", "release", "settle", "book", "unsubscribe"}


def _repair_by_state(draft, failure_ids: set[int]) -> list[tuple[int, int]]:
    """Repairs told as what now is or is about to happen, with no one named as doing them:
    - the state a repair leaves: "your account has been unlocked" (spaCy reads "unlocked" as an
      adjective), "the new payment plan is now set up";
    - the thing due is on its way: "a pair of 10s goes out today", "a corrected copy goes to everyone
      at noon", "the ochre throw will be dispatched to you", "refund's on its way";
    - the money back: "the £39 went back to your card";
    - the charge waived: "we won't charge for this month's box"."""
    lex = lexicon()
    repair_verbs = lex["repair_verbs"]
    ev = []
    for tok in draft.own_tokens():
        if tok.i in failure_ids or is_hypothetical(tok):
            continue
        lemma = tok.lemma_.lower()
        subj = subject_of(tok) if tok.pos_ in ("VERB", "AUX") else None
        thing = subj is not None and subj.lower_ not in ("you", "i", "we", "this", "that") \
            and subj.lemma_.lower() not in lex["failure_nouns"] | lex["generic_failure_nouns"]
        if tok.dep_ == "acomp" and _participle_of(tok.lower_, repair_verbs) and not is_negated(tok) \
                and tok.head.lemma_ == "be" and not is_hypothetical(tok.head):
            head_subj = subject_of(tok.head)
            if head_subj is not None and head_subj.lower_ not in ("you", "i", "we") and not any(
                    c.dep_ == "advmod" and c.lower_ in ("not", "never", "yet") for c in tok.head.children):
                ev.append(clause_span(tok.head))
            continue
        # "Your card has now been unblocked" (spaCy: "unblocked" an adjective at the root)
        if tok.pos_ == "ADJ" and tok.dep_ == "ROOT" and _participle_of(tok.lower_, repair_verbs) \
                and any(c.dep_ == "auxpass" for c in tok.children) and not is_negated(tok):
            # (the subject may hang on "been": "card/nsubj <- been/auxpass <- unblocked")
            own_subj = next((c for n in [tok, *tok.children] if n is tok or n.dep_ == "auxpass"
                             for c in n.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if own_subj is not None and own_subj.lower_ not in ("you", "i", "we"):
                ev.append(clause_span(tok))
            continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in lex["repair_nouns"] and _on_its_way(tok):
            ev.append(span_of(tok, list(tok.subtree)))  # "Refund's on its way!" (spaCy: "Refund" ROOT, "'s" case)
            continue
        if tok.pos_ not in ("VERB", "AUX") or is_negated(tok):
            # "we won't charge you for this month's box": the charge is waived
            if tok.pos_ == "VERB" and lemma in ("charge", "bill") and is_negated(tok) and is_future(tok) \
                    and is_first_person(subject_of(tok)):
                ev.append(clause_span(tok))
            continue
        present = tok.tag_ in ("VBZ", "VBP") or is_future(tok) or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in tok.children) and tok.tag_ != "VBD"
        words = clause_words(tok)
        if _repaired_state(tok, subj, thing, present, lex, has_failure=bool(failure_ids)):
            ev.append(clause_span(tok))
        elif thing and subj.dep_ == "nsubjpass" and present and any(
                c.dep_ == "amod" and c.lower_ in REPLACEMENT_MARKS for c in subj.children) and lemma != "be" \
                and lemma not in ANNOUNCING_VERBS:
            # "your new payment plan is now set up" (not "a new delivery date will be confirmed to you
            # in due course": a date to be announced is no repair yet)
            ev.append(clause_span(tok))
        # ("it" is a generic failure noun, but the thing sent: "It goes out today with Parcelwing")
        elif (thing or subj is not None and subj.lower_ == "it") and (lemma in DISPATCH_VERBS or tok.lower_ in ("ships", "dispatches")) \
                and not _most_of_them(subj) \
                and (present or (tok.tag_ == "VBN" and words & {"today", "morning", "already", "just"})
                     # "It's signed now and sent to Greenway Pharmacy": "now" on the first of two participles
                     or tok.tag_ == "VBN" and tok.dep_ == "conj" and tok.head.tag_ == "VBN"
                     and any(c.lower_ == "now" for c in tok.head.children)
                     and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.head.children)
                     # "A teal one went out this morning": the right one, sent since
                     or tok.tag_ == "VBD" and words & {"today", "morning", "already", "just"} and _the_right_one(subj)) \
                and (words & SOON_WORDS or {"to", "you"} <= words and is_future(tok) or tok.dep_ == "conj" and any(
                    c.lower_ == "now" for c in tok.head.children)
                     or is_future(tok) and any(draft.mention_label(t) in ("DATE", "TIME") for t in tok.subtree)) \
                and (lemma != "go" or words & {"out", "to", "off"}) \
                and not words & {"wrong", "incorrect", "late", "missing", "still"}:
            ev.append(clause_span(tok))  # "a pair of 10s goes out today", "will be dispatched to you tomorrow"
        elif lemma in ("go", "come", "be", "get", "pay", "put") and "back" in words and subj is not None and (
                draft.mention_label(subj) == "MONEY" or subj.like_num or subj.lemma_.lower() in MONEY_BACK_WORDS
                or any(draft.mention_label(c) == "MONEY" or c.like_num for c in subj.children)) \
                and words & {"card", "account", "bank", "wallet", "balance", "you"}:
            ev.append(clause_span(tok))  # "the £39 went back to your card this morning"
        elif lemma in ("pay", "transfer", "credit", "send", "refund", "return") and subj is not None \
                and subj.dep_ == "nsubjpass" and (draft.mention_label(subj) == "MONEY" or subj.like_num) \
                and "your" in words and words & {"account", "card", "bank"} and tok.tag_ != "VBD":
            ev.append(clause_span(tok))  # "£2,340 will be paid into your account within two working days"
        elif lemma in ("get", "receive", "have") and subj is not None and subj.lower_ == "you" and is_future(tok) \
                and "back" in words and any(c.dep_ == "dobj" and (draft.mention_label(c) == "MONEY" or c.like_num)
                                            for c in tok.children):
            ev.append(clause_span(tok))  # "you'll get £14.20 back by Friday"
        elif lemma in ("return", "release") and subj is not None and subj.dep_ == "nsubjpass" and (
                subj.lemma_.lower() in MONEY_BACK_WORDS | HELD_MONEY_WORDS or draft.mention_label(subj) == "MONEY"):
            ev.append(clause_span(tok))  # "the duplicate payments will be returned", "the payouts were released"
        elif lemma == "be" and is_future(tok) and subj is not None and (thing or subj.lower_ == "it") \
                and any(c.dep_ == "prep" and c.lower_ == "with" and any(o.lower_ == "you" for o in c.children) for c in tok.children) \
                and any(draft.mention_label(t) in ("DATE", "TIME") or t.lower_ in SOON_WORDS for t in tok.subtree):
            ev.append(clause_span(tok))  # "It'll be with you tomorrow before 1pm"
        elif lemma == "roll" and subj is not None and subj.dep_ == "nsubjpass" and "back" in words:
            ev.append(clause_span(tok))  # "the update has since been rolled back"
        elif lemma == "be" and thing and any(c.dep_ == "acomp" and c.lower_ in WORKING_STATES for c in tok.children) \
                and (words & {"now", "again", "since", "fully"}) and tok.tag_ != "VBD":
            ev.append(clause_span(tok))  # "all services have been available since then", "is now working"
        elif lemma == "be" and subj is not None and subj.lemma_.lower() in lex["repair_nouns"] and _on_its_way(tok):
            ev.append(clause_span(tok))  # "refund's on its way"
    return ev


UNDOING_VERBS = {"delete", "remove", "clear", "cancel", "void", "wipe", "drop", "lift", "withdraw", "scrap"}
FAILURE_LEFTOVERS = {"duplicate", "strike", "warning", "fee", "charge", "penalty", "fine", "block", "hold", "restriction",
                     "suspension", "marker", "flag", "summons", "notice", "letter", "debt", "surcharge", "mark"}
PAID_FOR_WORDS = {"fee", "price", "cost", "rate", "charge"}
NEWS_WORDS = {"update", "information", "detail", "news", "tracking", "progress"}
RAISED_WITH_WORDS = {"complaint", "claim", "issue", "concern", "ticket", "case", "query", "feedback", "this", "it", "that"}


def _refused_or_denied(draft, start: int, end: int) -> bool:
    """A repair phrase inside a refusal or a denial: "we are unable to replace it free of charge",
    "everything is working normally on our side" (nothing was wrong, so nothing was put right)."""
    span = draft.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(4):
        if is_negated(node) or node.lemma_.lower() in ("unable", "cannot") or any(
                c.lemma_.lower() == "unable" for c in node.children):
            return True
        if node.head is node:
            break
        node = node.head
    sentence = span.sent.text.lower()
    return any(side in sentence for side in ("our side", "our end", "on our part"))


def _told_to_customer(verb: Token) -> bool:
    """"Try deleting and reinstalling it": the repair verb hangs, through xcomp/conj, on an
    instruction to the reader, whatever subject spaCy lets it inherit further up."""
    node = verb
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False
        if node.tag_ == "VB" and node.dep_ in ("ROOT", "advcl") and not any(
                c.dep_ in ("aux", "auxpass") for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            return False
        node = node.head
    return False


def _repair_for_customer(draft, verb: Token, subj: Token | None, failure_ids: set[int]) -> bool:
    """A repair verb that is not a repair done or offered by us, free, to this customer:
    - the failure itself ("your booking for Sat 14th was cancelled"; "sorry we put you in room 3");
    - a policy about repairs in general ("refunds are processed within 28 days", "we send all refunds
      within 24 hours"): a bare plural or "all" as subject/object of a simple present;
    - a repair the customer pays for ("a redelivery can be arranged for a fee of £79", "a replacement
      jug at the discounted price of £18") or does ("try reinstalling it");
    - a complaint raised with someone else ("we have raised a claim with the courier");
    - something no longer done ("room 3 is no longer offered")."""
    # (an apology's object ends at its "but": "Sorry we sent it to your old email, but good news:
    # I've fixed the address and re-sent it")
    if verb.i in failure_ids or any(a.object is not None and a.object.start <= verb.i < a.object.end
                                    and not any(t.lower_ in ("but", "however") for t in draft.doc[a.object.start:verb.i])
                                    for a in draft.apologies):
        return False
    if _told_to_customer(verb):
        return False
    if any(c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
           for c in verb.children):
        return False
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    simple_present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children))
    if simple_present and any(n.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") and c.lower_ != "all"
                                                          for c in n.children) for n in nouns):
        return False
    repair_nouns = lexicon()["repair_nouns"]
    for child in verb.subtree:
        # "for a fee of £79", "at the discounted price of £18"; not "a refund for the duplicate charge"
        if child.dep_ == "prep" and child.lower_ in ("for", "at") and child.head.lemma_.lower() not in repair_nouns \
                and any(g.dep_ == "pobj" and g.lemma_.lower() in PAID_FOR_WORDS and not any(
                    d.lower_ in ("free", "no", "extra", "duplicate", "double", "wrong", "late", "second") for d in g.children)
                        for g in child.children):
            return False
    if verb.lemma_.lower() == "raise" and any(n.lemma_.lower() in RAISED_WITH_WORDS for n in nouns):
        return False
    if any(n.lemma_.lower() in NEWS_WORDS for n in nouns):
        return False  # "we will provide further updates", "we'll send tracking information"
    # "refunds can only be issued on receipt of a completed form": a restriction, not a repair;
    # "once the redelivery fee has been paid": the customer's condition, not our repair
    if any(c.dep_ == "advmod" and c.lower_ == "only" for c in verb.children):
        return False
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("once", "after", "until", "when") for c in verb.children) \
            and not is_first_person(subj):
        return False
    return True


# What a message we sent can carry as the repair itself: "a corrected letter", "the new invoice".
MENDED_THINGS = {"corrected", "correct", "new", "revised", "replacement", "updated", "amended", "right", "fresh",
                 "reissued", "valid", "working"}


def _resolution(draft, failures: list[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    lex = lexicon()
    ev, weak = [], []
    failure_ids = {t.i for t in failures}
    low = draft.text_lower
    ev += [h for h in phrase_hits(low, lex["resolution_phrases"])
           if not draft.prepared.in_quoted(*h) and not _refused_or_denied(draft, *h)]
    ev += _repair_by_form(draft, failure_ids)
    ev += _repair_by_state(draft, failure_ids)
    if failure_ids:
        ev += _repair_said_plainly(draft)
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            if is_negated(tok):
                continue
            subj = subject_of(tok)
            words = clause_words(tok)
            # "our engineers are working hard to restore supplies": effort under way, not a repair
            if tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in ("work", "try", "strive", "aim", "endeavour", "endeavor") \
                    and not is_future(tok.head):
                continue
            repair = lemma in lex["repair_verbs"] or (
                lemma in lex["repair_carrier_verbs"] and words & lex["repair_carrier_objects"]
                and not words & {"wrong", "incorrect", "twice"}
                # "charges of £57.30 were added to your bill" is the failure, not a repair
                and not (lemma in ("add", "apply", "put") and words & {"charge", "charges", "fee", "fees"}
                         and not words & {"refund", "credit", "voucher", "discount"})
            )
            # "no partial refund can be offered": the repair is refused
            if repair and subj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
                repair = False
            # "We recently moved to a new revenues system": moving nothing of the customer's
            if repair and lemma == "move" and not any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in tok.children) \
                    and not (subj is not None and subj.dep_ == "nsubjpass"):
                repair = False
            # "bookings are dropped when a class is rescheduled": how things work, not a repair made
            if repair and _general_when(tok):
                repair = False
            # "a letter intended for you was sent to another patient's address": the carrier verb is the failure
            if repair and lemma not in lex["repair_verbs"] and tok.i in failure_ids:
                repair = False
            if repair and not _repair_for_customer(draft, tok, subj, failure_ids):
                repair = False
            if repair:
                first = is_first_person(subj) or has_first_person_agent(tok)
                passive = subj is not None and subj.dep_ == "nsubjpass"
                imperative_you = subj is None and tok.dep_ == "ROOT" and tok.tag_ == "VB"
                if first or passive or (subj is not None and subj.lower_ in ("this", "that", "it", "which")):
                    ev.append(clause_span(tok))
                elif imperative_you:
                    continue
            # "you'll receive a full refund", "you will see the credit"
            if lemma in ("receive", "get", "see", "have") and subject_of(tok) is not None \
                    and subject_of(tok).lower_ == "you" and is_future(tok):
                if any(c.dep_ == "dobj" and (c.lemma_.lower() in lex["repair_nouns"] or
                                             set(t.lemma_.lower() for t in c.subtree) & lex["repair_nouns"])
                       for c in tok.children):
                    ev.append(clause_span(tok))
            # "I've added it now", "I've moved your class to 7pm", "I'll bring you a parking
            # validation": a first-person action, done (present perfect) or promised (will), that is
            # not itself the failure and not just talk or looking into it.
            # "I've deleted the duplicate and cleared the strike": undoing what the failure left behind,
            # even with a verb that is a failure elsewhere ("we deleted your account")
            undoes = lemma in UNDOING_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in FAILURE_LEFTOVERS
                                                    for c in tok.children)
            # ("I've confirmed it with our engineering team" checks a fact with someone; it mends nothing)
            confirmed_with = lemma == "confirm" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
            if is_first_person(subj) and subj.dep_ == "nsubj" and lemma not in lex["non_repair_verbs"] and not confirmed_with \
                    and lemma not in lex["weak_repair_verbs"] and (tok.i not in failure_ids or undoes) and not is_hypothetical(tok):
                # (a second verb shares the first one's "have": "I've deleted X and cleared Y")
                perfect = tok.tag_ in ("VBN", "VBD") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children) or (
                    tok.tag_ in ("VBN", "VBD") and tok.dep_ == "conj"
                    and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.head.children))
                # ("I have arranged for a vehicle to collect on Friday": the repair hangs as an advcl)
                # ("Our surveyor will attend to inspect the remaining units": a look, not yet a repair)
                looks = any(c.dep_ == "xcomp" and c.lemma_.lower() in lex["weak_repair_verbs"] | LOOKING_VERBS for c in tok.children)
                if (perfect or is_future(tok)) and not looks and lemma not in LOOKING_VERBS and any(c.dep_ in ("dobj", "prt", "dative", "prep", "ccomp", "xcomp")
                                                       or c.dep_ == "advcl" and lemma in ("arrange", "organise", "organize")
                                                       for c in tok.children) \
                        and _repair_for_customer(draft, tok, subj, failure_ids):
                    ev.append(clause_span(tok))
            if lemma in lex["weak_repair_verbs"] and (is_first_person(subj) or (subj is None and tok.tag_ == "VB")):
                # "I've just emailed you a corrected letter": the message carries the repair
                if is_first_person(subj) and any(c.dep_ == "dobj" and any(m.dep_ in ("amod", "compound") and m.lower_ in MENDED_THINGS
                                                                        for m in c.children) for c in tok.children) \
                        and not is_hypothetical(tok) and _repair_for_customer(draft, tok, subj, failure_ids):
                    ev.append(clause_span(tok))
                else:
                    weak.append(clause_span(tok))
        elif lemma in lex["repair_nouns"] and tok.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT", "dobj"):
            # "a refund of £42 is on its way", "here is a £10 voucher", "your replacement ships today"
            head = tok.head
            if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex["failure_verbs"]:
                continue  # "the refund failed" is not a repair
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                continue  # "no partial refund can be offered"
            if tok.dep_ == "dobj" and not (is_first_person(subject_of(head)) or head.lemma_ in ("receive", "get", "accept")):
                continue
            if head.pos_ in ("VERB", "AUX") and not _repair_for_customer(draft, head, subject_of(head), failure_ids):
                continue  # "a redelivery can be arranged for a fee of £79"
            if not is_negated(head) and not is_hypothetical(tok) and any(
                    t.lower_ in ("our", "your", "a", "an", "the", "full", "partial") or t.like_num or draft.mention_label(t) == "MONEY"
                    for t in tok.subtree):
                ev.append(span_of(tok, list(tok.subtree)))
    return ev, weak


REQUIRED_OF_CUSTOMER = {"customer", "resident", "member", "passenger", "user", "tenant", "patient", "policyholder",
                        "holder", "guest", "client", "parent", "student", "driver"}
FIXED_FAULTS = {"bug", "configuration", "config", "setting", "settings", "error", "issue", "problem", "fault", "glitch",
                "link", "page", "date", "address", "record", "records"}
AREA_WORDS = {"area", "region", "street", "postcode", "town", "city", "neighbourhood", "neighborhood", "building",
              "estate", "road", "district", "village"}
# The customer's own records: a change made there mends their case, it changes nothing for others.
CUSTOMER_RECORDS = {"account", "record", "file", "order", "booking", "bill", "profile", "policy", "plan", "card",
                    "reservation", "claim", "subscription", "membership", "details"}
# What we tell people through, not how we work: "we will update this page".
NEWS_OBJECTS = {"post", "thread", "ticket", "case", "status", "blog", "feed", "customer", "everyone"}
# Verbs that name a change only once it is done: looking again is not yet changing anything.
PROMISSORY_CHANGE_VERBS = {"review", "audit", "improve"}


def _prevention(draft) -> list[tuple[int, int]]:
    lex = lexicon()
    ev = []
    low = draft.text_lower
    for start, end in phrase_hits(low, lex["prevention_phrases"]):
        if not draft.prepared.in_quoted(start, end):
            span = draft.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not any(t.dep_ == "neg" for t in span.root.head.children if t.i < span.start):
                ev.append((start, end))
    for start, end in phrase_hits(low, lex["prevention_time_phrases"]):
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not draft.prepared.in_quoted(start, end) and _changes_how_we_work(span):
            ev.append((start, end))
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lex["prevention_verbs"]:
            continue
        if is_negated(tok):
            continue
        # "we are reviewing our processes" promises a look, not a change; "we've reviewed every
        # rota and added a second check" reports one
        if tok.lemma_.lower() in PROMISSORY_CHANGE_VERBS and not (
                tok.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)):
            continue
        subj = subject_of(tok)
        if subj is None and tok.dep_ == "ROOT":
            # "We've fixed the renewal job, added an alert ...": spaCy hangs the first verb (and its
            # subject) under the second as a ccomp
            subj = next((subject_of(c) for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
        if not (is_first_person(subj) or (subj is not None and subj.dep_ == "nsubjpass")):
            continue
        if subj.dep_ == "nsubjpass" and (subj.lower_ == "you" or subj.lemma_.lower() in REQUIRED_OF_CUSTOMER):
            continue  # "residents are required to display a renewed permit": a rule for them, not a change of ours
        if subj.dep_ == "nsubjpass" and tok.lemma_.lower() in ("fix", "correct", "patch", "resolve") \
                and subj.lemma_.lower() in FIXED_FAULTS and not any(t.lower_ in ("so", "longer", "again", "future")
                                                                   for t in tok.sent if t.i > tok.i):
            continue  # "the configuration has been corrected" mends this fault (guide rule 9: resolution)
        if subj.dep_ == "nsubjpass" and not is_first_person(subj):
            subj = None
        if subj is None and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in tok.children) \
                and any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "it has been established that your account was passed on in error" reports a finding
        # a fronted phrase ("Following a review, ...") sets the scene; it is not what was changed
        # ("I moved the class without checking the list": an omission told, not a check added)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "prt", "dative", "attr")
                   or c.dep_ == "prep" and c.i > tok.i and c.lower_ != "without"]
        words = set()
        for obj in objects:
            words |= {t.lemma_.lower() for t in obj.subtree}
        if words & lex["prevention_nouns"]:
            ev.append(clause_span(tok))
            continue
        # "We've changed checkout so a resent request is matched", "we've switched that form to a
        # calendar picker": a change to how we work, not to the customer's things ("your address").
        dobj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if dobj is None or dobj.pos_ == "PRON" or subj is None or subj.dep_ == "nsubjpass" and not is_first_person(subj):
            continue
        # "We've added a £15 credit to each account" is compensation, not a change in how we work;
        # "we will update this page" is news, "our manager has reviewed the CCTV" a look back
        if dobj.lemma_.lower() in lex["repair_nouns"] | NEWS_OBJECTS or any(draft.mention_label(t) == "MONEY" for t in dobj.subtree):
            continue
        if tok.lemma_.lower() in PROMISSORY_CHANGE_VERBS or tok.lemma_.lower() == "update" and dobj.lemma_.lower() == "page":
            continue  # ("we will update this page by 18:00": news; "we've changed the booking page" is a change)
        # the change is to the customer's own things ("we've changed your address", "moved you to a
        # new plan"), not to how we serve an area ("moved all deliveries in your region to our own team")
        areas = {t.i for o in dobj.subtree if o.dep_ == "pobj" and o.lemma_.lower() in AREA_WORDS for t in o.subtree}
        mine = {t.lower_ for t in dobj.subtree if t.i not in areas}
        if mine & {"your", "you", "yours"} or any(c.dep_ == "dative" and c.lower_ == "you" for c in tok.children) \
                or dobj.lower_ in ("you", "yours") or any(
                    c.dep_ == "prep" and any(o.lemma_.lower() in CUSTOMER_RECORDS and any(g.lower_ == "your" for g in o.children)
                                             for o in c.children) for c in tok.children):
            continue  # ("I've updated the address on your account")
        has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
        if has_perfect or is_future(tok):
            ev.append(clause_span(tok))
    # "I've had our call screens changed so advisers see the customer's own excess": a change we had made
    for tok in draft.own_tokens():
        if tok.tag_ in ("VBN", "VBD") and tok.lemma_.lower() in lex["prevention_verbs"] and tok.dep_ in ("ccomp", "xcomp") \
                and tok.head.lemma_ in ("have", "get") and is_first_person(subject_of(tok.head)) \
                and is_ours(subject_of(tok)) and not is_negated(tok.head):
            ev.append(span_of(tok.head, [tok.head, tok]))
    ev += _standing_change(draft)
    ev += _change_so_it_cannot_recur(draft)
    return ev


def _change_so_it_cannot_recur(draft) -> list[tuple[int, int]]:
    """A change told in the present with its result "so" the failure cannot recur: "a restarted
    payment run locks until a second member of staff has confirmed the list, so a half-finished run
    can't double up again"; "they sit at opposite ends of the aisle, so the same slip is much harder
    to make". The change is the main clause (present or perfect, not a promise: "It won't happen
    again" alone is overpromising's, and needs a change behind it)."""
    ev = []
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or not _so_clause(tok):
            continue
        words = clause_words(tok)
        recur = (is_negated(tok) or "no" in words) and words & {"again", "longer", "twice"} \
            or words & {"harder", "impossible"} or "less" in words and "likely" in words
        change = tok.head if tok.dep_ in ("advcl", "conj", "ccomp") else None
        if change is None:
            # spaCy may hang the change under its result: "The screen now shows ..., so the same slip is harder"
            change = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
        if not recur or change is None or change.i > tok.i or is_hypothetical(change) or is_negated(change):
            continue
        if change.lemma_.lower() in lexicon()["repair_verbs"] or _is_customer(subject_of(tok)):
            continue  # "I've refunded you, so you won't be charged twice": the repair of this case
        present = change.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lemma_ == "have" for c in change.children) \
            or any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in change.children)
        if present and not is_future(change) and not _is_customer(subject_of(change)) and subject_of(change) is not None:
            ev.append(span_of(change, [change, tok]))
    return ev


# A wish about the customer's future custom is no change in how we work ("we hope to welcome you
# back in the future").
WISH_VERBS = {"hope", "wish", "look", "welcome", "love", "trust", "want"}


def _changes_how_we_work(span) -> bool:
    """Does a time frame or "no longer" sit in a clause about how we work from now on? "From now on
    every locker update runs at one site first", "so restarting it can no longer repeat a charge",
    "we no longer install updates on Fridays"; not "please check your address in future", "if you
    can no longer come", "a menu that no longer exists", "you won't have any more issues going
    forward"."""
    no_longer = "no longer" in span.text.lower()
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    # spaCy sometimes reads the verb after a noun subject as a noun ("reception phones each patient")
    misread = verb.dep_ == "ROOT" and any(c.dep_ in ("dobj", "appos") or c.dep_ == "conj" and c.pos_ == "VERB"
                                          for c in verb.children)
    if verb.pos_ not in ("VERB", "AUX") and not misread or verb.dep_ == "relcl" or is_hypothetical(verb):
        return False
    # "To avoid this in future, please make sure roaming is off": the purpose belongs to the instruction
    while verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VB" and verb.head.i != verb.i:
        verb = verb.head
    # "I've cancelled his policy from today" dates a one-off action; a change is a habit from now on
    # (a perfect is let through with "no longer": "we have no longer ..." is rare, but the past never is)
    # (a verb spelled as its base form is no past tense, whatever the tagger says: "From this week our
    # pickers scan the barcode")
    past = verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower()
    if past or (any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and not no_longer):
        return False
    subj = subject_of(verb)
    if verb.lemma_.lower() in WISH_VERBS or subj is None and verb.tag_ == "VB" \
            and not any(c.dep_ == "aux" for c in verb.children):
        return False  # a wish, or an instruction to the reader
    if subj is not None and any(t.lower_ in ("you", "your", "yours") for t in subj.subtree):
        return False
    if no_longer:
        # the change itself, or what it now rules out: "we no longer ...", "so it can no longer ..."
        # ("so seats F7-F8 are no longer held" after "your booking got cancelled" is the failure's result)
        result_of_change = any(c.lower_ == "so" and c.i < verb.i
                               for node in (verb, verb.head, verb.head.head) for c in node.children) \
            and any(is_first_person(subject_of(node)) or is_ours(subject_of(node)) for node in (verb.head, verb.head.head))
        return is_first_person(subj) or is_ours(subj) or result_of_change
    return True


# Verbs that, with "now", report the customer's own thing working again ("the app now loads",
# "your bill now shows £0.00"): resolution, not a change in how we work.
NOW_STATE_VERBS = {"be", "have", "work", "show", "appear", "load", "open", "display", "function", "look", "read",
                   "reflect", "say", "stand", "sit", "remain", "run",
                   # "service is now restored" says the failure is over (resolution)
                   "restore", "resolve", "fix", "reconnect", "repair", "return", "clear"}


FORECAST_VERBS = {"expect", "anticipate", "estimate", "hope", "plan", "aim", "think", "believe"}


def _standing_change(draft) -> list[tuple[int, int]]:
    """How we work from now on, stated as a present-tense habit marked by "now": "we now check the
    port number before any disconnection", "every change is now tested before it goes live",
    "any claim nobody opens within 48 hours now alerts a team leader", "our planners now send a
    text whenever an engineer is moved"."""
    lex = lexicon()
    ev = []
    for tok in draft.own_tokens():
        now = any(c.dep_ == "advmod" and c.lower_ == "now" for c in tok.children)
        # spaCy sometimes tags the verb after "our team now" as a noun ("prints") or a bare VB ("scan")
        misread = tok.dep_ == "ROOT" and tok.tag_ in ("NNS", "VB") and any(c.dep_ == "nsubj" for c in tok.children) \
            and not any(c.dep_ == "aux" for c in tok.children)
        if tok.pos_ != "VERB" and not (misread and now):
            continue
        # "we have fixed the fault and now run a nightly check": the second verb is tagged VB
        shared_subject = tok.tag_ == "VB" and tok.dep_ == "conj" and is_first_person(subject_of(tok)) \
            and not any(c.dep_ == "aux" for c in tok.children)
        present = tok.tag_ in ("VBZ", "VBP") or misread or shared_subject or (
            tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'s", "'re") for c in tok.children))
        # "valves may now only be reopened by a supervisor", "we're now asking the courier for photo proof"
        ruled = any(c.dep_ == "aux" and c.lower_ in ("may", "must") for c in tok.children) \
            or (tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("are", "'re", "is", "am", "'m") for c in tok.children)
                and is_first_person(subject_of(tok)))  # not "services are now operating normally"
        if not (present or ruled) or not now:
            continue
        if is_negated(tok) or is_hypothetical(tok) or tok.lemma_.lower() in FORECAST_VERBS:
            continue  # "we now expect the slabs in two weeks" forecasts; it changes nothing
        subj = subject_of(tok)
        if subj is not None and (subj.tag_ in ("WP", "WDT") or any(t.lower_ in ("you", "your", "yours") for t in subj.subtree)
                                 or subj.lower_ in ("it", "this", "that", "everything", "all") and tok.tag_ == "VBN"):
            continue  # "What happens now:", "your bill now shows", "it's all sorted now", "it's now booked in"
        # "our advice screen now shows each customer's exit rights" is a change; "the page now loads" is
        # not; "every change now has to pass a test", "freezes now appear on a daily report the manager
        # checks" are (an obligation, or a check named in the clause)
        if tok.lemma_.lower() in NOW_STATE_VERBS and not (is_ours(subj) or is_first_person(subj)) \
                and not (tok.lemma_.lower() == "have" and any(c.dep_ == "xcomp" for c in tok.children)) \
                and not {t.lemma_.lower() for t in tok.subtree} & (lex["prevention_nouns"] - {"system", "setting"}):
            continue
        ev.append(clause_span(tok))
    return ev


def _empathy(draft) -> list[tuple[int, int]]:
    lex = lexicon()
    ev = []
    # "Sorry you were upset", "we apologise for any frustration", "sorry should this have caused you
    # any stress": a feeling apologised for conditionally or as the customer's own is not empathy
    # (sorry-you-feel / conditional-apology; corpus guide rule 3).
    feelings_apologised_for = []
    for apology in draft.apologies:
        obj = apology.object
        if obj is None:
            continue
        if apology.conditional is not None:
            feelings_apologised_for.append((obj.start, obj.end))
            continue
        for tok in obj:
            if tok.lemma_.lower() not in lex["emotion_words"] and tok.lower_ not in lex["emotion_words"]:
                continue
            feeler = subject_of(tok.head if tok.dep_ in ("acomp", "attr") else tok)
            own_feeling = tok.pos_ in ("ADJ", "VERB") and feeler is not None and feeler.lower_ == "you"
            any_feeling = tok.pos_ == "NOUN" and any(c.lower_ in ("any", "your") for c in tok.children)
            if own_feeling or any_feeling:
                feelings_apologised_for.append((tok.i, tok.i + 1))
    for apology in draft.apologies:
        if apology.kind == "sympathy":
            ev.append((apology.start, apology.end))
        elif apology.kind == "apology" and apology.conditional is None and apology.object is not None and any(
                t.lemma_.lower() in DISRUPTED_TIME and any(c.dep_ == "poss" and c.lower_ == "your" for c in t.children)
                and t.dep_ == "dobj" and t.head.pos_ == "VERB" and t.head.lemma_.lower() not in ("cause", "feel", "have")
                for t in apology.object):
            # "Sorry for messing up your week", "sorry we spoiled your evening": what it did to their time
            ev.append((apology.object.start_char, apology.object.end_char))
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lex["empathy_verbs"] and is_first_person(subject_of(tok)) \
                and not is_negated(tok):
            # "I know you were counting on it", "I understand this is stressful"; not "we have
            # reviewed your account and can see that charges were added".
            # "see", "appreciate", "hear" need a feeling in what follows ("I can see how stressful");
            # "know", "understand" also take the customer's situation ("I know twenty minutes is a
            # big bite out of a lunch break").
            # ("I know an unexpected bill after a holiday is the last thing you want": spaCy may hang
            # the clause as an advcl)
            clause_deps = ("ccomp", "xcomp", "advcl") if lemma in ("know", "understand") else ("ccomp", "xcomp")
            comps = [c for c in tok.children if c.dep_ in clause_deps and (
                lemma not in ("see", "appreciate", "hear", "get", "recognise", "recognize") or
                {w.lemma_.lower() for w in c.subtree} & lex["emotion_words"])]
            hows = [c for c in tok.subtree if c.lower_ in ("how", "why")]
            objs = [c for c in tok.children if c.dep_ == "dobj" and
                    {t.lemma_.lower() for t in c.subtree} & lex["emotion_words"]]
            if comps or hows or objs:
                ev.append(span_of(tok, [tok] + ([subject_of(tok)] if subject_of(tok) is not None else [])))
        if lemma in lex["emotion_words"] or tok.lower_ in lex["emotion_words"]:
            if any(s <= tok.i < e for s, e in feelings_apologised_for):
                continue
            if tok.pos_ == "NOUN" and any(c.lower_ == "any" for c in tok.children):
                continue  # "sorry should this have caused you any stress": a hedge, not empathy
            if tok.pos_ in ("ADJ", "NOUN", "VERB") and not is_negated(tok.head) and not is_hypothetical(tok):
                # Emotion about the situation or the customer, not "we are frustrated with you".
                subj = subject_of(tok.head) if tok.dep_ in ("acomp", "attr") else None
                if subj is None or subj.lower_ not in ("we", "i"):
                    ev.append(span_of(tok))
    low = draft.text_lower
    ev += [h for h in phrase_hits(low, lex["empathy_phrases"]) if not draft.prepared.in_quoted(*h)]
    return ev


# The customer's time or plans, named in an apology as what the failure spoiled.
DISRUPTED_TIME = {"week", "weekend", "day", "evening", "morning", "afternoon", "night", "plans", "plan", "trip",
                  "holiday", "birthday", "anniversary", "celebration", "journey", "lunch", "dinner", "party", "wedding"}


# "you were locked out", "you were left without heating"; not "you were charged twice" (that is
# the failure itself, not what it did to the customer).
PASSIVE_IMPACT_VERBS = {"ban", "strand", "disconnect", "cut", "bump", "move", "transfer", "lock", "leave", "keep",
                        "turn", "refuse", "deny", "block", "suspend", "hold", "stick", "trap"}
SITUATION_VERBS = {"know", "understand", "imagine", "realise", "realize", "recognise", "recognize"}
TRYING_VERBS = {"try", "hope", "plan", "rely", "count", "expect", "wait", "work", "travel", "prepare", "rush"}
# "you've been waiting" (a wait is the failure itself), "the issue you've been having", "you've been in touch"
NOT_AN_ORDEAL = {"wait", "have", "experience", "see", "get", "receive", "contact", "call", "email", "use", "try"}
# What the customer went through, said plainly: "you waited nine more days", "you missed your
# flight", "you spent four hours with your knees against the seat" (not "you cancelled", "you paid").
CONSEQUENCE_VERBS = {"wait", "miss", "lose", "spend", "waste", "travel", "drive", "sit", "stand", "queue", "chase",
                     "borrow", "redo", "rearrange", "walk", "go", "take", "watch", "come", "rush", "wheel", "work",
                     "answer"}
# What the customer's people lost: "some of you lost sales", "your finance team spent the morning"
LOSS_VERBS = {"lose", "miss", "spend", "waste", "wait", "answer", "work"}


CUSTOMER_PEOPLE = {"team", "customer", "staff", "family", "business", "salon", "shop", "client", "child", "kid",
                   "daughter", "son", "guest", "colleague", "employee", "patient", "member", "user", "mum", "dad",
                   "partner", "wife", "husband", "friend", "parent", "student", "company", "organisation", "store"}
MODALS = {"should", "can", "could", "may", "might", "would", "must", "will", "'ll", "wo"}


def _is_customer(subj: Token | None) -> bool:
    """you, your team, many/some of you, your customers: the customer's side as a subject."""
    if subj is None:
        return False
    if subj.lower_ == "you":
        return True
    if any(c.dep_ == "poss" and c.lower_ == "your" for c in subj.children):
        return subj.lemma_.lower() in CUSTOMER_PEOPLE  # "your team", not "your payment"
    return subj.lower_ in ("many", "some", "most", "all", "those", "several", "few") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "you" for g in c.children) for c in subj.children)


LOST_TIME = {"loss", "day", "evening", "morning", "night", "trip", "afternoon", "week"}


def _consequence_for_customer(tok: Token) -> bool:
    """What the failure did, told as its consequence: "so you'd have been standing outside for an
    hour", "so your salon lost a whole morning of appointments", "so it won't fit your phone",
    "for many of you that meant a lost evening of work", "twenty hours without broadband meant lost
    work", "I'm sorry it blocked your top-up twice tonight"."""
    lemma = tok.lemma_.lower()
    if is_hypothetical(tok):
        return False
    # "That meant turning customers away during the lunch rush", "that meant a lost evening": what
    # the failure meant, told with "that"/"this"/"it" as its subject
    if lemma == "mean" and tok.tag_ == "VBD" and not is_negated(tok) and (subj := subject_of(tok)) is not None \
            and subj.lower_ in ("that", "this", "it", "which") and any(
                c.dep_ in ("xcomp", "ccomp", "dobj") and (c.tag_ == "VBG" or c.lemma_.lower() in LOST_TIME)
                for c in tok.children):
        return True
    if lemma == "mean" and tok.tag_ in ("VBD", "VBZ", "VBN") and tok.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl") \
            and not is_negated(tok) and not is_first_person(subject_of(tok)):
        # what it meant for the customer ("for many of you that meant a lost evening of work", "which
        # meant you waited"), not a restatement ("the glitch meant some of your budgets were visible")
        meant = [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        for_you = any(c.dep_ == "prep" and c.lower_ == "for" and any(t.lower_ == "you" for t in c.subtree)
                      for c in tok.children)
        return for_you or any(_is_customer(subject_of(c)) for c in meant if c.pos_ in ("VERB", "AUX")) or any(
            t.lemma_.lower() in ("lose", "lost", "miss", "without", "waste", "no") for c in meant for t in c.subtree)
    # (after "which is why" only a penalty that landed on them counts, and that is
    # _penalty_on_customer's: "that's why you didn't get a reminder" is no impact)
    if not _so_clause(tok) or (is_future(tok) and not is_negated(tok)):
        return False
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children) and not is_negated(tok):
        return False  # "so you should be good to go" is reassurance
    subj = subject_of(tok)
    if any(c.dep_ == "acomp" and c.lower_ in ("liable", "responsible", "welcome", "entitled", "eligible") for c in tok.children):
        return False  # "so you are liable for it under clause 7" is blame, not what it did to you
    if _is_customer(subj):
        return True
    return any(c.dep_ in ("dobj", "dative", "pobj", "prep") and any(t.lower_ in ("you", "your") for t in c.subtree)
               for c in tok.children) and not is_first_person(subj)


def _penalty_on_customer(tok: Token) -> bool:
    """A penalty the failure landed on them, told as its result: "so we fined you £1.20 for a book
    you'd returned on time", "which is why the desk turned you away" (not "so I've refunded you")."""
    if tok.lemma_.lower() not in PENALTY_VERBS or tok.tag_ not in ("VBD", "VBN") or is_hypothetical(tok) or is_negated(tok):
        return False
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return False
    return (_so_clause(tok) or reason_copula(tok) is not None) and any(
        c.dep_ in ("dobj", "dative") and c.lower_ == "you" for c in tok.children)


# What lands on the customer as a penalty when we get it wrong: "so we fined you", "turned you away".
PENALTY_VERBS = {"fine", "charge", "bill", "penalise", "penalize", "turn", "refuse", "ban", "block", "bar", "suspend",
                 "chase", "threaten"}


def _so_clause(verb: Token) -> bool:
    """Is the verb's clause introduced by "so" (its result: "..., so we fined you £1.20")?"""
    return any(c.lower_ == "so" and c.dep_ in ("advmod", "mark", "cc") and c.i < verb.i for c in verb.children)


def reason_copula(verb: Token) -> Token | None:
    """For the clause after "which is why" / "that's why" ("..., which is why the desk turned you
    away"), the "is" it hangs on; None for any other verb. blame-shifting reads the clause before it
    as the reason (named_checks._called_the_reason), impact reads this one as the result."""
    be = verb.head
    if verb.dep_ == "ccomp" and be.lemma_ == "be" and not is_negated(be) and any(
            c.dep_ == "advmod" and c.lower_ == "why" for c in verb.children) and any(
            c.dep_ == "nsubj" and c.lower_ in ("which", "that", "this") for c in be.children):
        return be
    return None


# What a failure, referred back to ("it", "this", "that"), went on to do to the customer:
# "I'm sorry it had your team rushing a migration", "it ate into your week's budget", "it left your
# bin sitting full", "this affected the start of your day"; and the apology for doing it: "sorry for
# sending you round in circles", "sorry for messing up your week".
EFFECT_VERBS = {"block", "eat", "affect", "disrupt", "ruin", "spoil", "mess", "wreck", "derail", "hold", "have",
                "send", "leave", "keep", "cost", "make", "put", "force", "stop", "prevent", "strand", "throw",
                "set", "land", "catch", "hit", "drag", "push"}
ANAPHORIC_FAILURES = {"it", "this", "that"}
# Arrivals and what they were landed with: "you turned up only to find it cancelled", "you got a ticket"
EFFECT_ON_ARRIVAL = {"turn", "show", "end", "get", "receive"}
# The customer's state when it happened: "when you had calls to make", "when many of you were
# working to tight deadlines", "after you'd already bought train tickets"; not what they did to reach
# us ("when you called on Monday, we...") or where they were ("while you were abroad").
CONTACT_VERBS = {"call", "contact", "email", "ring", "phone", "ask", "tell", "write", "reach", "report", "message",
                 "chat", "speak", "talk", "query", "raise", "complain", "reply", "respond", "get", "let"}
SITUATION_STATES = {"have", "need", "expect", "plan", "rely", "count", "depend"}
# What the customer was landed with: "which is why you got a ticket on Monday", "you received a £70 fine"
PENALTIES = {"ticket", "fine", "penalty", "summons", "surcharge", "fee", "charge"}


def _effect_on_customer(tok: Token) -> bool:
    """What the failure did to the customer, said as an effect, an arrival or their state at the time
    (see EFFECT_VERBS, CONTACT_VERBS, PENALTIES above). "you turned up only to find it cancelled",
    "some of you turned up to meetings that had been moved", "you ended up in 27E at the back"."""
    lemma = tok.lemma_.lower()
    # (cheap word tests first: every reading below needs one of these, and the tree walks are not free)
    if tok.pos_ not in ("VERB", "AUX") or not (lemma in EFFECT_VERBS or lemma in EFFECT_ON_ARRIVAL
                                               or tok.dep_ in ("advcl", "relcl")):
        return False
    if is_hypothetical(tok) or is_negated(tok) or is_future(tok):
        return False
    subj = subject_of(tok)
    past = tok.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)
    yours = lemma in EFFECT_VERBS and any(t.lower_ in ("you", "your") for c in tok.children
                                          if c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "npadvmod", "dative", "oprd")
                                          for t in c.subtree)
    if lemma in EFFECT_VERBS and past and yours and subj is not None and subj.lower_ in ANAPHORIC_FAILURES \
            and subj.dep_ == "nsubj" and not any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True  # not "this is set out in...", "it was left", "any impact this may have had on your business"
    if lemma in ("send", "mess", "ruin", "spoil", "wreck", "derail", "disrupt") and tok.tag_ == "VBG" \
            and tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lower_ in ("sorry", "apologise",
                                                                                            "apologize", "apologies") \
            and yours and (lemma != "send" or any(c.dep_ == "dobj" and c.lower_ == "you" for c in tok.children)):
        return True  # not "thank you for sending the photos of your table"
    if not _is_customer(subj) or (not past and tok.tag_ != "VBG"):
        return False
    particle = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if lemma in ("turn", "show", "end") and "up" in particle:
        return True
    if lemma in ("get", "receive") and any(c.dep_ == "dobj" and c.lemma_.lower() in PENALTIES for c in tok.children):
        return True
    when = {c.lower_ for c in tok.children if c.dep_ in ("advmod", "mark")}
    if tok.dep_ in ("advcl", "relcl") and lemma not in CONTACT_VERBS and (
            "when" in when or "while" in when) and (
            lemma in SITUATION_STATES or tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_.lower() == "be"
                                                                  for c in tok.children)):
        return True
    # ("after you'd already bought train tickets", "especially as you'd already booked a hotel")
    return tok.dep_ == "advcl" and bool(when & {"after", "as", "since"}) and "already" in when and lemma not in CONTACT_VERBS


# What fails, rather than what the failure disrupts: "the interruption to your supply".
FAILED_SERVICES = {"service", "supply", "connection", "account", "line", "broadband", "power", "water", "internet",
                   "signal", "network", "access", "order", "delivery", "booking"}


def _to_something_of_yours(noun: Token) -> bool:
    """"the disruption to your morning", "the interruption to your shopping": the definite harm to a
    named thing of theirs (not "any disruption to your business", the hedge)."""
    doc = noun.doc
    # (spaCy may hang "to your morning" on "sorry" rather than on the noun, so the words are read;
    # "the interruption to your supply" restates the failure, it says nothing of what it did)
    if not (any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and noun.i + 3 < len(doc)
            and doc[noun.i + 1].lower_ == "to" and doc[noun.i + 2].lower_ == "your"):
        return False
    thing = next((t for t in doc[noun.i + 3:noun.i + 6] if t.pos_ in ("NOUN", "PROPN")), None)
    return thing is not None and thing.lemma_.lower() not in FAILED_SERVICES


IMPACT_FEELINGS = {"unfair", "miserable", "horrible", "terrible", "end", "shock", "nightmare", "blow", "waste"}


def _feeling_clause(clause: Token, lex) -> bool:
    """Does the clause say how something felt ("... must have been alarming", "... felt unfair")?
    Not "losing a guest's laundry is extremely rare"."""
    words = lex["emotion_words"] | IMPACT_FEELINGS
    return any(c.dep_ in ("acomp", "attr") and (c.lemma_.lower() in words or c.lower_ in words)
               for c in clause.children)


def _customer_situation(clause: Token) -> bool:
    """Does a clause describe what the customer went through? "you were hungry and waiting",
    "your team relies on those archives", "being locked out in the middle of the season felt unfair"."""
    for t in clause.subtree:
        if t.lower_ in ("you", "your") and not (t.lower_ == "you" and t.head.lower_ == "thank"):
            return True
        if t.tag_ == "VBG" and t.dep_ in ("csubj", "nsubj", "csubjpass"):
            return True
    return False


def _impact(draft) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """What the failure did to the customer, and (second) the part of it told as a bare outcome that
    labellers count as impact but not as empathy: a penalty that landed on them ("so we fined you
    £1.20", "which is why the desk turned you away") and "the disruption to your morning"."""
    lex = lexicon()
    ev, outcome = [], []
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX"):
            if tok.lower_ in ("disruption", "interruption") and _to_something_of_yours(tok):
                outcome.append(span_of(tok, list(tok.subtree)))  # "Sorry for the disruption to your morning"
            continue
        lemma = tok.lemma_.lower()
        subj = subject_of(tok)
        asserted = not (is_hypothetical(tok) or is_negated(tok))
        # "I know your team relies on those archives for audits", "I know you were counting on it"
        if asserted and lemma in SITUATION_VERBS and is_first_person(subj) and any(
                c.dep_ == "ccomp" and _customer_situation(c) for c in tok.children):
            ev.append(clause_span(tok))
        # "finding them gone on a Monday morning must have been alarming", "being sent on to another
        # hotel at check-in is exhausting": the customer's experience, as the subject of a feeling
        elif asserted and lemma in ("be", "feel", "make") and any(c.dep_ in ("csubj", "csubjpass") and c.tag_ == "VBG"
                                                                  for c in tok.children) and _feeling_clause(tok, lex):
            ev.append(clause_span(tok))
        # "you were charged roaming rates", "you were locked out of your calendar", "you were left without"
        elif asserted and (subj is not None and subj.lower_ == "you" and subj.dep_ == "nsubjpass" or _is_customer(subj)
                           and any(c.dep_ == "auxpass" for c in tok.children)) and not is_future(tok) \
                and (lemma in PASSIVE_IMPACT_VERBS or lemma in lex["failure_verbs"]):
            ev.append(clause_span(tok))  # (also "some of you were left without credit")
        elif asserted and _is_customer(subj) and tok.tag_ == "VBG" and (lemma in TRYING_VERBS and any(
                c.dep_ == "aux" and c.lower_ in ("was", "were") for c in tok.children) or {"have", "been"} <= {
                c.lemma_.lower() if c.lemma_ == "have" else c.lower_ for c in tok.children if c.dep_ == "aux"}
                and lemma not in NOT_AN_ORDEAL):
            # what they were in the middle of ("many of you were trying to rebook"), or have had to do
            # since ("you've been boiling water in a pan")
            ev.append(clause_span(tok))
        if _penalty_on_customer(tok):
            outcome.append(clause_span(tok))
        elif _consequence_for_customer(tok) or _effect_on_customer(tok):
            ev.append(clause_span(tok))
        elif (subj is not None and subj.lower_ == "you" or _is_customer(subj) and (lemma in LOSS_VERBS or subj.lower_ != "you")) \
                and (lemma in CONSEQUENCE_VERBS or lemma == "give" and any(c.lower_ == "up" for c in tok.children)) \
                and not is_future(tok) and tok.dep_ != "relcl" \
                and not is_hypothetical(tok) and tok.tag_ in ("VBD", "VBN") or (
                subj is not None and subj.lower_ == "you" and lemma in lex["impact_verbs"] and
                any(c.lower_ in ("could", "couldn't", "had") for c in tok.children) and not is_hypothetical(tok)):
            ev.append(clause_span(tok))
        if lemma in lex["impact_objects_you_verbs"] and any(
                c.dep_ in ("dobj", "dative", "nsubj") and c.lower_ == "you" for c in tok.children) \
                and tok.tag_ in ("VBD", "VBN", "VBZ", "VBG") and not is_hypothetical(tok) \
                and not any(c.lower_ in ("may", "might", "should", "could") for c in tok.children) \
                and "any" not in clause_words(tok):  # "should this have caused you any stress" is a hedge
            ev.append(clause_span(tok))
    low = draft.text_lower
    for start, end in phrase_hits(low, lex["impact_phrases"]):
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None or draft.prepared.in_quoted(start, end):
            continue
        sent = span.sent
        if not any(t.lower_ in ("you", "your", "nobody", "everyone", "anyone") for t in sent) \
                or any(is_hypothetical(t) for t in span):
            continue
        # "couldn't", "unable to", "had to": the customer must be the one who could not ("we're
        # unable to issue refunds directly" is a refusal, not an impact).
        if span[0].lower_ in ("couldn't", "could", "weren't", "were", "unable", "had") and span[0].i > 0 \
                and span[0].nbor(-1).lower_ not in ("nobody", "one"):
            before = [t for t in sent if t.i < span.start and t.pos_ in ("PRON", "NOUN", "PROPN")]
            # (also "everyone who couldn't book", "nobody could log in")
            if not before or not (before[-1].lower_ in ("you", "nobody", "everyone", "anyone") or before[-1].lower_ == "who"
                                  and before[-1].head.head.lower_ in ("everyone", "anyone", "those", "people", "customers")):
                continue
        ev.append((start, end))
    return ev, outcome


# Headings an incident report puts its cause under ("Cause", "Why it happened", "Root cause").
CAUSE_HEADINGS = {"cause", "root cause", "the cause", "why", "why it happened", "why this happened",
                  "what caused it", "what caused this", "what went wrong", "why did this happen", "what happened and why"}
UNKNOWN_CAUSE = ("investigat", "don't yet know", "do not yet know", "not yet known", "unknown", "still looking",
                 "not sure yet", "still working out")


def _cause_under_heading(draft) -> list[tuple[int, int]]:
    """The paragraph under a "Cause" / "Why it happened" heading of an incident report tells the
    cause ("Cause\nWe rolled out a new version of our call-routing service..."), unless it says it
    is not known yet or offers an excuse."""
    ev = []
    lines = lines_with_offsets(draft.text)
    for n, (_, line) in enumerate(lines):
        if line.strip().rstrip(":").strip().lower() not in CAUSE_HEADINGS:
            continue
        following = next((m for m in range(n + 1, len(lines)) if lines[m][1].strip()), None)
        if following is None:
            continue
        line_start, body = lines[following]
        start = line_start + (len(body) - len(body.lstrip()))
        end = line_start + len(body.rstrip())
        if len(body.split()) < 6 or any(w in body.lower() for w in UNKNOWN_CAUSE) or draft.prepared.in_quoted(start, end):
            continue
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not offers_excuse(list(span)):
            ev.append((start, end))
    return ev


def _explanation(draft, failures: list[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Owned or neutral causes with content (the explanation component), and excusing or blaming
    causes with content (no explanation, but no "missing-explanation" either: guide, rule 2)."""
    lex = lexicon()
    ev, excused = [], []
    failure_ids = {t.i for t in failures}
    owned = owns_fault_outright(draft)
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        if owned and tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBN") and not is_negated(tok) \
                and not is_hypothetical(tok) and (subj := subject_of(tok)) is not None \
                and subj.lemma_.lower() in lex["excuse_circumstances"] and subj.dep_ == "nsubj":
            # "Although the storm closed our depot, the failure here was ours": with the fault taken
            # outright, the circumstance is part of an owned account of why (guide, rule 2: A)
            ev.append(span_of(tok, list(tok.subtree)))
            continue
        # A cause counts only when it is not an excuse (research A1: "due to unprecedented demand"
        # is excuse-language, not an explanation; corpus guide rule 2).
        if tok.dep_ == "mark" and tok.lower_ in ("because", "since") and tok.head.dep_ == "advcl":
            if not offers_excuse(list(tok.head.subtree)):
                ev.append(span_of(tok, list(tok.head.subtree)))
            elif excuse_with_content(list(tok.head.subtree)):
                excused.append(span_of(tok, list(tok.head.subtree)))
        elif lemma in ("cause", "trigger") and tok.pos_ == "VERB" and not is_hypothetical(tok) and not is_negated(tok):
            # "a config change caused the outage", "it was caused by a faulty cable"; not "any
            # inconvenience caused" or "this may have caused" (no cause named, or only "this").
            causer = [t for c in tok.children if c.dep_ in ("nsubj", "agent") for t in c.subtree
                      if not (c.dep_ == "agent" and t is c)]
            if causer and not all(t.pos_ in ("PRON", "DET") for t in causer) and tok.dep_ not in ("acl", "relcl"):
                if not offers_excuse(causer):
                    ev.append(span_of(tok, [tok] + causer))
                elif excuse_with_content(causer):
                    excused.append(span_of(tok, [tok] + causer))
        elif lemma in ("cause", "reason", "trigger", "issue", "problem") and tok.pos_ == "NOUN" \
                and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "be":
            # "the cause was a faulty cable", "the reason is that we..."; not "we're investigating the cause".
            # "The issue was a failed power supply" names the cause; "the problem is fixed" does not.
            told = [t for c in tok.head.children
                    if c.dep_ in (("attr", "ccomp", "acomp") if lemma in ("cause", "reason", "trigger") else ("attr", "ccomp"))
                    for t in c.subtree]
            # A cause needs content: a clause, a modified noun or a broken thing ("a failed power
            # supply", "a bug in our app"), not a judgement ("the problem was a nuisance for you").
            if lemma in ("issue", "problem") and not any(
                    t.dep_ == "ccomp" or t.lemma_.lower() in lex["cause_nouns"]
                    or t.dep_ in ("amod", "compound") and t.head.lemma_.lower() not in lex["generic_failure_nouns"]
                    for t in told):
                continue
            # "The honest reason is short staffing, and that was my planning mistake": a circumstance
            # the next clause owns is a reason, not an excuse.
            owned_after = [t for c in tok.head.children if c.dep_ == "conj" for t in c.subtree]
            if told and (not offers_excuse(told) or owns_cause(owned_after) or any(
                    t.lower_ in ("our", "my") and t.head.lemma_.lower() in ("mistake", "fault", "error")
                    for t in owned_after)):
                ev.append(span_of(tok, [tok] + told))
        elif (cause := prepositional_cause(tok)) is not None:
            if not any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") for t in cause):
                continue  # "because of it", "due to this": the failure pointed at again, no cause
            if not offers_excuse(cause):
                ev.append(span_of(tok, cause))
            elif excuse_with_content(cause):
                excused.append(span_of(tok, cause))
        elif tok.dep_ == "mark" and tok.lower_ == "as" and tok.head.dep_ == "advcl" and tok.head.lemma_ == "be" \
                and tok.head.head.i in failure_ids and any(
                    c.dep_ == "neg" or c.lower_ == "longer" or c.dep_ == "advmod" and any(g.lower_ == "longer" for g in c.children)
                    for c in tok.head.children):
            # "your order has been cancelled as the item is no longer available": a state that
            # rules the thing out, given as the reason (a bare "as" may only tell when)
            ev.append(span_of(tok, list(tok.head.subtree)))
        elif tok.dep_ in ("mark", "advmod") and tok.lower_ in ("when", "after", "while", "as") and tok.head.dep_ == "advcl":
            # "When we updated the menu, I copied the allergen info from the wrong dish"
            clause, main = tok.head, tok.head.head
            if subject_of(clause) is None or offers_excuse(list(clause.subtree)):
                continue  # "an error occurred while processing your payment" says when, not why
            # "when you'd paid for it", "after your slot had already started" say when, not why; "When
            # you submitted it, I assigned it to a closed queue" tells our deed
            customers = subject_of(clause).lower_ == "you" or any(
                c.dep_ == "poss" and c.lower_ == "your" for c in subject_of(clause).children)
            # (a state or a pluperfect of theirs is the backdrop, "when you'd paid for it", "when your
            # prescription was for 5mg"; their event may time our deed, "When you submitted it, I ...")
            backdrop = clause.lemma_ == "be" or any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in clause.children)
            # ("When your premium was recalculated, our system applied the rating for another
            # property": our machinery's deed, timed by theirs)
            ours_did = is_first_person(subject_of(main)) or is_ours(subject_of(main))
            if tok.lower_ in ("when", "after") and customers and (backdrop or not (ours_did and main.i not in failure_ids)):
                continue
            if clause.tag_ in ("VBD", "VBN", "VBG") and main.tag_ in ("VBD", "VBN") and (
                    main.i in failure_ids or clause.i in failure_ids or is_first_person(subject_of(main))
                    or ours_did and customers and tok.lower_ in ("when", "after")) \
                    and not is_future(main):
                ev.append(span_of(tok, list(clause.subtree)))
        elif lemma in ("come", "result", "stem") and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN") \
                and not is_negated(tok) and not is_hypothetical(tok) and (
                    tok.i in failure_ids or (subj := subject_of(tok)) is not None
                    and subj.lemma_.lower() in lex["failure_nouns"] | DUPLICATE_WORDS):
            # "The second charge came from our finance team re-running the batch", "the duplicate
            # resulted from our office pressing submit twice": our own deed named as the source
            source = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for t in c.subtree]
            if any(t.lower_ in ("our", "my", "we", "i") for t in source) and any(t.tag_ == "VBG" for t in source):
                ev.append(span_of(tok, [tok] + source))
        elif tok.lower_ == "so" and tok.dep_ in ("cc", "advmod", "mark") and tok.head.tag_ in ("VBD", "VBN"):
            # "I didn't cancel the old direct debit, so both ran on the same day"
            result = tok.head
            cause = result.head if result.dep_ in ("conj", "advcl", "ccomp") else None
            if cause is None:
                # spaCy may hang the cause under the result: "X didn't scan the box, so the mismatch wasn't caught"
                cause = next((c for c in result.children if c.dep_ == "ccomp" and c.i < tok.i), None)
            # "I forgot the card, so I've sent one today": what follows "so" is the repair, not a result.
            repair_result = is_first_person(subject_of(result)) and (
                any(c.dep_ == "aux" and c.lemma_ == "have" for c in result.children)
                or result.lemma_.lower() in lex["repair_verbs"] | lex["follow_up_verbs"])
            # ("the pharmacist didn't scan the box, so the mismatch wasn't caught": a "did" past is tagged VB)
            did_past = cause is not None and cause.tag_ == "VB" and any(c.lower_ == "did" for c in cause.children)
            if cause is not None and (cause.tag_ in ("VBD", "VBN") or did_past) and not repair_result and (
                    cause.i in failure_ids or result.i in failure_ids or is_negated(cause)):
                ev.append(span_of(tok, [cause, tok, result]))
    # A sentence beyond the apology that tells what we did wrong ("we applied your payment to your
    # old policy, which we had not closed"): a first-person past action plus the failure itself.
    apology_sents = {a.sent.start for a in draft.real_apologies}
    # The acknowledgement itself is not its explanation: a failure stated before any apology is.
    if failures and (not apology_sents or failures[0].sent.start < min(apology_sents)):
        # ...unless it tells a chain of our own steps: "The slip was ours: I typed your name in from
        # the scan, missed the final letter, and issued the ticket without checking it"
        steps = [t for t in failures[0].sent if t.tag_ == "VBD" and is_first_person(subject_of(t))]
        if len(steps) < 3:
            apology_sents.add(failures[0].sent.start)
    for sent in draft.sentences:
        if sent.start in apology_sents:
            # "we took your £42 June fee twice: our billing run retried a payment that had already
            # cleared", "we left the naan out of order 5521; our packer ticked it off without bagging
            # it": in the acknowledgement itself, our own past deed after a colon or semicolon tells
            # how it happened. The failure before the stop is a deed ("we took your fee twice"), not a
            # verdict on one ("that's our mistake: we packed a size 8" restates it, it tells no cause).
            stop = next((t for t in sent if t.text in (":", ";") and any(
                f.sent.start == sent.start and f.i < t.i and f.pos_ == "VERB" for f in failures)), None)
            if stop is None:
                # "That double booking was our doing: one of our coordinators confirmed a second party
                # without checking the shared calendar": the fault taken, then the deed that did it
                # (an omission after it is the cause: "that's our mistake: we packed a size 8" only restates)
                stop = next((t for t in sent if t.text in (":", ";") and claims_fault([w for w in sent if w.i < t.i])
                             and any(f.sent.start == sent.start and f.i > t.i and f.pos_ == "VERB" for f in failures)
                             and any(w.lower_ == "without" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in w.children)
                                     or w.dep_ == "neg" for w in sent if w.i > t.i)), None)
            if stop is not None and _narrative_of_ours([t for t in sent if t.i > stop.i], False):
                ev.append((stop.idx + 1, sent.start_char + len(sent.text.rstrip())))
            continue
        words = {t.lower_ for t in sent}
        # An omission we own counts as wrongness: "we neither arranged cover nor checked the barn",
        # "I approved leave for two glazers without checking the rota".
        omission = any(t.lower_ in ("neither", "nor") or t.lower_ == "without" and any(
            c.dep_ == "pcomp" and c.tag_ == "VBG" for c in t.children) for t in sent)
        wrongness = bool(words & {"wrongly", "wrong", "instead", "mistakenly", "incorrectly", "accidentally", "never",
                                  "forgot", "incorrect", "faulty", "twice", "duplicate", "expired", "outdated"}
                         or omission or any(t.i in failure_ids or t.dep_ == "neg" for t in sent))
        # "we didn't test it under on-sale traffic": a circumstance beside an omission we own is not an excuse.
        owned_omission = omission or any(t.dep_ == "neg" and is_first_person(subject_of(t.head)) for t in sent)
        if wrongness and _narrative_of_ours(list(sent), owned_omission):
            ev.append((sent.start_char, sent.start_char + len(sent.text.rstrip())))
    # "A bug in last week's update let other users see your payees", "a security certificate on our
    # check-in system expired at 5am": the thing that broke, named as the subject of the failure.
    failure_sents = {t.sent.start for t in failures}
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or tok.sent.start not in failure_sents or is_future(tok) \
                or is_hypothetical(tok) or is_negated(tok):
            continue
        subj = subject_of(tok)
        if subj is not None and subj.lower_ in ("which", "that") and tok.dep_ == "relcl":
            subj = tok.head  # "an authentication certificate, which had expired"
        if subj is not None and subj.dep_ in ("nsubj", "pobj", "dobj", "attr") and subj.lemma_.lower() in lex["cause_nouns"] \
                and not {t.lemma_.lower() for t in subj.subtree} & lex["excuse_circumstances"]:
            ev.append(span_of(tok, [subj, tok]))
    # "a database migration we ran that morning locked the submissions table", "a change we made at
    # 12:10 sent card details to the wrong endpoint": our own deed, named as what did the damage
    if failures:
        for tok in draft.own_tokens():
            if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN") or is_negated(tok) or is_hypothetical(tok):
                continue
            subj = subject_of(tok)
            if subj is not None and subj.dep_ == "nsubj" and subj.pos_ == "NOUN" and any(
                    c.dep_ == "relcl" and c.tag_ in ("VBD", "VBN") and is_first_person(subject_of(c)) and not is_negated(c)
                    for c in subj.children):
                ev.append(span_of(tok, [subj, tok]))
    ev += _causal_narrative(draft)
    ev += _cause_after_cue(draft, failures)
    ev += _cause_under_heading(draft)
    # "This came down to a slight oversight by our night reception team", "the damage was down to the
    # manufacturer's packaging", "the cancellation was made by the airline, not by us"
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or is_negated(tok) or is_hypothetical(tok) or is_future(tok):
            continue
        cause = None
        if tok.lemma_.lower() in ("come", "be") and any(c.lower_ == "down" and c.dep_ in ("prt", "advmod") for c in tok.children):
            down = next(c for c in tok.children if c.lower_ == "down")
            cause = [t for holder in (tok, down) for c in holder.children if c.dep_ == "prep" and c.lower_ == "to"
                     for t in c.subtree]
            cause += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree]
        elif tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "agent" for c in tok.children) \
                and (tok.i in failure_ids or (subject_of(tok) is not None and subject_of(tok).lemma_.lower() in lex["failure_nouns"])):
            cause = [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
        if not cause or any(t.lower_ in ("us", "me") for t in cause) and len(cause) <= 3:
            continue  # "that's down to us" is ownership (responsibility), not a reason
        if not offers_excuse(cause):
            ev.append(span_of(tok, [tok] + cause))
        elif excuse_with_content(cause):
            excused.append(span_of(tok, [tok] + cause))
    low = draft.text_lower
    ev += [h for h in phrase_hits(low, lex["explanation_phrases"]) if not draft.prepared.in_quoted(*h)]
    return ev, excused


# Words for a second, unwanted copy: "the duplicate came from our office pressing submit twice".
DUPLICATE_WORDS = {"duplicate", "charge", "payment", "debit", "copy", "email", "letter", "text", "message"}


def _cause_after_cue(draft, failures: list[Token]) -> list[tuple[int, int]]:
    """What happened, told right after the writer announces it or owns the failure already stated:
    "I looked into why. Your close was moved to a new round in June, and the crew's map still showed
    it on the old route"; "This was our error. The two strengths sat side by side on our shelf";
    "This was an error on our part: the results were filed under another patient". Only once the
    failure has been stated before the cue ("that's our mistake: we packed a size 8" states it for
    the first time, and tells no cause)."""
    lex = lexicon()
    if not failures:
        return []
    first_failure = min(t.idx for t in failures)
    claims = {sent.start for sent in fault_claims(draft)}
    sents = draft.sentences
    ev = []
    for i, sent in enumerate(sents):
        words = [t.lower_ for t in sent]
        why = any(t.lower_ == "why" and t.head.lemma_.lower() in ("look", "find", "check", "investigate", "see", "dig")
                  for t in sent) or " ".join(words[:4]).startswith("here 's what happened") or any(
            # "I traced what happened", "we've looked into what went wrong"
            t.lower_ == "what" and t.head.lemma_.lower() in ("happen", "go") and t.head.head.lemma_.lower() in (
                "trace", "find", "check", "investigate", "establish", "look", "dig", "review")
            for t in sent)
        if not (why or sent.start in claims):
            continue
        # the failure must already be on the table, before the cue's own words
        if first_failure >= sent.start_char and not (why and first_failure < sent.end_char):
            continue
        stop = next((t for t in sent if t.text in (":", ";")), None)
        told = [t for t in sent if t.i > stop.i] if stop is not None else (list(sents[i + 1]) if i + 1 < len(sents) else [])
        if not told or any(a.sent.start == told[0].sent.start for a in draft.real_apologies) and stop is None:
            continue
        if _past_account(told, lex):
            start, end = told[0].idx, told[-1].idx + len(told[-1])
            ev.append((start, end))
    return ev


def _past_account(tokens: list[Token], lex) -> bool:
    """A past event told with a subject that is not the customer and not a repair: "the results were
    filed under another patient", "our billing system carried on applying your old tariff"."""
    for t in tokens:
        if t.pos_ not in ("VERB", "AUX") or t.dep_ not in ("ROOT", "conj", "advcl", "ccomp") or is_future(t):
            continue
        past = t.tag_ == "VBD" or t.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") and c.lower_ in (
            "was", "were", "had", "'d") for c in t.children) or t.tag_ == "VB" and any(c.lower_ == "did" for c in t.children)
        subj = subject_of(t)
        if not past or subj is None or subj.lower_ in ("you", "i") and t.lemma_.lower() in NARRATIVE_NOT_OWNING:
            continue
        if any(c.dep_ == "aux" and c.lemma_ == "have" and c.lower_ not in ("had", "'d")
               for v in (t, t.head if t.dep_ == "conj" else t) for c in v.children):
            continue  # "I've booked a new appointment ... and added a credit": what we have done since
        if any(w.lower_ == "you" for w in subj.subtree) \
                or t.lemma_.lower() in lex["repair_verbs"] | lex["follow_up_verbs"] | {"apologise", "apologize"}:
            continue  # "You told us you'd felt dizzy", "many of you couldn't book" is the impact; "we refunded it" the repair
        if t.lemma_.lower() in ("be", "have") and t.pos_ == "AUX":
            continue  # "it was the busiest morning of our year" sets the scene, it tells no event
        return True
    return False


def _narrative_of_ours(tokens: list[Token], owned_omission: bool) -> bool:
    """Past narrative of our own deeds: "we loaded", "our records team did not update", "a billing
    job on our side ran twice", "our invoicing job was reading from a cached copy" (past
    progressive), "we had not updated our records" (the pluperfect tells what was already wrong).
    Not the repair ("we've moved ... and switched on ..." is what we did about it) and not an
    excuse ("due to the volume, our team fell behind"), unless we own an omission beside it."""
    lex = lexicon()
    # ("Our overnight billing run stalled": spaCy sometimes tags a bare past as VBN at the root)
    return any((t.tag_ == "VBD" or t.tag_ == "VB" and any(c.lower_ == "did" for c in t.children)
                or t.tag_ == "VBN" and t.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
                or t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children)
                or t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in t.children))
               # "we retried your payment" is the repair; "our billing run retried a payment that had
               # already cleared" is the machinery going wrong
               and (is_first_person(subject_of(t)) or is_ours(subject_of(t)))
               # (unless done "without checking": "I restarted it without checking which members had paid")
               and not (t.lemma_.lower() in lex["repair_verbs"] and subject_of(t).pos_ == "PRON" and not owned_omission)
               and not (t.dep_ == "conj" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in t.head.children))
               for t in tokens) and (owned_omission or not any(
                   t.lemma_.lower() in lex["excuse_circumstances"] and t.pos_ in ("NOUN", "ADJ") for t in tokens))


# Verbs that carry a mechanism from one step to the next: "That stirred up years of sediment", "under
# real demand it overloaded our database", "this stopped TV apps from completing the sign-in step".
CAUSAL_VERBS = {"stir", "overload", "stop", "prevent", "block", "break", "crash", "corrupt", "overwhelm", "wipe",
                "knock", "trip", "drain", "flood", "jam", "clog", "overwrite", "duplicate", "reset", "lock"}
PURPOSE_CAUSES = {"maintenance", "repair", "repairs", "refurbishment", "renovation", "upgrade", "works", "cleaning",
                  "inspection", "servicing", "testing"}


STATE_CAUSE_VERBS = {"hold", "have", "show", "list", "use", "keep", "point", "contain", "store", "read"}


def _so_follows(verb: Token) -> bool:
    """Is the clause followed by its consequence with "so"? spaCy hangs it either way: the "so"
    clause under ours ("held X, so the results went...") or ours as a ccomp of the "so" clause."""
    def so_child(node: Token) -> bool:
        return any(g.lower_ == "so" and g.dep_ in ("mark", "advmod", "cc") and g.i > verb.i for g in node.children)
    if any(c.dep_ in ("advcl", "conj") and c.tag_ in ("VBD", "VBN") and so_child(c) for c in verb.children):
        return True
    return verb.dep_ in ("ccomp", "advcl") and verb.head.i > verb.i and verb.head.tag_ in ("VBD", "VBN") and so_child(verb.head)


def _causal_narrative(draft) -> list[tuple[int, int]]:
    """Causes told as a chain of events rather than with "because":
    - a step that caused the next: "That stirred up years of iron sediment", "it overloaded our
      database" (a pronoun or our change as the subject of a causal verb, in the past);
    - our state, then its consequence: "Our laboratory system still held the previous practice code,
      so the results went to a practice she left";
    - a closure for a purpose: "the spa was closed for maintenance";
    - what a figure was based on: "your bill was based on an estimated reading"."""
    ev = []
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or is_hypothetical(tok) or is_future(tok):
            continue
        lemma = tok.lemma_.lower()
        subj = subject_of(tok)
        past = tok.tag_ in ("VBD", "VBN")
        if lemma in CAUSAL_VERBS and past and not is_negated(tok) and subj is not None and subj.dep_ == "nsubj" and (
                subj.lower_ in ("that", "this", "it", "which") or is_ours(subj) or is_first_person(subj)):
            ev.append(span_of(tok, [subj, tok]))
        elif past and (is_ours(subj) or is_first_person(subj)) and lemma in STATE_CAUSE_VERBS and _so_follows(tok):
            ev.append(clause_span(tok))
        elif past and any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in PURPOSE_CAUSES for g in c.children)
                          for c in tok.children) and lemma in ("close", "shut", "cancel", "suspend", "take", "be"):
            ev.append(clause_span(tok))
        elif lemma == "base" and past and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) and not is_negated(tok):
            ev.append(clause_span(tok))
    return ev


# The company's own machinery: in the third-party list for "the system did it" blame, but "our
# system" is ours.
OWN_MACHINERY = frozenset({"system", "software", "app", "website", "platform", "server", "network"})


def is_ours(token: Token | None) -> bool:
    """A thing of ours as the subject: "a billing job on our side", "our system" (is_first_person
    reads only people)."""
    if token is not None and token.lower_ in ("one", "some", "several", "two", "none") and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(is_ours(o) for o in c.children) for c in token.children):
        return True  # "one of our team restarted it"
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(t.lower_ in ("our", "my") for t in token.subtree) and \
        token.lemma_.lower() not in lexicon()["third_parties"] - OWN_MACHINERY


SCHEDULED_VERBS = {"visit", "ship", "arrive", "come", "start", "open", "go", "leave", "run", "reach", "land", "show",
                   "appear", "expire", "renew", "begin", "close", "end", "take", "expect", "schedule", "due", "plan",
                   "book"}
# Verbs whose past is spelled like their present: the tagger often reads "a bug let users see" as present.
SAME_PAST = {"let", "put", "set", "cut", "hit", "shut", "cost", "hurt", "spread", "read", "quit", "split"}
# First-person future verbs that promise no concrete next step ("we will do better", "we'll strive").
NON_STEP_VERBS = {"be", "do", "make", "try", "continue", "strive", "work", "aim", "learn", "ensure", "keep", "hope",
                  "want", "like", "love", "endeavour", "endeavor", "seek", "remain", "take", "use", "ask", "need"}


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Days as a new arrangement names them: "You're now in Tue 18:30", "on Weds".
WEEKDAY_WORDS = set(WEEKDAYS) | {"mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
                                 "tomorrow", "today", "tonight"}


def _posted_with_no_when(verb: Token, draft) -> bool:
    """"I'll keep you posted", "we'll keep you updated": no time, channel or step (corpus guide,
    rule 7, puts it with "in due course"); "I'll keep you updated by email every evening" is one."""
    if verb.lemma_.lower() != "keep" or not any(c.lower_ in ("posted", "updated", "informed") for c in verb.subtree):
        return False
    return not any(draft.mention_label(t) in ("DATE", "TIME") or t.lower_ in ("email", "text", "phone", "every", "daily")
                   for t in verb.subtree)


def _time_of_next_step(ent, lex) -> bool:
    """Is this date or time when something happens next? It must belong to a verb that is in the
    future ("I'll call you on Monday"), scheduled ("an assessor visits on Monday"), a request
    ("reply by Friday"), or sit in "by/within/until/before" on a verb that is not past narrative
    ("the refund reaches you within 3 days"). "Last night's six-hour outage" is not a next step."""
    # (only a clock time owned by the day: "Thursday's 7am", not "Thursday's trip", "Tuesday's update")
    weekday_slot = ent.text.lower().startswith(WEEKDAYS) and any(c.dep_ == "case" for c in ent.root.children) \
        and ent.root.dep_ == "poss" and any(ch.isdigit() for ch in ent.root.head.text)
    if weekday_slot:
        # "bike 4 is held for you at Thursday's 7am", "Thursday's 7am still has spaces": a slot to come,
        # unless the clause tells the past ("Thursday's class was cancelled")
        verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.tag_ in ("VBZ", "VBP", "VB", "MD") or verb is not None and any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD") for c in verb.children)
    if (any(t.lower_ in ("'s", "’s") for t in ent) or ent.root.head.lower_ in ("'s", "’s") or any(
            c.dep_ == "case" for c in ent.root.children)) or ent.text.lower().startswith(("last ", "yesterday", "earlier")):
        return False  # "this morning's general sale", "last Tuesday": a time already gone ("Thursday's 7am" is a slot)
    node, deadline, via_state = ent.root, False, False
    for _ in range(6):
        if node.dep_ == "pobj" and node.head.lower_ in ("by", "within", "until", "till", "til", "before"):
            deadline = True
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            break
        if node.pos_ in ("ADV", "ADJ"):
            via_state = True  # "(refunded,) back on your card within 3 days", "valid until Saturday"
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return deadline
    if is_future(node) or is_hypothetical(node):
        return is_future(node) or deadline
    # "I've rebooked you for Sat 22nd, 10:30", "£8.40 is refunded to your card today": the date a
    # repair we have just made takes effect (not "I booked the engineer for the 14th": the failure)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children) and node.tag_ == "VBN"
    present_passive_now = node.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'s", "'re")
                                                     for c in node.children)
    if (perfect or present_passive_now) and not is_negated(node) and (
            node.lemma_.lower() in lex["repair_verbs"] | {"book", "rebook", "move", "arrange", "schedule", "reschedule"}):
        return True
    if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("when", "whenever") for c in node.children) \
            and node.tag_ in ("VBZ", "VBP"):
        return False  # "when a booking arrives 25 minutes late we release the table": a rule, not a next step
    if any(c.dep_ == "aux" and c.lower_ == "did" for c in node.children):
        return False  # "didn't pass your request on until 9 May": past, whatever the tag
    if any(c.dep_ == "aux" and c.lower_ in ("can", "may") for c in node.children) and is_negated(node) is False \
            and not any(c.dep_ == "aux" and c.lower_ == "have" for c in node.children) \
            and not any(t.lower_ == "else" for t in node.sent):
        # "you can book your reward seat today" (not "some customers may have experienced", nor the
        # sign-off question "Is there anything else I can help with today?")
        return True
    present_passive = node.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "'s", "'re")
                                                 for c in node.children)
    if node.tag_ == "VBP" and (node.lemma_.lower() in SAME_PAST or node.head.lemma_.lower() in SAME_PAST):
        return False  # "a bug let other users see your payees on 9 October": "let" is past here
    if (node.tag_ in ("VBZ", "VBP") or present_passive) and (
            node.lemma_.lower() in (lex["follow_up_verbs"] - {"keep"}) | SCHEDULED_VERBS or deadline):
        return True  # "an assessor visits on Monday", "results are expected at the end of the month"
    if node.tag_ == "VB" and node.dep_ == "ROOT" and subject_of(node) is None and len(node.sent) > 4:
        return True  # "reply by Friday"; not a heading such as "Update 16:20 UTC"
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if node.lemma_ == "be" and node.tag_ in ("VBZ", "VBP") and any(c.lower_ == "now" for c in node.children) \
            and not is_negated(node) and after not in ("since", "ago"):
        # the new arrangement: "It's now Thu 4th, 8-12, with Rhys", "You're now on Thursday 7pm"
        # (not "it's now six weeks since the pipe burst")
        return True
    return deadline and (via_state or node.tag_ not in ("VBD", "VBN"))


PHONE_RE = re.compile(r"(?<![\w£$€.])(?:\+\d{1,3}[ -]?)?\(?0?\d{2,5}\)?(?:[ -]\d{2,4}){1,3}(?![\w.]\d)")


MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
BILL_NAMED_RE = re.compile(r"\bon your (?:(?:next|" + MONTHS + r"|\{\{[^}]+\}\}) (?:bill|statement|invoice)"
                           r"|(?:bill|statement|invoice) dated)\b", re.IGNORECASE)
LANDING_TIME_RE = re.compile(r"\b\d+(?:\s*[-–]\s*\d+)?\s+(?:working\s+|business\s+)?(?:days?|hours?)\s+to\s+"
                             r"(?:show|arrive|appear|clear|land|reach you|come through)\b", re.IGNORECASE)
# "should land in 2-3 days", "back on your card (2-3 days)", "a fresh one is about 15 min away"
LANDING_IN_RE = re.compile(r"\b(?:show|arrive|appear|clear|land|reach you|come through|be back|back on your (?:card|account))\s+(?:in|within)\s+"
                           r"\d+(?:\s*[-–]\s*\d+)?\s+(?:working\s+|business\s+)?(?:days?|hours?)\b"
                           r"|\(\s*\d+(?:\s*[-–]\s*\d+)?\s+(?:working\s+|business\s+)?days?\s*\)"
                           r"|\b\d+\s*(?:mins?|minutes)\s+away\b", re.IGNORECASE)


def _follow_up(draft) -> list[tuple[int, int]]:
    lex = lexicon()
    ev = []
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in lex["follow_up_verbs"] and is_future(tok) and not is_negated(tok) \
                and not _posted_with_no_when(tok, draft):
            subj = subject_of(tok)
            if is_first_person(subj) or (subj is not None and subj.lower_ in ("you", "it", "this", "they")) or \
                    (subj is not None and subj.dep_ == "nsubjpass"):
                ev.append(clause_span(tok))
        elif tok.pos_ == "VERB" and is_future(tok) and not is_negated(tok) and not is_hypothetical(tok) \
                and lemma not in NON_STEP_VERBS and tok.dep_ != "xcomp" and is_first_person(subject_of(tok)) \
                and subject_of(tok).lower_ != "we":
            # An owner and an action: "I'll stay on this chat to walk you through it" (an "I", not a
            # corporate "we will strive to do better").
            ev.append(clause_span(tok))
        ent = draft.mention_starting(tok)
        if ent is not None and ent.label_ in ("DATE", "TIME"):
            if _time_of_next_step(ent, lex):
                ev.append((ent.start_char, ent.end_char))
        if tok.like_email or (tok.like_num and len(tok.text.replace(" ", "")) >= 9 and
                              any(t.lower_ in ("call", "ring", "phone", "line", "number") for t in tok.sent)):
            ev.append(span_of(tok))
    low = draft.text_lower
    ev += [h for h in phrase_hits(low, lex["follow_up_phrases"]) if not draft.prepared.in_quoted(*h)]
    for match in lex["reference_re"].finditer(draft.text):
        if not draft.prepared.in_quoted(match.start(), match.end()):
            sent_text = draft.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            # ("call 150 or use web chat, quoting NW1411": a reference to quote is a handle on what comes next)
            if sent_text is not None and any(t.lower_ in ("reference", "ref", "case", "ticket", "tracking", "track",
                                                          "quoting", "quote")
                                             for t in sent_text.sent):
                ev.append((match.start(), match.end()))
    # "£10 credit on your May bill", "will show on your bill dated {{next_bill_date}}", "(2-3 days to show)":
    # where and when the customer will see the repair land
    for pattern in (BILL_NAMED_RE, LANDING_TIME_RE, LANDING_IN_RE):
        ev += [m.span() for m in pattern.finditer(draft.text) if not draft.prepared.in_quoted(*m.span())]
    # A phone number written in groups ("0330 555 0192", "+44 20 7946 0958"): the tokenizer splits it,
    # so the single-token test above misses it
    for match in PHONE_RE.finditer(draft.text):
        if match.group()[0] in "0+(" and sum(ch.isdigit() for ch in match.group()) >= 10 \
                and not draft.prepared.in_quoted(match.start(), match.end()):
            ev.append((match.start(), match.end()))
    return ev


def _specifics(draft, failures: list[Token]) -> list[tuple[int, int]]:
    lex = lexicon()
    ev = []
    signoff = draft.prepared.signoff_start
    for ent in draft.mentions:
        if ent.label_ in ("DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "PRODUCT"):
            if draft.prepared.in_quoted(ent.start_char, ent.end_char):
                continue
            if signoff is not None and ent.start_char >= signoff:
                continue
            if ent.label_ == "CARDINAL" and ent.text.lower() in ("one", "1"):
                continue
            ev.append((ent.start_char, ent.end_char))
    for match in lex["reference_re"].finditer(draft.text):
        if not draft.prepared.in_quoted(match.start(), match.end()):
            ev.append((match.start(), match.end()))
    # A concrete event: a failure stated with a real thing in its clause ("your parcel arrived
    # damaged", "I sent you the link to our old export guide", "your membership freeze").
    generic = lex["generic_failure_nouns"] | lex["non_specific_nouns"]
    for tok in failures:
        if tok.pos_ in ("VERB", "AUX"):
            things = [t for t in tok.subtree if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in generic]
            if things or clause_words(tok) & {"twice", "double", "duplicate"}:
                ev.append(clause_span(tok))
        elif tok.lemma_.lower() not in generic:
            ev.append(span_of(tok))
    # Apology objects that name something concrete ("sorry your kettle arrived cracked").
    for apology in draft.real_apologies:
        obj = apology.object
        if obj is None:
            continue
        nouns = [t for t in obj if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in generic]
        # (also "sorry about the wrong size on your jeans": a concrete thing with what was wrong with it)
        if nouns and (apology.object_kind in ("that", "to")
                      or any(t.lower_ in lex["failure_modifiers"] and t.dep_ in ("amod", "acomp") for t in obj)):
            ev.append((obj.start_char, obj.end_char))
    return ev


def _personalization(draft, register: str, specifics: list) -> list[tuple[int, int]]:
    ev = []
    greeting = draft.prepared.greeting
    if greeting is not None:
        span = draft.doc.char_span(*greeting, alignment_mode="expand")
        if span is not None:
            for tok in span:
                if (tok.pos_ == "PROPN" or tok.is_title) and \
                        tok.lower_ not in GENERIC_GREETING_WORDS and tok.i > span.start and tok.is_alpha:
                    ev.append(span_of(tok))
    sents = draft.sentences
    if sents:
        first = sents[0]
        toks = [t for t in first if not t.is_space]
        if len(toks) > 2 and toks[0].pos_ == "PROPN" and toks[1].text == "," and toks[0].lower_ not in GENERIC_GREETING_WORDS:
            ev.append(span_of(toks[0]))
    if register != "incident":  # (a status notice names companies, not the reader)
        ev += _addressed_by_name(draft)
    return ev or _one_to_one_chat(draft, register, specifics)


ADDRESS_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx"}
COMPANY_NOUNS = {"company", "firm", "provider", "processor", "platform", "service", "agency", "host", "vendor", "app",
                 "brand", "software", "tool", "network", "operator"}
ADDRESS_OPENERS = {"sorry", "hi", "hello", "hey", "thanks", "dear", "apologies", "morning", "afternoon", "evening"}
ADDRESS_CLOSERS = {",", ".", "!", ":", ";", "—", "–", "-", "?"}


def _addressed_by_name(draft) -> list[tuple[int, int]]:
    """The customer addressed by name inside the text: "Thanks for holding while I checked, Rahul.",
    "Sorry Jess, that one's on me", "Hands up, Jo, this one was us", "Apologies for keeping you
    waiting on the line, Mr Adeyemi." A capitalised proper noun set off by punctuation (or after
    "Sorry"/"Hi"/"Thanks"), not in the sign-off (the writer's own name)."""
    signoff = draft.prepared.signoff_start
    doc = draft.doc
    parties = lexicon()["third_parties"] | COMPANY_NOUNS
    for tok in draft.own_tokens():
        if tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha or tok.lower_ in GENERIC_GREETING_WORDS:
            continue
        if signoff is not None and tok.idx >= signoff or draft.prepared.in_quoted(tok.idx, tok.idx + len(tok)):
            continue
        first = tok
        if tok.i > 0 and doc[tok.i - 1].lower_ in ADDRESS_TITLES:
            first = doc[tok.i - 1]
        before = doc[first.i - 1] if first.i > 0 else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        # (a line of its own, such as a heading or a name block, is not an address)
        opens = before is not None and (before.text in (",", "!") or before.lower_ in ADDRESS_OPENERS)
        closes = after is None or after.text in ADDRESS_CLOSERS
        # not a company named after what it is: "our payment processor, Cardhaven"; "with Nimbuscale"
        named_after = before is not None and before.text == "," and first.i >= 2 \
            and doc[first.i - 2].lemma_.lower() in parties  # (spaCy may not make it an appos)
        named_thing = tok.dep_ == "pobj" or named_after or tok.dep_ == "appos" and (
            tok.head.lemma_.lower() in parties
            or any(c.dep_ in ("det", "poss") and c.lower_ in ("our", "the", "a", "an", "their", "its")
                   for c in tok.head.children))
        if opens and closes and not named_thing:
            return [span_of(first, [first, tok])]
    return []


def _one_to_one_chat(draft, register: str, specifics: list) -> list[tuple[int, int]]:
    """A chat reply about the customer's own case ("we left the flat white off order 5521...") is
    personal with no name (corpus guide, rule 8): no greeting that addresses nobody in particular,
    and something of theirs named specifically. The evidence is the first "your"."""
    if register != "chat" or draft.prepared.greeting is not None or not specifics:
        return []
    words = [t.lower_ for t in draft.doc if t.is_alpha][:2]
    if len(words) == 2 and words[0] in ("hi", "hello", "hey", "dear") and words[1] in GENERIC_GREETING_WORDS:
        return []  # "Hi there, ..." run on into the reply is still a greeting to nobody in particular
    yours = next((t for t in draft.own_tokens() if t.lower_ == "your"), None)
    return [span_of(yours)] if yours is not None else []


def _register(draft) -> str:
    words = [t for t in draft.doc if t.is_alpha]
    low = draft.text_lower
    lemmas = {t.lemma_.lower() for t in draft.doc}
    if lemmas & INCIDENT_WORDS and (len(words) > 40 or any(p in low for p in INCIDENT_PHRASES)):
        return "incident"
    if any(p in low for p in INCIDENT_PHRASES) and len(words) > 60:
        return "incident"
    # A chat reply is short and has no letter furniture; a short note with "Dear ...," on its own
    # line, or a sign-off, is an email. "Hi Tomasz, sorry for ..." on one line is still a chat.
    # Chat-length: at most 280 characters (a tweet, a chat bubble or two; corpus guide rule 1).
    if draft.prepared.signoff_start is None and len(draft.text.strip()) <= 280:
        greeting = draft.prepared.greeting
        own_line = greeting is not None and not draft.prepared.greeting_runs_on \
            and "\n" in draft.text[greeting[1]:greeting[1] + 3]
        if not own_line:
            return "chat"
    return "email"


OUTAGE_WORDS = {"down", "offline", "unavailable", "unreachable", "inaccessible", "outage", "downtime", "disruption",
                "interruption"}
LONG_SPANS = {"hour", "hours", "day", "days", "night", "morning", "afternoon", "evening", "weekend", "week",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _long_outage(failures: list[Token]) -> bool:
    """A service down for hours: "was down for most of Saturday", "a six-hour outage", "offline
    for the whole afternoon" (a short wait is not an outage of hours)."""
    for tok in failures:
        words = {c.lower_ for c in tok.children} | {tok.lemma_.lower()}
        if not words & OUTAGE_WORDS:
            continue
        preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
        if "from" in preps and preps & {"until", "till", "to"}:
            return True  # "down from around 2pm until 9pm": an outage with a start and an end, not a blip
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "throughout", "all") or child.dep_ in ("amod", "compound", "npadvmod"):
                span = {t.lower_ for t in child.subtree} | {p for t in child.subtree for p in t.lower_.split("-")}
                if span & LONG_SPANS and not span & {"minute", "minutes", "seconds", "moment"}:
                    return True
    return False


def _failure_severity(draft, failures: list[Token]) -> str:
    lex = lexicon()
    lemmas = {t.lemma_.lower() for t in draft.own_tokens()} | {t.lower_ for t in draft.own_tokens()}
    low = draft.text_lower
    # (also "the £64.20 payment went through twice")
    money_twice = any((t.lemma_.lower() in ("charge", "bill", "debit", "take")
                       or t.lemma_.lower() == "go" and "through" in clause_words(t)) and (
        (words := clause_words(t)) & {"twice", "double", "duplicate"} or _multiplied(words))
        for t in failures if t.pos_ in ("VERB", "AUX"))
    objects = _apology_objects(draft)
    real_failures = [t for t in failures if t.lemma_.lower() not in lex["minor_objects"]
                     and t.lemma_.lower() not in ("inconvenience", "confusion", "trouble", "issue", "problem")
                     and not _slow_reply(t)]
    slow_reply = any(_slow_reply(t) for t in failures)
    if slow_reply:
        # "...the delay in responding to your enquiry. ... our apologies for the delay": the same wait
        real_failures = [t for t in real_failures if not (t.lemma_.lower() in ("delay", "wait")
                                                           and not any(c.dep_ == "prep" for c in t.children))]
    # "So sorry for the wait!! Really, really sorry.": the second apology has no object of its own.
    named = ["wait" if o == "delay" and slow_reply else o for o in objects if o]
    apologises_for_waits = bool(named) and all(o in lex["minor_objects"] for o in named)
    if lemmas & lex["severe_words"] or any(p in low for p in lex["severe_phrases"]) or money_twice \
            or _long_outage(failures):
        # "Sorry it took me until this afternoon to answer" about a prescription is a slow answer,
        # not a medical failure.
        if (failures or draft.real_apologies) and (real_failures or not apologises_for_waits):
            return "high"
    if real_failures:
        return "medium"
    if apologises_for_waits:
        return "low"
    if failures or draft.real_apologies:
        return "medium"
    return "none"


REPLY_WORDS = {"reply", "replying", "response", "respond", "responding", "answer", "answering", "back"}


def _slow_reply(tok: Token) -> bool:
    """"the delay in getting back to you", "the delay in responding to your enquiry": a slow answer,
    the wait the labelling guide treats as minor, not a failed service."""
    return tok.lemma_.lower() in ("delay", "wait") and bool(
        {t.lower_ for t in tok.subtree if t.i > tok.i} & REPLY_WORDS)


def _apology_objects(draft) -> list[str]:
    """What each apology is for, coarsely: "reply"/"wait" for a slow answer or a wait, else the
    object's head lemma ("" when the apology has no object)."""
    lex = lexicon()
    objects = []
    for apology in draft.real_apologies:
        obj = apology.object
        if obj is None:
            objects.append("")
        elif {t.lemma_.lower() for t in obj} & {"reply", "response", "respond", "answer", "back", "hold", "hang"}:
            objects.append("reply")  # "sorry for the delay in replying": a slow answer, not a failed service
        elif {t.lemma_.lower() for t in obj} & lex["minor_objects"]:
            objects.append("wait")  # "sorry to keep you waiting"
        else:
            objects.append(obj.root.lemma_.lower())
    return objects


def compute_signals(draft) -> Signals:
    failures = failure_tokens(draft)
    evidence: dict[str, list[tuple[int, int]]] = {}
    explanation, excused = _explanation(draft, failures)
    evidence["responsibility"] = _responsibility(draft, failures, explanation)
    resolution, weak = _resolution(draft, failures)
    evidence["resolution"] = resolution
    evidence["prevention"] = _prevention(draft)
    evidence["empathy"] = _empathy(draft)
    impact, outcome = _impact(draft)
    evidence["impact"] = impact + outcome
    # Empathy "acknowledges the customer's feelings or situation" (RULE-DEFS): telling them what it did
    # to them ("you've spent a week sleeping on a mattress on the floor") is that acknowledgement;
    # labellers gave empathy to 88% of the drafts that state an impact (not to a bare outcome: "so
    # we fined you", "the disruption to your morning").
    evidence["empathy"] += impact
    evidence["explanation"], evidence["excused_cause"] = explanation, excused
    evidence["follow_up"] = _follow_up(draft)
    evidence["specifics"] = _specifics(draft, failures)
    register = _register(draft)
    evidence["personalization"] = _personalization(draft, register, evidence["specifics"])
    clean = [a for a in draft.real_apologies if a.conditional is None]
    evidence["regret"] = [(a.start, a.end) for a in clean]
    generic = lexicon()["generic_failure_nouns"]
    ack = [span_of(t) for t in failures if t.lemma_.lower() not in generic or t.pos_ != "NOUN"]
    ack += [(a.object.start_char, a.object.end_char) for a in clean
            if a.object is not None and a.object.root.lemma_.lower() not in generic]
    evidence["acknowledgement"] = ack
    components = {name: bool(evidence.get(name)) for name in COMPONENTS}
    return Signals(
        components=components,
        evidence=evidence,
        register=register,
        # a failure only commiserated about ("sorry to hear your booking was cancelled") still has a severity
        failure_severity=_failure_severity(draft, failures or failures_told_as_sympathy(draft)),
        failure_spans=[span_of(t) for t in failures],
        weak_repair=weak,
    )
