"""The chat page and the widget in a real browser (Debian's chromium, driven by Playwright).

The gateway runs under uvicorn in a thread, talking to the Rasa stand-in. Skipped with the
reason when chromium or axe-core is missing (``scripts/install.sh`` installs both).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import expect
from pydantic import SecretStr

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tests.browser import host_site, run_axe, skip_without_tools
from gateway.tests.conftest import ORGANISATION_YAML, PSEUDONYM_KEY
from gateway.tests.rasa_stand_in import RasaStandIn, default_reply, free_port
from gateway.widget_look import widget_look
from tests.chromium import launch_chromium, screenshot_path

pytestmark = skip_without_tools()

GATEWAY_STATIC = Path(__file__).resolve().parents[1] / "static"

TRICKY_TEXT = (
    "Kijk op https://www.example.nl/wmo. Of lees [onze pagina](https://example.nl/hulp).\n"
    "Mail naar info@example.nl. <img src=x onerror=alert(1)> [klik](javascript:alert(1))"
)


def reply(request: dict[str, Any]) -> Any:
    if request.get("message") in ("/greet", "/restart"):
        return default_reply(request) if request["message"] == "/greet" else []
    return [{"recipient_id": request["sender"], "text": TRICKY_TEXT}]


@pytest.fixture
def host_port() -> int:
    return free_port()


@pytest.fixture
def organisation_file(tmp_path: Path) -> Path:
    """The test organisation, with a privacy statement and opening hours."""
    path = tmp_path / "organisation.yml"
    path.write_text(
        ORGANISATION_YAML
        + 'privacyverklaring: "https://www.sociaalteam-teststad.nl/privacy"\n'
        + 'openingstijden:\n  maandag: ["08:30", "17:00"]\n  dinsdag: ["08:30", "17:00"]\n'
        + '  woensdag: ["08:30", "17:00"]\n  donderdag: ["08:30", "17:00"]\n'
        + '  vrijdag: ["08:30", "12:30"]\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def served_gateway(rasa: RasaStandIn, organisation_file: Path, host_port: int) -> Iterator[str]:
    """The gateway on a real port, for the browser; the host site may embed the widget."""
    rasa.reply = reply
    with serve(rasa, organisation_file, host_port) as url:
        yield url


@pytest.fixture
def erasing_gateway(
    rasa: RasaStandIn, organisation_file: Path, host_port: int, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """As ``served_gateway``, with the token that lets the gateway have Rasa erase conversations."""
    monkeypatch.setenv("GATEWAY_RASA_DELETE_TOKEN", "test-erase-token")
    rasa.reply = melding_reply
    with serve(rasa, organisation_file, host_port) as url:
        yield url


MELDING_TEXT = "Uw melding is ontvangen. Uw nummer is VD-4QHGS2. Een medewerker belt u."


def melding_reply(request: dict[str, Any]) -> Any:
    if request.get("message") == "/greet":
        return default_reply(request)
    if request.get("message") == "/restart":
        return []
    return [{"recipient_id": request["sender"], "text": MELDING_TEXT}]


@contextmanager
def serve(rasa: RasaStandIn, organisation_file: Path, host_port: int) -> Iterator[str]:
    """Run the gateway under uvicorn in a thread for the block."""
    settings = Settings(
        pseudonym_key=SecretStr(PSEUDONYM_KEY),
        rasa_url=rasa.url,
        rasa_timeout_seconds=2,
        organisation_file=organisation_file,
        widget_origins=[f"http://127.0.0.1:{host_port}"],
    )
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "gateway did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Any]:
    with launch_chromium() as launched:
        yield launched


class Watched:
    """A page with everything it requested, its console errors and dialogs recorded."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.page = browser.new_context(**context).new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console", lambda msg: self.problems.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("dialog", self._dismiss)

    def _dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self, *origins: str) -> None:
        assert self.dialogs == []
        foreign = [url for url in self.requests if not url.startswith(origins)]
        assert foreign == [], foreign
        unexpected = [text for text in self.problems if "503" not in text and "404" not in text]
        assert unexpected == [], unexpected


