"""HTML and Markdown drafts lint as the text a customer reads, with findings pointing into the
markup; reply chains, forwarded mail and signature/legal footers are not the writer's apology."""
from apolint.lint import Options, lint_sources
from apolint.read import Source


def lint(text, path="t.txt", **options):
    return next(lint_sources([Source(path, text)], Options(**options)))


def test_html_is_stripped_with_offsets_kept():
    html = ("<html><head><style>p { color: red }</style></head><body><p>Dear Valued Customer,</p>"
            "<p>We apologize for any inconvenience&nbsp;caused.</p></body></html>")
    report = lint(html, "reply.html")
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["generic-salutation"].text == "Dear Valued Customer"
    assert "any inconvenience" in by_rule["inconvenience-cliche"].text
    for f in report.findings:
        assert html[f.start:f.end] == f.text
        assert "<" not in f.text and "color" not in f.text


def test_html_matches_the_plain_text_version():
    html = "<div>Hi Ana,</div><div><br></div><div>I&rsquo;m sorry your order #4412 arrived late. Due to high demand, it was delayed.</div>"
    plain = "Hi Ana,\n\nI'm sorry your order #4412 arrived late. Due to high demand, it was delayed."
    h, p = lint(html, "r.html"), lint(plain)
    assert sorted((f.rule, f.message) for f in h.findings) == sorted((f.rule, f.message) for f in p.findings)
    assert h.components == p.components


def test_html_blockquote_is_quoted_customer_text():
    html = ("<p>Hi Ana,</p><blockquote>You lost my parcel and I'm sorry I ever ordered.</blockquote>"
            "<p>I'm sorry we lost your parcel #5512; I've sent a new one today.</p>")
    report = lint(html, "r.html")
    quote_end = html.index("</blockquote>")
    assert all(f.start > quote_end for f in report.findings), [(f.rule, f.text) for f in report.findings]


def test_unknown_angle_brackets_are_not_html_tags():
    report = lint("<p>Dear <NAME>,</p><p>I'm sorry your order #4412 was late; I've refunded it.</p>", "r.html")
    assert [f.text for f in report.findings if f.rule == "placeholder-leftover"] == ["<NAME>"]


def test_markdown_code_and_links():
    md = ("# Outage follow-up\n\nHi Ana,\n\nI'm sorry the export failed on Monday. Run `apolint --fix` "
          "and see [the status page](https://status.example.com).\n\n```\nWe apologize for any inconvenience.\n```\n\n"
          "I've refunded this month's fee.\n")
    report = lint(md, "note.md")
    assert not [f for f in report.findings if "inconvenience" in f.text]
    for f in report.findings:
        assert md[f.start:f.end] == f.text
    assert report.components["resolution"]


def test_markdown_quote_is_not_the_writer():
    md = "Hi Ana,\n\n> You forgot to include your flat number.\n\nI'm sorry your parcel #4412 came back; I've re-sent it today.\n"
    report = lint(md, "note.md")
    assert "blame-shifting" not in {f.rule for f in report.findings}


def test_reply_chain_is_quoted():
    text = ("Hi Ana,\n\nI'm sorry we lost your parcel #5512; I've sent a new one today.\n\nBest,\nSam\n\n"
            "On Mon, 3 Jun 2024 at 10:02, Ana Silva <ana@example.com> wrote:\n"
            "Dear Valued Customer service, you forgot my parcel. We apologize for any inconvenience, you said.\n")
    report = lint(text)
    chain = text.index("On Mon")
    assert all(f.start < chain for f in report.findings), [(f.rule, f.text) for f in report.findings]


def test_forwarded_message_is_quoted():
    text = ("Hi Ana,\n\nI'm sorry your refund of £20 was late; I've sent it today.\n\n"
            "---------- Forwarded message ---------\nFrom: Billing\nWe apologize for any inconvenience.\n")
    report = lint(text)
    assert "vague-apology" not in {f.rule for f in report.findings}


def test_signature_and_legal_footer_are_not_the_apology():
    body = "Hi Ana,\n\nI'm sorry your refund of £20 was late. I've sent it today.\n\nBest,\nSam\n"
    footer = ("\n-- \nSam Jones | Support\nWe apologise for any inconvenience caused by delays in our reply.\n\n"
              "CONFIDENTIALITY NOTICE: This email is confidential and intended only for the addressee.\n")
    with_footer, without = lint(body + footer), lint(body)
    assert [(f.rule, f.message) for f in with_footer.findings] == [(f.rule, f.message) for f in without.findings]
    assert with_footer.components == without.components


def test_signature_delimiter_starts_the_signoff_without_a_closing_line():
    body = "Hi Ana,\n\nI'm sorry your refund of £20 was late. I've sent it today.\n\n-- \nSam Jones | Support\n"
    noisy = body + "We apologise for any inconvenience caused by delays in our reply.\nSent from my iPhone\n"
    a, b = lint(noisy), lint(body)
    assert [(f.rule, f.message) for f in a.findings] == [(f.rule, f.message) for f in b.findings]
    assert not [f for f in a.findings if "inconvenience" in f.text]
