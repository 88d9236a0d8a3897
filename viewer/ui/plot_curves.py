"""What the depth plots draw: each curve's key, legend label and colour, and the band of values
every curve stays in over the whole parameter space.

Pure data and numpy (no Qt import): the model-space robustness test checks the bands on thousands of
anatomies, corners included.
"""

from __future__ import annotations

#: Joint-angle curves: ``Sweep`` field, legend label, colour (Okabe–Ito, colour-blind safe).
ANGLE_CURVES: tuple[tuple[str, str, str], ...] = (
    ("ankle_dorsiflexion_deg", "Ankle", "#E69F00"),
    ("knee_flexion_deg", "Knee", "#56B4E9"),
    ("hip_flexion_deg", "Hip", "#009E73"),
    ("pelvic_tilt_deg", "Pelvic tilt", "#D55E00"),
    ("lumbar_flexion_deg", "Lumbar flexion", "#CC79A7"),
    ("trunk_lean_deg", "Trunk lean", "#0072B2"),
)
#: The joint-angle plot also draws the hip's bony stop (``Sweep.hip_stop_deg``).
HIP_STOP_KEY = "hip_stop_deg"
#: Muscle-length curves: ``Sweep.muscles`` key, legend label, colour; drawn in % of standing.
MUSCLE_CURVES: tuple[tuple[str, str, str], ...] = (
    ("semimembranosus", "Hamstring (semimembr.)", "#009E73"),
    ("biceps_femoris_long_head", "Hamstring (biceps fem.)", "#56B4E9"),
    ("rectus_femoris", "Rectus femoris", "#D55E00"),
    ("gastrocnemius", "Calf (gastrocnemius)", "#E69F00"),
)

#: Lowest and highest value any joint-angle curve reaches, degrees. Sampled over the parameter
#: space's corners: pelvic tilt down to −71 (poor motor control, flat lordosis, heavy goblet) to knee 157.
#: The pelvic tilt cannot go below −80: it is the trunk lean (≥ −20) less the lumbar flexion (≤ 60).
#: Each band is its plot's y range.
ANGLES_BAND_DEG: tuple[float, float] = (-80.0, 160.0)
#: The same for the muscle lengths, % of standing (sampled: 87.6 to 118.3).
MUSCLES_BAND_PCT: tuple[float, float] = (85.0, 122.0)

#: x range of the depth plots: thigh angle below horizontal, degrees. Most squats end above 45°; the
#: deep range is for those that go further (the model's deepest is 70°: e.g. the "Wide stance, toes
#: out" preset reaches 61°), so that their deepest part, onsets and cursor stay in the plot.
DEPTH_RANGE_DEG: tuple[float, float] = (-92.0, 45.0)
DEEP_DEPTH_RANGE_DEG: tuple[float, float] = (-92.0, 72.0)
#: x range of the hip budget gauge (hip flexion, degrees) and the one for hips that need more than it
#: shows (found over the parameter space's corners by the model-space robustness test: up to 186°).
BUDGET_RANGE_DEG: tuple[float, float] = (0.0, 150.0)
WIDE_BUDGET_RANGE_DEG: tuple[float, float] = (0.0, 220.0)


def range_for(highest: float, normal: tuple[float, float], wide: tuple[float, float],
              room: float) -> tuple[float, float]:
    """``normal`` when ``highest`` (the largest value to show) stays ``room`` inside its end, else ``wide``
    (same unit as the ranges). Two fixed ranges, not one fitted to each anatomy: the axes stay put while a
    slider moves, and change only when a squat crosses the end."""
    return normal if highest <= normal[1] - room else wide
