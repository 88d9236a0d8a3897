"""Open the Skelly window: ``run_app(initial_state, restore=...)`` (used by ``viewer.cli``)."""

from __future__ import annotations

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
            settings: QSettings | None = None) -> int:
    """Show the window and run the event loop; return the exit status.

    Args:
        initial_state: the state to open with (default: the defaults, or the last session).
        restore: restore the last session (anatomy, depth, camera) when no ``initial_state``
            is given; a corrupt saved value is ignored with a status-bar notice.
        settings: where to keep the session (default: the user's settings).
    """
    from viewer.ui.binding_check import binding_problem

    problem = binding_problem()
    if problem:
        print(f"skelly: {problem}", file=sys.stderr)
        return 1
    app = ensure_application()
    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    store = Store(initial_state if initial_state is not None else AppState())
    window = MainWindow(store, settings=settings)
    if not window.scene.has_view:
        print(f"skelly: {window.scene.error}", file=sys.stderr)
    if restore and initial_state is None:
        window.restore_session()
    store.clear_history()
    window.show()
    _quit_on_ctrl_c(app, window)
    return int(app.exec())


def _quit_on_ctrl_c(app: object, window: object) -> None:
    """Ctrl+C in the terminal closes the window (saving the session) instead of being ignored."""
    import signal

    from PySide6.QtCore import QTimer

    def on_sigint(_signum: int, _frame: object) -> None:
        window.close()
        app.quit()

    signal.signal(signal.SIGINT, on_sigint)
    ticker = QTimer(window)  # lets the Python interpreter run its signal handlers while Qt waits
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
