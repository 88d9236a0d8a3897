"""The per-frame fast paths of the kinematics agree with their plain forms.

``segment_frames`` works on float triples (``viewer.model.vec3``) and returns a ``FrameSet`` whose
blocks the bone matrices and the muscle paths use whole; the same functions given a plain dict of
``SegmentFrame``s take the general path. Both must give the same numbers, over the whole parameter
space and the whole depth range.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from anatomy_strategies import anatomies
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_kinematics import make_rig

from viewer.model import kinematics as kin
from viewer.model import vec3 as v3
from viewer.model.anatomy import Anatomy
from viewer.model.squat import sweep

finite = st.floats(-10.0, 10.0, allow_nan=False, allow_infinity=False)
vectors = st.tuples(finite, finite, finite).filter(lambda v: v3.norm(v) > 1e-3)


@settings(max_examples=300, deadline=None)
@given(vectors, vectors)
def test_vec3_arithmetic_matches_numpy(a, b):
    na, nb = np.array(a), np.array(b)
    np.testing.assert_allclose(v3.cross(a, b), np.cross(na, nb), atol=1e-12)
    assert v3.dot(a, b) == pytest.approx(float(na @ nb), abs=1e-12)
    assert v3.norm(a) == pytest.approx(float(np.linalg.norm(na)))
    np.testing.assert_allclose(v3.unit(a), na / np.linalg.norm(na), atol=1e-15)
    np.testing.assert_allclose(v3.add_scaled(a, b, 0.3), na + 0.3 * nb, atol=1e-12)
    np.testing.assert_allclose(v3.reject(a, v3.unit(b)), na - (na @ nb) / (nb @ nb) * nb, atol=1e-9)


@settings(max_examples=300, deadline=None)
@given(vectors, vectors)
@example((1.0, 0.0, 6.2160246541079944e-09), (1.0, 0.0, 0.0))  # a hint 6e-9 rad off y (found by hypothesis)
def test_vec3_frames_are_right_handed_orthonormal_and_keep_their_first_axis(a, b):
    cases = [(v3.frame_y_z(a, b), 1)]  # a hint along y falls back to another perpendicular
    if v3.norm(v3.cross(v3.unit(a), v3.unit(b))) > 1e-6:  # frame_x_y needs a hint off its x axis
        cases.append((v3.frame_x_y(a, b), 0))
    for axes, index in cases:
        r = np.array(axes).T  # columns x, y, z
        np.testing.assert_allclose(r.T @ r, np.eye(3), atol=1e-9)
        assert np.linalg.det(r) == pytest.approx(1.0, abs=1e-9)
        np.testing.assert_allclose(r[:, index], np.array(a) / np.linalg.norm(a), atol=1e-12)


def test_vec3_unit_of_a_zero_vector_falls_back_or_names_the_problem():
    assert v3.unit((0.0, 0.0, 0.0), fallback=v3.Z_AXIS) == v3.Z_AXIS
    with pytest.raises(ValueError, match="two joints coincide"):
        v3.unit((0.0, 0.0, 0.0))


@pytest.mark.parametrize("angle_deg", [-30.0, 0.0, 12.5, 90.0])
def test_vec3_sagittal_turn_matches_the_rotation_matrix(angle_deg):
    body = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
    a = math.radians(-angle_deg)
    expected = np.array([[math.cos(a), -math.sin(a), 0.0], [math.sin(a), math.cos(a), 0.0], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(np.array(v3.sagittal(body, angle_deg)).T, expected, atol=1e-15)


def _poses(anatomy: Anatomy, count: int):
    sw = sweep(anatomy)
    for angle in np.linspace(float(sw.thigh_angle_deg[0]), float(sw.thigh_angle_deg[-1]), count):
        yield sw.pose_at(float(angle))


@settings(max_examples=25, deadline=None)
@given(anatomies)
def test_frame_set_blocks_are_the_frames_and_fast_paths_equal_the_general_ones(anatomy):
    rig = kin.normalise_rig(make_rig())
    for pose in _poses(anatomy, 5):
        frames = kin.segment_frames(pose, anatomy)
        assert isinstance(frames, kin.FrameSet) and frames.names == tuple(frames)
        for k, name in enumerate(frames.names):
            assert np.array_equal(frames.rotations[k], frames[name].rotation)
            assert np.array_equal(frames.origins[k], frames[name].origin)
            assert np.array_equal(frames.scales[k], frames[name].scale)
        plain = dict(frames)  # not a FrameSet: the general path
        fast, slow = kin.matrices_from_frames(frames, rig), kin.matrices_from_frames(plain, rig)
        assert list(fast) == list(slow)
        for bone_id in fast:
            np.testing.assert_allclose(fast[bone_id], slow[bone_id], rtol=0.0, atol=1e-14)
            assert not fast[bone_id].flags.writeable
        paths_fast, paths_slow = kin.muscle_paths(pose, anatomy, frames), kin.muscle_paths(pose, anatomy, plain)
        assert list(paths_fast) == list(paths_slow)
        for key in paths_fast:
            assert paths_fast[key].shape == paths_slow[key].shape
            np.testing.assert_allclose(paths_fast[key], paths_slow[key], rtol=0.0, atol=1e-14)
            assert not paths_fast[key].flags.writeable


def test_ghost_frames_are_a_frame_set_and_their_matrices_match_the_general_path():
    anatomy = Anatomy()
    rig = kin.normalise_rig(make_rig())
    pose = sweep(anatomy).pose_at(80.0)
    ghost = kin.neutral_frames(pose, anatomy, 6.0)
    assert isinstance(ghost, kin.FrameSet) and set(ghost) == kin.GHOST_SEGMENTS
    fast = kin.neutral_matrices(pose, anatomy, rig, 6.0)
    specs = tuple(b for b in rig if b.segment in kin.GHOST_SEGMENTS)
    slow = kin.matrices_from_frames(dict(ghost), specs)
    assert set(fast) == set(slow) == {b.id for b in specs}
    for bone_id in fast:
        np.testing.assert_allclose(fast[bone_id], slow[bone_id], rtol=0.0, atol=1e-14)


def test_a_second_rig_with_other_bones_gets_its_own_matrices():
    """The matrix plans are looked up by the rig's identity: two rigs never share one."""
    anatomy = Anatomy()
    pose = sweep(anatomy).pose_at(30.0)
    frames = kin.segment_frames(pose, anatomy)
    full = kin.normalise_rig(make_rig())
    legs = kin.normalise_rig({b.id: b for b in full if b.segment.startswith(("thigh", "shank"))})
    m_full, m_legs = kin.matrices_from_frames(frames, full), kin.matrices_from_frames(frames, legs)
    assert set(m_legs) < set(m_full)
    for bone_id in m_legs:
        assert np.array_equal(m_legs[bone_id], m_full[bone_id])
    again = kin.matrices_from_frames(frames, full)  # the first rig again, after the second
    assert set(again) == set(m_full)
