"""Organisation settings from config/organisation.yml: the ONE source of names and numbers.

The file path comes from ``VOORDEUR_ORGANISATION_FILE`` (default ``config/organisation.yml``).
A relative path is tried against the working directory first and then against the repository
root, because the action server runs from ``bot/`` while the default is relative to the root.

The file is re-read when it changes. If a changed file cannot be read, the last good version
stays in use (and an error is logged), so a typo in the file never silences the crisis answer.

With ``VOORDEUR_ENV=production`` the example contact details of the repository's file (a phone
number with "00 00 00", an address or site on example.nl/.com/.org) are refused, naming the field.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from voordeur_common.office_calendar import WEEKDAYS

logger = logging.getLogger(__name__)

ENV_VAR = "VOORDEUR_ORGANISATION_FILE"
ENVIRONMENT_VAR = "VOORDEUR_ENV"
ENVIRONMENTS = ("development", "production")
EXAMPLE_PHONE = "00 00 00"
EXAMPLE_DOMAIN = re.compile(r"(^|[@./])example\.(nl|com|org)($|[/:?#])", re.IGNORECASE)
DEFAULT_FILE = "config/organisation.yml"
REPO_ROOT = Path(__file__).resolve().parents[2]


class OrganisationConfigError(RuntimeError):
    """The organisation file is missing or incomplete."""


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
    naam: str
    telefoon: str
    aanspreekvorm: str
    crisis: CrisisNumbers
    # (day, opening time, closing time), in week order; days not listed are closed.
    openingstijden: tuple[tuple[str, str, str], ...] = ()
    email: str | None = None
    website: str | None = None
    gemeente: str | None = None
    gemeente_website: str | None = None
    # Extra closing days on top of weekends and Dutch public holidays.
    sluitingsdagen: tuple[date, ...] = ()
    # Hours between a melding and pick-up (weekends and closing days not counted).
    reactietermijn_uren: int | None = None
    # The Wmo eigen bijdrage maximum (abonnementstarief) per month and the year it holds for,
    # e.g. ("21,80", 2025); None when not configured (the answer then names no amount).
    abonnementstarief: tuple[str, int] | None = None


def organisation_file() -> Path:
    """Resolve the organisation file from the environment (see module docstring)."""
    configured = Path(os.environ.get(ENV_VAR) or DEFAULT_FILE)
    if configured.is_absolute():
        return configured
    from_cwd = Path.cwd() / configured
    if from_cwd.is_file():
        return from_cwd
    return REPO_ROOT / configured


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise OrganisationConfigError(f"'{where}{key}' ontbreekt in het organisatiebestand.")
        return None
    return str(value).strip()


def environment() -> str:
    """``VOORDEUR_ENV``: "development" (the default) or "production"; anything else is an error."""
    value = (os.environ.get(ENVIRONMENT_VAR) or "development").strip().lower()
    if value not in ENVIRONMENTS:
        raise OrganisationConfigError(
            f"{ENVIRONMENT_VAR}={value!r} is onbekend; gebruik 'development' of 'production'."
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
                f"'{field_name}' is nog het voorbeeldnummer ({value}); "
                f"vul het echte nummer in ({ENVIRONMENT_VAR}=production)."
            )
    for field_name in ("email", "website", "gemeente_website"):
        value = data.get(field_name)
        if value is not None and EXAMPLE_DOMAIN.search(str(value).strip()):
            raise OrganisationConfigError(
                f"'{field_name}' is nog het voorbeeld ({value}); "
                f"vul het echte adres in ({ENVIRONMENT_VAR}=production)."
            )


def parse_organisation(data: Any) -> Organisation:
    """Build an Organisation from the parsed YAML; raise OrganisationConfigError when incomplete.

    In production (``VOORDEUR_ENV``) example contact details are refused too.
    """
    if not isinstance(data, dict):
        raise OrganisationConfigError("Het organisatiebestand is geen YAML-mapping.")
    crisis = data.get("crisis")
    if not isinstance(crisis, dict):
        raise OrganisationConfigError("'crisis' ontbreekt in het organisatiebestand.")
    check_no_examples(data)

    hours: list[tuple[str, str, str]] = []
    raw_hours = data.get("openingstijden") or {}
    if not isinstance(raw_hours, dict):
        raise OrganisationConfigError("'openingstijden' moet een mapping dag -> [van, tot] zijn.")
    for day in WEEKDAYS:
        span = raw_hours.get(day)
        if span is None:
            continue
        if not (isinstance(span, list | tuple) and len(span) == 2):
            raise OrganisationConfigError(f"'openingstijden.{day}' moet [van, tot] zijn.")
        hours.append((day, str(span[0]), str(span[1])))

    aanspreekvorm = (_text(data, "aanspreekvorm", "", required=False) or "u").lower()
    if aanspreekvorm != "u":
        logger.warning(
            "aanspreekvorm %r is ingesteld, maar de assistent spreekt nog alleen met 'u'.",
            aanspreekvorm,
        )

    closing_days: list[date] = []
    for raw_day in data.get("sluitingsdagen") or []:
        try:
            closing_days.append(
                raw_day if isinstance(raw_day, date) else date.fromisoformat(str(raw_day))
            )
        except ValueError as exc:
            raise OrganisationConfigError(
                f"'sluitingsdagen' bevat een ongeldige datum: {raw_day!r} (JJJJ-MM-DD)."
            ) from exc
    reaction = data.get("reactietermijn_uren")
    if reaction is not None and (not isinstance(reaction, int) or reaction <= 0):
        raise OrganisationConfigError("'reactietermijn_uren' moet een positief geheel getal zijn.")

    return Organisation(
        abonnementstarief=_abonnementstarief(data.get("abonnementstarief")),
        naam=_text(data, "naam", "") or "",
        telefoon=_text(data, "telefoon", "") or "",
        aanspreekvorm=aanspreekvorm,
        email=_text(data, "email", "", required=False),
        website=_text(data, "website", "", required=False),
        openingstijden=tuple(hours),
        gemeente=_text(data, "gemeente", "", required=False),
        gemeente_website=_text(data, "gemeente_website", "", required=False),
        sluitingsdagen=tuple(closing_days),
        reactietermijn_uren=reaction,
        crisis=CrisisNumbers(
            noodnummer=_text(crisis, "noodnummer", "crisis.") or "",
            zelfmoordpreventie=_text(crisis, "zelfmoordpreventie", "crisis.") or "",
            veilig_thuis=_text(crisis, "veilig_thuis", "crisis.") or "",
            buiten_kantoortijd=_text(crisis, "buiten_kantoortijd", "crisis.", required=False),
            huisartsenpost=_text(crisis, "huisartsenpost", "crisis.", required=False),
            kindertelefoon=_text(crisis, "kindertelefoon", "crisis.", required=False),
            luisterlijn=_text(crisis, "luisterlijn", "crisis.", required=False),
            chat_113=_text(crisis, "chat_113", "crisis.", required=False),
        ),
    )


def _abonnementstarief(raw: Any) -> tuple[str, int] | None:
    """``abonnementstarief: {bedrag_per_maand: "21,80", jaar: 2025}``, optional."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise OrganisationConfigError("'abonnementstarief' moet bedrag_per_maand en jaar hebben.")
    amount = str(raw.get("bedrag_per_maand") or "").strip()
    year = raw.get("jaar")
    if not re.fullmatch(r"\d{1,3},\d{2}", amount):
        raise OrganisationConfigError(
            "'abonnementstarief.bedrag_per_maand' moet een bedrag zijn zoals \"21,80\"."
        )
    if not isinstance(year, int) or not 2020 <= year <= 2100:
        raise OrganisationConfigError("'abonnementstarief.jaar' moet een jaartal zijn, zoals 2025.")
    return amount, year


