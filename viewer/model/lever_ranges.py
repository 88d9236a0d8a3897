"""The depth advisor's gains over an uncertain anatomy: each lever's 10–90 % range.

Each lever's gain (depth bought before the pelvis tucks, ° of thigh angle; as
:attr:`viewer.model.levers.LeverEffect.gain_deg`) is measured on the central anatomy and on the first
samples of the band's own sequence (:func:`viewer.model.uncertainty.sample_anatomies`, the same
anatomies in the same order), each with the model's own descent (one walk per sample and per lever).
The range is the 10th–90th percentile of the sampled gains, widened where needed to hold the central
gain (the one the advisor lists), so the text never reads "+6° (7–9°)".

How many samples: the gains vary far less between samples than the onsets, and their 10th/90th
percentile settles with :data:`LEVER_SAMPLES` samples (docs/model.md Part C gives the measurement).
The work is done in steps of one walk (≤ one frame) by :class:`LeverRangeJob`; the result depends
only on the input, never on how the work was split.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy
from .descent import body_constants, descend
from .levers import LEVERS, Lever
from .uncertain_anatomy import UncertainAnatomy
from .uncertainty import PERCENTILES, WalkJob, sample_anatomies

#: Samples whose gains make the ranges (the band's first ones).
LEVER_SAMPLES = 40


@dataclass(frozen=True, slots=True)
class LeverRange:
    """One lever's gain (° of depth bought before the pelvis tucks) over an uncertain anatomy.

    ``central_deg`` is the gain on the central anatomy; ``low_deg``/``high_deg`` the 10th/90th
    percentile over the samples where the lever applies, widened to hold ``central_deg``
    (``low_deg ≤ central_deg ≤ high_deg``); ``samples`` how many samples those are.
    """

    key: str
    central_deg: float
    low_deg: float
    high_deg: float
    samples: int

    @property
    def width_deg(self) -> float:
        """``high_deg − low_deg`` (°)."""
        return self.high_deg - self.low_deg


def _neutral_deg(anatomy: Anatomy) -> float:
    """Depth reached with a neutral pelvis (as :func:`viewer.model.levers.neutral_depth_deg`), °."""
    d = descend(body_constants(anatomy))
    return d.tuck_onset_deg if d.tuck_onset_deg is not None else d.deepest_deg


class LeverRangeJob(WalkJob[dict[str, LeverRange]]):
    """The lever ranges of one uncertain anatomy (a :class:`~viewer.model.uncertainty.WalkJob`): one walk
    per anatomy (the central one, then the samples) and per lever that applies to it.

    :meth:`result` gives ``{lever key: LeverRange}`` for every lever that applies to the central anatomy.
    ``seed`` as :func:`~viewer.model.uncertainty.sample_anatomies` (default: the band's).
    """

    _what = "the lever ranges"

    def __init__(self, ua: UncertainAnatomy, samples: int = LEVER_SAMPLES,
                 levers: tuple[Lever, ...] = LEVERS, seed: int | None = None) -> None:
        if not isinstance(ua, UncertainAnatomy):
            raise TypeError(f"ua must be an UncertainAnatomy, got {type(ua).__name__}")
        if samples < 1:
            raise ValueError(f"the number of samples must be at least 1, got {samples}")
        anatomies = [ua.mean, *sample_anatomies(ua, samples, seed)]  # 0: the central anatomy
        self._levers = tuple(lever for lever in levers if lever.change(ua.mean) is not None)
        # per anatomy (index, anatomy, lever key): its own walk, then one per lever that applies to it
        tasks: list[tuple[int, Anatomy, str | None]] = []
        for i, anatomy in enumerate(anatomies):
            tasks.append((i, anatomy, None))
            for lever in self._levers:
                changed = lever.change(anatomy)
                if changed is not None:
                    tasks.append((i, changed, lever.key))
        super().__init__(tasks)
        self._base: dict[int, float] = {}
        self._gains: dict[str, list[float]] = {lever.key: [] for lever in self._levers}
        self._central: dict[str, float] = {}

    def _do(self, task: tuple[int, Anatomy, str | None]) -> None:
        i, anatomy, key = task
        depth = _neutral_deg(anatomy)
        if key is None:
            self._base[i] = depth
        elif i == 0:
            self._central[key] = depth - self._base[0]
        else:
            self._gains[key].append(depth - self._base[i])

    def result(self) -> dict[str, LeverRange]:
        """``{lever key: LeverRange}``; ``RuntimeError`` before the job is done."""
        return dict(super().result())

    def _summarise(self) -> dict[str, LeverRange]:
        out = {}
        for lever in self._levers:
            central = self._central[lever.key]
            gains = self._gains[lever.key]
            if gains:
                lo, _, hi = (float(v) for v in np.percentile(gains, PERCENTILES))
            else:
                lo = hi = central
            out[lever.key] = LeverRange(lever.key, central, min(lo, central), max(hi, central), len(gains))
        return out


def lever_ranges(ua: UncertainAnatomy, samples: int = LEVER_SAMPLES, levers: tuple[Lever, ...] = LEVERS,
                 seed: int | None = None) -> dict[str, LeverRange]:
    """All lever ranges at once (tests, scripts): :class:`LeverRangeJob` run to the end. ``seed`` shifts
    the sample sequence (default: the band's own shift, ``ua.seed()``)."""
    return LeverRangeJob(ua, samples, levers, seed).run()


__all__ = ["LEVER_SAMPLES", "LeverRange", "LeverRangeJob", "lever_ranges"]
