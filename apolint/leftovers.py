"""The ``placeholder_leftover`` named check: text that would reach the customer unfinished.

- human fill-ins: ``[Customer Name]``, ``<NAME>``, ``XXXX``, ``TBD``, ``INSERT ...``, ``____``,
  lorem ipsum, instructions left in the copy ("[Describe what went wrong]");
- broken template syntax: delimiters left over after every recognised placeholder was masked
  (``{{first_name}``, ``*|FNAME|``), and conditionals that never close;
- with ``--platform``: placeholders in a syntax the platform does not render, and variables it
  does not know.

The fill-ins and delimiters are read from the parsed text, where recognised placeholders are
already stand-ins, so valid template syntax can never be reported as a leftover. Regular
expressions are right here: the shapes are fixed strings, not language.

Also the ``merge_field_fallback`` check (rule merge-field-fallback): a customer-name variable in the
greeting with no fallback (it renders as "Hi ," for a customer without that field)."""
from __future__ import annotations

import re

from . import templates as tpl
from .checks.base import Hit
from .named_checks import named_check

_FILLIN_WORDS = (
    r"(?:customer|client|recipient|user|first|last|full|agent|your|my|company|business|product|order|ticket|"
    r"case|account|tracking|reference|ref|invoice|booking|store|shop|team|support|rep|representative)?"
)
_FILLIN_NOUNS = (
    r"(?:name|first ?name|last ?name|surname|company|company name|order (?:no\.?|number|#|id)|order|date|"
    r"agent|product|amount|number|no\.?|#|id|email|e-mail|address|phone|link|url|time|reason|details?|"
    r"signature|title|sku|item|price|total|refund amount|discount|code|x+|\.{3}|…)"
)
FILLIN_PATTERNS: list[tuple[str, re.Pattern, str]] = [
    ("fill-in", re.compile(
        rf"\[\s*{_FILLIN_WORDS}[\s_'’s-]*{_FILLIN_NOUNS}\s*(?:here)?\s*\](?!\()", re.IGNORECASE),
     'The fill-in "{text}" was never replaced.'),
    ("fill-in", re.compile(r"\[\s*(?:insert|enter|add|describe|explain|include|mention|state|list|put|write|"
                           r"fill in|replace|name|specify|summari[sz]e|paste)\b[^\]\n]{0,80}\](?!\()", re.IGNORECASE),
     'The instruction "{text}" was left in the copy.'),
    ("fill-in", re.compile(r"<\s*(?:(?i:name|customer(?: name)?|first name|last name|agent(?: name)?|order (?:number|id)|insert[^<>\n]*)|"
                           r"[A-Z][A-Z _'’]{2,}[A-Z])\s*>"),
     'The fill-in "{text}" was never replaced.'),
    ("fill-in", re.compile(r"\((?:insert|enter|add|describe|explain|fill in)\b[^()\n]{0,80}\bhere\)", re.IGNORECASE),
     'The instruction "{text}" was left in the copy.'),
    ("fill-in", re.compile(r"(?<![\w-])X{3,}(?:[-/ ]X{2,})*(?![\w-])|#X{2,}\b"),
     'The mask "{text}" stands where a real value belongs.'),
    ("fill-in", re.compile(r"(?<![\w/-])(?:TBD|TBC|TODO|FIXME|TKTK)(?![\w/-])"),
     '"{text}" marks copy that was never finished.'),
    ("fill-in", re.compile(r"(?<![\w-])INSERT(?: [A-Z][A-Z'’]*)+(?: HERE)?(?![\w-])"),
     'The instruction "{text}" was left in the copy.'),
    ("fill-in", re.compile(r"(?<![\w-])(?:[A-Z]{2,}_)+[A-Z]{2,}(?![\w-])"),
     'The ALL-CAPS fill-in "{text}" was never replaced.'),
    ("fill-in", re.compile(r"_{3,}|＿{2,}"), 'The blank "{text}" was never filled in.'),
    ("fill-in", re.compile(r"\blorem ipsum\b[^.\n]*", re.IGNORECASE), 'Placeholder text "{text}" is still in the draft.'),
    ("boilerplate", re.compile(
        r"Empathi[sz]e with those affected[^.\n]*\.?|Let your (?:users|customers) know[^.\n]*\.?|"
        r"As you continue to work through the incident[^.\n]*\.?|"
        r"(?:Describe|Explain) (?:the issue|what happened|the impact|the problem) here\.?|"
        r"(?:Add|Insert|Enter) (?:details|your message|text|content) here\.?|"
        r"This is (?:an example|a sample|a template) (?:incident|message|response|reply)[^.\n]*\.?", re.IGNORECASE),
     'Template instructions "{text}" would ship as the message.'),
]

