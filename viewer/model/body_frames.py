"""The body's segments in a pose: each one's rotation, origin and scale (pure numpy + stdlib).

Frames (see docs/architecture.md): global x anterior, y up, z to the lifter's right, metres and
degrees. Segment ids and their origins (reference positions from :func:`reference_origins`):
``foot_l/r`` (ankle), ``shank_l/r`` (knee), ``thigh_l/r`` (hip), ``patella_l/r`` (knee,
rotating half-way between thigh and shank), ``pelvis`` (mid-hip), ``l5`` … ``l1`` (the
disc below each vertebra: L5–S1 … L1–L2, spaced evenly from the lumbosacral to the
thoracolumbar joint), ``thorax`` (thoracolumbar), ``head`` (neck, C7–T1),
``upper_arm_l/r`` (shoulder), ``forearm_l/r`` (elbow, one upper-arm length below the
shoulder in the reference: arms hang at the sides, palms in), ``hand_l/r`` (wrist, one
forearm length below the elbow). Props: ``barbell`` and ``kettlebell`` (origin = the
load's centre of mass), ``heel_plate_l/r`` (origin on the floor under the heel; the plate
mesh is authored :data:`HEEL_PLATE_REF_MM` thick and scaled vertically to the heel elevation).

:func:`segment_frames` runs on every frame of a slider drag, so it works on float triples
(:mod:`viewer.model.vec3`) and makes its arrays once at the end (:class:`FrameSet`).
:mod:`viewer.model.kinematics` turns the frames into one matrix per bone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from . import vec3 as v3
from .anatomy import Anatomy
from .anthropometry import Segments, segments, standing_landmarks
from .pelvis_pose import WORLD_AXES, is_level, lumbar_axes, pelvis_axes, placed_joints
from .pose import Pose
from .sides import side_value
from .trunk import LOAD_OFFSETS_M as _TRUNK_LOAD_OFFSETS_M
from .vec3 import Vec3

SIDES: tuple[str, ...] = ("l", "r")
LUMBAR_SEGMENTS: tuple[str, ...] = ("l1", "l2", "l3", "l4", "l5")
HEEL_PLATE_REF_MM = 25.0
#: Load offsets from the mid-shoulder point (along the trunk, anterior), metres at 1.75 m: the solver's
#: table (``trunk.LOAD_OFFSETS_M``), so the drawn load sits where balance put it.
LOAD_OFFSETS_M: Mapping[str, tuple[float, float]] = MappingProxyType(_TRUNK_LOAD_OFFSETS_M)
BAR_GRIP_HALF_WIDTH_FRAC = {"high_bar": 0.14, "low_bar": 0.16, "front": 0.11}  # of height [E]


@dataclass(frozen=True, slots=True)
class SegmentFrame:
    """One rigid segment in a pose: rotation (3, 3) columns = local x, y, z in world; origin (3,) m;
    scale (3,) along the local axes relative to the reference body."""

    rotation: np.ndarray
    origin: np.ndarray
    scale: np.ndarray


# ----------------------------------------------------------------------------- small vector helpers
def _rot_z(angle_deg: float) -> np.ndarray:
    """Rotation about +z; positive angles turn +x toward +y (a backward tilt in the sagittal plane)."""
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def _forward_angle_deg(v_body: np.ndarray) -> float:
    """Sagittal angle of a vector from vertical, + forward (toward +x), degrees."""
    return math.degrees(math.atan2(v_body[0], v_body[1]))


# ----------------------------------------------------------------------------- reference geometry
def reference_origins(anatomy: Anatomy | None = None) -> Mapping[str, np.ndarray]:
    """Origin of every body segment in the standing pose of ``anatomy`` (default: the reference body).

    Returns a read-only mapping segment id → (3,) world position, metres. Props are not included
    (their origin is their bone's joint centre).
    """
    if anatomy is None:
        anatomy = Anatomy()
    seg = segments(anatomy)
    lm = standing_landmarks(seg)
    out: dict[str, np.ndarray] = {"pelvis": lm["mid_hip"], "thorax": lm["thoracolumbar"], "head": lm["neck"]}
    for s in SIDES:
        out[f"foot_{s}"] = lm[f"ankle_{s}"]
        out[f"shank_{s}"] = lm[f"knee_{s}"]
        out[f"patella_{s}"] = lm[f"knee_{s}"]
        out[f"thigh_{s}"] = lm[f"hip_{s}"]
        out[f"upper_arm_{s}"] = lm[f"shoulder_{s}"]
        elbow = lm[f"shoulder_{s}"] - np.array([0.0, seg.upper_arm_length_m, 0.0])
        out[f"forearm_{s}"] = elbow
        out[f"hand_{s}"] = elbow - np.array([0.0, seg.forearm_length_m, 0.0])
    for i, name in enumerate(reversed(LUMBAR_SEGMENTS)):  # l5 sits on L5–S1
        out[name] = lm["lumbosacral"] + np.array([0.0, seg.lumbar_length_m * i / 5.0, 0.0])
    out["heel_plate_l"] = lm["heel_l"]
    out["heel_plate_r"] = lm["heel_r"]
    frozen = {}
    for k, v in out.items():
        a = np.array(v, dtype=float)
        a.setflags(write=False)
        frozen[k] = a
    return MappingProxyType(frozen)


def _scales(seg: Segments, ref: Segments, anatomy: Anatomy) -> dict[str, np.ndarray]:
    h = seg.height_m / ref.height_m
    tr = anatomy.trunk_length_ratio
    trunk = np.array([h, h * tr, h])
    out = {"pelvis": trunk, "thorax": trunk, "head": np.full(3, h)}
    for name in LUMBAR_SEGMENTS:
        out[name] = trunk
    for s, sign in zip(SIDES, (-1.0, 1.0), strict=True):
        # the leg length difference (+: right longer) is half in each shin, as the solver has it
        shank = seg.shank_length_m + sign * 0.0005 * anatomy.leg_length_difference_mm
        out[f"foot_{s}"] = np.array([seg.foot_length_m / ref.foot_length_m, h, h])
        out[f"shank_{s}"] = np.array([h, shank / ref.shank_length_m, h])
        out[f"thigh_{s}"] = np.array([h, seg.thigh_length_m / ref.thigh_length_m, h])
        out[f"patella_{s}"] = np.full(3, h)
        out[f"upper_arm_{s}"] = np.full(3, h)
        out[f"forearm_{s}"] = np.full(3, h)
        out[f"hand_{s}"] = np.full(3, h)
        heel_mm = side_value(anatomy, "heel_elevation_mm", s)
        plate = heel_mm / HEEL_PLATE_REF_MM if heel_mm > 0 else 1.0
        out[f"heel_plate_{s}"] = np.array([1.0, plate, 1.0])
    out["barbell"] = np.ones(3)
    out["kettlebell"] = np.ones(3)
    return out


@dataclass(frozen=True, slots=True)
class _BodyConstants:
    """What :func:`segment_frames` needs of an anatomy besides the pose (computed once per anatomy)."""

    seg: Segments
    scale: Mapping[str, np.ndarray]  # read-only (3,) arrays
    pelvis_ref_deg: float  # forward angle of mid-hip → lumbosacral when standing
    head_ref_deg: float  # forward angle of neck → head when standing


def _body_constants(anatomy: Anatomy) -> _BodyConstants:
    seg = segments(anatomy)
    scale = _scales(seg, segments(Anatomy()), anatomy)
    for v in scale.values():
        v.setflags(write=False)
    ref_lm = standing_landmarks(seg)
    return _BodyConstants(seg, MappingProxyType(scale),
                          _forward_angle_deg(ref_lm["lumbosacral"] - ref_lm["mid_hip"]),
                          _forward_angle_deg(ref_lm["head"] - ref_lm["neck"]))


# ----------------------------------------------------------------------------- the frames
_FRAME_JOINTS: tuple[str, ...] = (*(f"{n}_{s}" for n in ("toe", "heel", "ankle", "knee", "hip") for s in SIDES),
                                  "mid_hip", "lumbosacral", "thoracolumbar", "neck", "head", "shoulder_l",
                                  "shoulder_r")


def _joint_tuples(pose: Pose, names: tuple[str, ...]) -> dict[str, Vec3]:
    """The named joints of ``pose`` as float triples; ``ValueError`` as :func:`joint_position` if one is bad."""
    try:
        stack = np.array([pose.joints[n] for n in names], dtype=float)
    except (KeyError, ValueError, TypeError):
        stack = None
    if stack is None or stack.shape != (len(names), 3) or not np.isfinite(stack).all():
        return {n: tuple(joint_position(pose, n).tolist()) for n in names}  # the slow path names the culprit
    return dict(zip(names, map(tuple, stack.tolist()), strict=True))


def joint_position(pose: Pose, name: str) -> np.ndarray:
    """Joint ``name`` of ``pose`` as a (3,) float array, m; ``ValueError`` naming it if missing or not finite."""
    try:
        raw = pose.joints[name]
    except KeyError:
        raise ValueError(f"pose has no joint {name!r}") from None
    try:
        v = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"pose joint {name!r} must be 3 finite numbers, got {raw!r}") from None
    if v.shape != (3,) or not np.all(np.isfinite(v)):
        raise ValueError(f"pose joint {name!r} must be 3 finite numbers, got {v!r}")
    return v


def _body_axes(j: Mapping[str, Vec3]) -> v3.Axes:
    """Yaw-only frame of the body: z along the horizontal hip line (left → right), y up."""
    hip_line = v3.sub(j["hip_r"], j["hip_l"])
    z = v3.unit((hip_line[0], 0.0, hip_line[2]), fallback=v3.Z_AXIS)
    return (v3.cross(v3.UP, z), v3.UP, z)


def _bases(pose: Pose, j: Mapping[str, Vec3]
           ) -> tuple[Mapping[str, Vec3], v3.Axes, v3.Axes, tuple[v3.Axes, ...] | None]:
    """The joints as drawn, the trunk's yaw-only axes, the pelvis's axes before its sagittal tilt and the
    lumbar segments' (``None``: the trunk's). A level pelvis (every symmetric lifter) takes the pose's
    joints and its hip line's axes; a shifted, turned or dropped one is placed by :mod:`.pelvis_pose`."""
    if is_level(pose):
        body = _body_axes(j)
        return j, body, body, None
    rotation, obliquity = float(pose.pelvic_rotation_deg), float(pose.pelvic_obliquity_deg)
    return placed_joints(pose, j), WORLD_AXES, pelvis_axes(rotation, obliquity), lumbar_axes(pose)