def test_conversation_in_a_narrow_browser(
    served_gateway: str, rasa: RasaStandIn, browser: Any
) -> None:
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page

    # The privacy notice comes first; nothing reaches Rasa before the inwoner starts.
    page.goto(served_gateway + "/")
    assert "Deel geen BSN" in page.inner_text("#privacy")
    assert page.is_hidden("#chat-form")
    assert rasa.received == []
    page.click("#start-conversation")
    page.wait_for_selector("button.quick-reply")
    assert rasa.received[0]["message"] == "/greet"
    assert "Goedendag" in page.inner_text("#messages")
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('voordeur.gesprek'))")
    session_id = stored["sessionId"]
    assert session_id and len(session_id) == 32

    # A quick reply sends its payload and shows its title as the inwoner's message.
    page.click("button.quick-reply >> text=Ik ben mantelzorger")
    page.wait_for_selector(".message-bot >> nth=1")
    assert rasa.received[1]["message"] == '/mantelzorg{"rol":"mantelzorger"}'
    assert page.inner_text(".message-user").endswith("Ik ben mantelzorger")
    assert page.locator("button.quick-reply").count() == 0

    # Typed; links become safe links, markup stays text.
    page.fill("#message-input", "Waar vind ik informatie?")
    page.press("#message-input", "Enter")
    page.wait_for_selector(".message-bot >> nth=2")
    assert rasa.received[2]["message"] == "Waar vind ik informatie?"
    links = page.eval_on_selector_all(
        ".message-bot a", "els => els.map(e => [e.getAttribute('href'), e.rel])"
    )
    hrefs = [href for href, _ in links]
    assert "https://www.example.nl/wmo" in hrefs
    assert "https://example.nl/hulp" in hrefs
    assert "mailto:info@example.nl" in hrefs
    assert not any(href.startswith("javascript") for href in hrefs)
    assert all("noopener" in rel for href, rel in links if href.startswith("https"))
    assert page.locator(".message-bot img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".message-bot >> nth=1")

    # Fits in 320 px without sideways scrolling; the same pseudonym is used throughout.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    senders = {body["sender"] for body in rasa.received}
    assert len(senders) == 1 and session_id not in next(iter(senders))
    assert run_axe(page) == []

    # Rasa down: an honest notice, and the typed text is kept for another try.
    rasa.status = 500
    rasa.raw_body = b"{}"
    page.fill("#message-input", "Hallo?")
    page.click("#send-button")
    page.wait_for_selector(".message-notice")
    assert "later opnieuw" in page.inner_text(".message-notice")
    assert page.input_value("#message-input") == "Hallo?"
    assert page.is_hidden("#callback-form")  # no escalation token: no call-back form

    # After a reload the whole conversation is still there and no new greeting is sent.
    shown = page.inner_text("#messages")
    greetings = sum(body["message"] == "/greet" for body in rasa.received)
    page.reload()
    page.wait_for_selector(".message-notice")
    assert page.inner_text("#messages") == shown
    assert sum(body["message"] == "/greet" for body in rasa.received) == greetings

    # End and delete: Rasa is told to restart, the page forgets everything.
    rasa.status = 200
    rasa.raw_body = None
    page.click("#end-conversation")
    assert page.is_visible("#end-dialog")
    assert "blijft wel bij het team" in page.inner_text("#end-dialog")
    page.click("#end-confirm")
    page.wait_for_selector("#privacy:not([hidden])")
    assert rasa.received[-1]["message"] == "/restart"
    assert rasa.received[-1]["sender"] in senders
    assert page.inner_text("#messages") == ""
    assert "beëindigd" in page.inner_text("#end-result")
    assert page.evaluate("sessionStorage.getItem('voordeur.gesprek')") is None
    watched.assert_clean(served_gateway + "/")


def test_keyboard_only(served_gateway: str, rasa: RasaStandIn, browser: Any) -> None:
    watched = Watched(browser)
    page = watched.page
    page.goto(served_gateway + "/")

    def tab_to(selector: str, limit: int = 15) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement === document.querySelector('{selector}')"):
                return
        raise AssertionError(f"{selector} cannot be reached with Tab")

    tab_to("#start-conversation")
    page.keyboard.press("Enter")
    page.wait_for_selector("button.quick-reply")
    assert page.evaluate("document.activeElement.id") == "message-input"

    tab_to("button.quick-reply")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-bot >> nth=1")
    assert rasa.received[-1]["message"] == "/zoek_hulp"

    assert page.evaluate("document.activeElement.id") == "message-input"
    page.keyboard.type("Ik typ alleen met het toetsenbord")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-bot >> nth=2")
    assert rasa.received[-1]["message"] == "Ik typ alleen met het toetsenbord"

    # Focus is always visible.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Shift+Tab")  # from the message box to the list or button before it
    assert page.evaluate("document.activeElement !== document.body")

    # The messages are announced: the log is a polite live region.
    assert page.get_attribute("#messages", "aria-live") == "polite"
    assert page.get_attribute("#messages", "role") == "log"
    assert page.get_attribute("#chat-status", "role") == "status"
    watched.assert_clean(served_gateway + "/")


def test_widget_on_a_host_page(
    served_gateway: str, rasa: RasaStandIn, browser: Any, host_port: int, tmp_path: Path
) -> None:
    with host_site(tmp_path, host_port, served_gateway) as host:
        watched = Watched(browser, viewport={"width": 320, "height": 640})
        page = watched.page
        page.goto(host + "/")
        assert page.locator("iframe").count() == 1
        assert page.is_hidden("#voordeur-widget-frame")
        assert run_axe(page) == []

        # Keyboard: open with Enter, the frame gets focus, the chat works inside it.
        page.focus("#voordeur-widget-button")
        page.keyboard.press("Enter")
        assert page.get_attribute("#voordeur-widget-button", "aria-expanded") == "true"
        chat = page.frame_locator("#voordeur-widget-frame")
        chat.locator("#start-conversation").click()
        chat.locator("button.quick-reply").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert run_axe(page) == []

        # After a reload the widget is open again with the same conversation.
        page.reload()
        chat = page.frame_locator("#voordeur-widget-frame")
        chat.locator(".message-bot").first.wait_for()
        assert "Goedendag" in chat.locator("#messages").inner_text()
        assert sum(body["message"] == "/greet" for body in rasa.received) == 1

        # Escape inside the frame, or "Sluiten", closes the widget; focus goes back to the button.
        chat.locator("#message-input").press("Escape")
        page.wait_for_selector("#voordeur-widget-frame", state="hidden")
        assert page.evaluate("document.activeElement.id") == "voordeur-widget-button"
        page.keyboard.press("Enter")
        chat.locator("#close-widget").click()
        page.wait_for_selector("#voordeur-widget-frame", state="hidden")
        assert page.evaluate("document.activeElement.id") == "voordeur-widget-button"
        watched.assert_clean(served_gateway + "/", host + "/")


def _rgb(colour: str) -> str:
    """``#rrggbb`` as the browser reports a computed colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_widget_button_wears_the_design_tokens(
    served_gateway: str, rasa: RasaStandIn, browser: Any, host_port: int, tmp_path: Path
) -> None:
    """The launcher on the host site has the chat's colours and focus, from the token files."""
    look = widget_look(GATEWAY_STATIC / "vendor")
    primary = look.get("--voordeur-color-primary", "#5115ef")
    rasa.reply = melding_reply
    with host_site(tmp_path, host_port, served_gateway) as host:
        watched = Watched(browser, viewport={"width": 1280, "height": 800})
        page = watched.page
        page.goto(host + "/")
        button = page.locator("#voordeur-widget-button")
        colours = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
        assert button.evaluate(colours) == [
            _rgb(primary),
            _rgb(look.get("--voordeur-color-primary-text", "#ffffff")),
        ]
        button.hover()
        hover = look.get("--voordeur-color-primary-hover", "#3b0fb0")
        assert button.evaluate("el => getComputedStyle(el).backgroundColor") == _rgb(hover)
        page.mouse.move(0, 0)
        # Keyboard focus: the chat's yellow outline with the dark ring.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "voordeur-widget-button"
        outline = button.evaluate("el => getComputedStyle(el).outlineColor")
        assert outline == _rgb(look.get("--voordeur-focus-color", "#ffdd00"))
        page.keyboard.press("Enter")
        frame = page.locator("#voordeur-widget-frame")
        assert frame.evaluate("el => getComputedStyle(el).borderTopColor") == _rgb(primary)
        chat = page.frame_locator("#voordeur-widget-frame")
        start = chat.locator("#start-conversation")
        # The frame's script enables the button; Enter on it earlier would do nothing.
        expect(start).to_be_enabled()
        start.press("Enter")
        chat.locator(".message-bot").first.wait_for()
        chat.locator("#message-input").press_sequentially(
            "Ik zorg voor mijn man en ben doodop. Wilt u mij terugbellen?"
        )
        chat.locator("#message-input").press("Enter")
        chat.locator(".message-bot >> nth=1").wait_for()
        assert run_axe(page) == []
        page.screenshot(path=str(screenshot_path("chat-widget.png", tmp_path)))
        watched.assert_clean(served_gateway + "/", host + "/")


def test_a_quick_reply_under_the_pointer_does_not_look_chosen(
    served_gateway: str, browser: Any
) -> None:
    """Hover underlines a reply; it is not filled like a chosen one (review w1-06, w1-10)."""
    watched = Watched(browser, viewport={"width": 1280, "height": 800})
    page = watched.page
    page.goto(served_gateway + "/")
    page.focus("#start-conversation")
    page.keyboard.press("Enter")
    replies = page.locator("button.quick-reply")
    replies.nth(1).wait_for()
    replies.first.hover()
    style = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).textDecorationLine]"
    hovered, other = replies.first.evaluate(style), replies.nth(1).evaluate(style)
    assert hovered[0] == other[0]
    assert (hovered[1], other[1]) == ("underline", "none")
    watched.assert_clean(served_gateway + "/")


