"""Named checks for the non-apology catalogue (research/apology-domain.md A1): the patterns whose
decision needs the parse *and* the draft around it, which a YAML pattern cannot say. Each is
registered in ``NAMED_CHECKS`` and takes its word lists from the rule file's ``params``, so the
vocabulary stays data; the code holds only the grammar."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: loading rules must not import spaCy
    from spacy.tokens import Span, Token

from .checks.base import Hit
from .lexicon import lexicon
from .named_checks import fault_attribution, named_check, third_party_blame
from .signals import (EMPTY_FAULT_NOUNS, MISDIRECTABLE_VERBS, OWN_MACHINERY, claims_fault, clause_words, failure_tokens,
                      hyphenated, is_first_person, is_future, is_hypothetical, is_negated, is_ours, owns_cause,
                      prepositional_cause, span_of, subject_of, sympathy_ranges)

CONTRAST_CC = {"but", "yet"}
CONCESSIVE_MARKS = {"although", "though", "while", "whilst"}
CONTRAST_ADVERBS = {"however", "unfortunately", "nevertheless", "nonetheless", "although", "though", "but", "yet"}


def _sentence_index(draft) -> dict[int, int]:
    return {s.start: i for i, s in enumerate(draft.sentences)}


def _clause_head(token: Token) -> Token:
    if token.dep_ in ("acomp", "attr", "oprd") and token.head.pos_ in ("AUX", "VERB"):
        return token.head
    return token


def _first_word(sent: Span) -> Token | None:
    return next((t for t in sent if t.is_alpha), None)


# ---------------------------------------------------------------- but-cancellation

def _contrast_cue(tokens: list[Token], params: dict) -> str | None:
    """What a contrast clause brings in: blame, an excuse or a policy (None: something else,
    such as a repair, "but I've already refunded it")."""
    lex = lexicon()
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    low = " ".join(t.lower_ for t in tokens)
    # who else a contrast can hand the fault to: the lexicon's third parties and the rule's own list
    all_parties = set(lex["third_parties"]) | set(params.get("parties", []))
    others = all_parties - OWN_MACHINERY  # (our own machinery is not someone else: "our system couldn't")
    # "but the fault is ours, not the supplier's": a contrast that owns the failure undoes nothing.
    if claims_fault(tokens):
        return None
    for tok in tokens:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
        lemma = tok.lemma_.lower()
        if subj.lower_ == "you":
            # "you should have checked", "you didn't update", "you forgot"
            should_have = any(c.lower_ == "should" for c in tok.children) and any(
                c.lower_ == "have" and c.dep_ == "aux" for c in tok.children)
            if lemma in set(params["blame_verbs"]) or should_have or (
                    is_negated(tok) and lemma in set(params["duty_verbs"])):
                return "blame"
        elif subj.lemma_.lower() in lex["third_parties"] and lemma in lex["failure_verbs"] and not is_negated(tok):
            return "blame"
        elif subj.lemma_.lower() in others and is_negated(tok) and any(c.dep_ == "aux" and c.lower_ in ("could", "ca", "can", "was", "were")
                                            for c in tok.children):
            # "though the courier couldn't get in": what someone else could not do, offered as the reason
            return "blame"
        elif is_negated(tok) and lemma in set(params["duty_verbs"]) and subj.pos_ in ("NOUN", "PROPN") \
                and not (is_first_person(subj) or is_ours(subj)) and not subj.lemma_.lower() in lex["failure_nouns"]:
            # "Having said that, the loss adjuster didn't send us their report until 14 November"
            return "blame"
    # "However, the delivery address entered at checkout was incomplete": what the customer gave us,
    # found wanting
    # (or told with the customer as its giver: "However, the photos you uploaded were too blurry to assess")
    wanting = {"incomplete", "incorrect", "wrong", "invalid", "missing", "inaccurate", "mistyped", "misspelt"}
    for tok in tokens:
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in set(params["duty_verbs"]) \
                and not any(c.dep_ == "agent" for c in tok.children) and lemmas & wanting:
            return "blame"
        if tok.dep_ == "relcl" and (tok.lemma_.lower() in set(params["duty_verbs"]) or tok.lemma_.lower() in ("upload", "fill"))\
                and (giver := subject_of(tok)) is not None and giver.lower_ == "you" and tok.head.dep_ == "nsubj" \
                and (lemmas & wanting or any(c.dep_ == "acomp" and c.i > 0 and c.nbor(-1).lower_ == "too"
                                             for c in tok.head.head.children)):
            return "blame"
    # "However, damage in transit is the carrier's responsibility", "the hold-up was caused by our
    # stone supplier": someone else named with the fault.
    parties = {t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN")} & all_parties
    if parties - OWN_MACHINERY - {"computer"} \
            and lemmas & {"responsibility", "responsible", "fault", "cause", "caused", "blame", "liable"}:
        return "blame"
    # "That said, the delay was down to our accounts department" (not "that's down to us")
    if parties and " down to " in f" {low} " and not any(f"down to {w}" in low for w in ("us", "me", "my", "our mistake")):
        return "blame"
    # "but that's down to the restaurant, not us", "it was down to Swiftline"
    for tok in tokens:
        if tok.lower_ == "to" and tok.head.lower_ == "down":
            for who in (c for c in tok.children if c.dep_ == "pobj"):
                # (a named company counts whatever its determiner: "down to Swiftline")
                if (who.pos_ in ("NOUN", "PROPN") and not (is_first_person(who) or is_ours(who))
                        and any(c.lower_ in ("the", "their", "his", "her") for c in who.children)) or who.pos_ == "PROPN":
                    if who.lemma_.lower() not in ("mistake", "error", "oversight", "fault", "luck", "timing", "demand", "weather"):
                        return "blame"
    # "your parcel was lost in transit by ParcelPoint": someone else as the agent of the failure
    for tok in tokens:
        if tok.lemma_.lower() in lex["failure_verbs"] and any(
                c.dep_ == "agent" and any(o.pos_ == "PROPN" or o.lemma_.lower() in others for o in c.children)
                for c in tok.children):
            return "blame"
    if any(p in low for p in params["policy_phrases"]) or lemmas & set(params["policy_words"]):
        return "policy"
    # "the product page does say this style comes up small": the customer should have read it
    if any(t.lemma_.lower() in ("say", "state", "mention", "explain", "show") and any(
            c.dep_ == "aux" and c.lower_ in ("does", "did", "do") for c in t.children) and not is_negated(t) for t in tokens):
        return "policy"
    # "everything's fine on our end, and nobody else on your street has reported it"
    if (" fine on our " in f" {low} " or " normal on our " in f" {low} ") or any(
            _no_one_else(t) for t in tokens if t.pos_ in ("PRON", "NOUN")):
        return "comparison"
    # "Our fraud filter was only doing its job", "the checks are designed to protect you"
    if "doing its job" in low or "doing their job" in low or lemmas & {"designed"} and lemmas & {"protect", "stop", "catch"}:
        return "excuse"
    # "I'm sorry, but our billing system only updates tariffs overnight at month end"
    for tok in tokens:
        if tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP") and any(c.lower_ == "only" and c.dep_ == "advmod" for c in tok.children) \
                and (is_ours(subject_of(tok)) or is_first_person(subject_of(tok))):
            return "policy"
    # "However, it affected only a small proportion of our members": the failure made small
    if lemmas & {"only", "just", "merely"} and lemmas & {"small", "few", "minor", "handful", "fraction", "proportion", "tiny"}:
        return "minimizing"
    # "though to be fair, ...": the contrast argues our side
    if lemmas & set(params["excuse_words"]) or "to be fair" in low:
        return "excuse"
    # A refusal by us ("we can't refund opened items") is policy unless the clause also repairs.
    for tok in tokens:
        if tok.lower_ in ("ca", "can", "cannot", "able", "allowed") and (is_negated(tok.head) or tok.lower_ == "cannot"
                                                                          or is_negated(tok)):
            # "we can't refund opened items", "discounts cannot be added once an order is placed"
            subj = subject_of(tok.head) or subject_of(tok)
            if is_first_person(subj) or (subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ != "you"):
                repair = any(t.lemma_.lower() in lex["repair_verbs"] and not is_negated(t) for t in tokens
                             if t.pos_ == "VERB" and is_first_person(subject_of(t)))
                if not repair:
                    return "policy"
    return None


@named_check
def cancelled_apology(draft, **params) -> list[Hit]:
    """An apology undone by the contrast right after it: "I'm sorry, BUT our policy is...",
    "We apologise. HOWEVER, you should have...". The contrast is the apology clause's ``conj``
    with ``cc`` but/yet, a contrast adverb later in the same sentence, or the next sentence's
    first word. Only a contrast that brings blame, an excuse or a policy is reported; "Sorry,
    but good news: it's fixed" is not a cancellation."""
    sents = draft.sentences
    index = _sentence_index(draft)
    hits = []
    for apology in draft.real_apologies:
        trigger = apology.trigger
        head = _clause_head(trigger)
        sent = trigger.sent
        marker, contrast = None, None
        for holder in (head, trigger):
            ccs = [c for c in holder.children if c.dep_ == "cc" and c.lower_ in CONTRAST_CC and c.i > trigger.i]
            conjs = [c for c in holder.children if c.dep_ == "conj" and ccs and c.i > ccs[0].i]
            if ccs and conjs:
                marker, contrast = ccs[0], [t for c in conjs for t in c.subtree]
                break
        if contrast is None and head.dep_ == "advcl":
            # "Although we apologise that two items were missing, our restaurant partners are extremely
            # busy at weekends": the apology is the concession, the main clause the point
            concession = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS), None)
            if concession is not None:
                # (what follows the concession clause; spaCy may hang it on the wrong verb)
                last = max(t.i for t in head.subtree)
                marker, contrast = concession, [t for t in sent if t.i > last]
        if contrast is None:
            # ("hasn't arrived yet": a temporal "yet" contrasts nothing)
            later = [t for t in sent if t.i > trigger.i and t.lower_ in CONTRAST_ADVERBS and t.dep_ in ("advmod", "mark", "cc")
                     and not (t.lower_ == "yet" and t.dep_ == "advmod")]
            if later:
                marker = later[0]
                contrast = [t for t in sent if t.i >= marker.i]
        if contrast is None and sent.start in index and index[sent.start] + 1 < len(sents):
            nxt = sents[index[sent.start] + 1]
            first = _first_word(nxt)
            # "Please note, however, ...": a contrast adverb among the opening words
            early = next((t for t in list(nxt)[:5] if t.lower_ in ("however", "though") and t.dep_ == "advmod"), None)
            # "Our fraud filter was only doing its job though": a trailing "though" answers the apology
            early = early or next((t for t in nxt if t.lower_ == "though" and t.dep_ == "advmod" and t.head.i < t.i
                                   and (t.i + 1 >= nxt.end or t.nbor(1).is_punct)), None)
            if first is not None and (first.lower_ in CONTRAST_ADVERBS or _arguing_marker(first) is not None):
                marker, contrast = first, list(nxt)
            elif early is not None:
                marker, contrast = early, list(nxt)
        if contrast is None:
            continue
        cue = _contrast_cue(contrast, params) or _takes_it_back(marker, contrast, params, trigger) \
            or _blame_inside(draft, contrast, params)
        if cue is None:
            continue
        # From the apology to the contrast word, across a sentence break when the contrast opens the next one.
        # (a concession's marker comes first: "Although we apologise that ...")
        start, end = min(apology.start, marker.idx), max(marker.idx + len(marker), apology.end if marker.i < trigger.i else 0)
        # the whole opener for the message: the "That said", the "To be fair"
        phrase = _arguing_marker(marker)
        shown = marker.doc[marker.i: marker.i + len(phrase.split())].text if phrase else marker.text
        hits.append(Hit(start, end, vars={"marker": shown, "cue": CUE_WORDS[cue]},
                        severity="error" if cue == "blame" else None))
    return hits


