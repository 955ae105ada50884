"""Offsets survive normalisation: findings point at the original text, whatever its line ends."""
import pytest

from apolint.preprocess import prepare

DRAFT = "Dear Valued Customer,\n\nWe\u2019re sorry for the trouble.\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_keep_columns(lint, newline):
    text = DRAFT.replace("\n", newline)
    report = lint(text)
    by_rule = {f.rule: f for f in report.findings}
    f = by_rule["generic-salutation"]
    assert (f.line, f.column, f.text) == (1, 1, "Dear Valued Customer")
    v = by_rule["vague-apology"]
    assert v.line == 3 and text[v.start:v.end] == v.text
    assert v.text.startswith("We\u2019re sorry")  # the curly apostrophe of the original


def test_zero_width_and_bom_are_dropped_but_mapped():
    original = "\ufeffHi\u200b Ana,\nSorry."
    prepared = prepare(original)
    assert prepared.text == "Hi Ana,\nSorry."
    start = prepared.text.index("Sorry")
    o_start, o_end = prepared.original_span(start, start + 5)
    assert original[o_start:o_end] == "Sorry"
    assert prepared.line_col(o_start) == (2, 1)


def test_quoted_lines_are_marked():
    prepared = prepare("Hi Ana,\n> you lost my parcel\nSorry about that.")
    q_start = prepared.text.index("> you")
    assert prepared.in_quoted(q_start, q_start + 5)
    assert not prepared.in_quoted(prepared.text.index("Sorry"), prepared.text.index("Sorry") + 5)


def test_quoted_customer_words_are_not_the_agents(lint):
    text = "Hi Ana,\n\n> You lost my parcel and I'm sorry I ever ordered.\n\nI'm sorry we lost your parcel #5512; I've sent a new one today."
    report = lint(text)
    assert all(f.start > text.index("ordered") for f in report.findings)


def test_run_on_greeting_is_parsed_apart_from_the_body():
    # "Hi Sunil, our payment provider took your £214 twice": without the break the parser reads the
    # name's comma as an apposition and the provider never becomes the subject of "took".
    from apolint.preprocess import prepare

    text = "Hi Sunil, our payment provider took your £214 twice. Sorry!"
    prepared = prepare(text)
    assert prepared.text.startswith("Hi Sunil,\nour payment")  # the comma stays, the space breaks the line
    assert len(prepared.text) == len(text)  # same length: every offset still maps back
    assert prepared.original[slice(*prepared.greeting)] == "Hi Sunil,"
    assert prepared.greeting_runs_on
    # a greeting on a line of its own is left as written
    assert prepare("Hi Sunil,\nour provider took it twice.").text == "Hi Sunil,\nour provider took it twice."


def test_run_on_greeting_keeps_a_leading_sorry_with_its_object(lint):
    # "Hi Ben\n sorry | your card got declined": spaCy cut a lone lowercase "sorry" off the body, so
    # the apology had no object; a leading "sorry" is capitalised in the parsed text (not in findings)
    text = "Hi Ben, sorry your card got declined at the till this morning. I've lifted the block."
    report = lint(text)
    assert report.context["register"] == "chat"  # one line: still a chat reply, not a letter
    assert report.components["acknowledgement"] and report.components["regret"]
    assert all(f.text == text[f.start:f.end] for f in report.findings)  # findings quote the original
    from apolint.preprocess import prepare
    assert prepare("Hi, sorry to hear about your loss.").text == "Hi,\nsorry to hear about your loss."


def test_an_emoji_before_a_capital_ends_the_sentence():
    # Chat writers use the emoji as the full stop; without a break spaCy ran "Mailsprint" into the
    # sentence before as an object of "customer".
    from apolint.parse import parse_text

    doc = parse_text("Your invoice went to another customer 🙈 Mailsprint mixed up the recipients.")
    sents = [s.text for s in doc.sents]
    assert any(s.startswith("Mailsprint mixed") for s in sents)
    assert not any("customer" in s and "Mailsprint" in s for s in sents)
    # not inside a sentence that goes on in lower case; after the last of several emoji too
    assert len(list(parse_text("We fixed it 🙂 and refunded you.").sents)) == 1
    assert any(s.text.startswith("Disappointing") for s in parse_text("We left the cheese off 🧀🧀 Disappointing, I know.").sents)
