"""Telegram, with the real python-telegram-bot library against a local Bot API stand-in.

Offline: the stand-in plays Telegram's cloud, the Rasa stand-in plays Rasa. The tests prove
what the gateway sends to Telegram and to Rasa, and what it never sends (raw chat ids).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from gateway.conversation import build_conversations
from gateway.organisation import Organisation
from gateway.rasa_client import make_http_client
from gateway.rate_limit import make_storage
from gateway.settings import Settings
from gateway.telegram import SECRET_HEADER, poll
from gateway.tests.bot_api_stand_in import BotApiStandIn
from gateway.tests.conftest import PSEUDONYM_KEY, GatewayFactory
from gateway.tests.escalation_stand_in import DEADLINE_TEKST, EscalationStandIn
from gateway.tests.rasa_stand_in import RasaStandIn

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:test-token"
SECRET = "webhook-secret-0123456789"
ESCALATION_TOKEN = "escalation-token-0123456789"
CHAT_ID = 987654321
USER = {"id": CHAT_ID, "is_bot": False, "first_name": "Anna"}
_update_ids = itertools.count(1)


def message_update(text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": CHAT_ID, "type": "private"},
        "from": USER,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": next(_update_ids), "message": message}


def contact_update(user_id: int, phone: str) -> dict[str, Any]:
    """The inwoner pressed "Bel mij terug": Telegram sends their contact card."""
    update = message_update("")
    del update["message"]["text"]
    update["message"]["contact"] = {
        "phone_number": phone,
        "first_name": "Anna",
        "last_name": "de Vries",
        "user_id": user_id,
    }
    return update


def button_update(data: str) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"cb-{next(_update_ids)}",
            "from": USER,
            "chat_instance": "instance-1",
            "data": data,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": CHAT_ID, "type": "private"},
                "text": "Kies een antwoord",
            },
        },
    }


@pytest.fixture
def bot_api() -> Iterator[BotApiStandIn]:
    stand_in = BotApiStandIn(TOKEN).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture
async def telegram(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_factory(
        rasa_url=rasa.url,
        telegram_token=TOKEN,
        telegram_webhook_secret=SECRET,
        telegram_api_url=bot_api.url,
    ) as client:
        yield client


async def deliver(client: httpx.AsyncClient, update: dict[str, Any]) -> httpx.Response:
    return await client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET})


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: ""}])
async def test_webhook_without_the_secret_is_refused(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn, headers: dict[str, str]
) -> None:
    response = await telegram.post(
        "/telegram/webhook", json=message_update("hallo"), headers=headers
    )
    assert response.status_code == 403
    assert rasa.received == []
    assert bot_api.sent() == []


@pytest.mark.parametrize("text", ["/start", "hallo, ik heb een vraag"])
async def test_group_chats_are_ignored(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn, text: str
) -> None:
    update = message_update(text)
    update["message"]["chat"] = {"id": -100123, "type": "group", "title": "Buurt"}
    response = await deliver(telegram, update)
    assert response.status_code == 200
    assert rasa.received == []
    assert bot_api.sent() == []


async def test_start_shows_the_privacy_notice_and_inline_buttons(
    telegram: httpx.AsyncClient,
    rasa: RasaStandIn,
    bot_api: BotApiStandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    response = await deliver(telegram, message_update("/start"))
    assert response.status_code == 200

    privacy, greeting = bot_api.sent()
    assert int(privacy["chat_id"]) == CHAT_ID
    assert "digitale assistent" in privacy["text"] and "/stop" in privacy["text"]
    assert "BSN" in privacy["text"]
    assert greeting["text"].startswith("Goedendag")
    keyboard = greeting["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["Ik zoek hulp", "Ik ben mantelzorger"]
    assert [row[0]["callback_data"] for row in keyboard] == [
        "/zoek_hulp",
        '/mantelzorg{"rol":"mantelzorger"}',
    ]

    [to_rasa] = rasa.received
    assert to_rasa["message"] == "/greet"
    assert to_rasa["metadata"] == {"kanaal": "telegram"}
    assert to_rasa["sender"].startswith("telegram-")
    assert str(CHAT_ID) not in json.dumps(to_rasa)
    assert caplog.records, "the gateway logs"
    assert str(CHAT_ID) not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


async def test_button_press_sends_the_payload(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    await deliver(telegram, button_update("/zoek_hulp"))
    assert bot_api.sent("answerCallbackQuery")
    assert rasa.received[-1]["message"] == "/zoek_hulp"
    assert bot_api.sent()[-1]["text"] == "U zei: /zoek_hulp"


async def test_long_payloads_get_a_short_key(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    long_payload = '/kies{"onderwerp":"' + "x" * 80 + '"}'
    rasa.reply = lambda request: [
        {"text": "Kies", "buttons": [{"title": "Lang", "payload": long_payload}]}
    ]
    await deliver(telegram, message_update("hallo"))
    [[button]] = bot_api.sent()[-1]["reply_markup"]["inline_keyboard"]
    assert len(button["callback_data"].encode()) <= 64
    await deliver(telegram, button_update(button["callback_data"]))
    assert rasa.received[-1]["message"] == long_payload

    await deliver(telegram, button_update("#99"))  # unknown key, e.g. after a restart
    assert "werkt niet meer" in bot_api.sent()[-1]["text"]


async def test_typed_text_and_input_checks(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    await deliver(telegram, message_update("Ik heb hulp nodig"))
    assert rasa.received[-1]["message"] == "Ik heb hulp nodig"
    assert bot_api.sent()[-1]["text"] == "U zei: Ik heb hulp nodig"

    received = len(rasa.received)
    await deliver(telegram, message_update("x" * 1001))
    assert "maximaal 1000 tekens" in bot_api.sent()[-1]["text"]
    await deliver(telegram, message_update("hallo\x07"))
    assert "tekens die wij niet kunnen lezen" in bot_api.sent()[-1]["text"]
    assert len(rasa.received) == received


@pytest.mark.parametrize(
    ("answer", "sent"),
    [
        (
            "Bel 113 of 0800-0113. Bij direct gevaar: 112.",
            "Bel 113 of +31 800 0113. Bij direct gevaar: 112.",
        ),
        (
            "📞 Veilig Thuis: 0800-2000 👉 dag en nacht",
            "📞 Veilig Thuis: +31 800 2000 👉 dag en nacht",
        ),
        ("Waar kan ik u mee helpen?", "Waar kan ik u mee helpen?"),
    ],
)
async def test_phone_numbers_are_sent_in_a_form_telegram_makes_tappable(
    telegram: httpx.AsyncClient,
    rasa: RasaStandIn,
    bot_api: BotApiStandIn,
    answer: str,
    sent: str,
) -> None:
    """Telegram's apps make "+31 ..." numbers tappable; 112 and 113 have no such form.

    No ``entities`` are sent: the Bot API drops ``phone_number`` entities (docs/gateway.md).
    """
    rasa.reply = lambda request: [{"text": answer}]
    await deliver(telegram, message_update("Ik wil niet meer leven"))
    [message] = bot_api.sent()
    assert message["text"] == sent
    assert "entities" not in message


async def test_stop_deletes_the_conversation(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    await deliver(telegram, message_update("hallo"))
    await deliver(telegram, message_update("/stop"))
    assert rasa.received[-1]["message"] == "/restart"
    assert rasa.received[-1]["sender"] == rasa.received[0]["sender"]
    assert "uiterlijk na 30 dagen" in bot_api.sent()[-1]["text"]


async def test_rasa_down_gives_an_honest_answer(
    telegram: httpx.AsyncClient, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    rasa.status = 500
    await deliver(telegram, message_update("hallo"))
    text = bot_api.sent()[-1]["text"]
    assert "werkt nu even niet" in text and "112" in text


async def test_rasa_down_offers_a_call_back_that_becomes_a_melding(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, bot_api: BotApiStandIn
) -> None:
    escalation = EscalationStandIn(ESCALATION_TOKEN).start()
    try:
        async with gateway_factory(
            rasa_url=rasa.url,
            telegram_token=TOKEN,
            telegram_webhook_secret=SECRET,
            telegram_api_url=bot_api.url,
            escalation_url=escalation.url,
            escalation_api_token=ESCALATION_TOKEN,
        ) as client:
            await deliver(client, message_update("hallo"))  # Rasa answers: no outage
            await deliver(client, contact_update(user_id=CHAT_ID, phone="+31612345678"))
            assert "niet kon beantwoorden" in bot_api.sent()[-1]["text"]
            assert escalation.received == []

            rasa.status = 500
            await deliver(client, message_update("Mijn huur is te hoog, wie helpt mij?"))
            honest, offer = bot_api.sent()[-2:]
            assert "werkt nu even niet" in honest["text"]
            [[share]] = offer["reply_markup"]["keyboard"]
            assert share == {"text": "Bel mij terug", "request_contact": True}

            await deliver(client, contact_update(user_id=111, phone="+31612345678"))
            assert "eigen nummer" in bot_api.sent()[-1]["text"]  # someone else's card
            await deliver(client, contact_update(user_id=CHAT_ID, phone="+319001234567"))
            assert "0900" in bot_api.sent()[-1]["text"]  # a premium-rate number
            assert escalation.received == []

            await deliver(client, contact_update(user_id=CHAT_ID, phone="31612345678"))
            await deliver(client, contact_update(user_id=CHAT_ID, phone="31612345678"))
        confirmation = bot_api.sent()[-1]
        assert "VD-ABC200" in confirmation["text"] and DEADLINE_TEKST in confirmation["text"]
        assert confirmation["reply_markup"] == {"remove_keyboard": True}
        (headers, body), (headers_again, _) = escalation.received
        assert headers["idempotency-key"] == headers_again["idempotency-key"]  # one melding
        assert body["kanaal"] == "telegram" and body["bron"] == "assistent_niet_beschikbaar"
        assert body["naam"] == "Anna de Vries" and body["telefoon"] == "+31612345678"
        assert body["beschrijving"] == "Mijn huur is te hoog, wie helpt mij?"
        assert body["transcript"][0]["tekst"] == "Mijn huur is te hoog, wie helpt mij?"
        assert str(CHAT_ID) not in json.dumps(body)
    finally:
        escalation.stop()


async def test_shared_contact_without_call_backs_is_answered(
    telegram: httpx.AsyncClient, bot_api: BotApiStandIn
) -> None:
    await deliver(telegram, contact_update(user_id=CHAT_ID, phone="+31612345678"))
    assert "kan nu niet" in bot_api.sent()[-1]["text"]


async def test_bad_webhook_bodies(telegram: httpx.AsyncClient) -> None:
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    assert (
        await telegram.post("/telegram/webhook", content=b"{", headers=headers)
    ).status_code == 400
    response = await telegram.post("/telegram/webhook", json={"hallo": 1}, headers=headers)
    assert response.status_code == 400


async def test_webhook_is_off_without_telegram_settings(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post("/telegram/webhook", json=message_update("hallo"))
    assert response.status_code == 404


async def test_long_polling(
    rasa: RasaStandIn, bot_api: BotApiStandIn, organisation_file: Path
) -> None:
    settings = Settings(
        pseudonym_key=SecretStr(PSEUDONYM_KEY),
        rasa_url=rasa.url,
        organisation_file=organisation_file,
    )
    bot_api.updates = [message_update("/start"), message_update("Is er hulp in de buurt?")]
    stop = asyncio.Event()
    async with make_http_client(2) as http:
        conversations = build_conversations(settings, http, make_storage(None))
        task = asyncio.create_task(poll(TOKEN, bot_api.url, conversations, Organisation(), stop))
        deadline = time.monotonic() + 15
        while len(bot_api.sent()) < 3 and time.monotonic() < deadline and not task.done():
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=15)

    assert bot_api.sent("deleteWebhook"), "polling removes a webhook first"
    texts = [params["text"] for params in bot_api.sent()]
    assert "digitale assistent" in texts[0]
    assert texts[1].startswith("Goedendag")
    assert texts[2] == "U zei: Is er hulp in de buurt?"
    assert [body["message"] for body in rasa.received] == ["/greet", "Is er hulp in de buurt?"]
    assert all(str(CHAT_ID) not in body["sender"] for body in rasa.received)


def test_polling_command_line(
    rasa: RasaStandIn, bot_api: BotApiStandIn, organisation_file: Path, tmp_path: Path
) -> None:
    """``python -m gateway telegram-poll`` answers a /start and stops cleanly on SIGTERM."""
    bot_api.updates = [message_update("/start")]
    env = {
        **os.environ,
        "GATEWAY_PSEUDONYM_KEY": PSEUDONYM_KEY,
        "GATEWAY_RASA_URL": rasa.url,
        "GATEWAY_TELEGRAM_TOKEN": TOKEN,
        "GATEWAY_TELEGRAM_API_URL": bot_api.url,
        "VOORDEUR_ORGANISATION_FILE": str(organisation_file),
    }
    log = tmp_path / "poll.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway", "telegram-poll"],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while len(bot_api.sent()) < 2 and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.1)
        assert bot_api.sent()[1]["text"].startswith("Goedendag"), log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert process.returncode == 0, log.read_text()
    output_text = log.read_text()
    assert str(CHAT_ID) not in output_text and TOKEN not in output_text


def test_polling_command_line_needs_a_token(organisation_file: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    env["GATEWAY_PSEUDONYM_KEY"] = PSEUDONYM_KEY
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "telegram-poll"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "GATEWAY_TELEGRAM_TOKEN is not set" in result.stderr
