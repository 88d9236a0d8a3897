"""The README's "Five minutes in front of a class", followed step by step on the real window.

Each step's keys are pressed on the widget that has the keyboard focus (as a teacher's would be), on
a full-HD screen and on a 1024×768 projector, and every claim of the step is checked on the window:
what it shows, where (inside the window, not cut off), and every figure the README quotes is the
one the app computes (so a model change that moves a figure fails here until the README follows).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from viewer.cli import build_parser, resolve_preset
from viewer.model.presets import PRESETS
from viewer.render.compare_ghost import COMPARE_COLOUR, LABEL_TEXT
from viewer.render.overlays import GHOST_COLOUR
from viewer.state import AppState
from viewer.ui.headline import LIMIT_WORDS
from viewer.ui.screen_fit import SMALLEST_SCREEN_PX
from viewer.wording import at, where

README = Path(__file__).resolve().parents[2] / "README.md"
HAMSTRINGS = ("semimembranosus", "biceps_femoris_long_head")


def script_steps() -> dict[int, str]:
    """The numbered steps of the README's class script, each as one line of text."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Five minutes in front of a class", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^(\d)\. (.*?)(?=^\d\. |^\S|\Z)", section, flags=re.M | re.S)
    return {int(n): " ".join(body.split()) for n, body in steps}


class _Screen:
    """Stands in for the ``QScreen`` the window is on (the tests' own screen is full HD)."""

    def __init__(self, width: int, height: int) -> None:
        self._rect = QRect(0, 0, width, height)

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, self._rect.width(), self._rect.height() - 28)  # a task bar


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def assert_shown_whole(window: QWidget, widget: QWidget) -> None:
    """``widget`` is shown, lies inside the window and, if a label, its text is not cut off."""
    assert widget.isVisible(), widget.objectName() or type(widget).__name__
    rect = _rect_in(window, widget)
    assert window.rect().contains(rect), (widget.objectName(), rect, window.rect())
    if isinstance(widget, QLabel) and widget.text():
        if widget.wordWrap():
            assert widget.heightForWidth(widget.width()) <= widget.height() + 1, widget.text()
        else:
            assert widget.sizeHint().width() <= widget.width() + 1, widget.text()


def assert_plot_title_whole(window: QWidget, plot: QWidget, header: QLabel) -> None:
    """A plot is shown inside the window, with its title (and legend) whole over it."""
    assert_shown_whole(window, plot)
    assert_shown_whole(window, header)
    assert _rect_in(window, header).bottom() < _rect_in(window, plot).top()


def assert_labels_inside(scene: object, labels: object) -> None:
    """Each 3D label shown lies inside the 3D view."""
    width, height = scene.renderer.GetSize()
    for key, (x0, y0, x1, y1) in labels.boxes().items():
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (key, (x0, y0, x1, y1), (width, height))


