"""Attacks on staff sign-in, over HTTP against the real staff app (security review M3, M4, L3, L6).

Stolen session cookies after logout or deactivation, the Secure flag, guessing passwords
(alone, concurrently, with random usernames, to lock out a named colleague), oversized forms,
and request input in the log. The throttle runs on the in-memory store and on Redis.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from escalation.app import create_app
from escalation.db import make_engine
from escalation.dependencies import state_of
from escalation.migrate import alembic_config
from escalation.models import StaffUser, utcnow
from escalation.settings import Settings
from escalation.staff.session import COOKIE_NAME
from escalation.staff.throttle import (
    ACCOUNT_BACKOFF,
    CLIENT_BACKOFF,
    AttemptStore,
    LoginBusy,
    LoginThrottle,
    MemoryAttemptStore,
    RedisAttemptStore,
)
from escalation.tests.conftest import PASSWORD, SESSION_SECRET, TOKEN, csrf_of, login, new_melding
from escalation.tests.test_cli import run_cli
from tests.backends import REDIS_URL, redis_client

WRONG = "fout fout fout fout"


def from_address(app: ASGIApp) -> ASGIApp:
    """The client address comes from an ``X-Test-Client`` header, as a proxy would set it."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            address = dict(scope["headers"]).get(b"x-test-client")
            if address:
                scope = {**scope, "client": (address.decode(), 1)}
        await app(scope, receive, send)

    return wrapped


@pytest.fixture(params=["memory", "redis"])
def staff(
    request: pytest.FixtureRequest, settings: Settings
) -> Iterator[tuple[TestClient, AttemptStore]]:
    """A client of the staff app and the app's throttle store (in memory, or Redis)."""
    redis_url = None
    if request.param == "redis":
        redis_client().close()
        redis_url = REDIS_URL
    app: FastAPI = create_app(settings.model_copy(update={"redis_url": redis_url}))
    with TestClient(from_address(app)) as client:
        store = state_of(app).login_throttle.store
        if isinstance(store, RedisAttemptStore):
            store.prefix = f"voordeur-test-{uuid.uuid4().hex}:"
        yield client, store
    if isinstance(store, RedisAttemptStore):
        connection = redis_client()
        keys = connection.keys(f"{store.prefix}*")
        if keys:
            connection.delete(*keys)
        connection.close()


def attempt(client: TestClient, username: str, password: str, address: str) -> int:
    """One login from ``address``; the status code."""
    token = csrf_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers={"X-Test-Client": address},
        follow_redirects=False,
    )
    return int(response.status_code)


def store_size(store: AttemptStore) -> int:
    """How many keys the throttle holds; in Redis every key must also expire."""
    if isinstance(store, MemoryAttemptStore):
        return len(store)
    assert isinstance(store, RedisAttemptStore)
    connection = redis_client()
    try:
        keys = connection.keys(f"{store.prefix}*")
        assert all(0 < connection.ttl(key) <= CLIENT_BACKOFF.ttl for key in keys)
        return len(keys)
    finally:
        connection.close()


