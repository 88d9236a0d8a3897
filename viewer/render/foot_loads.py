"""The load on each foot: a bar standing beside each foot, as tall as that foot's share of body weight
(``Pose.foot_load_l_pct`` / ``foot_load_r_pct``), with a mark at half and the figure on top, and a short
post on the floor half-way between the feet, beside which the plumb line shows the pelvis's shift.

Seen from the front or the back both bars stand clear of the legs, so a class compares their heights
against the marks at 50 % at a glance ("Left 57 %" beside "Right 43 %"). A pose moves the bars by their
actors' transforms and changes a label's text only when its rounded figure changes: no mesh is rebuilt.
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.model.pose import Pose
from viewer.wording import SIDE_WORDS

from . import label_layout
from .labels import TextLabels
from .overlays import solid_actor
from .vtk_imports import vtkActor, vtkCubeSource, vtkRenderer

#: Bar height per percent of body weight (m, for a 1.75 m lifter): 50 % stands 0.25 m tall.
HEIGHT_PER_PCT_M = 0.005
#: How far outside the foot's middle the bar stands (m, for a 1.75 m lifter), and its width.
OUTSIDE_M = 0.11
WIDTH_M = 0.035
BAR_COLOUR = (0.70, 0.52, 0.95)
MARK_COLOUR = (0.10, 0.10, 0.13)


def load_text(side: str, pct: float) -> str:
    """The figure over one foot's bar: "Left 57 %"."""
    return f"{SIDE_WORDS[side].capitalize()} {pct:.0f} %"


def _box(x: float, y: float, z: float, colour: tuple[float, float, float]) -> vtkActor:
    """A box x × y × z (m) standing on its base's centre at the origin."""
    cube = vtkCubeSource()
    cube.SetXLength(x)
    cube.SetYLength(y)
    cube.SetZLength(z)
    cube.SetCenter(0.0, 0.5 * y, 0.0)
    actor = solid_actor(cube, colour)
    actor.GetProperty().SetAmbient(0.35)
    actor.PickableOff()
    return actor


class FootLoads:
    """One bar and one 50 % mark per foot, and the figures over them (``labels``, keys "l", "r").

    ``bars``/``marks``: side → actor (a unit-high bar scaled to the load; the mark at 50 %).
    """

    def __init__(self, renderer: vtkRenderer, font_px: int = 20) -> None:
        self.bars = {s: _box(WIDTH_M, 1.0, WIDTH_M, BAR_COLOUR) for s in ("l", "r")}
        self.marks = {s: _box(2.2 * WIDTH_M, 0.004, 2.2 * WIDTH_M, MARK_COLOUR) for s in ("l", "r")}
        self.centre = _box(0.012, 0.06, 0.012, MARK_COLOUR)
        for a in (*self.bars.values(), *self.marks.values(), self.centre):
            renderer.AddActor(a)
        self.labels = TextLabels(renderer, ("l", "r"), font_px=font_px)
        self._renderer = renderer
        self._avoid: list[label_layout.Box] = []
        self.visible = True
        self._items: dict[str, tuple[str, tuple[float, float, float], tuple[float, float]]] = {}
        self._px = 1.0

    def update(self, pose: Pose, height_m: float, px: float = 1.0, avoid: Sequence[label_layout.Box] = ()) -> None:
        """Stand the bars beside the feet of ``pose`` at the pose's foot loads (lifter ``height_m`` tall;
        ``px``: pixels per label offset pixel, the view's text scale; the figures keep clear of the
        display boxes ``avoid``, e.g. the angle readouts')."""
        size = height_m / 1.75
        self._px = px
        self._avoid = list(avoid)
        # plain floats: this runs on every frame from the front and back cameras
        mids = {}
        for s in ("l", "r"):
            heel, toe = pose.joints[f"heel_{s}"], pose.joints[f"toe_{s}"]
            mids[s] = (0.5 * (float(heel[0]) + float(toe[0])), 0.5 * (float(heel[2]) + float(toe[2])))
        self.centre.SetPosition(0.5 * (mids["l"][0] + mids["r"][0]), 0.0, 0.5 * (mids["l"][1] + mids["r"][1]))
        self.centre.SetScale(size, size, size)
        half = 50.0 * HEIGHT_PER_PCT_M * size
        for s, sign in (("l", -1.0), ("r", 1.0)):
            pct = float(pose.foot_load_l_pct if s == "l" else pose.foot_load_r_pct)
            x, z = mids[s][0], mids[s][1] + sign * OUTSIDE_M * size
            height = max(pct, 0.1) * HEIGHT_PER_PCT_M * size
            self.bars[s].SetPosition(x, 0.0, z)
            self.bars[s].SetScale(size, height, size)
            self.marks[s].SetPosition(x, half, z)
            self.marks[s].SetScale(size, 1.0, size)
            top = max(height, half)  # over the bar and its mark at half
            self._items[s] = (load_text(s, pct), (x, top + 0.02 * size, z), (0.0, 0.0))
        self._show_labels()

    def _show_labels(self) -> None:
        if not self.visible:
            self.labels.update({}, False)
            return
        items = {}
        for s, (text, at, _) in self._items.items():
            _, _, w, _ = self.labels.extent(s, text)
            items[s] = (text, at, (-0.5 * w, 12.0 * self._px))
        if self._avoid and self._renderer.IsActiveCameraCreated() and min(self._renderer.GetSize()) > 0:
            items = self.labels.spread(items, self._avoid)
        self.labels.update(items, True)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the bars, marks and figures."""
        visible = bool(visible)
        for a in (*self.bars.values(), *self.marks.values(), self.centre):
            a.SetVisibility(visible)
        if visible != self.visible:
            self.visible = visible
            self._show_labels()

    def bar_height_m(self, side: str) -> float:
        """Height (m) of ``side``'s bar as drawn (its actor's scale: the bar mesh is 1 m tall)."""
        return float(self.bars[side].GetScale()[1])
