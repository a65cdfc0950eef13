"""The escalation API's contract: its OpenAPI document, committed as docs/escalation-openapi.json.

Producers of meldingen in other environments (the bot's action server) test their payloads
against that file; ``escalation/tests/test_contract.py`` fails when the app drifts from it.
Regenerate after a deliberate change: ``.venv/bin/python -m escalation openapi --write``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTRACT_FILE = Path(__file__).resolve().parent.parent / "docs" / "escalation-openapi.json"


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document the app serves at /openapi.json."""
    from escalation.app import create_app

    return create_app().openapi()


def render(document: dict[str, Any]) -> str:
    """Stable text for the committed file: sorted keys, two-space indents, a final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
