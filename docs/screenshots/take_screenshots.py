"""Re-make the README screenshots of the window (normal, presentation mode, A/B comparison, own anatomy).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/take_screenshots.py

(a full-HD screen: presentation mode there is what a full-HD projector shows). Names given as
arguments (e.g. ``window.png``) re-make only those.

Each picture is the whole window with the 3D view composed in (``window.files.export_window_png``).
``own_anatomy.png``: the Stiff ankles lifter with the home tests' results applied (what that lifter would
measure), once the headline's ranges, the plot's band and the advisor's gain ranges are computed.
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


def _apply_home_tests(window: object, app: object) -> None:
    """The home tests the window's lifter would measure, applied as "Find my anatomy" does; waits for the
    ranges."""
    from viewer.model import self_tests as st
    from viewer.model.uncertain_anatomy import combine

    base = window.store.state.anatomy
    r = st.expected_results(base)
    combined = combine(base, [st.knee_to_wall(r["knee_to_wall"], base), st.rock_back(r["rock_back"] - 90.0),
                              st.lying_hip_flexion(r["lying_hip_flexion"]),
                              st.Observation(st.SELF_TESTS["prone_rotation"], r["prone_rotation"]),
                              st.seated_ir(r["seated_ir"])])
    window.store.set_anatomy(combined.anatomy.mean, combined)
    _settle(app, 0.5)
    while window.band_runner.running:
        _settle(app, 0.5)


def main() -> None:
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
            "own_anatomy.png": ("Stiff ankles", None, False, 0.97),
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
            if name == "own_anatomy.png":
                _apply_home_tests(window, app)
            _settle(app, 1.5)
            window.flush()
            _settle(app, 0.5)
            if not window.files.export_window_png(HERE / name):
                raise SystemExit(f"could not write {HERE / name}")
            print(f"wrote {HERE / name}")
            window.close()
            window.deleteLater()
            _settle(app, 0.2)


if __name__ == "__main__":
    main()
