"""Concrete mentions: dates, times, amounts of money, percentages, quantities and numbers, found
with a token Matcher over the tagged parse instead of the statistical NER.

Why not NER: in en_core_web_sm the entity recogniser has its own embedding layer and costs about
as much as the tagger, parser and lemmatizer together (docs/performance.md), while the rules
only ask "does the draft name a date, a time, an amount or a number?" (the ``specifics`` and
``follow_up`` signals, and whether an apology's object is specific). Those mentions have a fixed
shape (a weekday, "4 June", "4pm", "£42.50", "3 working days", "10%") that a Matcher finds
exactly, where the small NER model also tags phone numbers as dates and "Dear Mr Osei" as an
organisation. The labels follow spaCy's entity labels so the signals read the same either way."""
from __future__ import annotations

import functools

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
            "weekday", "weekdays", "weekend", "weekends", "payday", "month-end", "mid-month"]
# "may", "march" and "sun" are also ordinary words: they count as months only as proper nouns or
# next to a day number (see the patterns below).
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"]
AMBIGUOUS_MONTHS = ["may", "march", "mar", "jan", "dec", "sun", "sat", "wed"]
RELATIVE_DAYS = ["today", "tomorrow", "yesterday"]
RELATIVE_TIMES = ["tonight", "overnight", "noon", "midnight", "midday"]
TIMES_OF_DAY = ["morning", "afternoon", "evening", "night"]
PERIODS = ["weekend", "week", "month", "year", "quarter", "summer", "winter", "spring", "autumn", "season"]
DEICTIC = ["this", "that", "next", "last", "coming", "following", "same", "previous", "past"]
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
QUANTIFIERS = ["a", "an", "few", "several", "couple", "extra", "full", "whole", "additional"]

NUM = {"LIKE_NUM": True}
# A token carrying digits that LIKE_NUM misses: "09:10", "8:15am", "14B", "2.3.1", "15th".
DIGITS = {"SHAPE": {"REGEX": r"d"}}
OPT_NUM_RANGE = [{"ORTH": {"IN": ["-", "–", "to", "and"]}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}]


def _patterns() -> dict[str, list[list[dict]]]:
    weekday = {"LOWER": {"IN": WEEKDAYS}}
    month_unambiguous = {"LOWER": {"IN": [m for m in MONTHS if m not in AMBIGUOUS_MONTHS]}}
    month_any = {"LOWER": {"IN": MONTHS}}
    return {
        "MONEY": [
            [{"IS_CURRENCY": True}, NUM],
            [{"IS_CURRENCY": True}, DIGITS],
            [NUM, {"LOWER": {"IN": CURRENCY_WORDS}}],
        ],
        "PERCENT": [
            [NUM, {"ORTH": "%"}],
            [DIGITS, {"ORTH": "%"}],
            [NUM, {"LOWER": {"IN": ["percent", "per"]}}, {"LOWER": "cent", "OP": "?"}],
        ],
        "TIME": [
            [NUM, {"LOWER": {"IN": CLOCK_WORDS}}],
            [DIGITS, {"LOWER": {"IN": CLOCK_WORDS}}],
            [{"LOWER": {"REGEX": r"^\d{1,2}:\d\d$"}}, {"LOWER": {"IN": CLOCK_WORDS}, "OP": "?"}],
            [{"LOWER": {"REGEX": r"^\d{1,2}(:\d\d)?(am|pm)$"}}],
            [NUM, *OPT_NUM_RANGE, {"LOWER": {"IN": TIME_UNITS}}],
            [{"LOWER": {"IN": QUANTIFIERS}}, {"LOWER": {"IN": QUANTIFIERS}, "OP": "?"},
             {"LOWER": {"IN": ["hour", "hours", "minute", "minutes"]}}],
            [{"LOWER": {"IN": RELATIVE_TIMES}}],
            [{"LOWER": {"IN": DEICTIC}}, {"LOWER": {"IN": TIMES_OF_DAY}}],
            [weekday, {"LOWER": {"IN": TIMES_OF_DAY}}],
        ],
        "DATE": [
            [weekday],
            [{"LOWER": {"IN": RELATIVE_DAYS}}],
            [month_unambiguous],
            [{"LOWER": {"IN": AMBIGUOUS_MONTHS}, "POS": "PROPN"}],
            [NUM, *OPT_NUM_RANGE, month_any],
            [month_any, NUM],
            [{"LOWER": {"IN": DEICTIC}}, {"LOWER": {"IN": PERIODS}}],
            [NUM, *OPT_NUM_RANGE, {"LOWER": {"IN": ["business", "working", "calendar"]}, "OP": "?"},
             {"LOWER": {"IN": DATE_UNITS}}],
            [{"LOWER": {"IN": QUANTIFIERS}}, {"LOWER": {"IN": QUANTIFIERS}, "OP": "?"},
             {"LOWER": {"IN": ["business", "working"]}, "OP": "?"},
             {"LOWER": {"IN": ["day", "days", "week", "weeks", "month", "months", "fortnight"]}}],
            [{"SHAPE": "dddd", "LOWER": {"REGEX": r"^(19|20)\d\d$"}}],
            [{"LOWER": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}, {"LOWER": "of", "OP": "?"}, month_any],
        ],
        "QUANTITY": [
            [NUM, {"LOWER": {"IN": QUANTITY_UNITS}}],
        ],
        "ORDINAL": [
            [{"LOWER": {"REGEX": r"^\d+(st|nd|rd|th)$"}}],
            [{"LOWER": {"IN": ORDINAL_WORDS}}],
        ],
        "CARDINAL": [
            [NUM],
            [DIGITS],
        ],
    }


# Wider mentions win; on equal width, the more specific label (listed first) wins.
LABEL_ORDER = ["MONEY", "PERCENT", "TIME", "DATE", "QUANTITY", "ORDINAL", "CARDINAL"]


@functools.lru_cache(maxsize=4)
def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab, validate=True)
    for label, patterns in _patterns().items():
        matcher.add(label, patterns)
    return matcher


def find_mentions(doc: Doc) -> list[Span]:
    """Non-overlapping date/time/money/percent/quantity/ordinal/number spans, in text order,
    each labelled like spaCy's entity types."""
    matcher = _matcher(doc.vocab)
    strings = doc.vocab.strings
    spans = []
    for match_id, start, end in matcher(doc):
        label = strings[match_id]
        # Drop a bare space or punctuation edge the optional tokens may have left.
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text != "%"):
            end -= 1
        if end > start:
            spans.append(Span(doc, start, end, label=label))
    rank = {label: i for i, label in enumerate(LABEL_ORDER)}
    spans.sort(key=lambda s: rank[s.label_])  # filter_spans keeps the first of equal-length spans
    return sorted(filter_spans(spans), key=lambda s: s.start)
