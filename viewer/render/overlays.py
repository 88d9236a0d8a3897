"""Everything drawn besides the bones: lumbar curve ribbon and its legend, ghost spine, rim contact
and the banners, floor, COM line, muscle tubes, angle readouts and bone-name labels. Each overlay is
built once and then only updated (points, matrices, colours, visibility)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from .bones import RenderBone, UserMatrices
from .colours import CONTACT_COLOUR, CURVE_RANGE_DEG, MUSCLE_RANGE, curve_colour, muscle_colour
from .tubes import TubeMesh
from .vtk_imports import (
    numpy_to_vtk,
    vtkActor,
    vtkActor2D,
    vtkAlgorithm,
    vtkCellArray,
    vtkCoordinate,
    vtkCubeSource,
    vtkDoubleArray,
    vtkLineSource,
    vtkLookupTable,
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
    vtkTextRenderer,
    vtkTubeFilter,
)

GHOST_COLOUR = (0.55, 0.80, 1.0)
FLOOR_COLOUR = (0.74, 0.75, 0.74)
MIDFOOT_COLOUR = (0.0, 0.62, 0.45)
COM_COLOUR = (0.08, 0.08, 0.10)
COM_OFF_BALANCE_COLOUR = (0.85, 0.10, 0.10)
TEXT_COLOUR = (1.0, 1.0, 1.0)
#: The dark box behind white text that may lie over the floor or a bone (as the angle readouts').
LABEL_BOX_COLOUR = (0.1, 0.1, 0.13)
LABEL_BOX_OPACITY = 0.8


def solid_actor(source: vtkPolyData | vtkAlgorithm, colour: tuple[float, float, float]) -> vtkActor:
    """An actor drawing a mesh, or the output of a VTK source (filter), in one colour."""
    mapper = vtkPolyDataMapper()
    if isinstance(source, vtkPolyData):
        mapper.SetInputData(source)
    else:
        mapper.SetInputConnection(source.GetOutputPort())
    mapper.ScalarVisibilityOff()
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.GetProperty().SetColor(*colour)
    return actor


def _style_text(prop: object, size: int, colour: tuple[float, float, float] = TEXT_COLOUR, bold: bool = True) -> None:
    prop.SetFontSize(size)
    prop.SetColor(*colour)
    prop.SetBold(bold)
    prop.SetFontFamilyToArial()
    prop.SetShadow(False)


def screen_text(renderer: vtkRenderer, x_frac: float, y_frac: float, font_px: int,
                colour: tuple[float, float, float] = TEXT_COLOUR, bold: bool = True) -> vtkTextActor:
    """A text actor in the view's font at ``(x_frac, y_frac)`` of the view (its anchor; the text's
    justification says which corner), added to ``renderer``."""
    actor = vtkTextActor()
    _style_text(actor.GetTextProperty(), font_px, colour, bold)
    actor.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
    actor.SetPosition(x_frac, y_frac)
    renderer.AddViewProp(actor)
    return actor


def _scalar_bar(renderer: vtkRenderer, colour_of: Callable[[float], tuple[float, float, float]],
                value_range: tuple[float, float], entries: int, title: str, ticks: Iterable[float],
                label_format: str, font_px: int) -> vtkScalarBarActor:
    """A frameless colour scale over ``value_range`` (``entries`` colours from ``colour_of``) with
    ``title`` and labels at ``ticks``, added to ``renderer`` (position and size are the caller's)."""
    lo, hi = value_range
    lut = vtkLookupTable()
    lut.SetNumberOfTableValues(entries)
    lut.SetRange(lo, hi)
    for i in range(entries):
        r, g, b = colour_of(lo + (hi - lo) * i / (entries - 1))
        lut.SetTableValue(i, r, g, b, 1.0)
    lut.Build()
    bar = vtkScalarBarActor()
    bar.SetLookupTable(lut)
    bar.SetTitle(title)
    labels = vtkDoubleArray()
    for v in ticks:
        labels.InsertNextValue(v)
    bar.SetCustomLabels(labels)
    bar.SetUseCustomLabels(True)
    bar.SetLabelFormat(label_format)
    bar.UnconstrainedFontSizeOn()
    bar.DrawFrameOff()
    _style_text(bar.GetTitleTextProperty(), font_px)
    _style_text(bar.GetLabelTextProperty(), font_px, bold=False)
    renderer.AddViewProp(bar)
    return bar


#: The lumbar curve scale's title and the note under it (short lines: one long line overflows narrow views).
CURVE_LEGEND_TITLE = "Lumbar\ncurve (°)"
CURVE_LEGEND_NOTE = "+ curved in\n0 flat\n− rounded"
#: Ticks of the lumbar curve scale, degrees.
CURVE_TICKS: tuple[float, ...] = (30.0, 15.0, 0.0, -15.0)


#: A colour scale's title keeps this far (px) inside the view's left and right edges.
TITLE_EDGE_PX = 4


def keep_title_inside(bar: vtkScalarBarActor, x_frac: float, view_px: tuple[int, int], dpi: int) -> None:
    """Place colour scale ``bar`` at ``x_frac`` (its left edge, fraction of the view's width), or as
    near as keeps its title whole inside the view: VTK centres the title over the bar, and in a
    small view (a 1024-px screen's 3D view is ≈ 375 px wide) the tuck scale's title ran off the
    right edge. ``view_px``: the view's size, device px; ``dpi``: the window's.
    """
    width, _height = view_px
    if width <= 0:
        return
    box = [0, 0, 0, 0]
    vtkTextRenderer.GetInstance().GetBoundingBox(bar.GetTitleTextProperty(), bar.GetTitle(), box, int(dpi))
    half_title = (box[1] - box[0] + 1) / 2.0 + TITLE_EDGE_PX
    bar_px = min(bar.GetWidth() * width, float(bar.GetMaximumWidthInPixels()))
    centre = min(max(x_frac * width + bar_px / 2.0, half_title), width - half_title)
    bar.SetPosition((centre - bar_px / 2.0) / width, bar.GetPosition()[1])


class CurveLegend:
    """Scalar bar for the lumbar curve scale (right edge of the view): blue curved in, orange to
    purple rounded, the jump between them at flat (0°)."""

    #: The scale's left edge, fraction of the view's width (moved in where its title needs it).
    X_FRAC = 0.86

    def __init__(self, renderer: vtkRenderer, font_px: int = 22) -> None:
        bar = _scalar_bar(renderer, curve_colour, CURVE_RANGE_DEG, 451,  # a tenth of a degree each: a sharp jump at 0
                          CURVE_LEGEND_TITLE, CURVE_TICKS, "%.0f", font_px)
        bar.SetMaximumWidthInPixels(150)
        bar.SetBarRatio(0.28)
        bar.SetPosition(self.X_FRAC, 0.22)
        bar.SetWidth(0.12)
        bar.SetHeight(0.56)
        bar.SetTextPad(6)
        self.actor = bar
        self.note = screen_text(renderer, 0.985, 0.2, max(round(font_px * 0.75), 8), bold=False)
        self.note.SetInput(CURVE_LEGEND_NOTE)
        tp = self.note.GetTextProperty()
        tp.SetBackgroundColor(*LABEL_BOX_COLOUR)  # (over the floor in a small view)
        tp.SetBackgroundOpacity(LABEL_BOX_OPACITY)
        tp.SetJustificationToRight()
        tp.SetVerticalJustificationToTop()

    def set_visible(self, visible: bool) -> None:
        """Show or hide the legend."""
        self.actor.SetVisibility(bool(visible))
        self.note.SetVisibility(bool(visible))


def curve_polyline(lumbosacral: np.ndarray, thoracolumbar: np.ndarray, lumbar_curve_deg: float,
                   n_points: int, lateral: np.ndarray | None = None) -> np.ndarray:
    """Points (n_points, 3), metres, of the lumbar curve from the lumbosacral joint to the
    thoracolumbar joint: a circular arc in the body's sagittal plane whose ends turn by
    ``lumbar_curve_deg`` (degrees, ``Pose.lumbar_curve_deg``) against each other.

    Curved in (+) bows forward (towards the belly, as a lordosis), flat (0) is the straight chord,
    rounded (−) bows backward. ``lateral``: the body's left-to-right axis (default world z).
    """
    a = np.asarray(lumbosacral, dtype=float)
    chord = np.asarray(thoracolumbar, dtype=float) - a
    length = float(np.linalg.norm(chord))
    s = np.linspace(0.0, 1.0, n_points)
    if length < 1e-9:
        return np.repeat(a[None, :], n_points, axis=0)
    z = np.array([0.0, 0.0, 1.0]) if lateral is None else np.asarray(lateral, dtype=float)
    forward = np.cross(chord / length, z)  # chord up × right = forward
    norm = float(np.linalg.norm(forward))
    forward = forward / norm if norm > 1e-9 else np.array([1.0, 0.0, 0.0])
    theta = math.radians(float(lumbar_curve_deg))
    if abs(theta) < 1e-6:
        bow = np.zeros(n_points)
    else:  # arc of turning angle θ over the chord: radius R = L / (2 sin(θ/2)), sagitta profile
        radius = length / (2.0 * math.sin(abs(theta) / 2.0))
        x = length * (s - 0.5)
        centre_below = math.sqrt(max(radius * radius - length * length / 4.0, 0.0))
        bow = np.sqrt(np.maximum(radius * radius - x * x, 0.0)) - centre_below
        bow *= math.copysign(1.0, theta)
    return a[None, :] + s[:, None] * chord[None, :] + bow[:, None] * forward[None, :]


def triangle_cells(triangles: np.ndarray) -> vtkCellArray:
    """A VTK cell array of ``triangles`` (T, 3) vertex indices."""
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtk(np.arange(0, 3 * len(triangles) + 1, 3, dtype=np.int64), deep=True),
                  numpy_to_vtk(triangles.ravel().astype(np.int64), deep=True))
    return cells


