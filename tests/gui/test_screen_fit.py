"""The window on a small screen: an 800×600 one, a 1024×768 classroom projector, a laptop, a narrowed window.

The window has to fit an 800×600 screen (its free area less a task bar and the window frame), and
presentation mode a 1024×768 projector, with the plots, the Play button and the depth slider inside.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton

from viewer.ui import screen_fit
from viewer.ui.plot_texts import (
    DEPTH_LABELS,
    DEPTH_TICKS,
    DEPTH_TICKS_SHORT,
    SHORT_LABELS,
    TITLES,
    depth_ticks,
    legend_layout,
)
from viewer.ui.screen_fit import fitted_rect, presentation_scale

SMALL_W, SMALL_H = screen_fit.SMALLEST_PROJECTOR_PX
SVGA_W, SVGA_H = screen_fit.SMALLEST_SCREEN_PX
FRAME_W, FRAME_H = screen_fit.FRAME_ALLOWANCE_PX


# --- pure arithmetic ---------------------------------------------------------------------------
def test_a_large_screen_gets_the_preferred_size_centred():
    x, y, w, h = fitted_rect((1560, 960), (0, 0, 1920, 1080), (900, 500))
    assert (w, h) == (1560, 960)
    assert x == (1920 - FRAME_W - 1560) // 2 and y == (1080 - FRAME_H - 960) // 2


def test_a_small_screen_shrinks_the_window_to_its_free_area():
    x, y, w, h = fitted_rect((1560, 960), (0, 0, 1024, 740), (900, 500))
    assert (x, y) == (0, 0)
    assert (w, h) == (1024 - FRAME_W, 740 - FRAME_H)


def test_the_window_never_gets_smaller_than_its_layout_allows():
    x, y, w, h = fitted_rect((1560, 960), (0, 0, 800, 600), (985, 560))
    assert (w, h) == (985, 560)
    assert (x, y) == (0, 0)  # larger than the screen: from its top-left corner


def test_a_second_screen_keeps_its_offset():
    x, y, w, h = fitted_rect((1560, 960), (1920, 0, 1280, 800), (900, 500))
    assert 1920 <= x and x + w <= 1920 + 1280 and (w, h) == (1280 - FRAME_W, 800 - FRAME_H)


@pytest.mark.parametrize(("height", "scale"), [(1080, 1.6), (1200, 1.6), (2160, 1.6), (768, 1.25), (600, 1.25),
                                               (900, 1.6 * 900 / 1080)])
def test_presentation_text_keeps_its_share_of_the_picture(height, scale):
    assert presentation_scale(height) == pytest.approx(scale)


def test_presentation_scale_never_falls_as_the_screen_grows():
    scales = [presentation_scale(h) for h in range(400, 2400, 8)]
    assert scales == sorted(scales)
    assert min(scales) == screen_fit.PRESENTATION_SCALE_MIN and max(scales) == screen_fit.PRESENTATION_SCALE_MAX


def test_narrow_legends_take_short_labels_before_a_single_column():
    labels = ["Hip stop", "Ankle", "Knee", "Hip", "Pelvic tilt", "Lumbar flexion", "Trunk lean"]

    def advance(text: str) -> int:
        return 7 * len(text)  # a monospace stand-in for the font's metrics

    short = [SHORT_LABELS.get(t, t) for t in labels]
    assert short != labels
    # columns fill row by row; each is as wide as its longest entry + 33 px, the frame 15 px more
    assert legend_layout(labels, 3, 1000, advance) == (labels, 3)  # (70 + 77 + 98) + 3 × 33 + 15 = 359
    assert legend_layout(labels, 3, 358, advance) == (labels, 2)  # (77 + 98) + 2 × 33 + 15 = 256
    assert legend_layout(labels, 3, 256, advance) == (labels, 2)
    assert legend_layout(labels, 3, 255, advance) == (short, 3)  # short: (56 + 42 + 42) + 3 × 33 + 15 = 254
    assert legend_layout(labels, 3, 253, advance) == (short, 2)  # (56 + 42) + 2 × 33 + 15 = 179
    assert legend_layout(labels, 3, 178, advance) == (short, 1)
    assert legend_layout(labels, 3, 60, advance) == (short, 1)  # nothing fits: the narrowest there is
    # a low plot: as few rows as fit, short labels before another row
    assert legend_layout(labels, 4, 413, advance, fewest_rows=True) == (labels, 4)  # (77 + 98 + 70 + 21) + 147
    assert legend_layout(labels, 4, 412, advance, fewest_rows=True) == (short, 4)  # (56 + 42 + 35 + 21) + 147
    assert legend_layout(labels, 4, 300, advance, fewest_rows=True) == (short, 3)  # full in 3 needs 359
    assert legend_layout(labels, 4, 253, advance, fewest_rows=True) == (short, 2)  # full in 2 needs 256


# --- the real window ---------------------------------------------------------------------------
def _pump(qtbot, ms: int = 150) -> None:
    qtbot.wait(ms)


def test_the_normal_window_fits_a_1024_by_768_screen(window, qtbot):
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_W - FRAME_W, hint
    assert hint.height() <= SMALL_H - FRAME_H - 30, hint  # and a task bar


def test_presentation_mode_fits_a_1024_by_768_projector(window, qtbot):
    window._set_presentation_look(True, presentation_scale(SMALL_H))
    _pump(qtbot)
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_W and hint.height() <= SMALL_H, hint
    window.setGeometry(QRect(0, 0, SMALL_W, SMALL_H))
    _pump(qtbot)
    _assert_depth_bar_usable(window)
    window._set_presentation_look(False, 1.0)


class _Projector:
    """Stands in for the ``QScreen`` of a 1024×768 projector (the tests' own screen is full HD)."""

    def geometry(self) -> QRect:
        return QRect(0, 0, SMALL_W, SMALL_H)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, SMALL_W, SMALL_H - 28)  # a task bar


