"""Generate the skeleton meshes and manifest (deterministic; rerun after changing viewer/meshgen).

Usage::

    python skeleton_assets/generate.py                 # all bones → skeleton_assets/
    python skeleton_assets/generate.py --only patella_r,patella_l --out /tmp/x   # a subset elsewhere

Writes ``manifest.json`` (bones, segments, per-bone triangle counts) and ``meshes/<id>.vtp``
(zlib-compressed binary, float32 points and normals, metres, each in its joint frame).
With ``--only`` the manifest is not rewritten.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from viewer.meshgen import catalog  # noqa: E402
from viewer.meshgen import reference as ref  # noqa: E402
from viewer.meshgen.mesh import mirror_z, write_vtp  # noqa: E402

SCHEMA = 1


def build_meshes(only: set[str] | None = None, verbose: bool = True) -> dict[str, object]:
    """Build the meshes (all, or ``only`` these ids and the right bones they mirror)."""
    defs = catalog.bones()
    need = {b.id for b in defs} if only is None else set(only)
    for b in defs:
        if b.id in need and b.mirror_of:
            need.add(b.mirror_of)
    meshes: dict[str, object] = {}
    for b in defs:
        if b.id not in need:
            continue
        t0 = time.perf_counter()
        if b.mirror_of:
            poly = mirror_z(meshes[b.mirror_of])
        else:
            poly = b.build(__import__("numpy").array(b.joint_centre), b.triangles)
        meshes[b.id] = poly
        if verbose:
            print(f"{b.id:16s} {poly.GetNumberOfCells():6d} triangles  {time.perf_counter() - t0:5.1f} s", flush=True)
    return meshes


def manifest(meshes: dict[str, object]) -> dict:
    """The manifest dict for the built ``meshes`` (all bones)."""
    seg, _ = ref.reference()
    segments = {k: {"origin": d, "origin_m": [round(float(x), 6) for x in v]}
                for k, (d, v) in sorted(ref.segment_origins().items())}
    for b in catalog.bones():
        if b.segment not in segments:
            segments[b.segment] = {"origin": f"{b.id} joint centre", "origin_m": list(b.joint_centre)}
    bones = []
    for b in catalog.bones():
        bones.append({"id": b.id, "parent": b.parent, "segment": b.segment, "joint_centre": list(b.joint_centre),
                      "mesh": f"meshes/{b.id}.vtp", "colour": list(b.colour), "label": b.label,
                      "triangles": int(meshes[b.id].GetNumberOfCells()),
                      **({"mirror_of": b.mirror_of} if b.mirror_of else {})})
    total = sum(x["triangles"] for x in bones)
    return {"schema": SCHEMA,
            "reference": {"height_m": seg.height_m, "sex": "male",
                          "pose": "standing_landmarks(segments(Anatomy())); arms hang at the sides, palms in"},
            "units": "metres; mesh coordinates in the bone frame (origin joint_centre, world axes)",
            "generator": "skeleton_assets/generate.py (viewer/meshgen)",
            "parametric": catalog.PARAMETRIC_DEFAULTS,
            "total_triangles": total,
            "segments": segments,
            "bones": bones}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "skeleton_assets", help="output folder")
    ap.add_argument("--only", default="", help="comma-separated bone ids (manifest not written)")
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    known = {b.id for b in catalog.bones()}
    if only and not only <= known:
        ap.error(f"unknown bone id(s): {', '.join(sorted(only - known))}")
    meshes = build_meshes(only)
    (args.out / "meshes").mkdir(parents=True, exist_ok=True)
    for bone_id, poly in meshes.items():
        if only is None or bone_id in only:
            write_vtp(poly, args.out / "meshes" / f"{bone_id}.vtp")
    if only is None:
        data = manifest(meshes)
        (args.out / "manifest.json").write_text(json.dumps(data, indent=1) + "\n")
        print(f"total {data['total_triangles']} triangles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
