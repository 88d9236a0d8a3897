"""Computes the band and the lever ranges of the state's uncertain anatomy a step at a time on the main thread.

A zero-interval ``QTimer`` steps one of two jobs per turn of the event loop, in turn while both run (one
walk of the descent, ≤ one frame of work), so the window stays responsive:
:class:`viewer.model.uncertainty.BandJob` (the headline's ranges and the plot's band, sent by
``bandReady``) and :class:`viewer.model.lever_ranges.LeverRangeJob` (the depth advisor's gain ranges, sent
by ``leverRangesReady``; the shorter job, so its ranges usually come first). A new anatomy or new results
cancel both: the views drop what is stale at once (``bandReady(None)``, ``leverRangesReady(None)``) and new
jobs start when the anatomy settles.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.model.anatomy import Anatomy
from viewer.model.lever_ranges import LEVER_SAMPLES, LeverRange, LeverRangeJob
from viewer.model.uncertain_anatomy import Combined, UncertainAnatomy
from viewer.model.uncertainty import Band, BandJob

BandKey = tuple[Anatomy, Combined]


class BandRunner(QObject):
    """Runs one :class:`BandJob` and one :class:`LeverRangeJob` at a time, for one key.

    Attributes:
        samples: fixed number of band samples (``None``: the job's own rule, docs/model.md).
        lever_samples: samples whose lever gains make the ranges.
        band: the band of the key, once computed.
        lever_ranges: ``{lever key: LeverRange}`` of the key, once computed.

    Signals:
        bandReady(object): the :class:`Band` of the current key, or ``None`` when the shown band is stale.
        leverRangesReady(object): ``(anatomy, {lever key: LeverRange})`` for the current key, or ``None``
            when the shown ranges are stale.
    """

    bandReady = Signal(object)
    leverRangesReady = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.samples: int | None = None
        self.lever_samples = LEVER_SAMPLES
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._job: BandJob | None = None
        self._lever_job: LeverRangeJob | None = None
        self._turn = 0
        self._key: BandKey | None = None  # what the jobs or the results are for
        self.band: Band | None = None
        self.lever_ranges: dict[str, LeverRange] | None = None

    @property
    def key(self) -> BandKey | None:
        """(anatomy, own-anatomy results) of the running jobs or the results shown."""
        return self._key

    @property
    def running(self) -> bool:
        """Whether a job is being stepped."""
        return self._job is not None or self._lever_job is not None

    def drop_if_stale(self, key: BandKey | None) -> None:
        """Cancel the jobs and drop their results unless they are for ``key`` (``None``: no uncertainty)."""
        if self._key is not None and key != self._key:
            self.cancel()

    def start(self, key: BandKey, ua: UncertainAnatomy) -> None:
        """Compute the band and lever ranges of ``ua`` (for ``key``) unless those are running or shown."""
        if key == self._key:
            return
        self.cancel()
        self._key = key
        self._job = BandJob(ua, self.samples)
        self._lever_job = LeverRangeJob(ua, self.lever_samples)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the jobs; a band or ranges that were shown are dropped (signals with ``None``)."""
        self._timer.stop()
        self._job = None
        self._lever_job = None
        self._key = None
        if self.band is not None:
            self.band = None
            self.bandReady.emit(None)
        if self.lever_ranges is not None:
            self.lever_ranges = None
            self.leverRangesReady.emit(None)

    def _step(self) -> None:
        """One step of one job: the two take turns while both run."""
        self._turn += 1
        levers_turn = self._lever_job is not None and (self._job is None or self._turn % 2 == 0)
        if levers_turn:
            job = self._lever_job
            if job.step():
                self._lever_job = None
                self.lever_ranges = job.result()
                self.leverRangesReady.emit((self._key[0], self.lever_ranges))
        elif self._job is not None:
            job = self._job
            if job.step():
                self._job = None
                self.band = job.result()
                self.bandReady.emit(self.band)
        if not self.running:
            self._timer.stop()
