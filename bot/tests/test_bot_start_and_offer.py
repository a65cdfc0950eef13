"""Starting the melding with what the inwoner already told, the call-back offer and the
answer to heavy-but-not-crisis messages (real trackers and dispatcher, no Rasa)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from actions import melding, prefill, texts
from actions.crisis import ActionHeavyAnswer, ActionMarkSpoed
from actions.form import ValidateMeldingForm
from actions.info import ActionOfferCallback
from actions.organisation import current_organisation
from actions.questions import ActionAskBeschrijving
from actions.start import ActionStartMelding
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text("utf-8"))
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _org(org_file: Path) -> None:
    """Every test here uses the test organisation file."""


def user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def make_tracker(events: list[dict[str, Any]], slots: dict[str, Any] | None = None) -> Tracker:
    latest = next((e for e in reversed(events) if e["event"] == "user"), {})
    return Tracker(
        "gesprek-1",
        dict(slots or {}),
        {"text": latest.get("text"), **(latest.get("parse_data") or {})},
        events,
        False,
        None,
        {},
        "action_listen",
    )


def run(action: Any, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def test_topic_of_the_informational_answer_fills_the_onderwerp() -> None:
    events = [
        user("wat is respijtzorg", "info_respijtzorg"),
        {"event": "action", "name": "action_offer_callback"},
        user("ja graag", "affirm"),
    ]
    messages, slot_events = run(ActionStartMelding(), make_tracker(events))
    assert SlotSet("onderwerp", "Respijtzorg") in slot_events
    assert "Respijtzorg" in messages[0]["text"]


def test_a_finished_melding_is_forgotten() -> None:
    events = [
        user("wat is respijtzorg", "info_respijtzorg"),
        {"event": "action", "name": "action_create_melding"},
        user("bel mij terug", "request_human"),
    ]
    assert prefill.known_onderwerp(events) is None


def test_voor_mijn_vrouw_and_the_first_words_are_kept() -> None:
    story = "mijn vrouw heeft dementie en ik red het thuis niet meer, kan iemand mij bellen"
    events = [user("hallo", "greet"), user(story + " voor mijn vrouw", "request_human")]
    _, slot_events = run(ActionStartMelding(), make_tracker(events))
    assert SlotSet("voor_wie", "naaste") in slot_events
    assert SlotSet("eerste_bericht", story + " voor mijn vrouw") in slot_events


def test_a_short_request_is_not_a_story() -> None:
    assert prefill.first_words([user("bel mij terug", "request_human")]) is None
    assert prefill.first_words([user("/request_human", "request_human")]) is None


def test_yes_after_a_crisis_keeps_what_the_inwoner_told() -> None:
    crisis_message = "mijn man slaat mij en ik durf niet meer naar huis"
    events = [
        user(crisis_message, "crisis"),
        {"event": "action", "name": "action_crisis_answer"},
        user("ja graag", "affirm"),
    ]
    messages, slot_events = run(ActionMarkSpoed(), make_tracker(events))
    assert SlotSet("eerste_bericht", crisis_message) in slot_events
    assert SlotSet("onderwerp", texts.VIOLENCE_ONDERWERP) in slot_events
    assert SlotSet("veiligheid", True) in slot_events and SlotSet("spoed", True) in slot_events
    assert messages[0]["text"] == texts.SPOED_INTRO


def test_yes_after_a_crisis_in_the_form_keeps_the_answers() -> None:
    events = [user("ik wil niet meer leven", "crisis"), user("ja", "affirm")]
    tracker = make_tracker(events, {"onderwerp": "Mantelzorg", "voor_wie": "zelf"})
    messages, slot_events = run(ActionMarkSpoed(), tracker)
    assert slot_events == [SlotSet("spoed", True)]
    assert messages[0]["text"] == texts.SPOED_RESUME


def test_a_crisis_message_is_a_story_even_when_short() -> None:
    assert prefill.first_words([user("ik wil dood", "crisis")]) == "ik wil dood"
    assert prefill.first_words([user("help nu", "crisis")]) is None
    assert prefill.known_onderwerp([user("ik wil niet meer leven", "crisis")]) is None


def test_with_first_words_the_form_asks_only_for_more() -> None:
    tracker = make_tracker([], {"eerste_bericht": "Mijn moeder valt steeds."})
    messages, _ = run(ActionAskBeschrijving(), tracker)
    assert "Mijn moeder valt steeds." in messages[0]["text"]
    assert "nee" in messages[0]["text"]


@pytest.mark.parametrize(
    ("answer", "intent", "expected"),
    [
        ("nee", "deny", "Mijn moeder valt steeds."),
        ("Ze woont alleen.", "inform", "Mijn moeder valt steeds.\nZe woont alleen."),
    ],
)
def test_beschrijving_starts_with_the_first_words(answer: str, intent: str, expected: str) -> None:
    tracker = make_tracker(
        [user(answer, intent)],
        {"eerste_bericht": "Mijn moeder valt steeds.", "requested_slot": "beschrijving"},
    )
    form = ValidateMeldingForm()
    dispatcher = CollectingDispatcher()
    result = asyncio.run(form.extract_beschrijving(dispatcher, tracker, DOMAIN))
    assert result == {"beschrijving": expected}


def test_offer_is_a_yes_no_question() -> None:
    messages, _ = run(ActionOfferCallback(), make_tracker([]))
    assert "contact met u opneemt?" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]


def test_offer_at_night_says_when_someone_reads_it() -> None:
    saturday_night = datetime(2026, 11, 28, 23, 0, tzinfo=AMSTERDAM)
    text = texts.offer_callback(current_organisation(), saturday_night)
    assert "gesloten" in text and "maandag 30 november om 8.30 uur" in text
    assert "112" in text and "113" in text
    tuesday_morning = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
    assert "gesloten" not in texts.offer_callback(current_organisation(), tuesday_morning)


def test_heavy_answer_gives_de_luisterlijn_the_huisarts_and_113() -> None:
    messages, _ = run(ActionHeavyAnswer(), make_tracker([user("ik ben zo somber", "zwaar")]))
    text = messages[0]["text"]
    assert "Luisterlijn" in text and "huisarts" in text and "zelfmoord" in text
    assert "113" in text


@pytest.mark.parametrize("text", ["Geweld of onveilig thuis", "huiselijk geweld", "geweld thuis"])
def test_violence_as_the_topic_is_an_answer_with_the_safety_flag(text: str) -> None:
    tracker = make_tracker([user(text, "crisis")], {"requested_slot": "onderwerp"})
    dispatcher = CollectingDispatcher()
    form = ValidateMeldingForm()
    result = asyncio.run(form.extract_onderwerp(dispatcher, tracker, DOMAIN))
    assert result == {"onderwerp": "Geweld of onveilig thuis"}
    assert "0800-2000" in dispatcher.messages[0]["text"]  # the numbers once, then the form
    validated = form.validate_onderwerp(result["onderwerp"], dispatcher, tracker, DOMAIN)
    assert validated == {"onderwerp": "Geweld of onveilig thuis", "veiligheid": True}


def test_a_violent_story_at_the_topic_question_is_still_a_crisis() -> None:
    tracker = make_tracker(
        [user("mijn man slaat mij elke avond", "crisis")], {"requested_slot": "onderwerp"}
    )
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ValidateMeldingForm().extract_onderwerp(dispatcher, tracker, DOMAIN)) == {}


def test_safe_contact_is_asked_only_with_the_safety_flag() -> None:
    form = ValidateMeldingForm()
    slots = list(DOMAIN["forms"]["melding_form"]["required_slots"])
    plain = asyncio.run(
        form.required_slots(slots, CollectingDispatcher(), make_tracker([]), DOMAIN)
    )
    flagged = asyncio.run(
        form.required_slots(
            slots, CollectingDispatcher(), make_tracker([], {"veiligheid": True}), DOMAIN
        )
    )
    assert "veilig_contact" not in plain and "veilig_contact" in flagged


def test_the_melding_carries_the_safety_flag_and_how_to_make_contact() -> None:
    slots = {"veiligheid": True, "veilig_contact": "alleen overdag, geen bericht"}
    body = melding.payload(slots, "gesprek-1", [])
    assert body["veiligheid"] is True
    assert body["veilig_contact"] == "alleen overdag, geen bericht"
    assert "veiligheid" not in melding.payload({}, "gesprek-1", [])


def test_a_description_only_the_classifier_calls_a_crisis_is_kept_with_the_numbers() -> None:
    text = "mijn konijn is dood en ik ben er kapot van"
    tracker = make_tracker([user(text, "crisis")], {"requested_slot": "beschrijving"})
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateMeldingForm().extract_beschrijving(dispatcher, tracker, DOMAIN))
    assert result == {"beschrijving": text}
    assert "112" in dispatcher.messages[0]["text"] and "113" in dispatcher.messages[0]["text"]


def test_a_description_the_lexicon_calls_a_crisis_pauses_the_form() -> None:
    text = "ik wil niet meer leven"
    tracker = make_tracker([user(text, "crisis")], {"requested_slot": "beschrijving"})
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateMeldingForm().extract_beschrijving(dispatcher, tracker, DOMAIN))
    assert result == {}  # not an answer: the crisis rule answers with the numbers first
