"""Everything a class reads is whole on the screens teachers use: a 1024×768 projector and a full-HD
screen, normal and in presentation mode, with a frozen B and a deep squat (the longest texts).

"Whole" is checked on the widgets and graphics items themselves: every headline line, plot title and
legend, axis caption, readout and button lies inside the window and inside its parent, shows all of
its text at the size it has, and overlaps no other; in the plots the axis numbers, the onset labels
and the gauge's "stop" lie inside their plot and apart; no legend lies over a curve.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from viewer.model.presets import PRESETS
from viewer.ui import screen_fit
from viewer.ui.plot_curves import ANGLE_CURVES, ANGLES_BAND_DEG, MUSCLE_CURVES, MUSCLES_BAND_PCT
from viewer.ui.plot_texts import COMPARE_ENTRY, TITLES

TASK_BAR_PX = 28


class _Screen:
    """Stands in for a ``QScreen`` of ``width`` × ``height`` px with a task bar (the tests' own is full HD)."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height

    def geometry(self) -> QRect:
        return QRect(0, 0, self.width, self.height)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, self.width, self.height - TASK_BAR_PX)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def _text_widgets(window) -> list[QWidget]:
    """The window's shown texts a class reads, outside the 3D view (its own readouts: test_screen_fit)."""
    plots, bar, headline = window.plots, window.depth_bar, window.headline
    widgets = [headline.story_label, headline.sides_label, headline.detail_label, headline.compare_label,
               plots.angles_header, plots.muscles_header, plots.depth_caption, plots.budget_header, plots.budget_text,
               bar.play_button, bar.readout, bar.tuck_button, bar.round_button, bar.tempo,
               *window.camera_buttons.values()]
    return [w for w in widgets if w.isVisibleTo(window)]


def _assert_text_whole(window, widget: QWidget) -> None:
    name = widget.objectName() or type(widget).__name__
    rect = _rect_in(widget, window)
    assert window.rect().contains(rect), (name, rect, window.rect())
    parent = widget.parentWidget()
    assert parent.rect().contains(QRect(widget.pos(), widget.size())), (name, widget.geometry(), parent.rect())
    if isinstance(widget, QLabel):
        if widget.wordWrap():  # every wrapped line fits the label's height
            assert widget.heightForWidth(widget.width()) <= widget.height(), (name, widget.size())
        else:
            assert widget.sizeHint().width() <= widget.width() and widget.sizeHint().height() <= widget.height(), (
                name, widget.sizeHint(), widget.size())
    elif isinstance(widget, QAbstractButton):
        assert widget.fontMetrics().horizontalAdvance(widget.text()) <= widget.width(), (name, widget.width())
    else:
        assert widget.minimumSizeHint().width() <= widget.width(), (name, widget.width())


def _written_numbers(axis) -> list[QRectF]:
    """The rectangles (in the axis's coordinates) of the texts pyqtgraph writes along ``axis``."""
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style["tickFont"] or QFont())
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [rect for rect, _flags, _text in texts]


def _assert_plot_texts_whole(plot, budget) -> None:
    """A plot's axis numbers and axis caption lie inside the plot widget and apart; at least two numbers per axis."""
    item = plot.getPlotItem()
    shown = plot.rect()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        rects = [plot.mapFromScene(axis.mapRectToScene(r)).boundingRect() for r in _written_numbers(axis)]
        assert len(rects) >= (1 if plot is budget and side == "left" else 2), (side, rects)  # (the gauge: "Now")
        for r in rects:
            assert shown.contains(r), (side, r, shown)
        for a, b in itertools.combinations(rects, 2):
            assert not a.intersects(b), (side, a, b)
        if axis.label.isVisible() and axis.labelText:
            margin = axis.label.document().documentMargin()  # (blank, around the text)
            text = axis.label.boundingRect().adjusted(margin, margin, -margin, -margin)
            box = plot.mapFromScene(axis.label.mapRectToScene(text)).boundingRect()
            assert shown.contains(box), (side, axis.labelText, box, shown)


def _item_rect(plot, item) -> QRect:
    """Where a plot's text item is drawn, in the plot widget's pixels."""
    return item.deviceTransform(plot.viewportTransform()).mapRect(item.boundingRect()).toRect()


def _assert_line_labels_inside(plot, lines) -> None:
    view = plot.mapFromScene(plot.getPlotItem().getViewBox().sceneBoundingRect()).boundingRect()
    for line in lines:
        if line.isVisible():
            box = line.label.deviceTransform(plot.viewportTransform()).mapRect(line.label.boundingRect()).toRect()
            assert view.adjusted(-1, -1, 1, 1).contains(box), (line.label.text(), box, view)


