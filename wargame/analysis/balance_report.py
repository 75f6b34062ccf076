"""A balance run's figures in words (the terminal), as JSON and as charts (PNG, matplotlib)."""

from __future__ import annotations

import json
from pathlib import Path

from ..kinds import SIDE_NAMES
from ..rules.rulebook import Rulebook
from .balance import SIDES, Figures


def _pct(rate: dict) -> str:
    if rate["rate"] is None:
        return "   n/a (no games)"
    return f"{rate['rate']:6.1%}  [{rate['low']:.1%} – {rate['high']:.1%}]"


def _spread(dist: dict[int, int], total: int, width: int = 30) -> list[str]:
    lines = []
    top = max(dist.values()) if dist else 1
    for value in sorted(dist):
        n = dist[value]
        lines.append(f"    {value:>4}  {n:>6}  {n / total:6.1%}  {'█' * max(1, round(n / top * width))}")
    return lines


def format_figures(rules: Rulebook, f: Figures) -> str:
    """Every figure of the run, as a person reads them in a terminal."""
    m = f.matchup
    level = f" (level {m['level']})" if "ai" in (m["blue"], m["red"]) else ""
    decided = f.wins["blue"] + f.wins["red"]
    seeds = f"seeds {f.seed}–{f.seed + f.games - 1}"
    out = [f"{rules.scenario.meta.title}: {f.games} games, Blue {m['blue']} against Red {m['red']}{level}, {seeds}",
           "", "win rate, 95% Wilson interval    of all games                of decided games"]  # fmt: skip
    for s in SIDES:
        out.append(f"  {SIDE_NAMES[s]:<6} {f.wins[s]:>6} wins       {_pct(f.rate_all[s])}    {_pct(f.rate_decided[s])}")
    out.append(f"  draws  {f.draws:>6}            {f.draws / max(1, f.games):6.1%}   ({decided} games decided)")
    out += ["", "how games ended"]
    out += [f"  {n:>6}  {n / f.games:6.1%}  {ending}" for ending, n in f.endings.items()]
    for s in SIDES:
        out += ["", f"final VP, {SIDE_NAMES[s]}"] + _spread(f.vp[s], f.games)
    out += ["", "final VP difference (Blue − Red)"] + _spread(f.vp_difference, f.games)
    for tid, dist in f.tracks.items():
        out += ["", f"final {rules.tracks[tid].name}"] + _spread(dist, f.games)
    out += ["", "objectives met at the end"]
    names = {o.id: o for o in rules.scenario.victory.objectives}
    for oid, n in f.objectives.items():
        o = names[oid]
        out.append(f"  {n:>6}  {n / f.games:6.1%}  {o.name} ({SIDE_NAMES[o.side]} {o.points:+d})")
    out += ["", "table rows that came up"]
    for tid, results in f.rows.items():
        total = sum(results.values())
        texts: dict[str, str] = {}  # rows sharing a result id are told by the first such row's text, as odds tells them
        for col in rules.tables[tid].rows:
            for row in col:
                texts.setdefault(row.result, row.text)
        parts = ", ".join(f"{texts.get(r, r)} {n / total:.1%}" for r, n in results.items()) if total else "never rolled"
        out.append(f"  {rules.tables[tid].spec.title} ({total} rolls): {parts}")
    out += choices_lines(rules, f)
    return "\n".join(out)


def choices_lines(rules: Rulebook, f: Figures) -> list[str]:
    """The games in which each thing happened: what the issue's figures are read from."""
    c = f.choices
    n = c.get("games_counted", 0)
    if not n:
        return []

    def share(k: int) -> str:
        return f"{k:>6}  {k / n:6.1%}"

    out = ["", "tracks (games in which each rose, fell, stood at its top after turn 1)"]
    for tid, moved in c["tracks_moved"].items():
        out.append(f"  {rules.tracks[tid].name:<22} rose {share(moved['rose'])}   fell {share(moved['fell'])}"
                   f"   top after turn 1 {share(moved['top_after_turn_1'])}")  # fmt: skip
    beyond, quiet = c["beyond_authorization"], c["quiet_days"]
    out += ["", f"strikes beyond authorization: in {share(beyond['games'])} of games ({beyond['sorties']} sorties)",
            f"quiet days (no Red attack): in {share(quiet['games'])} of games ({quiet['days']} days)"]  # fmt: skip
    if c["detected"]:
        out += ["", "hidden pieces detected at least once (games)"]
        out += [f"  {share(k)}  {rules.name_of(pid)}" for pid, k in c["detected"].items()]
    if c["table_columns"]:
        out += ["", "table columns that came up (games)"]
        for tid, cols in c["table_columns"].items():
            out.append(f"  {rules.tables[tid].spec.title}: " + ", ".join(f"{col} {k / n:.1%}" for col, k in cols.items()))
    if c["cards_played"]:
        out += ["", "cards played (times: for the event, for operations)"]
        for cid, uses in c["cards_played"].items():
            out.append(f"  {uses['event']:>6} {uses['ops']:>6}  {rules.cards[cid].name}")
    out += ["", "victory points a game, by heading"]
    out += [f"  {v:6.2f}  {k.split(':', 1)[0].capitalize()}: {k.split(':', 1)[1]}" for k, v in c["points_by_reason"].items()]
    return out


def write_report(rules: Rulebook, f: Figures, folder: Path) -> list[Path]:
    """figures.json and the charts as PNG in `folder`, whole or not at all (a full disk
    leaves no half report); returns the files written."""
    from ..atomic import staged_folder

    with staged_folder(folder) as stage:
        written = _write_into(rules, f, stage)
    return [folder / p.name for p in written]


def _write_into(rules: Rulebook, f: Figures, folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = [folder / "figures.json"]
    written[0].write_text(json.dumps(f.as_data(), indent=2) + "\n", encoding="utf-8")
    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    colours = {"blue": "#2e6ec4", "red": "#d65428"}

    def save(fig, name: str) -> None:
        fig.tight_layout()
        path = folder / name
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)

    fig, ax = plt.subplots(figsize=(6.5, 2.8))
    labels = list(f.endings)
    ax.barh(labels[::-1], [f.endings[k] for k in labels][::-1], color="#8a7a5a")
    ax.set_xlabel("games")
    ax.set_title("How games ended")
    save(fig, "endings.png")

    fig, ax = plt.subplots(figsize=(6.5, 2.8))
    for s in SIDES:
        xs = sorted(f.vp[s])
        ax.plot(xs, [f.vp[s][x] for x in xs], marker="o", color=colours[s], label=f"{SIDE_NAMES[s]} VP")
    ax.set_xlabel("final victory points")
    ax.set_ylabel("games")
    ax.legend(frameon=False)
    save(fig, "vp.png")

    tracks = list(f.tracks)
    fig, axes = plt.subplots(1, len(tracks), figsize=(2.6 * len(tracks), 2.4), squeeze=False)
    for ax, tid in zip(axes[0], tracks):
        dist = f.tracks[tid]
        ax.bar(list(dist), list(dist.values()), color="#b0421c" if rules.tracks[tid].favours is None else "#2e6ec4")
        ax.set_title(f"final {rules.tracks[tid].name}")
    save(fig, "tracks.png")

    fig, ax = plt.subplots(figsize=(6.5, 2.6))
    objs = rules.scenario.victory.objectives
    ax.barh([o.name for o in objs][::-1], [f.objectives[o.id] / max(1, f.games) for o in objs][::-1],
            color=[colours[o.side] for o in objs][::-1])  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of games")
    ax.set_title("Objectives met")
    save(fig, "objectives.png")
    return written
