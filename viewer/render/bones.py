"""One VTK actor per bone, moved only by its 4×4 user matrix (meshes are never rebuilt on depth)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .vtk_imports import vtk_to_numpy, vtkActor, vtkMatrix4x4, vtkPolyData, vtkPolyDataMapper, vtkRenderer

BONE_COLOUR: tuple[float, float, float] = (0.93, 0.90, 0.82)

#: Fragment-shader uniform carrying a bone's colour once it has been recoloured (see ``set_colour``).
_COLOUR_UNIFORM = "boneColour"
# Appended after VTK's own colour code: the same three material colours ``vtkProperty.SetColor``
# would set (ambient, diffuse, specular), taken from the uniform instead of the property.
_COLOUR_CODE = ("//VTK::Color::Impl\n"
                f"  ambientColor = ambientIntensity * {_COLOUR_UNIFORM};\n"
                f"  diffuseColor = diffuseIntensity * {_COLOUR_UNIFORM};\n"
                f"  specularColor = specularIntensity * {_COLOUR_UNIFORM};\n")


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


def count_triangles(poly: vtkPolyData) -> int:
    """Triangles drawn for ``poly`` (polys counted as n−2 triangles, strips as n−2)."""
    total = 0
    for cells in (poly.GetPolys(), poly.GetStrips()):
        if cells is None or cells.GetNumberOfCells() == 0:
            continue
        offsets = vtk_to_numpy(cells.GetOffsetsArray())
        total += int(np.sum(np.diff(offsets) - 2))
    return total


class UserMatrices:
    """The user matrices of a set of actors (one ``vtkMatrix4x4`` each), copied only on change.

    A modified actor costs VTK ≈ 13 µs of per-actor work in the next render on llvmpipe, and a squat
    leaves several bones where they are (feet and props at every depth; the legs while a hip slider
    is dragged at a fixed depth; the whole A/B ghost while A's sliders move), so a matrix that is
    bit-for-bit the one an actor has is not copied and the actor is not marked modified.
    """

    def __init__(self) -> None:
        self.vtk: dict[str, vtkMatrix4x4] = {}
        self._actors: dict[str, vtkActor] = {}
        self._last: dict[str, bytes] = {}  # id → the matrix it was last given, as bytes

    def attach(self, key: str, actor: vtkActor) -> vtkMatrix4x4:
        """Give ``actor`` its own (identity) user matrix under ``key``."""
        vm = vtkMatrix4x4()
        actor.SetUserMatrix(vm)
        self.vtk[key] = vm
        self._actors[key] = actor
        self._last.pop(key, None)
        return vm

    def set(self, key: str, m: np.ndarray) -> bool:
        """Copy the (4, 4) matrix ``m`` to actor ``key``; return whether anything changed."""
        arr = np.asarray(m, dtype=float)
        data = arr.tobytes()
        if self._last.get(key) == data:
            return False
        self._last[key] = data
        self.vtk[key].DeepCopy(arr.ravel().tolist())
        self._actors[key].Modified()
        return True

    def clear(self) -> None:
        """Forget every actor."""
        self.vtk.clear()
        self._actors.clear()
        self._last.clear()


class BoneActors:
    """The skeleton's actors: one per bone, sharing nothing but the renderer.

    ``set_matrices`` only copies 16 numbers per bone into its user matrix; opacity and visibility
    are per-actor properties. Colour changes (the tuck tint, every frame while it changes) go to a
    fragment-shader uniform instead of the property: a modified ``vtkProperty`` makes VTK rebuild the
    actor's shader source and re-upload its vertex buffers (≈ 0.6 ms for the 8 tinted bones on
    llvmpipe), a uniform is only sent at draw time.
    """

    def __init__(self, renderer: vtkRenderer, bones: Iterable[RenderBone]) -> None:
        # own copies: the rig's bones are cached and shared by every scene (the window, exports), and
        # replace_mesh swaps a mesh in this scene's record only
        self.bones: dict[str, RenderBone] = {b.id: replace(b) for b in bones}
        self.actors: dict[str, vtkActor] = {}
        self._matrices = UserMatrices()
        self._colours: dict[str, tuple[float, float, float]] = {}
        self._uniforms: dict[str, Any] = {}  # bone id → its fragment custom uniforms, once recoloured
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
            self._matrices.attach(b.id, actor)
            self._colours[b.id] = tuple(float(c) for c in b.colour)
            self.actors[b.id] = actor
            renderer.AddActor(actor)

    def set_matrices(self, matrices: Mapping[str, np.ndarray]) -> None:
        """Move bones to their world matrices (4, 4); bones not named keep theirs (and bones given the
        matrix they have are not touched, see :class:`UserMatrices`)."""
        known = self._matrices.vtk
        for bone_id, m in matrices.items():
            if bone_id in known:
                self._matrices.set(bone_id, m)

    def matrix(self, bone_id: str) -> np.ndarray:
        """Current world matrix of a bone, (4, 4)."""
        vm = self._matrices.vtk[bone_id]
        return np.array([[vm.GetElement(i, j) for j in range(4)] for i in range(4)])

    def set_colour(self, bone_id: str, rgb: tuple[float, float, float]) -> None:
        """Colour of one bone (0–1 RGB). The first call for a bone switches it to the colour uniform
        (one shader rebuild); later calls only change the uniform's value."""
        colour = (float(rgb[0]), float(rgb[1]), float(rgb[2]))
        if self._colours[bone_id] == colour:
            return
        self._colours[bone_id] = colour
        uniforms = self._uniforms.get(bone_id)
        if uniforms is None:
            shader = self.actors[bone_id].GetShaderProperty()
            shader.AddFragmentShaderReplacement("//VTK::Color::Impl", True, _COLOUR_CODE, False)
            uniforms = shader.GetFragmentCustomUniforms()
            self._uniforms[bone_id] = uniforms
        uniforms.SetUniform3f(_COLOUR_UNIFORM, list(colour))

    def colour(self, bone_id: str) -> tuple[float, float, float]:
        """Colour a bone is drawn in (0–1 RGB)."""
        return self._colours[bone_id]

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

