"""Pure building blocks for a melding: payload, transcript, kanaal and idempotency key.

Everything here works on plain data (the tracker's event dicts and slot values), so it can be
tested without Rasa.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

FORM_NAME = "melding_form"
MELDING_SLOTS = ("onderwerp", "beschrijving", "toestemming", "naam", "telefoon")
KANALEN = ("web", "telegram", "test")
STANDAARD_KANAAL = "web"

Event = Mapping[str, Any]


def huidige_sessie(events: Iterable[Event]) -> list[Event]:
    """The events after the last ``session_started`` (the whole list if there is none)."""
    events = list(events)
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "session_started":
            return events[index + 1 :]
    return events


def _iso(timestamp: Any) -> str | None:
    if not isinstance(timestamp, int | float):
        return None
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")


def _knop_titel(payload: str, laatste_knoppen: list[Mapping[str, Any]]) -> str | None:
    for knop in laatste_knoppen:
        if knop.get("payload") == payload and knop.get("title"):
            return str(knop["title"])
    return None


def transcript(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The current session as ``[{"van": "inwoner"|"assistent", "tekst", "tijd"}]``.

    A button click arrives as its payload (e.g. ``/affirm``); the transcript shows the title of
    the button instead ("Ja"), because that is what the inwoner saw and chose.
    """
    regels: list[dict[str, Any]] = []
    laatste_knoppen: list[Mapping[str, Any]] = []
    for event in huidige_sessie(events):
        soort = event.get("event")
        if soort == "bot":
            data = event.get("data") or {}
            laatste_knoppen = list(data.get("buttons") or [])
            tekst = event.get("text")
            if tekst:
                regels.append(
                    {"van": "assistent", "tekst": tekst, "tijd": _iso(event.get("timestamp"))}
                )
        elif soort == "user":
            tekst = event.get("text")
            if not tekst:
                continue
            if tekst.startswith("/"):
                tekst = _knop_titel(tekst, laatste_knoppen) or tekst
            regels.append({"van": "inwoner", "tekst": tekst, "tijd": _iso(event.get("timestamp"))})
    return regels


def kanaal(events: Iterable[Event]) -> str:
    """Kanaal from the newest user message metadata (``{"kanaal": "telegram"}``), else 'web'."""
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        metadata = event.get("metadata") or {}
        waarde = metadata.get("kanaal") if isinstance(metadata, Mapping) else None
        if isinstance(waarde, str) and waarde.lower() in KANALEN:
            return waarde.lower()
    return STANDAARD_KANAAL


def activatie_tijdstip(events: Iterable[Event], form_name: str = FORM_NAME) -> float | None:
    """Timestamp of the event that activated the (latest instance of the) form."""
    for event in reversed(list(events)):
        if event.get("event") == "active_loop" and event.get("name") == form_name:
            timestamp = event.get("timestamp")
            return float(timestamp) if isinstance(timestamp, int | float) else None
    return None


def idempotency_key(sender_id: str, events: Iterable[Event], inhoud: Mapping[str, Any]) -> str:
    """A key that is the same for every attempt to send THIS form instance.

    sha256 of the sender id and the timestamp of the form activation; a new form instance
    (the inwoner starts again) gets a new key. Without an activation event (should not happen)
    the content of the melding is used instead, which is stable as well.
    """
    tijdstip = activatie_tijdstip(events)
    if tijdstip is not None:
        bron = f"{sender_id}|{tijdstip!r}"
    else:
        bron = f"{sender_id}|" + json.dumps(inhoud, sort_keys=True, ensure_ascii=False)
    return "voordeur-" + hashlib.sha256(bron.encode("utf-8")).hexdigest()


def payload(slots: Mapping[str, Any], sender_id: str, events: Iterable[Event]) -> dict[str, Any]:
    """The JSON body for ``POST /api/v1/meldingen`` (see docs/contracts.md)."""
    events = list(events)
    return {
        "onderwerp": slots.get("onderwerp"),
        "beschrijving": slots.get("beschrijving"),
        "naam": slots.get("naam"),
        "telefoon": slots.get("telefoon"),
        "email": None,
        "toestemming": slots.get("toestemming") is True,
        "spoed": slots.get("spoed") is True,
        "kanaal": kanaal(events),
        "gesprek_id": sender_id,
        "bron": "assistent",
        "transcript": transcript(events),
    }


def ontbrekende_velden(slots: Mapping[str, Any]) -> list[str]:
    """Fields that must be filled (and consent given) before a melding can be sent."""
    ontbreekt = [
        naam for naam in ("onderwerp", "beschrijving", "naam", "telefoon") if not slots.get(naam)
    ]
    if slots.get("toestemming") is not True:
        ontbreekt.append("toestemming")
    return ontbreekt
