"""Pose → one 4×4 world matrix per bone: the render contract (pure numpy).

Frames (see docs/architecture.md): global x anterior, y up, z to the lifter's right,
metres and degrees. Every bone mesh is authored in its bone's local frame, origin at
the bone's ``joint_centre``, axes parallel to the world axes in the **reference standing
pose** ``standing_landmarks(segments(Anatomy()))``. A bone rides on a *segment* (a rigid
body moved by the pose); for a segment with rotation ``R``, origin ``p`` and scale ``S``
(relative to the reference body) the bone's matrix is::

    M = [R·S | p + R·S·(c_bone − c_segment_ref)]

so the reference standing pose gives pure translations to the joint centres.

Segment ids and their origins (reference positions from :func:`reference_origins`):
``foot_l/r`` (ankle), ``shank_l/r`` (knee), ``thigh_l/r`` (hip), ``patella_l/r`` (knee,
rotating half-way between thigh and shank), ``pelvis`` (mid-hip), ``l5`` … ``l1`` (the
disc below each vertebra: L5–S1 … L1–L2, spaced evenly from the lumbosacral to the
thoracolumbar joint), ``thorax`` (thoracolumbar), ``head`` (neck, C7–T1),
``upper_arm_l/r`` (shoulder), ``forearm_l/r`` (elbow, one upper-arm length below the
shoulder in the reference: arms hang at the sides, palms in), ``hand_l/r`` (wrist, one
forearm length below the elbow). Props: ``barbell`` and ``kettlebell`` (origin = the
load's centre of mass, i.e. their bone's ``joint_centre``), ``heel_plate_l/r`` (origin
on the floor under the heel; the plate mesh is authored :data:`HEEL_PLATE_REF_MM` thick
and scaled vertically to the heel elevation).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments, segments, standing_landmarks
from .pose import Pose, Sweep
from .trunk import LOAD_OFFSETS_M as _TRUNK_LOAD_OFFSETS_M

SIDES: tuple[str, ...] = ("l", "r")
LUMBAR_SEGMENTS: tuple[str, ...] = ("l1", "l2", "l3", "l4", "l5")
#: Segments drawn by the ghost of the neutral (untucked) spine.
GHOST_SEGMENTS: frozenset[str] = frozenset(("pelvis", *LUMBAR_SEGMENTS))
PROP_SEGMENTS: frozenset[str] = frozenset(("barbell", "kettlebell", "heel_plate_l", "heel_plate_r"))
HEEL_PLATE_REF_MM = 25.0
#: Load offsets from the mid-shoulder point (along the trunk, anterior), metres at 1.75 m: the solver's
#: table (``trunk.LOAD_OFFSETS_M``), so the drawn load sits where balance put it.
LOAD_OFFSETS_M: Mapping[str, tuple[float, float]] = MappingProxyType(_TRUNK_LOAD_OFFSETS_M)
BAR_GRIP_HALF_WIDTH_FRAC = {"high_bar": 0.14, "low_bar": 0.16, "front": 0.11}  # of height [E]
_UP = np.array([0.0, 1.0, 0.0])


@dataclass(frozen=True, slots=True)
class BoneSpec:
    """What kinematics needs to know about a bone: its segment and reference joint centre (m)."""

    id: str
    segment: str
    joint_centre: tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class SegmentFrame:
    """One rigid segment in a pose: rotation (3, 3) columns = local x, y, z in world; origin (3,) m;
    scale (3,) along the local axes relative to the reference body."""

    rotation: np.ndarray
    origin: np.ndarray
    scale: np.ndarray


# ----------------------------------------------------------------------------- small vector helpers
def _unit(v: np.ndarray, fallback: np.ndarray | None = None) -> np.ndarray:
    x, y, z = v.tolist() if type(v) is np.ndarray else (float(c) for c in v)
    n = math.sqrt(x * x + y * y + z * z)
    if n < 1e-12:
        if fallback is None:
            raise ValueError("degenerate direction in pose (two joints coincide)")
        return np.asarray(fallback, dtype=float)
    return np.array((x / n, y / n, z / n))


def _norm3(v: np.ndarray) -> float:
    """Length of a (3,) vector (``np.linalg.norm`` without its general-shape overhead)."""
    x, y, z = v.tolist()
    return math.sqrt(x * x + y * y + z * z)


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.cross`` of two (3,) float64 vectors, bit for bit (same products and differences, in the
    same order), without its general-shape overhead; anything else goes to ``np.cross``."""
    if (type(a) is np.ndarray and type(b) is np.ndarray and a.shape == (3,) == b.shape
            and a.dtype == np.float64 and b.dtype == np.float64):
        a0, a1, a2 = a.tolist()
        b0, b1, b2 = b.tolist()
        return np.array((a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0))
    return np.cross(a, b)


