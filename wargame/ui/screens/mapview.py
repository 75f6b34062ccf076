"""The map view the screens draw with (one import to change when ui/map/ lands)."""

from ..map_compat import MapView

__all__ = ["MapView"]
