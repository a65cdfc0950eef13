"""The few organisation facts the gateway shows: name, phone number, opening hours, privacy
statement and crisis numbers.

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
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class OrganisationConfigError(RuntimeError):
    """The organisation file may not be used in this environment."""


@dataclass(frozen=True)
class Organisation:
    """What the chat page and the fallback message need to know about the organisation."""

    name: str = "het sociaal team"
    phone: str | None = None
    emergency_number: str = "112"
    suicide_prevention: str = "113 of gratis 0800-0113"
    # The organisation's privacy statement (https), linked from the chat's privacy notice.
    privacy_statement: str | None = None
    # (day, from, to) in week order, e.g. ("maandag", "08:30", "17:00").
    opening_hours: tuple[tuple[str, str, str], ...] = ()

    def opening_hours_text(self) -> str | None:
        """The opening hours as Dutch text, consecutive days with the same hours together:
        "maandag tot en met donderdag van 8.30 tot 17.00 uur en vrijdag van 8.30 tot 12.30 uur".
        """
        groups: list[list[tuple[str, str, str]]] = []
        for day, start, end in self.opening_hours:
            last = groups[-1][-1] if groups else None
            if (
                last is not None
                and WEEKDAYS.index(day) == WEEKDAYS.index(last[0]) + 1
                and (last[1], last[2]) == (start, end)
            ):
                groups[-1].append((day, start, end))
            else:
                groups.append([(day, start, end)])
        parts = []
        for group in groups:
            days = group[0][0]
            if len(group) == 2:
                days = f"{group[0][0]} en {group[1][0]}"
            elif len(group) > 2:
                days = f"{group[0][0]} tot en met {group[-1][0]}"
            parts.append(f"{days} van {_clock(group[0][1])} tot {_clock(group[0][2])} uur")
        if not parts:
            return None
        return " en ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _clock(time: str) -> str:
    """ "08:30" as Dutch text: "8.30"."""
    hours, minutes = time.split(":")
    return f"{int(hours)}.{minutes}"


def _text(value: Any) -> str | None:
    if isinstance(value, str | int) and str(value).strip():
        return str(value).strip()
    return None


def _privacy_statement(value: Any) -> str | None:
    """An https address, not the example in production (else left out, with a warning)."""
    text = _text(value)
    if text is None:
        return None
    if not text.startswith("https://") or any(char.isspace() for char in text):
        logger.warning("organisation file: 'privacyverklaring' is not an https address; left out")
        return None
    if environment() == "production" and EXAMPLE_DOMAIN.search(text):
        logger.warning("organisation file: 'privacyverklaring' is still the example; left out")
        return None
    return text


def _opening_hours(value: Any) -> tuple[tuple[str, str, str], ...]:
    """``openingstijden`` as (day, from, to) in week order; unreadable days are left out."""
    if not isinstance(value, dict):
        return ()
    hours = []
    for day in WEEKDAYS:
        times = value.get(day)
        if times is None:
            continue
        if (
            isinstance(times, list)
            and len(times) == 2
            and all(isinstance(time, str) and CLOCK_TIME.match(time) for time in times)
        ):
            hours.append((day, times[0], times[1]))
        else:
            logger.warning("organisation file: openingstijden.%s is not [from, to]; left out", day)
    return tuple(hours)


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
        privacy_statement=_privacy_statement(data.get("privacyverklaring")),
        opening_hours=_opening_hours(data.get("openingstijden")),
    )
