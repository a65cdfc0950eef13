"""What one call to the action server costs at turn 10 and at turn 100 of a long conversation.

Rasa 3.6 sends every event of the session with every custom action call, so this cost grows
with the conversation. The benchmark loads the trained model in-process (with the dialogue state
cache that ``voordeur_rasa`` installs), starts the action server, holds the long conversation of
``bench/conversation.py`` and then times, for the tracker at each turn count: building the
request (``RemoteAction._action_call_format``), encoding it as JSON, and the HTTP call to the
action server (``action_offer_callback``). Run it with the Rasa environment::

    .venv-rasa/bin/python -m bench.action_payload
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.conversation import LONG_CYCLE

BOT = Path(__file__).resolve().parents[1] / "bot"
sys.path.insert(0, str(BOT))


@contextmanager
def action_server(folder: Path) -> Iterator[str]:
    """The real action server on a free port; yields its webhook URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "ESCALATION_API_TOKEN": secrets.token_urlsafe(24),
        "ESCALATION_URL": "http://127.0.0.1:9",
        "ACTIONS_OUTBOX_PATH": str(folder / "outbox.sqlite3"),
    }
    command = [sys.executable, "-m", "voordeur_actions", "--actions", "actions"]
    command += ["--interface", "127.0.0.1", "--port", str(port)]
    with (folder / "actions.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=BOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        process.terminate()
        process.wait(timeout=30)


async def measure(turn_counts: list[int], calls: int) -> list[str]:
    """One Markdown row per turn count."""
    import aiohttp
    import voordeur_dialogue_states
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    voordeur_dialogue_states.install()
    os.chdir(BOT)
    agent = await load_agent(
        model_path="models/voordeur.tar.gz",
        endpoints=AvailableEndpoints.read_endpoints("endpoints.yml"),
    )
    endpoint = agent.processor.action_endpoint
    headers = {**endpoint.headers, "Content-Type": "application/json"}
    rows = []
    for turns in turn_counts:
        sender = f"payload-{turns}"
        for turn in range(turns):
            await agent.handle_text(LONG_CYCLE[turn % len(LONG_CYCLE)], sender_id=sender)
        tracker = await agent.tracker_store.retrieve(sender)
        action = RemoteAction("action_offer_callback", endpoint)
        building, encoding, calling = [], [], []
        async with aiohttp.ClientSession() as session:
            for _ in range(calls):
                started = time.perf_counter()
                body = action._action_call_format(tracker, agent.domain)
                built = time.perf_counter()
                data = json.dumps(body).encode()
                encoded = time.perf_counter()
                async with session.post(endpoint.url, data=data, headers=headers) as response:
                    await response.read()
                    response.raise_for_status()
                building.append(built - started)
                encoding.append(encoded - built)
                calling.append(time.perf_counter() - encoded)
        ms = [statistics.median(values) * 1000 for values in (building, encoding, calling)]
        rows.append(
            f"| {turns} | {len(tracker.events)} | {len(data) / 1024:.0f} KiB | "
            + " | ".join(f"{value:.1f}" for value in ms)
            + " |"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", default="10,100", help="turn counts (default 10,100)")
    parser.add_argument("--calls", type=int, default=15, help="timed calls per turn count")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["ACTION_SERVER_TOKEN"] = secrets.token_urlsafe(32)
    with (
        tempfile.TemporaryDirectory(prefix="bench-payload-") as folder,
        action_server(Path(folder)) as url,
    ):
        os.environ["ACTION_ENDPOINT_URL"] = url
        turn_counts = [int(value) for value in args.turns.split(",")]
        rows = asyncio.run(measure(turn_counts, args.calls))
    print("| turns | events sent | request | building ms | JSON ms | HTTP + action server ms |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
