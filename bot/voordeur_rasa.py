"""Start Rasa 3.6 with two speed fixes and one extra route.

The extra route deletes a conversation everywhere Rasa keeps it, for "Gesprek beëindigen en
wissen" (``voordeur_erase``; protected by ``RASA_DELETE_TOKEN``). Files Rasa creates (an SQLite
tracker store or event broker holds what inwoners typed) are readable by the owner only.

The speed fix: action server answers are checked with a compiled schema.

Rasa 3.6 calls ``jsonschema.validate`` on every answer of the action server. That function
first checks the schema itself against the JSON Schema meta-schema, every time: about 14 ms of
CPU on this machine, two or three times per message while a form runs (profiled with py-spy,
see docs/performance.md). Here the schema is checked once and the compiled validator is reused;
every answer is still validated against the same schema, with the same error.

The second: a message does not cost more as the conversation grows. The dialogue policies get
their dialogue states from ``voordeur_dialogue_states``, which extends them per conversation
instead of replaying the whole conversation for every prediction (same predictions; see there).
The erase route also drops an erased conversation from that cache and from the kept trackers of
``voordeur_tracker_store.CachedSQLTrackerStore``. And a custom action call carries only the
events that are new since the previous call (``voordeur_action_events``; the action server
keeps the rest), instead of every event of the session.

Usage, from ``bot/``: ``python -m voordeur_rasa run --model ...`` (the arguments of ``rasa``).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import Any

import jsonschema
import rasa.core.run
import voordeur_action_events
import voordeur_dialogue_states
import voordeur_erase
from rasa.__main__ import main as rasa_main
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import TrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from sanic import Sanic
from voordeur_erase import add_erase_route, delete_token


@cache
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Same contract as ``RemoteAction._validate_action_result`` in Rasa 3.6."""
    try:
        _action_response_validator().validate(result)
    except jsonschema.ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def _with_erase_route(configure_app: Any, token: str | None) -> Any:
    """Wrap Rasa's ``configure_app`` so the app it builds also has the erase route."""

    def configure(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        add_erase_route(app, token)
        return app

    return configure


def _forgetting(erase: Any) -> Any:
    """Wrap ``erase_conversation``: the erased conversation also leaves the in-memory caches,
    and the action server's copy of its events."""

    async def erase_and_forget(store: TrackerStore, sender_id: str) -> dict[str, Any]:
        try:
            return await erase(store, sender_id)
        finally:
            voordeur_dialogue_states.CACHE.forget(sender_id)
            await voordeur_action_events.forget(sender_id)
            for layer in voordeur_erase._layers(store):
                forget = getattr(layer, "forget", None)
                if callable(forget):
                    forget(sender_id)

    return erase_and_forget


def main() -> None:
    """Install the fix and the erase route, then run Rasa's own command line."""
    os.umask(0o077)
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    voordeur_dialogue_states.install()
    voordeur_action_events.install()
    voordeur_erase.erase_conversation = _forgetting(voordeur_erase.erase_conversation)
    rasa.core.run.configure_app = _with_erase_route(rasa.core.run.configure_app, delete_token())
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
