"""Make the docs gallery from the headless snapshot: ``python -m viewer.render.gallery [out_dir]``.

Writes side views (standing, tuck onset, deepest with tuck), a hip close-up at the stop, and two
presets side by side, all 1280×800 (the pair: two 640×800 halves).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from viewer.model import kinematics as kin
from viewer.model.presets import PRESETS
from viewer.model.squat import sweep

from .scene import ViewFlags
from .snapshot import OffscreenRenderer

SIZE = (1280, 800)


def _depth_text(thigh_deg: float) -> str:
    if thigh_deg <= -89.5:
        return "standing"
    if abs(thigh_deg) < 0.5:
        return "thigh parallel"
    return f"thigh {abs(thigh_deg):.0f}° {'below' if thigh_deg > 0 else 'above'} parallel"


def _write_rgb(path: Path, img: np.ndarray) -> None:
    import imageio.v3 as iio

    iio.imwrite(path, img)


def shot(preset: str, thigh_deg: float | None, path: Path, *, camera: str = "side", size: tuple[int, int] = SIZE,
         flags: ViewFlags | None = None, title: str | None = None, fit: bool = True) -> np.ndarray:
    """Render ``preset`` at ``thigh_deg`` (``None``: deepest reachable) and write it to ``path``."""
    anatomy = PRESETS[preset].anatomy
    sw = sweep(anatomy)
    angle = float(sw.thigh_angle_deg[-1]) if thigh_deg is None else thigh_deg
    with OffscreenRenderer(anatomy, sw, size=size, camera=camera, flags=flags, fit=fit and camera != "hip") as r:
        r.show(angle)
        pose = r.scene.pose
        r.scene.set_caption(title if title is not None else f"{preset}\n{_depth_text(pose.thigh_angle_deg)}")
        img = r.grab()
    _write_rgb(path, img)
    return img


def make_gallery(out: Path) -> list[Path]:
    """Write the gallery PNGs into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    avg = PRESETS["Average lifter"].anatomy
    sw = sweep(avg)
    onset = kin.onset_thigh_angle_deg(sw)
    paths = []
    p = out / "side_standing.png"
    shot("Average lifter", -90.0, p)
    paths.append(p)
    if onset is not None:
        p = out / "side_tuck_onset.png"
        shot("Average lifter", onset, p, title=f"Average lifter\n{_depth_text(onset)}: tuck onset")
        paths.append(p)
    p = out / "side_deep_tuck.png"
    shot("Average lifter", None, p)
    paths.append(p)
    p = out / "hip_closeup_stop.png"
    shot("Average lifter", None, p, camera="hip",
         flags=ViewFlags(transparent_pelvis=True, muscles=False, angle_readouts=False, floor=False, ghost=False),
         title="Right hip at its bony stop\n(pelvis see-through)")
    paths.append(p)
    a, b = "Average lifter", "Deep sockets (Scottish hip)"
    deepest_b = float(sweep(PRESETS[b].anatomy).thigh_angle_deg[-1])
    half = (SIZE[0] // 2, SIZE[1])
    flags = ViewFlags(angle_readouts=True, muscles=False)
    left = shot(a, deepest_b, out / "_left.png", size=half, flags=flags)
    right = shot(b, deepest_b, out / "_right.png", size=half, flags=flags)
    (out / "_left.png").unlink()
    (out / "_right.png").unlink()
    pair = np.concatenate([left, np.full((SIZE[1], 4, 3), 255, np.uint8), right], axis=1)
    p = out / "presets_side_by_side.png"
    _write_rgb(p, pair)
    paths.append(p)
    quarter = (SIZE[0] // 2, SIZE[1] // 2)
    tiles = []
    for name, camera in (("Low-bar back squat", "side"), ("Goblet squat", "side"),
                         ("Plates under heels", "side"), ("Goblet squat", "three_quarter")):
        tmp = out / "_tile.png"
        tiles.append(shot(name, None, tmp, camera=camera, size=quarter, flags=ViewFlags(angle_readouts=False),
                          title=f"{name} ({camera.replace('_', '-')} view)"))
        tmp.unlink()
    p = out / "loads_and_views.png"
    _write_rgb(p, np.concatenate([np.concatenate(tiles[:2], 1), np.concatenate(tiles[2:], 1)], 0))
    paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the gallery into ``argv[0]`` (default ``docs/gallery``)."""
    args = sys.argv[1:] if argv is None else argv
    for p in make_gallery(Path(args[0] if args else "docs/gallery")):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
