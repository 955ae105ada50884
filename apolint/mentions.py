"""Concrete mentions: dates, times, amounts of money, percentages, quantities and numbers, found
over the tagged parse instead of by the statistical NER.

Why not NER: in en_core_web_sm the entity recogniser has its own embedding layer and costs about
as much as the tagger, parser and lemmatizer together (docs/performance.md), while the rules
only ask "does the draft name a date, a time, an amount or a number?" (the ``specifics`` and
``follow_up`` signals, and whether an apology's object is specific). Those mentions have a fixed
shape (a weekday, "4 June", "4pm", "£42.50", "3 working days", "10%"), which token patterns find
exactly, where the small NER model also tags phone numbers as dates and "Dear Mr Osei" as an
organisation. The labels are spaCy's entity labels, so the signals read the same either way.

Three passes, each the cheapest tool for its shape: a Matcher for patterns led by a number
(LIKE_NUM is a lexeme flag, so these cost almost nothing per token); a PhraseMatcher for the
word-led phrases ("this week", "a few hours", "Friday"); and one look at the tokens that carry
digits but are not numbers ("09:10", "15th", "LB-55102")."""
from __future__ import annotations

import functools

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
            "mon", "tue", "tues", "thu", "thur", "thurs", "fri"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"]
# Also ordinary words ("you may", "I sat", "the sun"): dates only as proper nouns or beside a number.
AMBIGUOUS_DAYS = {"may", "march", "mar", "jan", "dec", "sun", "sat", "wed"}
DAY_WORDS = ["today", "tomorrow", "yesterday", "weekday", "weekdays", "weekend", "weekends", "payday",
             "month-end", "mid-month"]
TIME_WORDS = ["tonight", "overnight", "noon", "midnight", "midday"]
TIMES_OF_DAY = ["morning", "afternoon", "evening", "night"]
PERIODS = ["weekend", "week", "month", "year", "quarter", "summer", "winter", "spring", "autumn", "season"]
DEICTIC = ["this", "that", "next", "last", "coming", "following", "same", "previous", "past", "the next",
           "the last", "the past", "the same", "the following", "the coming"]
AMOUNTS = ["a", "an", "a few", "a couple of", "several", "an extra", "a full", "a whole", "a further",
           "another", "the next", "the last", "within a", "within an"]
DATE_UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "night", "nights",
              "fortnight", "fortnights"]
TIME_UNITS = ["hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds", "hr", "hrs"]
CLOCK_WORDS = ["am", "pm", "a.m.", "p.m.", "a.m", "p.m", "utc", "gmt", "bst", "cet", "cest", "est", "edt",
               "pst", "pdt", "o'clock", "oclock", "hrs"]
CURRENCY_WORDS = ["pounds", "pound", "dollars", "dollar", "euros", "euro", "pence", "p", "cents", "cent",
                  "usd", "gbp", "eur", "aud", "cad", "quid", "bucks"]
QUANTITY_UNITS = ["kg", "g", "mg", "lb", "lbs", "km", "m", "cm", "mm", "mile", "miles", "gb", "mb", "tb",
                  "kb", "mbps", "gbps", "litre", "litres", "liter", "liters", "ml", "items", "kilos"]
ORDINAL_WORDS = ["third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
                 "twelfth", "fifteenth", "twentieth", "thirtieth"]
# Token shapes (spaCy's SHAPE: d digit, x lower-case letter) of clock times the tokenizer keeps whole.
CLOCK_SHAPES = {"d:dd", "dd:dd", "d:ddxx", "dd:ddxx", "dxx", "ddxx", "dxx-dxx", "dxx-ddxx", "ddxx-dxx",
                "ddxx-ddxx", "dd:dd-dd:dd", "d:dd-d:dd"}
YEARS = {str(y) for y in range(1990, 2051)}


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


DIGIT_ORDINALS = {_ordinal(n) for n in range(1, 101)}

NUM = {"LIKE_NUM": True}
NUM_RANGE = [NUM, {"ORTH": {"IN": ["-", "to", "and"]}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}]


def _number_patterns() -> dict[str, list[list[dict]]]:
    """Patterns that start with a number: "£42", "10%", "4 pm", "3 working days", "4 June"."""
    return {
        "MONEY": [[{"IS_CURRENCY": True}, NUM], [NUM, {"LOWER": {"IN": CURRENCY_WORDS}}]],
        "PERCENT": [[NUM, {"ORTH": "%"}], [NUM, {"LOWER": {"IN": ["percent", "per"]}}, {"LOWER": "cent", "OP": "?"}]],
        "TIME": [[NUM, {"LOWER": {"IN": CLOCK_WORDS}}], [*NUM_RANGE, {"LOWER": {"IN": TIME_UNITS}}]],
        "DATE": [
            [*NUM_RANGE, {"LOWER": {"IN": MONTHS}}],
            [*NUM_RANGE, {"LOWER": {"IN": ["business", "working", "calendar"]}, "OP": "?"}, {"LOWER": {"IN": DATE_UNITS}}],
        ],
        "QUANTITY": [[NUM, {"LOWER": {"IN": QUANTITY_UNITS}}]],
        "CARDINAL": [[NUM]],
    }


