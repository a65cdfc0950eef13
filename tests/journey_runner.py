"""Journeys: whole conversations kept as data (``tests/journeys/*.yml``) and how to hold them.

A journey is a list of steps an inwoner takes on one channel (the web chat's HTTP API or
Telegram's webhook), each with optional checks on the assistant's reply, and the outcome it must
leave in the escalation database. Every journey starts a fresh conversation the way the channel
does (web: the start button sends ``/greet``; Telegram: ``/start``; WhatsApp: the inwoner
types "hallo"). Format::

    - name: wmo_info_typed_ja          # unique; the pytest id
      channel: web                     # or telegram (default web)
      steps:
        - say: wat is de wmo eigenlijk # typed by the inwoner
          expect: ["Wmo"]              # substrings (case-insensitive) somewhere in the reply
          expect_not: ["begrijp ik niet", "niet zeker wat u bedoelt"]
          expect_last: ["contact met u opneemt"]   # in the reply's last bubble
          expect_order: ["113", "112"] # one bubble holds these, in this order
          first_number: "113"          # the first help number in the first bubble with one
          asks: voor_wie               # the last bubble is this form question (QUESTION_WORDS)
          min_bubbles: 2
        - press: Ja, graag             # a button, by the start of its title
        - reload: true                 # web: same session id, nothing sent; else: same chat
        - new_conversation: true       # web: new tab (no session id); Telegram: /stop, /start;
                                       # WhatsApp: stop, hallo
        - use: [answer_voor_wie_zelf]  # named steps from tests/journeys/macros.yml
      outcome:
        meldingen: 1                   # new rows in ``meldingen`` made by this journey
        spoed: false                   # any other key: a column of the last new melding;
        telefoon: "+31612345678"       # <column>_contains: a substring of that column
        rows: [{onderwerp: Pgb}, {onderwerp: Mantelzorg}]   # per new melding, in order

Every new melding must carry the journey's channel as ``kanaal`` and its number must have been
shown to the inwoner.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import sqlalchemy as sa
import yaml

from gateway.phone_numbers import with_international_numbers
from gateway.telegram import SECRET_HEADER
from gateway.tests.bot_api_stand_in import BotApiStandIn
from gateway.tests.graph_api_stand_in import GraphApiStandIn
from gateway.whatsapp_webhook import SIGNATURE_HEADER as WHATSAPP_SIGNATURE_HEADER

JOURNEY_DIR = Path(__file__).resolve().parent / "journeys"
MACRO_FILE = JOURNEY_DIR / "macros.yml"
CHANNELS = ("web", "telegram", "whatsapp")
ACTIONS = ("say", "press", "reload", "new_conversation", "use")
CHECKS = (
    "expect",
    "expect_not",
    "expect_last",
    "expect_order",
    "first_number",
    "asks",
    "min_bubbles",
)
OUTCOME_COUNT = "meldingen"
OUTCOME_ROWS = "rows"
NO_ANSWER = "(no answer)"

# Words by which each question of the melding form is recognised in the last bubble
# (any one of them, case-insensitive). ``asks: <slot>`` checks that the form asks that question.
QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "onderwerp": ("onderwerp", "waar gaat"),
    "voor_wie": ("voor wie",),
    "beschrijving": ("aan de hand", "eigen woorden"),
    "dringend": ("dringend",),
    "toestemming": ("toestemming",),
    "contactwijze": ("hoe wilt u",),
    "telefoon": ("telefoonnummer",),
    "email": ("e-mailadres",),
    "veilig_contact": ("veilig",),
    "naam": ("uw naam",),
    "bereikbaar": ("bereikbaar",),
    "bevestigd": ("klopt dit",),
    "verder": ("verder met uw melding",),
}


# Help numbers as the assistant writes them: 112, 113, 0800-0113, 0900 - 112 0 112 ... and, in
# Telegram, in international form (+31 800 0113; gateway/phone_numbers.py).
HELP_NUMBER = re.compile(r"(?:\+31 [89]00 \d[\d ]*\d|\b0[89]00\s*-\s*\d[\d ]*\d|\b11[23])\b")


class JourneyError(ValueError):
    """A journey file is not in the expected format."""


@dataclass(frozen=True)
class Button:
    """A quick reply: shown as ``title``; ``data`` is what pressing it sends."""

    title: str
    data: str


@dataclass(frozen=True)
class Bubble:
    """One message from the assistant."""

    text: str
    buttons: tuple[Button, ...] = ()

    def shown(self) -> str:
        titles = "".join(f" [{button.title}]" for button in self.buttons)
        return self.text + titles


@dataclass(frozen=True)
class Journey:
    """One conversation and what it must leave behind."""

    name: str
    channel: str
    steps: tuple[Mapping[str, Any], ...]
    outcome: Mapping[str, Any]
    source: str


@dataclass
class Transcript:
    """What was said so far, for failure messages."""

    journey: Journey
    lines: list[str] = field(default_factory=list)

    def inwoner(self, text: str) -> None:
        self.lines.append(f"  inwoner> {text}")

    def bot(self, bubbles: Sequence[Bubble]) -> None:
        if not bubbles:
            self.lines.append(f"  bot    > {NO_ANSWER}")
        for bubble in bubbles:
            shown = bubble.shown().replace("\n", "\n             ")
            self.lines.append(f"  bot    > {shown}")

    def note(self, text: str) -> None:
        self.lines.append(f"  ({text})")

    def render(self) -> str:
        header = f"journey {self.journey.name} ({self.journey.channel}, {self.journey.source})"
        return header + "\n" + "\n".join(self.lines)

    def all_bot_text(self) -> str:
        return "\n".join(line for line in self.lines if line.startswith("  bot"))


# --- loading ---------------------------------------------------------------------------------


def _expand(
    steps: Sequence[Any], macros: Mapping[str, Any], where: str, depth: int = 0
) -> list[Mapping[str, Any]]:
    """Steps with every ``use: <macro>`` replaced by the macro's steps (macros may nest)."""
    if depth > 30:  # a macro that uses itself
        raise JourneyError(f"{where}: macros nest too deep")
    expanded: list[Mapping[str, Any]] = []
    for step in steps:
        if not isinstance(step, Mapping):
            raise JourneyError(f"{where}: a step must be a mapping, not {step!r}")
        unknown = set(step) - set(ACTIONS) - set(CHECKS)
        if unknown:
            raise JourneyError(f"{where}: unknown keys {sorted(unknown)} in step {dict(step)}")
        actions = [key for key in ACTIONS if key in step]
        if len(actions) != 1:
            raise JourneyError(f"{where}: a step needs exactly one of {ACTIONS}: {dict(step)}")
        asks = step.get("asks")
        if asks is not None and asks not in QUESTION_WORDS:
            raise JourneyError(f"{where}: unknown question {asks!r} (see QUESTION_WORDS)")
        if "reload" in step and set(step) & set(CHECKS):
            raise JourneyError(f"{where}: a reload sends nothing, so it has no checks")
        if "use" in step:
            names = step["use"] if isinstance(step["use"], list) else [step["use"]]
            for name in names:
                if name not in macros:
                    raise JourneyError(f"{where}: unknown macro {name!r}")
                expanded += _expand(macros[name], macros, f"{where} > {name}", depth + 1)
        else:
            expanded.append(step)
    return expanded


