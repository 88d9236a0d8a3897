"""A/B comparison ghost: the whole frozen skeleton "B", translucent, at the same depth, labelled "B".

The scene owns one (:attr:`viewer.render.scene.Scene.compare`, built on first use) and shows it from
``SceneInput.compare``, reusing its renderer, bone meshes and rig specs.

B is amber (:data:`COMPARE_COLOUR`), not blue: the lumbar ghost (the faint blue copy of the pelvis
and lumbar spine as flexed as at the tuck onset, ``overlays.GHOST_COLOUR``) is blue, and a blue B
was read as part of it in class. Amber and that blue stay apart for the common colour-vision
deficiencies (protan, deutan) and for tritan vision (tests/render/test_compare_ghost_colour.py).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np

from viewer.model import kinematics as kin
from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose

from .labels import TextLabels
from .overlays import Ghost
from .rig import parametric_builder, shape_key

if TYPE_CHECKING:
    from .scene import Scene

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

    def __init__(self, scene: Scene) -> None:
        # the scene owns the ghost: a weak reference back, so that closing a window frees both without
        # the garbage collector (a cycle would keep every VTK object of the closed window alive)
        self._scene_ref = weakref.ref(scene)
        self.ghost = Ghost(scene.renderer, scene.bones.bones.values(), COMPARE_COLOUR, COMPARE_OPACITY)
        self.visible = False
        self._shown: tuple[Anatomy, Pose] | None = None
        self._key: tuple[Anatomy, float, bool] | None = None  # (anatomy, thigh angle, close-up) shown
        self.label = TextLabels(scene.renderer, [LABEL_TEXT], font_px=LABEL_FONT_PX, colour=LABEL_TEXT_COLOUR,
                                background=COMPARE_COLOUR)
        # the label is laid out again before every frame: its text size follows the view's DPI (presentation
        # mode, a resize) like the scene's own labels, which the scene lays out again on its own
        on_render = weakref.WeakMethod(self._place_label)
        scene.renderer.AddObserver("StartEvent", lambda *_: (method := on_render()) is not None and method())
        # biggest meshes last: ``simplify_next`` pops from the end, so they are simplified first
        self._to_simplify = sorted(self.ghost.actors, key=lambda k: self._mesh(k).GetNumberOfCells())
        self._shape_key = shape_key(Anatomy())  # shapes as committed
        self.reshaped: list[str] = []  # bones last given B's own shape

    @property
    def _scene(self) -> Scene:
        return self._scene_ref()

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

    def update(self, b: tuple[Anatomy, Pose] | None) -> None:
        """Pose the ghost as B's pose of B's anatomy (``b``); ``None`` hides it. The scene calls this
        from every show, and again when the camera goes into or out of the hip close-up, which leaves
        out B's far leg, arms, chest and head as it does A's.

        B's pose follows from B's anatomy and the depth alone: while only A's sliders move, B is
        shown already and its bone matrices (≈ 0.2 ms) are not worked out again.
        """
        if b is None:
            if self.visible:
                self.ghost.update(None)
                self.visible = False
                self._key = None
                self._place_label()
            return
        anatomy, pose = b
        key = (anatomy, float(pose.thigh_angle_deg), bool(self._scene.close_up))
        if self.visible and key == self._key:
            return
        self._reshape(anatomy)
        self._shown, self._key = b, key
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

    def visible_actor_count(self) -> int:
        """How many ghost bones are shown."""
        return sum(1 for a in self.ghost.actors.values() if a.GetVisibility())
