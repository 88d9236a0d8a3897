"""The B ghost's colour stays apart from the lumbar ghost's blue and the bones' ivory, also for
colour-blind viewers (Machado et al. 2009 simulations of protan, deutan and tritan vision)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.render.bones import BONE_COLOUR
from viewer.render.colours import CONTACT_COLOUR
from viewer.render.compare_ghost import COMPARE_COLOUR
from viewer.render.overlays import GHOST_COLOUR

#: Machado, Oliveira & Fernandes 2009, severity 1.0, on linear RGB.
CVD: dict[str, np.ndarray] = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}


def _lab(rgb: tuple[float, float, float], vision: str) -> np.ndarray:
    c = np.asarray(rgb, float)
    linear = np.clip(CVD[vision] @ np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4), 0.0, 1.0)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = np.cbrt(np.maximum(xyz / np.array([0.95047, 1.0, 1.08883]), 0.008856))
    return np.array([116.0 * f[1] - 16.0, 500.0 * (f[0] - f[1]), 200.0 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", list(CVD))
@pytest.mark.parametrize(("other", "least"), [(GHOST_COLOUR, 40.0), (BONE_COLOUR, 20.0), (CONTACT_COLOUR, 40.0)],
                         ids=["lumbar_ghost", "bone", "contact"])
def test_b_is_far_from_the_lumbar_ghost_the_bones_and_the_contact_marker(vision, other, least):
    distance = float(np.linalg.norm(_lab(COMPARE_COLOUR, vision) - _lab(other, vision)))  # CIE76 ΔE
    assert distance >= least, (vision, other, distance)
