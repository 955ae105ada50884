"""The shared apology detector (the IFID of research/apology-domain.md section A0).

It finds every explicit apology phrase in a parsed draft ("I'm sorry", "we apologise", "our
apologies", "we regret", "please forgive us"), what it is for ("sorry FOR x", "sorry THAT y"), and
how it is used, from the dependency parse:

- ``apology``: a first-person (or company) apology;
- ``negated``: "not sorry", "no need to apologize";
- ``reported``: someone else's apology ("you said sorry", "they apologised");
- ``sympathy``: "sorry to hear about...", "sorry for your loss" (not an admission);
- ``question``: "Sorry?" (a repair request).

Most rules read these objects instead of looking for the word "sorry" themselves."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

FIRST_PERSON = {"i", "we", "me", "us"}
FIRST_PERSON_POSS = {"my", "our"}
OTHER_PEOPLE = {"you", "he", "she", "they", "him", "her", "them"}
SAY_VERBS = {"say", "tell", "write", "text", "email", "reply", "claim", "mention", "hear", "post"}
SYMPATHY_VERBS = {"hear", "learn", "read", "see", "know", "find"}
SYMPATHY_OBJECTS = {"loss", "bereavement", "passing", "news", "diagnosis", "illness", "accident"}
INTENSIFIERS = {
    "so", "very", "truly", "deeply", "sincerely", "really", "terribly", "incredibly", "extremely",
    "profoundly", "genuinely", "awfully", "most", "unreservedly", "wholeheartedly", "utterly",
    "sincere", "deepest", "deep", "heartfelt", "humble", "humblest", "profound", "sincerest",
    "genuine", "unreserved", "full", "utmost",
}
NEGATORS = {"not", "n't", "never", "no", "nothing"}


@dataclass
class Apology:
    trigger: Token
    kind: str  # apology | negated | reported | sympathy | question
    form: str  # sorry | apologize | apology | regret | forgive
    start: int  # char offsets (parsed text) of the apology phrase, e.g. "I'm so sorry"
    end: int
    subject: str | None = None  # lower-cased subject ("i", "we") or None when implied
    object: Span | None = None  # what the apology is for
    object_kind: str | None = None  # for | about | that | to
    conditional: Token | None = None  # the "if"/"whether" marker the apology hangs on
    distancing: bool = False  # "we regret", "I'd like to apologise", "please accept our apologies"
    intensifiers: list[Token] = field(default_factory=list)

    @property
    def sent(self) -> Span:
        return self.trigger.sent

    @property
    def is_apology(self) -> bool:
        return self.kind == "apology"

    @property
    def object_head(self) -> Token | None:
        if self.object is None:
            return None
        return self.object.root


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return child
    return None


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in token.children):
        return True
    # "no need to apologise", "there is nothing to apologise for"
    head = token.head
    if token.dep_ in ("xcomp", "acl", "relcl") and head.lemma_ in ("need", "reason", "nothing"):
        if any(c.lower_ in ("no", "nothing") for c in head.children) or head.lower_ == "nothing":
            return True
    return False


def _clause_head(token: Token) -> Token:
    """The verb a predicate adjective hangs off ("sorry" -> "'m")."""
    if token.dep_ in ("acomp", "attr", "oprd") and token.head.pos_ in ("AUX", "VERB"):
        return token.head
    return token


def _object_of(token: Token, head: Token) -> tuple[Span | None, str | None]:
    doc = token.doc
    # "Sorry you had to wait", "Sorry it took so long": the parser makes "Sorry" an interjection
    # on the clause that follows, and that clause is what the apology is for.
    # After a comma ("Sorry, that was my mistake") the clause is a statement of its own, and the
    # clause must start right after "Sorry" with its subject ("Sorry WE sent...").
    clause = token.head
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.dep_ == "intj" and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("for", "about"):
        pobj = [c for c in nxt.children if c.dep_ in ("pobj", "pcomp")]
        if pobj:  # "Sorry for the wait, Tomasz, I kept you on hold": the parser hung "for" on "kept"
            sub = list(pobj[0].subtree)
            return doc[sub[0].i: sub[-1].i + 1], nxt.lower_
    subj = _subject(clause) if clause.i > token.i else None
    if token.dep_ == "intj" and clause.pos_ in ("VERB", "AUX") and subj is not None and nxt is not None \
            and subj.left_edge.i == token.i + 1:
        sub = [t for t in clause.subtree if t.i > token.i]
        while sub and (sub[-1].is_punct or sub[-1].is_space):
            sub = sub[:-1]
        if sub:
            return doc[sub[0].i: sub[-1].i + 1], "that"
    for holder in (token, head):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "about", "over"):
                pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if pobj:
                    sub = list(pobj[0].subtree)
                    return doc[sub[0].i: sub[-1].i + 1], child.lower_
        for child in holder.children:
            if child.dep_ in ("ccomp",) or (child.dep_ == "xcomp" and holder is token):
                sub = list(child.subtree)
                return doc[sub[0].i: sub[-1].i + 1], "that" if child.dep_ == "ccomp" else "to"
            if child.dep_ == "dobj" and holder.lemma_ == "regret":
                sub = list(child.subtree)
                return doc[sub[0].i: sub[-1].i + 1], "that"
            # "We're sorry some of you were upset": the parser makes the clause an advcl of "'re";
            # it is still the object when it starts right after "sorry" and has no "if"/"because".
            if child.dep_ == "advcl" and child.i > token.i and child.left_edge.i == token.i + 1 \
                    and not any(c.dep_ == "mark" for c in child.children):
                sub = list(child.subtree)
                return doc[sub[0].i: sub[-1].i + 1], "that"
    return None, None


def _conditional(token: Token, head: Token) -> Token | None:
    for holder in {token, head}:
        for child in holder.children:
            if child.dep_ == "advcl":
                for mark in child.children:
                    if mark.dep_ == "mark" and mark.lower_ in ("if", "whether"):
                        return mark
    return None


def _intensifiers(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.lower_ in INTENSIFIERS and child.dep_ in ("advmod", "amod"):
            found.append(child)
            found.extend(c for c in child.children if c.lower_ in INTENSIFIERS)
    return sorted(found, key=lambda t: t.i)


def _span(tokens: list[Token | None]) -> tuple[int, int]:
    real = [t for t in tokens if t is not None]
    start = min(t.idx for t in real)
    end = max(t.idx + len(t.text) for t in real)
    return start, end


NAME_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mx", "prof"}


def _before_a_name(token: Token) -> bool:
    """"Sorry Mrs Okafor, our crew skipped Elm Row", "Apologies Dan, ...": a sentence-opening "sorry"
    or "apologies" addressed to the customer by name, which spaCy reads as part of the name (a
    compound of "Okafor")."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    opens = all(t.lower_ in ("so", "really", "very", "truly") for t in token.doc[token.sent.start:token.i])
    return opens and nxt is not None and (nxt.lower_ in NAME_TITLES or nxt.pos_ == "PROPN" and nxt.is_title) \
        and any(t.text == "," for t in token.doc[token.i + 1: token.i + 5])


