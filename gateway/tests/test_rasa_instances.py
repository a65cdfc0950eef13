"""More than one Rasa instance behind the gateway: sticky per conversation, failover when down."""

from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr

from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY, GatewayFactory
from gateway.tests.rasa_stand_in import RasaStandIn, free_port


async def chat(client: httpx.AsyncClient, session_id: str | None, message: str) -> str:
    response = await client.post(
        "/api/v1/chat", json={"session_id": session_id, "message": message}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["session_id"])


async def test_each_conversation_stays_on_one_instance(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    second = RasaStandIn().start()
    try:
        async with gateway_factory(rasa_url=f"{rasa.url},{second.url}") as client:
            for _ in range(8):
                session_id = None
                for message in ("hallo", "wat is respijtzorg", "dank u"):
                    session_id = await chat(client, session_id, message)
        senders_first = {body["sender"] for body in rasa.received}
        senders_second = {body["sender"] for body in second.received}
        assert senders_first and senders_second  # 8 conversations spread over both
        assert not senders_first & senders_second  # none split between instances
        assert len(rasa.received) + len(second.received) == 24
    finally:
        second.stop()


async def test_an_instance_that_is_down_is_skipped(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    async with gateway_factory(rasa_url=f"{down},{rasa.url}") as client:
        for _ in range(6):
            await chat(client, None, "hallo")
    assert len(rasa.received) == 6


def test_rasa_urls_are_checked_one_by_one() -> None:
    settings = Settings(
        pseudonym_key=SecretStr(PSEUDONYM_KEY), rasa_url="http://a:5005/, http://b:5005"
    )
    assert settings.rasa_urls == ["http://a:5005", "http://b:5005"]
    with pytest.raises(ValueError, match="http"):
        Settings(pseudonym_key=SecretStr(PSEUDONYM_KEY), rasa_url="http://a:5005,ftp://b")