def assert_everything_readable(window) -> None:
    """The checks of this module's docstring, on the window as it is now."""
    QApplication.processEvents()
    widgets = _text_widgets(window)
    for widget in widgets:
        _assert_text_whole(window, widget)
    rects = {w.objectName() or w.text(): _rect_in(w, window) for w in widgets}
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        assert not ra.intersects(rb), (a, ra, b, rb)
    plots = window.plots
    shown = [p for p in (plots.angles_plot, plots.muscles_plot, plots.budget_plot) if p.isVisibleTo(window)]
    assert plots.budget_plot in shown and len(shown) >= 2
    for plot in shown:
        assert plot.height() >= plot.minimumHeight() > 0
        _assert_plot_texts_whole(plot, plots.budget_plot)
        for name, rect in rects.items():  # no text row over a plot
            assert not rect.intersects(_rect_in(plot, window)), (name, rect)
    if plots.angles_plot in shown:
        _assert_line_labels_inside(plots.angles_plot, (plots.tuck_line, plots.round_line))
        if plots.shift_text.isVisible():  # the pelvic-shift readout in the corner: inside, clear of the onset labels
            texts = [_item_rect(plots.angles_plot, plots.shift_text)]
            texts += [_item_rect(plots.angles_plot, line.label) for line in (plots.tuck_line, plots.round_line)
                      if line.isVisible()]
            view = plots.angles_plot.mapFromScene(plots.angles_plot.getPlotItem().getViewBox().sceneBoundingRect())
            assert view.boundingRect().adjusted(-1, -1, 1, 1).contains(texts[0]), (texts[0], view.boundingRect())
            for other in texts[1:]:
                assert not texts[0].intersects(other), (texts[0], other)
    _assert_line_labels_inside(plots.budget_plot, (plots.budget_stop,))
    # the y ranges are the curves' bands: nothing is stretched to keep room for a legend
    for plot, band in ((plots.angles_plot, ANGLES_BAND_DEG), (plots.muscles_plot, MUSCLES_BAND_PCT)):
        assert plot.getPlotItem().getViewBox().viewRange()[1] == pytest.approx(list(band))


SCREENS = [(1024, 768), (1920, 1080)]


def _open_on(window, qtbot, monkeypatch, size: tuple[int, int]) -> None:
    screen = _Screen(*size)
    monkeypatch.setattr(window, "screen", lambda: screen)
    window.fit_to_screen()
    qtbot.wait(150)
    frame_w, frame_h = screen_fit.FRAME_ALLOWANCE_PX
    assert window.screen_notice is None
    assert window.width() <= size[0] - frame_w and window.height() <= size[1] - TASK_BAR_PX - frame_h
    assert (window.x(), window.y()) >= (0, 0)


def _long_texts(window, qtbot=None, preset: str = "Wide stance, toes out", presentation: bool = False) -> None:
    """A frozen B (its legend entries, its headline line) and the deepest point of ``preset`` (a deep squat),
    in presentation mode if asked (``qtbot`` then waits for full screen)."""
    window.apply_preset("Stiff ankles")
    window.store.freeze_compare()
    window.apply_preset(preset)
    window.store.set_depth_fraction(1.0)
    if presentation:
        window.set_presentation(True)
        qtbot.waitUntil(window.isFullScreen, timeout=3000)
    window.flush()


@pytest.mark.parametrize("size", SCREENS)
def test_every_text_is_whole_on_the_screen(window, qtbot, monkeypatch, size):
    _open_on(window, qtbot, monkeypatch, size)
    assert_everything_readable(window)
    _long_texts(window)
    qtbot.wait(150)
    assert COMPARE_ENTRY[0].replace(" ", "&nbsp;") in window.plots.angles_header.text()
    assert_everything_readable(window)


@pytest.mark.parametrize("size", SCREENS)
def test_every_text_is_whole_in_presentation_mode(window, qtbot, monkeypatch, size):
    """On the projector the text is larger; the class script's H swaps in the muscle plot."""
    _open_on(window, qtbot, monkeypatch, size)
    _long_texts(window)
    assert window.plots.budget_compare.isVisible()  # two rows in the gauge: "B" and "Now"
    window.set_presentation(True)
    window.flush()
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    qtbot.wait(300)
    assert (window.width(), window.height()) == size
    scale = screen_fit.presentation_scale(size[1])
    assert window.centralWidget().font().pointSizeF() == pytest.approx(10.0 * scale)
    assert window.plots.budget_header.font().pointSizeF() == pytest.approx(10.0 * scale)  # the window's text
    assert window.minimumSizeHint().width() <= size[0] and window.minimumSizeHint().height() <= size[1]
    assert_everything_readable(window)
    window.set_muscle_plot_shown(True)
    qtbot.wait(200)
    assert window.plots.muscles_header.isVisible() and not window.plots.angles_header.isVisible()
    assert_everything_readable(window)
    window.set_presentation(False)
    window.flush()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("presentation", [False, True], ids=["window", "presentation"])
