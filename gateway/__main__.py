"""Command line: ``python -m gateway telegram-poll`` runs the Telegram bot with long polling.

For a local run with only ``GATEWAY_TELEGRAM_TOKEN`` set (no public address for a webhook).
The web chat and the webhook are served by uvicorn (``gateway.app:app``) instead.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from gateway.conversation import build_conversations
from gateway.organisation import load_organisation
from gateway.rasa_client import make_http_client
from gateway.rate_limit import make_storage
from gateway.redaction import install_redaction
from gateway.settings import SettingsError, load_settings
from gateway.telegram import poll


async def telegram_poll() -> None:
    """Poll Telegram until SIGINT or SIGTERM."""
    settings = load_settings()
    if settings.telegram_token is None:
        raise SettingsError("GATEWAY_TELEGRAM_TOKEN is not set: there is no bot to poll for.")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with make_http_client(settings.rasa_timeout_seconds) as rasa_http:
        conversations = build_conversations(settings, rasa_http, make_storage(settings.redis_url))
        await poll(
            settings.telegram_token.get_secret_value(),
            settings.telegram_api_url,
            conversations,
            load_organisation(settings.organisation_file),
            stop,
        )


def main() -> None:
    """Parse the command and run it."""
    parser = argparse.ArgumentParser(prog="python -m gateway")
    parser.add_argument("command", choices=["telegram-poll"])
    parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    install_redaction()
    try:
        asyncio.run(telegram_poll())
    except SettingsError as exc:
        raise SystemExit(str(exc)) from None


if __name__ == "__main__":
    main()
