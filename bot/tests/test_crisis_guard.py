"""CrisisGuard on single messages: the lexicon overrules, and a crisis long ago is demoted."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from voordeur_nlu.crisis_guard import CrisisGuard


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    items: list[dict[str, Any]] = [{"name": name, "confidence": c} for name, c in ranking]
    return Message(data={TEXT: text, INTENT: items[0], INTENT_RANKING_KEY: items})


def guarded(message: Message) -> Message:
    return CrisisGuard().process([message])[0]


def test_the_lexicon_overrules_the_classifier() -> None:
    message = guarded(
        classified("mijn zoon van 17 is al 2 dagen spoorloos", [("out_of_scope", 0.66)])
    )
    assert message.get(INTENT)["name"] == "crisis"
    assert message.get("crisis_category") == "child"


def test_a_crisis_long_ago_gets_the_next_intent() -> None:
    text = "ik ben als kind mishandeld, nu zoek ik hulp bij mijn schulden"
    message = guarded(classified(text, [("crisis", 0.9), ("info_schulden", 0.6)]))
    assert message.get(INTENT)["name"] == "info_schulden"
    assert [item["name"] for item in message.get(INTENT_RANKING_KEY)] == ["info_schulden"] * 2


def test_a_crisis_long_ago_with_an_unsure_next_intent_is_not_understood() -> None:
    text = "mijn ex sloeg mij vroeger"
    message = guarded(classified(text, [("crisis", 0.95), ("info_wonen", 0.03)]))
    assert message.get(INTENT)["name"] == "nlu_fallback"


def test_danger_now_is_never_demoted() -> None:
    text = "vroeger sloeg hij me alleen als hij dronk, nu elke dag"
    message = guarded(classified(text, [("crisis", 0.95), ("info_wonen", 0.03)]))
    assert message.get(INTENT)["name"] == "crisis"


def test_grief_without_a_wish_to_die_is_not_a_crisis() -> None:
    text = "de uitvaart van mijn broer was zaterdag en ik weet niet hoe ik verder moet met alles"
    message = guarded(classified(text, [("crisis", 0.97), ("zwaar", 0.5)]))
    assert message.get(INTENT)["name"] == "zwaar"


def test_grief_with_a_wish_to_follow_stays_a_crisis() -> None:
    text = "sinds mijn vrouw is overleden wil ik haar het liefst achterna"
    message = guarded(classified(text, [("crisis", 0.97), ("zwaar", 0.5)]))
    assert message.get(INTENT)["name"] == "crisis"


def test_the_classifier_is_trusted_after_a_death_when_something_goes_on_now() -> None:
    text = "na de begrafenis is mijn zoon opnieuw weggelopen"
    message = guarded(classified(text, [("crisis", 0.97), ("info_jeugd", 0.5)]))
    assert message.get(INTENT)["name"] == "crisis"
