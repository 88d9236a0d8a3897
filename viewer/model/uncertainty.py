"""What the uncertainty of an anatomy means for the squat: onset ranges and depth-curve bands.

The uncertain parameters of an :class:`~viewer.model.uncertain_anatomy.UncertainAnatomy` are sampled
(a randomly shifted Halton sequence on the normal quantiles, correlated through the Cholesky factor of
the covariance, clipped to each parameter's range), each sample's squat is walked down by the model's own
descent (:func:`viewer.model.descent.descend`, the walk behind ``sweep``; called directly so that
hundreds of samples do not flush the sweep cache the window lives on), and the results are summarised as
the 10th, 50th and 90th percentile.

How many samples: a percentile's error falls as 1/√n; at the 10th/90th percentile of a normal spread of
SD s it is 1.71·s/√n. A pilot of :data:`PILOT_SAMPLES` reads s from the tuck onset (its wider half) and
the sequence is extended to n = (1.71·s / 0.5°)² (at most :data:`MAX_SAMPLES`), so the tuck onset's
10th/90th percentile is within ≈ 0.5° (1 SD) for every lifter: ≈ 3000 samples for the average lifter
with no tests, a few hundred with the home tests done (docs/model.md gives the measured figures). The depth
advisor's gain ranges sample the same sequence (:mod:`viewer.model.lever_ranges`).

Cost: one walk is ≈ 3–8 ms on the 2-core reference machine, so the work is done in steps of
:data:`WALKS_PER_STEP` walk (≤ one frame): :class:`BandJob` keeps its place between steps. The result
depends only on the input (the sequence's shift comes from the anatomy and its spread), never on how the
work was split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Generic, TypeVar

import numpy as np

from .anatomy import Anatomy
from .descent import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG, Descent, body_constants, descend
from .params import SPECS_BY_NAME
from .uncertain_anatomy import UncertainAnatomy

#: Samples drawn first; their tuck-onset spread sets how many more are needed (:func:`samples_needed`).
PILOT_SAMPLES = 64
#: At most this many samples (the average lifter with no tests needs ≈ 3000).
MAX_SAMPLES = 3200
#: Standard error aimed at for the tuck onset's 10th and 90th percentile (°).
TARGET_ERROR_DEG = 0.5
#: Samples whose depth curves make the band (the first ones): a visual band needs no more, and the
#: percentiles of a few thousand curves would take a step longer than a frame.
CURVE_SAMPLES = 400
#: Walks per :meth:`BandJob.step` (one walk ≈ 3–8 ms: a step stays within a 15 ms frame).
WALKS_PER_STEP = 1
_DRAW_BATCH = 16
#: The percentiles reported (low, median, high).
PERCENTILES = (10.0, 50.0, 90.0)
#: Thigh angles of the band (°): the descent's own grid.
BAND_THIGH_DEG = np.arange(THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG + 0.5, 1.0)


@dataclass(frozen=True, slots=True)
class Spread:
    """A depth (thigh angle, ° below horizontal) over the samples.

    ``low_deg``/``median_deg``/``high_deg`` are the 10th/50th/90th percentiles; ``None`` where that share
    of samples never gets there (the squat ends first). ``share`` is the fraction of samples where it
    happens at all.
    """

    low_deg: float | None
    median_deg: float | None
    high_deg: float | None
    share: float


@dataclass(frozen=True, slots=True)
class Band:
    """The squat of an uncertain anatomy.

    Attributes:
        thigh_deg: (G,) thigh angles (°) of the curves.
        lumbar_flexion_deg: (3, G) 10th/50th/90th percentile of lumbar flexion at each thigh angle,
            over the samples that reach it (NaN where none does).
        pelvic_tuck_deg: (3, G) the same for the pelvic tuck.
        reached_share: (G,) share of those samples whose squat reaches each thigh angle.
        tuck_onset, rounding_onset, deepest: where those happen.
        samples: number of anatomy samples.
    """

    thigh_deg: np.ndarray
    lumbar_flexion_deg: np.ndarray
    pelvic_tuck_deg: np.ndarray
    reached_share: np.ndarray
    tuck_onset: Spread
    rounding_onset: Spread
    deepest: Spread
    samples: int

    @property
    def tuck_width_deg(self) -> float:
        """Width of the tuck onset's 10–90 % range (°; inf when a tail never tucks)."""
        t = self.tuck_onset
        return math.inf if t.low_deg is None or t.high_deg is None else t.high_deg - t.low_deg


Result = TypeVar("Result")

_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97)


def _halton(start: int, n: int, k: int) -> np.ndarray:
    """Points start … start + n − 1 of the k-dimensional Halton sequence (radical inverses), (n, k) in (0, 1)."""
    out = np.zeros((n, k))
    idx = np.arange(start + 1, start + n + 1)
    for j in range(k):
        base, f, x = _PRIMES[j], 1.0, idx.copy()
        while np.any(x > 0):
            f /= base
            out[:, j] += f * (x % base)
            x //= base
    return out