def _blame_inside(draft, contrast: list[Token], params: dict) -> str | None:
    """Whatever blame-shifting itself reads as handing the fault on, when it lies inside the
    contrast: "However, the outage originated with our hosting provider, Cloudnine". The contrast's
    own cue lists name only the common shapes; this lets every blame reading count here too."""
    cached = draft._cache.get("blame_spans")
    if cached is None:
        parties = list(params.get("parties", []))
        cached = [(h.start, h.end) for h in third_party_blame(draft, extra_parties=parties)
                  + fault_attribution(draft, extra_parties=parties)]
        draft._cache["blame_spans"] = cached
    first, last = min(t.idx for t in contrast), max(t.idx + len(t) for t in contrast)
    return "blame" if any(first <= start < last for start, _ in cached) else None


# How the message names what the contrast brings in.
CUE_WORDS = {"blame": "blame", "excuse": "an excuse", "policy": "a policy", "comparison": "a comparison with others",
             "minimizing": "words that make it small", "argument": "an argument for our side"}
# Markers that concede the apology and then argue the other side whatever follows: "That said",
# "Nevertheless", "To be fair" (unlike "but"/"however", which also bring good news).
ARGUING_MARKERS = ("that said", "having said that", "that being said", "nevertheless", "nonetheless", "even so",
                   "all the same", "to be fair", "in fairness", "in our defence", "in our defense", "in saying that",
                   "having said this", "with that said", "all that said", "mind you")


def _arguing_marker(tok: Token) -> str | None:
    """The arguing marker that starts at a token ("that said", "to be fair", "nevertheless"), or None."""
    opening = " ".join(t.lower_ for t in tok.doc[tok.i: tok.i + 4]) + " "
    return next((m for m in ARGUING_MARKERS if opening.startswith(m + " ")), None)


# Records that speak for us: "our driver's photo shows it was left in the safe place you chose".
RECORD_VERBS = {"show", "confirm", "indicate", "record", "mark", "state", "say", "suggest"}
# Words that make a contrast a standing rule or a normal state of affairs: "our fraud checks are there
# to protect you and will sometimes stop a genuine payment", "our system will keep producing them".
# Where what the customer should have read was: "the links were in the welcome email".
DOCUMENT_NOUNS = {"email", "letter", "terms", "confirmation", "website", "page", "notes", "note", "notice", "faq", "faqs",
                  "contract", "agreement", "message", "text", "app", "handbook", "guide", "leaflet", "brochure", "listing"}
STANDING_WORDS = {"always", "sometimes", "occasionally", "routinely", "standard", "normal", "normally", "usual",
                  "usually", "generally", "inevitably", "keep", "continue"}


# Verbs a writer uses to set the record straight: "I should point out", "I must remind you".
POINTING_VERBS = {"point", "remind", "stress", "emphasise", "emphasize", "highlight", "clarify"}


def _pointing_out(verb: Token) -> bool:
    """"although I should point out the date was in the enrolment pack", "but I must remind you
    that...": the writer sets the record straight, an argument whatever follows. Not a plain
    report ("I pointed out the fault to the engineer")."""
    if verb.lemma_.lower() not in POINTING_VERBS or not is_first_person(subject_of(verb)) or is_negated(verb):
        return False
    obliged = any(c.dep_ == "aux" and c.lower_ in ("should", "must", "would", "'d") and c.i < verb.i for c in verb.children)
    # "I would like to point out", "I have to remind you"
    wanted = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("like", "want", "have", "need")
    return obliged or wanted


# Words that say our side was right all along, said of what the customer complains about ("the
# premium itself is correct"; not "the correct one is on its way", where "correct" names the repair).
CORRECTNESS_WORDS = {"correct", "correctly", "valid", "accurate", "accurately", "legitimate", "properly", "right"}


def _takes_it_back(marker: Token, contrast: list[Token], params: dict, trigger: Token) -> str | None:
    """A contrast that argues our side in words no cue list names: after an arguing marker ("That
    said, this was planned maintenance"), what our records say the customer did ("However, our
    driver's photo shows it was left in the safe place you chose"), or a standing rule or normal
    state ("However, our fraud checks are there to protect you"). Not when the contrast owns the
    fault, repairs or reassures ("but please don't worry: your appointment hasn't moved")."""
    lex = lexicon()
    if claims_fault(contrast) or any(t.lower_ == "should" and is_first_person(subject_of(t.head)) for t in contrast):
        return None  # "But the honest answer is that we should have caught this"
    verbs = [t for t in contrast if t.pos_ in ("VERB", "AUX")]
    repairs = [t for t in verbs if t.lemma_.lower() in lex["repair_verbs"] and not is_negated(t)
               and is_first_person(subject_of(t))]
    if (_arguing_marker(marker) is not None or any(_pointing_out(t) for t in verbs)) and not repairs:
        return "argument"
    for tok in verbs:
        subj = subject_of(tok)
        if tok.lemma_.lower() in RECORD_VERBS and subj is not None and not is_first_person(subj) \
                and subj.lower_ != "you" and subj.dep_ == "nsubj" and not is_negated(tok) and not is_hypothetical(tok) \
                and any(t.lower_ in ("you", "your", "nobody") or t.lower_ == "one" and t.nbor(-1).lower_ == "no"
                        for t in tok.subtree if t.i > tok.i):
            return "blame"  # "the tracking shows they were signed for at your address", "marked it as nobody home"
        # (only as its own sentence: in "I'm sorry the refund was late, though the date was in our
        # email" the document is our broken promise)
        if tok.lemma_ == "be" and marker.sent.start != trigger.sent.start and not is_negated(tok) and any(
                c.dep_ == "prep" and c.lower_ in ("in", "on") and any(g.lemma_.lower() in DOCUMENT_NOUNS for g in c.children)
                for c in tok.children):
            return "blame"  # "Although the links were in the welcome email": it was there to be read
    if marker.lower_ in ("however", "but", "although", "though") and not repairs and any(
            t.lower_ in CORRECTNESS_WORDS and t.dep_ in ("acomp", "advmod", "oprd") and not is_negated(t.head)
            and not is_future(t.head) for t in contrast):
        return "argument"  # "However, the premium itself is correct", "the fee was applied correctly"
    low = " ".join(t.lower_ for t in contrast)
    if marker.lower_ in ("however", "unfortunately", "but", "although") and not repairs:
        if any(f" {p} " in f" {low} " for p in ("full house", "fully booked", "at capacity", "at full capacity")):
            return "excuse"  # "However, we're a very full house with the medical conference in town"
        lemmas = {t.lemma_.lower() for t in contrast} | {t.lower_ for t in contrast}
        head = next((t for t in contrast if t.dep_ in ("ROOT", "conj") and t.pos_ in ("VERB", "AUX")), None)
        subj = subject_of(head) if head is not None else None
        if head is None or subj is None or subj.lower_ in ("you", "i") or any(
                t.lower_ in ("worry", "need") and is_negated(t) for t in contrast):
            return None  # "but you can always call us", "but please don't worry"
        modal = {c.lower_ for c in head.children if c.dep_ == "aux"}
        if lemmas & STANDING_WORDS and (head.tag_ in ("VBZ", "VBP") or is_future(head) or modal & {"can", "may", "will"}):
            return "excuse"  # "our system will keep producing them", "Fridays are always mental"
        if modal & {"can", "may", "might"} and subj.lemma_.lower() in lex["failure_nouns"]:
            return "excuse"  # "Unfortunately, delays can occur when claim forms are returned incomplete"
        if head.tag_ in ("VBZ", "VBP") and head.lemma_ != "be" and not modal and any(
                d.lower_ in ("all", "any", "every", "each") and d.dep_ == "det" and d.head.dep_ in ("nsubj", "dobj")
                and d.head.head.i == head.i for d in contrast):
            return "excuse"  # "However, all international payments over £1,000 go through these checks"
    return None


