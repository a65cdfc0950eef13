"""Make docs/insights-dashboard.png: seeded data, the real dashboard in Debian chromium.

Run: ``.venv/bin/python -m insights.tests.screenshot``. Serves the router with the test
stand-in dependencies (a manager is signed in) only for the time of the screenshot.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from insights.seed import seed
from insights.settings import Settings
from insights.tests.browser import chromium, serve
from insights.tests.conftest import make_app
from tests.services import REPO

OUTPUT = REPO / "docs" / "insights-dashboard.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        insights_url = f"sqlite:///{Path(folder) / 'insights.db'}"
        escalation_url = f"sqlite:///{Path(folder) / 'escalation.db'}"
        seed(insights_url, escalation_url)
        settings = Settings(database_url=insights_url, escalation_database_url=escalation_url)
        with serve(make_app(settings)) as base_url, chromium() as browser:
            page = browser.new_page(
                viewport={"width": 1400, "height": 900},
                locale="nl-NL",
                timezone_id="Europe/Amsterdam",
                extra_http_headers={"x-test-role": "manager"},
            )
            page.goto(f"{base_url}/staff/inzicht/")
            page.screenshot(path=str(OUTPUT), full_page=True)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
