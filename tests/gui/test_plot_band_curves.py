"""The depth plots' light parts: curves inside fixed rectangles, and the tuck shading."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from viewer.model import PRESETS, Anatomy
from viewer.ui.plot_items import BandCurve


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window

#: Very stiff ankles: the lifter falls backwards long before the hip reaches its stop.
NEVER_TUCKS = Anatomy().replace(ankle_dorsiflexion_deg=8.0, femoral_anteversion_deg=30.0)


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget()
    widget.resize(400, 300)
    widget.setXRange(-100.0, 60.0, padding=0)
    widget.setYRange(-70.0, 170.0, padding=0)
    qtbot.addWidget(widget)
    widget.show()
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowExposed(widget)
    return widget


def _row_has_colour(image, y_px: int, colour: tuple[int, int, int]) -> bool:
    from PySide6.QtGui import QColor

    return any(QColor(image.pixel(x, y_px)).getRgb()[:3] == colour for x in range(40, image.width() - 20))


def test_set_xy_draws_the_new_data_and_not_the_old(plot, qtbot):
    rect = QRectF(-120.0, -100.0, 200.0, 300.0)
    curve = BandCurve(rect, pen=pg.mkPen((200, 0, 0), width=3))
    item = plot.getPlotItem()
    item.addItem(curve)
    x = np.linspace(-90.0, 30.0, 50)
    curve.set_xy(x, np.full(50, 100.0))
    plot.grab()  # paint: the curve fills its drawing caches
    curve.set_xy(x, np.full(50, -30.0))
    image = plot.grab().toImage()
    vb = item.getViewBox()
    row = lambda y: round(plot.mapFromScene(vb.mapViewToScene(QPointF(0.0, y))).y())  # noqa: E731
    assert _row_has_colour(image, row(-30.0), (200, 0, 0))  # the new data are drawn …
    assert not _row_has_colour(image, row(100.0), (200, 0, 0))  # … and not the old
    assert curve.boundingRect() == rect  # the rectangle stays, whatever the data


def test_set_xy_refuses_arrays_that_do_not_pair(qapp):
    curve = BandCurve(QRectF(0, 0, 1, 1))
    with pytest.raises(ValueError, match="one length"):
        curve.set_xy(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="1-D"):
        curve.set_xy(np.zeros((2, 2)), np.zeros((2, 2)))


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_curve_lies_inside_its_fixed_rectangle(window, name):
    window.store.set_anatomy(PRESETS[name].anatomy)
    window.act_freeze.trigger()  # the dashed B curves too
    window.flush()
    plots = window.plots
    curves = [*plots.angle_curves.values(), plots.stop_curve, *plots.muscle_curves.values(),
              *plots.compare_angle_curves.values(), *plots.compare_muscle_curves.values()]
    for curve in curves:
        x, y = curve.getData()
        assert len(x) > 10
        box = curve.boundingRect()
        assert box.left() < x.min() and x.max() < box.right() and box.top() < y.min() and y.max() < box.bottom()


def test_the_tuck_shading_covers_the_depths_past_the_onset_and_passes_clicks_on(window, qtbot):
    window.store.set_anatomy(PRESETS["Average lifter"].anatomy)
    window.flush()
    sweep = window.store.solution.sweep
    onset, deepest = sweep.tuck_onset.thigh_angle_deg, float(sweep.thigh_angle_deg[-1])
    region = window.plots.tuck_region
    assert region.isVisible()
    assert region.span() == pytest.approx((onset, deepest - onset))
    plot = window.plots.angles_plot
    vb = plot.getPlotItem().getViewBox()
    top = vb.viewRange()[1][1]
    box = region.mapRectToScene(region.rect())
    assert box.contains(vb.mapViewToScene(QPointF(0.5 * (onset + deepest), top - 1.0)))  # the whole height
    assert box.contains(vb.mapViewToScene(QPointF(0.5 * (onset + deepest), -64.0)))
    # a click in the shading sets the depth, as anywhere on the plot
    target = 0.5 * (onset + deepest)
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF(target, -50.0)))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    window.flush()
    assert window.store.state.thigh_angle_deg == pytest.approx(target, abs=1.5)
    window.store.set_anatomy(NEVER_TUCKS)
    window.flush()
    assert window.store.solution.sweep.tuck_onset is None
    assert not region.isVisible()
