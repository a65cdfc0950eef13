"""The staff web app and the manager pages in Debian's chromium, without Rasa.

The escalation app is served in a thread on a free port with its own SQLite database; meldingen
are made through its API, users with ``create_user``. Skipped, with the reason, where chromium
or axe-core is missing (not under ``VOORDEUR_REQUIRE_BROWSER=1``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from escalation.app import create_app
from escalation.db import session_factory
from escalation.migrate import upgrade
from escalation.models import Melding, utcnow
from escalation.settings import Settings
from escalation.tests.conftest import PASSWORD, READ_TOKEN, SESSION_SECRET, TOKEN
from escalation.users import create_user
from escalation.workflow import claim
from gateway.tests.browser import skip_without_tools
from insights.db import upgrade as upgrade_insights
from insights.tests.browser import serve
from tests.chromium import launch_chromium, screenshot_path

pytestmark = skip_without_tools()

USERS = (
    ("anna", "Anna Office", "officemedewerker"),
    ("bram", "Bram Office", "officemedewerker"),
    ("mila", "Mila Manager", "manager"),
    ("ada", "Ada Admin", "admin"),
)


@dataclass
class Site:
    """The served app and its database."""

    base_url: str
    database_url: str

    def melding(self, key: str, **overrides: Any) -> dict[str, Any]:
        """A melding made through the API, as the action server makes it."""
        body: dict[str, Any] = {
            "onderwerp": "Mantelzorg",
            "beschrijving": "Ik zorg voor mijn man en ben erg moe.",
            "naam": "Anna de Vries",
            "telefoon": "06 12345678",
            "toestemming": True,
            "gesprek_id": f"web-{key}",
            "transcript": [
                {"van": "inwoner", "tekst": "Ik zorg voor mijn man en ben erg moe."},
                {"van": "assistent", "tekst": "Wilt u dat een medewerker u terugbelt?"},
            ],
            **overrides,
        }
        response = httpx.post(
            self.base_url + "/api/v1/meldingen",
            json=body,
            headers={"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": key},
        )
        assert response.status_code == 201, response.text
        return response.json()

    def set_deadline(self, melding_id: str, delta: timedelta) -> None:
        with session_factory(self.database_url)() as session:
            stored = session.get(Melding, melding_id)
            assert stored is not None
            stored.deadline = utcnow() + delta
            session.commit()

    def claim(self, melding_id: str, username: str) -> None:
        from escalation.models import StaffUser

        with session_factory(self.database_url)() as session:
            user = session.query(StaffUser).filter_by(username=username).one()
            claim(session, melding_id, user)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    database_url = f"sqlite:///{tmp_path / 'escalation.db'}"
    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    upgrade(database_url)
    upgrade_insights(insights_url)
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", insights_url)
    with session_factory(database_url)() as session:
        for username, display_name, role in USERS:
            create_user(session, username, display_name, role, PASSWORD)
    settings = Settings(
        api_token=TOKEN,  # type: ignore[arg-type]
        read_token=READ_TOKEN,  # type: ignore[arg-type]
        database_url=database_url,
        session_secret=SESSION_SECRET,  # type: ignore[arg-type]
    )
    with serve(create_app(settings)) as base_url:
        yield Site(base_url, database_url)
    session_factory.cache_clear()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


def log_in(browser: Browser, site: Site, username: str, width: int = 1280) -> Page:
    page = browser.new_page(
        viewport={"width": width, "height": 800}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    page.goto(site.base_url + "/staff/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


def test_detail_page_marks_a_claimed_melding_past_its_deadline(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """Issue 18: claimed is no response; past the deadline the detail page says TE LAAT."""
    late = site.melding("late", naam="Laat Persoon")
    site.set_deadline(late["id"], timedelta(hours=-3))
    site.claim(late["id"], "anna")
    page = log_in(browser, site, "anna")
    expect(page.locator("tr", has_text="Laat Persoon")).to_contain_text("TE LAAT")
    page.get_by_role("link", name=late["referentie"]).click()
    termijn = page.locator("#termijn")
    expect(termijn).to_contain_text("TE LAAT")
    expect(termijn).to_contain_text("3 uur te laat")
    expect(termijn).to_contain_text("opgepakt")
    page.screenshot(path=str(screenshot_path("staff-melding-te-laat.png", tmp_path)))

    page.get_by_label("Doorzetten naar").select_option("sociaal_werker")
    page.get_by_label("Notitie voor de collega").fill("Vandaag bellen.")
    page.get_by_role("button", name="Doorzetten").click()
    expect(page.locator("#status")).to_contain_text("doorgezet")
    expect(termijn).not_to_contain_text("TE LAAT")
    expect(termijn).to_contain_text("na de termijn")
    page.close()
