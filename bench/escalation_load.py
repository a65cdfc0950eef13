"""Load benchmark of the escalation service: creating meldingen, reading them, the staff inbox.

Starts the escalation service (uvicorn, one worker) on SQLite and, when reachable, on
PostgreSQL, then keeps ``--workers`` clients busy for ``--duration`` seconds per operation and
reports p50/p95/p99 and the sustained rate. The inbox is listed by a signed-in
officemedewerker, with every melding created in the first phase open (the page shows at most
500). Usage::

    .venv/bin/python -m bench.escalation_load --workers 8 --duration 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import sqlalchemy as sa

from bench.stats import TABLE_HEADER, Summary, summarise
from tests.services import VENV_BIN, free_port, migrate, uvicorn_server

POSTGRES_ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "voordeur_bench"
STAFF_USER = "bench"
Operation = Callable[[httpx.AsyncClient], Awaitable[None]]


def melding_body() -> dict[str, object]:
    """A realistic melding as the bot sends it."""
    return {
        "onderwerp": "Respijtzorg",
        "beschrijving": "Ik zorg voor mijn man met dementie en ik ben erg moe.",
        "naam": "Anna de Vries",
        "telefoon": "06 12345678",
        "toestemming": True,
        "kanaal": "web",
        "gesprek_id": f"bench-{uuid.uuid4().hex}",
        "transcript": [{"van": "inwoner", "tekst": "ik wil teruggebeld worden"}] * 10,
    }


async def hammer(
    client: httpx.AsyncClient, operation: Operation, workers: int, seconds: float
) -> Summary:
    """Run ``operation`` from ``workers`` clients in a closed loop for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal errors
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                await operation(client)
            except httpx.HTTPError as exc:
                errors += 1
                if errors == 1:
                    detail = exc.response.text if isinstance(exc, httpx.HTTPStatusError) else ""
                    print(f"  first error: {exc} {detail[:300]}", file=sys.stderr, flush=True)
                continue
            latencies.append(time.perf_counter() - started)

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return summarise(latencies, errors, time.monotonic() - started)


async def measure(
    base_url: str, tokens: tuple[str, str], password: str, workers: int, seconds: float
) -> dict[str, Summary]:
    """Create meldingen (create token), then read random ones back by id (read token)."""
    headers = {"Authorization": f"Bearer {tokens[0]}"}
    read_headers = {"Authorization": f"Bearer {tokens[1]}"}
    created: list[str] = []

    async def create(client: httpx.AsyncClient) -> None:
        response = await client.post(
            f"{base_url}/api/v1/meldingen",
            json=melding_body(),
            headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
        )
        response.raise_for_status()
        created.append(response.json()["id"])

    async def read(client: httpx.AsyncClient) -> None:
        melding_id = random.choice(created)  # noqa: S311 (load pattern, not security)
        response = await client.get(
            f"{base_url}/api/v1/meldingen/{melding_id}", headers=read_headers
        )
        response.raise_for_status()

    async def inbox(client: httpx.AsyncClient) -> None:
        response = await client.get(f"{base_url}/staff/")
        response.raise_for_status()
        if "Inbox" not in response.text:
            raise httpx.HTTPError("the inbox page did not come back (logged out?)")

    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        results = {"create melding": await hammer(client, create, workers, seconds)}
        if not created:
            raise SystemExit("no melding could be created: see the first error above")
        results["read melding"] = await hammer(client, read, workers, seconds)
        await log_in(client, base_url, password)
        results["list inbox (staff page)"] = await hammer(client, inbox, workers, seconds)
    return results


async def log_in(client: httpx.AsyncClient, base_url: str, password: str) -> None:
    """Sign in as the benchmark's officemedewerker; the session cookie stays in ``client``."""
    page = await client.get(f"{base_url}/staff/login")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if match is None:
        raise SystemExit("no CSRF token on the login page")
    form = {"username": STAFF_USER, "password": password, "csrf_token": match.group(1)}
    response = await client.post(f"{base_url}/staff/login", data=form)
    if response.status_code != 303:
        raise SystemExit(f"staff login failed: HTTP {response.status_code}")


def postgres_url() -> str | None:
    """A fresh benchmark database on the local PostgreSQL, or None when there is none."""
    try:
        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}"))
            connection.execute(sa.text(f"CREATE DATABASE {BENCH_DATABASE}"))
        admin.dispose()
    except sa.exc.OperationalError as exc:
        print(f"  PostgreSQL not reachable, measuring SQLite only: {exc}", file=sys.stderr)
        return None
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def bench_database(name: str, url: str, workdir: Path, args: argparse.Namespace) -> list[str]:
    """Start the service on one database and return its table rows."""
    tokens = ("bench-" + uuid.uuid4().hex, "bench-read-" + uuid.uuid4().hex)
    env = {
        "ESCALATION_API_TOKEN": tokens[0],
        "ESCALATION_READ_TOKEN": tokens[1],
        "ESCALATION_DATABASE_URL": url,
        "ESCALATION_SESSION_SECRET": uuid.uuid4().hex + uuid.uuid4().hex,
    }
    migrate(url, env)
    password = secrets.token_urlsafe(24)
    subprocess.run(  # noqa: S603 (our own command line, fixed arguments)
        [str(VENV_BIN / "python"), "-m", "escalation", "create-user", "--username", STAFF_USER]
        + ["--role", "officemedewerker"],
        input=password + "\n",
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    app = "escalation.app:app"
    with uvicorn_server(f"escalation-{name}", app, free_port(), env, workdir) as service:
        print(f"  measuring {name} ...", file=sys.stderr, flush=True)
        results = asyncio.run(
            measure(service.base_url, tokens, password, args.workers, args.duration)
        )
    return [summary.row(f"{operation}, {name}") for operation, summary in results.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--duration", type=float, default=20, help="seconds per operation")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.duration <= 0:
        parser.error("--workers must be at least 1 and --duration above 0")
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    rows = [TABLE_HEADER.replace("messages", "requests")]
    with tempfile.TemporaryDirectory(prefix="bench-esc-") as tmp:
        workdir = Path(tmp)
        databases = [("SQLite", f"sqlite:///{workdir / 'bench.db'}")]
        pg = postgres_url()
        if pg:
            databases.append(("PostgreSQL", pg))
        for name, url in databases:
            rows += bench_database(name, url, workdir, args)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