def sample_anatomies(ua: UncertainAnatomy, n: int = PILOT_SAMPLES, seed: int | None = None,
                     start: int = 0) -> list[Anatomy]:
    """Samples ``start`` … ``start + n − 1`` of ``ua`` (randomly shifted Halton points → normal quantiles →
    correlated through the Cholesky factor, clipped to the parameter ranges).

    The sequence extends: the first n samples are the same whatever is drawn after them. The seed (the
    shift) defaults to ``ua.seed()``: the same input gives the same samples. ``ValueError`` for ``n < 1``
    or more than 25 uncertain parameters.
    """
    if n < 1:
        raise ValueError(f"the number of samples must be at least 1, got {n}")
    k = len(ua.names)
    if k == 0:
        return [ua.mean] * n
    if k > len(_PRIMES):
        raise ValueError(f"at most {len(_PRIMES)} uncertain parameters can be sampled, got {k}")
    shift = np.random.default_rng(ua.seed() if seed is None else seed).random(k)
    u = (_halton(start, n, k) + shift) % 1.0
    inv = NormalDist().inv_cdf
    z = np.vectorize(inv)(np.clip(u, 1e-12, 1.0 - 1e-12))
    chol = np.linalg.cholesky(ua.matrix() + 1e-12 * np.eye(k))
    mean = np.array([getattr(ua.mean, name) for name in ua.names])
    values = mean + z @ chol.T
    out = []
    for row in values:
        changes = {}
        for name, v in zip(ua.names, row, strict=True):
            s = SPECS_BY_NAME[name]
            changes[name] = min(max(float(v), s.minimum), s.maximum)
        out.append(ua.mean.replace(**changes))
    return out


def samples_needed(tuck_onsets_deg: list[float | None]) -> int:
    """Samples for the tuck onset's 10th/90th percentile to be within :data:`TARGET_ERROR_DEG` (1 SD).

    A percentile's standard error is √(p(1 − p)/n) / density; for a normal spread of SD s that is
    1.71·s/√n at the 10th and 90th percentile, so n = (1.71·s / target)². s is read from the pilot: the
    wider of median − 10th and 90th − median percentile, ÷ 1.2816 (a skewed spread counts by its long
    tail); samples where the pelvis never tucks count as the deepest onset seen. Between
    :data:`PILOT_SAMPLES` and :data:`MAX_SAMPLES`.
    """
    finite = [v for v in tuck_onsets_deg if v is not None]
    if len(finite) < 2:
        return PILOT_SAMPLES
    arr = np.array([math.inf if v is None else v for v in tuck_onsets_deg])
    lo, mid, hi = (float(q) if math.isfinite(q) else max(finite) for q in np.percentile(arr, PERCENTILES))
    s = max(mid - lo, hi - mid, 0.0) / 1.2816  # the wider half: a long tail needs more samples
    n = math.ceil((1.71 * s / TARGET_ERROR_DEG) ** 2)
    return int(min(max(n, PILOT_SAMPLES), MAX_SAMPLES))


def _walk(anatomy: Anatomy) -> Descent:
    return descend(body_constants(anatomy))


def _curves(d: Descent) -> tuple[np.ndarray, np.ndarray]:
    """Lumbar flexion and pelvic tuck (°) on :data:`BAND_THIGH_DEG`, NaN past the deepest point."""
    th = d.thigh_deg
    lumbar = np.asarray(d.lean_deg) - np.asarray(d.tilt_deg)
    tuck = d.tuck_deg(th, np.asarray(d.tilt_deg))
    past = th > d.deepest_deg
    lumbar = np.where(past, np.nan, lumbar)
    tuck = np.where(past, np.nan, tuck)
    return np.interp(BAND_THIGH_DEG, th, lumbar), np.interp(BAND_THIGH_DEG, th, tuck)


def _spread(values: list[float | None]) -> Spread:
    arr = np.array([math.inf if v is None else v for v in values], dtype=float)
    share = float(np.mean(np.isfinite(arr)))
    pct = np.percentile(arr, PERCENTILES, method="linear") if arr.size else np.full(3, math.inf)
    low, mid, high = (float(p) if math.isfinite(p) else None for p in pct)
    return Spread(low, mid, high, share)


class WalkJob(Generic[Result]):
    """Work done a few walks at a time (the band, the lever ranges): each task is one walk.

    ``step()`` does :data:`WALKS_PER_STEP` walks (or ``walks``) and returns True when everything is done;
    :meth:`result` then gives the result. ``progress`` is the share done (0–1). Not thread-safe: drive one
    job from one thread (e.g. a timer on the main thread, a step per turn of the event loop). A subclass
    fills ``_tasks`` and gives :meth:`_do` (one task's walk), :meth:`_summarise` and, to add tasks once
    the first ones are done, :meth:`_more`.
    """

    _what = "the result"

    def __init__(self, tasks: list) -> None:
        self._tasks = tasks
        self._next = 0
        self._result: Result | None = None

    @property
    def total_walks(self) -> int:
        """Walks this job needs, as far as it knows."""
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
        budget = max(1, int(walks))
        while budget > 0 and self._next < len(self._tasks):
            self._next += 1
            self._do(self._tasks[self._next - 1])
            budget -= 1
        if self._next >= len(self._tasks):
            self._more()
        if self._next >= len(self._tasks) and self._result is None:
            self._result = self._summarise()
        return self._result is not None

    def result(self) -> Result:
        """The result; ``RuntimeError`` before the job is done."""
        if self._result is None:
            raise RuntimeError(f"{self._what} is not computed yet: call step() until it returns True")
        return self._result

    def run(self) -> Result:
        """Every step at once (tests, scripts, a worker thread): the result."""
        while not self.step(64):
            pass
        return self.result()

    def _do(self, task: object) -> None:
        raise NotImplementedError

    def _more(self) -> None:
        """Called whenever every task so far is done; may add tasks."""

    def _summarise(self) -> Result:
        raise NotImplementedError


