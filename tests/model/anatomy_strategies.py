"""Hypothesis strategies over the whole parameter space, generated from ``PARAM_SPECS``.

Adding a parameter to the specs adds it to every property test that draws from here.
"""

from hypothesis import strategies as st

from viewer.model import PARAM_SPECS, Anatomy
from viewer.model.params import SIDE_SPECS

#: Every spec: the two-sided parameters and their one-side overrides (left ≠ right).
ALL_SPECS = PARAM_SPECS + SIDE_SPECS


def value_strategy(spec):
    """Any allowed value of one parameter (floats over its closed range; a one-side override may be unset)."""
    if spec.both:
        return st.one_of(st.none(), st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False))
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    return st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)


#: Any anatomy the model accepts, left and right free to differ.
anatomies = st.fixed_dictionaries({s.name: value_strategy(s) for s in ALL_SPECS}).map(lambda d: Anatomy(**d))
#: Any anatomy with the same values on both sides (no one-side overrides, legs equally long).
symmetric_anatomies = st.fixed_dictionaries(
    {s.name: value_strategy(s) for s in PARAM_SPECS if s.name != "leg_length_difference_mm"}).map(
    lambda d: Anatomy(**d))


#: Heaviest load a lifter holds in each position, as a share of body mass (goblet: a kettlebell or dumbbell
#: at the chest; bars: the range of competitive lifters).
PLAUSIBLE_LOAD_SHARE = {"none": 0.0, "goblet": 0.4, "front": 1.6, "high_bar": 2.5, "low_bar": 2.5}
#: Body-mass index range of the lifters the model is checked on (kg/m²).
PLAUSIBLE_BMI = (15.0, 45.0)


def is_plausible(a: Anatomy) -> bool:
    """A lifter who exists: body mass within the BMI range for the height, a load they can hold."""
    bmi = a.body_mass_kg / a.height_m**2
    share = PLAUSIBLE_LOAD_SHARE[a.load_position]
    return PLAUSIBLE_BMI[0] <= bmi <= PLAUSIBLE_BMI[1] and (share == 0.0 or a.load_kg <= share * a.body_mass_kg)


#: Every parameter over its whole range, as a lifter who exists: the body mass follows from a BMI of 15–45
#: at the drawn height, and a load in front of the body is one the lifter can hold (PLAUSIBLE_LOAD_SHARE).
lifters = anatomies.filter(is_plausible)


def at_the_balance_edge(anatomy: Anatomy) -> bool:
    """Whether the squat uses (nearly) the trunk's whole range of lean to stay over the feet."""
    from viewer.model.squat import sweep
    from viewer.model.trunk import TRUNK_LEAN_MAX_DEG

    return float(sweep(anatomy).trunk_lean_deg.max()) >= TRUNK_LEAN_MAX_DEG - 1.0
