"""Re-make the README screenshots of the window (normal, presentation mode, A/B comparison).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/take_screenshots.py

(a full-HD screen: presentation mode there is what a full-HD projector shows). Names given as
arguments (e.g. ``window.png``) re-make only those.

Each picture is the whole window with the 3D view composed in (``MainWindow.grab_window_image``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def _settle(app: object, seconds: float = 1.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    import imageio.v3 as iio
    from PySide6.QtCore import QSettings

    from viewer.ui.app import ensure_application

    app = ensure_application()
    from viewer.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "shots.ini"), QSettings.Format.IniFormat)
        shots = {
            "window.png": ("Stiff ankles", None, False, 0.97),
            "presentation.png": ("Stiff ankles", None, True, 0.97),
            "compare_ab.png": ("Stiff ankles", "Average lifter", False, 0.97),
        }
        only = set(sys.argv[1:])
        for name, (preset, frozen, presentation, depth) in shots.items():
            if only and name not in only:
                continue
            window = MainWindow(settings=settings)
            window.resize(1560, 960)
            window.show()
            if frozen is not None:
                window.apply_preset(frozen)
                window.store.freeze_compare()
            window.apply_preset(preset)
            window.store.set_depth_fraction(depth)
            if presentation:
                window.set_presentation(True)
            _settle(app, 1.5)
            window.flush()
            _settle(app, 0.5)
            iio.imwrite(HERE / name, window.grab_window_image())
            print(f"wrote {HERE / name}")
            window.close()
            window.deleteLater()
            _settle(app, 0.2)


if __name__ == "__main__":
    main()
