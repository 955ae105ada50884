"""Rule files: a bad one gets a message naming the file, the key and what was expected."""
import pytest

from apolint.ruleset import RuleFileError, load_rule_file

GOOD = """id: sample-rule
category: tone
severity: warning
summary: s
message: m
description: d
rationale: r
checks:
  - kind: phrase
    phrases: [hello]
examples:
  flag: [a, b, c, d]
  pass: [a, b, c, d]
"""


def write(tmp_path, text, name="sample-rule.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_valid_rule_loads(tmp_path):
    rule = load_rule_file(write(tmp_path, GOOD))
    assert rule.id == "sample-rule" and rule.checks[0]["kind"] == "phrase"


@pytest.mark.parametrize("change,expected", [
    (("severity: warning", "severity: severe"), "severity 'severe'"),
    (("summary: s", "sumary: s"), "did you mean 'summary'"),
    (("kind: phrase", "kind: phrse"), "did you mean 'phrase'"),
    (("phrases: [hello]", "phrases: hello"), "'phrases' must be a non-empty list"),
    (("flag: [a, b, c, d]", "flag: [a]"), "examples.flag must be a list of at least 4"),
    (("id: sample-rule", "id: other"), "must match the file name"),
    (("category: tone", "category: vibes"), "category 'vibes'"),
])
def test_bad_rule_file_is_explained(tmp_path, change, expected):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert str(path) in str(err.value) and expected in str(err.value)


def test_invalid_yaml_names_line(tmp_path):
    path = write(tmp_path, GOOD + "checks: [\n")
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert "invalid YAML" in str(err.value) and f"{path}:" in str(err.value)


def test_yaml_is_never_executed(tmp_path):
    path = write(tmp_path, "!!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RuleFileError):
        load_rule_file(path)


def test_builtin_rules_cover_core_ids(rules):
    ids = {r.id for r in rules}
    assert {"vague-apology", "excuse-language", "blame-shifting", "missing-resolution", "missing-prevention",
            "over-apologizing", "generic-salutation"} <= ids


def test_fired_condition_must_list_rule_ids(tmp_path):
    path = write(tmp_path, GOOD.replace("phrases: [hello]", "phrases: [hello]\n    when: {fired: blame-shifting}"))
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert "when.fired must be a non-empty list of rule ids" in str(err.value)


def test_every_rule_a_check_reads_exists(rules):
    from apolint.ruleset import rules_read

    ids = {r.id for r in rules}
    for rule in rules:
        assert rules_read(rule) <= ids, rule.id


REFUSAL = ("Per our fare rules, Basic fares are non-refundable, including when we retime a flight by under "
           "3 hours. As stated in my previous message, you can move to another flight for a €45 change fee.")


def test_a_rule_reading_other_rules_does_not_depend_on_which_are_selected():
    """missing-apology reads policy-language's findings ("Per our fare rules..."): selecting only
    missing-apology must not change what it finds."""
    from apolint.lint import Options, lint_sources
    from apolint.read import Source

    everything = next(lint_sources([Source("a", REFUSAL)], Options()))
    alone = next(lint_sources([Source("a", REFUSAL)], Options(select=("missing-apology",))))
    wanted = [(f.rule, f.start, f.end) for f in everything.findings if f.rule == "missing-apology"]
    assert wanted and {f.rule for f in everything.findings} >= {"missing-apology", "policy-language"}
    assert [(f.rule, f.start, f.end) for f in alone.findings] == wanted
