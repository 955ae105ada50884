"""Collections: a file holding many drafts (a help desk's macro export, a YAML/JSON list, a CSV)
becomes one draft per entry, reported as ``FILE#ID``, with line numbers in the collection file.

Shapes read (``--input-format`` forces one; ``auto`` detects from the content):

- generic YAML/JSON: a list of mappings with an id (``id``/``name``/``title``/``key``) and a text
  (``text``/``body``/``content``/``message``/``template``/``reply``/``response``), bare or under a
  key such as ``drafts``/``templates``/``macros``; a mapping of id -> text under such a key;
- Zendesk macros (``GET /api/v2/macros``): ``actions[]`` with ``field`` ``comment_value`` or
  ``comment_value_html``; the value may be ``[channel, text]``;
- Gorgias macros: ``actions[].arguments.body_text``/``body_html``;
- Help Scout saved replies: ``text`` (HTML) or ``chatText``;
- Freshdesk canned responses: ``content_html``/``content``;
- Intercom macros: ``body_text`` (keeps ``{{...|fallback:...}}``), else ``body`` (HTML);
- Front message templates: ``body`` (HTML);
- CSV: the ``--column`` column (default: the first of text/body/content/message/... or Zendesk
  dynamic content's "Default text"), ids from an id/name/title column or the row number.

Where a draft's text is a literal in the file, every character maps to its place in the file (JSON
escapes decoded exactly; YAML and CSV values found line by line), so findings carry the file's
line and column. When a line of the value cannot be found verbatim (a YAML folded scalar, a CSV
field with doubled quotes), its characters map to the start of where that line should be: the
line number stays right or close, the column may not."""
from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from .markup import looks_like_html
from .read import Notice, ReadFailure, Source

COLLECTION_SUFFIXES = (".json", ".yaml", ".yml", ".csv")
INPUT_FORMATS = ("auto", "text", "html", "markdown", "json", "yaml", "csv", "zendesk", "helpscout",
                 "freshdesk", "intercom", "front", "gorgias")
PLATFORM_FORMATS = ("zendesk", "helpscout", "freshdesk", "intercom", "front", "gorgias")

ID_KEYS = ("id", "key", "slug", "name", "title")
TEXT_KEYS = ("text", "body", "content", "message", "template", "reply", "response", "draft", "body_text",
             "comment", "value")
WRAPPER_KEYS = ("macros", "macro", "saved_replies", "savedReplies", "saved-replies", "canned_responses",
                "cannedResponses", "canned-responses", "responses", "data", "_results", "results", "items",
                "templates", "message_templates", "drafts", "replies", "snippets", "_embedded", "entries")
CSV_TEXT_COLUMNS = ("text", "body", "content", "message", "template", "reply", "response", "draft",
                    "default text", "macro text", "comment", "answer")
CSV_ID_COLUMNS = ("id", "key", "slug", "name", "title", "macro", "macro name")


class CollectionError(ValueError):
    """The file is not a collection apolint can read; the message says why."""


class NotACollection(CollectionError):
    """Valid data, but not a shape of drafts (a config file met in a directory walk)."""


# ---------------------------------------------------------------- positions


class LineIndex:
    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


@dataclass
class Origin:
    """Where a draft's characters are in its collection file: ``offsets[i]`` is the file offset of
    draft character ``i`` (one extra entry for the end)."""

    file_text: str
    offsets: list[int]
    index: LineIndex

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.offsets) - 1))
        return self.index.line_col(self.offsets[offset])


class Located(str):
    """A string value read from a file, with the file offset of each of its characters."""

    offsets: list[int]


def _located(value: str, offsets: list[int]) -> Located:
    out = Located(value)
    out.offsets = offsets
    return out


def _json_literal_offsets(raw: str, start: int, value: str) -> list[int]:
    """File offsets of each character of a JSON string literal starting (at its quote) at ``start``."""
    offsets = []
    i = start + 1
    n = len(raw)
    while i < n and len(offsets) < len(value):
        offsets.append(i)
        if raw[i] == "\\":
            if raw[i + 1] == "u":
                code = int(raw[i + 2:i + 6], 16)
                i += 6
                if 0xD800 <= code < 0xDC00 and raw[i:i + 2] == "\\u":
                    i += 6  # a surrogate pair decodes to one character
            else:
                i += 2
        else:
            i += 1
    offsets.append(i)
    return offsets


