"""A/B comparison ghost: the whole frozen skeleton "B", translucent, at the same depth, labelled "B".

Added by the window's author (issue 4) as an additive file next to the scene: it reuses the
scene's renderer, bone meshes and rig specs, so ``Scene`` itself is unchanged.

B is amber (:data:`COMPARE_COLOUR`), not blue: the lumbar ghost (the faint blue copy of the pelvis
and lumbar spine as flexed as at the tuck onset, ``overlays.GHOST_COLOUR``) is blue, and a blue B
was read as part of it in class. Amber and that blue stay apart for the common colour-vision
deficiencies (protan, deutan) and for tritan vision (tests/render/test_compare_ghost_colour.py).
"""

from __future__ import annotations

import weakref

import numpy as np

from viewer.model import kinematics as kin
from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose

from .labels import TextLabels
from .overlays import Ghost
from .rig import parametric_builder, shape_key

#: B's colour: amber, far from the lumbar ghost's blue, the bones' ivory and the contact cyan.
COMPARE_COLOUR: tuple[float, float, float] = (0.95, 0.75, 0.10)
COMPARE_OPACITY = 0.38
#: The label over B's head (in the hip close-up, by B's hip): dark text on B's colour.
LABEL_TEXT = "B"
LABEL_TEXT_COLOUR: tuple[float, float, float] = (0.05, 0.05, 0.08)
LABEL_FONT_PX = 28
#: Where the label stands from its joint, in point-sized pixels (scaled with the view's text):
#: above and in front of B's head; in the close-up, below and in front of B's hip joint.
LABEL_AT: dict[bool, tuple[str, float, float]] = {False: ("head", 30.0, 70.0), True: ("hip_r", 40.0, -60.0)}
#: Share of each bone's triangles the B ghost keeps once simplified (:meth:`CompareGhost.simplify_next`).
#: A faint blue copy shows the shape, not the detail; a full-detail B added ≈ 55 % to every frame on
#: the software renderer, a quarter of the triangles about half of that.
GHOST_DETAIL = 0.25


