"""Where the scene's bones come from: the generated rig (``viewer.assets``) or the stand-ins.

The generated meshes and their loader are written separately; until they can be loaded (or
if loading fails) the scene uses :func:`viewer.render.standin.standin_bones`, which follows
the same contract, so nothing else changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from viewer.model.anatomy import Anatomy

from .bones import RenderBone

log = logging.getLogger(__name__)
_CACHE: dict[str, list[RenderBone]] = {}


def load_bones(prefer_assets: bool = True) -> list[RenderBone]:
    """The rig's bones with meshes (cached; meshes are shared, never modified in place)."""
    key = "assets" if prefer_assets else "standin"
    if key not in _CACHE:
        bones = _from_assets() if prefer_assets else None
        if bones is None:
            from .standin import standin_bones

            bones = standin_bones()
            key = "standin"
        _CACHE[key] = bones
        _CACHE["assets" if prefer_assets else key] = bones
    return list(_CACHE[key])


def _from_assets() -> list[RenderBone] | None:
    try:
        from viewer import assets  # noqa: F401
    except ImportError:
        return None
    return None


def parametric_builder() -> Callable[[Anatomy], dict[str, Any]] | None:
    """Function rebuilding the anatomy-dependent meshes (``{bone_id: vtkPolyData}``), or ``None``."""
    return None
