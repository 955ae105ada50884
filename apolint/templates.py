"""Template placeholders in canned responses: find them, give each a typed stand-in for the parse,
expand conditionals into the branches a customer can receive, and render with given values.

Support teams keep apologies as macros with merge fields (Zendesk/Liquid ``{{ticket.id}}``, Help
Scout ``{%customer.firstName,fallback=there%}``, Mailchimp ``*|FNAME|*`` ...). spaCy splits
``{{ticket.requester.first_name}}`` into punctuation noise, which breaks the parse around the
greeting and the apology, so every placeholder becomes a stand-in of its kind ("Alex" for a name,
"48213" for an id, "Monday" for a date) through preprocess ``Replacement``s; findings still point at
the original placeholder. Tags that render nothing (``{% if %}``, ``{{/if}}``) are removed.

The syntaxes, with the platforms that use them, are listed in docs/platforms.md. Regular
expressions are right here: placeholder syntax is fixed, not language."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------- syntaxes

# One alternation, most specific first: at any position the first alternative that matches wins
# (a Help Scout ``{%customer.x%}`` before a Liquid tag, ``{{{x}}}`` before ``{{x}}``).
_SYNTAXES: list[tuple[str, str]] = [
    ("liquid_comment", r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}"),
    ("liquid_raw", r"\{%-?\s*raw\s*-?%\}(?P<raw_body>.*?)\{%-?\s*endraw\s*-?%\}"),
    ("jinja_comment", r"\{#.*?#\}"),
    ("handlebars_comment", r"\{\{!--.*?--\}\}|\{\{![^{}]*\}\}"),
    ("helpscout", r"\{%\s*(?P<hs_name>[A-Za-z_]+\.[A-Za-z_.]+)(?:\s*,\s*fallback=(?P<hs_fallback>[^%]*))?\s*%\}"),
    ("liquid_tag", r"\{%-?\s*(?P<lt_kw>[a-z]+)\b(?P<lt_rest>[^%]*?)-?%\}"),
    ("triple", r"\{\{\{\s*(?P<tr_expr>[^{}\n]+?)\s*\}\}\}"),
    ("handlebars_block", r"\{\{~?\s*(?P<hb_sigil>[#^/])\s*(?P<hb_kw>[A-Za-z_][\w-]*)(?P<hb_rest>[^{}\n]*?)~?\}\}"),
    ("handlebars_else", r"\{\{~?\s*(?:else(?P<hbe_if>\s+if\b[^{}\n]*?)?|\^)\s*~?\}\}"),
    ("handlebars_partial", r"\{\{~?\s*>\s*[^{}\n]+?~?\}\}"),
    ("go_control", r"\{\{-?\s*(?P<go_kw>if|else if|else|end|range|with|define|template|block)\b(?P<go_rest>[^{}\n]*?)-?\}\}"),
    ("double", r"\{\{-?\s*(?P<db_expr>[^{}\n]+?)\s*-?\}\}"),
    ("intercom_attr", r"<attribute\s+key=\"(?P<ia_name>[^\"]+)\"(?:\s+default=\"(?P<ia_fallback>[^\"]*)\")?\s*/?>(?:\s*</attribute>)?"),
    ("mailchimp", r"\*\|(?P<mc_expr>[A-Z][A-Z0-9_]*(?::[^|*\n]*)?)\|\*"),
    ("mautic", r"\{contactfield=(?P<mt_name>[A-Za-z0-9_]+)(?:\|(?P<mt_fallback>[^}\n]*))?\}"),
    ("helprace", r"\{\$(?P<hr_name>[A-Za-z_][\w.]*)\}"),
    ("double_bracket", r"\[\[(?P<lb_name>[A-Za-z_]\w*)(?:\|(?P<lb_fallback>[^\]\n]*))?\]\]"),
    ("salesforce", r"\{!(?P<sf_name>[A-Za-z_][\w.]*)\}"),
    ("dollar", r"\$\{(?P<dl_name>[A-Za-z_][\w. ]*?)\}"),
    # FogBugz-style ``{case}``/``{sender}``: braces are never prose, but ``{{first_name}`` is a broken
    # double-brace placeholder, not a single-brace one, so neighbouring braces are excluded.
    ("single", r"(?<![{$!\w])\{(?P<sg_name>[A-Za-z_][\w.]*)\}(?!\})"),
]
_SCAN_RE = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _SYNTAXES), re.DOTALL)

# Which syntaxes each support platform renders (for --platform); the rest would reach the
# customer as typed.
PLATFORM_SYNTAXES: dict[str, set[str]] = {
    "zendesk": {"double", "liquid_tag", "liquid_comment", "liquid_raw"},
    "freshdesk": {"double", "liquid_tag", "liquid_comment", "liquid_raw"},
    "gorgias": {"double", "liquid_tag", "liquid_comment", "liquid_raw"},
    "front": {"double"},
    "intercom": {"double", "intercom_attr"},
    "helpscout": {"helpscout"},
    "mailchimp": {"mailchimp"},
}
# Variables each platform knows (the first path segment; Mailchimp: the whole merge tag). Custom
# fields exist on every platform, so an unknown variable is a warning, not an error.
PLATFORM_VARIABLES: dict[str, set[str]] = {
    "zendesk": {"ticket", "current_user", "satisfaction", "dc", "footer", "header", "account"},
    "freshdesk": {"ticket", "helpdesk_name", "helpdesk"},
    "gorgias": {"ticket", "current_user", "customer", "message"},
    "front": {"recipient", "user", "conversation", "message", "account", "survey", "contact", "custom"},
    "intercom": {"user", "company", "teammate", "conversation", "app", "first_name", "last_name", "name", "email"},
    "helpscout": {"customer", "user", "mailbox", "conversation"},
    "mailchimp": {"FNAME", "LNAME", "EMAIL", "PHONE", "ADDRESS", "BIRTHDAY", "COMPANY", "MC:DATE", "MC:SUBJECT",
                  "LIST:COMPANY", "LIST:NAME", "LIST:ADDRESS", "LIST:DESCRIPTION", "LIST:URL", "UNSUB",
                  "UPDATE_PROFILE", "ARCHIVE", "FORWARD", "CURRENT_YEAR", "DATE", "USER:COMPANY", "REWARDS",
                  "EMAIL_TO", "ABOUT_LIST", "HTML:LIST_ADDRESS_HTML"},
}
PLATFORMS = tuple(PLATFORM_SYNTAXES)

# ---------------------------------------------------------------- kinds and stand-ins

STANDINS = {
    "first_name": "Alex",
    "last_name": "Morgan",
    "full_name": "Alex Morgan",
    "agent_name": "Sam",
    "id": "48213",
    "date": "Monday",
    "time": "3pm",
    "money": "$42",
    "email": "alex@example.com",
    "url": "https://example.com",
    "phone": "02079460000",
    "company": "Acme",
    "text": "item",
    "block": "",  # a paragraph of unknown text (dynamic content, the latest comment, a survey)
}
_FIRST = {"firstname", "fname", "givenname", "first", "nickname", "preferredname"}
_LAST = {"lastname", "lname", "surname", "familyname", "last"}
_FULL = {"name", "fullname", "displayname", "customername", "requestername", "recipientname", "contactname",
         "sender", "customer", "requester", "recipient", "username"}
_AGENT_ROOTS = {"current_user", "teammate", "agent", "assignee", "currentuser", "author"}
_ORG_PARENTS = {"mailbox", "account", "company", "organization", "organisation", "org", "brand", "group",
                "helpdesk", "app", "team", "list", "store", "shop", "product", "plan", "portal", "site"}
_ID = {"id", "number", "ticketid", "ticketnumber", "orderid", "ordernumber", "ordernum", "orderno", "reference",
       "referencenumber", "ref", "publicid", "casenumber", "caseid", "case", "ticket", "trackingnumber",
       "confirmationnumber", "invoicenumber", "invoiceid", "bookingref", "bookingreference", "bookingnumber",
       "referenceno", "currentyear", "year", "count", "quantity", "nicelyid", "displayid"}
_DATE = {"date", "createdat", "updatedat", "duedate", "deliverydate", "day", "eta", "deadline", "datetime",
         "shipdate", "mcdate", "birthday", "expirydate", "renewaldate"}
_TIME = {"time", "hour", "starttime", "endtime"}
_MONEY = {"amount", "total", "price", "refundamount", "cost", "balance", "credit", "subtotal", "fee", "refund"}
_EMAIL = {"email", "emailaddress", "emailto", "replyto"}
_URL = {"url", "link", "unsub", "archive", "forward", "updateprofile", "survey", "satisfactionurl", "trackingurl",
        "trackinglink", "portalurl"}
_PHONE = {"phone", "phonenumber", "mobile", "tel"}
_COMPANY = {"company", "companyname", "brand", "brandname", "mailboxname", "store", "storename", "shopname",
            "helpdeskname", "organization", "organisation", "orgname", "accountname", "appname", "portalname"}
_BLOCK = {"latestcomment", "latestcommentformatted", "latestpubliccomment", "commentsformatted", "comments",
          "description", "signature", "footer", "header", "satisfactionsurvey", "latestcommenthtml",
          "latestpubliccommenthtml", "commentshtml", "publiccommentsformatted", "abouttlist", "aboutlist",
          "listaddresshtml", "listaddress"}


def _norm(segment: str) -> str:
    return re.sub(r"[^a-z0-9]", "", segment.lower())


def variable_kind(name: str) -> str:
    """The kind of value a variable renders, from its path: ``ticket.requester.first_name`` ->
    first_name, ``ticket.id`` -> id, ``mailbox.name`` -> company, ``dc.refund_help`` -> block."""
    parts = [p for p in re.split(r"[.:\[\]]", name.strip().lstrip(".$")) if p]
    if not parts:
        return "text"
    last = _norm(parts[-1])
    parent = _norm(parts[-2]) if len(parts) > 1 else ""
    root = parts[0].lower()
    if root == "dc" or last in _BLOCK:
        return "block"
    agent = root in _AGENT_ROOTS or parent in _AGENT_ROOTS or (parent == "ticket" and last == "assignee")
    if last in _FIRST or last in _LAST or last in _FULL:
        if last in ("name", "fullname", "displayname") and parent in _ORG_PARENTS:
            return "company"
        if agent:
            return "agent_name"
        if last in _FIRST:
            return "first_name"
        if last in _LAST:
            return "last_name"
        return "full_name"
    if last in _COMPANY or (parent in _ORG_PARENTS and last in ("title",)):
        return "company"
    if last in _ID or last.endswith(("id", "number", "num")) and len(last) > 2:
        return "id"
    if last in _DATE or last.endswith(("date", "at")) and len(last) > 4:
        return "date"
    if last in _TIME:
        return "time"
    if last in _MONEY or last.endswith(("amount", "price", "total")):
        return "money"
    if last in _EMAIL or last.endswith("email"):
        return "email"
    if last in _URL or last.endswith(("url", "link")):
        return "url"
    if last in _PHONE:
        return "phone"
    return "text"


NAME_KINDS = {"first_name", "last_name", "full_name"}

# ---------------------------------------------------------------- scanning


@dataclass(frozen=True)
class Placeholder:
    """A variable that renders a value. Offsets are into the scanned text."""

    start: int
    end: int
    syntax: str
    name: str
    kind: str
    fallback: str | None = None

    @property
    def standin(self) -> str:
        return STANDINS[self.kind]


@dataclass(frozen=True)
class Tag:
    """Template markup that renders no text itself: control tags, comments, partials.
    ``role`` is open/middle/close for conditional and loop tags, else none."""

    start: int
    end: int
    syntax: str
    keyword: str
    condition: str = ""
    role: str = "none"
    # Text a tag renders verbatim (Liquid {% raw %}...{% endraw %} keeps its body).
    body: tuple[int, int] | None = None


@dataclass
class Branch:
    label: str
    start: int  # the branch's content, between its tag and the next
    end: int
    condition: str = ""
    negate: bool = False  # an else branch, or an implicit empty else
    value: str | None = None  # case/when: the value compared


@dataclass
class Conditional:
    start: int
    end: int
    keyword: str  # if, unless, case
    subject: str  # the condition of the opening tag
    branches: list[Branch] = field(default_factory=list)
    implicit_else: bool = True
    depth: int = 0


@dataclass
class Problem:
    """Template structure that would not render as meant (an unclosed ``{% if %}``)."""

    start: int
    end: int
    message: str


@dataclass
class TemplateScan:
    placeholders: list[Placeholder] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    conditionals: list[Conditional] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.placeholders or self.tags)

    def spans(self) -> list[tuple[int, int]]:
        return sorted([(p.start, p.end) for p in self.placeholders] + [(t.start, t.end) for t in self.tags])


_FALLBACK_RES = [
    re.compile(r"\|\s*fallback\s*:\s*(?P<q>[\"'])(?P<v>.*?)(?P=q)"),  # Intercom
    re.compile(r"\|\s*default\s*:\s*(?P<q>[\"'])(?P<v>.*?)(?P=q)"),  # Liquid
    re.compile(r"\|\s*default\s*\(\s*(?P<q>[\"'])(?P<v>.*?)(?P=q)"),  # Jinja
    re.compile(r"\|\|\s*(?P<q>[\"'])(?P<v>.*?)(?P=q)"),  # Zendesk Engage
    re.compile(r":default=(?P<v>[^}|]*)"),  # Marketo
    re.compile(r"\bor\s+(?P<q>[\"'])(?P<v>.*?)(?P=q)"),  # Jinja ``x or "there"``
]


def _split_expression(expr: str) -> tuple[str, str | None]:
    """Variable name and fallback of an output expression (``user.name|fallback:"there"``)."""
    expr = html.unescape(expr).strip()
    fallback = None
    for rx in _FALLBACK_RES:
        m = rx.search(expr)
        if m:
            fallback = m.group("v")
            break
    name = re.split(r"\s*(?:\|\||\||:default=|\s+or\s+)", expr, maxsplit=1)[0].strip()
    return name, fallback


_LIQUID_OPEN = {"if": "if", "unless": "unless", "case": "case", "for": "loop", "capture": "loop",
                "tablerow": "loop", "macro": "loop", "block": "loop", "with": "loop", "filter": "loop", "call": "loop"}
_LIQUID_MIDDLE = {"elsif", "elif", "else", "when"}
_LIQUID_CLOSE = {"endif": "if", "endunless": "unless", "endcase": "case", "endfor": "for",
                 "endcapture": "capture", "endtablerow": "tablerow", "endmacro": "macro", "endblock": "block",
                 "endwith": "with", "endfilter": "filter", "endcall": "call"}


def _classify(m: re.Match) -> Placeholder | Tag | None:
    kind = m.lastgroup
    # ``lastgroup`` is the innermost group that matched last; find the syntax alternative.
    for name, _ in _SYNTAXES:
        if m.group(name) is not None:
            kind = name
            break
    s, e = m.start(), m.end()
    g = m.group
    if kind in ("liquid_comment", "jinja_comment", "handlebars_comment"):
        return Tag(s, e, kind, "comment")
    if kind == "liquid_raw":
        return Tag(s, e, kind, "raw", body=(m.start("raw_body"), m.end("raw_body")))
    if kind == "helpscout":
        fb = g("hs_fallback")
        return Placeholder(s, e, kind, g("hs_name"), variable_kind(g("hs_name")), fb.strip() if fb is not None else None)
    if kind == "liquid_tag":
        kw, rest = g("lt_kw"), g("lt_rest").strip()
        if kw in _LIQUID_OPEN:
            return Tag(s, e, kind, kw, rest, "open")
        if kw in _LIQUID_MIDDLE:
            return Tag(s, e, kind, kw, rest, "middle")
        if kw in _LIQUID_CLOSE:
            return Tag(s, e, kind, kw, rest, "close")
        return Tag(s, e, kind, kw, rest)  # assign, set, include, render, increment ...
    if kind == "triple":
        name, fb = _split_expression(g("tr_expr"))
        return Placeholder(s, e, kind, name, variable_kind(name), fb)
    if kind == "handlebars_block":
        sigil, kw, rest = g("hb_sigil"), g("hb_kw"), g("hb_rest").strip()
        if sigil == "/":
            return Tag(s, e, kind, "end" + kw, rest, "close")
        if sigil == "^":
            return Tag(s, e, kind, "unless", f"{kw} {rest}".strip(), "open")
        if kw in ("if", "unless"):
            return Tag(s, e, kind, kw, rest, "open")
        return Tag(s, e, kind, kw, rest, "open")  # each, with: loops
    if kind == "handlebars_else":
        cond = g("hbe_if")
        if cond:
            return Tag(s, e, kind, "elsif", re.sub(r"^\s*if\b", "", cond).strip(), "middle")
        return Tag(s, e, kind, "else", "", "middle")
    if kind == "handlebars_partial":
        return Tag(s, e, kind, "partial")
    if kind == "go_control":
        kw, rest = g("go_kw"), g("go_rest").strip()
        if kw == "else if":
            return Tag(s, e, kind, "elsif", rest, "middle")
        if kw == "else":
            return Tag(s, e, kind, "else", rest, "middle")
        if kw == "end":
            return Tag(s, e, kind, "end", rest, "close")
        if kw in ("if", "range", "with", "define", "block"):
            # ``{{ if .Vip }}`` is Go; ``{{ if }}`` alone is not a template we know.
            if kw in ("if", "range", "with") and not re.search(r"[.$]", rest):
                return _double(m, s, e, f"{kw} {rest}".strip())
            return Tag(s, e, kind, kw, rest, "open")
        return Tag(s, e, kind, kw, rest)  # template: a partial
    if kind == "double":
        return _double(m, s, e, g("db_expr"))
    if kind == "intercom_attr":
        fb = g("ia_fallback")
        return Placeholder(s, e, kind, g("ia_name"), variable_kind(g("ia_name")), html.unescape(fb) if fb is not None else None)
    if kind == "mailchimp":
        expr = g("mc_expr")
        head = expr.split(":", 1)[0]
        if head in ("IF", "IFNOT", "INTERESTED"):
            return Tag(s, e, kind, "unless" if head == "IFNOT" else "if", expr.split(":", 1)[1] if ":" in expr else "", "open")
        if head == "ELSEIF":
            return Tag(s, e, kind, "elsif", expr.split(":", 1)[1] if ":" in expr else "", "middle")
        if head == "ELSE":
            return Tag(s, e, kind, "else", "", "middle")
        if head == "END":
            return Tag(s, e, kind, "end", expr, "close")
        return Placeholder(s, e, kind, expr, variable_kind(expr))
    if kind == "mautic":
        fb = g("mt_fallback")
        return Placeholder(s, e, kind, g("mt_name"), variable_kind(g("mt_name")), fb)
    if kind == "helprace":
        return Placeholder(s, e, kind, g("hr_name"), variable_kind(g("hr_name")))
    if kind == "double_bracket":
        return Placeholder(s, e, kind, g("lb_name"), variable_kind(g("lb_name")), g("lb_fallback"))
    if kind == "salesforce":
        return Placeholder(s, e, kind, g("sf_name"), variable_kind(g("sf_name")))
    if kind == "dollar":
        return Placeholder(s, e, kind, g("dl_name"), variable_kind(g("dl_name")))
    if kind == "single":
        return Placeholder(s, e, kind, g("sg_name"), variable_kind(g("sg_name")))
    return None


def _double(m: re.Match, s: int, e: int, expr: str) -> Placeholder:
    name, fb = _split_expression(expr)
    return Placeholder(s, e, "double", name, variable_kind(name), fb)


def scan(text: str) -> TemplateScan:
    """Every placeholder and tag in ``text``, and the conditional blocks they form."""
    out = TemplateScan()
    if not any(c in text for c in "{*<$["):
        return out
    for m in _SCAN_RE.finditer(text):
        item = _classify(m)
        if isinstance(item, Placeholder):
            out.placeholders.append(item)
        elif isinstance(item, Tag):
            out.tags.append(item)
    _build_conditionals(text, out)
    return out


def _closes(open_tag: Tag, close: Tag) -> bool:
    if close.syntax in ("go_control", "mailchimp"):
        return True  # ``{{ end }}`` and ``*|END:IF|*`` close whatever is open
    if close.syntax == "handlebars_block":
        closed = close.keyword[3:]
        conditional = {"if", "unless"}
        return closed == open_tag.keyword or (closed in conditional and open_tag.keyword in conditional)
    expected = _LIQUID_CLOSE.get(close.keyword)
    return expected == open_tag.keyword


def _build_conditionals(text: str, out: TemplateScan) -> None:
    stack: list[tuple[Tag, list[Tag]]] = []
    for tag in out.tags:
        if tag.role == "open":
            stack.append((tag, []))
        elif tag.role == "middle":
            if not stack:
                out.problems.append(Problem(tag.start, tag.end, f"'{text[tag.start:tag.end]}' outside any if block"))
                continue
            stack[-1][1].append(tag)
        elif tag.role == "close":
            if not stack or not _closes(stack[-1][0], tag):
                out.problems.append(Problem(tag.start, tag.end, f"'{text[tag.start:tag.end]}' closes a block that was never opened"))
                continue
            open_tag, middles = stack.pop()
            if open_tag.keyword in ("if", "unless", "case"):
                out.conditionals.append(_conditional(open_tag, middles, tag, depth=len(stack)))
    for open_tag, _ in stack:
        out.problems.append(Problem(open_tag.start, open_tag.end,
                                    f"'{text[open_tag.start:open_tag.end]}' is never closed"))
    out.conditionals.sort(key=lambda c: c.start)


def _conditional(open_tag: Tag, middles: list[Tag], close: Tag, depth: int) -> Conditional:
    subject = open_tag.condition.strip()
    cond = Conditional(open_tag.start, close.end, open_tag.keyword, subject, depth=depth)
    bounds = [open_tag] + middles + [close]
    for i, tag in enumerate(bounds[:-1]):
        nxt = bounds[i + 1]
        if tag is open_tag:
            if open_tag.keyword == "case":
                continue  # text between {% case %} and the first {% when %} renders nothing
            label = f"{'unless' if open_tag.keyword == 'unless' else 'if'} {subject}"
            cond.branches.append(Branch(label, tag.end, nxt.start, subject, negate=open_tag.keyword == "unless"))
        elif tag.keyword in ("elsif", "elif"):
            cond.branches.append(Branch(f"elsif {tag.condition}", tag.end, nxt.start, tag.condition))
        elif tag.keyword == "when":
            cond.branches.append(Branch(f"when {subject} is {tag.condition}", tag.end, nxt.start, subject,
                                        value=tag.condition))
        elif tag.keyword == "else":
            cond.implicit_else = False
            what = subject if open_tag.keyword != "unless" else f"not {subject}"
            cond.branches.append(Branch(f"else of {open_tag.keyword} {subject}" if open_tag.keyword != "if" else
                                        f"else of if {what}", tag.end, nxt.start, subject,
                                        negate=open_tag.keyword != "unless"))
    return cond


# ---------------------------------------------------------------- variants and rendering

MAX_VARIANTS = 12


@dataclass
class Variant:
    """One way the template can render: which branch each conditional takes. ``removed`` are the
    original ranges that do not render in this variant; ``chosen`` maps a conditional's index to
    its branch (None: the implicit empty else)."""

    label: str
    removed: list[tuple[int, int]]
    chosen: dict[int, int | None]


def _removed_for(scan_: TemplateScan, chosen: dict[int, int | None]) -> list[tuple[int, int]]:
    removed = []
    for ci, cond in enumerate(scan_.conditionals):
        pick = chosen.get(ci, 0)
        for bi, br in enumerate(cond.branches):
            if bi != pick:
                removed.append((br.start, br.end))
    return removed


def _label(scan_: TemplateScan, ci: int, bi: int | None) -> str:
    cond = scan_.conditionals[ci]
    if bi is None:
        return f"{'not ' if cond.keyword != 'unless' else ''}{cond.subject}".strip() if cond.keyword != "case" \
            else f"{cond.subject} matches no when"
    return cond.branches[bi].label


def variants(scan_: TemplateScan) -> list[Variant]:
    """The renderings to lint: every conditional at its first branch, then, one at a time, each
    conditional at each other branch (and at its implicit empty else). Conditionals are not
    combined with each other, which keeps the count linear; capped at ``MAX_VARIANTS``."""
    conds = scan_.conditionals
    if not conds or scan_.problems:
        return [Variant("", [], {})]
    base = {i: 0 for i, c in enumerate(conds) if c.branches}
    base_label = "; ".join(_label(scan_, i, 0) for i in base)
    out = [Variant(base_label, _removed_for(scan_, base), base)]
    for ci, cond in enumerate(conds):
        options: list[int | None] = list(range(1, len(cond.branches)))
        if cond.implicit_else:
            options.append(None)
        for bi in options:
            chosen = dict(base)
            chosen[ci] = bi if bi is not None else -1
            out.append(Variant(_label(scan_, ci, bi), _removed_for(scan_, chosen), chosen))
            if len(out) >= MAX_VARIANTS:
                return out
    return out


def lookup(values: dict, name: str):
    """A variable's value from user-given values: the full path, a nested path, or its last
    segment ignoring case and underscores (``first_name`` answers ``ticket.requester.first_name``,
    ``{%customer.firstName%}`` and, as an alias, ``*|FNAME|*``)."""
    name = name.strip().lstrip(".$")
    if name in values:
        return values[name]
    node = values
    for part in re.split(r"[.:]", name):
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            node = _MISSING
            break
    if node is not _MISSING:
        return node
    last = _norm(re.split(r"[.:]", name)[-1])
    aliases = {"fname": "firstname", "lname": "lastname", "givenname": "firstname", "surname": "lastname"}
    last = aliases.get(last, last)
    for key, value in values.items():
        k = _norm(str(key).split(".")[-1])
        if aliases.get(k, k) == last:
            return value
    return _MISSING


_MISSING = object()


def _truthy(values: dict, condition: str) -> bool:
    """Evaluate a simple condition against the given values: ``x``, ``not x``, ``x == "y"``,
    ``x != 'y'``, ``x and y``, ``x or y``, Mailchimp ``FNAME=Bob``. Nothing is executed."""
    cond = condition.strip()
    if " or " in cond:
        return any(_truthy(values, c) for c in cond.split(" or "))
    if " and " in cond:
        return all(_truthy(values, c) for c in cond.split(" and "))
    if cond.startswith("not ") or cond.startswith("!"):
        return not _truthy(values, cond[4:] if cond.startswith("not ") else cond[1:])
    m = re.match(r"^\(?\s*([.$\w:]+)\s*(==|!=|=|>|<|contains)\s*(.+?)\s*\)?$", cond)
    if m:
        left = lookup(values, m.group(1))
        right = m.group(3).strip().strip("\"'")
        left_s = "" if left is _MISSING or left is None else str(left)
        if m.group(2) in ("==", "="):
            return left_s == right
        if m.group(2) == "!=":
            return left_s != right
        if m.group(2) == "contains":
            return right in left_s
        try:
            a, b = float(left_s), float(right)
        except ValueError:
            return False
        return a > b if m.group(2) == ">" else a < b
    word = re.split(r"\s+", cond)[-1] if cond else ""
    value = lookup(values, word)
    return value is not _MISSING and value not in (None, False, "", 0, [], {})


def rendered_choice(scan_: TemplateScan, values: dict) -> dict[int, int]:
    chosen: dict[int, int] = {}
    for ci, cond in enumerate(scan_.conditionals):
        pick = -1
        for bi, br in enumerate(cond.branches):
            if br.value is not None:
                left = lookup(values, cond.subject)
                if left is not _MISSING and str(left) in [v.strip().strip("\"'") for v in br.value.split(",")]:
                    pick = bi
                    break
                continue
            if br.condition == cond.subject and br.label.startswith("else"):
                pick = bi
                break
            hit = _truthy(values, br.condition)
            if hit != br.negate:
                pick = bi
                break
        chosen[ci] = pick
    return chosen


def render_value(placeholder: Placeholder, values: dict) -> str:
    value = lookup(values, placeholder.name)
    if value is _MISSING or value in (None, ""):
        # The platform renders the fallback, or nothing at all ("Hi ,").
        return placeholder.fallback or ""
    return str(value)
