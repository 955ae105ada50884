"""The word lists in ``apolint/data/lexicon.yaml``, loaded once."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = yaml.load(resources.files("apolint").joinpath("data/lexicon.yaml").read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: dict = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            out[key] = {str(k).lower(): str(v).lower() for k, v in value.items()}
        elif isinstance(value, list) and not key.endswith("phrases"):
            out[key] = frozenset(str(v).lower() for v in value)
        else:
            out[key] = value
    out["reference_re"] = re.compile(raw["reference_pattern"])
    return out
