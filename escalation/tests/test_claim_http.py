"""Concurrent claims through the real HTTP service: browsers of several officemedewerkers click
'Oppakken' at the same instant. Exactly one wins; the others are told who has the melding."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from escalation.tests.conftest import PASSWORD, SESSION_SECRET, TOKEN, csrf_of
from escalation.users import create_user
from tests.services import REPO, free_port, running

CLAIMERS = 6


def test_concurrent_claims_over_http(database_url: str, db: Session, tmp_path: Path) -> None:
    for number in range(CLAIMERS):
        create_user(db, f"office{number}", f"Office {number}", "officemedewerker", PASSWORD)
    port = free_port()
    env = {
        "ESCALATION_DATABASE_URL": database_url,
        "ESCALATION_API_TOKEN": TOKEN,
        "ESCALATION_SESSION_SECRET": SESSION_SECRET,
    }
    command = [sys.executable, "-m", "uvicorn", "escalation.app:app", "--port", str(port)]
    command += ["--host", "127.0.0.1", "--workers", "2"]
    with running("escalation", command, port=port, env=env, log_dir=tmp_path, cwd=REPO) as app:
        melding = httpx.post(
            app.base_url + "/api/v1/meldingen",
            json={
                "onderwerp": "Mantelzorg",
                "beschrijving": "Graag hulp.",
                "naam": "Anna de Vries",
                "telefoon": "0612345678",
                "toestemming": True,
                "gesprek_id": "web-claim",
            },
            headers={"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": "claim"},
        ).json()
        detail = f"{app.base_url}/staff/meldingen/{melding['id']}"
        browsers = [httpx.Client(base_url=app.base_url, timeout=30) for _ in range(CLAIMERS)]
        tokens = []
        for number, browser in enumerate(browsers):
            token = csrf_of(browser.get("/staff/login").text)
            browser.post(
                "/staff/login",
                data={"username": f"office{number}", "password": PASSWORD, "csrf_token": token},
            )
            tokens.append(csrf_of(browser.get(detail).text))
        start = threading.Barrier(CLAIMERS)

        def click(number: int) -> str:
            start.wait()
            response = browsers[number].post(
                f"{detail}/oppakken", data={"csrf_token": tokens[number]}, follow_redirects=True
            )
            assert response.status_code == 200
            return response.text

        with ThreadPoolExecutor(CLAIMERS) as pool:
            pages = list(pool.map(click, range(CLAIMERS)))
        for browser in browsers:
            browser.close()

    winners = [n for n, page in enumerate(pages) if "al opgepakt door" not in page]
    assert len(winners) == 1, winners
    name = f"Office {winners[0]}"
    assert f"opgepakt door {name}" in pages[winners[0]]
    for number, page in enumerate(pages):
        if number != winners[0]:
            assert f"Deze melding is al opgepakt door {name}." in page
