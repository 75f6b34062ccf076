"""New scenarios, and copies of shipped ones the user may change.

`new_scenario` writes the text of a blank but *valid* scenario: both sides, a
terrain and a country, a piece type of every kind and one piece a side (a
scenario needs pieces), every table the rules roll with sensible rows, the
escalation and authorization tracks, the sequence of play, the rules and the
victory conditions. It is written as a person would write it (comments, block
sections, one-line leaves, one quoted string per map row), so the editor's
patches look at home in it. With `from_map`, the terrain, countries, rivers and
places of another scenario are copied (cropped or extended to the size asked
for); its pieces, tables and rules are not, nor its countries' strike effects,
which are rules that may name tracks the new scenario lacks.

A shipped scenario is never edited inside the installed package: `copy_for_editing`
copies it to a file the user names, and refuses a path inside
`wargame.resources.scenarios_dir()`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..atomic import write_atomic
from ..resources import find_scenario, scenarios_dir
from ..scenario.load import MAX_SCENARIO_BYTES, LoadedScenario, load_scenario
from ..yamlsafe import read_text
from . import render
from .document import ShippedScenario

__all__ = ["copy_for_editing", "is_shipped", "new_scenario"]

START_DATE = "2021-06-01"  # a date of the campaign the game retells; the designer sets their own


def is_shipped(path: str | Path) -> bool:
    """Whether a path lies inside the folder of the shipped scenarios."""
    try:
        Path(path).resolve().relative_to(scenarios_dir().resolve())
    except ValueError:
        return False
    return True


def copy_for_editing(source: str | Path, target: str | Path, *, overwrite: bool = False) -> Path:
    """Copy a scenario (a path or a shipped name) to `target`, byte for byte, to edit there.

    Refuses a target inside the installed scenarios (ShippedScenario) and, unless
    `overwrite`, an existing file (FileExistsError)."""
    found = find_scenario(str(source))
    if found is None:
        raise InputError.single(str(source), "no such scenario file or shipped scenario")
    target = Path(target)
    if is_shipped(target):
        raise ShippedScenario(f"{target} is inside the installed game: choose a file of your own")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists already")
    write_atomic(target, read_text(found, max_bytes=MAX_SCENARIO_BYTES))
    return target


def new_scenario(columns: int, rows: int, from_map: str | Path | LoadedScenario | None = None, *,
                 scenario_id: str = "new_scenario", title: str = "A new scenario") -> str:  # fmt: skip
    """The text of a blank, valid scenario of `columns` x `rows` hexes (2-99 each)."""
    if not (2 <= columns <= 99 and 2 <= rows <= 99):
        raise ValueError("a map has 2 to 99 columns and 2 to 99 rows")
    if from_map is None:
        map_text, passable = _blank_map(columns, rows), [(0, 0), (columns - 1, rows - 1)]
        countries = ["homeland"]
    else:
        source = from_map if isinstance(from_map, LoadedScenario) else load_scenario(find_scenario(str(from_map)) or from_map)
        map_text, passable, countries = _copied_map(source, columns, rows)
    blue_hex, red_hex = _name(*passable[0]), _name(*passable[-1])
    return _TEMPLATE.format(
        id=scenario_id,
        title=render.double_quoted(title),
        date=START_DATE,
        map=map_text,
        blue_hex=blue_hex,
        red_hex=red_hex,
        countries=", ".join(countries),
    )


def _name(col: int, row: int) -> str:
    return f"{col + 1:02d}{row + 1:02d}"


def _blank_map(columns: int, rows: int) -> str:
    lines = [
        f"  columns: {columns}",
        f"  rows: {rows}",
        "  km_per_hex: 10",
        "  terrain_types:",
        '    open: {code: d, name: Open ground, style: desert, colour: "#e3d3a4", population: 0, move_cost: 1}',
        "  countries:",
        "    homeland: {code: A, name: Homeland}",
        "  # terrain: one letter per column, row 01 first, codes as in terrain_types",
        "  terrain:",
        *[f'    - "{"d" * columns}"' for _ in range(rows)],
        "  # country: one letter per column, row 01 first, codes as in countries",
        "  country:",
        *[f'    - "{"A" * columns}"' for _ in range(rows)],
        "  rivers: []",
        "  places: []",
    ]
    return "\n".join(lines)


def _copied_map(source: LoadedScenario, columns: int, rows: int) -> tuple[str, list[tuple[int, int]], list[str]]:
    m = source.scenario.map

    def cell(grid: list[str], col: int, row: int) -> str:
        r = grid[min(row, len(grid) - 1)]
        return r[min(col, len(r) - 1)]  # past the old edge: the nearest hex of the old map

    terrain = ["".join(cell(m.terrain, c, r) for c in range(columns)) for r in range(rows)]
    country = ["".join(cell(m.country, c, r) for c in range(columns)) for r in range(rows)]
    impassable = {t.code for t in m.terrain_types.values() if t.move_cost is None}
    passable = [(c, r) for r in range(rows) for c in range(columns) if terrain[r][c] not in impassable]
    if not passable:
        raise ValueError("the copied map has no passable hex to put the first pieces on")

    def inside(name: str) -> bool:
        return int(name[:2]) <= columns and int(name[2:]) <= rows

    lines = [f"  columns: {columns}", f"  rows: {rows}", f"  km_per_hex: {render.plain_text(m.km_per_hex)}"]
    if m.projection is not None:
        lines.append("  projection: " + render.flow(m.projection.model_dump()))
    lines.append("  terrain_types:")
    for tid, t in m.terrain_types.items():
        lines.append(f"    {tid}: " + render.flow(t.model_dump()))
    lines.append("  countries:")
    for cid, c in m.countries.items():
        lines.append(f"    {cid}: " + render.flow({"code": c.code, "name": c.name}))
    codes = ", ".join(f"{t.code} {t.name}" for t in m.terrain_types.values())
    lines += [f"  # terrain: one letter per column, row 01 first ({codes})", "  terrain:"]
    lines += [f'    - "{row}"' for row in terrain]
    codes = ", ".join(f"{c.code} {c.name}" for c in m.countries.values())
    lines += [f"  # country: one letter per column, row 01 first ({codes})", "  country:"]
    lines += [f'    - "{row}"' for row in country]
    rivers = []
    for river in m.rivers:
        run: list[str] = []
        for h in river.hexes:  # the longest stretch inside the new map
            if inside(h):
                run.append(h)
            elif len(run) >= 2:
                break
            else:
                run = []
        if len(run) >= 2:
            rivers.append((river.name, run))
    if rivers:
        lines.append("  rivers:")
        for name, hexes in rivers:
            lines.append(f"    - name: {render.scalar(name, None, False)}")
            lines.append("      hexes: " + _wrapped(hexes, 14))
    else:
        lines.append("  rivers: []")
    places = [p for p in m.places if inside(p.hex)]
    if places:
        lines.append("  places:")
        for p in places:
            lines.append("    - " + render.flow(p.model_dump(exclude_defaults=True)))
    else:
        lines.append("  places: []")
    used = sorted({c for row in country for c in row})
    ids = [cid for cid, c in m.countries.items() if c.code in used]
    return "\n".join(lines), passable, ids


def _wrapped(hexes: list[str], indent: int) -> str:
    """A flow list of hex names, twelve to a line, continuation lines under the first."""
    quoted = [render.double_quoted(h) for h in hexes]
    lines = [", ".join(quoted[i : i + 12]) for i in range(0, len(quoted), 12)]
    return "[" + (",\n" + " " * indent).join(lines) + "]"


_TEMPLATE = """\
# yaml-language-server: $schema=scenario.schema.json
#
# A new scenario, started in the wargame editor: a blank map, one piece a side,
# every table the rules roll. Change anything; the editor checks as you go.
format: wargame-scenario/1
id: {id}
meta:
  title: {title}
  date: "{date}"
  description: >-
    Say here what happened, what each side wants, and how many days it lasts.
  sources: []
  designer: ""
  difficulty: standard

