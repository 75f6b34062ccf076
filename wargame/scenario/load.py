"""Load a scenario file: safe YAML, then the schema, then the cross-checks.

Every failure becomes a `Problem` naming the file, line and column, and what
was expected there; `load_scenario` raises them all at once in an InputError
so a designer fixes a file in one pass instead of one error per run.
"""

from __future__ import annotations

import hashlib
import typing
from pathlib import Path

from ..errors import InputError
from ..located import validate_model
from ..yamlsafe import Document, load, read_text
from . import compiled
from .model import Scenario, prebuild

MAX_SCENARIO_BYTES = 2 * 1024 * 1024


class LoadedScenario(typing.NamedTuple):
    """A valid scenario with the text it was read from (saves embed the text)."""

    scenario: Scenario
    text: str
    path: str

    @property
    def digest(self) -> str:
        return scenario_digest(self.text)


def scenario_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read and check a scenario file; raise InputError listing every problem."""
    text = read_text(path, max_bytes=MAX_SCENARIO_BYTES)
    return LoadedScenario(validate_text(text, str(path)), text, str(path))


def load_scenario_text(text: str, name: str = "<scenario>") -> LoadedScenario:
    """Check scenario text (an embedded copy in a save, or a test's mutation)."""
    return LoadedScenario(validate_text(text, name), text, name)


def validate_text(text: str, name: str, *, use_compiled: bool = True) -> Scenario:
    """The Scenario of a text: a shipped scenario's validated copy when the text and the
    validating code are those it was made from (compiled.py), else parsed and validated."""
    if use_compiled:
        scenario = compiled.cached(text)
        if scenario is not None:
            return scenario
    return validate_document(load(text, name))


def validate_document(doc: Document) -> Scenario:
    from .checks import check  # the cross-checks: not needed to open a shipped scenario's validated copy

    prebuild()
    if not isinstance(doc.data, dict):
        raise InputError.single(doc.file, "a scenario is a mapping of keys (format, id, meta, map, ...)", *doc.where(()))
    scenario = validate_model(doc, Scenario)
    problems = check(scenario, doc)
    if problems:
        raise InputError(problems)
    return scenario
