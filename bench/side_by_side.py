"""Two versions of Voordeur side by side: the long conversation alternately on each.

A shared machine changes speed from minute to minute, so a "before" run and an "after" run one
after the other do not compare well. This starts both versions' systems at once (each as
``bench.chat_load`` starts it: batching event broker, in-memory tracker store), then holds
long conversations on them in turn (first, second, first, ...) and reports per version the
median time per message at turns 1-10 and at the last ten, and the CPU time Rasa and the action
server used per message (from ``/proc``, which other work disturbs far less). Usage, e.g. with an
export of an older commit (``git archive <commit> | tar -x -C /tmp/before``; it needs its own
``.venv``, ``.venv-rasa`` and ``bot/models/voordeur.tar.gz``, links will do)::

    .venv/bin/python -m bench.side_by_side --tree before=/tmp/before --tree after=. --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import httpx

from bench.chat_load import cpu_seconds, rasa_sender
from bench.conversation import LONG_CYCLE

# Run inside each tree (its own bench and tests modules): start its system, write where it
# answers to the file given as the first argument, and serve until terminated.
SERVE = """
import json, signal, sys, tempfile, time
from contextlib import ExitStack
from pathlib import Path
from bench.chat_load import deployed_endpoints
from tests.services import RASA_CHANNEL_TOKEN, full_stack
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
with ExitStack() as stack:
    workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="side-")))
    endpoints = deployed_endpoints("endpoints.yml", "batching", workdir, 0)
    system = stack.enter_context(
        full_stack(f"sqlite:///{workdir / 'bench.db'}", workdir, {}, rasa_endpoints=endpoints)
    )
    info = {
        "rasa": system.rasa.base_url,
        "token": system.env.get("RASA_CHANNEL_TOKEN", RASA_CHANNEL_TOKEN),
        "pids": [system.rasa.process.pid, system.actions.process.pid],
    }
    Path(sys.argv[1]).write_text(json.dumps(info))
    while True:
        time.sleep(1)
"""


def start(tree: Path, info: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": f"{tree / 'common'}{os.pathsep}{tree}"}
    env["GATEWAY_CHAT_LIMIT_PER_CLIENT"] = env["GATEWAY_CHAT_LIMIT_PER_SENDER"] = "100000000"
    with log.open("wb") as out:
        command = [str(tree / ".venv" / "bin" / "python"), "-c", SERVE, str(info)]
        return subprocess.Popen(command, cwd=tree, env=env, stdout=out, stderr=out)  # noqa: S603


async def alternate(
    stacks: dict[str, dict[str, object]], rounds: int, turns: int
) -> dict[str, tuple[list[list[float]], list[list[float]]]]:
    """Per version: latency and CPU seconds of every turn of every conversation."""
    measured: dict[str, tuple[list[list[float]], list[list[float]]]] = {
        name: ([], []) for name in stacks
    }
    async with httpx.AsyncClient(timeout=60) as client:
        for round_number in range(rounds):
            for name, info in stacks.items():
                send = rasa_sender([str(info["rasa"])], str(info["token"]))
                pids = [int(pid) for pid in info["pids"]]  # type: ignore[attr-defined]
                conversation, latencies, used = uuid.uuid4().hex, [], []
                for turn in range(turns):
                    before = cpu_seconds(pids) or 0.0
                    started = time.perf_counter()
                    await send(client, conversation, LONG_CYCLE[turn % len(LONG_CYCLE)])
                    latencies.append(time.perf_counter() - started)
                    used.append((cpu_seconds(pids) or 0.0) - before)
                measured[name][0].append(latencies)
                measured[name][1].append(used)
                print(f"  round {round_number + 1}: {name} done", file=sys.stderr, flush=True)
    return measured


def report(measured: dict[str, tuple[list[list[float]], list[list[float]]]]) -> list[str]:
    lines = [
        "| version | wall ms, turns 1-10 / last 10 (ratio) | CPU ms per message (ratio) |",
        "|---|---|---|",
    ]
    for name, (latencies, cpu) in measured.items():
        first = statistics.median(x for run in latencies for x in run[:10]) * 1000
        last = statistics.median(x for run in latencies for x in run[-10:]) * 1000
        first_cpu = statistics.mean(x for run in cpu for x in run[:10]) * 1000
        last_cpu = statistics.mean(x for run in cpu for x in run[-10:]) * 1000
        cpu_ratio = f"{last_cpu / first_cpu:.2f}" if first_cpu else "n/a"
        lines.append(
            f"| {name} | {first:.0f} / {last:.0f} ({last / first:.2f}) "
            f"| {first_cpu:.0f} / {last_cpu:.0f} ({cpu_ratio}) |"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", required=True, help="name=path, twice")
    parser.add_argument("--rounds", type=int, default=3, help="conversations per version")
    parser.add_argument("--turns", type=int, default=100, help="turns per conversation")
    args = parser.parse_args(argv)
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in args.tree)}
    if len(trees) < 2 or args.rounds < 1 or args.turns < 20:
        parser.error("give two --tree name=path, --rounds >= 1 and --turns >= 20")
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="side-by-side-") as folder:
        processes = {}
        for name, tree in trees.items():
            info = Path(folder) / f"{name}.json"
            process = start(tree, info, Path(folder) / f"{name}.log")
            processes[name] = (process, info)
            stack.callback(process.wait, 60)
            stack.callback(process.terminate)
        print(f"  starting both systems (logs in {folder}) ...", file=sys.stderr, flush=True)
        deadline = time.monotonic() + 600
        while not all(info.exists() for _, info in processes.values()):
            for name, (process, _) in processes.items():
                if process.poll() is not None:
                    sys.exit(f"{name} stopped: see {folder}/{name}.log")
            if time.monotonic() > deadline:
                sys.exit("the systems did not start within 10 minutes")
            time.sleep(2)
        stacks = {name: json.loads(info.read_text()) for name, (_, info) in processes.items()}
        measured = asyncio.run(alternate(stacks, args.rounds, args.turns))
    print("\n".join(report(measured)))


if __name__ == "__main__":
    main()