def rgb_bytes(rgb: tuple[float, float, float]) -> list[int]:
    """0–1 RGB as the uint8 values the tubes' vertex colours hold."""
    return [round(c * 255.0) for c in rgb]


class TubeBuffers:
    """A :class:`~viewer.render.tubes.TubeMesh`'s vertices, normals (float32) and colours (uint8 RGB) as
    numpy arrays VTK reads in place, a poly data over them with ``triangles`` and an actor that draws
    the colours as they are. A pose moves the vertices in place (:meth:`move`): the topology never
    changes."""

    def __init__(self, mesh: TubeMesh, triangles: np.ndarray) -> None:
        self.mesh = mesh
        n_vertices = mesh.n_vertices
        self.points = np.zeros((n_vertices, 3), dtype=np.float32)
        self.normals = np.zeros((n_vertices, 3), dtype=np.float32)
        self.colours = np.zeros((n_vertices, 3), dtype=np.uint8)
        self.vtk_points = numpy_to_vtk(self.points, deep=False)
        self.vtk_normals = numpy_to_vtk(self.normals, deep=False)
        self.vtk_normals.SetName("Normals")
        self.vtk_colours = numpy_to_vtk(self.colours, deep=False)
        self.vtk_colours.SetName("Colours")
        pts = vtkPoints()
        pts.SetData(self.vtk_points)
        self.poly = vtkPolyData()
        self.poly.SetPoints(pts)
        self.poly.GetPointData().SetNormals(self.vtk_normals)
        self.poly.GetPointData().SetScalars(self.vtk_colours)
        self.poly.SetPolys(triangle_cells(triangles))
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self.poly)
        mapper.ScalarVisibilityOn()
        mapper.SetColorModeToDirectScalars()
        mapper.SetScalarModeToUsePointData()
        # metres around the origin fit float32 as they are: skip the per-upload shift/scale analysis
        mapper.SetVBOShiftScaleMethod(0)  # DISABLE_SHIFT_SCALE (VTK default 1: AUTO_SHIFT_SCALE)
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        self.actor.PickableOff()

    def move(self, path: np.ndarray) -> None:
        """Put the tubes around the polyline points ``path`` (``mesh.n_points``, 3), metres."""
        self.mesh.rings(path, self.points, self.normals)
        self.vtk_points.Modified()
        self.vtk_normals.Modified()

    def set_visible(self, visible: bool) -> None:
        """Show or hide the tubes."""
        self.actor.SetVisibility(bool(visible))


