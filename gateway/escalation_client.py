"""Create a melding in the escalation service (``POST /api/v1/meldingen``)."""

from __future__ import annotations

from typing import Any

import httpx

MELDINGEN_PATH = "/api/v1/meldingen"


class EscalationError(Exception):
    """The melding was not created; the inwoner must be told to call instead."""


class EscalationClient:
    """Posts meldingen with the service token; the owner closes the shared ``http`` client."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str | None) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + MELDINGEN_PATH
        self._token = token

    async def create_melding(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """Create the melding (the same one again for a repeated key and body).

        Raises ``EscalationError`` when the token is missing or no melding came back.
        """
        if not self._token:
            raise EscalationError(
                "ESCALATION_API_TOKEN is not set: the gateway cannot send call-back requests"
            )
        headers = {
            "Authorization": f"Bearer {self._token}",
            "Idempotency-Key": idempotency_key,
        }
        try:
            response = await self._http.post(self._url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise EscalationError(f"escalation not reachable ({type(exc).__name__})") from exc
        if response.status_code not in (200, 201):
            raise EscalationError(f"escalation answered with status {response.status_code}")
        try:
            melding = response.json()
        except ValueError as exc:
            raise EscalationError("escalation answered with a body that is not JSON") from exc
        if not isinstance(melding, dict) or not all(
            isinstance(melding.get(field), str) for field in ("referentie", "deadline_tekst")
        ):
            raise EscalationError("escalation answer lacks referentie or deadline_tekst")
        return melding
