"""The depth plots keep their legends above their curves: each plot's y range runs from the bottom
of the band its curves can reach (checked over the parameter space in tests/robustness) to far
enough above the band's top for the legend, whatever the window's size. On a 1280×720 screen the
muscle plot's legend used to cover its curves."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from viewer.ui.plot_curves import ANGLES_BAND_DEG, MUSCLE_CURVES, MUSCLES_BAND_PCT
from viewer.ui.plot_texts import (
    LEGEND_GAP_PX,
    SHORT_LABELS,
    SHORT_PLOT_PX,
    TITLE_SAMPLE,
    TITLES,
    range_top_clear_of_legend,
    title_legend,
)


def test_the_band_gets_the_height_under_the_legend():
    lo, hi = 85.0, 122.0
    top = range_top_clear_of_legend((lo, hi), 200.0, 46.0)
    px_per_unit = 200.0 / (top - lo)
    assert (hi - lo) * px_per_unit == pytest.approx(200.0 - 46.0 - LEGEND_GAP_PX)
    # a legend taller than half the view: the band keeps half the view (the legend covers its top)
    top = range_top_clear_of_legend((lo, hi), 100.0, 80.0)
    assert (hi - lo) * 100.0 / (top - lo) == pytest.approx(50.0)
    assert range_top_clear_of_legend((lo, hi), 0.0, 40.0) == hi  # not laid out yet


def _check_room(plots) -> None:
    for plot, legend, band in ((plots.angles_plot, plots.angles_legend, ANGLES_BAND_DEG),
                               (plots.muscles_plot, plots.muscles_legend, MUSCLES_BAND_PCT)):
        item = plot.getPlotItem()
        view = item.getViewBox()
        (_x0, _x1), (y0, y1) = view.viewRange()
        assert y0 == band[0]
        band_top_px = view.mapViewToDevice(QPointF(0.0, band[1])).y() - view.mapViewToDevice(QPointF(0.0, y1)).y()
        legend_bottom_px = legend.pos().y() + legend.height() if legend.isVisible() else -LEGEND_GAP_PX
        assert band_top_px >= min(legend_bottom_px + LEGEND_GAP_PX, 0.5 * view.height()) - 0.5, (
            band_top_px, legend_bottom_px, view.height())
        # no tick (nor grid line) in the legend's room above the band
        ticks = [v for _spacing, values in item.getAxis("left").tickValues(y0, y1, view.height()) for v in values]
        assert ticks and max(ticks) <= band[1]
    for line in (plots.tuck_line, plots.round_line):  # the onset lines reach the top
        assert line.line().y2() == pytest.approx(plots.angles_plot.getPlotItem().getViewBox().viewRange()[1][1])


@pytest.mark.parametrize("size", [(1560, 960), (1264, 672), (1010, 700)])
def test_every_legend_lies_above_its_curves(window, qtbot, size):
    window.resize(*size)
    qtbot.wait(300)
    _check_room(window.plots)


def test_presentation_mode_keeps_the_legend_above_the_curves(window, qtbot):
    window.resize(1264, 672)
    window.set_presentation(True)
    qtbot.waitUntil(window.is_presentation, timeout=3000)
    qtbot.wait(300)
    _check_room(window.plots)


def test_on_a_small_screen_the_muscle_curves_show_under_the_legend(window, qtbot):
    """Rendered pixels: where the legend spans, the highest muscle curve is drawn in its own colour
    (the legend's white frame used to lie over it, and the curve showed washed out)."""
    window.resize(1264, 672)  # a 1280×720 screen's free area: the muscle plot is ≈ 100 px high
    qtbot.wait(300)
    plots = window.plots
    widget, legend = plots.muscles_plot, plots.muscles_legend
    view = widget.getPlotItem().getViewBox()
    cursor_x = plots.cursors[1].value()
    key, _label, colour = MUSCLE_CURVES[1]  # the biceps femoris: the longest
    x, y = plots.muscle_curves[key].getData()
    # points under the legend's span, away from the depth cursor: take the highest
    left = view.mapViewToDevice(QPointF(float(x[0]), 0.0)).x()
    span = (x > -80.0) & (np.abs(x - cursor_x) > 8.0)
    span &= np.array([view.mapViewToDevice(QPointF(float(v), 0.0)).x() - left
                      < legend.pos().x() + legend.width() for v in x])
    i = int(np.flatnonzero(span)[np.argmax(y[span])])
    QApplication.processEvents()
    image = widget.grab().toImage()
    pixel = widget.mapFromScene(view.mapViewToScene(QPointF(float(x[i]), float(y[i]))))
    near = {image.pixelColor(pixel.x() + dx, pixel.y() + dy).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    assert QColor(colour).name().lower() in near, (near, colour)


def test_a_low_muscle_plot_shows_its_legend_as_its_title(window, qtbot):
    plots = window.plots
    title = plots.muscles_plot.getPlotItem().titleLabel
    window.resize(1560, 960)
    qtbot.wait(300)
    assert plots.muscles_legend.isVisible() and title.text == TITLES["muscles"][0]
    window.resize(1264, 672)  # a 1280×720 screen's free area
    qtbot.wait(300)
    assert plots.muscles_plot.getPlotItem().getViewBox().height() < SHORT_PLOT_PX
    assert not plots.muscles_legend.isVisible()
    for _key, label, colour in MUSCLE_CURVES:  # every curve named, after a sample in its colour
        assert f'<span style="color:{colour}">{TITLE_SAMPLE}</span>&nbsp;{SHORT_LABELS[label]}' in title.text
    view = plots.muscles_plot.getPlotItem().getViewBox()
    assert view.viewRange()[1][1] == pytest.approx(range_top_clear_of_legend(MUSCLES_BAND_PCT, view.height(), 0.0))
    window.resize(1560, 960)
    qtbot.wait(300)
    assert plots.muscles_legend.isVisible() and title.text == TITLES["muscles"][0]


def test_title_legend_takes_full_then_short_labels_then_gives_up():
    entries = [("Hamstring (semimembr.)", "#009E73"), ("Calf (gastrocnemius)", "#E69F00")]

    def advance(text: str) -> int:
        return 7 * len(text)

    full = title_legend(entries, 1000, advance)
    assert "Hamstring (semimembr.)" in full and "Calf (gastrocnemius)" in full
    short = title_legend(entries, 150, advance)  # "━━ Semimem.   ━━ Calf": 21 characters
    assert "Semimem." in short and "Hamstring" not in short and '<span style="color:#E69F00">' in short
    assert title_legend(entries, 100, advance) is None


def _written_numbers(axis) -> list:
    """The rectangles of the numbers pyqtgraph writes along ``axis`` (its own layout of them)."""
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style["tickFont"] or QFont())
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [rect for rect, _flags, _text in texts]


@pytest.mark.parametrize("size", [(1010, 720), (1264, 672), (1560, 960)])
def test_the_axis_numbers_along_the_band_do_not_run_into_each_other(window, qtbot, size):
    """On a 1024×768 screen the muscle plot's band is ≈ 37 px high and pyqtgraph wrote 90, 100, 110
    and 120 on top of each other (it measures their crowding against the whole axis)."""
    window.resize(*size)
    qtbot.wait(300)
    for plot in (window.plots.angles_plot, window.plots.muscles_plot):
        rects = _written_numbers(plot.getPlotItem().getAxis("left"))
        assert len(rects) >= 2
        for a, b in itertools.combinations(rects, 2):
            assert not a.intersects(b), (size, a, b)
