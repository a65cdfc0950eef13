"""The few organisation facts the gateway shows: name, phone number, opening hours, privacy
statement and crisis numbers.

They come from the shared organisation file, read and checked by ``voordeur_common.organisation``.
The gateway must keep working when that file is missing, broken or incomplete, so it takes the
file field by field and every value has a safe fallback. One thing is refused: with
``VOORDEUR_ENV=production``, the example contact details of the repository's file (a phone
number with "00 00 00", an address or site on example.nl/.com/.org).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voordeur_common import organisation as shared
from voordeur_common.office_calendar import WEEKDAYS
from voordeur_common.organisation import (
    DayHours,
    OrganisationConfigError,
    check_no_examples,
    environment,
)

__all__ = ["Organisation", "OrganisationConfigError", "load_organisation"]

logger = logging.getLogger(__name__)


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
        return shared.opening_hours_text([DayHours(*day) for day in self.opening_hours]) or None


def _privacy_statement(value: Any) -> str | None:
    """An https address, not the example in production (else left out, with a warning)."""
    try:
        address = shared.https_address(value, "privacyverklaring")
    except OrganisationConfigError as exc:
        logger.warning("organisation file: %s Left out.", exc)
        return None
    if address is not None and environment() == "production" and shared.is_example_address(address):
        logger.warning("organisation file: 'privacyverklaring' is still the example; left out")
        return None
    return address


def _opening_hours(value: Any) -> tuple[DayHours, ...]:
    """``openingstijden`` in week order; unreadable days are left out."""
    if not isinstance(value, dict):
        return ()
    hours = []
    for day in WEEKDAYS:
        if value.get(day) is None:
            continue
        try:
            hours.append(shared.day_hours(day, value[day]))
        except OrganisationConfigError as exc:
            logger.warning("organisation file: %s Left out.", exc)
    return tuple(hours)


def load_organisation(path: Path | str) -> Organisation:
    """Read the organisation file; fall back to safe defaults for anything missing.

    Raises OrganisationConfigError for example contact details in production.
    """
    environment()  # a mistyped VOORDEUR_ENV is an error even when the file is missing
    try:
        data = shared.read_mapping(shared.organisation_file(path))
    except OrganisationConfigError as exc:
        logger.warning("%s Using defaults.", exc)
        return Organisation()
    check_no_examples(data)
    crisis = shared.section(data, "crisis")
    default = Organisation()
    return Organisation(
        name=shared.text(data, "naam") or default.name,
        phone=shared.text(data, "telefoon"),
        emergency_number=shared.text(crisis, "noodnummer") or default.emergency_number,
        suicide_prevention=shared.text(crisis, "zelfmoordpreventie") or default.suicide_prevention,
        privacy_statement=_privacy_statement(data.get("privacyverklaring")),
        opening_hours=_opening_hours(data.get("openingstijden")),
    )
