"""Read new events from Rasa's SQL event broker table and store redacted insights.

Rasa publishes every tracker event as one row ``events(id, sender_id, data)`` with the event
as JSON. The ingest reads the rows after the last id it stored for that source, in id order,
and updates the insights tables and that id in the same transaction: running it again adds
nothing. A message counts as unanswered once, however many signals point to it: its intent
is a fallback intent (``nlu_fallback``, ``out_of_scope``) or the bot answered it with the
not-understood action (also the core fallback). A long message whose topic the assistant named
and asked to confirm (``long_message`` in the parse data, ``bot/voordeur_nlu/long_message.py``)
was understood: it is not counted.

When the inwoner erases a conversation ("Gesprek beëindigen en wissen", ``/stop``), Rasa deletes
its broker rows and leaves one marker row (``voordeur_gewist``, ``bot/purge_conversations.py``);
the ingest then deletes what it stored of that sender.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from voordeur_common.redaction import redact_inwoner_text

from insights.db import make_engine, session_factory
from insights.domain import ActionNames
from insights.models import Conversation, IngestState, UnansweredMessage

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
# How far back (rows of one sender) to look for the form state and the assistant's last text.
LOOKBACK = 200
MAX_CONTEXT = 500
_UNSET = object()
TOP_INTENTS = 3
_SENDER_CHANNEL = re.compile(r"^([a-z][a-z0-9_]{0,19})-[0-9a-f]{8,}$")
UNKNOWN_CHANNEL = "onbekend"
ERASED_EVENT = "voordeur_gewist"  # bot/purge_conversations.py writes it

events_table = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("data", sa.Text),
)


@dataclass
class IngestResult:
    """What one ingest run read and stored."""

    events: int = 0
    conversations: int = 0
    unanswered: int = 0


def source_key(events_url: str) -> str:
    """A stable name for an event source, without its password."""
    return make_url(events_url).render_as_string(hide_password=True)[:200]


def channel_of(sender_id: str, event: dict[str, Any]) -> str:
    """Kanaal from the message metadata, else from the sender id prefix (``web-3f2a...``)."""
    metadata = event.get("metadata")
    kanaal = metadata.get("kanaal") if isinstance(metadata, dict) else None
    if isinstance(kanaal, str):
        return kanaal.lower()[:20]
    match = _SENDER_CHANNEL.match(sender_id)
    return match.group(1) if match else UNKNOWN_CHANNEL


def _moment(event: dict[str, Any]) -> datetime:
    stamp = event.get("timestamp")
    if isinstance(stamp, int | float):
        return datetime.fromtimestamp(stamp, UTC)
    return datetime.now(UTC)


def topic_asked(parse: dict[str, Any]) -> bool:
    """A long message for which the assistant named a topic and asked "Klopt dat?"."""
    if not parse.get("long_message"):
        return False
    ranking = parse.get("intent_ranking") or []
    return any(str(item.get("name", "")).startswith("info_") for item in ranking)


class _Ingester:
    """Applies events of one source to an insights session."""

    def __init__(self, session: Session, events: sa.Connection, source: str, names: ActionNames):
        self.session = session
        self.events = events
        self.source = source
        self.names = names
        self.current: dict[str, Conversation] = {}
        self.last_user: dict[str, tuple[int, dict[str, Any]]] = {}
        # What is known, from this batch, about each sender's form and last bot text.
        self.loop: dict[str, str | None] = {}
        self.last_bot: dict[str, str | None] = {}
        # Per user event row: (in a form, what the assistant said before), when known.
        self.at_user: dict[int, tuple[bool, str | None]] = {}
        self.result = IngestResult()

    def state_before(self, sender: str, row_id: int) -> tuple[bool, str | None]:
        """Whether a form was active and what the bot said last, before row ``row_id``.

        Looks back in the event table (this session only) for what this batch did not see.
        """
        if row_id in self.at_user:
            return self.at_user[row_id]
        loop: str | object | None = _UNSET
        bot: str | object | None = _UNSET
        rows = self.events.execute(
            sa.select(events_table.c.data)
            .where(events_table.c.sender_id == sender, events_table.c.id < row_id)
            .order_by(events_table.c.id.desc())
            .limit(LOOKBACK)
        )
        for (data,) in rows:
            try:
                event = json.loads(data)
            except (TypeError, ValueError):
                continue
            kind = event.get("event")
            if kind == "active_loop" and loop is _UNSET:
                loop = event.get("name")
            elif kind == "bot" and bot is _UNSET:
                bot = event.get("text")
            elif kind == "session_started":
                break
            if loop is not _UNSET and bot is not _UNSET:
                break
        in_form = loop is not _UNSET and bool(loop)
        context = bot if isinstance(bot, str) else None
        return in_form, context

    def note_user(self, sender: str, row_id: int) -> None:
        """Remember the form state and context of this user message, where this batch knows."""
        if sender in self.loop and sender in self.last_bot:
            self.at_user[row_id] = (bool(self.loop[sender]), self.last_bot[sender])
            return
        in_form, context = self.state_before(sender, row_id)
        self.loop.setdefault(sender, "form" if in_form else None)
        self.last_bot.setdefault(sender, context)
        self.at_user[row_id] = (bool(self.loop[sender]), self.last_bot[sender])

    def conversation(self, sender: str, event: dict[str, Any], *, new: bool) -> Conversation:
        """The sender's current conversation; a new one on a session start or first sight."""
        if not new:
            known = (
                self.current.get(sender)
                or self.session.scalars(
                    sa.select(Conversation)
                    .where(Conversation.sender_id == sender)
                    .order_by(Conversation.started_at.desc(), Conversation.id.desc())
                    .limit(1)
                ).first()
            )
            if known is not None:
                self.current[sender] = known
                return known
        created = Conversation(
            sender_id=sender,
            kanaal=channel_of(sender, event),
            started_at=_moment(event),
            user_messages=0,
            unanswered_messages=0,
            melding_made=False,
            crisis_answers=0,
        )
        self.session.add(created)
        self.current[sender] = created
        self.result.conversations += 1
        return created

    def record_unanswered(
        self, event_id: int, sender: str, event: dict[str, Any], reason: str
    ) -> None:
        """Store the message once (keyed by its event row), redacted."""
        parse = event.get("parse_data") or {}
        if topic_asked(parse):
            return
        key = f"{self.source}#{event_id}"
        exists = self.session.scalar(
            sa.select(UnansweredMessage.id).where(UnansweredMessage.source_event_id == key)
        )
        if exists is not None:
            return
        conversation = self.conversation(sender, event, new=False)
        self.session.flush()
        intent = parse.get("intent") or {}
        ranking = [
            {"intent": str(item.get("name")), "confidence": float(item.get("confidence") or 0)}
            for item in (parse.get("intent_ranking") or [])[:TOP_INTENTS]
        ]
        in_form, context = self.state_before(sender, event_id)
        if in_form:
            return  # an answer to a form question (a name, a description), never a gap
        self.session.add(
            UnansweredMessage(
                source_event_id=key,
                context=redact_inwoner_text(context)[:MAX_CONTEXT] if context else None,
                conversation_id=conversation.id,
                tekst=redact_inwoner_text(str(event.get("text") or "")),
                reason=reason,
                intent=intent.get("name"),
                confidence=intent.get("confidence"),
                ranking=ranking,
                kanaal=conversation.kanaal,
                received_at=_moment(event),
            )
        )
        conversation.unanswered_messages += 1
        self.result.unanswered += 1

    def previous_user_event(self, sender: str, before_id: int) -> tuple[int, dict[str, Any]] | None:
        """The sender's last user message before row ``before_id`` (what an action answered)."""
        if sender in self.last_user:
            return self.last_user[sender]
        rows = self.events.execute(
            sa.select(events_table.c.id, events_table.c.data)
            .where(events_table.c.sender_id == sender, events_table.c.id < before_id)
            .order_by(events_table.c.id.desc())
            .limit(50)
        )
        for row_id, data in rows:
            event = json.loads(data)
            if event.get("event") == "user":
                return row_id, event
        return None

    def erase(self, sender: str) -> None:
        """The inwoner erased the conversation: delete its conversations and their messages."""
        self.session.flush()
        conversations = sa.select(Conversation.id).where(Conversation.sender_id == sender)
        self.session.execute(
            sa.delete(UnansweredMessage).where(
                UnansweredMessage.conversation_id.in_(conversations)
            ),
            execution_options={"synchronize_session": False},
        )
        self.session.execute(
            sa.delete(Conversation).where(Conversation.sender_id == sender),
            execution_options={"synchronize_session": False},
        )
        for stored in list(self.session.identity_map.values()):
            if isinstance(stored, Conversation) and stored.sender_id == sender:
                self.session.expunge(stored)
        self.current.pop(sender, None)
        self.last_user.pop(sender, None)

    def apply(self, row_id: int, sender: str, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == ERASED_EVENT:
            self.erase(sender)
        elif kind == "session_started":
            self.conversation(sender, event, new=True)
            self.loop[sender], self.last_bot[sender] = None, None
        elif kind == "active_loop":
            self.loop[sender] = event.get("name")
        elif kind == "bot":
            self.last_bot[sender] = event.get("text")
        elif kind == "user":
            self.last_user[sender] = (row_id, event)
            conversation = self.conversation(sender, event, new=False)
            conversation.user_messages += 1
            metadata = event.get("metadata")
            if isinstance(metadata, dict) and "kanaal" in metadata:
                conversation.kanaal = channel_of(sender, event)
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent in self.names.unanswered_intents or sender in self.loop:
                self.note_user(sender, row_id)
            if intent in self.names.unanswered_intents:
                self.record_unanswered(row_id, sender, event, str(intent))
        elif kind == "action":
            name = event.get("name")
            if name in self.names.crisis:
                self.conversation(sender, event, new=False).crisis_answers += 1
            elif name in self.names.melding:
                self.conversation(sender, event, new=False).melding_made = True
            elif name in self.names.not_understood:
                previous = self.previous_user_event(sender, row_id)
                if previous is not None:
                    user_row_id, user_event = previous
                    self.record_unanswered(user_row_id, sender, user_event, "niet_begrepen")


def ingest(events_url: str, insights_url: str, names: ActionNames | None = None) -> IngestResult:
    """Read all new broker rows into the insights database; returns what was stored."""
    names = names or ActionNames()
    source = source_key(events_url)
    engine = make_engine(events_url)
    total = IngestResult()
    try:
        with engine.connect() as events:
            if not sa.inspect(events).has_table("events"):
                raise ValueError(f"no 'events' table in {source}: is the SQL event broker on?")
            while True:
                with session_factory(insights_url)() as session, session.begin():
                    state = session.get(IngestState, source) or IngestState(
                        source=source, last_event_id=0
                    )
                    session.add(state)
                    rows = events.execute(
                        sa.select(events_table)
                        .where(events_table.c.id > state.last_event_id)
                        .order_by(events_table.c.id)
                        .limit(BATCH_SIZE)
                    ).all()
                    if not rows:
                        return total
                    ingester = _Ingester(session, events, source, names)
                    for row in rows:
                        try:
                            event = json.loads(row.data)
                        except (TypeError, ValueError):
                            logger.warning("event row %s is not JSON: skipped", row.id)
                            continue
                        sender = row.sender_id or str(event.get("sender_id") or "")
                        ingester.apply(row.id, sender, event)
                    state.last_event_id = rows[-1].id
                    total.events += len(rows)
                    total.conversations += ingester.result.conversations
                    total.unanswered += ingester.result.unanswered
    finally:
        engine.dispose()