def _ik_arm(shoulder: Vec3, grip: Vec3, upper: float, lower: float, pole: Vec3) -> tuple[Vec3, Vec3, Vec3]:
    """Two-link arm: elbow position, elbow flexion axis and the reached grip point.

    ``pole`` is the direction the elbow points; the flexion axis is +z for an arm hanging at the side
    with the elbow pointing back, as in the reference pose.
    """
    d = v3.sub(grip, shoulder)
    dist = v3.norm(d)
    u = v3.unit(d, fallback=v3.DOWN)
    reach = min(max(dist, abs(upper - lower) + 1e-4), upper + lower)
    grip = v3.add_scaled(shoulder, u, reach)
    along = (upper**2 - lower**2 + reach**2) / (2.0 * reach)
    height = math.sqrt(max(upper**2 - along**2, 0.0))
    bend = v3.reject(pole, u)
    if v3.norm(bend) < 1e-12:  # pole along the arm: any perpendicular will do
        bend = v3.unit(v3.cross(u, v3.Z_AXIS), fallback=v3.UP)
    else:
        bend = v3.unit(bend)
    elbow = v3.add_scaled(v3.add_scaled(shoulder, u, along), bend, height)
    axis = v3.unit(v3.cross(v3.scale(u, -1.0), bend), fallback=v3.Z_AXIS)
    return elbow, axis, grip


