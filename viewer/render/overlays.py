"""Everything drawn besides the bones: tuck legend, ghost spine, rim contact, floor, COM line,
muscle tubes, angle readouts and bone-name labels. Each overlay is built once and then only
updated (points, matrices, colours, visibility)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from .bones import BoneActors, RenderBone
from .colours import CONTACT_COLOUR, MUSCLE_RANGE, TUCK_RANGE_DEG, muscle_colour, tuck_colour
from .vtk_imports import (
    vtkActor,
    vtkActor2D,
    vtkCellArray,
    vtkCoordinate,
    vtkCubeSource,
    vtkDoubleArray,
    vtkLineSource,
    vtkLookupTable,
    vtkMatrix4x4,
    vtkPlaneSource,
    vtkPoints,
    vtkPolyData,
    vtkPolyDataMapper,
    vtkPolyDataMapper2D,
    vtkRegularPolygonSource,
    vtkRenderer,
    vtkScalarBarActor,
    vtkSphereSource,
    vtkTextActor,
    vtkTubeFilter,
)

GHOST_COLOUR = (0.55, 0.80, 1.0)
FLOOR_COLOUR = (0.74, 0.75, 0.74)
MIDFOOT_COLOUR = (0.0, 0.62, 0.45)
COM_COLOUR = (0.08, 0.08, 0.10)
COM_OFF_BALANCE_COLOUR = (0.85, 0.10, 0.10)
TEXT_COLOUR = (1.0, 1.0, 1.0)


def _actor(mapper_input: object, colour: tuple[float, float, float], *, port: bool = False) -> vtkActor:
    mapper = vtkPolyDataMapper()
    if port:
        mapper.SetInputConnection(mapper_input)
    else:
        mapper.SetInputData(mapper_input)
    mapper.ScalarVisibilityOff()
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.GetProperty().SetColor(*colour)
    return actor


def _lookup_table(colour_of: object, lo: float, hi: float, n: int = 256) -> vtkLookupTable:
    lut = vtkLookupTable()
    lut.SetNumberOfTableValues(n)
    lut.SetRange(lo, hi)
    for i in range(n):
        r, g, b = colour_of(lo + (hi - lo) * i / (n - 1))
        lut.SetTableValue(i, r, g, b, 1.0)
    lut.Build()
    return lut


def _style_text(prop: object, size: int, colour: tuple[float, float, float] = TEXT_COLOUR, bold: bool = True) -> None:
    prop.SetFontSize(size)
    prop.SetColor(*colour)
    prop.SetBold(bold)
    prop.SetFontFamilyToArial()
    prop.SetShadow(False)


class TuckLegend:
    """Scalar bar for the tuck colour scale (right edge of the view)."""

    def __init__(self, renderer: vtkRenderer, font_px: int = 22) -> None:
        lo, hi = TUCK_RANGE_DEG
        self.lut = _lookup_table(tuck_colour, lo, hi)
        bar = vtkScalarBarActor()
        bar.SetLookupTable(self.lut)
        bar.SetTitle("Pelvic\ntuck (°)")  # two lines: one line overflows narrow views
        bar.SetNumberOfLabels(4)
        bar.SetLabelFormat("%.0f")
        bar.SetMaximumWidthInPixels(150)
        bar.SetBarRatio(0.28)
        bar.SetPosition(0.87, 0.22)
        bar.SetWidth(0.12)
        bar.SetHeight(0.56)
        bar.UnconstrainedFontSizeOn()
        bar.SetTextPad(6)
        bar.DrawFrameOff()
        _style_text(bar.GetTitleTextProperty(), font_px)
        _style_text(bar.GetLabelTextProperty(), font_px, bold=False)
        self.actor = bar
        renderer.AddViewProp(bar)
        note = vtkTextActor()
        note.SetInput("extra lumbar\nflexion beyond\nthe neutral spine")
        _style_text(note.GetTextProperty(), max(round(font_px * 0.75), 8), bold=False)
        note.GetTextProperty().SetJustificationToRight()
        note.GetTextProperty().SetVerticalJustificationToTop()
        note.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        note.SetPosition(0.985, 0.2)
        self.note = note
        renderer.AddViewProp(note)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the legend."""
        self.actor.SetVisibility(bool(visible))
        self.note.SetVisibility(bool(visible))


