"""The few organisation facts the gateway shows: name, phone number and crisis numbers.

They come from the shared organisation file (``VOORDEUR_ORGANISATION_FILE``). The gateway must
keep working when that file is missing or broken, so every value has a safe fallback. One thing
is refused: with ``VOORDEUR_ENV=production``, the example contact details of the repository's
file (a phone number with "00 00 00", an address or site on example.nl/.com/.org).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT_VAR = "VOORDEUR_ENV"
ENVIRONMENTS = ("development", "production")
EXAMPLE_PHONE = "00 00 00"
EXAMPLE_DOMAIN = re.compile(r"(^|[@./])example\.(nl|com|org)($|[/:?#])", re.IGNORECASE)


class OrganisationConfigError(RuntimeError):
    """The organisation file may not be used in this environment."""


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


def environment() -> str:
    """``VOORDEUR_ENV``: "development" (the default) or "production"; anything else is an error."""
    value = (os.environ.get(ENVIRONMENT_VAR) or "development").strip().lower()
    if value not in ENVIRONMENTS:
        raise OrganisationConfigError(
            f"{ENVIRONMENT_VAR}={value!r} is unknown; use 'development' or 'production'."
        )
    return value


def check_no_examples(data: dict[str, Any]) -> None:
    """In production, refuse the example contact details; the error names the field."""
    if environment() != "production":
        return
    crisis = data.get("crisis") if isinstance(data.get("crisis"), dict) else {}
    phones = {"telefoon": data.get("telefoon")}
    phones.update({f"crisis.{key}": value for key, value in crisis.items()})
    for field_name, value in phones.items():
        if value is not None and EXAMPLE_PHONE in str(value):
            raise OrganisationConfigError(
                f"organisation file: '{field_name}' is still the example number ({value}); "
                f"fill in the real one ({ENVIRONMENT_VAR}=production)."
            )
    for field_name in ("email", "website", "gemeente_website"):
        value = data.get(field_name)
        if value is not None and EXAMPLE_DOMAIN.search(str(value).strip()):
            raise OrganisationConfigError(
                f"organisation file: '{field_name}' is still the example ({value}); "
                f"fill in the real one ({ENVIRONMENT_VAR}=production)."
            )


def load_organisation(path: Path | str) -> Organisation:
    """Read the organisation file; fall back to safe defaults for anything missing.

    Raises OrganisationConfigError for example contact details in production.
    """
    environment()  # a mistyped VOORDEUR_ENV is an error even when the file is missing
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
    check_no_examples(data)
    crisis = data.get("crisis") if isinstance(data.get("crisis"), dict) else {}
    default = Organisation()
    return Organisation(
        name=_text(data.get("naam")) or default.name,
        phone=_text(data.get("telefoon")),
        emergency_number=_text(crisis.get("noodnummer")) or default.emergency_number,
        suicide_prevention=_text(crisis.get("zelfmoordpreventie")) or default.suicide_prevention,
    )