def _classify_sorry(token: Token) -> Apology | None:
    head = _clause_head(token)
    if token.dep_ in ("amod", "compound") and token.head.i > token.i and not _before_a_name(token):
        return None  # "a sorry state of affairs" (but "Hi Beatriz, sorry for the late reply" is an apology)
    subj = _subject(head) if head is not token else None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    apology = Apology(token, "apology", "sorry", *_span([subj, head if head is not token else None, token]))
    apology.subject = subj.lower_ if subj is not None else None
    apology.object, apology.object_kind = _object_of(token, head)
    apology.conditional = _conditional(token, head)
    apology.intensifiers = _intensifiers(token)
    sent_tokens = [t for t in token.sent if not t.is_space and not t.is_punct]
    if nxt is not None and nxt.text.startswith("?") and len(sent_tokens) <= 2:
        apology.kind = "question"
        return apology
    if _negated(token) or _negated(head):
        apology.kind = "negated"
        return apology
    # Reported: "you said sorry", "he told me he was sorry", "the driver was sorry".
    if head.lemma_ in SAY_VERBS or token.head.lemma_ in SAY_VERBS:
        sayer = _subject(token.head) or _subject(head)
        if sayer is None or sayer.lower_ not in FIRST_PERSON:
            apology.kind = "reported"
            return apology
    if subj is not None and subj.lower_ in OTHER_PEOPLE:
        apology.kind = "reported"
        return apology
    if head.lemma_ == "feel":  # "I feel sorry for you" is pity, not apology
        apology.kind = "sympathy"
        return apology
    obj = apology.object
    if apology.object_kind == "to" and obj is not None and obj.root.lemma_ in SYMPATHY_VERBS:
        apology.kind = "sympathy"
    elif obj is not None and apology.object_kind in ("for", "about") and obj.root.lemma_ in SYMPATHY_OBJECTS \
            and any(t.lower_ == "your" for t in obj):
        apology.kind = "sympathy"
    return apology


