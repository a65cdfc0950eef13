"""Journeys: whole conversations, typed the way people type, against the real stack.

Starts escalation (SQLite in a temporary directory), the action server, Rasa (trained model) and
the gateway once for this module, with Telegram's webhook pointed at a local Bot API stand-in.
Each journey in ``tests/journeys/*.yml`` is one test: it holds its conversation on the web chat
API or in a Telegram chat and then checks the meldingen it left in the escalation database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.tests.bot_api_stand_in import BotApiStandIn
from gateway.tests.graph_api_stand_in import GraphApiStandIn
from tests.journey_runner import (
    CHANNELS,
    NO_ANSWER,
    Channel,
    Journey,
    Meldingen,
    TelegramChat,
    WebChat,
    WhatsAppChat,
    load_journeys,
    run_journey,
)
from tests.services import Stack, full_stack

pytestmark = pytest.mark.e2e

JOURNEYS = load_journeys()
TELEGRAM_TOKEN = "123456:journey-token"
TELEGRAM_SECRET = "journey-webhook-secret-0123456789"
WHATSAPP_TOKEN = "journey-whatsapp-token"
WHATSAPP_PHONE_NUMBER_ID = "109876543210"
WHATSAPP_APP_SECRET = "journey-whatsapp-app-secret-0123456789"
MIN_JOURNEYS = 60
LOG_LINES = 15
LOG_SCAN_LINES = 60


@pytest.fixture(scope="module")
def bot_api() -> Iterator[BotApiStandIn]:
    stand_in = BotApiStandIn(TELEGRAM_TOKEN).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture(scope="module")
def graph_api() -> Iterator[GraphApiStandIn]:
    stand_in = GraphApiStandIn(WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, bot_api: BotApiStandIn, graph_api: GraphApiStandIn
) -> Iterator[Stack]:
    """The whole system; all journeys come from one address, so the chat limits are lifted."""
    workdir: Path = tmp_path_factory.mktemp("journeys")
    extra_env = {
        "GATEWAY_TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "GATEWAY_TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "GATEWAY_TELEGRAM_API_URL": bot_api.url,
        "GATEWAY_WHATSAPP_TOKEN": WHATSAPP_TOKEN,
        "GATEWAY_WHATSAPP_PHONE_NUMBER_ID": WHATSAPP_PHONE_NUMBER_ID,
        "GATEWAY_WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
        "GATEWAY_WHATSAPP_VERIFY_TOKEN": "journey-verify-token",
        "GATEWAY_WHATSAPP_API_URL": graph_api.url,
        "GATEWAY_CHAT_LIMIT_PER_SENDER": "10000",
        "GATEWAY_CHAT_LIMIT_PER_CLIENT": "100000",
    }
    with full_stack(f"sqlite:///{workdir / 'escalation.db'}", workdir, extra_env) as running:
        yield running


@pytest.fixture(scope="module")
def meldingen(stack: Stack) -> Iterator[Meldingen]:
    table = Meldingen(stack.database_url)
    try:
        yield table
    finally:
        table.close()


def test_the_journeys_cover_enough() -> None:
    assert len(JOURNEYS) >= MIN_JOURNEYS
    assert {journey.channel for journey in JOURNEYS} == set(CHANNELS)


@pytest.mark.parametrize("journey", JOURNEYS, ids=[journey.name for journey in JOURNEYS])
def test_journey(
    journey: Journey,
    stack: Stack,
    bot_api: BotApiStandIn,
    graph_api: GraphApiStandIn,
    meldingen: Meldingen,
) -> None:
    channel: Channel
    if journey.channel == "telegram":
        channel = TelegramChat(stack.gateway.base_url, TELEGRAM_SECRET, bot_api)
    elif journey.channel == "whatsapp":
        channel = WhatsAppChat(stack.gateway.base_url, WHATSAPP_APP_SECRET, graph_api)
    else:
        channel = WebChat(stack.gateway.base_url)
    failure = None
    try:
        run_journey(channel, journey, meldingen)
    except AssertionError as exc:
        failure = str(exc)
    finally:
        channel.close()
    if failure is not None:
        if NO_ANSWER in failure:
            logs = (stack.rasa, stack.actions)
            failure += "".join(f"\n\n{s.name} log:\n{s.log_tail(LOG_LINES)}" for s in logs)
        failure += recent_problems(stack)
        pytest.fail(failure, pytrace=False)


def recent_problems(stack: Stack) -> str:
    """The action server's latest warnings and errors (a melding that was refused, say)."""
    tail = stack.actions.log_tail(LOG_SCAN_LINES).splitlines()
    problems = [line for line in tail if " WARNING " in line or " ERROR " in line]
    if not problems:
        return ""
    return "\n\nlatest warnings of the action server:\n" + "\n".join(problems[-LOG_LINES:])
