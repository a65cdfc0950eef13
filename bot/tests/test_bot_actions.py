"""The rasa-sdk actions with real trackers, a real dispatcher and a real HTTP server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions.crisis import ActionCrisisAnswer, ActionMarkSpoed
from actions.delivery import melding_outbox
from actions.fallback import ActionNotUnderstood
from actions.form import ValidateMeldingForm
from actions.info import ActionContactInfo, ActionInfoNaMelding
from actions.questions import ActionAskBevestigd, ActionAskToestemming
from actions.start import ActionResetMelding
from actions.submit import ActionCreateMelding, ActionNoConsent
from actions.texts import BUTTONS_MAIN_MENU, TOPIC_TITLES
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text("utf-8"))
ACTIVATION = 1_764_000_100.0

FILLED = {
    "onderwerp": "Mantelzorg",
    "voor_wie": "naaste",
    "beschrijving": "Ik zorg voor mijn moeder.",
    "dringend": False,
    "toestemming": True,
    "contactwijze": "telefoon",
    "bereikbaar": "na 17.00 uur",
    "bevestigd": True,
    "naam": "Jan de Vries",
    "telefoon": "+31612345678",
    "spoed": False,
}


def tracker(
    slots: dict[str, Any] | None = None,
    *,
    text: str = "ja",
    active_loop: str | None = None,
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "gesprek-1",
) -> Tracker:
    if events is None:
        events = [
            {"event": "session_started", "timestamp": ACTIVATION - 100},
            {"event": "user", "text": "ik wil teruggebeld worden", "timestamp": ACTIVATION - 1},
            {"event": "active_loop", "name": "melding_form", "timestamp": ACTIVATION},
            {"event": "bot", "text": "Klopt dit?", "timestamp": ACTIVATION + 50},
            {"event": "user", "text": text, "timestamp": ACTIVATION + 60},
        ]
    return Tracker(
        sender_id,
        dict(slots or {}),
        {"text": text, "intent": {"name": "affirm"}},
        events,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def run(action, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Messages and events of one action run (the form's requested_slot events left out)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return dispatcher.messages, [e for e in events if e.get("name") != "requested_slot"]


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(b.get("text") or "" for b in messages)


@pytest.fixture(autouse=True)
def _org(org_file: Path) -> None:
    """Every test here uses the test organisation file."""


# --- crisis -------------------------------------------------------------------------------


def crisis_tracker(text: str, **kwargs: Any) -> Tracker:
    t = tracker(text=text, **kwargs)
    t.latest_message = {"text": text, "intent": {"name": "crisis"}}
    return t


@pytest.mark.parametrize(
    ("text", "first", "later"),
    [
        ("ik wil dood", "0800-0113", "112"),
        ("mijn man slaat mij", "112", "0800-2000"),
        ("mijn vader is bewusteloos", "112", "0599 77 66 55"),
    ],
)
def test_crisis_answer_puts_the_number_for_that_situation_first(
    text: str, first: str, later: str
) -> None:
    messages, events = run(ActionCrisisAnswer(), crisis_tracker(text))
    numbers = messages[0]["text"]
    assert first in numbers and later in numbers
    assert numbers.index(first) < numbers.index(later)
    assert messages[-1]["buttons"][0]["payload"] == "/affirm"
    assert events == []


def test_suicide_answer_offers_the_113_chat_and_no_closed_office_line() -> None:
    numbers = run(ActionCrisisAnswer(), crisis_tracker("ik wil dood"))[0][0]["text"]
    assert "113.nl" in numbers
    assert "0599 11 22 33" not in numbers  # the office line, closed at night


def test_violence_answer_gives_veilig_thuis_and_the_kindertelefoon() -> None:
    numbers = run(ActionCrisisAnswer(), crisis_tracker("mijn stiefvader slaat mij"))[0][0]["text"]
    assert "0800-2000" in numbers and "0800-0432" in numbers


def test_crisis_in_the_form_pauses_it_and_keeps_the_story() -> None:
    t = tracker(
        {"requested_slot": "beschrijving", "onderwerp": "Wonen"},
        text="mijn man slaat mij",
        active_loop="melding_form",
    )
    t.latest_message = {"text": "mijn man slaat mij", "intent": {"name": "crisis"}}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionCrisisAnswer().run(dispatcher, t, DOMAIN))
    assert "0800-2000" in dispatcher.messages[0]["text"]
    assert "verder met uw melding" in dispatcher.messages[-1]["text"]
    assert "?" not in dispatcher.messages[-1]["text"].split("melding?")[-1]  # no form question
    assert SlotSet("spoed", True) in events
    assert SlotSet("beschrijving", "mijn man slaat mij") in events
    assert ActiveLoop(None) in events  # paused: the next question waits for "ja"


def test_crisis_button_in_the_form_keeps_no_payload() -> None:
    t = tracker({"requested_slot": "beschrijving"}, text="/crisis", active_loop="melding_form")
    _, events = run(ActionCrisisAnswer(), t)
    assert SlotSet("beschrijving", "/crisis") not in events
    assert SlotSet("spoed", True) in events


def test_mark_spoed_starts_or_resumes() -> None:
    messages, events = run(ActionMarkSpoed(), tracker())
    assert events[-1] == SlotSet("spoed", True)
    assert SlotSet("onderwerp", None) in events  # a new melding starts empty
    assert "spoed" in messages[0]["text"]
    messages, _ = run(ActionMarkSpoed(), tracker({"onderwerp": "Wonen"}))
    assert "verder" in messages[0]["text"]


# --- formulier ----------------------------------------------------------------------------


def test_form_questions() -> None:
    messages, _ = run(ActionAskToestemming(), tracker())
    assert "toestemming" in messages[0]["text"]
    assert [k["payload"] for k in messages[0]["buttons"]] == ["/affirm", "/deny"]


def test_validation_telefoon() -> None:
    form = ValidateMeldingForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_telefoon("06-12345678", dispatcher, tracker(), DOMAIN) == {
        "telefoon": "+31612345678"
    }
    assert dispatcher.messages == []
    assert form.validate_telefoon("0612", dispatcher, tracker(), DOMAIN) == {"telefoon": None}
    assert "klopt niet" in dispatcher.messages[0]["text"]
    assert form.validate_telefoon("+32 470 12 34 56", dispatcher, tracker(), DOMAIN) == {
        "telefoon": None
    }
    assert "0599 11 22 33" in dispatcher.messages[1]["text"]


def test_validation_text_fields() -> None:
    form = ValidateMeldingForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_onderwerp(" Wonen ", dispatcher, tracker(), DOMAIN) == {
        "onderwerp": "Wonen"
    }
    assert form.validate_onderwerp("x" * 101, dispatcher, tracker(), DOMAIN) == {"onderwerp": None}
    assert form.validate_beschrijving("x" * 4001, dispatcher, tracker(), DOMAIN) == {
        "beschrijving": None
    }
    assert form.validate_naam("   ", dispatcher, tracker(), DOMAIN) == {"naam": None}
    assert len(dispatcher.messages) == 3
    assert "4000" in dispatcher.messages[1]["text"]


def form_tracker(requested: str, text: str, intent: str, confidence: float) -> Tracker:
    t = tracker(
        {"requested_slot": requested, "spoed": False},
        text=text,
        active_loop="melding_form",
        events=[{"event": "user", "text": text, "timestamp": 1.0}],
    )
    t.latest_message["intent"] = {"name": intent, "confidence": confidence}
    return t


def test_form_run_with_invalid_number_asks_again() -> None:
    """The whole validation action, as the form calls it after the inwoner typed '0612'."""
    messages, events = run(ValidateMeldingForm(), form_tracker("telefoon", "0612", "inform", 1))
    assert events == [SlotSet("telefoon", None)]
    assert "klopt niet" in messages[0]["text"]


def test_cleared_fields_give_no_error() -> None:
    """At activation the form validates the slots that action_reset_melding just cleared."""
    t = tracker(
        {"requested_slot": None},
        text="ik wil teruggebeld worden",
        events=[
            {"event": "user", "text": "ik wil teruggebeld worden", "timestamp": 1.0},
            *[
                {"event": "slot", "name": slot, "value": None, "timestamp": 1.1}
                for slot in ("onderwerp", "voor_wie", "beschrijving", "toestemming", "naam")
            ],
        ],
    )
    messages, events = run(ValidateMeldingForm(), t)
    assert messages == []
    assert all(event["value"] is None for event in events)


def test_form_run_takes_the_answer_to_the_asked_question() -> None:
    t = form_tracker("beschrijving", " de deurwaarder komt morgen ", "stop", 0.51)
    messages, events = run(ValidateMeldingForm(), t)
    assert events == [SlotSet("beschrijving", "de deurwaarder komt morgen")]
    assert messages == []


@pytest.mark.parametrize(
    ("text", "intent"), [("laat maar", "stop"), ("mijn man slaat mij", "crisis")]
)
def test_form_run_takes_no_answer_on_stop_or_crisis(text: str, intent: str) -> None:
    """No slot events: Rasa then rejects the form and the stop or crisis rule takes over."""
    messages, events = run(ValidateMeldingForm(), form_tracker("naam", text, intent, 0.99))
    assert events == []
    assert messages == []


def test_required_slots_follow_the_answers() -> None:
    form = ValidateMeldingForm()
    fieldnames = DOMAIN["forms"]["melding_form"]["required_slots"]
    assert fieldnames.index("toestemming") < fieldnames.index("contactwijze")
    assert fieldnames.index("contactwijze") < fieldnames.index("naam")
    assert fieldnames[-1] == "bevestigd"
    dispatcher = CollectingDispatcher()

    def required(slots: dict[str, Any]) -> list[str]:
        return asyncio.run(form.required_slots(fieldnames, dispatcher, tracker(slots), DOMAIN))

    no = {
        "onderwerp": "a",
        "voor_wie": "zelf",
        "beschrijving": "b",
        "dringend": False,
        "toestemming": False,
    }
    assert required(no) == ["onderwerp", "voor_wie", "beschrijving", "dringend", "toestemming"]
    assert asyncio.run(form.next_requested_slot(dispatcher, tracker(no), DOMAIN)) == SlotSet(
        "requested_slot", None
    )
    by_phone = required({"toestemming": True})
    assert "telefoon" in by_phone and "email" not in by_phone
    by_mail = required({"toestemming": True, "contactwijze": "email"})
    assert "email" in by_mail and "telefoon" not in by_mail
    assert "dringend" not in required({"spoed": True})
    assert "dringend" in required({"spoed": True, "dringend": True})


def test_no_consent_explains_and_forgets_everything() -> None:
    messages, events = run(ActionNoConsent(), tracker({**FILLED, "toestemming": False}))
    assert "0599 11 22 33" in messages[0]["text"]
    assert messages[1] == {**messages[1], "response": "utter_anders_helpen"}
    assert SlotSet("onderwerp", None) in events
    assert SlotSet("spoed", False) in events


def test_summary_asks_klopt_dit() -> None:
    t = tracker({**FILLED, "bevestigd": None, "requested_slot": "bevestigd"}, text="na vijven")
    messages, _ = run(ActionAskBevestigd(), t)
    summary = messages[0]["text"]
    assert summary.endswith("Klopt dit?")
    for row in (
        "Telefoon: 06 12345678",
        "Voor wie: Voor iemand voor wie ik zorg (mantelzorg)",
        "Bereikbaar: na 17.00 uur",
    ):
        assert row in summary
    assert [k["title"] for k in messages[0]["buttons"]] == ["Ja", "Nee"]
    by_mail = {**FILLED, "contactwijze": "email", "email": "a@example.nl", "dringend": True}
    summary = run(ActionAskBevestigd(), tracker(by_mail))[0][0]["text"]
    assert "E-mail: a@example.nl" in summary and "Telefoon" not in summary
    assert "Spoed: ja" in summary


def _at_summary(text: str, intent: str) -> Tracker:
    t = tracker(
        {**FILLED, "bevestigd": None, "requested_slot": "bevestigd"},
        text=text,
        active_loop="melding_form",
        events=[
            {"event": "slot", "name": "requested_slot", "value": "bevestigd", "timestamp": 1.0},
            {"event": "user", "text": text, "timestamp": 2.0},
        ],
    )
    t.latest_message["intent"] = {"name": intent, "confidence": 0.9}
    return t


def test_plain_no_at_the_summary_asks_what_is_wrong() -> None:
    messages, _ = run(ActionAskBevestigd(), _at_summary("nee", "deny"))
    assert messages[0]["text"].startswith("Wat klopt er niet?")


@pytest.mark.parametrize("intent", ["deny", "inform"])
def test_correction_at_the_summary_updates_the_number(intent: str) -> None:
    t = _at_summary("nee, mijn nummer is 06 87654321", intent)
    messages, events = run(ValidateMeldingForm(), t)
    assert SlotSet("telefoon", "+31687654321") in events
    assert messages == []
    t.slots["telefoon"] = "+31687654321"
    summary = run(ActionAskBevestigd(), t)[0][0]["text"]
    assert "Telefoon: 06 87654321" in summary


def test_correction_while_asked_for_the_name() -> None:
    t = form_tracker("naam", "nee sorry, mijn nummer is 0687654321", "deny", 0.9)
    t.slots.update({"telefoon": "+31612345678", "contactwijze": "telefoon"})
    messages, events = run(ValidateMeldingForm(), t)
    assert SlotSet("telefoon", "+31687654321") in events
    assert all(e["name"] != "naam" for e in events)
    assert "aangepast" in texts(messages)


def test_opnieuw_at_the_summary_starts_again_but_keeps_consent() -> None:
    messages, events = run(ValidateMeldingForm(), _at_summary("opnieuw", "inform"))
    assert SlotSet("onderwerp", None) in events
    assert all(e["name"] != "toestemming" for e in events)
    assert "opnieuw" in texts(messages)


def test_choices_voor_wie_contactwijze_and_dringend() -> None:
    def extracted(slot: str, text: str, intent: str = "inform") -> list[dict[str, Any]]:
        t = form_tracker(slot, text, intent, 0.9)
        t.slots["toestemming"] = True
        return run(ValidateMeldingForm(), t)[1]

    assert SlotSet("voor_wie", "naaste") in extracted("voor_wie", "Voor iemand voor wie ik zorg")
    assert SlotSet("voor_wie", "zelf") in extracted("voor_wie", "voor mezelf")
    assert SlotSet("voor_wie", "ander") in extracted("voor_wie", "zorgen om mijn buurman")
    assert extracted("voor_wie", "tja") == []
    story = "Ik zorg voor mijn man met dementie en ik ben erg moe"
    assert SlotSet("beschrijving", story) in extracted("voor_wie", story)
    button = "Voor iemand voor wie ik zorg (mantelzorg)"
    assert all(e["name"] != "beschrijving" for e in extracted("voor_wie", button))
    assert SlotSet("contactwijze", "email") in extracted("contactwijze", "E-mail")
    direct = extracted("contactwijze", "bel maar op 0612345678")
    assert SlotSet("telefoon", "+31612345678") in direct
    assert SlotSet("spoed", True) in extracted("dringend", "ja het is echt dringend", "inform")
    assert SlotSet("dringend", False) in extracted("dringend", "nee het kan wel wachten", "inform")


def test_a_question_in_the_form_is_not_an_answer() -> None:
    t = form_tracker("beschrijving", "wat is een pgb?", "info_pgb", 0.95)
    assert run(ValidateMeldingForm(), t)[1] == []
    t = form_tracker("beschrijving", "Ik zorg voor mijn man, ik ben op", "info_mantelzorg", 0.95)
    assert (
        SlotSet("beschrijving", "Ik zorg voor mijn man, ik ben op")
        in run(ValidateMeldingForm(), t)[1]
    )


def test_validation_email() -> None:
    form = ValidateMeldingForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_email("mijn mail is Jan@Example.nl", dispatcher, tracker(), DOMAIN) == {
        "email": "Jan@example.nl"
    }
    assert form.validate_email("jan@", dispatcher, tracker(), DOMAIN) == {"email": None}
    assert "e-mailadres klopt niet" in dispatcher.messages[0]["text"]


def test_reset() -> None:
    _, events = run(ActionResetMelding(), tracker(FILLED))
    assert {e["name"] for e in events} == {
        *FILLED,
        "email",
        "eerste_bericht",
        "veilig_contact",
        "veiligheid",
    }


def test_not_understood() -> None:
    messages, _ = run(ActionNotUnderstood(), tracker(text="qwerty"))
    assert "Bel dan 112" in messages[0]["text"]
    assert "/request_human" in [b["payload"] for b in messages[0]["buttons"]]
    outside = tracker(text="wat voor weer wordt het")
    outside.latest_message["intent"] = {"name": "out_of_scope"}
    messages, _ = run(ActionNotUnderstood(), outside)
    assert messages[0]["text"].startswith("Daar kan ik u helaas niet mee helpen.")
    assert "gemeente Testgemeente" in messages[0]["text"]
    in_form = tracker({"requested_slot": "toestemming"}, active_loop="melding_form")
    messages, _ = run(ActionNotUnderstood(), in_form)
    assert "'Ja' of 'Nee'" in messages[0]["text"]


def test_second_time_not_understood_offers_a_person() -> None:
    events = [
        {"event": "user", "text": "blabla", "timestamp": 1.0},
        {"event": "action", "name": "action_not_understood", "timestamp": 2.0},
        {"event": "action", "name": "action_listen", "timestamp": 3.0},
        {"event": "user", "text": "pfff", "timestamp": 4.0},
    ]
    messages, _ = run(ActionNotUnderstood(), tracker(text="pfff", events=events))
    assert "medewerker" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/request_human"


def test_contact_info_and_after_melding() -> None:
    messages, _ = run(ActionContactInfo(), tracker())
    assert "0599 11 22 33" in messages[0]["text"]
    assert "maandag tot en met donderdag" in messages[0]["text"]
    assert "Wij zijn nu" in messages[0]["text"]
    messages, _ = run(ActionInfoNaMelding(), tracker())
    assert "keukentafelgesprek" in messages[0]["text"]


# --- melding versturen --------------------------------------------------------------------


def test_create_melding(fake_escalation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    messages, events = run(ActionCreateMelding(), tracker({**FILLED, "spoed": True}))

    [req] = fake_escalation.recorded
    assert req.headers["Authorization"] == "Bearer dev"
    assert req.headers["Idempotency-Key"].startswith("voordeur-")
    body = req.body
    assert body["gesprek_id"] == "gesprek-1"
    assert body["kanaal"] == "web"
    assert body["spoed"] is True
    assert body["toestemming"] is True
    assert body["telefoon"] == "+31612345678"
    assert body["email"] is None
    assert body["voor_wie"] == "naaste"
    assert body["bereikbaar"] == "na 17.00 uur"
    assert body["transcript"][0] == {
        "van": "inwoner",
        "tekst": "ik wil teruggebeld worden",
        "tijd": "2025-11-24T16:01:39+00:00",
    }
    assert messages[0]["text"].startswith(
        "Uw melding is ontvangen. Uw nummer is VD-ABC234. "
        "Een medewerker neemt uiterlijk woensdag 26 november contact met u op."
    )
    assert messages[1]["response"] == "utter_anders_helpen"
    assert SlotSet("telefoon", None) in events
    assert SlotSet("spoed", False) in events


def test_same_form_gives_same_key(fake_escalation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    run(ActionCreateMelding(), tracker(FILLED))
    run(ActionCreateMelding(), tracker(FILLED, text="ja probeer opnieuw"))
    idem_keys = {v.headers["Idempotency-Key"] for v in fake_escalation.recorded}
    assert len(idem_keys) == 1


def test_escalation_down_keeps_the_melding_and_delivers_it_later(
    free_port: str, fake_escalation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_URL", free_port)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    messages, events = run(ActionCreateMelding(), tracker(FILLED))
    assert "Ik heb uw vraag bewaard" in messages[0]["text"]
    assert "0599 11 22 33" in messages[0]["text"]
    assert "Uw melding is ontvangen" not in texts(messages)
    assert SlotSet("telefoon", None) in events  # not asked again: the outbox has it
    [pending] = melding_outbox().pending()
    assert pending.body["naam"] == FILLED["naam"]

    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)  # the service is back
    deadline = time.monotonic() + 10
    while melding_outbox().pending() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert melding_outbox().pending() == []
    [delivered] = fake_escalation.recorded
    assert delivered.headers["Idempotency-Key"] == pending.idempotency_key
    assert delivered.body["naam"] == FILLED["naam"]


def test_refused_melding_is_honest_and_keeps_the_answers(
    fake_escalation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    fake_escalation.answers.append((422, {"detail": [{"loc": ["body"], "msg": "fout"}]}))
    messages, events = run(ActionCreateMelding(), tracker(FILLED))
    assert "niet gelukt" in messages[0]["text"]
    assert "Uw melding is ontvangen" not in texts(messages)
    assert "0599 11 22 33" in messages[0]["text"]
    assert [k["payload"] for k in messages[0]["buttons"]] == ["/affirm", "/stop"]
    assert events == []
    assert melding_outbox().pending() == []


def test_without_token_it_fails_honestly(fake_escalation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)
    monkeypatch.delenv("ESCALATION_API_TOKEN", raising=False)
    messages, _ = run(ActionCreateMelding(), tracker(FILLED))
    assert "niet gelukt" in messages[0]["text"]
    assert fake_escalation.recorded == []


def test_yes_after_a_sent_melding_shows_the_menu(fake_escalation) -> None:
    messages, events = run(ActionCreateMelding(), tracker({"spoed": False}))
    assert messages == [{**messages[0], "response": "utter_hoe_helpen"}]
    assert events == []
    assert fake_escalation.recorded == []


def test_not_understood_offers_the_topics_the_classifier_hesitated_between() -> None:
    unsure = tracker(text="mijn moeder kan de trap niet meer op en zit veel alleen")
    unsure.latest_message["intent"] = {"name": "nlu_fallback", "confidence": 0.4}
    unsure.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "info_wmo", "confidence": 0.34},
        {"name": "affirm", "confidence": 0.3},
        {"name": "info_eenzaamheid", "confidence": 0.2},
        {"name": "info_mantelzorg", "confidence": 0.1},
        {"name": "info_pgb", "confidence": 0.08},
        {"name": "info_werk", "confidence": 0.01},
    ]
    messages, _ = run(ActionNotUnderstood(), unsure)
    assert messages[0]["text"].startswith("Ik weet niet zeker wat u bedoelt.")
    assert "Bel dan 112" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/info_wmo",
        "/info_eenzaamheid",
        "/info_mantelzorg",
        "/request_human",
        "/crisis",
    ]


def test_not_understood_without_topics_in_mind_shows_the_menu() -> None:
    unsure = tracker(text="qwerty")
    unsure.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "greet", "confidence": 0.3},
        {"name": "info_wmo", "confidence": 0.02},
    ]
    messages, _ = run(ActionNotUnderstood(), unsure)
    assert messages[0]["text"].startswith("Dat begrijp ik niet goed.")
    assert messages[0]["buttons"] == BUTTONS_MAIN_MENU


def test_every_topic_title_is_a_domain_intent_and_every_info_intent_has_one() -> None:
    info_intents = {name for name in DOMAIN["intents"] if str(name).startswith("info_")}
    assert set(TOPIC_TITLES) == info_intents
    assert all(len(title) <= 24 for title in TOPIC_TITLES.values())
