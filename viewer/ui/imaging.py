"""Window screenshots: Qt's ``grab()`` shows a native GL view as black, so paint the 3D image in."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """RGB uint8 array (H, W, 3) of ``image``."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = converted.width(), converted.height()
    stride = converted.bytesPerLine()
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """A QImage copy of the RGB uint8 array (H, W, 3)."""
    arr = np.ascontiguousarray(rgb[:, :, :3], dtype=np.uint8)
    height, width = arr.shape[:2]
    return QImage(arr.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def compose_window_image(window: QWidget, scene: object) -> np.ndarray:
    """The window as RGB (H, W, 3) in device pixels; the scene's own rendering is painted over its area.

    On a scaled screen (``QT_SCALE_FACTOR``, a high-DPI monitor) the grab has ``devicePixelRatio``
    device pixels per logical pixel, and the scene's rendering is already in device pixels: the
    painting is done in device pixels (the image's pixel ratio set to 1), the scene's place
    converted from logical to device pixels.
    """
    pixmap = window.grab()
    image = pixmap.toImage()
    if getattr(scene, "has_view", False):
        try:
            rgb = scene.grab_image()
        except RuntimeError:
            rgb = None
        if rgb is not None:
            paint_device_image(image, rgb, scene.mapTo(window, QPoint(0, 0)), pixmap.devicePixelRatio())
    return qimage_to_rgb(image)


def paint_device_image(image: QImage, rgb: np.ndarray, top_left: QPoint, ratio: float) -> None:
    """Paint the RGB uint8 array (device pixels) into ``image`` at ``top_left`` (logical pixels).

    ``ratio`` is device pixels per logical pixel; ``image`` keeps its pixel ratio afterwards.
    """
    own_ratio = image.devicePixelRatio()
    image.setDevicePixelRatio(1.0)  # paint in device pixels
    painter = QPainter(image)
    try:
        painter.drawImage(QPoint(round(top_left.x() * ratio), round(top_left.y() * ratio)), rgb_to_qimage(rgb))
    finally:
        painter.end()
        image.setDevicePixelRatio(own_ratio)