def test_the_window_opens_at_the_size_of_a_small_screen(window, qtbot, monkeypatch):
    assert (window.width(), window.height()) == screen_fit.PREFERRED_SIZE_PX  # full HD: room for it
    monkeypatch.setattr(window, "screen", lambda: _Projector())
    window.fit_to_screen()
    _pump(qtbot)
    assert (window.width(), window.height()) == (SMALL_W - FRAME_W, SMALL_H - 28 - FRAME_H)
    assert (window.x(), window.y()) == (0, 0)
    _assert_depth_bar_usable(window)


class _Svga:
    """Stands in for the ``QScreen`` of an 800×600 screen with a task bar."""

    def geometry(self) -> QRect:
        return QRect(0, 0, SVGA_W, SVGA_H)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, SVGA_W, SVGA_H - 28)


def _assert_inside(window, *widgets) -> None:
    for w in widgets:
        assert w.isVisible(), w.objectName()
        rect = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
        assert window.rect().contains(rect), (type(w).__name__, rect, window.rect())


def test_the_normal_window_fits_an_800_by_600_screen(window, qtbot, monkeypatch):
    """An 800×600 screen: the window fits its free area, with the plots and the depth bar's buttons
    inside, for every preset, at every depth, with B frozen (the headline's lines wrap differently)."""
    from viewer.model.presets import PRESETS

    free_w, free_h = SVGA_W - FRAME_W, SVGA_H - 28 - FRAME_H
    monkeypatch.setattr(window, "screen", lambda: _Svga())
    window.fit_to_screen()
    _pump(qtbot)
    assert window.screen_notice is None
    assert (window.width(), window.height()) == (free_w, free_h)
    assert window.headline.story_label.styleSheet().startswith("font-size: 16px")  # the low screen's headline
    names = list(PRESETS)
    for i, name in enumerate(names):
        window.store.clear_compare()
        if i % 2:
            window.apply_preset(names[i - 1])
            window.store.freeze_compare()
        window.apply_preset(name)
        for fraction in (0.0, 0.5, 1.0):
            window.store.set_depth_fraction(fraction)
            window.flush()
            QApplication.processEvents()
            hint = window.minimumSizeHint()
            assert hint.width() <= free_w and hint.height() <= free_h, (name, fraction, hint)
            assert (window.width(), window.height()) == (free_w, free_h)
    _pump(qtbot)
    _assert_depth_bar_usable(window)
    _assert_inside(window, window.plots, window.scene, window.headline, window.controls_dock, window.levers_dock,
                   *window.camera_buttons.values())
    assert window.plots.width() >= window.plots.minimumWidth() and window.scene.width() >= 270
    assert _legend_fits(window.plots.angles_plot, window.plots.angles_legend)


