"""What every check kind shares: the hit it returns, the ``when`` conditions on the draft's
context, and the position ``scope`` a hit must fall in."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..quotes import in_quotation
from ..report import COMPONENTS
from ..signals import owns_fault_outright

COMMON_KEYS = {"kind", "message", "severity", "suggestion", "when", "scope", "severity_by_failure", "include_quoted",
               "skip_quotations", "suppresses"}
WHEN_KEYS = {"register", "not_register", "failure_severity", "missing", "present", "has_failure", "min_words",
             "template", "fault_owned", "fired"}
SCOPES = {"body", "greeting", "first-sentence", "closing", "all"}


@dataclass
class Hit:
    start: int  # offsets in the parsed text
    end: int
    vars: dict = field(default_factory=dict)  # values for the message template ({text} is always set)
    severity: str | None = None
    message: str | None = None
    suggestion: str | None = None
    # Offsets in the original text, for a hit on something the parse never sees (template
    # syntax that renders nothing); start/end then only place it for the scope test.
    original: tuple[int, int] | None = None
    # False for a hit that must not silence the rules listing this one in ``suppressed_by``: an
    # empty excuse formula ("technical difficulties") is an excuse but gives no reason, so
    # missing-explanation still applies (corpus guide, rule 2).
    suppresses: bool = True


def validate_common(spec: dict, allowed: set[str]) -> str | None:
    from ..ruleset import closest

    keys = COMMON_KEYS | allowed
    for key in spec:
        if key not in keys:
            return f"unknown key '{key}'{closest(str(key), keys)}"
    when = spec.get("when") or {}
    if not isinstance(when, dict):
        return "'when' must be a mapping"
    for key, value in when.items():
        if key not in WHEN_KEYS:
            return f"unknown condition when.{key}{closest(str(key), WHEN_KEYS)}"
        if key == "fired" and (not isinstance(value, list) or not value
                               or not all(isinstance(v, str) for v in value)):
            return "when.fired must be a non-empty list of rule ids"
        if key in ("missing", "present"):
            for comp in value:
                if comp not in COMPONENTS:
                    return f"when.{key}: unknown component '{comp}'{closest(comp, COMPONENTS)}"
    if spec.get("scope", "body") not in SCOPES:
        return f"scope '{spec.get('scope')}' is not one of {', '.join(sorted(SCOPES))}"
    for key in ("patterns", "phrases"):
        flag = _yaml_boolean(spec.get(key), string_context=key == "phrases")
        if flag is not None:
            return (f"{key}: YAML read a bare word as {str(flag).lower()} (on/off/yes/no are booleans in YAML); "
                    f"quote it, e.g. \"on\"")
    return None


STRING_ATTRS = {"LOWER", "TEXT", "ORTH", "LEMMA", "NORM", "POS", "TAG", "DEP", "SHAPE", "ENT_TYPE", "IN", "NOT_IN"}


def _yaml_boolean(value, string_context: bool = False):
    """The first boolean where a word belongs (a phrase, a LOWER/LEMMA value, an IN list): YAML 1.1
    turns bare on/off/yes/no into booleans. Flags like {IS_PUNCT: true} are fine."""
    if isinstance(value, bool):
        return value if string_context else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _yaml_boolean(item, string_context or str(key).upper() in STRING_ATTRS)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _yaml_boolean(item, string_context)
            if found is not None:
                return found
    return None


def is_template(draft) -> bool:
    scan = getattr(draft.prepared, "template", None)
    return scan is not None and bool(scan.placeholders)


def conditions_hold(when: dict | None, draft) -> bool:
    if not when:
        return True
    comps = draft.components
    if "register" in when and draft.register not in when["register"]:
        return False
    if "not_register" in when and draft.register in when["not_register"]:
        return False
    if "failure_severity" in when and draft.failure_severity not in when["failure_severity"]:
        return False
    if any(comps.get(c) for c in when.get("missing", [])):
        return False
    if not all(comps.get(c) for c in when.get("present", [])):
        return False
    if "fault_owned" in when and bool(when["fault_owned"]) != owns_fault_outright(draft):
        return False
    if "has_failure" in when and bool(when["has_failure"]) != (draft.failure_severity != "none"):
        return False
    # A template (a canned response with merge fields) is sent for many tickets.
    if "template" in when and bool(when["template"]) != is_template(draft):
        return False
    if "min_words" in when and sum(1 for t in draft.doc if t.is_alpha) < int(when["min_words"]):
        return False
    # Another rule found something in this draft (the engine runs checks with this condition after
    # every rule without it, and leaves the rules' findings in draft._cache["fired_rules"]).
    if "fired" in when and not any(draft._cache.get("fired_rules", {}).get(r) for r in when["fired"]):
        return False
    return True


def in_scope(scope: str, start: int, end: int, draft, include_quoted: bool = False) -> bool:
    prepared = draft.prepared
    if not include_quoted and prepared.in_quoted(start, end):
        return False
    if scope == "all":
        return True
    greeting = prepared.greeting
    if scope == "greeting":
        return greeting is not None and greeting[0] <= start and end <= greeting[1]
    sents = draft.sentences
    if scope == "first-sentence":
        first = next((s for s in sents if greeting is None or s.start_char >= greeting[1]), None)
        return first is not None and first.start_char <= start and end <= first.end_char
    if scope == "closing":
        last = sents[-2:] if sents else []
        return any(s.start_char <= start and end <= s.end_char for s in last)
    # body: anywhere the writer speaks, except the sign-off block
    signoff = prepared.signoff_start
    return signoff is None or start < signoff


class Check:
    """A compiled check. Subclasses implement ``find``; ``run`` applies conditions and scope."""

    allowed_keys: set[str] = set()

    def __init__(self, spec: dict, nlp):
        self.spec = spec
        self.when = spec.get("when")
        self.scope = spec.get("scope", "body")
        self.include_quoted = bool(spec.get("include_quoted", False))
        # Tone checks skip words in quotation marks: they are someone else's (apolint/quotes.py).
        self.skip_quotations = bool(spec.get("skip_quotations", False))

    @classmethod
    def validate(cls, spec: dict) -> str | None:
        return validate_common(spec, cls.allowed_keys)

    def find(self, draft) -> list[Hit]:
        raise NotImplementedError

    def run(self, draft) -> list[Hit]:
        if not conditions_hold(self.when, draft):
            return []
        hits = []
        for hit in self.find(draft):
            if not in_scope(self.scope, hit.start, hit.end, draft, self.include_quoted):
                continue
            if self.skip_quotations and in_quotation(draft, hit.start, hit.end):
                continue
            if hit.severity is None:
                by_failure = self.spec.get("severity_by_failure") or {}
                hit.severity = by_failure.get(draft.failure_severity, self.spec.get("severity"))
            if hit.message is None:
                hit.message = self.spec.get("message")
            if hit.suggestion is None:
                hit.suggestion = self.spec.get("suggestion")
            if self.spec.get("suppresses") is False:
                hit.suppresses = False
            hits.append(hit)
        return hits
