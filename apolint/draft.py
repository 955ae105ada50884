"""A parsed draft with everything the rules share: the apology phrases, the component signals,
the register and the failure's severity. Built once per draft, read by every check."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .apology import Apology, find_apologies
from .preprocess import Prepared


@dataclass
class Draft:
    prepared: Prepared
    doc: Doc
    # Overrides from the command line (--channel, --severity); None means detect.
    channel: str | None = None
    severity: str | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def text(self) -> str:
        return self.doc.text  # cached: Doc.text joins every token, and checks read it per hit

    @cached_property
    def text_lower(self) -> str:
        """The parsed text lower-cased once, for the phrase lists every signal scans."""
        return self.text.lower()

    @cached_property
    def apologies(self) -> list[Apology]:
        return [a for a in find_apologies(self.doc) if not self.is_quoted(a.trigger)]

    @cached_property
    def real_apologies(self) -> list[Apology]:
        """Apologies the writer makes (not negated, reported, sympathy or a question)."""
        return [a for a in self.apologies if a.is_apology]

    @cached_property
    def sentences(self) -> list[Span]:
        """The writer's own sentences: not quoted customer text, not the sign-off block, not blank."""
        out = []
        signoff = self.prepared.signoff_start
        for sent in self.doc.sents:
            if not sent.text.strip():
                continue
            if signoff is not None and sent.start_char >= signoff:
                continue
            if self.prepared.in_quoted(sent.start_char, sent.end_char):
                continue
            out.append(sent)
        return out

    @cached_property
    def words(self) -> set[str]:
        """Every token's lower-case form and lemma (lets checks skip matchers that cannot match)."""
        out = set()
        for tok in self.doc:
            out.add(tok.lower_)
            out.add(tok.lemma_.lower())
        return out

    @cached_property
    def mentions(self) -> list[Span]:
        """Dates, times, amounts, percentages and numbers (apolint/mentions.py; stands in for NER)."""
        from .mentions import find_mentions

        return find_mentions(self.doc)

    @cached_property
    def _mention_of_token(self) -> dict[int, Span]:
        return {i: m for m in self.mentions for i in range(m.start, m.end)}

    def mention_label(self, token: Token) -> str:
        """The mention label (DATE, TIME, MONEY...) of the mention covering a token, or ""."""
        mention = self._mention_of_token.get(token.i)
        return mention.label_ if mention is not None else ""

    def mention_starting(self, token: Token) -> Span | None:
        mention = self._mention_of_token.get(token.i)
        return mention if mention is not None and mention.start == token.i else None

    def is_quoted(self, token: Token) -> bool:
        return self.prepared.in_quoted(token.idx, token.idx + len(token))

    def in_signoff(self, token: Token) -> bool:
        s = self.prepared.signoff_start
        return s is not None and token.idx >= s

    @cached_property
    def own_names(self) -> set[str]:
        """Proper names the writer signs with ("Trendle", "Fernlight Books"): the company writing,
        so a name among them is never someone else to blame."""
        s = self.prepared.signoff_start
        if s is None:
            return set()
        return {tok.lower_ for tok in self.doc if tok.idx >= s and tok.pos_ == "PROPN"}

    def own_tokens(self) -> list[Token]:
        return self._own_tokens

    @cached_property
    def _own_tokens(self) -> list[Token]:
        # A list built once: every signal walks these tokens, and each walk over a Span makes
        # new Token objects.
        return [tok for sent in self.sentences for tok in sent]

    @cached_property
    def signals(self):
        from .signals import compute_signals

        return compute_signals(self)

    @property
    def components(self) -> dict[str, bool]:
        return self.signals.components

    @property
    def register(self) -> str:
        return self.channel or self.signals.register

    @property
    def failure_severity(self) -> str:
        return self.severity or self.signals.failure_severity


def build_draft(prepared: Prepared, doc: Doc, channel: str | None = None, severity: str | None = None) -> Draft:
    return Draft(prepared, doc, channel, severity)
