"""The retention purge deletes insights data older than the setting, and nothing newer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from insights.__main__ import main
from insights.db import session_factory, upgrade
from insights.models import Conversation, UnansweredMessage
from insights.settings import Settings

AGES_IN_DAYS = (1, 30, 89, 91, 400)


def _fill(url: str, now: datetime) -> None:
    upgrade(url)
    with session_factory(url)() as session, session.begin():
        for age in AGES_IN_DAYS:
            moment = now - timedelta(days=age)
            conversation = Conversation(
                sender_id=f"web-{age}", kanaal="web", started_at=moment, user_messages=1
            )
            session.add(conversation)
            session.flush()
            session.add(
                UnansweredMessage(
                    source_event_id=f"test#{age}",
                    conversation_id=conversation.id,
                    tekst=f"Ik ben <naam>, {age} dagen geleden",
                    reason="nlu_fallback",
                    intent="nlu_fallback",
                    confidence=0.3,
                    ranking=[],
                    kanaal="web",
                    received_at=moment,
                )
            )


def _ages(url: str, now: datetime) -> tuple[list[int], list[int]]:
    with session_factory(url)() as session:
        started = session.scalars(sa.select(Conversation.started_at)).all()
        received = session.scalars(sa.select(UnansweredMessage.received_at)).all()
    return (
        sorted(round((now - moment) / timedelta(days=1)) for moment in started),
        sorted(round((now - moment) / timedelta(days=1)) for moment in received),
    )


def test_purge_command_deletes_only_old_data(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    _fill(database_url, now)
    with session_factory(database_url)() as session, session.begin():
        # A message of a conversation that started before the cutoff goes with it.
        spanning = session.scalars(
            sa.select(Conversation).where(Conversation.sender_id == "web-91")
        ).one()
        session.add(
            UnansweredMessage(
                source_event_id="test#spanning",
                conversation_id=spanning.id,
                tekst="nog een vraag",
                reason="nlu_fallback",
                ranking=[],
                kanaal="web",
                received_at=now - timedelta(days=89, hours=23),
            )
        )
    assert main(["purge", "--db", database_url, "--days", "90"]) == 0
    assert "deleted 2 conversations and 3 unanswered messages" in capsys.readouterr().out
    assert _ages(database_url, now) == ([1, 30, 89], [1, 30, 89])
    # A second run finds nothing more; a shorter period deletes more.
    assert main(["purge", "--db", database_url, "--days", "90"]) == 0
    assert "deleted 0 conversations" in capsys.readouterr().out
    assert main(["purge", "--db", database_url, "--days", "10"]) == 0
    assert _ages(database_url, now) == ([1], [1])


def test_default_period_comes_from_the_setting(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    _fill(database_url, now)
    assert Settings().retention_days == 90
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", "31")
    assert main(["purge", "--db", database_url]) == 0
    assert _ages(database_url, now) == ([1, 30], [1, 30])


@pytest.mark.parametrize("value", ["0", "-5", "abc", "1.5"])
def test_bad_periods_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    url = f"sqlite:///{tmp_path / 'insights.db'}"
    _fill(url, datetime.now(UTC))
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", value)
    with pytest.raises(ValueError, match="INSIGHTS_RETENTION_DAYS"):
        Settings()
    monkeypatch.delenv("INSIGHTS_RETENTION_DAYS")
    if value.lstrip("-").isdigit():
        assert main(["purge", "--db", url, "--days", value]) == 2
    assert len(_ages(url, datetime.now(UTC))[0]) == len(AGES_IN_DAYS)
