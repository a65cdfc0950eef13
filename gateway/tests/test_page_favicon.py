"""The tab icon: a small self-hosted picture, so /favicon.ico never answers 404 (browser review
2026-11-27). The pages link the SVG; /favicon.ico is the same door as a 32x32 PNG in an ICO file
(made once from the SVG in chromium). The staff app serves the same two files."""

from __future__ import annotations

import struct
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from gateway.tests.test_page import EXTERNAL_URL, SVG_NAMESPACE, PageParser

STATIC = Path(__file__).resolve().parents[1] / "static"


async def test_favicon_ico_is_a_32_pixel_icon(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    icon = response.content
    assert icon == (STATIC / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", icon[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    width, height, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", icon[6:22])
    assert (width, height) == (32, 32)
    png = icon[offset : offset + size]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (32, 32)


async def test_favicon_svg_draws_only_itself(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/static/favicon.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.text)  # noqa: S314 (the repository's own file)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # The namespace is the one address; nothing is fetched, nothing runs.
    assert not EXTERNAL_URL.search(response.text.replace(SVG_NAMESPACE, "", 1))
    assert not any(
        element.tag.endswith("script") or any(name.endswith("href") for name in element.attrib)
        for element in root.iter()
    )


@pytest.mark.parametrize("path", ["/", "/widget", "/toegankelijkheid"])
async def test_pages_link_the_icon(gateway: httpx.AsyncClient, path: str) -> None:
    parser = PageParser()
    parser.feed((await gateway.get(path)).text)
    icons = [attrs for tag, attrs in parser.tags if tag == "link" and attrs.get("rel") == "icon"]
    assert icons == [{"rel": "icon", "href": "/static/favicon.svg", "type": "image/svg+xml"}]