def _frame_y_z(y: np.ndarray, z_hint: np.ndarray) -> np.ndarray:
    """Rotation whose y axis is ``y`` and whose z axis is ``z_hint`` made orthogonal to it."""
    y = _unit(y)
    z = z_hint - np.dot(z_hint, y) * y
    if _norm3(z) < 1e-12:  # z_hint along y: any perpendicular will do
        z = _unit(_cross(np.array([1.0, 0.0, 0.0]), y), fallback=np.array([0.0, 1.0, 0.0]))
    else:
        z = _unit(z)
    x = _cross(y, z)
    return np.array((x, y, z)).T  # columns x, y, z (np.column_stack, without its overhead)


def _frame_x_y(x: np.ndarray, y_hint: np.ndarray) -> np.ndarray:
    """Rotation whose x axis is ``x`` and whose y axis is ``y_hint`` made orthogonal to it."""
    x = _unit(x)
    y = _unit(y_hint - np.dot(y_hint, x) * x)
    return np.array((x, y, _cross(x, y))).T


def _rot_z(angle_deg: float) -> np.ndarray:
    """Rotation about +z; positive angles turn +x toward +y (a backward tilt in the sagittal plane)."""
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def _forward_angle_deg(v_body: np.ndarray) -> float:
    """Sagittal angle of a vector from vertical, + forward (toward +x), degrees."""
    return math.degrees(math.atan2(v_body[0], v_body[1]))


def _matrix(rotation: np.ndarray, scale: np.ndarray, translation: np.ndarray) -> np.ndarray:
    m = np.eye(4)
    m[:3, :3] = rotation * scale[None, :]
    m[:3, 3] = translation
    return m


# ----------------------------------------------------------------------------- rig input
def normalise_rig(rig_bones: Any) -> tuple[BoneSpec, ...]:
    """Plain bone specs from a rig in any of the accepted shapes.

    Accepts an object with ``.bones``; a mapping ``id → spec``; or an iterable of specs, where a
    spec is an object or mapping with ``segment`` and ``joint_centre`` (and ``id`` when not keyed).
    Raises ``ValueError`` naming the bone when a field is missing or malformed.
    """
    if rig_bones is _last_normalised[0]:  # already our own (immutable) output: nothing to check again
        return rig_bones
    if hasattr(rig_bones, "bones"):
        rig_bones = rig_bones.bones
    items: Iterable[tuple[Any, Any]]
    if isinstance(rig_bones, Mapping):
        items = rig_bones.items()
    else:
        items = ((None, b) for b in rig_bones)
    out: list[BoneSpec] = []
    for key, b in items:
        get = b.get if isinstance(b, Mapping) else (lambda name, _b=b: getattr(_b, name, None))
        bone_id = key if key is not None else get("id")
        segment, centre = get("segment"), get("joint_centre")
        if not isinstance(bone_id, str) or not isinstance(segment, str) or centre is None:
            raise ValueError(f"rig bone {bone_id!r} needs a string id, a segment and a joint_centre")
        c = np.asarray(centre, dtype=float)
        if c.shape != (3,) or not np.all(np.isfinite(c)):
            raise ValueError(f"rig bone {bone_id!r}: joint_centre must be 3 finite numbers, got {centre!r}")
        out.append(BoneSpec(bone_id, segment, (float(c[0]), float(c[1]), float(c[2]))))
    result = tuple(out)
    _last_normalised[0] = result
    return result