def test_the_smallest_window_is_no_larger_than_an_800_by_600_screen_anywhere(window, qtbot):
    hint = window.minimumSizeHint()
    assert hint.width() <= SVGA_W - FRAME_W, hint
    assert hint.height() <= SVGA_H - FRAME_H - 30, hint  # and a task bar


def test_a_screen_too_small_for_the_window_is_said_at_start_up(window, qtbot, monkeypatch):
    class Tiny(_Svga):
        def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
            return QRect(0, 0, 640, 452)

    monkeypatch.setattr(window, "screen", lambda: Tiny())
    window.fit_to_screen()
    assert window.screen_notice is not None and "640×452" in window.screen_notice
    window.restore_session()
    assert window.statusBar().currentMessage().startswith(window.screen_notice)
    monkeypatch.setattr(window, "screen", lambda: _Svga())
    window.fit_to_screen()
    assert window.screen_notice is None


def test_the_too_small_notice_counts_the_frame():
    assert screen_fit.too_small_notice((800, 572), (766, 480)) is None
    assert screen_fit.too_small_notice((780, 572), (766, 480)) is not None  # 766 + 16 > 780
    assert screen_fit.headline_scale(572) == screen_fit.LOW_SCREEN_HEADLINE_SCALE
    assert screen_fit.headline_scale(740) == 1.0


def test_presentation_mode_on_a_projector_scales_text_by_the_screen(window, qtbot, monkeypatch):
    monkeypatch.setattr(window, "screen", lambda: _Projector())
    window.set_presentation(True)
    window.flush()
    _pump(qtbot, 300)
    assert window.is_presentation()
    assert window.centralWidget().font().pointSizeF() == pytest.approx(10.0 * presentation_scale(SMALL_H))
    bar_scale = screen_fit.camera_bar_scale(presentation_scale(SMALL_H), window._camera_bar_base_px, SMALL_W)
    assert window.camera_bar.font().pointSizeF() == pytest.approx(10.0 * bar_scale)  # as large as the room allows
    assert window.camera_bar.minimumSizeHint().width() <= screen_fit.CAMERA_BAR_SHARE * SMALL_W + 1 or bar_scale == 1.0
    assert (window.width(), window.height()) == (SMALL_W, SMALL_H)
    assert window.minimumSizeHint().width() <= SMALL_W
    _assert_depth_bar_usable(window)
    plots = window.plots
    assert plots.isVisible() and plots.mapTo(window, plots.rect().bottomRight()).x() < SMALL_W
    assert _legend_fits(plots.angles_plot, plots.angles_legend)
    window.set_presentation(False)
    window.flush()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)


def _assert_depth_bar_usable(window) -> None:
    """Every control of the depth bar is shown whole, inside the window, and none overlaps another."""
    bar = window.depth_bar
    widgets = [bar.play_button, bar.slider, bar.readout, bar.tuck_button, bar.round_button]
    if bar.tempo.isVisibleTo(window):
        widgets.append(bar.tempo)
    rects = []
    for w in widgets:
        assert w.isVisible(), w.objectName()
        top_left = w.mapTo(window, w.rect().topLeft())
        rect = QRect(top_left, w.size())
        assert window.rect().contains(rect), (w.objectName(), rect, window.rect())
        if isinstance(w, QPushButton):
            assert w.width() >= w.fontMetrics().horizontalAdvance(w.text()), w.objectName()
        rects.append(rect)
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    assert bar.slider.width() >= 150


