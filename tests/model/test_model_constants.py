"""Per-anatomy constants of the solver: anatomies that differ only in the hip share the body's.

A drag of a hip slider (socket depth, version, torsion, neck-shaft, alpha, motor control) makes a new
anatomy at every step; only the hip's stop table is rebuilt, the body's constants (segments, foot, trunk,
balance table, upright COM) come from a cache keyed by every other input. These tests check that the
sharing never changes a result and that nothing outside ``hip.py`` reads a hip-only input.
"""

import ast
import dataclasses
from pathlib import Path

import numpy as np
from anatomy_strategies import anatomies, value_strategy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.model import Anatomy
from viewer.model import squat as sq
from viewer.model.params import SPECS_BY_NAME

MODEL_DIR = Path(sq.__file__).resolve().parent
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sweep_fields(s) -> dict[str, object]:
    out = {}
    for f in dataclasses.fields(s):
        v = getattr(s, f.name)
        out[f.name] = {k: np.array(x) for k, x in v.items()} if hasattr(v, "items") else v
    return out


def _assert_same_sweep(a, b) -> None:
    fa, fb = _sweep_fields(a), _sweep_fields(b)
    assert fa.keys() == fb.keys()
    for name, va in fa.items():
        vb = fb[name]
        if isinstance(va, dict):
            assert va.keys() == vb.keys(), name
            for k in va:
                np.testing.assert_array_equal(va[k], vb[k], err_msg=f"{name}[{k}]")
        elif isinstance(va, np.ndarray):
            np.testing.assert_array_equal(va, vb, err_msg=name)
        else:
            assert va == vb, name


def _cold_sweep(anatomy: Anatomy):
    sq.clear_cache()
    return sq.sweep(anatomy)


hip_changes = st.fixed_dictionaries(
    {name: value_strategy(SPECS_BY_NAME[name]) for name in sorted(sq.HIP_ONLY_FIELDS)})


@FAST
@given(anatomies, hip_changes)
def test_a_shared_body_gives_the_sweep_of_a_cold_cache(first, changes):
    """The sweep of a hip variant, built on the body constants of ``first``, is bit-identical to the
    sweep built from nothing."""
    second = first.replace(**changes)
    cold = _cold_sweep(second)
    sq.clear_cache()
    sq.sweep(first)  # caches the body of ``first``
    shared = sq.sweep(second)
    assert shared is not cold
    _assert_same_sweep(shared, cold)


@settings(max_examples=10, deadline=None)
@given(anatomies)
def test_a_hip_drag_reuses_the_body_and_a_body_change_does_not(a):
    sq.clear_cache()
    sq.sweep(a)
    before = sq._body.cache_info()
    for lce in (20.0, 33.0):
        for mc in (0.5, 1.0):
            sq.sweep(a.replace(acetabular_lce_deg=lce, motor_control=mc, acetabular_version_deg=10.0))
    after = sq._body.cache_info()
    assert after.misses == before.misses  # no new body for hip-only changes
    assert after.hits >= before.hits + 4
    other = a.replace(height_m=1.5 if a.height_m > 1.6 else 1.9)
    assert sq._model(other).body.seg.leg_length_m != sq._model(a).body.seg.leg_length_m
    assert sq._body.cache_info().misses == after.misses + 1


def test_the_body_key_covers_every_other_input():
    names = {f.name for f in dataclasses.fields(Anatomy)}
    assert sq.HIP_ONLY_FIELDS < names
    assert set(sq._BODY_FIELDS) == names - sq.HIP_ONLY_FIELDS
    a = Anatomy()
    for name in sq._BODY_FIELDS:  # every body input changes the key
        spec = SPECS_BY_NAME[name]
        if spec.kind == "float":
            value = spec.maximum if getattr(a, name) != spec.maximum else spec.minimum
        elif spec.kind == "choice":
            value = next(c for c in spec.choices if c != getattr(a, name))
        else:
            value = not getattr(a, name)
        assert sq._BodyKey(a.replace(**{name: value})) != sq._BodyKey(a), name
    for name in sq.HIP_ONLY_FIELDS:
        spec = SPECS_BY_NAME[name]
        assert sq._BodyKey(a.replace(**{name: spec.minimum})) == sq._BodyKey(a), name


def test_only_the_hip_module_reads_hip_only_inputs():
    """The sharing is valid because the body's constants never read a hip-only input: a model module
    other than hip.py that names one would break it silently (presets, specs and levers only list them)."""
    allowed = {"hip.py", "anatomy.py", "params.py", "presets.py", "levers.py", "squat.py"}
    for path in sorted(MODEL_DIR.glob("*.py")):
        if path.name in allowed:
            continue
        names = {node.attr for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Attribute)}
        names |= {node.value for node in ast.walk(ast.parse(path.read_text()))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        assert not names & sq.HIP_ONLY_FIELDS, f"{path.name} reads {sorted(names & sq.HIP_ONLY_FIELDS)}"
    # in squat.py only the stop table (and the one-depth path's hip) may reach the hip inputs
    tree = ast.parse((MODEL_DIR / "squat.py").read_text())
    body_fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_body")
    reads = {n.attr for n in ast.walk(body_fn) if isinstance(n, ast.Attribute)}
    assert not reads & sq.HIP_ONLY_FIELDS
