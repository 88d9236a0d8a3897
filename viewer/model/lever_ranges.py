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
from .uncertainty import PERCENTILES, WALKS_PER_STEP, sample_anatomies

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


class LeverRangeJob:
    """The lever ranges of one uncertain anatomy, computed a walk at a time.

    ``step()`` does :data:`~viewer.model.uncertainty.WALKS_PER_STEP` walks (or ``walks``) and returns
    True when everything is done; :meth:`result` then gives ``{lever key: LeverRange}`` for every lever
    that applies to the central anatomy. ``progress`` is the share done (0–1). ``seed`` as
    :func:`~viewer.model.uncertainty.sample_anatomies` (default: the band's). Not thread-safe.
    """

    def __init__(self, ua: UncertainAnatomy, samples: int = LEVER_SAMPLES,
                 levers: tuple[Lever, ...] = LEVERS, seed: int | None = None) -> None:
        if not isinstance(ua, UncertainAnatomy):
            raise TypeError(f"ua must be an UncertainAnatomy, got {type(ua).__name__}")
        if samples < 1:
            raise ValueError(f"the number of samples must be at least 1, got {samples}")
        self._anatomies = [ua.mean, *sample_anatomies(ua, samples, seed)]  # 0: the central anatomy
        self._levers = tuple(lever for lever in levers if lever.change(ua.mean) is not None)
        # per anatomy: its own walk, then one per lever that applies to it
        self._tasks: list[tuple[int, Anatomy, str | None]] = []
        for i, anatomy in enumerate(self._anatomies):
            self._tasks.append((i, anatomy, None))
            for lever in self._levers:
                changed = lever.change(anatomy)
                if changed is not None:
                    self._tasks.append((i, changed, lever.key))
        self._next = 0
        self._base: dict[int, float] = {}
        self._gains: dict[str, list[float]] = {lever.key: [] for lever in self._levers}
        self._central: dict[str, float] = {}
        self._result: dict[str, LeverRange] | None = None

    @property
    def total_walks(self) -> int:
        """Walks this job needs."""
        return len(self._tasks)

    @property
    def progress(self) -> float:
        """Share of the work done, 0–1."""
        return self._next / len(self._tasks)

    @property
    def done(self) -> bool:
        """Whether :meth:`result` is ready."""
        return self._result is not None

    def step(self, walks: int = WALKS_PER_STEP) -> bool:
        """Do up to ``walks`` walks; True when the job is finished."""
        for _ in range(max(1, int(walks))):
            if self._next >= len(self._tasks):
                break
            i, anatomy, key = self._tasks[self._next]
            self._next += 1
            depth = _neutral_deg(anatomy)
            if key is None:
                self._base[i] = depth
            elif i == 0:
                self._central[key] = depth - self._base[0]
            else:
                self._gains[key].append(depth - self._base[i])
        if self._next >= len(self._tasks) and self._result is None:
            self._result = self._summarise()
        return self._result is not None

    def result(self) -> dict[str, LeverRange]:
        """``{lever key: LeverRange}``; ``RuntimeError`` before the job is done."""
        if self._result is None:
            raise RuntimeError("the lever ranges are not computed yet: call step() until it returns True")
        return dict(self._result)

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
    job = LeverRangeJob(ua, samples, levers, seed)
    while not job.step(64):
        pass
    return job.result()


__all__ = ["LEVER_SAMPLES", "LeverRange", "LeverRangeJob", "lever_ranges"]