class LumbarRibbon(TubeBuffers):
    """A thick line through the lumbar vertebral bodies, lumbosacral joint to T12, whose bend is the
    lumbar curve (:func:`curve_polyline`) and whose colour is the lumbar curve scale.

    One actor, a fixed-topology tube (:class:`~viewer.render.tubes.TubeMesh`); a pose change moves
    its vertices in place (numpy-backed VTK arrays) and, when the colour changes, refills its uint8
    point colours: no filter, no mesh rebuilt.
    """

    #: Polyline points along the ribbon; tube radius (m, about the vertebral bodies' half-depth, so it
    #: fills the disc spaces and the five bodies read as one column); sides of the tube.
    POINTS = 17
    RADIUS_M = 0.019
    SIDES = 16

    def __init__(self, renderer: vtkRenderer) -> None:
        mesh = TubeMesh([self.POINTS], self.RADIUS_M, self.SIDES)
        super().__init__(mesh, mesh.triangles)
        self.path = np.zeros((self.POINTS, 3))
        self.path[:, 1] = np.linspace(1.0, 1.2, self.POINTS)  # valid until the first update
        self.move(self.path)
        self.rgb: tuple[float, float, float] = curve_colour(0.0)
        self.colours[:] = rgb_bytes(self.rgb)
        prop = self.actor.GetProperty()
        prop.SetAmbient(0.35)
        prop.SetDiffuse(0.75)
        prop.SetSpecular(0.1)
        renderer.AddActor(self.actor)

    def update(self, lumbosacral: np.ndarray, thoracolumbar: np.ndarray, lumbar_curve_deg: float) -> None:
        """Bend the ribbon between the two joints (world, m) by ``lumbar_curve_deg`` (°) and colour it."""
        self.path = curve_polyline(lumbosacral, thoracolumbar, lumbar_curve_deg, self.POINTS)
        self.move(self.path)
        self.poly.Modified()
        rgb = curve_colour(lumbar_curve_deg)
        if rgb != self.rgb:
            self.rgb = rgb
            self.colours[:] = rgb_bytes(rgb)
            self.vtk_colours.Modified()


