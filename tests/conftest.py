"""Every test starts in the same locale, whatever the developer's terminal speaks."""

import pytest


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    # The interface speaks the locale's language before it reads a scenario
    # (simulator.cli_language); the tests that want Chinese set it themselves.
    for variable in ("DRILL_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
