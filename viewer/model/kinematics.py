"""Pose → one 4×4 world matrix per bone: the render contract (pure numpy).

Frames (see docs/architecture.md): global x anterior, y up, z to the lifter's right,
metres and degrees. Every bone mesh is authored in its bone's local frame, origin at
the bone's ``joint_centre``, axes parallel to the world axes in the **reference standing
pose** ``standing_landmarks(segments(Anatomy()))``. A bone rides on a *segment* (a rigid
body moved by the pose); for a segment with rotation ``R``, origin ``p`` and scale ``S``
(relative to the reference body) the bone's matrix is::

    M = [R·S | p + R·S·(c_bone − c_segment_ref)]

so the reference standing pose gives pure translations to the joint centres.

The segments, their ids and origins, and their frames in a pose are in
:mod:`viewer.model.body_frames` (re-exported here: :func:`segment_frames`,
:func:`reference_origins`, :func:`load_point`, …); this module turns them into bone matrices,
the ghost of the untucked spine, and the drawn muscles' paths.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from .anatomy import Anatomy
from .body_frames import (  # noqa: F401  (re-exported: the render contract's one import)
    BAR_GRIP_HALF_WIDTH_FRAC,
    HEEL_PLATE_REF_MM,
    LOAD_OFFSETS_M,
    LUMBAR_SEGMENTS,
    SIDES,
    FrameSet,
    SegmentFrame,
    joint_position,
    load_point,
    neutral_frames,
    reference_origins,
    segment_frames,
)
from .pose import Pose
from .sides import side_value

#: Segments drawn by the ghost of the neutral (untucked) spine.
GHOST_SEGMENTS: frozenset[str] = frozenset(("pelvis", *LUMBAR_SEGMENTS))
PROP_SEGMENTS: frozenset[str] = frozenset(("barbell", "kettlebell", "heel_plate_l", "heel_plate_r"))


@dataclass(frozen=True, slots=True)
class BoneSpec:
    """What kinematics needs to know about a bone: its segment and reference joint centre (m)."""

    id: str
    segment: str
    joint_centre: tuple[float, float, float]


# ----------------------------------------------------------------------------- rig input
def normalise_rig(rig_bones: Any) -> tuple[BoneSpec, ...]:
    """Plain bone specs from a rig in any of the accepted shapes.

    Accepts an object with ``.bones``; a mapping ``id → spec``; or an iterable of specs, where a
    spec is an object or mapping with ``segment`` and ``joint_centre`` (and ``id`` when not keyed).
    Raises ``ValueError`` naming the bone when a field is missing or malformed.
    """
    if isinstance(rig_bones, tuple) and all(type(b) is BoneSpec for b in rig_bones):
        return rig_bones  # already our own (immutable) output: nothing to check again
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
    return tuple(out)


# ----------------------------------------------------------------------------- matrices
def _segment_reference(specs: tuple[BoneSpec, ...]) -> Mapping[str, np.ndarray]:
    ref = dict(reference_origins())
    for b in specs:
        if b.segment in PROP_SEGMENTS and b.segment not in ("heel_plate_l", "heel_plate_r"):
            ref.setdefault(b.segment, np.asarray(b.joint_centre, dtype=float))
    return MappingProxyType(ref)


@dataclass(frozen=True, eq=False)
class _MatrixPlan:
    """Per rig: bone ids, their segments and offsets from the segment's reference origin (B, 3)."""

    ids: tuple[str, ...]
    segments: tuple[str, ...]
    offsets: np.ndarray
    parked: tuple[tuple[str, np.ndarray], ...]  # props whose segment has no frame: (segment, fixed matrix)
    ref: Mapping[str, np.ndarray]  # the segments' reference origins
    layouts: dict[tuple[str, ...], _Layout] = field(default_factory=dict)  # per FrameSet.names


@dataclass(frozen=True, eq=False)
class _Layout:
    """Where a rig's bones find their segment in a :class:`FrameSet` of given names."""

    drawn: np.ndarray  # (D,) bones on a segment of the set
    index: np.ndarray  # (D,) their segment's row in the set
    offsets: np.ndarray  # (D, 3) their offsets (plan.offsets[drawn])
    base: np.ndarray  # (B, 4, 4) the parked props' fixed matrices; 1 at [3, 3] of the drawn bones


