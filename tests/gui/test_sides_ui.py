"""Left ≠ right in the window: each sided slider's "L ≠ R" switch, the headline's sentence on the sides
and the plots' per-hip stops and pelvic-shift readout, driven through the real widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from viewer.model.anatomy import Anatomy
from viewer.model.params import PARAM_SPECS, SIDED, side_name
from viewer.model.presets import PRESETS
from viewer.model.sides import is_symmetric, mirrored, with_sides
from viewer.state import AppState, derive
from viewer.ui.headline import story
from viewer.ui.side_texts import SIDE_TOLERANCE, sides_differ, sides_text
from viewer.wording import at, pelvis_words, shift_words

SYMMETRIC = [name for name, p in PRESETS.items() if is_symmetric(p.anatomy)]


@pytest.fixture
def window(shared_window):
    """The module's window at the default state, every "L ≠ R" switch off."""
    for row in shared_window.controls.sided.values():
        if row.switch.isChecked():
            row.switch.setChecked(False)
    shared_window.flush()
    return shared_window


def _y(curve) -> np.ndarray:
    return np.asarray(curve.getData()[1])


def _step(qtbot, slider, key, times: int) -> None:
    slider.setFocus()
    for _ in range(times):
        qtbot.keyClick(slider, key)


# --- the switch ------------------------------------------------------------------------------------------
def test_every_sided_parameter_and_only_those_has_a_switch_off_by_default(window):
    controls = window.controls
    assert set(controls.sided) == set(SIDED)
    for name, row in controls.sided.items():
        assert row.switch.isCheckable() and not row.switch.isChecked()
        assert controls.controls[name] is row.both and not row.split_box.isVisibleTo(row)
        assert row.both.slider.isVisibleTo(row)
    for s in PARAM_SPECS:
        if s.name not in SIDED:
            assert controls.findChild(type(controls.sided["toe_out_deg"].switch), f"sides_{s.name}") is None


def test_switch_on_shows_both_sides_and_each_slider_sets_only_its_side(window, qtbot):
    row = window.controls.sided["femoral_anteversion_deg"]
    window.store.set_anatomy_value("femoral_anteversion_deg", 15.0)
    window.flush()
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    assert row.switch.isChecked() and row.split_box.isVisibleTo(row) and not row.both.slider.isVisibleTo(row)
    assert row.sides["left"].value() == row.sides["right"].value() == 15.0  # initialised to the current value
    assert window.store.state.anatomy.femoral_anteversion_left_deg is None  # switching on changes nothing

    _step(qtbot, row.sides["right"].slider, Qt.Key.Key_Left, 3)
    anatomy = window.store.state.anatomy
    assert anatomy.femoral_anteversion_right_deg == 12.0 and anatomy.femoral_anteversion_left_deg is None
    assert anatomy.femoral_anteversion_deg == 15.0
    _step(qtbot, row.sides["left"].slider, Qt.Key.Key_Right, 2)
    window.flush()
    anatomy = window.store.state.anatomy
    assert (anatomy.femoral_anteversion_left_deg, anatomy.femoral_anteversion_right_deg) == (17.0, 12.0)
    assert row.switch.isChecked() and row.sides["left"].entry.text().startswith("17")

    undo_depth = len(window.store._undo)
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)  # off: the two-sided slider's value again
    window.flush()
    anatomy = window.store.state.anatomy
    assert anatomy.femoral_anteversion_left_deg is None and anatomy.femoral_anteversion_right_deg is None
    assert anatomy.femoral_anteversion_deg == 15.0 and is_symmetric(anatomy)
    assert not row.split_box.isVisibleTo(row) and row.both.slider.isVisibleTo(row)
    assert len(window.store._undo) == undo_depth + 1  # one undo step
    window.store.undo()
    window.flush()
    anatomy = window.store.state.anatomy
    assert (anatomy.femoral_anteversion_left_deg, anatomy.femoral_anteversion_right_deg) == (17.0, 12.0)
    assert row.switch.isChecked()  # undo brought the sides back, and the switch with them


def test_sides_made_equal_by_their_own_sliders_keep_the_switch_on(window, qtbot):
    row = window.controls.sided["ankle_dorsiflexion_deg"]
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    _step(qtbot, row.sides["left"].slider, Qt.Key.Key_Left, 5)
    window.flush()
    assert window.store.state.anatomy.ankle_dorsiflexion_left_deg == 39.0
    _step(qtbot, row.sides["left"].slider, Qt.Key.Key_Right, 5)  # back to the right side's value
    window.flush()
    assert is_symmetric(window.store.state.anatomy)
    assert row.switch.isChecked() and row.split_box.isVisibleTo(row)


def test_loading_a_lifter_with_different_sides_turns_the_switch_on(window):
    window.apply_preset("One retroverted hip")
    window.flush()
    anatomy = PRESETS["One retroverted hip"].anatomy
    row = window.controls.sided["femoral_anteversion_deg"]
    assert row.switch.isChecked() and row.split_box.isVisibleTo(row)
    assert row.sides["right"].value() == anatomy.femoral_anteversion_right_deg == -6.0
    assert row.sides["left"].value() == anatomy.femoral_anteversion_deg
    assert not window.controls.sided["ankle_dorsiflexion_deg"].switch.isChecked()
    window.apply_preset("Average lifter")  # equal sides from outside: back to one slider
    window.flush()
    assert not row.switch.isChecked() and not row.split_box.isVisibleTo(row)
    assert row.both.value() == PRESETS["Average lifter"].anatomy.femoral_anteversion_deg