def test_a_narrow_window_puts_the_depth_buttons_under_the_slider(window, qtbot):
    window.resize(1560, 960)
    _pump(qtbot)
    assert not window.depth_bar.is_two_rows()
    one_row_height = window.depth_bar.height()
    _assert_depth_bar_usable(window)
    window.resize(window.minimumSizeHint().width(), 700)
    _pump(qtbot)
    assert window.depth_bar.is_two_rows()
    assert window.depth_bar.height() > one_row_height
    _assert_depth_bar_usable(window)
    window.resize(1560, 960)
    _pump(qtbot)
    assert not window.depth_bar.is_two_rows()


def test_the_controls_panel_is_never_narrower_than_its_controls(window):
    panel = window.controls
    inner = panel.widget()
    assert panel.minimumWidth() >= inner.minimumSizeHint().width() + panel.verticalScrollBar().sizeHint().width()


def _legend_fits(plot, legend) -> bool:
    view = plot.getPlotItem().getViewBox()
    return legend.pos().x() + legend.width() <= view.width() + 1  # (placed 4 px from the view's left)


def test_narrow_plots_shorten_their_legends_and_titles(window, qtbot):
    plots = window.plots
    window.resize(1560, 960)
    _pump(qtbot)
    wide = {label.text for _s, label in plots.angles_legend.items}
    assert "Lumbar flexion" in wide and plots.angles_legend.columnCount == 3
    assert plots.budget_plot.getPlotItem().titleLabel.text == TITLES["budget"][0]
    window.splitter.setSizes([window.splitter.width() - 260, 260])  # a narrow panel
    _pump(qtbot)
    assert plots.width() <= 262
    narrow = {label.text for _s, label in plots.angles_legend.items}
    assert "Lumbar" in narrow and "Lumbar flexion" not in narrow
    assert _legend_fits(plots.angles_plot, plots.angles_legend)
    assert _legend_fits(plots.muscles_plot, plots.muscles_legend)
    assert plots.muscles_legend.columnCount == 2  # the four short names in two rows, not one column of four
    assert plots.budget_plot.getPlotItem().titleLabel.text == TITLES["budget"][1]
    assert plots.angles_plot.getPlotItem().getAxis("bottom").labelText == DEPTH_LABELS[1]
    assert plots.depth_ticks_shown == list(DEPTH_TICKS_SHORT)  # "0", not "0 parallel" running into "−30"
    assert _tick_labels_apart(plots.angles_plot)
    # the narrowest panel (an 800-px screen): the legends still fit their plots, the ticks stay apart
    window.splitter.setSizes([window.splitter.width() - plots.minimumWidth(), plots.minimumWidth()])
    _pump(qtbot)
    assert plots.width() <= plots.minimumWidth() + 2
    assert _legend_fits(plots.angles_plot, plots.angles_legend)
    assert _legend_fits(plots.muscles_plot, plots.muscles_legend)
    assert _tick_labels_apart(plots.angles_plot)
    # back to a wide panel: the full words again
    window.splitter.setSizes([700, 600])
    _pump(qtbot)
    assert {label.text for _s, label in plots.angles_legend.items} == wide
    assert plots.angles_plot.getPlotItem().getAxis("bottom").labelText == DEPTH_LABELS[0]
    assert plots.depth_ticks_shown == list(DEPTH_TICKS)
    assert _tick_labels_apart(plots.angles_plot)


def test_low_plots_put_their_legends_in_fewer_rows(window, qtbot):
    """Below a 1280×720 screen's height the angle plot's view box is < 150 px high: its legend spreads over as
    many columns as fit (short labels before another row), and fits its plot. (The muscle plot, lower
    still, shows its legend as its title: tests/gui/test_plots_legend_room.py.)"""
    from viewer.ui.plot_texts import SHORT_PLOT_PX

    plots = window.plots
    window.resize(1560, 960)
    _pump(qtbot)
    assert (plots.angles_legend.columnCount, plots.muscles_legend.columnCount) == (3, 2)  # room: as before
    assert "Hamstring (semimembr.)" in {label.text for _s, label in plots.muscles_legend.items}
    assert "Lumbar flexion" in {label.text for _s, label in plots.angles_legend.items}
    window.resize(1264, 600)  # lower than a 1280×720 screen's free area
    _pump(qtbot, 300)
    angles_view = plots.angles_plot.getPlotItem().getViewBox()
    assert angles_view.height() < SHORT_PLOT_PX, angles_view.height()
    assert "Lumbar" in {label.text for _s, label in plots.angles_legend.items}  # short labels, not a 5th row
    assert plots.angles_legend.columnCount == 4  # the seven entries in two rows
    assert _legend_fits(plots.angles_plot, plots.angles_legend)
    window.resize(1560, 960)
    _pump(qtbot, 300)
    assert (plots.angles_legend.columnCount, plots.muscles_legend.columnCount) == (3, 2)
    assert "Lumbar flexion" in {label.text for _s, label in plots.angles_legend.items}


