"""The NL Design System look (design/): theme, components, font and the organisation's token
file are served by the gateway itself, and no page or stylesheet loads anything from elsewhere."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "gateway" / "static" / "vendor"
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
VENDOR_SHEETS = [
    "/static/vendor/theme.css",
    "/static/vendor/components.css",
    "/static/vendor/noto-sans/400.css",
    "/static/vendor/noto-sans/700.css",
    "/static/vendor/voordeur.css",
    "/static/vendor/organisation.css",
]

# scripts/test.sh installs the design files and sets VOORDEUR_REQUIRE_BROWSER=1: there a
# missing vendor folder fails these tests instead of skipping them.
pytestmark = pytest.mark.skipif(
    not VENDOR.is_dir() and os.environ.get("VOORDEUR_REQUIRE_BROWSER") != "1",
    reason="NL Design System files not copied: run design/vendor.sh",
)


def local_loads(css: str) -> list[str]:
    """The url(...) references a stylesheet makes the browser load (data: URIs load nothing)."""
    return [url for url in CSS_URL.findall(css) if not url.startswith("data:")]


@pytest.mark.parametrize("path", ["/", "/widget", "/toegankelijkheid"])
async def test_pages_load_the_vendor_styles_from_the_gateway(
    gateway: httpx.AsyncClient, path: str
) -> None:
    page = await gateway.get(path)
    assert page.status_code == 200
    assert "voorbeeld-theme" in page.text
    sheets = STYLESHEET.findall(page.text)
    # Theme, components, font, bridge and the organisation's tokens come first, in that order.
    assert sheets[: len(VENDOR_SHEETS)] == VENDOR_SHEETS
    assert sheets[-1] == "/static/chat.css"
    for sheet in sheets:
        assert sheet.startswith("/") and not sheet.startswith("//"), sheet
        response = await gateway.get(sheet)
        assert response.status_code == 200, sheet
        assert response.headers["content-type"].startswith("text/css"), sheet


async def test_the_font_is_served_by_the_gateway(gateway: httpx.AsyncClient) -> None:
    font_files: list[str] = []
    for sheet in VENDOR_SHEETS:
        css = (await gateway.get(sheet)).text
        assert "@import" not in css, sheet
        for url in local_loads(css):
            assert not re.match(r"[a-z]+:|//", url), f"{sheet} loads {url}"
            font_files.append(urljoin(sheet, url))
    assert "/static/vendor/noto-sans/files/noto-sans-latin-400-normal.woff2" in font_files
    assert "/static/vendor/noto-sans/files/noto-sans-latin-700-normal.woff2" in font_files
    for font in font_files:
        response = await gateway.get(font)
        assert response.status_code == 200, font
        assert response.headers["content-type"] in ("font/woff2", "font/woff"), font
        assert response.content[:4] in (b"wOF2", b"wOFF"), font


async def test_csp_allows_only_own_fonts(gateway: httpx.AsyncClient) -> None:
    policy = (await gateway.get("/")).headers["content-security-policy"]
    assert "font-src 'self'" in policy.split("; ")


async def test_organisation_token_file_is_served_as_copied(gateway: httpx.AsyncClient) -> None:
    served = await gateway.get("/static/vendor/organisation.css")
    assert served.text == (REPO / "config" / "design-tokens.css").read_text(encoding="utf-8")
    assert "--voordeur-color-primary:" in served.text
