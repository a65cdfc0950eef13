"""Organisation settings from config/organisation.yml: the ONE source of names and numbers.

The file path comes from ``VOORDEUR_ORGANISATION_FILE`` (default ``config/organisation.yml``).
A relative path is tried against the working directory first and then against the repository
root, because the action server runs from ``bot/`` while the default is relative to the root.

The file is re-read when it changes. If a changed file cannot be read, the last good version
stays in use (and an error is logged), so a typo in the file never silences the crisis answer.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

ENV_VAR = "VOORDEUR_ORGANISATION_FILE"
DEFAULT_FILE = "config/organisation.yml"
REPO_ROOT = Path(__file__).resolve().parents[2]

WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class OrganisatieConfigFout(RuntimeError):
    """The organisation file is missing or incomplete."""


@dataclass(frozen=True)
class Crisisnummers:
    noodnummer: str
    zelfmoordpreventie: str
    veilig_thuis: str
    buiten_kantoortijd: str
    huisartsenpost: str | None = None


@dataclass(frozen=True)
class Organisatie:
    naam: str
    telefoon: str
    aanspreekvorm: str
    crisis: Crisisnummers
    # (day, opening time, closing time), in week order; days not listed are closed.
    openingstijden: tuple[tuple[str, str, str], ...] = ()
    email: str | None = None
    website: str | None = None


def organisation_file() -> Path:
    """Resolve the organisation file from the environment (see module docstring)."""
    configured = Path(os.environ.get(ENV_VAR) or DEFAULT_FILE)
    if configured.is_absolute():
        return configured
    from_cwd = Path.cwd() / configured
    if from_cwd.is_file():
        return from_cwd
    return REPO_ROOT / configured


def _tekst(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise OrganisatieConfigFout(f"'{where}{key}' ontbreekt in het organisatiebestand.")
        return None
    return str(value).strip()


def parse_organisatie(data: Any) -> Organisatie:
    """Build an Organisatie from the parsed YAML; raise OrganisatieConfigFout when incomplete."""
    if not isinstance(data, dict):
        raise OrganisatieConfigFout("Het organisatiebestand is geen YAML-mapping.")
    crisis = data.get("crisis")
    if not isinstance(crisis, dict):
        raise OrganisatieConfigFout("'crisis' ontbreekt in het organisatiebestand.")

    tijden: list[tuple[str, str, str]] = []
    raw_tijden = data.get("openingstijden") or {}
    if not isinstance(raw_tijden, dict):
        raise OrganisatieConfigFout("'openingstijden' moet een mapping dag -> [van, tot] zijn.")
    for dag in WEEKDAGEN:
        uren = raw_tijden.get(dag)
        if uren is None:
            continue
        if not (isinstance(uren, list | tuple) and len(uren) == 2):
            raise OrganisatieConfigFout(f"'openingstijden.{dag}' moet [van, tot] zijn.")
        tijden.append((dag, str(uren[0]), str(uren[1])))

    aanspreekvorm = (_tekst(data, "aanspreekvorm", "", required=False) or "u").lower()
    if aanspreekvorm != "u":
        logger.warning(
            "aanspreekvorm %r is ingesteld, maar de assistent spreekt nog alleen met 'u'.",
            aanspreekvorm,
        )

    return Organisatie(
        naam=_tekst(data, "naam", "") or "",
        telefoon=_tekst(data, "telefoon", "") or "",
        aanspreekvorm=aanspreekvorm,
        email=_tekst(data, "email", "", required=False),
        website=_tekst(data, "website", "", required=False),
        openingstijden=tuple(tijden),
        crisis=Crisisnummers(
            noodnummer=_tekst(crisis, "noodnummer", "crisis.") or "",
            zelfmoordpreventie=_tekst(crisis, "zelfmoordpreventie", "crisis.") or "",
            veilig_thuis=_tekst(crisis, "veilig_thuis", "crisis.") or "",
            buiten_kantoortijd=_tekst(crisis, "buiten_kantoortijd", "crisis.") or "",
            huisartsenpost=_tekst(crisis, "huisartsenpost", "crisis.", required=False),
        ),
    )


def lees_organisatie(path: Path) -> Organisatie:
    """Read and parse one organisation file (no caching)."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise OrganisatieConfigFout(f"Kan het organisatiebestand {path} niet lezen: {exc}") from exc
    return parse_organisatie(data)


_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "org": None}


def organisatie() -> Organisatie:
    """The current organisation settings, re-read when the file changed.

    Raises OrganisatieConfigFout only when no good version was ever read.
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
            org = lees_organisatie(path)
        except OrganisatieConfigFout:
            if _cache["org"] is None:
                raise
            logger.exception("Organisatiebestand onleesbaar; de vorige versie blijft in gebruik.")
            return _cache["org"]
        _cache["key"] = key
        _cache["org"] = org
        return org


def _tijd(value: str) -> str:
    """'08:30' -> '8.30' (the usual Dutch way to write a time)."""
    uur, _, minuut = value.partition(":")
    return f"{int(uur)}.{minuut or '00'}" if uur.isdigit() else value


def openingstijden_tekst(org: Organisatie) -> str:
    """E.g. 'op maandag tot en met donderdag van 8.30 tot 17.00 uur en op vrijdag van ...'."""
    groepen: list[tuple[list[str], str, str]] = []
    vorige_index = -2
    for dag, van, tot in org.openingstijden:
        index = WEEKDAGEN.index(dag)
        if groepen and index == vorige_index + 1 and groepen[-1][1:] == (van, tot):
            groepen[-1][0].append(dag)
        else:
            groepen.append(([dag], van, tot))
        vorige_index = index

    delen = []
    for dagen, van, tot in groepen:
        if len(dagen) == 1:
            dagtekst = dagen[0]
        elif len(dagen) == 2:
            dagtekst = f"{dagen[0]} en {dagen[1]}"
        else:
            dagtekst = f"{dagen[0]} tot en met {dagen[-1]}"
        delen.append(f"op {dagtekst} van {_tijd(van)} tot {_tijd(tot)} uur")
    if not delen:
        return ""
    if len(delen) == 1:
        return delen[0]
    return ", ".join(delen[:-1]) + " en " + delen[-1]
