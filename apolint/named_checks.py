"""Named Python checks: logic a YAML pattern cannot express, referred to from rule files by name
(``kind: python, check: <name>``). Each takes the draft and the rule's ``params`` and returns hits."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: loading rules must not import spaCy
    from spacy.tokens import Token

from .checks.base import Hit
from .lexicon import lexicon
from .signals import (claims_fault, clause_words, hyphenated, failure_tokens, failures_told_as_sympathy, is_first_person, is_future, is_hypothetical, is_negated, is_ours, owns_cause,
                      prepositional_cause, reason_copula, span_of, subject_of, sympathy_ranges)

NAMED_CHECKS: dict[str, Callable] = {}


def named_check(func: Callable) -> Callable:
    NAMED_CHECKS[func.__name__] = func
    return func


# Circumstances no one at any company does: weather, seasons, crowds.
NATURAL_CIRCUMSTANCES = {"weather", "storm", "snow", "rain", "rainfall", "snowfall", "thaw", "frost", "ice", "fog", "heat",
                         "heatwave", "wind", "gale", "flood", "demand", "surge", "influx", "pandemic", "covid",
                         "holiday", "season", "christmas"}
EMPTY_CIRCUMSTANCES = {"circumstance", "unforeseen", "unexpected", "unavoidable", "difficulty"}


@named_check
def excuse_cause(draft, circumstances: list[str] | None = None, qualified: dict | None = None, **_) -> list[Hit]:
    """A cause offered for the failure ("due to unprecedented demand", "because demand was high")
    that names a circumstance instead of owning the failure. The cause must sit in a sentence
    about the failure or the apology; an owned cause ("because we deployed a bad config") passes."""
    circumstances = set(circumstances or lexicon()["excuse_circumstances"])
    qualified = qualified or {}
    hits = []
    for sent in _sentences_near_failure(draft):
        for tok in sent:
            lower = tok.lower_
            cause_tokens = prepositional_cause(tok)  # "due to X", "owing to X", "because of X"
            if cause_tokens is None and tok.dep_ == "agent" and tok.head.lemma_.lower() in ("cause", "trigger"):
                # "the burst was caused by ground movement after last week's rainfall" ("after" hangs on "caused");
                # only what nobody does counts here: "caused by a queue backlog" or "by a failure at our
                # provider" tell a cause (or a blame) in plain words
                cause_tokens = list(tok.subtree) + [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ in (
                    "after", "following", "during", "amid") for t in c.subtree]
                if not any(t.lemma_.lower() in NATURAL_CIRCUMSTANCES for t in cause_tokens):
                    continue
            elif cause_tokens is None and lower in ("result", "consequence") and tok.head.lower_ == "as":
                cause_tokens = [tok.head] + list(tok.subtree)  # "as a result of X"
            elif cause_tokens is None and tok.dep_ == "mark" and lower in ("because", "since", "as") \
                    and tok.head.dep_ == "advcl":
                if lower in ("since", "as") and not any(t.lemma_.lower() in circumstances for t in tok.head.subtree):
                    continue
                cause_tokens = [tok] + list(tok.head.subtree)
            if not cause_tokens:
                continue
            if owns_cause(cause_tokens):
                continue
            if any(t.lower_ in ("you", "your") for t in cause_tokens):
                continue  # the customer's circumstances ("the same week as your car insurance") are no excuse of ours
            lemmas = {t.lemma_.lower() for t in cause_tokens}
            # "due to an unusually high number of fans", "owing to freezing conditions"
            crowd = any(_qualified_circumstance(t) for t in cause_tokens)
            excuse = crowd or bool(lemmas & circumstances)
            for noun, modifiers in qualified.items():
                for t in cause_tokens:
                    if t.lemma_.lower() == noun and any(c.lower_ in modifiers for c in t.children):
                        excuse = True
            if excuse:
                start = min(t.idx for t in cause_tokens)
                end = max(t.idx + len(t) for t in cause_tokens)
                # "due to a technical issue", "owing to unforeseen circumstances": an excuse that still
                # says nothing about why, so it does not stand in for an explanation.
                says_why = crowd or bool(lemmas & (circumstances - EMPTY_CIRCUMSTANCES))
                hits.append(Hit(start, end, suppresses=says_why))
    return hits


def _sentences_near_failure(draft) -> list:
    """The sentences that state the failure or the apology, and the one right before or after each:
    where a cause is offered for the failure ("Because of high demand, ... Sorry!")."""
    sentences = draft.sentences
    anchor_starts = {t.sent.start for t in failure_tokens(draft)} | {a.sent.start for a in draft.apologies
                                                                     if a.kind in ("apology", "sympathy")}
    near = set()
    for i, sent in enumerate(sentences):
        if sent.start in anchor_starts:
            near.update(j for j in (i - 1, i, i + 1) if 0 <= j < len(sentences))
    return [sentences[i] for i in sorted(near)]


# Circumstance words that can stand as the subject of an excuse ("demand was unprecedented", "the
# storms closed the depot"); staff words are left out ("our staff replaced it" is not an excuse).
NOT_SUBJECT_CIRCUMSTANCES = {"staff", "staffing", "busy", "unprecedented", "unforeseen", "unexpected", "unavoidable",
                             "difficulty", "christmas", "load", "absence", "closure", "restriction"}
# States of being overloaded, said of ourselves: "we've been swamped", "the drivers are stretched".
BUSY_STATES = {"swamped", "stretched", "overwhelmed", "inundated", "slammed", "overloaded", "busy", "understaffed",
               "snowed", "flooded", "overrun", "overstretched", "stretched-thin", "manic", "hectic", "chaotic", "rammed",
               "mobbed", "heaving", "buried"}
# Verbs of coping with a circumstance: "our teams have been dealing with unprecedented volumes".
COPING_VERBS = {"deal", "cope", "contend", "battle", "struggle", "grapple", "face", "handle", "juggle", "receive", "see",
                "have"}  # ("we've had an enormous backlog since the heatwave")
# "freezing conditions", "a high number of fans": nouns that are a circumstance only with a modifier.
QUALIFIED_CIRCUMSTANCES = {"condition": {"freezing", "icy", "adverse", "extreme", "severe", "difficult",
                                         "challenging", "weather", "wintry", "poor", "trading", "market"},
                           "number": {"high", "higher", "large", "huge", "record", "unusual", "unprecedented"},
                           "level": {"high", "higher", "record", "unprecedented", "unusual"}}


def _qualified_circumstance(tok: Token) -> bool:
    modifiers = QUALIFIED_CIRCUMSTANCES.get(tok.lemma_.lower())
    return bool(modifiers) and any(c.lower_ in modifiers for c in tok.subtree if c.i < tok.i)


def _circumstance_noun(tok: Token, circumstances: set[str]) -> bool:
    # a named one counts too: "Storm Nadia has caused severe disruption", "the holiday rush"; so does
    # what a circumstance did ("Storm damage across the region has left our teams with a backlog")
    # and its measure ("the level of demand this morning was far beyond anything we've seen")
    subject_ones = circumstances - NOT_SUBJECT_CIRCUMSTANCES
    return tok.lemma_.lower() in subject_ones or _qualified_circumstance(tok) \
        or (tok.pos_ == "PROPN" or tok.lemma_.lower() in CIRCUMSTANCE_EFFECTS) and any(
            c.dep_ == "compound" and c.lemma_.lower() in subject_ones for c in tok.children) \
        or tok.lemma_.lower() in CIRCUMSTANCE_MEASURES and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in subject_ones for g in c.children)
            for c in tok.children)


# What a circumstance does, named with it ("storm damage", "heatwave disruption"), and how much of it
# there was ("the level of demand", "the volume of calls").
CIRCUMSTANCE_EFFECTS = {"damage", "disruption", "delay", "delays", "chaos", "backlog", "closure", "closures"}
CIRCUMSTANCE_MEASURES = {"level", "number", "amount", "scale", "volume", "size"}


@named_check
def circumstance_clause(draft, **_) -> list[Hit]:
    """The circumstance stated as its own clause next to the failure, with no "due to": "demand for
    this tour was unprecedented", "the freezing conditions have made repairs more difficult",
    "we've been swamped with MOTs", "our teams have been dealing with unprecedented volumes"."""
    circumstances = set(lexicon()["excuse_circumstances"])
    hits = []
    # Sympathy for what happened to the customer ("so sorry to hear the storm damaged your roof") is
    # no excuse when nothing of ours failed.
    # An apology with no failure the parser found ("Sorry for the slow reply. We've been buried in
    # emails since the sale") still anchors its neighbours.
    anchored = draft.signals.has_failure or any(a.kind == "apology" for a in draft.apologies)
    near = {sent.start for sent in _sentences_near_failure(draft)} if anchored else set()
    prevention = draft.signals.evidence.get("prevention", [])
    # our own deeds named anywhere ("our database upgrade", "we ran the upgrade"): "the upgrade
    # stalled" later refers back to them
    ours = {t.lemma_.lower() for t in draft.own_tokens() if t.lemma_.lower() in OUR_DOINGS and (
        any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in t.children)
        or t.dep_ == "dobj" and is_first_person(subject_of(t.head)))}
    for sent in draft.sentences if near else []:
        if _excuse_disowned(sent):
            continue  # "January is our busiest month, but busy is no reason to skip that check"
        if any(a < sent.end_char and sent.start_char < b for a, b in prevention):
            continue  # what changes from now on ("upgrades happen only on Sunday nights") is no excuse
        if any(t.pos_ == "VERB" and t.tag_ == "VBD" and not is_negated(t) and t.lemma_.lower() not in COPING_VERBS | PROMISING_VERBS
               and is_first_person(subject_of(t)) and any(c.dep_ == "dobj" for c in t.children) for t in sent):
            continue  # "Our crew closed a valve too quickly, the pressure surge split a pipe": our deed set it off
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX", "ADJ") or is_negated(tok) or is_hypothetical(tok) or is_future(tok):
                continue  # (a future is the prevention: "migrations will only run outside 06:00-20:00")
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till") for c in tok.children):
                continue  # "two engineers watching the graphs until traffic is back to normal"
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                continue  # "not how anyone wants a family holiday to begin": a wish, no event
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("know", "understand", "imagine", "appreciate", "realise",
                                                                  "realize") and is_first_person(subject_of(tok.head)):
                continue  # "I know the snow made getting here hard enough": the customer's day, acknowledged
            # subject_of reads past a vocative: "Jo, the storm's left half our riders stranded"
            subject = subject_of(tok) if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) else None
            if subject is None:
                continue
            words = [subject, tok]
            says_why = True
            if tok.lemma_.lower() in CLEARING_VERBS:
                continue  # "the backlog cleared by 12:05": the circumstance gone, told as the repair
            if any(c.dep_ == "relcl" and is_first_person(subject_of(c)) for c in subject.children) or (
                    subject.lemma_.lower() in ours):
                # "a database migration we ran that morning locked the table", "our database upgrade took
                # Appointly offline": our own deed, owned (not "our busiest season")
                continue
            if _circumstance_noun(subject, circumstances) and not any(
                    c.dep_ == "poss" and c.lower_ == "your" for c in subject.subtree if c.i < subject.i):
                # (not the customer's own: "your router upgrade has been scheduled for Wednesday")
                # "demand was unprecedented", "the storms closed the depot"; said anywhere in a draft
                # about a failure ("Demand during the sale was the highest in our history." as a
                # closing paragraph)
                pass
            elif sent.start not in near:
                continue
            elif tok.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in BUSY_TIMES and any(
                    m.dep_ == "amod" and m.lower_ in BUSY_STATES for m in c.children) for c in tok.children):
                pass  # "on what was a particularly busy evening for the team", "it was a hectic weekend"
            elif _busy_state(tok) or _coping_with_circumstance(tok, circumstances):
                # "we've been swamped", "the drivers are stretched", "Friday nights are manic for our drivers"
                # ("it's been absolutely manic on chat since the sale went live")
                if not (is_first_person(subject) or is_ours(subject) or subject.lemma_.lower() in STAFF_NOUNS | BUSY_TIMES
                        or subject.lower_ in ("it", "things") and _busy_state(tok)):
                    continue
                # "we experienced technical difficulties" gives no reason (missing-explanation still applies)
                says_why = not {t.lemma_.lower() for t in tok.subtree} & EMPTY_CIRCUMSTANCES
            else:
                continue
            complement = [c for c in tok.children if c.dep_ in ("acomp", "attr", "prep", "dobj")]
            words += complement[:1]
            start = min(t.idx for t in words)
            end = max(t.idx + len(t) for t in words)
            hits.append(Hit(start, end, suppresses=says_why))
    return hits


# What we said we would do, not a deed that set the failure off: "I promised your Golf back by 5pm".
PROMISING_VERBS = {"promise", "tell", "say", "book", "ask", "quote", "give", "confirm", "agree", "offer", "schedule"}
CLEARING_VERBS = {"clear", "ease", "subside", "end", "pass", "recover", "settle", "drop", "fall"}
# Circumstances that are our own deeds when they are "ours": "our database upgrade", "our migration".
OUR_DOINGS = {"upgrade", "migration", "changeover", "closure", "restriction"}


def _excuse_disowned(sent) -> bool:
    """The writer rules the circumstance out as a reason in the same sentence: "but busy is no
    reason to skip that check", "that's no excuse", "which doesn't excuse it", "but the load was not
    the problem"."""
    for tok in sent:
        if tok.lemma_.lower() in ("problem", "cause", "issue") and tok.dep_ == "attr" and is_negated(tok.head):
            return True  # "Month-end traffic was heavy, but the load was not the problem; the lock was"
        if tok.lemma_.lower() in ("excuse", "reason") and (
                any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
                or tok.pos_ == "NOUN" and is_negated(tok.head)
                or tok.pos_ == "VERB" and tok.lemma_.lower() == "excuse" and is_negated(tok)):
            return True
    return False


