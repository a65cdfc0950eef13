"""The melding page explains 'LOOPT AF': beside the calendar countdown it names the office time
left, which the badge counts (browser review 2026-11-27: on a Saturday "nog 2 dagen en 3 uur"
next to LOOPT AF read as a contradiction). In Debian's chromium, as test_staff_browser."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect

from escalation.countdown import office_time_left
from escalation.models import utcnow
from escalation.organisation import load_organisation
from escalation.settings import Settings
from escalation.tests.test_staff_browser import Site, browser, log_in, site  # noqa: F401
from gateway.tests.browser import skip_without_tools
from tests.chromium import screenshot_path

pytestmark = skip_without_tools()


def delta_with_office_time(office_time: timedelta) -> timedelta:
    """How far ahead a deadline lies that leaves ``office_time`` of office time from now."""
    organisation = load_organisation(Settings.model_fields["organisation_file"].default)
    now = utcnow()
    delta = timedelta(0)
    while office_time_left(now + delta, now, organisation) < office_time:
        delta += timedelta(minutes=15)
    return delta


def test_melding_page_names_the_office_time_the_loopt_af_badge_counts(
    browser: Browser,  # noqa: F811
    site: Site,  # noqa: F811
    tmp_path: Path,
) -> None:
    # Two office hours left: 'loopt af' (ESCALATION_WARN_BEFORE_HOURS is 4) on any day.
    soon = site.melding("soon", naam="Spoed Persoon", spoed=True)
    delta = delta_with_office_time(timedelta(hours=2))
    site.set_deadline(soon["id"], delta)
    page = log_in(browser, site, "anna")
    badge = page.locator("tr", has_text="Spoed Persoon").locator(".loopt-af-label")
    expect(badge).to_have_attribute("title", re.compile("weinig kantoortijd"))
    page.clock.install()  # the page's own clock, to move it past the deadline below
    page.get_by_role("link", name=soon["referentie"]).click()

    termijn = page.locator("#termijn")
    expect(termijn.locator(".loopt-af-label")).to_have_text("LOOPT AF")
    expect(termijn.locator(".loopt-af-label")).to_have_attribute(
        "title", re.compile("avonden, weekenden en sluitingsdagen tellen niet")
    )
    if delta > timedelta(hours=2, minutes=15):
        # Evening, weekend or closing days before the deadline: both amounts, side by side.
        expect(page.locator("#kantoortijd")).to_have_text(", waarvan 2 uur kantoortijd")
        expect(termijn).to_contain_text(", waarvan 2 uur kantoortijd)")
    else:
        # Within office hours the countdown already is the office time: said once.
        expect(page.locator("#kantoortijd")).to_have_count(0)
    page.screenshot(path=str(screenshot_path("staff-melding-loopt-af.png", tmp_path)))

    # Left open past the deadline, the page says "te laat" and no longer names office time.
    page.clock.fast_forward(int((delta + timedelta(minutes=2)).total_seconds() * 1000))
    expect(termijn.locator(".countdown")).to_contain_text("te laat")
    expect(page.locator("#kantoortijd")).to_be_hidden()
