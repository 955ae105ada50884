"""Skip a Matcher or DependencyMatcher on a draft that cannot match it.

A token pattern whose node asks for a literal word (``LOWER: you``, ``LEMMA: {IN: [forget, fail]}``)
cannot match a draft that contains none of those words. Checking that against the draft's set of
words (lower-case forms and lemmas, built once per draft) is much cheaper than running the
matcher, and most rules' anchor words are absent from most drafts. The test is a necessary
condition only: when it passes, the matcher still decides."""
from __future__ import annotations

WORD_ATTRS = ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM")


def _node_words(attrs: dict) -> frozenset[str] | None:
    """The words one of which a token must be to match ``attrs``, or None if any token might."""
    for key in WORD_ATTRS:
        value = attrs.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                and all(isinstance(v, str) for v in value["IN"]):
            return frozenset(v.lower() for v in value["IN"])
    return None


def required_words(nodes: list[dict], attrs_key: str | None) -> list[frozenset[str]]:
    """For one pattern: the word sets that must each meet the draft. ``attrs_key`` is
    "RIGHT_ATTRS" for dependency patterns, None for token patterns (whose optional nodes,
    OP ? * or !, are not required)."""
    out = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        if attrs_key is None and node.get("OP") in ("?", "*", "!"):
            continue
        attrs = node.get(attrs_key, {}) if attrs_key else node
        words = _node_words(attrs) if isinstance(attrs, dict) else None
        if words:
            out.append(words)
    return out


def may_match(requirements: list[list[frozenset[str]]], draft_words: set[str]) -> bool:
    """True unless every pattern has a required word set the draft lacks entirely."""
    return any(all(not words.isdisjoint(draft_words) for words in pattern) for pattern in requirements)
