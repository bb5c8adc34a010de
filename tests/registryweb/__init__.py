"""A province -> city -> county (+ departments, townships) tree of portals on 127.0.21.x (README.md)."""
from .web import RegistryWeb

__all__ = ["RegistryWeb"]
