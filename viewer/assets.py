"""Read ``skeleton_assets/manifest.json`` and its meshes into a :class:`Rig`.

The rig contract (docs/architecture.md): each bone mesh is in metres in its bone frame, origin
at ``joint_centre``, axes parallel to the world axes in the reference standing pose; in that pose
a bone's world matrix is a pure translation to its ``joint_centre``. VTK is imported only when a
mesh is loaded, so the rig itself can be read without VTK.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

ASSETS_DIR = Path(__file__).resolve().parents[1] / "skeleton_assets"
SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Bone:
    """One manifest entry. ``joint_centre`` (m, world, reference pose); ``colour`` RGB 0–1;
    ``mesh`` path relative to the asset folder; ``parent`` is ``None`` for roots and props."""

    id: str
    parent: str | None
    segment: str
    joint_centre: tuple[float, float, float]
    colour: tuple[float, float, float]
    label: str
    mesh: str
    triangles: int


@dataclass(frozen=True, slots=True)
class SegmentRef:
    """A segment's origin in the reference pose: landmark name and position (3,) m."""

    id: str
    origin: str
    origin_m: tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Rig:
    """The skeleton as data: bones (parents before children), segment origins, asset folder."""

    root: Path
    height_m: float
    sex: str
    bones: tuple[Bone, ...]
    segments: Mapping[str, SegmentRef]
    parametric: Mapping[str, Mapping[str, float]]

    @property
    def ids(self) -> tuple[str, ...]:
        """Bone ids in manifest order."""
        return tuple(b.id for b in self.bones)

    def bone(self, bone_id: str) -> Bone:
        """The bone called ``bone_id``; ``KeyError`` naming the known ids otherwise."""
        for b in self.bones:
            if b.id == bone_id:
                return b
        raise KeyError(f"unknown bone {bone_id!r}; known: {', '.join(self.ids)}")

    def on_segment(self, segment: str) -> tuple[Bone, ...]:
        """Bones riding on ``segment``."""
        return tuple(b for b in self.bones if b.segment == segment)

    def mesh_path(self, bone_id: str) -> Path:
        """Absolute path of a bone's .vtp file."""
        return self.root / self.bone(bone_id).mesh

    @property
    def total_triangles(self) -> int:
        """Sum of the per-bone triangle counts recorded in the manifest."""
        return sum(b.triangles for b in self.bones)

    def mesh(self, bone_id: str) -> Any:
        """A new ``vtkPolyData`` (metres, bone frame, with point normals) for ``bone_id``.

        Raises ``KeyError`` for an unknown id, ``FileNotFoundError`` when the file is missing and
        ``ValueError`` when it holds no triangles.
        """
        from viewer.meshgen.mesh import read_vtp  # VTK only when meshes are needed

        return read_vtp(self.mesh_path(bone_id))

    def meshes(self) -> dict[str, Any]:
        """All meshes, bone id → ``vtkPolyData``."""
        return {b.id: self.mesh(b.id) for b in self.bones}


def _vec(value: Any, what: str) -> tuple[float, float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise ValueError(f"{what} must be a list of 3 numbers, got {value!r}")
    out = tuple(float(v) for v in value)
    if not all(math.isfinite(v) for v in out):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return out  # type: ignore[return-value]


def load_rig(root: Path | str | None = None) -> Rig:
    """Read the manifest in ``root`` (default: the repository's ``skeleton_assets``).

    Raises ``FileNotFoundError`` (no manifest) or ``ValueError`` (malformed manifest: wrong schema,
    missing fields, duplicate ids, unknown parents, a parent listed after its child).
    """
    folder = Path(root) if root is not None else ASSETS_DIR
    path = folder / "manifest.json"
    if not path.is_file():
        raise FileNotFoundError(f"skeleton manifest not found: {path} (run skeleton_assets/generate.py)")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        got = data.get("schema") if isinstance(data, dict) else data
        raise ValueError(f"{path}: expected schema {SCHEMA}, got {got!r}")
    segments: dict[str, SegmentRef] = {}
    for sid, s in (data.get("segments") or {}).items():
        segments[sid] = SegmentRef(sid, str(s.get("origin", "")), _vec(s.get("origin_m"), f"segment {sid} origin_m"))
    bones: list[Bone] = []
    seen: set[str] = set()
    for i, b in enumerate(data.get("bones") or []):
        try:
            bone_id = b["id"]
            bone = Bone(id=str(bone_id), parent=b.get("parent"), segment=str(b["segment"]),
                        joint_centre=_vec(b["joint_centre"], f"bone {bone_id} joint_centre"),
                        colour=_vec(b["colour"], f"bone {bone_id} colour"), label=str(b["label"]),
                        mesh=str(b["mesh"]), triangles=int(b.get("triangles", 0)))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: bone entry {i} is missing or has a bad field: {exc}") from None
        if bone.id in seen:
            raise ValueError(f"{path}: duplicate bone id {bone.id!r}")
        if bone.parent is not None and bone.parent not in seen:
            raise ValueError(f"{path}: bone {bone.id!r} lists parent {bone.parent!r} which is unknown or comes later")
        if bone.segment not in segments:
            raise ValueError(f"{path}: bone {bone.id!r} rides on unknown segment {bone.segment!r}")
        seen.add(bone.id)
        bones.append(bone)
    if not bones:
        raise ValueError(f"{path}: no bones")
    ref = data.get("reference") or {}
    parametric = {k: MappingProxyType(dict(v)) for k, v in (data.get("parametric") or {}).items()}
    return Rig(root=folder, height_m=float(ref.get("height_m", 1.75)), sex=str(ref.get("sex", "male")),
               bones=tuple(bones), segments=MappingProxyType(segments), parametric=MappingProxyType(parametric))
