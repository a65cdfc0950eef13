"""Fixtures: a Rasa stand-in server and a gateway app wired to it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tests.escalation_stand_in import EscalationStandIn
from gateway.tests.rasa_stand_in import RasaStandIn

PSEUDONYM_KEY = "test-pseudonym-key-0123456789-abcdef"
# The token the gateway and the escalation stand-in share in these tests.
ESCALATION_TOKEN = "escalation-token-for-tests"

ORGANISATION_YAML = """\
naam: "Sociaal Team Teststad"
telefoon: "0123 45 67 89"
crisis:
  noodnummer: "112"
  zelfmoordpreventie: "113 of gratis 0800-0113"
"""


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings from the developer's shell must not leak into the tests."""
    for name in list(os.environ):
        if name.startswith("GATEWAY_") or name == "VOORDEUR_ORGANISATION_FILE":
            monkeypatch.delenv(name)


@pytest.fixture
def organisation_file(tmp_path: Path) -> Path:
    path = tmp_path / "organisation.yml"
    path.write_text(ORGANISATION_YAML, encoding="utf-8")
    return path


@pytest.fixture
def escalation() -> Iterator[EscalationStandIn]:
    """The escalation stand-in: it takes meldingen with ``ESCALATION_TOKEN``."""
    stand_in = EscalationStandIn(ESCALATION_TOKEN).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture
def rasa() -> Iterator[RasaStandIn]:
    stand_in = RasaStandIn().start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


GatewayFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def gateway_factory(organisation_file: Path) -> GatewayFactory:
    """Build a gateway for given settings overrides and run its lifespan around a client."""

    @asynccontextmanager
    async def factory(**overrides: object) -> AsyncIterator[httpx.AsyncClient]:
        values: dict[str, object] = {
            "pseudonym_key": PSEUDONYM_KEY,
            "organisation_file": organisation_file,
            "rasa_timeout_seconds": 2,
        }
        values.update(overrides)
        app: FastAPI = create_app(Settings(**values))  # type: ignore[arg-type]
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                yield client

    return factory


@pytest.fixture
async def gateway(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway talking to a healthy Rasa stand-in."""
    async with gateway_factory(rasa_url=rasa.url) as client:
        yield client
