"""The pelvis's angle readout says which way it tilts, and by how much it has tucked once it does."""

from __future__ import annotations

import pytest

from viewer.render.scene import pelvis_readout


@pytest.mark.parametrize("tilt, tuck, text", [
    (12.4, None, "Pelvis tilt 12° fwd"),
    (12.4, 0.0, "Pelvis tilt 12° fwd"),
    (12.4, 0.4, "Pelvis tilt 12° fwd"),  # rounds to no tuck
    (-5.2, None, "Pelvis tilt 5° back"),
    (0.3, None, "Pelvis tilt 0°"),
    (-0.4, 0.0, "Pelvis tilt 0°"),
    (-5.2, 20.3, "Pelvis tucked 20°"),
    (7.0, 8.0, "Pelvis tucked 8°"),  # still forward of standing, but 8° back from its most forward
])
def test_pelvis_readout(tilt, tuck, text):
    assert pelvis_readout(tilt, tuck) == text
