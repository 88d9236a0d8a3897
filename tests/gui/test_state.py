"""The store: one writer, equal states skipped, undo/redo of exact states, drag coalescing."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from viewer.model.anatomy import Anatomy
from viewer.state import AppState, Store, derive


def _recorder(store: Store) -> list:
    seen: list = []
    store.stateChanged.connect(lambda state, solution: seen.append((state, solution)))
    return seen


def test_equal_state_is_skipped(qapp):
    store = Store()
    seen = _recorder(store)
    assert store.set_depth(store.state.thigh_angle_deg) is False
    assert store.set_anatomy_value("acetabular_lce_deg", store.state.anatomy.acetabular_lce_deg) is False
    assert seen == []


def test_one_change_emits_once_with_derived_solution(qapp):
    store = Store()
    seen = _recorder(store)
    store.set_anatomy_value("acetabular_lce_deg", 40.0)
    assert len(seen) == 1
    state, solution = seen[0]
    assert state.anatomy.acetabular_lce_deg == 40.0
    expected = derive(state)
    np.testing.assert_array_equal(solution.sweep.hip_flexion_deg, expected.sweep.hip_flexion_deg)
    assert solution.pose.hip_flexion_deg == expected.pose.hip_flexion_deg


def test_undo_redo_restore_exact_states(qapp):
    store = Store()
    states = [store.state]
    for name, value in (("acetabular_lce_deg", 40.0), ("ankle_dorsiflexion_deg", 20.0), ("load_position", "goblet"),
                        ("knees_behind_toes", True)):
        store.set_anatomy_value(name, value)
        states.append(store.state)
    for expected in reversed(states[:-1]):
        assert store.undo()
        assert store.state == expected
    assert not store.undo()
    for expected in states[1:]:
        assert store.redo()
        assert store.state == expected
    assert not store.redo()


def test_undo_keeps_the_view_settings(qapp):
    store = Store()
    store.set_anatomy_value("acetabular_lce_deg", 40.0)
    store.set_depth(-30.0)
    store.set_view(camera="front")
    store.undo()
    assert store.state == AppState(thigh_angle_deg=-30.0, camera="front")


def test_a_drag_is_one_undo_step(qapp):
    store = Store()
    before = store.state
    for value in (29.0, 30.0, 31.0, 32.0):
        store.set_anatomy_value("acetabular_lce_deg", value, gesture=True)
    store.end_edit()
    store.set_anatomy_value("acetabular_lce_deg", 33.0, gesture=True)  # next drag
    store.end_edit()
    assert store.undo() and store.state.anatomy.acetabular_lce_deg == 32.0
    assert store.undo() and store.state == before
    assert not store.can_undo


def test_a_drag_back_to_the_start_leaves_no_undo_step(qapp):
    store = Store()
    store.set_anatomy_value("toe_out_deg", 20.0, gesture=True)
    store.set_anatomy_value("toe_out_deg", 15.0, gesture=True)
    store.end_edit()
    assert not store.can_undo


def test_new_change_clears_redo(qapp):
    store = Store()
    store.set_anatomy_value("toe_out_deg", 20.0)
    store.undo()
    assert store.can_redo
    store.set_anatomy_value("toe_out_deg", 30.0)
    assert not store.can_redo


def test_invalid_values_raise_and_change_nothing(qapp):
    store = Store()
    before = store.state
    with pytest.raises(ValueError, match="acetabular_lce_deg"):
        store.set_anatomy_value("acetabular_lce_deg", 99.0)
    with pytest.raises(TypeError):
        store.set_anatomy_value("knees_behind_toes", "yes")
    with pytest.raises(KeyError):
        store.set_anatomy_value("no_such_parameter", 1.0)
    with pytest.raises(ValueError):
        store.set_depth(math.nan)
    with pytest.raises(ValueError):
        store.set_view(colour="red")
    with pytest.raises(ValueError):
        store.set_view(camera="fisheye")
    assert store.state == before and not store.can_undo


def test_derive_clamps_depth_to_the_reachable_range(qapp):
    state = AppState(thigh_angle_deg=90.0)
    solution = derive(state)
    assert solution.thigh_angle_deg == pytest.approx(float(solution.sweep.thigh_angle_deg[-1]))
    assert solution.depth_fraction == pytest.approx(1.0)
    standing = derive(AppState(thigh_angle_deg=-90.0))
    assert standing.depth_fraction == pytest.approx(0.0)


def test_depth_fraction_round_trip(qapp):
    store = Store()
    store.set_depth_fraction(0.5)
    angles = store.solution.sweep.thigh_angle_deg
    assert store.state.thigh_angle_deg == pytest.approx(0.5 * (angles[0] + angles[-1]))
    assert store.solution.depth_fraction == pytest.approx(0.5)


def test_compare_derives_the_frozen_anatomy_at_the_same_depth(qapp):
    store = Store(AppState(thigh_angle_deg=-20.0))
    store.freeze_compare()
    frozen = store.state.anatomy
    store.set_anatomy_value("ankle_dorsiflexion_deg", 15.0)
    solution = store.solution
    assert store.state.compare_anatomy == frozen
    expected = derive(AppState(anatomy=frozen, thigh_angle_deg=-20.0))
    assert solution.compare_pose.hip_flexion_deg == expected.pose.hip_flexion_deg
    store.clear_compare()
    assert store.solution.compare_sweep is None
    store.undo()
    assert store.state.compare_anatomy == frozen


def test_appstate_rejects_bad_values():
    with pytest.raises(TypeError):
        AppState(anatomy={"height_m": 1.8})
    with pytest.raises(ValueError):
        AppState(thigh_angle_deg=math.inf)
    with pytest.raises(ValueError):
        AppState(camera="nowhere")
    with pytest.raises(TypeError):
        AppState(show_labels=1)
    assert dataclasses.replace(AppState(), anatomy=Anatomy(height_m=1.9)).anatomy.height_m == 1.9


def test_edit_finished_once_per_drag_and_per_settled_change(qapp):
    store = Store()
    finished = []
    store.editFinished.connect(lambda: finished.append(store.state.anatomy))
    for value in (29.0, 30.0, 31.0):
        store.set_anatomy_value("acetabular_lce_deg", value, gesture=True)
    assert finished == []  # nothing expensive while dragging
    store.end_edit()
    assert len(finished) == 1 and finished[0].acetabular_lce_deg == 31.0
    store.set_anatomy(Anatomy(height_m=1.9))  # a preset or profile
    assert len(finished) == 2
    store.set_depth(-10.0)  # depth is not an anatomy change
    assert len(finished) == 2
    store.undo()
    assert len(finished) == 3 and finished[-1].acetabular_lce_deg == 31.0


def test_history_changed_is_sent_only_when_undo_or_redo_availability_changes(qapp):
    store = Store()
    sent: list[tuple[bool, bool]] = []
    store.historyChanged.connect(lambda can_undo, can_redo: sent.append((can_undo, can_redo)))
    for fraction in (0.2, 0.5, 0.8):  # depth scrubs are not undo steps: nothing to tell
        store.set_depth_fraction(fraction)
    store.set_view(show_labels=False)
    assert sent == []
    store.set_anatomy_value("acetabular_lce_deg", 25.0)
    store.set_anatomy_value("acetabular_lce_deg", 30.0)  # still (can undo, cannot redo)
    assert sent == [(True, False)]
    store.undo()
    assert sent[-1] == (True, True)
    store.undo()
    assert sent[-1] == (False, True)
    store.set_depth_fraction(0.3)
    assert len(sent) == 3
    store.clear_history()
    assert sent[-1] == (False, False) and (store.can_undo, store.can_redo) == (False, False)
    store.clear_history()  # nothing changed: nothing sent
    assert len(sent) == 4
