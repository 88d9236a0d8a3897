"""2D text labels anchored at world points, redrawn cheaply when their text changes.

A ``vtkTextActor`` whose text changes is modified: at the next render VTK rasterises the string,
re-uploads its texture, rebuilds the 2D mapper's vertex buffer and regenerates its shader source
(≈ 0.1 ms a label on llvmpipe, five angle readouts change on almost every frame of a depth scrub).

Here each label is a textured quad of fixed size (its *canvas*) whose actor and geometry never
change once built. A new text is rasterised once by VTK's own text renderer (same font, colours,
background and justification as a ``vtkTextActor``; the result is cached per string) and copied
into the canvas image with numpy, so a change costs only a small texture upload. The quad is placed
like ``vtkTextActor`` places its image, so the pixels are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from . import label_layout
from .vtk_imports import (
    numpy_to_vtk,
    vtk_to_numpy,
    vtkCellArray,
    vtkCoordinate,
    vtkFloatArray,
    vtkImageData,
    vtkPoints,
    vtkPolyData,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextProperty,
    vtkTextRenderer,
    vtkTexture,
    vtkTexturedActor2D,
)

#: Rasterised strings kept per label set before the cache is emptied (a few hundred are used).
CACHE_LIMIT = 4096
#: Labels keep this far (px) inside the view's edges.
EDGE_PX = 2.0


class _Canvas:
    """One label's quad and RGBA image; pixel (0, 0) of the image sits at ``(x0, y0)`` from the anchor."""

    def __init__(self, actor: vtkTexturedActor2D, x0: int, y0: int, width: int, height: int) -> None:
        self.actor = actor
        self.image = vtkImageData()
        self.texture = vtkTexture()
        self.points = vtkPoints()
        self.poly = vtkPolyData()
        self.poly.SetPoints(self.points)
        quad = vtkCellArray()
        quad.InsertNextCell(4)
        for i in range(4):
            quad.InsertCellPoint(i)
        self.poly.SetPolys(quad)
        tc = vtkFloatArray()
        tc.SetNumberOfComponents(2)
        for u, v in ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)):
            tc.InsertNextTuple2(u, v)
        self.poly.GetPointData().SetTCoords(tc)
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self.poly)
        actor.SetMapper(mapper)
        actor.SetTexture(self.texture)
        self.resize(x0, y0, width, height)

    def resize(self, x0: int, y0: int, width: int, height: int) -> None:
        """New extent (pixels from the anchor); clears the image. Rare: it rebuilds the quad."""
        self.x0, self.y0, self.width, self.height = x0, y0, width, height
        self.pixels = np.zeros((height, width, 4), dtype=np.uint8)
        self._scalars = numpy_to_vtk(self.pixels.reshape(-1, 4), deep=False)
        self.image.SetDimensions(width, height, 1)
        self.image.GetPointData().SetScalars(self._scalars)
        self.texture.SetInputData(self.image)
        self.points.Reset()
        for x, y in ((x0, y0), (x0, y0 + height), (x0 + width, y0 + height), (x0 + width, y0)):
            self.points.InsertNextPoint(float(x), float(y), 0.0)
        self.points.Modified()
        self.poly.Modified()

    def fits(self, x0: int, y0: int, w: int, h: int) -> bool:
        return x0 >= self.x0 and y0 >= self.y0 and x0 + w <= self.x0 + self.width and y0 + h <= self.y0 + self.height

    def show(self, rgba: np.ndarray, x0: int, y0: int) -> None:
        """Draw a rasterised string (h, w, 4) whose bottom-left pixel sits at ``(x0, y0)`` from the anchor."""
        h, w = rgba.shape[:2]
        if not self.fits(x0, y0, w, h):
            margin = max(w // 2, 16)
            lo_x, lo_y = min(self.x0, x0 - margin), min(self.y0, y0 - 4)
            hi_x = max(self.x0 + self.width, x0 + w + margin)
            hi_y = max(self.y0 + self.height, y0 + h + 4)
            self.resize(lo_x, lo_y, hi_x - lo_x, hi_y - lo_y)
        self.pixels[:] = 0
        r, c = y0 - self.y0, x0 - self.x0
        self.pixels[r:r + h, c:c + w] = rgba
        self._scalars.Modified()
        self.image.Modified()


def _shift_inside(start: float, size: float, extent: float) -> float:
    """Shift (px) that brings the span ``start`` … ``start + size`` inside ``EDGE_PX`` … ``extent − EDGE_PX``
    (its start first, when it is longer than that)."""
    if start < EDGE_PX:
        return EDGE_PX - start
    over = start + size - (extent - EDGE_PX)
    return -min(over, start - EDGE_PX) if over > 0.0 else 0.0


class TextLabels:
    """2D text labels anchored at world points with a pixel offset (angle readouts, bone names);
    always drawn on top. Keys in ``right_aligned`` end at their anchor instead of starting there.

    ``actors`` maps each key to its ``vtkTexturedActor2D`` (visibility), :meth:`text` gives the
    text shown.
    """

    def __init__(self, renderer: vtkRenderer, keys: Iterable[str], font_px: int = 20,
                 colour: tuple[float, float, float] = (1.0, 1.0, 1.0),
                 background: tuple[float, float, float] | None = (0.1, 0.1, 0.13),
                 right_aligned: Iterable[str] = ()) -> None:
        from .overlays import _style_text

        self._renderer = renderer
        self.actors: dict[str, vtkTexturedActor2D] = {}
        self._anchors: dict[str, vtkCoordinate] = {}
        self._props: dict[str, vtkTextProperty] = {}
        self._canvases: dict[str, _Canvas] = {}
        self._texts: dict[str, str] = {}
        self._shown: dict[str, bool] = {}  # visibility last set (skips redundant VTK calls)
        self._offsets: dict[str, tuple[float, float]] = {}
        self._dpi_shown = 0
        self._cache: dict[tuple[bool, int, str], tuple[np.ndarray, int, int]] = {}
        self._right = set(right_aligned)
        self._text_renderer = vtkTextRenderer.GetInstance()
        self._probe = vtkCoordinate()  # world → display pixels, for boxes of labels not shown yet
        self._probe.SetCoordinateSystemToWorld()
        props = {}
        for right in (False, True):
            tp = vtkTextProperty()
            _style_text(tp, font_px, colour)
            if background is not None:
                tp.SetBackgroundColor(*background)
                tp.SetBackgroundOpacity(0.8)
            if right:
                tp.SetJustificationToRight()
            else:
                tp.SetJustificationToLeft()
            tp.SetVerticalJustificationToCentered()
            props[right] = tp
        self._props_by_side = props
        for key in keys:
            a = vtkTexturedActor2D()
            anchor = vtkCoordinate()
            anchor.SetCoordinateSystemToWorld()
            pos = a.GetPositionCoordinate()
            pos.SetCoordinateSystemToDisplay()
            pos.SetReferenceCoordinate(anchor)
            a.PickableOff()
            a.SetVisibility(False)
            renderer.AddViewProp(a)
            self.actors[key] = a
            self._anchors[key] = anchor
            self._shown[key] = False
            self._props[key] = props[key in self._right]

    def set_font_px(self, font_px: int) -> bool:
        """Font size (points: pixels at 72 dpi) of every label; returns whether it changed (then the
        labels are rasterised again at the next :meth:`update`)."""
        size = max(int(font_px), 1)
        if size == self._props_by_side[False].GetFontSize():
            return False
        for tp in self._props_by_side.values():
            tp.SetFontSize(size)
        self._cache.clear()
        self._texts.clear()
        return True

    @property
    def dpi_drawn(self) -> int:
        """DPI the shown texts were rasterised at (0 before any was shown)."""
        return self._dpi_shown

    def text(self, key: str) -> str:
        """Text of label ``key`` ("" before it was first shown)."""
        return self._texts.get(key, "")

    def extent(self, key: str, text: str) -> tuple[int, int, int, int]:
        """Pixel box ``(x0, y0, width, height)`` of ``text`` drawn as label ``key``, from its anchor
        before the offset (display pixels, y up). Rasterises the text (cached) if needed."""
        rgba, x0, y0 = self._raster(key, text, self._dpi())
        return x0, y0, int(rgba.shape[1]), int(rgba.shape[0])

    def boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """Display boxes ``(x0, y0, x1, y1)`` (pixels, y up) of the labels shown now."""
        out = {}
        for key, shown in self._shown.items():
            if shown:
                ax, ay = self._anchors[key].GetComputedDoubleDisplayValue(self._renderer)
                dx, dy = self._offsets[key]
                x0, y0, w, h = self.extent(key, self._texts[key])
                out[key] = (ax + dx + x0, ay + dy + y0, ax + dx + x0 + w, ay + dy + y0 + h)
        return out

    def box_at(self, key: str, text: str, pos: np.ndarray, offset: tuple[float, float]) -> label_layout.Box:
        """Display box ``(x0, y0, x1, y1)`` (pixels, y up) of label ``key`` showing ``text`` anchored at
        world point ``pos`` (m) + ``offset`` (px)."""
        self._probe.SetValue(float(pos[0]), float(pos[1]), float(pos[2]))
        ax, ay = self._probe.GetComputedDoubleDisplayValue(self._renderer)
        x0, y0, w, h = self.extent(key, text)
        return (ax + offset[0] + x0, ay + offset[1] + y0, ax + offset[0] + x0 + w, ay + offset[1] + y0 + h)

    def spread(self, items: Mapping[str, tuple[str, np.ndarray, tuple[float, float]]],
               fixed: Sequence[label_layout.Box]) -> dict[str, tuple[str, np.ndarray, tuple[float, float]]]:
        """``items`` (key → text, world anchor, pixel offset) with each offset moved up or down as little
        as keeps the labels clear of the display boxes ``fixed`` and of each other
        (:func:`~viewer.render.label_layout.spread`, in the order given)."""
        boxes = [self.box_at(key, *item) for key, item in items.items()]
        shifts = label_layout.spread(fixed, boxes)
        return {key: (text, pos, (off[0], off[1] + dy))
                for (key, (text, pos, off)), dy in zip(items.items(), shifts, strict=True)}

    def text_property(self, key: str) -> vtkTextProperty:
        """Font, colours and justification of label ``key`` (shared; do not change it)."""
        return self._props[key]

    def _dpi(self) -> int:
        """Dots per inch of the window (font sizes are points: pixels at 72 dpi, as vtkTextActor)."""
        window = self._renderer.GetRenderWindow()
        return int(window.GetDPI()) if window is not None else 72

    def _raster(self, key: str, text: str, dpi: int) -> tuple[np.ndarray, int, int]:
        """RGBA (h, w, 4) of ``text`` as vtkTextActor would draw it, and its offset from the anchor."""
        right = key in self._right
        hit = self._cache.get((right, dpi, text))
        if hit is not None:
            return hit
        tp = self._props_by_side[right]
        image = vtkImageData()
        bbox = [0, 0, 0, 0]
        self._text_renderer.GetBoundingBox(tp, text, bbox, dpi)
        self._text_renderer.RenderString(tp, text, image, [0, 0], dpi)
        nx, ny, _ = image.GetDimensions()
        w, h = bbox[1] - bbox[0] + 1, bbox[3] - bbox[2] + 1
        pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(ny, nx, -1)
        rgba = np.ascontiguousarray(pixels[:h, :w, :4])
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        entry = (rgba, int(bbox[0]), int(bbox[2]))
        self._cache[(right, dpi, text)] = entry
        return entry

    def _set_text(self, key: str, text: str, dpi: int) -> None:
        rgba, x0, y0 = self._raster(key, text, dpi)
        canvas = self._canvases.get(key)
        h, w = rgba.shape[:2]
        if canvas is None:
            # room for texts about twice as long, growing away from the anchor
            if key in self._right:
                x_lo, width = x0 - w - 8, 2 * w + 16
            else:
                x_lo, width = x0 - 8, 2 * w + 16
            canvas = _Canvas(self.actors[key], x_lo, y0 - 4, width, h + 8)
            self._canvases[key] = canvas
        canvas.show(rgba, x0, y0)
        self._texts[key] = text

    def update(self, items: Mapping[str, tuple[str, np.ndarray, tuple[float, float]]], visible: bool) -> None:
        """Text, world anchor (3,) and pixel offset (dx, dy) of each label; hide labels not given,
        labels whose anchor is out of the view (the hip close-up leaves the knee and ankle out: such a
        label would only stand at the edge, pointing at nothing), or all when not ``visible``. A label
        that would reach past the view's edge is moved just inside (a small view, e.g. on a 1024-px
        projector, put the readouts left of the body off its edge)."""
        dpi = self._dpi() if visible else self._dpi_shown
        if dpi != self._dpi_shown:  # e.g. the window moved to a HiDPI screen: rasterise again
            self._texts.clear()
            self._dpi_shown = dpi
        width, height = self._renderer.GetSize()
        # anchors are placed on screen once the view is laid out (an export shows the pose before it
        # sets its camera); until then labels are shown at their offsets as given
        laid_out = min(width, height) > 0 and self._renderer.IsActiveCameraCreated()
        for key, a in self.actors.items():
            item = items.get(key) if visible else None
            show = item is not None and bool(item[0])
            if show:
                text, pos, offset = item
                anchor = self._anchors[key]
                anchor.SetValue(float(pos[0]), float(pos[1]), float(pos[2]))
                if laid_out:
                    ax, ay = anchor.GetComputedDoubleDisplayValue(self._renderer)
                    show = 0.0 <= ax <= width and 0.0 <= ay <= height
            if show != self._shown[key]:
                a.SetVisibility(show)
                self._shown[key] = show
            if show:
                if self._texts.get(key) != text:
                    self._set_text(key, text, dpi)
                off = (float(offset[0]), float(offset[1]))
                if laid_out:
                    rgba, x0, y0 = self._raster(key, text, dpi)
                    h, w = rgba.shape[:2]
                    off = (off[0] + _shift_inside(ax + off[0] + x0, w, width),
                           off[1] + _shift_inside(ay + off[1] + y0, h, height))
                if off != self._offsets.get(key):
                    a.GetPositionCoordinate().SetValue(*off)
                    self._offsets[key] = off
