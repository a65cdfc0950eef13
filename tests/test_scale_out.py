"""Two Rasa instances share one conversation: PostgreSQL tracker store, Redis lock store.

Starts the action server, the escalation service and two Rasa instances with
``bot/endpoints-scaled.yml``, then proves that (1) the messages of one conversation, sent to both
instances at the same time, are each handled whole and in turn, (2) both instances see the same
state, and (3) a Rasa restart mid-conversation loses nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.backends import rasa_shared_stores_env
from tests.services import (
    MODEL,
    RASA_HEADERS,
    Service,
    actions_server,
    free_port,
    migrate,
    rasa_server,
    uvicorn_server,
)

pytestmark = pytest.mark.e2e
RASA_TOKEN = "scale-out-test-token"


@dataclass
class ScaledRasa:
    """Two Rasa instances and a way to restart the first."""

    instances: list[Service]
    restart_first: object


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledRasa]:
    if not MODEL.exists():
        pytest.fail("no trained model: run scripts/train.sh first (scripts/test.sh does)")
    log_dir: Path = tmp_path_factory.mktemp("scale")
    with ExitStack() as stack:
        shared_stores = stack.enter_context(rasa_shared_stores_env())
        ports = {name: free_port() for name in ("escalation", "actions")}
        env = {
            "ESCALATION_API_TOKEN": "scale-out-escalation-token",
            "ESCALATION_URL": f"http://127.0.0.1:{ports['escalation']}",
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
            **shared_stores,
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "PYTHONUNBUFFERED": "1",
        }
        escalation_db = f"sqlite:///{log_dir / 'escalation.db'}"
        env["ESCALATION_DATABASE_URL"] = escalation_db
        migrate(escalation_db, env)
        stack.enter_context(
            uvicorn_server("escalation", "escalation.app:app", ports["escalation"], env, log_dir)
        )
        stack.enter_context(actions_server(ports["actions"], env, log_dir))
        api = ["--enable-api", "--auth-token", RASA_TOKEN]

        def start_rasa(name: str, port: int, into: ExitStack) -> Service:
            return into.enter_context(
                rasa_server(name, port, env, log_dir, "endpoints-scaled.yml", api)
            )

        first_stack = stack.enter_context(ExitStack())
        first_port, second_port = free_port(), free_port()
        instances = [start_rasa("rasa-1", first_port, first_stack)]
        instances.append(start_rasa("rasa-2", second_port, stack))

        def restart_first() -> None:
            first_stack.close()
            instances[0] = start_rasa("rasa-1-restarted", first_port, stack)

        yield ScaledRasa(instances, restart_first)


async def say(client: httpx.AsyncClient, rasa: Service, sender: str, text: str) -> list[str]:
    response = await client.post(
        f"{rasa.base_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        headers=RASA_HEADERS,
    )
    assert response.status_code == 200, response.text
    return [m.get("text") or "" for m in response.json()]


def tracker(rasa: Service, sender: str) -> dict:
    response = httpx.get(
        f"{rasa.base_url}/conversations/{sender}/tracker",
        params={"token": RASA_TOKEN},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def user_turns(events: list[dict]) -> list[str]:
    """The user texts in order; fails when a turn starts before the previous one finished."""
    texts: list[str] = []
    listening = True
    for event in events:
        if event["event"] == "user":
            assert listening, f"message {event['text']!r} handled before the previous ended"
            texts.append(event["text"])
            listening = False
        elif event["event"] == "action" and event["name"] == "action_listen":
            listening = True
    return texts


def test_messages_sent_to_both_instances_are_handled_in_turn(scaled: ScaledRasa) -> None:
    first, second = scaled.instances
    sender = "scale-concurrent"
    messages = [f"hallo {n}" if n % 2 else f"dank je wel {n}" for n in range(12)]

    async def burst() -> None:
        async with httpx.AsyncClient(timeout=60) as client:
            await asyncio.gather(
                *(
                    say(client, first if n % 2 else second, sender, text)
                    for n, text in enumerate(messages)
                )
            )

    asyncio.run(burst())
    events_first = tracker(first, sender)["events"]
    assert sorted(user_turns(events_first)) == sorted(messages)
    assert tracker(second, sender)["events"] == events_first


def test_form_state_follows_the_conversation_across_instances_and_a_restart(
    scaled: ScaledRasa,
) -> None:
    sender = "scale-form"

    async def turn(index: int, text: str) -> list[str]:
        async with httpx.AsyncClient(timeout=60) as client:
            return await say(client, scaled.instances[index], sender, text)

    asyncio.run(turn(0, "ik wil teruggebeld worden"))
    assert tracker(scaled.instances[1], sender)["slots"]["requested_slot"] == "onderwerp"
    asyncio.run(turn(1, "Respijtzorg"))
    state = tracker(scaled.instances[0], sender)["slots"]
    assert state["onderwerp"] == "Respijtzorg"
    asked_next = state["requested_slot"]
    assert asked_next not in (None, "onderwerp")

    scaled.restart_first()

    after_restart = tracker(scaled.instances[0], sender)["slots"]
    assert after_restart["onderwerp"] == "Respijtzorg"
    assert after_restart["requested_slot"] == asked_next