# The people who do the work, said of the company without "our": "the drivers are stretched".
STAFF_NOUNS = {"team", "staff", "driver", "engineer", "agent", "crew", "kitchen", "warehouse", "department",
               "store", "branch", "line", "phone", "technician", "courier", "rider", "colleague", "everyone",
               "desk", "reception", "office", "counter"}


# Times that can be busy for us: "Friday nights are manic", "a particularly busy evening for the team".
BUSY_TIMES = {"night", "evening", "day", "weekend", "week", "morning", "afternoon", "period", "time", "season", "friday",
              "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "lunchtime", "shift"}


def _busy_state(tok: Token) -> bool:
    """"we've been swamped", "our team is overwhelmed", "we are short-staffed"; not "we've been busy
    fixing it" (busy at the repair)."""
    word = tok.lower_
    if tok.pos_ == "AUX" or tok.lemma_ == "be":
        comp = next((c for c in tok.children if c.dep_ == "acomp"), None)
        if comp is None:
            return False
        tok, word = comp, comp.lower_
    if word == "staffed":
        return any(c.lower_ in ("short", "under") for c in tok.children)
    if word == "short":  # "we're really short on drivers this week"
        return any(c.dep_ == "prep" and c.lower_ in ("on", "of") and any(
            g.lemma_.lower() in STAFF_NOUNS | {"staff", "people", "hand", "hands"} for g in c.children) for c in tok.children)
    if word not in BUSY_STATES:
        return False
    # (not "when the phone lines are less busy", not "busy fixing it")
    return not any(c.tag_ == "VBG" or c.lower_ in ("less", "least") for c in tok.children)


def _coping_with_circumstance(tok: Token, circumstances: set[str]) -> bool:
    if tok.lemma_.lower() not in COPING_VERBS and not (tok.lemma_ == "experience" and tok.tag_ != "VBG"):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    return any(_circumstance_noun(o, circumstances) or o.lemma_.lower() in circumstances for o in objects)


def _phrase_words(head: Token) -> list[Token]:
    """The words of a noun phrase: its subtree without prepositional or clausal attachments."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("prep", "relcl", "advcl", "conj", "cc", "punct", "appos"))
    return out


@named_check
def third_party_blame(draft, extra_parties: list[str] | None = None, **_) -> list[Hit]:
    """A third party is the subject (or the passive agent) of a failure: "our courier lost the
    parcel", "the payment was declined by the bank". Reported only when the draft never owns the
    failure itself: a third party named as a fact beside ownership is fine.

    Read once per draft and party list: blame-shifting, but-cancellation, passive-evasion and the
    deflected-complaint check all ask. Each caller gets its own copies (the engine fills in hits)."""
    key = ("third_party_blame", tuple(sorted(extra_parties or ())))
    cached = draft._cache.get(key)
    if cached is None:
        cached = draft._cache[key] = _third_party_blame(draft, extra_parties)
    return [replace(h, vars=dict(h.vars)) for h in cached]


def _third_party_blame(draft, extra_parties: list[str] | None) -> list[Hit]:
    if draft.components.get("responsibility"):
        return []
    parties = set(lexicon()["third_parties"]) | set(extra_parties or []) | declared_parties(draft)
    hits = []
    # "The outage was caused by our hosting provider": the third party as the cause of it all.
    causes = [t for t in draft.own_tokens() if t.lemma_.lower() == "cause" and t.pos_ == "VERB"
              and any(c.dep_ == "agent" for c in t.children)]
    # "The decision was taken by the venue operator", "the cancellation was made by the airline", "the
    # incorrect tyre size was supplied to us by our wholesaler": a passive whose agent is someone else
    causes += [t for t in draft.own_tokens() if t.pos_ == "VERB" and t.tag_ == "VBN" and any(c.dep_ == "agent" for c in t.children)
               and (subj := subject_of(t)) is not None and subj.dep_ == "nsubjpass" and not is_hypothetical(t)
               and (subj.lemma_.lower() in DECISION_NOUNS | set(lexicon()["failure_nouns"])
                    or any(c.lower_ in ("wrong", "incorrect", "faulty", "damaged") for c in subj.children)
                    # "The payment was returned unpaid by your bank"
                    or clause_words(t) & {"unpaid", "rejected", "declined", "bounced"})]
    # Deeds that are no failure word: a no-show ("didn't turn up") and having a fault ("had a fault")
    no_shows = {t for t in draft.own_tokens() if t.pos_ == "VERB" and t.lemma_.lower() in NO_SHOW_LEMMAS and is_negated(t)}
    had_faults = {t for t in draft.own_tokens() if t.lemma_.lower() in HAVING_VERBS and t.tag_ in ("VBD", "VBN")}
    # "Our supplier has been unable to give us a firm restock date"
    unable = {t for t in draft.own_tokens() if t.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "unable"
                                                                      for c in t.children)}
    # "the freeze form wasn't logged by reception": a duty someone else did not do
    causes += [t for t in draft.own_tokens() if t.pos_ == "VERB" and t.tag_ == "VBN" and is_negated(t)
               and any(c.dep_ == "agent" for c in t.children) and not is_hypothetical(t)]
    # "because Northgate Bank changed the format of its connection without telling us": whatever
    # someone else did, given as the reason
    reasons = {t for t in draft.own_tokens() if t.pos_ == "VERB" and t.dep_ == "advcl" and t.tag_ in ("VBD", "VBN")
               and any(c.dep_ == "mark" and c.lower_ in ("because", "since") for c in t.children)
               and not any(c.dep_ == "auxpass" for c in t.children)}
    called = _called_the_reason(draft)
    reasons |= called
    candidates = set(failure_tokens(draft)) | set(causes) | set(_third_party_deeds(draft)) | no_shows | had_faults | unable | reasons
    for tok in sorted(candidates, key=lambda t: t.i):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        actor = None
        subj = subject_of(tok)
        if subj is not None and subj.dep_ == "nsubj" and _someone_else(subj, parties) \
                and not (subj.lemma_.lower() in CUSTOMER_OWN_PARTIES and any(c.lower_ == "your" for c in subj.children)):
            actor = subj  # (not "your shop was down": the customer's own shop is the failure, not a party)
        elif subj is not None and subj.dep_ == "nsubj":
            # "The storm damaged the lines, and the network operator has not yet provided a date": spaCy
            # joins the second subject to the first
            actor = next((c for c in subj.children if c.dep_ == "conj" and c.i < tok.i and _someone_else(c, parties)), None)
            if actor is None and tok.lemma_.lower() in lexicon()["failure_verbs"] and not is_negated(tok):
                # "the courier's van broke down on the way": their thing failed
                actor = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")
                              and _someone_else(c, parties)), None)
        if actor is None and subj is not None and subj.dep_ in ("nsubj", "appos") and tok in had_faults \
                and not is_negated(tok) and not is_hypothetical(tok) and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in lexicon()["failure_nouns"] for c in tok.children):
            # "Corvia, the processor that authorises our card payments, had a fault in its data centre"
            named = [subj] + [c for c in subj.children if c.dep_ == "appos"]
            actor = next((t for t in named if _someone_else(t, parties) and not is_first_person(t)), None)
        if actor is None and tok in reasons and subj is not None and subj.dep_ == "nsubj" and not is_hypothetical(tok) \
                and (_someone_else(subj, parties) or subj.pos_ == "PROPN" and subj.lower_ not in draft.own_names
                     and any(t.lemma_.lower() in parties for t in subj.subtree)):
            actor = subj  # (a named company whose name says what it is: "Northgate Bank")
        if actor is None and tok in called and subj is not None and subj.lower_ == "you" and subj.dep_ == "nsubj" \
                and not is_hypothetical(tok) and not is_negated(tok):
            actor = subj  # "you signed up twice with two different emails, that's why there's 2 charges"
        if actor is None and subj is not None and subj.dep_ == "nsubj" and tok in unable and _someone_else(subj, parties) \
                and not is_hypothetical(tok):
            actor = subj  # "Our supplier has been unable to give us a firm restock date"
        if actor is None and subj is not None and tok in no_shows and not is_hypothetical(tok):
            # "The cover instructor sent by our staffing agency didn't turn up": a no-show by someone else's person
            actor = next((t for t in subj.subtree if _someone_else(t, parties) and t.pos_ in ("NOUN", "PROPN")), None)
        if actor is None and subj is not None and subj.lower_ == "they" and (tok.lemma_.lower() in lexicon()["failure_verbs"]
                                                                            or _let_down(tok)) \
                and not is_negated(tok) and not is_hypothetical(tok):
            # "the restaurant strikes again. They must've missed the nut allergy note", "Our repair
            # partner, FixPoint, is waiting on a screen. Unfortunately they've let us down": "they" is the
            # party named last, in this sentence or the one before (never "we"/"our" things)
            sent_start = tok.sent.start
            prev = [s for s in draft.sentences if s.end <= sent_start][-1:]
            window = [t for s in prev for t in s] + [t for t in tok.sent if t.i < subj.i]
            named = [t for t in window if t.pos_ in ("NOUN", "PROPN") and _someone_else(t, parties) and not is_first_person(t)]
            if named and not any(t.lower_ in ("we", "us", "i") for t in window if t.i > named[-1].i):
                actor = named[-1]
        if actor is None and tok.lemma_.lower() in lexicon()["failure_verbs"] and not is_negated(tok) \
                and not is_hypothetical(tok) and not is_first_person(subj):
            # "your parcel was misplaced at their Leicester depot", "your bag was not loaded by their
            # staff": "their" is neither us nor the customer, so the place or people are someone else's
            actor = _theirs(tok)
        if actor is None and tok in causes and is_negated(tok):
            actor = _theirs(tok)
        if subj is not None and subj.lower_ == "they" and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_VERBS:
            # "Our courier has confirmed that they lost it at their depot": the reporter is the doer
            reporter = subject_of(tok.head)
            if reporter is not None and _someone_else(reporter, parties):
                actor = reporter
        for child in tok.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    # The whole noun phrase, not only its parsed head: "by the ground handling agent"
                    # is sometimes parsed with "ground" as the object and "agent" below it. A cause
                    # reaches further: "caused by a major outage at our cloud hosting provider".
                    words = list(pobj.subtree) if tok.lemma_.lower() == "cause" else _phrase_words(pobj)
                    if tok.lemma_.lower() == "cause":
                        # spaCy hangs "with ..." on the verb: "caused by a minor issue with a
                        # third-party network component"
                        words += [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "at", "in")
                                  and c.i > child.i for t in c.subtree]
                    for word in words:
                        # the party itself, not a modifier of our thing ("a bug in our courier integration");
                        # a "third-party" thing is someone else's whatever it is
                        if word.lemma_.lower() in parties and word.lemma_.lower() not in GENERIC_PARTIES \
                                and (word.dep_ != "compound" or word.head.i == pobj.i and pobj.lemma_.lower() in parties
                                     or _third_party(word)):
                            actor = word
                        elif tok.lemma_.lower() == "cause" and word.pos_ == "PROPN" and word.dep_ == "poss" \
                                and any(c.dep_ == "case" for c in word.children):
                            actor = word  # "caused by a signalling fault on Network Rail's infrastructure"
                        elif word.i == pobj.i and word.pos_ == "PROPN" and tok.lemma_.lower() in lexicon()["failure_verbs"] \
                                and word.lower_ not in draft.own_names and not is_first_person(word):
                            actor = word  # "your parcel was lost in transit by ParcelPoint" (not the name we sign with)
        if actor is None:
            continue
        if actor.lower_ in draft.own_names and all(c.dep_ == "det" and c.lower_ in ("the", "this") for c in actor.children):
            continue  # "the hotel has overbooked", signed "Blue Anchor Hotel": the company writing (not "the receiving bank")
        if actor.lemma_.lower() in OUR_STAFF and any(c.dep_ == "poss" and c.lower_ == "our" for c in actor.children) \
                and {t.lemma_.lower() for t in tok.sent} & WEATHER:
            continue  # "with the heavy snow our drivers were running hours behind": an excuse, not blame
        toks = [actor, tok] + [c for c in actor.children if c.dep_ in ("poss", "det", "compound", "amod")]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t) for t in toks)
        hits.append(Hit(start, end, vars={"party": " ".join(t.text for t in sorted(toks, key=lambda t: t.i) if t is not tok)}))
    # "because of a hiccup at our hosting partner", "due to an issue with the courier": the cause
    # offered is someone else's.
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        cause = prepositional_cause(tok)
        if cause is None and lemma in ("cause", "reason", "source") and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "the root cause was an outage at our upstream cloud provider"
            cause = [t for c in tok.head.children if c.dep_ == "attr" for t in c.subtree]
        elif cause is None and lemma in ("originate", "stem", "result", "come") and tok.pos_ == "VERB":
            # "the issue originated with a third-party software vendor", "resulted from a fault at our supplier"
            cause = [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "from", "at") for t in c.subtree]
            if not cause and lemma == "result" and (subj := subject_of(tok)) is not None \
                    and subj.lemma_.lower() in lexicon()["failure_nouns"]:
                # "a configuration error at MailCrest resulted in emails going to the wrong people"
                cause = [t for c in subj.children if c.dep_ == "prep" and c.lower_ in ("at", "with", "in", "on")
                         for t in c.subtree]
        elif cause is None and lemma == "be" and tok.pos_ == "AUX" and (subj := subject_of(tok)) is not None \
                and (subj.lemma_.lower() in lexicon()["failure_nouns"] or subj.lower_ in ("hold-up", "holdup")
                     or subj.lower_ == "up" and any(c.lower_ == "hold" for c in subj.children)) \
                and not is_negated(tok):
            # "so the delay is with your bank or card issuer" (not "the delay is with us")
            cause = [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "at") for t in c.subtree]
        if not cause or {t.lemma_.lower() for t in cause} & lexicon()["excuse_circumstances"]:
            continue  # "due to the bank holiday" is an excuse (excuse-language), not blame
        if owns_cause(cause):
            continue
        party = next((t for t in cause if t.lemma_.lower() in parties and t.pos_ in ("NOUN", "PROPN")
                      and t.lemma_.lower() not in GENERIC_PARTIES), None)
        if party is not None:
            hits.append(Hit(min(t.idx for t in cause), max(t.idx + len(t) for t in cause), vars={"party": party.text}))
    return hits


def _called_the_reason(draft) -> set[Token]:
    """Verbs whose clause the writer then calls the reason: "our payment processor has been holding
    some refunds for extra checks, which is why it's taking longer"; "The courier left it at the
    wrong door. That's why it never reached you." (the clause before "which/that is why")."""
    out = set()
    sents = draft.sentences
    for n, sent in enumerate(sents):
        for tok in sent:
            if tok.dep_ != "ccomp" or (be := reason_copula(tok)) is None:
                continue
            if be.dep_ == "relcl":
                node = be.head  # "..., which is why": the clause the relative hangs on
                while node.pos_ not in ("VERB", "AUX") and node.head is not node:
                    node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    out.add(node)
            elif be.dep_ in ("advcl", "conj") and be.head.pos_ in ("VERB", "AUX"):
                out.add(be.head)  # "..., so that's why you didn't get a reminder"
            elif be.dep_ == "ROOT" and (before := [c for c in be.children if c.dep_ == "advcl" and c.i < be.i]):
                # "Looks like you signed up twice with two different emails, that's why there's 2 charges"
                clause = before[0]
                if clause.lemma_.lower() in ("look", "seem", "appear"):
                    clause = next((c for c in clause.children if c.dep_ in ("advcl", "ccomp")), clause)
                out.add(clause)
            elif be.dep_ == "ROOT" and n > 0:
                out.add(sents[n - 1].root)  # "That's why it never reached you." after the deed
    return out


# Someone else's places and people, when "their" owns them: "at their depot", "by their staff".
THEIR_PLACES = {"depot", "warehouse", "hub", "site", "facility", "centre", "center", "office", "premises", "end", "side",
                "staff", "driver", "drivers", "team", "system", "systems", "network", "engineer", "engineers",
                "courier", "partner", "van", "sorting", "branch"}


def _theirs(verb: Token) -> Token | None:
    """The "their" place or people a failure happened at or by ("misplaced AT THEIR DEPOT", "not
    loaded BY THEIR STAFF"), or None."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("at", "in", "by", "on"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in THEIR_PLACES \
                        and any(c.dep_ == "poss" and c.lower_ == "their" for c in obj.children):
                    return obj
    return None


# Our own people, held up by the weather: an excuse when the sentence names it, not blame.
OUR_STAFF = {"driver", "engineer", "staff", "rider", "crew", "team", "fitter", "technician", "courier", "van"}
WEATHER = {"snow", "rain", "storm", "weather", "wind", "flood", "flooding", "ice", "fog", "heatwave", "hail", "gale",
           "frost", "blizzard", "snowfall", "rainfall"}


# What the customer chose, set or typed, offered as why it went the way it did.
CHOICE_VERBS = {"choose", "select", "pick", "type", "enter", "give", "provide", "nominate", "submit", "specify", "set",
                "confirm", "request", "tick"}
CHOICE_NOUNS = {"instruction", "instructions", "choice", "selection", "request", "preference", "preferences"}
# What the customer told us, cited as what we went by: "the booking details we were given".
GIVEN_DETAILS = {"detail", "details", "information", "address", "instruction", "instructions", "info", "booking"}
# Words that say the outcome went as the customer chose: "so it was delivered correctly".
OUTCOME_WORDS = {"correctly", "instructed", "requested"}


@named_check
def customer_choice(draft, **_) -> list[Hit]:
    """The outcome put down to the customer's own choice, in a draft that owns nothing: "it was
    left in the safe place you chose at checkout", "The order went to 12 Birch Rd, which is the
    address you typed", "left in the porch as per your delivery instructions, so it was delivered
    correctly", "You selected that option at checkout". Not our repair told with their choice ("I've
    re-sent it to the address you gave us")."""
    if draft.components.get("responsibility"):
        return []
    hits = []
    for sent in draft.sentences:
        root = sent.root
        if root.lemma_.lower() in ("see", "show", "confirm") and is_first_person(subject_of(root)):
            # "I can see the driver left it by your front door as per...": what is seen is the account
            root = next((c for c in root.children if c.dep_ == "ccomp"), root)
        if is_future(root) or is_first_person(subject_of(root)) and root.lemma_.lower() not in ("can", "be"):
            continue  # "I've re-sent it to the address you gave us" is the repair
        for tok in sent:
            chosen = None
            # ("you did pick the 8-12 slot": the emphatic "did" leaves the verb in its base form)
            emphatic = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "did" for c in tok.children)
            if tok.lemma_.lower() in CHOICE_VERBS and (tok.tag_ in ("VBD", "VBN") or emphatic) and not is_negated(tok) \
                    and not is_hypothetical(tok) and (subj := subject_of(tok)) is not None and subj.lower_ == "you" \
                    and subj.dep_ == "nsubj" and not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children):
                if tok.dep_ == "relcl" or tok.dep_ in ("ROOT", "ccomp") and any(
                        c.dep_ == "dobj" and (c.lemma_.lower() in ("option", "setting", "address", "date", "slot", "place")
                                              or any(d.lower_ == "that" for d in c.children)) for c in tok.children):
                    chosen = tok  # "the safe place you chose", "You selected that option at checkout"
            elif tok.lower_ in ("chosen", "nominated", "selected") and tok.dep_ == "amod" and any(
                    c.dep_ == "poss" and c.lower_ == "your" for c in tok.head.children):
                chosen = tok.head  # "delivered to your chosen safe place"
            elif (tok.lemma_.lower() in CHOICE_NOUNS and any(c.dep_ == "poss" and c.lower_ == "your" for c in tok.children)
                  or tok.lemma_.lower() in CHOICE_NOUNS | {"option", "setting"} and _on_your_account(tok)) \
                    and tok.head.lower_ in ("per", "with") and tok.head.head.lower_ in ("as", "line", "to"):
                # "as per your delivery instructions", "in line with your request", "as per the
                # safe-place option on your account"
                chosen = tok
            if chosen is None and tok.lemma_.lower() in GIVEN_DETAILS and tok.head.lower_ in ("to", "per", "with") \
                    and tok.head.head.lower_ in ("according", "as", "line") and any(
                        c.dep_ == "relcl" and c.lemma_.lower() in ("give", "provide", "supply", "send", "enter")
                        and not is_negated(c) and ((subj := subject_of(c)) is not None
                                                   and (subj.lower_ == "you" or subj.lower_ == "we" and subj.dep_ == "nsubjpass"))
                        for c in tok.children):
                chosen = tok  # "prepared according to the booking details we were given", "... you provided"
            if chosen is None:
                continue
            noun = chosen.head if chosen.dep_ == "relcl" else chosen
            before = {t.lower_ for t in sent.doc[max(sent.start, noun.left_edge.i - 3):noun.left_edge.i]}
            if before & {"not", "instead", "rather", "than", "ignored"} or any(c.dep_ == "neg" for c in noun.children):
                continue  # "worked out from an estimate, not the reading you submitted": theirs was right
            if tok.dep_ in ("ROOT", "ccomp") and chosen.i == tok.i or {t.lower_ for t in sent} & OUTCOME_WORDS \
                    or root.tag_ in ("VBD", "VBN") and not is_first_person(subject_of(root)) \
                    or root.lemma_ in ("show", "confirm") and not is_first_person(subject_of(root)):
                # (a choice told as the main verb is reported from its subject to its object, not
                # the whole sentence: "you did pick the 8-12 slot")
                shown = list(chosen.subtree) if chosen.pos_ != "VERB" or chosen.dep_ != "ROOT" else [
                    t for c in chosen.children if c.dep_ in ("nsubj", "aux", "dobj") for t in c.subtree] + [chosen]
                start = min(t.idx for t in shown)
                end = max(t.idx + len(t) for t in shown)
                hits.append(Hit(start, end))
                break
    return hits