def test_widget_frame_is_refused_on_other_sites(
    served_gateway: str, browser: Any, tmp_path: Path
) -> None:
    with host_site(tmp_path, free_port(), served_gateway) as other:
        watched = Watched(browser)
        watched.page.goto(other + "/")
        watched.page.click("#voordeur-widget-button")
        watched.page.wait_for_timeout(500)
        frame = watched.page.frames[1]
        assert frame.evaluate("document.getElementById('chat')") is None


CRISIS_REPLY = [
    "Dit klinkt ernstig. Uw veiligheid gaat voor.\n"
    "• Denkt u aan zelfmoord? Praat erover met de zelfmoordpreventielijn: bel 113 of gratis "
    "0800-0113. Dat kan dag en nacht.\n"
    "• Bent u of is iemand anders nu in direct gevaar? Bel 112.",
    "Wilt u ook dat een medewerker van het sociaal team contact met u opneemt? Dan maak ik een "
    "melding met spoed.\nWij zijn nu gesloten. Een medewerker leest uw melding op zijn vroegst "
    "maandag 30 november om 8.30 uur. Hebt u nu hulp nodig? Bel 112 bij gevaar, of 113 als u "
    "aan zelfmoord denkt.",
]


def crisis_reply(request: dict[str, Any]) -> Any:
    if request.get("message") == "/greet":
        return default_reply(request)
    texts = CRISIS_REPLY
    buttons = [{"title": "Ja, neem contact met mij op", "payload": "/affirm"}]
    return [
        {"recipient_id": request["sender"], "text": texts[0]},
        {"recipient_id": request["sender"], "text": texts[1], "buttons": buttons},
    ]


