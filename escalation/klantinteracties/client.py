"""A small client for the calls of the Klantinteracties API (0.9.0) that the export needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

JsonObject = dict[str, Any]
# Codes that will not change by trying again; anything else (5xx, 408, 429, no answer) may.
_RETRYABLE = {408, 425, 429}


def _fields(response: httpx.Response) -> str:
    """The names and codes of the refused fields (Open Klant's ``invalidParams``), never the
    reasons or values: those may repeat the personal data that was sent; the error is stored and
    shown to the admin.
    """
    try:
        params = response.json().get("invalidParams")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(params, list):
        return ""
    names = [
        f"{param.get('name', '?')} ({param.get('code', '?')})"
        for param in params[:5]
        if isinstance(param, dict)
    ]
    return f": {', '.join(names)}" if names else ""


class KlantinteractiesError(Exception):
    """A call failed; ``permanent`` when trying the same request again cannot help."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class KlantinteractiesClient:
    """Calls to ``base_url`` (ending in ``/klantinteracties/api/v1``) with ``Token`` auth."""

    def __init__(self, base_url: str, token: str, timeout: float = 10) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Token {token}", "Accept": "application/json"},
            timeout=timeout,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> KlantinteractiesClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> JsonObject:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise KlantinteractiesError(f"{method} {path}: {type(exc).__name__}") from exc
        if response.is_success:
            try:
                body = response.json()
            except ValueError as exc:
                raise KlantinteractiesError(f"{method} {path}: no JSON in the answer") from exc
            if not isinstance(body, dict):
                raise KlantinteractiesError(f"{method} {path}: unexpected answer")
            return body
        code = response.status_code
        permanent = 400 <= code < 500 and code not in _RETRYABLE
        raise KlantinteractiesError(f"{method} {path}: HTTP {code}{_fields(response)}", permanent)

    def list(self, resource: str, **filters: str) -> list[JsonObject]:
        """The first page of ``resource`` matching ``filters`` (enough for exact lookups)."""
        body = self._call("GET", f"/{resource}", params=filters)
        results = body.get("results")
        return (
            [item for item in results if isinstance(item, dict)]
            if isinstance(results, list)
            else []
        )

    def get(self, resource: str, uuid: str) -> JsonObject:
        return self._call("GET", f"/{resource}/{uuid}")

    def create(self, resource: str, body: JsonObject) -> JsonObject:
        """POST ``body``; returns the created resource (with its ``uuid``)."""
        created = self._call("POST", f"/{resource}", json=body)
        if not isinstance(created.get("uuid"), str):
            raise KlantinteractiesError(f"POST /{resource}: no uuid in the answer")
        return created

    def find_or_create(
        self,
        resource: str,
        filters: dict[str, str],
        body: JsonObject,
        matches: Callable[[JsonObject], bool] | None = None,
    ) -> str:
        """The uuid of the first match of ``filters`` (and ``matches``), else of a new one.

        The API has no idempotency key: looking first makes a retried step create nothing twice.
        """
        for item in self.list(resource, **filters):
            if matches is None or matches(item):
                return str(item["uuid"])
        return str(self.create(resource, body)["uuid"])
