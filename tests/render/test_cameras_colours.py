"""Camera presets and transitions, colour scales (pure functions, no rendering)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from poses import deep_tucked

from viewer.model.anatomy import Anatomy
from viewer.render import cameras
from viewer.render.colours import (
    CONTACT_COLOUR,
    CURVE_RANGE_DEG,
    CURVE_ROUNDED_STOPS,
    MUSCLE_RANGE,
    curve_colour,
    muscle_colour,
)


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0–1)."""
    c = np.asarray(rgb, dtype=float)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])


def _dist(c: cameras.CameraPose) -> float:
    return math.dist(c.position, c.focal_point)


@pytest.mark.parametrize("name", cameras.PRESETS)
def test_every_preset_looks_at_the_lifter_from_a_sensible_distance(name):
    a = Anatomy()
    c = cameras.preset(name, a, deep_tucked(a))
    assert 0.3 < _dist(c) < 12.0
    direction = np.subtract(c.focal_point, c.position)
    assert abs(np.dot(direction / np.linalg.norm(direction), c.view_up)) < 0.999


def test_side_view_looks_along_minus_z_and_hip_close_up_is_close_to_the_right_hip():
    a = Anatomy()
    pose = deep_tucked(a)
    side = cameras.preset("side", a)
    d = np.subtract(side.focal_point, side.position)
    assert d[2] < 0 and abs(d[0]) < 1e-9 and abs(d[1]) < 1e-9
    hip = cameras.preset("hip", a, pose)
    assert math.dist(hip.focal_point, pose.joints["hip_r"]) < 0.05
    assert _dist(hip) < 0.4 * _dist(side)
    assert cameras.preset("side", Anatomy(height_m=2.0)).position[2] > side.position[2]  # taller: step back


def test_unknown_preset_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown camera preset 'sky'"):
        cameras.preset("sky", Anatomy())


def test_interpolation_starts_and_ends_on_the_presets_and_orbits_in_between():
    a = Anatomy()
    side, front = cameras.preset("side", a), cameras.preset("front", a)
    start, end = cameras.interpolate(side, front, 0.0), cameras.interpolate(side, front, 1.0)
    np.testing.assert_allclose(start.position, side.position, atol=1e-9)
    np.testing.assert_allclose(end.position, front.position, atol=1e-9)
    mid = cameras.interpolate(side, front, 0.5)
    # orbit: stays at the preset distance instead of cutting through the lifter
    assert _dist(mid) == pytest.approx(_dist(side), rel=1e-6)
    d = np.subtract(mid.position, mid.focal_point)
    assert d[0] > 0 and d[2] > 0  # half-way round, between the two views
    hip = cameras.preset("hip", a, deep_tucked(a))
    dists = [_dist(cameras.interpolate(side, hip, t)) for t in np.linspace(0, 1, 11)]
    assert all(x >= y - 1e-9 for x, y in zip(dists, dists[1:], strict=False))  # zooms in monotonically
    assert all(abs(np.linalg.norm(cameras.interpolate(side, hip, t).view_up) - 1) < 1e-9 for t in (0.3, 0.7))


def test_opposite_views_do_not_collapse_through_the_focal_point():
    a = Anatomy()
    front, back = cameras.preset("front", a), cameras.preset("back", a)
    for t in np.linspace(0, 1, 9):
        assert _dist(cameras.interpolate(front, back, t)) == pytest.approx(_dist(front), rel=1e-6)


def test_easing_is_monotonic_with_flat_ends():
    ts = np.linspace(0, 1, 101)
    e = [cameras.ease(t) for t in ts]
    assert e[0] == 0.0 and e[-1] == 1.0
    assert all(b >= a for a, b in zip(e, e[1:], strict=False))
    assert cameras.ease(0.01) < 0.01 and cameras.ease(-1) == 0.0 and cameras.ease(2) == 1.0


def test_curve_scale_is_blue_while_curved_in_and_jumps_to_orange_at_flat_then_darkens_to_purple():
    """Diverging: lighter towards flat from both sides, a hue jump (blue → orange, a pair every common
    colour-vision deficiency separates) exactly at 0, the rounding onset."""
    lo, hi = CURVE_RANGE_DEG
    curved_in = [curve_colour(v) for v in np.linspace(hi, 0.5, 30)]
    rounded = [curve_colour(v) for v in np.linspace(0.0, lo, 30)]
    assert all(c[2] > c[0] + 0.3 for c in curved_in)  # blue
    assert all(c[0] > c[1] + 0.2 for c in rounded)  # orange to purple: red well over green
    lum_in = [relative_luminance(c) for c in curved_in]
    lum_round = [relative_luminance(c) for c in rounded]
    assert all(b > a for a, b in zip(lum_in, lum_in[1:], strict=False))  # lighter towards flat
    assert all(b < a for a, b in zip(lum_round, lum_round[1:], strict=False))  # darker as it rounds
    assert lum_round[0] / lum_round[-1] > 8.0
    assert curve_colour(0.0) == CURVE_ROUNDED_STOPS[0][1]  # flat is already the rounded side
    assert curve_colour(0.01) != curve_colour(0.0)
    assert curve_colour(hi + 50) == curve_colour(hi) and curve_colour(lo - 50) == curve_colour(lo)


def test_muscle_scale_is_neutral_at_standing_length_and_blue_short_vermilion_long():
    assert muscle_colour(1.0) == pytest.approx((0.86, 0.86, 0.86))
    short, long_ = muscle_colour(MUSCLE_RANGE[0]), muscle_colour(MUSCLE_RANGE[1])
    assert short[2] > short[0] and long_[0] > long_[2]
    assert CONTACT_COLOUR[2] > 0.9 and CONTACT_COLOUR[0] < 0.1
