"""Run-time reshaping of femur and hip bone: right direction, same frame, mirror, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from viewer.meshgen import femur, parametric, pelvis
from viewer.meshgen.mesh import edge_counts, normals_array, points_of, triangles_of


@pytest.fixture(scope="module")
def femur_base(rig):
    return points_of(rig.mesh("femur_r"))


@pytest.fixture(scope="module")
def hip_base(rig):
    return points_of(rig.mesh("pelvis_r"))


def _fit_sphere(p):
    a = np.column_stack((2 * p, np.ones(len(p))))
    b = (p * p).sum(axis=1)
    sol = np.linalg.lstsq(a, b, rcond=None)[0]
    centre = sol[:3]
    return centre, math.sqrt(sol[3] + centre @ centre)


def _head_indices(base):
    """Vertices on the far cap of the femoral head (away from the neck)."""
    n = femur.design(130.0, 12.0).neck_dir
    r = np.linalg.norm(base, axis=1)
    return np.where((np.abs(r - femur.HEAD_RADIUS_M) < 0.0015) & (base @ n > 0.3 * femur.HEAD_RADIUS_M))[0]


def _neck_indices(base):
    d = femur.design(130.0, 12.0)
    rel = base - d.neck_base
    s = rel @ d.neck_dir / femur.NECK_LENGTH_M
    rho = np.linalg.norm(rel - np.outer(rel @ d.neck_dir, d.neck_dir), axis=1)
    return np.where((s > 0.45) & (s < 0.65) & (rho < 0.02))[0]


def test_defaults_reproduce_the_committed_meshes(rig, femur_base, hip_base):
    assert np.array_equal(points_of(parametric.femur_mesh(130, 12, 42, "r")), femur_base)
    assert np.array_equal(points_of(parametric.hip_bone_mesh(28, 20, "r")), hip_base)
    assert np.array_equal(points_of(parametric.femur_mesh(130, 12, 42, "l")), points_of(rig.mesh("femur_l")))
    assert np.array_equal(points_of(parametric.hip_bone_mesh(28, 20, "l")), points_of(rig.mesh("pelvis_l")))


@pytest.mark.parametrize("nsa, av", [(115, 12), (145, 12), (130, -20), (130, 45), (120, 30)])
def test_femur_keeps_head_at_origin_and_knee_in_place(femur_base, nsa, av):
    p = points_of(parametric.femur_mesh(nsa, av, 42, "r"))
    centre, radius = _fit_sphere(p[_head_indices(femur_base)])
    assert np.linalg.norm(centre) < 0.001
    assert radius == pytest.approx(femur.HEAD_RADIUS_M, abs=0.001)
    distal = femur_base[:, 1] < femur.design(130, 12).knee[1] + 0.05
    assert np.allclose(p[distal], femur_base[distal], atol=2e-5)


def _neck_angles(p, idx):
    """Transverse angle (deg, + anterior) and elevation (deg) of the head → neck direction."""
    v = p[idx].mean(axis=0)
    v = -v / np.linalg.norm(v)  # neck → head
    transverse = math.degrees(math.atan2(v[0], -v[2]))
    elevation = math.degrees(math.atan2(v[1], math.hypot(v[0], v[2])))
    return transverse, elevation


def test_more_anteversion_points_the_neck_forward(femur_base):
    idx = _neck_indices(femur_base)
    angles = [_neck_angles(points_of(parametric.femur_mesh(130, av, 42, "r")), idx)[0] for av in (-20, 0, 12, 30, 45)]
    assert all(a < b for a, b in zip(angles, angles[1:], strict=False))
    assert angles[-1] - angles[0] == pytest.approx(65.0, abs=8.0)


def test_higher_neck_shaft_angle_raises_the_neck(femur_base):
    idx = _neck_indices(femur_base)
    elev = [_neck_angles(points_of(parametric.femur_mesh(nsa, 12, 42, "r")), idx)[1] for nsa in (115, 130, 145)]
    assert elev[0] < elev[1] < elev[2]
    assert elev[2] - elev[0] == pytest.approx(30.0, abs=6.0)


def test_cam_bump_grows_with_alpha_angle(femur_base):
    d = femur.design(130, 12)
    down = -d.neck_dir
    ant = np.array([1.0, 0.0, 0.0])
    r0 = np.linalg.norm(femur_base, axis=1)
    gamma = np.degrees(np.arccos(np.clip(femur_base @ down / r0, -1, 1)))
    zone = (gamma > 35) & (gamma < 65) & (femur_base @ ant > 0.005) & (r0 < 0.04)
    radii = [np.linalg.norm(points_of(parametric.femur_mesh(130, 12, a, "r"))[zone], axis=1).max()
             for a in (42, 60, 80)]
    assert radii[0] < radii[1] < radii[2]
    assert radii[2] > femur.HEAD_RADIUS_M + 0.002


def _lateral_rim(p):
    """Measured LCE (deg) and lowest lateral rim point of the socket in the frontal plane."""
    r = np.linalg.norm(p, axis=1)
    inner = (np.abs(p[:, 0]) < 0.004) & (r < pelvis.CUP_INNER_M + 0.003) & (p[:, 1] > 0)
    ang = np.degrees(np.arctan2(p[inner, 2], p[inner, 1]))
    return ang.max(), p[inner, 2].max()


def test_socket_depth_follows_lce(hip_base):
    measured, lateral = [], []
    for lce in (10, 20, 28, 40, 50):
        lce_m, z = _lateral_rim(points_of(parametric.hip_bone_mesh(lce, 20, "r")))
        assert lce_m == pytest.approx(lce, abs=4.0)
        measured.append(lce_m)
        lateral.append(z)
    assert all(a < b for a, b in zip(measured, measured[1:], strict=False))
    assert all(a < b for a, b in zip(lateral, lateral[1:], strict=False)), "rim reaches further laterally"


def test_higher_lce_covers_more_of_the_head(hip_base):
    def covered(p):
        r = np.linalg.norm(p, axis=1)
        inner = p[np.abs(r - pelvis.CUP_INNER_M) < 0.0012]
        cos = inner @ pelvis.opening_axis(20) / np.linalg.norm(inner, axis=1)
        return inner.shape[0], np.degrees(np.arccos(np.clip(cos, -1, 1))).min()

    _, rim_shallow = covered(points_of(parametric.hip_bone_mesh(12, 20, "r")))
    _, rim_deep = covered(points_of(parametric.hip_bone_mesh(45, 20, "r")))
    assert rim_deep < rim_shallow - 20.0, "deeper socket: the rim comes closer to the opening axis"


def test_acetabular_version_turns_the_socket_forward(hip_base):
    def opening(p):
        """Direction the socket faces: away from the centroid of its inner surface."""
        r = np.linalg.norm(p, axis=1)
        c = p[np.abs(r - pelvis.CUP_INNER_M) < 0.0012].mean(axis=0)
        return -c / np.linalg.norm(c)

    dirs = [opening(points_of(parametric.hip_bone_mesh(28, v, "r"))) for v in (0, 20, 35)]
    facing = [math.degrees(math.atan2(d[0], d[2])) for d in dirs]
    assert facing[0] < facing[1] < facing[2]
    assert facing[2] - facing[0] == pytest.approx(35.0, abs=10.0)


def test_far_parts_of_the_hip_bone_do_not_move(hip_base):
    p = points_of(parametric.hip_bone_mesh(45, 5, "r"))
    far = np.linalg.norm(hip_base, axis=1) > pelvis.CUP_OUTER_M + 0.023
    assert far.sum() > 0.5 * len(hip_base)
    assert np.allclose(p[far], hip_base[far], atol=2e-5)


def test_left_is_mirror_and_mesh_stays_clean(rig):
    r = parametric.hip_bone_mesh(40, 10, "r")
    left = parametric.hip_bone_mesh(40, 10, "l")
    assert np.allclose(points_of(left), points_of(r) * [1, 1, -1], atol=1e-6)
    assert np.array_equal(triangles_of(left), triangles_of(r)[:, ::-1])
    for poly in (r, parametric.femur_mesh(115, 40, 80, "l")):
        assert edge_counts(poly) == (0, 0) or sum(edge_counts(poly)) < 5
        assert normals_array(poly) is not None


@pytest.mark.parametrize("call", [
    lambda: parametric.femur_mesh(130, 12, 42, "x"),
    lambda: parametric.femur_mesh(100, 12, 42, "r"),
    lambda: parametric.femur_mesh(130, float("nan"), 42, "r"),
    lambda: parametric.hip_bone_mesh(60, 20, "l"),
    lambda: parametric.hip_bone_mesh(28, -5, "r"),
])
def test_bad_input_raises_a_clear_error(call):
    with pytest.raises(ValueError):
        call()
