"""The organisation file (config/organisation.yml): one loader, one set of field names.

Every component reads the file through this module. ``read_organisation`` checks the whole file
and raises ``OrganisationConfigError`` naming the field that is wrong. The field functions
(``text``, ``day_hours``, ``https_address``, ...) are public for a component that must keep
working with a partial file (the gateway), so each rule is still written once.

The path comes from ``VOORDEUR_ORGANISATION_FILE`` (default ``config/organisation.yml``). A
relative path is tried against the working directory first and then against the repository
root, because the action server runs from ``bot/``.

With ``VOORDEUR_ENV=production`` the example contact details of the repository's file (a phone
number with "00 00 00", an address or site on example.nl/.com/.org) are refused, naming the field.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, Final, NamedTuple

import yaml

from voordeur_common.office_calendar import HOLIDAY_NAMES, WEEKDAYS, ClosedDays

logger = logging.getLogger(__name__)

FILE_VAR: Final = "VOORDEUR_ORGANISATION_FILE"
DEFAULT_FILE: Final = "config/organisation.yml"
ENVIRONMENT_VAR: Final = "VOORDEUR_ENV"
ENVIRONMENTS: Final = ("development", "production")
EXAMPLE_PHONE: Final = "00 00 00"
EXAMPLE_DOMAIN: Final = re.compile(r"(^|[@./])example\.(nl|com|org)($|[/:?#])", re.IGNORECASE)
# Hours between a melding and pick-up when the file names none (the escalation service's clock).
DEFAULT_REACTIETERMIJN_UREN: Final = 24
REPO_ROOT: Final = Path(__file__).resolve().parents[2]
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_AMOUNT = re.compile(r"^\d{1,3},\d{2}$")


class OrganisationConfigError(ValueError):
    """The organisation file is missing, invalid, or not allowed in this environment."""


class DayHours(NamedTuple):
    """One open day: ``("maandag", "08:30", "17:00")``, times written as ``HH:MM``."""

    day: str
    opens: str
    closes: str


@dataclass(frozen=True)
class CrisisNumbers:
    noodnummer: str
    zelfmoordpreventie: str
    veilig_thuis: str
    # Only a real staffed night line of the organisation; None when there is none.
    buiten_kantoortijd: str | None = None
    huisartsenpost: str | None = None
    kindertelefoon: str | None = None
    luisterlijn: str | None = None
    chat_113: str | None = None


@dataclass(frozen=True)
class Organisation:
    """The whole file, checked; field names as in the YAML."""

    naam: str
    telefoon: str
    crisis: CrisisNumbers
    aanspreekvorm: str = "u"
    # In week order; days not listed are closed.
    openingstijden: tuple[DayHours, ...] = ()
    email: str | None = None
    website: str | None = None
    adres: str | None = None
    gemeente: str | None = None
    gemeente_website: str | None = None
    # An https address; the web chat links to it from its privacy notice.
    privacyverklaring: str | None = None
    # Extra closing days on top of weekends and Dutch public holidays.
    sluitingsdagen: tuple[date, ...] = ()
    # Dutch public holidays the organisation works on (names as in HOLIDAY_NAMES).
    open_op_feestdagen: tuple[str, ...] = ()
    # Hours between a melding and pick-up (closed days not counted); None when not configured.
    reactietermijn_uren: int | None = None
    # ``spoed_termijn.zelfde_werkdag_voor``: a spoed melding received on an open day before this
    # time is due that day; None when spoed uses the ordinary reactietermijn.
    spoed_zelfde_werkdag_voor: time | None = None
    # The Wmo eigen bijdrage maximum per month and the year it holds for, e.g. ("21,80", 2025).
    abonnementstarief: tuple[str, int] | None = None

    @property
    def closed_days(self) -> ClosedDays:
        """Closing days and worked holidays, as the calendar functions take them."""
        return ClosedDays(frozenset(self.sluitingsdagen), frozenset(self.open_op_feestdagen))

    def opening_hours_by_weekday(self) -> dict[int, tuple[time, time]]:
        """Weekday (0 = Monday) -> (opening, closing) time; closed days are absent."""
        return {
            WEEKDAYS.index(hours.day): (clock_time(hours.opens), clock_time(hours.closes))
            for hours in self.openingstijden
        }


def organisation_file(configured: str | Path | None = None) -> Path:
    """The file to read: ``configured``, else ``VOORDEUR_ORGANISATION_FILE``, else the default."""
    path = Path(configured or os.environ.get(FILE_VAR) or DEFAULT_FILE)
    if path.is_absolute():
        return path
    from_cwd = Path.cwd() / path
    return from_cwd if from_cwd.is_file() else REPO_ROOT / path


def environment() -> str:
    """``VOORDEUR_ENV``: "development" (the default) or "production"; anything else is an error."""
    value = (os.environ.get(ENVIRONMENT_VAR) or "development").strip().lower()
    if value not in ENVIRONMENTS:
        raise OrganisationConfigError(
            f"{ENVIRONMENT_VAR}={value!r} is unknown; use 'development' or 'production'."
        )
    return value


def is_example_address(value: str) -> bool:
    """An address or site on example.nl, example.com or example.org."""
    return bool(EXAMPLE_DOMAIN.search(value.strip()))


def check_no_examples(data: Mapping[str, Any]) -> None:
    """In production, refuse the example contact details; the error names the field."""
    if environment() != "production":
        return
    phones = {"telefoon": data.get("telefoon")}
    phones.update({f"crisis.{key}": value for key, value in section(data, "crisis").items()})
    for field_name, value in phones.items():
        if value is not None and EXAMPLE_PHONE in str(value):
            raise OrganisationConfigError(
                f"organisation file: '{field_name}' is still the example number ({value}); "
                f"fill in the real one ({ENVIRONMENT_VAR}=production)."
            )
    for field_name in ("email", "website", "gemeente_website"):
        value = data.get(field_name)
        if value is not None and is_example_address(str(value)):
            raise OrganisationConfigError(
                f"organisation file: '{field_name}' is still the example ({value}); "
                f"fill in the real one ({ENVIRONMENT_VAR}=production)."
            )


def read_mapping(path: Path) -> dict[str, Any]:
    """The parsed YAML of ``path``; an error when it cannot be read or is no mapping."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise OrganisationConfigError(f"Cannot read the organisation file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise OrganisationConfigError(f"The organisation file {path} is not a YAML mapping.")
    return data


