"""Fixtures for the skeleton-asset tests: the rig and its meshes (loaded once per session)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.assets import load_rig


@pytest.fixture(scope="session")
def rig():
    return load_rig()


@pytest.fixture(scope="session")
def meshes(rig):
    return rig.meshes()


@pytest.fixture(scope="session")
def world_points(rig, meshes):
    """Bone id → (N, 3) vertex positions in the world, reference standing pose (mesh + joint centre)."""
    from viewer.meshgen.mesh import points_of

    return {b.id: points_of(meshes[b.id]) + np.array(b.joint_centre) for b in rig.bones}


@pytest.fixture(scope="session")
def landmarks():
    from viewer.model.anatomy import Anatomy
    from viewer.model.anthropometry import segments, standing_landmarks

    seg = segments(Anatomy())
    return seg, standing_landmarks(seg)
