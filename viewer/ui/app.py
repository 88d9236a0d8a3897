"""Open the Skelly window: ``run_app(initial_state, restore=...)`` (used by ``viewer.cli``)."""

from __future__ import annotations

import gc
import os
import sys

from PySide6.QtCore import QSettings

from viewer.state import AppState


def ensure_application():  # noqa: ANN201 - QApplication
    """The running ``QApplication`` or a new one (Fusion style, XWayland on Wayland sessions)."""
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"  # VTK needs an X window id
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
    app.setApplicationName("Skelly")
    app.setOrganizationName("Skelly")
    return app


def run_app(initial_state: AppState | None = None, *, restore: bool = True,
            settings: QSettings | None = None, interrupted: list[int] | None = None) -> int:
    """Show the window and run the event loop; return the exit status.

    Ctrl+C, SIGTERM (a logout, a shutdown) and SIGHUP (a closed terminal) close the window as its
    close button does, which saves the session; the status is then 128 + the signal's number
    (130, 143, 129).

    Args:
        initial_state: the state to open with (default: the defaults, or the last session).
        restore: restore the last session (anatomy, depth, camera) when no ``initial_state``
            is given; a corrupt saved value is ignored with a status-bar notice.
        settings: where to keep the session (default: the user's settings).
        interrupted: a list of signal numbers the caller's own handler appended to while Qt and VTK
            loaded; non-empty means a stop signal already arrived (then the window closes at once).
    """
    from viewer.ui.binding_check import binding_problem

    problem = binding_problem()
    if problem:
        print(f"skelly: {problem}", file=sys.stderr)
        return 1
    app = ensure_application()
    # from here on Ctrl+C, SIGTERM and SIGHUP quit cleanly, even while the window is being built
    interrupt = _StopSignals(app, interrupted if interrupted is not None else [])
    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    store = Store(initial_state if initial_state is not None else AppState())
    window = MainWindow(store, settings=settings)
    interrupt.window = window
    if not window.scene.has_view:
        print(f"skelly: {window.scene.error}", file=sys.stderr)
    if restore and initial_state is None:
        window.restore_session()
    store.clear_history()
    freeze_startup_objects()
    if interrupt.pressed:  # a stop signal before the window was shown: release GL, nothing to save
        window.scene.finalize()
        return interrupt.exit_code
    window.show()
    code = int(app.exec())
    return interrupt.exit_code if interrupt.pressed else code


#: Signals that close the window as its close button does (saving the session) and end the program.
STOP_SIGNALS: tuple[str, ...] = ("SIGINT", "SIGTERM", "SIGHUP")


def freeze_startup_objects() -> None:
    """Collect once, then move every object alive after start-up out of the garbage collector's reach.

    Qt, VTK, pyqtgraph, numpy and the window leave ≈ 140,000 long-lived Python objects; a full
    (generation 2) collection walked all of them: 45 ms right after start-up, 118 ms once in a
    3,000-action random run (docs/reliability.md, "UI stalls"). Frozen objects are never freed,
    which is right for objects that live as long as the window; later collections only walk the
    objects made since (a full collection right after freezing: < 0.1 ms). Python's automatic
    collection stays on: a window leaves no reference cycle (``tests/gui/test_gc_policy.py``).
    """
    gc.collect()
    gc.freeze()


class _StopSignals:
    """Handler of Ctrl+C, SIGTERM and SIGHUP: close the window (which saves the session) and leave the event loop.

    A Python signal handler only runs when the interpreter gets control, so a timer ticks
    every 200 ms while Qt waits for events.
    """

    def __init__(self, app: object, held: list[int]) -> None:
        import signal

        from PySide6.QtCore import QTimer

        self.app = app
        self.window = None
        self.held = held
        for name in STOP_SIGNALS:
            if not hasattr(signal, name):  # Windows has no SIGHUP
                continue
            try:
                signal.signal(getattr(signal, name), self._on_signal)
            except ValueError:  # not the main thread: leave the caller's handling alone
                break
        self.ticker = QTimer(app)
        self.ticker.timeout.connect(lambda: None)
        self.ticker.start(200)

    @property
    def pressed(self) -> bool:
        """Whether a stop signal arrived (here or before, in the caller's handler)."""
        return bool(self.held)

    @property
    def exit_code(self) -> int:
        """128 + the number of the first stop signal (130 for Ctrl+C); 0 if none arrived."""
        return 128 + int(self.held[0]) if self.held else 0

    def _on_signal(self, signum: int, _frame: object) -> None:
        # Python runs this handler between any two bytecodes, possibly inside a slot that VTK or Qt
        # called mid-render; closing the window there released the GL window under the running
        # render (a segfault, 1 in ~120 Ctrl+Cs on a loaded machine). The event loop closes it instead.
        from PySide6.QtCore import QTimer

        self.held.append(signum)
        QTimer.singleShot(0, self.app, self._close_and_quit)

    def _close_and_quit(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.close()
        self.app.quit()