def _load_centre(anatomy: Anatomy, j: Mapping[str, Vec3], thorax: v3.Axes) -> Vec3 | None:
    """Centre of mass of the load (m), from the shoulders and the thorax axes; ``None`` without a load."""
    if anatomy.load_position not in LOAD_OFFSETS_M:
        return None
    along, ant = LOAD_OFFSETS_M[anatomy.load_position]
    mid_sh = v3.scale(v3.add(j["shoulder_l"], j["shoulder_r"]), 0.5)
    offset = v3.add(v3.scale(thorax[1], along), v3.scale(thorax[0], ant))
    return v3.add_scaled(mid_sh, offset, anatomy.height_m / 1.75)


def load_point(pose: Pose, anatomy: Anatomy, thorax: np.ndarray | None = None) -> np.ndarray | None:
    """Centre of mass of the load (bar or kettlebell), world (3,) m; ``None`` without a load position.

    ``thorax``: the thorax rotation (3, 3) in this pose when already known.
    """
    if anatomy.load_position not in LOAD_OFFSETS_M:
        return None
    if thorax is None:
        thorax = segment_frames(pose, anatomy)["thorax"].rotation
    axes = tuple(map(tuple, np.asarray(thorax, dtype=float).T.tolist()))
    centre = _load_centre(anatomy, _joint_tuples(pose, ("shoulder_l", "shoulder_r")), axes)
    return np.array(centre)


