"""The play screen's cards, markers and hiding teams: the hand, its cards over the board,
the buttons and keys of the commands that need no target.

Kept beside play.py (the controller) so each stays small. Like it, this decides no
rule: what a card may do, where a marker may go and which team may go to ground are
the engine's legal commands; the words come from present/hand.py.
"""

from __future__ import annotations

from ...present.cards import command_card
from ...present.hand import GROUND_HINT, Hand, hand_for, marker_words
from ...rules.commands import Command, GoToGround, PlaceMarker, PlayCard
from ...scenario.choices import EVENT
from . import card as cards


class PlayActions:
    def __init__(self, play):
        self.play = play

    # --- what the strip shows -------------------------------------------------------

    def hand(self) -> Hand | None:
        """The hand of the side at the screen (None: no cards, or nobody's view on screen)."""
        play = self.play
        seen_as = play.session.seen_as
        if play.rules.scenario.cards is None or seen_as is None or play.view.side != seen_as:
            return None  # no cards, nobody's view on screen, or a view not yet re-read after a hand-over
        return hand_for(play.rules, play.view, play.legal)

    def strip_actions(self) -> tuple[tuple[Command, str, str], ...]:
        """The selected piece's buttons: a marker to place on it, going to ground."""
        rules, o = self.play.rules, self.play.options
        out = []
        for c in o.markers.values():
            words = marker_words(rules, c)
            out.append((c, f"Place {rules.markers[c.marker].name} (P)", " ".join(words.notes)))
        if o.ground is not None:
            out.append((o.ground, "Go to ground (G)", GROUND_HINT))
        return tuple(out)

    # --- cards of the hand ------------------------------------------------------------

    def open_card(self, cid: str) -> None:
        """Show a card of the hand over the board: what its event does, its source, the
        exact odds of any table it rolls; with a button for each play allowed now."""
        play = self.play
        hand = self.hand()
        card = next((c for c in hand.cards if c.card == cid), None) if hand is not None else None
        if card is None:
            return
        if card.plays:
            play.open_odds(card.plays[0], card.plays)
            return
        command = PlayCard(cid, EVENT)
        words = command_card(play.rules, play.view, command, play.session.read_ahead(command))
        side = play.session.viewer or "blue"
        play.card = cards.odds(words, None, (), side, play.rules.name_of, play.map.viewport, play.scale, play.rules)

    def open_number(self, n: int) -> None:
        """The number keys: the n-th card of the hand (1 the first)."""
        hand = self.hand()
        if hand is not None and 0 < n <= len(hand.cards):
            self.open_card(hand.cards[n - 1].card)
        elif hand is not None:
            self.play.say(f"Your hand holds {len(hand.cards)} cards" if hand.cards else "Your hand is empty")

    def next_use(self) -> None:
        """U: on an open card of the hand, its next use (the event, then each operation)."""
        play = self.play
        card = play.card
        if card is None or not isinstance(card.pending, PlayCard) or len(card.choices) < 2:
            return
        i = card.choices.index(card.pending) if card.pending in card.choices else -1
        play.open_odds(card.choices[(i + 1) % len(card.choices)], card.choices)

    # --- markers and going to ground --------------------------------------------------

    def place_marker(self) -> None:
        """P: place a marker on the selected piece, or select the next piece that may take one."""
        self._by_key(PlaceMarker, self.play.options.buttons(), "No marker may be placed now.")

    def go_to_ground(self) -> None:
        """G: the selected active team goes to ground, or select the next team that may."""
        self._by_key(GoToGround, self.play.options.buttons(), "No active team may go to ground now.")

    def _by_key(self, kind: type, offered: list[Command], none: str) -> None:
        play = self.play
        mine = [c for c in offered if isinstance(c, kind)]
        if mine:
            play.send(mine[0])
            return
        pieces = sorted({getattr(c, "piece", None) or getattr(c, "team") for c in play.legal if isinstance(c, kind)})
        if not pieces:
            play.say(none)
            return
        i = pieces.index(play.selected) + 1 if play.selected in pieces else 0
        pid = pieces[i % len(pieces)]
        play.select(pid)
        play.map.centre_on(play.view.pieces[pid].hex)

    def after(self, command: Command) -> None:
        """A word on the banner after a command that rolls nothing (the log has it too)."""
        play = self.play
        if isinstance(command, PlaceMarker):
            m = play.rules.markers[command.marker]
            hidden = " (hidden from the other side)" if m.hidden else ""
            play.say(f"{m.name} marker on {play.rules.name_of(command.piece)}{hidden}")
        elif isinstance(command, GoToGround):
            play.say(f"{play.rules.name_of(command.team)} goes to ground")
