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
from gateway.tests.browser import run_axe, skip_without_tools
from insights.db import upgrade as upgrade_insights
from insights.seed import seed
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
    insights_url: str

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
        created: dict[str, Any] = response.json()
        return created

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
        yield Site(base_url, database_url, insights_url)
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


def _focused(page: Page) -> str:
    """What has the keyboard focus: tag, name or label text, for matching."""
    focused = page.evaluate(
        """() => { const e = document.activeElement; if (!e) return '';
        const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
        return [e.tagName, e.getAttribute('name') || '', (e.textContent || '').trim(),
                label.trim()].join('|'); }"""
    )
    return str(focused)


def tab_to(page: Page, tag: str, *parts: str, limit: int = 60) -> None:
    """Press Tab until the focus is on a ``tag`` element whose description holds ``parts``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused.split("|", 1)[0] == tag and all(part in focused for part in parts):
            return
    raise AssertionError(f"Tab never reached {tag} {parts}; last: {_focused(page)}")


def test_claim_note_and_close_with_the_keyboard_only(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    melding = site.melding("keyboard", naam="Toetsenbord Persoon")
    reference = melding["referentie"]
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page.goto(site.base_url + "/staff/login")
    tab_to(page, "INPUT", "username")
    page.keyboard.type("anna")
    tab_to(page, "INPUT", "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()

    tab_to(page, "A", reference)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Melding {reference}")).to_be_visible()
    tab_to(page, "BUTTON", "Oppakken")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("opgepakt door Anna Office")
    expect(page.locator(".klaar")).to_have_text("U heeft de melding opgepakt.")

    tab_to(page, "TEXTAREA", "notitie", "Nieuwe notitie")
    page.keyboard.type("Voicemail ingesproken, morgen opnieuw bellen.")
    tab_to(page, "BUTTON", "Notitie opslaan")
    page.keyboard.press("Enter")
    expect(page.locator(".notitie")).to_contain_text("Voicemail ingesproken")
    # Said in words, and the page opens at the notes, not at the top.
    expect(page.locator(".klaar")).to_have_text("Uw notitie is opgeslagen.")
    assert page.url.endswith("#notities")

    tab_to(page, "SELECT", "uitkomst")
    page.keyboard.type("Verwezen")
    expect(page.get_by_label("Uitkomst")).to_have_value("verwezen")
    tab_to(page, "BUTTON", "Afhandelen")
    page.keyboard.press("Enter")  # not confirmed yet: the browser keeps the form
    expect(page.locator("#status")).to_contain_text("opgepakt")
    tab_to(page, "INPUT", "bevestig", "ik handel deze melding af")
    page.keyboard.press("Space")
    tab_to(page, "BUTTON", "Afhandelen")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("afgehandeld")
    expect(page.locator("#status")).to_contain_text("Verwezen naar een andere organisatie")
    expect(page.locator("#audit")).to_contain_text("notitie")
    page.close()


def test_a_manager_reopens_a_closed_melding_in_the_browser(browser: Browser, site: Site) -> None:
    melding = site.melding("reopen", naam="Heropen Persoon")
    page = log_in(browser, site, "mila")
    page.goto(f"{site.base_url}/staff/meldingen/{melding['id']}")
    page.get_by_label("Ja, ik trek deze melding in").check()
    page.get_by_role("button", name="Intrekken").click()
    expect(page.locator("#status")).to_contain_text("ingetrokken")
    page.get_by_label("Heropenen: waarom?").fill("Per ongeluk ingetrokken.")
    page.get_by_role("button", name="Heropenen").click()  # not confirmed: nothing happens
    expect(page.locator("#status")).to_contain_text("ingetrokken")
    page.get_by_label("Ja, ik heropen deze melding").check()
    page.get_by_role("button", name="Heropenen").click()
    expect(page.locator("#status")).to_contain_text("nieuw")
    expect(page.locator("#audit")).to_contain_text("Per ongeluk ingetrokken.")
    page.close()


FULL_PAGE = ("staff-melding.png", "staff-heropenen.png", "insights-dashboard.png")
PAGES: tuple[tuple[str, str, dict[int, str]], ...] = (
    # (user, path, screenshot name per window width)
    ("", "/staff/login", {}),
    ("anna", "/staff/", {1280: "staff-inbox.png", 320: "staff-inbox-320.png"}),
    ("anna", "/staff/meldingen/{nieuw}", {}),
    ("anna", "/staff/meldingen/{opgepakt}", {1280: "staff-melding.png"}),
    ("anna", "/staff/meldingen/{afgehandeld}", {}),
    ("anna", "/staff/inzicht/", {1280: "staff-403.png"}),
    ("anna", "/staff/meldingen/bestaat-niet", {}),
    ("mila", "/staff/meldingen/{afgehandeld}", {1280: "staff-heropenen.png"}),
    (
        "mila",
        "/staff/inzicht/",
        {1280: "insights-dashboard.png", 320: "insights-dashboard-320.png"},
    ),
    ("mila", "/staff/inzicht/hiaten", {}),
    ("mila", "/staff/inzicht/beoordelen", {1280: "insights-beoordelen.png"}),
    ("ada", "/staff/gebruikers", {}),
)


def test_every_staff_and_insights_page_passes_axe(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """axe-core finds nothing on any page, at 1280 and at 320 px; screenshots of both."""
    seed(site.insights_url, site.database_url)
    ids = {
        "nieuw": site.melding("axe-1", naam="Nieuw Persoon", spoed=True)["id"],
        "opgepakt": site.melding("axe-2", naam="Opgepakt Persoon")["id"],
        "afgehandeld": site.melding("axe-3", naam="Afgehandeld Persoon")["id"],
    }
    site.claim(ids["opgepakt"], "anna")
    site.claim(ids["afgehandeld"], "anna")
    pages: dict[str, Page] = {}
    anna = log_in(browser, site, "anna")
    anna.goto(f"{site.base_url}/staff/meldingen/{ids['afgehandeld']}")
    anna.get_by_label("Uitkomst").select_option("vraag_beantwoord")
    anna.get_by_label("Ja, ik handel deze melding af").check()
    anna.get_by_role("button", name="Afhandelen").click()
    expect(anna.locator("#status")).to_contain_text("afgehandeld")
    anna.close()

    failures: list[str] = []
    for width in (1280, 320):
        for username in ("", "anna", "mila", "ada"):
            if username:
                pages[username] = log_in(browser, site, username, width)
            else:
                pages[username] = browser.new_page(
                    viewport={"width": width, "height": 800}, locale="nl-NL"
                )
        for username, path, shots in PAGES:
            page = pages[username]
            page.goto(site.base_url + path.format(**ids))
            violations = run_axe(page)
            if violations:
                failures.append(f"{width}px {username or 'anoniem'} {path}: {violations}")
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if width == 320 and overflow > 0:
                failures.append(f"320px {path}: {overflow}px wider than the window")
            if shot := shots.get(width):
                target = screenshot_path(shot, tmp_path)
                # Long pages (seeded inbox and review queue): the first screen only.
                page.screenshot(path=str(target), full_page=shot in FULL_PAGE)
        for page in pages.values():
            page.close()
    assert failures == [], "\n".join(failures)


def test_a_manager_types_the_period_as_a_dutch_date(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    """The period is typed as dd-mm-jjjj whatever the browser's language; a wrong one is said."""
    page = log_in(browser, site, "mila")
    page.goto(site.base_url + "/staff/inzicht/")
    van = page.get_by_label("Van", exact=True)
    assert van.get_attribute("type") == "text" and van.get_attribute("placeholder") == "dd-mm-jjjj"
    van.press("Control+a")
    van.press_sequentially("01-11-2026")
    tot = page.get_by_label("Tot en met", exact=True)
    tot.press("Control+a")
    tot.press_sequentially("27-11-2026")
    tot.press("Enter")
    page.wait_for_url("**van=01-11-2026**")
    expect(page.get_by_label("Van", exact=True)).to_have_value("01-11-2026")
    expect(page.get_by_label("Tot en met", exact=True)).to_have_value("27-11-2026")
    expect(page.locator(".error")).to_have_count(0)

    # The American order a browser in English would suggest is refused, in Dutch, with an example.
    van = page.get_by_label("Van", exact=True)
    van.press("Control+a")
    van.press_sequentially("11/27/2026")
    van.press("Enter")
    expect(page.locator(".error")).to_contain_text("Schrijf de datum als dd-mm-jjjj")
    page.close()


