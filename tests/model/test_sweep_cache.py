"""The sweep cache never changes an answer: a cached sweep is bit-for-bit the anatomy's cold solve, after
every other model path has run (lever ranges, the uncertainty band, the photo fit, the depth advisor, the
body frames), and two anatomies the cache takes for one give the same bytes."""

import dataclasses

import numpy as np
import pytest

from viewer.model import Anatomy, solve, squat, sweep
from viewer.model import self_tests as home_tests
from viewer.model.body_frames import segment_frames
from viewer.model.lever_ranges import lever_ranges
from viewer.model.levers import lever_effects
from viewer.model.params import PARAM_SPECS
from viewer.model.photo_fit import fit_photo, side_points_px
from viewer.model.sides import with_sides
from viewer.model.uncertain_anatomy import combine
from viewer.model.uncertainty import band

#: Symmetric, two-sided, knees pushed out, the knees-behind-toes cue, a heavy bar and a short leg.
LIFTERS = (
    Anatomy(),
    with_sides(Anatomy(), "femoral_anteversion_deg", 2.0, 20.0),
    with_sides(Anatomy(), "ankle_dorsiflexion_deg", 25.0, 40.0).replace(leg_length_difference_mm=-8.0),
    Anatomy(knees_out_cm=4.0, toe_out_deg=0.0),
    Anatomy(knees_behind_toes=True, heel_elevation_mm=20.0, ankle_dorsiflexion_deg=15.0),
    Anatomy(load_position="low_bar", load_kg=140.0, alpha_angle_deg=70.0, motor_control=0.7),
)


def _bytes(sw) -> dict[str, object]:
    """Every field of a sweep as bytes (arrays, including those in mappings) or as its repr."""
    out: dict[str, object] = {}
    for f in dataclasses.fields(sw):
        value = getattr(sw, f.name)
        if isinstance(value, np.ndarray):
            out[f.name] = (value.shape, value.dtype.str, value.tobytes())
        elif hasattr(value, "items"):
            out.update({f"{f.name}.{k}": (v.shape, v.tobytes()) for k, v in value.items()})
        else:
            out[f.name] = repr(value)
    return out


def test_a_cached_sweep_is_the_cold_solve_after_every_other_model_path():
    cold = {a: _bytes(squat._solve_anatomy(a).sweep) for a in LIFTERS}
    poses = {a: solve(a, 10.0) for a in LIFTERS}  # fills the cache
    for a in LIFTERS:
        lever_effects(a)
        ua = combine(a, [home_tests.knee_to_wall(2.0, a), home_tests.rock_back(40.0)]).anatomy
        lever_ranges(ua, 4)
        band(ua, samples=8)
        fit_photo(side_points_px(a, 0.0), a)
        segment_frames(solve(a, 30.0), a)
    for a in LIFTERS:
        assert _bytes(sweep(a)) == cold[a]  # the cached one
        again = solve(a, 10.0)
        assert again.joints.keys() == poses[a].joints.keys()
        assert all(np.array_equal(again.joints[k], poses[a].joints[k]) for k in again.joints)
    squat.clear_cache()
    for a in LIFTERS:
        assert _bytes(sweep(a)) == cold[a]  # solved again from nothing


@pytest.mark.parametrize("name", [s.name for s in PARAM_SPECS if s.kind == "float" and s.minimum <= 0.0 <= s.maximum])
def test_a_signed_zero_is_the_same_lifter(name):
    plus, minus = Anatomy().replace(**{name: 0.0}), Anatomy().replace(**{name: -0.0})
    assert plus == minus and hash(plus) == hash(minus)  # one cache entry serves both …
    assert _bytes(squat._solve_anatomy(minus).sweep) == _bytes(squat._solve_anatomy(plus).sweep)  # … rightly