def test_cookie_copied_before_logout_is_refused_after_logout(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    assert login(client, "anna").status_code == 303
    stolen = client.cookies[COOKIE_NAME]
    with TestClient(client.app) as second_browser:
        assert login(second_browser, "anna").status_code == 303
        token = csrf_of(client.get("/staff/").text)
        assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 200
        client.cookies.set(COOKIE_NAME, stolen, path="/staff")
        assert client.get("/staff/", follow_redirects=False).headers["location"] == "/staff/login"
        # Logout ends every session of that user, also one in another browser.
        assert second_browser.get("/staff/", follow_redirects=False).status_code == 303
    client.cookies.clear()
    assert login(client, "anna").status_code == 303
    assert client.get("/staff/").status_code == 200


def test_deactivate_user_ends_a_live_session(
    client: TestClient, users: dict[str, StaffUser], settings: Settings, db: Session
) -> None:
    assert login(client, "anna").status_code == 303
    assert client.get("/staff/").status_code == 200
    result = run_cli(settings, "deactivate-user", "--username", "Anna")
    assert result.returncode == 0, result.stderr
    assert client.get("/staff/", follow_redirects=False).headers["location"] == "/staff/login"
    assert login(client, "anna").status_code == 401
    db.expire_all()
    assert db.get_one(StaffUser, users["anna"].id).active is False
    assert db.get_one(StaffUser, users["bram"].id).active is True
    unknown = run_cli(settings, "deactivate-user", "--username", "niemand")
    assert unknown.returncode == 1 and "No user named 'niemand'" in unknown.stderr


def test_reset_password_ends_sessions_and_sets_the_new_password(
    client: TestClient, users: dict[str, StaffUser], settings: Settings
) -> None:
    assert login(client, "bram").status_code == 303
    short = run_cli(settings, "reset-password", "--username", "bram", stdin="kort\n")
    assert short.returncode == 1 and "at least 12" in short.stderr
    assert client.get("/staff/").status_code == 200
    new = "een nieuw lang wachtwoord"
    result = run_cli(settings, "reset-password", "--username", "bram", stdin=new + "\n")
    assert result.returncode == 0, result.stderr
    assert client.get("/staff/", follow_redirects=False).status_code == 303
    assert login(client, "bram", PASSWORD).status_code == 401
    assert login(client, "bram", new).status_code == 303


def test_secure_cookie_outside_localhost(database_url: str) -> None:
    remote = Settings(
        api_token=TOKEN,  # type: ignore[arg-type]
        database_url=database_url,
        session_secret=SESSION_SECRET,  # type: ignore[arg-type]
        staff_url="https://voordeur.example.nl/staff/",
    )
    with TestClient(create_app(remote), base_url="https://testserver") as client:
        cookie = client.get("/staff/login").headers["set-cookie"].lower()
        assert "; secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    with pytest.raises(ValidationError, match="only allowed while ESCALATION_STAFF_URL"):
        Settings(
            api_token=TOKEN,  # type: ignore[arg-type]
            database_url=database_url,
            staff_url="http://voordeur.example.nl/staff/",
            session_cookie_secure=False,
        )


def test_local_http_keeps_working_without_secure(client: TestClient) -> None:
    assert "secure" not in client.get("/staff/login").headers["set-cookie"].lower()


def test_random_username_flood_keeps_the_store_small(
    staff: tuple[TestClient, AttemptStore], users: dict[str, StaffUser]
) -> None:
    client, store = staff
    codes = [attempt(client, uuid.uuid4().hex * 3, WRONG, "203.0.113.7") for _ in range(150)]
    checked = codes.count(401)
    # After ``free`` guesses the client waits 1, 2, 4... seconds: only a few more get through.
    assert CLIENT_BACKOFF.free <= checked <= CLIENT_BACKOFF.free + 5
    assert codes.count(429) == 150 - checked
    # The client key plus one key per name that was really checked; refused checks add none.
    assert store_size(store) <= checked + 1
    assert attempt(client, "anna", PASSWORD, "198.51.100.1") == 303


def test_memory_store_is_bounded() -> None:
    store = MemoryAttemptStore(max_keys=100)
    for number in range(5000):
        asyncio.run(store.claim(f"client:{number}", CLIENT_BACKOFF, time.time()))
    assert len(store) == 100


def test_named_account_is_usable_again_after_the_back_off(
    staff: tuple[TestClient, AttemptStore], users: dict[str, StaffUser]
) -> None:
    client, _store = staff
    codes = [attempt(client, "mila", WRONG, "203.0.113.8") for _ in range(15)]
    # The first guesses are checked; then the account and the guessing client back off.
    assert codes[: ACCOUNT_BACKOFF.free] == [401] * ACCOUNT_BACKOFF.free and codes[-1] == 429
    token = csrf_of(client.get("/staff/login").text)
    deadline = time.monotonic() + 30
    while True:
        response = client.post(
            "/staff/login",
            data={"username": "mila", "password": PASSWORD, "csrf_token": token},
            headers={"X-Test-Client": "198.51.100.2"},
            follow_redirects=False,
        )
        if response.status_code != 429:
            break
        wait = int(response.headers["retry-after"])
        assert wait <= 16 and time.monotonic() + wait < deadline, "locked out for long"
        time.sleep(wait)
    assert response.status_code == 303


def test_concurrent_guesses_are_all_counted(
    staff: tuple[TestClient, AttemptStore], users: dict[str, StaffUser]
) -> None:
    client, _store = staff
    token = csrf_of(client.get("/staff/login").text)

    def guess(number: int) -> int:
        response = client.post(
            "/staff/login",
            data={"username": "bram", "password": WRONG, "csrf_token": token},
            headers={"X-Test-Client": f"203.0.113.{number}"},
            follow_redirects=False,
        )
        return int(response.status_code)

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(guess, range(20)))
    # At most ``free`` guesses reach the password check (401, or 503 when the bounded check
    # could not start in time on a loaded machine); every other guess is refused with 429.
    # Exactly ``free`` when all 20 arrive before the first check ends (an idle machine); fewer
    # when a finished wrong guess is counted before the last ones arrive.
    checked = len(codes) - codes.count(429)
    assert 1 <= checked <= ACCOUNT_BACKOFF.free, codes
    assert set(codes) <= {401, 429, 503}, codes


