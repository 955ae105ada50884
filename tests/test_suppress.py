"""Suppression comments in templates: each syntax silences its own line only, ranges and the
file-level form work, comments are never read as prose, offsets stay right, and a suppression
that suppresses nothing is reported."""
import pytest

from apolint import lint_text
from apolint.suppress import find_directives
from workflow_helpers import GOOD

VAGUE = "We apologize for the trouble."
BLAME = "You should have read the delivery terms."


def rules(report):
    return [f.rule for f in report.findings]


def by_rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("comment", [
    "{# apolint: ignore[vague-apology] #}",
    "{#- apolint: ignore[vague-apology] -#}",
    "{% comment %}apolint: ignore[vague-apology]{% endcomment %}",
    "{%- comment -%} apolint: ignore[vague-apology] -- legal asked for this wording {%- endcomment -%}",
    "<!-- apolint: ignore[vague-apology] -->",
    "<!-- apolint: ignore -->",
])
def test_each_syntax_silences_its_own_line_only(comment):
    text = f"{VAGUE} {comment}\n\n{VAGUE}\n"
    report = lint_text(text)
    vague = by_rule(report, "vague-apology")
    assert vague and all(f.line == 3 for f in vague)
    assert "unused-suppression" not in rules(report)
    unsuppressed = lint_text(f"{VAGUE}\n\n{VAGUE}\n")
    assert any(f.line == 1 for f in by_rule(unsuppressed, "vague-apology"))


def test_comments_are_not_prose_and_offsets_stay_right():
    text = ("Hi Sam,\n\n{# apolint: ignore[generic-salutation] -- we apologize for any inconvenience #}"
            f"I'm sorry the parcel was late. {BLAME}\n")
    report = lint_text(text)
    # The words inside the comment are not read.
    assert "vague-apology" not in rules(report) and "inconvenience-cliche" not in rules(report)
    assert "inconvenience-cliche" in rules(lint_text("Hi Sam,\n\nwe apologize for any inconvenience"))
    blame = by_rule(report, "blame-shifting")
    assert blame and text[blame[0].start:blame[0].end] == blame[0].text
    assert blame[0].text.startswith("You should have")
    assert blame[0].line == 3 and blame[0].column == text.split("\n")[2].index("You") + 1
    unused = by_rule(report, "unused-suppression")
    assert len(unused) == 1 and unused[0].text.startswith("{# apolint: ignore[generic-salutation]")
    assert unused[0].line == 3 and unused[0].column == 1


def test_disable_enable_range():
    text = (f"{{# apolint: disable[vague-apology] #}}\n{VAGUE}\n{VAGUE}\n{{# apolint: enable[vague-apology] #}}\n"
            f"{VAGUE}\n")
    report = lint_text(text)
    assert {f.line for f in by_rule(report, "vague-apology")} == {5}
    assert "unused-suppression" not in rules(report)
    # An unclosed disable runs to the end of the draft.
    open_ended = lint_text(f"{VAGUE}\n<!-- apolint: disable[vague-apology] -->\n{VAGUE}\n{VAGUE}\n")
    assert {f.line for f in by_rule(open_ended, "vague-apology")} == {1}


def test_blanket_disable_and_file_level():
    report = lint_text(f"{BLAME}\n{{# apolint: disable #}}\n{VAGUE}\n{BLAME}\n{{# apolint: enable #}}\n{BLAME}\n")
    assert {f.line for f in by_rule(report, "blame-shifting")} == {1, 6}
    assert not by_rule(report, "vague-apology")
    whole = lint_text(f"{VAGUE}\n\n{BLAME}\n\n{{# apolint: ignore-file[vague-apology, blame-shifting] #}}\n")
    assert not by_rule(whole, "vague-apology") and not by_rule(whole, "blame-shifting")
    assert "missing-resolution" in rules(whole)  # other rules still run


def test_suppressed_findings_do_not_cost_score():
    plain = lint_text(f"Hi Sam,\n\nI'm sorry your parcel was late. {BLAME} I've refunded the postage.\n")
    quiet = lint_text(f"Hi Sam,\n\nI'm sorry your parcel was late. {BLAME} I've refunded the postage. "
                      "{# apolint: ignore[blame-shifting] #}\n")
    assert by_rule(plain, "blame-shifting") and not by_rule(quiet, "blame-shifting")
    assert quiet.score > plain.score


def test_unused_suppressions_are_reported_precisely():
    partial = lint_text(f"{VAGUE} {{# apolint: ignore[vague-apology, blame-shifting] #}}")
    [unused] = by_rule(partial, "unused-suppression")
    assert "blame-shifting" in unused.message and "vague-apology" not in unused.message
    unknown = lint_text(f"{VAGUE} <!-- apolint: ignore[vague-apolgy] -->")
    [unused] = by_rule(unknown, "unused-suppression")
    assert "unknown rule 'vague-apolgy' (did you mean 'vague-apology'?)" in unused.message
    assert by_rule(unknown, "vague-apology"), "a misspelt id suppresses nothing"
    typo = lint_text(f"{VAGUE} {{# apolint: ignroe[vague-apology] #}}")
    [unused] = by_rule(typo, "unused-suppression")
    assert "did you mean 'ignore'?" in unused.message
    no_brackets = lint_text(f"{VAGUE} {{# apolint: ignore vague-apology #}}")
    [unused] = by_rule(no_brackets, "unused-suppression")
    assert "put rule ids in brackets" in unused.message
    # A blanket directive that suppressed nothing cannot hide its own report.
    assert rules(lint_text(GOOD)) == []
    stale = lint_text("{# apolint: disable #}\n" + GOOD)
    assert rules(stale) == ["unused-suppression"] and stale.findings[0].text == "{# apolint: disable #}"
    # ...but unused-suppression can be silenced on purpose.
    kept = lint_text("{# apolint: ignore-file[unused-suppression] #}{# apolint: ignore[blame-shifting] #}"
                     "I'm sorry we double-charged you. I've refunded the £12 today.")
    assert "unused-suppression" not in rules(kept)


def test_other_comments_are_left_alone():
    assert find_directives("{# note for editors #} <!-- banner --> {% comment %}old{% endcomment %}") == []
    found = find_directives("a {# apolint: ignore[x] #} b <!--apolint:disable--> c")
    assert [(d.kind, d.rules) for d in found] == [("ignore", ("x",)), ("disable", None)]


def test_templates_with_branches_and_html():
    from apolint.lint import Options, lint_sources
    from apolint.read import Source

    # Used in the branch that renders the apology: not reported as unused for the other branch.
    branch = lint_text("{% if vip %}We apologize for the trouble.{% endif %} {# apolint: ignore[vague-apology] #}\n"
                       "I've refunded the £12 today.")
    assert not by_rule(branch, "vague-apology") and not by_rule(branch, "unused-suppression")
    html = "<p>Hi Sam,</p>\n<p>We apologize for the trouble. <!-- apolint: ignore[vague-apology] --></p>\n"
    [report] = lint_sources([Source("macro.html", html)], Options())
    assert not by_rule(report, "vague-apology") and not by_rule(report, "unused-suppression")
    [plain] = lint_sources([Source("macro.html", html.replace("<!-- apolint: ignore[vague-apology] -->", ""))], Options())
    assert by_rule(plain, "vague-apology")
