"""Reach the local PostgreSQL and Redis, or skip (fail where CI requires them) with the reason."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get(
    "VOORDEUR_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("VOORDEUR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(requirement: str, reason: str) -> None:
    """Skip the test with ``reason``, or fail it when ``VOORDEUR_REQUIRE_<requirement>=1``."""
    if os.environ.get(f"VOORDEUR_REQUIRE_{requirement}") == "1":
        pytest.fail(f"{reason} (VOORDEUR_REQUIRE_{requirement}=1)")
    pytest.skip(reason)


@contextmanager
def postgres_database(prefix: str) -> Iterator[sa.URL]:
    """A fresh, uniquely named PostgreSQL database, dropped afterwards."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        unavailable("POSTGRES", f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc.orig}")
    try:
        yield admin.url.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def redis_client() -> redis.Redis:
    """A client for the local Redis, checked with a PING."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable("REDIS", f"Redis not reachable at {REDIS_URL}: {exc}")
    return client


@contextmanager
def rasa_shared_stores_env() -> Iterator[dict[str, str]]:
    """Environment for ``bot/endpoints-scaled.yml``: a fresh PostgreSQL tracker database and
    the local Redis as lock store."""
    redis_client().close()
    with postgres_database("voordeur_rasa_tracker") as url:
        redis_host, redis_port = REDIS_URL.removeprefix("redis://").split("/")[0].split(":")
        yield {
            "RASA_TRACKER_DB_HOST": url.host or "127.0.0.1",
            "RASA_TRACKER_DB_PORT": str(url.port or 5432),
            "RASA_TRACKER_DB_NAME": url.database or "",
            "RASA_TRACKER_DB_USER": url.username or "postgres",
            "RASA_TRACKER_DB_PASSWORD": url.password or "",
            "RASA_LOCK_REDIS_HOST": redis_host,
            "RASA_LOCK_REDIS_PORT": redis_port,
        }
