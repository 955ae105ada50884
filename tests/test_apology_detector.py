"""The shared apology detector: which uses of sorry/apologise/apologies/regret are apologies."""
import pytest

from apolint.apology import find_apologies
from apolint.parse import parse_text


def detect(text):
    return [(a.kind, a.form) for a in find_apologies(parse_text(text))]


@pytest.mark.parametrize("text,kind,form", [
    ("I'm so sorry for the delay.", "apology", "sorry"),
    ("We apologise for the missed delivery.", "apology", "apologize"),
    ("We apologize for the missed delivery.", "apology", "apologize"),
    ("Please accept our apologies for the delay.", "apology", "apology"),
    ("Our apologies: the invoice was wrong.", "apology", "apology"),
    ("We regret that your order arrived late.", "apology", "regret"),
    ("Please forgive us for the mix-up.", "apology", "forgive"),
    ("Sorry, I double-booked your table.", "apology", "sorry"),
    ("I'm not sorry.", "negated", "sorry"),
    ("There is no need to apologise.", "negated", "apologize"),
    ("You said sorry but nothing changed.", "reported", "sorry"),
    ("He apologised for the mess.", "reported", "apologize"),
    ("Sorry to hear about your loss.", "sympathy", "sorry"),
    ("I'm sorry for your loss.", "sympathy", "sorry"),
    ("Sorry?", "question", "sorry"),
    # addressed by name: spaCy reads "Sorry" as part of the name
    ("Sorry Mrs Okafor, our crew skipped Elm Row on Monday's round.", "apology", "sorry"),
    ("Apologies Dan, we added a £25 upgrade fee we shouldn't have.", "apology", "apology"),
    ("So sorry Aisha, we renewed your policy after you'd asked us to cancel.", "apology", "sorry"),
])
def test_kind(text, kind, form):
    assert (kind, form) in detect(text)


def test_not_an_apology_at_all():
    assert detect("The shop was in a sorry state when we arrived.") == []
    assert detect("That was a sorry Mrs Brown, honestly.") == []
    assert detect("Your apology was accepted by the manager.") in ([], [("reported", "apology")])


def test_object_and_condition():
    doc = parse_text("We're sorry if you were offended.")
    (a,) = find_apologies(doc)
    assert a.conditional is not None and a.conditional.lower_ == "if"
    doc = parse_text("I'm sorry for the inconvenience.")
    (a,) = find_apologies(doc)
    assert a.object.text == "the inconvenience" and a.object_kind == "for"
    doc = parse_text("I am sorry that we charged you twice.")
    (a,) = find_apologies(doc)
    assert a.object_kind == "that" and "charged" in a.object.text


def test_distancing_and_intensifiers():
    (a,) = find_apologies(parse_text("I'd like to apologize for the delay."))
    assert a.distancing and a.subject == "i"
    (a,) = find_apologies(parse_text("I am so so sorry."))
    assert [t.text for t in a.intensifiers] == ["so", "so"]
