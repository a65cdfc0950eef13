"""Command line: ``python -m gateway telegram-poll`` runs the Telegram bot with long polling.

For a local run with only ``GATEWAY_TELEGRAM_TOKEN`` set (no public address for a webhook).
The web chat and the webhook are served by uvicorn (``gateway.app:app``) instead.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from voordeur_common.redaction import install_redaction

from gateway.callback import build_callback_limits
from gateway.conversation import build_conversations
from gateway.escalation_client import EscalationClient
from gateway.organisation import load_organisation
from gateway.rasa_client import make_http_client
from gateway.rate_limit import make_storage
from gateway.settings import SettingsError, load_settings
from gateway.telegram import Callbacks, poll


async def telegram_poll() -> None:
    """Poll Telegram until SIGINT or SIGTERM."""
    settings = load_settings()
    if settings.telegram_token is None:
        raise SettingsError("GATEWAY_TELEGRAM_TOKEN is not set: there is no bot to poll for.")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    storage = make_storage(settings.redis_url)
    token = settings.escalation_api_token
    async with (
        make_http_client(settings.rasa_timeout_seconds) as rasa_http,
        make_http_client(settings.escalation_timeout_seconds) as escalation_http,
    ):
        callbacks = None
        if token is not None:
            escalation = EscalationClient(
                escalation_http, settings.escalation_url, token.get_secret_value()
            )
            callbacks = Callbacks(escalation, build_callback_limits(settings, storage))
        await poll(
            settings.telegram_token.get_secret_value(),
            settings.telegram_api_url,
            build_conversations(settings, rasa_http, storage),
            load_organisation(settings.organisation_file),
            stop,
            callbacks,
        )


def main() -> None:
    """Parse the command and run it."""
    parser = argparse.ArgumentParser(prog="python -m gateway")
    parser.add_argument("command", choices=["telegram-poll"])
    parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    install_redaction("gateway")
    try:
        asyncio.run(telegram_poll())
    except SettingsError as exc:
        raise SystemExit(str(exc)) from None


if __name__ == "__main__":
    main()
