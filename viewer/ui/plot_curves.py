"""What the depth plots draw: each curve's key, legend label and colour, and the band of values
every curve stays in over the whole parameter space.

Pure data (no Qt import): the model-space robustness test checks the bands on thousands of
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
#: space's corners (session 9): pelvic tilt −60.1 (poor motor control, deepest point) to knee 157.1.
#: The plot's y range starts at the bottom and reaches above the top for the legend.
ANGLES_BAND_DEG: tuple[float, float] = (-65.0, 160.0)
#: The same for the muscle lengths, % of standing (sampled: 87.6 to 118.3).
MUSCLES_BAND_PCT: tuple[float, float] = (85.0, 122.0)
