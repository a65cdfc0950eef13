"""Review decisions, the NLU YAML export, and `rasa data validate` on that export."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from alembic import command
from alembic.config import Config

from insights.__main__ import main
from insights.db import MIGRATIONS, session_factory, upgrade
from insights.domain import intents
from insights.models import UnansweredMessage
from insights.nlu_export import reviewed_examples, to_yaml
from insights.review import ReviewError, decide, open_messages
from tests.services import RASA_BIN, REPO

TEXTS = [
    "hoe vraag ik een parkeervergunning aan",
    "mantelzorgwaardering, hoe krijg ik die? bel <telefoon>",
    "[link](x) {json} asdf",
    "parkeervergunning voor bezoek",
]


def _messages(url: str) -> list[int]:
    upgrade(url)
    with session_factory(url)() as session, session.begin():
        rows = [
            UnansweredMessage(
                source_event_id=f"test#{n}",
                conversation_id=1,
                tekst=text,
                reason="nlu_fallback",
                intent="nlu_fallback",
                confidence=0.4,
                ranking=[],
                kanaal="web",
                received_at=datetime(2026, 11, 1, 10, n, tzinfo=UTC),
            )
            for n, text in enumerate(TEXTS)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def test_decisions_and_export(database_url: str) -> None:
    ids = _messages(database_url)
    known = intents()
    assert "info_mantelzorg" in known and "nlu_fallback" not in known
    with session_factory(database_url)() as session:
        decide(
            session,
            ids[0],
            "nieuw",
            intent="info_parkeren",
            known_intents=known,
            reviewer="m",
            text_checked=True,
        )
        decide(
            session,
            ids[1],
            "toewijzen",
            intent="info_mantelzorg",
            known_intents=known,
            reviewer="m",
            text_checked=True,
        )
        decide(
            session,
            ids[2],
            "afwijzen",
            intent=None,
            known_intents=known,
            reviewer="m",
            text_checked=True,
        )
        with pytest.raises(ReviewError, match="bestaand"):
            decide(
                session,
                ids[3],
                "toewijzen",
                intent="bestaat_niet",
                known_intents=known,
                reviewer="m",
                text_checked=True,
            )
        with pytest.raises(ReviewError, match="bestaat al"):
            decide(
                session,
                ids[3],
                "nieuw",
                intent="info_wmo",
                known_intents=known,
                reviewer="m",
                text_checked=True,
            )
        with pytest.raises(ReviewError, match="kleine letters"):
            decide(
                session,
                ids[3],
                "nieuw",
                intent="Parkeren!",
                known_intents=known,
                reviewer="m",
                text_checked=True,
            )
        decide(
            session,
            ids[3],
            "nieuw",
            intent="info_parkeren",
            known_intents=known,
            reviewer="m",
            text_checked=True,
        )
        session.commit()
        assert open_messages(session) == []
        examples = reviewed_examples(session)
    assert examples == {
        "info_mantelzorg": ["mantelzorgwaardering, hoe krijg ik die? bel <telefoon>"],
        "info_parkeren": [
            "hoe vraag ik een parkeervergunning aan",
            "parkeervergunning voor bezoek",
        ],
    }
    parsed = yaml.safe_load(to_yaml(examples))
    assert parsed["version"] == "3.1"
    assert parsed["nlu"][1] == {
        "intent": "info_parkeren",
        "examples": "- hoe vraag ik een parkeervergunning aan\n- parkeervergunning voor bezoek\n",
    }


def test_export_passes_rasa_data_validate(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'insights.db'}"
    ids = _messages(url)
    known = intents()
    with session_factory(url)() as session:
        for message_id, decision, intent in zip(
            ids,
            ("nieuw", "toewijzen", "toewijzen", "nieuw"),
            ("info_parkeren", "info_mantelzorg", "out_of_scope", "info_parkeren"),
            strict=True,
        ):
            decide(
                session,
                message_id,
                decision,
                intent=intent,
                known_intents=known,
                reviewer="m",
                text_checked=True,
            )
        session.commit()
    out = tmp_path / "reviewed.yml"
    assert main(["export-nlu", "--db", url, "--out", str(out)]) == 0

    bot = tmp_path / "bot"
    shutil.copytree(REPO / "bot", bot, ignore=shutil.ignore_patterns("models", "__pycache__"))
    shutil.copy(out, bot / "data" / "nlu_reviewed.yml")
    result = subprocess.run(
        [str(RASA_BIN / "rasa"), "data", "validate", "--data", "data", "--domain", "domain.yml"],
        cwd=bot,
        capture_output=True,
        text=True,
        timeout=600,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The new topic is not in the domain yet: Rasa warns about exactly that, nothing else fails.
    assert "info_parkeren" in result.stdout + result.stderr


def test_nothing_unchecked_is_exported(database_url: str, tmp_path: Path) -> None:
    """Keeping a message needs the text check; unchecked rows never reach the export."""
    ids = _messages(database_url)
    known = intents()
    with session_factory(database_url)() as session:
        with pytest.raises(ReviewError, match="Lees de tekst eerst na"):
            decide(
                session, ids[0], "nieuw", intent="info_parkeren", known_intents=known, reviewer="m"
            )
        with pytest.raises(ReviewError, match="te lang"):
            decide(
                session,
                ids[0],
                "afwijzen",
                intent=None,
                known_intents=known,
                reviewer="m",
                corrected_text="x" * 1001,
            )
        # The manager removes a detail the redactor missed; the correction is redacted again.
        checked = decide(
            session,
            ids[1],
            "toewijzen",
            intent="info_mantelzorg",
            known_intents=known,
            reviewer="manager1",
            text_checked=True,
            corrected_text="mantelzorgwaardering voor  mevrouw X, bel 06-12345678",
        )
        assert checked.tekst == "mantelzorgwaardering voor mevrouw X, bel <telefoon>"
        assert checked.text_checked_by == "manager1" and checked.text_checked_at is not None
        # A row marked as assigned some other way (older data, a direct edit) stays out.
        unchecked = session.get(UnansweredMessage, ids[3])
        assert unchecked is not None
        unchecked.review_status, unchecked.review_intent = "toegewezen", "info_wmo"
        session.commit()
        assert reviewed_examples(session) == {
            "info_mantelzorg": ["mantelzorgwaardering voor mevrouw X, bel <telefoon>"]
        }
    out = tmp_path / "out.yml"
    assert main(["export-nlu", "--db", database_url, "--out", str(out)]) == 0
    assert "info_wmo" not in out.read_text() and "parkeer" not in out.read_text()


def test_messages_assigned_before_the_check_go_back_to_the_inbox(database_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    command.upgrade(config, "insights_0001")
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO insights_unanswered (source_event_id, conversation_id, tekst, "
                "reason, ranking, kanaal, received_at, review_status, review_intent) VALUES "
                "('old#1', 1, 'Ik ben Jan', 'nlu_fallback', '[]', 'web', :now, 'toegewezen', "
                "'info_wmo'), ('old#2', 1, 'weg ermee', 'nlu_fallback', '[]', 'web', :now, "
                "'afgewezen', NULL)"
            ),
            {"now": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    engine.dispose()
    upgrade(database_url)
    with session_factory(database_url)() as session:
        rows = session.scalars(sa.select(UnansweredMessage).order_by(UnansweredMessage.id)).all()
        assert [(row.review_status, row.review_intent) for row in rows] == [
            ("open", "info_wmo"),
            ("afgewezen", None),
        ]
        assert reviewed_examples(session) == {}
