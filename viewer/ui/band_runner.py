"""Computes the band of the state's uncertain anatomy a step at a time on the main thread.

A zero-interval ``QTimer`` calls :meth:`viewer.model.uncertainty.BandJob.step` once per turn of the
event loop (one walk of the descent, ≤ one frame of work), so the window stays responsive; the band is
sent (``bandReady``) when the job ends. A new anatomy or new results cancel the job: the views drop the
stale band at once (``bandReady(None)``) and a new job starts when the anatomy settles.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.model.anatomy import Anatomy
from viewer.model.uncertain_anatomy import Combined, UncertainAnatomy
from viewer.model.uncertainty import LEVER_SAMPLES, Band, BandJob

BandKey = tuple[Anatomy, Combined]


class BandRunner(QObject):
    """Runs one :class:`BandJob` at a time.

    Attributes:
        samples: fixed number of samples (``None``: the job's own rule, docs/model.md).
        lever_samples: samples whose lever gains are computed.

    Signals:
        bandReady(object): the :class:`Band` of the current key, or ``None`` when the shown band is stale.
    """

    bandReady = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.samples: int | None = None
        self.lever_samples = LEVER_SAMPLES
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._job: BandJob | None = None
        self._key: BandKey | None = None  # what the job or the band is for
        self.band: Band | None = None

    @property
    def key(self) -> BandKey | None:
        """(anatomy, own-anatomy results) of the running job or the band shown."""
        return self._key

    @property
    def running(self) -> bool:
        """Whether a job is being stepped."""
        return self._job is not None

    def drop_if_stale(self, key: BandKey | None) -> None:
        """Cancel the job and drop the band unless they are for ``key`` (``None``: no uncertainty)."""
        if self._key is not None and key != self._key:
            self.cancel()

    def start(self, key: BandKey, ua: UncertainAnatomy) -> None:
        """Compute the band of ``ua`` (for ``key``) unless that one is running or shown already."""
        if key == self._key:
            return
        self.cancel()
        self._key = key
        self._job = BandJob(ua, self.samples, self.lever_samples)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the job; a band that was shown is dropped (``bandReady(None)``)."""
        self._timer.stop()
        self._job = None
        self._key = None
        if self.band is not None:
            self.band = None
            self.bandReady.emit(None)

    def _step(self) -> None:
        job = self._job
        if job is None:
            self._timer.stop()
            return
        if job.step():
            self._timer.stop()
            self._job = None
            self.band = job.result()
            self.bandReady.emit(self.band)