def _arm_targets(thigh_angle_deg: float, anatomy: Anatomy, seg: Segments, body: v3.Axes, thorax: v3.Axes,
                 j: Mapping[str, Vec3], centre: Vec3 | None) -> dict[str, tuple[Vec3, Vec3]]:
    """Grip point and elbow pole direction per side (``centre``: the load's, or ``None``)."""
    load = anatomy.load_position
    fwd, lat = body[0], body[2]
    tx, ty = thorax[0], thorax[1]
    out: dict[str, tuple[Vec3, Vec3]] = {}
    for s, sign in (("l", -1.0), ("r", 1.0)):
        if load in BAR_GRIP_HALF_WIDTH_FRAC and centre is not None:
            grip = v3.add_scaled(centre, lat, sign * BAR_GRIP_HALF_WIDTH_FRAC[load] * seg.height_m)
            pole = v3.add_scaled(tx, ty, 0.3) if load == "front" else v3.add_scaled(v3.scale(ty, -1.0), tx, -0.5)
        elif load == "goblet" and centre is not None:
            grip = v3.add_scaled(v3.add_scaled(centre, ty, 0.10), lat, sign * 0.05)
            pole = v3.add_scaled(v3.DOWN, lat, 0.2 * sign)
        else:  # no load: arms rise forward from the sides as the squat deepens (counterbalance)
            depth = min(max((float(thigh_angle_deg) + 90.0) / 90.0, 0.0), 1.0)
            raise_rad = math.radians(90.0 * depth)
            cos_r, sin_r = math.cos(raise_rad), math.sin(raise_rad)
            direction = v3.add_scaled(v3.scale(v3.DOWN, cos_r), fwd, sin_r)
            grip = v3.add_scaled(j[f"shoulder_{s}"], direction,
                                 seg.upper_arm_length_m + seg.forearm_length_m + 0.5 * seg.hand_length_m)
            pole = v3.sub(v3.scale(fwd, -cos_r), v3.scale(v3.UP, sin_r))  # elbows back, then down
        out[s] = (grip, pole)
    return out


class FrameSet(dict):  # type: ignore[type-arg]  (dict[str, SegmentFrame])
    """What :func:`segment_frames` returns: segment id → :class:`SegmentFrame`, in a fixed order, whose
    arrays are views of three blocks kept as attributes (the matrix and muscle code use them whole):
    ``rotations`` (F, 3, 3), ``origins`` (F, 3) m, ``scales`` (F, 3); ``names``: the F segment ids."""

    __slots__ = ("names", "origins", "rotations", "scales")

    names: tuple[str, ...]
    rotations: np.ndarray
    origins: np.ndarray
    scales: np.ndarray


def _frames_from(names: list[str], axes: list[v3.Axes], origins: list[Vec3], consts: _BodyConstants) -> FrameSet:
    """SegmentFrames from float axes and origins, as views of one (F, 3, 3) and one (F, 3) array."""
    key = tuple(names)
    scales = np.array([consts.scale[n] for n in key]).reshape(len(key), 3)
    scales.setflags(write=False)
    rotations = np.array(axes).reshape(len(key), 3, 3).transpose(0, 2, 1)  # the axes are the columns
    at = np.array(origins).reshape(len(key), 3)
    out = FrameSet((name, SegmentFrame(rotations[k], at[k], scales[k])) for k, name in enumerate(key))
    out.names, out.rotations, out.origins, out.scales = key, rotations, at, scales
    return out


