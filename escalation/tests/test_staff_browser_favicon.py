"""The staff pages in Debian's chromium ask for nothing that is not there: the tab icon included
(browser review 2026-11-27: /favicon.ico answered 404). The icon is the chat's (gateway/static)."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Browser, Response

from escalation.tests.test_staff_browser import Site, browser, log_in, site  # noqa: F401
from gateway.tests.browser import skip_without_tools
from tests.chromium import linked_icon

pytestmark = skip_without_tools()

REPO = Path(__file__).resolve().parents[2]


def test_staff_pages_have_their_icon_and_no_missing_files(
    browser: Browser,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    for name in ("favicon.svg", "favicon.ico"):
        staff = (REPO / "escalation" / "static" / name).read_bytes()
        assert staff == (REPO / "gateway" / "static" / name).read_bytes(), name

    page = log_in(browser, site, "anna")
    answers: dict[str, int] = {}

    def record(response: Response) -> None:
        answers.setdefault(response.url, response.status)

    page.on("response", record)
    for path in ("/staff/", "/staff/login"):
        page.goto(site.base_url + path)
        page.wait_for_load_state("networkidle")
        icon = linked_icon(page)
        assert icon == ["/staff/static/favicon.svg", 200, "image/svg+xml"]
    assert {url: status for url, status in answers.items() if status >= 400} == {}
    # Where a browser asks without a link (the insights pages, a bookmark): the same icon,
    # also before logging in.
    response = httpx.get(site.base_url + "/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.content == (REPO / "escalation" / "static" / "favicon.ico").read_bytes()