def load_journeys(directory: Path = JOURNEY_DIR) -> list[Journey]:
    """Every journey in ``directory`` (all ``*.yml`` except the macros), in file order."""
    macros = yaml.safe_load(MACRO_FILE.read_text(encoding="utf-8")) or {}
    journeys: list[Journey] = []
    for path in sorted(directory.glob("*.yml")):
        if path == MACRO_FILE:
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            where = f"{path.name}: {entry.get('name', '?')}"
            channel = entry.get("channel", "web")
            if channel not in CHANNELS:
                raise JourneyError(f"{where}: channel must be one of {CHANNELS}")
            outcome = entry.get("outcome")
            if not isinstance(outcome, Mapping) or OUTCOME_COUNT not in outcome:
                raise JourneyError(f"{where}: an outcome with '{OUTCOME_COUNT}' is required")
            steps = _expand(entry.get("steps") or [], macros, where)
            if not steps:
                raise JourneyError(f"{where}: no steps")
            journeys.append(Journey(entry["name"], channel, tuple(steps), outcome, path.name))
    names = [journey.name for journey in journeys]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise JourneyError(f"journey names used twice: {duplicates}")
    return journeys


# --- channels --------------------------------------------------------------------------------


class Channel(Protocol):
    """How an inwoner reaches the assistant."""

    def start(self) -> list[Bubble]: ...

    def say(self, text: str) -> list[Bubble]: ...

    def press(self, button: Button) -> list[Bubble]: ...

    def reload(self) -> None: ...

    def new_conversation(self) -> list[Bubble]: ...

    def close(self) -> None: ...