def section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A nested mapping such as ``crisis``; empty when absent or not a mapping."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def text(data: Mapping[str, Any], key: str) -> str | None:
    """A text field, stripped; None when absent or empty."""
    value = data.get(key)
    if value is None or isinstance(value, dict | list) or not str(value).strip():
        return None
    return str(value).strip()


def required_text(data: Mapping[str, Any], key: str, where: str = "") -> str:
    value = text(data, key)
    if value is None:
        raise OrganisationConfigError(f"'{where}{key}' is missing from the organisation file.")
    return value


def clock_time(value: Any, where: str = "") -> time:
    """``"08:30"`` (or ``"8:30"``) as a time; an error naming ``where`` otherwise."""
    match = _CLOCK_TIME.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise OrganisationConfigError(f"'{where}' must be a time like \"08:30\": {value!r}")
    return time(int(match[1]), int(match[2]))


def day_hours(day: str, span: Any) -> DayHours:
    """``openingstijden.<day>``: ``[from, to]``, closing after opening."""
    where = f"openingstijden.{day}"
    if not (isinstance(span, list | tuple) and len(span) == 2):
        raise OrganisationConfigError(f"'{where}' must be [from, to].")
    opens, closes = clock_time(span[0], where), clock_time(span[1], where)
    if closes <= opens:
        raise OrganisationConfigError(f"'{where}' closes before it opens.")
    return DayHours(day, f"{opens:%H:%M}", f"{closes:%H:%M}")


def opening_hours(raw: Any) -> tuple[DayHours, ...]:
    """``openingstijden``: a mapping from Dutch weekday to ``[from, to]``, in week order."""
    raw = raw or {}
    if not isinstance(raw, dict):
        raise OrganisationConfigError("'openingstijden' must map a day to [from, to].")
    unknown = sorted(set(raw) - set(WEEKDAYS), key=str)
    if unknown:
        raise OrganisationConfigError(f"'openingstijden' names an unknown day: {unknown[0]!r}.")
    return tuple(day_hours(day, raw[day]) for day in WEEKDAYS if raw.get(day) is not None)


def https_address(value: Any, where: str) -> str | None:
    """An optional https address without spaces."""
    if value is None or str(value).strip() == "":
        return None
    address = str(value).strip()
    if not address.startswith("https://") or any(char.isspace() for char in address):
        raise OrganisationConfigError(f"'{where}' must be an https address: {value!r}")
    return address


def closing_days(raw: Any) -> tuple[date, ...]:
    """``sluitingsdagen``: a list of dates written as YYYY-MM-DD."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise OrganisationConfigError("'sluitingsdagen' must be a list of dates (YYYY-MM-DD).")
    days = []
    for day in raw:
        try:
            days.append(day if isinstance(day, date) else date.fromisoformat(str(day)))
        except ValueError as exc:
            raise OrganisationConfigError(
                f"'sluitingsdagen' holds a bad date: {day!r} (YYYY-MM-DD)."
            ) from exc
    return tuple(days)


def worked_holidays(raw: Any) -> tuple[str, ...]:
    """``open_op_feestdagen``: names of Dutch public holidays on which the office is open."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise OrganisationConfigError(
            "'open_op_feestdagen' must be a list of holiday names, e.g. [\"Goede vrijdag\"]."
        )
    canonical = {name.lower(): name for name in HOLIDAY_NAMES}
    names = []
    for name in raw:
        if str(name).strip().lower() not in canonical:
            raise OrganisationConfigError(
                f"'open_op_feestdagen' holds an unknown holiday: {name!r}; "
                f"known: {', '.join(sorted(canonical.values()))}."
            )
        names.append(canonical[str(name).strip().lower()])
    return tuple(names)


