"""Does a draft look like English? apolint's rules read an English parse; on French, German or
Japanese text the small English model tags and parses nonsense, and the rules would report
nonsense findings. This module decides, from the text alone, whether a draft is English enough
to lint, so the ``not-english`` rule can say so instead.

Two signals, each measured on the writer's own lines (quoted customer text, ``> ...``, is left
out, so an English reply quoting a Spanish customer is still English):

- script: the share of letters that are Latin. Japanese, Arabic, Hebrew, Cyrillic... drafts
  have few.
- vocabulary: the share of words that are English: a stop word, or a word (or a regular
  inflection of a word) in the model's own lemmatizer vocabulary (WordNet's ~90,000 lemmas and
  its irregular forms). French, Spanish, German drafts in Latin script have a low share;
  English drafts, even terse ones full of names and order numbers, have a high one.

Short drafts carry too little evidence, so a draft is only called non-English when it has
enough words (or letters) for the share to mean something."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

# Words: runs of letters (apostrophes inside: "don't", "customer's"); digits and symbols are not
# evidence for any language.
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
QUOTED_LINE_RE = re.compile(r"^\s*>.*$", re.MULTILINE)
# Template placeholders are not words of any language ({{ first_name }}, *|FNAME|*, {% if %}).
PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\*\|.*?\|\*|\{\$?[\w.]+\}|\[\[.*?\]\]", re.DOTALL)

MIN_WORDS = 6  # below this the vocabulary share is noise
MIN_LETTERS = 12  # below this the script share is noise
MIN_LATIN_SHARE = 0.5
MIN_ENGLISH_SHARE = 0.45
# Reading the whole of a 10 MB draft to decide its language is wasted work: the first
# ``SAMPLE_CHARS`` characters of the writer's own text decide.
SAMPLE_CHARS = 20_000

_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "ly", "er", "est", "ies", "ied", "ily")
# WordNet lists many short function words of other languages as English lemmas ("le", "de",
# "pour", "es", "die" as a printing term...). The commonest function words of French, Spanish,
# German, Italian, Portuguese and Dutch therefore count as foreign, whatever WordNet says. English
# stop words are removed from this list below, so "in", "is", "me", "so" stay English.
_FOREIGN_FUNCTION_WORDS = set("""
le la les des du et est une un pour nous vous je il elle ils que qui pas ne se ce cette ces dans sur
avec votre vos notre nos au aux mais où très été sont avons avez être par lui leur mon mes ses à ça
merci bonjour désolé désolés désolée cordialement
el los las del y es una por para con su sus nuestro nuestra se le les al muy pero como más está
hemos han ha usted gracias hola lamentamos sentimos disculpas
der das und ist nicht ein eine einen dem des zu mit auf für sie wir ich es uns ihre ihr ihnen dass
sich von wird wurde haben hat sind bei auch noch aber oder wie leider bitte vielen dank
il gli della di che è ci si non sono abbiamo suo sua nel nella anche grazie scusiamo
os da do das dos na em um uma não seu pelo pela foi obrigado desculpa
het een de van en dat te ons uw wij ik niet zijn voor op er maar ook naar heeft hebben spijt
""".split()) - set(STOP_WORDS)
# Chat shorthand an English support reply uses that no dictionary has.
_CHAT_WORDS = {"sry", "abt", "lmk", "u", "ur", "pls", "plz", "thx", "ty", "np", "btw", "asap", "fyi",
               "tbh", "imo", "r", "k", "omg", "ugh", "hmm", "oops", "ooh"}


_QUICK_ENGLISH = frozenset((set(STOP_WORDS) | _CHAT_WORDS) - _FOREIGN_FUNCTION_WORDS)


@dataclass(frozen=True)
class LanguageVerdict:
    english: bool
    reason: str  # why, in words a user reads ("only 8% of its 40 words are English")
    words: int
    english_share: float
    latin_share: float


@functools.lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """English words the pipeline already ships: the lemmatizer's lemma index and irregular forms
    (WordNet), plus spaCy's English stop words. Nothing is downloaded."""
    from .parse import load_nlp

    words: set[str] = set(STOP_WORDS)
    try:
        lookups = load_nlp().get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            words.update(w.lower() for w in index.get(pos, []) if "_" not in w)
        exceptions = lookups.get_table("lemma_exc")
        for pos in ("noun", "verb", "adj", "adv"):
            for form, lemmas in (exceptions.get(pos) or {}).items():
                words.add(form.lower())
                words.update(l.lower() for l in lemmas)
    except (KeyError, ValueError):  # a pipeline without a lookup lemmatizer: stop words only
        pass
    # Words every apology uses that WordNet spells differently or lacks.
    words.update({"apologise", "apologised", "apologising", "i'm", "we're", "you're", "it's", "don't",
                  "can't", "won't", "we've", "i've", "we'll", "i'll", "didn't", "isn't", "wasn't",
                  "okay", "ok", "thanks", "email", "emails", "login", "app", "online", "refund"})
    words |= _CHAT_WORDS
    return frozenset(words - _FOREIGN_FUNCTION_WORDS)


