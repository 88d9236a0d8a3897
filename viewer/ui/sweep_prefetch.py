"""Sweeps of the anatomies a slider drag is about to reach, computed in idle event-loop turns.

Every step of an anatomy slider's drag is a new anatomy, and the model needs its sweep (≈ 1.6 ms
here) before the frame can show it. The prefetcher computes those sweeps ahead: from the moment the
handle is pressed, nearest values first, then ahead of the drag in its direction
(:func:`viewer.model.nearby.nearby_values`). One sweep per turn, and none while the window has a
state to apply or a frame to draw, so the work never sits between a drag event and its frame. The
drag's own update then finds its sweep in the model's cache.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from viewer.model.anatomy import Anatomy
from viewer.model.nearby import nearby_values
from viewer.model.params import SPECS_BY_NAME
from viewer.model.squat import is_cached, sweep

#: Wait (ms) before looking again while the window is busy with a state or a frame.
BUSY_RETRY_MS = 2


class SweepPrefetcher(QObject):
    """Computes, one per idle event-loop turn, the sweeps a drag of one slider is about to need.

    ``busy()`` says whether the window has work that must come first (a state to apply, a frame to
    draw); the prefetcher then waits. ``computed`` counts the sweeps it has built (tests, benchmarks).
    """

    def __init__(self, parent: QObject | None = None, *, busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._busy = busy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._request: tuple[Anatomy, str, Anatomy | None] | None = None
        self._followed: tuple[Anatomy, str] | None = None
        self._queue: deque[float] = deque()  # values of the followed parameter
        self._base: tuple[Anatomy, str] | None = None
        self.computed = 0

    @property
    def idle(self) -> bool:
        """Whether nothing is queued."""
        return self._request is None and not self._queue

    def follow(self, anatomy: Anatomy, name: str) -> None:
        """The slider of parameter ``name`` was pressed or moved and ``anatomy`` is shown now.

        Cheap: the queue is built in the next idle turn (a drag event's own update must stay short).
        Choice and on/off parameters have no drag and are ignored.
        """
        if SPECS_BY_NAME[name].kind != "float":
            return
        before = self._followed[0] if self._followed is not None and self._followed[1] == name else None
        self._followed = (anatomy, name)
        self._request = (anatomy, name, before)
        if not self._timer.isActive():
            self._timer.start(0)

    def stop(self) -> None:
        """Drop what is queued (e.g. the window closes)."""
        self._timer.stop()
        self._request = None
        self._queue.clear()

    def _build_queue(self, anatomy: Anatomy, name: str, before: Anatomy | None) -> None:
        spec = SPECS_BY_NAME[name]
        value = float(getattr(anatomy, name))
        previous = None
        if before is not None and before != anatomy:
            previous_value = float(getattr(before, name))
            if before.replace(**{name: value}) == anatomy:  # the same drag: only this slider moved
                previous = previous_value
        self._base = (anatomy, name)
        self._queue = deque(nearby_values(spec, value, previous))

    def _tick(self) -> None:
        if self._request is None and not self._queue:
            return
        if self._busy():
            self._timer.start(BUSY_RETRY_MS)
            return
        if self._request is not None:
            self._build_queue(*self._request)
            self._request = None
        anatomy, name = self._base
        while self._queue:
            candidate = anatomy.replace(**{name: self._queue.popleft()})
            if is_cached(candidate):
                continue
            sweep(candidate)
            self.computed += 1
            break
        if self._queue:
            self._timer.start(0)
