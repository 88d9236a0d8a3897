"""The depth plots draw their own grid: opaque light lines at the axes' ticks, under the curves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from viewer.ui.plots import DEPTH_TICKS, GRID_MAJOR


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _expected(item) -> tuple[list[float], list[float]]:
    vb = item.getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    xs = [x for x, _ in DEPTH_TICKS if x0 <= x <= x1]
    levels = item.getAxis("left").tickValues(y0, y1, float(vb.height()))
    return xs, sorted(v for v in levels[0][1] if y0 <= v <= y1)


def _drawn(grid) -> tuple[list[float], list[float]]:
    major, _ = grid.lines()
    return (sorted(line.x1() for line in major if line.x1() == line.x2()),
            sorted(line.y1() for line in major if line.y1() == line.y2()))


def test_the_grid_is_at_the_ticks_opaque_and_under_the_curves(window):
    for widget in (window.plots.angles_plot, window.plots.muscles_plot):
        item, grid = widget.getPlotItem(), widget.grid
        assert item.getAxis("left").grid is False and item.getAxis("bottom").grid is False  # not pyqtgraph's
        assert _drawn(grid) == _expected(item)
        assert grid.lines()[1]  # the finer level too
        assert all(c.alpha() == 255 for c in grid.colours())
        curves = [i for i in item.listDataItems()]
        assert curves and all(grid.zValue() < c.zValue() for c in curves)


def test_the_grid_follows_the_plot_height(window, qtbot):
    widget = window.plots.angles_plot
    item = widget.getPlotItem()
    window.resize(window.width(), window.height() - 300)
    qtbot.waitUntil(lambda: _drawn(widget.grid) == _expected(item), timeout=3000)
    window.set_presentation(True)  # another size, larger fonts
    qtbot.waitUntil(lambda: window.is_presentation(), timeout=3000)
    qtbot.waitUntil(lambda: _drawn(widget.grid) == _expected(item), timeout=3000)


def test_a_grid_line_is_on_screen_in_its_colour(window):
    widget = window.plots.muscles_plot
    vb = widget.getPlotItem().getViewBox()
    QApplication.processEvents()
    image = widget.grab().toImage()
    (x0, x1), (y0, y1) = vb.viewRange()
    # the vertical line at 30° (past every squat's deepest point, so no curve there), low in the plot
    scene = vb.mapViewToScene(QPointF(30.0, y0 + 0.1 * (y1 - y0)))
    pixel = widget.mapFromScene(scene)
    colours = {image.pixelColor(pixel.x() + dx, pixel.y()).name() for dx in (-1, 0, 1)}
    assert GRID_MAJOR in colours, colours


def test_the_outermost_lines_lie_inside_the_grid_s_bounds(window):
    """Qt repaints an item only where its bounds meet the exposed area: a line on the very edge of
    its bounds could lose its pixel when the depth cursor passes over it."""
    grid = window.plots.angles_plot.grid
    rect = grid.boundingRect()
    for line in [*grid.lines()[0], *grid.lines()[1]]:
        for point in (line.p1(), line.p2()):
            assert rect.left() < point.x() < rect.right() and rect.top() < point.y() < rect.bottom()