def read_organisation(path: Path) -> Organisation:
    """Read and parse one organisation file (no caching)."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise OrganisationConfigError(
            f"Kan het organisatiebestand {path} niet lezen: {exc}"
        ) from exc
    return parse_organisation(data)


_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "org": None}


def current_organisation() -> Organisation:
    """The current organisation settings, re-read when the file changed.

    Raises OrganisationConfigError only when no good version was ever read.
    """
    path = organisation_file()
    try:
        key: tuple[str, int] | None = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = None
    with _lock:
        if key is not None and key == _cache["key"]:
            return _cache["org"]
        try:
            org = read_organisation(path)
        except OrganisationConfigError:
            if _cache["org"] is None:
                raise
            logger.exception("Organisatiebestand onleesbaar; de vorige versie blijft in gebruik.")
            return _cache["org"]
        _cache["key"] = key
        _cache["org"] = org
        return org


def _time(value: str) -> str:
    """'08:30' -> '8.30' (the usual Dutch way to write a time)."""
    hour, _, minute = value.partition(":")
    return f"{int(hour)}.{minute or '00'}" if hour.isdigit() else value


def opening_hours_text(org: Organisation) -> str:
    """E.g. 'op maandag tot en met donderdag van 8.30 tot 17.00 uur en op vrijdag van ...'."""
    groups: list[tuple[list[str], str, str]] = []
    previous_index = -2
    for day, start, end in org.openingstijden:
        index = WEEKDAYS.index(day)
        if groups and index == previous_index + 1 and groups[-1][1:] == (start, end):
            groups[-1][0].append(day)
        else:
            groups.append(([day], start, end))
        previous_index = index

    parts = []
    for days, start, end in groups:
        if len(days) == 1:
            day_text = days[0]
        elif len(days) == 2:
            day_text = f"{days[0]} en {days[1]}"
        else:
            day_text = f"{days[0]} tot en met {days[-1]}"
        parts.append(f"op {day_text} van {_time(start)} tot {_time(end)} uur")
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]
