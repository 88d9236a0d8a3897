"""The bone list: id, parent, segment, joint centre, label, colour, triangle budget and builder.

Right-side bones are built; left-side bones are their exact mirror images (z → −z). Joint
centres are world positions in the reference standing pose (metres); each builder returns its
mesh in the bone frame (origin at the joint centre, world axes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from viewer.model.params import spec

from . import arm, femur, foot, leg, pelvis, props, ribcage, skull, spine
from . import reference as ref

IVORY = (0.93, 0.90, 0.82)
IVORY_SPINE = (0.95, 0.92, 0.84)
IVORY_DARK = (0.90, 0.86, 0.77)
STEEL = (0.55, 0.57, 0.60)
IRON = (0.25, 0.25, 0.27)
WOOD = (0.62, 0.45, 0.28)

Builder = Callable[[np.ndarray, int], vtkPolyData]


@dataclass(frozen=True)
class BoneDef:
    """One manifest entry before meshing. ``mirror_of``: build by mirroring that (right) bone."""

    id: str
    parent: str | None
    segment: str
    joint_centre: tuple[float, float, float]
    label: str
    colour: tuple[float, float, float]
    triangles: int
    build: Builder | None
    mirror_of: str | None = None


def _t(v: np.ndarray) -> tuple[float, float, float]:
    return (round(float(v[0]), 6), round(float(v[1]), 6), round(float(v[2]), 6))


def _mirror(v: tuple[float, float, float]) -> tuple[float, float, float]:
    return (v[0], v[1], -v[2] if v[2] != 0 else 0.0)


def _local(fn: Callable[[int], vtkPolyData]) -> Builder:
    return lambda _jc, tri: fn(tri)


def bones() -> list[BoneDef]:
    """All bones and props, right before left, parents before children."""
    segs = ref.segment_origins()
    lm = {k: ref.landmark(k) for k in ("lumbosacral", "thoracolumbar", "neck", "hip_r", "knee_r", "ankle_r", "heel_r")}
    arm_r = ref.arm_joints("r")
    out: list[BoneDef] = [
        BoneDef("sacrum", None, "pelvis", _t(lm["lumbosacral"]), "Sacrum and coccyx", IVORY_DARK, 1400, pelvis.sacrum),
        BoneDef("pelvis_r", "sacrum", "pelvis", _t(lm["hip_r"]), "Right hip bone", IVORY, 3200,
                _local(pelvis.hip_bone_r)),
    ]
    parent = "sacrum"
    for level in (5, 4, 3, 2, 1):
        out.append(BoneDef(f"l{level}", parent, f"l{level}", _t(segs[f"l{level}"][1]), f"L{level} vertebra",
                           IVORY_SPINE, 1500, lambda jc, tri, lv=level: spine.lumbar_vertebra(lv, jc, tri)))
        parent = f"l{level}"
    out += [
        BoneDef("thoracic_spine", "l1", "thorax", _t(lm["thoracolumbar"]), "Thoracic spine (T1–T12)", IVORY_SPINE,
                2200, spine.thoracic_spine),
        BoneDef("rib_cage", "thoracic_spine", "thorax", _t(lm["thoracolumbar"]), "Rib cage and sternum", IVORY, 4400,
                ribcage.rib_cage),
        BoneDef("cervical_spine", "thoracic_spine", "head", _t(lm["neck"]), "Cervical spine (C1–C7)", IVORY_SPINE,
                1000, spine.cervical_spine),
        BoneDef("skull", "cervical_spine", "head", _t(ref.skull_base()), "Skull", IVORY, 2400, skull.skull),
        BoneDef("mandible", "skull", "head", _t(skull.tmj_centre()), "Mandible", IVORY, 600, skull.mandible),
        BoneDef("clavicle_r", "rib_cage", "thorax", _t(arm.sc_joint_r()), "Right clavicle", IVORY, 250,
                _local(arm.clavicle_r)),
        BoneDef("scapula_r", "clavicle_r", "thorax", _t(arm_r["shoulder"]), "Right scapula", IVORY, 600,
                _local(arm.scapula_r)),
        BoneDef("humerus_r", "scapula_r", "upper_arm_r", _t(arm_r["shoulder"]), "Right humerus", IVORY, 700,
                _local(arm.humerus_r)),
        BoneDef("forearm_r", "humerus_r", "forearm_r", _t(arm_r["elbow"]), "Right radius and ulna", IVORY, 700,
                _local(arm.forearm_r)),
        BoneDef("hand_r", "forearm_r", "hand_r", _t(arm_r["wrist"]), "Right hand", IVORY, 1000, _local(arm.hand_r)),
        BoneDef("femur_r", "pelvis_r", "thigh_r", _t(lm["hip_r"]), "Right femur", IVORY, 2800,
                _local(femur.femur_r)),
        BoneDef("patella_r", "femur_r", "patella_r", _t(leg.patella_centre_r()), "Right patella", IVORY, 200,
                _local(femur.patella_r)),
        BoneDef("tibia_r", "femur_r", "shank_r", _t(lm["knee_r"]), "Right tibia", IVORY, 1200, _local(leg.tibia_r)),
        BoneDef("fibula_r", "tibia_r", "shank_r", _t(lm["knee_r"]), "Right fibula", IVORY, 400, _local(leg.fibula_r)),
        BoneDef("foot_r", "tibia_r", "foot_r", _t(lm["ankle_r"]), "Right foot", IVORY, 1600, _local(foot.foot_r)),
    ]
    # left side: mirror images of every right bone
    rights = [b for b in out if b.id.endswith("_r")]
    for b in rights:
        pid = b.parent[:-2] + "_l" if b.parent and b.parent.endswith("_r") else b.parent
        seg = b.segment[:-2] + "_l" if b.segment.endswith("_r") else b.segment
        out.append(BoneDef(b.id[:-2] + "_l", pid, seg, _mirror(b.joint_centre), b.label.replace("Right", "Left"),
                           b.colour, b.triangles, None, mirror_of=b.id))
    out += [
        BoneDef("barbell", None, "barbell", _t(lm["neck"] + np.array([-0.085, -0.03, 0.0])), "Barbell", STEEL, 0,
                lambda jc, tri: props.barbell()),
        BoneDef("kettlebell", None, "kettlebell", _t(lm["neck"] + np.array([0.22, -0.22, 0.0])), "Kettlebell", IRON,
                700, _local(props.kettlebell)),
        BoneDef("heel_plate_r", None, "heel_plate_r", _t(lm["heel_r"]), "Right heel plate", WOOD, 0,
                lambda jc, tri: props.heel_plate()),
        BoneDef("heel_plate_l", None, "heel_plate_l", _mirror(_t(lm["heel_r"])), "Left heel plate", WOOD, 0, None,
                mirror_of="heel_plate_r"),
    ]
    return out


#: Parameters the committed parametric meshes were generated with (the Anatomy defaults).
PARAMETRIC_DEFAULTS = {
    "femur": {"neck_shaft_angle_deg": femur.DEFAULT[0], "femoral_anteversion_deg": femur.DEFAULT[1],
              "alpha_angle_deg": spec("alpha_angle_deg").default},
    "pelvis": {"acetabular_lce_deg": pelvis.DEFAULT_LCE_DEG, "acetabular_version_deg": pelvis.DEFAULT_VERSION_DEG},
}