def load_json(text: str):
    """JSON with every string value a ``Located`` (keys stay plain strings)."""
    decoder = json.JSONDecoder()
    scanstring = json.decoder.scanstring

    def parse_string(s, end, strict):
        value, new_end = scanstring(s, end, strict)
        return _located(value, _json_literal_offsets(s, end - 1, value)), new_end

    decoder.parse_string = parse_string
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise CollectionError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise CollectionError("invalid JSON: nested too deeply") from None


def _search_offsets(value: str, raw: str, start: int, end: int) -> list[int]:
    """Map a value's characters to a file region by finding each of its lines there in order."""
    offsets: list[int] = []
    pos = start
    for k, line in enumerate(value.split("\n")):
        if k:
            offsets.append(pos)  # the line break
            nl = raw.find("\n", pos, end)
            pos = nl + 1 if nl != -1 else pos
        found = raw.find(line, pos, end) if line else -1
        if line and found != -1:
            offsets.extend(range(found, found + len(line)))
            pos = found + len(line)
        else:
            offsets.extend([pos] * len(line))
    offsets.append(pos)
    return offsets


def load_yaml(text: str):
    """YAML with every string scalar a ``Located``."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise CollectionError(f"invalid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if node is None:
        return None
    constructor = yaml.SafeLoader("")

    def build(n, depth=0):
        if depth > 200:
            raise CollectionError("invalid YAML: nested too deeply")
        if isinstance(n, yaml.MappingNode):
            return {_key(k): build(v, depth + 1) for k, v in n.value}
        if isinstance(n, yaml.SequenceNode):
            return [build(v, depth + 1) for v in n.value]
        value = constructor.construct_object(n, deep=True)
        if isinstance(value, str):
            start, end = n.start_mark.index, n.end_mark.index
            return _located(value, _search_offsets(value, text, start, max(end, start + 1)))
        return value

    def _key(k):
        v = constructor.construct_object(k, deep=True)
        return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)

    try:
        return build(node)
    except yaml.YAMLError as exc:
        raise CollectionError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def _csv_rows(text: str, delimiter: str) -> list[list[Located]]:
    """CSV rows whose fields know their file offsets (RFC 4180 quoting, doubled quotes)."""
    rows: list[list[Located]] = []
    row: list[Located] = []
    i, n = 0, len(text)
    while i <= n:
        chars: list[str] = []
        offs: list[int] = []
        if i < n and text[i] == '"':
            opened = i
            i += 1
            closed = False
            while i < n:
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        chars.append('"')
                        offs.append(i)
                        i += 2
                        continue
                    i += 1
                    closed = True
                    break
                if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
                    i += 1  # CRLF inside a quoted field reads as one line break
                chars.append("\n" if text[i] == "\r" else text[i])
                offs.append(i)
                i += 1
            if not closed:  # a lost quote would swallow the rest of the file into one field
                line = len(re.findall(r"\r\n|\r|\n", text[:opened])) + 1
                raise CollectionError(f"invalid CSV at line {line}: the quoted field opened here is never "
                                      'closed; expected a closing " (write a quote inside a field as "")')
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                i += 1  # junk after a closing quote, kept out of the value
        else:
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                chars.append(text[i])
                offs.append(i)
                i += 1
        offs.append(i)
        row.append(_located("".join(chars), offs))
        if i < n and text[i] == delimiter:
            i += 1
            continue
        if i < n and text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
            i += 1
        i += 1
        if any(f for f in row) or len(row) > 1:
            rows.append(row)
        row = []
    return rows


# ---------------------------------------------------------------- shapes


@dataclass
class Entry:
    id: str
    text: str
    markup: str | None  # html | None


def _is_text(v) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _id_of(item: dict, index: int) -> str:
    for key in ID_KEYS:
        v = item.get(key)
        if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip():
            return str(v).strip()
    return str(index)


def _markup(field: str, value: str) -> str | None:
    return "html" if field.endswith("html") or field.endswith("Html") or looks_like_html(value) else "text"


def _zendesk(item: dict) -> list[tuple[str, str]] | None:
    actions = item.get("actions")
    if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
        return None
    if not any("field" in a for a in actions):
        return None
    out = []
    for action in actions:
        if action.get("field") not in ("comment_value", "comment_value_html"):
            continue
        value = action.get("value")
        if isinstance(value, list):  # [channel, text]
            value = next((v for v in reversed(value) if _is_text(v)), None)
        if _is_text(value):
            out.append((action["field"], value))
    return out


def _gorgias(item: dict) -> list[tuple[str, str]] | None:
    actions = item.get("actions")
    if not isinstance(actions, list) or not any(isinstance(a, dict) and isinstance(a.get("arguments"), dict) for a in actions):
        return None
    out = []
    for action in actions:
        args = action.get("arguments") if isinstance(action, dict) else None
        if not isinstance(args, dict):
            continue
        for key in ("body_text", "body_html"):
            if _is_text(args.get(key)):
                out.append((key, args[key]))
                break
    return out


def _first(item: dict, keys: Iterable[str]) -> list[tuple[str, str]] | None:
    for key in keys:
        if _is_text(item.get(key)):
            return [(key, item[key])]
    return None


SHAPES = {
    "zendesk": _zendesk,
    "gorgias": _gorgias,
    "intercom": lambda item: _first(item, ("body_text", "body")) if ("body_text" in item or item.get("type") == "macro") else None,
    "helpscout": lambda item: _first(item, ("text", "chatText")) if ("text" in item or "chatText" in item) else None,
    "freshdesk": lambda item: _first(item, ("content_html", "content")) if ("content_html" in item or "content" in item) else None,
    "front": lambda item: _first(item, ("body",)) if "body" in item else None,
}
AUTO_ORDER = ("zendesk", "gorgias", "intercom", "freshdesk", "helpscout", "front")


def _generic(item: dict) -> list[tuple[str, str]] | None:
    got = _first(item, TEXT_KEYS)
    if got is None and any(k in item for k in TEXT_KEYS):
        return []
    return got


def _items(data) -> list | None:
    """The list of entries in a parsed document, unwrapping API envelopes."""
    for _ in range(3):
        if isinstance(data, list):
            return data
        if not isinstance(data, dict):
            return None
        wrapped = next((data[k] for k in WRAPPER_KEYS if k in data), None)
        if wrapped is None:
            if any(k in data for k in TEXT_KEYS) or "actions" in data:
                return [data]  # a single macro or draft object
            return None
        if isinstance(wrapped, dict) and all(isinstance(v, str) for v in wrapped.values()) and wrapped:
            return [{"id": k, "text": v} for k, v in wrapped.items()]  # id -> text mapping
        data = wrapped
    return None


def entries_from_data(data, fmt: str = "auto") -> tuple[list[Entry], int]:
    """Entries of a parsed JSON/YAML document, and how many items had no reply text. Raises
    NotACollection when the document is no shape of drafts."""
    items = _items(data)
    if not items or not all(isinstance(i, dict) for i in items):
        raise NotACollection("not a recognised collection of drafts (expected a list of entries with an id and "
                             "a text/body, or a help desk export)")
    entries: list[Entry] = []
    empty = 0
    used_ids: dict[str, int] = {}
    matched = False
    for index, item in enumerate(items, 1):
        if fmt in SHAPES:
            texts = SHAPES[fmt](item)
        elif fmt in ("json", "yaml"):
            texts = _generic(item)
        else:
            texts = None
            for shape in AUTO_ORDER:
                texts = SHAPES[shape](item)
                if texts is not None:
                    break
            if texts is None:
                texts = _generic(item)
        if texts is None:
            continue
        matched = True
        if not texts:
            empty += 1
            continue
        base = _id_of(item, index)
        for n, (field, value) in enumerate(texts, 1):
            ident = base if len(texts) == 1 else f"{base}.{n}"
            if ident in used_ids:
                used_ids[ident] += 1
                ident = f"{ident}~{used_ids[ident]}"
            else:
                used_ids[ident] = 1
            entries.append(Entry(ident, value, _markup(field, value)))
    if not matched:
        raise NotACollection("not a recognised collection of drafts (no entry has a text/body field; "
                             "use --input-format to name the shape)")
    return entries, empty


def entries_from_csv(text: str, column: str | None) -> list[Entry]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = _csv_rows(text, delimiter)
    if not rows:
        raise NotACollection("empty CSV file")
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    if column is not None:
        if column in header:
            col = header.index(column)
        elif column.lower() in lower:
            col = lower.index(column.lower())
        elif column.isdigit() and 0 < int(column) <= len(header):
            col = int(column) - 1
        else:
            raise CollectionError(f"no column '{column}' (columns: {', '.join(header)})")
    else:
        col = next((lower.index(c) for c in CSV_TEXT_COLUMNS if c in lower), None)
        if col is None:
            raise NotACollection(f"no draft column found (columns: {', '.join(header)}); pass --column NAME")
    id_col = next((lower.index(c) for c in CSV_ID_COLUMNS if c in lower and lower.index(c) != col), None)
    out = []
    used: dict[str, int] = {}
    for n, row in enumerate(rows[1:], 1):
        if col >= len(row) or not row[col].strip():
            continue
        ident = row[id_col].strip() if id_col is not None and id_col < len(row) and row[id_col].strip() else str(n)
        if ident in used:
            used[ident] += 1
            ident = f"{ident}~{used[ident]}"
        else:
            used[ident] = 1
        out.append(Entry(ident, row[col], "html" if looks_like_html(row[col]) else "text"))
    return out


# ---------------------------------------------------------------- the read-stage wrapper


def _format_for(source: Source, input_format: str) -> str | None:
    """The collection format to read this source as, or None to lint it as one draft."""
    if input_format in ("text", "html", "markdown"):
        return None
    if input_format != "auto":
        return input_format
    lower = source.path.lower()
    if lower.endswith((".json",)):
        return "json-auto"
    if lower.endswith((".yaml", ".yml")):
        return "yaml-auto"
    if lower.endswith(".csv"):
        return "csv"
    return None


def expand(sources: Iterable, input_format: str = "auto", column: str | None = None) -> Iterator:
    """Pass sources through, cutting collection files into one source per draft."""
    for source in sources:
        if not isinstance(source, Source):
            yield source
            continue
        fmt = _format_for(source, input_format)
        if fmt is None:
            if input_format in ("text", "html", "markdown"):
                source.markup = input_format
            yield source
            continue
        try:
            entries, empty = _read_entries(source, fmt, column)
        except NotACollection as exc:
            if source.explicit:
                yield ReadFailure(source.path, f"{exc}")
            else:
                yield Notice(source.path, f"skipped: {exc}")
            continue
        except CollectionError as exc:
            if source.explicit:
                yield ReadFailure(source.path, str(exc))
            else:
                yield Notice(source.path, f"skipped: {exc}")
            continue
        if not entries:
            yield Notice(source.path, "no drafts in this collection" + (f" ({empty} entries have no reply text)" if empty else ""))
            continue
        if empty:
            yield Notice(source.path, f"{empty} entr{'y' if empty == 1 else 'ies'} with no reply text skipped")
        index = LineIndex(source.text)
        for entry in entries:
            offsets = getattr(entry.text, "offsets", None)
            origin = Origin(source.text, offsets, index) if offsets else None
            yield Source(f"{source.path}#{entry.id}", str(entry.text), explicit=source.explicit,
                         markup=entry.markup, origin=origin)


def _read_entries(source: Source, fmt: str, column: str | None) -> tuple[list[Entry], int]:
    text = source.text
    if fmt == "csv":
        return entries_from_csv(text, column), 0
    if fmt == "json-auto" or (fmt in ("json",) + PLATFORM_FORMATS and text.lstrip()[:1] in "[{"):
        data = load_json(text)
    else:
        data = load_yaml(text)
    shape = fmt if fmt in PLATFORM_FORMATS or fmt in ("json", "yaml") else "auto"
    return entries_from_data(data, shape)
