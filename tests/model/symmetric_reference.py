"""Stored outputs of the symmetric model for the reference test (``test_sides.py``).

``python tests/model/symmetric_reference.py > tests/model/fixtures/symmetric_reference.json`` writes them
from the model that is importable (run it from a checkout of the model the values should describe).
"""

import json
import sys

import numpy as np

#: Per-depth outputs compared, and the sweep indices sampled (of 241).
FIELDS = ("ankle_dorsiflexion_deg", "knee_flexion_deg", "hip_flexion_deg", "hip_abduction_deg",
          "pelvic_tilt_deg", "lumbar_flexion_deg", "trunk_lean_deg", "hip_height_pct_leg", "com_x_m",
          "hip_stop_deg", "hip_stop_margin_deg", "pelvic_tuck_deg", "lumbar_curve_deg")
INDICES = (0, 30, 60, 90, 120, 150, 180, 210, 240)


def reference() -> dict:
    from viewer.model import PRESETS, sweep

    out = {}
    for name, preset in PRESETS.items():
        s = sweep(preset.anatomy)
        out[name] = {
            "overrides": dict(preset.overrides),
            "tuck": None if s.tuck_onset is None else s.tuck_onset.thigh_angle_deg,
            "rounding": None if s.rounding_onset is None else s.rounding_onset.thigh_angle_deg,
            "deepest": s.deepest.thigh_angle_deg, "limited_by": s.deepest_limited_by,
            "samples": {f: [float(np.asarray(getattr(s, f))[i]) for i in INDICES] for f in FIELDS},
            "hip_r": [list(map(float, s.joints["hip_r"][i])) for i in INDICES],
        }
    return out


if __name__ == "__main__":
    json.dump(reference(), sys.stdout, indent=1)
    sys.stdout.write("\n")
