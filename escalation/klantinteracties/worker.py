"""The background task of the app: export due meldingen often, poll task statuses less often."""

from __future__ import annotations

import asyncio
import logging
import time

from escalation.db import session_factory
from escalation.klantinteracties.export import export_due, make_client
from escalation.klantinteracties.status_poll import poll_status
from escalation.settings import Settings

logger = logging.getLogger(__name__)


def run_once(settings: Settings, poll: bool) -> None:
    """Export what is due and, with ``poll``, check the interne taken of open meldingen."""
    with make_client(settings) as client, session_factory(settings.database_url)() as session:
        export_due(session, client, settings)
        if poll:
            poll_status(session, client)


async def run_worker(settings: Settings) -> None:
    """Keep exporting (every ``notify_poll_seconds``) and polling until cancelled."""
    last_poll = float("-inf")
    while True:
        poll = time.monotonic() - last_poll >= settings.klantinteracties_poll_seconds
        try:
            await asyncio.to_thread(run_once, settings, poll)
        except Exception:
            logger.exception("The Klantinteracties worker failed; trying again later")
        else:
            if poll:
                last_poll = time.monotonic()
        await asyncio.sleep(settings.notify_poll_seconds)
