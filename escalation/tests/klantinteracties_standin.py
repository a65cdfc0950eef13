"""A stand-in for the Klantinteracties API (Open Klant 2.18) for tests: a real HTTP server in a
thread that checks every request and response against the spec file with openapi-core, keeps
what is created in memory, and applies rules of Open Klant that the spec does not show.

Faults for tests: ``delay_seconds`` (slow: each answer to ``slow_methods`` waits),
``fail_calls`` (these call numbers, counted from 1, answer 500; with ``fail_after_create`` only
after doing the work), and ``stop()`` / ``start()`` on the same port (down). Requests that break
the spec get 400 and are kept in ``violations``, like answers that would break it; tests expect
``violations == []``.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# The contract, kept unchanged in the repository (docs/specs/README.md says where it comes from).
SPEC = (
    Path(__file__).resolve().parents[2] / "docs" / "specs" / "klantinteracties-openapi-0.9.0.yaml"
)
BASE_PATH = "/klantinteracties/api/v1"
TOKEN = "standin-token-0123456789"
PHONE = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")
# Open Klant refuses these (and 1400/140xx) as telefoonnummer, in any notation.
REFUSED_PREFIXES = ("0800", "0900", "1400", "140")

# Which query parameter filters on which value of a stored resource.
FILTERS: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "klantcontacten": {"referentienummer": lambda item: item.get("referentienummer")},
    "betrokkenen": {"hadKlantcontact__uuid": lambda item: item["hadKlantcontact"]["uuid"]},
    "digitaleadressen": {
        "verstrektDoorBetrokkene__uuid": lambda item: (
            item.get("verstrektDoorBetrokkene") or {}
        ).get("uuid")
    },
    "actoren": {
        "naam": lambda item: item["naam"],
        "soortActor": lambda item: item["soortActor"],
    },
    "actorklantcontacten": {
        "klantcontact__uuid": lambda item: item["klantcontact"]["uuid"],
        "actor__uuid": lambda item: item["actor"]["uuid"],
    },
    "internetaken": {
        "referentienummer": lambda item: item.get("referentienummer"),
        "status": lambda item: item["status"],
        "aanleidinggevendKlantcontact__uuid": lambda item: item["aanleidinggevendKlantcontact"][
            "uuid"
        ],
    },
}
# Foreign keys a new resource must point at: field -> resource.
REFERENCES = {
    "betrokkenen": {"hadKlantcontact": "klantcontacten"},
    "digitaleadressen": {"verstrektDoorBetrokkene": "betrokkenen"},
    "actorklantcontacten": {"actor": "actoren", "klantcontact": "klantcontacten"},
    "internetaken": {"aanleidinggevendKlantcontact": "klantcontacten"},
}


class Refused(Exception):
    """A request the real service refuses (400), by a rule the spec does not show."""

    def __init__(self, name: str, code: str, reason: str) -> None:
        super().__init__(reason)
        self.param = {"name": name, "code": code, "reason": reason}


def dutch_national(number: str) -> str:
    """``+31800…`` / ``0031800…`` as ``0800…``, to apply Open Klant's prefix rule."""
    for prefix in ("+31", "0031"):
        if number.startswith(prefix):
            return "0" + number[len(prefix) :]
    return number