# ---------------------------------------------------------------- passive-evasion

def _owned_near(draft, sent_i: int) -> bool:
    """Is the failure owned by I/we in this sentence or the two either side of it?"""
    lex = lexicon()
    sents = draft.sentences
    # Owning words reach two sentences: "...the kitchen hadn't been cleaned. [impact]. This was our fault."
    window = sents[max(0, sent_i - 2): sent_i + 3]
    evidence = draft.signals.evidence.get("responsibility", [])
    for s in window:
        if any(s.start_char <= a < s.end_char for a, _ in evidence):
            return True
    not_owning = lex["repair_verbs"] | lex["weak_repair_verbs"] | lex["empathy_verbs"] | {
        "apologise", "apologize", "regret", "be", "have", "want", "like", "hope", "receive", "get", "read",
        "speak", "talk", "note", "notice", "ask", "say", "tell", "write", "reply", "find", "learn", "discover",
        "mention", "explain", "state", "show", "check", "look", "see", "confirm"}
    for tok in [t for s in sents[max(0, sent_i - 1): sent_i + 1] for t in s]:
        # "...because I didn't update it", "...when we moved your booking"
        # (not "As I've already explained, your payment was rejected": saying so is no deed)
        if tok.sent.start == sents[sent_i].start and tok.dep_ == "mark" and tok.lower_ in ("because", "since", "as", "when", "after", "while") \
                and is_first_person(subject_of(tok.head)) and tok.head.lemma_.lower() not in not_owning:
            return True
        # "We changed the threshold and entered 80, so your data was blocked", "A bug we shipped...
        # 1,912 accounts were shown": what we did, told in the past, here or just before
        subj = subject_of(tok)
        if tok.tag_ == "VBD" and tok.lemma_.lower() not in not_owning and subj is not None \
                and (subj.lower_ in ("i", "we") or is_first_person(subj) and tok.lemma_.lower() not in ARRANGING_VERBS) \
                and subj.dep_ == "nsubj":
            return True  # ("at 08:00 our network team applied a routing change")
        # "because we hadn't renewed the certificate, the page was unavailable": the cause offered is ours
        # (not "due to circumstances outside our control", nor "a technical issue with one of our systems")
        # (the word test first: "Token.sent" walks back to the sentence start on every call)
        if (cause := prepositional_cause(tok)) is not None and tok.sent.start == sents[sent_i].start \
                and owns_cause(cause) and not any(t.lemma_.lower() in EMPTY_FAULT_NOUNS for t in cause):
            return True
    return False


# What our people do for the customer afterwards: "our night manager arranged a room for you" owns nothing.
ARRANGING_VERBS = {"arrange", "organise", "organize", "book", "offer", "give", "pay", "issue", "send", "courier",
                   "extend", "cover"}


def _past_passive(verb: Token) -> bool:
    """A passive that reports what happened ("was cancelled", "has been cancelled", "got lost",
    "couldn't be confirmed"), not a standing state or rule ("exports are blocked", "rooms are now
    locked")."""
    # (not a habit told with "gets": "I can't control what gets sent out")
    if any(c.dep_ == "auxpass" and (c.tag_ in ("VBD", "VBN") or c.lemma_ == "get" and c.tag_ not in ("VBZ", "VBP", "VBG"))
           for c in verb.children):
        return True
    # "...which resulted in some appointments being cancelled" (not "your refund is being processed")
    if verb.dep_ in ("pcomp", "pobj", "advcl", "acl", "conj") and any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children) \
            and not any(c.dep_ == "aux" for c in verb.children):
        return True
    return any(c.dep_ == "auxpass" for c in verb.children) and is_negated(verb) and any(
        c.dep_ == "aux" and c.lower_ in ("could", "would") for c in verb.children)


# Money taken, said with nobody taking it: "a £25 fee was applied", "the payment was collected".
CHARGING_VERBS = {"apply", "collect", "take", "debit", "add", "deduct"}
CHARGE_NOUNS = {"fee", "charge", "penalty", "surcharge", "fine", "payment", "debit", "deduction"}
# Verbs whose passive undoes something when its subject is a charge or a failure ("the late fee was
# cancelled", "the block was lifted").
UNDO_VERBS = {"cancel", "remove", "void", "waive", "lift", "delete", "close", "drop", "clear", "withdraw", "release",
              "stop", "block", "freeze", "suspend", "resolve", "settle", "write"}


def _pseudo_agent(agent: Token) -> bool:
    """"by mistake", "by accident", "in error": a by-phrase that names no one."""
    pseudo = ("mistake", "accident", "error", "chance", "oversight")
    nxt = agent.nbor(1) if agent.i + 1 < len(agent.doc) else None
    # ("by mistake 🙈 Maya...": an emoji can make spaCy read "mistake" as a compound of what follows)
    return any(c.dep_ == "pobj" and c.lemma_.lower() in pseudo for c in agent.children) or (
        nxt is not None and nxt.lemma_.lower() in pseudo)


def _wrong_or_repeated(subject: Token, lemma: str, misdirection_words: list[str]) -> bool:
    """The passive subject itself says what went wrong: "a DIFFERENT brand was supplied", "the
    WRONG size was sent", "TWO payments were collected" (taking money more than once)."""
    words = {t.lower_ for t in subject.subtree}
    if words & (set(misdirection_words) - {"old", "previous", "else", "instead"}):
        return True
    if lemma in ("charge", "collect", "take", "debit", "bill"):
        counts = [t for t in subject.subtree if t.dep_ == "nummod" and t.lower_ in ("two", "three", "2", "3", "both")]
        return bool(counts or words & {"duplicate", "double", "multiple", "repeated"})
    return False


# Adverbs that say a deed was a mistake whatever the verb ("was passed to our agents WRONGLY").
ERROR_MANNER_ADVERBS = {"mistakenly", "wrongly", "incorrectly", "erroneously", "accidentally", "inadvertently",
                        "wrongfully", "unintentionally"}


def _done_in_error(verb: Token) -> bool:
    """"your account was passed to our enforcement agents in error", "the letter was sent out by
    mistake", "your booking was mistakenly released": the clause itself calls the deed a mistake,
    so any verb is a failure here."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in ERROR_MANNER_ADVERBS:
            return True
        if c.dep_ in ("prep", "agent") and any(
                (c.lower_, o.lemma_.lower()) in (("in", "error"), ("by", "mistake"), ("by", "accident"), ("by", "error"))
                for o in c.children if o.dep_ == "pobj" and not any(d.dep_ == "det" for d in o.children)):
            return True
    return False


def _apologised_for(draft, verb: Token) -> bool:
    """Is the verb inside what a real apology is for ("sorry [you were charged twice]")? Not when
    the apology is for how the customer feels about it ("sorry you feel you were charged unfairly",
    "we regret that you were disappointed that ... you were quoted"): that is sorry-you-feel's."""
    return any(a.object is not None and a.object.start <= verb.i < a.object.end and not any(
        t.lemma_.lower() in FEELING_LEMMAS for t in verb.doc[a.object.start:verb.i]) for a in draft.real_apologies)


FEELING_LEMMAS = {"feel", "think", "believe", "disappoint", "disappointed", "upset", "frustrate", "frustrated", "perceive",
                  "unhappy", "annoy", "annoyed"}


