"""End to end: a Dutch conversation through the gateway's HTTP API ends in a stored melding.

Starts the real escalation service, action server, Rasa (trained model) and gateway on free
ports, holds the conversation over HTTP and then reads the melding from the escalation database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.services import Stack, full_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("e2e")
    with full_stack(f"sqlite:///{workdir / 'escalation.db'}", workdir) as running_stack:
        yield running_stack


class Chat:
    """One inwoner talking to the gateway."""

    def __init__(self, gateway_url: str) -> None:
        self.url = gateway_url + "/api/v1/chat"
        self.session_id: str | None = None

    def say(self, message: str) -> str:
        response = httpx.post(
            self.url, json={"session_id": self.session_id, "message": message}, timeout=30
        )
        assert response.status_code == 200, response.text
        body = response.json()
        self.session_id = body["session_id"]
        return "\n".join(m["text"] or "" for m in body["messages"])


def test_conversation_ends_in_a_melding(stack: Stack) -> None:
    chat = Chat(stack.gateway.base_url)
    started = datetime.now(UTC)

    assert "digitale assistent" in chat.say("hallo")
    assert "respijtzorg" in chat.say("wat is respijtzorg eigenlijk?").lower()
    chat.say("ik wil teruggebeld worden")
    chat.say("Respijtzorg")
    chat.say("Ik zorg voor mijn man met dementie en ik ben erg moe. <b>help</b>")
    chat.say("nee")  # not urgent
    chat.say("ja")  # consent
    chat.say("Telefoon")
    assert "nummer" in chat.say("12345").lower()  # invalid: asked again
    chat.say("06 12345678")
    chat.say("Anna de Vries")
    summary = chat.say("na 17.00 uur")
    assert "Anna de Vries" in summary and "Respijtzorg" in summary
    confirmation = chat.say("ja")
    assert "VD-" in confirmation, confirmation
    assert "uiterlijk" in confirmation

    engine = sa.create_engine(stack.database_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM meldingen")).mappings().all()
    engine.dispose()
    assert len(rows) == 1
    melding = rows[0]
    assert melding["referentie"] in confirmation
    assert melding["onderwerp"] == "Respijtzorg"
    assert melding["beschrijving"].endswith("<b>help</b>")
    assert melding["naam"] == "Anna de Vries"
    assert melding["telefoon"] == "+31612345678"
    assert melding["status"] == "nieuw"
    assert not melding["spoed"]
    assert melding["kanaal"] == "web"
    assert melding["gesprek_id"].startswith("web-")
    assert chat.session_id not in melding["gesprek_id"]
    assert "teruggebeld" in str(melding["transcript"])

    api = httpx.get(
        f"{stack.escalation.base_url}/api/v1/meldingen/{melding['id']}",
        headers={"Authorization": f"Bearer {stack.escalation_read_token}"},
    ).json()
    deadline = datetime.fromisoformat(api["deadline"])
    assert deadline >= started + timedelta(hours=24)
    assert api["deadline_tekst"] in confirmation


def test_crisis_message_gets_its_own_number_first(stack: Stack) -> None:
    answer = Chat(stack.gateway.base_url).say("ik wil niet meer leven")
    for number in ("112", "113", "0800-0113"):
        assert number in answer
    assert answer.index("0800-0113") < answer.index("112")  # 113 first for suicidal thoughts
