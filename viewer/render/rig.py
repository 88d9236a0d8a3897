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

from .bones import RenderBone

log = logging.getLogger(__name__)
_CACHE: dict[str, list[RenderBone]] = {}
#: Modules and function names tried, in order, for run-time regeneration of the parametric meshes;
#: the function takes an ``Anatomy`` and returns ``{bone_id: vtkPolyData}``.
PARAMETRIC_HOOKS: tuple[tuple[str, str], ...] = (
    ("viewer.meshgen.runtime", "parametric_meshes"),
    ("viewer.meshgen.parametric", "parametric_meshes"),
)


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
    """Function rebuilding the anatomy-dependent meshes (``{bone_id: vtkPolyData}``), or ``None``."""
    if not using_generated_bones():
        return None
    for module, name in PARAMETRIC_HOOKS:
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        return fn
    return None