# the last tuple normalise_rig returned (kept alive, so identity means "this very tuple"); a rig is
# normalised once and then passed in on every frame
_last_normalised: list[tuple[BoneSpec, ...] | None] = [None]


# ----------------------------------------------------------------------------- reference geometry
def reference_origins(anatomy: Anatomy | None = None) -> Mapping[str, np.ndarray]:
    """Origin of every body segment in the standing pose of ``anatomy`` (default: the reference body).

    Returns a read-only mapping segment id → (3,) world position, metres. Props are not included
    (their origin is their bone's joint centre).
    """
    if anatomy is None:
        if _reference_cache[0] is None:
            _reference_cache[0] = reference_origins(Anatomy())
        return _reference_cache[0]
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


_reference_cache: list[Mapping[str, np.ndarray] | None] = [None]  # reference_origins() of the reference body


@functools.lru_cache(maxsize=1)
def _reference_segments() -> Segments:
    """``segments(Anatomy())``: the reference body the meshes were modelled on (frozen; computed once)."""
    return segments(Anatomy())


def _scales(seg: Segments, ref: Segments, anatomy: Anatomy) -> dict[str, np.ndarray]:
    h = seg.height_m / ref.height_m
    tr = anatomy.trunk_length_ratio
    trunk = np.array([h, h * tr, h])
    out = {"pelvis": trunk, "thorax": trunk, "head": np.full(3, h)}
    for name in LUMBAR_SEGMENTS:
        out[name] = trunk
    for s in SIDES:
        out[f"foot_{s}"] = np.array([seg.foot_length_m / ref.foot_length_m, h, h])
        out[f"shank_{s}"] = np.array([h, seg.shank_length_m / ref.shank_length_m, h])
        out[f"thigh_{s}"] = np.array([h, seg.thigh_length_m / ref.thigh_length_m, h])
        out[f"patella_{s}"] = np.full(3, h)
        out[f"upper_arm_{s}"] = np.full(3, h)
        out[f"forearm_{s}"] = np.full(3, h)
        out[f"hand_{s}"] = np.full(3, h)
        plate = anatomy.heel_elevation_mm / HEEL_PLATE_REF_MM if anatomy.heel_elevation_mm > 0 else 1.0
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


@functools.lru_cache(maxsize=16)
def _body_constants(anatomy: Anatomy) -> _BodyConstants:
    seg = segments(anatomy)
    scale = _scales(seg, _reference_segments(), anatomy)
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


