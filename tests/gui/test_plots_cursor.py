"""The depth cursors follow the state without asking for a depth; moving one by hand asks for it."""

from __future__ import annotations

import pytest


def test_cursors_follow_the_state_silently_and_a_moved_cursor_requests_its_depth(window):
    requested: list[float] = []
    window.plots.depthRequested.connect(requested.append)
    window.store.set_depth_fraction(0.6)
    window.flush()
    angle = window.store.solution.thigh_angle_deg
    assert [c.value() for c in window.plots.cursors] == pytest.approx([angle, angle])
    assert requested == []  # following the state is not a request (no feedback loop)
    window.plots.cursors[1].setValue(-30.0)  # what pyqtgraph does while the user drags the line
    assert requested == [pytest.approx(-30.0)]
    window.flush()
    assert window.store.state.thigh_angle_deg == pytest.approx(-30.0)
    assert window.plots.cursors[0].value() == pytest.approx(-30.0)
