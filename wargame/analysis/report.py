"""The after-action report: one HTML page a player can open anywhere, and show others.

The result and why, the board at the end of each turn, the log of each turn with
its dice, charts of every track and of the victory points over the turns, and
the losses on both sides — all as the chosen side knew them (the whole truth only
for a finished game, or for an umpire who asks). The page and its pictures sit
in one folder and need no server and no network. Charts are drawn with
matplotlib (a well-kept library that writes clean PNGs headless); the boards by
a function the caller passes in, so this module needs no screen.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Callable

from ..kinds import SIDE_NAMES
from ..present.log import log_line
from ..words import count
from .timeline import TurnEnd, turn_ends

DrawBoard = Callable[[object, Path], None]  # (a SideView, the PNG to write)

CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0; background: #f4eee0; color: #22201e; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 28px; margin: 8px 0 4px; } h2 { margin-top: 36px; border-bottom: 2px solid #b8ab92; }
h3 { margin: 22px 0 6px; } .muted { color: #6a645a; } .result { font-size: 20px; font-weight: bold; }
.blue { color: #1e4f96; } .red { color: #b0421c; } .draw { color: #8a6a10; }
figure { margin: 12px 0; } figure img { max-width: 100%; border: 1px solid #b8ab92; background: #fff; }
figcaption { font-size: 13px; color: #6a645a; }
table { border-collapse: collapse; margin: 8px 0; } td, th { padding: 3px 10px; border-bottom: 1px solid #d8cdb6; text-align: left; }
ol.log { font-size: 13px; line-height: 1.45; padding-left: 0; list-style: none; }
ol.log li.heading { font-weight: bold; margin-top: 8px; } ol.log li.roll { color: #35506c; }
ol.log li.loss { color: #a2361c; } ol.log li.gain { color: #2d6a33; } ol.log li.warning { color: #9a5200; }
.dice { font-family: "DejaVu Sans Mono", monospace; margin-right: 4px; }
.turn { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 18px; align-items: start; }
@media (max-width: 800px) { .turn { display: block; } }
"""

DIE = "⚀⚁⚂⚃⚄⚅"


def write_report(game, out: Path, side: str | None, draw_board: DrawBoard | None = None) -> Path:
    """Write the report of `game` as `side` knew it into the folder `out`, whole or not at
    all (a full disk leaves no half report); return the page."""
    from ..atomic import staged_folder

    with staged_folder(out) as stage:
        page = _write_into(game, stage, side, draw_board)
    return out / page.name


def _write_into(game, out: Path, side: str | None, draw_board: DrawBoard | None) -> Path:
    turns = turn_ends(game, side)
    rules = game.rules
    charts = _charts(rules, turns, out)
    boards = []
    for t in turns:
        path = out / f"board-turn-{t.turn:02d}.png"
        if draw_board is not None:
            draw_board(t.view, path)
            boards.append(path.name)
        else:
            boards.append(None)
    page = out / "index.html"
    page.write_text(_page(game, side, turns, charts, boards), encoding="utf-8")
    return page


# --- charts ---------------------------------------------------------------------------


def _charts(rules, turns: list[TurnEnd], out: Path) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = [t.turn for t in turns]
    names = {}
    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    tracks = list(rules.tracks.items())
    fig, axes = plt.subplots(1, len(tracks), figsize=(2.6 * len(tracks), 2.4), squeeze=False)
    for ax, (tid, track) in zip(axes[0], tracks):
        ax.plot(days, [t.tracks[tid] for t in turns], marker="o", color="#2e6ec4" if track.favours == "blue" else "#b0421c")
        for th in track.thresholds:
            ax.axhline(th.at, color="#9a8a6a", linestyle="--", linewidth=0.8)
            ax.text(days[0], th.at, f" {th.name}", fontsize=7, color="#6a645a", va="bottom")
        ax.set_ylim(track.min - 0.5, track.max + 0.5)
        ax.set_title(track.name)
        ax.set_xlabel("turn")
        ax.set_xticks(days)
    fig.tight_layout()
    names["tracks"] = _save(fig, out / "tracks.png")
    fig, ax = plt.subplots(figsize=(5.5, 2.6))
    for s, colour in (("blue", "#2e6ec4"), ("red", "#d65428")):
        ax.plot(days, [t.vp[s] for t in turns], marker="o", color=colour, label=f"{SIDE_NAMES[s]} VP")
    ax.set_xlabel("turn")
    ax.set_xticks(days)
    ax.set_ylabel("victory points")
    ax.legend(frameon=False)
    fig.tight_layout()
    names["vp"] = _save(fig, out / "vp.png")
    losses = _losses(rules, turns[-1].view)
    fig, ax = plt.subplots(figsize=(5.5, 2.4))
    labels = list(losses["blue"]) + [k for k in losses["red"] if k not in losses["blue"]]
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], [losses["blue"].get(k, 0) for k in labels], width=0.4, color="#2e6ec4", label="Blue")
    ax.bar([x + 0.2 for x in xs], [losses["red"].get(k, 0) for k in labels], width=0.4, color="#d65428", label="Red")
    ax.set_xticks(list(xs), labels)
    ax.legend(frameon=False)
    fig.tight_layout()
    names["losses"] = _save(fig, out / "losses.png")
    plt.close("all")
    return names