def segment_frames(pose: Pose, anatomy: Anatomy) -> FrameSet:
    """Every body segment's rotation, origin and scale in ``pose`` (props included).

    Legs and trunk orientations come from the pose's joint centres (so bones land on the joints);
    the lumbar vertebrae take their per-level flexion from ``pose.lumbar_levels_deg``. Raises
    ``ValueError`` if the pose lacks a joint or two joints coincide. (Computed on float triples,
    see :mod:`viewer.model.vec3`: this runs on every frame.)
    """
    consts = _body_constants(anatomy)
    seg = consts.seg
    j, body, pelvis_base, lumbar_bases = _bases(pose, _joint_tuples(pose, _FRAME_JOINTS))
    names: list[str] = []
    axes: list[v3.Axes] = []
    origins: list[Vec3] = []

    def put(name: str, rot: v3.Axes, origin: Vec3) -> None:
        names.append(name)
        axes.append(rot)
        origins.append(origin)

    for s in SIDES:
        heel, knee = j[f"heel_{s}"], j[f"knee_{s}"]
        foot = v3.frame_x_y(v3.sub(j[f"toe_{s}"], heel), v3.UP)
        put(f"foot_{s}", foot, j[f"ankle_{s}"])
        flat = (foot[0][0], 0.0, foot[0][2])  # the foot's long axis on the floor
        knee_axis = v3.unit(v3.cross(flat, v3.UP), fallback=body[2])
        thigh = v3.frame_y_z(v3.sub(j[f"hip_{s}"], knee), knee_axis)
        shank = v3.frame_y_z(v3.sub(knee, j[f"ankle_{s}"]), knee_axis)
        put(f"thigh_{s}", thigh, j[f"hip_{s}"])
        put(f"shank_{s}", shank, knee)
        put(f"patella_{s}", v3.frame_y_z(v3.unit(v3.add(thigh[1], shank[1]), fallback=thigh[1]), knee_axis), knee)
        put(f"heel_plate_{s}", v3.frame_x_y(flat if v3.norm(flat) > 1e-9 else body[0], v3.UP),
            (heel[0], 0.0, heel[2]))

    # pelvis: from the mid-hip → lumbosacral vector relative to the reference one
    pelvis_fwd = v3.forward_angle_deg(v3.to_local(pelvis_base, v3.sub(j["lumbosacral"], j["mid_hip"]))) \
        - consts.pelvis_ref_deg
    put("pelvis", v3.sagittal(pelvis_base, pelvis_fwd), j["mid_hip"])
    thorax = v3.sagittal(body, v3.forward_angle_deg(v3.to_local(body, v3.sub(j["neck"], j["thoracolumbar"]))))
    put("thorax", thorax, j["thoracolumbar"])
    head_fwd = v3.forward_angle_deg(v3.to_local(body, v3.sub(j["head"], j["neck"]))) - consts.head_ref_deg
    put("head", v3.sagittal(body, head_fwd), j["neck"])
    for name, rot, origin in _lumbar_chain(j["lumbosacral"], j["thoracolumbar"], pelvis_fwd,
                                           np.asarray(pose.lumbar_levels_deg, dtype=float), body, seg,
                                           lumbar_bases):
        put(name, rot, origin)

    # arms and hands hold the load
    centre = _load_centre(anatomy, j, thorax)
    for s, (grip, pole) in _arm_targets(pose.thigh_angle_deg, anatomy, seg, body, thorax, j, centre).items():
        shoulder = j[f"shoulder_{s}"]
        fore = seg.forearm_length_m
        reach_lower = fore + 0.5 * seg.hand_length_m
        elbow, axis, grip = _ik_arm(shoulder, grip, seg.upper_arm_length_m, reach_lower, pole)
        wrist = v3.add_scaled(elbow, v3.sub(grip, elbow), fore / reach_lower)
        put(f"upper_arm_{s}", v3.frame_y_z(v3.sub(shoulder, elbow), axis), shoulder)
        fore_rot = v3.frame_y_z(v3.sub(elbow, wrist), axis)
        put(f"forearm_{s}", fore_rot, elbow)
        put(f"hand_{s}", fore_rot, wrist)

    if centre is not None:  # without a load the props stay parked at their reference place (hidden)
        put("barbell", body, centre)
        put("kettlebell", body, centre)
    return _frames_from(names, axes, origins, consts)


