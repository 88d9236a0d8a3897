"""The manifest follows the rig contract: ids, parents, segments, joint centres, colours, budget."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

CONTRACT_SEGMENTS = {
    "pelvis", "thorax", "head", "l1", "l2", "l3", "l4", "l5", "barbell", "kettlebell",
    *(f"{s}_{side}" for s in ("foot", "shank", "thigh", "patella", "upper_arm", "forearm", "hand", "heel_plate")
      for side in ("l", "r")),
}
REQUIRED = {"skull", "mandible", "cervical_spine", "thoracic_spine", "rib_cage", "l1", "l2", "l3", "l4", "l5",
            "sacrum", "barbell", "kettlebell"} | {
    f"{b}_{s}" for b in ("pelvis", "femur", "patella", "tibia", "fibula", "foot", "clavicle", "scapula", "humerus",
                         "forearm", "hand", "heel_plate") for s in ("l", "r")}
PROPS = {"barbell", "kettlebell", "heel_plate_l", "heel_plate_r"}


def test_every_required_bone_is_listed_once(rig):
    assert set(rig.ids) == REQUIRED
    assert len(rig.ids) == len(set(rig.ids))


def test_ids_follow_one_scheme(rig):
    for b in rig.bones:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", b.id), b.id
        if b.id.endswith(("_l", "_r")) and b.id not in PROPS:
            assert b.segment.endswith(b.id[-2:]) or b.segment in ("thorax", "pelvis"), (b.id, b.segment)


def test_segments_are_the_contract_segments(rig):
    assert {b.segment for b in rig.bones} == CONTRACT_SEGMENTS
    assert set(rig.segments) == CONTRACT_SEGMENTS


def test_parents_exist_and_form_a_tree(rig):
    ids = set(rig.ids)
    for b in rig.bones:
        if b.parent is None:
            continue
        assert b.parent in ids
        assert b.parent.endswith("_l") == b.id.endswith("_l") or not b.parent.endswith(("_l", "_r"))
    roots = {b.id for b in rig.bones if b.parent is None}
    assert roots == {"sacrum"} | PROPS


def test_colours_and_labels(rig):
    for b in rig.bones:
        assert all(0.0 <= c <= 1.0 for c in b.colour)
        assert b.label and b.label[0].isupper()
        if b.id not in PROPS:
            r, g, bl = b.colour
            assert r > 0.85 and r >= g >= bl, f"{b.id} should be bone ivory, got {b.colour}"
    assert len({b.label for b in rig.bones}) == len(rig.bones)


def test_left_right_joint_centres_mirror(rig):
    for b in rig.bones:
        if b.id.endswith("_r"):
            left = rig.bone(b.id[:-2] + "_l")
            assert np.allclose(left.joint_centre, np.array(b.joint_centre) * [1, 1, -1], atol=1e-9)
            assert b.joint_centre[2] > 0, f"{b.id} should be on the right (+z)"
            assert left.colour == b.colour


def test_joint_centres_match_landmarks(rig, landmarks):
    _, lm = landmarks
    for side in ("l", "r"):
        assert np.allclose(rig.bone(f"femur_{side}").joint_centre, lm[f"hip_{side}"], atol=1e-6)
        assert np.allclose(rig.bone(f"pelvis_{side}").joint_centre, lm[f"hip_{side}"], atol=1e-6)
        assert np.allclose(rig.bone(f"tibia_{side}").joint_centre, lm[f"knee_{side}"], atol=1e-6)
        assert np.allclose(rig.bone(f"foot_{side}").joint_centre, lm[f"ankle_{side}"], atol=1e-6)
        assert np.allclose(rig.bone(f"humerus_{side}").joint_centre, lm[f"shoulder_{side}"], atol=1e-6)
    assert np.allclose(rig.bone("l5").joint_centre, lm["lumbosacral"], atol=1e-6)
    assert np.allclose(rig.bone("cervical_spine").joint_centre, lm["neck"], atol=1e-6)


def test_segment_origins_agree_with_kinematics(rig):
    kin = pytest.importorskip("viewer.model.kinematics")
    ref = kin.reference_origins()
    for sid, seg in rig.segments.items():
        if sid in ref:
            assert np.allclose(seg.origin_m, ref[sid], atol=1e-6), sid
    for b in rig.bones:
        if b.segment in ref and b.id in ("l1", "l2", "l3", "l4", "l5"):
            assert np.allclose(b.joint_centre, ref[b.segment], atol=1e-6)


def test_triangle_budget(rig, meshes):
    counts = {b.id: meshes[b.id].GetNumberOfCells() for b in rig.bones}
    for b in rig.bones:
        assert b.triangles == counts[b.id], f"manifest triangle count of {b.id} is stale"
    total = sum(counts.values())
    bones_only = sum(v for k, v in counts.items() if k not in PROPS)
    assert total <= 60_000
    assert bones_only <= 45_500
    # the story bones get the most detail
    for story in ("l3", "pelvis_r", "femur_r"):
        assert counts[story] >= 1_200
    assert counts["pelvis_r"] > counts["humerus_r"] and counts["femur_r"] > counts["tibia_r"]
    data = json.loads((rig.root / "manifest.json").read_text())
    assert data["total_triangles"] == total


def test_parametric_defaults_are_the_anatomy_defaults(rig):
    from viewer.model.anatomy import Anatomy

    a = Anatomy()
    for group in rig.parametric.values():
        for name, value in group.items():
            assert getattr(a, name) == value
