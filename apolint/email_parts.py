"""Email structure beyond the greeting and sign-off: the quoted reply chain ("On Mon, 3 Jun
2024, Ana <ana@example.com> wrote:", "-----Original Message-----", forwarded headers) and the
signature block / legal footer ("-- ", "Sent from my iPhone", "This email is confidential...").

The reply chain is the customer's (or an earlier agent's) text: rules must not read it as the
writer's words, so it joins preprocess's quoted ranges. A signature or footer is not the apology:
it starts the sign-off block, which scoring and the body rules skip."""
from __future__ import annotations

import re

REPLY_HEADER_RE = re.compile(
    r"^[ \t]*(?:"
    r"On\b[^\n]{4,200}?(?:\n[^\n]{0,120}?)?\bwrote:[ \t]*$"  # Gmail/Apple Mail, may wrap once
    r"|-{2,}\s*Original Message\s*-{2,}[ \t]*$"
    r"|-{2,}\s*Forwarded message\s*-{2,}[ \t]*$"
    r"|Begin forwarded message:[ \t]*$"
    r"|_{8,}[ \t]*\nFrom:[^\n]*$"  # Outlook's rule line before the header block
    r"|From:[^\n]+\n(?:Sent|Date):[^\n]+\n(?:To|Subject):[^\n]*$"
    r")",
    re.MULTILINE | re.IGNORECASE,
)
SIGNATURE_RE = re.compile(
    r"^(?:-- ?|--|—)[ \t]*$"  # the standard signature delimiter
    r"|^[ \t]*Sent from my (?:iPhone|iPad|Android|phone|mobile|Samsung|Galaxy|BlackBerry)\b[^\n]*$"
    r"|^[ \t]*Get Outlook for (?:iOS|Android)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
FOOTER_RE = re.compile(
    r"^[ \t]*(?:"
    r"(?:CONFIDENTIALITY|PRIVILEGED)(?: AND \w+)? NOTICE\b"
    r"|DISCLAIMER\s*:"
    r"|This (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^\n]{0,40}?)? (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged|intended)"
    r"|If you (?:are not|have received this)[^\n]{0,40}(?:intended recipient|in error)"
    r"|You are receiving this (?:e-?mail|message) because"
    r"|To unsubscribe\b"
    r"|Please consider the environment before printing"
    r")",
    re.MULTILINE | re.IGNORECASE,
)


def reply_chain_start(text: str) -> int | None:
    """Where the quoted reply chain begins, if the draft carries one."""
    m = REPLY_HEADER_RE.search(text)
    if m is None or not text[:m.start()].strip():
        return None  # a header on the first line is the whole draft, not a chain under it
    return m.start()


def signature_start(text: str, end: int | None = None) -> int | None:
    """Where the signature block or legal footer begins (before ``end``, the reply chain)."""
    region = text if end is None else text[:end]
    starts = []
    for rx in (SIGNATURE_RE, FOOTER_RE):
        for m in rx.finditer(region):
            if region[:m.start()].strip():
                starts.append(m.start())
                break
    return min(starts) if starts else None
