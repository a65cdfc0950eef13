"""Mapping Rasa's REST channel answer to our messages, and what each message carries."""

from __future__ import annotations

import httpx
import pytest

from gateway.models import BotMessage, Button
from gateway.rasa_client import RasaBadResponseError, RasaClient, map_rasa_reply
from gateway.tests.rasa_stand_in import RasaStandIn


def test_text_and_buttons_are_kept_everything_else_ignored() -> None:
    reply = [
        {"recipient_id": "web-x", "text": "Hallo"},
        {
            "recipient_id": "web-x",
            "text": "Kies:",
            "buttons": [
                {"title": "Ja", "payload": "/affirm"},
                {"title": "Nee", "payload": "/deny", "type": "postback"},
            ],
        },
        {"recipient_id": "web-x", "image": "logo.png"},
        {"recipient_id": "web-x", "custom": {"kaart": True}},
        {"recipient_id": "web-x", "attachment": "bestand.pdf"},
    ]
    assert map_rasa_reply(reply) == [
        BotMessage(text="Hallo", buttons=[]),
        BotMessage(
            text="Kies:",
            buttons=[Button(title="Ja", payload="/affirm"), Button(title="Nee", payload="/deny")],
        ),
    ]


def test_buttons_without_text_are_kept() -> None:
    reply = [{"buttons": [{"title": "Verder", "payload": "/verder"}]}]
    assert map_rasa_reply(reply) == [
        BotMessage(text=None, buttons=[Button(title="Verder", payload="/verder")])
    ]


def test_broken_items_and_buttons_are_skipped() -> None:
    reply = [
        "not an item",
        {"text": 5},
        {"text": "   "},
        {
            "text": "Goed",
            "buttons": [
                {"title": "Zonder payload"},
                {"payload": "/zonder_titel"},
                {"title": 3, "payload": "/x"},
                "knop",
                {"title": "Echt", "payload": "/echt"},
            ],
        },
        {"text": "Lijst?", "buttons": "geen lijst"},
    ]
    assert map_rasa_reply(reply) == [
        BotMessage(text="Goed", buttons=[Button(title="Echt", payload="/echt")]),
        BotMessage(text="Lijst?", buttons=[]),
    ]


@pytest.mark.parametrize("reply", [None, {"text": "x"}, "tekst", 3])
def test_a_reply_that_is_not_a_list_is_an_error(reply: object) -> None:
    with pytest.raises(RasaBadResponseError):
        map_rasa_reply(reply)


@pytest.mark.parametrize("token", ["c" * 40, None])
async def test_every_message_carries_the_channel_token(token: str | None) -> None:
    rasa = RasaStandIn().start()
    try:
        async with httpx.AsyncClient() as http:
            await RasaClient(http, rasa.url, token).send("web-abc", "hallo", "web")
    finally:
        rasa.stop()
    assert rasa.authorizations == [f"Bearer {token}" if token else None]
