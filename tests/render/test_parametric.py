"""Parametric bones are swapped on slider release, not on depth changes."""

from __future__ import annotations

import numpy as np
import pytest
from poses import deep_tucked

from viewer.model.anatomy import Anatomy
from viewer.render.bones import count_triangles
from viewer.render.rig import load_bones, using_generated_bones
from viewer.render.scene_input import SceneInput
from viewer.render.snapshot import OffscreenRenderer
from viewer.render.vtk_imports import vtk_to_numpy, vtkSphereSource


def _sphere():
    s = vtkSphereSource()
    s.Update()
    return s.GetOutput()


def test_update_parametric_meshes_swaps_only_the_built_bones_and_their_ghosts(standin_bones):
    with OffscreenRenderer(Anatomy(), size=(64, 64), bones=standin_bones) as r:
        scene = r.scene
        femur_l_before = scene.bones.actors["femur_l"].GetMapper().GetInput()
        new = {"femur_r": _sphere(), "pelvis_r": _sphere(), "not_a_bone": _sphere()}
        done = scene.update_parametric_meshes(Anatomy(acetabular_lce_deg=42.0), builder=lambda a: new)
        assert sorted(done) == ["femur_r", "pelvis_r"]
        assert scene.bones.actors["femur_r"].GetMapper().GetInput() is new["femur_r"]
        assert scene.ghost.actors["pelvis_r"].GetMapper().GetInput() is new["pelvis_r"]
        assert scene.bones.actors["femur_l"].GetMapper().GetInput() is femur_l_before


@pytest.mark.skipif(not using_generated_bones(), reason="generated skeleton not available")
def test_socket_depth_reshapes_the_generated_hip_bone_once():
    with OffscreenRenderer(Anatomy(), size=(64, 64)) as r:
        scene = r.scene
        before = vtk_to_numpy(scene.bones.actors["pelvis_r"].GetMapper().GetInput().GetPoints().GetData()).copy()
        assert scene.update_parametric_meshes(Anatomy()) == []  # committed meshes already match the defaults
        deep = Anatomy(acetabular_lce_deg=45.0, femoral_anteversion_deg=-10.0)
        assert sorted(scene.update_parametric_meshes(deep)) == ["femur_l", "femur_r", "pelvis_l", "pelvis_r"]
        after = vtk_to_numpy(scene.bones.actors["pelvis_r"].GetMapper().GetInput().GetPoints().GetData())
        assert after.shape == before.shape and np.abs(after - before).max() > 0.002
        assert scene.update_parametric_meshes(deep) == []  # same parameters: nothing to redo
        r.scene.show(SceneInput(deep, deep_tucked(deep)))  # the new meshes ride on the same actors


@pytest.mark.skipif(not using_generated_bones(), reason="generated skeleton not available")
def test_generated_skeleton_fits_the_triangle_budget():
    total = sum(count_triangles(b.mesh) for b in load_bones())
    assert total <= 60_000 - 2_000  # overlays (floor, tubes, markers, ghost shares meshes) stay under 2k
