"""Stand-in skeleton: simple capsules, boxes and ellipsoids per bone, built from the rig contract.

Used when the generated bone meshes (``skeleton_assets/``) are not available, and by the render
tests, which need a rig that is quick to build and whose shapes are known. Same bone ids, segments
and joint centres as the real rig; meshes in each bone's local frame (origin at its joint centre).
"""

from __future__ import annotations

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.anthropometry import segments, standing_landmarks
from viewer.model.kinematics import HEEL_PLATE_REF_MM, LOAD_OFFSETS_M, reference_origins

from .bones import BONE_COLOUR, RenderBone
from .vtk_imports import (
    vtkAppendPolyData,
    vtkCubeSource,
    vtkCylinderSource,
    vtkPolyData,
    vtkPolyDataNormals,
    vtkSphereSource,
    vtkTransform,
    vtkTransformFilter,
    vtkTriangleFilter,
)

PROP_COLOUR = (0.30, 0.32, 0.36)
PLATE_COLOUR = (0.18, 0.20, 0.24)


def _moved(source_output: vtkPolyData, transform: vtkTransform) -> vtkPolyData:
    f = vtkTransformFilter()
    f.SetInputData(source_output)
    f.SetTransform(transform)
    f.Update()
    out = vtkPolyData()
    out.DeepCopy(f.GetOutput())
    return out


