"""The pages in a real browser: seeded figures, hostile text stays text, a review via the form."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import Dialog

from insights.db import session_factory
from insights.kpis import compute
from insights.models import UnansweredMessage
from insights.seed import seed
from insights.settings import Settings
from insights.tests.browser import chromium, serve
from insights.tests.conftest import make_app
from insights.tests.test_kpis import END, START

HOSTILE = "<img src=x onerror=alert(1)>hulp bij <b>parkeren</b>"


def test_dashboard_and_review_in_chromium(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'insights.db'}"
    seed(url, url)
    with session_factory(url)() as session, session.begin():
        session.add(
            UnansweredMessage(
                source_event_id="test#hostile",
                conversation_id=1,
                tekst=HOSTILE,
                reason="nlu_fallback",
                intent="nlu_fallback",
                confidence=0.2,
                ranking=[],
                kanaal="web",
                received_at=datetime.now(UTC),
            )
        )
    with session_factory(url)() as session:
        want = compute(session, session, START, END)
    settings = Settings(database_url=url, escalation_database_url=url)
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    assert want.response_in_time_share is not None
    with serve(make_app(settings)) as base_url, chromium() as browser:
        page = browser.new_page(extra_http_headers={"x-test-role": "manager"})
        page.on("dialog", dismiss)

        page.goto(f"{base_url}/staff/inzicht/?van={START}&tot={END}")
        assert page.text_content("#kpi-gesprekken") == str(want.conversations)
        assert page.text_content("#kpi-meldingen") == str(want.meldingen)
        # The promise: response in time, open and late counted as late (issue 18).
        assert page.text_content("#kpi-optijd") == f"{want.response_in_time_share * 100:.0f}%"
        assert page.text_content("#kpi-optijd-aantal") == (
            f"{want.responded_in_time} van {want.responded_decided}"
        )
        assert page.locator("#per-week tbody tr").count() == len(want.response_per_week)
        assert page.text_content("#kpi-risico") == str(want.at_risk_now)
        assert page.locator("figure.chart svg rect").count() == (
            len(want.per_day) + 24 + len(want.per_onderwerp) + len(want.open_by_age)
        )

        page.goto(f"{base_url}/staff/inzicht/beoordelen")
        first = page.locator("article.message").first
        assert first.locator(".text").text_content() == HOSTILE
        first.locator("select[name=intent]").select_option("info_wmo")
        first.get_by_role("button", name="Toewijzen").click()
        page.wait_for_selector("text=Lees de tekst eerst na.")
        first = page.locator("article.message").first
        assert first.locator("textarea[name=tekst]").input_value() == HOSTILE
        first.locator("select[name=intent]").select_option("info_wmo")
        first.get_by_label("Ik heb de tekst nagelezen").check()
        first.get_by_role("button", name="Toewijzen").click()
        page.wait_for_selector("text=Uw keuze is opgeslagen.")
        assert dialogs == []

    with session_factory(url)() as session:
        message = session.scalars(
            sa.select(UnansweredMessage).where(UnansweredMessage.source_event_id == "test#hostile")
        ).one()
        assert (message.review_status, message.review_intent) == ("toegewezen", "info_wmo")
        assert message.text_checked_by == "test-manager"