class WebChat:
    """The chat page (gateway/static/chat.js) as the gateway sees it: ``POST /api/v1/chat``.

    The page keeps the session id in sessionStorage: a reload shows the stored conversation and
    sends nothing; the next message carries the same session id. Starting the conversation
    (the start button) sends ``/greet``; a new tab starts without a session id.
    """

    GREETING = "/greet"

    def __init__(self, gateway_url: str) -> None:
        self.url = gateway_url + "/api/v1/chat"
        self.session_id: str | None = None
        self.http = httpx.Client(timeout=60)

    def _send(self, message: str) -> list[Bubble]:
        body = {"session_id": self.session_id, "message": message}
        response = self.http.post(self.url, json=body)
        if response.status_code != 200:
            raise AssertionError(f"chat API answered {response.status_code}: {response.text}")
        answer = response.json()
        self.session_id = answer["session_id"]
        return [
            Bubble(
                m.get("text") or "",
                tuple(Button(b["title"], b["payload"]) for b in m.get("buttons") or []),
            )
            for m in answer["messages"]
        ]

    def start(self) -> list[Bubble]:
        return self._send(self.GREETING)

    def say(self, text: str) -> list[Bubble]:
        return self._send(text)

    def press(self, button: Button) -> list[Bubble]:
        return self._send(button.data)

    def reload(self) -> None:
        """A page reload: a new connection, the same session id, nothing sent."""
        self.http.close()
        self.http = httpx.Client(timeout=60)

    def new_conversation(self) -> list[Bubble]:
        """A new tab: no session id, the start button sends the greeting."""
        self.session_id = None
        return self.start()

    def close(self) -> None:
        self.http.close()


_telegram_ids = itertools.count(int(time.time()) % 100_000 * 1000)


class TelegramChat:
    """One Telegram chat: updates go to the gateway's webhook, answers come from the stand-in.

    Telegram keeps one chat per person: closing and opening the app sends nothing, and the
    buttons under earlier messages can still be tapped. ``/start`` begins, ``/stop`` deletes.
    """

    def __init__(self, gateway_url: str, secret: str, bot_api: BotApiStandIn) -> None:
        self.url = gateway_url + "/telegram/webhook"
        self.secret = secret
        self.bot_api = bot_api
        self.chat_id = 700_000_000 + next(_telegram_ids)
        self.user = {"id": self.chat_id, "is_bot": False, "first_name": "Anna"}
        self.http = httpx.Client(timeout=60)

    def _chat(self) -> dict[str, Any]:
        return {"id": self.chat_id, "type": "private"}

    def _deliver(self, update: dict[str, Any]) -> list[Bubble]:
        before = len(self.bot_api.calls)
        response = self.http.post(self.url, json=update, headers={SECRET_HEADER: self.secret})
        if response.status_code != 200:
            raise AssertionError(f"webhook answered {response.status_code}: {response.text}")
        bubbles = []
        for method, params in self.bot_api.calls[before:]:
            if method != "sendMessage" or int(params["chat_id"]) != self.chat_id:
                continue
            keyboard = (params.get("reply_markup") or {}).get("inline_keyboard") or []
            buttons = tuple(
                Button(button["text"], button.get("callback_data", ""))
                for row in keyboard
                for button in row
            )
            bubbles.append(Bubble(params.get("text", ""), buttons))
        return bubbles

    def _message(self, text: str) -> dict[str, Any]:
        update_id = next(_telegram_ids)
        message: dict[str, Any] = {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": self._chat(),
            "from": self.user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"update_id": update_id, "message": message}

    def start(self) -> list[Bubble]:
        return self._deliver(self._message("/start"))

    def say(self, text: str) -> list[Bubble]:
        return self._deliver(self._message(text))

    def press(self, button: Button) -> list[Bubble]:
        update_id = next(_telegram_ids)
        query = {
            "id": f"cb-{update_id}",
            "from": self.user,
            "chat_instance": f"instance-{self.chat_id}",
            "data": button.data,
            "message": {
                "message_id": update_id,
                "date": int(time.time()),
                "chat": self._chat(),
                "text": "Kies een antwoord",
            },
        }
        return self._deliver({"update_id": update_id, "callback_query": query})

    def reload(self) -> None:
        """Closing and opening Telegram: a new connection, the same chat, nothing sent."""
        self.http.close()
        self.http = httpx.Client(timeout=60)

    def new_conversation(self) -> list[Bubble]:
        """``/stop`` deletes the conversation, ``/start`` begins a new one in the same chat."""
        return self._deliver(self._message("/stop")) + self.start()

    def close(self) -> None:
        self.http.close()