def _made_wrong(verb: Token, failure_words: set[str]) -> bool:
    """"renewal documents were generated WITH INCORRECT FIGURES", "your card was printed with the
    wrong name": what the deed was done with was wrong, whatever the verb."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        o.dep_ == "pobj" and any(m.dep_ == "amod" and m.lower_ in failure_words & {"wrong", "incorrect", "inaccurate",
                                                                                     "old", "outdated", "faulty"}
                                 for m in o.children) for o in c.children) for c in verb.children)


def _dropped_passive_subject(verb: Token) -> Token | None:
    """spaCy sometimes loses the subject of a passive when a time or number stands in it ("sorry
    your 17:42 to Carlisle was cancelled" reads "17:42" as an adverbial): the possessed or
    determined noun phrase just before the auxiliary, in the same clause, is the subject."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if aux is None:
        return None
    for t in reversed(list(verb.doc[verb.sent.start:aux.i])):
        if t.pos_ in ("VERB", "AUX") or t.dep_ in ("mark", "punct") and t.lower_ not in ("-", "/"):
            return None
        if t.pos_ in ("NOUN", "PROPN", "NUM") and any(c.dep_ in ("poss", "det") for c in t.children):
            return t
    return None


@named_check
def evasive_passive(draft, passive_verbs: list[str], undo_subjects: list[str], unaccusatives: list[str],
                    made_nouns: list[str], expected_verbs: list[str], misdirection_words: list[str],
                    function_verbs: list[str] = (), **_) -> list[Hit]:
    """Agentless passives and unaccusatives that state a failure without saying who caused it:
    "your card was charged twice", "an error occurred", "things went wrong", "there has been a
    delay", "your freeze wasn't applied", "mistakes were made". A failure owned nearby
    ("...because I didn't update it", "That was my mistake") passes, and so do passives that are
    not failures ("your refund has been processed"), undo one ("the duplicate charge has been
    cancelled"), were asked for ("cancelled as you requested") or deny one ("no passwords were
    exposed")."""
    lex = lexicon()
    index = _sentence_index(draft)
    passive_verbs, undo_subjects, expected_verbs = set(passive_verbs), set(undo_subjects), set(expected_verbs)
    failure_words = lex["failure_modifiers"] | set(misdirection_words)
    hits = []
    blamed = None  # sentences where someone else is named as the cause (read only when needed)
    # what the customer says they feel or think ("I'm sorry you feel the freeze wasn't applied
    # properly") is their account, not ours
    # (only the perceived clause itself: "when your bin was missed" under it is still told as fact)
    sympathy = sympathy_ranges(draft)
    perceived = {t.i for a in draft.apologies if a.object is not None for t in a.object
                 if t.dep_ == "ccomp" and t.head.lemma_.lower() in ("feel", "think", "believe", "perceive")}
    for tok in draft.own_tokens():
        if tok.pos_ not in ("VERB", "AUX") or is_hypothetical(tok) or tok.i in perceived:
            continue
        lemma = tok.lemma_.lower()
        negated = is_negated(tok)
        subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj", "expl")), None)
        if subj is None and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
            subj = subject_of(tok)  # "...you were unable to reach us and were disconnected"
        elif subj is None and tok.dep_ == "acl" and any(c.lower_ == "being" for c in tok.children):
            subj = tok.head  # "...which resulted in some appointments being cancelled"
        elif subj is None:
            subj = _dropped_passive_subject(tok)
        if tok.dep_ == "relcl" and any(t.lower_ == "whose" for t in tok.subtree if t.i < tok.i):
            continue  # "customers whose paid orders were not delivered have been refunded": who, not what
        # ("what went wrong and what we're doing": the topic named, not the failure told)
        if subj is None or subj.lower_ in ("nothing", "none", "anything", "what", "whatever") or any(
                c.lower_ in ("no", "neither") for c in subj.children if c.dep_ in ("det", "neg", "preconj")):
            continue  # "no passwords were exposed", "nothing was lost"
        if any(t.is_space and "\n" in t.text for t in tok.doc[min(subj.i, tok.i):max(subj.i, tok.i)]):
            continue  # a heading line run into the next sentence ("Your data\nNo edits were lost")
        if any(c.lower_ == "what" and c.i < tok.i for c in tok.children):
            continue  # "the mix-up with what you were told in store": the thing told, not a failure
        if subj.dep_ == "expl" and any(a <= tok.i < b for a, b in sympathy):
            continue  # "sorry to hear there were a few issues": their report, under sympathy
        if lemma == "leave" and subj.lower_ == "you" and any(
                c.tag_ == "VBG" or c.dep_ in ("acomp", "oprd") or c.dep_ == "prep" and c.lower_ == "without"
                for c in tok.children):
            continue  # "you were left thinking you'd lost them", "left short", "left without heating": impact
        severity, evasive = None, False
        if _past_passive(tok) and not any(c.dep_ == "agent" and not _pseudo_agent(c) for c in tok.children) \
                and subj.lower_ not in ("i", "we"):
            subj_words = {t.i for t in subj.subtree}
            own_words = {t.lower_ for t in tok.subtree if t.i not in subj_words} | {
                t.lemma_.lower() for t in tok.subtree if t.i not in subj_words}
            # "the late fee was cancelled" undoes a failure; "a damage charge was applied in error" is one
            undoing = subj.lemma_.lower() in undo_subjects | lex["failure_nouns"] | lex["repair_nouns"] \
                and (lemma in UNDO_VERBS or lemma in lex["repair_verbs"])
            # "It's been deleted now so nothing to worry about": done since, as the repair
            undoing = undoing or lemma in UNDO_VERBS and "now" in own_words and any(c.lower_ == "been" for c in tok.children)
            if own_words & {"admission", "prejudice"}:
                continue  # "comments were made without admission of liability" is legal-hedge's
            requested = _asked_for_by_customer(tok.sent)
            if lemma == "make" and subj.lemma_.lower() in made_nouns and not negated:
                evasive, severity = True, "error"  # "mistakes were made"
            elif lemma == "make" and not negated and any(
                    c.dep_ in ("oprd", "acomp") and c.lower_ in ("visible", "accessible", "viewable", "public")
                    for c in tok.children):
                evasive = True  # "account pages being made visible to other users"
            elif negated:
                evasive = lemma in expected_verbs  # "your freeze wasn't applied", "the refund wasn't processed"
            elif lemma in lex["failure_verbs"] or lemma in passive_verbs or (
                    (lemma in lex["failure_neutral_verbs"] or lemma in MISDIRECTABLE_VERBS) and own_words & failure_words) \
                    or {"instead", "of"} <= own_words \
                    or _done_in_error(tok) or _made_wrong(tok, failure_words):  # "renewed at the old price instead of the £24.99 plan", "passed on in error"
                # A repair verb the rule lists as a failure passive ("your tickets were voided") is
                # told apart by its subject: "the duplicate charge was voided" undoes one.
                evasive = not undoing and not requested and (lemma in passive_verbs or lemma not in lex["repair_verbs"])
            elif _apologised_for(draft, tok) and (subj.lower_ == "you" or any(c.lower_ == "your" for c in subj.children)) \
                    and lemma in lex["failure_neutral_verbs"] - {"give", "keep", "leave", "stick", "hold", "put"} \
                    and lemma not in lex["repair_verbs"] and not undoing and not requested:
                # "I'm sorry you were charged for a box you didn't want": what the apology is for,
                # told as something done to the customer by nobody
                evasive = True
            elif lemma in CHARGING_VERBS and subj.lemma_.lower() in CHARGE_NOUNS and not undoing and not requested:
                # "an early termination charge of £240.00 was applied", "your membership payment was
                # collected on 1 July after your cancellation": money taken, told with no one taking it
                evasive = True
            elif lemma in lex["failure_neutral_verbs"] and (_wrong_or_repeated(subj, lemma, misdirection_words)
                                                             or any(c.dep_ == "agent" for c in tok.children)):
                # "a different brand was supplied", "two Direct Debit payments were collected",
                # "the absence alert was sent by mistake" (the only agent here is a pseudo-agent)
                evasive = not undoing and not requested
        elif negated:
            # "some tickets did not load", "the update didn't go through": a thing of ours that did
            # not do its job, with nobody behind it
            # (not "Our front-desk system didn't save the dates": "our" says whose it was)
            evasive = lemma in function_verbs and subj.pos_ in ("NOUN", "PROPN") and not is_first_person(subj) \
                and any(c.lower_ == "did" for c in tok.children) \
                and not any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in subj.children)
        elif subj.dep_ == "expl" and lemma == "be":
            # "there has been a slight delay", "there was an error with your bill"
            # ("there was a problem at the pharmacy's end" names whose it was: blame, not evasion)
            evasive = any(c.dep_ in ("attr", "nsubj") and (c.lemma_.lower() in lex["failure_nouns"]
                                                            or hyphenated(c) in lex["failure_nouns"])  # "a slight mix-up"
                          and not any(d.lower_ in ("no", "any") for d in c.children)
                          and not any(t.dep_ == "case" or t.lemma_.lower() in lex["third_parties"] - OWN_MACHINERY
                                      for p in c.children if p.dep_ == "prep" for t in p.subtree)
                          for c in tok.children)
        elif subj.dep_ == "nsubj" and not is_first_person(subj) and subj.lower_ not in ("you", "i", "we"):
            if lemma in unaccusatives and subj.lemma_.lower() in lex["failure_nouns"] and not any(
                    c.dep_ == "aux" and c.lower_ in ("can", "may", "might", "could") for c in tok.children):
                evasive = True  # "an error occurred", "issues arose" (not "heating faults can happen")
            elif lemma == "snap" and not negated and tok.tag_ == "VBD" and subj.pos_ == "NOUN" \
                    and not any(c.lower_ in ("your", "their") for c in subj.children):
                # "a cable on one of our machines snapped"; not "payments failed", which incident
                # reports use for the plain description of what customers saw
                evasive = True
            elif lemma == "slip" and any(c.dep_ == "prep" and c.lower_ == "through" and any(
                    g.lemma_.lower() in ("crack", "net") for g in c.children) for c in tok.children):
                evasive = True  # "your assistance request slipped through the cracks"
            elif lemma == "go" and any(c.lower_ in ("wrong", "awry", "missing") for c in tok.children) \
                    and subj.pos_ in ("PRON", "NOUN", "PROPN"):
                evasive = True  # "something went wrong", "your parcel went missing"
            elif lemma == "go" and "through" in (words := clause_words(tok)) and words & {"twice", "double"} \
                    and subj.pos_ in ("NOUN", "PROPN"):
                evasive = True  # "the £64.20 payment went through twice"
            elif lemma == "end" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) and any(
                    c.dep_ in ("advcl", "acomp", "oprd", "xcomp", "dobj") and c.i > tok.i
                    and (c.tag_ == "VBN" or hyphenated(c).startswith("double-")) for c in tok.children):
                evasive = True  # "your room ended up double-booked", "your membership ended up frozen by mistake"
            elif lemma == "go" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "out" for c in tok.children) \
                    and subj.pos_ in ("NOUN", "PROPN") and (
                        {t.lower_ for t in tok.subtree} & {"early", "mistake", "error", "accident", "wrong", "twice", "incomplete", "damaged", "unpacked", "half-empty"}
                        or any(c.dep_ == "prep" and c.lower_ == "to" and any(
                            o.dep_ == "pobj" and {t.lower_ for t in o.subtree} & set(misdirection_words)
                            for o in c.children) for c in tok.children)):
                evasive = True  # "the email went out a few weeks early by mistake", "went out to some other customers"
            elif lemma == "go" and not negated and subj.pos_ in ("NOUN", "PROPN", "DET") and any(
                    c.dep_ == "prep" and c.lower_ == "to" and any(
                        o.dep_ == "pobj" and {t.lower_ for t in o.subtree} & {"another", "wrong", "someone", "else"}
                        for o in c.children) for c in tok.children):
                evasive = True  # "that email went to another customer", "your parcel went to the wrong address"
            elif lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in ("visible", "accessible", "viewable", "exposed")
                                       and any(p.dep_ == "prep" and p.lower_ == "to" for p in c.children)
                                       for c in tok.children) and subj.pos_ in ("NOUN", "PROPN"):
                evasive = True  # "account details were briefly visible to other users"
        if not evasive:
            continue
        sent_i = index.get(tok.sent.start)
        if sent_i is None or _owned_near(draft, sent_i):
            continue
        if blamed is None:
            blamed = _blamed_sentences(draft, index)
        if sent_i in blamed or sent_i + 1 in blamed and not _another_failure(draft.sentences[sent_i + 1]):
            # "caused by an outage at our payment processor, Cardhaven": blame, said by name (or in the
            # next sentence: "your invoice went to another customer. Mailsprint mixed up the recipients";
            # not when that sentence tells a further failure: "Our courier also lost the first parcel")
            continue
        toks = [tok] + ([subj] if subj.i < tok.i and subj.sent.start == tok.sent.start and tok.i - subj.i < 12 else [])
        toks += [c for c in tok.children if c.dep_ in ("auxpass", "aux", "neg") and c.i > min(t.i for t in toks)]
        toks += [c for c in subj.children if c.dep_ in ("det", "poss", "amod", "compound") and subj in toks]
        toks += [c for c in tok.children if c.dep_ in ("acomp", "attr", "prt") or (c.dep_ == "advmod" and c.lower_ in ("twice", "wrong"))]
        start, end = span_of(tok, toks)
        hits.append(Hit(start, end, severity=severity))
    return hits


