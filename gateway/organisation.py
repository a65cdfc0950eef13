"""The few organisation facts the gateway shows: name, phone number and crisis numbers.

They come from the shared organisation file (``VOORDEUR_ORGANISATION_FILE``). The gateway must
keep working when that file is missing or broken, so every value has a safe fallback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Organisation:
    """What the chat page and the fallback message need to know about the organisation."""

    name: str = "het sociaal team"
    phone: str | None = None
    emergency_number: str = "112"
    suicide_prevention: str = "113 of gratis 0800-0113"


def _text(value: Any) -> str | None:
    if isinstance(value, str | int) and str(value).strip():
        return str(value).strip()
    return None


def load_organisation(path: Path | str) -> Organisation:
    """Read the organisation file; fall back to safe defaults for anything missing."""
    file = Path(path)
    if not file.is_absolute():
        file = REPO_ROOT / file
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        logger.warning("organisation file %s not readable (%s); using defaults", file, exc)
        return Organisation()
    if not isinstance(data, dict):
        logger.warning("organisation file %s has no mapping; using defaults", file)
        return Organisation()
    crisis = data.get("crisis") if isinstance(data.get("crisis"), dict) else {}
    default = Organisation()
    return Organisation(
        name=_text(data.get("naam")) or default.name,
        phone=_text(data.get("telefoon")),
        emergency_number=_text(crisis.get("noodnummer")) or default.emergency_number,
        suicide_prevention=_text(crisis.get("zelfmoordpreventie")) or default.suicide_prevention,
    )