def _joints_checked(pose: Pose, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The named joints of ``pose`` as (3,) float arrays; ``ValueError`` as :func:`_joint` if one is bad."""
    try:
        stack = np.array([pose.joints[n] for n in names], dtype=float)
    except (KeyError, ValueError, TypeError):
        return {n: _joint(pose, n) for n in names}  # the slow path names the culprit
    if stack.shape != (len(names), 3) or not np.isfinite(stack).all():
        return {n: _joint(pose, n) for n in names}
    return dict(zip(names, stack, strict=True))


def _joint(pose: Pose, name: str) -> np.ndarray:
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


def _body_frame(j: Mapping[str, np.ndarray]) -> np.ndarray:
    """Yaw-only frame of the body: z along the horizontal hip line (left → right), y up."""
    hip_line = j["hip_r"] - j["hip_l"]
    hip_line = hip_line - hip_line[1] * _UP
    z = _unit(hip_line, fallback=np.array([0.0, 0.0, 1.0]))
    return np.array((_cross(_UP, z), _UP, z)).T


def _sagittal(body: np.ndarray, forward_deg: float) -> np.ndarray:
    return body @ _rot_z(-forward_deg)


def _ik_arm(shoulder: np.ndarray, grip: np.ndarray, upper: float, lower: float,
            pole: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-link arm: elbow position, elbow flexion axis and the reached grip point.

    ``pole`` is the direction the elbow points; the flexion axis is +z for an arm hanging at the side
    with the elbow pointing back, as in the reference pose.
    """
    d = grip - shoulder
    dist = _norm3(d)
    u = _unit(d, fallback=-_UP)
    reach = min(max(dist, abs(upper - lower) + 1e-4), upper + lower)
    grip = shoulder + u * reach
    along = (upper**2 - lower**2 + reach**2) / (2.0 * reach)
    height = math.sqrt(max(upper**2 - along**2, 0.0))
    bend = pole - np.dot(pole, u) * u
    if _norm3(bend) < 1e-12:  # pole along the arm: any perpendicular will do
        bend = _unit(_cross(u, np.array([0.0, 0.0, 1.0])), fallback=_UP)
    else:
        bend = _unit(bend)
    elbow = shoulder + u * along + bend * height
    axis = _unit(_cross(-u, bend), fallback=np.array([0.0, 0.0, 1.0]))
    return elbow, axis, grip


def load_point(pose: Pose, anatomy: Anatomy, thorax: np.ndarray | None = None) -> np.ndarray | None:
    """Centre of mass of the load (bar or kettlebell), world (3,) m; ``None`` without a load position."""
    if anatomy.load_position not in LOAD_OFFSETS_M:
        return None
    if thorax is None:
        thorax = segment_frames(pose, anatomy)["thorax"].rotation
    along, ant = LOAD_OFFSETS_M[anatomy.load_position]
    scale = anatomy.height_m / 1.75
    mid_sh = 0.5 * (_joint(pose, "shoulder_l") + _joint(pose, "shoulder_r"))
    return mid_sh + scale * (along * thorax[:, 1] + ant * thorax[:, 0])


def _arm_targets(pose: Pose, anatomy: Anatomy, seg: Segments, body: np.ndarray, thorax: np.ndarray,
                 j: Mapping[str, np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Grip point and elbow pole direction per side."""
    load = anatomy.load_position
    fwd, lat = body[:, 0], body[:, 2]
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    centre = load_point(pose, anatomy, thorax)
    for s, sign in (("l", -1.0), ("r", 1.0)):
        sh = j[f"shoulder_{s}"]
        if load in BAR_GRIP_HALF_WIDTH_FRAC and centre is not None:
            grip = centre + sign * BAR_GRIP_HALF_WIDTH_FRAC[load] * seg.height_m * lat
            pole = thorax[:, 0] + 0.3 * thorax[:, 1] if load == "front" else -thorax[:, 1] - 0.5 * thorax[:, 0]
        elif load == "goblet" and centre is not None:
            grip = centre + 0.10 * thorax[:, 1] + sign * 0.05 * lat
            pole = -_UP + 0.2 * sign * lat
        else:  # no load: arms rise forward from the sides as the squat deepens (counterbalance)
            depth = float(np.clip((pose.thigh_angle_deg + 90.0) / 90.0, 0.0, 1.0))
            raise_rad = math.radians(90.0 * depth)
            direction = math.cos(raise_rad) * (-_UP) + math.sin(raise_rad) * fwd
            grip = sh + direction * (seg.upper_arm_length_m + seg.forearm_length_m + 0.5 * seg.hand_length_m)
            pole = -math.cos(raise_rad) * fwd - math.sin(raise_rad) * _UP  # elbows back, then down
        out[s] = (grip, pole)
    return out


def segment_frames(pose: Pose, anatomy: Anatomy) -> dict[str, SegmentFrame]:
    """Every body segment's rotation, origin and scale in ``pose`` (props included).

    Legs and trunk orientations come from the pose's joint centres (so bones land on the joints);
    the lumbar vertebrae take their per-level flexion from ``pose.lumbar_levels_deg``. Raises
    ``ValueError`` if the pose lacks a joint or two joints coincide.
    """
    consts = _body_constants(anatomy)
    seg, scale = consts.seg, consts.scale
    j = _joints_checked(pose, _FRAME_JOINTS)
    body = _body_frame(j)
    frames: dict[str, SegmentFrame] = {}

    def put(name: str, rot: np.ndarray, origin: np.ndarray) -> None:
        frames[name] = SegmentFrame(rot, np.asarray(origin, dtype=float), scale[name])

    for s in SIDES:
        foot = _frame_x_y(j[f"toe_{s}"] - j[f"heel_{s}"], _UP)
        put(f"foot_{s}", foot, j[f"ankle_{s}"])
        knee_axis = _unit(_cross(foot[:, 0] - foot[:, 0][1] * _UP, _UP), fallback=body[:, 2])
        thigh = _frame_y_z(j[f"hip_{s}"] - j[f"knee_{s}"], knee_axis)
        shank = _frame_y_z(j[f"knee_{s}"] - j[f"ankle_{s}"], knee_axis)
        put(f"thigh_{s}", thigh, j[f"hip_{s}"])
        put(f"shank_{s}", shank, j[f"knee_{s}"])
        put(f"patella_{s}", _frame_y_z(_unit(thigh[:, 1] + shank[:, 1], fallback=thigh[:, 1]), knee_axis),
            j[f"knee_{s}"])
        heel_floor = np.array([j[f"heel_{s}"][0], 0.0, j[f"heel_{s}"][2]])
        plate_x = foot[:, 0] - foot[:, 0][1] * _UP
        put(f"heel_plate_{s}", _frame_x_y(plate_x if _norm3(plate_x) > 1e-9 else body[:, 0], _UP),
            heel_floor)

    def to_body(v: np.ndarray) -> np.ndarray:
        return body.T @ v

    # pelvis: from the mid-hip → lumbosacral vector relative to the reference one
    pelvis_fwd = _forward_angle_deg(to_body(j["lumbosacral"] - j["mid_hip"])) - consts.pelvis_ref_deg
    put("pelvis", _sagittal(body, pelvis_fwd), j["mid_hip"])
    thorax_fwd = _forward_angle_deg(to_body(j["neck"] - j["thoracolumbar"]))
    thorax = _sagittal(body, thorax_fwd)
    put("thorax", thorax, j["thoracolumbar"])
    head_fwd = _forward_angle_deg(to_body(j["head"] - j["neck"])) - consts.head_ref_deg
    put("head", _sagittal(body, head_fwd), j["neck"])
    for name, fr in _lumbar_chain(j["lumbosacral"], j["thoracolumbar"], pelvis_fwd,
                                  np.asarray(pose.lumbar_levels_deg, dtype=float), body, seg, scale).items():
        frames[name] = fr

    # arms and hands hold the load
    for s, (grip, pole) in _arm_targets(pose, anatomy, seg, body, thorax, j).items():
        upper, fore, hand = seg.upper_arm_length_m, seg.forearm_length_m, seg.hand_length_m
        reach_lower = fore + 0.5 * hand
        elbow, axis, grip = _ik_arm(j[f"shoulder_{s}"], grip, upper, reach_lower, pole)
        wrist = elbow + (grip - elbow) * (fore / reach_lower)
        put(f"upper_arm_{s}", _frame_y_z(j[f"shoulder_{s}"] - elbow, axis), j[f"shoulder_{s}"])
        fore_rot = _frame_y_z(elbow - wrist, axis)
        put(f"forearm_{s}", fore_rot, elbow)
        put(f"hand_{s}", fore_rot, wrist)

    centre = load_point(pose, anatomy, thorax)
    if centre is not None:  # without a load the props stay parked at their reference place (hidden)
        put("barbell", body, centre)
        put("kettlebell", body, centre)
    return frames


def _lumbar_chain(ls: np.ndarray, tl: np.ndarray, pelvis_fwd_deg: float, levels_deg: np.ndarray,
                  body: np.ndarray, seg: Segments, scale: Mapping[str, np.ndarray]) -> dict[str, SegmentFrame]:
    """L5 … L1 stacked on the lumbosacral joint, each turned by its level's flexion.

    The chain's top is pulled onto the pose's thoracolumbar joint by spreading the (small) closing
    error linearly up the chain, so the spine stays connected whatever the solver's rounding.
    """
    if levels_deg.shape != (5,) or not np.all(np.isfinite(levels_deg)):
        raise ValueError(f"pose.lumbar_levels_deg must be 5 finite numbers, got {levels_deg!r}")
    step_ref = np.array([0.0, seg.lumbar_length_m / 5.0, 0.0])
    angle = pelvis_fwd_deg
    origins, rots = [], []
    p = ls.copy()
    for i in range(5):  # L5 (level L5–S1 = index 4) up to L1 (level L1–L2 = index 0)
        angle += float(levels_deg[4 - i])
        rot = _sagittal(body, angle)
        origins.append(p.copy())
        rots.append(rot)
        p = p + rot @ step_ref
    error = tl - p
    out = {}
    for i, name in enumerate(reversed(LUMBAR_SEGMENTS)):
        out[name] = SegmentFrame(rots[i], origins[i] + error * (i / 5.0), scale[name])
    return out


# ----------------------------------------------------------------------------- matrices
@functools.lru_cache(maxsize=32)
def _segment_reference(specs: tuple[BoneSpec, ...]) -> Mapping[str, np.ndarray]:
    ref = dict(reference_origins())
    for b in specs:
        if b.segment in PROP_SEGMENTS and b.segment not in ("heel_plate_l", "heel_plate_r"):
            ref.setdefault(b.segment, np.asarray(b.joint_centre, dtype=float))
    return MappingProxyType(ref)


@dataclass(frozen=True)
class _MatrixPlan:
    """Per rig: bone ids, their segments and offsets from the segment's reference origin (B, 3)."""

    ids: tuple[str, ...]
    segments: tuple[str, ...]
    offsets: np.ndarray
    parked: tuple[tuple[str, np.ndarray], ...]  # props whose segment has no frame: (segment, fixed matrix)


@functools.lru_cache(maxsize=32)
def _matrix_plan(specs: tuple[BoneSpec, ...]) -> _MatrixPlan:
    ref = _segment_reference(specs)
    parked = []
    for b in specs:
        if b.segment in PROP_SEGMENTS:
            m = np.eye(4)
            m[:3, 3] = b.joint_centre
            m.setflags(write=False)
            parked.append((b.segment, m))
        else:
            parked.append((b.segment, None))
    offsets = np.array([np.asarray(b.joint_centre) - ref[b.segment] if b.segment in ref else np.zeros(3)
                        for b in specs]).reshape(len(specs), 3)
    return _MatrixPlan(tuple(b.id for b in specs), tuple(b.segment for b in specs), offsets, tuple(parked))


def _matrices_for(frames: Mapping[str, SegmentFrame], specs: tuple[BoneSpec, ...],
                  ref: Mapping[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """World matrices (read-only (4, 4) views of one (B, 4, 4) block) of ``specs`` in ``frames``."""
    plan = _matrix_plan(specs)
    ref = _segment_reference(specs) if ref is None else ref
    drawn: list[int] = []
    fixed: dict[int, np.ndarray] = {}
    for i, (segment, park) in enumerate(plan.parked):
        if segment not in frames:
            if park is not None:
                fixed[i] = park
                continue
            raise ValueError(f"bone {plan.ids[i]!r} rides on unknown segment {segment!r}")
        if segment not in ref:
            raise ValueError(f"bone {plan.ids[i]!r} rides on unknown segment {segment!r}")
        drawn.append(i)
    block = np.zeros((len(specs), 4, 4))
    if drawn:
        fr = [frames[plan.segments[i]] for i in drawn]
        rot = np.array([f.rotation for f in fr])  # (D, 3, 3)
        scale = np.array([f.scale for f in fr])  # (D, 3)
        origin = np.array([f.origin for f in fr])  # (D, 3)
        rs = rot * scale[:, None, :]
        block[drawn, :3, :3] = rs
        block[drawn, :3, 3] = origin + np.einsum("dij,dj->di", rs, plan.offsets[drawn])
        block[drawn, 3, 3] = 1.0
    for i, m in fixed.items():
        block[i] = m
    block.setflags(write=False)
    return dict(zip(plan.ids, block, strict=True))


def matrices_from_frames(frames: Mapping[str, SegmentFrame], rig_bones: Any) -> dict[str, np.ndarray]:
    """World matrices of the rig bones from already computed :func:`segment_frames` (saves recomputing)."""
    specs = normalise_rig(rig_bones)
    return _matrices_for(frames, specs, _segment_reference(specs))


def bone_matrices(pose: Pose, anatomy: Anatomy, rig_bones: Any) -> dict[str, np.ndarray]:
    """World matrix (4, 4) of every rig bone in ``pose`` (read-only arrays; metres).

    ``rig_bones``: see :func:`normalise_rig` (each bone has a ``segment`` and a reference
    ``joint_centre``). Raises ``ValueError`` for unknown segments or a malformed pose.
    """
    specs = normalise_rig(rig_bones)
    return _matrices_for(segment_frames(pose, anatomy), specs, _segment_reference(specs))


def neutral_frames(pose: Pose, anatomy: Anatomy, tuck_deg: float,
                   frames: Mapping[str, SegmentFrame] | None = None) -> dict[str, SegmentFrame]:
    """Pelvis and L1–L5 as they would be at this depth without the tuck (the ghost).

    The pelvis is turned forward by ``tuck_deg`` about the mid-hip point and the lumbar levels give
    back the same amount (scaled down in proportion), so the thorax stays where it is.
    ``frames``: :func:`segment_frames` of this pose and anatomy when already computed.
    """
    if frames is None:
        frames = segment_frames(pose, anatomy)
    consts = _body_constants(anatomy)
    seg, scale = consts.seg, consts.scale
    tuck = max(float(tuck_deg), 0.0)
    j = {n: _joint(pose, n) for n in ("hip_l", "hip_r", "mid_hip", "thoracolumbar")}
    body = _body_frame(j)
    pel = frames["pelvis"]
    rot = pel.rotation @ _rot_z(-tuck)  # a forward turn of the pelvis about its own z
    ref = reference_origins()
    ls = pel.origin + rot @ (pel.scale * (ref["l5"] - ref["pelvis"]))
    levels = np.asarray(pose.lumbar_levels_deg, dtype=float)
    total = float(levels.sum())
    factor = (total - tuck) / total if abs(total) > 1e-9 else 1.0
    pelvis_fwd = _forward_angle_deg(body.T @ rot[:, 1])
    chain = _lumbar_chain(ls, j["thoracolumbar"], pelvis_fwd, levels * factor, body, seg, scale)
    out = {"pelvis": SegmentFrame(rot, pel.origin, pel.scale)}
    out.update(chain)
    return out


def neutral_matrices(pose: Pose, anatomy: Anatomy, rig_bones: Any, tuck_deg: float,
                     frames: Mapping[str, SegmentFrame] | None = None) -> dict[str, np.ndarray]:
    """World matrices of the ghost bones (those riding on :data:`GHOST_SEGMENTS`) without the tuck.
    ``frames``: :func:`segment_frames` of this pose and anatomy when already computed (saves redoing them)."""
    specs = tuple(b for b in normalise_rig(rig_bones) if b.segment in GHOST_SEGMENTS)
    return _matrices_for(neutral_frames(pose, anatomy, tuck_deg, frames), specs, _segment_reference(specs))


def tuck_deg(pose: Pose, onset_lumbar_flexion_deg: float | None, onset_thigh_angle_deg: float | None = None) -> float:
    """Lumbar flexion added by the pelvic tuck: flexion beyond its value at the tuck onset, degrees (≥ 0).

    ``onset_lumbar_flexion_deg`` is ``None`` when the squat never reaches its hip stop (no tuck);
    above the onset depth ``onset_thigh_angle_deg`` (when given) there is no tuck either.
    """
    if onset_lumbar_flexion_deg is None:
        return 0.0
    if onset_thigh_angle_deg is not None and float(pose.thigh_angle_deg) < float(onset_thigh_angle_deg):
        return 0.0
    return max(0.0, float(pose.lumbar_flexion_deg) - float(onset_lumbar_flexion_deg))


def onset_thigh_angle_deg(sweep: Sweep) -> float | None:
    """Thigh angle of the sweep's tuck onset, degrees (``None`` when the squat never tucks)."""
    return None if sweep.tuck_onset is None else float(sweep.tuck_onset.thigh_angle_deg)


def onset_lumbar_flexion_deg(sweep: Sweep) -> float | None:
    """Lumbar flexion at the sweep's tuck onset, degrees (``None`` when the squat never tucks)."""
    onset = sweep.tuck_onset
    if onset is None:
        return None
    return float(np.interp(onset.thigh_angle_deg, np.asarray(sweep.thigh_angle_deg, float),
                           np.asarray(sweep.lumbar_flexion_deg, float)))


def at_hip_stop(pose: Pose, tolerance_deg: float = 0.5) -> bool:
    """Whether the hip is at its (effective) bony stop in ``pose``."""
    return "hip_stop" in pose.limits or float(pose.hip_stop_margin_deg) <= tolerance_deg


def hidden_segments(anatomy: Anatomy) -> frozenset[str]:
    """Prop segments not shown for this anatomy (no bar, no kettlebell, no heel plates…)."""
    hidden = set()
    if anatomy.load_position not in BAR_GRIP_HALF_WIDTH_FRAC:
        hidden.add("barbell")
    if anatomy.load_position != "goblet":
        hidden.add("kettlebell")
    if anatomy.heel_elevation_mm <= 0.0:
        hidden.update(("heel_plate_l", "heel_plate_r"))
    return frozenset(hidden)


# ----------------------------------------------------------------------------- muscles
# Attachments from Rajagopal et al. 2016 (IEEE TBME 63:2068) via biomechanics.md §6, right side,
# as offsets (m, for a 1.80 m body) from the hip joint centre in the pelvis frame, from the hip in
# the thigh frame, or from the knee centre in the shank frame. The left side mirrors z.
_MUSCLE_PATHS: Mapping[str, tuple[tuple[str, tuple[float, float, float]], ...]] = MappingProxyType({
    "semimembranosus": (("pelvis", (-0.0424, -0.0355, -0.0159)), ("shank", (-0.029, -0.0417, -0.0196))),
    "biceps_femoris_long_head": (("pelvis", (-0.0477, -0.0406, -0.0187)), ("shank", (-0.0337, -0.035, 0.0253))),
    "rectus_femoris": (("pelvis", (0.0323, 0.0397, 0.0160)), ("thigh", (0.030, -0.330, 0.0)),
                       ("thigh", (0.045, -0.400, 0.0)), ("shank", (0.040, -0.070, 0.0))),
})
MUSCLES_DRAWN: tuple[str, ...] = tuple(_MUSCLE_PATHS)


def muscle_paths(pose: Pose, anatomy: Anatomy, frames: Mapping[str, SegmentFrame] | None = None
                 ) -> dict[str, np.ndarray]:
    """Polyline of each drawn muscle per side, keys ``<muscle>_<side>``, arrays (k, 3) in metres."""
    if frames is None:
        frames = segment_frames(pose, anatomy)
    size = anatomy.height_m / 1.80
    out: dict[str, np.ndarray] = {}
    for name, path in _MUSCLE_PATHS.items():
        for s, zsign in (("l", -1.0), ("r", 1.0)):
            pts = []
            for seg_name, off in path:
                local = np.array([off[0], off[1], off[2] * zsign]) * size
                if seg_name == "pelvis":
                    fr = frames["pelvis"]
                    pts.append(_joint(pose, f"hip_{s}") + fr.rotation @ local)
                else:
                    fr = frames[f"{seg_name}_{s}"]
                    pts.append(fr.origin + fr.rotation @ local)
            a = np.array(pts)
            a.setflags(write=False)
            out[f"{name}_{s}"] = a
    return out