def _on_your_account(noun: Token) -> bool:
    """"the safe-place option on your account", "the setting in your profile": the customer's own setting."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "in") and any(
        o.dep_ == "pobj" and any(p.dep_ == "poss" and p.lower_ == "your" for p in o.children) for o in c.children)
        for c in noun.children)


# The customer's own kit, named as the cause: "because roaming was on in your phone's settings".
CUSTOMER_KIT = {"phone", "setting", "settings", "router", "browser", "device", "handset", "cache", "firewall",
                "antivirus", "wifi", "wi-fi", "laptop", "computer", "spam", "junk", "filter", "app"}
DECISION_NOUNS = {"decision", "cancellation", "call", "change", "delay", "closure", "postponement", "choice"}


# Words that make the customer the holder of a fault: "the customer's responsibility", "caused by
# Wi-Fi interference inside the home".
CUSTOMER_WORDS = {"you", "your", "yours", "customer", "customers", "user", "users", "buyer", "guest", "guests",
                  "tenant", "cardholder", "home", "household", "sender", "recipient", "patient", "patients",
                  "member", "members", "passenger", "passengers", "resident", "residents", "client", "clients",
                  "holder", "policyholder", "accountholder", "billpayer", "subscriber", "owner"}
FAULT_NOUNS = {"responsibility", "fault", "liability", "blame"}


# What a company does to a customer's account or plan: as the agent of "caused by", it is the event,
# not the customer, whatever "your" follows it.
EVENTS_DONE_TO_ACCOUNTS = {"renewal", "cancellation", "change", "migration", "upgrade", "downgrade", "transfer",
                           "increase", "switch", "suspension", "closure", "update"}


def _holder(tokens: list[Token], parties: set[str]) -> str | None:
    """Who a phrase names as holding the fault: "customer", "third party", or None (us, or nobody)."""
    if owns_cause(tokens) or claims_fault(tokens):
        return None
    # The customer holds it when named as the holder: "you", "your ...", or a customer noun at the head
    # of the phrase ("the responsibility of the customer"), not one deep inside it ("down to high
    # demand from customers" is an excuse, "a change affecting members" names no holder).
    first = min(tokens, key=lambda t: t.i) if tokens else None
    # "any inconvenience caused by the delay to your order": the failure itself, the customer's
    # order only what it happened to
    head = next((t for t in tokens if t.dep_ == "pobj" and t.head.lower_ == "by"), None)
    # ("...caused by the renewal of your plan": our event, done to their plan)
    if head is not None and head.lemma_.lower() in lexicon()["failure_nouns"] | EVENTS_DONE_TO_ACCOUNTS and not any(
            c.dep_ == "poss" for c in head.children):
        return None
    if any(t.lower_ in ("you", "your", "yours", "home", "household") for t in tokens) or any(
            t.lower_ in CUSTOMER_WORDS and (t.dep_ == "poss" or t.head.i == first.i or t.i == first.i or t.head.dep_ in ("poss",))
            for t in tokens):
        return "customer"
    if any(t.lower_ == "their" for t in tokens) and tokens and any(
            t.lower_ in CUSTOMER_WORDS - {"home", "household"} and t.dep_ in ("nsubj", "nsubjpass")
            for t in tokens[0].sent):
        return "customer"  # "Patients are reminded that it is their responsibility to keep details up to date"
    if any(t.lower_ in MISUSE_WORDS and t.dep_ in ("amod", "advmod") for t in tokens) \
            and tokens[0].lower_ == "by":
        return "customer"  # the agent of "caused by incorrect washing": misuse with no owner
    if any(t.dep_ == "ccomp" and t.lemma_.lower() in CARE_VERBS and is_negated(t) for t in tokens):
        return "customer"  # "it's most likely that it hasn't been descaled regularly"
    if any(t.lower_ in ("clearly", "plainly", "prominently") and t.head.lemma_.lower() in NOTICE_VERBS for t in tokens):
        return "customer"  # "it was clearly shown on the booking page": they should have read it
    if any(t.lemma_.lower() in DEPARTMENTS for t in tokens) and tokens[0].lower_ not in ("with", "by"):
        return "third party"  # "a billing team error rather than ...": another department's
    if any(t.lower_ == "theirs" for t in tokens):
        return "third party"  # "the decision was entirely theirs"
    if tokens and tokens[-1].dep_ in ("relcl", "ccomp"):
        return "third party"  # a cleft names someone else, whoever it is ("the warehouse team")
    if any(t.lemma_.lower() in parties and t.pos_ in ("NOUN", "PROPN") and not _our_own_machine(t)
           and t.lemma_.lower() not in GENERIC_PARTIES for t in tokens):
        return "third party"
    # "the fault lies with Parkwise", "any fault would lie with them": whoever is named there, it is
    # not us ("lies with us" is taken above by owns_cause)
    if tokens and tokens[0].lower_ == "with" and any(
            o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.lower_ in ("them", "they")) for o in tokens[0].children):
        return "third party"
    return None


def _attributed_to(tok: Token) -> list[Token] | None:
    """The phrase a statement hands the fault to, when ``tok`` makes one: "the carrier's
    responsibility", "the responsibility of the customer", "responsibility lies with the courier",
    "the courier is responsible for", "the result of a backlog at our bank", "caused by interference
    inside the home". None when ``tok`` says nothing of the kind or says it negated."""
    lemma = tok.lemma_.lower()
    if lemma in FAULT_NOUNS and tok.pos_ == "NOUN":
        if is_negated(tok.head) or any(c.lower_ in ("no", "not") for c in tok.children):
            return None  # "it's not your fault" is reassurance; "no liability" is a disclaimer rule
        if lemma == "fault" and any(c.dep_ == "compound" for c in tok.children):
            return None  # "your boiler fault" is what broke, not whose fault it was
        held = [t for c in tok.children if c.dep_ == "poss" for t in c.subtree]
        held += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        if tok.dep_ == "nsubj" and tok.head.lemma_ in ("lie", "rest", "sit"):
            held += [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree]
        return held or None
    if lemma in ("responsible", "liable") and tok.dep_ == "acomp" and tok.head.lemma_ == "be" \
            and not is_negated(tok.head):
        subj = subject_of(tok.head)
        if subj is not None and subj.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            subj = tok.head.head  # "our contractor, Linewell, who are responsible for any damage"
        while subj is not None and subj.dep_ == "appos":
            subj = subj.head
        return _phrase_words(subj) if subj is not None else None
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.pos_ in ("NOUN", "PROPN", "PRON") and not is_negated(tok.head) \
            and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.head.children):
        # The cleft that points at someone: "it was the warehouse team who packed your order" (after
        # a pronoun the parser hangs the "who" clause on "was": "it was you who forgot to cancel").
        clauses = [c for c in tok.children if c.dep_ == "relcl"] + (
            [c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i] if tok.pos_ == "PRON" else [])
        deed = next((c for c in clauses if c.tag_ in ("VBD", "VBN")
                     and subject_of(c) is not None and subject_of(c).lower_ in ("who", "that")
                     and c.lemma_.lower() not in NOT_DEEDS | CLEFT_NOT_DEEDS), None)
        if deed is None:
            return None
        focus = [t for t in _phrase_words(tok) if t.i < deed.i]
        if any(t.lower_ in ("our", "my", "we", "i") for t in focus):
            return None  # "it was our warehouse team who packed it" owns it
        if any(t.lower_ in CUSTOMER_WORDS for t in focus) and not (
                is_negated(deed) or deed.lemma_.lower() in lexicon()["failure_verbs"] | CUSTOMER_SLIPS):
            return None  # "it was your neighbour who took it in" blames nobody
        return focus + [deed]
    # "it's up to the account holder to switch off data roaming" (not "it's up to you whether...")
    if lemma == "up" and tok.head.lemma_ == "be" and not is_negated(tok.head) and any(
            c.dep_ == "xcomp" for c in tok.head.children):
        held = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
        return held or None
    # "That part of the process sits with Parking Services rather than with us"
    if lemma in ("sit", "lie", "rest") and tok.pos_ == "VERB" and not is_negated(tok) and any(
            t.lower_ in ("than", "not") for t in tok.subtree) and any(
            c.dep_ == "prep" and c.lower_ == "with" and any(o.lower_ in ("us", "me") for o in c.children) for c in tok.children):
        ours = min(c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                   and any(o.lower_ in ("us", "me") for o in c.children))
        # (the party comes first: "sits with us, not with the courier" owns it)
        held = next(([t for t in c.subtree] for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                     and c.i < ours), None)
        if held:
            return held
    # "the delay in arranging a visit sits with them", "the hold-up lies with the courier": the
    # failure itself placed with someone (whoever "with" names; "lies with us" owns it in _holder)
    if lemma in ("sit", "lie", "rest") and tok.pos_ == "VERB" and not is_negated(tok) \
            and (subj := subject_of(tok)) is not None and subj.lemma_.lower() in lexicon()["failure_nouns"] | {"delay", "hold"}:
        held = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree]
        if held:
            return held
    # "That's a billing team error rather than something that happened in sales", "That's a
    # membership team thing, not front desk": the fault filed under another department
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.lemma_.lower() in DEPARTMENT_MATTERS \
            and not is_negated(tok.head) and any(c.dep_ == "nsubj" and c.lower_ in ("that", "it", "this") for c in tok.head.children):
        teams = [c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in DEPARTMENTS]
        contrast = any(c.dep_ == "neg" or c.lower_ == "than" or c.dep_ == "prep" and c.lower_ == "than"
                       for c in tok.children) or any(t.lower_ == "than" for t in tok.subtree)
        # (not "a billing team error, not yours": that takes it off the customer, onto us)
        if teams and contrast and not any(t.lower_ in ("you", "your", "yours") for t in tok.subtree):
            return [t for c in tok.children if c.dep_ == "compound" for t in c.subtree]
    # "it was shown clearly on the booking page before you confirmed", "The deposit deadline was
    # clearly stated on the trip letter": told in advance, so the customer should have read it
    if lemma in NOTICE_VERBS and tok.tag_ == "VBN" and not is_negated(tok) and tok.dep_ in ("ROOT", "conj", "ccomp") \
            and any(c.dep_ == "auxpass" for c in tok.children) and not is_first_person(subject_of(tok)):
        clearly = [c for c in tok.children if c.dep_ == "advmod" and c.lower_ in ("clearly", "plainly", "prominently")]
        before_you = [c for c in tok.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "before" for m in c.children)
                      and subject_of(c) is not None and subject_of(c).lower_ == "you"]
        if clearly or before_you:
            return clearly + [t for c in before_you for t in c.subtree]
    # "This decision was entirely theirs"
    if tok.lower_ == "theirs" and tok.dep_ in ("attr", "acomp") and not is_negated(tok.head):
        return [tok]
    if lemma == "down" and tok.dep_ in ("advmod", "prt") and tok.head.lemma_ in ("be", "come") and not is_negated(tok.head):
        # "any further delay is down to your card issuer's processing times" ("down to us" owns it)
        held = [t for c in list(tok.children) + list(tok.head.children) if c.dep_ == "prep" and c.lower_ == "to"
                for t in c.subtree]
        return held or None
    if lemma in CUSTOMER_INPUT_VERBS and tok.dep_ == "advcl" and not is_negated(tok) and any(
            c.dep_ == "mark" and c.lower_ in ("as", "because", "since") for c in tok.children) \
            and subject_of(tok) is not None and subject_of(tok).lower_ == "you":
        # "As you selected our Saver delivery option at checkout, delays of this kind can occur"
        return [subject_of(tok), tok]
    if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in ("because", "since")
                                                                  for c in tok.children):
        # "These charges were added because data roaming was switched on in your phone's settings"
        kit = [t for t in tok.subtree if t.lemma_.lower() in CUSTOMER_KIT
               and any(c.dep_ == "poss" and c.lower_ == "your" for c in t.children)]
        kit += [t for t in tok.subtree if t.lemma_.lower() in CUSTOMER_KIT and t.head.dep_ == "poss"
                and any(c.dep_ == "poss" and c.lower_ == "your" for c in t.head.children)]
        if kit:
            return list(tok.subtree)
    if lemma == "result" and tok.dep_ == "attr" and not is_negated(tok.head):
        return [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree] or None
    if lemma == "cause" and tok.tag_ == "VBN" and not is_negated(tok):
        # Third parties as passive agents are third_party_blame's; here the customer's side
        # ("usually caused by Wi-Fi interference inside the home", "caused by incorrect washing"),
        # but not the customer's things the failure happened to ("caused by the late arrival of
        # your order").
        held = [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
        customer = [t for t in held if t.lower_ in CUSTOMER_WORDS
                    and not (t.dep_ == "poss" and t.head.dep_ == "pobj" and t.head.head.lower_ == "of")]
        misuse = [t for t in held if t.lower_ in MISUSE_WORDS]
        return held if customer or (misuse and not any(t.lower_ in ("our", "we", "us", "my") for t in held)) else None
    if lemma in ("end", "side") and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "at", "from"):
        # "an issue on our hosting provider's end", "a fault at the bank's side" (not "on our side")
        held = [t for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for t in c.subtree]
        # "I think the day was misheard on your end": a slip placed with the customer (not "we're on your side")
        deed = tok.head.head
        if not held and deed.tag_ in ("VBN", "VBD") and deed.lemma_ != "be" and not is_negated(deed) and any(
                c.dep_ == "poss" and c.lower_ == "your" for c in tok.children):
            held = [c for c in tok.children if c.dep_ == "poss"] + [tok]
        return held or None
    if lemma in DELEGATED_VERBS and tok.tag_ == "VBN" and not is_negated(tok) and any(
            c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in tok.children):
        # "our installations are carried out by Kestrel Networks, an independent contractor": the
        # job said to be someone else's, in the present, as the reason
        return [t for c in tok.children if c.dep_ == "agent" for t in c.subtree] or None
    if lemma in INPUT_CHECK_VERBS and tok.pos_ in ("VERB", "AUX") and is_negated(tok):
        # "the address you gave didn't include a flat number"
        subj = subject_of(tok)
        given = subj is not None and any(c.dep_ == "relcl" and subject_of(c) is not None and subject_of(c).lower_ == "you"
                                         and c.lemma_.lower() in CUSTOMER_INPUT_VERBS for c in subj.children)
        return list(subj.subtree) if given else None
    if tok.dep_ == "ccomp" and tok.head.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.head.children) \
            and any(c.lower_ in ("likely", "probably", "possible", "may", "might", "could") for c in tok.head.children):
        # "it may be that your grinder needs adjusting", "it's most likely that it hasn't been
        # descaled regularly": the customer's kit or care offered as the probable cause
        subj = subject_of(tok)
        if subj is not None and any(c.dep_ == "poss" and c.lower_ == "your" for c in subj.children):
            return list(subj.subtree)
        if is_negated(tok) and tok.lemma_.lower() in CARE_VERBS:
            return [t for t in tok.subtree if t.i <= tok.i]  # _holder: a duty of care left undone is the customer's
    return None


