"""Cards: each side's hand, drawn each strategic phase, played for the event or for operations.

As in the card-driven designs (Twilight Struggle, Labyrinth), every card offers
a choice: its event (what the article reports, in play) or its operations
value, spent on one of the operations the scenario lists for the side (an
extra ISR sortie, drones smuggled in). A side plays at most `cards.plays` a
turn, in any phase in which it decides. A hand is its side's alone: the other
side reads only that a card was drawn; a card played is shown to both.

Drawing is a chance node like a roll: the card is picked evenly from the
side's pile (its cards neither in hand nor out of the game) by a die of as many
sides as the pile holds, recorded with the step, so a game replays its draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kinds import SIDE_NAMES
from ..scenario.choices import EVENT
from ..words import count
from .commands import Command, PlayCard
from .effects import Outcome, apply_effects
from .rulebook import Knowledge, Rulebook, Situation

if TYPE_CHECKING:
    from .engine import Game


def pile(g: Game, side: str) -> list[str]:
    """The cards `side` may draw: its deck less its hand and the cards out of the game."""
    st = g.state
    held = set(st.hands.get(side, ())) | set(st.removed)
    return [c for c in g.rules.deck_of.get(side, ()) if c not in held]


def draw(g: Game, side: str, n: int) -> None:
    """`side` draws up to `n` cards, never past its hand limit."""
    spec = g.rules.scenario.cards
    if spec is None or n <= 0:
        return
    st = g.state
    hand = st.hands.setdefault(side, [])
    cards = pile(g, side)
    drawn = []
    while len(drawn) < n and cards and len(hand) < spec.hand_limit:
        card = cards.pop(g.chance.pick(len(cards)))
        hand.append(card)
        drawn.append(card)
    if drawn:
        names = [g.rules.cards[c].name for c in drawn]
        g.emit("draw", f"{SIDE_NAMES[side]} draws {', '.join(names)}", side,
               f"{SIDE_NAMES[side]} draws {count(len(drawn), 'card')}")  # fmt: skip


def deal(g: Game) -> None:
    """The strategic phase's draw: the deal on the first turn, the draw after."""
    spec = g.rules.scenario.cards
    if spec is None:
        return
    counts = spec.deal if g.state.turn == 1 and spec.deal else spec.draw
    for side in ("blue", "red"):
        draw(g, side, counts.get(side, 0))


def card_commands(g: Game, side: str) -> tuple[Command, ...]:
    """Every card play the rules allow `side` now, in hand order: the event, then each operation."""
    return hand_plays(g.rules, side, g.state)


def hand_plays(rules: Rulebook, side: str, know: Knowledge) -> tuple[PlayCard, ...]:
    """The card plays `side` may make, read from the state or from a view of it (its own
    hand). Asked before every command, so the plays of a hand (and of which of its
    events hold) are made once per rulebook: only the cards' conditions are read each time."""
    spec = rules.scenario.cards
    if spec is None or know.played.get(side, 0) >= spec.plays.get(side, 0):
        return ()
    hand = tuple(know.hands.get(side, ()))
    cards = rules.cards
    key = ("cards", side, hand, tuple([rules.holds(cards[cid].when, know) for cid in hand]))
    got = rules.command_cache.get(key)
    if got is None:
        out: list[PlayCard] = []
        ops = rules.operations.get(side, {})
        for cid, event in zip(hand, key[3]):
            card = cards[cid]
            if event:
                out.append(PlayCard(cid, EVENT))
            out.extend(PlayCard(cid, op.id) for op in ops.values() if op.cost <= card.ops)
        got = rules.command_cache[key] = tuple(out)
    return got  # type: ignore[return-value]


def check_play(g: Game, c: PlayCard) -> str | None:
    rules, st = g.rules, g.state
    spec = rules.scenario.cards
    side = g.side_to_move
    if spec is None:
        return "this scenario has no cards"
    card = rules.cards.get(c.card)
    if card is None:
        return f"unknown card {c.card!r}"
    if side is None or c.card not in st.hands.get(side, ()):
        return f"{card.name} is not in {SIDE_NAMES.get(side or '', 'the')} hand"
    if st.played.get(side, 0) >= spec.plays.get(side, 0):
        return f"{SIDE_NAMES[side]} has played all its cards this turn ({spec.plays.get(side, 0)})"
    if c.use == EVENT:
        if not rules.holds(card.when, st):
            return f"the event of {card.name} cannot be played now"
        return None
    op = rules.operations.get(side, {}).get(c.use)
    if op is None:
        return f"{SIDE_NAMES[side]} has no operation {c.use!r}"
    if op.cost > card.ops:
        return f"{op.name} costs {op.cost}, more than {card.name}'s operations value ({card.ops})"
    return None


def play(g: Game, c: PlayCard) -> None:
    rules, st = g.rules, g.state
    side = g.side_to_move
    assert side is not None
    card = rules.cards[c.card]
    st.hands[side].remove(c.card)
    st.played[side] = st.played.get(side, 0) + 1
    st.stats["cards_played"] += 1
    who = SIDE_NAMES[side]
    if c.use == EVENT:
        if card.once:
            st.removed.append(c.card)
        g.emit("card", f"{who} plays {card.name} for its event: {card.text}")
        apply_effects(g, card.effects, Situation(), Outcome(), card.name)
    else:
        op = rules.operations[side][c.use]
        g.emit("card", f"{who} plays {card.name} for operations ({card.ops}): {op.name}")
        apply_effects(g, op.effects, Situation(), Outcome(), op.name)
