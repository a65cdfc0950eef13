"""Debian's chromium, driven by Playwright: where it is and how to start it.

No browser is ever downloaded: the tests use the executable apt installed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
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


def screenshot_path(name: str, scratch: Path) -> Path:
    """Where a test saves its screenshot: ``docs/<name>`` with VOORDEUR_UPDATE_SCREENSHOTS=1
    (to refresh the pictures in the docs), else ``scratch``, so a test run leaves the tree clean.
    """
    return (DOCS if os.environ.get("VOORDEUR_UPDATE_SCREENSHOTS") == "1" else scratch) / name


def linked_icon(page: Page) -> list[object]:
    """The page's ``<link rel=icon>``: its href, and the status and type its server answers.

    Headless chromium never asks for the icon itself, so the page fetches it.
    """
    answer: list[object] = page.evaluate(
        "async () => { const link = document.querySelector('link[rel=icon]');"
        " const answer = await fetch(link.href);"
        " const kind = answer.headers.get('content-type');"
        " return [link.getAttribute('href'), answer.status, kind]; }"
    )
    return answer
