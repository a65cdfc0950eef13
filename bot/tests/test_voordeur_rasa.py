"""The Rasa launcher's compiled action-response schema behaves like Rasa's own check."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from voordeur_rasa import _validate_action_result

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