map:
{map}

sides:
  blue:
    name: United States
    short: US
    description: US forces, their bases and the aircraft that strike from them.
    move_countries: [{countries}]
  red:
    name: Militias
    short: Militias
    description: Hidden drone and rocket teams and the sites that supply them.
    stocks: {{drones: 4, rockets: 6}}
    stock_max: {{drones: 8, rockets: 12}}
    move_countries: [{countries}]

piece_types:
  air_base: {{kind: base, name: Air base, side: blue, symbol: installation, hardness: hard, vp: 0, counter_drone: 5, personnel: 4, damaged: {{counter_drone: -2}}}}
  off_map_air_base: {{kind: base, name: Off-map air base, side: blue, symbol: installation, hardness: hard, vp: 0, counter_drone: 9, personnel: 0, off_map: true}}
  consulate: {{kind: consulate, name: Consulate, side: blue, symbol: consulate, hardness: soft, vp: 0, counter_drone: 3, personnel: 2}}
  strike_flight: {{kind: strike_flight, name: Strike flight, side: blue, symbol: fixed_wing, hardness: hard, vp: 0, strike: 1, range: 20, sorties: 1, traits: [precision]}}
  isr_drone: {{kind: isr_drone, name: ISR drone, side: blue, symbol: uav, hardness: soft, vp: 0, detection: 1, range: 10, search_radius: 1, sorties: 1}}
  facility: {{kind: facility, name: Operational facility, side: red, symbol: facility, hardness: hard, vp: 3, air_defence: 1}}
  depot: {{kind: depot, name: Weapons depot, side: red, symbol: depot, hardness: soft, vp: 3, air_defence: 0, resupply: 1}}
  launch_team: {{kind: launch_team, name: Drone launch team, side: red, symbol: drone_launcher, hardness: dispersed, vp: 2, move: 2, range: 8, drones_per_attack: 2}}
  rocket_team: {{kind: rocket_team, name: Rocket team, side: red, symbol: rocket, hardness: dispersed, vp: 1, move: 2, range: 3, rockets_per_attack: 3}}

