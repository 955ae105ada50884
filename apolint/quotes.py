"""Words inside quotation marks: a customer's words ("you said 'calm down'"), an error message
('it showed "Oops, something went wrong"') or a product name. They are not the writer's own
tone, so tone rules that opt in (``skip_quotations: true``) skip them. ``> `` quoted lines are
handled by the preprocess stage."""
from __future__ import annotations

import re

# Paired double quotes on one line; single quotes only when they open after a space or bracket
# and close before a non-letter, so apostrophes ("we're", "customers' orders") never pair up.
_DOUBLE = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”')
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))['‘][^'‘’\n]{1,300}['’](?![A-Za-z])", re.M)


def quotation_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _SINGLE.finditer(text)]
    return spans


def in_quotation(draft, start: int, end: int) -> bool:
    cache = draft._cache
    if "quotation_spans" not in cache:
        cache["quotation_spans"] = quotation_spans(draft.text)
    return any(qs <= start and end <= qe for qs, qe in cache["quotation_spans"])
