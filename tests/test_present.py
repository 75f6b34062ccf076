"""The presentation layer, headless: every sentence a player reads, without a screen."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

from wargame.hexgrid import parse_ccrr
from wargame.present.cards import command_card, odds_card, roll_card
from wargame.present.hints import hex_tooltip, phase_hint, status_words, unacted_words
from wargame.present.log import log_line
from wargame.present.looks import scene_for
from wargame.present.options import actors, click_intent, options_for
from wargame.present.rolls import roll_words
from wargame.present.summary import turn_summary
from wargame.rules.commands import (
    DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, PlaceMarker, PlayCard, ResolveAttack, RocketAttack, TaskIsr,
)  # fmt: skip
from wargame.rules.engine import Game
from wargame.rules.events import Event, Roll


def _roll(**kw) -> Event:
    roll = Roll(table="drone_attack", title="Drone attack effect", dice="2d6", faces=(4, 6), natural=10,
                modifiers=(("Open war", 1),), column=None, shifts=(), total=11, result="heavy",
                text="Direct hit with casualties", needed="")  # fmt: skip
    for k, v in kw.items():
        object.__setattr__(roll, k, v)
    return Event(1, "blue_reaction", "roll", "Drone 1 of 2 hits Erbil air base: Direct hit with casualties (...)", roll=roll)


def test_a_roll_is_said_in_modified_totals_with_every_modifier_named():
    w = roll_words(_roll())
    assert w.label == "Drone 1 of 2 hits Erbil air base"
    assert w.sum_text == "10, Open war +1 = 11"
    assert w.sides == (6, 6) and w.faces == (4, 6)
    line = log_line(_roll())
    assert line.tone == "roll" and line.faces == (4, 6)
    assert "Open war +1 = 11" in line.text and "Direct hit with casualties" in line.text
    assert "(s)" not in line.text


def test_the_phase_hint_counts_attacks_in_real_words():
    assert phase_hint("blue_reaction", [ResolveAttack(1)]).startswith("1 attack is incoming.")
    assert phase_hint("blue_reaction", [ResolveAttack(1), ResolveAttack(2)]).startswith("2 attacks are incoming.")
    assert "Every attack is resolved" in phase_hint("blue_reaction", [EndPhase()])
    assert unacted_words(["a"], str.upper) == "A has not acted this phase."
    assert unacted_words(["a", "b", "c"], str.upper) == "A, B and C have not acted this phase."


def _rolls(rules, c) -> list[str]:
    """The tables a command's effects roll (a card's event or operation): what its card must show."""
    if not isinstance(c, PlayCard):
        return []
    card = rules.cards[c.card]
    effects = card.effects if c.use == "event" else rules.operations[card.side][c.use].effects
    return [e.roll for e in effects if e.verb == "roll"]


def test_odds_cards_sum_to_one_for_every_command_of_a_game(border_rules):
    """Every command a game offers gets a card before it is given: one with the exact odds
    of each roll it makes (summing to one), or, for a command that rolls nothing (a marker,
    going to ground, a card without a roll), a plain card that says what it does."""
    from wargame.session import Session

    g = Game(border_rules, 3)
    table = Session(g)  # the screen's way to a preview (two people at the table, no autosave)
    seen = plain = 0
    kinds = set()
    for _ in range(60):
        if g.over:
            break
        legal = g.legal_commands()
        every_card_play = [c for c in legal if isinstance(c, (PlayCard, PlaceMarker, GoToGround))]
        for c in list(legal[:: max(1, len(legal) // 15)]) + every_card_play:
            if isinstance(c, (EndPhase, MoveTeam)):
                continue
            card = command_card(border_rules, g.view(g.side_to_move), c, table.preview(c))
            kinds.add(type(c))
            assert card.title and "_" not in card.title  # names, not ids
            rolls = _rolls(border_rules, c)
            if isinstance(c, (PlaceMarker, GoToGround)) or (isinstance(c, PlayCard) and not rolls):
                assert not card.sections and card.notes  # no dice: what it does, in words
                plain += 1
            else:
                assert card.sections
                if rolls:  # a card whose event rolls a table shows that table's exact odds
                    titles = [border_rules.tables[t].spec.title for t in rolls]
                    assert [s.label for s in card.sections] == titles
            for sec in card.sections:
                assert sum(b.chance for b in sec.bars) == Fraction(1)
                assert all(isinstance(m, str) and m for m in sec.modifiers)
            seen += 1
        g.apply(legal[-1])
    assert seen > 10 and plain > 0
    assert {PlayCard, PlaceMarker} <= kinds


def test_a_card_that_rolls_a_table_shows_the_exact_odds_of_that_roll(border_rules):
    from wargame.rules.preview import preview_command
    from wargame.rules.rulebook import Situation

    g = Game(border_rules, 3)
    view = g.view("red")
    c = PlayCard("iraq_parliament", "event")
    card = command_card(border_rules, view, c, preview_command(border_rules, view, c, crossings=False))
    (section,) = card.sections
    odds = border_rules.setup("parliament", view, Situation()).odds()
    merged: dict[str, Fraction] = {}
    for row, chance in zip(odds.rows, odds.chances):
        merged[row.text] = merged.get(row.text, Fraction(0)) + chance
    assert {b.text: b.chance for b in section.bars} == merged
    assert any("Roll on the Iraq's Parliament table" in n for n in card.notes)


def test_the_dice_card_keeps_the_rolls_and_outcomes_the_side_may_see(tutorial_rules):
    g = Game(tutorial_rules, 2)
    g.apply(RocketAttack("rocket_team_1", "ain_al_asad_base"))
    g.apply(EndPhase())
    events = g.apply(ResolveAttack(1))
    card = roll_card("Rockets", [v for e in events if (v := e.seen_by("blue")) is not None])
    assert card is not None and card.rolls and card.rolls[0].table == "Rocket attack effect"
    assert roll_card("End", []) is None


def test_options_and_clicks(tutorial_rules):
    g = Game(tutorial_rules, 4)
    legal = g.legal_commands("red")
    assert "drone_team" in actors(legal)
    o = options_for("drone_team", legal)
    assert o.moves and o.attacks
    site = next(iter(o.attacks))
    hexes = {site: g.state.pieces[site].hex}
    intent = click_intent(hexes[site], "drone_team", o, hexes, [])
    assert intent.kind == "odds" and isinstance(intent.command, DroneAttack)
    assert intent.command.drones == max(c.drones for c in o.attacks[site])  # the most drones first
    to = next(iter(o.moves))
    assert click_intent(to, "drone_team", o, hexes, []).kind == "send"
    team_hex = g.state.pieces["drone_team"].hex
    assert click_intent(team_hex, None, o, hexes, ["drone_team"]).piece == "drone_team"
    assert click_intent(parse_ccrr("0101"), None, o, hexes, []).kind == "deselect"


def test_a_scene_in_blues_view_has_no_hidden_piece_and_red_marks_its_own(tutorial_rules):
    g = Game(tutorial_rules, 4)
    blue = scene_for(tutorial_rules, g.view("blue"), "blue")
    red = scene_for(tutorial_rules, g.view("red"), "red")
    blue_ids = {c.piece for st in blue.stacks for c in st.counters}
    red_looks = {c.piece: c.look for st in red.stacks for c in st.counters}
    assert "drone_team" not in blue_ids and "drone_team" in red_looks
    assert red_looks["drone_team"].hidden  # Red sees its own team marked hidden from Blue
    assert any(st.off_map for st in blue.stacks)  # the off-map base's stack


def test_tooltips_say_what_the_viewer_knows(tutorial_rules):
    g = Game(tutorial_rules, 4)
    view = g.view("red")
    team = view.pieces["drone_team"]
    stack = [p for p in view.pieces.values() if p.hex == team.hex]
    tip = hex_tooltip(tutorial_rules, view, team.hex, "red", None, stack)
    assert tip.title.startswith("Hex ")
    assert any("Drone team" in line and "hidden from Blue" in line for line in tip.lines)
    assert status_words(team, "blue", view.turn) == ""  # Blue never reads "hidden"


def test_the_turn_summary_reads_only_public_events():
    events = [
        Event(1, "political", "track", "Escalation 3 → 4 (a day of US strikes)"),
        Event(1, "political", "threshold", "Escalation reaches 4: Retaliation. Long words."),
        Event(1, "political", "vp", "Blue +3 VP: Targets destroyed"),
        Event(1, "red_operations", "move", "Drone team moves 1008 → 1009", visible="red"),
        Event(2, "strategic", "track", "Escalation 4 → 5 (tomorrow)"),
    ]
    s = turn_summary(1, events, {"escalation": 3}, {"escalation": 4}, {"escalation": "Escalation"})
    (line,) = s.tracks
    assert (line.start, line.end, line.reasons) == (3, 4, ("+1 a day of US strikes",))
    assert line.thresholds == ("reaches 4: Retaliation",)
    assert s.vp["blue"] == ("+3 Targets destroyed",) and s.vp["red"] == ()
    assert not any("Drone team" in e for e in s.events)


def test_the_turn_summary_leaves_the_next_days_strategic_phase_out():
    """The session records the tracks after each day's strategic phase, so the next day's
    Iran's reaction was counted as today's move, with no reason given; the summary reads
    each track's day from its own moves."""
    names = {"escalation": "Escalation", "diplomacy": "Nuclear talks", "authorization": "Authorization"}
    events = [
        Event(1, "strategic", "track", "Nuclear talks 5 → 4 (Iran's reaction: Condemnation)"),
        Event(1, "political", "track", "Escalation 3 → 4 (a day of US strikes)"),
        Event(2, "strategic", "track", "Escalation 4 → 3 (Iran's reaction: Tehran urges calm)"),
        Event(2, "strategic", "track", "Authorization 1 → 2 (militia attacks on US sites)"),
    ]
    recorded_start = {"escalation": 3, "diplomacy": 4, "authorization": 1}  # after turn 1's strategic phase
    recorded_end = {"escalation": 3, "diplomacy": 4, "authorization": 2}  # after turn 2's
    s = turn_summary(1, events, recorded_start, recorded_end, names)
    got = {line.name: (line.start, line.end, line.reasons) for line in s.tracks}
    assert got["Escalation"] == (3, 4, ("+1 a day of US strikes",))
    assert got["Nuclear talks"] == (5, 4, ("-1 Iran's reaction: Condemnation",))
    assert got["Authorization"] == (1, 1, ())  # its move came the next morning


