"""The rasa-sdk actions with real trackers, a real dispatcher and a real HTTP server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions.actions import (
    ActionAskToestemming,
    ActionCreateMelding,
    ActionCrisisAnswer,
    ActionGeenToestemming,
    ActionMeldingOpnieuw,
    ActionMeldingSamenvatting,
    ActionNietBegrepen,
    ActionResetMelding,
    ActionSpoedAan,
    ValidateMeldingForm,
)
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text("utf-8"))
ACTIVATIE = 1_764_000_100.0

GEVULD = {
    "onderwerp": "Mantelzorg",
    "beschrijving": "Ik zorg voor mijn moeder.",
    "toestemming": True,
    "naam": "Jan de Vries",
    "telefoon": "+31612345678",
    "spoed": False,
}


def tracker(
    slots: dict[str, Any] | None = None,
    *,
    tekst: str = "ja",
    active_loop: str | None = None,
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "gesprek-1",
) -> Tracker:
    if events is None:
        events = [
            {"event": "session_started", "timestamp": ACTIVATIE - 100},
            {"event": "user", "text": "ik wil teruggebeld worden", "timestamp": ACTIVATIE - 1},
            {"event": "active_loop", "name": "melding_form", "timestamp": ACTIVATIE},
            {"event": "bot", "text": "Klopt dit?", "timestamp": ACTIVATIE + 50},
            {"event": "user", "text": tekst, "timestamp": ACTIVATIE + 60},
        ]
    return Tracker(
        sender_id,
        dict(slots or {}),
        {"text": tekst, "intent": {"name": "affirm"}},
        events,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def run(action, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return dispatcher.messages, events


def teksten(berichten: list[dict[str, Any]]) -> str:
    return "\n".join(b.get("text") or "" for b in berichten)


@pytest.fixture(autouse=True)
def _org(org_file: Path) -> None:
    """Every test here uses the test organisation file."""


# --- crisis -------------------------------------------------------------------------------


def test_crisis_buiten_het_formulier_geeft_nummers_en_biedt_spoedmelding() -> None:
    berichten, events = run(ActionCrisisAnswer(), tracker(tekst="ik wil dood"))
    alles = teksten(berichten)
    for nummer in ("112", "113 of gratis 0800-0113", "0800-2000", "0599 99 88 77"):
        assert nummer in alles
    assert berichten[-1]["buttons"] == [
        {"title": "Ja, bel mij terug", "payload": "/affirm"},
        {"title": "Nee", "payload": "/deny"},
    ]
    assert events == []


def test_crisis_in_het_formulier_zet_spoed_en_bewaart_het_verhaal() -> None:
    t = tracker(
        {"requested_slot": "beschrijving", "onderwerp": "Wonen"},
        tekst="mijn man slaat mij",
        active_loop="melding_form",
    )
    berichten, events = run(ActionCrisisAnswer(), t)
    assert "0800-2000" in teksten(berichten)
    assert "spoed" in berichten[-1]["text"]
    assert not berichten[-1]["buttons"]
    assert events == [SlotSet("spoed", True), SlotSet("beschrijving", "mijn man slaat mij")]


def test_crisis_via_knop_in_het_formulier_bewaart_geen_payload() -> None:
    t = tracker({"requested_slot": "beschrijving"}, tekst="/crisis", active_loop="melding_form")
    _, events = run(ActionCrisisAnswer(), t)
    assert events == [SlotSet("spoed", True)]


def test_spoed_aan() -> None:
    assert run(ActionSpoedAan(), tracker())[1] == [SlotSet("spoed", True)]


# --- formulier ----------------------------------------------------------------------------


def test_form_vragen() -> None:
    berichten, _ = run(ActionAskToestemming(), tracker())
    assert "toestemming" in berichten[0]["text"]
    assert [k["payload"] for k in berichten[0]["buttons"]] == ["/affirm", "/deny"]


def test_validatie_telefoon() -> None:
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


def test_validatie_tekstvelden() -> None:
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


def formulier_tracker(requested: str, tekst: str, intent: str, zekerheid: float) -> Tracker:
    t = tracker(
        {"requested_slot": requested, "spoed": False},
        tekst=tekst,
        active_loop="melding_form",
        events=[{"event": "user", "text": tekst, "timestamp": 1.0}],
    )
    t.latest_message["intent"] = {"name": intent, "confidence": zekerheid}
    return t


def test_formulier_run_met_ongeldig_nummer_vraagt_opnieuw() -> None:
    """The whole validation action, as the form calls it after the inwoner typed '0612'."""
    berichten, events = run(
        ValidateMeldingForm(), formulier_tracker("telefoon", "0612", "inform", 1)
    )
    assert events == [SlotSet("telefoon", None)]
    assert "klopt niet" in berichten[0]["text"]


def test_gewiste_velden_geven_geen_foutmelding() -> None:
    """At activation the form validates the slots that action_reset_melding just cleared."""
    t = tracker(
        {"requested_slot": None},
        tekst="ik wil teruggebeld worden",
        events=[
            {"event": "user", "text": "ik wil teruggebeld worden", "timestamp": 1.0},
            *[
                {"event": "slot", "name": slot, "value": None, "timestamp": 1.1}
                for slot in ("onderwerp", "beschrijving", "toestemming", "naam", "telefoon")
            ],
        ],
    )
    berichten, events = run(ValidateMeldingForm(), t)
    assert berichten == []
    assert all(event["value"] is None for event in events)


def test_formulier_run_neemt_het_antwoord_op_de_gestelde_vraag() -> None:
    t = formulier_tracker("beschrijving", " de deurwaarder komt morgen ", "stop", 0.51)
    berichten, events = run(ValidateMeldingForm(), t)
    assert events == [SlotSet("beschrijving", "de deurwaarder komt morgen")]
    assert berichten == []


@pytest.mark.parametrize(
    ("tekst", "intent"), [("laat maar", "stop"), ("mijn man slaat mij", "crisis")]
)
def test_formulier_run_zonder_antwoord_bij_stop_of_crisis(tekst: str, intent: str) -> None:
    """No slot events: Rasa then rejects the form and the stop or crisis rule takes over."""
    berichten, events = run(ValidateMeldingForm(), formulier_tracker("naam", tekst, intent, 0.99))
    assert events == []
    assert berichten == []


def test_zonder_toestemming_stopt_het_formulier_na_die_vraag() -> None:
    form = ValidateMeldingForm()
    velden = DOMAIN["forms"]["melding_form"]["required_slots"]
    assert velden.index("toestemming") < velden.index("naam") < velden.index("telefoon")
    dispatcher = CollectingDispatcher()
    nee = tracker({"onderwerp": "a", "beschrijving": "b", "toestemming": False})
    ja = tracker({"onderwerp": "a", "beschrijving": "b", "toestemming": True})
    assert asyncio.run(form.required_slots(velden, dispatcher, nee, DOMAIN)) == [
        "onderwerp",
        "beschrijving",
        "toestemming",
    ]
    assert asyncio.run(form.required_slots(velden, dispatcher, ja, DOMAIN)) == velden
    assert asyncio.run(form.next_requested_slot(dispatcher, nee, DOMAIN)) == SlotSet(
        "requested_slot", None
    )


def test_geen_toestemming_legt_uit_en_vergeet_alles() -> None:
    berichten, events = run(ActionGeenToestemming(), tracker({**GEVULD, "toestemming": False}))
    assert "0599 11 22 33" in berichten[0]["text"]
    assert berichten[1] == {**berichten[1], "response": "utter_anders_helpen"}
    assert SlotSet("onderwerp", None) in events
    assert SlotSet("spoed", False) in events


def test_samenvatting_vraagt_klopt_dit() -> None:
    berichten, _ = run(ActionMeldingSamenvatting(), tracker(GEVULD))
    assert berichten[0]["text"].endswith("Klopt dit?")
    assert "Telefoon: 06 12345678" in berichten[0]["text"]
    assert [k["title"] for k in berichten[0]["buttons"]] == ["Ja", "Nee"]


def test_opnieuw_houdt_spoed() -> None:
    berichten, events = run(ActionMeldingOpnieuw(), tracker({**GEVULD, "spoed": True}))
    assert [k["payload"] for k in berichten[0]["buttons"]] == ["/affirm", "/deny"]
    assert SlotSet("naam", None) in events
    assert all(e["name"] != "spoed" for e in events)


def test_reset() -> None:
    _, events = run(ActionResetMelding(), tracker(GEVULD))
    assert {e["name"] for e in events} == {
        "onderwerp",
        "beschrijving",
        "toestemming",
        "naam",
        "telefoon",
        "spoed",
    }


def test_niet_begrepen() -> None:
    berichten, _ = run(ActionNietBegrepen(), tracker(tekst="qwerty"))
    assert "Bel dan 112" in berichten[0]["text"]
    assert len(berichten[0]["buttons"]) == 3
    buiten = tracker(tekst="wat voor weer wordt het")
    buiten.latest_message["intent"] = {"name": "out_of_scope"}
    berichten, _ = run(ActionNietBegrepen(), buiten)
    assert berichten[0]["text"].startswith("Daar kan ik u helaas niet mee helpen.")
    in_form = tracker({"requested_slot": "toestemming"}, active_loop="melding_form")
    berichten, _ = run(ActionNietBegrepen(), in_form)
    assert "'Ja' of 'Nee'" in berichten[0]["text"]


# --- melding versturen --------------------------------------------------------------------


def test_melding_aanmaken(escalatie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", escalatie.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    berichten, events = run(ActionCreateMelding(), tracker({**GEVULD, "spoed": True}))

    [verzoek] = escalatie.verzoeken
    assert verzoek.headers["Authorization"] == "Bearer dev"
    assert verzoek.headers["Idempotency-Key"].startswith("voordeur-")
    body = verzoek.body
    assert body["gesprek_id"] == "gesprek-1"
    assert body["kanaal"] == "web"
    assert body["spoed"] is True
    assert body["toestemming"] is True
    assert body["telefoon"] == "+31612345678"
    assert body["transcript"][0] == {
        "van": "inwoner",
        "tekst": "ik wil teruggebeld worden",
        "tijd": "2025-11-24T16:01:39+00:00",
    }
    assert berichten[0]["text"].startswith(
        "Uw melding is ontvangen. Uw nummer is VD-ABC234. "
        "Een medewerker neemt uiterlijk woensdag 26 november om 14:00 contact met u op."
    )
    assert berichten[1]["response"] == "utter_anders_helpen"
    assert SlotSet("telefoon", None) in events
    assert SlotSet("spoed", False) in events


def test_zelfde_formulier_geeft_zelfde_sleutel(escalatie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", escalatie.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    run(ActionCreateMelding(), tracker(GEVULD))
    run(ActionCreateMelding(), tracker(GEVULD, tekst="ja probeer opnieuw"))
    sleutels = {v.headers["Idempotency-Key"] for v in escalatie.verzoeken}
    assert len(sleutels) == 1


def test_melding_mislukt_eerlijk_en_houdt_de_antwoorden(
    vrije_poort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_URL", vrije_poort)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    berichten, events = run(ActionCreateMelding(), tracker(GEVULD))
    assert "niet gelukt" in berichten[0]["text"]
    assert "Uw melding is ontvangen" not in teksten(berichten)
    assert "0599 11 22 33" in berichten[0]["text"]
    assert [k["payload"] for k in berichten[0]["buttons"]] == ["/affirm", "/stop"]
    assert events == []


def test_zonder_token_mislukt_het_eerlijk(escalatie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", escalatie.url)
    monkeypatch.delenv("ESCALATION_API_TOKEN", raising=False)
    berichten, _ = run(ActionCreateMelding(), tracker(GEVULD))
    assert "niet gelukt" in berichten[0]["text"]
    assert escalatie.verzoeken == []


def test_ja_na_een_verstuurde_melding_toont_het_menu(escalatie) -> None:
    berichten, events = run(ActionCreateMelding(), tracker({"spoed": False}))
    assert berichten == [{**berichten[0], "response": "utter_hoe_helpen"}]
    assert events == []
    assert escalatie.verzoeken == []