def _word_phrases() -> dict[str, list[str]]:
    """Word-led mentions, as lower-case phrases: "friday", "this week", "a few hours"."""
    units_day = ["day", "days", "week", "weeks", "month", "months", "fortnight", "working day", "working days",
                 "business day", "business days"]
    units_time = ["hour", "hours", "minute", "minutes"]
    return {
        "DATE": (WEEKDAYS + MONTHS + DAY_WORDS
                 + [f"{d} {p}" for d in DEICTIC for p in PERIODS]
                 + [f"{d} {w}" for d in DEICTIC for w in WEEKDAYS]
                 + [f"{a} {u}" for a in AMOUNTS for u in units_day]),
        "TIME": (TIME_WORDS
                 + [f"{d} {t}" for d in DEICTIC for t in TIMES_OF_DAY]
                 + [f"{w} {t}" for w in WEEKDAYS + ["today", "tomorrow", "yesterday"] for t in TIMES_OF_DAY]
                 + [f"{a} {u}" for a in AMOUNTS for u in units_time]),
        "ORDINAL": ORDINAL_WORDS,
    }


# Wider mentions win; on equal width, the more specific label (listed first) wins.
LABEL_ORDER = ["MONEY", "PERCENT", "TIME", "DATE", "QUANTITY", "ORDINAL", "CARDINAL"]
RANK = {label: i for i, label in enumerate(LABEL_ORDER)}


@functools.lru_cache(maxsize=4)
def _matchers(vocab) -> tuple[Matcher, PhraseMatcher]:
    from spacy.lang.en import English

    numbers = Matcher(vocab, validate=True)
    for label, patterns in _number_patterns().items():
        numbers.add(label, patterns)
    words = PhraseMatcher(vocab, attr="LOWER")
    tokenizer = English(vocab=vocab).tokenizer  # only the tokenizer: phrases are matched on LOWER
    for label, phrases in _word_phrases().items():
        words.add(label, [tokenizer(p) for p in phrases])
    return numbers, words


def _digit_token_label(token) -> str | None:
    """A token with digits that is not a plain number: a clock time, a year, "15th", "LB-55102"."""
    text = token.text
    if not any(ch.isdigit() for ch in text):
        return None
    if token.shape_ in CLOCK_SHAPES and (":" in text or text.lower().endswith(("am", "pm"))):
        return "TIME"
    lower = token.lower_
    if lower in YEARS:
        return "DATE"
    if lower in DIGIT_ORDINALS:
        return "ORDINAL"
    return "CARDINAL"


def find_mentions(doc: Doc) -> list[Span]:
    """Non-overlapping date/time/money/percent/quantity/ordinal/number spans in text order,
    labelled like spaCy's entity types."""
    numbers, words = _matchers(doc.vocab)
    strings = doc.vocab.strings
    spans = []
    for match_id, start, end in list(numbers(doc)) + list(words(doc)):
        first = doc[start]
        if end - start == 1 and first.lower_ in AMBIGUOUS_DAYS and first.pos_ != "PROPN" \
                and not (end < len(doc) and doc[end].like_num):
            continue  # "you may", "I sat"; but "may 2" is a date
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text != "%"):
            end -= 1
        label = strings[match_id]
        if label == "CARDINAL" and end - start == 1:
            label = _digit_token_label(first) or label  # "2023" is a year, "15th" an ordinal
        if end > start:
            spans.append(Span(doc, start, end, label=label))
    for token in doc:
        label = _digit_token_label(token) if not token.like_num else None
        if label is not None:
            spans.append(Span(doc, token.i, token.i + 1, label=label))
    spans = _join_dates(doc, spans)
    spans.sort(key=lambda s: RANK[s.label_])  # filter_spans keeps the first of equal-length spans
    return sorted(filter_spans(spans), key=lambda s: s.start)


def _join_dates(doc: Doc, spans: list[Span]) -> list[Span]:
    """A month followed by a day number is one date: "May 2", "June 3"."""
    out = list(spans)
    for span in spans:
        if span.label_ == "DATE" and len(span) == 1 and span[0].lower_ in MONTHS and span.end < len(doc) \
                and doc[span.end].like_num:
            out.append(Span(doc, span.start, span.end + 1, label="DATE"))
    return out