def _asked_for_by_customer(sent) -> bool:
    """Did the customer ask for it: "cancelled as you requested", "closed at your request", "removed
    in line with what was submitted"? (Not "the volume of requests we are handling": someone's
    requests, not this customer's asking.)"""
    for t in sent:
        lemma = t.lemma_.lower()
        if lemma in ("request", "ask", "instruct", "submit") and t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN"):
            # ("as requested", "as you asked", "the upgrade was requested"; not "ask your bank why")
            subj = subject_of(t)
            if subj is None or subj.lower_ in ("you", "what", "which", "that") or subj.dep_ == "nsubjpass":
                return True
        elif lemma in ("request", "instruction") and (
                t.pos_ == "NOUN" and any(c.lower_ in ("your", "per", "as") for c in t.children)
                or t.i > sent.start and t.nbor(-1).lower_ in ("your", "per", "as")):
            return True  # "at your request", "per request", "as requested"
    return False


def _another_failure(sent) -> bool:
    """Does the sentence add a failure ("also", "too", "as well") rather than explain the one before?"""
    return any(t.lower_ in ("also", "too") and t.dep_ == "advmod" for t in sent) or "as well" in sent.text.lower()


def _blamed_sentences(draft, index: dict[int, int]) -> set[int]:
    """Sentences where the draft names someone else as the cause (third_party_blame's reading): a
    passive beside them hides no one, it is blame-shifting's to judge."""
    out = set()
    for hit in third_party_blame(draft):
        span = draft.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is not None and span.sent.start in index:
            out.add(index[span.sent.start])
    return out


# ---------------------------------------------------------------- minimizing

def _share_of_ours(number: Token, scope_nouns: set[str]) -> bool:
    """"installed it on only one of our two servers": a count of our own things, told as the cause,
    not the failure made small ("only one of our customers" still is)."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and o.lemma_.lower() not in scope_nouns and any(c.lower_ in ("our", "my") for c in o.children)
        for o in p.children) for p in number.children)


@named_check
def minimizing_language(draft, limiters: list[str], small_adjectives: list[str], minimizing_nouns: list[str],
                        scope_nouns: list[str], shrinkable: list[str] = (), late_words: list[str] = (),
                        **_) -> list[Hit]:
    """Words that shrink the failure: a limiter on it ("JUST a glitch", "ONLY two days late",
    "ONLY a few customers"), a small-adjective on a failure noun ("a MINOR issue", "a BRIEF
    outage"), a word that is itself small ("hiccup", "blip"), or "at least" opening a clause. A
    temporal "just" on what we did ("I've just sent the refund") passes, and so does "at least
    three days" (a quantity) or a negated copula ("this was not a small mistake")."""
    lex = lexicon()
    failure_nouns = lex["failure_nouns"] | set(minimizing_nouns) | set(shrinkable)
    late_words = set(late_words)
    limiters, small_adjectives, scope_nouns = set(limiters), set(small_adjectives), set(scope_nouns)
    hits = []

    def negated_copula(tok: Token) -> bool:
        node = tok
        while node.dep_ in ("attr", "acomp", "amod", "advmod", "det", "nummod", "npadvmod") and node.head.i != node.i:
            node = node.head
            if is_negated(node):
                return True
        return False

    for tok in draft.own_tokens():
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if is_hypothetical(tok):
            continue
        head = tok.head
        if lower in limiters and tok.dep_ == "advmod" and head.pos_ in ("NOUN", "PROPN", "ADJ", "ADV", "NUM"):
            hlemma = head.lemma_.lower()
            target = None
            if hlemma in failure_nouns or hlemma in lex["failure_modifiers"]:
                target = head  # "just a glitch", "only late"
            elif head.pos_ in ("NUM", "ADJ", "NOUN") and (hlemma in scope_nouns or hlemma in ("few", "handful") or
                                                          head.head.lemma_.lower() in scope_nouns):
                target = head  # "only a few customers", "only a small number"
            elif head.pos_ == "NUM" and tok.sent is not None and not _share_of_ours(head, scope_nouns) and (
                    {t.lemma_.lower() for t in tok.sent} & (lex["failure_modifiers"] | lex["failure_nouns"] | {"delay", "wait", "affect"})):
                target = head.head if head.head.pos_ == "NOUN" else head  # "only two days late"
            if target is not None and not negated_copula(tok):
                hits.append(Hit(*span_of(tok, [tok, target])))
                continue
        if lower in limiters and tok.dep_ == "advmod" and head.lemma_.lower() == "affect":
            hits.append(Hit(*span_of(tok, [tok, head])))  # "only affected..."
            continue
        # "a small number of customers", "a limited number of accounts", "a small number of guests were
        # relocated": the failure's reach shrunk (writers flagged every "a small number of" in a
        # draft about a failure, whoever the people or things were).
        if lower in small_adjectives | {"limited"} and tok.dep_ == "amod" and head.lemma_.lower() in (
                "number", "fraction", "proportion", "percentage", "minority", "subset", "group") and any(
                c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and (
                    any(t.lemma_.lower() in scope_nouns for t in g.subtree)
                    or not any(a.lower_ in ("our", "my") for a in g.children))
                    for g in c.children)
                for c in head.children) and not negated_copula(tok):  # (not "a small number of our engineers")
            hits.append(Hit(*span_of(tok, [tok, head])))
            continue
        # "running a little behind", "a bit late": the lateness shrunk
        if lower in ("little", "bit") and tok.dep_ == "npadvmod" and head.lower_ in late_words \
                and any(c.lower_ == "a" for c in tok.children) and not negated_copula(head):
            hits.append(Hit(*span_of(tok, [tok, head] + [c for c in tok.children if c.lower_ == "a"])))
            continue
        # "a teeny glitch" (spaCy: a compound), "this short-lived outage" (three tokens, "lived" the amod)
        # "a slight mix-up" (spaCy hangs it on "up"), "a very limited incident"
        short_lived = lower == "lived" and tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "short"
        if (lower in small_adjectives | {"limited"} or short_lived) and tok.dep_ in ("amod", "acomp", "compound") \
                and (head.lemma_.lower() in failure_nouns or hyphenated(head) in failure_nouns) and head.pos_ == "NOUN" \
                and not negated_copula(tok):
            hits.append(Hit(*span_of(tok, [tok.nbor(-2) if short_lived else tok, head])))
            continue
        # "This was only for a brief period", "only for a few minutes": the failure's time shrunk
        if lower in limiters and tok.dep_ == "advmod" and head.pos_ == "ADP" and head.lower_ == "for" and any(
                g.dep_ == "pobj" and any(a.lower_ in small_adjectives | {"few", "couple"} for a in g.children)
                for g in head.children) and not negated_copula(tok):
            hits.append(Hit(*span_of(tok, [tok] + list(head.subtree))))
            continue
        if lemma in minimizing_nouns and tok.pos_ in ("NOUN", "PROPN") and not negated_copula(tok):
            hits.append(Hit(*span_of(tok)))
            continue
        if lower == "least" and any(c.lower_ == "at" for c in tok.children) and head.pos_ in ("VERB", "AUX") \
                and not any(t.like_num for t in tok.doc[tok.i + 1: tok.i + 3]):
            hits.append(Hit(*span_of(tok, [tok] + [c for c in tok.children if c.lower_ == "at"])))
    return hits


