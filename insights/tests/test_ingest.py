"""Ingest from an SQL event broker table: redacted, each message once, idempotent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from insights.__main__ import main
from insights.db import session_factory, upgrade
from insights.domain import ActionNames, DomainError
from insights.ingest import events_table, ingest
from insights.models import Conversation, UnansweredMessage

WEB = "web-" + "a1" * 16
TELEGRAM = "telegram-" + "b2" * 16
T0 = 1_794_000_000.0  # 2026-11-08


def user(text: str, intent: str, confidence: float, **extra: Any) -> dict[str, Any]:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "info_wmo", "confidence": 0.2}]
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking,
        },
        "input_channel": "rest",
        **extra,
    }


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


FIRST_BATCH: list[tuple[str, dict[str, Any]]] = [
    (WEB, action("action_session_start")),
    (WEB, {"event": "session_started"}),
    (WEB, action("action_listen")),
    (WEB, user("hallo", "greet", 0.98)),
    (WEB, {"event": "bot", "text": "Hallo!"}),
    (WEB, user("parkeervergunning aanvragen? bel 06-12345678", "nlu_fallback", 0.5)),
    (WEB, action("action_not_understood")),
    (WEB, user("mijn bsn is 123456782 en ik woon op 1234 AB 5", "inform", 0.71)),
    (TELEGRAM, {"event": "session_started"}),
    (TELEGRAM, user("ik wil hulp", "request_human", 0.93, metadata={"kanaal": "telegram"})),
    (TELEGRAM, action("action_create_melding")),
]
SECOND_BATCH: list[tuple[str, dict[str, Any]]] = [
    (WEB, action("action_not_understood")),  # answers the 'inform' message of batch one
    (WEB, user("ik wil niet meer leven", "crisis", 1.0)),
    (WEB, action("action_crisis_answer")),
    (WEB, user("wat is het weer morgen", "out_of_scope", 0.88)),
    (WEB, action("action_not_understood")),
]


def publish(url: str, rows: list[tuple[str, dict[str, Any]]], start: float) -> None:
    """Write rows the way Rasa's SQLEventBroker does: one JSON event per row."""
    engine = sa.create_engine(url)
    events_table.metadata.create_all(engine)
    with engine.begin() as connection:
        for number, (sender, event) in enumerate(rows):
            event = {**event, "sender_id": sender, "timestamp": start + number}
            connection.execute(
                events_table.insert().values(sender_id=sender, data=json.dumps(event))
            )
    engine.dispose()


def test_each_message_once_redacted_and_idempotent(database_url: str) -> None:
    events_url = database_url  # the broker's table may live next to the insights tables
    upgrade(database_url)
    publish(events_url, FIRST_BATCH, T0)

    first = ingest(events_url, database_url)
    assert (first.events, first.conversations, first.unanswered) == (11, 2, 1)
    assert ingest(events_url, database_url).events == 0

    publish(events_url, [*SECOND_BATCH, (WEB, {"no": "json"})], T0 + 100)
    engine = sa.create_engine(events_url)
    with engine.begin() as connection:
        connection.execute(events_table.insert().values(sender_id=WEB, data="{not json"))
    engine.dispose()
    second = ingest(events_url, database_url)
    assert (second.events, second.conversations, second.unanswered) == (7, 0, 2)
    assert ingest(events_url, database_url).events == 0

    with session_factory(database_url)() as session:
        messages = session.scalars(sa.select(UnansweredMessage).order_by("id")).all()
        assert [(m.tekst, m.reason, m.intent, m.kanaal) for m in messages] == [
            ("parkeervergunning aanvragen? bel <telefoon>", "nlu_fallback", "nlu_fallback", "web"),
            ("mijn bsn is <bsn> en ik woon op <adres>", "niet_begrepen", "inform", "web"),
            ("wat is het weer morgen", "out_of_scope", "out_of_scope", "web"),
        ]
        assert messages[0].ranking == [
            {"intent": "nlu_fallback", "confidence": 0.5},
            {"intent": "info_wmo", "confidence": 0.2},
        ]
        assert abs(messages[0].received_at.timestamp() - (T0 + 5)) < 1e-3
        conversations = {c.sender_id: c for c in session.scalars(sa.select(Conversation))}
        web, telegram = conversations[WEB], conversations[TELEGRAM]
        assert (web.kanaal, web.user_messages, web.unanswered_messages) == ("web", 5, 3)
        assert (web.crisis_answers, web.melding_made) == (1, False)
        assert (telegram.kanaal, telegram.melding_made, telegram.unanswered_messages) == (
            "telegram",
            True,
            0,
        )
        assert abs(web.started_at.timestamp() - (T0 + 1)) < 1e-3


