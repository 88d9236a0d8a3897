"""Hypothesis strategies over the whole parameter space, generated from ``PARAM_SPECS``.

Adding a parameter to the specs adds it to every property test that draws from here.
"""

from hypothesis import strategies as st

from viewer.model import PARAM_SPECS, Anatomy


def value_strategy(spec):
    """Any allowed value of one parameter (floats over its closed range)."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    return st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)


#: Any anatomy the model accepts.
anatomies = st.fixed_dictionaries({s.name: value_strategy(s) for s in PARAM_SPECS}).map(lambda d: Anatomy(**d))
