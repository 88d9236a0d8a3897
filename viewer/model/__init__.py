"""The squat model: pure numpy + stdlib. Never imports Qt, VTK or pyqtgraph.

Public API: :class:`Anatomy`, :data:`PARAM_SPECS`, :data:`PRESETS`, ``solve``, ``sweep``.
"""

from .anatomy import DEFAULT_ANATOMY, Anatomy
from .params import PARAM_SPECS, SPECS_BY_NAME, ParamSpec
from .pose import Onset, Pose, Sweep
from .presets import PRESETS, Preset
from .squat import solve, sweep

__all__ = [
    "Anatomy", "DEFAULT_ANATOMY", "PARAM_SPECS", "SPECS_BY_NAME", "ParamSpec",
    "Onset", "Pose", "Sweep", "PRESETS", "Preset", "solve", "sweep",
]
