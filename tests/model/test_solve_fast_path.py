"""``solve`` takes a scalar one-depth path; it must give what the vectorised core (the path ``sweep`` uses)
gives at that depth: every Pose field within 1e-9, limits and flags identical.

The reference ``squat._solve_vectorised`` is the previous body of ``solve`` (``_evaluate`` on a one-element
array), kept for exactly this comparison.
"""

import random

import numpy as np
import pytest

from viewer.model import PARAM_SPECS, PRESETS, Anatomy, solve, sweep
from viewer.model import squat as sq
from viewer.model.legs import leg_at, leg_chain
from viewer.model.muscles import MUSCLE_KEYS, muscle_lengths, muscle_lengths_one
from viewer.model.pose import JOINT_NAMES, LUMBAR_LEVELS, MUSCLE_NAMES
from viewer.model.trunk import interp_one

TOL = 1e-9
FLOAT_FIELDS = ("thigh_angle_deg", "ankle_dorsiflexion_deg", "knee_flexion_deg", "hip_flexion_deg",
                "hip_abduction_deg", "hip_external_rotation_deg", "pelvic_tilt_deg", "lumbar_flexion_deg",
                "trunk_lean_deg", "hip_height_pct_leg", "com_x_m", "hip_stop_deg", "hip_stop_margin_deg",
                "foot_tilt_deg")
DEPTHS = (-90.0, -89.999, -60.0, -45.0, -30.0, -10.0, 0.0, 12.5, 25.0, 40.0, 55.0, 70.0)

# Standing with the hip at its stop (femoral neck on the rim already): the balance solve's first bracket
# point is a tie to rounding there; the fast path must hand such depths to the vectorised core.
STANDING_TIES = (
    dict(ankle_dorsiflexion_deg=46.57758071317388, heel_elevation_mm=27.988768036209606,
         femoral_anteversion_deg=-20.0, acetabular_lce_deg=15.993984899487529,
         acetabular_version_deg=0.08471699480882056, neck_shaft_angle_deg=125.49265086242363,
         alpha_angle_deg=83.7945380852157, stance_width_m=0.5808449477473872, toe_out_deg=8.37118349377908,
         load_position="none", load_kg=62.29032499850909, knees_behind_toes=False, height_m=2.0215200978861683,
         body_mass_kg=63.48017316172465, sex="male", thigh_length_ratio=1.0310697037257546,
         shank_length_ratio=0.9415308798752746, trunk_length_ratio=0.9373514570367752,
         motor_control=0.5570950925967932, lordosis_deg=70.0, lumbar_flexion_max_deg=12.892647159663948),
    dict(ankle_dorsiflexion_deg=4.4640961923352815, heel_elevation_mm=42.139582647015125,
         femoral_anteversion_deg=-15.977447772091395, acetabular_lce_deg=41.91000164227119,
         acetabular_version_deg=15.942095496666338, neck_shaft_angle_deg=115.0, alpha_angle_deg=83.65872991795062,
         stance_width_m=0.6932090710097152, toe_out_deg=20.120030781848655, load_position="none",
         load_kg=32.92194004692628, knees_behind_toes=False, height_m=2.1, body_mass_kg=140.44972870574537,
         sex="male", thigh_length_ratio=1.10152290100653, shank_length_ratio=1.0494681392104819,
         trunk_length_ratio=1.0775473658130827, motor_control=0.6755802257212916,
         lordosis_deg=14.519162263433206, lumbar_flexion_max_deg=58.161408268441754),
)


