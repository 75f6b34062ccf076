"""What the keys and clicks on the board screen mean: dialogs first, then the panel's
buttons and the card, then the map, then the play keys of the key table."""

from __future__ import annotations

import pygame

from ...present.options import first_unresolved
from .. import keys


class PlayInput:
    def __init__(self, play):
        self.play = play

    def handle(self, event: pygame.event.Event) -> None:
        play = self.play
        if play.file_dialog is not None:
            if play.file_dialog.handle(event):
                play.file_dialog = None
                return
            if play.file_dialog.open:
                return  # keys typed into the save dialog are not game commands
            # its OK button kills the window a frame before the picked path arrives: the
            # dialog is kept until its own path or close event, or a save would be lost
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._click_over(event.pos):
            play.controls.drag_from = None
            return
        if event.type == pygame.MOUSEWHEEL and play.panel.log.rect.collidepoint(play.mouse):
            play.panel.log.wheel(event.y)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            play.close_card()
            play.select(None)
            return
        if event.type == pygame.MOUSEMOTION:
            play.panel.motion(event.pos)
            if play.card is not None:
                play.card.motion(event.pos)
        if play.controls.handle(event):
            return
        if event.type == pygame.KEYDOWN:
            self._key(event)

    def _key(self, event) -> None:
        play = self.play
        action = keys.action_for(event, ("play",))
        if action == "skip" and play.session.computer_to_move:
            play.skip_computer()
        elif action == "next_piece":
            play.select_next()
            play.controls.hover = None
        elif action == "save":
            play.ask_save()
        elif action == "undo":
            play.undo()
        elif action == "end_phase":
            play.end_phase()
        elif action == "commit":
            if play.card is not None and play.card.kind == "odds":
                play.commit()
            elif play.card is not None:
                play.close_card()  # a dice card's OK, a card read's Close
            elif play.card is None and play.session.phase == "blue_reaction":
                nxt = first_unresolved(play.legal)
                if nxt is not None:
                    play.open_odds(nxt, (nxt,))
        elif action == "cancel":
            play.cancel()
        elif action == "hand_card":
            play.actions.open_number(event.key - pygame.K_0 if pygame.K_1 <= event.key <= pygame.K_9
                                     else event.key - pygame.K_KP1 + 1)  # fmt: skip
        elif action == "next_use":
            play.actions.next_use()
        elif action == "place_marker" and play.session.my_move:
            play.actions.place_marker()
        elif action == "go_to_ground" and play.session.my_move:
            play.actions.go_to_ground()

    def _click_over(self, pos) -> bool:
        """A click on the panel's buttons or on the card; True if one of them took it."""
        play = self.play
        b = play.panel.click(pos)
        if b is not None:
            self.button(b.action)
            return True
        what = play.panel.strip.click(pos)
        if isinstance(what, tuple) and what[0] == "hand":
            play.actions.open_card(what[1])
            return True
        if what is not None:
            play.send(what)  # a marker to place, a team to ground: the strip's buttons
            return True
        if not play._over_card(pos):
            return False
        what = play.card.click(pos)
        if what == "commit":
            play.commit()
        elif what == "cancel":
            play.close_card()
        elif what is not None and play.card.kind == "odds":
            play.open_odds(what, play.card.choices)
        return True

    def button(self, action) -> None:
        play = self.play
        if action == "end_phase":
            play.end_phase()
        elif action == "undo":
            play.undo()
        elif action == "menu" and play.shell is not None:
            play.shell.ask_leave(play)
        elif action == "save":
            play.ask_save()
