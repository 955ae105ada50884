"""Every rule's own examples (rules/<id>.yaml): each `flag` example must raise the rule, each `pass`
example must not. Like LanguageTool, the examples are the rule's first test."""
import pytest

from apolint.ruleset import builtin_rules

CASES = [
    pytest.param(rule.id, side, text, id=f"{rule.id}-{side}-{n}")
    for rule in builtin_rules()
    for side in ("flag", "pass")
    for n, text in enumerate(rule.examples[side])
]


@pytest.mark.parametrize("rule_id,side,text", CASES)
def test_rule_example(lint, rule_id, side, text):
    report = lint(text)
    fired = [f for f in report.findings if f.rule == rule_id]
    if side == "flag":
        assert fired, f"{rule_id} should flag: {text!r}; got {[(f.rule, f.text) for f in report.findings]}"
        for f in fired:
            assert f.text == text[f.start:f.end]
            assert f.text.strip(), "a finding must point at words"
    else:
        assert not fired, f"{rule_id} should pass: {text!r}; flagged {[f.text for f in fired]}"


def test_every_rule_has_enough_examples():
    for rule in builtin_rules():
        assert len(rule.examples["flag"]) >= 4, rule.id
        assert len(rule.examples["pass"]) >= 4, rule.id