class Ghost:
    """Translucent copies of ``bones``, hidden at first: the scene's lumbar ghost (the pelvis and
    lumbar bones in their neutral, untucked place; blue) and the A/B ghost (every bone; amber)."""

    def __init__(self, renderer: vtkRenderer, bones: Iterable[RenderBone],
                 colour: tuple[float, float, float] = GHOST_COLOUR, opacity: float = 0.35) -> None:
        self.actors: dict[str, vtkActor] = {}
        self._matrices = UserMatrices()
        for b in bones:
            a = solid_actor(b.mesh, colour)
            a.SetVisibility(False)
            p = a.GetProperty()
            p.SetOpacity(opacity)
            p.SetAmbient(0.5)
            p.SetDiffuse(0.5)
            p.SetSpecular(0.0)
            # only the outer shell: the far side of a see-through bone showed through its near side
            # as a second, darker layer
            p.BackfaceCullingOn()
            a.PickableOff()
            self._matrices.attach(b.id, a)
            self.actors[b.id] = a
            renderer.AddActor(a)

    def update(self, matrices: Mapping[str, np.ndarray] | None) -> None:
        """Move the ghost bones, or hide the ghost (``None``: no tuck to show)."""
        for bone_id, a in self.actors.items():
            m = None if matrices is None else matrices.get(bone_id)
            a.SetVisibility(m is not None)
            if m is not None:
                self._matrices.set(bone_id, m)


