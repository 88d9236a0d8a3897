"""Every mesh loads, is closed with outward normals, mirrors its partner and sits where the body is."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.meshgen.mesh import edge_counts, normals_array, points_of, triangles_of

PROPS = {"barbell", "kettlebell", "heel_plate_l", "heel_plate_r"}


def _signed_volume(poly):
    p = points_of(poly)
    t = triangles_of(poly)
    return float(np.einsum("ij,ij->i", p[t[:, 0]], np.cross(p[t[:, 1]], p[t[:, 2]])).sum() / 6.0)


def test_mesh_files_exist_and_hold_triangles(rig, meshes):
    for b in rig.bones:
        assert rig.mesh_path(b.id).is_file()
        assert rig.mesh_path(b.id).stat().st_size < 120_000, f"{b.id} mesh file is large"
        assert meshes[b.id].GetNumberOfCells() > 10


def test_meshes_are_closed_manifold_with_unit_outward_normals(rig, meshes):
    for b in rig.bones:
        poly = meshes[b.id]
        boundary, non_manifold = edge_counts(poly)
        edges = 1.5 * poly.GetNumberOfCells()
        # decimation may pinch a thin tip here and there: a handful of edges, never a hole
        assert boundary <= 0.005 * edges, f"{b.id}: {boundary} open edges"
        assert non_manifold <= 0.005 * edges, f"{b.id}: {non_manifold} non-manifold edges"
        n = normals_array(poly)
        assert n is not None and n.shape == (poly.GetNumberOfPoints(), 3), b.id
        assert np.allclose(np.linalg.norm(n, axis=1), 1.0, atol=1e-3), b.id
        assert _signed_volume(poly) > 0, f"{b.id} is inside out"


def test_left_is_the_exact_mirror_of_right(rig, meshes):
    for b in rig.bones:
        if not b.id.endswith("_r"):
            continue
        right, left = points_of(meshes[b.id]), points_of(meshes[b.id[:-2] + "_l"])
        assert right.shape == left.shape
        assert np.array_equal(left, right * np.array([1.0, 1.0, -1.0], dtype=np.float32)), b.id
        assert abs(_signed_volume(meshes[b.id]) - _signed_volume(meshes[b.id[:-2] + "_l"])) < 1e-9


def _bbox(world_points, bone_id):
    p = world_points[bone_id]
    return p.min(axis=0), p.max(axis=0)


@pytest.mark.parametrize("side", ["l", "r"])
def test_leg_bones_span_their_segments(world_points, landmarks, side):
    seg, lm = landmarks
    hip, knee, ankle = lm[f"hip_{side}"], lm[f"knee_{side}"], lm[f"ankle_{side}"]
    lo, hi = _bbox(world_points, f"femur_{side}")
    assert hip[1] + 0.005 < hi[1] < hip[1] + 0.03  # greater trochanter / head top
    assert knee[1] - 0.035 < lo[1] < knee[1] - 0.01  # condyles below the knee centre
    assert lo[2] < hip[2] < hi[2]
    lo, hi = _bbox(world_points, f"tibia_{side}")
    assert knee[1] - 0.04 < hi[1] < knee[1] - 0.02 and ankle[1] - 0.02 < lo[1] < ankle[1]
    lo, hi = _bbox(world_points, f"foot_{side}")
    assert 0.0 <= lo[1] < 0.01, "foot bones rest just above the floor"
    assert lm[f"toe_{side}"][0] - 0.03 < hi[0] <= lm[f"toe_{side}"][0]
    assert lm[f"heel_{side}"][0] <= lo[0] < lm[f"heel_{side}"][0] + 0.02
    lo, hi = _bbox(world_points, f"patella_{side}")
    assert lo[0] > knee[0] + 0.02 and lo[1] < knee[1] + 0.03 < hi[1]
    # the femoral head sits in the socket: nearly all head vertices lie within the cup radius
    from viewer.meshgen.pelvis import CUP_INNER_M

    cup = world_points[f"pelvis_{side}"] - hip
    r = np.linalg.norm(cup, axis=1)
    assert np.sum(np.abs(r - CUP_INNER_M) < 0.0015) > 50, "inner socket surface around the hip centre"


def test_skull_on_top_and_feet_at_the_bottom(world_points, landmarks):
    seg, lm = landmarks
    tops = {k: v[:, 1].max() for k, v in world_points.items() if k not in PROPS}
    assert max(tops, key=tops.get) == "skull"
    assert seg.height_m - 0.03 < tops["skull"] < seg.height_m
    bottoms = {k: v[:, 1].min() for k, v in world_points.items() if k not in PROPS}
    assert min(bottoms, key=bottoms.get) in ("foot_l", "foot_r")


def test_lumbar_vertebrae_in_order_with_lordosis(world_points, landmarks):
    _, lm = landmarks
    ls, tl = lm["lumbosacral"], lm["thoracolumbar"]
    centres = {f"l{i}": world_points[f"l{i}"].mean(axis=0) for i in range(1, 6)}
    ys = [centres[f"l{i}"][1] for i in (5, 4, 3, 2, 1)]
    assert all(a < b for a, b in zip(ys, ys[1:], strict=False))
    assert ls[1] < ys[0] and ys[-1] < tl[1]
    for i in range(1, 6):
        lo, hi = world_points[f"l{i}"].min(axis=0), world_points[f"l{i}"].max(axis=0)
        assert 0.080 < hi[0] - lo[0] < 0.100, "body front to spinous tip ≈ 85–95 mm"
        assert 0.065 < hi[2] - lo[2] < 0.095, "transverse-process span 70–90 mm"
        assert abs(lo[2] + hi[2]) < 1e-3, "symmetric about the midline"
    # lordosis: the mid-lumbar bodies are further forward than L1 and L5, and L5 leans forward
    front = {k: world_points[k][:, 0].max() for k in centres}
    assert front["l3"] > front["l1"] + 0.005 and front["l3"] > front["l5"]


def test_trunk_and_arms_in_place(world_points, landmarks):
    seg, lm = landmarks
    lo, hi = _bbox(world_points, "rib_cage")
    assert 0.26 < hi[2] - lo[2] < 0.32, "rib cage width ≈ 290 mm"
    assert 0.17 < hi[0] - lo[0] < 0.24, "rib cage depth ≈ 200 mm"
    assert lm["thoracolumbar"][1] - 0.08 < lo[1] and hi[1] < lm["neck"][1] + 0.01  # costal margin ≈ L2
    lo, hi = _bbox(world_points, "pelvis_r")
    assert 0.19 < hi[1] - lo[1] < 0.25, "hip-bone height ≈ 210–225 mm"
    both = np.vstack([world_points["pelvis_l"], world_points["pelvis_r"]])
    assert 0.25 < np.ptp(both[:, 2]) < 0.31, "bi-iliac breadth ≈ 280 mm"
    for side in ("l", "r"):
        sh = lm[f"shoulder_{side}"]
        lo, hi = _bbox(world_points, f"humerus_{side}")
        assert abs(hi[1] - (sh[1] + 0.023)) < 0.01 and abs(lo[1] - (sh[1] - seg.upper_arm_length_m)) < 0.03
        lo, hi = _bbox(world_points, f"hand_{side}")
        wrist_y = sh[1] - seg.upper_arm_length_m - seg.forearm_length_m
        assert abs(lo[1] - (wrist_y - seg.hand_length_m)) < 0.02


def test_props_have_their_reference_size(world_points, meshes, rig):
    bar = points_of(meshes["barbell"])
    assert abs(np.ptp(bar[:, 2]) - 2.2) < 1e-3 and abs(np.ptp(bar[:, 1]) - 0.45) < 0.01
    plate = points_of(meshes["heel_plate_r"])
    assert plate[:, 1].min() == pytest.approx(0.0, abs=1e-6)
    assert plate[:, 1].max() == pytest.approx(0.025, abs=1e-6)  # kinematics scales a 25 mm plate
    kb = points_of(meshes["kettlebell"])
    assert 0.20 < np.ptp(kb[:, 0]) < 0.23 and np.ptp(kb[:, 1]) > 0.25


def test_lumbar_bodies_leave_disc_spaces(world_points):
    """Adjacent vertebral bodies are one disc apart (bones.md §3: 10–13 mm mid-disc height)."""
    from viewer.meshgen import reference as ref

    levels = {v.name: v for v in ref.lumbar()}

    def body(name):
        v = levels[name]
        a = np.radians(v.lean_deg)
        forward = np.array([np.cos(a), -np.sin(a), 0.0])
        p = world_points[name]
        return p[(p - v.centre) @ forward > -0.012]

    for lower, upper in (("l5", "l4"), ("l4", "l3"), ("l3", "l2"), ("l2", "l1")):
        a, b = body(lower), body(upper)
        gap = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1)).min()
        assert 0.007 < gap < 0.015, f"{lower}–{upper} disc space {gap * 1000:.1f} mm"
