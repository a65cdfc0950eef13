"""WhatsApp, with the real pywa client against a local Graph API stand-in.

Offline: the Graph API stand-in plays Meta's cloud (and refuses what WhatsApp would refuse),
the Rasa stand-in plays Rasa, the escalation stand-in takes call-back meldingen. The tests sign
deliveries as Meta does and prove what the gateway sends to WhatsApp and to Rasa, and what it
never sends or logs (the phone number).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import redis

from gateway.pseudonym import sender_id
from gateway.tests.conftest import ESCALATION_TOKEN, GatewayFactory
from gateway.tests.escalation_stand_in import DEADLINE_TEKST, EscalationStandIn
from gateway.tests.graph_api_stand_in import GraphApiStandIn
from gateway.tests.rasa_stand_in import RasaStandIn
from gateway.tests.redis_check import reachable_redis_url
from gateway.whatsapp import BUTTON_EXPIRED, CALLBACK_ID, NOT_TEXT
from gateway.whatsapp_webhook import SIGNATURE_HEADER

TOKEN = "EAAtest-access-token-0123456789"
PHONE_NUMBER_ID = "106540352242922"
APP_SECRET = "app-secret-0123456789abcdef"
VERIFY_TOKEN = "verify-token-0123456789"
PHONE = "31612345678"
BSUID = "NL.1234567890123456789"
_ids = itertools.count(1)

WHATSAPP_SETTINGS = {
    "whatsapp_token": TOKEN,
    "whatsapp_phone_number_id": PHONE_NUMBER_ID,
    "whatsapp_app_secret": APP_SECRET,
    "whatsapp_verify_token": VERIFY_TOKEN,
}


def delivery(*messages: dict[str, Any], phone: str | None = PHONE, **value: Any) -> dict[str, Any]:
    """A webhook body as Meta sends it, with ``messages`` from one inwoner."""
    contact: dict[str, Any] = {"profile": {"name": "Anna de Vries"}, "user_id": BSUID}
    if phone is not None:
        contact["wa_id"] = phone
        for message in messages:
            message["from"] = phone
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1234567890",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "31201234567",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            "contacts": [contact],
                            "messages": list(messages),
                            **value,
                        },
                    }
                ],
            }
        ],
    }


def _message(kind: str, **content: Any) -> dict[str, Any]:
    return {
        "id": f"wamid.in{next(_ids)}",
        "timestamp": str(int(time.time())),
        "type": kind,
        **content,
    }


def text(body: str) -> dict[str, Any]:
    return _message("text", text={"body": body})


def button(id_: str, title: str = "Knop") -> dict[str, Any]:
    reply = {"type": "button_reply", "button_reply": {"id": id_, "title": title}}
    return _message("interactive", interactive=reply)


def row(id_: str, title: str = "Rij") -> dict[str, Any]:
    reply = {"type": "list_reply", "list_reply": {"id": id_, "title": title}}
    return _message("interactive", interactive=reply)


def signature(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(client: httpx.AsyncClient, payload: dict[str, Any]) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = {SIGNATURE_HEADER: signature(body), "Content-Type": "application/json"}
    response = await client.post("/whatsapp/webhook", content=body, headers=headers)
    assert response.status_code == 200, response.text
    return response


@pytest.fixture
def graph() -> Iterator[GraphApiStandIn]:
    stand_in = GraphApiStandIn(TOKEN, PHONE_NUMBER_ID).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture
async def whatsapp(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, graph: GraphApiStandIn
) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_factory(
        rasa_url=rasa.url, whatsapp_api_url=graph.url, **WHATSAPP_SETTINGS
    ) as client:
        yield client


async def test_verify_handshake(whatsapp: httpx.AsyncClient) -> None:
    params = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = await whatsapp.get("/whatsapp/webhook", params=params)
    assert response.status_code == 200 and response.text == "1158201444"
    for wrong in (
        {**params, "hub.verify_token": "wrong"},
        {**params, "hub.mode": "unsubscribe"},
        {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN},
        {},
    ):
        assert (await whatsapp.get("/whatsapp/webhook", params=wrong)).status_code == 403


@pytest.mark.parametrize(
    ("header", "status"),
    [
        (None, 401),
        ("", 401),
        ("sha256=" + "0" * 64, 403),
        ("sha256=ünïcode".encode("latin-1"), 403),
        ("wrong-format", 403),
        ("other-secret", 403),
        ("other-body", 403),
    ],
)
async def test_deliveries_without_the_right_signature_are_refused(
    whatsapp: httpx.AsyncClient,
    rasa: RasaStandIn,
    graph: GraphApiStandIn,
    header: str | bytes | None,
    status: int,
) -> None:
    body = json.dumps(delivery(text("hallo"))).encode()
    if header == "other-secret":
        header = signature(body, "another-app-secret")
    elif header == "other-body":
        header = signature(body + b" ")
    # As bytes: one case sends a header that is not ASCII.
    headers = {b"Content-Type": b"application/json"}
    if header is not None:
        headers[SIGNATURE_HEADER.encode()] = header.encode() if isinstance(header, str) else header
    response = await whatsapp.post("/whatsapp/webhook", content=body, headers=headers)
    assert response.status_code == status
    assert rasa.received == [] and graph.messages == []


async def test_a_text_message_is_answered_under_a_pseudonym(
    whatsapp: httpx.AsyncClient,
    rasa: RasaStandIn,
    graph: GraphApiStandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    incoming = text("Ik heb hulp nodig")
    await deliver(whatsapp, delivery(incoming))
    assert graph.read == [incoming["id"]], "read, and 'typing...' while Rasa thinks"

    privacy, answer = graph.messages
    assert privacy["to"] == PHONE and privacy["type"] == "text"
    assert "digitale assistent" in privacy["text"]["body"] and "Typ stop" in privacy["text"]["body"]
    assert answer["text"]["body"] == "U zei: Ik heb hulp nodig"
    [to_rasa] = rasa.received
    assert to_rasa["message"] == "Ik heb hulp nodig"
    assert to_rasa["metadata"] == {"kanaal": "whatsapp"}
    assert to_rasa["sender"].startswith("whatsapp-")
    assert PHONE not in json.dumps(to_rasa) and BSUID not in json.dumps(to_rasa)
    assert "whatsapp" in caplog.text
    assert PHONE not in caplog.text and TOKEN not in caplog.text and "Anna" not in caplog.text

    await deliver(whatsapp, delivery(text("Nog een vraag")))
    assert graph.texts()[2:] == ["U zei: Nog een vraag"], "the privacy notice comes once"
    assert rasa.received[1]["sender"] == to_rasa["sender"]


async def test_without_a_phone_number_the_bsuid_is_the_address(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    await deliver(whatsapp, delivery(text("hallo"), phone=None))
    assert graph.messages[-1]["recipient"] == BSUID and "to" not in graph.messages[-1]
    assert BSUID not in rasa.received[0]["sender"]


async def test_up_to_three_short_buttons_are_reply_buttons(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    await deliver(whatsapp, delivery(text("/greet")))
    greeting = graph.messages[-1]
    assert greeting["type"] == "interactive"
    interactive = greeting["interactive"]
    assert interactive["type"] == "button"
    assert interactive["body"]["text"].startswith("Goedendag")
    replies = [b["reply"] for b in interactive["action"]["buttons"]]
    assert replies == [
        {"id": "/zoek_hulp", "title": "Ik zoek hulp"},
        {"id": '/mantelzorg{"rol":"mantelzorger"}', "title": "Ik ben mantelzorger"},
    ]

    await deliver(whatsapp, delivery(button('/mantelzorg{"rol":"mantelzorger"}')))
    assert rasa.received[-1]["message"] == '/mantelzorg{"rol":"mantelzorger"}'
    assert graph.texts()[-1] == 'U zei: /mantelzorg{"rol":"mantelzorger"}'


async def test_more_or_longer_buttons_become_a_list(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    titles = [f"Keuze {n}" for n in range(1, 4)] + [
        "Schulden, geldzorgen en betalingsachterstanden"
    ]
    rasa.reply = lambda request: [
        {
            "text": "Waar gaat uw vraag over?",
            "buttons": [
                {"title": title, "payload": f"/onderwerp{n}"} for n, title in enumerate(titles)
            ],
        }
    ]
    await deliver(whatsapp, delivery(text("hallo")))
    listed = graph.messages[-1]["interactive"]
    assert listed["type"] == "list" and listed["body"]["text"] == "Waar gaat uw vraag over?"
    assert listed["action"]["button"] == "Kies een antwoord"
    [section] = listed["action"]["sections"]
    assert [r["id"] for r in section["rows"]] == [
        "/onderwerp0",
        "/onderwerp1",
        "/onderwerp2",
        "/onderwerp3",
    ]
    long_row = section["rows"][3]
    assert long_row["title"] == "Schulden, geldzorgen en…" and len(long_row["title"]) == 24
    assert long_row["description"] == titles[3]

    await deliver(whatsapp, delivery(row("/onderwerp3")))
    assert rasa.received[-1]["message"] == "/onderwerp3"

    rasa.reply = lambda request: [
        {
            "text": "Kies",
            "buttons": [{"title": "Lange knop", "payload": "/a"}] * 1
            + [{"title": f"Optie {n}", "payload": f"/o{n}"} for n in range(11)],
        }
    ]
    await deliver(whatsapp, delivery(text("meer")))
    first, second = graph.messages[-2:]
    assert len(first["interactive"]["action"]["sections"][0]["rows"]) == 10
    assert second["interactive"]["body"]["text"] == "Meer keuzes:"
    assert len(second["interactive"]["action"]["sections"][0]["rows"]) == 2
    assert graph.refused == []


async def test_long_payloads_get_a_short_key(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    long_payload = '/kies{"onderwerp":"' + "x" * 300 + '"}'
    rasa.reply = lambda request: [
        {"text": "Kies", "buttons": [{"title": "Lang", "payload": long_payload}]}
    ]
    await deliver(whatsapp, delivery(text("hallo")))
    [sent] = graph.messages[-1]["interactive"]["action"]["buttons"]
    assert sent["reply"]["id"] == "#0"
    rasa.reply = lambda request: [{"text": "Goed"}]
    await deliver(whatsapp, delivery(button("#0")))
    assert rasa.received[-1]["message"] == long_payload

    await deliver(whatsapp, delivery(button("#99")))  # unknown key, e.g. after a restart
    assert graph.texts()[-1] == BUTTON_EXPIRED


async def test_long_answers_are_split_within_whatsapps_limits(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    paragraph = "Dit is een zin over hulp in de wijk. " * 60
    long_text = "\n\n".join([paragraph.strip()] * 4) + " Bel ons op 0800-0113."
    rasa.reply = lambda request: [{"text": long_text}]
    await deliver(whatsapp, delivery(text("hallo")))
    parts = graph.texts()[1:]
    assert parts == [paragraph.strip()] * 3 + [paragraph + "Bel ons op 0800-0113."]
    assert graph.messages[-1]["text"]["body"].endswith("0800-0113."), "numbers as plain text"

    rasa.reply = lambda request: [{"text": paragraph * 3}]  # no paragraph break: sentences
    await deliver(whatsapp, delivery(text("lang")))
    first, second = graph.texts()[-2:]
    assert len(first) <= 4096 and first.endswith("wijk.") and second.startswith("Dit is")
    assert f"{first} {second}" == (paragraph * 3).strip()

    rasa.reply = lambda request: [
        {"text": paragraph.strip(), "buttons": [{"title": "Ja", "payload": "/ja"}]}
    ]
    await deliver(whatsapp, delivery(text("nog eens")))
    body_text, choice = graph.messages[-2:]
    assert body_text["type"] == "text" and body_text["text"]["body"] == paragraph.strip()
    assert choice["interactive"]["body"]["text"] == "Kies een antwoord:"
    assert graph.refused == []


async def test_input_checks_and_other_kinds_of_messages(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    await deliver(whatsapp, delivery(text("x" * 1001)))
    assert "maximaal 1000 tekens" in graph.texts()[-1]
    await deliver(whatsapp, delivery(text("é😀" * 12_000)))  # 216 kB as JSON escapes
    assert "maximaal 1000 tekens" in graph.texts()[-1]
    await deliver(whatsapp, delivery(text("hallo\x07")))
    assert "tekens die wij niet kunnen lezen" in graph.texts()[-1]
    await deliver(whatsapp, delivery(text("   ")))
    assert "leeg" in graph.texts()[-1]
    image = _message("image", image={"id": "media-1", "mime_type": "image/jpeg"})
    await deliver(whatsapp, delivery(image))
    assert graph.texts()[-1] == NOT_TEXT
    sent = len(graph.messages)
    reaction = _message("reaction", reaction={"message_id": "wamid.uit1", "emoji": "👍"})
    await deliver(whatsapp, delivery(reaction))
    statuses = [{"id": "wamid.uit1", "status": "read", "recipient_id": PHONE}]
    await deliver(whatsapp, delivery(statuses=statuses))
    assert len(graph.messages) == sent, "a reaction or a status needs no answer"
    assert rasa.received == []


async def test_stop_deletes_the_conversation(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    await deliver(whatsapp, delivery(text("hallo")))
    await deliver(whatsapp, delivery(text("Stop")))
    assert rasa.received[-1]["message"] == "/restart"
    assert rasa.received[-1]["sender"] == rasa.received[0]["sender"]
    assert "uiterlijk na 30 dagen" in graph.texts()[-1]
    await deliver(whatsapp, delivery(text("Ik heb een nieuwe vraag")))
    assert "digitale assistent" in graph.texts()[-2], "a new conversation gets the notice again"


async def test_a_message_delivered_again_is_answered_once(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    payload = delivery(text("hallo"))
    await deliver(whatsapp, payload)
    await deliver(whatsapp, payload)
    assert len(rasa.received) == 1 and len(graph.messages) == 2


async def test_a_batched_delivery_answers_every_message(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    await deliver(whatsapp, delivery(text("een"), text("twee")))
    assert [body["message"] for body in rasa.received] == ["een", "twee"]
    assert graph.texts()[-2:] == ["U zei: een", "U zei: twee"]


async def test_other_numbers_and_bad_bodies(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    payload = delivery(text("hallo"))
    payload["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999"
    await deliver(whatsapp, payload)
    group = text("hallo")
    group["group_id"] = "120363000000000000"
    await deliver(whatsapp, delivery(group))
    assert rasa.received == [] and graph.messages == []

    huge = json.dumps(delivery(text("x" * 600_000))).encode()
    headers = {SIGNATURE_HEADER: signature(huge), "Content-Type": "application/json"}
    response = await whatsapp.post("/whatsapp/webhook", content=huge, headers=headers)
    assert response.status_code == 413
    for body in (b"{", json.dumps({"object": "page", "entry": []}).encode()):
        headers = {SIGNATURE_HEADER: signature(body), "Content-Type": "application/json"}
        response = await whatsapp.post("/whatsapp/webhook", content=body, headers=headers)
        assert response.status_code == 400


async def test_rate_limit(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    async with gateway_factory(
        rasa_url=rasa.url,
        whatsapp_api_url=graph.url,
        chat_limit_per_sender=2,
        **WHATSAPP_SETTINGS,
    ) as client:
        for number in range(3):
            await deliver(client, delivery(text(f"bericht {number}")))
    assert [body["message"] for body in rasa.received] == ["bericht 0", "bericht 1"]
    assert "veel berichten" in graph.texts()[-1]


async def test_graph_api_errors_are_logged_without_personal_data(
    whatsapp: httpx.AsyncClient, graph: GraphApiStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    graph.status = 500
    await deliver(whatsapp, delivery(text("hallo")))
    assert "not sent" in caplog.text and "131000" in caplog.text
    assert PHONE not in caplog.text and "hallo" not in caplog.text


async def test_rasa_down_offers_a_call_back_that_becomes_a_melding(
    gateway_factory: GatewayFactory,
    rasa: RasaStandIn,
    graph: GraphApiStandIn,
    escalation: EscalationStandIn,
) -> None:
    async with gateway_factory(
        rasa_url=rasa.url,
        whatsapp_api_url=graph.url,
        escalation_url=escalation.url,
        escalation_api_token=ESCALATION_TOKEN,
        **WHATSAPP_SETTINGS,
    ) as client:
        await deliver(client, delivery(text("hallo")))  # Rasa answers: no outage
        await deliver(client, delivery(button(CALLBACK_ID)))
        assert "niet kon beantwoorden" in graph.texts()[-1]
        assert escalation.received == []

        rasa.status = 500
        await deliver(client, delivery(text("Mijn huur is te hoog, wie helpt mij?")))
        honest, offer = graph.messages[-2:]
        assert "werkt nu even niet" in honest["text"]["body"] and "112" in honest["text"]["body"]
        assert "WhatsAppt" in offer["interactive"]["body"]["text"]
        [call_back] = offer["interactive"]["action"]["buttons"]
        assert call_back["reply"] == {"id": CALLBACK_ID, "title": "Bel mij terug"}

        await deliver(client, delivery(button(CALLBACK_ID)))
        await deliver(client, delivery(button(CALLBACK_ID)))  # pressed twice
    confirmation = graph.texts()[-1]
    assert "VD-ABC200" in confirmation and DEADLINE_TEKST in confirmation
    (headers, body), (headers_again, _) = escalation.received
    assert headers["idempotency-key"] == headers_again["idempotency-key"]  # one melding
    assert body["kanaal"] == "whatsapp" and body["bron"] == "assistent_niet_beschikbaar"
    assert body["naam"] == "Anna de Vries" and body["telefoon"] == "+31612345678"
    assert body["beschrijving"] == "Mijn huur is te hoog, wie helpt mij?"
    assert body["transcript"][0]["tekst"] == "Mijn huur is te hoog, wie helpt mij?"
    assert body["gesprek_id"].startswith("whatsapp-") and PHONE not in body["gesprek_id"]


async def test_call_back_needs_a_dutch_number_and_call_backs_on(
    gateway_factory: GatewayFactory,
    rasa: RasaStandIn,
    graph: GraphApiStandIn,
    escalation: EscalationStandIn,
) -> None:
    rasa.status = 500
    async with gateway_factory(
        rasa_url=rasa.url,
        whatsapp_api_url=graph.url,
        escalation_url=escalation.url,
        escalation_api_token=ESCALATION_TOKEN,
        **WHATSAPP_SETTINGS,
    ) as client:
        await deliver(client, delivery(text("hallo"), phone="4915112345678"))
        await deliver(client, delivery(button(CALLBACK_ID), phone="4915112345678"))
        assert "Nederlands mobiel nummer" in graph.texts()[-1]
        await deliver(client, delivery(text("hallo"), phone=None))
        assert "werkt nu even niet" in graph.texts()[-1], "no offer without a number"
        await deliver(client, delivery(button(CALLBACK_ID), phone=None))
        assert "niet terugbellen" in graph.texts()[-1]
    assert escalation.received == []


async def test_rasa_down_without_call_backs(
    whatsapp: httpx.AsyncClient, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    rasa.status = 500
    await deliver(whatsapp, delivery(text("hallo")))
    assert "werkt nu even niet" in graph.texts()[-1]
    assert graph.messages[-1]["type"] == "text"
    await deliver(whatsapp, delivery(button(CALLBACK_ID)))
    assert "kan nu niet" in graph.texts()[-1]


async def test_webhook_is_off_without_whatsapp_settings(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    async with gateway_factory(rasa_url=rasa.url) as client:
        assert (await client.get("/whatsapp/webhook")).status_code == 404
        assert (await client.post("/whatsapp/webhook", json={})).status_code == 404
    partial = {**WHATSAPP_SETTINGS, "whatsapp_app_secret": " "}
    async with gateway_factory(rasa_url=rasa.url, **partial) as client:
        assert (await client.post("/whatsapp/webhook", json={})).status_code == 404
    assert "GATEWAY_WHATSAPP_APP_SECRET not set" in caplog.text


async def test_two_gateways_on_one_redis_answer_a_delivery_once(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, graph: GraphApiStandIn
) -> None:
    """Meta may deliver again to another instance behind the load balancer."""
    url = reachable_redis_url()
    key = f"pseudonym-key-{uuid.uuid4().hex}"
    run = f"wamid.redis-{uuid.uuid4().hex}"
    message, second_message = text("hallo"), text("tweede")
    message["id"], second_message["id"] = f"{run}-1", f"{run}-2"
    payload = delivery(message)
    settings = {"rasa_url": rasa.url, "whatsapp_api_url": graph.url, "redis_url": url}
    try:
        async with (
            gateway_factory(pseudonym_key=key, **settings, **WHATSAPP_SETTINGS) as first,
            gateway_factory(pseudonym_key=key, **settings, **WHATSAPP_SETTINGS) as second,
        ):
            await deliver(first, payload)
            await deliver(second, payload)
            await deliver(second, delivery(second_message))
        assert [body["message"] for body in rasa.received] == ["hallo", "tweede"]
        assert graph.texts()[1:] == ["U zei: hallo", "U zei: tweede"], "one privacy notice"
    finally:
        client = redis.Redis.from_url(url)
        sender = sender_id(key, "whatsapp", PHONE)
        for pattern in (f"*{run}*", f"*{sender}*"):
            for name in client.scan_iter(match=pattern):
                client.delete(name)
        client.close()
