"""The gallery's captions: their numbers are the model's, and docs/gallery.md carries the current ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.model.presets import PRESETS
from viewer.model.squat import sweep
from viewer.render import gallery

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _where(thigh: float) -> str:
    if thigh <= -89.5:
        return "standing"
    if abs(thigh) < 0.5:
        return "thigh parallel"
    return f"thigh {round(abs(thigh))}° {'below' if thigh > 0 else 'above'} parallel"


def _curve(curve: float) -> str:
    r = round(curve)
    return f"curved in {r}°" if r > 0 else "flat" if r == 0 else f"rounded {-r}°"


@pytest.mark.parametrize(("name", "moment"), [
    ("side_standing.png", None), ("side_tuck_onset.png", "tuck_onset"),
    ("side_rounding_onset.png", "rounding_onset"), ("side_deepest.png", "deepest")])
def test_side_view_captions_give_the_models_depth_tuck_and_curve(name, moment):
    sw = sweep(PRESETS["Average lifter"].anatomy)
    thigh = -90.0 if moment is None else getattr(sw, moment).thigh_angle_deg
    pose = sw.pose_at(thigh)
    text = gallery.captions()[name]
    assert _where(thigh) in text
    assert f"pelvis tucked {round(pose.pelvic_tuck_deg)}°" in text
    assert f"lower back {_curve(pose.lumbar_curve_deg)}" in text
    assert f"hip {round(pose.hip_flexion_deg)}° of its {round(pose.hip_stop_deg)}° stop" in text


def test_the_rounding_onset_caption_says_flat_and_the_deepest_rounded():
    captions = gallery.captions()
    assert "lower back flat" in captions["side_rounding_onset.png"]
    assert "lower back rounded" in captions["side_deepest.png"]
    assert "lower back curved in" in captions["side_standing.png"]


def test_the_stiff_ankles_sequence_caption_names_every_onset_at_its_depth():
    sw = sweep(PRESETS["Stiff ankles"].anatomy)
    text = gallery.captions()["stiff_ankles_three_quarter.png"]
    assert f"tuck onset {_where(sw.tuck_onset.thigh_angle_deg)}" in text
    assert f"rounding onset {_where(sw.rounding_onset.thigh_angle_deg)}" in text
    assert f"deepest {_where(sw.deepest.thigh_angle_deg)} (limited by {sw.deepest_limited_by})" in text
    for thigh in (sw.rounding_onset.thigh_angle_deg, sw.deepest.thigh_angle_deg):
        pose = sw.pose_at(thigh)
        assert f"pelvis tucked {round(pose.pelvic_tuck_deg)}°, lower back {_curve(pose.lumbar_curve_deg)}" in text


def test_every_degree_figure_in_the_pair_caption_is_one_of_the_poses_figures():
    a, b = gallery.PAIR
    depth = sweep(PRESETS[b].anatomy).deepest.thigh_angle_deg
    allowed = {round(abs(depth))}
    for name in (a, b):
        pose = sweep(PRESETS[name].anatomy).pose_at(depth)
        allowed |= {round(pose.hip_flexion_deg), round(pose.hip_stop_deg), round(pose.pelvic_tuck_deg),
                    abs(round(pose.lumbar_curve_deg))}
    found = {int(n) for n in re.findall(r"(\d+)°", gallery.captions()["presets_side_by_side.png"])}
    assert found and found <= allowed


@pytest.mark.parametrize("preset, shift_words, feet", [
    ("One retroverted hip", "shifted 3.9 cm to the left", "left foot 57 %, right foot 43 %"),
    ("Knees out, feet forward", "not shifted", "left foot 50 %, right foot 50 %"),
])
def test_the_left_right_captions_give_the_models_shift_loads_and_first_stop(preset, shift_words, feet):
    sw = sweep(PRESETS[preset].anatomy)
    pose = sw.pose_at(sw.deepest.thigh_angle_deg)
    text = gallery.captions()[gallery.sides_file(preset)]
    assert f"pelvis {shift_words}" in text and feet in text
    assert f"left foot {pose.foot_load_l_pct:.0f} %, right foot {pose.foot_load_r_pct:.0f} %" in text
    turn, drop = round(pose.pelvic_rotation_deg), round(pose.pelvic_obliquity_deg)
    assert ("not turned" if turn == 0 else f"turned {abs(turn)}°") in text
    assert ("level" if drop == 0 else f"dropped {abs(drop)}°") in text
    first = {"r": "the right hip reaches its stop first", "both": "both hips reach their stops together"}
    assert first[sw.first_stop_side] in text
    assert _where(pose.thigh_angle_deg) in text


def test_docs_gallery_carries_the_models_captions():
    """Run ``python -m viewer.render.gallery docs/gallery docs/gallery.md`` when the model changes."""
    marked = gallery.marked_captions((DOCS / "gallery.md").read_text(encoding="utf-8"))
    assert marked == gallery.captions()
    for name in marked:
        assert (DOCS / "gallery" / name).is_file(), name


def test_fill_captions_replaces_only_the_marked_text():
    md = "intro\n<!-- caption:a.png -->\nold\n<!-- /caption -->\nrest\n"
    out = gallery.fill_captions(md, {"a.png": "new 5°"})
    assert out == "intro\n<!-- caption:a.png -->\nnew 5°\n<!-- /caption -->\nrest\n"
    assert gallery.marked_captions(out) == {"a.png": "new 5°"}
