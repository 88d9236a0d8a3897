"""VTK scene of the squatting skeleton: bones, overlays, cameras, headless snapshots.

Public API: :class:`~viewer.render.scene.Scene`, :class:`~viewer.render.scene_input.ViewFlags`,
:class:`~viewer.render.snapshot.OffscreenRenderer`, :func:`~viewer.render.snapshot.render_png`,
and (Qt) :class:`viewer.render.view_widget.SceneView`. Nothing VTK is built at import time.
"""