# ---------------------------------------------------------------- humor-mismatch

@named_check
def flippant_tone(draft, words: list[str], phrases: list[str], symbols: list[str], serious_words: list[str],
                  serious_phrases: list[str], cheerful_symbols: list[str] = (), **_) -> list[Hit]:
    """Flippant markers ("oops", "my bad", "lol", 😅, "!!") on a serious failure: a severe one
    (Draft.failure_severity high), or a medium one that touches data, health or a bereavement
    (the severity signal does not know every such word). It is an error when the failure touches
    data, safety, health or a bereavement."""
    words = set(words)
    lemmas = {t.lemma_.lower() for t in draft.own_tokens()} | {t.lower_ for t in draft.own_tokens()}
    low_text = draft.text_lower
    serious = bool(lemmas & set(serious_words)) or any(p in low_text for p in serious_phrases)
    # A medium failure is no joke to the customer either ("Yikes 😬 our update took booking down for
    # the morning", a wrong cake at a wedding); only a low one (a newsletter typo) leaves room for it.
    # (Below: on a medium one that touches nothing sensitive it takes two markers.)
    if draft.failure_severity not in ("medium", "high") and not serious:
        return []
    severity = "error" if serious else None
    hits = []
    for tok in draft.own_tokens():
        lower = tok.lower_.strip(".,!?")
        if lower in words or lower.startswith("haha") or lower.startswith("hehe"):
            hits.append(Hit(*span_of(tok), severity=severity))
    text = draft.text
    low = text.lower()
    for phrase in phrases:
        start = low.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if (start == 0 or not low[start - 1].isalnum()) and (end >= len(low) or not low[end].isalnum()):
                hits.append(Hit(start, end, severity=severity))
            start = low.find(phrase, end)
    # "So sorry for the wait!!" is eager, not flippant: punctuation and ASCII smileys count only
    # on a severe or sensitive failure.
    if draft.failure_severity != "high" and not serious:
        symbols = [s for s in symbols if any(ord(ch) > 0x2000 for ch in s)]
    else:
        # "all sorted now 👍" after a double charge or a data leak: cheer is flippant only there
        symbols = list(symbols) + list(cheerful_symbols)
    for symbol in symbols:
        start = text.find(symbol)
        while start >= 0:
            hits.append(Hit(start, start + len(symbol), severity=severity))
            start = text.find(symbol, start + len(symbol))
    signoff = draft.prepared.signoff_start
    hits = [h for h in hits if signoff is None or h.start < signoff]
    # On a medium failure one "Oops, wrong address! I've re-sent it" is forgivable; a joking
    # register ("Yikes 😬", "that's embarrassing 🙈 ... 😅") is not.
    if draft.failure_severity != "high" and not serious and len(hits) < 2:
        return []
    return hits


# ---------------------------------------------------------------- thanks-instead-of-sorry

# What a reply is to, and how long a wait was: "the late reply to your question", "kept you
# waiting over the weekend".
QUERY_NOUNS = {"question", "enquiry", "inquiry", "query", "request", "message", "email", "ticket", "note", "chat"}
WAIT_TIME_NOUNS = {"weekend", "day", "week", "hour", "minute", "morning", "afternoon", "evening", "today", "time",
                   "while", "night", "moment", "second"}
# Words a reply is said with: "getting back to you ABOUT your invoices" is still about the reply.
REPLY_HEADS = {"answer", "reply", "respond", "response", "get", "back", "hear", "write", "come"}


def _wait_object_words(draft, obj) -> list:
    """The words of an apology's object that say what it is for, without a vocative name ("the
    slow reply, Hannah") or what the customer's question was about ("your question about the old
    sofa")."""
    skip = set()
    for tok in obj:
        if tok.pos_ == "PROPN" and tok.i > obj.start and tok.nbor(-1).text == ",":
            skip.update(t.i for t in tok.subtree)
        if tok.lemma_.lower() in QUERY_NOUNS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("about", "regarding", "on", "re", "concerning", "for"):
                    skip.update(t.i for t in prep.subtree)
        if tok.dep_ == "conj" and any(t.lemma_.lower() in ("apology", "apologise", "apologize", "sorry") and t.i > obj.start
                                      for t in tok.subtree):
            # "..., and apologies again for the delay" is the next apology (not this one's own "sorry",
            # which spaCy may hang under the object: "Thanks for asking, and sorry it took us a week")
            skip.update(t.i for t in tok.subtree)
        if tok.dep_ == "prep" and tok.lower_ in ("about", "regarding") and tok.head.lemma_.lower() in REPLY_HEADS:
            skip.update(t.i for t in tok.subtree)  # "getting back to you about your invoices"
        if tok.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "after", "before")
                                       for c in tok.children):
            skip.update(t.i for t in tok.subtree)  # "stuck in our queue when you rang on Tuesday": when it was
        if tok.dep_ == "relcl" and tok.head.lemma_.lower() in QUERY_NOUNS | {"callback", "call"}:
            skip.update(t.i for t in tok.subtree)  # "the callback you asked for on Monday"
        if draft.mention_label(tok) in ("DATE", "TIME") and tok.lemma_.lower() not in WAIT_TIME_NOUNS:
            skip.add(tok.i)  # "kept you waiting since Tuesday afternoon"
    return [t for t in obj if t.i not in skip]



