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


def _drag(qtbot, plot, start, end) -> None:
    from PySide6.QtCore import QPoint, Qt

    viewport = plot.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 11):
        qtbot.mouseMove(viewport, QPoint(start.x() + (end.x() - start.x()) * i // 10, start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_a_drag_starting_on_a_legend_sets_the_depth_and_leaves_the_legend_in_place(window, qtbot):
    """pyqtgraph's legends move when dragged: a drag meant to set the depth moved the legend over
    the curves instead."""
    from PySide6.QtCore import QPointF

    window.store.set_depth_fraction(0.2)
    window.flush()
    qtbot.wait(100)
    plot, legend = window.plots.angles_plot, window.plots.angles_legend
    vb = plot.getPlotItem().getViewBox()
    place = legend.pos()
    middle = legend.mapToScene(legend.boundingRect().center())
    start = plot.mapFromScene(middle)
    x0 = vb.mapSceneToView(middle).x()
    end = plot.mapFromScene(vb.mapViewToScene(QPointF(x0 + 40.0, vb.mapSceneToView(middle).y())))
    _drag(qtbot, plot, start, end)
    window.flush()
    assert legend.pos() == place
    assert window.store.state.thigh_angle_deg == pytest.approx(x0 + 40.0, abs=2.0)


def test_a_click_on_a_legend_s_line_sample_sets_the_depth_and_hides_no_curve(window, qtbot):
    """pyqtgraph hides a curve when its sample in the legend is clicked: a click meant to set the
    depth made the knee curve vanish, with nothing to say how to get it back."""
    from PySide6.QtCore import Qt

    window.store.set_depth_fraction(0.9)
    window.flush()
    qtbot.wait(100)
    plot, legend = window.plots.angles_plot, window.plots.angles_legend
    vb = plot.getPlotItem().getViewBox()
    sample = next(s for s, label in legend.items if label.text == "Knee")
    centre = sample.mapToScene(sample.boundingRect().center())
    pos = plot.mapFromScene(centre)
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    window.flush()
    assert all(curve.isVisible() for curve in window.plots.angle_curves.values())
    assert window.store.state.thigh_angle_deg == pytest.approx(vb.mapSceneToView(centre).x(), abs=2.0)
