"""A synthetic :class:`Sweep` with distinct values in every field (independent of the solver)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.pose import JOINT_NAMES, MUSCLE_NAMES, SIDE_FIELDS, Onset, Sweep


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=float)
    a.setflags(write=False)
    return a


def fake_sweep(n: int = 200, seed: int = 0) -> Sweep:
    rng = np.random.default_rng(seed)
    thigh = np.linspace(-90.0, 20.0, n)

    def col() -> np.ndarray:
        return _ro(rng.normal(0.0, 50.0, n))

    limits = tuple(frozenset() if i < n // 2 else frozenset({"hip_stop", "ankle"}) for i in range(n))
    return Sweep(
        thigh_angle_deg=_ro(thigh), ankle_dorsiflexion_deg=col(), knee_flexion_deg=col(),
        hip_flexion_deg=col(), hip_abduction_deg=col(), hip_external_rotation_deg=col(),
        pelvic_tilt_deg=col(), lumbar_flexion_deg=col(), lumbar_levels_deg=_ro(rng.normal(0, 5, (n, 5))),
        trunk_lean_deg=col(), hip_height_pct_leg=col(), com_x_m=_ro(rng.normal(0, 0.05, n)),
        hip_stop_deg=col(), hip_stop_margin_deg=col(), balanced=np.arange(n) % 3 != 0,
        limits=limits,
        joints={k: _ro(rng.normal(0, 1, (n, 3))) for k in JOINT_NAMES},
        rim_contact={k: _ro(rng.normal(0, 1, (n, 3))) for k in ("l", "r")},
        muscles={k: _ro(1 + rng.normal(0, 0.1, n)) for k in MUSCLE_NAMES},
        foot_tilt_deg=col(), pelvic_tuck_deg=col(), hip_flexion_needed_deg=col(), lumbar_curve_deg=col(),
        lumbar_flexion_added_deg=col(), flat_lumbar_flexion_deg=25.0, **{k: col() for k in SIDE_FIELDS},
        tuck_onset=Onset(thigh_angle_deg=-8.25, knee_flexion_deg=104.5, hip_height_pct_leg=55.0),
        rounding_onset=None,
        deepest=Onset(thigh_angle_deg=20.0, knee_flexion_deg=130.0, hip_height_pct_leg=35.5),
        deepest_limited_by="lumbar",
    )


@pytest.fixture
def synthetic_sweep() -> Sweep:
    return fake_sweep()
