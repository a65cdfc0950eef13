"""Chat load benchmark: simulated inwoners through the gateway and straight to Rasa.

Two load models, each run against the gateway (``POST /api/v1/chat``) and against Rasa's REST
channel directly, so the gateway's overhead shows as a ratio:

* typing: ``--users`` inwoners who each wait a random 2.5-7.5 s between messages;
* closed loop: ``--workers`` clients that send the next message as soon as the answer is in,
  which measures capacity in messages per second.

Without ``--gateway-url``/``--rasa-url`` it starts the whole system itself (as the end-to-end
tests do, SQLite in a temporary folder). ``--rasa-instances 2`` starts two Rasa instances with
the tracker store in the local PostgreSQL and the lock store in the local Redis
(``bot/endpoints-scaled.yml``); ``--scaled`` does that for one instance. Usage::

    .venv/bin/python -m bench.chat_load --users 100 --duration 60 --workers 8
    .venv/bin/python -m bench.chat_load --rasa-instances 2 --skip-typing --workers 8
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.conversation import CONVERSATION, MELDING_MARKER
from bench.stats import TABLE_HEADER, Summary, summarise

Sender = Callable[[httpx.AsyncClient, str, str], Awaitable[str]]


@dataclass
class Recorder:
    """Latencies and errors of one measured run."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    meldingen: int = 0


def gateway_sender(base_url: str) -> Sender:
    """Send one message through the gateway; the conversation id is the gateway's session id."""
    sessions: dict[str, str] = {}

    async def send(client: httpx.AsyncClient, conversation: str, text: str) -> str:
        body = {"session_id": sessions.get(conversation), "message": text}
        response = await client.post(f"{base_url}/api/v1/chat", json=body)
        response.raise_for_status()
        data = response.json()
        sessions[conversation] = data["session_id"]
        return " ".join(m.get("text") or "" for m in data["messages"])

    return send


def rasa_sender(base_urls: list[str]) -> Sender:
    """Send one message to Rasa's REST channel directly (one instance per conversation)."""

    async def send(client: httpx.AsyncClient, conversation: str, text: str) -> str:
        sender = f"bench-{conversation}"
        index = int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8]) % len(base_urls)
        body = {"sender": sender, "message": text}
        response = await client.post(f"{base_urls[index]}/webhooks/rest/webhook", json=body)
        response.raise_for_status()
        return " ".join(m.get("text") or "" for m in response.json())

    return send


async def converse(
    client: httpx.AsyncClient,
    send: Sender,
    recorder: Recorder,
    stop_at: float,
    think: Callable[[], float],
) -> None:
    """Hold scripted conversations one after another until ``stop_at``."""
    while time.monotonic() < stop_at:
        conversation = uuid.uuid4().hex
        for text in CONVERSATION:
            await asyncio.sleep(think())
            if time.monotonic() >= stop_at:
                return
            started = time.perf_counter()
            try:
                answer = await send(client, conversation, text)
            except httpx.HTTPError:
                recorder.errors += 1
                break
            recorder.latencies.append(time.perf_counter() - started)
            if MELDING_MARKER in answer:
                recorder.meldingen += 1


async def measure(send: Sender, clients: int, seconds: float, typing: bool) -> tuple[Summary, int]:
    """Run ``clients`` simulated inwoners for ``seconds``; return the summary and meldingen."""
    recorder = Recorder()
    rng = random.Random(2026)  # noqa: S311 (load pattern, not security)

    def think() -> float:
        return rng.uniform(2.5, 7.5) if typing else 0.0

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(
            *(converse(client, send, recorder, stop_at, think) for _ in range(clients))
        )
        elapsed = time.monotonic() - started
    return summarise(recorder.latencies, recorder.errors, elapsed), recorder.meldingen


async def run(args: argparse.Namespace, gateway_url: str, rasa_urls: list[str]) -> str:
    """All measurements, as a Markdown report."""
    lines = [TABLE_HEADER]
    results: dict[str, Summary] = {}
    plan = [("closed loop", args.workers, args.closed_duration, False)]
    if not args.skip_typing:
        plan.insert(0, ("typing", args.users, args.duration, True))
    targets = (("rasa", rasa_sender(rasa_urls)), ("gateway", gateway_sender(gateway_url)))
    for model, clients, seconds, typing in plan:
        for target, send in targets:
            label = f"{model}, {clients} {'inwoners' if typing else 'workers'}, {target}"
            print(f"  measuring {label} for {seconds:.0f} s ...", file=sys.stderr, flush=True)
            summary, meldingen = await measure(send, clients, seconds, typing)
            results[f"{model}/{target}"] = summary
            lines.append(summary.row(label) + f" <!-- {meldingen} meldingen -->")
    lines.append("")
    for model, *_ in plan:
        rasa, gateway = results[f"{model}/rasa"], results[f"{model}/gateway"]
        if rasa.p50_ms:
            overhead = (gateway.p50_ms - rasa.p50_ms) / rasa.p50_ms
            lines.append(f"- {model}: gateway p50 overhead over Rasa alone {overhead:+.0%}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100, help="typing inwoners (default 100)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per typing run")
    parser.add_argument("--workers", type=int, default=8, help="closed-loop clients (default 8)")
    parser.add_argument("--closed-duration", type=float, default=30, help="seconds per closed run")
    parser.add_argument("--gateway-url", help="use a running gateway instead of starting one")
    parser.add_argument(
        "--rasa-url", help="use a running Rasa instead of starting one (several: comma-separated)"
    )
    parser.add_argument(
        "--rasa-instances", type=int, default=1, help="Rasa instances to start (default 1)"
    )
    parser.add_argument(
        "--scaled", action="store_true", help="PostgreSQL tracker store and Redis lock store"
    )
    parser.add_argument("--skip-typing", action="store_true", help="only the closed loop")
    args = parser.parse_args(argv)
    if bool(args.gateway_url) != bool(args.rasa_url):
        parser.error("give both --gateway-url and --rasa-url, or neither")
    if args.rasa_instances < 1:
        parser.error("--rasa-instances must be at least 1")
    if min(args.users, args.workers) < 1 or min(args.duration, args.closed_duration) <= 0:
        parser.error("--users and --workers must be at least 1, durations above 0")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with ExitStack() as stack:
        if args.gateway_url:
            gateway_url = args.gateway_url.rstrip("/")
            rasa_urls = [url.strip().rstrip("/") for url in args.rasa_url.split(",")]
        else:
            from tests.backends import rasa_shared_stores_env
            from tests.services import full_stack

            # One benchmark client: lift the gateway's per-address limit for this run only.
            os.environ["GATEWAY_CHAT_LIMIT_PER_CLIENT"] = "100000000"
            os.environ["GATEWAY_CHAT_LIMIT_PER_SENDER"] = "100000000"
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
            scaled = args.scaled or args.rasa_instances > 1
            extra = stack.enter_context(rasa_shared_stores_env()) if scaled else {}
            endpoints = "endpoints-scaled.yml" if scaled else "endpoints.yml"
            print(f"  starting the system (logs in {workdir}) ...", file=sys.stderr, flush=True)
            system = stack.enter_context(
                full_stack(
                    f"sqlite:///{workdir / 'bench.db'}",
                    workdir,
                    extra,
                    rasa_instances=args.rasa_instances,
                    rasa_endpoints=endpoints,
                )
            )
            gateway_url = system.gateway.base_url
            rasa_urls = [rasa.base_url for rasa in system.rasa_instances]
        print(asyncio.run(run(args, gateway_url, rasa_urls)))


if __name__ == "__main__":
    main()
