import pytest

import apolint
from apolint.ruleset import builtin_rules


@pytest.fixture(scope="session")
def lint():
    return apolint.lint_text


@pytest.fixture(scope="session")
def rules():
    return builtin_rules()


def rule_ids(report):
    return {f.rule for f in report.findings}
