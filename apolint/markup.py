"""HTML and Markdown drafts as plain text for the parse, through preprocess ``Replacement``s so
findings still point into the original markup.

HTML: tags removed, block elements become line breaks (a paragraph a blank line, so sentence
boundaries survive), entities decoded, ``<style>``/``<script>``/comments dropped, and
``<blockquote>`` content (a quoted reply) reported as quoted. Markdown: fenced and indented code
removed, inline code replaced by a neutral noun, link syntax reduced to its text, emphasis and
heading markers removed; ``>`` lines are already quoted text for preprocess."""
from __future__ import annotations

import html
import re
from html.entities import html5

from .preprocess import Replacement

# Only real HTML element names are tags: "<NAME>" or "<Customer name>" in a draft is a human
# fill-in for the placeholder rule, not markup.
HTML_ELEMENTS = {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body", "br", "button",
    "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "i", "img", "input", "ins", "kbd", "label", "li", "main", "mark", "meta", "nav", "o:p", "ol", "p",
    "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul", "var", "wbr", "link", "base",
}
PARAGRAPH_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "pre", "hr",
                      "section", "article", "header", "footer", "address", "figure", "details", "dl"}
LINE_ELEMENTS = {"br", "div", "li", "tr", "dt", "dd", "caption", "summary", "figcaption", "title"}
DROP_CONTENT = {"style", "script", "head"}

_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_COMMENT_RE = re.compile(r"<!--.*?-->|<!DOCTYPE[^>]*>|<\?xml[^>]*\?>", re.DOTALL | re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_SNIFF_RE = re.compile(
    r"</?(?:p|br|div|span|ul|ol|li|strong|em|b|i|u|a|h[1-6]|table|tr|td|blockquote|font|html|body)\b[^<>]*>",
    re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF_RE.search(text))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def html_replacements(text: str, protected: list[tuple[int, int]]) -> tuple[list[Replacement], list[tuple[int, int]], list[tuple[int, int]]]:
    """Replacements turning HTML into text, the original spans of ``<blockquote>`` content, and
    the spans of the tags (so a placeholder inside an attribute, which renders nothing visible, is
    known to be gone). ``protected`` spans (template placeholders) are left alone."""
    reps: list[Replacement] = []
    tag_spans: list[tuple[int, int]] = []
    quotes: list[tuple[int, int]] = []
    quote_stack: list[int] = []
    drop_until: tuple[str, int] | None = None
    for m in _COMMENT_RE.finditer(text):
        if not _overlaps(m.start(), m.end(), protected):
            reps.append(Replacement(m.start(), m.end(), ""))
            tag_spans.append((m.start(), m.end()))
    for m in _TAG_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, tag_spans):
            continue
        name = m.group(2).lower()
        closing = m.group(1) == "/"
        if drop_until is not None:
            if closing and name == drop_until[0]:
                reps.append(Replacement(drop_until[1], end, ""))
                tag_spans.append((drop_until[1], end))
                drop_until = None
            continue
        if name not in HTML_ELEMENTS and name not in DROP_CONTENT:
            continue
        if any(ps <= start and end <= pe for ps, pe in protected):
            continue  # an Intercom <attribute/> is a placeholder, not markup
        if name in DROP_CONTENT and not closing and not m.group(3):
            drop_until = (name, start)
            continue
        if name in PARAGRAPH_ELEMENTS:
            stand_in = "\n\n"
        elif name == "br" or (name in LINE_ELEMENTS and closing):
            stand_in = "\n"
        else:
            stand_in = ""
        if name == "blockquote":
            if closing and quote_stack:
                qs = quote_stack.pop()
                if not quote_stack:
                    quotes.append((qs, start))
            elif not closing:
                quote_stack.append(end)
        if name == "img":
            alt = re.search(r"\balt=\"([^\"]*)\"", m.group(0))
            stand_in = html.unescape(alt.group(1)) if alt and alt.group(1).strip() else ""
        reps.append(Replacement(start, end, stand_in))
        tag_spans.append((start, end))
    for m in _ENTITY_RE.finditer(text):
        if _overlaps(m.start(), m.end(), tag_spans) or _overlaps(m.start(), m.end(), protected):
            continue
        decoded = html.unescape(m.group(0))
        if decoded == m.group(0) and m.group(0)[1:] not in html5:
            continue
        reps.append(Replacement(m.start(), m.end(), decoded.replace("\xa0", " ")))
    return reps, quotes, tag_spans


_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK_RE = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\n]*)\)")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.MULTILINE)
_EMPHASIS_RE = re.compile(r"(?<![\w*|\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*|])")
_INDENTED_CODE_RE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*\n?)+")

INLINE_CODE_STANDIN = "item"


def markdown_replacements(text: str, protected: list[tuple[int, int]]) -> list[Replacement]:
    reps: list[Replacement] = []
    taken: list[tuple[int, int]] = list(protected)

    def add(start: int, end: int, stand_in: str) -> None:
        if _overlaps(start, end, taken):
            return
        reps.append(Replacement(start, end, stand_in))
        taken.append((start, end))

    for m in _FENCE_RE.finditer(text):
        add(m.start(), m.end(), "")
    for m in _INDENTED_CODE_RE.finditer(text):
        if m.group(0).strip() and not m.group(0).lstrip().startswith((">", "-", "*", "+")):
            add(m.start(), m.end(), "")
    for m in _INLINE_CODE_RE.finditer(text):
        add(m.start(), m.end(), INLINE_CODE_STANDIN)
    for m in _IMAGE_RE.finditer(text):
        add(m.start(), m.end(), "")
    for m in _LINK_RE.finditer(text):
        # Keep the link text where it is; drop the brackets and the target.
        if not _overlaps(m.start(), m.end(), taken):
            add(m.start(), m.start() + 1, "")
            add(m.end(1), m.end(), "")
    for m in _HEADING_RE.finditer(text):
        add(m.start(), m.end(), "")
    for m in _EMPHASIS_RE.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            add(m.start(), m.start(1) + len(m.group(1)), "")
            add(m.end(2), m.end(), "")
    return reps
