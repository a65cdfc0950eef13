"""Fuzz the public JSON endpoints of the running gateway and escalation service.

Both services run as real processes (uvicorn) on free ports; the gateway talks to the Rasa
stand-in. Hypothesis throws arbitrary JSON, wrong types, huge and binary bodies, control
characters and markup at every JSON ``POST`` in their OpenAPI schemas and at the look-ups by id.
Whatever comes in, the answer is never a server error and always JSON.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.tests.rasa_stand_in import RasaStandIn
from tests.services import Service, free_port, migrate, uvicorn_server

TOKEN = "fuzz-service-token-0123456789"
READ_TOKEN = "fuzz-read-token-0123456789"
FUZZ = settings(
    max_examples=int(os.environ.get("VOORDEUR_FUZZ_EXAMPLES", "80")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=200)
    | st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "x" * 100_000, "'; --"])
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=6)
    ),
    max_leaves=20,
)

header_values = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)


def shaped_like(schema_fields: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Objects with the endpoint's own field names and hostile values."""
    return st.dictionaries(
        st.sampled_from(schema_fields) | st.text(max_size=10), json_values, max_size=8
    )


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Service]]:
    log_dir: Path = tmp_path_factory.mktemp("fuzz")
    rasa = RasaStandIn().start()
    database = f"sqlite:///{log_dir / 'escalation.db'}"
    ports = {"gateway": free_port(), "escalation": free_port()}
    env = {
        "ESCALATION_API_TOKEN": TOKEN,
        "ESCALATION_READ_TOKEN": READ_TOKEN,
        "ESCALATION_DATABASE_URL": database,
        "GATEWAY_RASA_URL": rasa.url,
        "GATEWAY_ESCALATION_URL": f"http://127.0.0.1:{ports['escalation']}",
        "GATEWAY_PSEUDONYM_KEY": "fuzz-pseudonym-key-0123456789abcdef",
        "GATEWAY_CHAT_LIMIT_PER_CLIENT": "1000000",
        "GATEWAY_CHAT_LIMIT_PER_SENDER": "1000000",
        "GATEWAY_CALLBACK_LIMIT_PER_CLIENT": "1000000",
        "GATEWAY_CALLBACK_LIMIT_PER_SENDER": "1000000",
    }
    migrate(database, env)
    try:
        with (
            uvicorn_server(
                "escalation", "escalation.app:app", ports["escalation"], env, log_dir
            ) as escalation,
            uvicorn_server("gateway", "gateway.app:app", ports["gateway"], env, log_dir) as gateway,
        ):
            yield {"gateway": gateway, "escalation": escalation}
    finally:
        rasa.stop()


def json_posts(service: Service) -> dict[str, list[str]]:
    """Every POST path in the service's OpenAPI schema that takes JSON, with its field names."""
    schema = httpx.get(f"{service.base_url}/openapi.json", timeout=10).json()
    components = schema.get("components", {}).get("schemas", {})
    found: dict[str, list[str]] = {}
    for path, operations in schema["paths"].items():
        body = operations.get("post", {}).get("requestBody", {})
        media = body.get("content", {}).get("application/json")
        if media is None or "{" in path:
            continue
        ref = media["schema"].get("$ref", "")
        fields = list(components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}))
        found[path] = fields or ["message"]
    return found


def assert_handled(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if response.status_code != 204:
        assert response.headers["content-type"].startswith("application/json"), response.headers


def fuzz_endpoint(client: httpx.Client, path: str, fields: list[str]) -> None:
    """Hostile JSON, then raw bytes, at one POST endpoint."""

    @FUZZ
    @given(body=shaped_like(fields) | json_values, key=header_values)
    def post_json(body: object, key: str) -> None:
        idempotency = {"Idempotency-Key": key.strip()} if key.strip() else {}
        assert_handled(client.post(path, json=body, headers=idempotency))

    @FUZZ
    @given(raw=st.binary(max_size=2000))
    def post_raw(raw: bytes) -> None:
        response = client.post(path, content=raw, headers={"Content-Type": "application/json"})
        assert_handled(response)

    post_json()
    post_raw()


@pytest.mark.parametrize("service_name", ["gateway", "escalation"])
def test_every_json_post_survives_hostile_bodies(
    services: dict[str, Service], service_name: str
) -> None:
    service = services[service_name]
    endpoints = json_posts(service)
    expected = {"gateway": "/api/v1/chat", "escalation": "/api/v1/meldingen"}[service_name]
    assert expected in endpoints, f"{expected} missing from the OpenAPI schema: {endpoints}"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=service.base_url, timeout=30, headers=headers) as client:
        for path, fields in endpoints.items():
            fuzz_endpoint(client, path, fields)


def test_unknown_ids_and_hostile_paths_are_clean_404s(services: dict[str, Service]) -> None:
    escalation = services["escalation"]
    headers = {"Authorization": f"Bearer {READ_TOKEN}"}

    @FUZZ
    @given(melding_id=st.text(min_size=1, max_size=80))
    def lookup(melding_id: str) -> None:
        url = f"{escalation.base_url}/api/v1/meldingen/{quote(melding_id, safe='')}"
        response = httpx.get(url, headers=headers, timeout=30)
        assert response.status_code in (404, 405, 422), (melding_id, response.status_code)

    lookup()
    no_token = httpx.get(f"{escalation.base_url}/api/v1/meldingen/whatever", timeout=10)
    assert no_token.status_code == 401