# Delimiters left after masking belong to no recognised placeholder: they are broken syntax.
LEFTOVER_DELIMITER_RE = re.compile(r"[^\s{}]*(?:\{\{|\}\}|\{%|%\}|\*\||\|\*|\{\$|\[\[|\]\])[^\s]*")


@named_check
def placeholder_leftover(draft, **_) -> list[Hit]:
    prepared = draft.prepared
    text = draft.text
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, message: str, severity: str | None = None, original=None, **values) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        hits.append(Hit(start, end, vars=values, message=message, severity=severity, original=original))

    for m in LEFTOVER_DELIMITER_RE.finditer(text):
        end = m.end()
        while end > m.start() + 2 and text[end - 1] in ",.;:!?)'\"":
            end -= 1
        add(m.start(), end, 'Broken placeholder "{text}": its delimiters do not match, so it would '
                            "reach the customer as typed.", "error")
        hits[-1].suggestion = "Fix the delimiters so the help desk recognises the merge field, e.g. {{{{first_name}}}}."
    scan = getattr(prepared, "template", None)
    for problem in (scan.problems if scan is not None else []):
        ps, _ = prepared.parsed_range(problem.start, problem.end)
        hits.append(Hit(ps, ps, severity="error", original=(problem.start, problem.end), vars={"problem": problem.message},
                        message="Template tag {problem}: the template will not render as meant.",
                        suggestion="Close every {{% if %}} with {{% endif %}} (or {{{{/if}}}}, {{{{ end }}}}, *|END:IF|*)."))
    for _, rx, message in FILLIN_PATTERNS:
        for m in rx.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " .":
                end -= 1
            add(start, end, message, "error")
    hits += _template_hits(draft)
    return hits


def _template_hits(draft) -> list[Hit]:
    """With --platform: placeholders and tags in a syntax the help desk does not render."""
    prepared = draft.prepared
    scan = getattr(prepared, "template", None)
    platform = getattr(prepared, "platform", None)
    if scan is None or not platform:
        return []
    hits = []
    for ph in scan.placeholders:
        if prepared.removed(ph.start, ph.end):
            continue
        problem = _platform_problem(platform, ph)
        if problem:
            ps, pe = prepared.parsed_range(ph.start, ph.end)
            # max(): a block stand-in renders nothing; the original span still shows it
            hits.append(Hit(ps, max(pe, ps), message=problem, severity="warning", original=(ph.start, ph.end)))
    for tag in scan.tags:
        if prepared.removed(tag.start, tag.end) or tag.syntax in tpl.PLATFORM_SYNTAXES[platform]:
            continue
        ps, _ = prepared.parsed_range(tag.start, tag.end)
        hits.append(Hit(ps, ps, severity="warning", original=(tag.start, tag.end),
                        message=f'"{{text}}" is {_syntax_name(tag.syntax)} syntax, which {platform} '
                                "does not render."))
    return hits