@named_check
def wait_apology(draft, wait_words: list[str], reply_words: list[str], slow_words: list[str], **_) -> list[Hit]:
    """An apology for a wait and nothing else: "sorry for the wait", "sorry for the late reply",
    "sorry to keep you waiting", "sorry it took so long to get back to you". The rule file runs it
    only when the failure is minor; the object must not name anything else ("sorry for the delay
    WITH YOUR REFUND" is about the refund), and nothing else in the draft may be a failure."""
    wait_words, reply_words, slow_words = set(wait_words), set(reply_words), set(slow_words)
    allowed = wait_words | reply_words | QUERY_NOUNS | WAIT_TIME_NOUNS | {"you", "your", "my", "our", "me", "us", "one"} \
        | {"phone", "telephone", "line", "callback"}  # "our phone queue"
    hits, bare_delays = [], []
    for apology in draft.real_apologies:
        obj = apology.object
        if obj is None:
            continue
        words = _wait_object_words(draft, obj)
        lemmas = {t.lemma_.lower() for t in words if t.is_alpha}
        # (a name the apology is addressed to is not what it is for: "..., Mr Dunne")
        nouns = {t.lemma_.lower() for t in words if t.pos_ == "NOUN"}
        root = obj.root.lemma_.lower()
        verbs = {t.lemma_.lower() for t in words if t.pos_ == "VERB"}
        if not verbs <= allowed | {"keep", "take", "have", "get", "hang", "leave", "stick", "sit", "promise", "ring", "phone"}:
            continue  # "the delays you EXPERIENCED with your order" is about something else
        about_wait = False
        if root == "delay" and not lemmas & reply_words:
            # a bare "the delay" may be the order's; only a reply delay is a wait, unless the
            # draft's other apologies say it was the reply (checked below)
            if nouns <= allowed:
                bare_delays.append(Hit(min(apology.start, obj.start_char), max(apology.end, obj.end_char)))
        elif root in wait_words and nouns <= allowed:
            about_wait = True  # "the wait", "the delay in getting back to you"
        elif root in reply_words and lemmas & slow_words and nouns <= allowed:
            about_wait = True  # "the late reply", "my slow response"
        elif {"keep"} <= lemmas and lemmas & wait_words and nouns <= allowed:
            about_wait = True  # "to keep you waiting", "to keep you on hold"
        elif root == "take" and (lemmas & {"long", "while", "until"} or nouns & WAIT_TIME_NOUNS) \
                and lemmas & reply_words and nouns <= allowed:
            about_wait = True  # "it took so long to reply", "we took four days to answer your question"
        elif root in ("stick", "leave", "sit") and lemmas & {"queue", "hold", "line"} and nouns <= allowed:
            about_wait = True  # "sorry you've been stuck in the queue so long"
        elif root in ("call", "ring", "reply", "respond", "get", "phone") and is_negated(obj.root) \
                and (root != "get" or "back" in lemmas) and lemmas & {"back", "reply", "respond"} | {root} \
                and nouns <= allowed | {"hour", "minute", "day"}:
            about_wait = True  # "sorry we didn't call you back within the two hours we promised"
        if about_wait:
            hits.append(Hit(min(apology.start, obj.start_char), max(apology.end, obj.end_char)))
    if hits:
        hits += bare_delays  # "So sorry for the slow reply! ... apologies again for the delay."
    if hits and draft.failure_severity != "low":
        # The severity signal reads "sorry to keep you waiting" as a medium failure; the wait is
        # still the only thing wrong when every failure word sits in a wait apology or is a wait.
        waits = [(h.start, h.end) for h in hits]
        for tok in failure_tokens(draft):
            inside = any(s <= tok.idx < e for s, e in waits)
            # "It sat in our queue for nine working days": the wait told again
            queued = tok.lemma_.lower() in ("sit", "stay", "languish") and clause_words(tok) & {"queue", "inbox", "backlog"}
            if not inside and tok.lemma_.lower() not in wait_words and not queued:
                return []
        if len(hits) < len(draft.real_apologies):
            return []  # another apology is for something else
    return hits


# ---------------------------------------------------------------- policy-language

@named_check
def directive_to_customer(draft, verbs: list[str], **_) -> list[Hit]:
    """Orders to the customer: "you'll have to", "you need to", "you must". Not when negated
    ("you won't have to"), hypothetical ("if you need to"), a question, inside a relative clause
    ("all you need to do is reply", "anything you need to"), about the past ("you had to wait":
    impact), or an epistemic "must" ("you must have been worried", "you must be frustrated")."""
    verbs = set(verbs)
    hits = []
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        subj = subject_of(tok)
        if subj is None or subj.lower_ != "you" or subj.head.i != tok.i:
            continue
        if is_negated(tok) or is_hypothetical(tok) or tok.dep_ in ("relcl", "acl", "advcl", "csubj"):
            continue
        if any(t.text == "?" for t in tok.sent):
            continue
        span_tokens = None
        if lemma in verbs and tok.tag_ in ("VB", "VBP", "VBZ") and any(
                c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
            span_tokens = [subj, tok] + [c for c in tok.children if c.dep_ == "aux" and subj.i < c.i < tok.i]
            span_tokens += [a for c in tok.children if c.dep_ == "xcomp" for a in c.children if a.lower_ == "to"]
        else:
            must = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "must"), None)
            # "you must be starving": spaCy makes "be" the aux of a progressive, still epistemic
            epistemic = lemma in ("be", "feel") or any(c.dep_ == "aux" and c.lemma_ in ("have", "be") for c in tok.children)
            if must is not None and not epistemic and tok.pos_ == "VERB":
                span_tokens = [subj, must, tok]
        if span_tokens:
            hits.append(Hit(*span_of(tok, span_tokens)))
    return hits


# ---------------------------------------------------------------- overpromising

@named_check
def absolute_promise(draft, recurrence_verbs: list[str], hedge_verbs: list[str], **_) -> list[Hit]:
    """An absolute promise about the future: "this will never happen again" asserted (or
    promised, guaranteed, "we will make sure"), and "we guarantee". A purpose clause
    describing a change ("we've added a check SO this won't happen again", "TO make sure it
    doesn't") is prevention, not a promise; a negated promise ("I can't promise it will never
    happen again") passes."""
    recurrence_verbs, hedge_verbs = set(recurrence_verbs), set(hedge_verbs)
    hits = []
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        if is_hypothetical(tok):
            continue
        if lemma in recurrence_verbs and is_negated(tok) and any(c.lower_ == "again" for c in tok.children):
            if any(c.dep_ == "mark" for c in tok.children) or tok.dep_ in ("advcl", "relcl", "xcomp", "acl"):
                continue  # "so this won't happen again", "changes that mean it won't happen again"
            if tok.dep_ == "ccomp":
                # "I promise this will never happen again", "we will make sure it never happens again",
                # but not "I can't promise...", "we hope...", or a purpose "to make sure it doesn't..."
                governor = tok.head.head if tok.head.lemma_.lower() == "sure" else tok.head
                if is_negated(governor) or governor.lemma_.lower() in hedge_verbs or \
                        governor.dep_ in ("xcomp", "advcl", "acl", "relcl", "pcomp"):
                    continue
            elif not any(c.dep_ == "aux" and (c.lemma_ == "will" or c.lower_ in ("wo", "'ll", "shall"))
                         for c in tok.children):
                continue  # a present-tense fact ("it never happens again after a reset")
            toks = [tok] + [c for c in tok.children if c.dep_ in ("nsubj", "aux", "neg") or c.lower_ == "again"]
            hits.append(Hit(*span_of(tok, toks)))
        elif lemma == "guarantee" and tok.pos_ == "VERB" and not is_negated(tok) and \
                (is_first_person(subject_of(tok)) or tok.tag_ == "VBN"):
            subj = subject_of(tok)
            if tok.tag_ == "VBN" and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                continue  # "your guaranteed delivery slot"
            hits.append(Hit(*span_of(tok, [tok] + ([subj] if subj is not None and subj.i < tok.i else []))))
    return hits


# ---------------------------------------------------------------- trivializing-comparison

# What others would have done had they met the same failure: "no other customers have REPORTED it".
OTHERS_VERBS = {"report", "complain", "have", "experience", "mention", "raise", "see", "notice", "encounter", "flag",
                "contact", "tell", "find", "say"}
# "we've had no other COMPLAINTS about this roast"
OTHERS_PEOPLE = {"customer", "user", "member", "client", "household", "home", "property", "subscriber", "passenger",
                 "order", "account", "line"}
RARE_WORDS = {"rare", "unusual", "uncommon", "infrequent", "exceptional"}
OTHERS_NOUNS = {"complaint", "report", "issue", "problem", "case", "incident", "contact", "query", "return"}
# "working normally on our side", "performed as designed"
WORKING_VERBS = {"work", "run", "perform", "function", "operate", "look", "behave", "test"}
WORKING_MANNER = {"normally", "fine", "correctly", "perfectly", "properly", "as", "expected", "designed", "intended", "ok",
                  "okay", "well"}