pieces:
  - {{id: first_base, type: air_base, name: Air base, hex: "{blue_hex}", label: "Base"}}
  - {{id: first_facility, type: facility, name: Operational facility, hex: "{red_hex}", label: "Facility"}}

tracks:
  escalation:
    name: Escalation
    min: 0
    max: 10
    start: 3
    colours: ["#96c88c", "#e65a3c"]
    description: How close the exchange is to a regional war. The side whose action reaches 10 loses.
    thresholds:
      - {{at: 5, name: Open war, description: More drones to each attack., adjust: {{drones_per_attack: 1}}}}
      - at: 10
        name: Regional war
        ends_game: {{result: responsible_side_loses, text: "A regional war: the side that caused it has lost."}}
  authorization:
    name: Authorization
    min: 0
    max: 5
    start: 1
    favours: blue
    description: Strikes the President has authorized; militia attacks earn more.

tables:
  isr_detection:
    title: ISR detection
    dice: 1d6
    modifiers:
      - {{name: Sensor, value_from: attacker.detection}}
      - {{name: Directly overhead, value: 1, when: {{distance_at_most: 0}}}}
    results:
      - {{roll: "5-", result: no_contact, text: No contact}}
      - {{roll: "6+", result: detected, text: Detected, effects: [{{target: detect}}]}}
  counter_drone:
    title: Counter-drone interception
    dice: 1d10
    modifiers:
      - {{name: Site defence, value_from: target.counter_drone, times: -1}}
    results:
      - {{roll: "0-", result: shot_down, text: Shot down, effects: [{{attack: stop}}]}}
      - {{roll: "1+", result: through, text: Gets through}}
  drone_attack:
    title: Drone attack effect
    dice: 2d6
    results:
      - {{roll: "6-", result: no_effect, text: "Misses: no damage"}}
      - {{roll: "7-10", result: damage, text: Hits the site, effects: [{{target: damage}}]}}
      - {{roll: "11+", result: wounded, text: Personnel wounded, effects: [{{casualties: 1}}, {{vp: red, points: 1, reason: US casualties}}]}}
  rocket_attack:
    title: Rocket attack effect
    dice: 2d6
    results:
      - {{roll: "7-", result: no_effect, text: Rockets miss}}
      - {{roll: "8-11", result: damage, text: Rockets hit the site, effects: [{{target: damage}}]}}
      - {{roll: "12+", result: wounded, text: Personnel wounded, effects: [{{casualties: 1}}, {{vp: red, points: 1, reason: US casualties}}]}}
  air_defence:
    title: Militia air defence
    dice: 2d6
    modifiers:
      - {{name: Site air defence, value_from: target.air_defence}}
    results:
      - {{roll: "10-", result: no_effect, text: No effective fire}}
      - {{roll: "11", result: damaged, text: Flight damaged, effects: [{{attacker: damage}}]}}
      - {{roll: "12+", result: turned_back, text: Flight turned back, effects: [{{attack: stop}}]}}
  strike:
    title: Strike effect
    dice: 2d6
    columns: [fortified, hard, dispersed, soft]
    column_from: target.hardness
    column_shifts:
      - {{name: Precision munitions, shift: 1, when: {{attacker_trait: precision}}}}
    modifiers:
      - {{name: Strike value, value_from: attacker.strike}}
    results:
      fortified:
        - {{roll: "8-", result: no_effect, text: No effect}}
        - {{roll: "9-11", result: damaged, text: Damaged, effects: [{{target: damage}}]}}
        - {{roll: "12+", result: destroyed, text: Destroyed, effects: [{{target: destroy}}]}}
      hard:
        - {{roll: "6-", result: no_effect, text: No effect}}
        - {{roll: "7-10", result: damaged, text: Damaged, effects: [{{target: damage}}]}}
        - {{roll: "11+", result: destroyed, text: Destroyed, effects: [{{target: destroy}}, {{militia_casualties: 1}}]}}
      dispersed:
        - {{roll: "6-", result: no_effect, text: No effect}}
        - {{roll: "7-9", result: damaged, text: Damaged and pinned down, effects: [{{target: damage}}, {{target: suppress}}]}}
        - {{roll: "10+", result: destroyed, text: Destroyed, effects: [{{target: destroy}}, {{militia_casualties: 1}}]}}
      soft:
        - {{roll: "5-", result: no_effect, text: No effect}}
        - {{roll: "6-8", result: damaged, text: Damaged, effects: [{{target: damage}}]}}
        - {{roll: "9+", result: destroyed, text: Destroyed, effects: [{{target: destroy}}]}}
  collateral_harm:
    title: Collateral harm
    dice: 1d6
    modifiers:
      - {{name: Population, value_from: hex.population}}
    results:
      - {{roll: "4-", result: none, text: No civilian harm}}
      - {{roll: "5-6", result: injured, text: Civilians injured, effects: [{{civilian_casualties: 1}}]}}
      - {{roll: "7+", result: killed, text: Civilians killed, effects: [{{civilian_casualties: 2}}, {{track: escalation, change: 1}}]}}
  damage_assessment:
    title: Damage assessment
    dice: 1d6
    modifiers:
      - {{name: Fresh intelligence, value: 2, when: {{intel_fresh: true}}}}
    results:
      - {{roll: "3-", result: unclear, text: Results unclear, effects: [{{assessment: unclear}}]}}
      - {{roll: "4+", result: confirmed, text: Results confirmed, effects: [{{assessment: confirmed}}]}}
  iran_reaction:
    title: Iran's reaction
    dice: 2d6
    modifiers:
      - {{name: Open war, value: 1, when: {{track_at_least: {{escalation: 5}}}}}}
    results:
      - {{roll: "4-", result: calm, text: Tehran urges calm, effects: [{{track: escalation, change: -1}}]}}
      - {{roll: "5-9", result: restraint, text: Tehran stays quiet}}
      - {{roll: "10+", result: resupply, text: Drones shipped to the militias, effects: [{{stock: drones, side: red, change: 1}}]}}

