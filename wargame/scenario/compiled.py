"""The shipped scenarios, validated once and pickled, so a game does not validate them anew.

Reading a scenario costs about 45 ms of every start: the YAML parsed event by event
(to keep every position for error messages), pydantic's validator built and run, the
cross-checks. For the same text and the same code the result is always the same
Scenario, so `python -m tools.compiled_scenarios` stores it for each shipped
scenario in scenarios/compiled/ (installed as wargame/scenarios/compiled), filed
under the digest of its text, with a fingerprint of everything that decides the
result: the source of the scenario package and of the modules its models use, and
the versions of pydantic and Python. `cached` returns the stored Scenario only when
both match; anything else (an edited scenario, a user's file, changed code) is read
and validated as before. tests/test_compiled_scenarios.py fails when a shipped file
is missing or stale.

The pickles are package files, written by the tool from the shipped YAML: as trusted
as the code beside them. Nothing else is ever unpickled (a file outside the
package's folder, a user's file, a save).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from pathlib import Path

from ..resources import scenarios_dir

COMPILED = "compiled"
_PACKAGE = Path(__file__).resolve().parent.parent
# what decides a validated Scenario besides its text: the models, their validators and
# the cross-checks, and what they import
SOURCES = ("scenario/*.py", "kinds.py", "grammar.py", "dice.py", "hexgrid.py", "errors.py", "located.py", "yamlsafe.py")

_fingerprint: str | None = None


def folder() -> Path:
    return scenarios_dir() / COMPILED


def fingerprint() -> str:
    """A hash of the code that turns a scenario's text into a Scenario, and the versions of
    pydantic and Python (whose pickles these are)."""
    global _fingerprint
    if _fingerprint is None:
        import pydantic

        h = hashlib.sha256(f"pydantic {pydantic.VERSION} python {sys.version_info[:2]}".encode("ascii"))
        for pattern in SOURCES:
            for path in sorted(_PACKAGE.glob(pattern)):
                h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
        _fingerprint = h.hexdigest()
    return _fingerprint


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def path_for(text: str) -> Path:
    return folder() / f"{text_digest(text)[:32]}.pickle"


def cached(text: str):
    """The validated Scenario of this text if a shipped one was made from it by today's
    code; None otherwise (the caller validates it)."""
    path = path_for(text)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        stored = _ScenarioUnpickler(io.BytesIO(data)).load()
    except Exception:  # a pickle of other code, or naming anything else: as if none were shipped
        return None
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint():
        return None
    if stored.get("text") != text_digest(text):
        return None
    return stored.get("scenario")


# the modules whose classes a validated Scenario is made of, and nothing else may be named
_MODULES = ("wargame.scenario.model", "wargame.scenario.choices", "wargame.scenario.parts", "wargame.grammar")


class _ScenarioUnpickler(pickle.Unpickler):
    """Unpickling that can build only the scenario's own classes (the models and the
    value references), so even a tampered file can call no other code."""

    def find_class(self, module: str, name: str):
        if module in _MODULES:
            found = getattr(sys.modules.get(module) or __import__(module, fromlist=[name]), name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"a compiled scenario may not name {module}.{name}")


def dump(text: str, scenario) -> bytes:
    """The bytes `cached` reads back (for the tool)."""
    return pickle.dumps({"fingerprint": fingerprint(), "text": text_digest(text), "scenario": scenario}, protocol=5)
