"""The photo with the lifter's clicked landmarks and the model's outline over it.

Points are kept in image pixels (x right, y down) of the loaded image. A click on the photo places the
next landmark of :data:`viewer.model.photo_fit.POINT_NAMES`; pressing on a placed marker drags it. Every
placement and every drag is one step of the canvas's own undo list. The mouse wheel zooms about the
pointer (up to :data:`MAX_ZOOM` × the fitted size) and the right or middle button pans, so that a lifter
small in a wide photo can still be clicked to the pixel.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.model.photo_fit import POINT_NAMES
from viewer.qt_override import qt_override
from viewer.ui.photo_compare import MODEL_BONES, PHOTO_BONES

#: A press within this distance (widget pixels) of a marker drags it instead of placing a point.
GRAB_RADIUS_PX = 12.0
MARKER_RADIUS_PX = 6.0
#: Largest zoom (× the size at which the whole photo fits) and one wheel step's factor.
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
PHOTO_COLOUR = QColor(255, 140, 0)
MODEL_COLOUR = QColor(0, 200, 255, 200)
_EMPTY_TEXT = "Open a side-view photo of your squat"

Point = tuple[float, float]


class PhotoCanvas(QWidget):
    """Shows an image scaled to fit (aspect kept, centred) with labelled markers and an outline.

    Signals:
        pointsChanged(): a point was placed, moved (also during a drag), undone or cleared.
        editFinished(): a placement, a drag's release, an undo or a reset (the points settled).
    """

    pointsChanged = Signal()
    editFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo_canvas")
        self.setMinimumSize(320, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._image = QImage()
        self._scaled: QPixmap | None = None  # the image at the widget's current size
        self._points: dict[str, Point] = {}
        self._history: list[dict[str, Point]] = []
        self._dragging: str | None = None
        self._outline: Mapping[str, Point] | None = None
        self._head_radius_px = 0.0
        self._zoom = 1.0
        self._origin: QPointF | None = None  # the zoomed image's top-left (widget pixels); None: fitted
        self._pan_from: QPointF | None = None

    # --- the image -----------------------------------------------------------------------
    def set_image(self, image: QImage) -> None:
        """Show ``image`` (not null) and forget every point."""
        self._image = image
        self._scaled = None
        self._points = {}
        self._history = []
        self._dragging = None
        self._outline = None
        self.fit_view()
        self.update()
        self.pointsChanged.emit()
        self.editFinished.emit()

    def image(self) -> QImage:
        """The image shown (null before one is loaded)."""
        return self._image

    def image_rect(self) -> QRectF:
        """Where the image is drawn (widget pixels): at :meth:`zoom` × the size that fits (aspect kept),
        centred when fitted, else where the zoom and pan put it."""
        if self._image.isNull():
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih) * self._zoom
        w, h = iw * scale, ih * scale
        if self._origin is None:
            return QRectF((self.width() - w) / 2.0, (self.height() - h) / 2.0, w, h)
        return QRectF(self._origin.x(), self._origin.y(), w, h)

    def zoom(self) -> float:
        """The zoom: 1 when the whole photo fits the canvas."""
        return self._zoom

    def fit_view(self) -> None:
        """Show the whole photo (zoom 1, centred)."""
        self._zoom, self._origin = 1.0, None
        self.update()

    def zoom_at(self, factor: float, pos: QPointF) -> None:
        """Zoom by ``factor`` keeping the image point under widget position ``pos`` where it is."""
        if self._image.isNull():
            return
        zoom = min(max(self._zoom * factor, 1.0), MAX_ZOOM)
        if zoom == 1.0:
            self.fit_view()
            return
        r = self.image_rect()
        k = zoom / self._zoom
        self._zoom = zoom
        self._origin = QPointF(pos.x() - (pos.x() - r.left()) * k, pos.y() - (pos.y() - r.top()) * k)
        self._clamp_origin()
        self.update()

    def _clamp_origin(self) -> None:
        """Keep the zoomed image covering the canvas (no empty margin where it is larger than the canvas)."""
        r = self.image_rect()
        x = min(max(r.left(), self.width() - r.width()), 0.0) if r.width() > self.width() else \
            (self.width() - r.width()) / 2.0
        y = min(max(r.top(), self.height() - r.height()), 0.0) if r.height() > self.height() else \
            (self.height() - r.height()) / 2.0
        self._origin = QPointF(x, y)

    def image_to_widget(self, x: float, y: float) -> QPointF:
        """Image pixel (x, y) → widget position."""
        r = self.image_rect()
        s = r.width() / self._image.width()
        return QPointF(r.left() + x * s, r.top() + y * s)

    def widget_to_image(self, pos: QPointF) -> Point:
        """Widget position → image pixel (x, y), clamped to the image."""
        r = self.image_rect()
        s = r.width() / self._image.width()
        x = min(max((pos.x() - r.left()) / s, 0.0), float(self._image.width()))
        y = min(max((pos.y() - r.top()) / s, 0.0), float(self._image.height()))
        return (x, y)

    # --- the points ----------------------------------------------------------------------
    def points(self) -> dict[str, Point]:
        """The placed points (image pixels), in :data:`POINT_NAMES` order."""
        return dict(self._points)

    def next_point(self) -> str | None:
        """The landmark the next click places, None when all are placed."""
        return next((n for n in POINT_NAMES if n not in self._points), None)

    @property
    def can_undo(self) -> bool:
        """Whether there is a placement or drag to undo."""
        return bool(self._history)

    def undo(self) -> None:
        """Take back the last placement or drag."""
        if self._history:
            self._points = self._history.pop()
            self._dragging = None
            self._changed(final=True)

    def reset(self) -> None:
        """Remove every point (one undo step)."""
        if self._points:
            self._history.append(dict(self._points))
            self._points = {}
            self._changed(final=True)

    def set_outline(self, joints_px: Mapping[str, Point] | None, head_radius_px: float = 0.0) -> None:
        """Draw the model's outline at ``joints_px`` (image pixels; photo_compare.MODEL_JOINTS keys) with a
        head of ``head_radius_px`` (image pixels) around its head joint, or none."""
        self._outline = joints_px
        self._head_radius_px = head_radius_px
        self.update()

    def outline(self) -> Mapping[str, Point] | None:
        """The model's outline joints drawn (image pixels), None when none is drawn."""
        return self._outline

    def _changed(self, *, final: bool) -> None:
        self.update()
        self.pointsChanged.emit()
        if final:
            self.editFinished.emit()

    def _marker_at(self, pos: QPointF) -> str | None:
        best, best_d = None, GRAB_RADIUS_PX
        for name, (x, y) in self._points.items():
            p = self.image_to_widget(x, y)
            d = ((p.x() - pos.x()) ** 2 + (p.y() - pos.y()) ** 2) ** 0.5
            if d <= best_d:
                best, best_d = name, d
        return best

    # --- mouse ---------------------------------------------------------------------------
    @qt_override()
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        steps = event.angleDelta().y() / 120.0
        if steps and not self._image.isNull():
            self.zoom_at(ZOOM_STEP ** steps, event.position())
        event.accept()

    @qt_override()
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
            self.fit_view()  # double right/middle click: the whole photo again
            event.accept()
        else:  # a quick second left click places or grabs a point like any click
            self.mousePressEvent(event)

    @qt_override()
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton) and self._zoom > 1.0:
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.SizeAllCursor)
            event.accept()
            return
        if self._image.isNull() or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        grabbed = self._marker_at(pos)
        if grabbed is not None:
            self._history.append(dict(self._points))
            self._dragging = grabbed
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self.image_rect().contains(pos) and self.next_point() is not None:
            self._history.append(dict(self._points))
            self._points[self.next_point()] = self.widget_to_image(pos)  # type: ignore[index]
            self._changed(final=True)
        event.accept()

    @qt_override()
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._image.isNull():
            return
        pos = event.position()
        if self._pan_from is not None:
            r = self.image_rect()
            self._origin = QPointF(r.left() + pos.x() - self._pan_from.x(), r.top() + pos.y() - self._pan_from.y())
            self._pan_from = pos
            self._clamp_origin()
            self.update()
        elif self._dragging is not None:
            self._points[self._dragging] = self.widget_to_image(pos)
            self._changed(final=False)
        elif self._marker_at(pos) is not None:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif self.next_point() is not None and self.image_rect().contains(pos):
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    @qt_override()
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._pan_from is not None and event.button() != Qt.MouseButton.LeftButton:
            self._pan_from = None
            self.unsetCursor()
            return
        if self._dragging is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._points[self._dragging] = self.widget_to_image(event.position())
        self._dragging = None
        if self._history and self._history[-1] == self._points:  # a press without a move changed nothing
            self._history.pop()
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._changed(final=True)

    # --- painting ------------------------------------------------------------------------
    @qt_override()
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._scaled = None
        self._origin = None if self._zoom == 1.0 else self._origin
        if self._origin is not None:
            self._clamp_origin()
        super().resizeEvent(event)

    @qt_override()
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(640, 720)

    @qt_override()
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self._image.isNull():
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _EMPTY_TEXT)
            return
        rect = self.image_rect()
        if self._zoom == 1.0:  # fitted: a pixmap of the canvas's size, made once per size
            if self._scaled is None or self._scaled.size() != rect.size().toSize():
                self._scaled = QPixmap.fromImage(self._image.scaled(
                    rect.size().toSize(), Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
            painter.drawPixmap(rect.topLeft(), self._scaled)
        else:  # zoomed: only the visible part of the image, scaled as it is drawn
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            visible = rect.intersected(QRectF(self.rect()))
            s = self._image.width() / rect.width()
            source = QRectF((visible.left() - rect.left()) * s, (visible.top() - rect.top()) * s,
                            visible.width() * s, visible.height() * s)
            painter.drawImage(visible, self._image, source)
        if self._outline:
            self._draw_lines(painter, self._outline, MODEL_BONES, MODEL_COLOUR, 5.0)
            painter.setBrush(MODEL_COLOUR)
            painter.setPen(Qt.PenStyle.NoPen)
            for x, y in self._outline.values():
                painter.drawEllipse(self.image_to_widget(x, y), 4.0, 4.0)
            if "head" in self._outline and self._head_radius_px > 0:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(MODEL_COLOUR, 3.0))
                r = self._head_radius_px * self.image_rect().width() / self._image.width()
                painter.drawEllipse(self.image_to_widget(*self._outline["head"]), r, r)
        self._draw_lines(painter, self._points, PHOTO_BONES, PHOTO_COLOUR, 2.0)
        self._draw_markers(painter)

    def _draw_lines(self, painter: QPainter, joints: Mapping[str, Point], bones: tuple[tuple[str, str], ...],
                    colour: QColor, width: float) -> None:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for a, b in bones:
            if a in joints and b in joints:
                painter.drawLine(self.image_to_widget(*joints[a]), self.image_to_widget(*joints[b]))

    def _draw_markers(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for name, (x, y) in self._points.items():
            p = self.image_to_widget(x, y)
            painter.setPen(QPen(QColor("white"), 2.0))
            painter.setBrush(PHOTO_COLOUR)
            painter.drawEllipse(p, MARKER_RADIUS_PX, MARKER_RADIUS_PX)
            w, h = metrics.horizontalAdvance(name) + 8, metrics.height() + 2
            box = QRectF(p.x() + 9, p.y() - h - 3, w, h)
            if box.right() > self.width():  # keep the label inside the canvas
                box.moveRight(p.x() - 9)
            if box.top() < 0:
                box.moveTop(p.y() + 3)
            path = QPainterPath()
            path.addRoundedRect(box, 3, 3)
            painter.fillPath(path, QColor(0, 0, 0, 170))
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
