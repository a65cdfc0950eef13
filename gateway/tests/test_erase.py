"""Wissen: the gateway has Rasa erase the conversation and tells the inwoner what happened."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest
from pydantic import SecretStr

from gateway.conversation import Conversations, build_conversations
from gateway.rasa_client import make_http_client
from gateway.rate_limit import make_storage
from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY
from gateway.tests.rasa_stand_in import RasaStandIn, free_port

TOKEN = "e" * 40


async def forget(monkeypatch: pytest.MonkeyPatch, rasa_url: str, token: str | None) -> str:
    """Wissen for one web conversation through the real conversation service."""
    if token is not None:
        monkeypatch.setenv("GATEWAY_RASA_DELETE_TOKEN", token)
    settings = Settings(pseudonym_key=SecretStr(PSEUDONYM_KEY), rasa_url=rasa_url)
    async with make_http_client(2) as http:
        conversations: Conversations = build_conversations(settings, http, make_storage(None))
        return await conversations.forget("web", "web-0123456789abcdef")


async def test_erased_after_restart_with_the_token(
    rasa: RasaStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = await forget(monkeypatch, rasa.url, TOKEN)

    assert text == "Uw gesprek is beëindigd en gewist."
    assert rasa.received[-1]["message"] == "/restart"
    path = "/voordeur/conversations/" + quote("web-0123456789abcdef")
    assert rasa.erased == [(path, f"Bearer {TOKEN}")]


async def test_a_melding_made_stays_and_the_inwoner_is_told_its_number(
    rasa: RasaStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    rasa.erase_answer = {"deleted": True, "melding": True, "referenties": ["VD-ABC234"]}
    text = await forget(monkeypatch, rasa.url, TOKEN)
    assert text.startswith("Uw gesprek is beëindigd en gewist.")
    assert "Uw melding VD-ABC234 blijft wel bij het team." in text

    rasa.erase_answer = {"deleted": True, "melding": True, "referenties": []}
    text = await forget(monkeypatch, rasa.url, TOKEN)
    assert "De melding die u maakte, blijft wel bij het team." in text


@pytest.mark.parametrize("status", [401, 500, 501, 503])
async def test_not_erased_is_not_called_erased(
    rasa: RasaStandIn, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    rasa.erase_status = status
    text = await forget(monkeypatch, rasa.url, TOKEN)
    assert "gewist" not in text and "uiterlijk na 30 dagen" in text
    assert "Hebt u een melding gemaakt? Die blijft bij het team." in text


async def test_without_a_token_the_gateway_warns_and_says_how_long_it_is_kept(
    rasa: RasaStandIn, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("GATEWAY_CONVERSATION_KEPT_DAYS", "7")
    with caplog.at_level(logging.WARNING, logger="gateway.conversation"):
        text = await forget(monkeypatch, rasa.url, None)

    assert "gewist" not in text and "uiterlijk na 7 dagen" in text
    assert rasa.erased == [] and rasa.received[-1]["message"] == "/restart"
    assert "GATEWAY_RASA_DELETE_TOKEN is not set" in caplog.text


async def test_rasa_down_is_not_called_erased(monkeypatch: pytest.MonkeyPatch) -> None:
    text = await forget(monkeypatch, f"http://127.0.0.1:{free_port()}", TOKEN)
    assert "gewist" not in text and "uiterlijk na 30 dagen" in text


async def test_every_rasa_instance_erases(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = RasaStandIn().start(), RasaStandIn().start()
    second.erase_answer = {"deleted": True, "melding": True, "referenties": ["VD-XYZ789"]}
    try:
        text = await forget(monkeypatch, f"{first.url},{second.url}", TOKEN)
    finally:
        first.stop()
        second.stop()
    assert len(first.erased) == len(second.erased) == 1
    assert "Uw melding VD-XYZ789 blijft wel bij het team." in text
