"""Custom action calls with only the new events: an action still sees every event of the session,
exactly as Rasa sends them, while the calls carry only what is new; a restarted action server or
a rewound tracker falls back to all events."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import voordeur_action_events
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from test_voordeur_actions import BOT_DIR, ESCALATION_TOKEN, TOKEN, _free_port, _request
from voordeur_action_events import FIELD, FORGET_FIELD, UNKNOWN, ServerEvents
from voordeur_dialogue_states import CACHE

DOMAIN = Domain.from_dict(
    {
        "intents": ["vraag"],
        "slots": {"naam": {"type": "text", "mappings": [{"type": "custom"}]}},
        "actions": ["action_probe"],
    }
)
ECHO_ACTIONS = """
from rasa_sdk import Action


class ActionProbe(Action):
    def name(self):
        return "action_probe"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"events": tracker.events})
        return []
"""


def _turn(number: int) -> list[Event]:
    parse = {"intent": {"name": "vraag", "confidence": 0.9}, "entities": [], "text": f"v{number}"}
    return [
        ActionExecuted("action_listen"),
        UserUttered(f"vraag {number}", parse["intent"], [], parse),
        SlotSet("naam", f"Anna {number}"),
        ActionExecuted("action_probe"),
        BotUttered(f"antwoord {number}"),
    ]


def _rasa_sends(tracker: DialogueStateTracker) -> list[dict[str, Any]]:
    """The events Rasa 3.6 itself sends an action, as the action server parses them."""
    events = tracker.current_state(EventVerbosity.ALL)["events"]
    return json.loads(json.dumps(events))  # type: ignore[no-any-return]


class Endpoint:
    """An action endpoint that hands the call to ``ServerEvents`` as the action server does."""

    def __init__(self, server: ServerEvents | None, confirm: bool = True) -> None:
        self.server = server
        self.confirm = confirm
        self.url = "http://actions.invalid/webhook"
        self.kwargs: dict[str, Any] = {}
        self.sent: list[int] = []  # events in each request
        self.seen: list[list[dict[str, Any]]] = []  # what the action got

    async def request(self, json: dict[str, Any], **_: Any) -> dict[str, Any]:
        call = globals()["json"].loads(globals()["json"].dumps(json))
        if FORGET_FIELD in call:
            if self.server is not None:
                self.server.forget(call[FORGET_FIELD])
            return {"forgotten": True}
        self.sent.append(len(call["tracker"]["events"]))
        token = None
        if self.server is not None and FIELD in call:
            token = self.server.complete(call)
            if token is None:
                raise ClientResponseError(UNKNOWN, "Conflict", "{}")
        self.seen.append(call["tracker"]["events"])
        answer: dict[str, Any] = {"events": [], "responses": []}
        if token is not None and self.confirm:
            answer[FIELD] = token
        return answer


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    voordeur_action_events.install(monkeypatch.setattr)
    yield
    voordeur_action_events._endpoints.clear()
    for sender in list(CACHE._conversations):
        if sender.startswith("delta-"):
            CACHE.forget(sender)


def _run(endpoint: Any, tracker: DialogueStateTracker) -> list[Event]:
    action = RemoteAction("action_probe", endpoint)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    return asyncio.run(action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN))


def test_the_action_sees_every_event_but_only_new_ones_are_sent(installed: None) -> None:
    endpoint = Endpoint(ServerEvents())
    tracker = DialogueStateTracker("delta-a", DOMAIN.slots)
    for number in range(30):
        tracker.update_with_events(_turn(number), DOMAIN)
        _run(endpoint, tracker)
        assert endpoint.seen[-1] == _rasa_sends(tracker)
    assert endpoint.sent[0] == 5
    assert set(endpoint.sent[1:]) == {5}  # each call carries one turn, not the whole session


def test_a_rewound_or_temporary_tracker_sends_from_where_it_differs(installed: None) -> None:
    endpoint = Endpoint(ServerEvents())
    tracker = DialogueStateTracker("delta-b", DOMAIN.slots)
    for number in range(5):
        tracker.update_with_events(_turn(number), DOMAIN)
    _run(endpoint, tracker)
    temporary = tracker.copy()  # as ActionExtractSlots does before a validation action
    temporary.update(SlotSet("naam", "tijdelijk"))
    _run(endpoint, temporary)
    tracker.update_with_events([UserUtteranceReverted(), *_turn(5)], DOMAIN)
    _run(endpoint, tracker)
    assert [len(seen) for seen in endpoint.seen] == [25, 26, 31]
    assert endpoint.seen[-1] == _rasa_sends(tracker)
    assert endpoint.sent == [25, 1, 6]


def test_an_action_server_that_lost_the_events_gets_them_all_again(installed: None) -> None:
    endpoint = Endpoint(ServerEvents())
    tracker = DialogueStateTracker("delta-c", DOMAIN.slots)
    tracker.update_with_events(_turn(0), DOMAIN)
    _run(endpoint, tracker)
    endpoint.server = ServerEvents()  # restarted
    tracker.update_with_events(_turn(1), DOMAIN)
    _run(endpoint, tracker)
    assert endpoint.sent == [5, 5, 10]  # refused (409), then all events
    assert endpoint.seen[-1] == _rasa_sends(tracker)


def test_an_erased_conversation_is_forgotten_by_the_action_server(installed: None) -> None:
    endpoint = Endpoint(ServerEvents())
    tracker = DialogueStateTracker("delta-f", DOMAIN.slots)
    tracker.update_with_events(_turn(0), DOMAIN)
    _run(endpoint, tracker)
    assert endpoint.server is not None and len(endpoint.server) == 1
    asyncio.run(voordeur_action_events.forget("delta-f"))
    assert len(endpoint.server) == 0
    tracker.update_with_events(_turn(1), DOMAIN)
    _run(endpoint, tracker)
    assert endpoint.sent == [5, 5, 10]
    assert endpoint.seen[-1] == _rasa_sends(tracker)


def test_without_confirmation_every_call_has_all_events(installed: None) -> None:
    endpoint = Endpoint(None)  # an action server that does not know the field
    tracker = DialogueStateTracker("delta-d", DOMAIN.slots)
    for number in range(3):
        tracker.update_with_events(_turn(number), DOMAIN)
        _run(endpoint, tracker)
    assert endpoint.sent == [5, 10, 15]
    assert endpoint.seen[-1] == _rasa_sends(tracker)


def _call(sender: str, events: list[int], **meta: Any) -> dict[str, Any]:
    field = {"token": "t", "base": 0, "keep": 0, "idle_seconds": 60, "max_conversations": 3}
    return {"sender_id": sender, "tracker": {"events": events}, FIELD: {**field, **meta}}


def test_the_server_side_checks_token_length_and_age_and_is_bounded() -> None:
    now = [0.0]
    server = ServerEvents(clock=lambda: now[0])
    call = _call("a", [1, 2, 3])
    assert server.complete(call) == "t" and call["tracker"]["events"] == [1, 2, 3]
    call = _call("a", [9], base=3, keep=2)
    assert server.complete(call) == "t" and call["tracker"]["events"] == [1, 2, 9]
    assert server.complete(_call("a", [9], base=2, keep=2)) is None  # not the last call's length
    assert server.complete(_call("a", [9], token="u", base=3, keep=3)) is None  # dropped
    for sender in "bcde":
        server.complete(_call(sender, [1]))
    assert list(server._kept) == ["c", "d", "e"]
    now[0] = 61
    assert server.complete(_call("e", [2], base=1, keep=1)) is None  # idle too long
    with pytest.raises(ValueError):
        server.complete(_call("f", [1], keep=-1))
    server.forget("d")
    assert len(server) == 1


@pytest.fixture(scope="module")
def echo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real action server (``python -m voordeur_actions``) with an action that echoes."""
    port = _free_port()
    directory = tmp_path_factory.mktemp("echo")
    env = {"ACTION_SERVER_TOKEN": TOKEN, "ESCALATION_API_TOKEN": ESCALATION_TOKEN}
    (directory / "echo_actions.py").write_text(ECHO_ACTIONS)
    own = ("SANIC_HOST", "ACTION_SERVER_TOKEN", "ESCALATION_API_TOKEN")
    environ = {k: v for k, v in os.environ.items() if k not in own}
    environ.update(env, PYTHONPATH=f"{directory}{os.pathsep}{BOT_DIR}")
    command = [sys.executable, "-m", "voordeur_actions", "--actions", "echo_actions"]
    with (directory / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=directory, env=environ, stdout=log, stderr=log
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert process.poll() is None, (directory / "server.log").read_text()
            try:
                if _request(base_url + "/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "action server did not start"
            time.sleep(0.3)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_the_real_action_server_gives_the_action_every_event(
    installed: None, echo_server: str, tmp_path: Path
) -> None:
    endpoint = EndpointConfig(
        f"{echo_server}/webhook", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    tracker = DialogueStateTracker("delta-e", DOMAIN.slots)
    for number in range(12):
        tracker.update_with_events(_turn(number), DOMAIN)
        events = _run(endpoint, tracker)
        assert events[0].data["custom"]["events"] == _rasa_sends(tracker)
    assert FIELD in CACHE.data("delta-e")  # the server confirmed: later calls were short
    status, _, body = _request(
        f"{echo_server}/webhook",
        json.dumps({FORGET_FIELD: "delta-e"}).encode(),
        {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    assert (status, json.loads(body)) == (200, {"forgotten": True})
    tracker.update_with_events(_turn(12), DOMAIN)  # refused once, then sent with all events
    assert _run(endpoint, tracker)[0].data["custom"]["events"] == _rasa_sends(tracker)