def test_on_a_small_phone_the_crisis_number_is_visible_and_tappable(
    served_gateway: str, rasa: RasaStandIn, browser: Any, tmp_path: Path
) -> None:
    rasa.reply = crisis_reply
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.goto(served_gateway + "/")
    page.click("#start-conversation")
    page.wait_for_selector(".message-bot")
    page.click("#message-input")
    page.keyboard.type("ik wil niet meer leven")
    page.keyboard.press("Enter")
    page.wait_for_selector("button.quick-reply >> text=Ja, neem contact met mij op")

    # The reply is shown from its top: the 113 line of the first bubble is on screen.
    first_113 = page.locator(".message-bot a.tel", has_text="0800-0113").first
    box = first_113.bounding_box()
    messages = page.locator("#messages").bounding_box()
    assert box and messages
    assert (
        messages["y"] <= box["y"] and box["y"] + box["height"] <= messages["y"] + messages["height"]
    )
    assert first_113.get_attribute("href") == "tel:08000113"
    # A number never breaks across lines.
    assert first_113.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    page.screenshot(path=str(screenshot_path("chat-crisis-320.png", tmp_path)))
    watched.assert_clean(served_gateway)


def page_stays_put(page: Any) -> None:
    """The page itself does not scroll: no taller than the window, header at the top."""
    sizes = page.evaluate(
        "({scroll: document.documentElement.scrollHeight, window: innerHeight,"
        " y: scrollY, header: document.querySelector('.chat-header').getBoundingClientRect().top})"
    )
    assert sizes["scroll"] <= sizes["window"], sizes
    assert sizes["y"] == 0 and sizes["header"] == 0, sizes