class Ghost:
    """Translucent copy of the pelvis and lumbar bones in their neutral (untucked) place."""

    def __init__(self, renderer: vtkRenderer, bones: Iterable[RenderBone]) -> None:
        self.actors: dict[str, vtkActor] = {}
        self._matrices: dict[str, vtkMatrix4x4] = {}
        for b in bones:
            a = _actor(b.mesh, GHOST_COLOUR)
            p = a.GetProperty()
            p.SetOpacity(0.35)
            p.SetAmbient(0.5)
            p.SetDiffuse(0.5)
            p.SetSpecular(0.0)
            vm = vtkMatrix4x4()
            a.SetUserMatrix(vm)
            a.PickableOff()
            self._matrices[b.id] = vm
            self.actors[b.id] = a
            renderer.AddActor(a)

    def update(self, matrices: Mapping[str, np.ndarray] | None) -> None:
        """Move the ghost bones, or hide the ghost (``None``: no tuck to show)."""
        for bone_id, a in self.actors.items():
            m = None if matrices is None else matrices.get(bone_id)
            a.SetVisibility(m is not None)
            if m is not None:
                self._matrices[bone_id].DeepCopy(np.asarray(m, float).ravel().tolist())
                a.Modified()


class ContactMarker:
    """Cyan disc with a dark rim at each rim-contact point, drawn as a 2D overlay anchored at the
    world point (so bones never hide it), plus a banner; shown only while the hip is at its stop."""

    def __init__(self, renderer: vtkRenderer, radius_px: float = 10.0, font_px: int = 24) -> None:
        self.actors: dict[str, list[vtkActor2D]] = {}
        for side in ("l", "r"):
            pair = []
            for r, colour in ((radius_px * 1.45, (0.02, 0.02, 0.05)), (radius_px, CONTACT_COLOUR)):
                disc = vtkRegularPolygonSource()
                disc.SetNumberOfSides(28)
                disc.SetRadius(r)
                disc.SetCenter(0.0, 0.0, 0.0)
                mapper = vtkPolyDataMapper2D()
                mapper.SetInputConnection(disc.GetOutputPort())
                a = vtkActor2D()
                a.SetMapper(mapper)
                a.GetProperty().SetColor(*colour)
                a.GetPositionCoordinate().SetCoordinateSystemToWorld()
                a.PickableOff()
                renderer.AddViewProp(a)
                pair.append(a)
            self.actors[side] = pair
        self.radius_px = radius_px
        self.banner = vtkTextActor()
        self.banner.SetInput("HIP AT ITS BONY STOP: the pelvis tucks")
        tp = self.banner.GetTextProperty()
        _style_text(tp, font_px, (0.02, 0.02, 0.05))
        tp.SetBackgroundColor(*CONTACT_COLOUR)
        tp.SetBackgroundOpacity(1.0)
        tp.SetFrame(True)
        tp.SetFrameColor(0.02, 0.02, 0.05)
        tp.SetFrameWidth(2)
        self.banner.SetTextScaleModeToNone()
        self.banner.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        self.banner.SetPosition(0.02, 0.80)
        renderer.AddViewProp(self.banner)
        self.visible = False

    def update(self, at_stop: bool, contacts: Mapping[str, np.ndarray],
               camera_position: np.ndarray | None = None, camera_focal: np.ndarray | None = None) -> None:
        """Place the markers at ``contacts`` (side → world point) and show them only ``at_stop``.

        With the camera given, a marker that would sit right behind the other side's (as in the side
        view) is left out, so one clear disc shows instead of two overlapping ones.
        """
        self.visible = bool(at_stop)
        hide = set()
        pts = {k: np.asarray(v, float) for k, v in contacts.items() if v is not None}
        if camera_position is not None and camera_focal is not None and len(pts) == 2:
            view = np.asarray(camera_focal, float) - np.asarray(camera_position, float)
            view /= np.linalg.norm(view)
            d = pts["r"] - pts["l"]
            if np.linalg.norm(d - np.dot(d, view) * view) < 0.04:
                far = max(pts, key=lambda k: float(np.dot(pts[k] - camera_position, view)))
                hide.add(far)
        for side, pair in self.actors.items():
            p = contacts.get(side)
            show = at_stop and side not in hide and p is not None and bool(np.all(np.isfinite(p)))
            for a in pair:
                a.SetVisibility(show)
                if show:
                    a.GetPositionCoordinate().SetValue(*(float(v) for v in p))
        self.banner.SetVisibility(self.visible)