def random_anatomies(n, seed):
    """Anatomies drawn from the parameter specs (5 % of floats at each end of their range)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        values = {}
        for s in PARAM_SPECS:
            if s.kind == "bool":
                values[s.name] = rng.random() < 0.5
            elif s.kind == "choice":
                values[s.name] = rng.choice(s.choices)
            else:
                r = rng.random()
                values[s.name] = s.minimum if r < 0.05 else s.maximum if r < 0.1 else rng.uniform(s.minimum, s.maximum)
        out.append(Anatomy(**values))
    return out


def assert_same_pose(fast, ref):
    for name in FLOAT_FIELDS:
        got, want = getattr(fast, name), getattr(ref, name)
        assert type(got) is float, name
        assert abs(got - want) <= TOL, (name, got, want)
    assert fast.balanced is ref.balanced
    assert fast.limits == ref.limits
    assert fast.lumbar_levels_deg.shape == (len(LUMBAR_LEVELS),)
    assert tuple(fast.joints) == JOINT_NAMES
    assert tuple(fast.rim_contact) == tuple(ref.rim_contact)
    arrays = [fast.lumbar_levels_deg, *fast.joints.values(), *fast.rim_contact.values()]
    assert all(not arr.flags.writeable for arr in arrays)
    assert all(arr.shape == (3,) for arr in arrays[1:])
    got = np.concatenate(arrays)
    want = np.concatenate([ref.lumbar_levels_deg, *ref.joints.values(), *ref.rim_contact.values()])
    assert np.max(np.abs(got - want)) <= TOL, (got - want)
    assert tuple(fast.muscles) == MUSCLE_NAMES
    for name in MUSCLE_NAMES:
        assert type(fast.muscles[name]) is float
        assert abs(fast.muscles[name] - ref.muscles[name]) <= TOL, name


def check_many(anatomies, depths, seed):
    rng = random.Random(seed)
    for a in anatomies:
        for theta in (*depths, *(rng.uniform(-90.0, 70.0) for _ in range(4))):
            assert_same_pose(solve(a, theta), sq._solve_vectorised(a, theta))


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_match_the_vectorised_core(name):
    check_many([PRESETS[name].anatomy], DEPTHS + tuple(np.linspace(-90.0, 70.0, 33)), seed=1)


def test_random_anatomies_match_the_vectorised_core():
    check_many(random_anatomies(80, seed=7), DEPTHS, seed=2)


@pytest.mark.slow
def test_many_random_anatomies_match_the_vectorised_core():
    check_many(random_anatomies(600, seed=99), DEPTHS, seed=5)


@pytest.mark.parametrize("values", STANDING_TIES)
def test_standing_at_the_hip_stop_ties_give_the_vectorised_answer(values):
    a = Anatomy(**values)
    fast, ref = solve(a, -90.0), sq._solve_vectorised(a, -90.0)
    assert "hip_stop" in ref.limits
    assert_same_pose(fast, ref)


def test_solve_matches_the_sweep_rows():
    a = PRESETS[next(iter(PRESETS))].anatomy
    s = sweep(a)
    for i in (0, 57, 120, 199, len(s.thigh_angle_deg) - 2):
        p = solve(a, float(s.thigh_angle_deg[i]))
        assert abs(p.trunk_lean_deg - s.trunk_lean_deg[i]) <= TOL
        assert abs(p.pelvic_tilt_deg - s.pelvic_tilt_deg[i]) <= TOL
        np.testing.assert_allclose(p.joints["com"], s.joints["com"][i], rtol=0, atol=TOL)


# ----------------------------------------------------------------------------- the scalar helpers
def test_interp_one_is_np_interp():
    xp = (0.0, 1.0, 1.0, 2.5, 4.0, 4.0, 7.0)  # plateaus in xp as in a monotone (accumulated) table
    fp = (3.0, -1.0, 2.0, 0.5, 9.0, 8.0, 1.5)
    for x in (-1.0, 0.0, 0.3, 1.0, 1.7, 2.5, 3.99, 4.0, 5.0, 7.0, 8.0):
        assert interp_one(x, xp, fp) == float(np.interp(x, xp, fp)), x


def test_leg_at_matches_leg_chain():
    for a in (Anatomy(), Anatomy(knees_behind_toes=True, toe_out_deg=30.0), Anatomy(heel_elevation_mm=25.0)):
        model = sq._model(a)
        thetas = np.linspace(-90.0, 70.0, 41)
        chain = leg_chain(a, model.body.seg, model.body.foot, thetas)
        for i, th in enumerate(thetas):
            d, at_ankle, at_toes, kx, ky, kz, hx, hy, knee, abd = leg_at(sq._one_depth(a).legs, float(th))
            assert (at_ankle, at_toes) == (bool(chain.at_ankle[i]), bool(chain.at_toes[i]))
            np.testing.assert_allclose([d, kx, ky, kz, hx, hy, knee, abd],
                                       [chain.shank_incl_deg[i], *chain.knee[i], *chain.hip[i, :2],
                                        chain.knee_flexion_deg[i], chain.abduction_deg[i]], rtol=0, atol=1e-12)


def test_muscle_lengths_one_matches_muscle_lengths():
    for hip, knee, ankle in ((0.0, 0.0, 0.0), (-10.0, -5.0, -3.0), (95.0, 120.0, 30.0), (140.0, 150.0, 45.0)):
        arrays = muscle_lengths(hip, knee, ankle)
        assert muscle_lengths_one(hip, knee, ankle) == pytest.approx([float(arrays[k]) for k in MUSCLE_KEYS],
                                                                     rel=0, abs=1e-14)