def test_password_checks_run_a_bounded_number_at_a_time() -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def slow_check() -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1

    async def flood() -> None:
        throttle = LoginThrottle(MemoryAttemptStore(), checks=2)
        await asyncio.gather(*(throttle.check(slow_check) for _ in range(10)))
        busy = LoginThrottle(MemoryAttemptStore(), checks=1, check_timeout=0.1)
        results = await asyncio.gather(
            *(busy.check(time.sleep, 0.3) for _ in range(3)), return_exceptions=True
        )
        assert any(isinstance(result, LoginBusy) for result in results)

    asyncio.run(flood())
    assert most == 2


def test_oversized_staff_forms_get_413(client: TestClient, users: dict[str, StaffUser]) -> None:
    token = csrf_of(client.get("/staff/login").text)
    big = {"username": "anna", "password": "x" * 100_000, "csrf_token": token}
    refused = client.post("/staff/login", data=big)
    assert refused.status_code == 413 and "te groot" in refused.text

    def chunks() -> Iterator[bytes]:
        yield f"csrf_token={token}&username=anna&password=".encode()
        for _ in range(100):
            yield b"x" * 1000

    no_length = client.post(
        "/staff/login",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert no_length.status_code == 413
    melding_id = new_melding(client)["id"]
    assert login(client, "anna").status_code == 303
    token = csrf_of(client.get(f"/staff/meldingen/{melding_id}").text)
    client.post(f"/staff/meldingen/{melding_id}/oppakken", data={"csrf_token": token})
    note = client.post(
        f"/staff/meldingen/{melding_id}/notitie",
        data={"csrf_token": token, "notitie": "é" * 20_000},
    )
    assert note.status_code == 413
    longest = client.post(
        f"/staff/meldingen/{melding_id}/notitie",
        data={"csrf_token": token, "notitie": "é" * 4000},
    )
    assert longest.status_code in (200, 303)


def test_invalid_staff_input_is_not_logged(
    client: TestClient, users: dict[str, StaffUser], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="escalation.app")
    secret = "mijn-geheime-wachtwoord-" + "z" * 1000
    token = csrf_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login", data={"username": "anna", "password": secret, "csrf_token": token}
    )
    assert response.status_code == 422
    assert "Invalid staff request /staff/login" in caplog.text
    assert "mijn-geheime-wachtwoord" not in caplog.text and "zzzz" not in caplog.text


def test_session_version_migration_keeps_existing_users(database_url: str) -> None:
    """0004 gives existing users ``session_version`` 0 (their cookies stay valid); and back."""
    config = alembic_config(database_url)
    command.downgrade(config, "0003")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO staff_users (username, display_name, password_hash, role, active,"
                    " created_at) VALUES ('oud', 'Oud', 'x', 'manager', true, :now)"
                ),
                {"now": utcnow()},
            )
        command.upgrade(config, "head")
        with engine.connect() as connection:
            version = connection.execute(
                sa.text("SELECT session_version FROM staff_users WHERE username = 'oud'")
            ).scalar_one()
        assert version == 0
        command.downgrade(config, "0003")
        columns = {column["name"] for column in sa.inspect(engine).get_columns("staff_users")}
        assert "session_version" not in columns
    finally:
        engine.dispose()
