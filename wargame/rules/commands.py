"""Commands: the only way a game changes.

People (through the screens), computer players, tests and saved games all speak
in these same small objects, so a game played by clicks and one replayed from a
file go through exactly the same rules. Each command knows how to write itself
as plain data for the game record and how to read itself back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, Union

from ..hexgrid import Hex, ccrr, parse_ccrr
from ..words import count


@dataclass(frozen=True, slots=True)
class EndPhase:
    """Finish the current phase (resolving anything left that must be resolved)."""

    name: ClassVar[str] = "end_phase"

    def describe(self) -> str:
        return "End the phase"


@dataclass(frozen=True, slots=True)
class MoveTeam:
    """Red operations: move a launch or rocket team."""

    team: str
    to: Hex
    name: ClassVar[str] = "move_team"

    def describe(self) -> str:
        return f"Move {self.team} to {ccrr(self.to)}"


@dataclass(frozen=True, slots=True)
class DroneAttack:
    """Red operations: launch drones from a launch team at a US site in range."""

    team: str
    target: str
    drones: int
    name: ClassVar[str] = "drone_attack"

    def describe(self) -> str:
        return f"{self.team}: {count(self.drones, 'drone')} at {self.target}"


@dataclass(frozen=True, slots=True)
class RocketAttack:
    """Red operations: fire a rocket salvo from a rocket team at a US site in range."""

    team: str
    target: str
    name: ClassVar[str] = "rocket_attack"

    def describe(self) -> str:
        return f"{self.team}: rockets at {self.target}"


@dataclass(frozen=True, slots=True)
class ResolveAttack:
    """Blue reaction: resolve one declared attack (interception, then effects)."""

    attack: int
    name: ClassVar[str] = "resolve_attack"

    def describe(self) -> str:
        return f"Resolve attack {self.attack}"


@dataclass(frozen=True, slots=True)
class TaskIsr:
    """Blue ISR: send an ISR drone to search a hex and its surroundings."""

    drone: str
    hex: Hex
    name: ClassVar[str] = "task_isr"

    def describe(self) -> str:
        return f"{self.drone} searches {ccrr(self.hex)}"


@dataclass(frozen=True, slots=True)
class FlySortie:
    """Blue air operations: a strike flight flies a sortie against a known target."""

    flight: str
    target: str
    name: ClassVar[str] = "fly_sortie"

    def describe(self) -> str:
        return f"{self.flight} strikes {self.target}"


@dataclass(frozen=True, slots=True)
class GoToGround:
    """Red operations: an active team goes back to ground, which takes its move for the day."""

    team: str
    name: ClassVar[str] = "go_to_ground"

    def describe(self) -> str:
        return f"{self.team} goes to ground"


@dataclass(frozen=True, slots=True)
class PlaceMarker:
    """A side puts one of its markers (an alert, say) on one of its pieces."""

    marker: str
    piece: str
    name: ClassVar[str] = "place_marker"

    def describe(self) -> str:
        return f"{self.marker} marker on {self.piece}"


@dataclass(frozen=True, slots=True)
class PlayCard:
    """A side plays a card from its hand: for its event (`use` "event") or for its
    operations value, spent on the operation `use` names."""

    card: str
    use: str
    name: ClassVar[str] = "play_card"

    def describe(self) -> str:
        return f"Play {self.card} for its event" if self.use == "event" else f"Play {self.card} for operations: {self.use}"


Command = Union[EndPhase, MoveTeam, DroneAttack, RocketAttack, ResolveAttack, TaskIsr, FlySortie, GoToGround,
                PlaceMarker, PlayCard]  # fmt: skip
COMMANDS: dict[str, type] = {
    c.name: c
    for c in (EndPhase, MoveTeam, DroneAttack, RocketAttack, ResolveAttack, TaskIsr, FlySortie, GoToGround,
              PlaceMarker, PlayCard)  # fmt: skip
}


def to_data(command: Command) -> dict[str, Any]:
    """A command as plain data for the game record: hexes by their CCRR names."""
    data: dict[str, Any] = {"command": command.name}
    for f in fields(command):
        value = getattr(command, f.name)
        data[f.name] = ccrr(value) if isinstance(value, Hex) else value
    return data


def from_data(data: Any) -> Command:
    """Read a command written by `to_data`; ValueError says what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("command"), str):
        raise ValueError("a command is a mapping with a 'command' name")
    cls = COMMANDS.get(data["command"])
    if cls is None:
        raise ValueError(f"unknown command {data['command']!r} (known: {', '.join(COMMANDS)})")
    specs = {f.name: f for f in fields(cls)}
    extra = set(data) - set(specs) - {"command"}
    if extra:
        raise ValueError(f"command {cls.name}: unexpected {', '.join(sorted(extra))}")
    kwargs: dict[str, Any] = {}
    for f, spec in specs.items():
        if f not in data:
            raise ValueError(f"command {cls.name}: missing {f!r}")
        value = data[f]
        if spec.type in ("Hex", Hex):
            if not isinstance(value, str):
                raise ValueError(f"command {cls.name}: {f} must be a hex name such as '1207'")
            try:
                value = parse_ccrr(value)
            except ValueError as e:
                raise ValueError(f"command {cls.name}: {e}") from None
        elif spec.type in ("int", int):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"command {cls.name}: {f} must be a whole number")
        elif not isinstance(value, str):
            raise ValueError(f"command {cls.name}: {f} must be text")
        kwargs[f] = value
    return cls(**kwargs)
