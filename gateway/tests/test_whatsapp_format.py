"""WhatsApp's shapes and checks without a server: splitting, buttons, parsing, settings."""

from __future__ import annotations

import hashlib
import hmac
import random

import pytest
from pydantic import SecretStr

from gateway.models import BotMessage, Button
from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY
from gateway.whatsapp_format import Choice, Outgoing, PayloadKeys, outgoing, split_text
from gateway.whatsapp_webhook import Kind, handshake_answer, parse_messages, signature_valid


def test_split_text_keeps_every_word_within_the_limit() -> None:
    words = ["hulp", "wijk", "zorg.", "Bel", "0800-0113", "of", "020 123 4567.", "x" * 30, "\n"]
    chooser = random.Random(14)
    for _ in range(200):
        text = " ".join(chooser.choice(words) for _ in range(chooser.randint(1, 400)))
        limit = chooser.randint(40, 300)
        parts = split_text(text, limit)
        assert all(0 < len(part) <= limit for part in parts)
        assert " ".join(parts).split() == text.split()


def test_split_text_never_cuts_a_phone_number() -> None:
    text = "a" * 30 + " bel 020 123 4567 nu"
    parts = split_text(text, 42)
    assert parts == ["a" * 30 + " bel", "020 123 4567 nu"]


def test_split_text_cuts_hard_only_without_any_space() -> None:
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_text("  kort  ") == ["kort"]
    assert split_text("") == []


def test_buttons_and_lists() -> None:
    keys = PayloadKeys()
    three = BotMessage(
        text="Kies", buttons=[Button(title=f"B{n}", payload=f"/b{n}") for n in range(3)]
    )
    [message] = outgoing("s", three, keys)
    assert message == Outgoing("Kies", buttons=tuple(Choice(f"B{n}", f"/b{n}") for n in range(3)))

    twice = BotMessage(
        buttons=[Button(title="Ja", payload="/ja"), Button(title="Zeker", payload="/ja")]
    )
    [message] = outgoing("s", twice, keys)
    assert message.text == "Kies een antwoord:"
    assert [choice.id for choice in message.buttons] == ["/ja", "#0"], "ids must be unique"
    assert keys.payload("s", "#0") == "/ja"

    no_titles = BotMessage(text="Hallo", buttons=[Button(title=" ", payload="/x")])
    assert outgoing("s", no_titles, keys) == [Outgoing("Hallo")]

    keys.forget("s")
    assert keys.payload("s", "#0") is None


def test_payload_keys_are_bounded() -> None:
    keys = PayloadKeys(senders_max=2, keys_max=3)
    for sender in ("a", "b", "c"):
        keys.key(sender, "/x")
    assert keys.payload("a", "#0") is None and keys.payload("c", "#0") == "/x"
    for n in range(4):
        keys.key("c", f"/p{n}")
    assert keys.payload("c", "#0") == "/p2", "a full sender starts again"
    assert keys.payload("c", "#1") == "/p3" and keys.payload("c", "#2") is None


def test_signature_and_handshake() -> None:
    body = b'{"object":"whatsapp_business_account"}'
    digest = hmac.new(b"geheim", body, hashlib.sha256).hexdigest()
    assert signature_valid(body, f"sha256={digest}", "geheim")
    assert signature_valid(body, f"sha256={digest.upper()}", "geheim")
    assert not signature_valid(body, digest, "geheim"), "the sha256= prefix is required"
    assert not signature_valid(body, None, "geheim")
    assert not signature_valid(body + b"x", f"sha256={digest}", "geheim")

    params = {"hub.mode": "subscribe", "hub.verify_token": "t", "hub.challenge": "42"}
    assert handshake_answer(params, "t") == "42"
    assert handshake_answer({**params, "hub.verify_token": "tt"}, "t") is None


@pytest.mark.parametrize(
    "data",
    [None, [], {"object": "page"}, {"object": "whatsapp_business_account", "entry": "x"}],
)
def test_parse_refuses_what_is_no_whatsapp_update(data: object) -> None:
    assert parse_messages(data, "1") is None


def test_parse_skips_what_it_cannot_read() -> None:
    value = {
        "metadata": {"phone_number_id": "1"},
        "contacts": [{"wa_id": "31612345678"}, {"wa_id": "31687654321"}],
        "messages": [
            {"id": "m1", "from": "31687654321", "type": "text", "text": {"body": "hoi"}},
            {"id": "m2", "type": "text", "text": {"body": "geen afzender"}},
            {"id": "m3", "from": "31612345678", "type": "text", "text": "geen object"},
            {"id": "m4", "from": "31612345678", "type": "interactive", "interactive": {}},
            "geen bericht",
        ],
    }
    data = {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"field": "messages", "value": value}, "x"]}, "y"],
    }
    first, third, fourth = parse_messages(data, "1") or []
    assert (first.message_id, first.phone, first.kind, first.content) == (
        "m1",
        "31687654321",
        Kind.TEXT,
        "hoi",
    )
    assert third.kind is Kind.OTHER and fourth.kind is Kind.OTHER


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", PSEUDONYM_KEY)
    assert len(Settings().whatsapp_missing) == 4  # type: ignore[call-arg]
    monkeypatch.setenv("GATEWAY_WHATSAPP_TOKEN", "EAA-token")
    monkeypatch.setenv("GATEWAY_WHATSAPP_PHONE_NUMBER_ID", " 106540352242922 ")
    monkeypatch.setenv("GATEWAY_WHATSAPP_APP_SECRET", "secret")
    monkeypatch.setenv("GATEWAY_WHATSAPP_VERIFY_TOKEN", "verify")
    monkeypatch.setenv("GATEWAY_WHATSAPP_API_URL", "http://127.0.0.1:9/")
    settings = Settings()  # type: ignore[call-arg]
    assert settings.whatsapp_missing == []
    assert settings.whatsapp_phone_number_id == "106540352242922"
    assert settings.whatsapp_api_url == "http://127.0.0.1:9"
    assert Settings(pseudonym_key=SecretStr(PSEUDONYM_KEY)).whatsapp_api_url.startswith(
        "http://127"
    )
    monkeypatch.setenv("GATEWAY_WHATSAPP_PHONE_NUMBER_ID", "+31 20 123 4567")
    with pytest.raises(ValueError, match="Phone number ID"):
        Settings()  # type: ignore[call-arg]