class BandJob(WalkJob[Band]):
    """The band of one uncertain anatomy (a :class:`WalkJob`; each task is one sample's walk)."""

    _what = "the band"

    def __init__(self, ua: UncertainAnatomy, samples: int | None = None) -> None:
        if not isinstance(ua, UncertainAnatomy):
            raise TypeError(f"ua must be an UncertainAnatomy, got {type(ua).__name__}")
        if samples is not None and samples < 1:
            raise ValueError(f"the number of samples must be at least 1, got {samples}")
        first = PILOT_SAMPLES if samples is None else samples
        super().__init__(list(range(first)))
        self._ua = ua
        self._anatomies = sample_anatomies(ua, first)
        self._onsets: list[tuple[float | None, float | None, float]] = []
        self._lumbar: list[tuple[np.ndarray, np.ndarray]] = []
        self._extended = samples is not None

    def _anatomy(self, i: int) -> Anatomy:
        """Sample i, drawn in small batches as the job reaches them (a step never draws hundreds)."""
        while i >= len(self._anatomies):
            self._anatomies += sample_anatomies(self._ua, _DRAW_BATCH, start=len(self._anatomies))
        return self._anatomies[i]

    @property
    def progress(self) -> float:
        """Share of the work done, 0–1 (an estimate until the pilot is done)."""
        return self._next / len(self._tasks) if self._extended else 0.5 * self._next / len(self._tasks)

    def _do(self, i: int) -> None:
        walk = _walk(self._anatomy(i))
        self._onsets.append((walk.tuck_onset_deg, walk.rounding_onset_deg, walk.deepest_deg))
        if i < CURVE_SAMPLES:
            self._lumbar.append(_curves(walk))

    def _more(self) -> None:
        """After the pilot: as many samples as its tuck-onset spread needs (:func:`samples_needed`)."""
        if not self._extended:
            self._extended = True
            self._tasks += list(range(len(self._onsets), samples_needed([o[0] for o in self._onsets])))

    def _summarise(self) -> Band:
        curves = self._lumbar
        lumbar = np.array([c[0] for c in curves])
        tuck = np.array([c[1] for c in curves])
        reached = np.mean(np.isfinite(lumbar), axis=0)

        def pct(a: np.ndarray) -> np.ndarray:
            """Percentiles of each column over its finite values (NaN where none): one sort, no per-column
            Python loop (``np.nanpercentile`` along an axis takes tens of ms here)."""
            srt = np.sort(a, axis=0)  # NaN last
            count = np.isfinite(a).sum(axis=0)
            out = np.full((3, a.shape[1]), np.nan)
            ok = count > 0
            cols = np.nonzero(ok)[0]
            for row, p in enumerate(PERCENTILES):
                pos = (count[ok] - 1) * p / 100.0
                lo = np.floor(pos).astype(int)
                hi = np.minimum(lo + 1, count[ok] - 1)
                frac = pos - lo
                out[row, ok] = srt[lo, cols] * (1.0 - frac) + srt[hi, cols] * frac
            return out

        arrays = (BAND_THIGH_DEG.copy(), pct(lumbar), pct(tuck), reached)
        for a in arrays:
            a.setflags(write=False)
        return Band(thigh_deg=arrays[0], lumbar_flexion_deg=arrays[1], pelvic_tuck_deg=arrays[2],
                    reached_share=arrays[3],
                    tuck_onset=_spread([o[0] for o in self._onsets]),
                    rounding_onset=_spread([o[1] for o in self._onsets]),
                    deepest=_spread([o[2] for o in self._onsets]), samples=len(self._onsets))


def band(ua: UncertainAnatomy, samples: int | None = None) -> Band:
    """The whole band at once (tests, scripts, a worker thread): :class:`BandJob` run to the end.

    ``samples`` fixes the number of samples; by default the pilot decides (:func:`samples_needed`)."""
    return BandJob(ua, samples).run()


__all__ = ["PILOT_SAMPLES", "MAX_SAMPLES", "TARGET_ERROR_DEG", "samples_needed", "CURVE_SAMPLES",
           "WALKS_PER_STEP", "PERCENTILES", "BAND_THIGH_DEG", "Spread", "Band", "WalkJob", "BandJob", "band",
           "sample_anatomies"]