class Floor:
    """Floor, mid-foot line, and the centre-of-mass plumb line with its ball."""

    def __init__(self, renderer: vtkRenderer) -> None:
        plane = vtkPlaneSource()
        plane.SetOrigin(-0.6, 0.0, -0.7)
        plane.SetPoint1(0.9, 0.0, -0.7)
        plane.SetPoint2(-0.6, 0.0, 0.7)
        self.floor = _actor(plane.GetOutputPort(), FLOOR_COLOUR, port=True)
        self.floor.GetProperty().SetAmbient(0.75)
        self.floor.GetProperty().SetDiffuse(0.3)
        self.floor.PickableOff()
        self._mid = vtkCubeSource()
        self._mid.SetXLength(0.02)
        self._mid.SetYLength(0.004)
        self._mid.SetZLength(1.0)
        self.midfoot = _actor(self._mid.GetOutputPort(), MIDFOOT_COLOUR, port=True)
        self._line = vtkLineSource()
        self._tube = vtkTubeFilter()
        self._tube.SetInputConnection(self._line.GetOutputPort())
        self._tube.SetRadius(0.005)
        self._tube.SetNumberOfSides(10)
        self.com_line = _actor(self._tube.GetOutputPort(), COM_COLOUR, port=True)
        ball = vtkSphereSource()
        ball.SetRadius(0.022)
        ball.SetThetaResolution(20)
        ball.SetPhiResolution(12)
        self.com_ball = _actor(ball.GetOutputPort(), COM_COLOUR, port=True)
        self.actors = [self.floor, self.midfoot, self.com_line, self.com_ball]
        for a in self.actors:
            a.PickableOff()
            renderer.AddActor(a)

    def update(self, com: np.ndarray, midfoot_x_m: float, balanced: bool) -> None:
        """Move the plumb line to the centre of mass (world, m) and the mid-foot line to ``midfoot_x_m``."""
        self._mid.SetCenter(float(midfoot_x_m), 0.002, 0.0)
        c = [float(v) for v in com]
        self._line.SetPoint1(c[0], c[1], c[2])
        self._line.SetPoint2(c[0], 0.0, c[2])
        self.com_ball.SetPosition(*c)
        colour = COM_COLOUR if balanced else COM_OFF_BALANCE_COLOUR
        self.com_line.GetProperty().SetColor(*colour)
        self.com_ball.GetProperty().SetColor(*colour)

    def set_visible(self, visible: bool) -> None:
        """Show or hide floor, lines and ball."""
        for a in self.actors:
            a.SetVisibility(bool(visible))


class MuscleTubes:
    """One tube per muscle and side along its attachment polyline, coloured by relative length."""

    def __init__(self, renderer: vtkRenderer, names: Iterable[str], points_per_path: Mapping[str, int],
                 radius_m: float = 0.008) -> None:
        self.points: dict[str, vtkPoints] = {}
        self.actors: dict[str, vtkActor] = {}
        self._polys: dict[str, vtkPolyData] = {}
        for name in names:
            n = points_per_path[name]
            pts = vtkPoints()
            pts.SetNumberOfPoints(n)
            for i in range(n):
                pts.SetPoint(i, 0.0, float(i) * 0.01, 0.0)
            lines = vtkCellArray()
            lines.InsertNextCell(n)
            for i in range(n):
                lines.InsertCellPoint(i)
            poly = vtkPolyData()
            poly.SetPoints(pts)
            poly.SetLines(lines)
            tube = vtkTubeFilter()
            tube.SetInputData(poly)
            tube.SetRadius(radius_m)
            tube.SetNumberOfSides(10)
            tube.CappingOn()
            a = _actor(tube.GetOutputPort(), (0.8, 0.8, 0.8), port=True)
            a.GetProperty().SetAmbient(0.3)
            a.PickableOff()
            self.points[name] = pts
            self.actors[name] = a
            self._polys[name] = poly
            renderer.AddActor(a)

    def update(self, paths: Mapping[str, np.ndarray], ratios: Mapping[str, float]) -> None:
        """New polyline points (k, 3) per tube and length ratios per muscle (name without side)."""
        for name, pts in self.points.items():
            p = paths.get(name)
            if p is None:
                continue
            for i, row in enumerate(np.asarray(p, float)):
                pts.SetPoint(i, float(row[0]), float(row[1]), float(row[2]))
            pts.Modified()
            self._polys[name].Modified()
            muscle = name.rsplit("_", 1)[0]
            ratio = ratios.get(muscle, 1.0)
            self.actors[name].GetProperty().SetColor(*muscle_colour(ratio))

    def set_visible(self, visible: bool) -> None:
        """Show or hide all tubes."""
        for a in self.actors.values():
            a.SetVisibility(bool(visible))


