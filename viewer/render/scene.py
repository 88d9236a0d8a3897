"""The 3D scene: bones, overlays, camera, on a render window it is given (on-screen or off-screen).

Usage::

    scene = Scene(render_window)                  # builds actors once
    scene.show(SceneInput(anatomy, pose, tuck_onset_deg=..., rounding_onset_deg=..., flags=ViewFlags(),
                          camera="side"))         # or SceneInput.of(state, solution)
    render_window.Render()
    scene.close()                                 # removes its renderers from the window

``show`` only sets user matrices, colours, points and visibility: it never rebuilds a mesh. Every
figure it shows is a field of the :class:`~viewer.model.pose.Pose` (``pelvic_tuck_deg``,
``lumbar_curve_deg``, ``lumbar_flexion_added_deg``, the hip figures); from the sweep it takes only
the depths of the tuck and rounding onsets, where the banners start.
Parametric bones (femur, acetabulum) are rebuilt by :meth:`Scene.update_parametric_meshes`,
meant for slider release.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.model import kinematics as kin
from viewer.model.anatomy import Anatomy
from viewer.model.anthropometry import segments
from viewer.model.pelvis_pose import placed_rim_contact
from viewer.model.pose import Pose
from viewer.wording import curve_words

from . import cameras, label_layout
from .bones import BoneActors, RenderBone
from .colours import curve_colour
from .compare_ghost import CompareGhost
from .foot_loads import FootLoads
from .labels import TextLabels
from .overlays import (
    MUSCLE_LEGEND_X_FRAC,
    ROUNDING_BANNER_TEXT,
    ContactMarker,
    CurveLegend,
    Floor,
    Ghost,
    LumbarRibbon,
    MuscleTubes,
    banner,
    keep_title_inside,
    muscle_legend,
    screen_text,
)
from .rig import load_bones, shape_key
from .scene_input import SceneInput, ViewFlags
from .vtk_imports import vtkCellPicker, vtkLight, vtkRenderer, vtkRenderWindow

#: Bones tinted with the lumbar curve's colour (as the ribbon through them): the five lumbar vertebrae.
TINT_SEGMENTS: frozenset[str] = frozenset(kin.LUMBAR_SEGMENTS)
#: Bones whose names are shown as callouts when bone labels are on (one per structure, right side).
CALLOUT_BONES: tuple[str, ...] = ("skull", "rib_cage", "l3", "sacrum", "pelvis_r", "femur_r", "patella_r",
                                  "tibia_r", "foot_r", "humerus_r")
ANGLE_KEYS: tuple[str, ...] = ("ankle", "knee", "hip", "pelvis", "lumbar")
#: Bones the hip close-up leaves out: the far (left) hip bone and leg, the arms and shoulders, the
#: rib cage and head, and the load. Seen from above and in front of the right hip, they stood in
#: front of (or behind, doubling) the one thing the view is for: the right femoral neck meeting the
#: socket rim. The left contact marker, the ghost's left hip bone and the plumb line go too.
HIP_CLOSE_UP_HIDDEN: frozenset[str] = frozenset({
    "pelvis_l", "femur_l", "patella_l", "tibia_l", "fibula_l", "foot_l", "heel_plate_l",
    "clavicle_l", "clavicle_r", "scapula_l", "scapula_r", "humerus_l", "humerus_r", "forearm_l", "forearm_r",
    "hand_l", "hand_r", "rib_cage", "cervical_spine", "skull", "mandible", "barbell", "kettlebell"})
BACKGROUND = (0.30, 0.34, 0.40)
#: Cameras that show the foot-load bars: those looking at the frontal plane, where the sides differ. From the
#: side and three-quarter cameras the bars stand in front of the feet and shins, from the top they are seen
#: end-on, and the close-up is about the hip.
FOOT_LOADS_CAMERAS: frozenset[str] = frozenset({"front", "back"})
#: A hip whose margin to its stop is within this much (°) of the other's is at its stop with it.
STOP_SIDE_TOLERANCE_DEG = 0.5


def sides_at_stop(pose: Pose, tolerance_deg: float = STOP_SIDE_TOLERANCE_DEG) -> frozenset[str]:
    """The hips ("l", "r") whose rim contact is shown once the pelvis tucks: the one nearest its stop
    (smallest ``hip_stop_margin_{l,r}_deg``), and the other if it is within ``tolerance_deg`` of it
    (both for a symmetric lifter)."""
    margins = {"l": float(pose.hip_stop_margin_l_deg), "r": float(pose.hip_stop_margin_r_deg)}
    lowest = min(margins.values())
    return frozenset(s for s, m in margins.items() if m <= lowest + tolerance_deg)


@dataclass(frozen=True, slots=True)
class Shown:
    """What the last :meth:`Scene.show` put on screen (for tests, readouts and exports).

    ``pelvic_tuck_deg`` / ``lumbar_curve_deg``: the pose's figures shown (degrees); ``tint_rgb``: the
    lumbar curve colour of the ribbon and L1–L5; ``at_stop``: the hip-stop banner and rim markers are
    shown (at or past the tuck onset); ``rounded``: the rounding banner is shown (at or past the
    rounding onset).
    """

    pelvic_tuck_deg: float
    lumbar_curve_deg: float
    tint_rgb: tuple[float, float, float]
    at_stop: bool
    rounded: bool
    thigh_angle_deg: float


#: How far above an onset (thigh angle, °) a pose still counts as at it (float noise of the interpolation).
ONSET_TOLERANCE_DEG = 1e-6
#: Width (px at font scale 1) the angle readouts left of the body need ("Lumbar rounded 10°").
READOUT_ROOM_PX = 175.0
#: Font size (px at font scale 1) of the angle readouts.
READOUT_FONT_PX = 20
#: A view at least this wide and high (px) shows its text at full size; a smaller one in proportion,
#: down to TEXT_SCALE_MIN (the 3D view on a 1024-px screen is ≈ 380 × 460 px).
FULL_TEXT_VIEW_PX: tuple[int, int] = (700, 600)
TEXT_SCALE_MIN = 0.65


def text_scale_for(width_px: int, height_px: int, largest: float = 1.0) -> float:
    """Scale of the 3D view's text for a view ``width_px`` × ``height_px``: the labels, the banner and
    the colour scales keep their share of the view, from :data:`TEXT_SCALE_MIN` in a small view up to
    ``largest`` (1 normally; presentation mode allows larger text where the view has room for it)."""
    if width_px <= 0 or height_px <= 0:
        return 1.0
    share = min(width_px / FULL_TEXT_VIEW_PX[0], height_px / FULL_TEXT_VIEW_PX[1])
    return min(max(share, TEXT_SCALE_MIN), max(largest, TEXT_SCALE_MIN))


def readout_gain(text_scale: float, boost: float) -> float:
    """How much larger than the rest of the 3D view's text the angle readouts are drawn: in
    presentation mode (``boost`` > 1) they keep at least ``boost`` × their normal size however small
    the view (``text_scale``, see :func:`text_scale_for`), so that on a 1024×768 projector, whose 3D
    view shrinks the rest of its text to 0.65×, a readout's capitals are ≈ 18 px high, not 9; 1 otherwise.
    """
    if boost <= 1.0 or text_scale <= 0.0:
        return 1.0
    return max(1.0, boost / text_scale)


def pelvis_readout(pelvic_tilt_deg: float, pelvic_tuck_deg: float | None) -> str:
    """The pelvis's angle readout: its tilt from standing in words, or, once it tucks, by how much.

    ``pelvic_tilt_deg``: + forward (anterior), 0 = as standing; ``pelvic_tuck_deg``: how far it has
    tilted back from its most forward tilt (the headline's "pelvis tucked" figure), ``None`` if unknown.
    """
    if pelvic_tuck_deg is not None and round(pelvic_tuck_deg) >= 1:
        return f"Pelvis tucked {pelvic_tuck_deg:.0f}°"
    tilt = round(float(pelvic_tilt_deg))
    if tilt == 0:
        return "Pelvis tilt 0°"
    return f"Pelvis tilt {abs(tilt)}° {'fwd' if tilt > 0 else 'back'}"


def lumbar_readout(lumbar_curve_deg: float) -> str:
    """The lower back's readout from ``Pose.lumbar_curve_deg`` (° : + curved in, 0 flat, − rounded), in
    the headline's words and rounding ("Lumbar curved in 12°", "Lumbar flat", "Lumbar rounded 5°")."""
    return "Lumbar " + curve_words(lumbar_curve_deg).removeprefix("lower back ")


class Scene:
    """Renderers, bone actors and overlays on one render window.

    Args:
        render_window: window to draw into (the scene adds two renderer layers to it).
        bones: rig bones with meshes (default :func:`viewer.render.rig.load_bones`: the generated meshes
            from ``skeleton_assets`` if loadable, else the stand-ins).
        font_scale: multiplies every font size (presentation mode, HiDPI exports).

    Text sizes are points: pixels at the window's DPI / 72 (72 unless :meth:`fit_text_to_view` or
    VTK's Qt widget set it), so the pixel offsets of the labels scale with the DPI too.
    """

    def __init__(self, render_window: vtkRenderWindow, bones: Sequence[RenderBone] | None = None,
                 font_scale: float = 1.0) -> None:
        self.window = render_window
        render_window.SetMultiSamples(0)
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(*BACKGROUND)
        # plain alpha blending for the faint ghost: order-independent translucency costs several
        # full-screen passes on a software renderer
        self.renderer.UseOITOff()
        self.renderer.UseDepthPeelingOff()
        # two lights that move with the camera: a head light and a key light from above right
        for position, intensity in (((0.0, 0.0, 1.0), 0.7), ((1.0, 1.2, 1.0), 0.45)):
            light = vtkLight()
            light.SetLightTypeToCameraLight()
            light.SetPosition(*position)
            light.SetFocalPoint(0.0, 0.0, 0.0)
            light.SetIntensity(intensity)
            self.renderer.AddLight(light)
        render_window.AddRenderer(self.renderer)
        f = float(font_scale)
        bone_list = list(bones) if bones is not None else load_bones()
        self.bones = BoneActors(self.renderer, bone_list)
        self.specs = kin.normalise_rig({b.id: b for b in bone_list})
        # a 45 cm plate hides the whole spine in the side view: keep the barbell see-through
        self.bones.set_opacity(self.bones.ids_on(["barbell"]), 0.4)
        self._tinted = self.bones.ids_on(TINT_SEGMENTS)
        self._pelvis_ids = self.bones.ids_on(["pelvis"])
        self.ghost = Ghost(self.renderer, [b for b in bone_list if b.segment in kin.GHOST_SEGMENTS])
        self.ribbon = LumbarRibbon(self.renderer)
        self.floor = Floor(self.renderer)
        self.foot_loads = FootLoads(self.renderer, font_px=round(18 * f))
        self.contact = ContactMarker(self.renderer, radius_px=10.0 * max(f, 0.6), font_px=round(24 * f))
        self.legend = CurveLegend(self.renderer, font_px=round(21 * f))
        self.rounding_banner = banner(self.renderer, ROUNDING_BANNER_TEXT, curve_colour(0.0), 0.73, round(24 * f))
        self.muscle_legend = muscle_legend(self.renderer, font_px=round(17 * f))
        self._muscle_names = [f"{m}_{s}" for m in kin.MUSCLES_DRAWN for s in ("l", "r")]
        self.muscles = MuscleTubes(self.renderer, self._muscle_names,
                                   {n: (4 if n.startswith("rectus") else 2) for n in self._muscle_names})
        self._font_scale = f
        self._text_boost = 1.0  # presentation mode: the view's text this much larger (fit_text_to_view)
        self._readout_gain = 1.0  # the angle readouts' size over the rest of the view's text (fit_text_to_view)
        self.angle_labels = TextLabels(self.renderer, ANGLE_KEYS, font_px=round(READOUT_FONT_PX * f),
                                       right_aligned=("hip", "pelvis", "lumbar"))
        self.bone_labels = TextLabels(self.renderer, [b for b in CALLOUT_BONES if b in self.bones.bones],
                                      font_px=round(17 * f), colour=(0.05, 0.05, 0.08), background=(1.0, 1.0, 0.9))
        self.caption = screen_text(self.renderer, 0.02, 0.975, round(24 * f))  # top left
        self.caption.GetTextProperty().SetVerticalJustificationToTop()
        self.input: SceneInput | None = None  # what the last show put on screen
        self.shown: Shown | None = None
        self._contacts: dict[str, np.ndarray] = {}
        self._parametric_key = shape_key(Anatomy())  # shapes as committed
        self.camera_name: str | None = None  # the preset the camera is at (None: none yet)
        self.close_up = False  # the hip close-up's bones are left out (the camera is there or on its way)
        self._moving_to: str | None = None  # the preset a camera move is heading for (see begin_camera_move)
        self._hidden: frozenset[str] | None = None  # bone ids hidden by the last show
        self._hidden_for: dict[tuple[frozenset[str], bool], frozenset[str]] = {}
        self._matrices: dict[str, np.ndarray] = {}  # bone matrices of the last show
        self._tint: tuple[float, tuple[float, float, float]] = (float("nan"), curve_colour(0.0))  # (curve °, rgb)
        self._compare: CompareGhost | None = None
        self._picker = vtkCellPicker()
        self._picker.SetTolerance(0.002)

    # ------------------------------------------------------------------------- showing the model
    @property
    def anatomy(self) -> Anatomy | None:
        """The anatomy shown (``None`` before the first :meth:`show`)."""
        return self.input.anatomy if self.input is not None else None

    @property
    def pose(self) -> Pose | None:
        """The pose shown (``None`` before the first :meth:`show`)."""
        return self.input.pose if self.input is not None else None

    @property
    def flags(self) -> ViewFlags:
        """The view flags shown (the defaults before the first :meth:`show`)."""
        return self.input.flags if self.input is not None else ViewFlags()

    @property
    def compare(self) -> CompareGhost:
        """The A/B ghost that shows ``SceneInput.compare`` (built on first use: exports without a B
        never need its actors)."""
        if self._compare is None:
            self._compare = CompareGhost(self)
        return self._compare

    @property
    def camera_target(self) -> str | None:
        """The preset the camera is at, or heading for during a camera move."""
        return self._moving_to or self.camera_name

    def show(self, inp: SceneInput) -> Shown:
        """Show ``inp``: bone matrices, lumbar curve ribbon and tint, ghost, rim contact and banners,
        floor lines, muscles, labels; the camera jumps to ``inp.camera`` unless it is there or heading
        there (:meth:`begin_camera_move`). Every figure shown is a field of ``inp.pose``. Only sets
        matrices, colours, points and visibility; does not render (ask the window, or the widget).
        """
        shown = self._apply(inp)
        if inp.camera != self.camera_target or (inp.camera == "hip" and self._moving_to is None):
            self.set_camera(inp.camera)  # a new preset; or the close-up, which follows the hip
        return shown

    def _apply(self, inp: SceneInput) -> Shown:
        """:meth:`show` but the camera."""
        self.input = inp
        anatomy, pose, flags = inp.anatomy, inp.pose, inp.flags
        tuck_onset_deg, rounding_onset_deg = inp.tuck_onset_deg, inp.rounding_onset_deg
        thigh = float(pose.thigh_angle_deg)
        frames = kin.segment_frames(pose, anatomy)
        matrices = kin.matrices_from_frames(frames, self.specs)
        self.bones.set_matrices(matrices)
        hidden = self.hidden_bones(anatomy)
        if hidden != self._hidden:  # props and close-up only change with the anatomy or the camera
            for b in self.bones.bones.values():
                self.bones.actors[b.id].SetVisibility(b.id not in hidden)
            self._hidden = hidden
        close_up = self.close_up

        tuck = float(pose.pelvic_tuck_deg)
        curve = float(pose.lumbar_curve_deg)
        # the pose's thigh angle is interpolated on the sweep's grid: at an onset it may miss it by ~1e-14°
        tucking = thigh >= tuck_onset_deg - ONSET_TOLERANCE_DEG if tuck_onset_deg is not None else tuck > 0.0
        rounded = (thigh >= rounding_onset_deg - ONSET_TOLERANCE_DEG if rounding_onset_deg is not None
                   else curve <= 0.0)
        if curve != self._tint[0]:
            self._tint = (curve, curve_colour(curve))
        rgb = self._tint[1]
        if self._tinted and self.bones.colour(self._tinted[-1]) != rgb:
            for bone_id in self._tinted:
                self.bones.set_colour(bone_id, rgb)
        self.bones.set_opacity(self._pelvis_ids, 0.35 if flags.transparent_pelvis else 1.0)
        show_ribbon = flags.lumbar_curve and not close_up
        if show_ribbon:  # a hidden ribbon is brought up to date when it is shown again
            self.ribbon.update(frames["l5"].origin, pose.joints["thoracolumbar"], curve)
        self.ribbon.set_visible(show_ribbon)

        show_ghost = flags.ghost and tuck > 0.5
        ghost = kin.neutral_matrices(pose, anatomy, self.specs, frames=frames) if show_ghost else None
        if ghost is not None and close_up:
            ghost = {k: m for k, m in ghost.items() if k not in hidden}
        self.ghost.update(ghost)

        stop_sides = sides_at_stop(pose)
        placed = placed_rim_contact(pose, {s: frames[f"thigh_{s}"].origin for s in ("l", "r")})
        self._contacts = {s: p for s, p in placed.items() if s in stop_sides and not (close_up and s == "l")}
        self._update_contact(tucking)
        self.rounding_banner.SetVisibility(rounded)

        seg = segments(anatomy)
        heel_x = 0.5 * (float(pose.joints["heel_l"][0]) + float(pose.joints["heel_r"][0]))
        toe_x = 0.5 * (float(pose.joints["toe_l"][0]) + float(pose.joints["toe_r"][0]))
        midfoot = heel_x + (toe_x - heel_x) * seg.heel_to_midfoot_m / seg.foot_length_m
        self.floor.update(np.asarray(pose.joints["com"], float), midfoot, bool(pose.balanced))
        self.floor.set_visible(flags.floor and not close_up)

        if flags.muscles:  # hidden tubes are brought up to date when they are shown again
            self.muscles.update(kin.muscle_paths(pose, anatomy, frames), pose.muscles)
        self.muscles.show_only([n for n in self.muscles.names if n.endswith("_r")] if close_up else None)
        self.muscles.set_visible(flags.muscles)
        self.muscle_legend.SetVisibility(flags.muscles and flags.legend)
        self.legend.set_visible(flags.legend and flags.lumbar_curve)
        self._matrices = matrices
        self._update_labels(pose, matrices, flags)
        self._update_foot_loads()
        if inp.compare is not None or self._compare is not None:
            self.compare.update(inp.compare)
        self.shown = Shown(tuck, curve, rgb, tucking, rounded, thigh)
        return self.shown

    def _update_foot_loads(self) -> None:
        """Show the foot-load bars (with the floor, from the :data:`FOOT_LOADS_CAMERAS`) at the pose's loads."""
        inp = self.input
        show = (inp is not None and inp.flags.floor and not self.close_up
                and self.camera_target in FOOT_LOADS_CAMERAS)
        self.foot_loads.set_visible(show)
        if show:
            avoid = ([*self.angle_labels.boxes().values(), *self.legend_boxes()]
                     if self.renderer.IsActiveCameraCreated() else [])  # (no view to place in yet)
            self.foot_loads.update(inp.pose, inp.anatomy.height_m, self._text_px(), avoid)

    def _update_labels(self, pose: Pose, matrices: dict[str, np.ndarray], flags: ViewFlags) -> None:
        j = pose.joints
        px = self._text_px() * self._readout_gain

        def at(joint: str, dx: float, dy: float) -> tuple[np.ndarray, tuple[float, float]]:
            return np.asarray(j[joint], float), (dx * px, dy * px)

        items = {}
        if flags.angle_readouts:
            items = {
                "ankle": (f"Ankle {pose.ankle_dorsiflexion_deg:.0f}°", *at("ankle_r", 45, -18)),
                "knee": (f"Knee {pose.knee_flexion_deg:.0f}°", *at("knee_r", 45, 8)),
                "hip": (f"Hip {pose.hip_flexion_deg:.0f}°", *at("hip_r", -40, -45)),
                "pelvis": (pelvis_readout(pose.pelvic_tilt_deg, pose.pelvic_tuck_deg), *at("lumbosacral", -70, -5)),
                "lumbar": (lumbar_readout(pose.lumbar_curve_deg), *at("thoracolumbar", -60, 10)),
            }
        items = self._clear_of_legends(items)
        self.angle_labels.update(items, flags.angle_readouts)
        names = {}
        if flags.bone_labels:
            names = self._bone_label_items(matrices, items)
        self.bone_labels.update(names, flags.bone_labels)

    def _bone_label_items(self, matrices: dict[str, np.ndarray],
                          readouts: dict[str, tuple[str, np.ndarray, tuple[float, float]]]
                          ) -> dict[str, tuple[str, np.ndarray, tuple[float, float]]]:
        """Bone names, each at the middle of its bone (the femur's and the hip bone's origins are
        both the hip joint), shifted up or down on screen so that no two labels (names or angle
        readouts) overlap."""
        px = self._text_px()
        fixed = [self.angle_labels.box_at(k, *item) for k, item in readouts.items()]
        names: dict[str, tuple[str, np.ndarray, tuple[float, float]]] = {}
        for bone_id in self.bone_labels.actors:
            if bone_id in (self._hidden or ()):
                continue
            b = self.bones.bones[bone_id]
            centre = matrices[bone_id] @ np.append(self._mesh_centre(bone_id), 1.0)
            names[bone_id] = (b.label or bone_id, centre[:3], (12.0 * px, 0.0))
        return self.bone_labels.spread(names, fixed)

    def legend_boxes(self) -> list[label_layout.Box]:
        """Display-pixel boxes of the colour scales shown (the lumbar curve's, the muscles')."""
        boxes = []
        for bar in (self.legend.actor, self.muscle_legend):
            if bar.GetVisibility():
                x0, y0 = bar.GetPositionCoordinate().GetComputedDisplayValue(self.renderer)
                x1, y1 = bar.GetPosition2Coordinate().GetComputedDisplayValue(self.renderer)
                boxes.append((float(x0), float(y0), float(x1), float(y1)))
        return boxes

    def _clear_of_legends(self, readouts: dict[str, tuple[str, np.ndarray, tuple[float, float]]]
                          ) -> dict[str, tuple[str, np.ndarray, tuple[float, float]]]:
        """The angle readouts, each moved up or down as little as clears the colour scales (a readout
        next to its joint can land on a scale in a small view)."""
        legends = self.legend_boxes()
        if not legends or not readouts or not self.renderer.IsActiveCameraCreated():  # (no view to place in yet)
            return readouts
        return self.angle_labels.spread(readouts, legends)

    def _mesh_centre(self, bone_id: str) -> np.ndarray:
        """Centre of a bone's mesh bounds in the bone's own frame (m, (3,))."""
        mesh = self.bones.actors[bone_id].GetMapper().GetInput()
        return np.asarray(mesh.GetCenter(), float)

    def _update_contact(self, at_stop: bool) -> None:
        if not at_stop:  # markers hidden: no need to look at the camera
            self.contact.update(False, self._contacts)
            return
        cam = self.renderer.GetActiveCamera()
        self.contact.update(at_stop, self._contacts, np.array(cam.GetPosition()), np.array(cam.GetFocalPoint()))

    def set_caption(self, text: str) -> None:
        """Text at the top left (e.g. the preset and depth in exported pictures); "" hides it."""
        self.caption.SetInput(text)
        self.caption.SetVisibility(bool(text))

    def set_text_boost(self, boost: float) -> None:
        """Let the view's text grow up to ``boost`` × its normal size where the view has room for it
        (presentation mode: the window's text scale, 1.25–1.6); 1 for normal. Takes effect at the next
        :meth:`fit_text_to_view`."""
        if not (math.isfinite(boost) and boost > 0.0):
            raise ValueError(f"text boost must be a positive number, got {boost!r}")
        self._text_boost = float(boost)

    @property
    def text_boost(self) -> float:
        """See :meth:`set_text_boost`."""
        return self._text_boost

    def fit_text_to_view(self, pixel_ratio: float = 1.0) -> bool:
        """Size the text for the view: the window's DPI = 72 × ``pixel_ratio`` (device pixels per
        logical pixel, HiDPI screens) × :func:`text_scale_for` its logical size, up to the text boost
        (:meth:`set_text_boost`). For the window's view, after every resize (exports choose their
        ``font_scale`` for their size instead). Lays the labels out again when the DPI changed or they
        were drawn at another one; returns whether anything changed (a new frame is needed).
        """
        ratio = pixel_ratio if pixel_ratio > 0 else 1.0
        width, height = self.window.GetSize()
        scale = text_scale_for(round(width / ratio), round(height / ratio), self._text_boost)
        dpi = round(72 * ratio * scale)
        changed = dpi != self.window.GetDPI()
        if changed:
            self.window.SetDPI(dpi)
        self._readout_gain = readout_gain(scale, self._text_boost)  # the readouts over the rest of the text
        readout_px = round(READOUT_FONT_PX * self._font_scale * self._readout_gain)
        changed = self.angle_labels.set_font_px(readout_px) or changed
        self.contact.set_pixel_scale(dpi / 72.0)
        self.keep_scale_titles_inside()
        # VTK's widget may have set this DPI already (72 × ratio), after the labels were drawn at another
        stale = self.angle_labels.dpi_drawn not in (0, dpi) or self.bone_labels.dpi_drawn not in (0, dpi)
        if (changed or stale) and self.pose is not None and self._matrices:
            self._update_labels(self.pose, self._matrices, self.flags)
            self._update_foot_loads()
            return True
        return changed

    def keep_scale_titles_inside(self) -> None:
        """Move the colour scales in from the view's edges as far as their titles need, at the
        window's size and DPI (after a resize; exports once)."""
        size, dpi = self.window.GetSize(), self.window.GetDPI()
        keep_title_inside(self.legend.actor, CurveLegend.X_FRAC, size, dpi)
        keep_title_inside(self.muscle_legend, MUSCLE_LEGEND_X_FRAC, size, dpi)

    def _text_px(self) -> float:
        """Pixels per point-sized pixel of the labels' offsets: the font scale × DPI / 72."""
        return self._font_scale * self.window.GetDPI() / 72.0

    # ------------------------------------------------------------------------- camera
    def camera_pose(self, name: str) -> cameras.CameraPose:
        """Target pose of camera preset ``name`` for the current anatomy and pose."""
        size = self.window.GetSize()
        if size[1] <= 0:
            return cameras.preset(name, self.anatomy or Anatomy(), self.pose)
        # the readouts left of the body take a fixed width in pixels: in a narrow view (a 1024-px
        # projector) frame the lifter as if the view were narrower by what they need beyond the
        # quarter of the width that the space behind the body already gives them
        reserve = 0.0
        if self.flags.angle_readouts:
            reserve = max(READOUT_ROOM_PX * self._text_px() * self._readout_gain - 0.25 * size[0], 0.0)
        aspect = (size[0] - reserve) / size[1]
        return cameras.preset(name, self.anatomy or Anatomy(), self.pose, aspect=aspect)

    def set_camera(self, name: str) -> None:
        """Jump to camera preset ``name`` (see :data:`viewer.render.cameras.PRESETS`); ends a camera move."""
        self.set_camera_pose(self.camera_pose(name))
        self.camera_name = name
        self._moving_to = None
        if self._set_close_up(name == "hip"):  # (which shows the scene again, labels and all)
            self.renderer.ResetCameraClippingRange()  # the depth range of the bones now drawn
        elif self.pose is not None and self._matrices:
            # lay the names out for this view, and keep every label inside it (a resize comes here too)
            self._update_labels(self.pose, self._matrices, self.flags)
            self._update_foot_loads()

    def begin_camera_move(self, name: str) -> None:
        """A camera move towards preset ``name`` starts (the view then sets the in-between poses and
        finally calls :meth:`set_camera`).

        Heading into the hip close-up, the bones it leaves out go now, not when the camera arrives;
        heading out, they come back when it has left. Close to the hip, the camera passed through the
        far leg, the arms and the B ghost, which filled the picture and cost the software renderer
        3-5 frames' time each. Until the move ends, a new pose does not snap the camera to the close-up.
        """
        self._moving_to = name
        if name == "hip":
            self._set_close_up(True)
        self._update_foot_loads()

    def _set_close_up(self, on: bool) -> bool:
        """Leave out (or bring back) the close-up's bones; return whether that changed anything."""
        if on == self.close_up:
            return False
        self.close_up = on
        if self.input is not None:
            self._apply(self.input)  # (which shows or hides the bones for A and B)
        return True

    def hidden_bones(self, anatomy: Anatomy) -> frozenset[str]:
        """Ids of the bones not drawn: props this anatomy lacks, and :data:`HIP_CLOSE_UP_HIDDEN` in
        the hip close-up."""
        key = (kin.hidden_segments(anatomy), self.close_up)
        if key not in self._hidden_for:  # a handful of combinations: kept (this runs every frame)
            segs, close_up = key
            hidden = frozenset(b.id for b in self.bones.bones.values() if b.segment in segs)
            self._hidden_for[key] = hidden | HIP_CLOSE_UP_HIDDEN if close_up else hidden
        return self._hidden_for[key]

    def fit_camera(self, margin: float = 1.08, legend_px: int = 170, top_px: int = 0, left_px: int | None = None
                   ) -> None:
        """Keep the camera's direction but frame the visible bones tightly (snapshots of one pose).

        ``legend_px`` / ``top_px`` keep that many pixels free on the right (colour scale) and at the
        top (caption and banner; default 17 % of the height); ``left_px`` on the left for the angle
        readouts that stand left of the body (default: room for them when they are shown).
        """
        if left_px is None:
            left_px = int(150 * self._font_scale) if self.flags.angle_readouts else 0
        lo = np.full(3, np.inf)
        hi = np.full(3, -np.inf)
        for a in (*self.bones.actors.values(), *self.foot_loads.bars.values()):  # the bars stand beside the feet
            if a.GetVisibility():
                b = a.GetBounds()
                lo = np.minimum(lo, b[0::2])
                hi = np.maximum(hi, b[1::2])
        if not np.all(np.isfinite(lo)):
            return
        lo[1] = min(lo[1], 0.0)  # keep the floor line in the picture
        cam = self.current_camera()
        pos, focal = np.array(cam.position), np.array(cam.focal_point)
        view = (focal - pos) / np.linalg.norm(focal - pos)
        up = np.array(cam.view_up)
        right = np.cross(view, up)
        corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
        centre = 0.5 * (lo + hi)
        rel = corners - centre
        half_h = float(np.max(np.abs(rel @ up))) * margin
        half_w = float(np.max(np.abs(rel @ right))) * margin
        w, h = self.window.GetSize()
        top_px = top_px or int(0.17 * h)
        usable_w = max(w - legend_px - left_px, w * 0.4)
        usable_h = max(h - top_px, h * 0.5)
        tan_half = np.tan(np.radians(cam.view_angle_deg / 2.0))
        need = max(half_h * h / usable_h, half_w * h / usable_w)  # half the view height, metres at the box
        dist = need / tan_half + float(np.max(np.abs(rel @ view)))
        metres_per_px = 2.0 * need / h
        new_focal = (centre + right * ((legend_px - left_px) / 2.0) * metres_per_px
                     + up * (top_px / 2.0) * metres_per_px)
        self.set_camera_pose(cameras.CameraPose(tuple(new_focal - view * dist), tuple(new_focal), tuple(up),
                                                cam.view_angle_deg))

    def set_camera_pose(self, pose: cameras.CameraPose) -> None:
        """Put the camera at ``pose`` and fit the clipping range."""
        cameras.apply_camera(self.renderer.GetActiveCamera(), pose)
        self.renderer.ResetCameraClippingRange()
        if self.shown is not None:
            self._update_contact(self.shown.at_stop)

    def current_camera(self) -> cameras.CameraPose:
        """The camera as it is now."""
        return cameras.read_camera(self.renderer.GetActiveCamera())

    # ------------------------------------------------------------------------- meshes, picking
    def update_parametric_meshes(self, anatomy: Anatomy,
                                 builder: Callable[[Anatomy], dict[str, Any]] | None = None) -> list[str]:
        """Rebuild the bones whose shape follows the anatomy (femur, acetabulum); call on slider release.

        ``builder`` maps an anatomy to ``{bone_id: vtkPolyData}`` (default: the rig's generator, if any).
        Returns the ids of the replaced meshes (empty when there is nothing to rebuild).
        """
        from .rig import parametric_builder

        key = shape_key(anatomy)
        if builder is None:
            if key == self._parametric_key:
                return []  # shapes already match these parameters
            builder = parametric_builder()
            if builder is None:
                return []
        new = builder(anatomy)
        self._parametric_key = key
        done = []
        for bone_id, mesh in new.items():
            if bone_id in self.bones.bones:
                self.bones.replace_mesh(bone_id, mesh)
                if bone_id in self.ghost.actors:
                    self.ghost.actors[bone_id].GetMapper().SetInputData(mesh)
                done.append(bone_id)
        return done

    def bone_at(self, x_px: float, y_px: float) -> str | None:
        """Id of the bone under a display point (pixels, origin bottom-left), or ``None``."""
        if not self._picker.Pick(x_px, y_px, 0.0, self.renderer):
            return None
        actor = self._picker.GetActor()
        for bone_id, a in self.bones.actors.items():
            if a is actor:
                return bone_id
        return None

    def triangle_count(self) -> int:
        """Triangles of the visible bone meshes (the scene's bulk; overlays add a few hundred)."""
        return self.bones.triangle_count(visible_only=True)

    # ------------------------------------------------------------------------- teardown
    def close(self) -> None:
        """Detach from the render window (does not finalize the window, its owner does)."""
        if self.window is None:
            return
        self.renderer.RemoveAllViewProps()
        self.window.RemoveRenderer(self.renderer)
        self.bones.actors.clear()
        self.window = None
