"""Debian's chromium, driven by Playwright: where it is and how to start it.

No browser is ever downloaded: the tests use the executable apt installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Headless chromium for the block; fails clearly when it is not installed."""
    assert CHROMIUM, "chromium is missing: apt-get install chromium (scripts/install.sh does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
