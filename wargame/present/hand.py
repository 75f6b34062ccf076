"""A side's hand of cards, and the words of the new commands (cards, markers, going to ground).

The hand is read from the side's own view (`SideView.hand`), never from the
game: the other side's cards are not in the view at all, so nothing built here
can name them; of the other hand only its size is said. Whether a card may be
played now, and for what, comes from the engine's legal commands: no rule of
the cards is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from ..kinds import OTHER, SIDE_NAMES
from ..rules.commands import Command, GoToGround, PlaceMarker, PlayCard
from ..scenario.choices import EVENT
from ..words import count
from .cards import OddsCard


@dataclass(frozen=True)
class HandCard:
    """One card of the hand at the screen, as its holder reads it."""

    card: str
    name: str
    ops: int
    text: str  # what its event does
    source: str  # the reporting it retells
    once: bool
    event_now: bool  # the rules allow its event now
    plays: tuple[PlayCard, ...]  # the plays the rules allow now, the event first

    @property
    def status(self) -> str:
        """"event or ops", "ops only", "not now": what the card may do now, in two words."""
        if not self.plays:
            return "not now"
        return "event or ops" if self.event_now and len(self.plays) > 1 else ("event" if self.event_now else "ops only")


@dataclass(frozen=True)
class Hand:
    side: str | None
    cards: tuple[HandCard, ...]
    heading: str  # "Your hand · 1 play left today"
    others: str  # "Red holds 2 cards" (the other hand: its size only)


def hand_for(rules, view, legal: Iterable[Command]) -> Hand:
    """The hand of the side whose view this is, each card with the plays `legal` allows."""
    spec = rules.scenario.cards
    side = view.side
    if spec is None or side is None:
        return Hand(side, (), "", "")
    plays = [c for c in legal if isinstance(c, PlayCard)]
    cards = []
    for cid in view.hand:
        card = rules.cards[cid]
        mine = tuple(sorted((c for c in plays if c.card == cid), key=lambda c: c.use != EVENT))
        event_now = any(c.use == EVENT for c in mine)
        cards.append(HandCard(cid, card.name, card.ops, card.text, card.source, card.once, event_now, mine))
    left = max(0, spec.plays.get(side, 0) - view.played.get(side, 0))
    heading = f"Your hand · {count(left, 'play')} left today" if view.hand else "Your hand is empty"
    other = OTHER[side]
    others = f"{SIDE_NAMES[other]} holds {count(view.hand_sizes.get(other, 0), 'card')}"
    return Hand(side, tuple(cards), heading, others)


def use_label(rules, c: PlayCard) -> str:
    """A play's button: "Event", or the operation and what it costs of the card's
    operations value, "An extra ISR sortie · costs 1 op" (a bare "(1)" read as a count)."""
    if c.use == EVENT:
        return "Event"
    card = rules.cards.get(c.card)
    op = rules.operations.get(card.side if card else "", {}).get(c.use)
    return f"{op.name} · costs {count(op.cost, 'op')}" if op is not None else c.use


def play_verb(c: PlayCard) -> str:
    return "Play the event" if c.use == EVENT else "Play for ops"


def play_card_words(rules, view, c: PlayCard, odds: OddsCard) -> OddsCard:
    """The card shown before a card is played: what its event does (or what the operation
    buys, and that the event is then not played), the source it retells, the exact odds
    of any table it rolls, and the track thresholds it may cross."""
    card = rules.cards.get(c.card)
    if card is None:
        return odds
    if c.use == EVENT:
        title = f"{card.name} · event"
        notes = [f"Event: {card.text}"]
        if card.once:
            notes.append("Once played for its event, the card leaves the game.")
    else:
        op = rules.operations.get(card.side, {}).get(c.use)
        title = f"{card.name} · ops {card.ops}"
        notes = [f"Operations: {op.name}" + (f" — {op.description}" if op and op.description else "")]
        notes.append(f"(Its event, not played: {card.text})")
    notes += [n for n in odds.notes if n != card.text]
    if card.source:
        notes.append(f"“{card.source}”")
    return replace(odds, title=title, notes=tuple(notes))


def marker_words(rules, c: PlaceMarker) -> OddsCard:
    """What placing a marker does, for its card and its button's tooltip (no dice)."""
    m = rules.markers.get(c.marker)
    if m is None:
        return OddsCard(c.describe(), (), (), ())
    notes = [m.description] if m.description else []
    if m.adjust:
        notes.append("On this piece: " + ", ".join(f"{k.replace('_', ' ')} {v:+d}" for k, v in m.adjust.items()))
    if m.hidden:
        notes.append(f"{SIDE_NAMES[OTHER[m.side]]} never sees where it stands.")
    return OddsCard(f"{m.name} marker on {rules.name_of(c.piece)}", (), tuple(notes), ())


def ground_words(rules, c: GoToGround) -> OddsCard:
    """What going to ground does (no dice)."""
    name = rules.name_of(c.team)
    notes = (GROUND_HINT, f"{name} stays where it is and cannot move again today.")
    return OddsCard(f"{name} goes to ground", (), notes, ())


GROUND_HINT = "Going to ground ends the team's active state: Blue loses sight of it if it was seen."


def marker_tags(rules, view) -> dict[str, tuple[str, ...]]:
    """Each piece's markers as the view holds them (its side's own, and the other's that are
    not hidden: the view has already left the rest out), by marker name."""
    out: dict[str, tuple[str, ...]] = {}
    for mid, pid in view.markers:
        m = rules.markers.get(mid)
        out[pid] = out.get(pid, ()) + ((m.name if m is not None else mid),)
    return out
