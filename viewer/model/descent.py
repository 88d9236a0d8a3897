"""The descent: how the body goes down, depth by depth, from standing to past the deepest point.

One pass along a fine grid of sagittal thigh angles, in stages (docs/model.md Part A):

1. **Legs** (``legs.py``): the feet, the knee-travel pattern and its caps, the hips.
2. **Hip stop** (``hip.py``): the effective stop at each depth's abduction, and the pelvic tilt at which
   the hip meets it.
3. **Balance** (``trunk.py``): the trunk lean that puts the whole-body COM on the mid-foot target, and
   the lean that puts it at the front of the mid-foot band.
4. **Lumbopelvic rhythm**: the lean the lifter holds. It follows the balance lean down the squat but is
   not given back while the COM stays inside the mid-foot band (a lifter does not straighten up again
   part-way down); before the hip stop the pelvis takes its share of it, at the stop the pelvis tilts
   back one degree per degree of depth and the thorax holds, so the lumbar spine flexes. Where even
   giving the lean back would leave the COM past the band's front, the knees travel less.
5. **Limits**: tolerated lumbar flexion, knee flexion, balance (the lean needed is past the trunk's range,
   or the COM passes the metatarsal heads); the deepest point is the first crossing.
6. **Onsets**: tuck (the hip reaches its stop: the pelvis's most forward tilt) and rounding (the lumbar
   curve goes flat), each where its quantity crosses its threshold.

Every crossing is interpolated linearly between grid points, so each onset and the deepest point move
continuously with the anatomy.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments, segments
from .frontal import Side, make_sides, pelvis_between, two_legs
from .hip import hip_stops
from .legs import KNEE_MAX_DEG, Foot, LegChain, leg_chain, place_foot
from .sides import is_symmetric
from .trunk import (
    FLAT_SHARE_OF_LORDOSIS,
    TRUNK_LEAN_MAX_DEG,
    TRUNK_LEAN_MIN_DEG,
    Trunk,
    arm_raise_deg,
    lean_on_rhythm,
    lean_with_pelvis_held,
    part_angles_deg,
    rhythm_lumbar_deg,
    rhythm_table,
    trunk_model,
    x_moment,
)

#: Thigh angles the model is defined on (°): standing … 70° below horizontal (past every knee's fold).
THIGH_ANGLE_MIN_DEG = -90.0
THIGH_ANGLE_MAX_DEG = 70.0
#: Spacing of the descent's grid (°). Crossings are interpolated between its points.
STEP_DEG = 1.0
#: Balance target: this share of foot length from the heel (biomechanics.md §7: mid-foot, 0.4–0.5) [E].
BALANCE_TARGET_FRAC_OF_FOOT = 0.40
#: The COM may drift forward of the target up to this share of foot length (the far end of §7's 0.4–0.5
#: mid-foot range) before the lifter gives back trunk lean [E].
BALANCE_BAND_FRAC_OF_FOOT = 0.10
#: The balance target moves from the upright COM of the body (standing; no load, arms hanging) to the
#: mid-foot over this much depth (°) [E]; a load in front simply puts the COM ahead of it (no lean).
TARGET_BLEND_DEG = 30.0
#: The stop table: effective hip stop at this many abductions spanning the squat's range (the external
#: rotation is the same at every depth); interpolated linearly (≤ 0.05° from a direct call).
_STOP_TABLE_POINTS = 25


@dataclass(frozen=True, slots=True)
class Body:
    """Per-anatomy constants of the descent (metres, kg, degrees)."""

    anatomy: Anatomy
    seg: Segments
    foot: Foot
    trunk: Trunk
    table: tuple[np.ndarray, np.ndarray]  # rhythm lean (°) → upper-body x-moment (kg·m)
    mass_kg: float  # body + load
    upright_com_x_m: float  # the body's own COM standing upright (no load, arms hanging)
    stop_abduction_deg: np.ndarray  # (M,) abductions of the stop table
    stop_deg: np.ndarray  # (M,) effective hip stop there
    stop_contact_m: np.ndarray  # (M, 3) right rim contact, pelvis frame, relative to the hip centre
    #: (left, right) where the sides differ or the knees are pushed out (``frontal.py``); else ``None``
    sides: tuple[Side, Side] | None = None
    leg_length_difference_mm: float = 0.0


def two_sided(anatomy: Anatomy) -> bool:
    """Whether the anatomy needs each side solved on its own (sides differ, or knees pushed out/in)."""
    return anatomy.knees_out_cm != 0.0 or not is_symmetric(anatomy)


def legs_at(body: Body, thigh_angle_deg: np.ndarray, caps: np.ndarray | None = None) -> LegChain:
    """The legs at thigh angles (N,): the right leg (mirrored for the left), or both (``frontal.two_legs``)."""
    if body.sides is None:
        return leg_chain(body.anatomy, body.seg, body.foot, thigh_angle_deg, caps)
    return two_legs(body.sides, thigh_angle_deg, caps)


def body_leg_moments(body: Body, legs: LegChain) -> tuple[np.ndarray, np.ndarray]:
    """x- and y-moments (kg·m) of both legs (N,) each, whichever way they were solved."""
    if legs.pair is None:
        return leg_moments(body.seg, body.foot, legs)
    mx = my = 0.0
    for side, leg in zip(body.sides, legs.pair, strict=True):
        x, y = leg_moments(side.seg, side.foot, leg)
        mx, my = mx + 0.5 * x, my + 0.5 * y
    return mx, my


def stop_along(body: Body, thigh_angle_deg: np.ndarray, legs: LegChain) -> np.ndarray:
    """Effective hip stop (°) that decides the tuck at each depth (N,): the smaller of the two sides'."""
    if legs.pair is None:
        return hip_stop_at(body, legs.abduction_deg)
    return pelvis_between(body.sides, thigh_angle_deg, legs, body.leg_length_difference_mm).stop_deg