# kept: rebuilding the plan (and its layouts) on every call costs ≈ 1 ms per depth tick (measured, issue 18)
@functools.lru_cache(maxsize=8)
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
    return _MatrixPlan(tuple(b.id for b in specs), tuple(b.segment for b in specs), offsets, tuple(parked), ref)


def _drawn_bones(plan: _MatrixPlan, has_segment: Callable[[str], bool]) -> tuple[list[int], dict[int, np.ndarray]]:
    """Bones drawn on a segment of the frames, and parked props (index → fixed matrix); ``ValueError``
    names a bone whose segment is neither in the frames nor a prop's."""
    drawn: list[int] = []
    fixed: dict[int, np.ndarray] = {}
    for i, (segment, park) in enumerate(plan.parked):
        if not has_segment(segment):
            if park is not None:
                fixed[i] = park
                continue
            raise ValueError(f"bone {plan.ids[i]!r} rides on unknown segment {segment!r}")
        if segment not in plan.ref:
            raise ValueError(f"bone {plan.ids[i]!r} rides on unknown segment {segment!r}")
        drawn.append(i)
    return drawn, fixed


def _layout(plan: _MatrixPlan, names: tuple[str, ...]) -> _Layout:
    layout = plan.layouts.get(names)
    if layout is None:
        row = {n: k for k, n in enumerate(names)}
        drawn, fixed = _drawn_bones(plan, row.__contains__)
        base = np.zeros((len(plan.ids), 4, 4))
        base[drawn, 3, 3] = 1.0
        for i, m in fixed.items():
            base[i] = m
        idx = np.array(drawn, dtype=int)
        layout = _Layout(idx, np.array([row[plan.segments[i]] for i in drawn], dtype=int),
                         plan.offsets[idx], base)
        plan.layouts[names] = layout
    return layout


def _matrices_for(frames: Mapping[str, SegmentFrame], specs: tuple[BoneSpec, ...]) -> dict[str, np.ndarray]:
    """World matrices (read-only (4, 4) views of one (B, 4, 4) block) of ``specs`` in ``frames``."""
    plan = _matrix_plan(specs)
    if isinstance(frames, FrameSet):  # the per-frame path: whole blocks, no per-bone Python
        layout = _layout(plan, frames.names)
        drawn, index = layout.drawn, layout.index
        block = layout.base.copy()
        if len(drawn):
            rs = frames.rotations[index] * frames.scales[index][:, None, :]
            block[drawn, :3, :3] = rs
            block[drawn, :3, 3] = frames.origins[index] + np.einsum("dij,dj->di", rs, layout.offsets)
    else:  # any mapping of SegmentFrames
        drawn_list, fixed = _drawn_bones(plan, frames.__contains__)
        block = np.zeros((len(specs), 4, 4))
        if drawn_list:
            fr = [frames[plan.segments[i]] for i in drawn_list]
            rot = np.array([f.rotation for f in fr])  # (D, 3, 3)
            scale = np.array([f.scale for f in fr])  # (D, 3)
            origin = np.array([f.origin for f in fr])  # (D, 3)
            rs = rot * scale[:, None, :]
            block[drawn_list, :3, :3] = rs
            block[drawn_list, :3, 3] = origin + np.einsum("dij,dj->di", rs, plan.offsets[drawn_list])
            block[drawn_list, 3, 3] = 1.0
        for i, m in fixed.items():
            block[i] = m
    block.setflags(write=False)
    return dict(zip(plan.ids, block, strict=True))


def matrices_from_frames(frames: Mapping[str, SegmentFrame], rig_bones: Any) -> dict[str, np.ndarray]:
    """World matrices of the rig bones from already computed :func:`segment_frames` (saves recomputing)."""
    specs = normalise_rig(rig_bones)
    return _matrices_for(frames, specs)


def bone_matrices(pose: Pose, anatomy: Anatomy, rig_bones: Any) -> dict[str, np.ndarray]:
    """World matrix (4, 4) of every rig bone in ``pose`` (read-only arrays; metres).

    ``rig_bones``: see :func:`normalise_rig` (each bone has a ``segment`` and a reference
    ``joint_centre``). Raises ``ValueError`` for unknown segments or a malformed pose.
    """
    specs = normalise_rig(rig_bones)
    return _matrices_for(segment_frames(pose, anatomy), specs)