@named_check
def merge_field_fallback(draft, **_) -> list[Hit]:
    """A customer-name merge field in the greeting with no fallback and no guarding conditional.
    Its own rule (not placeholder-leftover): the field is filled in at send time for most customers,
    so this is template hygiene, not text that certainly reaches the customer unfinished."""
    prepared = draft.prepared
    scan = getattr(prepared, "template", None)
    greeting = prepared.greeting
    if scan is None or greeting is None:
        return []
    hits = []
    for ph in scan.placeholders:
        if prepared.removed(ph.start, ph.end) or ph.kind not in tpl.NAME_KINDS or ph.fallback is not None:
            continue
        ps, pe = prepared.parsed_range(ph.start, ph.end)
        if not greeting[0] <= ps < greeting[1] or _guarded(scan, ph):
            continue
        if getattr(prepared, "platform", None) and _platform_problem(prepared.platform, ph):
            continue  # placeholder-leftover already reports it as a syntax the platform does not render
        pe = max(pe, ps)
        shown = prepared.original[ph.start:ph.end]
        salutation = prepared.original[prepared.to_original[greeting[0]]:ph.start].strip()
        hits.append(Hit(ps, pe, original=(ph.start, ph.end), vars={"salutation": salutation},
                        message='"{text}" in the greeting has no fallback: a customer without that field '
                                'gets "{salutation} ,".',
                        suggestion=_escape(_fallback_suggestion(ph, shown))))
    return hits


def _escape(s: str) -> str:
    """Literal braces in a message (template syntax) must survive the engine's {name} filling."""
    return s.replace("{", "{{").replace("}", "}}")


_SYNTAX_NAMES = {
    "double": "double-brace (Liquid/Handlebars)", "liquid_tag": "Liquid/Jinja tag", "helpscout": "Help Scout",
    "triple": "triple-brace (Handlebars)", "handlebars_block": "Handlebars block", "handlebars_else": "Handlebars",
    "handlebars_partial": "Handlebars partial", "handlebars_comment": "Handlebars comment", "go_control": "Go template",
    "intercom_attr": "Intercom attribute", "mailchimp": "Mailchimp merge-tag", "mautic": "Mautic",
    "helprace": "Helprace", "double_bracket": "[[double-bracket]]", "salesforce": "Salesforce merge-field",
    "dollar": "${dollar}", "single": "single-brace", "liquid_comment": "Liquid comment", "liquid_raw": "Liquid raw",
    "jinja_comment": "Jinja comment",
}


def _syntax_name(syntax: str) -> str:
    return _SYNTAX_NAMES.get(syntax, syntax)


def _platform_problem(platform: str, ph: tpl.Placeholder) -> str | None:
    if ph.syntax not in tpl.PLATFORM_SYNTAXES[platform]:
        return f'"{{text}}" is {_syntax_name(ph.syntax)} syntax, which {platform} does not render: the customer would see it as typed.'
    known = tpl.PLATFORM_VARIABLES[platform]
    name = ph.name.strip()
    if platform == "mailchimp":
        ok = name in known or name.startswith(("MMERGE", "LIST:", "MC:"))
    else:
        root = re.split(r"[.\[|\s]", name, maxsplit=1)[0]
        ok = root in known
    if not ok:
        return (f'{platform} has no placeholder "{_escape(name)}": "{{text}}" would render empty or as typed '
                "(a custom field? check the name).")
    return None


def _guarded(scan: tpl.TemplateScan, ph: tpl.Placeholder) -> bool:
    """Is the placeholder inside a conditional that tests the same variable ({% if first_name %})?"""
    key = tpl._norm(re.split(r"[.:]", ph.name)[-1])
    for cond in scan.conditionals:
        for br in cond.branches:
            if br.start <= ph.start and ph.end <= br.end and not br.negate and key and key in tpl._norm(br.condition):
                return True
    return False


def _fallback_suggestion(ph: tpl.Placeholder, shown: str) -> str:
    examples = {
        "helpscout": "{%" + ph.name + ",fallback=there%}",
        "double": "{{" + ph.name + ' | default: "there"}}',
        "intercom_attr": f'<attribute key="{ph.name}" default="there"/>',
        "mailchimp": f"*|IF:{ph.name}|*Hi *|{ph.name}|*,*|ELSE:|*Hello,*|END:IF|*",
    }
    ex = examples.get(ph.syntax)
    if ph.name.startswith("."):  # Go templates have no default filter
        ex = "{{ if " + ph.name + " }}Hi " + shown + ",{{ else }}Hello,{{ end }}"
    return f"Give it a fallback, e.g. {ex}" if ex else "Give it a fallback, or wrap the greeting in a conditional."
