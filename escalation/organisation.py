"""The organisation's settings the escalation service needs, from config/organisation.yml.

With ``VOORDEUR_ENV=production`` the example contact details of the repository's file (a phone
number with "00 00 00", an address or site on example.nl/.com/.org) are refused, naming the field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from voordeur_common.office_calendar import WEEKDAYS

ENVIRONMENT_VAR = "VOORDEUR_ENV"
ENVIRONMENTS = ("development", "production")
EXAMPLE_PHONE = "00 00 00"
EXAMPLE_DOMAIN = re.compile(r"(^|[@./])example\.(nl|com|org)($|[/:?#])", re.IGNORECASE)


class OrganisationConfigError(ValueError):
    """The organisation file is invalid, or not allowed in this environment."""


@dataclass(frozen=True)
class Organisation:
    """Closing days, office hours and the promised response windows."""

    closing_days: frozenset[date]
    response_hours: int
    # Weekday (0 = Monday) -> (opening, closing) time; days not listed are closed.
    opening_hours: Mapping[int, tuple[time, time]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # A spoed melding received on an open day before this time is due at that day's closing
    # time, otherwise at this time on the next open day. None: spoed uses ``response_hours``.
    spoed_same_day_before: time | None = None


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


def _time(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as exc:
        raise OrganisationConfigError(
            f"'{where}' must be a time like \"08:30\": {value!r}"
        ) from exc


def _opening_hours(raw: Any) -> dict[int, tuple[time, time]]:
    if not isinstance(raw, dict):
        raise OrganisationConfigError("'openingstijden' must map a day to [from, to].")
    hours: dict[int, tuple[time, time]] = {}
    for index, day in enumerate(WEEKDAYS):
        span = raw.get(day)
        if span is None:
            continue
        if not (isinstance(span, list | tuple) and len(span) == 2):
            raise OrganisationConfigError(f"'openingstijden.{day}' must be [from, to].")
        opening = _time(span[0], f"openingstijden.{day}")
        closing = _time(span[1], f"openingstijden.{day}")
        if closing <= opening:
            raise OrganisationConfigError(f"'openingstijden.{day}' closes before it opens.")
        hours[index] = (opening, closing)
    return hours


def _spoed_same_day_before(raw: Any, has_hours: bool) -> time | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "zelfde_werkdag_voor" not in raw:
        raise OrganisationConfigError("'spoed_termijn' needs 'zelfde_werkdag_voor: \"HH:MM\"'.")
    if not has_hours:
        raise OrganisationConfigError("'spoed_termijn' needs 'openingstijden'.")
    return _time(raw["zelfde_werkdag_voor"], "spoed_termijn.zelfde_werkdag_voor")


def parse_organisation(data: Any) -> Organisation:
    """Build the settings from the parsed YAML; unknown keys are ignored, bad values are errors."""
    if not isinstance(data, dict):
        raise OrganisationConfigError("The organisation file is not a YAML mapping.")
    check_no_examples(data)
    try:
        closing_days = frozenset(
            date.fromisoformat(str(day)) for day in data.get("sluitingsdagen") or []
        )
    except ValueError as exc:
        raise OrganisationConfigError(f"'sluitingsdagen' holds a bad date: {exc}") from exc
    hours = _opening_hours(data.get("openingstijden") or {})
    response_hours = data.get("reactietermijn_uren", 24)
    if not isinstance(response_hours, int) or response_hours <= 0:
        raise OrganisationConfigError("'reactietermijn_uren' must be a positive whole number.")
    return Organisation(
        closing_days=closing_days,
        response_hours=response_hours,
        opening_hours=MappingProxyType(hours),
        spoed_same_day_before=_spoed_same_day_before(data.get("spoed_termijn"), bool(hours)),
    )


def load_organisation(path: Path) -> Organisation:
    """Read and check the organisation file."""
    return parse_organisation(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
