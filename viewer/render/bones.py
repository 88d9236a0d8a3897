"""One VTK actor per bone, moved only by its 4×4 user matrix (meshes are never rebuilt on depth)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .vtk_imports import vtk_to_numpy, vtkActor, vtkMatrix4x4, vtkPolyData, vtkPolyDataMapper, vtkRenderer

BONE_COLOUR: tuple[float, float, float] = (0.93, 0.90, 0.82)


@dataclass(eq=False)
class RenderBone:
    """A bone as the scene needs it: rig data plus its mesh (bone-local frame, metres)."""

    id: str
    segment: str
    joint_centre: tuple[float, float, float]
    mesh: vtkPolyData
    colour: tuple[float, float, float] = BONE_COLOUR
    label: str = ""
    parent: str | None = None
    extra: dict = field(default_factory=dict)


def matrix_to_vtk(m: np.ndarray, out: vtkMatrix4x4 | None = None) -> vtkMatrix4x4:
    """Copy a (4, 4) numpy matrix into a ``vtkMatrix4x4`` (new or ``out``)."""
    vm = out if out is not None else vtkMatrix4x4()
    vm.DeepCopy(np.asarray(m, dtype=float).ravel().tolist())
    return vm


def count_triangles(poly: vtkPolyData) -> int:
    """Triangles drawn for ``poly`` (polys counted as n−2 triangles, strips as n−2)."""
    total = 0
    for cells in (poly.GetPolys(), poly.GetStrips()):
        if cells is None or cells.GetNumberOfCells() == 0:
            continue
        offsets = vtk_to_numpy(cells.GetOffsetsArray())
        total += int(np.sum(np.diff(offsets) - 2))
    return total


class BoneActors:
    """The skeleton's actors: one per bone, sharing nothing but the renderer.

    ``set_matrices`` only copies 16 numbers per bone into its user matrix; colour,
    opacity and visibility are per-actor properties.
    """

    def __init__(self, renderer: vtkRenderer, bones: Iterable[RenderBone]) -> None:
        self.bones: dict[str, RenderBone] = {b.id: b for b in bones}
        self.actors: dict[str, vtkActor] = {}
        self._matrices: dict[str, vtkMatrix4x4] = {}
        self._renderer = renderer
        for b in self.bones.values():
            mapper = vtkPolyDataMapper()
            mapper.SetInputData(b.mesh)
            mapper.ScalarVisibilityOff()
            actor = vtkActor()
            actor.SetMapper(mapper)
            prop = actor.GetProperty()
            prop.SetColor(*b.colour)
            prop.SetAmbient(0.18)
            prop.SetDiffuse(0.8)
            prop.SetSpecular(0.15)
            prop.SetSpecularPower(20.0)
            vm = vtkMatrix4x4()
            actor.SetUserMatrix(vm)
            self._matrices[b.id] = vm
            self.actors[b.id] = actor
            renderer.AddActor(actor)

    def set_matrices(self, matrices: Mapping[str, np.ndarray]) -> None:
        """Move bones to their world matrices (4, 4); bones not named keep theirs."""
        for bone_id, m in matrices.items():
            vm = self._matrices.get(bone_id)
            if vm is None:
                continue
            vm.DeepCopy(np.asarray(m, dtype=float).ravel().tolist())
            self.actors[bone_id].Modified()

    def matrix(self, bone_id: str) -> np.ndarray:
        """Current world matrix of a bone, (4, 4)."""
        vm = self._matrices[bone_id]
        return np.array([[vm.GetElement(i, j) for j in range(4)] for i in range(4)])

    def set_colour(self, bone_id: str, rgb: tuple[float, float, float]) -> None:
        """Colour of one bone (0–1 RGB)."""
        self.actors[bone_id].GetProperty().SetColor(*rgb)

    def reset_colour(self, bone_id: str) -> None:
        """Back to the bone's own colour."""
        self.set_colour(bone_id, self.bones[bone_id].colour)

    def set_visible(self, bone_ids: Iterable[str], visible: bool) -> None:
        """Show or hide bones."""
        for bone_id in bone_ids:
            if bone_id in self.actors:
                self.actors[bone_id].SetVisibility(bool(visible))

    def set_opacity(self, bone_ids: Iterable[str], opacity: float) -> None:
        """Opacity of bones (1 opaque)."""
        for bone_id in bone_ids:
            if bone_id in self.actors:
                self.actors[bone_id].GetProperty().SetOpacity(float(opacity))

    def replace_mesh(self, bone_id: str, mesh: vtkPolyData) -> None:
        """Swap one bone's mesh (parametric bones, on slider release only)."""
        self.bones[bone_id].mesh = mesh
        self.actors[bone_id].GetMapper().SetInputData(mesh)

    def ids_on(self, segments: Iterable[str]) -> list[str]:
        """Bones riding on any of ``segments``."""
        wanted = set(segments)
        return [b.id for b in self.bones.values() if b.segment in wanted]

    def triangle_count(self, visible_only: bool = True) -> int:
        """Triangles of the (visible) bone meshes."""
        return sum(count_triangles(b.mesh) for b in self.bones.values()
                   if not visible_only or self.actors[b.id].GetVisibility())

    def remove(self) -> None:
        """Take the actors out of the renderer."""
        for actor in self.actors.values():
            self._renderer.RemoveActor(actor)
        self.actors.clear()
        self._matrices.clear()