_whatsapp_ids = itertools.count(int(time.time()) % 100_000 * 1000)


class WhatsAppChat:
    """One WhatsApp chat: signed deliveries to the gateway's webhook, answers from the Graph API
    stand-in (which refuses what the Cloud API refuses).

    Like Telegram, WhatsApp keeps one chat per person and earlier buttons can still be tapped.
    There is no start command: the inwoner's first message begins; "stop" deletes.
    """

    def __init__(self, gateway_url: str, app_secret: str, graph: GraphApiStandIn) -> None:
        self.url = gateway_url + "/whatsapp/webhook"
        self.app_secret = app_secret
        self.graph = graph
        self.phone = f"316{next(_whatsapp_ids) % 100_000_000:08d}"
        self.reply_kinds: dict[str, str] = {}  # button id -> button_reply or list_reply
        self.http = httpx.Client(timeout=60)

    def _deliver(self, message: dict[str, Any]) -> list[Bubble]:
        before = len(self.graph.messages)
        delivery = {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "journeys",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": "31201234567",
                                    "phone_number_id": self.graph.phone_number_id,
                                },
                                "contacts": [{"profile": {"name": "Anna"}, "wa_id": self.phone}],
                                "messages": [{"from": self.phone, **message}],
                            },
                        }
                    ],
                }
            ],
        }
        body = json.dumps(delivery).encode()
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        headers = {WHATSAPP_SIGNATURE_HEADER: f"sha256={digest}"}
        response = self.http.post(
            self.url, content=body, headers={**headers, "Content-Type": "application/json"}
        )
        if response.status_code != 200:
            raise AssertionError(f"webhook answered {response.status_code}: {response.text}")
        sent = [m for m in self.graph.messages[before:] if m.get("to") == self.phone]
        return [self._bubble(m) for m in sent]

    def _bubble(self, message: dict[str, Any]) -> Bubble:
        if message["type"] == "text":
            return Bubble(message["text"]["body"], ())
        interactive = message["interactive"]
        action = interactive["action"]
        if interactive["type"] == "button":
            choices = [(b["reply"]["title"], b["reply"]["id"]) for b in action["buttons"]]
            kind = "button_reply"
        else:
            rows = [row for section in action["sections"] for row in section["rows"]]
            # A shortened row title ("...") has the full title as its description.
            choices = [
                (row.get("description") or row["title"], row["id"])
                if row["title"].endswith("…")
                else (row["title"], row["id"])
                for row in rows
            ]
            kind = "list_reply"
        for _, id_ in choices:
            self.reply_kinds[id_] = kind
        return Bubble(interactive["body"]["text"], tuple(Button(t, i) for t, i in choices))

    def _message(self, kind: str, **content: Any) -> dict[str, Any]:
        return {
            "id": f"wamid.journey{next(_whatsapp_ids)}",
            "timestamp": str(int(time.time())),
            "type": kind,
            **content,
        }

    def start(self) -> list[Bubble]:
        return self.say("hallo")

    def say(self, text: str) -> list[Bubble]:
        return self._deliver(self._message("text", text={"body": text}))

    def press(self, button: Button) -> list[Bubble]:
        kind = self.reply_kinds[button.data]
        reply = {"type": kind, kind: {"id": button.data, "title": button.title[:24]}}
        return self._deliver(self._message("interactive", interactive=reply))

    def reload(self) -> None:
        """Closing and opening WhatsApp: a new connection, the same chat, nothing sent."""
        self.http.close()
        self.http = httpx.Client(timeout=60)

    def new_conversation(self) -> list[Bubble]:
        """ "stop" deletes the conversation; the next message begins a new one."""
        return self.say("stop") + self.start()

    def close(self) -> None:
        self.http.close()