class ContactMarker:
    """Cyan disc with a dark rim at each rim-contact point, drawn as a 2D overlay anchored at the
    world point (so bones never hide it), plus a banner; the scene shows them from the tuck onset on
    (the hip at its bony stop, the pelvis tucking), as the headline's "pelvis tucked"."""

    def __init__(self, renderer: vtkRenderer, radius_px: float = 10.0, font_px: int = 24) -> None:
        self.actors: dict[str, list[vtkActor2D]] = {}
        # each disc sits at display offset (0, 0) from a world anchor: moving the anchor does not
        # modify the actor (a modified 2D actor rebuilds its vertex buffer and shader at the next render)
        self._anchors: dict[str, vtkCoordinate] = {}
        self._shown: dict[str, bool] = {}
        self._discs: list[tuple[vtkRegularPolygonSource, float]] = []  # (source, radius at pixel scale 1)
        self._pixel_scale = 1.0
        for side in ("l", "r"):
            pair = []
            anchor = vtkCoordinate()
            anchor.SetCoordinateSystemToWorld()
            self._anchors[side] = anchor
            self._shown[side] = False
            for r, colour in ((radius_px * 1.45, (0.02, 0.02, 0.05)), (radius_px, CONTACT_COLOUR)):
                disc = vtkRegularPolygonSource()
                disc.SetNumberOfSides(28)
                disc.SetRadius(r)
                disc.SetCenter(0.0, 0.0, 0.0)
                self._discs.append((disc, r))
                mapper = vtkPolyDataMapper2D()
                mapper.SetInputConnection(disc.GetOutputPort())
                a = vtkActor2D()
                a.SetMapper(mapper)
                a.GetProperty().SetColor(*colour)
                pos = a.GetPositionCoordinate()
                pos.SetCoordinateSystemToDisplay()
                pos.SetReferenceCoordinate(anchor)
                pos.SetValue(0.0, 0.0)
                a.SetVisibility(False)
                a.PickableOff()
                renderer.AddViewProp(a)
                pair.append(a)
            self.actors[side] = pair
        self.banner = banner(renderer, "HIP AT ITS BONY STOP: the pelvis tucks", CONTACT_COLOUR, 0.80, font_px)
        self.visible = False

    def set_pixel_scale(self, scale: float) -> None:
        """Discs ``scale`` × their radius in pixels (the window's DPI / 72: HiDPI screens, small views)."""
        if scale == self._pixel_scale:
            return
        self._pixel_scale = scale
        for disc, radius in self._discs:
            disc.SetRadius(radius * scale)

    def update(self, at_stop: bool, contacts: Mapping[str, np.ndarray],
               camera_position: np.ndarray | None = None, camera_focal: np.ndarray | None = None) -> None:
        """Place the markers at ``contacts`` (side → world point) and show them, and the banner, only
        ``at_stop`` (the scene passes: at or past the tuck onset).

        With the camera given, a marker that would sit right behind the other side's (as in the side
        view) is left out, so one clear disc shows instead of two overlapping ones.
        """
        self.visible = bool(at_stop)
        if not at_stop:  # the usual case above the stop: nothing to place
            for side, pair in self.actors.items():
                if self._shown[side]:
                    for a in pair:
                        a.SetVisibility(False)
                    self._shown[side] = False
            self.banner.SetVisibility(False)
            return
        # plain floats: three-vectors, every frame at the stop, where numpy's per-call cost dominates
        pts = {k: tuple(float(c) for c in v) for k, v in contacts.items() if v is not None}
        pts = {k: p for k, p in pts.items() if all(math.isfinite(c) for c in p)}
        hide = set()
        if camera_position is not None and camera_focal is not None and len(pts) == 2 and "l" in pts:
            cam = [float(c) for c in camera_position]
            view = [float(f) - c for f, c in zip(camera_focal, cam, strict=True)]
            length = math.sqrt(sum(c * c for c in view))
            view = [c / length for c in view]
            d = [r - left for r, left in zip(pts["r"], pts["l"], strict=True)]
            along = sum(a * b for a, b in zip(d, view, strict=True))
            if math.dist(d, [along * c for c in view]) < 0.04:
                far = max(pts, key=lambda k: sum((p - c) * w for p, c, w in zip(pts[k], cam, view, strict=True)))
                hide.add(far)
        for side, pair in self.actors.items():
            p = pts.get(side)
            show = side not in hide and p is not None
            if show != self._shown[side]:
                for a in pair:
                    a.SetVisibility(show)
                self._shown[side] = show
            if show:
                self._anchors[side].SetValue(*p)
        self.banner.SetVisibility(self.visible)