class CompareGhost:
    """Translucent copy of every bone of a scene, posed by another anatomy's pose."""

    def __init__(self, scene: object) -> None:
        self._scene = scene
        bones = list(scene.bones.bones.values())
        self.ghost = Ghost(scene.renderer, bones)
        for actor in self.ghost.actors.values():
            prop = actor.GetProperty()
            prop.SetColor(*COMPARE_COLOUR)
            prop.SetOpacity(COMPARE_OPACITY)
        self.ghost.update(None)
        self.visible = False
        self._shown: tuple[Anatomy, Pose] | None = None
        self.label = TextLabels(scene.renderer, [LABEL_TEXT], font_px=LABEL_FONT_PX, colour=LABEL_TEXT_COLOUR,
                                background=COMPARE_COLOUR)
        # the label is laid out again before every frame: its text size follows the view's DPI (presentation
        # mode, a resize) like the scene's own labels, which the scene lays out again on its own
        on_render = weakref.WeakMethod(self._place_label)
        scene.renderer.AddObserver("StartEvent", lambda *_: (method := on_render()) is not None and method())
        # a weak reference: the scene must not keep the ghost (and, through it, itself) alive in a
        # cycle that only the garbage collector could free, with every VTK object of a closed window
        on_change = weakref.WeakMethod(self._on_close_up_changed)
        scene.close_up_listeners.append(lambda: (method := on_change()) is not None and method())
        # biggest meshes last: ``simplify_next`` pops from the end, so they are simplified first
        self._to_simplify = sorted(self.ghost.actors, key=lambda k: self._mesh(k).GetNumberOfCells())
        self._shape_key = shape_key(Anatomy())  # shapes as committed
        self.reshaped: list[str] = []  # bones last given B's own shape

    def _reshape(self, anatomy: Anatomy) -> None:
        """Give the ghost B's own femur and hip-bone shapes (neck angles, socket) when they differ
        from the ones it shows: ≈ 3 ms for the 4 meshes at full detail; they are queued for
        :meth:`simplify_next` (≈ 30 ms more, spread over idle turns)."""
        key = shape_key(anatomy)
        if key == self._shape_key:
            return
        builder = parametric_builder()
        self._shape_key = key
        if builder is None:  # stand-in bones: no reshaping
            return
        self.reshaped = []
        for bone_id, mesh in builder(anatomy).items():
            if bone_id in self.ghost.actors:
                self.ghost.actors[bone_id].GetMapper().SetInputData(mesh)
                if bone_id not in self._to_simplify:
                    self._to_simplify.append(bone_id)
                self.reshaped.append(bone_id)

    @property
    def simplifying(self) -> bool:
        """Whether bones wait for :meth:`simplify_next`."""
        return bool(self._to_simplify)

    def _mesh(self, bone_id: str) -> object:
        return self.ghost.actors[bone_id].GetMapper().GetInput()

    def simplify_next(self) -> bool:
        """Give one more ghost bone a mesh with :data:`GHOST_DETAIL` of its triangles (a few ms);
        return whether bones are left. The window calls this in idle turns after start-up."""
        if not self._to_simplify:
            return False
        from viewer.meshgen.mesh import coarse_copy

        bone_id = self._to_simplify.pop()
        self.ghost.actors[bone_id].GetMapper().SetInputData(coarse_copy(self._mesh(bone_id), GHOST_DETAIL))
        return bool(self._to_simplify)

    def triangle_count(self) -> int:
        """Triangles of all ghost bones (shown or not)."""
        return sum(self._mesh(k).GetNumberOfCells() for k in self.ghost.actors)

    def update(self, anatomy: Anatomy | None, pose: Pose | None) -> None:
        """Pose the ghost as ``pose`` of ``anatomy``; ``None`` hides it.

        B's pose follows from B's anatomy and the depth alone: while only A's sliders move, B is
        shown already and its bone matrices (≈ 0.2 ms) are not worked out again.
        """
        if anatomy is None or pose is None:
            self.ghost.update(None)
            self.visible = False
            self._place_label()
            return
        shown = self._shown
        if (self.visible and shown is not None and shown[0] == anatomy
                and float(shown[1].thigh_angle_deg) == float(pose.thigh_angle_deg)):
            return
        self._show(anatomy, pose)

    def _show(self, anatomy: Anatomy, pose: Pose) -> None:
        self._reshape(anatomy)
        self._shown = (anatomy, pose)
        matrices = kin.bone_matrices(pose, anatomy, self._scene.specs)
        hidden = self._scene.hidden_bones(anatomy)  # B's props, and what the hip close-up leaves out
        self.ghost.update({k: m for k, m in matrices.items() if k not in hidden})
        self.visible = True
        self._place_label()

    def _place_label(self) -> None:
        """Put the "B" label by B's head (by B's hip in the close-up), or hide it with B."""
        shown = self._shown
        if not self.visible or shown is None:
            self.label.update({}, False)
            return
        joint, dx, dy = LABEL_AT[bool(self._scene.close_up)]
        px = self._scene.window.GetDPI() / 72.0
        at = np.asarray(shown[1].joints[joint], float)
        self.label.update({LABEL_TEXT: (LABEL_TEXT, at, (dx * px, dy * px))}, True)

    def label_shown(self) -> bool:
        """Whether the "B" label is drawn."""
        return bool(self.label.actors[LABEL_TEXT].GetVisibility())

    def _on_close_up_changed(self) -> None:
        """The camera went into or out of the hip close-up: show or hide the bones it leaves out.

        B's far leg, arms, chest and head stayed in the close-up where A's are left out; drawn
        see-through close to the camera, they cost the software renderer most of the 60-120 ms
        frames found in the random-user runs (docs/reliability.md)."""
        if self.visible and self._shown is not None:
            self._show(*self._shown)

    def visible_actor_count(self) -> int:
        """How many ghost bones are shown."""
        return sum(1 for a in self.ghost.actors.values() if a.GetVisibility())
