"""Labels never overlap: the pure spread and the bone names in the 3D view."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from poses import deep_tucked

from viewer.render.label_layout import overlaps, spread
from viewer.render.scene_input import SceneInput, ViewFlags


def _box(x: float, y: float, w: float = 80.0, h: float = 20.0) -> tuple[float, float, float, float]:
    return (x, y, x + w, y + h)


def _moved(box, dy):
    return (box[0], box[1] + dy, box[2], box[3] + dy)


def test_clear_labels_stay_and_a_clash_moves_the_least_it_can():
    fixed = [_box(0, 0)]
    assert spread(fixed, [_box(200, 0), _box(0, 100)]) == [0.0, 0.0]
    # overlapping the fixed box from slightly above: the smaller move is up, to 2 px above it
    (dy,) = spread(fixed, [_box(10, 15)])
    assert dy == 20.0 + 2.0 - 15.0
    (dy,) = spread(fixed, [_box(10, -15)])  # from slightly below: down
    assert dy == -(20.0 + 2.0 - 15.0)


def test_three_names_on_one_spot_end_up_stacked_without_overlap():
    same = [_box(0, 0)] * 3
    shifts = spread([], same)
    placed = [_moved(b, dy) for b, dy in zip(same, shifts, strict=True)]
    assert shifts[0] == 0.0 and not overlaps(placed)
    assert sorted(abs(s) for s in shifts) == [0.0, 22.0, 22.0]


boxes = st.tuples(st.floats(-500, 500), st.floats(-500, 500), st.floats(5, 200), st.floats(5, 40)).map(
    lambda t: _box(*t))


@settings(max_examples=300, deadline=None)
@given(st.lists(boxes, max_size=6), st.lists(boxes, max_size=12))
def test_after_spreading_no_moved_label_overlaps_anything(fixed, movable):
    shifts = spread(fixed, movable)
    assert len(shifts) == len(movable)
    moved = [_moved(b, dy) for b, dy in zip(movable, shifts, strict=True)]
    everything = list(fixed) + moved
    assert not [p for p in overlaps(everything) if p[1] >= len(fixed)]
    assert all(b[0] == m[0] and b[2] == m[2] for b, m in zip(movable, moved, strict=True))  # only vertical moves


def test_bone_names_and_angle_readouts_do_not_overlap_in_the_view(offscreen):
    """Deep squat, side view: the femur's and the hip bone's origins are the same point (the hip),
    their names used to print on top of each other; the knee readout sat under two names."""
    scene = offscreen.scene
    flags = ViewFlags(angle_readouts=True, bone_labels=True, muscles=False, ghost=False, legend=False, floor=False)
    pose = deep_tucked(offscreen.anatomy)
    scene.show(SceneInput(offscreen.anatomy, pose, tuck_onset_deg=0.0, flags=flags, camera="side"))
    offscreen.grab()
    names, readouts = scene.bone_labels.boxes(), scene.angle_labels.boxes()
    assert {"femur_r", "pelvis_r", "tibia_r"} <= set(names) and len(readouts) == 5
    assert overlaps(list(names.values()) + list(readouts.values())) == []
    # the femur's name is anchored half-way down the thigh, not at the hip joint
    anchor = np.asarray(scene.bone_labels._anchors["femur_r"].GetValue(), float)
    hip = np.asarray(pose.joints["hip_r"], float)
    knee = np.asarray(pose.joints["knee_r"], float)
    thigh = np.linalg.norm(knee - hip)
    assert 0.3 * thigh < np.linalg.norm(anchor - hip) and np.linalg.norm(anchor - knee) > 0.2 * thigh