# What a fault is filed as when it is said to be another department's: "a billing team error".
DEPARTMENT_MATTERS = {"error", "mistake", "thing", "issue", "problem", "matter", "fault", "question", "call"}
DEPARTMENTS = {"team", "department", "dept", "desk", "office", "division", "unit", "warehouse", "depot", "kitchen"}
# Verbs of notice given in advance: "it was clearly shown/stated/displayed".
NOTICE_VERBS = {"show", "state", "display", "list", "mark", "print", "explain", "signpost", "advertise", "set"}
# Misuse named as a cause with no owner: "caused by incorrect washing", "by improper installation".
MISUSE_WORDS = {"incorrect", "incorrectly", "improper", "improperly", "misuse", "mishandling", "careless", "wrongly"}
# Jobs said to be someone else's: "deliveries are handled by our courier partner".
DELEGATED_VERBS = {"carry", "handle", "provide", "operate", "run", "manage", "perform", "fulfil", "fulfill",
                   "undertake", "supply", "process", "appoint", "contract", "outsource"}
INPUT_CHECK_VERBS = {"include", "contain", "have", "match", "show", "mention"}
CUSTOMER_INPUT_VERBS = {"give", "enter", "provide", "choose", "select", "supply", "type", "use", "submit", "send", "fill"}
CARE_VERBS = {"descale", "clean", "maintain", "service", "update", "charge", "store", "wash", "install", "register"}