def _reactietermijn_uren(raw: Any) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise OrganisationConfigError("'reactietermijn_uren' must be a positive whole number.")
    return raw


def _spoed_zelfde_werkdag_voor(raw: Any, hours: Sequence[DayHours]) -> time | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "zelfde_werkdag_voor" not in raw:
        raise OrganisationConfigError("'spoed_termijn' needs 'zelfde_werkdag_voor: \"HH:MM\"'.")
    if not hours:
        raise OrganisationConfigError("'spoed_termijn' needs 'openingstijden'.")
    return clock_time(raw["zelfde_werkdag_voor"], "spoed_termijn.zelfde_werkdag_voor")


def _abonnementstarief(raw: Any) -> tuple[str, int] | None:
    """``abonnementstarief: {bedrag_per_maand: "21,80", jaar: 2025}``, optional."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise OrganisationConfigError("'abonnementstarief' needs bedrag_per_maand and jaar.")
    amount = str(raw.get("bedrag_per_maand") or "").strip()
    year = raw.get("jaar")
    if not _AMOUNT.match(amount):
        raise OrganisationConfigError(
            "'abonnementstarief.bedrag_per_maand' must be an amount like \"21,80\"."
        )
    if isinstance(year, bool) or not isinstance(year, int) or not 2020 <= year <= 2100:
        raise OrganisationConfigError("'abonnementstarief.jaar' must be a year, like 2025.")
    return amount, year


def _aanspreekvorm(data: Mapping[str, Any]) -> str:
    value = (text(data, "aanspreekvorm") or "u").lower()
    if value != "u":
        logger.warning("aanspreekvorm %r is set, but the assistant only speaks with 'u'.", value)
    return value


def _crisis(raw: Any) -> CrisisNumbers:
    if not isinstance(raw, dict):
        raise OrganisationConfigError("'crisis' is missing from the organisation file.")
    optional = {
        key: text(raw, key)
        for key in ("buiten_kantoortijd", "huisartsenpost", "kindertelefoon", "luisterlijn")
    }
    return CrisisNumbers(
        noodnummer=required_text(raw, "noodnummer", "crisis."),
        zelfmoordpreventie=required_text(raw, "zelfmoordpreventie", "crisis."),
        veilig_thuis=required_text(raw, "veilig_thuis", "crisis."),
        chat_113=text(raw, "chat_113"),
        **optional,
    )


def parse_organisation(data: Any) -> Organisation:
    """Check the parsed YAML and build the Organisation; the error names the bad field."""
    if not isinstance(data, dict):
        raise OrganisationConfigError("The organisation file is not a YAML mapping.")
    check_no_examples(data)
    hours = opening_hours(data.get("openingstijden"))
    return Organisation(
        naam=required_text(data, "naam"),
        telefoon=required_text(data, "telefoon"),
        crisis=_crisis(data.get("crisis")),
        aanspreekvorm=_aanspreekvorm(data),
        openingstijden=hours,
        email=text(data, "email"),
        website=text(data, "website"),
        adres=text(data, "adres"),
        gemeente=text(data, "gemeente"),
        gemeente_website=text(data, "gemeente_website"),
        privacyverklaring=https_address(data.get("privacyverklaring"), "privacyverklaring"),
        sluitingsdagen=closing_days(data.get("sluitingsdagen")),
        open_op_feestdagen=worked_holidays(data.get("open_op_feestdagen")),
        reactietermijn_uren=_reactietermijn_uren(data.get("reactietermijn_uren")),
        spoed_zelfde_werkdag_voor=_spoed_zelfde_werkdag_voor(data.get("spoed_termijn"), hours),
        abonnementstarief=_abonnementstarief(data.get("abonnementstarief")),
    )


def read_organisation(path: str | Path | None = None) -> Organisation:
    """Read and check the organisation file (``organisation_file(path)``), no caching."""
    return parse_organisation(read_mapping(organisation_file(path)))


def _clock_text(value: str) -> str:
    """``"08:30"`` as Dutch text: ``"8.30"``."""
    hours, minutes = value.split(":")
    return f"{int(hours)}.{minutes}"


def opening_hours_text(hours: Sequence[DayHours], day_prefix: str = "") -> str:
    """The opening hours in Dutch, consecutive days with the same hours together.

    ``"maandag tot en met donderdag van 8.30 tot 17.00 uur en vrijdag van 8.30 tot 12.30 uur"``;
    ``day_prefix="op "`` gives ``"op maandag tot en met donderdag ... en op vrijdag ..."``.
    Empty when no day is open.
    """
    groups: list[list[DayHours]] = []
    for day in hours:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and WEEKDAYS.index(day.day) == WEEKDAYS.index(last.day) + 1
            and (last.opens, last.closes) == (day.opens, day.closes)
        ):
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        days = group[0].day
        if len(group) == 2:
            days = f"{group[0].day} en {group[1].day}"
        elif len(group) > 2:
            days = f"{group[0].day} tot en met {group[-1].day}"
        opens, closes = _clock_text(group[0].opens), _clock_text(group[0].closes)
        parts.append(f"{day_prefix}{days} van {opens} tot {closes} uur")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]
