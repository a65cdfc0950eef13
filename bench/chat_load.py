"""Chat load benchmark: simulated inwoners through the gateway and straight to Rasa.

Two load models, each run against the gateway (``POST /api/v1/chat``) and against Rasa's REST
channel directly, so the gateway's overhead shows as a ratio:

* typing: ``--users`` inwoners who each wait a random 2.5-7.5 s between messages;
* closed loop: ``--workers`` clients that send the next message as soon as the answer is in,
  which measures capacity in messages per second.

Without ``--gateway-url``/``--rasa-url`` it starts the whole system itself (as the end-to-end
tests do, SQLite in a temporary folder), with the event broker ``scripts/run.sh`` configures
for the insights (``--event-broker``: ``batching`` = ``bot/voordeur_event_broker.py``, ``sql`` =
Rasa's own SQL broker, ``none``). ``--rasa-instances 2`` starts two Rasa instances with
the tracker store in the local PostgreSQL and the lock store in the local Redis
(``bot/endpoints-scaled.yml``); ``--scaled`` does that for one instance.

``--long-turns 100`` adds the long conversation: ``--long-conversations`` inwoners, one after
another, each asking ``bench/conversation.py``'s ten questions over and over, straight to Rasa;
it reports the cost of a message at turns 1-10 against the last ten turns.

``--reference starter`` also starts Rasa's starter bot (``bench/reference.py``) and drives it
with the same load models, straight to its REST channel, right after Voordeur's; the report
then gives Voordeur's figures as ratios to it. ``--idle-seconds N`` lets conversations expire
after N s idle and reports each Rasa's resident memory after the run, after the expiry, and after
each further closed-loop round (Rasa directly) and its expiry (``--expiry-rounds``). Usage::

    .venv/bin/python -m bench.chat_load --users 100 --duration 60 --workers 8 --reference starter
    .venv/bin/python -m bench.chat_load --skip-typing --skip-closed --long-turns 100
    .venv/bin/python -m bench.chat_load --rasa-instances 2 --skip-typing --workers 8
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

from bench.conversation import CONVERSATION, LONG_CYCLE, MELDING_MARKER
from bench.reference import STARTER_CONVERSATION, ratio_table, starter_server
from bench.stats import TABLE_HEADER, Summary, summarise

Sender = Callable[[httpx.AsyncClient, str, str], Awaitable[str]]
REPO = Path(__file__).resolve().parents[1]
EVENT_BROKERS = {
    "batching": "voordeur_event_broker.BatchingSQLEventBroker",
    "sql": "SQL",
    "none": None,
}


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


def rasa_sender(base_urls: list[str], channel_token: str | None = None) -> Sender:
    """Send one message to Rasa's REST channel directly (one instance per conversation)."""
    headers = {"Authorization": f"Bearer {channel_token}"} if channel_token else {}

    async def send(client: httpx.AsyncClient, conversation: str, text: str) -> str:
        sender = f"bench-{conversation}"
        index = int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8]) % len(base_urls)
        body = {"sender": sender, "message": text}
        response = await client.post(
            f"{base_urls[index]}/webhooks/rest/webhook", json=body, headers=headers
        )
        response.raise_for_status()
        return " ".join(m.get("text") or "" for m in response.json())

    return send


async def converse(
    client: httpx.AsyncClient,
    send: Sender,
    recorder: Recorder,
    stop_at: float,
    think: Callable[[], float],
    script: tuple[str, ...],
) -> None:
    """Hold scripted conversations one after another until ``stop_at``."""
    while time.monotonic() < stop_at:
        conversation = uuid.uuid4().hex
        for text in script:
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


async def measure(
    send: Sender,
    clients: int,
    seconds: float,
    typing: bool,
    script: tuple[str, ...] = CONVERSATION,
) -> tuple[Summary, int]:
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
            *(converse(client, send, recorder, stop_at, think, script) for _ in range(clients))
        )
        elapsed = time.monotonic() - started
    return summarise(recorder.latencies, recorder.errors, elapsed), recorder.meldingen


def cpu_seconds(pids: list[int]) -> float | None:
    """CPU time (user + system) the processes used so far, in seconds (Linux), or None."""
    total = 0
    try:
        for pid in pids:
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


async def long_conversations(
    send: Sender, turns: int, conversations: int, pids: list[int] | None = None
) -> tuple[list[list[float]], list[list[float]]]:
    """Latency in seconds of every turn of ``conversations`` long conversations, one by one,
    and the CPU seconds ``pids`` (Rasa and the action server) used for each turn."""
    measured: list[list[float]] = []
    cpu: list[list[float]] = []
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(conversations):
            conversation = uuid.uuid4().hex
            latencies, used = [], []
            for turn in range(turns):
                before = cpu_seconds(pids) if pids else None
                started = time.perf_counter()
                await send(client, conversation, LONG_CYCLE[turn % len(LONG_CYCLE)])
                latencies.append(time.perf_counter() - started)
                after = cpu_seconds(pids) if pids else None
                if before is not None and after is not None:
                    used.append(after - before)
            measured.append(latencies)
            cpu.append(used)
    return measured, cpu


