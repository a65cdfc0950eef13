"""Client for the escalation service: ``POST {ESCALATION_URL}/api/v1/meldingen``.

Blocking (``requests``); call it from async code with ``asyncio.to_thread``.
One retry on a connection error, a timeout or a 5xx answer; the Idempotency-Key makes the
retry safe (the service returns the same melding for the same key and body).
The timeouts keep the whole call well under the gateway's 10 s wait for Rasa.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import requests

logger = logging.getLogger(__name__)

STANDAARD_URL = "http://127.0.0.1:8001"
PAD = "/api/v1/meldingen"
TIMEOUT = (2.0, 3.5)  # (connect, read) seconds per attempt
PAUZE_VOOR_RETRY = 0.3


class EscalatieFout(RuntimeError):
    """The melding could not be created; the inwoner must be told honestly."""


@dataclass(frozen=True)
class Instellingen:
    url: str
    token: str | None

    @classmethod
    def uit_omgeving(cls) -> Instellingen:
        url = (os.environ.get("ESCALATION_URL") or STANDAARD_URL).rstrip("/")
        token = os.environ.get("ESCALATION_API_TOKEN") or None
        return cls(url=url, token=token)


def _opnieuw_proberen(status: int) -> bool:
    return status >= 500


def _samenvatting_fout(response: requests.Response) -> str:
    """Status and, for validation errors, only the field names and messages.

    FastAPI echoes the refused input in a 422 answer; that may be a name or a phone number,
    which must not end up in the logs.
    """
    tekst = f"HTTP {response.status_code}"
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return tekst
    if isinstance(detail, list):
        delen = [
            f"{'.'.join(str(d) for d in item.get('loc', []))}: {item.get('msg', '')}"
            for item in detail
            if isinstance(item, dict)
        ]
        return f"{tekst} ({'; '.join(delen)})"
    if isinstance(detail, str):
        return f"{tekst} ({detail[:200]})"
    return tekst


def verstuur_melding(
    body: dict[str, Any],
    idempotency_key: str,
    instellingen: Instellingen,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = TIMEOUT,
    pauze: float = PAUZE_VOOR_RETRY,
) -> dict[str, Any]:
    """Create the melding and return the service's JSON (with ``referentie``).

    Raises EscalatieFout for every failure (no token, network, 4xx, 5xx twice, bad JSON).
    """
    if not instellingen.token:
        raise EscalatieFout("ESCALATION_API_TOKEN is niet ingesteld")
    http = session or requests.Session()
    url = instellingen.url + PAD
    headers = {
        "Authorization": f"Bearer {instellingen.token}",
        "Idempotency-Key": idempotency_key,
        "Accept": "application/json",
    }
    laatste_fout = "onbekend"
    for poging in (1, 2):
        try:
            response = http.post(url, json=body, headers=headers, timeout=timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            laatste_fout = f"{type(exc).__name__}: {exc}"
            logger.warning("Escalatie poging %s mislukt: %s", poging, laatste_fout)
        else:
            if response.status_code in (200, 201):
                try:
                    data = response.json()
                except ValueError as exc:
                    raise EscalatieFout("Antwoord van de escalatieservice is geen JSON") from exc
                if not isinstance(data, dict) or not data.get("referentie"):
                    raise EscalatieFout("Antwoord van de escalatieservice mist 'referentie'")
                return data
            laatste_fout = _samenvatting_fout(response)
            logger.warning("Escalatie poging %s mislukt: %s", poging, laatste_fout)
            if not _opnieuw_proberen(response.status_code):
                break
        if poging == 1:
            time.sleep(pauze)
    raise EscalatieFout(laatste_fout)
