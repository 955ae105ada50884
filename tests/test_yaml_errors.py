"""Malformed YAML rule files (issue 8): the file, the line and what was expected. YAML is read
with safe_load only: tags that would build Python objects are errors, never executed."""
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
  - kind: phrase
    phrases: [bye]
examples:
  flag: [a, b, c, d]
  pass: [a, b, c, d]
"""


def error_for(tmp_path, content, name="sample-rule.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message[len(str(path)):]


@pytest.mark.parametrize("content,expected", [
    (GOOD.replace("category: tone", "\tcategory: tone"), ":2:1: invalid YAML: found character '\\t' that cannot start any token"),
    (GOOD.replace("summary: s", 'summary: "unclosed'), "invalid YAML: found unexpected end of stream while scanning a quoted scalar that started at line 4"),
    (GOOD.replace("phrases: [hello]", "phrases: [hello"), "invalid YAML:"),
    (GOOD.replace("message: m", "message: m\n  extra: indented"), ":6:8: invalid YAML: mapping values are not allowed here"),
    (GOOD.replace("severity: warning", "severity: warning\nseverity: error"), ":4:1: duplicate key 'severity' (first at line 3)"),
    (GOOD.replace("    phrases: [bye]", "    phrases: [bye]\n    kind: phrase"), ":13:5: duplicate key 'kind' (first at line 11)"),
    ("", ": the file is empty; expected a mapping of rule keys (id, category"),
    ("# only a comment\n", ": the file is empty"),
    ("- a\n- b\n", ": expected a mapping of rule keys (id: ..., checks: ...) at the top level, got a list"),
    ("just words\n", "got a string"),
    ("id: caf\xe9\n".encode("latin-1"), ": not valid UTF-8 at byte 7; save the rule file as UTF-8"),
    (GOOD.replace("severity: warning", "severity: fatal"), ":3: severity 'fatal' is not one of error, warning, info"),
    (GOOD.replace("category: tone", "category: tones"), ":2: category 'tones' is not one of"),
    (GOOD.replace("  - kind: phrase\n    phrases: [bye]", "  - kind: phrse\n    phrases: [bye]"), ":11: checks[2].kind 'phrse' is not one of"),
    (GOOD.replace("summary: s", "sumary: s"), ":4: unknown key 'sumary' (did you mean 'summary'?)"),
    # YAML 1.1 reads bare on/off/yes/no as booleans: a word the rule author meant is lost.
    (GOOD.replace("phrases: [hello]", "phrases: [hello, no]"), "YAML read a bare word as false"),
    (GOOD.replace("  - kind: phrase\n    phrases: [bye]", "  - kind: pattern\n    patterns: [[{LOWER: {IN: [on, at]}}]]"),
     "YAML read a bare word as true"),
])
def test_bad_rule_file_names_file_line_and_expectation(tmp_path, content, expected):
    assert expected in error_for(tmp_path, content)


def test_boolean_flags_in_patterns_are_fine(tmp_path):
    path = tmp_path / "sample-rule.yaml"
    path.write_text(GOOD.replace("  - kind: phrase\n    phrases: [bye]", "  - kind: pattern\n    patterns: [[{LOWER: bye}, {IS_PUNCT: true}]]"))
    assert load_rule_file(path).id == "sample-rule"


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "PWNED"
    content = GOOD.replace("summary: s", f'summary: !!python/object/apply:os.system ["touch {marker}"]')
    message = error_for(tmp_path, content)
    assert ":4:" in message and "could not determine a constructor" in message
    assert "plain YAML only" in message
    assert not marker.exists()


def test_a_bom_is_allowed(tmp_path):
    path = tmp_path / "sample-rule.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_rule_file(path).id == "sample-rule"