# --- checks ----------------------------------------------------------------------------------


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _in_order(text: str, parts: Sequence[str]) -> bool:
    lowered = text.lower()
    positions = [lowered.find(part.lower()) for part in parts]
    return all(position >= 0 for position in positions) and positions == sorted(positions)


def _as_shown(channel: str) -> Callable[[str], str]:
    """How the channel shows a text the journey expects: Telegram writes numbers as +31 ..."""
    return with_international_numbers if channel == "telegram" else str


def check_reply(
    step: Mapping[str, Any], bubbles: Sequence[Bubble], channel: str = "web"
) -> list[str]:
    """What is wrong with the assistant's reply to one step (empty when all is well)."""
    problems: list[str] = []
    shown = _as_shown(channel)
    everything = "\n".join(bubble.shown() for bubble in bubbles).lower()
    last = bubbles[-1].shown().lower() if bubbles else ""
    for part in map(shown, _as_list(step.get("expect"))):
        if part.lower() not in everything:
            problems.append(f"expected {part!r} in the reply")
    for part in _as_list(step.get("expect_not")):
        if part.lower() in everything:
            problems.append(f"did not expect {part!r} in the reply")
    for part in map(shown, _as_list(step.get("expect_last"))):
        if part.lower() not in last:
            problems.append(f"expected {part!r} in the last bubble")
    order = [shown(part) for part in _as_list(step.get("expect_order"))]
    if order and not any(_in_order(bubble.text, order) for bubble in bubbles):
        problems.append(f"expected one bubble with {order} in this order")
    first = step.get("first_number")
    if first is not None:
        numbers = next((found for b in bubbles if (found := HELP_NUMBER.findall(b.text))), [])
        if not numbers or numbers[0].replace(" ", "") != shown(str(first)).replace(" ", ""):
            problems.append(f"expected {first} as the first number, the numbers are {numbers}")
    asks = step.get("asks")
    if asks is not None and not any(word in last for word in QUESTION_WORDS[asks]):
        problems.append(f"expected the question for {asks!r} in the last bubble")
    minimum = step.get("min_bubbles")
    if minimum is not None and len(bubbles) < int(minimum):
        problems.append(f"expected at least {minimum} bubbles, got {len(bubbles)}")
    return problems


def find_button(step_title: str, replies: Sequence[Sequence[Bubble]], channel: str) -> Button:
    """The button titled ``step_title`` (case-insensitive prefix) that the inwoner can press.

    The web page shows only the buttons of the latest reply; Telegram keeps every earlier
    message's buttons tappable, newest first.
    """
    searched = replies[-1:] if channel == "web" else list(reversed(replies))
    wanted = step_title.strip().lower()
    for reply in searched:
        for bubble in reply:
            for button in bubble.buttons:
                if button.title.strip().lower().startswith(wanted):
                    return button
    raise AssertionError(f"no button {step_title!r} to press")


def take_step(
    channel: Channel, step: Mapping[str, Any], transcript: Transcript, replies: list[list[Bubble]]
) -> list[Bubble]:
    """Do one step and record it; returns the assistant's reply (empty for a reload)."""
    if "say" in step:
        transcript.inwoner(str(step["say"]))
        bubbles = channel.say(str(step["say"]))
    elif "press" in step:
        button = find_button(str(step["press"]), replies, transcript.journey.channel)
        transcript.inwoner(f"[presses {button.title}]")
        bubbles = channel.press(button)
    elif "reload" in step:
        transcript.note("the inwoner reloads the page / reopens the app")
        channel.reload()
        return []
    else:
        transcript.note("a new conversation")
        bubbles = channel.new_conversation()
    transcript.bot(bubbles)
    replies.append(bubbles)
    return bubbles


# --- the escalation database -----------------------------------------------------------------


