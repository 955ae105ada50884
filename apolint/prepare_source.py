"""Prepare a source for the parse: markup (HTML, Markdown) and template placeholders become
preprocess ``Replacement``s, a template's conditionals become the variants a customer can receive,
and the email's reply chain and signature are marked. Every variant keeps the offset map back to
the source text, and a draft cut out of a collection file maps its lines into that file.

``merge_variant_reports`` turns the reports of a template's variants back into one report: a
finding that only some renderings have says in which branch it is."""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import PurePath

from . import templates as tpl
from .email_parts import reply_chain_start, signature_start
from .markup import html_replacements, looks_like_html, markdown_replacements
from .preprocess import Prepared, Replacement, prepare
from .report import DraftReport

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class SourcePrepared(Prepared):
    """A prepared draft that knows where it came from: its template scan, the variant (branch
    choice) it renders, the platform its placeholders are checked against, and, for a draft in a
    collection file, how its offsets map to that file's lines."""

    template: tpl.TemplateScan | None = None
    variant: tpl.Variant | None = None
    platform: str | None = None
    origin: object | None = None  # collection.Origin: line_col() in the collection file
    masked: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # template spans replaced

    def line_col(self, offset: int) -> tuple[int, int]:
        if self.origin is not None:
            return self.origin.line_col(offset)
        return super().line_col(offset)

    def parsed_range(self, start: int, end: int) -> tuple[int, int]:
        """The parsed-text range of an original span (empty when none of it is parsed)."""
        return bisect_left(self.to_original, start, 0, len(self.text)), bisect_left(self.to_original, end, 0, len(self.text))

    def removed(self, start: int, end: int) -> bool:
        """Does this original span not render in this variant (an untaken branch)?"""
        return self.variant is not None and any(s <= start and end <= e for s, e in self.variant.removed)


def markup_of(source) -> str | None:
    markup = getattr(source, "markup", None)
    if markup:
        return None if markup == "text" else markup
    path = source.path.split("#", 1)[0].lower()
    if path.endswith(HTML_SUFFIXES):
        return "html"
    if path.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if source.path == "-" and looks_like_html(source.text[:2000]):
        return "html"
    return None


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def _template_replacements(scan: tpl.TemplateScan, render: dict | None, removed, skip) -> list[Replacement]:
    reps: list[Replacement] = []
    for ph in scan.placeholders:
        if _overlaps((ph.start, ph.end), skip) or _overlaps((ph.start, ph.end), removed):
            continue
        text = tpl.render_value(ph, render) if render is not None else ph.standin
        reps.append(Replacement(ph.start, ph.end, text))
    for tag in scan.tags:
        if _overlaps((tag.start, tag.end), skip) or _overlaps((tag.start, tag.end), removed):
            continue
        if tag.body is not None:
            reps.append(Replacement(tag.start, tag.body[0], ""))
            reps.append(Replacement(tag.body[1], tag.end, ""))
        else:
            reps.append(Replacement(tag.start, tag.end, ""))
    return reps


