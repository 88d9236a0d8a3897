"""Skelly: squat anatomy lab (model, 3D scene and Qt window)."""

__version__ = "0.1.0"