def test_every_text_is_whole_for_a_lifter_whose_sides_differ(window, qtbot, monkeypatch, size, presentation):
    """The sides' headline line, the per-hip stop legend and the pelvic-shift readout fit as well, with B frozen."""
    _open_on(window, qtbot, monkeypatch, size)
    _long_texts(window, qtbot, "One stiff ankle", presentation)
    qtbot.wait(300)
    assert window.headline.sides_label.isVisible() and window.plots.shift_text.isVisible()
    assert window.plots.shift_text.text().startswith("Pelvis shift: ")
    assert_everything_readable(window)
    if presentation:
        window.set_presentation(False)
        window.flush()
        qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)


def test_every_text_is_whole_in_the_narrowest_plots_panel(window, qtbot, monkeypatch):
    """The user drags the splitter as far as it goes: the legends wrap onto more rows, nothing is cut."""
    _open_on(window, qtbot, monkeypatch, SCREENS[0])
    _long_texts(window)
    splitter = window.splitter
    splitter.setSizes([splitter.width(), 0])
    qtbot.wait(200)
    assert window.plots.width() <= window.plots.minimumSizeHint().width() + 2
    assert_everything_readable(window)


def test_legends_name_every_curve_in_its_colour(window):
    plots = window.plots
    for header, curves in ((plots.angles_header, ANGLE_CURVES), (plots.muscles_header, MUSCLE_CURVES)):
        for _key, label, colour in curves:
            assert f'<span style="color:{colour}">' in header.text() and label.replace(" ", "&nbsp;") in header.text()
    assert TITLES["angles"] in plots.angles_header.text() and TITLES["muscles"] in plots.muscles_header.text()


@pytest.mark.parametrize("size", SCREENS)
def test_the_highest_curve_shows_in_its_own_colour(window, qtbot, monkeypatch, size):
    """Rendered pixels: at the highest point of the highest muscle curve (the biceps femoris) and of the
    knee's angle, away from the depth cursor, the curve is drawn in its colour (nothing lies over it)."""
    _open_on(window, qtbot, monkeypatch, size)
    plots = window.plots
    for widget, curve, colour, cursor in (
            (plots.muscles_plot, plots.muscle_curves[MUSCLE_CURVES[1][0]], MUSCLE_CURVES[1][2], plots.cursors[1]),
            (plots.angles_plot, plots.angle_curves[ANGLE_CURVES[1][0]], ANGLE_CURVES[1][2], plots.cursors[0])):
        view = widget.getPlotItem().getViewBox()
        x, y = curve.getData()
        away = np.abs(x - cursor.value()) > 8.0
        i = int(np.flatnonzero(away)[np.argmax(y[away])])
        QApplication.processEvents()
        image = widget.grab().toImage()
        pixel = widget.mapFromScene(view.mapViewToScene(QPointF(float(x[i]), float(y[i]))))
        near = {image.pixelColor(pixel.x() + dx, pixel.y() + dy).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        assert QColor(colour).name().lower() in near, (near, colour)


def test_the_gauge_s_readout_keeps_its_height(window, qtbot):
    """Scrubbing rewrites the gauge's readout on every frame: its height never changes, so the plots stay put."""
    readout = window.plots.budget_text
    heights = set()
    for name in list(PRESETS)[:4]:
        window.apply_preset(name)
        for fraction in (0.0, 0.5, 1.0):
            window.store.set_depth_fraction(fraction)
            window.flush()
            heights.add(readout.sizeHint().height())
    assert len(heights) == 1 and "pelvis tucks" in readout.text()


@pytest.mark.parametrize("presentation", [False, True], ids=["window", "presentation"])
def test_the_3d_readouts_keep_off_the_colour_scales_on_the_projector(window, qtbot, monkeypatch, presentation):
    """On a 1024×768 projector the 3D view is ≈ 420 px wide: at the bottom of the average lifter's squat,
    with B frozen, the hip readout sat on the muscles' colour scale. Readouts move clear of both scales."""
    from viewer.render.label_layout import overlaps

    _open_on(window, qtbot, monkeypatch, SCREENS[0])
    _long_texts(window, qtbot, "Average lifter", presentation)
    qtbot.wait(300)
    scene = window.scene.view.scene
    legends = scene.legend_boxes()
    readouts = list(scene.angle_labels.boxes().values())
    assert len(legends) == 2 and len(readouts) == 5
    assert [(i, j) for i, j in overlaps(legends + readouts) if i < 2 <= j] == []  # scale × readout
    if presentation:
        window.set_presentation(False)
        window.flush()
        qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
