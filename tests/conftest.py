import pytest
from hypothesis import HealthCheck, settings

import apolint
from apolint.ruleset import builtin_rules

# Hypothesis profiles (tests/test_fuzz.py). The default run is short enough for CI on 2 cores;
# `pytest tests/test_fuzz.py --hypothesis-profile=long` runs 100,000 examples (see
# docs/reliability.md). This conftest is an initial conftest (testpaths = tests), so the profiles
# exist before hypothesis' plugin reads --hypothesis-profile, which then overrides "ci".
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("long", max_examples=100_000, **_COMMON)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def lint():
    return apolint.lint_text


@pytest.fixture(scope="session")
def rules():
    return builtin_rules()


def rule_ids(report):
    return {f.rule for f in report.findings}
