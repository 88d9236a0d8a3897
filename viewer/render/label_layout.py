"""Keep text labels from overlapping: a greedy vertical spread in screen pixels.

Pure Python (no VTK): boxes are ``(x0, y0, x1, y1)`` in display pixels (y up), ``x0 < x1``,
``y0 < y1``. Fixed boxes (e.g. the angle readouts) stay; each movable box (e.g. a bone's name) is
shifted up or down by the smallest amount that clears every box placed before it.
"""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]

#: Pixels kept free between two labels.
GAP_PX = 2.0


def _overlap(a: Box, b: Box, gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _moved(box: Box, dy: float) -> Box:
    return (box[0], box[1] + dy, box[2], box[3] + dy)


def spread(fixed: Sequence[Box], movable: Sequence[Box], gap_px: float = GAP_PX) -> list[float]:
    """Vertical shift (px, up positive) of each movable box so that no two boxes overlap.

    Movable boxes are placed in the order given, each at the shift of least magnitude (0 if it is
    already clear) that keeps it ``gap_px`` away from the fixed boxes and the movable ones placed
    before it. Returns one shift per movable box, in their order.
    """
    placed = list(fixed)
    shifts: list[float] = []
    for box in movable:
        candidates = [0.0]
        for p in placed:
            if p[0] < box[2] + gap_px and box[0] < p[2] + gap_px:  # shares columns: stack above or below it
                candidates.append(p[3] + gap_px - box[1])
                candidates.append(p[1] - gap_px - box[3])
        candidates.sort(key=lambda dy: (abs(dy), dy))
        dy = next(dy for dy in candidates if not any(_overlap(_moved(box, dy), p, gap_px * 0.999) for p in placed))
        shifts.append(dy)
        placed.append(_moved(box, dy))
    return shifts


def overlaps(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """Index pairs of boxes that overlap (touching edges do not count)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _overlap(boxes[i], boxes[j], 0.0)]
