"""Hints, tooltips and the names of commands: the small words around the board."""

from __future__ import annotations

from dataclasses import dataclass

from ..hexgrid import Hex, ccrr
from ..kinds import AIRCRAFT, INSTALLATIONS, KIND_NAMES, KIND_VALUES, SIDE_NAMES, TEAMS
from ..rules.commands import (
    Command, DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, PlaceMarker, PlayCard, ResolveAttack,
    RocketAttack, TaskIsr,
)  # fmt: skip
from ..scenario.choices import EVENT
from ..rules.state import NEVER
from ..words import count, listing
from .options import Options


def phase_hint(phase: str, legal: list[Command], unacted: int = 0) -> str:
    """What the phase asks of the player at the screen, in full sentences (and a word on
    the cards, markers and hiding teams when the rules offer them now)."""
    return _phase_words(phase, legal) + extra_hint(legal)


def extra_hint(legal: list[Command]) -> str:
    """Short sentences on what else may be done now: kept short, the panel is narrow at 1024x600."""
    words = []
    if any(isinstance(c, GoToGround) for c in legal):
        words.append("An active team may go to ground (G).")
    if any(isinstance(c, PlaceMarker) for c in legal):
        words.append("Select a site to place a marker (P).")
    if any(isinstance(c, PlayCard) for c in legal):
        words.append("Play a card: click it (or 1, 2…).")
    return (" " + " ".join(words)) if words else ""


def _phase_words(phase: str, legal: list[Command]) -> str:
    if phase == "red_operations":
        return ("Select a launch or rocket team (click it, or Tab) to move it or to attack a Blue site in range. "
                "End the phase when done.")  # fmt: skip
    if phase == "blue_reaction":
        n = sum(1 for c in legal if isinstance(c, ResolveAttack))
        if not n:
            return "Every attack is resolved. End the phase to go on to ISR."
        incoming = "1 attack is incoming" if n == 1 else f"{n} attacks are incoming"
        return f"{incoming}. Resolve each on its card (Enter opens it), or end the phase to resolve them all."
    if phase == "blue_isr":
        return "Select an ISR drone (click its base, or Tab) and a hex to search. End the phase when done."
    if phase == "blue_air":
        return "Select a strike flight (click its base, or Tab) and a known target in range. End the phase when done."
    return "End the phase to go on."


def selection_hint(o: Options) -> str:
    parts = []
    if o.moves:
        parts.append("click a shaded hex to move")
    if o.attacks:
        parts.append("click a ringed site to attack")
    if o.searches:
        parts.append("click a hex in range to search it and its surroundings")
    if o.sorties:
        parts.append("click a ringed target to fly a sortie")
    if o.markers:
        parts.append("P: place a marker here")
    if o.ground is not None:
        parts.append("G: go to ground")
    if not parts:
        return "Nothing more this piece can do in this phase."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def verb(c: Command) -> str:
    """The commit button's label."""
    if isinstance(c, DroneAttack):
        return f"Launch {count(c.drones, 'drone')}"
    if isinstance(c, RocketAttack):
        return "Fire rockets"
    if isinstance(c, FlySortie):
        return "Fly the sortie"
    if isinstance(c, TaskIsr):
        return "Search"
    if isinstance(c, ResolveAttack):
        return "Resolve"
    if isinstance(c, PlayCard):
        return "Play the event" if c.use == EVENT else "Play for ops"
    if isinstance(c, PlaceMarker):
        return "Place the marker"
    if isinstance(c, GoToGround):
        return "Go to ground"
    return "Do it"


def choice_label(c: Command, name_of, rules=None) -> str:
    """The label of an alternative on the odds card (another drone count, another target,
    another use of a card)."""
    if isinstance(c, PlayCard) and rules is not None:
        from .hand import use_label

        return use_label(rules, c)
    if isinstance(c, DroneAttack):
        return count(c.drones, "drone")
    if isinstance(c, FlySortie):
        return name_of(c.target)
    if isinstance(c, RocketAttack):
        return "Rockets"
    return c.describe()


def describe(c: Command, name_of, rules=None) -> str:
    """A command in a sentence fragment, for "Undone: ..." and the dice card's title
    (`rules`: for the names of cards and operations)."""
    if isinstance(c, PlayCard) and rules is not None and c.card in rules.cards:
        card = rules.cards[c.card]
        if c.use == EVENT:
            return f"{card.name}: its event"
        op = rules.operations.get(card.side, {}).get(c.use)
        return f"{card.name} for ops: {op.name if op is not None else c.use}"
    if isinstance(c, MoveTeam):
        return f"{name_of(c.team)} to {ccrr(c.to)}"
    if isinstance(c, DroneAttack):
        return f"{name_of(c.team)}: {count(c.drones, 'drone')} at {name_of(c.target)}"
    if isinstance(c, RocketAttack):
        return f"{name_of(c.team)}: rockets at {name_of(c.target)}"
    if isinstance(c, FlySortie):
        return f"{name_of(c.flight)} strikes {name_of(c.target)}"
    if isinstance(c, TaskIsr):
        return f"{name_of(c.drone)} searches {ccrr(c.hex)}"
    if isinstance(c, EndPhase):
        return "End of the phase"
    if isinstance(c, GoToGround):
        return f"{name_of(c.team)} goes to ground"
    if isinstance(c, PlaceMarker):
        return f"Marker on {name_of(c.piece)}"
    return c.describe()


