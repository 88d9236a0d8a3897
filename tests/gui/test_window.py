"""The window driven through its real widgets with qtbot."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QSlider

from viewer.model.anatomy import Anatomy
from viewer.model.params import PARAM_SPECS, spec
from viewer.model.presets import PRESETS
from viewer.render.colours import curve_colour
from viewer.state import AppState, derive
from viewer.wording import at, where

FLOAT_SPECS = [s for s in PARAM_SPECS if s.kind == "float"]


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _curve_y(curve) -> np.ndarray:
    return np.asarray(curve.getData()[1])


def _assert_plots_show(window, state: AppState) -> None:
    expected = derive(state).sweep
    for key, curve in window.plots.angle_curves.items():
        np.testing.assert_allclose(_curve_y(curve), np.asarray(getattr(expected, key)))
    for key, curve in window.plots.muscle_curves.items():
        np.testing.assert_allclose(_curve_y(curve), 100.0 * np.asarray(expected.muscles[key]))
    for line, onset in ((window.plots.tuck_line, expected.tuck_onset),
                        (window.plots.round_line, expected.rounding_onset)):
        assert line.isVisible() == (onset is not None)
        if onset is not None:
            assert line.value() == pytest.approx(onset.thigh_angle_deg)
            assert line.sceneBoundingRect().center().x() == pytest.approx(
                window.plots.angles_plot.getPlotItem().getViewBox().mapViewToScene(
                    QPointF(onset.thigh_angle_deg, 0.0)).x(), abs=1.0)


@pytest.mark.parametrize("param", FLOAT_SPECS, ids=lambda s: s.name)
def test_dragging_each_slider_changes_state_plots_and_bones(window, qtbot, param, assert_scene_shows):
    slider: QSlider = window.controls.controls[param.name].slider
    start = slider.value()
    target = start - 3 if start >= 3 else start + 3
    slider.setSliderDown(True)  # a drag: several positions, then release
    for pos in np.linspace(start, target, 4)[1:]:
        slider.setValue(int(round(pos)))
    slider.setSliderDown(False)
    window.flush()
    expected = window.controls.controls[param.name].to_float(target)
    assert getattr(window.store.state.anatomy, param.name) == pytest.approx(expected)
    assert expected != pytest.approx(param.default)
    _assert_plots_show(window, window.store.state)
    assert_scene_shows(window)
    # the drag was one undo step
    assert window.store.undo()
    assert window.store.state.anatomy == Anatomy()
    window.flush()
    assert window.controls.controls[param.name].value() == pytest.approx(param.default)


def test_keyboard_on_a_slider_commits_each_step(window, qtbot):
    slider = window.controls.controls["acetabular_lce_deg"].slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert window.store.state.anatomy.acetabular_lce_deg == 30.0
    window.store.undo()
    assert window.store.state.anatomy.acetabular_lce_deg == 29.0


@pytest.mark.parametrize("name", [s.name for s in PARAM_SPECS if s.kind != "float"])
def test_choice_and_bool_controls(window, name):
    control = window.controls.controls[name]
    s = spec(name)
    if s.kind == "choice":
        control.combo.setCurrentIndex(len(s.choices) - 1)
        expected = s.choices[-1]
    else:
        control.click()
        expected = True
    window.flush()
    assert getattr(window.store.state.anatomy, name) == expected
    _assert_plots_show(window, window.store.state)


def test_typed_value_is_validated(window, qtbot):
    slider = window.controls.controls["toe_out_deg"]
    slider.entry.setFocus()
    slider.entry.selectAll()
    qtbot.keyClicks(slider.entry, "30")
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    assert window.store.state.anatomy.toe_out_deg == 30.0
    before = window.store.state
    slider.entry.selectAll()
    qtbot.keyClicks(slider.entry, "400")
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    assert window.store.state == before
    assert "out of range" in window.statusBar().currentMessage()
    slider.entry.selectAll()
    qtbot.keyClicks(slider.entry, "abc")
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    assert window.store.state == before
    assert "not a number" in window.statusBar().currentMessage()


def test_double_click_resets_to_default(window, qtbot):
    control = window.controls.controls["heel_elevation_mm"]
    window.store.set_anatomy_value("heel_elevation_mm", 25.0)
    window.flush()
    assert control.value() == 25.0
    qtbot.mouseDClick(control.slider, Qt.MouseButton.LeftButton)
    assert window.store.state.anatomy.heel_elevation_mm == 0.0


def test_socket_depth_shows_its_clinical_label(window):
    window.store.set_anatomy_value("acetabular_lce_deg", 42.0)
    window.flush()
    assert window.controls.controls["acetabular_lce_deg"].describe_label.text() == "deep"
    window.store.set_anatomy_value("acetabular_lce_deg", 15.0)
    window.flush()
    assert window.controls.controls["acetabular_lce_deg"].describe_label.text() == "dysplastic"


def test_advanced_parameters_are_collapsed(window, qtbot):
    box = window.controls.advanced_boxes["Hip"]
    assert not box.isVisible()
    toggle = window.controls.findChild(type(window.controls.controls["alpha_angle_deg"].slider).__mro__[0], None)
    del toggle
    from PySide6.QtWidgets import QToolButton

    button = window.controls.findChild(QToolButton, "advanced_Hip")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert box.isVisible()
    assert window.controls.controls["alpha_angle_deg"].isVisible()


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_set_every_value(window, name):
    window.preset_actions[name].trigger()
    window.flush()
    anatomy = PRESETS[name].anatomy
    assert window.store.state.anatomy == anatomy
    for s in PARAM_SPECS:
        assert window.controls.controls[s.name].value() == getattr(anatomy, s.name), s.name
    assert window.preset_actions[name].isChecked()
    _assert_plots_show(window, window.store.state)


def test_undo_redo_shortcuts_restore_exact_states(window, qtbot):
    window.preset_actions["Stiff ankles"].trigger()
    window.preset_actions["Goblet squat"].trigger()
    states = [AppState().anatomy, PRESETS["Stiff ankles"].anatomy, PRESETS["Goblet squat"].anatomy]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.anatomy == states[1]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.anatomy == states[0]
    assert not window.act_undo.isEnabled() or (window.flush() or not window.act_undo.isEnabled())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.store.state.anatomy == states[1]
    window.act_reset.trigger()
    assert window.store.state.anatomy == Anatomy()


def test_headline_matches_the_sweep_onsets(make_window):
    window = make_window(AppState(anatomy=PRESETS["Stiff ankles"].anatomy))
    sweep = window.store.solution.sweep
    text = window.headline.plain_text()
    if sweep.tuck_onset is not None:
        angle = round(sweep.tuck_onset.thigh_angle_deg)
        words = "at parallel" if angle == 0 else (f"{-angle}° above parallel" if angle < 0 else
                                                  f"{angle}° below parallel")
        assert f"starts to tuck at {words} (knee {sweep.tuck_onset.knee_flexion_deg:.0f}°)" in text
    else:
        assert "never tucks" in text
    if sweep.rounding_onset is not None:
        assert f"rounds {at(sweep.rounding_onset.thigh_angle_deg)}" in text
    assert where(sweep.deepest.thigh_angle_deg) in window.headline.detail_label.text()


def test_play_advances_and_pause_stops(window, qtbot):
    window.store.set_depth_fraction(0.0)
    window.flush()
    qtbot.mouseClick(window.depth_bar.play_button, Qt.MouseButton.LeftButton)
    assert window.depth_bar.is_playing()
    qtbot.waitUntil(lambda: window.store.solution.depth_fraction > 0.05, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.depth_bar.is_playing()
    stopped = window.store.state.thigh_angle_deg
    qtbot.wait(120)
    assert window.store.state.thigh_angle_deg == stopped


def test_space_plays_and_keys_step(window, qtbot):
    window.store.set_depth_fraction(0.5)
    window.flush()
    start = window.store.solution.depth_fraction
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Period)
    window.flush()
    assert window.store.solution.depth_fraction == pytest.approx(start + 0.02)
    qtbot.keyClick(window, Qt.Key.Key_Comma)
    qtbot.keyClick(window, Qt.Key.Key_Comma)
    window.flush()
    assert window.store.solution.depth_fraction == pytest.approx(start - 0.02)


def test_go_to_tuck_onset(window, qtbot):
    sweep = window.store.solution.sweep
    if sweep.tuck_onset is None:
        pytest.skip("default anatomy never tucks")
    qtbot.mouseClick(window.depth_bar.tuck_button, Qt.MouseButton.LeftButton)
    assert window.store.state.thigh_angle_deg == pytest.approx(sweep.tuck_onset.thigh_angle_deg)


def test_clicking_the_plot_sets_the_depth(window, qtbot):
    plot = window.plots.angles_plot
    vb = plot.getPlotItem().getViewBox()
    target = -45.0
    scene_pos = vb.mapViewToScene(QPointF(target, 50.0))
    view_pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view_pos.x(), view_pos.y()))
    assert window.store.state.thigh_angle_deg == pytest.approx(target, abs=1.0)
    window.flush()
    assert window.plots.cursors[0].value() == pytest.approx(window.store.solution.thigh_angle_deg)


def test_compare_shows_dashed_curves_of_the_frozen_anatomy(window, qtbot):
    assert not any(c.isVisible() for c in window.plots.compare_angle_curves.values())
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    frozen = window.store.state.anatomy
    window.preset_actions["Stiff ankles"].trigger()
    window.flush()
    expected = derive(AppState(anatomy=frozen)).sweep
    for key, curve in window.plots.compare_angle_curves.items():
        assert curve.isVisible()
        np.testing.assert_allclose(_curve_y(curve), np.asarray(getattr(expected, key)))
    assert window.headline.compare_label.text().startswith("B (ghost)")
    assert window.plots.budget_compare.isVisible()
    window.act_clear_b.trigger()
    window.flush()
    assert not any(c.isVisible() for c in window.plots.compare_angle_curves.values())


def test_presentation_mode_toggles(window, qtbot):
    normal_pen = window.plots.pen_width()
    normal_style = window.headline.story_label.styleSheet()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    window.flush()
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=3000)
    assert window.is_presentation()
    assert window.plots.pen_width() > normal_pen
    assert _px(window.headline.story_label.styleSheet()) > _px(normal_style)
    assert window.centralWidget().font().pointSizeF() > 10.0
    assert not window.controls_dock.isVisible() and window.presets_dock.isVisible()
    # number keys choose presets in presentation mode
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.store.state.anatomy == list(PRESETS.values())[1].anatomy
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.flush()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    assert window.plots.pen_width() == normal_pen
    assert window.controls_dock.isVisible()


def _px(style: str) -> int:
    return int(style.split("font-size:")[1].split("px")[0])


def test_camera_buttons_and_shortcuts(window, qtbot):
    qtbot.mouseClick(window.camera_buttons["front"], Qt.MouseButton.LeftButton)
    assert window.store.state.camera == "front"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.store.state.camera == "three_quarter"
    window.flush()
    assert window.camera_buttons["three_quarter"].isChecked()
    assert not window.camera_buttons["front"].isChecked()


def test_profile_round_trip_is_exact(window, tmp_path):
    window.preset_actions["Long femurs, short torso"].trigger()
    window.store.set_anatomy_value("toe_out_deg", 23.0)
    saved = window.store.state.anatomy
    path = tmp_path / "lifter.json"
    assert window.files.save_profile(path, name="Lifter A")
    window.act_reset.trigger()
    assert window.files.open_profile(path)
    assert window.store.state.anatomy == saved
    assert window.files.profile_name == "Lifter A"
    assert str(path) in [a.text() for a in window.files.recent_menu.actions()]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\x00\x01binary",
                                     json.dumps({"format": "something-else"}).encode()])
def test_bad_profile_shows_an_error_and_changes_nothing(make_window, tmp_path, content):
    window = make_window()  # its error box stays a child of the window: a window of its own
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    window.store.set_anatomy_value("toe_out_deg", 30.0)
    before = window.store.state
    assert not window.files.open_profile(path)
    assert window.store.state == before
    assert "bad.json" in window.files.last_error
    assert "bad.json" in window.statusBar().currentMessage()


def test_csv_export_equals_the_sweep(window, tmp_path):
    path = tmp_path / "sweep.csv"
    assert window.files.export_csv(path)
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith("#")]
    header = lines[0].split(",")
    col = header.index("hip_flexion_deg")
    values = np.array([float(ln.split(",")[col]) for ln in lines[1:]])
    np.testing.assert_array_equal(values, np.asarray(window.store.solution.sweep.hip_flexion_deg))


def test_session_is_restored_and_corrupt_values_are_ignored(make_window, settings):
    first = make_window()
    first.preset_actions["Deep sockets (Scottish hip)"].trigger()
    first.store.set_depth(-20.0)
    first.store.set_view(camera="front")
    first.close()
    second = make_window()
    assert second.restore_session() == []
    assert second.store.state.anatomy == PRESETS["Deep sockets (Scottish hip)"].anatomy
    assert second.store.state.thigh_angle_deg == -20.0 and second.store.state.camera == "front"
    second.close()
    settings.setValue("session/anatomy", "{garbage")
    settings.setValue("session/thigh_angle_deg", "nan")
    third = make_window()
    notices = third.restore_session()
    assert len(notices) == 2
    assert third.store.state.anatomy == Anatomy()
    assert "could not be restored" in third.statusBar().currentMessage()


def test_help_lists_shortcuts_and_credits_sources(make_window):
    window = make_window()  # the help dialog stays a child of the window: a window of its own
    dialog = window.show_help()
    text = dialog.browser.toPlainText()
    for needle in ("F11", "Ctrl+Z", "Space", "de Leva 1996", "Hara et al. 2014", "McKean et al. 2010",
                   "Tannast et al. 2015"):
        assert needle in text
    dialog.close()


def test_rapid_changes_end_showing_the_last_one(window, qtbot):
    """Changes faster than the views update (a drag) end with every view on the last state."""
    for value in (30.0, 31.0, 32.0, 33.0):
        window.store.set_anatomy_value("acetabular_lce_deg", value)
    qtbot.waitUntil(lambda: not window.update_pending, timeout=3000)
    assert window.controls.controls["acetabular_lce_deg"].value() == 33.0
    _assert_plots_show(window, window.store.state)


def test_the_ankle_groups_knee_to_wall_link_opens_the_guide_where_the_distance_sets_dorsiflexion(make_window,
                                                                                                 qtbot):
    from viewer.model import self_tests as st
    from viewer.model.ankle import knee_to_wall_to_dorsiflexion_deg
    from viewer.model.uncertain_anatomy import combine
    from viewer.ui.anatomy_guide import AnatomyGuide

    window = make_window()
    window.band_runner.samples, window.band_runner.lever_samples = 16, 2  # the wiring is tested, not the band
    base = window.store.state.anatomy
    link = window.controls.knee_to_wall_button
    assert link.parent() is window.controls.group_boxes["Ankle"] and link.isVisible()
    assert window.findChild(AnatomyGuide) is None
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    guide = window.findChild(AnatomyGuide)
    page = guide.stack.currentWidget()
    assert guide.isVisible() and page.page.key == "knee_to_wall"
    assert guide.steps.currentRow() == guide.stack.currentIndex()
    assert window.show_guide() is guide  # the menu's guide: the same one, with what was typed

    qtbot.keyClicks(page.inputs["left"], "5")
    deg = knee_to_wall_to_dorsiflexion_deg(0.05, base)
    assert page.meanings["left"].text() == f"= {deg:.0f}°" and deg < 40.0
    page.unit.setCurrentText("in")  # the unit names the typed numbers: 5 in
    assert page.meanings["left"].text() == f"= {knee_to_wall_to_dorsiflexion_deg(5 * 0.0254, base):.0f}°"
    qtbot.keyClicks(page.inputs["right"], "4")
    assert page.meanings["right"].text() == f"= {knee_to_wall_to_dorsiflexion_deg(4 * 0.0254, base):.0f}°"
    guide.go_to(guide.result_index)
    qtbot.mouseClick(guide.apply_button, Qt.MouseButton.LeftButton)
    expected = combine(base, [st.knee_to_wall(5 * 2.54, base, "left"), st.knee_to_wall(4 * 2.54, base, "right")])
    state = window.store.state
    assert state.own_anatomy == expected and state.anatomy == expected.anatomy.mean
    assert state.anatomy.ankle_dorsiflexion_deg != base.ankle_dorsiflexion_deg
    window.flush()
    assert window.controls.controls["ankle_dorsiflexion_deg"].value() == state.anatomy.ankle_dorsiflexion_deg


def test_dragging_on_the_plot_scrubs_the_depth(window):
    plot = window.plots.angles_plot
    vb = plot.getPlotItem().getViewBox()

    class Drag:  # the parts of pyqtgraph's MouseDragEvent the view box reads
        def __init__(self, x_deg):
            self._pos = vb.mapViewToScene(QPointF(x_deg, 40.0))
            self.accepted = False

        def button(self):
            return Qt.MouseButton.LeftButton

        def scenePos(self):
            return self._pos

        def accept(self):
            self.accepted = True

    seen = []
    for x in (-70.0, -40.0, -10.0):
        event = Drag(x)
        vb.mouseDragEvent(event)
        assert event.accepted
        seen.append(window.store.state.thigh_angle_deg)
    assert seen == pytest.approx([-70.0, -40.0, -10.0], abs=0.5)


def test_headline_keeps_its_height_while_scrubbing(window, qtbot):
    window.preset_actions["Stiff ankles"].trigger()
    window.flush()
    qtbot.wait(50)
    heights = set()
    for fraction in np.linspace(0.0, 1.0, 25):
        window.store.set_depth_fraction(float(fraction))
        window.flush()
        QApplication.processEvents()
        heights.add(window.scene.height())
    assert len(heights) == 1  # the 3D view never moves while scrubbing
    assert window.headline.height() < 0.2 * window.height()


@pytest.mark.parametrize("fraction", [0.2, 0.97])
def test_the_pelvis_readout_and_the_headline_tell_the_same_tuck(make_window, fraction):
    window = make_window(AppState(anatomy=PRESETS["Deep sockets (Scottish hip)"].anatomy, show_angles=True))
    window.store.set_depth_fraction(fraction)
    window.flush()
    solution = window.store.solution
    sweep, pose = solution.sweep, solution.pose
    readout = window.scene.view.scene.angle_labels.text("pelvis")
    detail = window.headline.detail_label.text()
    if solution.thigh_angle_deg < sweep.tuck_onset.thigh_angle_deg:  # on the way down: tilting forward
        assert readout == f"Pelvis tilt {round(pose.pelvic_tilt_deg)}° fwd"
        assert "tucked" not in detail
    else:
        tuck = pose.pelvic_tuck_deg
        assert tuck > 3.0
        assert readout == f"Pelvis tucked {tuck:.0f}°"
        assert f"pelvis tucked {tuck:.0f}°" in detail
    # the hip close-up re-applies the pose and re-lays the labels out: the readout stays the same
    scene = window.scene.view.scene
    window.scene.view.set_camera("hip", animate=False)
    assert scene.close_up
    assert scene.angle_labels.text("pelvis") == readout
    window.resize(window.width() - 80, window.height())  # a resize re-frames the camera (labels laid out again)
    QApplication.processEvents()
    assert scene.angle_labels.text("pelvis") == readout


def test_3d_readouts_tint_and_banners_show_the_poses_own_figures_at_every_landmark(make_window):
    """Stiff ankles at standing, the tuck onset, the rounding onset and the deepest: each 3D readout's number
    is the pose field it names, rounded as the headline rounds it; the lumbar tint and ribbon are the lumbar
    curve's colour; the hip-stop banner shows from the tuck onset on, the rounding banner from the rounding
    onset on; the colour scale is titled for the lumbar curve."""
    window = make_window(AppState(anatomy=PRESETS["Stiff ankles"].anatomy, show_angles=True))
    sweep = window.store.solution.sweep
    scene = window.scene.view.scene
    tuck, rounding = sweep.tuck_onset.thigh_angle_deg, sweep.rounding_onset.thigh_angle_deg
    seen_rgb = set()
    for thigh in (-90.0, tuck - 1.0, tuck, rounding - 0.5, rounding, sweep.deepest.thigh_angle_deg):
        window.store.set_depth_fraction(sweep.depth_pct(thigh) / 100.0)
        window.flush()
        pose = window.store.solution.pose
        at = pose.thigh_angle_deg
        text = scene.angle_labels.text
        assert text("hip") == f"Hip {pose.hip_flexion_deg:.0f}°"
        assert text("knee") == f"Knee {pose.knee_flexion_deg:.0f}°"
        assert text("ankle") == f"Ankle {pose.ankle_dorsiflexion_deg:.0f}°"
        if round(pose.pelvic_tuck_deg) >= 1:
            assert text("pelvis") == f"Pelvis tucked {pose.pelvic_tuck_deg:.0f}°"
        curve = round(pose.lumbar_curve_deg)
        assert text("lumbar") == (f"Lumbar curved in {curve}°" if curve > 0 else "Lumbar flat" if curve == 0
                                  else f"Lumbar rounded {-curve}°"), at
        assert scene.shown.lumbar_curve_deg == pose.lumbar_curve_deg
        assert scene.bones.colour("l3") == pytest.approx(curve_colour(pose.lumbar_curve_deg))
        assert scene.ribbon.rgb == pytest.approx(curve_colour(pose.lumbar_curve_deg))
        seen_rgb.add(tuple(round(c, 3) for c in scene.ribbon.rgb))
        assert scene.contact.banner.GetVisibility() == (at >= tuck - 1e-9), at
        assert scene.rounding_banner.GetVisibility() == (at >= rounding - 1e-9), at
    assert len(seen_rgb) >= 5
    title = scene.legend.actor.GetTitle().replace("\n", " ").lower()
    assert "lumbar curve" in title
    assert "flat" in scene.legend.note.GetInput() and "rounded" in scene.legend.note.GetInput()


def test_actions_follow_the_state_through_depth_scrubs(window):
    """The window sets its actions only when what they show changed (not on every depth scrub)."""
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    window.store.set_anatomy_value("acetabular_lce_deg", 26.0)
    window.flush()
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    for fraction in (0.3, 0.6, 0.9):
        window.store.set_depth_fraction(fraction)
        window.flush()
        assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    window.store.undo()
    window.flush()
    assert not window.act_undo.isEnabled() and window.act_redo.isEnabled()
    window.act_muscles.trigger()  # the user turns the muscles off: the click goes to the state…
    window.flush()
    assert window.store.state.show_muscles is False
    window.store.set_view(show_muscles=True, camera="front")  # …and the state comes back to the actions
    window.flush()
    assert window.act_muscles.isChecked() and window.camera_buttons["front"].isChecked()
    window.store.set_depth_fraction(0.4)
    window.flush()
    assert window.act_muscles.isChecked() and window.camera_actions["front"].isChecked()
