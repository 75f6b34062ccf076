"""The shipped scenarios, validated and pickled: `python -m tools.compiled_scenarios`
(from the repository root).

Writes scenarios/compiled/<digest>.pickle for every shipped scenario (see
wargame/scenario/compiled.py: a game loads a shipped scenario from there instead of
validating it, when its text and the validating code are those the file was made
from) and removes the stale ones. Rerun it after changing a shipped scenario or
anything in wargame/scenario/ (or the modules listed in compiled.SOURCES);
tests/test_compiled_scenarios.py fails until then.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wargame.resources import shipped_scenarios
from wargame.scenario import compiled
from wargame.scenario.load import validate_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scenarios" / compiled.COMPILED


def wanted() -> dict[str, bytes]:
    """File name -> bytes, for every shipped scenario, validated in full (never from a pickle)."""
    out = {}
    for path in shipped_scenarios().values():
        text = path.read_text(encoding="utf-8")
        out[compiled.path_for(text).name] = compiled.dump(text, validate_text(text, str(path), use_compiled=False))
    return out


def main(argv: list[str]) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # A model's set of the fields it was given pickles in the order of its strings' hashes,
        # which change from run to run: with one hash seed, the same code and YAML give the
        # same bytes, so regenerating changes only the files of what changed.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        return subprocess.run([sys.executable, "-m", "tools.compiled_scenarios", *argv], cwd=ROOT, env=env).returncode
    files = wanted()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    for old in OUT.glob("*.pickle"):
        if old.name not in files:
            old.unlink()
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} scenarios in {OUT}, {total / 1024:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
