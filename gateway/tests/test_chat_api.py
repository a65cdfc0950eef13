"""POST /api/v1/chat against a real Rasa stand-in server."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.sessions import new_session_id
from gateway.tests.conftest import PSEUDONYM_KEY, GatewayFactory
from gateway.tests.rasa_stand_in import GREETING_TEXT, RasaStandIn, free_port

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SENDER = re.compile(r"^web-[0-9a-f]{32}$")


async def chat(
    client: httpx.AsyncClient, message: object, session_id: object = None
) -> httpx.Response:
    body = (
        {"message": message}
        if session_id is None
        else {"message": message, "session_id": session_id}
    )
    return await client.post("/api/v1/chat", json=body)


async def test_new_conversation_gets_a_session_id_and_mapped_messages(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    response = await chat(gateway, "/greet")

    assert response.status_code == 200
    data = response.json()
    assert SESSION_ID.match(data["session_id"])
    assert len(data["session_id"]) == 32  # secrets.token_urlsafe(24)
    # image and custom items are ignored; buttons keep title and payload
    assert data["messages"] == [
        {
            "text": GREETING_TEXT,
            "buttons": [
                {"title": "Ik zoek hulp", "payload": "/zoek_hulp"},
                {"title": "Ik ben mantelzorger", "payload": '/mantelzorg{"rol":"mantelzorger"}'},
            ],
        }
    ]
    assert rasa.paths == ["/webhooks/rest/webhook"]
    assert rasa.received[0]["message"] == "/greet"
    assert rasa.received[0]["metadata"] == {"kanaal": "web"}


async def test_sender_is_a_pseudonym_stable_per_session(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    first = (await chat(gateway, "hallo")).json()["session_id"]
    await chat(gateway, "nog een vraag", first)
    other = (await chat(gateway, "hallo")).json()["session_id"]

    senders = [body["sender"] for body in rasa.received]
    assert all(SENDER.match(sender) for sender in senders)
    assert senders[0] == senders[1], "same session, same sender"
    assert senders[2] != senders[0], "other session, other sender"
    assert first != other
    for body in rasa.received:
        raw = json.dumps(body)
        assert first not in raw and other not in raw, "raw session id must never reach Rasa"


async def test_unknown_session_gives_a_clear_404(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    forged = "Abc_def-0123456789xyzAbc_def-012"
    other_key = new_session_id("another-gateway-key")
    for session_id in (forged, other_key):
        response = await chat(gateway, "hallo", session_id)
        assert response.status_code == 404
        assert "nieuw gesprek" in response.json()["detail"]
    assert rasa.received == []


async def test_given_session_id_is_kept_and_not_sent_to_rasa(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    session_id = new_session_id(PSEUDONYM_KEY)
    response = await chat(gateway, "  Ik heb hulp nodig  \n", session_id)

    assert response.status_code == 200
    assert response.json()["session_id"] == session_id
    assert response.json()["messages"] == [{"text": "U zei: Ik heb hulp nodig", "buttons": []}]
    assert rasa.received[0]["message"] == "Ik heb hulp nodig"
    assert session_id not in json.dumps(rasa.received[0])


async def test_newline_and_tab_are_allowed(gateway: httpx.AsyncClient, rasa: RasaStandIn) -> None:
    response = await chat(gateway, "regel één\r\nregel\ttwee")
    assert response.status_code == 200
    assert rasa.received[0]["message"] == "regel één\nregel\ttwee"


async def test_message_of_exactly_the_maximum_length_is_accepted(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    response = await chat(gateway, "a" * 1000)
    assert response.status_code == 200
    assert len(rasa.received[0]["message"]) == 1000


BAD_JSON_BODIES = [
    pytest.param({}, "Typ eerst een bericht.", id="message missing"),
    pytest.param({"message": ""}, "leeg", id="empty"),
    pytest.param({"message": "   \n\t  "}, "leeg", id="whitespace only"),
    pytest.param({"message": "a" * 1001}, "maximaal 1000 tekens", id="too long"),
    pytest.param({"message": "hallo\x00daar"}, "tekens", id="NUL"),
    pytest.param({"message": "hallo\x1b[31m"}, "tekens", id="escape"),
    pytest.param({"message": "hallo\x7f"}, "tekens", id="DEL"),
    pytest.param({"message": "hal\u0085lo"}, "tekens", id="C1 control"),
    pytest.param({"message": 42}, "gewone tekst", id="number"),
    pytest.param({"message": None}, "gewone tekst", id="null"),
    pytest.param({"message": ["hallo"]}, "gewone tekst", id="list"),
    pytest.param({"message": {"text": "hallo"}}, "gewone tekst", id="object"),
    pytest.param({"message": True}, "gewone tekst", id="bool"),
    pytest.param({"message": "hoi", "session_id": "kort"}, "gesprek", id="session too short"),
    pytest.param({"message": "hoi", "session_id": "a" * 65}, "gesprek", id="session too long"),
    pytest.param(
        {"message": "hoi", "session_id": "abc/../../etc/passwd0000"}, "gesprek", id="session path"
    ),
    pytest.param(
        {"message": "hoi", "session_id": "abcdefghijklmnop\n"}, "gesprek", id="session newline"
    ),
    pytest.param(
        {"message": "hoi", "session_id": 1234567890123456789}, "gesprek", id="session int"
    ),
    pytest.param(["hallo"], "niet lezen", id="array body"),
    pytest.param("hallo", "niet lezen", id="string body"),
]


@pytest.mark.parametrize(("body", "expected"), BAD_JSON_BODIES)
async def test_bad_input_gets_422_with_a_dutch_message(
    gateway: httpx.AsyncClient, rasa: RasaStandIn, body: object, expected: str
) -> None:
    response = await gateway.post("/api/v1/chat", json=body)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert expected in detail
    assert rasa.received == []


BAD_RAW_BODIES = [
    pytest.param(b"{not json", "application/json", id="invalid JSON"),
    pytest.param(b'{"message": "hoi"', "application/json", id="truncated JSON"),
    pytest.param(b"\xff\xfe\x00\x01\x80\x81", "application/json", id="binary as JSON"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "application/octet-stream", id="binary"),
    pytest.param(b'{"message": "hoi"}', "text/plain", id="wrong content type"),
    pytest.param(b'{"message": "hoi"}', None, id="no content type"),
    pytest.param(b"", "application/json", id="empty body"),
    pytest.param(b"null", "application/json", id="null body"),
    pytest.param(b'{"message": "hoi\\ud800"}', "application/json", id="lone surrogate"),
]


@pytest.mark.parametrize(("content", "content_type"), BAD_RAW_BODIES)
async def test_unreadable_body_gets_422_with_a_dutch_message(
    gateway: httpx.AsyncClient, rasa: RasaStandIn, content: bytes, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = await gateway.post("/api/v1/chat", content=content, headers=headers)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert "bericht" in detail
    assert rasa.received == []


async def test_very_large_body_is_refused_without_reaching_rasa(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    response = await gateway.post(
        "/api/v1/chat",
        content=b'{"message": "' + b"a" * 200_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert rasa.received == []


async def test_large_body_without_content_length_is_refused(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"message": "'
        for _ in range(50):
            yield b"a" * 4096
        yield b'"}'

    response = await gateway.post(
        "/api/v1/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert rasa.received == []


async def test_configured_maximum_length_is_used_and_named(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    async with gateway_factory(rasa_url=rasa.url, max_message_length=20) as client:
        assert (await chat(client, "a" * 20)).status_code == 200
        response = await chat(client, "a" * 21)
    assert response.status_code == 422
    assert "maximaal 20 tekens" in response.json()["detail"]


def assert_honest_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "later opnieuw" in detail
    assert "112" in detail
    assert "0123 45 67 89" in detail  # the organisation's number from the organisation file


async def test_rasa_down_gives_503_with_an_honest_dutch_message(
    gateway_factory: GatewayFactory,
) -> None:
    async with gateway_factory(rasa_url=f"http://127.0.0.1:{free_port()}") as client:
        response = await chat(client, "hallo")
    assert_honest_unavailable(response)


async def test_slow_rasa_gives_503_after_the_timeout(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    rasa.delay_seconds = 3
    async with gateway_factory(rasa_url=rasa.url, rasa_timeout_seconds=0.5) as client:
        started = time.monotonic()
        response = await chat(client, "hallo")
        elapsed = time.monotonic() - started
    assert_honest_unavailable(response)
    assert elapsed < 2.5
    assert len(rasa.received) == 1


@pytest.mark.parametrize(
    ("status", "raw_body"),
    [
        pytest.param(500, b'{"error": "boom"}', id="server error"),
        pytest.param(200, b"<html>not json</html>", id="not JSON"),
        pytest.param(200, b'{"text": "not a list"}', id="not a list"),
    ],
)
async def test_broken_rasa_answer_gives_503(
    gateway: httpx.AsyncClient, rasa: RasaStandIn, status: int, raw_body: bytes
) -> None:
    rasa.status = status
    rasa.raw_body = raw_body
    assert_honest_unavailable(await chat(gateway, "hallo"))


async def test_raw_session_id_never_reaches_the_logs(
    gateway_factory: GatewayFactory, caplog: pytest.LogCaptureFixture
) -> None:
    session_id = new_session_id(PSEUDONYM_KEY)
    caplog.set_level(logging.DEBUG)
    async with gateway_factory(rasa_url=f"http://127.0.0.1:{free_port()}") as client:
        response = await chat(client, "hallo", session_id)
    assert response.status_code == 503
    assert caplog.records, "the failure is logged"
    assert session_id not in caplog.text


async def test_empty_rasa_answer_gives_an_empty_list(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    rasa.reply = lambda request: []
    response = await chat(gateway, "hallo")
    assert response.status_code == 200
    assert response.json()["messages"] == []


async def test_api_responses_are_not_cached_and_carry_security_headers(
    gateway: httpx.AsyncClient,
) -> None:
    response = await chat(gateway, "hallo")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_health(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_end_conversation_restarts_it_in_rasa(
    gateway: httpx.AsyncClient, rasa: RasaStandIn
) -> None:
    session_id = (await chat(gateway, "hallo")).json()["session_id"]
    response = await gateway.post("/api/v1/gesprek/wissen", json={"session_id": session_id})
    assert response.status_code == 200
    # No erase token configured here: the inwoner is told honestly it is not fully wiped yet.
    assert "uiterlijk na 30 dagen" in response.json()["detail"]
    assert rasa.received[-1]["message"] == "/restart"
    assert rasa.received[-1]["sender"] == rasa.received[0]["sender"]


async def test_end_conversation_checks_the_session(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    async with gateway_factory(rasa_url=f"http://127.0.0.1:{free_port()}") as client:
        unknown = await client.post("/api/v1/gesprek/wissen", json={"session_id": "B" * 32})
        wrong = await client.post("/api/v1/gesprek/wissen", json={"session_id": 5})
        # Rasa down: the gateway still deletes what it holds and says so.
        down = await client.post(
            "/api/v1/gesprek/wissen", json={"session_id": new_session_id(PSEUDONYM_KEY)}
        )
    assert unknown.status_code == 404
    assert wrong.status_code == 422 and "gesprek" in wrong.json()["detail"]
    assert down.status_code == 200
