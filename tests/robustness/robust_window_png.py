"""Child process of ``test_robust_scaled_screens.py``: compose the window PNG on the screen scale it is given.

Prints one JSON line: the device pixel ratio, the composed image's size, where the 3D view is in it (device
pixels) and how far the composed image is from the 3D view's own rendering there and from the plain window
grab everywhere else.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.getcwd())

import numpy as np  # noqa: E402
from PySide6.QtCore import QPoint, QSettings  # noqa: E402

from viewer.ui.app import ensure_application  # noqa: E402
from viewer.ui.imaging import qimage_to_rgb  # noqa: E402


def main() -> None:
    app = ensure_application()
    from viewer.state import AppState, Store
    from viewer.ui.main_window import MainWindow

    window = MainWindow(Store(AppState()), settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.resize(1100, 700)
    window.show()
    for _ in range(100):
        app.processEvents()
    window.flush()
    app.processEvents()
    composed = window.files.grab_window_image()
    plain = qimage_to_rgb(window.grab().toImage())
    scene = window.scene.grab_image()
    ratio = window.devicePixelRatioF()
    corner = window.scene.mapTo(window, QPoint(0, 0))
    x, y = round(corner.x() * ratio), round(corner.y() * ratio)
    height, width = scene.shape[:2]
    inside = composed[y:y + height, x:x + width].astype(int)
    outside = np.ones(composed.shape[:2], bool)
    outside[y:y + height, x:x + width] = False
    print(json.dumps({
        "ratio": ratio,
        "composed": list(composed.shape),
        "plain": list(plain.shape),
        "view": [x, y, width, height],
        "inside_differs": float(np.abs(inside - scene[:inside.shape[0], :inside.shape[1]].astype(int)).mean())
        if inside.shape == scene.shape else None,
        "outside_differs": float(np.abs(composed.astype(int) - plain.astype(int)).sum(axis=2)[outside].mean()),
        "view_std": float(scene.std()),
    }))
    window.close()


if __name__ == "__main__":
    main()
