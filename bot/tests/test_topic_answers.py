"""answers.yml: its content, the rules that use it and the action that sends its answers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions import answers
from actions.info import ActionTopicInfo
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from voordeur_nlu.answer_selector import labelled_examples, load_answers

BOT_DIR = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((BOT_DIR / "domain.yml").read_text("utf-8"))
RULES = yaml.safe_load((BOT_DIR / "data" / "rules.yml").read_text("utf-8"))["rules"]
ANSWERS = load_answers()
MIN_EXAMPLES = 15


def _tracker(text: str, intent: str, answer: dict[str, Any] | None = None) -> Tracker:
    latest: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    if answer is not None:
        latest["answer"] = answer
    return Tracker("gesprek-1", {}, latest, [], False, None, None, "action_listen")


def _answer(tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionTopicInfo().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages


def test_every_topic_is_an_info_intent_with_a_general_and_a_specific_answer() -> None:
    for topic, named in ANSWERS.items():
        assert topic.startswith("info_") and topic in DOMAIN["intents"], topic
        assert answers.GENERAL_ANSWER in named, topic
        assert len(named) >= 2, topic
        # Its answers are in answers.yml only, not also a domain response.
        assert f"utter_{topic}" not in DOMAIN["responses"], topic


def test_every_specific_answer_has_a_source_and_enough_distinct_examples() -> None:
    seen: set[str] = set()
    for topic, named in ANSWERS.items():
        for name, answer in named.items():
            assert str(answer["text"]).strip(), (topic, name)
            if name == answers.GENERAL_ANSWER:
                continue
            assert str(answer.get("source") or "").strip(), (topic, name)  # grounded
            examples = [str(e).strip().lower() for e in answer["examples"]]
            assert len(examples) >= MIN_EXAMPLES, (topic, name)
            assert not seen & set(examples), (topic, name, seen & set(examples))
            seen |= set(examples)


def test_every_rule_of_a_topic_with_answers_sends_them_through_the_action() -> None:
    checked = 0
    for rule in RULES:
        steps = rule.get("steps") or []
        intents = [step["intent"] for step in steps if "intent" in step]
        actions = [step["action"] for step in steps if "action" in step]
        if not intents or intents[-1] not in ANSWERS:
            assert "action_topic_info" not in actions, rule["rule"]
            continue
        assert "action_topic_info" in actions, rule["rule"]
        checked += 1
    assert checked >= 2 * len(ANSWERS)  # outside and inside the form


def test_a_specific_answer_chosen_for_the_topic_is_sent() -> None:
    tracker = _tracker(
        "mijn taxipas vervalt, hoe verleng ik die",
        "info_hulpmiddelen_vervoer",
        {"topic": "info_hulpmiddelen_vervoer", "name": "vervoerspas", "confidence": 0.8},
    )
    [message] = _answer(tracker)
    assert message["text"] == ANSWERS["info_hulpmiddelen_vervoer"]["vervoerspas"]["text"]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("wat is de wmo", None),
        # A button press is never a sub-question, whatever the selector made of "/info_wmo".
        ("/info_wmo", {"topic": "info_wmo", "name": "dementie", "confidence": 0.9}),
        # Chosen for another topic than the one the rules answer.
        ("wat is de wmo", {"topic": "info_minima", "name": "toeslagen", "confidence": 0.9}),
        ("wat is de wmo", {"topic": "info_wmo", "name": "bestaat_niet", "confidence": 0.9}),
    ],
)
def test_otherwise_the_general_answer_with_its_buttons(
    text: str, answer: dict[str, Any] | None
) -> None:
    [message] = _answer(_tracker(text, "info_wmo", answer))
    general = ANSWERS["info_wmo"]["algemeen"]
    assert message["text"] == general["text"]
    assert message["buttons"] == general.get("buttons", [])


def test_a_topic_without_answers_asks_how_to_help_and_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        [message] = _answer(_tracker("hoe werkt een pgb", "info_pgb"))
    assert message["response"] == "utter_hoe_helpen"
    assert "info_pgb" in caplog.text


class _Examples:
    """The part of Rasa's TrainingData that labelled_examples reads."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        from rasa.shared.nlu.training_data.message import Message

        self.intent_examples = [Message(data={"text": t, "intent": i}) for t, i in pairs]


def test_the_selector_learns_the_general_answer_from_the_topics_other_examples() -> None:
    named = {
        "algemeen": {"text": "..."},
        "vervoerspas": {"text": "...", "examples": ["mijn taxipas is verlopen"]},
    }
    data = _Examples(
        [
            ("wat is de wmo", "info_hulpmiddelen_vervoer"),
            ("Mijn taxipas is verlopen ", "info_hulpmiddelen_vervoer"),  # also a specific one
            ("wat is een pgb", "info_pgb"),
        ]
    )
    texts, labels = labelled_examples("info_hulpmiddelen_vervoer", named, data)  # type: ignore[arg-type]
    assert list(zip(texts, labels, strict=True)) == [
        ("mijn taxipas is verlopen", "vervoerspas"),
        ("wat is de wmo", "algemeen"),
    ]


@pytest.fixture
def answers_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """answers.yml at a path of the test's own; read again after the test."""
    path = tmp_path / "answers.yml"
    monkeypatch.setattr(answers, "ANSWERS_FILE", path)
    answers.topic_answers.cache_clear()
    yield path
    answers.topic_answers.cache_clear()


def test_the_action_server_does_not_start_without_readable_answers(
    org_file: Path, answers_file: Path
) -> None:
    import actions

    with pytest.raises(FileNotFoundError):
        actions.on_server_start()


def test_a_topic_without_a_general_answer_is_refused_by_name(answers_file: Path) -> None:
    answers_file.write_text("info_wmo:\n  dementie:\n    text: Ga naar de huisarts.\n", "utf-8")
    with pytest.raises(ValueError, match="info_wmo"):
        answers.topic_answers()