def _is_english_word(word: str, vocab: frozenset[str]) -> bool:
    w = word.lower().replace("\u2019", "'")
    if w in vocab:
        return True
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)]
            if stem in vocab or stem + "e" in vocab or stem + "y" in vocab:
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in vocab:  # stopped, planning
                return True
    return False


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def own_text(text: str) -> str:
    """The writer's own words: quoted lines and template placeholders removed."""
    return PLACEHOLDER_RE.sub(" ", QUOTED_LINE_RE.sub("", text[: SAMPLE_CHARS * 2]))[:SAMPLE_CHARS]


def judge(text: str) -> LanguageVerdict:
    sample = own_text(text)
    letters = [ch for ch in sample if ch.isalpha()]
    latin_share = sum(map(_is_latin, letters)) / len(letters) if letters else 1.0
    # Fast path: most English drafts are already English by their stop words alone. Counting only
    # stop words (a subset of the vocabulary) over every Latin word (a superset of the words the
    # full test keeps) can only lower the share, so passing here means passing the full test, and
    # the 150k-word vocabulary is built only for drafts that need it (it cost ~0.36 s at start-up).
    if not (len(letters) >= MIN_LETTERS and latin_share < MIN_LATIN_SHARE):
        latin_words = [w for w in WORD_RE.findall(sample) if any(_is_latin(ch) for ch in w)]
        quick = sum(w.lower().replace("\u2019", "'") in _QUICK_ENGLISH for w in latin_words)
        if latin_words and quick / len(latin_words) >= MIN_ENGLISH_SHARE:
            return LanguageVerdict(True, "", len(latin_words), quick / len(latin_words), latin_share)
    vocab = english_vocabulary()
    words = []
    english_words = 0
    for w in WORD_RE.findall(sample):
        if not any(_is_latin(ch) for ch in w):
            continue
        english = _is_english_word(w, vocab)
        if not english and w[0].isupper() and w.lower() not in _FOREIGN_FUNCTION_WORDS:
            continue  # a name (Priya, Zalando), or a German noun: evidence for no language
        words.append(w)
        english_words += english
    english_share = english_words / len(words) if words else 1.0
    if len(letters) >= MIN_LETTERS and latin_share < MIN_LATIN_SHARE:
        return LanguageVerdict(False, f"only {latin_share:.0%} of its letters are Latin script",
                               len(words), english_share, latin_share)
    if len(words) >= MIN_WORDS and english_share < MIN_ENGLISH_SHARE:
        return LanguageVerdict(False, f"only {english_words} of its {len(words)} words are English",
                               len(words), english_share, latin_share)
    return LanguageVerdict(True, "", len(words), english_share, latin_share)


def looks_english(text: str) -> bool:
    return judge(text).english
