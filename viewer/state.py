"""Application state: the immutable ``AppState``, the pure ``derive`` and the ``Store``.

Data flow (docs/architecture.md): widgets emit intents; the :class:`Store` replaces the
immutable :class:`AppState` (``dataclasses.replace``), skips equal states, calls the pure
:func:`derive` once and emits one ``stateChanged(state, solution)``. Listeners only apply.

Depth is the sagittal thigh angle below horizontal in degrees (−90 standing, 0 parallel,
positive below parallel). The state keeps the depth the user asked for; :func:`derive`
clamps it to what the current anatomy can reach, so moving an anatomy slider back and forth
never loses the requested depth.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from viewer.model.anatomy import Anatomy
from viewer.model.params import spec
from viewer.model.pose import Pose, Sweep
from viewer.model.squat import DEPTH_LIMITS_DEG, check_thigh_angle
from viewer.model.uncertain_anatomy import Combined, UncertainAnatomy
from viewer.render.cameras import PRESETS

#: Camera presets the state may name (the scene maps them to camera positions).
CAMERAS: tuple[str, ...] = PRESETS
#: The view's on/off settings (fields of :class:`AppState`; with ``camera``, what :meth:`Store.set_view` sets).
VIEW_FLAGS: tuple[str, ...] = ("show_labels", "show_muscles", "show_ghost", "show_angles", "transparent_pelvis",
                               "presentation")


@dataclass(frozen=True, slots=True)
class AppState:
    """Everything the window shows, as one immutable value.

    Attributes:
        anatomy: the lifter (the model's input).
        thigh_angle_deg: requested depth, thigh angle below horizontal, degrees (−90 standing).
        show_labels: bone/landmark labels in the 3D view.
        show_muscles: muscle lines in the 3D view.
        show_ghost: draw the A/B ghost when ``compare_anatomy`` is set.
        show_angles: live angle readouts (ankle, knee, hip, pelvis, lumbar) in the 3D view.
        transparent_pelvis: draw the hip bones see-through (to watch the femoral neck meet the rim).
        camera: one of :data:`CAMERAS`.
        presentation: presentation mode (full screen, large fonts, simplified controls).
        compare_anatomy: anatomy frozen for A/B comparison, or ``None``.
        own_anatomy: the home-test results of "Find my anatomy" and the spread they leave
            (:class:`~viewer.model.uncertain_anatomy.Combined`), or ``None`` (no uncertainty shown). The
            spread is taken around ``anatomy`` (:meth:`uncertain`): moving a slider keeps it.
    """

    anatomy: Anatomy = dataclasses.field(default_factory=Anatomy)
    thigh_angle_deg: float = 0.0
    show_labels: bool = False
    show_muscles: bool = True
    show_ghost: bool = True
    show_angles: bool = True
    transparent_pelvis: bool = False
    camera: str = "side"
    presentation: bool = False
    compare_anatomy: Anatomy | None = None
    own_anatomy: Combined | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.anatomy, Anatomy):
            raise TypeError(f"anatomy must be an Anatomy, got {type(self.anatomy).__name__}")
        if self.compare_anatomy is not None and not isinstance(self.compare_anatomy, Anatomy):
            raise TypeError(f"compare_anatomy must be an Anatomy or None, got {type(self.compare_anatomy).__name__}")
        if self.own_anatomy is not None and not isinstance(self.own_anatomy, Combined):
            raise TypeError(f"own_anatomy must be a Combined result or None, got {type(self.own_anatomy).__name__}")
        object.__setattr__(self, "thigh_angle_deg", check_thigh_angle(self.thigh_angle_deg, DEPTH_LIMITS_DEG))
        if self.camera not in CAMERAS:
            raise ValueError(f"camera = {self.camera!r} is not one of {', '.join(CAMERAS)}")
        for name in VIEW_FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be true or false, got {getattr(self, name)!r}")

    @property
    def model_part(self) -> tuple[Anatomy, Anatomy | None, Combined | None]:
        """The part of the state that undo/redo restores (the anatomy, the A/B reference, the own-anatomy
        results)."""
        return (self.anatomy, self.compare_anatomy, self.own_anatomy)

    def uncertain(self) -> UncertainAnatomy | None:
        """The anatomy with the spread of :attr:`own_anatomy` around it (``None`` without one)."""
        if self.own_anatomy is None:
            return None
        spread = self.own_anatomy.anatomy
        return UncertainAnatomy(self.anatomy, spread.names, spread.covariance)


@dataclass(frozen=True, slots=True)
class Solution:
    """What :func:`derive` computes from an :class:`AppState` (pure, cached sweeps).

    Attributes:
        sweep: the squat of ``state.anatomy`` at every depth (cached by anatomy).
        pose: the body at the shown depth.
        thigh_angle_deg: the shown depth = requested depth clamped to the sweep, degrees.
        depth_fraction: 0 standing … 1 deepest reachable for this anatomy.
        compare_sweep, compare_pose: the same for ``state.compare_anatomy`` at the same
            thigh angle (clamped to its own sweep), or ``None``.
    """

    sweep: Sweep
    pose: Pose
    thigh_angle_deg: float
    depth_fraction: float
    compare_sweep: Sweep | None = None
    compare_pose: Pose | None = None


def _sweep(anatomy: Anatomy) -> Sweep:
    from viewer.model.squat import sweep  # the model caches sweeps by the hashable anatomy

    return sweep(anatomy)


def clamp_depth(sweep: Sweep, thigh_angle_deg: float) -> float:
    """``thigh_angle_deg`` clamped to the sweep's range (standing … deepest), degrees."""
    lo = float(sweep.thigh_angle_deg[0])
    hi = float(sweep.thigh_angle_deg[-1])
    return min(max(float(thigh_angle_deg), lo), hi)


def derive(state: AppState) -> Solution:
    """Pure: the sweep(s) of the state's anatomy (cached) and the pose(s) at its depth."""
    sweep = _sweep(state.anatomy)
    angle = clamp_depth(sweep, state.thigh_angle_deg)
    pose = sweep.pose_at(angle)
    compare_sweep = compare_pose = None
    if state.compare_anatomy is not None:
        compare_sweep = _sweep(state.compare_anatomy)
        compare_pose = compare_sweep.pose_at(clamp_depth(compare_sweep, state.thigh_angle_deg))
    return Solution(sweep=sweep, pose=pose, thigh_angle_deg=angle,
                    depth_fraction=sweep.depth_pct(angle) / 100.0,
                    compare_sweep=compare_sweep, compare_pose=compare_pose)


class Store(QObject):
    """Holds the current :class:`AppState`; the only place it is replaced.

    Signals:
        stateChanged(AppState, Solution): once per accepted change (equal states are skipped).
        editFinished(): the anatomy settled: a gesture (slider drag) ended, or it changed outside
            a gesture (preset, profile, undo); expensive work such as mesh regeneration runs now.
        historyChanged(bool, bool): whether undo / redo are available, sent when either changes.

    Undo/redo keep stacks of ``AppState`` values and restore their model part (anatomy and
    A/B reference); view settings (depth, camera, flags) are not undo steps. Changes made
    during one gesture (``gesture=`` the same key until :meth:`end_edit`) form one undo step.
    """

    stateChanged = Signal(object, object)
    editFinished = Signal()
    historyChanged = Signal(object, object)

    MAX_UNDO = 200

    def __init__(self, state: AppState | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state if state is not None else AppState()
        self._solution = derive(self._state)
        self._undo: list[AppState] = []
        self._redo: list[AppState] = []
        self._gesture: str | None = None
        self._history_shown = (False, False)  # (can undo, can redo) last sent by historyChanged

    # --- reading -------------------------------------------------------------------------
    @property
    def state(self) -> AppState:
        """The current state."""
        return self._state

    @property
    def solution(self) -> Solution:
        """``derive(state)`` of the current state."""
        return self._solution

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone change to redo."""
        return bool(self._redo)

    # --- the one writer ------------------------------------------------------------------
    def dispatch(self, new_state: AppState, *, gesture: str | None = None) -> bool:
        """Replace the state with ``new_state``; return whether it changed.

        A change of the model part (anatomy, A/B reference) is an undo step, merged with the
        previous one while ``gesture`` is the same non-None key as the open gesture.
        """
        if not isinstance(new_state, AppState):
            raise TypeError(f"dispatch needs an AppState, got {type(new_state).__name__}")
        if new_state == self._state:
            return False
        solution = derive(new_state)  # may raise: then nothing changes
        if new_state.model_part != self._state.model_part:
            if gesture is None or gesture != self._gesture:
                self._push_undo(self._state)
            self._redo.clear()
            self._gesture = gesture
        # the anatomy or its spread: what the expensive work (meshes, levers, ranges) depends on
        anatomy_changed = (new_state.anatomy != self._state.anatomy
                           or new_state.own_anatomy != self._state.own_anatomy)
        # a preset, profile, reset or typed value: settled at once
        self._show(new_state, solution, settled=anatomy_changed and gesture is None)
        return True

    def _show(self, state: AppState, solution: Solution, *, settled: bool) -> None:
        """Make ``state`` (with its ``solution``) the current one and say so; ``settled``: also editFinished."""
        self._state = state
        self._solution = solution
        self.stateChanged.emit(state, solution)
        self._emit_history()
        if settled:
            self.editFinished.emit()

    def _emit_history(self) -> None:
        """Send historyChanged if undo or redo became available or unavailable (not on every change:
        a depth scrub leaves both as they were)."""
        history = (self.can_undo, self.can_redo)
        if history != self._history_shown:
            self._history_shown = history
            self.historyChanged.emit(*history)

    def _push_undo(self, state: AppState) -> None:
        self._undo.append(state)
        del self._undo[:-self.MAX_UNDO]

    def _update(self, *, gesture: str | None = None, **changes: object) -> bool:
        return self.dispatch(dataclasses.replace(self._state, **changes), gesture=gesture)

    # --- intents -------------------------------------------------------------------------
    def set_anatomy_value(self, name: str, value: float | str | bool, *, gesture: bool = False) -> bool:
        """Set one anatomy parameter (validated against its spec; ``ValueError``/``TypeError``).

        ``gesture=True`` while a slider is being dragged: the drag becomes one undo step,
        closed by :meth:`end_edit`; a parameter's one-side overrides share its gesture.
        """
        checked = spec(name).validate(value)
        anatomy = self._state.anatomy.replace(**{name: checked})
        # a left and a right value set together (a "left ≠ right" switch turned off) are one step
        return self._update(anatomy=anatomy, gesture=(spec(name).both or name) if gesture else None)

    def set_anatomy(self, anatomy: Anatomy, own_anatomy: Combined | None = None) -> bool:
        """Replace the whole anatomy (preset, profile, reset, "Find my anatomy"): one undo step.

        A new lifter: the own-anatomy results are ``own_anatomy`` (default none, so a preset shows no
        ranges); pass the state's own to keep them (a lever tried on the same lifter).
        """
        if not isinstance(anatomy, Anatomy):
            raise TypeError(f"set_anatomy needs an Anatomy, got {type(anatomy).__name__}")
        if own_anatomy is not None and not isinstance(own_anatomy, Combined):
            raise TypeError(f"own_anatomy must be a Combined result or None, got {type(own_anatomy).__name__}")
        self._gesture = None
        return self._update(anatomy=anatomy, own_anatomy=own_anatomy)

    def reset_defaults(self) -> bool:
        """Set every anatomy parameter to its default (one undo step)."""
        return self.set_anatomy(Anatomy())

    def set_depth(self, thigh_angle_deg: float) -> bool:
        """Show the squat at ``thigh_angle_deg`` (clipped to −90…90°; ``ValueError`` if not finite)."""
        if isinstance(thigh_angle_deg, bool) or not isinstance(thigh_angle_deg, (int, float)):
            raise TypeError(f"depth must be a number of degrees, got {thigh_angle_deg!r}")
        if not math.isfinite(thigh_angle_deg):
            raise ValueError(f"depth must be a finite number of degrees, got {thigh_angle_deg!r}")
        lo, hi = DEPTH_LIMITS_DEG
        return self._update(thigh_angle_deg=min(max(float(thigh_angle_deg), lo), hi))

    def set_depth_fraction(self, fraction: float) -> bool:
        """Show the squat at ``fraction`` of the reachable range (0 standing … 1 deepest)."""
        if not math.isfinite(fraction):
            raise ValueError(f"depth fraction must be finite, got {fraction!r}")
        return self.set_depth(self._solution.sweep.thigh_angle_at_pct(100.0 * fraction))

    def set_view(self, **flags: object) -> bool:
        """Change view settings (``show_labels``, ``show_muscles``, ``show_ghost``, ``show_angles``,
        ``transparent_pelvis``, ``camera``, ``presentation``); unknown names raise ``ValueError``."""
        unknown = set(flags) - {*VIEW_FLAGS, "camera"}
        if unknown:
            raise ValueError(f"unknown view setting(s): {', '.join(sorted(unknown))}")
        return self._update(**flags)

    def freeze_compare(self) -> bool:
        """Freeze the current anatomy as the A/B reference (ghost + dashed curves)."""
        self._gesture = None
        return self._update(compare_anatomy=self._state.anatomy, show_ghost=True)

    def clear_compare(self) -> bool:
        """Drop the A/B reference."""
        self._gesture = None
        return self._update(compare_anatomy=None)

    def clear_history(self) -> None:
        """Forget every undo and redo step (e.g. after restoring the last session)."""
        self._undo.clear()
        self._redo.clear()
        self._gesture = None
        self._emit_history()

    def end_edit(self) -> None:
        """Close the open gesture (slider released); drop its undo step if it changed nothing."""
        if self._gesture is None:
            return
        self._gesture = None
        if self._undo and self._undo[-1].model_part == self._state.model_part:
            self._undo.pop()
            self._emit_history()
        self.editFinished.emit()

    def undo(self) -> bool:
        """Restore the model part of the state before the last change; False if none."""
        self._gesture = None
        if not self._undo:
            return False
        target = self._undo.pop()
        self._redo.append(self._state)
        return self._restore(target)

    def redo(self) -> bool:
        """Re-apply the last undone change; False if none."""
        self._gesture = None
        if not self._redo:
            return False
        target = self._redo.pop()
        self._push_undo(self._state)
        return self._restore(target)

    def _restore(self, target: AppState) -> bool:
        new_state = dataclasses.replace(self._state, anatomy=target.anatomy, compare_anatomy=target.compare_anatomy,
                                        own_anatomy=target.own_anatomy)
        self._show(new_state, derive(new_state), settled=True)
        return True
