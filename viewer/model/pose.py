"""Result types of the squat model: ``Pose`` (one depth), ``Sweep`` (all depths), ``Onset``.

These are the contract between the model and everything that shows it (scene,
plots, readouts, exports). Global frame: x anterior (toe direction, sagittal),
y up, z to the lifter's right; origin on the floor under the midpoint between
the ankle joints; metres and degrees.

Angle conventions (see docs/model.md):
- ``thigh_angle_deg``: sagittal thigh angle below horizontal; −90 standing, 0 parallel.
- ``ankle_dorsiflexion_deg``: tibia inclination relative to the foot (0 standing).
- ``knee_flexion_deg``: 0 straight.
- ``hip_flexion_deg``: femur relative to the pelvis (sagittal), 0 standing.
- ``pelvic_tilt_deg``: pelvis relative to the ground, + anterior, 0 standing.
- ``lumbar_flexion_deg``: thorax relative to pelvis, 0 standing lordosis, + flexion.
- ``trunk_lean_deg``: thorax from vertical, + forward.

Derived figures, computed here once and only displayed elsewhere:
- ``pelvic_tuck_deg``: how far the pelvis has tilted back from its most forward tilt on the way down
  (0 above the tuck onset, > 0 below it).
- ``hip_flexion_needed_deg``: the femur-on-pelvis flexion this depth would need had the pelvis kept its
  most forward tilt (= ``hip_flexion_deg`` + ``pelvic_tuck_deg``): past the stop, what the hip lacks.
- ``lumbar_curve_deg``: what is left of the mobile lumbar lordosis (+ lordotic, 0 flat, − rounded):
  the flat threshold minus the lumbar flexion.
- ``lumbar_flexion_added_deg``: lumbar flexion added since the tuck onset (0 above it): what the tuck
  costs the lower back.

Left ≠ right (``SIDE_FIELDS``): ``pelvic_shift_cm`` (+ to the right), ``pelvic_rotation_deg`` (+ the right
hip forward), ``pelvic_obliquity_deg`` (+ the right hip higher), each hip's flexion, stop and margin
(``_l``/``_r``; ``hip_stop_deg`` is the smaller stop, the one that decides the tuck), the load on each foot
(% of body weight) and how far each knee centre sits outside the vertical plane of its foot's long axis
(cm). Mirroring the lifter changes the sign of the first three and swaps left and right.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

#: Names of the lumbar motion segments, proximal to distal (order of ``lumbar_levels_deg``).
LUMBAR_LEVELS: tuple[str, ...] = ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")

#: Names of the limits that can end or shape the squat (values of ``Pose.limits``).
LIMIT_NAMES: tuple[str, ...] = ("ankle", "toes", "hip_stop", "knee", "lumbar", "balance")

#: Muscle keys of ``Pose.muscles`` / ``Sweep.muscles``.
MUSCLE_NAMES: tuple[str, ...] = (
    "semimembranosus", "biceps_femoris_long_head", "rectus_femoris", "gastrocnemius")

#: Joint-centre keys of ``Pose.joints`` (world frame, metres, shape (3,)).
JOINT_NAMES: tuple[str, ...] = (
    "toe_l", "toe_r", "heel_l", "heel_r", "ankle_l", "ankle_r", "knee_l", "knee_r",
    "hip_l", "hip_r", "mid_hip", "lumbosacral", "thoracolumbar", "neck", "head",
    "shoulder_l", "shoulder_r", "com",
)


#: Per-depth outputs of left ≠ right (arrays in ``Sweep``, floats in ``Pose``): docs/model.md Part A §13.
SIDE_FIELDS: tuple[str, ...] = (
    "pelvic_shift_cm", "pelvic_rotation_deg", "pelvic_obliquity_deg", "hip_flexion_l_deg", "hip_flexion_r_deg",
    "hip_stop_l_deg", "hip_stop_r_deg", "hip_stop_margin_l_deg", "hip_stop_margin_r_deg", "foot_load_l_pct",
    "foot_load_r_pct", "knee_out_l_cm", "knee_out_r_cm")


@dataclass(frozen=True, slots=True)
class Onset:
    """Where along the squat something happens (tuck, rounding, deepest point)."""

    thigh_angle_deg: float
    knee_flexion_deg: float
    hip_height_pct_leg: float


@dataclass(frozen=True, slots=True)
class Pose:
    """The body at one depth. Scalars in degrees / metres; arrays read-only.

    ``joints`` maps :data:`JOINT_NAMES` to world positions (3,) in metres.
    ``lumbar_levels_deg`` (5,) is the flexion of each level from standing, in
    :data:`LUMBAR_LEVELS` order; it sums to ``lumbar_flexion_deg``.
    ``rim_contact`` maps "l"/"r" to the point on the acetabular rim nearest the
    femoral neck, world frame (3,), metres. ``hip_stop_margin_deg`` = stop − flexion
    (≤ 0 at the stop). ``limits`` holds the :data:`LIMIT_NAMES` active here.
    ``muscles`` maps :data:`MUSCLE_NAMES` to length relative to standing (1 = standing).
    """

    thigh_angle_deg: float
    ankle_dorsiflexion_deg: float
    knee_flexion_deg: float
    hip_flexion_deg: float
    hip_abduction_deg: float
    hip_external_rotation_deg: float
    pelvic_tilt_deg: float
    lumbar_flexion_deg: float
    lumbar_levels_deg: np.ndarray
    trunk_lean_deg: float
    hip_height_pct_leg: float
    com_x_m: float
    hip_stop_deg: float
    hip_stop_margin_deg: float
    balanced: bool
    limits: frozenset[str]
    joints: Mapping[str, np.ndarray]
    rim_contact: Mapping[str, np.ndarray]
    muscles: Mapping[str, float]
    foot_tilt_deg: float = 0.0
    pelvic_tuck_deg: float = 0.0
    hip_flexion_needed_deg: float = 0.0
    lumbar_curve_deg: float = 0.0
    lumbar_flexion_added_deg: float = 0.0
    # left ≠ right (docs/model.md Part A §13): 0, equal sides and 50 % each for a symmetric lifter
    pelvic_shift_cm: float = 0.0
    pelvic_rotation_deg: float = 0.0
    pelvic_obliquity_deg: float = 0.0
    hip_flexion_l_deg: float = 0.0
    hip_flexion_r_deg: float = 0.0
    hip_stop_l_deg: float = 0.0
    hip_stop_r_deg: float = 0.0
    hip_stop_margin_l_deg: float = 0.0
    hip_stop_margin_r_deg: float = 0.0
    foot_load_l_pct: float = 50.0
    foot_load_r_pct: float = 50.0
    knee_out_l_cm: float = 0.0
    knee_out_r_cm: float = 0.0


@dataclass(frozen=True, slots=True)
class Sweep:
    """The squat at every depth of a grid from standing to the deepest reachable.

    Every per-depth field of :class:`Pose` appears here as a read-only array of
    shape (N,) (``lumbar_levels_deg`` (N, 5); ``joints`` and ``rim_contact``
    values (N, 3); ``limits`` a tuple of frozensets), N ≥ 200, ordered from
    standing (index 0) to the deepest reachable (index −1).
    """

    thigh_angle_deg: np.ndarray
    ankle_dorsiflexion_deg: np.ndarray
    knee_flexion_deg: np.ndarray
    hip_flexion_deg: np.ndarray
    hip_abduction_deg: np.ndarray
    hip_external_rotation_deg: np.ndarray
    pelvic_tilt_deg: np.ndarray
    lumbar_flexion_deg: np.ndarray
    lumbar_levels_deg: np.ndarray
    trunk_lean_deg: np.ndarray
    hip_height_pct_leg: np.ndarray
    com_x_m: np.ndarray
    hip_stop_deg: np.ndarray
    hip_stop_margin_deg: np.ndarray
    balanced: np.ndarray
    limits: tuple[frozenset[str], ...]
    joints: Mapping[str, np.ndarray]
    rim_contact: Mapping[str, np.ndarray]
    muscles: Mapping[str, np.ndarray]
    foot_tilt_deg: np.ndarray
    pelvic_tuck_deg: np.ndarray
    hip_flexion_needed_deg: np.ndarray
    lumbar_curve_deg: np.ndarray
    lumbar_flexion_added_deg: np.ndarray
    pelvic_shift_cm: np.ndarray
    pelvic_rotation_deg: np.ndarray
    pelvic_obliquity_deg: np.ndarray
    hip_flexion_l_deg: np.ndarray
    hip_flexion_r_deg: np.ndarray
    hip_stop_l_deg: np.ndarray
    hip_stop_r_deg: np.ndarray
    hip_stop_margin_l_deg: np.ndarray
    hip_stop_margin_r_deg: np.ndarray
    foot_load_l_pct: np.ndarray
    foot_load_r_pct: np.ndarray
    knee_out_l_cm: np.ndarray
    knee_out_r_cm: np.ndarray
    tuck_onset: Onset | None
    rounding_onset: Onset | None
    deepest: Onset
    deepest_limited_by: str
    #: Lumbar flexion (°) at which the mobile lumbar curve is flat (the rounding onset's threshold).
    flat_lumbar_flexion_deg: float
    #: Which way balance fails where ``deepest_limited_by`` is a balance limit: "back" or "forward".
    falls: str = "back"
    #: The joints again as one read-only array (N, len(JOINT_NAMES), 3), for fast lookups.
    joints_stack: np.ndarray | None = None
    #: Where each hip (left, right) meets its own stop along the squat (``None``: not before the deepest
    #: point); the earlier one is the tuck onset.
    hip_stop_onset_l: Onset | None = None
    hip_stop_onset_r: Onset | None = None
    #: Which hip reaches its stop first: "l", "r", "both" (same depth) or "" (neither before the deepest point).
    first_stop_side: str = ""

    def index_of(self, thigh_angle_deg: float) -> float:
        """Fractional grid index of a thigh angle (°), clamped to [0, N − 1]."""
        grid = self.thigh_angle_deg
        n = grid.shape[0]
        lo, hi = float(grid[0]), float(grid[-1])
        if n < 2 or hi <= lo:
            return 0.0
        x = (float(thigh_angle_deg) - lo) / (hi - lo) * (n - 1)
        return min(max(x, 0.0), float(n - 1))

    def depth_pct(self, thigh_angle_deg: float) -> float:
        """Depth as 0 % (standing) … 100 % (deepest reachable) for a thigh angle (°), clamped."""
        n = self.thigh_angle_deg.shape[0]
        return 0.0 if n < 2 else 100.0 * self.index_of(thigh_angle_deg) / (n - 1)

    def thigh_angle_at_pct(self, depth_pct: float) -> float:
        """Thigh angle (°) at a depth of 0–100 % of the reachable range (clamped)."""
        lo, hi = float(self.thigh_angle_deg[0]), float(self.thigh_angle_deg[-1])
        return lo + (hi - lo) * min(max(float(depth_pct), 0.0), 100.0) / 100.0

    def pose_at(self, thigh_angle_deg: float) -> Pose:
        """The pose at a thigh angle (°), linearly interpolated on the grid (clamped to its range).

        Flags (``balanced``, ``limits``) come from the nearest grid point. Fast: meant for every
        slider tick; the sweep's grid is dense (≥ 200 points), so the interpolation error is small.
        """
        x = self.index_of(thigh_angle_deg)
        n = self.thigh_angle_deg.shape[0]
        i = min(int(x), n - 2) if n > 1 else 0
        f = x - i if n > 1 else 0.0
        j = i + 1 if n > 1 else 0
        near = j if f >= 0.5 else i

        def lerp(a: np.ndarray) -> float:
            a0 = float(a[i])
            return a0 + f * (float(a[j]) - a0)

        def lerp_arr(a: np.ndarray) -> np.ndarray:
            out = a[i] + f * (a[j] - a[i])
            out.setflags(write=False)
            return out

        if self.joints_stack is not None:
            stack = lerp_arr(self.joints_stack)
            joints = dict(zip(JOINT_NAMES, stack, strict=True))
        else:
            joints = {k: lerp_arr(v) for k, v in self.joints.items()}
        return Pose(**{name: lerp(getattr(self, name)) for name in SCALAR_FIELDS},
                    lumbar_levels_deg=lerp_arr(self.lumbar_levels_deg), balanced=bool(self.balanced[near]),
                    limits=self.limits[near], joints=MappingProxyType(joints),
                    rim_contact=MappingProxyType({k: lerp_arr(v) for k, v in self.rim_contact.items()}),
                    muscles=MappingProxyType({k: lerp(v) for k, v in self.muscles.items()}))


#: The per-depth numbers of a pose (floats in :class:`Pose`, arrays (N,) in :class:`Sweep`).
SCALAR_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Pose) if f.type == "float")
