"""Make the docs gallery from the headless snapshot: ``python -m viewer.render.gallery [out_dir] [markdown]``.

Writes the pictures into ``out_dir`` (default ``docs/gallery``) and their captions into the markdown
file (default ``docs/gallery.md``), between ``<!-- caption:NAME -->`` and ``<!-- /caption -->``
markers: every number in a caption is read from the model (the sweep's onsets, the pose's
``pelvic_tuck_deg``, ``lumbar_curve_deg``, hip figures), so captions and pictures agree.

Pictures: the average lifter from the side at standing, the tuck onset, the rounding onset and the
deepest point (1280×800); the stiff-ankled lifter at the same four moments from the three-quarter
camera (2×2 tiles of 640×400); a hip close-up at the stop; two presets side by side at one depth;
loads and views; left ≠ right presets from the front and the back at the deepest point.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from viewer.model.pose import Pose, Sweep
from viewer.model.presets import PRESETS
from viewer.model.squat import sweep
from viewer.wording import curve_words, thigh_words

from .scene_input import ViewFlags
from .snapshot import OffscreenRenderer

SIZE = (1280, 800)
TILE = (640, 400)
#: The moments of a squat the gallery shows, in order.
MOMENTS: tuple[str, ...] = ("standing", "tuck onset", "rounding onset", "deepest")


def moment_angle(sw: Sweep, moment: str) -> float | None:
    """Thigh angle (°) of a :data:`MOMENTS` entry in ``sw`` (``None`` when the squat never gets there)."""
    if moment == "standing":
        return float(sw.thigh_angle_deg[0])
    if moment == "tuck onset":
        return None if sw.tuck_onset is None else float(sw.tuck_onset.thigh_angle_deg)
    if moment == "rounding onset":
        return None if sw.rounding_onset is None else float(sw.rounding_onset.thigh_angle_deg)
    if moment == "deepest":
        return float(sw.deepest.thigh_angle_deg)
    raise ValueError(f"unknown moment {moment!r}; known: {', '.join(MOMENTS)}")


def pose_facts(pose: Pose) -> str:
    """The figures the picture of ``pose`` shows: hip flexion of its stop, pelvic tuck, lumbar curve."""
    return (f"hip {pose.hip_flexion_deg:.0f}° of its {pose.hip_stop_deg:.0f}° stop, "
            f"pelvis tucked {pose.pelvic_tuck_deg:.0f}°, {curve_words(pose.lumbar_curve_deg)}")


def squat_facts(preset: str, sw: Sweep) -> str:
    """Where the preset's squat tucks, rounds and ends."""
    def at(moment: str) -> str:
        angle = moment_angle(sw, moment)
        return "never" if angle is None else thigh_words(angle)

    return (f"{preset}: tuck onset {at('tuck onset')}, rounding onset {at('rounding onset')}, "
            f"deepest {at('deepest')} (limited by {sw.deepest_limited_by.replace('_', ' ')})")


@dataclass(frozen=True)
class Picture:
    """One gallery picture: its file name, how to render it (RGB uint8 (H, W, 3)), and its caption
    (from the model)."""

    name: str
    render: Callable[[], np.ndarray]
    caption: Callable[[], str]


def shot(preset: str, thigh_deg: float | None, *, camera: str = "side", size: tuple[int, int] = SIZE,
         flags: ViewFlags | None = None, title: str | None = None) -> np.ndarray:
    """``preset`` at ``thigh_deg`` (``None``: deepest reachable), RGB (H, W, 3), framed tightly but in
    the hip close-up, with ``title`` (default: the preset and its depth) at the top left."""
    anatomy = PRESETS[preset].anatomy
    sw = sweep(anatomy)
    angle = float(sw.thigh_angle_deg[-1]) if thigh_deg is None else thigh_deg
    with OffscreenRenderer(anatomy, sw, size=size, camera=camera, flags=flags, fit=camera != "hip") as r:
        r.show(angle)
        pose = r.scene.pose
        r.scene.set_caption(title if title is not None else f"{preset}\n{thigh_words(pose.thigh_angle_deg)}")
        return r.grab()


def _grid(tiles: list[np.ndarray]) -> np.ndarray:
    """Four tiles, two by two."""
    return np.concatenate([np.concatenate(tiles[:2], 1), np.concatenate(tiles[2:], 1)], 0)