def _disowned(tok: Token) -> bool:
    """The writer denies the fault: "this was not caused by Paywell/us", "it wasn't our fault",
    "there was nothing I could have done"."""
    if tok.lemma_.lower() == "cause" and tok.tag_ == "VBN" and is_negated(tok) and any(
            c.dep_ == "agent" for c in tok.children):
        agent = [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
        return any(t.lower_ in ("us", "me") or t.pos_ == "PROPN" for t in agent)
    if tok.lemma_.lower() == "fault" and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
        return is_negated(tok.head) or any(c.lower_ in ("no", "not") and c.i < tok.i for c in tok.children)
    # "It was the driver who left it in your bin, not us", "the algorithm flagged it, not a person"
    if tok.dep_ == "appos" and tok.lower_ in ("us", "me", "person", "human", "anyone") and (
            any(c.dep_ == "neg" for c in tok.children) or any(t.lower_ == "not" for t in tok.doc[max(0, tok.i - 2):tok.i])):
        return True
    if tok.lower_ == "nothing" and not any(c.lower_ in ("more", "further", "else") for c in tok.children) \
            and any(c.dep_ == "relcl" and is_first_person(subject_of(c))
                                       and any(a.lower_ in ("could", "can") for a in c.children) for c in tok.children):
        return True  # "there was nothing I could have done", "nothing we can do about drivers"
    # "is therefore not something we are able to take responsibility for", "we cannot accept liability"
    if tok.lemma_.lower() in ("responsibility", "liability") and tok.dep_ == "dobj" \
            and tok.head.lemma_.lower() in ("take", "accept", "assume", "bear") \
            and is_first_person(subject_of(tok.head) or subject_of(tok.head.head) or subject_of(tok.head.head.head)) \
            and (is_negated(tok.head) or any(c.lower_ in ("unable", "cannot") for c in tok.head.head.children)
                 or tok.head.head.lower_ in ("unable", "cannot") or _negated_upwards(tok.head)):
        return True
    # "once it's with the rider it is out of our hands"
    if tok.lower_ == "hands" and tok.dep_ == "pobj" and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children) \
            and tok.head.lower_ == "of" and tok.head.head.lower_ == "out":
        return True
    return False