def _tick_labels_apart(plot) -> bool:
    """Whether the depth axis's tick labels, centred on their ticks, leave a gap between each other."""
    axis = plot.getPlotItem().getAxis("bottom")
    ticks = axis._tickLevels[0]  # what the axis draws (pyqtgraph has no getter for fixed ticks)
    view = plot.getPlotItem().getViewBox()
    metrics = QFontMetrics(axis.style["tickFont"] or axis.font())
    centres = [view.mapViewToScene(QPointF(x, 0.0)).x() for x, _ in ticks]
    widths = [metrics.horizontalAdvance(text) for _, text in ticks]
    return all(c1 - c0 >= (w0 + w1) / 2 + 4 for c0, c1, w0, w1 in zip(centres, centres[1:], widths, widths[1:],
                                                                       strict=False))


def test_depth_ticks_fall_back_to_plain_numbers_then_fewer_numbers():
    def advance(text: str) -> int:
        return 7 * len(text)

    assert depth_ticks(4.0, advance) == list(DEPTH_TICKS)  # 30° = 120 px: room for "0 parallel"
    assert depth_ticks(1.5, advance) == list(DEPTH_TICKS_SHORT)  # 45 px: the long labels need up to 62
    assert depth_ticks(0.8, advance) == list(DEPTH_TICKS_SHORT[::2])  # 24 px: not even "−60" and "−30"


def test_a_narrow_gauge_keeps_its_numbers_in_short_words(window, qtbot):
    window.apply_preset("Stiff ankles")
    window.store.set_depth_fraction(1.0)
    window.flush()
    window.resize(1560, 960)
    _pump(qtbot)
    long_text = window.plots._shown_budget_text
    assert "pelvis tucks" in long_text
    window.splitter.setSizes([window.splitter.width() - window.plots.minimumWidth(), window.plots.minimumWidth()])
    _pump(qtbot)
    short = window.plots._shown_budget_text
    assert "pelvis tucks" not in short and "stop" in short
    assert short.split("°")[0] == long_text.split("°")[0]  # the same "needs N°"


def test_text_scale_follows_a_small_view():
    from viewer.render.scene import TEXT_SCALE_MIN, text_scale_for

    assert text_scale_for(712, 777) == 1.0  # the default window's view
    assert text_scale_for(560, 700) == pytest.approx(0.8)
    assert text_scale_for(380, 460) == TEXT_SCALE_MIN
    assert text_scale_for(0, 0) == 1.0
    # presentation mode lets the text grow with a large view, up to its scale
    assert text_scale_for(712, 777, largest=1.6) == pytest.approx(712 / 700)
    assert text_scale_for(940, 830, largest=1.6) == pytest.approx(940 / 700)
    assert text_scale_for(1400, 1300, largest=1.6) == 1.6
    assert text_scale_for(430, 480, largest=1.25) == TEXT_SCALE_MIN  # a 1024-px projector's small view


@pytest.mark.parametrize(("scale", "bar_px", "screen_px", "expected"), [
    (1.6, 380, 1920, 1.6),  # full HD: room for the window's scale
    (1.25, 380, 1024, 1.0),  # a 1024-px projector: the normal size
    (1.25, 380, 1280, 0.36 * 1280 / 380),  # in between: as large as fits
    (1.6, 0, 1920, 1.6),
])
def test_camera_buttons_grow_in_presentation_only_where_the_screen_has_room(scale, bar_px, screen_px, expected):
    assert screen_fit.camera_bar_scale(scale, bar_px, screen_px) == pytest.approx(expected)