def _classify_apologize(token: Token) -> Apology | None:
    subj = _subject(token)
    owner = token
    distancing = False
    # "I'd like to apologise", "we want to apologize", "I'm writing to apologise"
    if subj is None and token.dep_ in ("xcomp", "advcl", "ccomp", "acl") and token.head.pos_ in ("VERB", "AUX", "ADJ"):
        owner = token.head
        subj = _subject(owner)
        if owner.lemma_ in ("want", "like", "wish", "hope"):
            distancing = True
    apology = Apology(token, "apology", "apologize", *_span([subj if subj is not None and subj.i < token.i else None, token]))
    apology.subject = subj.lower_ if subj is not None else None
    apology.object, apology.object_kind = _object_of(token, owner)
    apology.conditional = _conditional(token, owner)
    apology.intensifiers = _intensifiers(token)
    apology.distancing = distancing
    if _negated(token) or (owner is not token and _negated(owner)):
        apology.kind = "negated"
    elif subj is not None and subj.lower_ in OTHER_PEOPLE:
        apology.kind = "reported"
    elif token.tag_ == "VBG" and subj is None and token.dep_ not in ("xcomp", "advcl"):
        return None  # "apologizing is not enough" talks about apologies
    return apology


def _classify_apology_noun(token: Token) -> Apology | None:
    poss = [c for c in token.children if c.dep_ == "poss"]
    head = token.head
    possessor = poss[0].lower_ if poss else None
    ok = False
    distancing = False
    start_tokens: list[Token | None] = [poss[0] if poss else None, token]
    if possessor in FIRST_PERSON_POSS:
        ok = True
    elif possessor is None and token.dep_ in ("ROOT", "nsubj", "appos", "npadvmod", "intj", "dep"):
        ok = True  # "Apologies for the delay."
    elif possessor is None and token.dep_ == "compound" and _before_a_name(token):
        ok = True  # "Apologies Dan, we added a fee we shouldn't have" (spaCy: a compound of "Dan")
    if token.dep_ == "dobj" and head.lemma_ in ("accept", "offer", "extend", "owe", "send", "give"):
        hs = _subject(head)
        if hs is None or hs.lower_ in FIRST_PERSON:
            ok = ok or possessor in (None, "my", "our")
            distancing = head.lemma_ in ("accept", "offer", "extend")
            if head.i < token.i:
                start_tokens.append(head)
    if possessor in ("your", "his", "her", "their"):
        apology = Apology(token, "reported", "apology", *_span(start_tokens))
        return apology
    if not ok:
        return None
    apology = Apology(token, "apology", "apology", *_span(start_tokens))
    apology.subject = possessor
    apology.distancing = distancing
    apology.object, apology.object_kind = _object_of(token, head if token.dep_ == "dobj" else token)
    apology.conditional = _conditional(token, head)
    apology.intensifiers = _intensifiers(token)
    if _negated(head) and head is not token:
        apology.kind = "negated"
    return apology


def _classify_regret(token: Token) -> Apology | None:
    if token.pos_ != "VERB":
        return None
    subj = _subject(token)
    if subj is None or subj.lower_ not in ("i", "we"):
        # "the company regrets" still speaks for the company
        if subj is None or subj.lower_ in OTHER_PEOPLE or subj.pos_ == "PRON":
            return None
    apology = Apology(token, "apology", "regret", *_span([subj, token]))
    apology.subject = subj.lower_
    apology.distancing = True
    apology.object, apology.object_kind = _object_of(token, token)
    apology.conditional = _conditional(token, token)
    apology.intensifiers = _intensifiers(token)
    if _negated(token):
        apology.kind = "negated"
    return apology


def _classify_forgive(token: Token) -> Apology | None:
    objs = [c for c in token.children if c.dep_ == "dobj" and c.lower_ in ("me", "us")]
    if not objs:
        return None
    subj = _subject(token)
    if subj is not None and subj.lower_ not in ("you",):
        return None
    apology = Apology(token, "apology", "forgive", *_span([token, objs[0]]))
    apology.object, apology.object_kind = _object_of(token, token)
    if _negated(token):
        apology.kind = "negated"
    return apology


def find_apologies(doc: Doc) -> list[Apology]:
    found: list[Apology] = []
    for token in doc:
        lower = token.lower_
        lemma = token.lemma_.lower()
        result = None
        if lower == "sorry":
            result = _classify_sorry(token)
        elif lemma in ("apologize", "apologise") or lower.startswith(("apologiz", "apologis")):
            if token.pos_ in ("VERB", "AUX") or lower.startswith(("apologiz", "apologis")):
                result = _classify_apologize(token)
        elif lemma in ("apology", "apologies") and token.pos_ in ("NOUN", "PROPN", "INTJ"):
            result = _classify_apology_noun(token)
        elif lemma == "regret":
            result = _classify_regret(token)
        elif lemma in ("forgive", "pardon"):
            result = _classify_forgive(token)
        if result is not None:
            found.append(result)
    return found
