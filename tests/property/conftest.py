"""Hypothesis settings for the hostile-input tests, and a tally of examples run per family."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

EXAMPLES: Counter[tuple[str, str]] = Counter()
"""(family, outcome) -> examples run; printed at the end of the session."""

settings.register_profile(
    "wvorm",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
settings.load_profile("wvorm")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not EXAMPLES:
        return
    terminalreporter.section("hypothesis examples run")
    for (family, outcome), count in sorted(EXAMPLES.items()):
        terminalreporter.write_line(f"{family:<20} {outcome:<34} {count}")
    terminalreporter.write_line(f"total {sum(EXAMPLES.values())}")
