"""The slider values a drag is about to reach, in the order it is likely to reach them.

A drag of an anatomy slider asks for a new anatomy, and so a new sweep, on every step. Computing
those sweeps ahead, while the event loop is idle, leaves a drag's own update only a cache lookup
(``viewer.ui.sweep_prefetch``). This module only orders the values; it knows nothing of Qt.
"""

from __future__ import annotations

from .params import ParamSpec

#: Values ordered per call: a slider's whole range is at most 125 steps (body mass).
DEFAULT_LIMIT = 48
#: Values behind a moving drag count this many times their distance (a drag seldom turns back).
BEHIND_WEIGHT = 3


def nearby_values(spec: ParamSpec, value: float, previous: float | None = None,
                  limit: int = DEFAULT_LIMIT) -> tuple[float, ...]:
    """Slider values of the float ``spec`` near ``value``, most likely next first; ``value`` left out.

    Without ``previous`` (the handle was just pressed), or when ``previous`` is at ``value``'s slider
    position: nearest first, the lower one of each pair first. With ``previous`` (the drag came from
    there): first the value a step of the same size would reach (or the end of the range), then the
    values around it that are ahead of ``value``; the values behind ``value`` count
    :data:`BEHIND_WEIGHT` × their distance (and come after values ahead at the same count).
    At most ``limit`` values; all are on the slider's grid (:meth:`ParamSpec.value_at`, so they are the
    same floats the slider will write) and inside the range.

    Raises ``ValueError`` for a spec that is not a float.
    """
    if spec.kind != "float":
        raise ValueError(f"{spec.name} is a {spec.kind} parameter: it has no slider values")
    here = spec.position(value)
    stride = 0 if previous is None else here - spec.position(previous)
    target = min(max(here + stride, 0), spec.steps)  # a step past the end stops at the end

    def cost(position: int) -> tuple[int, bool, int]:
        ahead = stride == 0 or (position - here) * stride > 0
        distance = abs(position - target) if ahead else BEHIND_WEIGHT * abs(position - here)
        return distance, not ahead, position if stride >= 0 else -position

    positions = sorted((p for p in range(spec.steps + 1) if p != here), key=cost)
    return tuple(spec.value_at(p) for p in positions[:max(0, limit)])