def test_the_page_never_scrolls_away_from_the_chat(
    served_gateway: str, rasa: RasaStandIn, browser: Any, tmp_path: Path
) -> None:
    watched = Watched(browser, viewport={"width": 1280, "height": 800})
    page = watched.page
    page.goto(served_gateway + "/")
    page.click("#start-conversation")
    page.wait_for_selector(".message-bot")
    for number in range(8):
        page.keyboard.type(f"Vraag {number}: waar vind ik informatie over hulp thuis?")
        page.keyboard.press("Enter")
        page.wait_for_selector(f".message-bot >> nth={number + 1}")
    page_stays_put(page)

    # The wheel over the messages and PageDown in the log scroll the messages, never the page.
    page.mouse.move(640, 300)
    for _ in range(10):
        page.mouse.wheel(0, 800)
    page.wait_for_timeout(300)
    page_stays_put(page)
    page.focus("#messages")
    for _ in range(5):
        page.keyboard.press("PageDown")
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    page_stays_put(page)
    page.mouse.wheel(0, -5000)
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('messages').scrollTop") == 0
    page_stays_put(page)
    page.screenshot(path=str(screenshot_path("chat-scrolled-1280.png", tmp_path)))
    watched.assert_clean(served_gateway + "/")


@pytest.mark.parametrize(
    ("width", "height", "in_widget", "name"),
    [
        (320, 640, False, "phone-320x640"),
        # The real widget on a host page at 320x640: widget.js makes its frame 288x544.
        (320, 640, True, "widget-frame-288x544"),
        (640, 400, False, "zoom200-640x400"),
        (320, 256, False, "zoom400-320x256"),  # WCAG 1.4.10: 1280x1024 at 400%
    ],
)
def test_small_screens_and_zoom_keep_the_conversation_in_view(
    served_gateway: str,
    rasa: RasaStandIn,
    browser: Any,
    tmp_path: Path,
    host_port: int,
    width: int,
    height: int,
    in_widget: bool,
    name: str,
) -> None:
    rasa.reply = crisis_reply
    watched = Watched(browser, viewport={"width": width, "height": height})
    page = watched.page
    with host_site(tmp_path, host_port, served_gateway) as host:
        if in_widget:
            page.goto(host + "/")
            page.focus("#voordeur-widget-button")
            page.keyboard.press("Enter")
            frame_box = page.locator("#voordeur-widget-frame").bounding_box()
            assert frame_box
            chat = page.frame_locator("#voordeur-widget-frame").locator("#chat").element_handle()
            assert chat
            view = chat.owner_frame()
            assert view
            left, top = frame_box["x"], frame_box["y"]
            width, height = round(frame_box["width"]), round(frame_box["height"])
        else:
            page.goto(served_gateway + "/")
            view, left, top = page.main_frame, 0.0, 0.0
        view.click("#start-conversation")
        view.wait_for_selector(".message-bot")
        view.locator("#message-input").press_sequentially("ik wil niet meer leven")
        view.locator("#message-input").press("Enter")
        view.wait_for_selector("button.quick-reply >> text=Ja, neem contact met mij op")

        def box(selector: str) -> dict[str, float]:
            """Where ``selector`` is, relative to the chat's own window (the frame)."""
            found = view.locator(selector).first.bounding_box()
            assert found, selector
            return {**found, "x": found["x"] - left, "y": found["y"] - top}

        page_stays_put(view)
        assert view.evaluate("document.documentElement.scrollWidth") <= width
        # The header collapses; the messages keep the largest part of the window.
        header, messages = box(".chat-header"), box("#messages")
        assert header["height"] <= 0.25 * height, header
        assert messages["height"] >= 0.5 * height, messages
        # The answer is shown from its top; its crisis number is in view where four lines fit.
        answer = box(".message-bot >> nth=1")
        assert messages["y"] <= answer["y"] <= messages["y"] + 16
        if height >= 400:
            number = box(".message-bot a.tel >> text=113")
            assert messages["y"] <= number["y"]
            assert number["y"] + number["height"] <= messages["y"] + messages["height"]
        # The emergency number, "Snel weg", the message box and the quick reply are on screen.
        for selector in (
            ".chat-emergency a",
            "#quick-exit",
            "#message-input",
            "button.quick-reply",
        ):
            found = box(selector)
            assert found["y"] >= 0 and found["y"] + found["height"] <= height, selector
            assert found["x"] >= 0 and found["x"] + found["width"] <= width, selector
        if in_widget:
            assert view.locator("#close-widget").is_visible()
        assert run_axe(page) == []
        if name != "phone-320x640":  # that one is docs/chat-crisis-320.png
            clip = {"x": left, "y": top, "width": width, "height": height}
            target = screenshot_path(f"chat-{name}.png", tmp_path)
            page.screenshot(path=str(target), clip=clip)
        watched.assert_clean(served_gateway + "/", host + "/")