def neutral_matrices(pose: Pose, anatomy: Anatomy, rig_bones: Any, tuck_deg: float | None = None,
                     frames: Mapping[str, SegmentFrame] | None = None, lumbar_deg: float | None = None
                     ) -> dict[str, np.ndarray]:
    """World matrices of the ghost bones (those riding on :data:`GHOST_SEGMENTS`) without the tuck:
    the pelvis turned forward by ``tuck_deg`` and the lumbar spine giving back ``lumbar_deg`` degrees
    of flexion (see :func:`neutral_frames`). Both default to the pose's own figures,
    ``pose.pelvic_tuck_deg`` and ``pose.lumbar_flexion_added_deg``.
    ``frames``: :func:`segment_frames` of this pose and anatomy when already computed (saves redoing them)."""
    if tuck_deg is None:
        tuck_deg = float(pose.pelvic_tuck_deg)
        if lumbar_deg is None:
            lumbar_deg = float(pose.lumbar_flexion_added_deg)
    return _matrices_for(neutral_frames(pose, anatomy, tuck_deg, frames, lumbar_deg),
                         tuple(b for b in normalise_rig(rig_bones) if b.segment in GHOST_SEGMENTS))


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
    hidden.update(f"heel_plate_{s}" for s in SIDES if side_value(anatomy, "heel_elevation_mm", s) <= 0.0)
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


@dataclass(frozen=True, eq=False)
class _MusclePlan:
    """The drawn muscles' points as rows of a FrameSet of given names (see :func:`muscle_paths`)."""

    index: np.ndarray  # (P,) each point's segment row
    local: np.ndarray  # (P, 3) its offset in the segment frame, m for a 1.80 m body (left side mirrored)
    hip_rows: tuple[tuple[str, np.ndarray], ...]  # per side: the points measured from that hip, not the segment origin
    slices: tuple[tuple[str, int, int], ...]  # key, first row, end row of each polyline


def _muscle_plan(names: tuple[str, ...]) -> _MusclePlan:
    row = {n: k for k, n in enumerate(names)}
    index, local, slices = [], [], []
    hips: dict[str, list[int]] = {s: [] for s in SIDES}
    for name, path in _MUSCLE_PATHS.items():
        for s, zsign in (("l", -1.0), ("r", 1.0)):
            first = len(index)
            for seg_name, off in path:
                if seg_name == "pelvis":
                    hips[s].append(len(index))
                index.append(row[seg_name if seg_name == "pelvis" else f"{seg_name}_{s}"])
                local.append((off[0], off[1], off[2] * zsign))
            slices.append((f"{name}_{s}", first, len(index)))
    return _MusclePlan(np.array(index, dtype=int), np.array(local, dtype=float),
                       tuple((s, np.array(rows, dtype=int)) for s, rows in hips.items()), tuple(slices))


def muscle_paths(pose: Pose, anatomy: Anatomy, frames: Mapping[str, SegmentFrame] | None = None
                 ) -> dict[str, np.ndarray]:
    """Polyline of each drawn muscle per side, keys ``<muscle>_<side>``, arrays (k, 3) in metres.

    A pelvis attachment is placed from that side's hip joint centre as drawn (its thigh's origin); the others
    from their segment's origin (see :data:`_MUSCLE_PATHS`).
    """
    if frames is None:
        frames = segment_frames(pose, anatomy)
    size = anatomy.height_m / 1.80
    if isinstance(frames, FrameSet):  # the per-frame path: one block of points
        plan = _muscle_plan(frames.names)
        base = frames.origins[plan.index]
        for s, rows in plan.hip_rows:
            base[rows] = frames[f"thigh_{s}"].origin  # the hip centre as drawn
        pts = base + np.einsum("pij,pj->pi", frames.rotations[plan.index], plan.local * size)
        pts.setflags(write=False)
        return {key: pts[a:b] for key, a, b in plan.slices}
    out: dict[str, np.ndarray] = {}
    for name, path in _MUSCLE_PATHS.items():
        for s, zsign in (("l", -1.0), ("r", 1.0)):
            points = []
            for seg_name, off in path:
                local = np.array([off[0], off[1], off[2] * zsign]) * size
                if seg_name == "pelvis":
                    fr = frames["pelvis"]
                    points.append(frames[f"thigh_{s}"].origin + fr.rotation @ local)
                else:
                    fr = frames[f"{seg_name}_{s}"]
                    points.append(fr.origin + fr.rotation @ local)
            a = np.array(points)
            a.setflags(write=False)
            out[f"{name}_{s}"] = a
    return out
