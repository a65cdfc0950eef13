"""The chat's pages in Debian's chromium ask for nothing that is not there: the tab icon
included (browser review 2026-11-27: /favicon.ico answered 404)."""

from __future__ import annotations

from typing import Any

from gateway.tests.browser import skip_without_tools
from gateway.tests.rasa_stand_in import RasaStandIn
from gateway.tests.test_browser import (  # noqa: F401
    browser,
    host_port,
    organisation_file,
    served_gateway,
)
from tests.chromium import linked_icon

pytestmark = skip_without_tools()


def test_chat_pages_have_their_icon_and_no_missing_files(
    served_gateway: str,  # noqa: F811
    rasa: RasaStandIn,
    browser: Any,  # noqa: F811
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    answers: dict[str, int] = {}
    page.on("response", lambda response: answers.setdefault(response.url, response.status))
    for path in ("/", "/toegankelijkheid"):
        page.goto(served_gateway + path)
        page.wait_for_load_state("networkidle")
        icon = linked_icon(page)
        assert icon == ["/static/favicon.svg", 200, "image/svg+xml"]
    missing = {url: status for url, status in answers.items() if status >= 400}
    assert missing == {}
    # Where a browser asks without a link (an older one, a bookmark), the same icon.
    response = page.goto(served_gateway + "/favicon.ico")
    assert response is not None
    assert response.status == 200
    assert response.headers["content-type"] == "image/x-icon"
