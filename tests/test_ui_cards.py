"""Cards, markers and hiding teams on the play screen, driven by synthetic events under SDL's
dummy driver: a card played for its event and one for operations, a marker placed, an active
team sent to ground; and Red's hand never in anything Blue's screen draws or logs."""

from __future__ import annotations

import pygame
import pytest

from uidrive import click, frame, key, press_card, start, take_screen, top
from wargame.present.hand import hand_for
from wargame.present.hints import hex_tooltip, panel_hint
from wargame.present.looks import scene_for
from wargame.rules.commands import DroneAttack, EndPhase, GoToGround, PlaceMarker, PlayCard
from wargame.rules.engine import Game
from wargame.session import Session
from wargame.ui.keys import help_rows
from wargame.ui.screens.handover import HandoverScreen


def hot_seat(border_rules, seed: int = 5):
    session = Session(Game(border_rules, seed), {"blue": "human", "red": "human"})
    app, play = start(session)
    take_screen(app)
    frame(app)
    return app, play, session


def to_phase(app, play, phase: str) -> None:
    """End phases through the screen's End phase key (answering its question) until `phase`."""
    from wargame.ui.screens.question import QuestionScreen

    for _ in range(30):
        take_screen(app)
        if play.session.phase == phase and top(app) is play:
            return
        key(app, pygame.K_e)
        if isinstance(top(app), QuestionScreen):
            key(app, pygame.K_RETURN)
        if play.card is not None:
            play.close_card()
    raise AssertionError(f"never reached {phase}")


def tile_of(play, cid):
    return next(t for t in play.panel.strip.tiles if t.card == cid)


def test_a_card_played_for_its_event_by_clicks(border_rules):
    app, play, session = hot_seat(border_rules)
    assert session.viewer == "red" and session.phase == "red_operations"
    game = session.game
    hand = list(session.view().hand)
    assert [t.card for t in play.panel.strip.tiles] == hand  # Red's own cards, in its strip
    cid = next(c for c in hand if PlayCard(c, "event") in session.legal())
    name = border_rules.cards[cid].name
    click(app, tile_of(play, cid).rect.center)
    assert play.card.kind == "odds" and play.card.pending == PlayCard(cid, "event")
    assert any(border_rules.cards[cid].text in n for n in play.card.words.notes)  # what it does, before
    press_card(app, play, "commit")
    assert game.history[-1].command == PlayCard(cid, "event")
    assert cid not in session.view().hand
    assert play.card is not None and play.card.kind == "roll"  # after: what happened, on a card
    assert any(name in o for o in play.card.words.outcomes)
    assert any(name in line.text and line.tone == "card" for line in play._log)  # and in the log


def test_a_card_played_for_operations_by_keys(border_rules):
    app, play, session = hot_seat(border_rules)
    game = session.game
    hand = session.view().hand
    key(app, pygame.K_1)  # the first card of the hand
    assert play.card is not None and play.card.pending.card == hand[0]
    choices = play.card.choices
    ops = [c for c in choices if c.use != "event"]
    assert ops
    while play.card.pending != ops[0]:
        key(app, pygame.K_u)  # the next use
    assert play.card.words.title.endswith(f"ops {border_rules.cards[hand[0]].ops}")
    stocks = dict(game.state.stocks["red"])
    key(app, pygame.K_RETURN)
    assert game.history[-1].command == ops[0]
    assert session.view().played["red"] == 1
    assert game.state.stocks["red"] != stocks or game.state.today  # what the operation bought
    # the one play of the day is spent: every card is now to read only
    assert all(not t.playable for t in play.panel.strip.tiles)
    if play.panel.strip.tiles:
        play.close_card()
        click(app, play.panel.strip.tiles[0].rect.center)
        assert play.card.kind == "read" and play.card.pending is None


