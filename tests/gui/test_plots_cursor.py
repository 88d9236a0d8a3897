"""The depth cursors follow the state without asking for a depth; moving one by hand asks for it."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


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


def test_the_onset_line_is_drawn_over_the_cursor_and_a_drag_there_still_moves_the_depth(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt

    window.store.set_depth(window.store.solution.sweep.tuck_onset.thigh_angle_deg)
    window.flush()
    qtbot.wait(50)
    plot = window.plots.angles_plot
    vb = plot.getPlotItem().getViewBox()
    x = window.store.state.thigh_angle_deg
    scene_pos = vb.mapViewToScene(QPointF(x, 60.0))
    items = plot.scene().items(scene_pos)
    assert window.plots.tuck_line in items and window.plots.cursors[0] in items  # both under the press
    assert items.index(window.plots.tuck_line) < items.index(window.plots.cursors[0])  # the line is on top
    start = plot.mapFromScene(scene_pos)
    end = plot.mapFromScene(vb.mapViewToScene(QPointF(x - 30.0, 60.0)))
    viewport = plot.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 11):
        qtbot.mouseMove(viewport, QPoint(start.x() + (end.x() - start.x()) * i // 10, start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    window.flush()
    assert window.store.state.thigh_angle_deg == pytest.approx(x - 30.0, abs=2.0)
