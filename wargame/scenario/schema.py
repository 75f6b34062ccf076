"""The scenario format as a JSON Schema that editors understand.

Generated from the same models the loader enforces, then kept to draft-7
constructs because the YAML language server (what VS Code and others use to
complete and check YAML) implements draft 7: definitions live under
`definitions`, not `$defs`, and no `prefixItems`.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Scenario

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    schema["definitions"] = schema.pop("$defs", {})
    _strip(schema)
    return {"$schema": DRAFT7, "title": "wargame scenario", **schema}


def _strip(node: Any) -> None:
    """Remove keywords draft 7 does not know (pydantic's OpenAPI `discriminator`)."""
    if isinstance(node, dict):
        node.pop("discriminator", None)
        if "prefixItems" in node:  # never expected: the models use no tuples
            raise ValueError("schema uses prefixItems, which draft 7 cannot express")
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, sort_keys=False) + "\n"
