"""The background task of the app: export due meldingen."""

from __future__ import annotations

import asyncio
import logging

from escalation.db import session_factory
from escalation.klantinteracties.export import export_due, make_client
from escalation.settings import Settings

logger = logging.getLogger(__name__)


def run_once(settings: Settings) -> None:
    """Export what is due."""
    with make_client(settings) as client, session_factory(settings.database_url)() as session:
        export_due(session, client, settings)


async def run_worker(settings: Settings) -> None:
    """Keep exporting (every ``notify_poll_seconds``) until cancelled."""
    while True:
        try:
            await asyncio.to_thread(run_once, settings)
        except Exception:
            logger.exception("The Klantinteracties worker failed; trying again later")
        await asyncio.sleep(settings.notify_poll_seconds)
