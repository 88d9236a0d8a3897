"""CLI tests never open a real window: ``run_app`` is replaced by a recorder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def app_calls(monkeypatch) -> list[tuple[object, dict]]:
    import viewer.ui.app

    calls: list[tuple[object, dict]] = []

    def fake_run_app(initial_state=None, **kwargs) -> int:
        calls.append((initial_state, kwargs))
        return 0

    monkeypatch.setattr(viewer.ui.app, "run_app", fake_run_app)
    return calls