def _negated_upwards(verb: Token) -> bool:
    """A negation a few heads up: "not something we are able to take responsibility for"."""
    node = verb
    for _ in range(5):
        if is_negated(node) or any(c.lower_ == "not" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@named_check
def fault_attribution(draft, extra_parties: list[str] | None = None, **_) -> list[Hit]:
    """The fault is handed on in so many words: to the customer ("it is the customer's
    responsibility to ensure details are correct"), to a third party ("damage in transit is the
    carrier's responsibility", "the result of a backlog at our sponsoring bank"), or disowned ("this
    was not caused by us", "nothing I could have done"). Not when the same sentence takes the
    fault ("the courier was responsible, but choosing them was our mistake"), not in sympathy or
    under "if"."""
    parties = set(lexicon()["third_parties"]) | set(extra_parties or []) | declared_parties(draft)
    sympathy = sympathy_ranges(draft)
    hits = []
    fault_taken: dict[int, bool] = {}
    # Sentence by sentence (the draft's own tokens, in the same order): whether a sentence takes
    # the fault is read once for it, not once per token ("Token.sent" walks back to the sentence
    # start on every call).
    for sent, tok in ((sent, tok) for sent in draft.sentences for tok in sent):
        if is_hypothetical(tok) or any(start <= tok.i < end for start, end in sympathy):
            continue
        if sent.start not in fault_taken:
            fault_taken[sent.start] = claims_fault(list(sent))
        if fault_taken[sent.start]:
            continue
        if _disowned(tok):
            told = [t for c in tok.children if c.dep_ in ("agent", "poss", "relcl", "neg") for t in c.subtree]
            if tok.lower_ == "hands":
                told += [tok.head, tok.head.head]  # "out of our hands"
            if tok.lemma_.lower() in ("responsibility", "liability"):
                told += [tok.head]  # "...able to take responsibility"
            hits.append(Hit(*span_of(tok, [tok] + told),
                            vars={"party": "someone else"}))
            continue
        held = _attributed_to(tok)
        if held is None:
            continue
        if tok.lemma_.lower() in DELEGATED_VERBS and draft.components.get("responsibility"):
            continue  # "deliveries are handled by our courier partner, and this one was our mistake"
        holder = _holder(held, parties)
        if holder is not None:
            hits.append(Hit(*span_of(tok, [tok] + held), vars={"party": "the customer" if holder == "customer" else
                                                                  " ".join(t.text for t in sorted(held, key=lambda t: t.i) if t.dep_ not in ("relcl", "ccomp"))}))
    return hits


# What only the customer is said to do wrong: "it was you who forgot to cancel".
CUSTOMER_SLIPS = {"forget", "fail", "neglect", "ignore", "misread", "overlook", "misunderstand", "mistype"}
# What the person a cleft points at did, when it is no deed: "it was you who spotted it".
CLEFT_NOT_DEEDS = {"tell", "say", "ask", "know", "see", "hear", "notice", "spot", "find", "think", "want", "hope",
                   "need", "feel", "help", "raise", "point", "catch", "suggest", "recommend", "choose", "pick"}


# Damage done by someone's hands: "a contractor struck one of our trunk mains".
DAMAGE_VERBS = {"strike", "hit", "cut", "sever", "crush", "dent", "scratch", "smash", "puncture", "dig", "knock",
                "tear", "rip", "crack", "bend", "break", "damage", "drop", "lose", "misplace", "mishandle", "throw"}
# Past deeds that report or repair rather than fail: "the courier confirmed", "the bank refunded".
NOT_DEEDS = {"confirm", "report", "say", "state", "advise", "inform", "tell", "attempt", "try", "agree", "promise",
             "offer", "mark", "show", "record", "apologise", "apologize", "explain", "accept", "return", "collect",
             "deliver", "arrive", "contact", "reply", "respond", "call", "email", "write", "ask", "investigate"}


# What another party owes the customer's case; negated, it is their failure ("has not provided a date").
DUTY_VERBS = {"provide", "send", "confirm", "supply", "release", "approve", "return", "respond", "reply", "attend",
              "report", "update", "give", "process", "forward", "deliver"}
# Verbs of a no-show ("didn't turn up") and of having a fault ("had a fault in its data centre").
NO_SHOW_LEMMAS = {"turn", "show", "come", "arrive", "answer", "attend"}
HAVING_VERBS = {"have", "suffer", "experience"}


# What a draft may call someone to say they are not us: "Our mobile fitters are independent
# contractors", "Mailsprint, the service we send invoices through", "All of our drivers are self-employed".
OUTSIDE_KINDS = {"contractor", "subcontractor", "partner", "vendor", "supplier", "provider", "company", "firm",
                 "business", "service", "agency", "processor", "operator", "host", "third-party", "freelancer"}
OUTSIDE_MARKS = {"independent", "separate", "external", "outside", "self-employed", "third-party", "freelance"}


def declared_parties(draft) -> set[str]:
    """Who the draft itself says is someone else, so that what they did is read as a party's deed
    whatever their noun: "the fitter assigned to your area did not attend" after "Our mobile fitters
    are independent contractors"; "Mailsprint, the service we send invoices through, mixed up the
    recipients"; "The warehouse is run separately from customer services"."""
    cached = draft._cache.get("declared_parties")
    if cached is not None:
        return cached
    declared = set()
    for tok in draft.own_tokens():
        if tok.lemma_ == "be" and not is_negated(tok):
            subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
            said = [c for c in tok.children if c.dep_ in ("attr", "acomp")]
            if subj is not None and any(c.lemma_.lower() in OUTSIDE_MARKS or hyphenated(c) in OUTSIDE_MARKS
                                        or c.lemma_.lower() in OUTSIDE_KINDS and any(
                                            m.lower_ in OUTSIDE_MARKS or hyphenated(m) in OUTSIDE_MARKS for m in c.children)
                                        for c in said):
                declared.add(subj.lemma_.lower())  # "our fitters are independent contractors", "drivers are self-employed"
        elif tok.lemma_.lower() == "run" and tok.tag_ == "VBN" and any(c.lower_ in ("separately", "independently")
                                                                      for c in tok.children):
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                declared.add(subj.lemma_.lower())  # "The warehouse is run separately from customer services"
        elif tok.dep_ == "appos" and tok.lemma_.lower() in OUTSIDE_KINDS and tok.head.pos_ == "PROPN":
            # "Mailsprint, the service we send invoices through", "Nimbus Cloud, our hosting provider"
            declared.add(tok.head.lemma_.lower())
    draft._cache["declared_parties"] = declared
    return declared


def _third_party(word: Token) -> bool:
    """"a third-party network component", "a third party supplier": "party" modified by "third"."""
    return word.lemma_.lower() == "party" and any(c.lower_ == "third" for c in word.children)


def _someone_else(tok: Token, parties: set[str]) -> bool:
    """A party noun naming someone other than us: not generic machinery ("the system") and not our
    own machine ("our app")."""
    lemma = tok.lemma_.lower()
    return lemma in parties and lemma not in GENERIC_PARTIES and not _our_own_machine(tok)


def _our_own_machine(party: Token) -> bool:
    """"our system", "our app": the company's own machinery is not someone else to blame (the
    research's "blaming the system" is "the system"/"the computer", said as if nobody ran it)."""
    return party.lemma_.lower() in GENERIC_PARTIES and any(c.lower_ in ("our", "my") for c in party.children)


def _third_party_deeds(draft) -> list[Token]:
    """Past actions that may have a third party as their doer, besides the failure words: any past
    verb in a sentence that states the failure ("the courier left it in your recycling bin"), a
    verb of damage anywhere ("a contractor struck our main"), and a negated verb in a "because"
    clause ("delayed because your previous supplier has not released your meter")."""
    lex = lexicon()
    not_deeds = NOT_DEEDS | set(lex["repair_verbs"]) | set(lex["follow_up_verbs"]) | set(lex["non_repair_verbs"])
    failure_sents = {t.sent.start for t in failure_tokens(draft)}
    sympathy = sympathy_ranges(draft)
    deeds = []
    for tok in draft.own_tokens():
        if _let_down(tok) and not is_future(tok) and not is_hypothetical(tok):
            deeds.append(tok)  # "our supplier let us down" ("let" is tagged VBD or VBP alike)
            continue
        # "because the driver didn't report for his shift": a past told with "did" is tagged VB
        did_past = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "did" for c in tok.children)
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN") and not did_past or is_hypothetical(tok):
            continue
        if any(start <= tok.i < end for start, end in sympathy):
            continue  # "sorry to hear the storm damaged your fence"
        if any(c.dep_ == "auxpass" for c in tok.children):
            continue  # the passive's agent is read by the caller
        lemma = tok.lemma_.lower()
        because = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("because", "as", "since")
                                              for c in tok.children)
        if is_negated(tok):
            # "delayed because your previous supplier has not released your meter"; "the network
            # operator has not yet provided a repair date": a duty someone else has not done
            if because or lemma in DUTY_VERBS:
                deeds.append(tok)
        elif lemma in DAMAGE_VERBS or (tok.sent.start in failure_sents and lemma not in not_deeds):
            deeds.append(tok)
        elif clause_words(tok) & {"rather", "instead"}:
            deeds.append(tok)  # "left it in your recycling bin rather than with a neighbour as requested"
    return deeds


