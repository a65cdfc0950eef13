"""The chat page and its assets: served by the gateway, strict CSP, nothing external."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from gateway.tests.conftest import GatewayFactory

GATEWAY_DIR = Path(__file__).resolve().parent.parent
ASSET_FILES = sorted(
    [*GATEWAY_DIR.joinpath("templates").rglob("*"), *GATEWAY_DIR.joinpath("static").rglob("*")]
)
# static/vendor/ holds the NL Design System files design/vendor.sh copies (fonts, licences):
# gateway/tests/test_design.py checks them.
# The tab icon favicon.ico is a picture (gateway/tests/test_page_favicon.py checks it), no text.
ASSET_FILES = [
    path
    for path in ASSET_FILES
    if path.is_file() and "vendor" not in path.parts and path.suffix != ".ico"
]
# An SVG file names its XML namespace with an address: an identifier the browser never fetches.
SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'
EXTERNAL_URL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
# Places the browser goes to, never loads from: links and the "Snel weg" page.
NAVIGATION_URL = re.compile(r'(<a [^>]*href|data-exit-url)="https://[^"]*"')
QUICK_EXIT_DEFAULT = 'data-exit-url="https://www.google.nl/"'


class PageParser(HTMLParser):
    """Collects what the tests look at: tags with their attributes and inline script text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_script = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script += data.strip()


async def get_page(gateway: httpx.AsyncClient) -> tuple[httpx.Response, PageParser]:
    response = await gateway.get("/")
    parser = PageParser()
    parser.feed(response.text)
    return response, parser


async def test_page_is_served_with_security_headers(gateway: httpx.AsyncClient) -> None:
    response, _ = await get_page(gateway)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_page_has_no_inline_script_styles_or_handlers(gateway: httpx.AsyncClient) -> None:
    _, page = await get_page(gateway)

    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts, "the page loads its script"
    assert all((attrs.get("src") or "").startswith("/static/") for attrs in scripts)
    assert page.inline_script == ""
    for tag, attrs in page.tags:
        assert "style" not in attrs, f"inline style on <{tag}>"
        assert not [name for name in attrs if name.startswith("on")], f"handler on <{tag}>"


async def test_page_has_the_accessible_chat_parts(gateway: httpx.AsyncClient) -> None:
    response, page = await get_page(gateway)
    tags = {(tag, attrs.get("id")): attrs for tag, attrs in page.tags}

    assert response.text.lstrip().lower().startswith("<!doctype html>")
    assert ("html", None) in tags and tags[("html", None)]["lang"] == "nl"
    assert tags[("div", "messages")]["aria-live"] == "polite"
    labels = [attrs for tag, attrs in page.tags if tag == "label"]
    assert any(attrs.get("for") == "message-input" for attrs in labels)
    assert tags[("textarea", "message-input")]["maxlength"] == "1000"
    assert tags[("button", "send-button")]["type"] == "submit"
    assert "Deel geen BSN" in response.text
    assert "width=device-width" in response.text
    assert "Sociaal Team Teststad" in response.text  # from the organisation file


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/static/chat.js", "javascript"), ("/static/chat.css", "text/css")],
)
async def test_assets_are_served_by_the_gateway(
    gateway: httpx.AsyncClient, path: str, content_type: str
) -> None:
    response = await gateway.get(path)
    assert response.status_code == 200
    assert content_type in response.headers["content-type"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert not EXTERNAL_URL.search(response.text)


async def test_rendered_page_loads_nothing_external(gateway: httpx.AsyncClient) -> None:
    response, _ = await get_page(gateway)
    assert not EXTERNAL_URL.search(NAVIGATION_URL.sub("", response.text))
    assert QUICK_EXIT_DEFAULT in response.text


def test_asset_files_exist() -> None:
    names = {path.name for path in ASSET_FILES}
    assert {"chat.html", "chat.js", "chat.css"} <= names


@pytest.mark.parametrize("path", ASSET_FILES, ids=lambda path: path.name)
def test_asset_files_have_no_external_urls(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace(QUICK_EXIT_DEFAULT, "")
    if path.suffix == ".svg":
        text = text.replace(SVG_NAMESPACE, "", 1)
    assert "http://" not in text and "https://" not in text
    assert not EXTERNAL_URL.search(text)
    assert "@import" not in text


@pytest.mark.parametrize("name", ["chat.js", "widget.js"])
def test_script_never_writes_html_from_strings(name: str) -> None:
    script = (GATEWAY_DIR / "static" / name).read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in script
    assert "textContent" in script
    assert "sessionStorage" in script


async def test_widget_script_may_be_loaded_by_other_sites(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/widget.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"


async def test_only_the_widget_page_may_be_framed(gateway_factory: GatewayFactory) -> None:
    async with gateway_factory(widget_origins=["https://www.example.nl"]) as client:
        page = await client.get("/")
        widget = await client.get("/widget")
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "x-frame-options" not in widget.headers
    csp = widget.headers["content-security-policy"]
    assert "frame-ancestors 'self' https://www.example.nl" in csp
    assert "script-src 'self'" in csp
    assert 'id="close-widget"' in widget.text and 'id="close-widget"' not in page.text


async def test_accessibility_statement_is_linked_and_honest(gateway: httpx.AsyncClient) -> None:
    chat = await gateway.get("/")
    assert 'href="/toegankelijkheid"' in chat.text
    response = await gateway.get("/toegankelijkheid")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    parser = PageParser()
    parser.feed(response.text)
    assert parser.inline_script == ""
    assert not any("style" in attrs for _, attrs in parser.tags)
    assert not EXTERNAL_URL.search(response.text)
    text = response.text
    assert "Toegankelijkheid van de chat van Sociaal Team Teststad" in text
    assert "Wat wij getest hebben" in text and "Wat nog niet goed werkt" in text
    assert "schermlezer" in text and 'href="tel:0123456789"' in text
