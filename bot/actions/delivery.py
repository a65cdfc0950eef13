"""The action server's melding outbox and the background thread that delivers it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .escalation_client import EscalationError, Settings, send_melding
from .outbox import DeliveryLoop, Outbox, outbox_path, retry_seconds


def _send(body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
    return send_melding(body, idempotency_key, Settings.from_env())


def is_retryable(exc: Exception) -> bool:
    """Worth another try later: the service was away or failing, it did not refuse."""
    return not isinstance(exc, EscalationError) or exc.retryable


@cache
def _delivery_for(path: Path) -> tuple[Outbox, DeliveryLoop]:
    outbox = Outbox(path)
    loop = DeliveryLoop(outbox, _send, is_retryable, retry_seconds()).start()
    return outbox, loop


def melding_outbox() -> Outbox:
    """The outbox at ``ACTIONS_OUTBOX_PATH``; its delivery thread runs from the first use."""
    outbox, _loop = _delivery_for(outbox_path())
    return outbox


def resume_delivery() -> None:
    """At start-up: deliver what an earlier run of the action server left in the outbox."""
    if outbox_path().exists():
        melding_outbox()
