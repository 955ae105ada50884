"""Template placeholders: every syntax of research section D is recognised and typed, the parse
sees stand-ins, findings point at the original template, a template gets the same findings as its
rendered text, and conditionals are linted branch by branch."""
import pytest

from apolint.ruleset import builtin_rules

from apolint.lint import Options, lint_sources
from apolint.read import Source
from apolint.templates import scan, variable_kind

SYNTAX_CASES = [
    # (placeholder as written, syntax, variable, kind, fallback)
    ("{{ticket.requester.first_name}}", "double", "ticket.requester.first_name", "first_name", None),
    ("{{ticket.id}}", "double", "ticket.id", "id", None),
    ("{%customer.firstName,fallback=there%}", "helpscout", "customer.firstName", "first_name", "there"),
    ("{%conversation.number%}", "helpscout", "conversation.number", "id", None),
    ('{{first_name|fallback:"there"}}', "double", "first_name", "first_name", "there"),
    ("{{{NAME}}}", "triple", "NAME", "full_name", None),
    ('{{ name|default("there") }}', "double", "name", "full_name", "there"),
    ("{{ firstName | default: 'there' }}", "double", "firstName", "first_name", "there"),
    ('{{contact.first_name || "dude"}}', "double", "contact.first_name", "first_name", "dude"),
    ("*|FNAME|*", "mailchimp", "FNAME", "first_name", None),
    ("{{ .Recipient.FirstName }}", "double", ".Recipient.FirstName", "first_name", None),
    ("{{ .Conversation.ReferenceNumber }}", "double", ".Conversation.ReferenceNumber", "id", None),
    ("{$ticket.id}", "helprace", "ticket.id", "id", None),
    ("{contactfield=firstname|there}", "mautic", "firstname", "first_name", "there"),
    ("[[first_name|Dear Reader]]", "double_bracket", "first_name", "first_name", "Dear Reader"),
    ("{!Contact.FirstName}", "salesforce", "Contact.FirstName", "first_name", None),
    ('<attribute key="user.name" default="there"/>', "intercom_attr", "user.name", "full_name", "there"),
    ("{{recipient.first_name}}", "double", "recipient.first_name", "first_name", None),
    ("{{mailbox.name}}", "double", "mailbox.name", "company", None),
    ("{{current_user.name}}", "double", "current_user.name", "agent_name", None),
    ("{{dc.password_help}}", "double", "dc.password_help", "block", None),
    ("{{lead.First Name:default=there}}", "double", "lead.First Name", "first_name", "there"),
    ("{case}", "single", "case", "id", None),
    ("{{ticket.created_at}}", "double", "ticket.created_at", "date", None),
]


@pytest.mark.parametrize("written,syntax,name,kind,fallback", SYNTAX_CASES)
def test_every_syntax_is_recognised_and_typed(written, syntax, name, kind, fallback):
    text = f"Hi {written}, sorry."
    found = scan(text)
    assert len(found.placeholders) == 1, found
    ph = found.placeholders[0]
    assert text[ph.start:ph.end] == written
    assert (ph.syntax, ph.name, ph.kind, ph.fallback) == (syntax, name, kind, fallback)


@pytest.mark.parametrize("tag", ["{% if customer.vip %}", "{% endif %}", "{{#if vip}}", "{{/if}}", "{{else}}",
                                 "{{ if .Vip }}", "{{ end }}", "*|IF:FNAME|*", "*|END:IF|*", "{# note #}",
                                 "{{!-- note --}}", "{% assign x = 1 %}"])
def test_tags_render_nothing(tag):
    found = scan(f"Hi {tag}there")
    assert not found.placeholders and len(found.tags) == 1


def test_broken_placeholders_are_not_recognised():
    assert not scan("Hi {{first_name}, sorry").placeholders
    assert not scan("Hi *|FNAME|, sorry").placeholders


def test_variable_kinds_from_paths():
    assert variable_kind("ticket.organization.name") == "company"
    assert variable_kind("order.total_amount") == "money"
    assert variable_kind("ticket.title") == "text"


def lint(text, **options):
    return next(lint_sources([Source("t.txt", text)], Options(**options)))