def _lumbar_chain(ls: Vec3, tl: Vec3, pelvis_fwd_deg: float, levels_deg: np.ndarray, body: v3.Axes,
                  seg: Segments, bases: tuple[v3.Axes, ...] | None = None) -> list[tuple[str, v3.Axes, Vec3]]:
    """L5 … L1 stacked on the lumbosacral joint, each turned by its level's flexion: (segment, axes, origin).

    ``bases``: the axes each of L5 … L1 turns from (a turned or dropped pelvis, see
    :func:`viewer.model.pelvis_pose.lumbar_axes`); ``body``'s for all five when ``None``.

    The chain's top is pulled onto the pose's thoracolumbar joint by spreading the (small) closing
    error linearly up the chain, so the spine stays connected whatever the solver's rounding.
    """
    if levels_deg.shape != (5,) or not np.all(np.isfinite(levels_deg)):
        raise ValueError(f"pose.lumbar_levels_deg must be 5 finite numbers, got {levels_deg!r}")
    levels = levels_deg.tolist()
    step = seg.lumbar_length_m / 5.0
    angle = pelvis_fwd_deg
    chain: list[tuple[v3.Axes, Vec3]] = []
    p = ls
    for i in range(5):  # L5 (level L5–S1 = index 4) up to L1 (level L1–L2 = index 0)
        angle += levels[4 - i]
        rot = v3.sagittal(body if bases is None else bases[i], angle)
        chain.append((rot, p))
        p = v3.add_scaled(p, rot[1], step)
    error = v3.sub(tl, p)
    return [(name, rot, v3.add_scaled(origin, error, i / 5.0))
            for i, (name, (rot, origin)) in enumerate(zip(reversed(LUMBAR_SEGMENTS), chain, strict=True))]


def neutral_frames(pose: Pose, anatomy: Anatomy, tuck_deg: float,
                   frames: Mapping[str, SegmentFrame] | None = None, lumbar_deg: float | None = None) -> FrameSet:
    """Pelvis and L1–L5 as they would be at this depth without the tuck (the ghost).

    The pelvis is turned forward by ``tuck_deg`` (degrees; the pose's ``pelvic_tuck_deg``) about the
    mid-hip point and the lumbar levels give back ``lumbar_deg`` degrees of flexion (the pose's
    ``lumbar_flexion_added_deg``; default ``tuck_deg``), scaled down in proportion, so the thorax stays
    where it is. ``frames``: :func:`segment_frames` of this pose and anatomy when already computed.
    """
    if frames is None:
        frames = segment_frames(pose, anatomy)
    consts = _body_constants(anatomy)
    seg = consts.seg
    tuck = max(float(tuck_deg), 0.0)
    j, body, pelvis_base, lumbar_bases = _bases(pose, _joint_tuples(pose, _FRAME_JOINTS))
    pel = frames["pelvis"]
    rot = pel.rotation @ _rot_z(-tuck)  # a forward turn of the pelvis about its own z
    ref = reference_origins()
    ls = pel.origin + rot @ (pel.scale * (ref["l5"] - ref["pelvis"]))
    levels = np.asarray(pose.lumbar_levels_deg, dtype=float)
    total = float(levels.sum())
    give_back = tuck if lumbar_deg is None else max(float(lumbar_deg), 0.0)
    factor = (total - give_back) / total if abs(total) > 1e-9 else 1.0
    pelvis_fwd = v3.forward_angle_deg(v3.to_local(pelvis_base, tuple(rot[:, 1].tolist())))
    chain = _lumbar_chain(tuple(ls.tolist()), j["thoracolumbar"], pelvis_fwd, levels * factor, body, seg, lumbar_bases)
    pelvis_axes = tuple(map(tuple, rot.T.tolist()))
    return _frames_from(["pelvis", *(c[0] for c in chain)], [pelvis_axes, *(c[1] for c in chain)],
                        [tuple(pel.origin.tolist()), *(c[2] for c in chain)], consts)
