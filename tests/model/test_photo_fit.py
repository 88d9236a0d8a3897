"""Side-view squat photo: measures, checks, and the fit on photos made from the model's own poses."""

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from viewer.model import Anatomy, solve, sweep
from viewer.model.photo_fit import fit_photo, measure, side_points_px
from viewer.model.uncertain_anatomy import PRIORS, combine

AVG = Anatomy()


def test_measures_of_a_model_pose():
    pose_deg = -10.0
    pts = side_points_px(AVG, pose_deg)
    m = measure(pts, AVG)
    assert m.facing == "right"
    assert m.thigh_below_horizontal_deg == pytest.approx(pose_deg, abs=1e-6)
    left = measure(side_points_px(AVG, pose_deg, facing="left"), AVG)
    assert left.facing == "left" and left.shin_from_vertical_deg == pytest.approx(m.shin_from_vertical_deg)
    assert m.trunk_lean_deg > 0.0


@settings(max_examples=6, deadline=None)
@given(df=st.floats(22.0, 45.0), thigh=st.floats(0.9, 1.1), shank=st.floats(0.9, 1.1), trunk=st.floats(0.9, 1.1),
       heel=st.sampled_from([0.0, 20.0]), depth_share=st.floats(0.3, 0.95))
# dorsiflexion used peaks above the bottom's: a range of the bottom's value would hold the knees back
@example(df=33.0, thigh=0.90625, shank=1.09375, trunk=1.0, heel=20.0, depth_share=0.9375)
# the ankle at its limit, but a free ankle would use only 0.02° more: the photo cannot read the range
@example(df=24.0, thigh=0.9453125, shank=0.96875, trunk=0.9375, heel=20.0, depth_share=0.6484375)
def test_fit_recovers_dorsiflexion_used_and_length_ratios(df, thigh, shank, trunk, heel, depth_share):
    truth = AVG.replace(ankle_dorsiflexion_deg=round(df, 1), thigh_length_ratio=round(thigh, 3),
                        shank_length_ratio=round(shank, 3), trunk_length_ratio=round(trunk, 3), heel_elevation_mm=heel)
    deepest = sweep(truth).deepest.thigh_angle_deg
    depth = -90.0 + depth_share * (deepest + 90.0)
    pts = side_points_px(truth, depth)
    fit = fit_photo(pts, AVG.replace(heel_elevation_mm=heel))
    assert fit.thigh_angle_deg == pytest.approx(depth, abs=1e-6)
    used = solve(truth, depth).ankle_dorsiflexion_deg
    assert fit.dorsiflexion_used_deg == pytest.approx(used, abs=0.5)
    for name in ("thigh_length_ratio", "shank_length_ratio", "trunk_length_ratio"):
        assert getattr(fit.anatomy, name) == pytest.approx(getattr(truth, name), abs=0.01), name
    assert abs(fit.shin_error_deg) < 0.5 and fit.joint_error_m < 0.01
    free = solve(truth.replace(ankle_dorsiflexion_deg=50.0), depth).ankle_dorsiflexion_deg
    if free > used + 0.25:  # the ankle held the knees visibly (the fit's shin tolerance): the range is recovered
        assert fit.anatomy.ankle_dorsiflexion_deg == pytest.approx(truth.ankle_dorsiflexion_deg, abs=0.5)


def test_fit_reports_what_it_changed():
    truth = AVG.replace(ankle_dorsiflexion_deg=25.0, thigh_length_ratio=1.08)
    depth = sweep(truth).deepest.thigh_angle_deg - 1.0
    fit = fit_photo(side_points_px(truth, depth, facing="left"), AVG)
    assert fit.changes["ankle_dorsiflexion_deg"] == (40.0, pytest.approx(25.0, abs=0.5))
    assert fit.changes["thigh_length_ratio"][1] == pytest.approx(1.08, abs=0.01)
    assert "shank_length_ratio" not in fit.changes or abs(fit.changes["shank_length_ratio"][1] - 1.0) < 0.01
    assert fit.sd["dorsiflexion_used_deg"] > 0.0
    # the photo as results for the combination: the ankle holds the knees here, so the range itself counts
    assert fit.ankle_holds
    obs = {o.test.key: o for o in fit.observations()}
    assert obs["photo_dorsiflexion"].value == pytest.approx(25.0, abs=0.5)
    assert obs["photo_thigh"].spread == fit.sd["thigh_length_ratio"]
    combined = combine(AVG, fit.observations()).anatomy
    assert combined.sd["thigh_length_ratio"] < PRIORS["thigh_length_ratio"].sd
    assert combined.mean.thigh_length_ratio > 1.0
    free = fit_photo(side_points_px(AVG, -30.0), AVG)  # knees on their natural path: only a lower bound
    assert not free.ankle_holds and "photo_dorsiflexion" not in {o.test.key for o in free.observations()}


def _swap(pts, a, b):
    out = dict(pts)
    out[a], out[b] = pts[b], pts[a]
    return out


@pytest.mark.parametrize(("change", "words"), [
    (lambda p: {k: v for k, v in p.items() if k != "ear"}, "missing ear"),
    (lambda p: {**p, "nose": (1.0, 2.0)}, "unknown nose"),
    (lambda p: {**p, "knee": ("a", 3)}, "the knee point must be two numbers"),
    (lambda p: {**p, "hip": (math.nan, 3.0)}, "finite"),
    (lambda p: _swap(p, "knee", "ankle"), "the knee must be above the ankle"),
    (lambda p: _swap(p, "shoulder", "ear"), "the ear must be above the shoulder"),
    (lambda p: _swap(p, "hip", "shoulder"), "the shoulder must be above the hip"),
    (lambda p: {**p, "knee": p["ankle"]}, "on top of each other"),
    (lambda p: {**p, "toe": (p["heel"][0] + 15.0, p["heel"][1])}, "does not look like a side view"),
])
def test_bad_points_get_a_message_saying_what_is_needed(change, words):
    pts = side_points_px(AVG, 0.0)
    with pytest.raises(ValueError) as info:
        fit_photo(change(pts), AVG)
    assert words in str(info.value)