def status_words(p, viewer: str | None, turn: int) -> str:
    words = []
    if p.destroyed:
        words.append("destroyed")
    elif p.damaged:
        words.append("damaged")
    if p.suppressed_turn != NEVER and p.suppressed_turn >= turn:
        words.append("pinned down")
    if p.hidden and viewer == p.side:
        words.append(f"hidden from {SIDE_NAMES['red' if p.side == 'blue' else 'blue']}")
    if getattr(p, "active", False) and not p.destroyed:
        words.append("active: seen launching" if viewer == p.side else "active: kept in sight as it moves")
    if p.unconfirmed and viewer is not None and viewer != p.side:
        words.append("strike results unclear")
    if p.casualties:
        words.append(count(p.casualties, "casualty"))
    return ", ".join(words)


def values_text(rules, view, p) -> str:
    """"Drone launch team: drones per attack 2, range 20, move 3 (hidden from Blue)"."""
    names = KIND_VALUES.get(p.kind, ())
    parts = [f"{n.replace('_', ' ')} {rules.value(view, p, n)}" for n in names]
    status = status_words(p, getattr(view, "side", None), view.turn)
    return f"{KIND_NAMES.get(p.kind, p.kind)}: " + ", ".join(parts) + (f" ({status})" if status else "")


@dataclass(frozen=True)
class Tooltip:
    title: str
    lines: tuple[str, ...]


def hex_tooltip(rules, view, h: Hex, viewer: str | None, options: Options | None, stack: list) -> Tooltip:
    """What the player learns by pointing at a hex: ground, country, places, the
    pieces there as the viewing side knows them, and what a click would do."""
    t = rules.terrain[h]
    country = rules.scenario.map.countries[rules.country[h]].name
    lines = [f"{p.name} ({p.kind.replace('_', ' ')})" for p in rules.places_at.get(h, [])]
    if rules.population[h]:
        lines.append(f"Population class {rules.population[h]}")
    tags: dict[str, list[str]] = {}
    for mid, pid in getattr(view, "markers", ()):  # the view holds only the markers its side may see
        m = rules.markers.get(mid)
        tags.setdefault(pid, []).append(m.name if m is not None else mid)
    for p in reversed(stack):  # top of the stack first, as the eye reads it
        status = status_words(p, viewer, view.turn)
        kind = KIND_NAMES.get(p.kind, p.kind).lower()
        lines.append(f"• {rules.name_of(p.id)} — {kind}" + (f" ({status})" if status else ""))
        for name in tags.get(p.id, ()):
            lines.append(f"   {name} marker on it")
        if getattr(p, "active", False) and not p.destroyed:
            lines.append(ACTIVE_OWN if viewer == p.side else ACTIVE_SEEN)
    if options is not None:
        if h in options.moves:
            lines.append("Click: move here")
        if h in options.searches:
            lines.append("Click: search here (shows the odds first)")
    return Tooltip(f"Hex {ccrr(h)} · {t.name} · {country}", tuple(lines))


ACTIVE_OWN = "   Active: the enemy knows the block it launched from; going to ground (G) hides it again."
ACTIVE_SEEN = "   Active: it launched, and stays in sight as it moves until it goes to ground."


def stack_order(pieces: list, selected: str | None) -> list:
    """Pieces drawn in a hex, bottom first: installations, then the rest, the selected on top."""
    return sorted(pieces, key=lambda p: (p.id == selected, p.kind not in INSTALLATIONS, p.id))


def unacted_words(pieces: list[str], name_of) -> str:
    """"Drone team North and Rocket team Anbar have not acted." for the End phase question."""
    names = [name_of(p) for p in pieces]
    shown = names[:4] + ([f"{count(len(names) - 4, 'other')}"] if len(names) > 4 else [])
    verb_ = "has" if len(names) == 1 else "have"
    return f"{listing(shown)} {verb_} not acted this phase."


def unacted(view, may_act) -> list[str]:
    """Pieces that could act this phase and have done nothing at all in it (the
    question before ending the phase)."""
    out = []
    for pid in sorted(may_act):
        p = view.pieces[pid]
        if p.kind in TEAMS:
            if p.moved_turn != view.turn and p.attacked_turn != view.turn:
                out.append(pid)
        elif p.kind in AIRCRAFT and p.sorties_used == 0:
            out.append(pid)  # a site that may take a marker has not "acted": it never acts
    return out


def panel_hint(rules, view, session, selected: str | None, options: Options, legal: list) -> list[tuple[str, str]]:
    """What the panel says under the tracks: the selected piece, or what the phase asks."""
    if selected is not None and selected in view.pieces:
        p = view.pieces[selected]
        return [(rules.name_of(p.id), "title"), (values_text(rules, view, p), "muted"), (selection_hint(options), "hint")]
    if session.my_move:
        return [(phase_hint(session.phase, legal), "hint")]
    if session.computer_to_move:
        return [(f"{SIDE_NAMES[session.to_move]} (computer) is playing the {session.phase_title}…", "muted")]
    if session.over:
        return [("The game is over. Every event of both sides is now in the log.", "muted")]
    return []