def _beside(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Two pictures side by side with a 4-px white gap."""
    return np.concatenate([left, np.full((left.shape[0], 4, 3), 255, np.uint8), right], axis=1)


def _moment_shot(preset: str, moment: str, camera: str, size: tuple[int, int]) -> np.ndarray:
    sw = sweep(PRESETS[preset].anatomy)
    angle = moment_angle(sw, moment)
    if angle is None:  # the squat never gets there: an empty tile says so
        return np.full((size[1], size[0], 3), 255, np.uint8)
    title = f"{preset}: standing" if moment == "standing" else f"{preset}: {moment}\n{thigh_words(angle)}"
    return shot(preset, angle, camera=camera, size=size, title=title)


def _moment_caption(preset: str, moment: str) -> str:
    sw = sweep(PRESETS[preset].anatomy)
    angle = moment_angle(sw, moment)
    if angle is None:
        return f"{preset} never reaches its {moment}."
    where = "standing" if moment == "standing" else f"{moment} ({thigh_words(angle)})"
    return f"{preset}, {where}: {pose_facts(sw.pose_at(angle))}."


def _sequence_caption(preset: str) -> str:
    sw = sweep(PRESETS[preset].anatomy)
    parts = []
    for m in MOMENTS:
        angle = moment_angle(sw, m)
        if angle is not None:
            where = m if m == "standing" else f"{m} ({thigh_words(angle)})"
            parts.append(f"{where}: {pose_facts(sw.pose_at(angle))}")
    return squat_facts(preset, sw) + ". " + "; ".join(parts) + "."


PAIR = ("Average lifter", "Deep sockets (Scottish hip)")
LOADS = (("Low-bar back squat", "side"), ("Goblet squat", "side"), ("Plates under heels", "side"),
         ("Goblet squat", "three_quarter"))
CLOSE_UP_FLAGS = ViewFlags(transparent_pelvis=True, muscles=False, angle_readouts=False, floor=False, ghost=False,
                           lumbar_curve=False, legend=False)


def _pair() -> np.ndarray:
    a, b = PAIR
    depth = float(sweep(PRESETS[b].anatomy).deepest.thigh_angle_deg)
    half = (SIZE[0] // 2, SIZE[1])
    flags = ViewFlags(angle_readouts=True, muscles=False)
    return _beside(shot(a, depth, size=half, flags=flags), shot(b, depth, size=half, flags=flags))


def _pair_caption() -> str:
    a, b = PAIR
    sw_b = sweep(PRESETS[b].anatomy)
    depth = float(sw_b.deepest.thigh_angle_deg)
    sw_a = sweep(PRESETS[a].anatomy)
    return (f"Both at {thigh_words(depth)}, the deepest the second lifter reaches. {a} (left): "
            f"{pose_facts(sw_a.pose_at(depth))}. {b} (right): {pose_facts(sw_b.pose_at(depth))}.")


def _loads() -> np.ndarray:
    return _grid([shot(name, None, camera=camera, size=TILE, flags=ViewFlags(angle_readouts=False),
                       title=f"{name} ({camera.replace('_', '-')} view)") for name, camera in LOADS])


def _loads_caption() -> str:
    parts = []
    for name in dict.fromkeys(name for name, _camera in LOADS):
        sw = sweep(PRESETS[name].anatomy)
        parts.append(f"{name} at its deepest ({thigh_words(sw.deepest.thigh_angle_deg)}): "
                     f"{pose_facts(sw.pose_at(sw.deepest.thigh_angle_deg))}")
    return "; ".join(parts) + "."


def _close_up() -> np.ndarray:
    return shot("Average lifter", None, camera="hip", flags=CLOSE_UP_FLAGS,
                title="Right hip at its bony stop\n(pelvis see-through)")


def _close_up_caption() -> str:
    sw = sweep(PRESETS["Average lifter"].anatomy)
    pose = sw.pose_at(sw.deepest.thigh_angle_deg)
    return (f"Average lifter at the deepest point ({thigh_words(pose.thigh_angle_deg)}): hip "
            f"{pose.hip_flexion_deg:.0f}° of its {pose.hip_stop_deg:.0f}° stop; at this depth the hip would "
            f"need {pose.hip_flexion_needed_deg:.0f}° had the pelvis not tucked ({pose.pelvic_tuck_deg:.0f}°).")


#: Left ≠ right presets shown from the front and the back at their deepest point.
SIDES_PRESETS: tuple[str, ...] = ("One retroverted hip", "One stiff ankle", "Knees out, feet forward",
                                  "Knees caving in")
SIDES_TILE = (640, 800)
_FIRST_STOP = {"l": "the left hip reaches its stop first", "r": "the right hip reaches its stop first",
               "both": "both hips reach their stops together", "": "neither hip reaches its stop"}


def sides_file(preset: str) -> str:
    """File name of a left ≠ right preset's front-and-back picture."""
    return "sides_" + re.sub(r"[^a-z0-9]+", "_", preset.lower()).strip("_") + ".png"


def _knee_words(cm: float) -> str:
    if round(cm) == 0:
        return "over"
    return f"{abs(cm):.0f} cm {'outside' if cm > 0 else 'inside'}"


def side_facts(pose: Pose, first_stop_side: str) -> str:
    """What a front or back picture of ``pose`` shows: the pelvis's shift, turn and drop, the load on each
    foot, which hip stops first and where the knees are."""
    shift, turn, drop = pose.pelvic_shift_cm, pose.pelvic_rotation_deg, pose.pelvic_obliquity_deg
    where = "not shifted" if round(shift, 1) == 0 else \
        f"shifted {abs(shift):.1f} cm to the {'right' if shift > 0 else 'left'}"
    turned = "not turned" if round(turn) == 0 else \
        f"turned {abs(turn):.0f}° ({'right' if turn > 0 else 'left'} hip forward)"
    dropped = "level" if round(drop) == 0 else \
        f"dropped {abs(drop):.0f}° on the {'left' if drop > 0 else 'right'}"
    left, right = _knee_words(pose.knee_out_l_cm), _knee_words(pose.knee_out_r_cm)
    knees = f"both knees {left}" if left == right else f"left knee {left}, right knee {right}"
    return (f"pelvis {where}, {turned}, {dropped}; left foot {pose.foot_load_l_pct:.0f} %, right foot "
            f"{pose.foot_load_r_pct:.0f} % of body weight; {_FIRST_STOP[first_stop_side]}; {knees} the line from "
            f"heel to toes")


def _front_back(preset: str) -> np.ndarray:
    flags = ViewFlags(angle_readouts=False, muscles=False)  # (the muscle scale would stand over a foot's bar)
    front, back = (shot(preset, None, camera=camera, size=SIDES_TILE, flags=flags, title=f"{preset}\nfrom the {camera}")
                   for camera in ("front", "back"))
    return _beside(front, back)


def _front_back_caption(preset: str) -> str:
    sw = sweep(PRESETS[preset].anatomy)
    pose = sw.pose_at(sw.deepest.thigh_angle_deg)
    return (f"{preset} at its deepest ({thigh_words(pose.thigh_angle_deg)}), from the front (left) and the back "
            f"(right): {side_facts(pose, sw.first_stop_side)}.")


def pictures() -> list[Picture]:
    """Every gallery picture, in the order the gallery shows them."""
    return [*(Picture(f"side_{m.replace(' ', '_')}.png", lambda m=m: _moment_shot("Average lifter", m, "side", SIZE),
                      lambda m=m: _moment_caption("Average lifter", m)) for m in MOMENTS),
            Picture("stiff_ankles_three_quarter.png",
                    lambda: _grid([_moment_shot("Stiff ankles", m, "three_quarter", TILE) for m in MOMENTS]),
                    lambda: _sequence_caption("Stiff ankles")),
            Picture("hip_closeup_stop.png", _close_up, _close_up_caption),
            Picture("presets_side_by_side.png", _pair, _pair_caption),
            Picture("loads_and_views.png", _loads, _loads_caption),
            *(Picture(sides_file(p), lambda p=p: _front_back(p), lambda p=p: _front_back_caption(p))
              for p in SIDES_PRESETS)]


def captions() -> dict[str, str]:
    """Caption of every gallery picture, by file name (model only: no rendering)."""
    return {p.name: p.caption() for p in pictures()}


_MARKER = re.compile(r"<!-- caption:(?P<name>[\w.\-]+) -->\n(?P<body>(?:(?!<!--).)*?)\n?<!-- /caption -->", re.S)


def marked_captions(markdown: str) -> dict[str, str]:
    """The captions between the markers of a gallery markdown text, by picture file name."""
    return {m["name"]: m["body"] for m in _MARKER.finditer(markdown)}


def fill_captions(markdown: str, texts: dict[str, str]) -> str:
    """``markdown`` with the text between each picture's markers replaced by its caption."""
    return _MARKER.sub(lambda m: f"<!-- caption:{m['name']} -->\n{texts.get(m['name'], m['body'])}\n<!-- /caption -->",
                       markdown)


def make_gallery(out: Path, markdown: Path | None = None) -> list[Path]:
    """Write the gallery PNGs into ``out`` (and the captions into ``markdown`` if given); returns their paths."""
    import imageio.v3 as iio

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for p in pictures():
        path = out / p.name
        iio.imwrite(path, p.render())
        paths.append(path)
    if markdown is not None and markdown.exists():
        markdown.write_text(fill_captions(markdown.read_text(encoding="utf-8"), captions()), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: pictures into ``argv[0]`` (default ``docs/gallery``), captions into ``argv[1]``
    (default: ``gallery.md`` beside the pictures' folder)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/gallery")
    markdown = Path(args[1]) if len(args) > 1 else out.parent / "gallery.md"
    for p in make_gallery(out, markdown):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