@named_check
def comparison_to_others(draft, **_) -> list[Hit]:
    """The failure made small by comparison, read from the grammar rather than fixed phrases:
    - nobody else had it: a negated "other"/"else" subject of report/complain/have ("none of the
      other customers in your area have reported", "no other schools using ClassNest have
      reported", "nobody else has mentioned it") or "we've had no other complaints";
    - it is rare: "the first outage of its kind in over three years", "this was a one-off";
    - our side is fine: "everything is working normally on our side", "our systems performed as
      designed".
    Not when the others did have it ("other customers reported the same fault") or when the
    comparison is hypothetical."""
    failure_nouns = lexicon()["failure_nouns"]
    hits = []
    for tok in draft.own_tokens():
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (is_hypothetical(tok) or any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children)):
            continue
        if lemma in OTHERS_VERBS and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and _no_one_else(subj):
                hits.append(Hit(*span_of(tok, [subj, tok])))
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in OTHERS_NOUNS), None)
            # ("We test every kettle and have had no other reports": the subject is shared)
            # ("We haven't had any other reports": the negation sits on the verb)
            any_other = obj is not None and is_negated(tok) and any(c.lower_ == "any" for c in obj.children) \
                and any(c.lower_ == "other" for c in obj.children)
            if obj is not None and (_no_one_else(obj) or any_other) and is_first_person(subj or subject_of(tok)):
                hits.append(Hit(*span_of(tok, [tok, obj])))  # "we've had no other complaints"
                continue
        if lemma == "first" and tok.dep_ == "amod" and tok.head.lemma_.lower() in failure_nouns:
            # "the first outage of its kind in over three years", "our first outage in five years"
            head = tok.head
            span_words = {t.lower_ for t in head.subtree} | {t.lower_ for t in head.head.subtree}
            if span_words & {"years", "year", "months", "kind", "ever", "history", "decade"}:
                hits.append(Hit(*span_of(tok, [tok, head])))
                continue
        if lemma == "first" and tok.dep_ == "amod" and tok.head.lemma_.lower() in OTHERS_NOUNS | {"time"} \
                and _first_of_its_kind(tok.head, failure_nouns):
            hits.append(Hit(*span_of(tok, [tok, tok.head])))
            continue
        if lemma == "affect" and tok.tag_ == "VBN" and is_negated(tok) and not is_future(tok):
            # "most customers weren't affected at all", "the vast majority of orders were unaffected"
            subj = subject_of(tok)
            if subj is not None and (subj.lower_ in ("most", "majority") or any(
                    c.lower_ in ("most", "majority") for c in subj.children)):
                hits.append(Hit(*span_of(tok, [subj, tok])))
                continue
        # "this kind of thing very rarely happens", "problems like this almost never occur"
        if lemma in ("happen", "occur") and tok.pos_ == "VERB" and not is_negated(tok) and (
                any(c.dep_ == "advmod" and c.lower_ in ("rarely", "seldom", "infrequently") for c in tok.children)
                or any(c.dep_ == "neg" and c.lower_ == "never" and any(a.lower_ in ("almost", "hardly", "virtually")
                                                                      for a in c.children) for c in tok.children)
                or any(c.lower_ == "ever" and any(a.lower_ in ("hardly", "barely") for a in tok.children) for c in tok.children)):
            hits.append(Hit(*span_of(tok, [tok] + [c for c in tok.children if c.dep_ in ("advmod", "neg", "nsubj")])))
            continue
        # "this was a one-off" (not the goodwill "I've extended it as a one-off")
        if lemma == "off" and tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "one" \
                and tok.dep_ in ("attr", "acomp", "pobj", "nsubj") and not (tok.dep_ == "pobj" and tok.head.lower_ == "as"):
            hits.append(Hit(*span_of(tok, [tok.nbor(-2), tok])))  # "this was a one-off"
            continue
        # "incidents of this kind remain rare", "this is rare for us" (not "it's not unusual", not a
        # rare book)
        if lemma in RARE_WORDS and tok.dep_ == "acomp" and tok.head.lemma_ in ("be", "remain") \
                and not is_negated(tok.head) and not is_negated(tok):
            subj = subject_of(tok.head)
            if subj is not None and (subj.lower_ in ("this", "it", "that", "which", "such") or subj.lemma_.lower() in failure_nouns
                                     or any(t.lemma_.lower() == "kind" for t in subj.subtree)):
                hits.append(Hit(*span_of(tok, [subj, tok.head, tok])))
                continue
        # "Most customers in your area were back online within the hour"
        if lemma == "be" and (subj := subject_of(tok)) is not None and subj.lemma_.lower() in OTHERS_PEOPLE \
                and any(c.lower_ in ("most", "majority") for c in subj.children) and not is_negated(tok) \
                and any(c.lower_ in ("back", "online", "fine", "unaffected", "ok", "okay", "normal") for c in tok.children):
            hits.append(Hit(*span_of(tok, [subj.left_edge, tok])))
            continue
        # "every other drop on that van went through fine", "all the other orders arrived normally"
        if tok.pos_ == "VERB" and not is_negated(tok) and (subj := subject_of(tok)) is not None \
                and any(c.lower_ == "other" for c in subj.children) and any(c.lower_ in ("every", "all") for c in subj.children) \
                and not any(t.lower_ in ("your", "you") for t in subj.subtree) \
                and {t.lower_ for t in tok.subtree} & {"fine", "normally", "smoothly", "ok", "okay", "without"}:
            # (not "all the other items in your order arrived fine": the customer's own things)
            hits.append(Hit(*span_of(tok, [subj.left_edge, tok])))
            continue
        # "our partners handle thousands of allergy notes every week without any issues", "protect the
        # vast majority of our customers every day without any problems"
        if lemma == "without" and tok.dep_ == "prep" and tok.head.pos_ == "VERB" and any(
                p.lemma_.lower() in ("problem", "issue", "hitch", "complaint", "incident", "error") for p in tok.children):
            counted = [t for c in tok.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") for t in c.subtree
                       if t.lower_ in ("thousands", "millions", "hundreds", "majority", "most", "every", "all")]
            if counted:
                hits.append(Hit(*span_of(tok, [counted[0], *tok.subtree])))
                continue
        if lemma in WORKING_VERBS and tok.pos_ == "VERB" and not is_negated(tok):
            manner = [c for c in tok.children if c.lower_ in WORKING_MANNER and c.dep_ in ("advmod", "acomp", "advcl", "mark")]
            # "functioning normally throughout": spaCy hangs "normally" on "throughout"
            manner += [g for c in tok.children if c.dep_ == "advmod" for g in c.children
                       if g.dep_ == "advmod" and g.lower_ in WORKING_MANNER]
            manner += [c for c in tok.children if c.dep_ == "advcl" and c.lower_ in ("designed", "expected", "intended")]
            # "on our side", "in all our systems": the place it works must be ours
            ours = [p for c in tok.children if c.dep_ == "prep" for p in c.children
                    if p.dep_ == "pobj" and any(g.dep_ == "poss" and g.lower_ == "our" for g in p.children)]
            subj = subject_of(tok)
            if subj is None and tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"):
                subj = tok.head  # spaCy reads "Harvestly's own systems performed as expected" as a noun phrase
            # ("Harvestly's own systems performed as expected")
            ours_subject = subj is not None and any(t.lower_ in ("our", "everything", "own") for t in subj.subtree)
            if manner and (ours or ours_subject):
                hits.append(Hit(*span_of(tok, [tok, *manner, *ours])))
    # "It makes no difference that this is the first complaint": the comparison named to be refused
    return [h for h in hits if not _comparison_refused(draft, h)]


def _comparison_refused(draft, hit: Hit) -> bool:
    span = draft.doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    words = " ".join(t.lower_ for t in span.sent)
    # (the words are joined token by token: "doesn't" reads "does n't")
    if any(p in words for p in ("no difference", "does n't matter", "does not matter", "not any less", "no less")):
        return True
    # "Keyvale was working normally throughout; the fault was in the configuration we shipped": a
    # partner cleared in the sentence that takes the fault is honesty, not a comparison
    return claims_fault(list(span.sent))


def _first_of_its_kind(noun: Token, failure_nouns) -> bool:
    """"this is the first complaint we've had about this model", "the first time an issue of this
    kind has occurred": the first complaint or the first time it happened, said to make it small
    (not "the first time I called", "the first reply")."""
    # the clause may hang on "kind": "the first complaint of this kind we've had"
    clause = [c for c in noun.children if c.dep_ in ("relcl", "acl")] or [
        c for p in noun.children if p.dep_ == "prep" for o in p.children if o.lemma_.lower() == "kind"
        for c in o.children if c.dep_ == "relcl"]
    if not clause:
        return False
    words = {t.lemma_.lower() for c in clause for t in c.subtree}
    if noun.lemma_.lower() == "time":
        # also "the first time a client has been caught out by our paperwork": someone else, before
        subj = subject_of(clause[0])
        someone_before = subj is not None and (
            subj.lower_ in ("anyone", "anybody", "someone")
            or subj.lemma_.lower() in OTHERS_PEOPLE and any(c.lower_ in ("a", "any") for c in subj.children)
            and not any(t.lower_ in ("your", "yours") for t in subj.subtree))
        return bool(words & (set(failure_nouns) | {"occur", "happen", "kind", "complain", "report"})) or someone_before
    return is_first_person(subject_of(clause[0])) and bool(words & {"have", "receive", "get", "see", "hear"})


def _no_one_else(noun: Token) -> bool:
    """"no other customers", "none of the other customers", "nobody else", "no one else"."""
    lower = noun.lower_
    if lower in ("nobody", "noone") or (lower == "one" and any(c.lower_ == "no" for c in noun.children)):
        return any(c.lower_ == "else" for c in noun.children) or (noun.i + 1 < len(noun.doc) and noun.nbor(1).lower_ == "else")
    if lower == "none":
        return any(t.lower_ == "other" for t in noun.subtree)
    return any(c.lower_ == "other" for c in noun.children) and any(c.lower_ == "no" for c in noun.children)


# ---------------------------------------------------------------- missing-apology (deflection)

@named_check
def deflected_complaint(draft, rules: tuple[str, ...] = (), **_) -> list[Hit]:
    """No apology at all, and no failure of ours described, because the reply argues the
    customer's problem away: it compares it away ("the app is working fine for everyone else"),
    hands it to someone else ("that'll be your bank holding onto it") or to the customer, or (with
    ``rules``, the ids of rules whose findings count as arguing it away) answers with the rules
    ("Per our fare rules, Basic fares are non-refundable"). The customer's complaint is the failure
    the draft should have apologised for (the writers label these missing-apology). Anchored on the
    sentence of the first deflection."""
    if any(a.kind == "apology" for a in draft.apologies) or draft.signals.failure_spans:
        return []  # (a described failure with no apology is no_apology's)
    if rules:
        fired = draft._cache.get("fired_rules", {})
        deflections = [Hit(start, end) for rule in rules for start, end in fired.get(rule, ())]
    else:
        deflections = comparison_to_others(draft) + third_party_blame(draft) + fault_attribution(draft)
    if not deflections:
        return []
    first = min(deflections, key=lambda h: h.start)
    span = draft.doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None:
        return []
    sent = span.sent
    return [Hit(sent.start_char, sent.start_char + len(sent.text.rstrip()))]