def test_the_inbox_checkbox_lines_up_with_the_fields(browser: Browser, site: Site) -> None:
    page = log_in(browser, site, "anna")
    box = page.get_by_label("Alleen mijn meldingen").bounding_box()
    field = page.get_by_label("Kanaal").bounding_box()
    assert box and field and box["width"] >= 20
    offset = (box["y"] + box["height"] / 2) - (field["y"] + field["height"] / 2)
    assert abs(offset) <= 3, (box, field)
    page.close()


def test_the_melding_shows_what_the_inwoner_said_first(browser: Browser, site: Site) -> None:
    """After a crisis answer the form asks again; the first message still reaches the staff."""
    melding = site.melding(
        "first",
        naam="Eerste Bericht",
        beschrijving="Hij drinkt veel.",
        transcript=[
            {"van": "inwoner", "tekst": "/greet"},
            {"van": "inwoner", "tekst": "mijn man slaat me en ik ben bang"},
            {"van": "assistent", "tekst": "Dit klinkt ernstig. Bel Veilig Thuis: 0800-2000."},
            {"van": "inwoner", "tekst": "Hij drinkt veel."},
        ],
    )
    page = log_in(browser, site, "anna")
    page.goto(f"{site.base_url}/staff/meldingen/{melding['id']}")
    expect(page.locator("#eerste-bericht")).to_have_text("mijn man slaat me en ik ben bang")
    expect(page.locator("main")).not_to_contain_text("/greet")
    # Where the question holds the first message already, it is not said twice.
    usual = site.melding("first-usual", naam="Gewoon Persoon")
    page.goto(f"{site.base_url}/staff/meldingen/{usual['id']}")
    expect(page.locator("#eerste-bericht")).to_have_count(0)
    page.close()