#: Text of the banner shown from the rounding onset on (lumbar curve flat or rounded).
ROUNDING_BANNER_TEXT = "LOWER BACK ROUNDS: past flat"


def banner(renderer: vtkRenderer, text: str, background: tuple[float, float, float], y_frac: float,
           font_px: int = 24) -> vtkTextActor:
    """A hidden banner at the view's left edge, ``y_frac`` up the view: dark framed text on ``background``.

    The scene's two: the hip-stop banner (contact cyan, from the tuck onset on) and, under it, the
    rounding banner (:data:`ROUNDING_BANNER_TEXT` on the rounded side's light orange, the lumbar
    curve scale's colour at flat, from the rounding onset on)."""
    actor = screen_text(renderer, 0.02, y_frac, font_px, (0.02, 0.02, 0.05))
    actor.SetInput(text)
    tp = actor.GetTextProperty()
    tp.SetBackgroundColor(*background)
    tp.SetBackgroundOpacity(1.0)
    tp.SetFrame(True)
    tp.SetFrameColor(0.02, 0.02, 0.05)
    tp.SetFrameWidth(2)
    actor.SetTextScaleModeToNone()
    actor.SetVisibility(False)
    actor.PickableOff()
    return actor


class Floor:
    """Floor, mid-foot line, and the centre-of-mass plumb line with its ball."""

    def __init__(self, renderer: vtkRenderer) -> None:
        plane = vtkPlaneSource()
        plane.SetOrigin(-0.6, 0.0, -0.7)
        plane.SetPoint1(0.9, 0.0, -0.7)
        plane.SetPoint2(-0.6, 0.0, 0.7)
        self.floor = solid_actor(plane, FLOOR_COLOUR)
        self.floor.GetProperty().SetAmbient(0.75)
        self.floor.GetProperty().SetDiffuse(0.3)
        self.floor.PickableOff()
        # the moving parts are moved by their actors' transforms (no mesh re-made per frame)
        self._mid = vtkCubeSource()
        self._mid.SetXLength(0.02)
        self._mid.SetYLength(0.004)
        self._mid.SetZLength(1.0)
        self.midfoot = solid_actor(self._mid, MIDFOOT_COLOUR)
        self._line = vtkLineSource()  # unit plumb line, top to floor; scaled to the COM height
        self._line.SetPoint1(0.0, 1.0, 0.0)
        self._line.SetPoint2(0.0, 0.0, 0.0)
        self._tube = vtkTubeFilter()
        self._tube.SetInputConnection(self._line.GetOutputPort())
        self._tube.SetRadius(0.005)
        self._tube.SetNumberOfSides(10)
        self.com_line = solid_actor(self._tube, COM_COLOUR)
        ball = vtkSphereSource()
        ball.SetRadius(0.022)
        ball.SetThetaResolution(20)
        ball.SetPhiResolution(12)
        self.com_ball = solid_actor(ball, COM_COLOUR)
        self.actors = [self.floor, self.midfoot, self.com_line, self.com_ball]
        for a in self.actors:
            a.PickableOff()
            renderer.AddActor(a)

    def update(self, com: np.ndarray, midfoot_x_m: float, balanced: bool) -> None:
        """Move the plumb line to the centre of mass (world, m) and the mid-foot line to ``midfoot_x_m``."""
        self.midfoot.SetPosition(float(midfoot_x_m), 0.002, 0.0)
        x, y, z = (float(v) for v in com)
        self.com_line.SetPosition(x, 0.0, z)
        self.com_line.SetScale(1.0, max(y, 1e-6), 1.0)
        self.com_ball.SetPosition(x, y, z)
        colour = COM_COLOUR if balanced else COM_OFF_BALANCE_COLOUR
        self.com_line.GetProperty().SetColor(*colour)  # no-op (no modification) when unchanged
        self.com_ball.GetProperty().SetColor(*colour)

    def set_visible(self, visible: bool) -> None:
        """Show or hide floor, lines and ball."""
        for a in self.actors:
            a.SetVisibility(bool(visible))