@pytest.mark.parametrize("screen", [None, SMALLEST_SCREEN_PX], ids=["full_hd", "projector_1024x768"])
def test_the_class_script_does_what_the_readme_says(make_window, qtbot, monkeypatch, screen):
    steps = script_steps()
    assert sorted(steps) == [1, 2, 3, 4, 5]

    # 1. the command line of step 1, as the CLI reads it; F11 for presentation mode
    command = re.search(r"`(bash scripts/app\.sh [^`]*)`", steps[1]).group(1)
    args = build_parser().parse_args(shlex.split(command)[2:])
    stiff = PRESETS[resolve_preset(args.preset)].anatomy
    window = make_window(AppState(anatomy=stiff))  # as `run_window` opens it for --preset
    with qtbot.waitActive(window):  # (the fixture's bare ``waitActive`` call does not wait: a context manager)
        window.activateWindow()
    if screen is not None:
        monkeypatch.setattr(window, "screen", lambda: _Screen(*screen))
    size = screen or (window.screen().geometry().width(), window.screen().geometry().height())

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """A key as the teacher presses it: arrows and digits reach the widget with the focus (the depth
        slider) first; shortcuts go to the window (QTest fires window shortcuts only from there)."""
        plain = key in (Qt.Key.Key_Right, Qt.Key.Key_3)
        qtbot.keyClick((QApplication.focusWidget() or window) if plain else window, key, modifier)
        window.flush()

    assert "**F11**" in steps[1]
    press(Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.is_presentation() and (window.width(), window.height()) == tuple(size),
                    timeout=3000)
    assert window.presets_dock.isVisible() and not window.controls_dock.isVisible()
    assert window.centralWidget().font().pointSizeF() > 10.0  # big text
    rows = [window.preset_list.item(i).text() for i in range(window.preset_list.count())]
    assert rows[:9] == [f"{i + 1}  {name}" for i, name in enumerate(list(PRESETS)[:9])]  # "as listed on the left"
    assert_shown_whole(window, window.preset_list)
    for label in (window.headline.story_label, window.headline.detail_label):
        assert_shown_whole(window, label)

    # 2. Space plays (the depth moves), Space again pauses; the headline's figures are the README's
    sweep = window.store.solution.sweep
    start = window.store.state.thigh_angle_deg
    press(Qt.Key.Key_Space)
    assert window.depth_bar.is_playing()
    qtbot.waitUntil(lambda: abs(window.store.state.thigh_angle_deg - start) > 5.0, timeout=3000)
    press(Qt.Key.Key_Space)
    assert not window.depth_bar.is_playing()
    paused = window.store.state.thigh_angle_deg
    qtbot.wait(100)
    assert window.store.state.thigh_angle_deg == paused
    tuck, rounding, deepest = (sweep.tuck_onset.thigh_angle_deg, sweep.rounding_onset.thigh_angle_deg,
                               sweep.deepest.thigh_angle_deg)
    story, detail = window.headline.plain_text(), window.headline.detail_label.text()
    assert f"starts to tuck {at(tuck)}" in story and f"rounds {at(rounding)}" in story
    limit = LIMIT_WORDS[sweep.deepest_limited_by]
    assert f"Deepest {where(deepest)}, limited by {limit}" in detail
    assert f"stiff ankles, {where(tuck)})" in steps[2]
    assert f"lower back rounds ({where(rounding)})" in steps[2]
    assert f"({limit.split(' (')[0]}, {at(deepest)})" in steps[2]

    # 3. T: the tuck onset, the hip at its stop, the pelvis not turned back yet; deeper, it tucks and
    # the lower back's curve goes from lordotic through flat to rounded
    press(Qt.Key.Key_T)
    solution = window.store.solution
    assert window.store.state.thigh_angle_deg == pytest.approx(tuck)
    assert solution.pose.pelvic_tuck_deg == pytest.approx(0.0, abs=0.5)
    assert "pelvis tucked 0°" in window.headline.detail_label.text() and '"pelvis tucked 0°"' in steps[3]
    scene = window.scene.view.scene
    window.scene.grab_image()
    assert scene.contact.visible  # the marker on the socket rim
    assert scene.contact.banner.GetVisibility() and "cyan banner" in steps[3]
    assert not scene.rounding_banner.GetVisibility()  # not rounded yet at the tuck onset
    curves = [solution.pose.lumbar_curve_deg]
    press(Qt.Key.Key_Right)
    assert window.store.state.thigh_angle_deg > tuck
    assert window.store.solution.pose.pelvic_tuck_deg > 0.0
    window.scene.grab_image()
    assert scene.angle_labels.text("pelvis").startswith("Pelvis tucked")
    assert '"Pelvis tucked" readout' in steps[3]
    assert_labels_inside(scene, scene.angle_labels)
    for _ in range(60):
        curves.append(window.store.solution.pose.lumbar_curve_deg)
        if window.store.solution.depth_fraction >= 1.0:
            break
        press(Qt.Key.Key_Right)
    assert window.store.solution.depth_fraction == pytest.approx(1.0)
    assert curves[0] > 0.0 > curves[-1]  # lordotic at the onset, rounded at the bottom
    assert np.all(np.diff(curves) <= 1e-9)  # through flat, never back
    assert "from lordotic to flat to rounded" in steps[3]
    window.scene.grab_image()
    assert scene.rounding_banner.GetVisibility() and '"lower back rounds" banner' in steps[3]
    press(Qt.Key.Key_R)  # R: straight to the rounding onset, where the curve is flat
    assert window.store.state.thigh_angle_deg == pytest.approx(rounding)
    assert window.store.solution.pose.lumbar_curve_deg == pytest.approx(0.0, abs=0.5)
    window.scene.grab_image()
    assert scene.rounding_banner.GetVisibility() and "**R** jumps straight there" in steps[3]

    # 4. Ctrl+B freezes this lifter as B; 3 loads the heel plates as A: two different lifters
    assert "**Ctrl+B**" in steps[4] and steps[4].index("**Ctrl+B**") < steps[4].index("**3**")
    press(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_3)
    plates_name = list(PRESETS)[2]
    plates = PRESETS[plates_name].anatomy
    state, solution = window.store.state, window.store.solution
    assert f"**3** ({plates_name})" in steps[4]
    assert state.compare_anatomy == stiff and state.anatomy == plates and state.anatomy != state.compare_anatomy
    assert {k: v for k, v in PRESETS[plates_name].overrides.items() if k != "heel_elevation_mm"} == \
        dict(PRESETS["Stiff ankles"].overrides)  # "the same stiff ankles"
    assert f"({plates.heel_elevation_mm:.0f} mm heels)" in steps[4]
    a, b = solution.sweep, solution.compare_sweep
    story, detail = window.headline.plain_text(), window.headline.detail_label.text()
    compare = window.headline.compare_label.text()
    assert f"starts to tuck {at(a.tuck_onset.thigh_angle_deg)}" in story
    assert f"Deepest {where(a.deepest.thigh_angle_deg)}" in detail
    assert compare.startswith("B (ghost)") and f"tucks {at(b.tuck_onset.thigh_angle_deg)}" in compare
    assert f"deepest {where(b.deepest.thigh_angle_deg)}" in compare
    short = {key: where(x).removesuffix(" parallel") for key, x in
             (("b_tuck", b.tuck_onset.thigh_angle_deg), ("b_deep", b.deepest.thigh_angle_deg))}
    assert f"tucks {at(a.tuck_onset.thigh_angle_deg)} instead of {short['b_tuck']} (B)" in steps[4]
    assert f"squats to {where(a.deepest.thigh_angle_deg)} instead of {short['b_deep']}" in steps[4]
    assert_shown_whole(window, window.headline.compare_label)
    # B in 3D: its bones shown, amber (not the lumbar ghost's blue), labelled "B" inside the view
    ghost = window.scene.compare
    image_with_b = window.scene.grab_image().astype(int)
    assert ghost.visible and ghost.visible_actor_count() > 20
    colours = {tuple(round(c, 6) for c in actor.GetProperty().GetColor()) for actor in ghost.ghost.actors.values()}
    assert colours == {tuple(round(c, 6) for c in COMPARE_COLOUR)} and COMPARE_COLOUR != GHOST_COLOUR
    assert "amber" in steps[4] and f'labelled "{LABEL_TEXT}"' in steps[4]
    assert ghost.label_shown() and ghost.label.text(LABEL_TEXT) == "B"
    assert_labels_inside(scene, ghost.label)
    window.act_ghost.trigger()  # G: B off, to see which pixels are B's
    window.flush()
    image_without_b = window.scene.grab_image().astype(int)
    assert not ghost.label_shown()
    window.act_ghost.trigger()
    window.flush()
    changed = np.abs(image_with_b - image_without_b).sum(axis=2) > 30
    r, g, bl = (image_with_b[..., i] for i in range(3))
    amber = changed & (r - bl > 50) & (g - bl > 30)
    bluish = changed & (bl - r > 40)
    assert amber.sum() > 1500 and bluish.sum() < 0.02 * changed.sum(), (amber.sum(), bluish.sum(), changed.sum())
    assert any(c.isVisible() for c in window.plots.compare_angle_curves.values())  # "the plots draw B dashed"

    # 5. H: the muscle-length plot in place of the joint angles; the hamstrings' figures
    assert "**H**" in steps[5]
    press(Qt.Key.Key_H)
    plots = window.plots
    assert plots.muscles_plot.isVisible() and not plots.angles_plot.isVisible()
    assert_plot_title_whole(window, plots.muscles_plot, plots.muscles_header)
    assert_plot_title_whole(window, plots.budget_plot, plots.budget_header)
    stretch = [round(100.0 * (max(a.muscles[m]) - 1.0)) for m in HAMSTRINGS]
    assert f"lengthen by only {min(stretch)}–{max(stretch)} %" in steps[5]
    for key in HAMSTRINGS:
        assert plots.muscle_curves[key].isVisible()
    assert "Lombard's paradox" in steps[5]
    press(Qt.Key.Key_H)  # "H again brings them back"
    assert plots.angles_plot.isVisible() and not plots.muscles_plot.isVisible()
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    assert plots.angles_plot.isVisible() and plots.muscles_plot.isVisible()  # both again outside presentation mode