def long_report(measured: list[list[float]], cpu: list[list[float]] | None = None) -> list[str]:
    """Median cost of a message in the first and the last ten turns, and their ratio; with
    ``cpu``, also the mean CPU time per message (less disturbed by other work on the machine)."""
    turns = len(measured[0])
    first = statistics.median(ms for run in measured for ms in run[:10]) * 1000
    last = statistics.median(ms for run in measured for ms in run[-10:]) * 1000
    lines = [
        "",
        f"Long conversation ({len(measured)} x {turns} turns, one at a time, Rasa directly):",
        f"- median per message at turns 1-10: {first:.0f} ms; "
        f"at turns {turns - 9}-{turns}: {last:.0f} ms; ratio {last / first:.2f}",
    ]
    if cpu and all(len(run) == turns for run in cpu):
        first_cpu = statistics.mean(s for run in cpu for s in run[:10]) * 1000
        last_cpu = statistics.mean(s for run in cpu for s in run[-10:]) * 1000
        if first_cpu:
            lines.append(
                f"- CPU time of Rasa and the action server per message (mean) at turns 1-10: "
                f"{first_cpu:.0f} ms; at turns {turns - 9}-{turns}: {last_cpu:.0f} ms; "
                f"ratio {last_cpu / first_cpu:.2f}"
            )
    return lines


