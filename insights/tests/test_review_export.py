"""Review decisions, the NLU YAML export, and `rasa data validate` on that export."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from insights.__main__ import main
from insights.db import session_factory, upgrade
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
        decide(session, ids[0], "nieuw", intent="info_parkeren", known_intents=known, reviewer="m")
        decide(
            session,
            ids[1],
            "toewijzen",
            intent="info_mantelzorg",
            known_intents=known,
            reviewer="m",
        )
        decide(session, ids[2], "afwijzen", intent=None, known_intents=known, reviewer="m")
        with pytest.raises(ReviewError, match="bestaand"):
            decide(
                session,
                ids[3],
                "toewijzen",
                intent="bestaat_niet",
                known_intents=known,
                reviewer="m",
            )
        with pytest.raises(ReviewError, match="bestaat al"):
            decide(session, ids[3], "nieuw", intent="info_wmo", known_intents=known, reviewer="m")
        with pytest.raises(ReviewError, match="kleine letters"):
            decide(session, ids[3], "nieuw", intent="Parkeren!", known_intents=known, reviewer="m")
        decide(session, ids[3], "nieuw", intent="info_parkeren", known_intents=known, reviewer="m")
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
            decide(session, message_id, decision, intent=intent, known_intents=known, reviewer="m")
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