class MuscleTubes(TubeBuffers):
    """All muscle tubes (one per muscle and side) in ONE actor, coloured per vertex by relative length.

    The tube mesh is generated in numpy (:class:`~viewer.render.tubes.TubeMesh`: ``sides``-sided
    rings at every polyline point, flat caps, smooth radial normals) and written in place into
    numpy-backed VTK arrays; the colours are direct uint8 RGB point scalars. A pose change therefore
    costs one small vertex-buffer upload instead of a filter run and a buffer per muscle, and no
    property change (which would rebuild shader sources).
    """

    def __init__(self, renderer: vtkRenderer, names: Iterable[str], points_per_path: Mapping[str, int],
                 radius_m: float = 0.008, sides: int = 10) -> None:
        self.names: list[str] = list(names)
        counts = [int(points_per_path[n]) for n in self.names]
        mesh = TubeMesh(counts, radius_m, sides)
        super().__init__(mesh, mesh.triangles)
        self._index = {n: i for i, n in enumerate(self.names)}
        muscle_of = [n.rsplit("_", 1)[0] for n in self.names]
        self._muscles = list(dict.fromkeys(muscle_of))  # each muscle once (both sides share its colour)
        self._tube_muscle = np.array([self._muscles.index(m) for m in muscle_of])
        self._ratios: tuple[float, ...] = ()
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
        self._rows = [slice(int(a), int(a) + k) for a, k in zip(starts, counts, strict=True)]
        # polyline points of all tubes; initial: short vertical lines so the mesh is valid before update
        self._path = np.zeros((mesh.n_points, 3))
        for rows in self._rows:
            self._path[rows, 1] = 0.01 * np.arange(rows.stop - rows.start)
        self.move(self._path)
        self._muscle_rgb = [muscle_colour(1.0)] * len(self._muscles)  # 0–1, one per muscle
        self.colours[:] = rgb_bytes(muscle_colour(1.0))
        vertex_tube = np.empty(mesh.n_vertices, dtype=np.int64)
        for i in range(len(self.names)):
            side, cap = mesh.vertex_slices(i)
            vertex_tube[side] = i
            vertex_tube[cap] = i
        # per-vertex muscle index, to spread the muscles' colours over the vertices in one step
        self._vertex_muscle = self._tube_muscle[vertex_tube]
        self._triangle_tube = vertex_tube[mesh.triangles[:, 0]]
        self._drawn = frozenset(range(len(self.names)))
        self._cells: dict[frozenset[int], vtkCellArray] = {self._drawn: self.poly.GetPolys()}
        self.actor.GetProperty().SetAmbient(0.3)
        renderer.AddActor(self.actor)

    def show_only(self, names: Iterable[str] | None) -> None:
        """Draw only the tubes ``names`` (``<muscle>_<side>``), or every tube (``None``).

        Swaps the triangle list (kept per set, so switching back and forth builds nothing); the
        vertices stay, so the hidden tubes keep following the pose.
        """
        tubes = (frozenset(range(len(self.names))) if names is None
                 else frozenset(self._index[n] for n in names if n in self._index))
        if tubes != self._drawn:
            self._drawn = tubes
            if tubes not in self._cells:
                self._cells[tubes] = triangle_cells(self.mesh.triangles[np.isin(self._triangle_tube, list(tubes))])
            self.poly.SetPolys(self._cells[tubes])

    def drawn(self) -> list[str]:
        """Names of the tubes drawn (see :meth:`show_only`)."""
        return [n for n in self.names if self._index[n] in self._drawn]

    def update(self, paths: Mapping[str, np.ndarray], ratios: Mapping[str, float]) -> None:
        """New polyline points (k, 3) per tube and length ratios per muscle (name without side).

        A tube missing from ``paths`` keeps its place; a muscle missing from ``ratios`` is drawn at
        standing length (ratio 1).
        """
        try:
            np.concatenate([paths[name] for name in self.names], out=self._path)
        except (KeyError, TypeError):  # some tube missing: keep its old points
            for name, rows in zip(self.names, self._rows, strict=True):
                p = paths.get(name)
                if p is not None:
                    self._path[rows] = p
        self.move(self._path)
        key = tuple(ratios.get(m, 1.0) for m in self._muscles)
        if key != self._ratios:
            self._ratios = key
            self._muscle_rgb = [muscle_colour(r) for r in key]
            table = np.array([rgb_bytes(rgb) for rgb in self._muscle_rgb], dtype=np.uint8)
            np.take(table, self._vertex_muscle, axis=0, out=self.colours)
            self.vtk_colours.Modified()

    def colour_of(self, name: str) -> tuple[float, float, float]:
        """RGB (0–1) tube ``name`` (``<muscle>_<side>``) is drawn in (stored per vertex as uint8)."""
        return self._muscle_rgb[self._tube_muscle[self._index[name]]]

    def vertex_colours(self, name: str) -> np.ndarray:
        """(n, 3) uint8 colours of tube ``name``'s vertices, as uploaded."""
        side, cap = self.mesh.vertex_slices(self._index[name])
        return np.concatenate([self.colours[side], self.colours[cap]])


#: The muscle scale's left edge, fraction of the view's width (moved in where its title needs it).
MUSCLE_LEGEND_X_FRAC = 0.04


def muscle_legend(renderer: vtkRenderer, font_px: int = 18) -> vtkScalarBarActor:
    """Small colour scale of the muscles' length (shorter ↔ longer than standing, %), bottom left."""
    lo, hi = (100.0 * (r - 1.0) for r in MUSCLE_RANGE)
    bar = _scalar_bar(renderer, lambda v: muscle_colour(1.0 + v / 100.0), (lo, hi), 256, "Muscles vs standing (%)",
                      (round(lo), 0.0, round(hi)), "%+.0f", font_px)
    bar.SetOrientationToHorizontal()
    bar.SetPosition(MUSCLE_LEGEND_X_FRAC, 0.02)
    bar.SetWidth(0.26)
    bar.SetHeight(0.11)
    for prop in (bar.GetTitleTextProperty(), bar.GetLabelTextProperty()):
        # it sits over the floor in most views: white on light grey needs a dark box
        prop.SetBackgroundColor(*LABEL_BOX_COLOUR)
        prop.SetBackgroundOpacity(LABEL_BOX_OPACITY)
    return bar
