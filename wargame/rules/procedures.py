"""Procedures: what each command and each automatic phase does, step by step.

These follow the sequence of play in the design: Red moves and declares,
Blue resolves each attack (interception, then the attack table), searches
with its ISR drones and flies sorties (air defence first, then the strike,
collateral harm and the damage assessment); the strategic and political
phases run by themselves. Each function takes the game and the command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import hexgrid
from ..kinds import OTHER, US_SITES
from ..words import count
from .commands import DroneAttack, EndPhase, FlySortie, MoveTeam, ResolveAttack, RocketAttack, TaskIsr
from .effects import (
    Outcome,
    apply_effects,
    change_stock,
    end_game,
    hex_name,
    hide_from_blue,
    holds,
    move_track,
    roll,
    score,
)
from . import cards
from .events import ALL
from .hiding import keeps_contact, launched
from .rulebook import Situation
from .state import Attack

if TYPE_CHECKING:
    from .engine import Game


# --- Red operations -------------------------------------------------------------------


def move_team(g: Game, c: MoveTeam) -> None:
    st = g.state
    team = st.pieces[c.team]
    name = g.rules.name_of(team.id)
    was_seen = not team.hidden
    origin = team.hex
    team.hex = c.to
    team.moved_turn = st.turn
    if was_seen and keeps_contact(g, team):  # an active team in sight is followed as it moves
        team.detected_turn = st.turn
        blue = g.rules.sides["blue"].short
        g.emit("move", lambda: f"{name} moves {hex_name(origin)} → {hex_name(c.to)}, followed by {blue} ISR",
               pieces=(team.id,), where=c.to)  # fmt: skip
        return
    g.emit("move", lambda: f"{name} moves {hex_name(origin)} → {hex_name(c.to)}", team.side, pieces=(team.id,))
    if was_seen and g.rules.scenario.rules.detected_teams_hide_on_move:
        team.hidden = True
        kind = g.rules.piece_types[team.type].name.lower()
        g.emit(
            "lost",
            f"Contact lost with the {kind} at {hex_name(origin)}",
            OTHER[team.side],
            pieces=(team.id,),
            where=origin,
        )


def drone_attack(g: Game, c: DroneAttack) -> None:
    _declare(g, c.team, c.target, "drone", c.drones)


def rocket_attack(g: Game, c: RocketAttack) -> None:
    _declare(g, c.team, c.target, "rocket", 0)


def _declare(g: Game, team_id: str, target_id: str, kind: str, drones: int) -> None:
    st = g.state
    rules = g.rules
    team = st.pieces[team_id]
    team.attacked_turn = st.turn
    if kind == "drone":
        stock, n = rules.scenario.rules.drone_stock, drones
    else:
        stock = rules.scenario.rules.rocket_stock
        n = min(rules.value(st, team, "rockets_per_attack"), st.stocks["red"].get(stock, 0))
    st.stocks["red"][stock] -= n
    st.attacks_this_turn += 1
    st.stats["attacks_declared"] += 1  # `attacks` counts them as they are resolved
    number = len(st.attacks) + 1
    st.attacks.append(Attack(number, kind, team_id, target_id, n, origin=team.hex))
    what = count(n, "drone") if kind == "drone" else f"a salvo of {count(n, 'rocket')}"
    g.emit(
        "declare", f"{rules.name_of(team_id)} launches {what} at {rules.name_of(target_id)}", "red", pieces=(team_id,)
    )


# --- Blue reaction ------------------------------------------------------------------------


def resolve_attack(g: Game, c: ResolveAttack) -> None:
    resolve(g, next(a for a in g.state.attacks if a.number == c.attack))


def resolve(g: Game, attack: Attack) -> None:
    st = g.state
    rules = g.rules
    cause, g.cause = g.cause, "red"  # the consequences of an attack are Red's doing
    attack.resolved = True
    g.revealed.append((st.turn, attack.kind, attack.team, attack.target, attack.count))
    team, target = st.pieces[attack.team], st.pieces[attack.target]
    tname = rules.name_of(target.id)
    sit = Situation(team, target, target.hex)
    st.stats["attacks"] += 1
    target.hit_turn = st.turn
    was_damaged = target.damaged
    if attack.kind == "drone":
        st.stats["drones_launched"] += attack.count
        g.emit(
            "attack",
            f"Drone attack on {tname}: {count(attack.count, 'drone')} inbound",
            pieces=(target.id,),
            where=target.hex,
        )
        for i in range(1, attack.count + 1):
            if st.result is not None:
                break
            _, out = roll(
                g,
                "counter_drone",
                sit,
                f"Drone {i} of {attack.count} vs {tname} counter-drone defences",
                pieces=(target.id,),
            )
            if out.stop:
                st.stats["drones_shot_down"] += 1
                continue
            st.stats["drones_through"] += 1
            roll(g, "drone_attack", sit, f"Drone {i} of {attack.count} hits {tname}", pieces=(target.id,))
    else:
        st.stats["rockets_fired"] += attack.count
        g.emit(
            "attack",
            f"Rocket attack on {tname}: {count(attack.count, 'rocket')}",
            pieces=(target.id,),
            where=target.hex,
        )
        roll(g, "rocket_attack", sit, f"Rocket salvo on {tname}", pieces=(target.id,))
    if st.result is None:
        auth = rules.scenario.rules.authorization
        st.pending_authorization += auth.per_attack + auth.per_attack_on.get(target.type, 0)
        if target.damaged and not was_damaged:
            st.pending_authorization += auth.per_damage
        apply_effects(g, rules.scenario.rules.attack_effects, sit, Outcome(), f"attack on {tname}")
        launched(g, team, attack.origin or team.hex)
    g.cause = cause


# --- Blue ISR -------------------------------------------------------------------------------


def task_isr(g: Game, c: TaskIsr) -> None:
    st = g.state
    rules = g.rules
    drone = st.pieces[c.drone]
    drone.sorties_used += 1
    drone.aim = c.hex
    dname = rules.name_of(drone.id)
    radius = rules.value(st, drone, "search_radius")
    around = f" and the hexes within {radius}" if radius else ""
    g.emit("isr", f"{dname} searches {hex_name(c.hex)}{around}", pieces=(drone.id,), where=c.hex)
    found = 0
    enemy = OTHER[drone.side]
    for p in rules.pieces_near(st, c.hex, radius, enemy):
        if not p.hidden:
            changed = not p.assessed
            p.detected_turn = st.turn
            p.seen_damaged, p.seen_destroyed = p.damaged, p.destroyed
            p.unconfirmed = False
            if changed:
                state = "destroyed" if p.destroyed else "damaged" if p.damaged else "intact"
                g.emit("assess", f"{dname} observes {rules.name_of(p.id)}: {state}", pieces=(p.id,))
            continue
        if p.destroyed:
            continue
        sit = Situation(drone, p, p.hex, c.hex)
        label = f"{dname} over {hex_name(c.hex)} vs hidden {rules.name_of(p.id)}"
        # a find is shown to the searcher (it learns the piece anyway); a miss stays the owner's
        roll(g, "isr_detection", sit, label, visible=p.side, shown_when_found=True)
        if not p.hidden:
            found += 1
    if not found:
        g.emit("isr", f"{dname}: nothing found around {hex_name(c.hex)}", drone.side)


# --- Blue air operations ----------------------------------------------------------------------


def fly_sortie(g: Game, c: FlySortie) -> None:
    st = g.state
    rules = g.rules
    flight, target = st.pieces[c.flight], st.pieces[c.target]
    fname, tname = rules.name_of(flight.id), rules.name_of(target.id)
    flight.sorties_used += 1
    st.stats["sorties_flown"] += 1
    g.emit("sortie", f"{fname} flies a sortie against {tname} at {hex_name(target.hex)}",
           pieces=(flight.id, target.id), where=target.hex)  # fmt: skip
    auth = rules.scenario.rules.authorization
    if st.tracks["authorization"] >= auth.per_sortie:
        move_track(g, "authorization", -auth.per_sortie, "sortie flown")
    else:
        st.stats["unauthorized_sorties"] += 1
        g.emit("unauthorized", f"{fname} strikes beyond authorization")
        apply_effects(g, auth.unauthorized, Situation(), Outcome(), "strike beyond authorization")
    if st.result is not None:
        return
    if target.destroyed:
        g.emit("sortie", f"{fname} finds {tname} already destroyed and returns", pieces=(target.id,))
        target.seen_damaged = target.seen_destroyed = True
        target.unconfirmed = False
        return
    sit = Situation(flight, target, target.hex)
    label = f"{rules.tables['air_defence'].spec.title} vs {fname}"
    if target.unconfirmed:
        # the roll's modifiers would tell Blue what its unclear strike did to the site
        _, out = roll(g, "air_defence", sit, label, visible="red", pieces=(flight.id,),
                      other=lambda r: f"{label}: {r.text} (modifiers unknown: the site's condition is unconfirmed)")  # fmt: skip
    else:
        _, out = roll(g, "air_defence", sit, label, pieces=(flight.id,))
    if out.stop:
        st.stats["sorties_turned_back"] += 1
        return
    if st.result is not None:
        return
    if st.strikes_today == 0:
        apply_effects(g, rules.scenario.rules.strike_day_effects, sit, Outcome(), f"a day of {rules.sides['blue'].short} strikes")
    st.strikes_today += 1
    st.stats["strikes"] += 1
    target.hit_turn = st.turn
    country = rules.scenario.map.countries[rules.country[target.hex]]
    apply_effects(g, country.strike_effects, sit, Outcome(), f"a strike in {country.name}")
    if st.result is not None:
        return
    # The strike's results stay Red's alone until Blue's damage assessment confirms them.
    first = len(g.pending)
    roll(g, "strike", sit, f"{fname} strikes {tname}", pieces=(target.id,))
    secret = (first, len(g.pending))
    if st.result is not None:
        return
    roll(g, "collateral_harm", sit, f"{rules.tables['collateral_harm'].spec.title} at {hex_name(target.hex)}")
    if st.result is not None:
        return
    _, out = roll(g, "damage_assessment", sit, f"{rules.tables['damage_assessment'].spec.title} of {tname}")
    if out.assessment == "unclear":
        a, b = secret
        g.pending[a:b] = [hide_from_blue(e) for e in g.pending[a:b]]
        g.emit("assess", f"Strike on {tname}: results unclear", "blue", pieces=(target.id,))
        target.unconfirmed = True
    else:
        target.seen_damaged, target.seen_destroyed = target.damaged, target.destroyed
        target.unconfirmed = False
        target.detected_turn = st.turn


# --- automatic phases ------------------------------------------------------------------------


def strategic_phase(g: Game) -> None:
    st = g.state
    rules = g.rules
    g.cause = None
    pieces = st.pieces
    for pid in rules.aircraft:
        p = pieces[pid]
        p.sorties_used = 0
        p.aim = None
        p.damaged = False  # aircraft are repaired overnight
    # resupply through the depots and the crossings
    supply = rules.scenario.rules.supply
    gained = 0
    sources = []
    depots = [pieces[pid] for pid in rules.depots if not pieces[pid].destroyed]
    for d in depots:
        n = rules.value(st, d, "resupply")
        if n:
            gained += n
            sources.append(f"{rules.name_of(d.id)} {n}")
    for pid, h in rules.crossings:
        if supply.per_crossing and any(
            hexgrid.distance(h, d.hex) <= supply.crossing_needs_depot_within for d in depots
        ):
            gained += supply.per_crossing
            sources.append(f"{rules.places[pid].name} {supply.per_crossing}")
    bonus = rules.adjustment(st, "resupply")
    if bonus and gained:
        gained += bonus
        sources.append(f"escalation {bonus:+d}")
    if gained:
        change_stock(g, "red", supply.stock, gained, "resupply: " + ", ".join(sources))
    else:
        g.emit("stock", f"No resupply reaches the {rules.sides['red'].name}", "red")
    repair(g)
    cards.deal(g)
    roll(g, "iran_reaction", Situation(), rules.tables["iran_reaction"].spec.title)
    if st.result is not None:
        return
    politics(g, "strategic")
    if st.result is not None:
        return
    auth = rules.scenario.rules.authorization
    if st.pending_authorization:
        move_track(g, "authorization", st.pending_authorization, f"attacks on {g.rules.sides['blue'].short} sites")
    elif st.turn > 1 and st.attacks_last_turn == 0 and auth.decay_without_attacks:
        move_track(g, "authorization", -auth.decay_without_attacks, "no attacks to answer")
    st.pending_authorization = 0


def political_phase(g: Game) -> None:
    st = g.state
    g.cause = None
    if st.attacks_this_turn == 0:
        st.stats["quiet_turns"] += 1
        g.emit("quiet", f"A quiet day: no attacks by the {g.rules.sides['red'].name}.")
        apply_effects(g, g.rules.scenario.rules.quiet_turn_effects, Situation(), Outcome(), "a quiet day")
    politics(g, "political")


def politics(g: Game, phase: str) -> None:
    """The scenario's political rules of this phase whose condition holds, in order."""
    rules, st = g.rules, g.state
    for rule in rules.scenario.rules.politics:
        if st.result is not None:
            return
        if rule.phase == phase and rules.holds(rule.when, st):
            g.emit("politics", rule.name)
            apply_effects(g, rule.effects, Situation(), Outcome(), rule.name)