turns:
  count: 6
  sequence:
    - {{phase: strategic, title: Strategic phase, description: "Resupply, Iran's reaction, authorization."}}
    - {{phase: red_operations, title: Red operations, description: Move teams and declare drone and rocket attacks.}}
    - {{phase: blue_reaction, title: Blue reaction, description: Counter-drone fire and the effects of attacks.}}
    - {{phase: blue_isr, title: Blue ISR, description: Task ISR drones to search for hidden pieces.}}
    - {{phase: blue_air, title: Blue air operations, description: Fly sorties against known targets.}}
    - {{phase: political, title: Political phase, description: "Deterrence, tracks and victory checks."}}

rules:
  drone_stock: drones
  rocket_stock: rockets
  supply:
    stock: drones
    crossings: []
    per_crossing: 0
    crossing_needs_depot_within: 0
  authorization:
    per_attack: 1
    per_casualty: 1
    decay_without_attacks: 1
    per_sortie: 1
    unauthorized:
      - {{track: escalation, change: 1}}
      - {{vp: red, points: 1, reason: Strikes without authorization}}
  attack_effects: []
  strike_day_effects:
    - {{track: escalation, change: 1}}
  quiet_turn_effects:
    - {{vp: blue, points: 1, reason: Deterrence (quiet days)}}
  detected_teams_hide_on_move: true

victory:
  margin: 2
  vp_max: 20
  objectives: []
"""