# A template and the text it renders to with the stand-ins' values: the same findings, the same
# components. Every pair uses a fallback or a non-greeting name, so the template has nothing to
# report about itself.
PAIRS = [
    ("Hi {{ticket.requester.first_name | default: 'there'}},\n\nWe apologize for any inconvenience with ticket {{ticket.id}}.",
     "Hi Alex,\n\nWe apologize for any inconvenience with ticket 48213."),
    ("Hi {%customer.firstName,fallback=there%},\n\nI'm sorry conversation #{%conversation.number%} waited two days. "
     "Due to unprecedented demand, your refund was delayed.",
     "Hi Alex,\n\nI'm sorry conversation #48213 waited two days. Due to unprecedented demand, your refund was delayed."),
    ('Hi {{first_name|fallback:"there"}},\n\nYou entered the wrong address, so your parcel went back to the depot.',
     "Hi Alex,\n\nYou entered the wrong address, so your parcel went back to the depot."),
    ('Dear {{ name|default("customer") }},\n\nI\'m sorry your order {{ order.number }} arrived on {{ order.delivered_at }}. '
     "I've refunded the {{ order.shipping_amount }} shipping fee.",
     "Dear Alex Morgan,\n\nI'm sorry your order 48213 arrived on Monday. I've refunded the $42 shipping fee."),
    # A conditional template is scored as its weakest rendering: here the else branch, with no name.
    ("*|IF:FNAME|*Hi *|FNAME|*,*|ELSE:|*Hi,*|END:IF|*\n\nWe're so so sorry. We are sorry again for the trouble.",
     "Hi,\n\nWe're so so sorry. We are sorry again for the trouble."),
    ("Hello team,\n\nSorry {{ .Recipient.FirstName }}, our courier lost your parcel {{ .Conversation.ReferenceNumber }}.",
     "Hello team,\n\nSorry Alex, our courier lost your parcel 48213."),
    ("Hello,\n\nRegarding ticket {$ticket.id}: we apologise for the trouble and the delay, {{{NAME}}}.",
     "Hello,\n\nRegarding ticket 48213: we apologise for the trouble and the delay, Alex Morgan."),
]


# Rules that judge templates differently on purpose (a check with a "template" condition); none
# does today, and the pairs below hold every rule to the same findings on both copies.
TEMPLATE_AWARE = {r.id for r in builtin_rules() if any("template" in (c.get("when") or {}) for c in r.checks)}


def _comparable(report):
    return sorted((f.rule, f.severity, f.message) for f in report.findings if f.rule not in TEMPLATE_AWARE)


@pytest.mark.parametrize("template,rendered", PAIRS)
def test_template_gets_the_same_findings_as_its_rendered_text(template, rendered):
    t, r = lint(template), lint(rendered)
    assert _comparable(t) == _comparable(r)
    assert t.components == r.components
    if {f.rule for f in r.findings} & TEMPLATE_AWARE:
        assert t.score >= r.score  # the rendered copy is also judged on what the template is excused
    else:
        assert t.score == r.score
    for f in t.findings:
        assert template[f.start:f.end] == f.text


def test_missing_explanation_judges_a_template_like_its_rendered_copy():
    """Readers of macro libraries expect the usual cause (or a merge field for it) in a macro that
    apologises for a failure, so no rule excuses templates any more."""
    assert TEMPLATE_AWARE == set()
    template = "Hi {{first_name | default: 'there'}},\n\nI'm sorry order {{ticket.id}} arrived damaged. I've sent a new one today."
    rendered = "Hi Alex,\n\nI'm sorry order 48213 arrived damaged. I've sent a new one today."
    assert "missing-explanation" in {f.rule for f in lint(template).findings}
    assert "missing-explanation" in {f.rule for f in lint(rendered).findings}


@pytest.mark.parametrize("template,_", PAIRS)
def test_no_finding_on_placeholder_syntax(template, _):
    found = scan(template)
    report = lint(template)
    assert not [f for f in report.findings if f.rule == "placeholder-leftover"]
    for f in report.findings:
        for ph in found.placeholders + found.tags:
            # No finding sits inside a placeholder or is made of placeholder syntax alone.
            assert not (ph.start <= f.start and f.end <= ph.end), (f.rule, f.text)


def test_name_placeholder_in_greeting_is_personalisation_and_ids_are_specifics():
    with_vars = lint("Hi {{ticket.requester.first_name | default: 'there'}},\n\nSorry about order {{ticket.id}}.")
    without = lint("Hi there,\n\nSorry about your order.")
    assert with_vars.components["personalization"] and with_vars.components["specifics"]
    assert not without.components["personalization"] and not without.components["specifics"]


def test_finding_over_a_stand_in_covers_the_whole_placeholder():
    text = "Dear {{ticket.requester.title}},\n\nWe apologize for any inconvenience."
    report = lint(text)
    for f in report.findings:
        assert text[f.start:f.end] == f.text
        assert not ("{{" in f.text and "}}" not in f.text)