def _save(fig, path: Path) -> str:
    fig.savefig(path, dpi=110)
    return path.name


def _losses(rules, view) -> dict[str, dict[str, int]]:
    """What each side lost, as far as the view knows: pieces destroyed and damaged, casualties."""
    out = {"blue": {"destroyed": 0, "damaged": 0}, "red": {"destroyed": 0, "damaged": 0}}
    for p in view.pieces.values():
        if p.destroyed:
            out[p.side]["destroyed"] += 1
        elif p.damaged:
            out[p.side]["damaged"] += 1
    out["blue"]["casualties"] = view.stats.get("us_casualties", 0)
    if "militia_casualties" in view.stats:
        out["red"]["casualties"] = view.stats["militia_casualties"]
    return out


# --- the page --------------------------------------------------------------------------


def _page(game, side: str | None, turns: list[TurnEnd], charts: dict[str, str], boards: list[str | None]) -> str:
    rules = game.rules
    s = rules.scenario
    result = game.state.result
    e = html.escape
    who = "everything (umpire)" if side is None else f"{SIDE_NAMES[side]}'s view"
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>After-action report: {e(s.meta.title)}</title>",
             f"<style>{CSS}</style></head><body><main>",
             f"<p class='muted'>After-action report · {e(who)}</p><h1>{e(s.meta.title)}</h1>"]  # fmt: skip
    if result is not None:
        cls = result.winner or "draw"
        head = {"blue": "Blue wins", "red": "Red wins", None: "A draw"}[result.winner]
        parts.append(f"<p class='result {cls}'>{head}</p><p>{e(result.reason)}</p>")
        parts.append(f"<p>Victory points: Blue {result.vp['blue']}, Red {result.vp['red']}.</p>")
    else:
        parts.append(f"<p class='result draw'>Unfinished: turn {game.state.turn} of {s.turns.count}</p>")
    last = turns[-1].view
    parts.append(_vp_table(last))
    parts.append("<h2>The tracks and the points</h2>")
    parts.append(f"<figure><img src='{charts['tracks']}' alt='Each track, turn by turn'><figcaption>Each track at the end of each "
                 "turn; dashed lines are its thresholds.</figcaption></figure>")  # fmt: skip
    parts.append(f"<figure><img src='{charts['vp']}' alt='Victory points by turn'><figcaption>Victory points at the end of each "
                 "turn.</figcaption></figure>")  # fmt: skip
    parts.append("<h2>Losses</h2>")
    parts.append(f"<figure><img src='{charts['losses']}' alt='Losses by side'><figcaption>Pieces destroyed and damaged, and "
                 "casualties, as this view knows them.</figcaption></figure>")  # fmt: skip
    parts.append(_losses_table(_losses(rules, last)))
    parts.append("<h2>Turn by turn</h2>")
    for t, board in zip(turns, boards):
        parts.append(f"<h3>Turn {t.turn} · {t.date:%A %d %B %Y}</h3><div class='turn'>")
        if board:
            parts.append(f"<figure><img src='{board}' alt='The board at the end of turn {t.turn}'>"
                         f"<figcaption>The board as turn {t.turn} ended.</figcaption></figure>")  # fmt: skip
        tracks = ", ".join(f"{rules.tracks[k].name} {v}" for k, v in t.tracks.items())
        parts.append(f"<div><p class='muted'>{e(tracks)} · VP Blue {t.vp['blue']}, Red {t.vp['red']}</p>")
        parts.append(f"<p class='muted'>{count(sum(1 for ev in t.events if ev.roll is not None), 'roll')}</p><ol class='log'>")
        for ev in t.events:
            line = log_line(ev)
            dice = "".join(DIE[f - 1] if sd == 6 and 1 <= f <= 6 else f"[{f}]" for f, sd in zip(line.faces, line.sides))
            dice_html = f"<span class='dice'>{dice}</span>" if dice else ""
            parts.append(f"<li class='{line.tone}'>{dice_html}{e(line.text)}</li>")
        parts.append("</ol></div></div>")
    parts.append("<p class='muted'>Written by wargame from the game's record; every roll above is the one recorded.</p>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _vp_table(view) -> str:
    rows = []
    for side in ("blue", "red"):
        totals: dict[str, int] = {}
        for s, pts, reason, _ in view.vp_log:
            if s == side:
                totals[reason] = totals.get(reason, 0) + pts
        for reason, pts in sorted(totals.items(), key=lambda kv: -kv[1]):
            rows.append(f"<tr><td class='{side}'>{SIDE_NAMES[side]}</td><td>{html.escape(reason)}</td><td>{pts:+d}</td></tr>")
    if not rows:
        return "<p class='muted'>No victory points were scored.</p>"
    return "<table><tr><th>Side</th><th>Where the points came from</th><th>VP</th></tr>" + "".join(rows) + "</table>"


def _losses_table(losses: dict[str, dict[str, int]]) -> str:
    keys = list(dict.fromkeys([*losses["blue"], *losses["red"]]))
    head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
    rows = "".join(
        f"<tr><td class='{s}'>{SIDE_NAMES[s]}</td>" + "".join(f"<td>{losses[s].get(k, '—')}</td>" for k in keys) + "</tr>"
        for s in ("blue", "red")
    )
    return f"<table><tr><th></th>{head}</tr>{rows}</table>"
