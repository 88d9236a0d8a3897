"""The window PNG's composition in device pixels, with a fake device pixel ratio (no screen scaling needed)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage

from viewer.ui.imaging import paint_device_image, qimage_to_rgb


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_the_3d_image_lands_on_its_device_pixels(qapp, ratio):
    width, height = round(300 * ratio), round(200 * ratio)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    image.setDevicePixelRatio(ratio)  # as window.grab() gives it on a scaled screen
    view = np.zeros((round(80 * ratio), round(60 * ratio), 3), np.uint8)
    view[...] = (200, 30, 40)
    paint_device_image(image, view, QPoint(100, 50), ratio)  # the view's corner in logical pixels
    rgb = qimage_to_rgb(image)
    x, y = round(100 * ratio), round(50 * ratio)
    painted = np.all(rgb == (200, 30, 40), axis=2)
    rows, cols = np.nonzero(painted)
    assert (rows.min(), cols.min(), rows.max() + 1, cols.max() + 1) == (y, x, y + view.shape[0], x + view.shape[1])
    assert painted.sum() == view.shape[0] * view.shape[1]  # drawn 1:1, not scaled
    assert image.devicePixelRatio() == ratio