def _ellipsoid(centre: np.ndarray, radii: tuple[float, float, float], res: int = 14) -> vtkPolyData:
    s = vtkSphereSource()
    s.SetRadius(1.0)
    s.SetThetaResolution(res)
    s.SetPhiResolution(max(res // 2 + 2, 6))
    s.Update()
    t = vtkTransform()
    t.Translate(*centre)
    t.Scale(*radii)
    return _moved(s.GetOutput(), t)


def _cylinder(a: np.ndarray, b: np.ndarray, radius: float, res: int = 12) -> vtkPolyData:
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = b - a
    length = float(np.linalg.norm(d))
    c = vtkCylinderSource()
    c.SetRadius(radius)
    c.SetHeight(length)
    c.SetResolution(res)
    c.CappingOn()
    c.Update()
    t = vtkTransform()
    t.Translate(*(0.5 * (a + b)))
    y = np.array([0.0, 1.0, 0.0])
    u = d / length
    axis = np.cross(y, u)
    angle = float(np.degrees(np.arccos(np.clip(np.dot(y, u), -1.0, 1.0))))
    if np.linalg.norm(axis) > 1e-9:
        t.RotateWXYZ(angle, *axis)
    elif angle > 90.0:
        t.RotateWXYZ(180.0, 1.0, 0.0, 0.0)
    return _moved(c.GetOutput(), t)


def _capsule(a: np.ndarray, b: np.ndarray, radius: float, res: int = 12) -> list[vtkPolyData]:
    return [_cylinder(a, b, radius, res), _ellipsoid(np.asarray(a), (radius,) * 3, res),
            _ellipsoid(np.asarray(b), (radius,) * 3, res)]


def _box(centre: np.ndarray, size: tuple[float, float, float]) -> vtkPolyData:
    c = vtkCubeSource()
    c.SetCenter(*centre)
    c.SetXLength(size[0])
    c.SetYLength(size[1])
    c.SetZLength(size[2])
    c.Update()
    out = vtkPolyData()
    out.DeepCopy(c.GetOutput())
    return out


def _merge(parts: list[vtkPolyData], origin: np.ndarray) -> vtkPolyData:
    app = vtkAppendPolyData()
    for p in parts:
        app.AddInputData(p)
    t = vtkTransform()
    t.Translate(*(-np.asarray(origin, float)))
    tf = vtkTransformFilter()
    tf.SetInputConnection(app.GetOutputPort())
    tf.SetTransform(t)
    tri = vtkTriangleFilter()
    tri.SetInputConnection(tf.GetOutputPort())
    nrm = vtkPolyDataNormals()
    nrm.SetInputConnection(tri.GetOutputPort())
    nrm.SetFeatureAngle(60.0)
    nrm.Update()
    out = vtkPolyData()
    out.DeepCopy(nrm.GetOutput())
    return out


def standin_bones() -> list[RenderBone]:
    """Stand-in bones for the reference body (1.75 m male) in the reference standing pose."""
    seg = segments(Anatomy())
    lm = standing_landmarks(seg)
    ref = reference_origins()
    bones: list[RenderBone] = []

    def add(bone_id: str, segment: str, centre: np.ndarray, parts: list[vtkPolyData], label: str,
            colour: tuple[float, float, float] = BONE_COLOUR) -> None:
        c = np.asarray(centre, float)
        bones.append(RenderBone(bone_id, segment, (float(c[0]), float(c[1]), float(c[2])), _merge(parts, c),
                                colour, label))

    for s, sign, side in (("l", -1.0, "Left"), ("r", 1.0, "Right")):
        hip, knee, ankle = lm[f"hip_{s}"], lm[f"knee_{s}"], lm[f"ankle_{s}"]
        toe, heel = lm[f"toe_{s}"], lm[f"heel_{s}"]
        troch = hip + np.array([0.0, -0.01, sign * 0.055])
        neck_end = hip + np.array([0.0, -0.035, sign * 0.04])
        femur = [_ellipsoid(hip, (0.024,) * 3), *_capsule(neck_end, troch, 0.016),
                 *_capsule(troch, knee + np.array([0.0, 0.03, 0.0]), 0.017),
                 _ellipsoid(knee + np.array([-0.005, 0.015, 0.0]), (0.03, 0.025, 0.045))]
        add(f"femur_{s}", f"thigh_{s}", hip, femur, f"{side} femur")
        tibia = [_ellipsoid(knee + np.array([0.0, -0.02, 0.0]), (0.03, 0.02, 0.042)),
                 *_capsule(knee + np.array([0.0, -0.03, 0.0]), ankle + np.array([0.0, 0.02, 0.0]), 0.016),
                 *_capsule(knee + np.array([-0.01, -0.04, sign * 0.03]), ankle + np.array([-0.01, 0.0, sign * 0.025]),
                           0.007)]
        add(f"tibia_{s}", f"shank_{s}", knee, tibia, f"{side} tibia & fibula")
        add(f"patella_{s}", f"patella_{s}", knee + np.array([0.045, 0.0, 0.0]),
            [_ellipsoid(knee + np.array([0.045, 0.0, 0.0]), (0.012, 0.024, 0.02))], f"{side} patella")
        foot = [_ellipsoid(heel + np.array([0.02, 0.03, 0.0]), (0.035, 0.03, 0.025)),
                _ellipsoid(ankle + np.array([0.01, -0.015, 0.0]), (0.03, 0.025, 0.025)),
                _box(0.5 * (ankle + toe) + np.array([0.02, -0.045, 0.0]), (float(toe[0]) - 0.02, 0.03, 0.08))]
        add(f"foot_{s}", f"foot_{s}", ankle, foot, f"{side} foot")
        wing = hip + np.array([0.0, 0.09, sign * 0.05])
        pelvis = [_ellipsoid(hip, (0.035, 0.035, 0.02)),
                  _ellipsoid(wing, (0.075, 0.065, 0.018)),
                  *_capsule(hip + np.array([0.03, -0.02, 0.0]), np.array([0.05, hip[1] - 0.06, sign * 0.01]), 0.012),
                  *_capsule(hip + np.array([-0.02, -0.03, 0.0]), hip + np.array([-0.04, -0.09, -sign * 0.02]), 0.016)]
        add(f"pelvis_{s}", "pelvis", hip, pelvis, f"{side} hip bone")
        sh = lm[f"shoulder_{s}"]
        elbow, wrist = ref[f"forearm_{s}"], ref[f"hand_{s}"]
        add(f"humerus_{s}", f"upper_arm_{s}", sh, [_ellipsoid(sh, (0.024,) * 3), *_capsule(sh, elbow, 0.015)],
            f"{side} humerus")
        add(f"radius_{s}", f"forearm_{s}", elbow, [*_capsule(elbow, wrist, 0.013)], f"{side} forearm")
        add(f"hand_{s}", f"hand_{s}", wrist,
            [_ellipsoid(wrist + np.array([0.0, -0.06, 0.0]), (0.02, 0.06, 0.035))], f"{side} hand")
        add(f"clavicle_{s}", "thorax", sh, [*_capsule(sh + np.array([0.0, 0.02, 0.0]),
                                                       lm["neck"] + np.array([0.04, -0.01, sign * 0.02]), 0.009)],
            f"{side} clavicle")
        plate_h = HEEL_PLATE_REF_MM / 1000.0
        add(f"heel_plate_{s}", f"heel_plate_{s}", heel,
            [_box(heel + np.array([0.06, -plate_h / 2.0, 0.0]), (0.16, plate_h, 0.11))], f"{side} heel plate",
            PLATE_COLOUR)
    ls, tl = lm["lumbosacral"], lm["thoracolumbar"]
    add("sacrum", "pelvis", ls, [_ellipsoid(ls + np.array([-0.02, -0.05, 0.0]), (0.03, 0.06, 0.045))], "Sacrum")
    for name in ("l5", "l4", "l3", "l2", "l1"):
        base = ref[name]
        h = seg.lumbar_length_m / 5.0
        body_c = base + np.array([0.0, h / 2.0, 0.0])
        parts = [_cylinder(body_c - np.array([0.0, 0.35 * h, 0.0]), body_c + np.array([0.0, 0.35 * h, 0.0]), 0.022),
                 _box(body_c + np.array([-0.045, 0.0, 0.0]), (0.05, 0.35 * h, 0.012)),
                 _box(body_c + np.array([-0.025, 0.0, 0.0]), (0.012, 0.3 * h, 0.07))]
        add(name, name, base, parts, name.upper())
    add("rib_cage", "thorax", tl, [_ellipsoid(tl + np.array([0.02, 0.15, 0.0]), (0.10, 0.17, 0.14), 20),
                                  *_capsule(tl, lm["neck"], 0.012)], "Rib cage & thoracic spine")
    add("skull", "head", lm["neck"], [_ellipsoid(lm["head"] + np.array([0.01, 0.03, 0.0]), (0.095, 0.11, 0.08), 20),
                                      *_capsule(lm["neck"], lm["head"] - np.array([0.0, 0.05, 0.0]), 0.012)], "Skull")
    bar_centre = lm["neck"] - np.array([0.0, seg.shoulder_down_m, 0.0]) + np.array([seg.shoulder_front_m, 0.0, 0.0])
    bar_centre = bar_centre + np.array([LOAD_OFFSETS_M["high_bar"][1], LOAD_OFFSETS_M["high_bar"][0], 0.0])
    bar = [_cylinder(bar_centre - np.array([0, 0, 1.1]), bar_centre + np.array([0, 0, 1.1]), 0.014)]
    for sign in (-1.0, 1.0):
        bar.append(_cylinder(bar_centre + np.array([0, 0, sign * 0.75]), bar_centre + np.array([0, 0, sign * 0.85]),
                             0.225, 24))
    add("barbell", "barbell", bar_centre, bar, "Barbell", PROP_COLOUR)
    kb = lm["neck"] + np.array([0.25, -0.15, 0.0])
    add("kettlebell", "kettlebell", kb, [_ellipsoid(kb, (0.11, 0.11, 0.11), 20),
                                         *_capsule(kb + np.array([0, 0.12, -0.06]), kb + np.array([0, 0.12, 0.06]),
                                                   0.012)], "Kettlebell", PROP_COLOUR)
    return bones