def test_a_typed_side_value_sets_that_side(window, qtbot):
    row = window.controls.sided["toe_out_deg"]
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    entry = row.sides["left"].entry
    entry.setFocus()
    entry.selectAll()
    qtbot.keyClicks(entry, "30")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    anatomy = window.store.state.anatomy
    assert anatomy.toe_out_left_deg == 30.0 and anatomy.toe_out_right_deg is None
    assert anatomy.toe_out_deg == Anatomy().toe_out_deg


# --- the headline ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SYMMETRIC)
def test_a_symmetric_lifter_s_headline_is_unchanged(name):
    sweep = derive(AppState(anatomy=PRESETS[name].anatomy)).sweep
    assert not sides_differ(sweep) and sides_text(sweep) == ""


def test_the_headline_says_which_hip_stops_first_and_what_the_pelvis_does(window):
    window.apply_preset("Average lifter")
    window.flush()
    assert not window.headline.sides_label.isVisibleTo(window)
    assert window.headline.plain_text() == story(window.store.solution.sweep)
    window.apply_preset("One retroverted hip")
    window.flush()
    sweep = window.store.solution.sweep
    assert sweep.first_stop_side == "r" and sweep.hip_stop_onset_l is None
    text = window.headline.sides_label.text()
    assert window.headline.sides_label.isVisibleTo(window) and text == window.headline.sides_plain_text()
    shift = float(sweep.pelvic_shift_cm[-1])
    assert shift < -SIDE_TOLERANCE
    assert text == (f"The right hip meets its stop first, {at(sweep.hip_stop_onset_r.thigh_angle_deg)}; at the bottom "
                    f"the pelvis shifts {abs(shift):.1f} cm left.")
    assert window.headline.plain_text() == story(sweep)  # the story line itself is as before


def test_a_mirrored_lifter_s_sentence_swaps_left_and_right():
    anatomy = PRESETS["One stiff ankle"].anatomy
    text = sides_text(derive(AppState(anatomy=anatomy)).sweep)
    mirror = sides_text(derive(AppState(anatomy=mirrored(anatomy))).sweep)
    swapped = text.replace("left", "@").replace("right", "left").replace("@", "right")
    assert text and "turns" in text and "drops" in text and mirror == swapped


def test_pelvis_words_name_each_movement_and_its_direction():
    assert pelvis_words(0.0, 0.2, -0.4) == "stays centred and level"
    assert pelvis_words(2.14, 0.0, 0.0) == "shifts 2.1 cm right"
    assert pelvis_words(-3.0, 3.2, 1.0) == "shifts 3.0 cm left, turns 3° (right hip forward) and drops 1° on the left"
    assert pelvis_words(0.0, -4.0, -2.0) == "turns 4° (left hip forward) and drops 2° on the right"
    assert shift_words(0.04) == "centred"


# --- the plots -------------------------------------------------------------------------------------------
def test_a_symmetric_lifter_s_plots_show_one_hip_stop(window):
    plots = window.plots
    sweep = window.store.solution.sweep
    np.testing.assert_array_equal(_y(plots.stop_curve), np.asarray(sweep.hip_stop_deg))
    assert not plots.stop_curve_r.isVisible() and not any(lab.isVisible() for lab in plots.stop_labels.values())
    header = plots.angles_header.text()
    assert "Hip&nbsp;stop&nbsp;&nbsp;" in header and "Hip&nbsp;stop:" not in header
    assert not plots.shift_text.isVisible()


def test_different_sides_plot_each_hip_s_stop_and_the_pelvic_shift(window):
    window.apply_preset("One retroverted hip")
    window.store.set_depth_fraction(1.0)
    window.flush()
    plots, solution = window.plots, window.store.solution
    sweep = solution.sweep
    np.testing.assert_array_equal(_y(plots.stop_curve), np.asarray(sweep.hip_stop_l_deg))
    np.testing.assert_array_equal(_y(plots.stop_curve_r), np.asarray(sweep.hip_stop_r_deg))
    assert plots.stop_curve_r.isVisible() and plots.stop_labels["L"].isVisible()
    assert plots.stop_labels["R"].pos().y() == pytest.approx(float(sweep.hip_stop_r_deg[-1]))
    header = plots.angles_header.text()
    assert "Hip&nbsp;stop:&nbsp;L" in header and "&nbsp;R" in header
    assert plots.shift_text.isVisible()
    assert plots.shift_text.text() == f"Pelvis shift: {abs(solution.pose.pelvic_shift_cm):.1f} cm left"
    window.store.set_depth_fraction(0.0)  # standing: centred
    window.flush()
    assert plots.shift_text.text() == "Pelvis shift: none"
    window.apply_preset("Average lifter")  # back to one curve
    window.flush()
    assert not plots.stop_curve_r.isVisible() and not plots.shift_text.isVisible()
    np.testing.assert_array_equal(_y(plots.stop_curve), np.asarray(window.store.solution.sweep.hip_stop_deg))


def test_one_side_override_from_the_api_shows_everywhere(window):
    anatomy = with_sides(Anatomy(), "alpha_angle_deg", 42.0, 70.0)
    window.store.set_anatomy(anatomy)
    window.flush()
    row = window.controls.sided["alpha_angle_deg"]
    assert row.switch.isChecked() and row.sides["right"].value() == 70.0
    assert getattr(window.store.state.anatomy, side_name("alpha_angle_deg", "right")) == 70.0
    assert window.headline.sides_label.isVisibleTo(window) == sides_differ(window.store.solution.sweep)