def _let_down(tok: Token) -> bool:
    """"let us down" ("down" is parsed as prt or as a ccomp of its own, so the words are read)."""
    return tok.lemma_.lower() == "let" and "down" in {t.lower_ for t in tok.doc[tok.i + 1:tok.i + 4]}


# Third-party nouns that, as "your X", are the customer's own business ("your shop was down").
CUSTOMER_OWN_PARTIES = {"shop", "website", "app", "platform", "network", "server", "system", "company", "firm", "store"}
REPORTING_VERBS = {"confirm", "say", "admit", "tell", "report", "explain", "advise", "inform", "accept"}
# Third parties too generic to be someone blamed in a cause ("due to a system issue" is an excuse).
GENERIC_PARTIES = {"system", "glitch", "software", "computer", "algorithm", "platform", "network", "server", "app",
                   "website", "weather", "storm"}


@named_check
def no_apology(draft, **_) -> list[Hit]:
    """A failure is described and the writer never apologises: no apology phrase of any form
    (a sympathy "sorry to hear" or a reported "you said sorry" is not the writer's apology).
    Anchored on the first sentence that states the failure."""
    if any(a.kind == "apology" for a in draft.apologies):
        return []
    spans = draft.signals.failure_spans
    if not spans:
        # "We are sorry to hear that your hotel booking was cancelled without notice": sympathy for
        # a failure that was ours is no apology for it (labelling guide, rule 3)
        spans = [span_of(t) for t in failures_told_as_sympathy(draft)]
    if not spans:
        return []
    span = draft.doc.char_span(*spans[0], alignment_mode="expand")
    sent = span.sent if span is not None else draft.sentences[0]
    text = sent.text.rstrip()
    return [Hit(sent.start_char, sent.start_char + len(text))]


