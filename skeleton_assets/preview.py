"""Render the generated skeleton in the reference pose to PNGs (off-screen, no screen needed).

Usage: ``python skeleton_assets/preview.py [out_dir]`` → side, front, three-quarter, back and
close-ups of the hip, spine and trunk (``skeleton_<view>.png``); ``--docs`` also writes the
composites ``docs/img/skeleton_reference.png`` and ``docs/img/skeleton_hip.png``. Meshes come from the manifest via
``viewer.assets``; each is translated to its joint centre (the reference pose).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VIEWS = {
    # name: (camera position offset direction, focal point, view up, parallel scale or None)
    "side": ((0.0, 0.0, 1.0), (0.0, 0.92, 0.0), 1.0),
    "front": ((1.0, 0.0, 0.0), (0.0, 0.92, 0.0), 1.0),
    "threequarter": ((0.75, 0.25, 0.65), (0.0, 0.92, 0.0), 1.0),
    "back": ((-1.0, 0.1, 0.0), (0.0, 0.92, 0.0), 1.0),
    "hip": ((0.75, 0.05, 0.65), (0.0, 0.93, 0.07), 0.13),
    "hip_front": ((1.0, 0.0, 0.0), (0.0, 0.95, 0.0), 0.2),
    "spine": ((0.05, 0.0, 1.0), (-0.04, 1.08, 0.0), 0.2),
    "trunk_side": ((0.0, 0.0, 1.0), (-0.02, 1.25, 0.0), 0.4),
}
CLOSE_UPS = ("hip", "hip_front", "spine", "trunk_side")


def render_actors(items: Iterable[tuple[object, Sequence[float], Sequence[float]]], path: Path, view: str,
                  size: tuple[int, int] = (900, 1200)) -> Path:
    """Render (vtkPolyData, translation, colour) items from ``view`` into ``path`` (PNG)."""
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL backend)
    from vtkmodules.vtkIOImage import vtkPNGWriter
    from vtkmodules.vtkRenderingCore import (
        vtkActor,
        vtkPolyDataMapper,
        vtkRenderer,
        vtkRenderWindow,
        vtkWindowToImageFilter,
    )

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    direction, focal, scale = VIEWS[view]
    ren = vtkRenderer()
    ren.SetBackground(0.16, 0.18, 0.22)
    for poly, offset, colour in items:
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(poly)
        actor = vtkActor()
        actor.SetMapper(mapper)
        actor.SetPosition(*offset)
        actor.GetProperty().SetColor(*colour)
        actor.GetProperty().SetSpecular(0.25)
        actor.GetProperty().SetSpecularPower(20)
        ren.AddActor(actor)
    cam = ren.GetActiveCamera()
    cam.ParallelProjectionOn()
    cam.SetFocalPoint(*focal)
    cam.SetPosition(*(f + 3.0 * d for f, d in zip(focal, direction, strict=True)))
    cam.SetViewUp(0.0, 1.0, 0.0)
    cam.SetParallelScale(scale)
    ren.ResetCameraClippingRange()
    rw = vtkRenderWindow()
    rw.SetOffScreenRendering(1)
    rw.SetMultiSamples(0)
    rw.SetSize(*size)
    rw.AddRenderer(ren)
    rw.Render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(rw)
    grab.ReadFrontBufferOff()
    grab.Update()
    w = vtkPNGWriter()
    w.SetFileName(str(path))
    w.SetInputConnection(grab.GetOutputPort())
    w.Write()
    rw.Finalize()
    return Path(path)


def main(argv: list[str] | None = None) -> int:
    """Render the preview PNGs of the committed skeleton into ``argv[0]`` (default /tmp)."""
    from viewer.assets import load_rig

    args = sys.argv[1:] if argv is None else argv
    docs = "--docs" in args
    args = [a for a in args if a != "--docs"]
    out = Path(args[0]) if args else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    rig = load_rig()
    props = {"barbell", "kettlebell", "heel_plate_l", "heel_plate_r"}
    items = [(rig.mesh(b.id), b.joint_centre, b.colour) for b in rig.bones if b.id not in props]
    arms = {f"{b}_{s}" for b in ("humerus", "forearm", "hand") for s in ("l", "r")}
    close = [(rig.mesh(b.id), b.joint_centre, b.colour) for b in rig.bones if b.id not in props | arms]
    girdle = {"rib_cage", *(f"{b}_{s}" for b in ("clavicle", "scapula") for s in ("l", "r"))}
    spine_only = [(rig.mesh(b.id), b.joint_centre, b.colour) for b in rig.bones if b.id not in props | arms | girdle]
    for view in VIEWS:
        size = (900, 900) if view in CLOSE_UPS else (900, 1200)
        chosen = spine_only if view == "spine" else close if view in CLOSE_UPS else items
        print(render_actors(chosen, out / f"skeleton_{view}.png", view, size))
    if docs:
        import imageio.v3 as iio
        import numpy as np

        img = ROOT / "docs" / "img"
        img.mkdir(parents=True, exist_ok=True)
        row = [iio.imread(out / f"skeleton_{v}.png")[::2, ::2][:, 110:340] for v in ("side", "front", "threequarter")]
        iio.imwrite(img / "skeleton_reference.png", np.concatenate(row, axis=1))
        row = [iio.imread(out / f"skeleton_{v}.png")[::2, ::2] for v in ("hip", "hip_front", "spine")]
        iio.imwrite(img / "skeleton_hip.png", np.concatenate(row, axis=1))
        print(img / "skeleton_reference.png", img / "skeleton_hip.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