def test_the_presentation_layer_never_imports_pygame():
    code = "import sys, wargame.present.looks, wargame.present.cards, wargame.present.log, wargame.present.summary\n" \
           "assert 'pygame' not in sys.modules\n"  # fmt: skip
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_an_odds_card_names_the_threshold_a_command_crosses(tutorial_rules):
    """Escalation one below Open war: a strike's first-day effect crosses it, and the
    card says so, with what Open war does, before the player commits."""
    from wargame.rules.commands import FlySortie

    g = Game(tutorial_rules, 1)
    g.apply(EndPhase())
    while g.phase != "blue_air":
        g.apply(EndPhase())
    war = next(th for th in tutorial_rules.tracks["escalation"].thresholds if th.name == "Open war")
    g.state.tracks["escalation"] = war.at - 1
    sortie = next(c for c in g.legal_commands() if isinstance(c, FlySortie))
    card = odds_card(g.preview(sortie))
    assert any("reaches Open war" in w for w in card.warnings), card.warnings
    assert any(war.description.split()[0] in w for w in card.warnings)


def test_a_search_that_finds_shows_its_dice_and_one_that_misses_says_so(tutorial_rules):
    from wargame.dice import RecordedDice
    from wargame.rules.commands import TaskIsr

    for face, found in ((6, True), (1, False)):
        g = Game(tutorial_rules, 1)
        g.apply(EndPhase())
        assert g.phase == "blue_isr"
        team = g.state.pieces["drone_team"]
        drone = next(p for p in g.state.pieces.values() if p.kind == "isr_drone")
        g.dice = RecordedDice([(6, face)])
        events = g.apply(TaskIsr(drone.id, team.hex))
        card = roll_card("Search", [v for e in events if (v := e.seen_by("blue")) is not None])
        assert card is not None
        if found:
            assert [r.table for r in card.rolls] == ["ISR detection"] and any("Detected" in o for o in card.outcomes)
        else:
            assert not card.rolls and any("nothing found" in o for o in card.outcomes)


def test_tab_goes_through_the_pieces_that_act_before_the_sites_that_take_a_marker():
    legal = [PlaceMarker("alert", "a_base"), FlySortie("viper", "depot"), PlaceMarker("alert", "consulate"),
             TaskIsr("reaper", (0, 0)), EndPhase()]  # fmt: skip
    assert actors(legal) == ["reaper", "viper", "a_base", "consulate"]


def test_an_operation_button_says_its_cost_in_ops(border_rules):
    from wargame.present.hand import use_label

    card = next(c for c in border_rules.cards.values() if c.side == "blue")
    assert use_label(border_rules, PlayCard(card.id, "extra_isr")) == "An extra ISR sortie · costs 1 op"
    assert use_label(border_rules, PlayCard(card.id, "extra_sortie")) == "Another strike sortie · costs 2 ops"
    assert use_label(border_rules, PlayCard(card.id, "event")) == "Event"