def prepare_source(source, platform: str | None = None, render: dict | None = None,
                   first: list[Replacement] | None = None) -> list[SourcePrepared]:
    """The renderings of a source to lint (one unless it has conditionals), each prepared.
    ``first``: replacements that win over template and markup ones (suppression comments, masked
    by apolint/suppress.py); only an untaken branch's removal comes before them."""
    text = source.text
    scan = tpl.scan(text)
    protected = scan.spans()
    markup = markup_of(source)
    markup_reps: list[Replacement] = []
    quotes: list[tuple[int, int]] = []
    html_tags: list[tuple[int, int]] = []
    if markup == "html":
        markup_reps, quotes, html_tags = html_replacements(text, protected)
    elif markup == "markdown":
        markup_reps = markdown_replacements(text, protected)
    if render is not None:
        chosen = tpl.rendered_choice(scan, render) if not scan.problems else {}
        variants = [tpl.Variant("", tpl._removed_for(scan, chosen) if chosen else [], chosen)]
    else:
        variants = tpl.variants(scan)
    out = []
    for variant in variants:
        removed = variant.removed
        reps = [Replacement(s, e, "") for s, e in removed if e > s]
        reps += first or []
        reps += _template_replacements(scan, render, removed, html_tags)
        taken = [(r.start, r.end) for r in reps]
        reps += [r for r in markup_reps if not _overlaps((r.start, r.end), taken)]
        reps = _without_overlaps(reps)
        base = prepare(text, reps)
        prepared = SourcePrepared(**{f.name: getattr(base, f.name) for f in dataclasses.fields(Prepared)},
                                  template=scan if not scan.empty else None, variant=variant if variant.label else None,
                                  platform=platform, origin=getattr(source, "origin", None),
                                  masked=[(p.start, p.end) for p in scan.placeholders])
        _mark_email_structure(prepared, quotes)
        out.append(prepared)
    return out


def _without_overlaps(reps: list[Replacement]) -> list[Replacement]:
    """Replacements must not overlap; the earlier-listed (higher-priority) one wins."""
    kept: list[Replacement] = []
    spans: list[tuple[int, int]] = []
    for r in reps:
        if r.end > r.start and _overlaps((r.start, r.end), spans):
            continue
        if r.end == r.start:
            continue
        kept.append(r)
        spans.append((r.start, r.end))
    return kept


def _mark_email_structure(prepared: SourcePrepared, html_quotes: list[tuple[int, int]]) -> None:
    text = prepared.text
    for start, end in html_quotes:
        ps, pe = prepared.parsed_range(start, end)
        if pe > ps:
            prepared.quoted.append((ps, pe))
    chain = reply_chain_start(text)
    if chain is not None:
        prepared.quoted.append((chain, len(text)))
    sig = signature_start(text, chain)
    if sig is not None and (prepared.signoff_start is None or sig < prepared.signoff_start):
        if prepared.greeting is None or sig >= prepared.greeting[1]:
            prepared.signoff_start = sig


# ---------------------------------------------------------------- merging variant reports


def merge_variant_reports(prepared: list[SourcePrepared], reports: list[DraftReport]) -> DraftReport:
    """One report for a template linted as several renderings. A finding in every rendering is
    reported as is; one in only some says which branch: the branch that holds its text, else the
    renderings that have it. The score and components are the weakest rendering's, since a
    customer may receive that one."""
    lines_text = getattr(prepared[0].origin, "file_text", None)
    if len(reports) == 1:
        return dataclasses.replace(reports[0], lines_text=lines_text) if lines_text else reports[0]
    scan = prepared[0].template
    seen: dict[tuple, list[int]] = {}
    first: dict[tuple, object] = {}
    for vi, report in enumerate(reports):
        for f in report.findings:
            key = (f.rule, f.start, f.end)
            seen.setdefault(key, []).append(vi)
            first.setdefault(key, f)
    findings = []
    for key, where in seen.items():
        f = first[key]
        if len(set(where)) < len(reports):
            label = _branch_label(scan, f.start, f.end) or " / ".join(
                dict.fromkeys(prepared[vi].variant.label for vi in where if prepared[vi].variant))
            if label:
                f = dataclasses.replace(f, message=f"{f.message} (in branch: {label})")
        findings.append(f)
    worst = min(reports, key=lambda r: (r.score if r.score is not None else 101))
    from .report import SEVERITY_RANK

    findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
    return dataclasses.replace(worst, findings=findings, lines_text=lines_text)


def _branch_label(scan: tpl.TemplateScan | None, start: int, end: int) -> str | None:
    if scan is None:
        return None
    best = None
    for cond in scan.conditionals:
        for br in cond.branches:
            if br.start <= start and end <= br.end and (best is None or br.start >= best.start):
                best = br
    return best.label if best else None