def resident_memory_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux), or None when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kilobytes = next(
        (line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")), None
    )
    return int(kilobytes) / 1024 if kilobytes else None


def memory_line(processes: dict[str, int], moment: str) -> str:
    """Resident memory of each Rasa process (and the action server) at ``moment``, one line."""
    sizes = {name: resident_memory_mb(pid) for name, pid in processes.items()}
    known = ", ".join(f"{name} {mb:.0f} MB" for name, mb in sizes.items() if mb is not None)
    return f"- resident memory {moment}: {known or 'unknown'}"


async def expiry_rounds(
    args: argparse.Namespace, direct: Sender, rasa_urls: list[str], processes: dict[str, int]
) -> list[str]:
    """Memory after idle conversations expired, then after each further closed loop and expiry."""
    lines = []
    for round_number in range(1, args.expiry_rounds + 1):
        print(f"  waiting {args.idle_seconds + 5:.0f} s for idle expiry ...", file=sys.stderr)
        await asyncio.sleep(args.idle_seconds + 5)
        # The store drops idle conversations when it saves one: one new message per instance.
        async with httpx.AsyncClient(timeout=60) as client:
            for url in rasa_urls:
                await rasa_sender([url], args.channel_token)(client, uuid.uuid4().hex, "hallo")
        lines.append(memory_line(processes, f"after idle expiry ({round_number})"))
        if round_number < args.expiry_rounds:
            print("  another closed-loop round, Rasa directly ...", file=sys.stderr, flush=True)
            summary, _ = await measure(direct, args.workers, args.closed_duration, typing=False)
            moment = f"after closed-loop round {round_number + 1} ({summary.count} messages)"
            lines.append(memory_line(processes, moment))
    return lines


async def run(
    args: argparse.Namespace,
    gateway_url: str,
    rasa_urls: list[str],
    reference_url: str | None,
    processes: dict[str, int],
) -> str:
    """All measurements, as a Markdown report."""
    results: dict[str, Summary] = {}
    plan = [] if args.skip_closed else [("closed loop", args.workers, args.closed_duration, False)]
    if not args.skip_typing:
        plan.insert(0, ("typing", args.users, args.duration, True))
    lines = [TABLE_HEADER] if plan else []
    direct = rasa_sender(rasa_urls, args.channel_token)
    targets = [
        ("rasa", direct, CONVERSATION),
        ("gateway", gateway_sender(gateway_url), CONVERSATION),
    ]
    if reference_url:
        targets.append(("reference", rasa_sender([reference_url]), STARTER_CONVERSATION))
    for model, clients, seconds, typing in plan:
        for target, send, script in targets:
            label = f"{model}, {clients} {'inwoners' if typing else 'workers'}, {target}"
            print(f"  measuring {label} for {seconds:.0f} s ...", file=sys.stderr, flush=True)
            summary, meldingen = await measure(send, clients, seconds, typing, script)
            results[f"{model}/{target}"] = summary
            lines.append(summary.row(label) + f" <!-- {meldingen} meldingen -->")
    lines += [""] if plan else []
    for model, *_ in plan:
        rasa, gateway = results[f"{model}/rasa"], results[f"{model}/gateway"]
        if rasa.p50_ms:
            overhead = (gateway.p50_ms - rasa.p50_ms) / rasa.p50_ms
            lines.append(f"- {model}: gateway p50 overhead over Rasa alone {overhead:+.0%}")
    if reference_url and plan:
        lines += ["", f"Voordeur / reference ({args.reference}), same run:", ""]
        lines += ratio_table(
            [
                (f"{model}, Voordeur {where}", results[f"{model}/{target}"], results[key])
                for model, *_ in plan
                if (key := f"{model}/reference") in results
                for target, where in (("rasa", "Rasa directly"), ("gateway", "through gateway"))
            ]
        )
    if args.long_turns:
        print(
            f"  measuring {args.long_conversations} conversations of {args.long_turns} turns ...",
            file=sys.stderr,
            flush=True,
        )
        pids = [pid for name, pid in processes.items() if name != args.reference]
        measured, cpu = await long_conversations(
            direct, args.long_turns, args.long_conversations, pids
        )
        lines += long_report(measured, cpu)
    if processes:
        lines += ["", memory_line(processes, "after the run")]
        if args.idle_seconds:
            lines += await expiry_rounds(args, direct, rasa_urls, processes)
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
    parser.add_argument("--skip-typing", action="store_true", help="no typing inwoners")
    parser.add_argument("--skip-closed", action="store_true", help="no closed loop")
    parser.add_argument(
        "--event-broker",
        choices=sorted(EVENT_BROKERS),
        default="batching",
        help="event broker of the started Rasa (default batching, as scripts/run.sh)",
    )
    parser.add_argument(
        "--long-turns", type=int, default=0, help="turns of the long conversation (0: none)"
    )
    parser.add_argument(
        "--long-conversations", type=int, default=3, help="long conversations (default 3)"
    )
    parser.add_argument(
        "--reference",
        choices=["starter"],
        help="also drive this reference bot in the same run (starter: Rasa's `rasa init` bot)",
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=0,
        help="conversations expire after this idle time; memory is reported after expiry",
    )
    parser.add_argument(
        "--expiry-rounds",
        type=int,
        default=2,
        help="with --idle-seconds: expiries, each but the last followed by a closed loop",
    )
    args = parser.parse_args(argv)
    if bool(args.gateway_url) != bool(args.rasa_url):
        parser.error("give both --gateway-url and --rasa-url, or neither")
    if args.rasa_instances < 1:
        parser.error("--rasa-instances must be at least 1")
    if min(args.users, args.workers) < 1 or min(args.duration, args.closed_duration) <= 0:
        parser.error("--users and --workers must be at least 1, durations above 0")
    if args.long_turns and (args.long_turns < 20 or args.long_conversations < 1):
        parser.error("--long-turns must be 0 or at least 20, --long-conversations at least 1")
    if args.idle_seconds and (args.idle_seconds < 10 or args.gateway_url):
        parser.error("--idle-seconds must be at least 10, and only for a Rasa started here")
    if args.expiry_rounds < 1:
        parser.error("--expiry-rounds must be at least 1")
    return args


def deployed_endpoints(base: str, broker: str, workdir: Path, idle_seconds: float) -> str:
    """``bot/<base>`` with the event broker section scripts/run.sh adds; the file's path.

    With ``idle_seconds`` the tracker store forgets conversations after that idle time.
    """
    endpoints = yaml.safe_load((REPO / "bot" / base).read_text(encoding="utf-8"))
    broker_type = EVENT_BROKERS[broker]
    if broker_type is not None:
        db = str(workdir / "rasa-events.db")
        endpoints["event_broker"] = {"type": broker_type, "dialect": "sqlite", "db": db}
    if idle_seconds:
        endpoints["tracker_store"]["idle_seconds"] = idle_seconds
    path = workdir / f"bench-{base}"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return str(path)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    processes: dict[str, int] = {}
    with ExitStack() as stack:
        args.channel_token = os.environ.get("RASA_CHANNEL_TOKEN")
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        if args.gateway_url:
            gateway_url = args.gateway_url.rstrip("/")
            rasa_urls = [url.strip().rstrip("/") for url in args.rasa_url.split(",")]
        else:
            from tests.backends import rasa_shared_stores_env
            from tests.services import full_stack

            # One benchmark client: lift the gateway's per-address limit for this run only.
            os.environ["GATEWAY_CHAT_LIMIT_PER_CLIENT"] = "100000000"
            os.environ["GATEWAY_CHAT_LIMIT_PER_SENDER"] = "100000000"
            scaled = args.scaled or args.rasa_instances > 1
            extra = stack.enter_context(rasa_shared_stores_env()) if scaled else {}
            endpoints = deployed_endpoints(
                "endpoints-scaled.yml" if scaled else "endpoints.yml",
                args.event_broker,
                workdir,
                args.idle_seconds,
            )
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
            args.channel_token = system.env.get("RASA_CHANNEL_TOKEN", args.channel_token)
            processes = {rasa.name: rasa.process.pid for rasa in system.rasa_instances}
            processes["action server"] = system.actions.process.pid
            print(f"  event broker: {args.event_broker}", file=sys.stderr, flush=True)
        reference_url = None
        if args.reference:
            from tests.services import free_port

            print("  starting the reference (starter bot) ...", file=sys.stderr, flush=True)
            reference = stack.enter_context(starter_server(free_port(), workdir))
            reference_url = reference.base_url
            processes[reference.name] = reference.process.pid
        report = asyncio.run(run(args, gateway_url, rasa_urls, reference_url, processes))
    print(report)


if __name__ == "__main__":
    main()