def test_cli_ingest_checks_action_names_against_the_domain(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    events_url = f"sqlite:///{tmp_path / 'events.db'}"
    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    publish(events_url, FIRST_BATCH, T0)
    assert main(["ingest", "--events-url", events_url, "--db", insights_url]) == 0
    assert "read 11 events" in capsys.readouterr().out
    code = main(
        ["ingest", "--events-url", events_url, "--db", insights_url]
        + ["--crisis-action", "action_bestaat_niet"]
    )
    assert code == 2
    assert "action_bestaat_niet" in capsys.readouterr().err
    with pytest.raises(DomainError):
        ActionNames(melding=frozenset({"action_weg"})).checked_against()


def test_missing_event_table_is_a_clear_error(tmp_path: Path) -> None:
    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    upgrade(insights_url)
    with pytest.raises(ValueError, match="event broker"):
        ingest(f"sqlite:///{tmp_path / 'leeg.db'}", insights_url)


def test_an_erased_conversation_is_deleted_from_the_insights(database_url: str) -> None:
    """Wissen: Rasa deletes the sender's broker rows and leaves a marker row for the ingest."""
    upgrade(database_url)
    publish(database_url, FIRST_BATCH, T0)
    ingest(database_url, database_url)
    publish(
        database_url,
        [
            (WEB, user("nog een vraag over mijn schuld", "nlu_fallback", 0.4)),
            (WEB, {"event": "voordeur_gewist"}),
            (WEB, {"event": "session_started"}),
        ],
        T0 + 200,
    )

    result = ingest(database_url, database_url)

    assert result.events == 3
    with session_factory(database_url)() as session:
        conversations = session.scalars(sa.select(Conversation)).all()
        messages = session.scalars(sa.select(UnansweredMessage)).all()
    web = [c for c in conversations if c.sender_id == WEB]
    assert len(web) == 1 and web[0].user_messages == 0  # only the new session after wissen
    assert {c.sender_id for c in conversations} == {WEB, TELEGRAM}
    assert messages == []


def test_form_answers_never_reach_the_review_queue_and_context_is_kept(
    database_url: str,
) -> None:
    """A name or a description given in the melding form is not a gap, also when the NLU
    calls it nlu_fallback or out_of_scope, and also across ingest batches; a real gap keeps the
    assistant's question before it (redacted) as context (issue 15)."""
    upgrade(database_url)
    publish(
        database_url,
        [
            (WEB, {"event": "session_started"}),
            (WEB, {"event": "bot", "text": "Waarmee kan ik u helpen? Bel 06-12345678."}),
            (WEB, user("kan ik mijn container ruilen", "nlu_fallback", 0.3)),
            (WEB, action("melding_form")),
            (WEB, {"event": "active_loop", "name": "melding_form"}),
            (WEB, {"event": "bot", "text": "Wat is er aan de hand?"}),
            (WEB, user("Het is koud in huis, ik ben 81", "nlu_fallback", 0.4)),
        ],
        T0,
    )
    assert ingest(database_url, database_url).unanswered == 1
    publish(
        database_url,
        [  # the next batch: the form is still active (known only from the table)
            (WEB, {"event": "bot", "text": "Wat is uw naam?"}),
            (WEB, user("Test Escape", "out_of_scope", 0.96)),
            (WEB, action("action_not_understood")),
            (WEB, {"event": "active_loop", "name": None}),
            (WEB, {"event": "bot", "text": "Kan ik nog iets voor u doen?"}),
            (WEB, user("hoe laat gaat de milieustraat open", "out_of_scope", 0.9)),
        ],
        T0 + 100,
    )
    assert ingest(database_url, database_url).unanswered == 1
    with session_factory(database_url)() as session:
        messages = session.scalars(sa.select(UnansweredMessage).order_by("id")).all()
        conversation = session.scalars(sa.select(Conversation)).one()
    assert [(m.tekst, m.context) for m in messages] == [
        ("kan ik mijn container ruilen", "Waarmee kan ik u helpen? Bel <telefoon>."),
        ("hoe laat gaat de milieustraat open", "Kan ik nog iets voor u doen?"),
    ]
    assert (conversation.user_messages, conversation.unanswered_messages) == (4, 2)


def test_a_long_message_whose_topic_was_asked_is_not_counted_as_unanswered(
    database_url: str,
) -> None:
    """The assistant named the topic of a long story and asked to confirm: understood."""
    story = " ".join(["mijn moeder woont alleen en kan steeds minder"] * 9)
    long_parse = {"long_message": {"words": 72, "intent": "info_wmo"}}
    long_story = user(story, "nlu_fallback", 0.55)
    long_story["parse_data"].update(long_parse)
    no_topic = user(story + " en verder", "nlu_fallback", 0.3)
    no_topic["parse_data"].update(long_parse, intent_ranking=[{"name": "nlu_fallback"}])
    upgrade(database_url)
    publish(
        database_url,
        [
            (WEB, {"event": "session_started"}),
            (WEB, long_story),
            (WEB, action("action_not_understood")),
            (WEB, no_topic),
            (WEB, action("action_not_understood")),
        ],
        T0,
    )

    ingest(database_url, database_url)

    with session_factory(database_url)() as session:
        texts = [m.tekst for m in session.scalars(sa.select(UnansweredMessage)).all()]
    assert texts == [story + " en verder"]
