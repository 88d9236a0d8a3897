"""What the 3D scene shows, as one immutable value: :class:`SceneInput` (and its :class:`ViewFlags`).

No VTK here: the window builds a ``SceneInput`` from its state and solution (:meth:`SceneInput.of`),
headless snapshots from an anatomy and its sweep (:meth:`SceneInput.from_sweep`); the scene only
applies it (:meth:`viewer.render.scene.Scene.show`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose, Sweep

from .cameras import PRESETS

if TYPE_CHECKING:
    from viewer.state import AppState, Solution


@dataclass(frozen=True, slots=True)
class ViewFlags:
    """What the scene shows besides the skeleton."""

    bone_labels: bool = False
    angle_readouts: bool = True
    muscles: bool = True
    ghost: bool = True
    legend: bool = True
    floor: bool = True
    transparent_pelvis: bool = False
    lumbar_curve: bool = True

    @classmethod
    def of(cls, state: AppState) -> ViewFlags:
        """The flags an app state sets; the legend, the floor lines and the lumbar curve, which the app
        always shows, at their defaults."""
        return cls(bone_labels=state.show_labels, angle_readouts=state.show_angles, muscles=state.show_muscles,
                   ghost=state.show_ghost, transparent_pelvis=state.transparent_pelvis)


@dataclass(frozen=True, slots=True)
class SceneInput:
    """Everything the scene shows, as one value (:meth:`Scene.show`).

    ``pose`` of ``anatomy``; ``tuck_onset_deg`` / ``rounding_onset_deg``: thigh angles (°) of the
    sweep's tuck and rounding onsets (``None``: not reached, or no sweep known; the hip-stop banner
    and rim markers then show where the pose's ``pelvic_tuck_deg`` > 0, the rounding banner where its
    ``lumbar_curve_deg`` ≤ 0); ``flags``: what is shown besides the skeleton; ``camera``: a preset of
    :data:`viewer.render.cameras.PRESETS`; ``compare``: the frozen anatomy "B" and its pose at the same
    depth, drawn as the amber A/B ghost (``None``: no B shown).
    """

    anatomy: Anatomy
    pose: Pose
    tuck_onset_deg: float | None = None
    rounding_onset_deg: float | None = None
    flags: ViewFlags = ViewFlags()
    camera: str = "side"
    compare: tuple[Anatomy, Pose] | None = None

    def __post_init__(self) -> None:
        if self.camera not in PRESETS:
            raise ValueError(f"unknown camera preset {self.camera!r}; known: {', '.join(PRESETS)}")

    @classmethod
    def from_sweep(cls, anatomy: Anatomy, pose: Pose, sweep: Sweep | None, flags: ViewFlags = ViewFlags(),
                   camera: str = "side", compare: tuple[Anatomy, Pose] | None = None) -> SceneInput:
        """``pose`` of ``anatomy`` with the onsets of ``sweep`` (``None``: no onsets known)."""
        tuck = sweep.tuck_onset if sweep is not None else None
        rounding = sweep.rounding_onset if sweep is not None else None
        return cls(anatomy, pose, None if tuck is None else float(tuck.thigh_angle_deg),
                   None if rounding is None else float(rounding.thigh_angle_deg), flags, camera, compare)

    @classmethod
    def of(cls, state: AppState, solution: Solution) -> SceneInput:
        """What the app shows for ``state`` and its derived ``solution`` (B while the ghost is on)."""
        b, b_pose = state.compare_anatomy, solution.compare_pose
        compare = (b, b_pose) if b is not None and b_pose is not None and state.show_ghost else None
        return cls.from_sweep(state.anatomy, solution.pose, solution.sweep, ViewFlags.of(state), state.camera,
                              compare)
