"""The window on a small screen: a 1024×768 classroom projector, a laptop, a narrowed window.

The window opens no larger than the screen's free area, and its smallest size fits a 1024×768 screen
(less a task bar and the window frame), in presentation mode too, with the plots, the Play button and
the depth slider inside. That every text in it is whole: tests/gui/test_layout_on_screens.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton

from viewer.ui import screen_fit
from viewer.ui.plot_texts import DEPTH_TICKS, DEPTH_TICKS_SHORT, depth_ticks
from viewer.ui.screen_fit import fitted_rect, presentation_scale

SMALL_W, SMALL_H = screen_fit.SMALLEST_SCREEN_PX
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


def test_a_screen_too_small_for_the_window_is_said_at_start_up(window, qtbot, monkeypatch):
    class Tiny(_Projector):
        def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
            return QRect(0, 0, 640, 452)

    monkeypatch.setattr(window, "screen", lambda: Tiny())
    window.fit_to_screen()
    assert window.screen_notice is not None and "640×452" in window.screen_notice
    window.restore_session()
    assert window.statusBar().currentMessage().startswith(window.screen_notice)
    monkeypatch.setattr(window, "screen", lambda: _Projector())
    window.fit_to_screen()
    assert window.screen_notice is None


def test_the_too_small_notice_counts_the_frame():
    assert screen_fit.too_small_notice((800, 572), (766, 480)) is None
    assert screen_fit.too_small_notice((780, 572), (766, 480)) is not None  # 766 + 16 > 780


def test_presentation_mode_on_a_projector_scales_text_by_the_screen(window, qtbot, monkeypatch):
    monkeypatch.setattr(window, "screen", lambda: _Projector())
    window.set_presentation(True)
    window.flush()
    _pump(qtbot, 300)
    assert window.is_presentation()
    assert window.centralWidget().font().pointSizeF() == pytest.approx(10.0 * presentation_scale(SMALL_H))
    assert window.camera_bar.font().pointSizeF() == pytest.approx(10.0 * presentation_scale(SMALL_H))
    assert (window.width(), window.height()) == (SMALL_W, SMALL_H)
    assert window.minimumSizeHint().width() <= SMALL_W
    _assert_depth_bar_usable(window)
    plots = window.plots
    assert plots.isVisible() and plots.mapTo(window, plots.rect().bottomRight()).x() < SMALL_W
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


def test_depth_ticks_fall_back_to_plain_numbers_then_fewer_numbers():
    def advance(text: str) -> int:
        return 7 * len(text)

    assert depth_ticks(4.0, advance) == list(DEPTH_TICKS)  # 30° = 120 px: room for "0 parallel"
    assert depth_ticks(1.5, advance) == list(DEPTH_TICKS_SHORT)  # 45 px: the long labels need up to 62
    assert depth_ticks(0.8, advance) == list(DEPTH_TICKS_SHORT[::2])  # 24 px: not even "−60" and "−30"


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
    window.splitter.setSizes([window.splitter.width(), 0])  # the narrowest panel
    _pump(qtbot)
    assert labels_inside()
    plots.set_presentation(True, 1.6)  # the projector's larger labels: no room right of the line
    window.splitter.setSizes([window.splitter.width(), 0])
    _pump(qtbot)
    assert plots.round_line.label.is_flipped()
    assert labels_inside()
    plots.set_presentation(False)
    window.splitter.setSizes([700, 600])
    _pump(qtbot)
    assert not plots.round_line.label.is_flipped() and labels_inside()