class Meldingen:
    """Read access to the ``meldingen`` table of the escalation database."""

    def __init__(self, database_url: str) -> None:
        self.engine = sa.create_engine(database_url)

    def ids(self) -> set[str]:
        """The ids (UUIDs) of every melding now in the table."""
        with self.engine.connect() as connection:
            ids = connection.execute(sa.text("SELECT id FROM meldingen")).scalars()
            return {str(melding_id) for melding_id in ids}

    def made_since(self, known: set[str]) -> list[dict[str, Any]]:
        """The meldingen whose id is not in ``known``, oldest first."""
        query = sa.text("SELECT * FROM meldingen ORDER BY aangemaakt_op")
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [dict(row) for row in rows if str(row["id"]) not in known]

    def close(self) -> None:
        self.engine.dispose()


def _check_fields(expected: Mapping[str, Any], row: Mapping[str, Any], label: str) -> list[str]:
    problems = []
    for key, value in expected.items():
        column = key.removesuffix("_contains")
        if column not in row:
            problems.append(f"{label}: no column {column!r}")
            continue
        actual = row[column]
        if key.endswith("_contains"):
            if str(value).lower() not in str(actual or "").lower():
                problems.append(f"{label}: {column} = {actual!r} does not contain {value!r}")
        elif isinstance(value, bool):
            if bool(actual) is not value:
                problems.append(f"{label}: {column} = {actual!r}, expected {value!r}")
        elif actual != value:
            problems.append(f"{label}: {column} = {actual!r}, expected {value!r}")
    return problems


def check_outcome(journey: Journey, rows: Sequence[Mapping[str, Any]], said: str) -> list[str]:
    """What is wrong with the meldingen this journey made (empty when all is well)."""
    outcome = dict(journey.outcome)
    expected_count = int(outcome.pop(OUTCOME_COUNT))
    per_row = outcome.pop(OUTCOME_ROWS, None) or []
    if len(rows) != expected_count:
        return [f"expected {expected_count} new meldingen, found {len(rows)}"]
    problems = []
    for number, row in enumerate(rows, start=1):
        label = f"melding {number} ({row.get('referentie')})"
        if row.get("kanaal") != journey.channel:
            problems.append(f"{label}: kanaal = {row.get('kanaal')!r}, expected {journey.channel}")
        if row.get("referentie") and str(row["referentie"]).lower() not in said.lower():
            problems.append(f"{label}: its number {row['referentie']} was never shown")
    for number, (expected, row) in enumerate(zip(per_row, rows, strict=False), start=1):
        problems += _check_fields(expected, row, f"melding {number}")
    if rows and outcome:
        problems += _check_fields(outcome, rows[-1], "last melding")
    return problems


def describe_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    shown = ("referentie", "onderwerp", "voor_wie", "spoed", "naam", "telefoon", "email", "kanaal")
    lines = [", ".join(f"{key}={row.get(key)!r}" for key in shown) for row in rows]
    return "\n".join(f"  {line}" for line in lines) or "  (none)"


def run_journey(channel: Channel, journey: Journey, meldingen: Meldingen) -> None:
    """Hold the whole conversation; raise ``AssertionError`` with the transcript on a failure."""
    transcript = Transcript(journey)
    replies: list[list[Bubble]] = []
    before = meldingen.ids()
    try:
        bubbles = channel.start()
        transcript.note("the conversation starts")
        transcript.bot(bubbles)
        replies.append(bubbles)
        for number, step in enumerate(journey.steps, start=1):
            bubbles = take_step(channel, step, transcript, replies)
            problems = check_reply(step, bubbles, journey.channel)
            if problems:
                raise AssertionError(f"step {number} ({_step_label(step)}): " + "; ".join(problems))
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n\n{transcript.render()}") from None
    rows = meldingen.made_since(before)
    problems = check_outcome(journey, rows, transcript.all_bot_text())
    if problems:
        raise AssertionError(
            "outcome: "
            + "; ".join(problems)
            + f"\n\nnew meldingen:\n{describe_rows(rows)}\n\n{transcript.render()}"
        )


def _step_label(step: Mapping[str, Any]) -> str:
    for key in ACTIONS:
        if key in step:
            return f"{key}: {step[key]}"
    return "?"
