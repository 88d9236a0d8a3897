"""Stand-in for ``muscles.muscle_lengths`` until that module exists (biomechanics.md §6 fits).

Hamstrings / rectus femoris: the project's polynomial fit L/L0(H, K) of straight-line Rajagopal
paths [D]; gastrocnemius: Hawkins & Hull 1990 medial head [S]. Lengths relative to standing.
"""

from __future__ import annotations

import numpy as np

_FITS = {
    "semimembranosus": (0.9964, 2.051e-3, -1.20e-3, 9.185e-6, -1.691e-5, -5.877e-7, -8.662e-8, 1.026e-7),
    "biceps_femoris_long_head": (0.9953, 2.425e-3, -1.488e-3, 9.836e-6, -1.245e-5, -9.908e-7, -9.684e-8,
                                 9.437e-08),
    "rectus_femoris": (0.9997, -1.415e-3, 2.122e-3, -1.898e-5, 0.0, 0.0, 1.202e-7, 0.0),
}


def _fit(c: tuple[float, ...], h: np.ndarray, k: np.ndarray) -> np.ndarray:
    return c[0] + c[1] * h + c[2] * k + c[3] * h * h + c[4] * k * k + c[5] * h * k + c[6] * h**3 + c[7] * k**3


def muscle_lengths(hip_flexion_deg: np.ndarray, knee_flexion_deg: np.ndarray,
                   ankle_dorsiflexion_deg: np.ndarray) -> dict[str, np.ndarray]:
    """Muscle-tendon lengths relative to standing (1 = standing), arrays like the inputs."""
    h = np.clip(np.asarray(hip_flexion_deg, dtype=float), 0.0, 130.0)
    k = np.clip(np.asarray(knee_flexion_deg, dtype=float), 0.0, 150.0)
    a = np.asarray(ankle_dorsiflexion_deg, dtype=float)
    zero = np.zeros(1)
    out = {name: _fit(c, h, k) / _fit(c, zero, zero)[0] for name, c in _FITS.items()}
    out["gastrocnemius"] = (0.900 - 0.00062 * k + 0.00214 * (90.0 + a)) / (0.900 + 0.00214 * 90.0)
    return out
