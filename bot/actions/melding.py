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

from voordeur_common.channels import DEFAULT_CHANNEL, is_channel

FORM_NAME = "melding_form"
MELDING_SLOTS = (
    "onderwerp",
    "voor_wie",
    "eerste_bericht",
    "beschrijving",
    "dringend",
    "toestemming",
    "contactwijze",
    "telefoon",
    "email",
    "veilig_contact",
    "naam",
    "bereikbaar",
    "bevestigd",
)
VOOR_WIE = ("zelf", "naaste", "ander")

Event = Mapping[str, Any]


def current_session(events: Iterable[Event]) -> list[Event]:
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


def _button_title(payload: str, last_buttons: list[Mapping[str, Any]]) -> str | None:
    for button in last_buttons:
        if button.get("payload") == payload and button.get("title"):
            return str(button["title"])
    return None


def transcript(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The current session as ``[{"van": "inwoner"|"assistent", "tekst", "tijd"}]``.

    A button click arrives as its payload (e.g. ``/affirm``); the transcript shows the title of
    the button instead ("Ja"), because that is what the inwoner saw and chose.
    """
    rows: list[dict[str, Any]] = []
    last_buttons: list[Mapping[str, Any]] = []
    for event in current_session(events):
        kind = event.get("event")
        if kind == "bot":
            data = event.get("data") or {}
            last_buttons = list(data.get("buttons") or [])
            text = event.get("text")
            if text:
                rows.append(
                    {"van": "assistent", "tekst": text, "tijd": _iso(event.get("timestamp"))}
                )
        elif kind == "user":
            text = event.get("text")
            if not text:
                continue
            if text.startswith("/"):
                text = _button_title(text, last_buttons) or text
            rows.append({"van": "inwoner", "tekst": text, "tijd": _iso(event.get("timestamp"))})
    return rows


def kanaal(events: Iterable[Event]) -> str:
    """Kanaal from the newest user message metadata (``{"kanaal": "telegram"}``), else 'web'."""
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        metadata = event.get("metadata") or {}
        value = metadata.get("kanaal") if isinstance(metadata, Mapping) else None
        if isinstance(value, str) and is_channel(value.lower()):
            return value.lower()
    return DEFAULT_CHANNEL


def activation_timestamp(events: Iterable[Event], form_name: str = FORM_NAME) -> float | None:
    """Timestamp of the event that activated the (latest instance of the) form."""
    for event in reversed(list(events)):
        if event.get("event") == "active_loop" and event.get("name") == form_name:
            timestamp = event.get("timestamp")
            return float(timestamp) if isinstance(timestamp, int | float) else None
    return None


def idempotency_key(sender_id: str, events: Iterable[Event], content: Mapping[str, Any]) -> str:
    """A key that is the same for every attempt to send THIS form instance.

    sha256 of the sender id and the timestamp of the form activation; a new form instance
    (the inwoner starts again) gets a new key. Without an activation event (should not happen)
    the content of the melding is used instead, which is stable as well.
    """
    moment = activation_timestamp(events)
    if moment is not None:
        bron = f"{sender_id}|{moment!r}"
    else:
        bron = f"{sender_id}|" + json.dumps(content, sort_keys=True, ensure_ascii=False)
    return "voordeur-" + hashlib.sha256(bron.encode("utf-8")).hexdigest()


def payload(slots: Mapping[str, Any], sender_id: str, events: Iterable[Event]) -> dict[str, Any]:
    """The JSON body for ``POST /api/v1/meldingen`` (see docs/contracts.md).

    Only the contact detail the inwoner chose is sent. The optional fields ``voor_wie`` and
    ``bereikbaar`` are left out when they are empty (the service forbids unknown fields, so
    they are sent under exactly these names).
    """
    events = list(events)
    per_email = slots.get("contactwijze") == "email"
    body: dict[str, Any] = {
        "onderwerp": slots.get("onderwerp"),
        "beschrijving": slots.get("beschrijving"),
        "naam": slots.get("naam"),
        "telefoon": None if per_email else slots.get("telefoon"),
        "email": slots.get("email") if per_email else None,
        "toestemming": slots.get("toestemming") is True,
        "spoed": slots.get("spoed") is True or slots.get("dringend") is True,
        "kanaal": kanaal(events),
        "gesprek_id": sender_id,
        "bron": "assistent",
        "transcript": transcript(events),
    }
    if slots.get("voor_wie") in VOOR_WIE:
        body["voor_wie"] = slots["voor_wie"]
    if slots.get("bereikbaar"):
        body["bereikbaar"] = slots["bereikbaar"]
    if slots.get("veiligheid") is True:
        body["veiligheid"] = True
        if slots.get("veilig_contact"):
            body["veilig_contact"] = slots["veilig_contact"]
    return body


def missing_fields(slots: Mapping[str, Any]) -> list[str]:
    """Fields that must be filled (and consent given) before a melding can be sent."""
    missing = [name for name in ("onderwerp", "beschrijving", "naam") if not slots.get(name)]
    contact = "email" if slots.get("contactwijze") == "email" else "telefoon"
    if not slots.get(contact):
        missing.append(contact)
    if slots.get("toestemming") is not True:
        missing.append("toestemming")
    return missing