def test_greeting_name_without_fallback_is_its_own_info_rule():
    text = "Hi {{ticket.requester.first_name}},\n\nI'm sorry order {{ticket.id}} was late; I've refunded the shipping."
    findings = lint(text).findings
    fallbacks = [f for f in findings if f.rule == "merge-field-fallback"]
    assert [(f.severity, f.text, f.line, f.column) for f in fallbacks] == \
        [("info", "{{ticket.requester.first_name}}", 1, 4)]
    assert '"Hi ,"' in fallbacks[0].message
    assert not [f for f in findings if f.rule == "placeholder-leftover"]  # filled in at send time: not a leftover
    guarded = "{% if ticket.requester.first_name %}Hi {{ticket.requester.first_name}},{% else %}Hello,{% endif %}\n\nSorry."
    assert not [f for f in lint(guarded).findings if f.rule == "merge-field-fallback"]


def test_platform_flags_foreign_syntax_and_unknown_variables():
    text = ("Hi {{ticket.requester.first_name | default: 'there'}},\n\n"
            "I'm sorry order {{ticket.id}} and {{customer.order_id}} were late; I've refunded {%customer.email%}.")
    report = lint(text, platform="zendesk")
    leftovers = {f.text: f for f in report.findings if f.rule == "placeholder-leftover"}
    assert set(leftovers) == {"{{customer.order_id}}", "{%customer.email%}"}
    assert all(f.severity == "warning" for f in leftovers.values())
    assert "Help Scout" in leftovers["{%customer.email%}"].message
    assert "no placeholder" in leftovers["{{customer.order_id}}"].message
    assert not [f for f in lint(text).findings if f.rule == "placeholder-leftover"]  # no platform: no opinion
    hs = lint("Hi {%customer.firstName,fallback=there%},\n\nSorry about #{%conversation.number%}.", platform="helpscout")
    assert not [f for f in hs.findings if f.rule == "placeholder-leftover"]


def test_broken_delimiters_and_unclosed_blocks_point_at_the_template():
    text = "Hi {{first_name},\n\nI'm sorry. {% if vip %}I've refunded the fee."
    leftovers = [f for f in lint(text).findings if f.rule == "placeholder-leftover"]
    assert [(f.text, f.severity) for f in leftovers] == [("{{first_name}", "error"), ("{% if vip %}", "error")]
    assert "never closed" in leftovers[1].message


BRANCHY = ("{% if customer.vip %}Hi {{ customer.first_name | default: 'there' }},{% else %}Hi there,{% endif %}\n\n"
           "I'm sorry the dashboard was down on Monday.{% if refund %} I've credited your account.{% endif %}")


def test_each_branch_is_linted_and_findings_name_their_branch():
    report = lint(BRANCHY)
    by_rule = {f.rule: f for f in report.findings}
    salutation = by_rule["generic-salutation"]
    assert salutation.text == "Hi there"
    assert salutation.message.endswith("(in branch: else of if customer.vip)")
    resolution = by_rule["missing-resolution"]
    assert resolution.message.endswith("(in branch: not refund)")
    for f in report.findings:
        assert BRANCHY[f.start:f.end] == f.text


def test_finding_in_every_branch_has_no_branch_note():
    text = "{% if vip %}Hi Ana,{% else %}Hello Ana,{% endif %}\n\nWe apologize for any inconvenience."
    vague = [f for f in lint(text).findings if f.rule == "inconvenience-cliche"]
    assert vague and all("in branch" not in f.message for f in vague)


def test_render_lints_the_rendered_branch_only():
    plain = lint(BRANCHY, render={"customer": {"vip": False}, "refund": True})
    rules = {f.rule for f in plain.findings}
    assert "generic-salutation" in rules and "missing-resolution" not in rules
    assert all("in branch" not in f.message for f in plain.findings)
    vip = lint(BRANCHY, render={"customer": {"vip": True, "first_name": "Ana"}, "refund": True})
    assert "generic-salutation" not in {f.rule for f in vip.findings}
    assert vip.components["personalization"] and vip.components["resolution"]


def test_render_substitutes_values_and_fallbacks():
    text = "Hi {{first_name | default: 'there'}},\n\nWe apologize for any inconvenience."
    assert "generic-salutation" in {f.rule for f in lint(text, render={}).findings}  # renders "Hi there,"
    assert "generic-salutation" not in {f.rule for f in lint(text, render={"first_name": "Ana"}).findings}