@named_check
def suppression_comments(draft, **_) -> list[Hit]:
    """Every ``apolint:`` suppression comment in the draft (masked out of the parsed text, so the
    hit is found in the original and mapped back). Which of them suppressed nothing is only known
    after every rule has run: ``apolint/suppress.py`` keeps just those."""
    from .suppress import find_directives, parsed_span

    prepared = draft.prepared
    hits = []
    for d in find_directives(prepared.original):
        if d.kind == "enable":
            continue
        start, end = parsed_span(prepared, d.start, d.end)
        if end > start:
            hits.append(Hit(start, end, vars={"directive": d.label}))
    return hits


@named_check
def not_english(draft, **_) -> list[Hit]:
    """The draft does not look like English (apolint/language.py). One hit on the first line of
    the draft, so the note points somewhere a person looks; lint.py then drops every other
    finding, because an English parse of another language yields nonsense."""
    from .language import judge

    verdict = judge(draft.text)
    if verdict.english:
        return []
    text = draft.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Hit(start, end, vars={"reason": verdict.reason})]


# Checks kept in their own modules register themselves on import: placeholder leftovers, and the
# catalogue's checks (but-cancellation, passive-evasion, minimizing, ...).
from . import leftovers as _leftovers  # noqa: E402,F401
from . import catalogue_checks as _catalogue_checks  # noqa: E402,F401