def test_presentation_mode_enlarges_the_3d_views_text_and_camera_buttons_on_a_full_hd_screen(window, qtbot):
    """A full-HD projector: the angle readouts, banner and colour scales grow with the window's text
    (as far as the view has room), every readout stays whole inside the view, and leaving presentation
    mode brings the normal size back."""
    scene = window.scene.view.scene
    window.apply_preset("Stiff ankles")
    window.store.set_depth_fraction(0.9)
    window.flush()
    qtbot.wait(100)
    assert scene.window.GetDPI() == 72
    normal_box = scene.angle_labels.boxes()["pelvis"]
    with pytest.raises(ValueError, match="positive"):
        scene.set_text_boost(0.0)
    base_pt = window.camera_bar.font().pointSizeF()
    window.set_presentation(True)
    window.flush()
    qtbot.waitUntil(lambda: scene.window.GetDPI() > 72, timeout=3000)
    qtbot.wait(200)
    width, height = scene.window.GetSize()
    scale = presentation_scale(window.screen().geometry().height())
    from viewer.render.scene import text_scale_for

    assert scene.window.GetDPI() == round(72 * text_scale_for(width, height, scale)) > 72 * 1.2
    boxes = scene.angle_labels.boxes()
    for key, (x0, y0, x1, y1) in boxes.items():
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (key, boxes[key], (width, height))
    big = boxes["pelvis"]
    assert (big[3] - big[1]) > 1.2 * (normal_box[3] - normal_box[1])  # the readout's text is taller
    assert window.camera_bar.font().pointSizeF() == pytest.approx(base_pt * scale)
    for name, button in window.camera_buttons.items():  # each button is wide enough for its larger text
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()), name
    window.set_presentation(False)
    window.flush()
    qtbot.waitUntil(lambda: not window.isFullScreen() and scene.window.GetDPI() == 72, timeout=3000)
    assert window.camera_bar.font().pointSizeF() == pytest.approx(base_pt)


def test_a_small_view_keeps_its_labels_and_banner_inside(window, qtbot):
    """At the narrowest window the 3D view is ≈ 380 px wide: the text shrinks with it, every angle
    readout is whole inside the view, and a wide window gets the full-size text back."""
    scene = window.scene.view.scene
    window.apply_preset("Stiff ankles")
    window.store.set_depth_fraction(1.0)
    window.flush()
    window.resize(window.minimumSizeHint().width(), 720)
    qtbot.waitUntil(lambda: scene.window.GetDPI() < 72, timeout=3000)
    qtbot.wait(100)
    width, height = scene.window.GetSize()
    assert width < 500
    boxes = scene.angle_labels.boxes()
    assert set(boxes) >= {"pelvis", "lumbar", "hip", "knee", "ankle"}
    for key, (x0, y0, x1, y1) in boxes.items():
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (key, boxes[key], (width, height))
    window.resize(1560, 960)
    qtbot.waitUntil(lambda: scene.window.GetDPI() == 72, timeout=3000)


def test_onset_labels_turn_to_the_left_of_their_lines_when_the_plot_is_narrow(window, qtbot):
    window.apply_preset("Stiff ankles")  # onsets near parallel, close to the axis's right end
    window.flush()
    plots = window.plots
    plot = plots.angles_plot

    def labels_inside() -> bool:
        view = plot.mapFromScene(plot.getPlotItem().getViewBox().sceneBoundingRect()).boundingRect()
        for line in (plots.tuck_line, plots.round_line):
            label = line.label.deviceTransform(plot.viewportTransform()).mapRect(line.label.boundingRect())
            if not view.contains(label.toRect()):
                return False
        return True

    window.resize(1560, 960)
    _pump(qtbot)
    assert labels_inside()
    assert not plots.tuck_line.label.is_flipped()  # room on the right in a wide panel
    window.splitter.setSizes([window.splitter.width() - plots.minimumWidth(), plots.minimumWidth()])
    _pump(qtbot)
    assert plots.round_line.label.is_flipped()
    assert labels_inside()
    window.splitter.setSizes([700, 600])
    _pump(qtbot)
    assert not plots.round_line.label.is_flipped() and labels_inside()