class MuscleLegend:
    """Small scalar bar for the muscle scale (shorter ↔ longer than standing)."""

    def __init__(self, renderer: vtkRenderer, font_px: int = 18) -> None:
        lo, hi = (100.0 * (r - 1.0) for r in MUSCLE_RANGE)
        self.lut = _lookup_table(lambda v: muscle_colour(1.0 + v / 100.0), lo, hi)
        bar = vtkScalarBarActor()
        bar.SetLookupTable(self.lut)
        bar.SetTitle("Muscles vs standing (%)")
        ticks = vtkDoubleArray()
        for v in (lo, 0.0, hi):
            ticks.InsertNextValue(round(v))
        bar.SetCustomLabels(ticks)
        bar.SetUseCustomLabels(True)
        bar.SetLabelFormat("%+.0f")
        bar.SetOrientationToHorizontal()
        bar.SetPosition(0.04, 0.02)
        bar.SetWidth(0.26)
        bar.SetHeight(0.11)
        bar.UnconstrainedFontSizeOn()
        bar.DrawFrameOff()
        _style_text(bar.GetTitleTextProperty(), font_px)
        _style_text(bar.GetLabelTextProperty(), font_px, bold=False)
        self.actor = bar
        renderer.AddViewProp(bar)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the legend."""
        self.actor.SetVisibility(bool(visible))


class TextLabels:
    """2D text labels anchored at world points with a pixel offset (angle readouts, bone names);
    always drawn on top. Keys in ``right_aligned`` end at their anchor instead of starting there."""

    def __init__(self, renderer: vtkRenderer, keys: Iterable[str], font_px: int = 20,
                 colour: tuple[float, float, float] = TEXT_COLOUR,
                 background: tuple[float, float, float] | None = (0.1, 0.1, 0.13),
                 right_aligned: Iterable[str] = ()) -> None:
        self.actors: dict[str, vtkTextActor] = {}
        self._anchors: dict[str, vtkCoordinate] = {}
        right = set(right_aligned)
        for key in keys:
            a = vtkTextActor()
            tp = a.GetTextProperty()
            _style_text(tp, font_px, colour)
            if background is not None:
                tp.SetBackgroundColor(*background)
                tp.SetBackgroundOpacity(0.8)
            if key in right:
                tp.SetJustificationToRight()
            else:
                tp.SetJustificationToLeft()
            tp.SetVerticalJustificationToCentered()
            a.SetTextScaleModeToNone()
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

    def update(self, items: Mapping[str, tuple[str, np.ndarray, tuple[float, float]]], visible: bool) -> None:
        """Text, world anchor (3,) and pixel offset (dx, dy) of each label; hide labels not given
        or all when not ``visible``."""
        for key, a in self.actors.items():
            item = items.get(key)
            show = visible and item is not None
            a.SetVisibility(show)
            if show:
                text, pos, offset = item
                if a.GetInput() != text:
                    a.SetInput(text)
                self._anchors[key].SetValue(*(float(v) for v in pos))
                a.GetPositionCoordinate().SetValue(float(offset[0]), float(offset[1]))
                # no a.Modified(): the anchor is read at every render, and a modified text actor
                # rasterises its text again (~0.3 ms a label) even when the text is the same


def tint_bones(bones: BoneActors, bone_ids: Iterable[str], tuck_deg: float) -> tuple[float, float, float]:
    """Colour ``bone_ids`` by the tuck; returns the colour used."""
    rgb = tuck_colour(tuck_deg)
    for bone_id in bone_ids:
        bones.set_colour(bone_id, rgb)
    return rgb
