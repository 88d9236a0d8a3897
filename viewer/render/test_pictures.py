"""Pictures of the home tests of "Find my anatomy", drawn by Skelly's own skeleton.

Each test position is built from the model's standing or squat pose: the leg joints the test moves are
turned about the hip and the knee (:func:`posed_for`; hip and knee angles as the test uses them), and the
whole picture is turned (a roll of the side camera) for the lying, kneeling and face-down tests. Rendered
off-screen (:class:`~viewer.render.snapshot.OffscreenRenderer`) once per test and size, kept in memory.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose
from viewer.model.squat import sweep

from .scene_input import ViewFlags

_LEG = ("knee", "ankle", "heel", "toe")
_SHIN = ("ankle", "heel", "toe")
_TRUNK = ("lumbosacral", "thoracolumbar", "neck", "head", "shoulder_l", "shoulder_r")
#: What the pictures show besides the skeleton: nothing (no floor, readouts, legend or muscles).
PICTURE_FLAGS = ViewFlags(bone_labels=False, angle_readouts=False, muscles=False, ghost=False, legend=False,
                          floor=False, lumbar_curve=False)


@dataclasses.dataclass(frozen=True, slots=True)
class PicturePose:
    """How a test's picture is posed.

    Attributes:
        thigh_angle_deg: depth of the squat pose it starts from (−90 standing).
        leg_flexion: side → (extra hip flexion °, extra knee flexion °) turned onto that leg.
        leg_rotation: side → internal rotation ° of the shin about the thigh (knee bent; foot swings out).
        trunk_upright: turn the trunk upright over the pelvis (sitting).
        roll_deg: turn of the picture (° counter-clockwise as seen), e.g. 90 to lay the body down.
        view_from: direction from the body to the camera (x forward, y up, z right), or ``None`` for the
            side view.
        view_up: the direction shown upwards with ``view_from``.
        zoom: how much closer than VTK's fit of the whole body (lying poses are wide: less).
    """

    thigh_angle_deg: float = -90.0
    leg_flexion: Mapping[str, tuple[float, float]] = dataclasses.field(default_factory=dict)
    leg_rotation: Mapping[str, float] = dataclasses.field(default_factory=dict)
    trunk_upright: bool = False
    roll_deg: float = 0.0
    view_from: tuple[float, float, float] | None = None
    view_up: tuple[float, float, float] = (0.0, 1.0, 0.0)
    zoom: float = 1.3


POSITIONS: dict[str, PicturePose] = {
    # half-kneeling lunge: the front shin forward over the foot, the ankle near its end of range
    "knee_to_wall": PicturePose(thigh_angle_deg=-25.0, leg_flexion={"r": (-60.0, 20.0)}),
    # hands and knees, hips rocked back: a deep squat turned forward until the shins lie on the floor
    "rock_back": PicturePose(thigh_angle_deg=35.0, roll_deg=-55.0),
    # on the back, one knee pulled to the chest
    "lying_hip_flexion": PicturePose(leg_flexion={"l": (115.0, 120.0)}, roll_deg=90.0, zoom=1.05),
    # face down, knees bent to 90°, one foot falling out (internal rotation)
    "prone_rotation": PicturePose(leg_flexion={"l": (0.0, 90.0), "r": (0.0, 90.0)}, leg_rotation={"l": 35.0},
                                   roll_deg=-90.0, zoom=1.05),
    # sitting, hips and knees at 90°, one foot swung out (internal rotation): seen from the front
    "seated_ir": PicturePose(leg_flexion={"l": (90.0, 90.0), "r": (90.0, 90.0)}, leg_rotation={"l": 30.0},
                              trunk_upright=True, view_from=(1.0, 0.3, -0.9)),
}


def _rotate(points: dict[str, np.ndarray], names: list[str], pivot: np.ndarray, axis: np.ndarray,
            angle_deg: float) -> None:
    """Turn ``points[names]`` about ``axis`` (unit, through ``pivot``) by ``angle_deg`` (right hand)."""
    a = math.radians(angle_deg)
    k = axis / np.linalg.norm(axis)
    kx = np.array([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
    rot = np.eye(3) + math.sin(a) * kx + (1.0 - math.cos(a)) * kx @ kx
    for n in names:
        points[n] = pivot + rot @ (points[n] - pivot)


def posed_for(anatomy: Anatomy, position: PicturePose) -> Pose:
    """The pose of ``position`` for ``anatomy``: the squat (or standing) pose with the test's legs turned.

    Hip and knee flexion turn about the body's side-to-side axis (+ flexes: the knee goes forward, the
    foot back); the rotation turns the shin about the thigh's axis (the foot swings away from the body's
    midline for internal rotation)."""
    base = sweep(anatomy).pose_at(position.thigh_angle_deg)
    joints = {n: np.array(v, dtype=float) for n, v in base.joints.items()}
    lateral = np.array([0.0, 0.0, 1.0])  # +z: toward the right side; a turn about it flexes (x forward, y up)
    for side, (hip_deg, knee_deg) in position.leg_flexion.items():
        _rotate(joints, [f"{n}_{side}" for n in _LEG], joints[f"hip_{side}"], lateral, hip_deg)
        _rotate(joints, [f"{n}_{side}" for n in _SHIN], joints[f"knee_{side}"], lateral, -knee_deg)
    for side, deg in position.leg_rotation.items():
        thigh = joints[f"knee_{side}"] - joints[f"hip_{side}"]
        sign = 1.0 if side == "l" else -1.0
        _rotate(joints, [f"{n}_{side}" for n in _SHIN], joints[f"knee_{side}"], thigh, sign * deg)
    if position.trunk_upright:
        lean = joints["neck"] - joints["mid_hip"]
        angle = math.degrees(math.atan2(lean[0], lean[1]))
        _rotate(joints, list(_TRUNK), joints["mid_hip"], lateral, angle)
    # a test position is not the squat's: no hip-stop or rounding banner
    return dataclasses.replace(base, joints=joints, pelvic_tuck_deg=0.0,
                               lumbar_curve_deg=max(base.lumbar_curve_deg, 1.0))


_CACHE: dict[tuple[str, tuple[int, int]], np.ndarray] = {}


def picture(key: str, size: tuple[int, int] = (360, 300), anatomy: Anatomy | None = None) -> np.ndarray:
    """RGB image (H, W, 3) of test ``key``'s position (the average lifter by default), rendered once per
    key and size and kept (``KeyError`` for an unknown key)."""
    position = POSITIONS[key]
    cache_key = (key, size)
    if anatomy is None and cache_key in _CACHE:
        return _CACHE[cache_key]
    from .snapshot import OffscreenRenderer

    who = anatomy if anatomy is not None else Anatomy()
    pose = posed_for(who, position)
    with OffscreenRenderer(who, size=size, flags=PICTURE_FLAGS, fit=True) as r:
        r.show(position.thigh_angle_deg, pose)
        renderer = r.scene.renderer
        camera = renderer.GetActiveCamera()
        if position.view_from is not None:
            centre = np.mean([pose.joints[n] for n in ("mid_hip", "knee_l", "knee_r")], axis=0)
            camera.SetFocalPoint(*centre)
            camera.SetPosition(*(centre + 4.0 * np.asarray(position.view_from)))
            camera.SetViewUp(*position.view_up)
            camera.OrthogonalizeViewUp()
        camera.Roll(position.roll_deg)
        renderer.ResetCamera()
        camera.Zoom(position.zoom)
        renderer.ResetCameraClippingRange()
        image = r.grab()
    if anatomy is None:
        _CACHE[cache_key] = image
    return image


__all__ = ["POSITIONS", "PicturePose", "PICTURE_FLAGS", "posed_for", "picture"]
