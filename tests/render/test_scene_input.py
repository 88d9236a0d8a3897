"""The scene's one entry: a SceneInput built from the app's state and solution, shown by Scene.show."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from poses import deep_tucked, standing

from viewer.model.anatomy import Anatomy
from viewer.render.scene_input import SceneInput, ViewFlags
from viewer.state import AppState, derive


def test_the_input_of_a_state_carries_its_flags_camera_and_the_sweep_s_onsets():
    state = AppState(Anatomy(), 40.0, show_labels=True, show_muscles=False, show_ghost=False, show_angles=False,
                     transparent_pelvis=True, camera="hip")
    solution = derive(state)
    inp = SceneInput.of(state, solution)
    assert inp.flags == ViewFlags(bone_labels=True, angle_readouts=False, muscles=False, ghost=False,
                                  transparent_pelvis=True)
    assert (inp.flags.legend, inp.flags.floor, inp.flags.lumbar_curve) == (True, True, True)  # always shown
    assert inp.camera == "hip" and inp.anatomy is state.anatomy and inp.pose is solution.pose
    assert inp.tuck_onset_deg == solution.sweep.tuck_onset.thigh_angle_deg
    assert inp.rounding_onset_deg == solution.sweep.rounding_onset.thigh_angle_deg
    no_sweep = SceneInput.from_sweep(state.anatomy, solution.pose, None)
    assert (no_sweep.tuck_onset_deg, no_sweep.rounding_onset_deg) == (None, None)


def test_an_unknown_camera_is_refused():
    a = Anatomy()
    with pytest.raises(ValueError, match="unknown camera preset 'ceiling'"):
        SceneInput(a, standing(a), camera="ceiling")


def test_show_jumps_to_the_input_s_camera_and_the_close_up_follows_the_hip(offscreen):
    scene, a = offscreen.scene, offscreen.anatomy
    flags = ViewFlags(angle_readouts=False)
    scene.show(SceneInput(a, standing(a), flags=flags, camera="front"))
    assert scene.camera_name == "front"
    np.testing.assert_allclose(scene.current_camera().position, scene.camera_pose("front").position, atol=1e-9)
    inp = SceneInput(a, standing(a), flags=flags, camera="hip")
    scene.show(inp)
    at_standing = np.array(scene.current_camera().focal_point)
    scene.show(dataclasses.replace(inp, pose=deep_tucked(a)))  # the same preset: the close-up follows the hip
    np.testing.assert_allclose(scene.current_camera().position, scene.camera_pose("hip").position, atol=1e-9)
    assert np.linalg.norm(np.array(scene.current_camera().focal_point) - at_standing) > 0.05
    assert scene.input.pose is scene.pose and scene.flags == flags
