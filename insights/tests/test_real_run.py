"""A real run: Rasa and the action server publish to an SQL event broker; ingest reads it."""

from __future__ import annotations

import subprocess
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from insights.db import session_factory, upgrade
from insights.domain import ActionNames
from insights.ingest import ingest
from insights.models import Conversation, UnansweredMessage
from tests.services import MODEL, RASA_HEADERS, REPO, actions_server, free_port, rasa_server

SENDER = "web-" + "c3" * 16
CONVERSATION = [
    ("hallo", None),
    ("qqq zzz xxx vvv", "unanswered"),
    ("ik wil dood", "crisis"),
]


def endpoints_with_broker(tmp_path: Path, events_db: Path) -> Path:
    """The bot's endpoints plus the SQL event broker on an SQLite file (absolute paths)."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        (REPO / "bot" / "endpoints.yml").read_text()
        + f"\nevent_broker:\n  type: SQL\n  dialect: sqlite\n  db: {events_db}\n"
    )
    return endpoints


@pytest.mark.e2e
def test_real_conversation_is_ingested(tmp_path: Path) -> None:
    if not MODEL.exists():
        subprocess.run([str(REPO / "scripts" / "train.sh")], check=True)
    events_db = tmp_path / "events.db"
    endpoints = endpoints_with_broker(tmp_path, events_db)
    ports = {"rasa": free_port(), "actions": free_port()}
    env = {
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "ESCALATION_URL": f"http://127.0.0.1:{free_port()}",
        "ESCALATION_API_TOKEN": "insights-real-run",
        "ACTIONS_OUTBOX_PATH": str(tmp_path / "outbox.db"),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONUNBUFFERED": "1",
    }
    replies: dict[str, list[str]] = {}
    with ExitStack() as stack:
        stack.enter_context(actions_server(ports["actions"], env, tmp_path))
        rasa = stack.enter_context(
            rasa_server("rasa", ports["rasa"], env, tmp_path, str(endpoints))
        )
        for text, _ in CONVERSATION:
            response = httpx.post(
                f"{rasa.base_url}/webhooks/rest/webhook",
                json={"sender": SENDER, "message": text},
                headers=RASA_HEADERS,
                timeout=60,
            )
            assert response.status_code == 200, rasa.log_tail()
            replies[text] = [m.get("text") or "" for m in response.json()]
            assert replies[text], f"no answer to {text!r}: {rasa.log_tail()}"

    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    upgrade(insights_url)
    names = ActionNames().checked_against()
    result = ingest(f"sqlite:///{events_db}", insights_url, names)
    assert result.events > 10 and result.unanswered == 1, replies
    assert ingest(f"sqlite:///{events_db}", insights_url, names).events == 0

    with session_factory(insights_url)() as session:
        conversation = session.scalars(sa.select(Conversation)).one()
        assert (conversation.sender_id, conversation.kanaal) == (SENDER, "web")
        assert conversation.user_messages == len(CONVERSATION)
        assert conversation.crisis_answers == 1, replies
        assert conversation.unanswered_messages == 1
        message = session.scalars(sa.select(UnansweredMessage)).one()
        assert message.tekst == "qqq zzz xxx vvv"
        # nlu_fallback or out_of_scope, depending on the trained model: both are unanswered.
        assert message.intent in names.unanswered_intents, message.ranking
        assert message.reason in (message.intent, "niet_begrepen") and message.ranking