def leg_moments(seg: Segments, foot: Foot, legs: LegChain) -> tuple[np.ndarray, np.ndarray]:
    """x- and y-moments (kg·m, about the origin) of both legs at N depths, (N,) each."""
    hip, knee = legs.hip, legs.knee
    ankle = np.asarray(foot.ankle)
    thigh = hip + seg.thigh_com_frac * (knee - hip)
    shank = knee + seg.shank_com_frac * (ankle - knee)
    mx = seg.thigh_mass_kg * thigh[:, 0] + seg.shank_mass_kg * shank[:, 0] + seg.foot_mass_kg * foot.com[0]
    my = seg.thigh_mass_kg * thigh[:, 1] + seg.shank_mass_kg * shank[:, 1] + seg.foot_mass_kg * foot.com[1]
    return 2.0 * mx, 2.0 * my


def arm_moments(trunk: Trunk, thigh_angle_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x- and y-moments (kg·m, about the shoulders) of unloaded arms reaching forward with depth (N,)."""
    raise_rad = np.radians(arm_raise_deg(thigh_angle_deg))
    reach = trunk.arm_world_mass_kg * trunk.arm_reach_m
    return reach * np.sin(raise_rad), -reach * np.cos(raise_rad)


#: Thigh angles (°) at which the legs are probed for the stop tables' range and the upright COM (first).
_PROBE_DEG = np.array([THIGH_ANGLE_MIN_DEG, -45.0, 0.0, 35.0, THIGH_ANGLE_MAX_DEG])
_MEAN_FOOT = ("heel_x_m", "mtp_x_m", "toe_x_m", "midfoot_x_m")


def body_constants(anatomy: Anatomy, each_side: bool | None = None) -> Body:
    """Everything the descent needs that depends on the anatomy only.

    A lifter whose sides are solved one by one (``each_side``; default :func:`two_sided`) gets each
    side's constants (``frontal.make_sides``), the balance on the mean of the two feet.
    """
    sides = make_sides(anatomy, BALANCE_TARGET_FRAC_OF_FOOT, _PROBE_DEG) \
        if (two_sided(anatomy) if each_side is None else each_side) else None
    an = anatomy if sides is None else sides[1].anatomy
    seg = segments(an)
    trunk = trunk_model(an, seg)
    if sides is None:
        foot = place_foot(an, seg, BALANCE_TARGET_FRAC_OF_FOOT)
        abduction = leg_chain(an, seg, foot, _PROBE_DEG).abduction_deg
        grid = np.linspace(float(abduction.min()) - 2.0, float(abduction.max()) + 2.0, _STOP_TABLE_POINTS)
        stops = hip_stops(an, grid, np.full(grid.shape, an.toe_out_deg), "r")
        table = (grid, np.asarray(stops.effective_deg, dtype=float).reshape(-1),
                 np.asarray(stops.contact_pelvis_m, dtype=float).reshape(-1, 3))
    else:
        left, right = sides
        foot = dataclasses.replace(right.foot, **{k: 0.5 * (getattr(left.foot, k) + getattr(right.foot, k))
                                                  for k in _MEAN_FOOT})
        table = (right.stop_abduction_deg, right.stop_deg[0], right.stop_contact_m[0])
    body = Body(anatomy=an, seg=seg, foot=foot, trunk=trunk, table=rhythm_table(trunk),
                mass_kg=seg.body_mass_kg - seg.hat_mass_kg + trunk.mass_kg, upright_com_x_m=0.0,
                stop_abduction_deg=table[0], stop_deg=table[1], stop_contact_m=table[2], sides=sides,
                leg_length_difference_mm=anatomy.leg_length_difference_mm)
    # upright reference of the body alone (no load, arms hanging, trunk upright, pelvis neutral): a
    # property of the body, so that every load position shares the same balance target
    probe = legs_at(body, _PROBE_DEG)
    bare = trunk_model(an, seg, unloaded=True)
    legs_x, _ = body_leg_moments(body, probe)
    parts = x_moment(bare, part_angles_deg(np.zeros(1), np.zeros(1)))
    com_x = (float(legs_x[0]) + bare.mass_kg * float(probe.hip[0, 0]) + float(parts[0])) / seg.body_mass_kg
    return dataclasses.replace(body, upright_com_x_m=min(com_x, foot.midfoot_x_m))


def hip_stop_at(body: Body, abduction_deg: np.ndarray) -> np.ndarray:
    """Effective hip stop (°) at each depth's abduction (N,)."""
    return np.interp(abduction_deg, body.stop_abduction_deg, body.stop_deg)


def balance_target_x_m(body: Body, thigh_angle_deg: np.ndarray) -> np.ndarray:
    """Where the COM should be (x, m) at each depth: the upright COM standing, blending to the mid-foot."""
    blend = np.clip((thigh_angle_deg + 90.0) / TARGET_BLEND_DEG, 0.0, 1.0)
    blend = blend * blend * (3.0 - 2.0 * blend)
    return body.upright_com_x_m + (body.foot.midfoot_x_m - body.upright_com_x_m) * blend


@dataclass(frozen=True, slots=True)
class Descent:
    """The descent on its grid (arrays (P,), degrees) and what it leads to.

    ``lean_deg``/``tilt_deg`` are the trunk lean and pelvic tilt the lifter uses at each thigh angle and
    ``travel_cap_deg`` the shank inclination the knees are held to (inf where they follow their natural
    pattern); everything else about a pose follows from these. ``stop_deg`` is the effective hip stop.
    Onsets and the deepest point are thigh angles (°); ``tuck_onset_deg``/``rounding_onset_deg`` are
    ``None`` when the squat ends before them.
    """

    thigh_deg: np.ndarray
    lean_deg: np.ndarray
    tilt_deg: np.ndarray
    rhythm_tilt_deg: np.ndarray  # the pelvic tilt of the rhythm alone (as if the hip had no stop)
    stop_deg: np.ndarray
    balance_shortfall: np.ndarray  # kg·m the largest lean leaves the COM behind the target (> 0: falls back)
    travel_cap_deg: np.ndarray
    stop_onset_deg: float | None  # where the hip meets its stop, also past the deepest point
    tuck_onset_deg: float | None
    rounding_onset_deg: float | None
    deepest_deg: float
    limited_by: str
    flat_lumbar_flexion_deg: float
    #: where each hip (left, right) meets its own stop with the pelvis on the rhythm's path (also past the
    #: deepest point; ``None`` if never); the first of the two is ``stop_onset_deg``
    side_stop_onsets_deg: tuple[float | None, float | None] = (None, None)

    @property
    def peak_tilt_deg(self) -> float:
        """The pelvis's most forward tilt (°): the rhythm's tilt where the hip meets its stop (0 if never)."""
        if self.stop_onset_deg is None:
            return 0.0
        return float(np.interp(self.stop_onset_deg, self.thigh_deg, self.rhythm_tilt_deg))

    def tuck_deg(self, thigh_angle_deg: np.ndarray, tilt_deg: np.ndarray) -> np.ndarray:
        """Pelvic tuck (°) at thigh angles (N,) with pelvic tilts (N,): how far the pelvis has tilted back from
        :attr:`peak_tilt_deg`, from the hip stop on (0 before)."""
        if self.stop_onset_deg is None:
            return np.zeros(np.shape(thigh_angle_deg))
        return np.where(thigh_angle_deg >= self.stop_onset_deg, np.maximum(self.peak_tilt_deg - tilt_deg, 0.0), 0.0)

    def state_at(self, thigh_angle_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """Lean, pelvic tilt and hip stop (°) at thigh angles (N,) and the knee-travel cap there (``None``
        when the knees are never held back). Interpolated on the grid; on the hip stop the tilt is exactly
        the stop's, before it the rhythm's."""
        th = np.asarray(thigh_angle_deg, dtype=float)
        grid = self.thigh_deg
        lean, stop = (np.interp(th, grid, a) for a in (self.lean_deg, self.stop_deg))
        tilt = np.interp(th, grid, self.rhythm_tilt_deg)
        if self.stop_onset_deg is not None:
            tilt = np.where(th >= self.stop_onset_deg, stop - (th + 90.0), tilt)
        if not np.isfinite(self.travel_cap_deg).any():
            return lean, tilt, stop, None
        cap = np.where(np.isfinite(self.travel_cap_deg), self.travel_cap_deg, 1e3)
        return lean, tilt, stop, np.interp(th, grid, cap)


def _hold_before_stop(trunk: Trunk, on: np.ndarray, front: np.ndarray, need_on: np.ndarray,
                      need_front: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lean and pelvic tilt (°) before the hip stop, depth by depth, and the excess moment (kg·m).

    The lifter stands upright if that puts the COM in the band, else leans just enough (a heavy load in
    front: back). The lean follows the balance lean ``on`` while that grows and is held when it falls, unless the COM
    would pass the band's front (the lean ``front``): then it is given back by the lumbar spine alone
    (``on``/``front`` are then found with the pelvis held), but never below the pelvis's tilt (the lumbar
    spine does not extend past standing). The pelvis keeps the tilt the rhythm gave the
    largest lean so far, so it never tilts back before the stop. Where the lean sits on that floor and the
    COM is still past the band's front, the excess (moment beyond ``need_front``) is returned (else 0).
    """
    ceiling, k = trunk.lumbar_ceiling_deg, 1.0 - trunk.pelvis_share
    excess = np.zeros(on.shape[0])
    # standing upright when that keeps the COM in the band (a load in front simply puts it ahead)
    start = min(max(0.0, float(on[0])), float(front[0]))
    # common case: the lean never has to be given back, so it is the largest balance lean so far
    lean_out = np.maximum.accumulate(np.maximum(on, start))
    over = lean_out > front
    first = int(np.argmax(over)) if over.any() else on.shape[0]
    tilt_out = lean_out - ceiling * np.tanh(k * lean_out / ceiling)
    if first == on.shape[0]:
        return lean_out, tilt_out, excess
    x_all, y_all = float(trunk.x_coef.sum()), float(trunk.y_coef.sum())  # every part turned by one angle
    # giving lean back is the lumbar spine's alone (the pelvis keeps its tilt): the leans that put the COM on
    # the target and on the band's front with the pelvis held at the tilt of the largest lean so far
    # (``lean_out``/``tilt_out`` above: the largest lean so far is never changed by giving lean back)
    rest = slice(first, on.shape[0])
    on_held, _ = lean_with_pelvis_held(trunk, need_on[rest], tilt_out[rest], on[rest])
    front_held, _ = lean_with_pelvis_held(trunk, need_front[rest], tilt_out[rest], front[rest])
    lean = peak = float(lean_out[first - 1]) if first > 0 else start
    tilt = peak - ceiling * math.tanh(k * peak / ceiling)
    for i in range(first, on.shape[0]):
        lo, hi = float(on_held[i - first]), float(front_held[i - first])
        if lean < lo:
            lean = lo
        elif lean > hi:
            lean = max(hi, lo, tilt)
            if lean == tilt and tilt > hi:  # on the floor, all parts turned by the pelvis's tilt
                t = math.radians(tilt)
                excess[i] = x_all * math.cos(t) + y_all * math.sin(t) - float(need_front[i])
        if lean > peak:
            peak = lean
            tilt = peak - ceiling * math.tanh(k * peak / ceiling)
        lean_out[i] = lean
        tilt_out[i] = tilt
    return lean_out, tilt_out, excess


def _first_crossing(x: np.ndarray, f: np.ndarray) -> float | None:
    """First x where f (sampled at x) reaches 0 from below, linearly interpolated; ``None`` if never."""
    hit = f >= 0.0
    if not hit.any():
        return None
    i = int(np.argmax(hit))
    if i == 0:
        return float(x[0])
    f0, f1 = float(f[i - 1]), float(f[i])
    return float(x[i - 1] + (x[i] - x[i - 1]) * (-f0) / (f1 - f0))


def _rest_moment(body: Body, th: np.ndarray, legs: LegChain) -> np.ndarray:
    """x-moment (kg·m about the origin) of everything but the upper body's turn: legs, the mass above the
    hips placed at the hips, and unloaded arms reaching forward (N,)."""
    legs_mx, _ = body_leg_moments(body, legs)
    arm_mx, _ = arm_moments(body.trunk, th)
    return legs_mx + body.trunk.mass_kg * legs.hip[:, 0] + arm_mx


def _knees_held_back(body: Body, th: np.ndarray, legs: LegChain, rest: np.ndarray, excess: np.ndarray
                     ) -> np.ndarray:
    """Knee travel held back where the COM would stay past the band's front (``excess`` > 0, kg·m).

    Each degree less shank inclination moves the hips and everything above them back; the cap is found by
    secant steps on the knee travel (the moment is close to linear in it) so that the COM, with the lean and
    tilt the lifter has there, lands on the band's front. Returns the caps (°, inf where the knees follow
    their pattern).
    """
    held = excess > 0.0
    target = rest - excess  # the rest moment that puts the COM on the band's front
    d0, r0 = legs.shank_incl_deg, rest
    d1 = d0 - 1.0
    r1 = _rest_moment(body, th, legs_at(body, th, d1))
    for _ in range(3):
        slope = (r0 - r1) / np.where(np.abs(d0 - d1) > 1e-9, d0 - d1, 1e-9)
        d2 = np.clip(d1 - (r1 - target) / np.maximum(slope, 1e-6), 0.0, legs.shank_incl_deg)
        d0, r0, d1 = d1, r1, d2
        r1 = _rest_moment(body, th, legs_at(body, th, np.where(held, d1, np.inf)))
    return np.where(held, d1, np.inf)


def _largest_moment(trunk: Trunk, stop_tilt_deg: np.ndarray) -> np.ndarray:
    """The largest x-moment (kg·m) the upper body reaches by leaning (0–80°), the pelvis following the
    rhythm but held by the hip stop (N,): less than the need means the lifter falls backwards."""
    best = np.full(stop_tilt_deg.shape, -np.inf)
    for lean in (0.0, 20.0, 40.0, 55.0, 70.0, TRUNK_LEAN_MAX_DEG):
        tilt = np.minimum(lean - rhythm_lumbar_deg(trunk, lean), stop_tilt_deg)
        best = np.maximum(best, x_moment(trunk, part_angles_deg(np.full(tilt.shape, lean), tilt)))
    return best


def _deepest(body: Body, th: np.ndarray, lumbar: np.ndarray, legs: LegChain, shortfall: np.ndarray,
             com_x: np.ndarray) -> tuple[float, str]:
    """Stage 5: the first depth where a limit is reached, and which (thigh angle °, limit name)."""
    quantities = {
        "lumbar": lumbar - body.anatomy.lumbar_flexion_max_deg,
        "knee": legs.knee_flexion_deg - KNEE_MAX_DEG,
        "balance": np.maximum(shortfall, (com_x - body.foot.mtp_x_m) * body.mass_kg),
    }
    deepest, limited_by = THIGH_ANGLE_MAX_DEG, "knee"
    for name, q in quantities.items():
        x = _first_crossing(th, q)
        if x is not None and x < deepest:
            deepest, limited_by = x, name
    if limited_by == "balance":
        j = min(int(np.searchsorted(th, deepest)), th.shape[0] - 1)
        if bool(legs.at_toes[j]):
            limited_by = "toes"
        elif bool(legs.at_ankle[j]):
            limited_by = "ankle"
    return deepest, limited_by


@dataclass(frozen=True, slots=True)
class _Walk:
    """Stages 2–4 along the grid for one set of legs (arrays (P,))."""

    legs: LegChain
    stop: np.ndarray
    stop_tilt: np.ndarray
    rest: np.ndarray
    need_on: np.ndarray
    lean: np.ndarray
    tilt: np.ndarray
    rhythm_tilt: np.ndarray
    excess: np.ndarray
    tuck_deg: float | None


def _walk(body: Body, th: np.ndarray, legs: LegChain) -> _Walk:
    """Hip stop, balance and rhythm for these legs."""
    seg, trunk = body.seg, body.trunk
    stop = stop_along(body, th, legs)
    stop_tilt = stop - (th + 90.0)
    # balance: the moment the upper body must supply for the COM on the target / at the band's front
    rest = _rest_moment(body, th, legs)
    target = balance_target_x_m(body, th)
    need_on = body.mass_kg * target - rest
    need_front = need_on + body.mass_kg * BALANCE_BAND_FRAC_OF_FOOT * seg.foot_length_m
    # rhythm before the stop, then the stop: the pelvis tilts back with depth, the thorax holds
    on, _ = lean_on_rhythm(body.table, need_on)
    front, _ = lean_on_rhythm(body.table, need_front)
    lean, tilt, excess = _hold_before_stop(trunk, on, front, need_on, need_front)
    rhythm_tilt = tilt.copy()
    margin = stop_tilt - tilt  # room before the hip stop (≤ 0: at the stop)
    tuck_deg = _first_crossing(th, -margin)
    if tuck_deg is not None:
        i = int(np.argmax(margin <= 0.0))
        held_tilt = stop_tilt[i:]
        on_held, _ = lean_with_pelvis_held(trunk, need_on[i:], held_tilt, on[i:])
        start = float(lean[i - 1]) if i > 0 else float(on_held[0])
        lean = np.concatenate((lean[:i], np.maximum.accumulate(np.maximum(on_held, start))))
        tilt = np.concatenate((tilt[:i], held_tilt))
        upper = x_moment(trunk, part_angles_deg(lean[i:], held_tilt))
        excess[i:] = np.maximum(upper - need_front[i:], 0.0)
    return _Walk(legs=legs, stop=stop, stop_tilt=stop_tilt, rest=rest, need_on=need_on, lean=lean, tilt=tilt,
                 rhythm_tilt=rhythm_tilt, excess=excess, tuck_deg=tuck_deg)


def descend(body: Body) -> Descent:
    """Walk the squat down the grid; see the module docstring for the stages."""
    an, trunk = body.anatomy, body.trunk
    th = np.arange(THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG + STEP_DEG / 2, STEP_DEG)
    walk = _walk(body, th, legs_at(body, th))
    # where the COM stays past the band's front even with the lean given back, the knees travel less; the
    # walk is then taken again with those legs
    caps = np.full(th.shape, np.inf)
    if np.any(walk.excess > 0.0):
        caps = _knees_held_back(body, th, walk.legs, walk.rest, walk.excess)
        walk = _walk(body, th, legs_at(body, th, caps))
    lean, tilt, tuck_deg = walk.lean, walk.tilt, walk.tuck_deg
    # the lifter falls backwards where no lean could put the COM on the target any more
    shortfall = walk.need_on - _largest_moment(trunk, walk.stop_tilt)
    lumbar = lean - tilt
    com_x = (walk.rest + x_moment(trunk, part_angles_deg(lean, tilt))) / body.mass_kg
    # 5–6. limits, then the onsets the squat gets to
    deepest, limited_by = _deepest(body, th, lumbar, walk.legs, shortfall, com_x)
    flat = FLAT_SHARE_OF_LORDOSIS * an.lordosis_deg
    rounding = _first_crossing(th, lumbar - flat)
    if rounding is not None and tuck_deg is not None:
        # before the stop the lumbar spine stays short of flat (the rhythm's ceiling); between two grid
        # points the crossing can be interpolated a little ahead of the tuck it follows
        rounding = max(rounding, tuck_deg)
    stop_onset = tuck_deg
    if tuck_deg is not None and tuck_deg > deepest:
        tuck_deg = None
    if rounding is not None and rounding > deepest:
        rounding = None
    stop, rhythm_tilt = walk.stop, walk.rhythm_tilt
    side_onsets = (stop_onset, stop_onset)
    if walk.legs.pair is not None:
        pelvis = pelvis_between(body.sides, th, walk.legs, body.leg_length_difference_mm)
        side_onsets = tuple(_first_crossing(th, rhythm_tilt + th + 90.0 - side_stop)
                            for side_stop in (pelvis.stop_l_deg, pelvis.stop_r_deg))
    for arr in (th, lean, tilt, rhythm_tilt, stop, shortfall, caps):
        arr.setflags(write=False)
    return Descent(thigh_deg=th, lean_deg=lean, tilt_deg=tilt, rhythm_tilt_deg=rhythm_tilt, stop_deg=stop,
                   balance_shortfall=shortfall, travel_cap_deg=caps, stop_onset_deg=stop_onset,
                   tuck_onset_deg=tuck_deg, rounding_onset_deg=rounding, deepest_deg=float(deepest),
                   limited_by=limited_by, flat_lumbar_flexion_deg=flat, side_stop_onsets_deg=side_onsets)


__all__ = ["Body", "Descent", "body_constants", "descend", "hip_stop_at", "balance_target_x_m", "leg_moments",
           "arm_moments", "THIGH_ANGLE_MIN_DEG", "THIGH_ANGLE_MAX_DEG", "FLAT_SHARE_OF_LORDOSIS",
           "TRUNK_LEAN_MAX_DEG", "TRUNK_LEAN_MIN_DEG"]