@dataclass
class StandIn:
    """The in-memory service; ``url`` is the base URL clients use."""

    port: int
    token: str = TOKEN
    delay_seconds: float = 0
    slow_methods: set[str] = field(default_factory=lambda: {"GET", "POST"})
    fail_calls: set[int] = field(default_factory=set)
    fail_after_create: bool = False
    store: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    calls: list[tuple[str, str, int]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    in_flight: int = 0

    def __post_init__(self) -> None:
        self.openapi = OpenAPI.from_file_path(str(SPEC))
        self._lock = threading.Lock()
        self._call_count = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    # --- the server -------------------------------------------------------------------------

    def start(self) -> None:
        app = Starlette(
            routes=[Route(BASE_PATH + "/{path:path}", self._handle, methods=["GET", "POST"])]
        )
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the Klantinteracties stand-in did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def wait_idle(self, timeout: float = 10) -> None:
        """Until no request is being handled (a slow one may still create after a timeout)."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.02)

    def items(self, resource: str) -> list[dict[str, Any]]:
        return list(self.store[resource].values())

    # --- handling ---------------------------------------------------------------------------

    async def _handle(self, request: Request) -> Response:
        with self._lock:
            self._call_count += 1
            number = self._call_count
            self.in_flight += 1
        try:
            # Read first, as a real server does: it goes on after the client has given up.
            body = await request.body()
            if self.delay_seconds and request.method in self.slow_methods:
                await asyncio.sleep(self.delay_seconds)
            response = self._respond(request, body, number)
        finally:
            with self._lock:
                self.in_flight -= 1
        self.calls.append(
            (request.method, request.url.path.removeprefix(BASE_PATH), response.status_code)
        )
        return response

    def _respond(self, request: Request, body: bytes, number: int) -> Response:
        if number in self.fail_calls and not self.fail_after_create:
            return JSONResponse({"detail": "Interne serverfout (stand-in)."}, 500)
        mock = MockRequest(
            f"http://127.0.0.1:{self.port}",
            request.method.lower(),
            request.url.path,
            args=dict(request.query_params),
            headers=dict(request.headers),
            data=body or None,
            content_type=request.headers.get("content-type", "application/json"),
        )
        if request.headers.get("authorization") != f"Token {self.token}":
            return JSONResponse({"detail": "Ongeldige token."}, 401)
        try:
            self.openapi.validate_request(mock)
        except Exception as exc:
            self.violations.append(f"request {request.method} {request.url.path}: {exc}")
            return JSONResponse({"detail": f"invalid request: {exc}"}, 400)
        parts = request.url.path.removeprefix(BASE_PATH + "/").strip("/").split("/")
        try:
            status, payload = self._dispatch(request.method, parts, request, body)
        except Refused as exc:
            self.refusals.append(str(exc))
            return JSONResponse({"invalidParams": [exc.param]}, 400)
        if number in self.fail_calls:
            return JSONResponse({"detail": "Interne serverfout (stand-in)."}, 500)
        content = json.dumps(payload).encode()
        headers = {"API-version": "0.9.0"}
        if status < 400:
            try:
                self.openapi.validate_response(mock, MockResponse(content, status, headers))
            except Exception as exc:
                self.violations.append(f"response {request.method} {request.url.path}: {exc}")
        return Response(content, status, headers, media_type="application/json")

    def _dispatch(
        self, method: str, parts: list[str], request: Request, body: bytes
    ) -> tuple[int, dict[str, Any]]:
        resource = parts[0]
        if resource not in FILTERS:
            return 404, {"detail": "Niet gevonden."}
        if len(parts) == 2 and method == "GET":
            item = self.store[resource].get(parts[1])
            return (
                (200, self._render(resource, item)) if item else (404, {"detail": "Niet gevonden."})
            )
        if method == "GET":
            return 200, self._list(resource, dict(request.query_params))
        return 201, self._render(resource, self._create(resource, json.loads(body)))

    def _list(self, resource: str, query: dict[str, str]) -> dict[str, Any]:
        filters = {key: value for key, value in query.items() if key in FILTERS[resource]}
        found = [
            self._render(resource, item)
            for item in self.store[resource].values()
            if all(str(FILTERS[resource][key](item)) == value for key, value in filters.items())
        ]
        return {"count": len(found), "next": None, "previous": None, "results": found}

    def _create(self, resource: str, data: dict[str, Any]) -> dict[str, Any]:
        for name, target in REFERENCES.get(resource, {}).items():
            reference = data.get(name)
            if reference is not None and reference["uuid"] not in self.store[target]:
                raise Refused(name, "does_not_exist", f"{target} {reference['uuid']} bestaat niet.")
        if resource == "internetaken":
            self._check_assignment(data)
        if resource == "digitaleadressen":
            self._check_address(data)
        item = {**data, "uuid": str(uuid.uuid4())}
        if resource == "internetaken":
            item["toegewezenOp"] = datetime.now(UTC).isoformat()
        self.store[resource][item["uuid"]] = item
        return item

    def _check_assignment(self, data: dict[str, Any]) -> None:
        actoren = data.get("toegewezenAanActoren")
        actor = data.get("toegewezenAanActor")
        if (actoren is None) == (actor is None):
            raise Refused(
                "nonFieldErrors",
                "invalid",
                "Geef precies één van toegewezenAanActoren en toegewezenAanActor.",
            )
        for reference in actoren or [actor]:
            if reference["uuid"] not in self.store["actoren"]:
                raise Refused("toegewezenAanActoren", "does_not_exist", "Deze actor bestaat niet.")

    def _check_address(self, data: dict[str, Any]) -> None:
        if data["soortDigitaalAdres"] != "telefoonnummer":
            return
        number = data["adres"]
        if not PHONE.match(number) or dutch_national(number).startswith(REFUSED_PREFIXES):
            raise Refused("adres", "invalid", f"Telefoonnummer {number} is niet toegestaan.")

    # --- answers ----------------------------------------------------------------------------

    def _key(self, resource: str, uuid_: str) -> dict[str, str]:
        return {"uuid": uuid_, "url": f"{self.url}/{resource}/{uuid_}"}

    def _render(self, resource: str, item: dict[str, Any]) -> dict[str, Any]:
        """The resource as the API shows it: with urls and the read-only relations."""
        shown = {**item, "url": f"{self.url}/{resource}/{item['uuid']}"}
        for name, target in REFERENCES.get(resource, {}).items():
            if item.get(name) is not None:
                shown[name] = self._key(target, item[name]["uuid"])
        if resource == "klantcontacten":
            shown.update(self._klantcontact_relations(item["uuid"]))
        elif resource == "betrokkenen":
            shown["digitaleAdressen"] = [
                {"uuid": adres["uuid"]}
                for adres in self.items("digitaleadressen")
                if (adres.get("verstrektDoorBetrokkene") or {}).get("uuid") == item["uuid"]
            ]
            naam = item.get("contactnaam") or {}
            shown["volledigeNaam"] = " ".join(
                part for part in (naam.get("voornaam"), naam.get("achternaam")) if part
            )
        elif resource == "internetaken":
            for name in ("toegewezenAanActoren",):
                if item.get(name) is not None:
                    shown[name] = [self._key("actoren", actor["uuid"]) for actor in item[name]]
            if item.get("toegewezenAanActor") is not None:
                shown["toegewezenAanActor"] = self._key(
                    "actoren", item["toegewezenAanActor"]["uuid"]
                )
        return shown

    def _klantcontact_relations(self, klantcontact: str) -> dict[str, Any]:
        def about(resource: str, name: str) -> list[dict[str, Any]]:
            return [item for item in self.items(resource) if item[name]["uuid"] == klantcontact]

        actors = [
            self._render("actoren", self.store["actoren"][link["actor"]["uuid"]])
            for link in about("actorklantcontacten", "klantcontact")
        ]
        return {
            "hadBetrokkenen": [
                self._key("betrokkenen", item["uuid"])
                for item in about("betrokkenen", "hadKlantcontact")
            ],
            "leiddeTotInterneTaken": [
                self._key("internetaken", item["uuid"])
                for item in about("internetaken", "aanleidinggevendKlantcontact")
            ],
            "hadBetrokkenActoren": actors,
            "gingOverOnderwerpobjecten": [],
            "omvatteBijlagen": [],
        }
