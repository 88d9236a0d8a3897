"""A/B comparison ghost: the whole frozen skeleton "B", translucent, at the same depth.

Added by the window's author (issue 4) as an additive file next to the scene: it reuses the
scene's renderer, bone meshes and rig specs, so ``Scene`` itself is unchanged.
"""

from __future__ import annotations

from viewer.model import kinematics as kin
from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose

from .overlays import Ghost

COMPARE_COLOUR = (0.35, 0.60, 1.0)
COMPARE_OPACITY = 0.38


class CompareGhost:
    """Translucent copy of every bone of a scene, posed by another anatomy's pose."""

    def __init__(self, scene: object) -> None:
        self._scene = scene
        bones = list(scene.bones.bones.values())
        self._segment = {b.id: b.segment for b in bones}
        self.ghost = Ghost(scene.renderer, bones)
        for actor in self.ghost.actors.values():
            prop = actor.GetProperty()
            prop.SetColor(*COMPARE_COLOUR)
            prop.SetOpacity(COMPARE_OPACITY)
        self.ghost.update(None)
        self.visible = False

    def update(self, anatomy: Anatomy | None, pose: Pose | None) -> None:
        """Pose the ghost as ``pose`` of ``anatomy``; ``None`` hides it."""
        if anatomy is None or pose is None:
            self.ghost.update(None)
            self.visible = False
            return
        matrices = kin.bone_matrices(pose, anatomy, self._scene.specs)
        hidden = kin.hidden_segments(anatomy)
        self.ghost.update({k: m for k, m in matrices.items() if self._segment.get(k) not in hidden})
        self.visible = True

    def visible_actor_count(self) -> int:
        """How many ghost bones are shown."""
        return sum(1 for a in self.ghost.actors.values() if a.GetVisibility())