def test_blue_places_an_alert_marker_red_never_sees_it(border_rules):
    app, play, session = hot_seat(border_rules)
    to_phase(app, play, "blue_air")
    assert session.viewer == "blue"
    place = next(c for c in session.legal() if isinstance(c, PlaceMarker))
    site = session.game.state.pieces[place.piece]
    play.select(None)
    for _ in range(6):
        play.click_hex(site.hex)
        if play.selected == place.piece:
            break
    frame(app)
    b = next(b for b in play.panel.strip.buttons if b.action == place)
    click(app, b.rect.center)
    assert (place.marker, place.piece) in session.game.state.markers
    looks = {c.piece: c.look for st in scene_for(border_rules, session.view(), "blue").stacks for c in st.counters}
    assert looks[place.piece].markers == "A"  # Blue's counter carries its badge
    red = session.game.view("red")
    assert (place.marker, place.piece) not in red.markers
    red_looks = {c.piece: c.look for st in scene_for(border_rules, red, "red").stacks for c in st.counters}
    assert red_looks[place.piece].markers == ""  # never on Red's board
    tip = hex_tooltip(border_rules, red, site.hex, "red", None, [p for p in red.pieces.values() if p.hex == site.hex])
    assert not any("Alert" in line for line in tip.lines)
    tip = hex_tooltip(border_rules, session.view(), site.hex, "blue", None,
                      [p for p in session.view().pieces.values() if p.hex == site.hex])  # fmt: skip
    assert any("Alert marker" in line for line in tip.lines)
    # the P key places the next one (selecting a site that may take it first)
    more = [c for c in session.legal() if isinstance(c, PlaceMarker)]
    if more:
        key(app, pygame.K_p)
        key(app, pygame.K_p)
        assert len(session.game.state.markers) == 2


def _at_an_active_team(border_rules):
    """Red's screen on day 2 with a team that launched on day 1, and its go-to-ground command."""
    from tools.play_pictures import active_team_game

    g = active_team_game(border_rules)
    session = Session(g, {"blue": "human", "red": "human"})
    app, play = start(session)
    take_screen(app)
    frame(app)
    ground = next(c for c in session.legal() if isinstance(c, GoToGround))
    return g, session, app, play, ground


def test_an_active_team_goes_to_ground_by_button_and_is_drawn_active(border_rules):
    g, session, app, play, ground = _at_an_active_team(border_rules)
    team = g.state.pieces[ground.team]
    looks = {c.piece: c.look for st in scene_for(border_rules, session.view(), "red").stacks for c in st.counters}
    assert looks[ground.team].active  # drawn distinctly on Red's own board
    play.select(None)
    for _ in range(6):
        play.click_hex(team.hex)
        if play.selected == ground.team:
            break
    assert play.options.ground == ground
    assert any("go to ground" in text.lower() for text, _ in panel_hint(border_rules, play.view, session, play.selected,
                                                                          play.options, play.legal))  # fmt: skip
    frame(app)
    b = next(b for b in play.panel.strip.buttons if b.action == ground)
    click(app, b.rect.center)
    assert g.history[-1].command == ground and not team.active
    assert "goes to ground" in play.message


def test_the_g_key_sends_the_next_active_team_to_ground(border_rules):
    g, session, app, play, ground = _at_an_active_team(border_rules)
    key(app, pygame.K_g)  # nothing selected: selects the team
    assert play.selected == ground.team
    key(app, pygame.K_g)
    assert g.history[-1].command == ground


def _drawn_words(play) -> list[str]:
    """Every string the play screen puts on the panel, the board's tooltips and the log."""
    words = [line for line in play.panel.strip.heading]
    words += [t.name for t in play.panel.strip.tiles] + [t.right for t in play.panel.strip.tiles]
    words += [b.label for b in play.panel.strip.buttons] + [b.tip for b in play.panel.strip.buttons]
    words += [text for text, _ in play.panel.hint] + [line.text for line in play._log] + [play.message]
    view = play.view
    for p in view.pieces.values():
        tip = hex_tooltip(play.rules, view, p.hex, "blue", None, [q for q in view.pieces.values() if q.hex == p.hex])
        words += [tip.title, *tip.lines]
    if play.card is not None and play.card.words is not None:
        w = play.card.words
        words += [w.title, *getattr(w, "notes", ()), *getattr(w, "outcomes", ())]
    return words


