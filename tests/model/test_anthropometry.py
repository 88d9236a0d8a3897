"""Segments from height and sex (de Leva 1996) — validation case V1."""

import numpy as np
import pytest

from viewer.model import Anatomy
from viewer.model.anthropometry import segments, standing_landmarks


def test_v1_de_leva_male():
    seg = segments(Anatomy(height_m=1.741, sex="male"))
    assert seg.thigh_length_m * 1000 == pytest.approx(422.2, abs=1.0)
    assert seg.shank_length_m * 1000 == pytest.approx(434.0, abs=1.0)
    assert seg.foot_length_m * 1000 == pytest.approx(258.1, abs=1.0)
    assert seg.thigh_mass_kg / seg.body_mass_kg == pytest.approx(0.1416, abs=1e-12)


def test_de_leva_female_fractions():
    seg = segments(Anatomy(height_m=1.735, sex="female", body_mass_kg=60.0))
    assert seg.thigh_length_m * 1000 == pytest.approx(368.5, abs=1.0)
    assert seg.shank_length_m * 1000 == pytest.approx(432.3, abs=1.0)
    assert seg.thigh_mass_kg == pytest.approx(0.1478 * 60.0)


def test_length_ratios_scale_only_their_segment():
    base = segments(Anatomy())
    long = segments(Anatomy(thigh_length_ratio=1.1, shank_length_ratio=0.9, trunk_length_ratio=1.05))
    assert long.thigh_length_m == pytest.approx(1.1 * base.thigh_length_m)
    assert long.shank_length_m == pytest.approx(0.9 * base.shank_length_m)
    assert long.trunk_length_m == pytest.approx(1.05 * base.trunk_length_m)
    assert long.lumbar_length_m == pytest.approx(1.05 * base.lumbar_length_m)
    assert long.foot_length_m == pytest.approx(base.foot_length_m)


@pytest.mark.parametrize("sex", ["male", "female"])
def test_masses_add_up_to_body_mass(sex):
    seg = segments(Anatomy(sex=sex, body_mass_kg=80.0))
    total = seg.hat_mass_kg + 2 * (seg.thigh_mass_kg + seg.shank_mass_kg + seg.foot_mass_kg)
    assert total == pytest.approx(80.0)


def test_standing_landmarks_stack_the_leg():
    seg = segments(Anatomy())
    lm = standing_landmarks(seg)
    assert lm["hip_r"][1] == pytest.approx(seg.leg_length_m)
    assert np.linalg.norm(lm["hip_r"] - lm["knee_r"]) == pytest.approx(seg.thigh_length_m)
    assert lm["hip_r"][2] - lm["hip_l"][2] == pytest.approx(seg.hip_width_m)
    assert not lm["hip_r"].flags.writeable
