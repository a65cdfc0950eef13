"""The widget on a host page at browser zoom, in Debian's chromium (WCAG 1.4.10 reflow).

Browser zoom is modelled as the browser does it: a 1280x1024 window at 400% is a viewport of
320x256 CSS pixels with four device pixels to each (``device_scale_factor``), 1280x800 at 200% is
640x400 with two. The screenshots are what the person sees, at the window's real size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gateway.tests.browser import host_site, run_axe, skip_without_tools
from gateway.tests.rasa_stand_in import RasaStandIn
from gateway.tests.test_browser import (  # noqa: F401
    Watched,
    browser,
    crisis_reply,
    host_port,
    organisation_file,
    page_stays_put,
    served_gateway,
)
from tests.chromium import screenshot_path

pytestmark = skip_without_tools()


@pytest.mark.parametrize(
    ("width", "height", "zoom", "name"),
    [
        (320, 256, 4, "chat-widget-zoom400-320x256.png"),  # a 1280x1024 window at 400%
        (640, 400, 2, "chat-widget-zoom200-640x400.png"),  # a 1280x800 window at 200%
    ],
)
def test_widget_at_browser_zoom_keeps_the_conversation_in_view(
    served_gateway: str,  # noqa: F811
    rasa: RasaStandIn,
    browser: Any,  # noqa: F811
    tmp_path: Path,
    host_port: int,  # noqa: F811
    width: int,
    height: int,
    zoom: int,
    name: str,
) -> None:
    rasa.reply = crisis_reply
    watched = Watched(
        browser, viewport={"width": width, "height": height}, device_scale_factor=zoom
    )
    page = watched.page
    with host_site(tmp_path, host_port, served_gateway) as host:
        page.goto(host + "/")
        page.focus("#voordeur-widget-button")
        page.keyboard.press("Enter")
        frame = page.locator("#voordeur-widget-frame")
        frame.wait_for()
        # In a short window the open widget takes the whole window: the frame is all there is.
        box = frame.bounding_box()
        assert box == {"x": 0, "y": 0, "width": width, "height": height}, box
        assert page.locator("#voordeur-widget-button").is_hidden()

        chat = page.frame_locator("#voordeur-widget-frame")
        chat.locator("#start-conversation").click()
        chat.locator(".message-bot").first.wait_for()
        chat.locator("#message-input").press_sequentially("ik wil niet meer leven")
        chat.locator("#message-input").press("Enter")
        chat.locator("button.quick-reply >> text=Ja, neem contact met mij op").wait_for()
        view = chat.locator("#chat").element_handle().owner_frame()
        assert view

        def box_of(selector: str) -> dict[str, float]:
            found: dict[str, float] | None = view.locator(selector).first.bounding_box()
            assert found, selector
            return found

        page_stays_put(view)
        assert view.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The header collapses; the messages keep the largest part of the window.
        header, messages = box_of(".chat-header"), box_of("#messages")
        assert header["height"] <= 0.25 * height, header
        assert messages["height"] >= 0.5 * height, messages
        # The answer is shown from its top, and the crisis line is reachable by scrolling the
        # messages (the Veilig Thuis/113 number), while the emergency number stays on screen.
        answer = box_of(".message-bot >> nth=1")
        assert messages["y"] <= answer["y"] <= messages["y"] + 16
        for selector in (".chat-emergency a", "#quick-exit", "#close-widget", "#message-input"):
            found = box_of(selector)
            assert found["y"] >= 0 and found["y"] + found["height"] <= height, selector
            assert found["x"] >= 0 and found["x"] + found["width"] <= width, selector
        page.screenshot(path=str(screenshot_path(name, tmp_path)))
        number = view.locator(".message-bot a.tel >> text=113").first
        number.scroll_into_view_if_needed()
        found = number.bounding_box()
        assert found
        assert messages["y"] <= found["y"]
        assert found["y"] + found["height"] <= messages["y"] + messages["height"]
        assert run_axe(page) == []

        # "Sluiten" closes it: the button is back, with the keyboard focus.
        view.locator("#close-widget").click()
        page.wait_for_selector("#voordeur-widget-frame", state="hidden")
        assert page.locator("#voordeur-widget-button").is_visible()
        assert page.evaluate("document.activeElement.id") == "voordeur-widget-button"
        watched.assert_clean(served_gateway + "/", host + "/")