def test_reds_hand_never_appears_on_blues_screen(border_rules):
    """Play on to Blue's phases; at every screen Blue sees, nothing drawn or logged names a card
    while it is in Red's hand (once Red plays it, its play is public)."""
    app, play, session = hot_seat(border_rules)
    game = session.game
    assert session.viewer == "red"
    red_names = {border_rules.cards[c].name for c in game.state.hands["red"]}
    assert any(n in " ".join(_drawn_words(play)) for n in red_names)  # Red sees its own
    blue_screens = 0
    for _ in range(40):
        if game.over or game.state.turn > 2:
            break
        take_screen(app)
        frame(app)
        if session.viewer == "blue":
            blue_screens += 1
            held = {border_rules.cards[c].name for c in game.state.hands["red"]}
            words = " ".join(_drawn_words(play))
            assert not any(n in words for n in held), [n for n in held if n in words]
            hand = hand_for(border_rules, session.view(), session.legal())
            assert {c.card for c in hand.cards} <= set(game.state.hands["blue"])
            assert hand.others.startswith("Red holds ")
            # Blue's cards opened one by one: still nothing of Red's
            for i in range(len(hand.cards)):
                key(app, pygame.K_1 + i)
                words = " ".join(_drawn_words(play))
                assert not any(n in words for n in held)
            play.close_card()
        key(app, pygame.K_e)
        from wargame.ui.screens.question import QuestionScreen

        if isinstance(top(app), QuestionScreen):
            key(app, pygame.K_RETURN)
        if isinstance(top(app), HandoverScreen):
            # the hand-over card draws nothing of either hand
            assert top(app).side in ("blue", "red")
    assert blue_screens >= 2


def test_f1_lists_the_new_keys():
    rows = {b.action: b for _, bs in help_rows(("board", "play")) for b in bs}
    assert {"hand_card", "next_use", "place_marker", "go_to_ground"} <= set(rows)


def test_the_replay_and_away_logs_name_only_the_cards_red_played(border_rules):
    """The replay viewer and "while you were away" read the log through `Viewing`: in Blue's
    view a card of Red's appears only once Red plays it (a play is public), never as drawn."""
    from wargame.ai.greedy import GreedyPlayer
    from wargame.present.log import log_lines
    from wargame.replay import Replay
    from wargame.viewing import Viewing

    g = Game(border_rules, 5)
    brains = {"blue": GreedyPlayer(1), "red": GreedyPlayer(2)}
    while not g.over and g.state.turn <= 3:
        side = g.side_to_move
        g.apply(brains[side].choose(g.decision(side)))
    played = {s.command.card for s in g.history if isinstance(s.command, PlayCard)}
    red_cards = set(border_rules.deck_of["red"])
    drawn = {c for c in red_cards if any(border_rules.cards[c].name in e.text for e in g.log if e.kind == "draw")}
    secret = {border_rules.cards[c].name for c in drawn - played}
    assert secret  # Red drew cards it has not played
    v = Viewing(Replay.from_game(g), "blue")
    v.seek(len(v) - 1)
    texts = [line.text for line in log_lines(v.log())]
    assert any(line.startswith("Red draws ") for line in texts)  # Blue reads that Red drew...
    assert not any(n in t for n in secret for t in texts)  # ...never what
    for cid in played & red_cards:
        assert any(border_rules.cards[cid].name in t for t in texts)  # a card played is public


def test_tooltips_explain_an_active_team(border_rules):
    from tools.play_pictures import active_team_game

    g = active_team_game(border_rules)
    team = next(c for c in g.legal_commands() if isinstance(c, GoToGround)).team
    view = g.view("red")
    p = view.pieces[team]
    tip = hex_tooltip(border_rules, view, p.hex, "red", None, [q for q in view.pieces.values() if q.hex == p.hex])
    assert any("active" in line.lower() and "go" in line.lower() for line in tip.lines)
