"""The Rasa launcher: the compiled action-response schema behaves like Rasa's own check, and the
erase route also empties the in-memory caches."""

from __future__ import annotations

import asyncio
from pathlib import Path

import jsonschema
import pytest
import voordeur_dialogue_states
import voordeur_erase
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from voordeur_rasa import _forgetting, _validate_action_result
from voordeur_tracker_store import CachedSQLTrackerStore

VALID = {
    "events": [{"event": "slot", "name": "naam", "value": "Anna", "timestamp": None}],
    "responses": [{"text": "Wat is uw telefoonnummer?", "buttons": []}],
}
INVALID = {"events": [{"name": "naam"}], "responses": []}  # an event without its type


@pytest.mark.parametrize("result", [VALID, INVALID])
def test_same_verdict_as_rasa(result: dict) -> None:
    action = RemoteAction("action_test", None)
    try:
        expected = action._validate_action_result(result)
    except jsonschema.ValidationError:
        expected = False
    try:
        actual = _validate_action_result(action, result)
    except jsonschema.ValidationError as error:
        assert "Failed to validate Action server response" in error.message
        actual = False
    assert actual == expected
    assert actual is (result is VALID)


def test_erasing_also_forgets_the_cached_conversation(tmp_path: Path) -> None:
    store = CachedSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker.from_events("web-x", [ActionExecuted("action_listen")])
    asyncio.run(store.save(tracker))
    voordeur_dialogue_states.CACHE.applied_events(asyncio.run(store.retrieve("web-x")))
    assert "web-x" in store._kept and "web-x" in voordeur_dialogue_states.CACHE._conversations

    result = asyncio.run(_forgetting(voordeur_erase.erase_conversation)(store, "web-x"))

    assert result["found"] and "web-x" not in store._kept
    assert "web-x" not in voordeur_dialogue_states.CACHE._conversations
    assert asyncio.run(store.retrieve("web-x")) is None
    store.engine.dispose()