def test_the_widget_page_opened_on_its_own_still_leaves_with_snel_weg(
    served_gateway: str, browser: Any
) -> None:
    """/widget outside a frame (a link, a new tab): no "Sluiten" that does nothing, and
    "Snel weg" leaves the page itself instead of asking a host page that is not there."""
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.route(NEUTRAL_PAGE + "**", lambda route: route.fulfill(body="<title>Google</title>"))
    page.goto(served_gateway + "/widget")
    assert page.is_hidden("#close-widget")
    page.focus("#quick-exit")
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_PAGE)
    watched.assert_clean(served_gateway + "/", NEUTRAL_PAGE)


TAB_STOP = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') || el.innerText || el.value || el.id || '').trim();
    return {tag: el.tagName, id: el.id, name: name, width: box.width, height: box.height};
}"""


def tab_stops(page: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Every element Tab reaches from the top of the page, once round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if stop["tag"] == "BODY" or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def test_keyboard_replies_no_empty_stops_and_wissen_asks_first(
    erasing_gateway: str, rasa: RasaStandIn, browser: Any, tmp_path: Path
) -> None:
    rasa.erase_answer = {"deleted": True, "melding": True, "referenties": ["VD-4QHGS2"]}
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.goto(erasing_gateway + "/")

    # No empty tab stops: each one is on screen and has a name, before and after the start.
    before = tab_stops(page)
    assert [stop["id"] for stop in before][-1] == "start-conversation"
    assert all(stop["name"] and stop["width"] > 0 and stop["height"] > 0 for stop in before)
    page.focus("#start-conversation")
    page.keyboard.press("Enter")
    page.wait_for_selector("button.quick-reply")
    assert all(stop["name"] and stop["width"] > 0 for stop in tab_stops(page)), tab_stops(page)

    # The quick replies come right after the message box: one Tab.
    page.focus("#message-input")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "quick-reply"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message-input"  # never on <body>
    page.wait_for_selector(".message-bot >> nth=1")
    assert "VD-4QHGS2" in page.inner_text("#messages")

    # "Gesprek beëindigen en wissen" asks first and says the melding stays; Escape keeps all.
    page.focus("#end-conversation")
    page.keyboard.press("Enter")
    assert page.is_visible("#end-dialog")
    question = page.inner_text("#end-dialog")
    assert "Uw melding VD-4QHGS2 blijft wel bij het team" in question
    assert page.evaluate("document.activeElement.id") == "end-cancel"
    assert run_axe(page) == []
    page.screenshot(path=str(screenshot_path("chat-wissen-320.png", tmp_path)))
    page.keyboard.press("Escape")
    assert page.is_hidden("#end-dialog")
    # A function, not an expression: Playwright evaluates an expression with eval, which the
    # page's CSP forbids (it only worked when the focus had already moved).
    page.wait_for_function("() => document.activeElement.id === 'message-input'")
    assert "VD-4QHGS2" in page.inner_text("#messages")
    assert rasa.erased == []

    # Confirmed: erased at the gateway and in Rasa; the gateway's answer names what stays.
    page.focus("#end-conversation")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "end-confirm"
    page.keyboard.press("Enter")
    page.wait_for_selector("#privacy:not([hidden])")
    assert len(rasa.erased) == 1
    result = page.inner_text("#end-result")
    assert "gewist" in result and "Uw melding VD-4QHGS2 blijft wel bij het team" in result
    assert page.evaluate("document.activeElement.id") == "end-result"  # read first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#privacy') !== null")
    assert page.evaluate("sessionStorage.getItem('voordeur.gesprek')") is None
    assert run_axe(page) == []
    page.screenshot(path=str(screenshot_path("chat-gewist-320.png", tmp_path)))
    watched.assert_clean(erasing_gateway + "/")


NEUTRAL_PAGE = "https://www.google.nl/"


def test_snel_weg_leaves_for_a_neutral_page_and_clears_the_chat(
    erasing_gateway: str, rasa: RasaStandIn, browser: Any
) -> None:
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.route(NEUTRAL_PAGE + "**", lambda route: route.fulfill(body="<title>Google</title>"))
    page.goto(erasing_gateway + "/")
    page.click("#start-conversation")
    page.wait_for_selector("button.quick-reply")
    page.keyboard.type("Mijn man slaat mij")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-bot >> nth=1")

    page.focus("#quick-exit")
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_PAGE)
    deadline = time.monotonic() + 5
    while not rasa.erased and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(rasa.erased) == 1  # the conversation is erased at the gateway and in Rasa too

    # Back in the same tab: nothing of the conversation is left.
    page.goto(erasing_gateway + "/")
    assert page.evaluate("sessionStorage.getItem('voordeur.gesprek')") is None
    assert page.is_visible("#start-conversation")
    assert "slaat" not in page.inner_text("body")
    watched.assert_clean(erasing_gateway + "/", NEUTRAL_PAGE)


def test_snel_weg_in_the_widget_leaves_the_whole_site(
    served_gateway: str, browser: Any, host_port: int, tmp_path: Path
) -> None:
    with host_site(tmp_path, host_port, served_gateway) as host:
        watched = Watched(browser, viewport={"width": 320, "height": 640})
        page = watched.page
        page.route(NEUTRAL_PAGE + "**", lambda route: route.fulfill(body="<title>Google</title>"))
        page.goto(host + "/")
        page.click("#voordeur-widget-button")
        chat = page.frame_locator("#voordeur-widget-frame")
        chat.locator("#start-conversation").click()
        chat.locator("button.quick-reply").first.wait_for()
        chat.locator("#quick-exit").click()
        page.wait_for_url(NEUTRAL_PAGE)
        page.goto(host + "/")
        assert page.is_hidden("#voordeur-widget-frame")  # the widget does not open again
        watched.assert_clean(served_gateway + "/", host + "/", NEUTRAL_PAGE)


def test_privacy_notice_before_the_start(
    served_gateway: str, rasa: RasaStandIn, browser: Any, tmp_path: Path
) -> None:
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.goto(served_gateway + "/")
    notice = page.inner_text("#privacy")
    assert "digitale assistent van Sociaal Team Teststad" in notice
    assert "Deel geen BSN" in notice and "medische" not in page.inner_text("body")
    assert "0123 45 67 89, maandag tot en met donderdag van 8.30 tot 17.00 uur" in notice
    link = page.locator("#privacy a", has_text="privacyverklaring")
    assert link.get_attribute("href") == "https://www.sociaalteam-teststad.nl/privacy"
    assert page.locator("#privacy a.tel").get_attribute("href") == "tel:0123456789"
    # The whole notice and the start button fit on a 320x640 phone without scrolling.
    start = page.locator("#start-conversation").bounding_box()
    assert start and start["y"] + start["height"] <= 640
    page_stays_put(page)
    assert run_axe(page) == []
    assert rasa.received == []
    page.screenshot(path=str(screenshot_path("chat-privacy-320.png", tmp_path)))
    watched.assert_clean(served_gateway + "/")


def test_accessibility_statement_from_the_chat(
    served_gateway: str, browser: Any, tmp_path: Path
) -> None:
    watched = Watched(browser, viewport={"width": 320, "height": 640})
    page = watched.page
    page.goto(served_gateway + "/")
    with page.context.expect_page() as opened:
        page.click("#privacy a[href='/toegankelijkheid']")
    statement = opened.value
    statement.wait_for_load_state()
    assert "Wat nog niet goed werkt" in statement.inner_text("main")
    # An ordinary page: it scrolls, and the end can be reached.
    assert statement.evaluate("document.documentElement.scrollHeight > innerHeight")
    statement.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert statement.evaluate("scrollY") > 0
    assert statement.evaluate("document.documentElement.scrollWidth") <= 320
    statement.evaluate("window.scrollTo(0, 0)")
    assert run_axe(statement) == []
    statement.screenshot(path=str(screenshot_path("chat-toegankelijkheid-320.png", tmp_path)))
    watched.assert_clean(served_gateway + "/")


def test_the_start_button_waits_for_the_script(served_gateway: str, browser: Any) -> None:
    """Before chat.js has run the button is disabled, not a button that silently does nothing."""
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(served_gateway + "/")
    expect(page.locator("#start-conversation")).to_be_disabled()
    scripted = Watched(browser, viewport={"width": 1280, "height": 800}).page
    scripted.goto(served_gateway + "/")
    expect(scripted.locator("#start-conversation")).to_be_enabled()
