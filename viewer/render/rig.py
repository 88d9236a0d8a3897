"""Where the scene's bones come from: the generated rig (``viewer.assets``) or the stand-ins.

If ``skeleton_assets/manifest.json`` and its meshes load, the scene shows the generated bones;
otherwise (assets missing or broken) it falls back to :func:`viewer.render.standin.standin_bones`,
which follows the same contract, and logs why.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from viewer.model.anatomy import Anatomy
from viewer.model.params import specs_in_group

from .bones import RenderBone

log = logging.getLogger(__name__)
# kept: loading the meshes costs 30-70 ms and a window asks 3 times (scene, its parametric builder, the B
# ghost's), and more windows share them (measured, issue 18)
_CACHE: dict[str, list[RenderBone]] = {}
#: Anatomy fields that change the shape of the parametric bones: the "Hip" group's parameters.
PARAMETRIC_FIELDS: tuple[str, ...] = tuple(s.name for s in specs_in_group("Hip"))


def shape_key(anatomy: Any) -> tuple[float, ...]:
    """The values of :data:`PARAMETRIC_FIELDS` of ``anatomy``: equal keys, equal bone shapes."""
    return tuple(getattr(anatomy, f) for f in PARAMETRIC_FIELDS)


def load_bones(prefer_assets: bool = True) -> list[RenderBone]:
    """The rig's bones with meshes (cached; meshes are shared and never modified in place)."""
    key = "assets" if prefer_assets else "standin"
    if key not in _CACHE:
        bones = _from_assets() if prefer_assets else None
        if bones is None:
            from .standin import standin_bones

            bones = _CACHE.get("standin") or standin_bones()
            _CACHE["standin"] = bones
        _CACHE[key] = bones
    return list(_CACHE[key])


def using_generated_bones() -> bool:
    """Whether :func:`load_bones` serves the generated meshes (not the stand-ins)."""
    load_bones()
    return _CACHE["assets"] is not _CACHE.get("standin")


def _from_assets() -> list[RenderBone] | None:
    try:
        from viewer.assets import load_rig

        rig = load_rig()
        return [RenderBone(b.id, b.segment, tuple(b.joint_centre), rig.mesh(b.id), tuple(b.colour), b.label,
                           b.parent) for b in rig.bones]
    except Exception as exc:  # noqa: BLE001 - any failure means: draw the stand-ins instead
        log.warning("generated skeleton not available (%s); using stand-in bones", exc)
        return None


def parametric_builder() -> Callable[[Anatomy], dict[str, Any]] | None:
    """Function rebuilding the anatomy-dependent meshes (``{bone_id: vtkPolyData}``), or ``None``
    when the generated rig (and its run-time reshaping, ``viewer.meshgen.parametric``) is not in use."""
    if not using_generated_bones():
        return None
    try:
        parametric = importlib.import_module("viewer.meshgen.parametric")
    except ImportError:
        return None
    base = {b.id: b.mesh for b in load_bones() if b.id in ("femur_r", "pelvis_r")}

    def build(anatomy: Anatomy) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for side in ("l", "r"):
            out[f"femur_{side}"] = parametric.femur_mesh(
                anatomy.neck_shaft_angle_deg, anatomy.femoral_anteversion_deg, anatomy.alpha_angle_deg, side,
                base=base.get("femur_r"))
            out[f"pelvis_{side}"] = parametric.hip_bone_mesh(
                anatomy.acetabular_lce_deg, anatomy.acetabular_version_deg, side, base=base.get("pelvis_r"))
        return out

    return build
