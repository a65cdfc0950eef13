"""The gateway's own cost per message, without Rasa's: one client, one message at a time.

In the chat load benchmark the load generator, the gateway, Rasa and the action server share
two cores, so the gateway-versus-Rasa ratio there moves by ±20% from run to run. Here the
gateway (uvicorn, as in production) talks to a Rasa stand-in that answers at once, and the
same stand-in is measured directly: the difference is what the gateway adds (pseudonym, input
checks, rate limits, redacted logging, the HTTP hop). Usage::

    .venv/bin/python -m bench.gateway_overhead --messages 500
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.stats import TABLE_HEADER, summarise
from gateway.tests.rasa_stand_in import RasaStandIn
from tests.services import free_port, uvicorn_server


def timed(send: Callable[[], None], messages: int) -> list[float]:
    """Latencies in seconds of ``messages`` calls of ``send``, one after another."""
    latencies = []
    for _ in range(messages):
        started = time.perf_counter()
        send()
        latencies.append(time.perf_counter() - started)
    return latencies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=500, help="messages per measurement")
    args = parser.parse_args(argv)
    if args.messages < 10:
        parser.error("--messages must be at least 10")

    rasa = RasaStandIn().start()
    port = free_port()
    env = {
        "GATEWAY_RASA_URL": rasa.url,
        "GATEWAY_PSEUDONYM_KEY": os.urandom(16).hex(),
        "GATEWAY_CHAT_LIMIT_PER_CLIENT": "100000000",
        "GATEWAY_CHAT_LIMIT_PER_SENDER": "100000000",
    }
    try:
        with (
            tempfile.TemporaryDirectory(prefix="bench-") as workdir,
            uvicorn_server("gateway", "gateway.app:app", port, env, Path(workdir)) as gateway,
            httpx.Client(timeout=30) as client,
        ):
            session: dict[str, str] = {}

            def via_gateway() -> None:
                body = {"session_id": session.get("id"), "message": "hallo"}
                response = client.post(f"{gateway.base_url}/api/v1/chat", json=body)
                response.raise_for_status()
                session["id"] = response.json()["session_id"]

            def direct() -> None:
                body = {"sender": "bench", "message": "hallo"}
                client.post(f"{rasa.url}/webhooks/rest/webhook", json=body).raise_for_status()

            for warm_up in (direct, via_gateway):
                timed(warm_up, 20)
            rasa_alone = summarise(timed(direct, args.messages), 0, 1)
            through = summarise(timed(via_gateway, args.messages), 0, 1)
    finally:
        rasa.stop()
    print(TABLE_HEADER)
    print(rasa_alone.row("Rasa stand-in, direct").rsplit("|", 2)[0] + "| - |")
    print(through.row("Rasa stand-in, through the gateway").rsplit("|", 2)[0] + "| - |")
    added = through.p50_ms - rasa_alone.p50_ms
    print(f"\n- the gateway adds {added:.1f} ms at p50 per message")


if __name__ == "__main__":
    main()
