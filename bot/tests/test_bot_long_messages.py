"""A long letter-style message is named and confirmed; yes answers it, no offers the others."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions import prefill
from actions.fallback import ActionNotUnderstood, ActionTopicAnswer
from actions.melding import transcript
from actions.texts import TOPIC_PHRASES, TOPIC_TITLES
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text("utf-8"))
STORY = (
    "Goedemiddag, ik ben 80 jaar en woon al mijn hele leven in hetzelfde huis. De slaapkamer "
    "is boven en sinds mijn val kom ik de trap bijna niet meer op. Mijn dochter vroeg om een "
    "traplift maar dat werd afgewezen. Ik wil hier heel graag blijven wonen, in mijn eigen "
    "dorp, bij mijn buren en mijn kerk. Wat kan ik nu nog doen om de trap of het huis aan te "
    "passen?"
)
RANKING = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "info_hulpmiddelen_vervoer", "confidence": 0.5},
    {"name": "zwaar", "confidence": 0.2},
    {"name": "info_bezwaar_klacht", "confidence": 0.15},
    {"name": "info_wmo", "confidence": 0.1},
    {"name": "info_wlz", "confidence": 0.06},
]


@pytest.fixture(autouse=True)
def _org(org_file: Path) -> None:
    """Every test here uses the test organisation file."""


def long_parse(text: str = STORY, ranking: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    ranking = RANKING if ranking is None else ranking
    return {
        "text": text,
        "intent": ranking[0],
        "intent_ranking": ranking,
        "long_message": {"words": len(text.split()), "intent": "info_hulpmiddelen_vervoer"},
    }


def tracker(
    latest: dict[str, Any], events: list[dict[str, Any]], slots: dict[str, Any] | None = None
) -> Tracker:
    return Tracker("gesprek-1", dict(slots or {}), latest, events, False, None, {}, "action_listen")


def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return dispatcher.messages, events


def story_events(parse: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"event": "session_started", "timestamp": 1.0},
        {"event": "action", "name": "action_listen", "timestamp": 2.0},
        {"event": "user", "text": parse["text"], "parse_data": parse, "timestamp": 3.0},
    ]


def test_a_long_message_is_named_in_one_sentence_and_confirmed_with_buttons() -> None:
    parse = long_parse()
    messages, events = run(ActionNotUnderstood(), tracker(parse, story_events(parse)))
    assert [m["text"] for m in messages] == [
        "Ik lees dat uw vraag gaat over hulpmiddelen, uw woning of vervoer. Klopt dat?"
    ]
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [
        ("Ja, dat klopt", "/info_hulpmiddelen_vervoer"),
        ("Bezwaar of klacht", "/info_bezwaar_klacht"),
        ("Hulp thuis (Wmo)", "/info_wmo"),
        ("Bel mij terug", "/request_human"),
    ]
    assert events == [
        {
            "event": "slot",
            "timestamp": None,
            "name": "lang_onderwerpen",
            "value": ["info_hulpmiddelen_vervoer", "info_bezwaar_klacht", "info_wmo"],
        }
    ]


def test_a_long_message_is_confirmed_also_right_after_another_not_understood() -> None:
    parse = long_parse()
    events = [
        {"event": "user", "text": "blabla", "timestamp": 1.0},
        {"event": "action", "name": "action_not_understood", "timestamp": 2.0},
        {"event": "action", "name": "action_listen", "timestamp": 3.0},
        {"event": "user", "text": STORY, "parse_data": parse, "timestamp": 4.0},
    ]
    messages, _ = run(ActionNotUnderstood(), tracker(parse, events))
    assert messages[0]["text"].startswith("Ik lees dat uw vraag gaat over")


def test_a_long_message_not_understood_is_confirmed_without_the_nlu_mark() -> None:
    """A model without the LongMessage component: 60+ words and nlu_fallback is long too."""
    parse = long_parse()
    del parse["long_message"]
    messages, _ = run(ActionNotUnderstood(), tracker(parse, story_events(parse)))
    assert messages[0]["text"].startswith("Ik lees dat uw vraag gaat over hulpmiddelen")


def test_a_short_message_not_understood_is_asked_about_as_before() -> None:
    parse = long_parse("de trap lukt niet meer")
    del parse["long_message"]
    messages, events = run(ActionNotUnderstood(), tracker(parse, story_events(parse)))
    assert messages[0]["text"].startswith("Ik weet niet zeker wat u bedoelt.")
    assert events == []


def test_a_later_not_understood_forgets_the_topics() -> None:
    parse = long_parse("de trap lukt niet meer")
    del parse["long_message"]
    slots = {"lang_onderwerpen": ["info_wmo"]}
    _, events = run(ActionNotUnderstood(), tracker(parse, story_events(parse), slots))
    assert [(e["name"], e["value"]) for e in events] == [("lang_onderwerpen", None)]


def typed(intent: str, text: str) -> dict[str, Any]:
    return {"text": text, "intent": {"name": intent, "confidence": 0.99}}


SLOTS = {"lang_onderwerpen": ["info_hulpmiddelen_vervoer", "info_bezwaar_klacht", "info_wmo"]}


def test_a_typed_yes_gives_the_topics_answer_as_if_it_was_asked() -> None:
    messages, events = run(ActionTopicAnswer(), tracker(typed("affirm", "ja klopt"), [], SLOTS))
    assert messages == []
    assert [e["event"] for e in events] == ["slot", "action", "user"]
    assert events[0]["value"] is None
    assert events[1]["name"] == "action_listen"
    assert events[2]["text"] == ""
    assert events[2]["parse_data"]["intent"] == {
        "name": "info_hulpmiddelen_vervoer",
        "confidence": 1.0,
    }


def test_a_typed_no_offers_the_other_topics_and_a_call_back() -> None:
    messages, events = run(ActionTopicAnswer(), tracker(typed("deny", "nee"), [], SLOTS))
    assert messages[0]["text"].startswith("Waar gaat uw vraag dan over?")
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/info_bezwaar_klacht",
        "/info_wmo",
        "/request_human",
    ]
    assert [(e["name"], e["value"]) for e in events] == [("lang_onderwerpen", None)]
    only_one = {"lang_onderwerpen": ["info_wmo"]}
    messages, _ = run(ActionTopicAnswer(), tracker(typed("deny", "nee"), [], only_one))
    assert "in een paar woorden" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_human"]


def test_yes_or_no_after_another_not_understood_is_answered_as_before() -> None:
    messages, events = run(ActionTopicAnswer(), tracker(typed("affirm", "ja"), []))
    assert messages[0]["response"] == "utter_hoe_helpen"
    assert events == []
    messages, _ = run(ActionTopicAnswer(), tracker(typed("deny", "nee"), []))
    assert messages[0]["response"] == "utter_goodbye"


def test_after_a_typed_yes_the_melding_knows_the_topic_and_the_story() -> None:
    parse = long_parse()
    _, confirmed = run(ActionTopicAnswer(), tracker(typed("affirm", "ja"), [], SLOTS))
    events = [
        *story_events(parse),
        {"event": "action", "name": "action_not_understood", "timestamp": 4.0},
        {"event": "bot", "text": "Ik lees dat ... Klopt dat?", "timestamp": 4.1},
        {"event": "action", "name": "action_listen", "timestamp": 5.0},
        {"event": "user", "text": "ja", "parse_data": typed("affirm", "ja"), "timestamp": 6.0},
        {"event": "action", "name": "action_topic_answer", "timestamp": 7.0},
        *confirmed,
    ]
    assert prefill.known_onderwerp(events) == "Woning, hulpmiddelen of vervoer"
    assert prefill.first_words(events) == STORY
    assert [row["tekst"] for row in transcript(events) if row["van"] == "inwoner"] == [STORY, "ja"]


def test_every_topic_has_a_phrase_for_the_question() -> None:
    assert set(TOPIC_PHRASES) == set(TOPIC_TITLES)


def test_not_understood_again_after_a_no_offers_a_person() -> None:
    parse = long_parse("iets heel anders")
    del parse["long_message"]
    events = [
        *story_events(long_parse()),
        {"event": "action", "name": "action_not_understood", "timestamp": 4.0},
        {"event": "action", "name": "action_listen", "timestamp": 5.0},
        {"event": "user", "text": "nee", "parse_data": typed("deny", "nee"), "timestamp": 6.0},
        {"event": "action", "name": "action_topic_answer", "timestamp": 7.0},
        {"event": "action", "name": "action_listen", "timestamp": 8.0},
        {"event": "user", "text": "iets heel anders", "parse_data": parse, "timestamp": 9.0},
    ]
    messages, _ = run(ActionNotUnderstood(), tracker(parse, events))
    assert "Het lukt mij niet goed om u te helpen" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/request_human"


def test_bel_mij_terug_after_a_long_message_keeps_the_named_topic_unless_denied() -> None:
    def after(*answers: tuple[str, str]) -> list[dict[str, Any]]:
        events = [
            *story_events(long_parse()),
            {"event": "action", "name": "action_not_understood", "timestamp": 4.0},
        ]
        for number, (intent, text) in enumerate(answers):
            stamp = 5.0 + number
            events.append({"event": "action", "name": "action_listen", "timestamp": stamp})
            parse = typed(intent, text)
            events.append({"event": "user", "text": text, "parse_data": parse, "timestamp": stamp})
        return events

    assert prefill.known_onderwerp(after(("request_human", "bel mij terug"))) == (
        "Woning, hulpmiddelen of vervoer"
    )
    assert prefill.known_onderwerp(after(("deny", "nee"), ("request_human", "bel mij"))) is None
