"""The map view the screens draw with."""

from ..map import MapView

__all__ = ["MapView"]
