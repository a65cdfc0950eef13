"""Client for the escalation service: ``POST {ESCALATION_URL}/api/v1/meldingen``.

Blocking (``requests``); call it from async code with ``asyncio.to_thread``.
One retry on a connection error, a timeout or a 5xx answer; the Idempotency-Key makes the
retry safe (the service returns the same melding for the same key and body).
The timeouts keep the whole call well under the gateway's 10 s wait for Rasa.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import requests

from .settings import load_settings

logger = logging.getLogger(__name__)

PATH = "/api/v1/meldingen"
TIMEOUT = (2.0, 3.5)  # (connect, read) seconds per attempt
PAUSE_BEFORE_RETRY = 0.3


class EscalationError(RuntimeError):
    """The melding could not be created; the inwoner must be told honestly.

    ``retryable`` is true when the service was unreachable, too slow or failing (5xx): the
    same request may succeed later. A refusal (4xx, no token, a bad answer) is not retryable.
    """

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Settings:
    url: str
    token: str | None

    @classmethod
    def from_env(cls) -> Settings:
        """``ESCALATION_URL`` and ``ESCALATION_API_TOKEN`` (see ``actions.settings``)."""
        settings = load_settings()
        return cls(url=settings.escalation_url, token=settings.escalation_api_token)


def _should_retry(status: int) -> bool:
    return status >= 500


def _error_summary(response: requests.Response) -> str:
    """Status and, for validation errors, only the field names and messages.

    FastAPI echoes the refused input in a 422 answer; that may be a name or a phone number,
    which must not end up in the logs.
    """
    text = f"HTTP {response.status_code}"
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return text
    if isinstance(detail, list):
        parts = [
            f"{'.'.join(str(d) for d in item.get('loc', []))}: {item.get('msg', '')}"
            for item in detail
            if isinstance(item, dict)
        ]
        return f"{text} ({'; '.join(parts)})"
    if isinstance(detail, str):
        return f"{text} ({detail[:200]})"
    return text


def send_melding(
    body: dict[str, Any],
    idempotency_key: str,
    settings: Settings,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = TIMEOUT,
    pause: float = PAUSE_BEFORE_RETRY,
) -> dict[str, Any]:
    """Create the melding and return the service's JSON (with ``referentie``).

    Raises EscalationError for every failure (no token, network, 4xx, 5xx twice, bad JSON);
    network errors and 5xx answers are marked retryable.
    """
    if not settings.token:
        raise EscalationError("ESCALATION_API_TOKEN is niet ingesteld")
    http = session or requests.Session()
    url = settings.url + PATH
    headers = {
        "Authorization": f"Bearer {settings.token}",
        "Idempotency-Key": idempotency_key,
        "Accept": "application/json",
    }
    last_error = "onbekend"
    retryable = True
    for attempt in (1, 2):
        try:
            response = http.post(url, json=body, headers=headers, timeout=timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            last_error = f"{type(exc).__name__}: {exc}"
            logger.warning("Escalatie poging %s mislukt: %s", attempt, last_error)
        else:
            if response.status_code in (200, 201):
                try:
                    data = response.json()
                except ValueError as exc:
                    raise EscalationError("Antwoord van de escalatieservice is geen JSON") from exc
                if not isinstance(data, dict) or not data.get("referentie"):
                    raise EscalationError("Antwoord van de escalatieservice mist 'referentie'")
                return data
            last_error = _error_summary(response)
            logger.warning("Escalatie poging %s mislukt: %s", attempt, last_error)
            if not _should_retry(response.status_code):
                retryable = False
                break
        if attempt == 1:
            time.sleep(pause)
    raise EscalationError(last_error, retryable=retryable)
