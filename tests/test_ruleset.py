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
