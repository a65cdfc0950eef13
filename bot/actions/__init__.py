"""Custom actions of the Voordeur assistant (package ``actions``, rasa-sdk 3.6).

Started with ``cd bot && python -m voordeur_actions --actions actions`` (127.0.0.1, only Rasa
with ``ACTION_SERVER_TOKEN``). Settings from the environment: ``ESCALATION_URL``,
``ESCALATION_API_TOKEN``, ``VOORDEUR_ORGANISATION_FILE``, ``ACTIONS_OUTBOX_PATH``.

rasa-sdk imports every module of this package to find the actions, one module per feature:
``crisis``, ``info`` (informational answers and the call-back offer), ``start`` (into the
form), ``questions`` (the form's questions and read-back), ``form`` (its validation action),
``submit`` (the melding sent, or forgotten without consent) and ``fallback``. They connect the
small, tested modules (validation, melding, texts, escalation_client, organisation) to the
tracker. Importing them starts nothing: what the server needs once runs in ``on_server_start``.
"""

from .answers import topic_answers
from .delivery import resume_delivery
from .organisation import current_organisation


def on_server_start() -> None:
    """Once, before the action server serves (called by ``voordeur_actions``).

    Fails fast without a readable organisation file, because the crisis answer depends on it,
    or without readable answers (answers.yml), and delivers what an earlier run left in the
    melding outbox.
    """
    current_organisation()
    topic_answers()
    resume_delivery()