def repair(g: Game) -> None:
    """Damage mended on pieces no attack or strike has touched for the turns the scenario asks."""
    st, rules = g.state, g.rules
    for spec in rules.scenario.rules.repair:
        kinds = set(spec.kinds)
        for p in st.pieces.values():
            if p.kind in kinds and p.damaged and not p.destroyed and st.turn - p.hit_turn > spec.turns_without_attack:
                p.damaged = False
                g.emit("repair", f"{rules.name_of(p.id)} is repaired", ALL if p.kind in US_SITES else p.side,
                       pieces=(p.id,))  # fmt: skip


def end_turn(g: Game) -> None:
    st = g.state
    if st.turn >= g.rules.scenario.turns.count:
        final_scoring(g)
        return
    st.yesterday = {k: v - st.dawn.get(k, 0) for k, v in st.stats.items()}
    st.dawn = dict(st.stats)
    if st.today:
        st.today = {}
    if st.played:
        st.played = dict.fromkeys(st.played, 0)
    st.turn += 1
    st.attacks_last_turn = st.attacks_this_turn
    st.attacks_this_turn = 0
    st.strikes_today = 0
    st.attacks = []


def final_scoring(g: Game) -> None:
    st = g.state
    v = g.rules.scenario.victory
    g.emit("phase", "The last turn is over: final scoring")
    for obj in v.objectives:
        if holds(g, obj.when):
            score(g, obj.side, obj.points, f"Objective: {obj.name}")
    diff = st.vp["blue"] - st.vp["red"]
    if diff >= v.margin and diff > 0:
        end_game(g, "blue", f"Blue leads by {diff} VP (needs {v.margin})")
    elif -diff >= v.margin and diff < 0:
        end_game(g, "red", f"Red leads by {-diff} VP (needs {v.margin})")
    else:
        end_game(g, "draw", f"neither side leads by {v.margin} VP or more")


def end_phase(g: Game, c: EndPhase) -> None:
    """Finish the phase: Blue's reaction resolves every attack left first."""
    if g.phase == "blue_reaction":
        for attack in g.state.attacks:
            if not attack.resolved and g.state.result is None:
                resolve(g, attack)
    if g.state.result is None:
        g.advance()
