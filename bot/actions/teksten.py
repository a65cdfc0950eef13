"""Dutch texts (B1, "u") that the custom actions send.

Texts with organisation data (phone numbers, crisis numbers, opening hours) are built here from
config/organisation.yml; static texts live in domain.yml.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .organisatie import Organisatie, openingstijden_tekst
from .validatie import (
    BUITENLANDS,
    LEEG,
    MAX_BESCHRIJVING,
    TE_LANG,
    telefoon_leesbaar,
)

Knop = dict[str, str]

KNOPPEN_JA_NEE: list[Knop] = [
    {"title": "Ja", "payload": "/affirm"},
    {"title": "Nee", "payload": "/deny"},
]
KNOPPEN_HOOFDMENU: list[Knop] = [
    {"title": "Wat is respijtzorg?", "payload": "/info_respijtzorg"},
    {"title": "Ik wil teruggebeld worden", "payload": "/request_human"},
    {"title": "Ik heb nu dringend hulp nodig", "payload": "/crisis"},
]
KNOPPEN_SPOEDMELDING: list[Knop] = [
    {"title": "Ja, bel mij terug", "payload": "/affirm"},
    {"title": "Nee", "payload": "/deny"},
]
KNOPPEN_OPNIEUW: list[Knop] = [
    {"title": "Ja, opnieuw", "payload": "/affirm"},
    {"title": "Nee, stoppen", "payload": "/deny"},
]
KNOPPEN_NA_FOUT: list[Knop] = [
    {"title": "Opnieuw proberen", "payload": "/affirm"},
    {"title": "Stoppen", "payload": "/stop"},
]

# --- vragen van het formulier (action_ask_<slot>) -----------------------------------------

KNOPPEN_ONDERWERP: list[Knop] = [
    {"title": titel, "payload": titel}
    for titel in ("Mantelzorg", "Hulp thuis (Wmo)", "Jeugd en gezin", "Geld en schulden", "Wonen")
]

VRAGEN: dict[str, tuple[str, list[Knop]]] = {
    "onderwerp": (
        "Waar gaat uw vraag over? Kies een onderwerp of typ het in een paar woorden.",
        KNOPPEN_ONDERWERP,
    ),
    "beschrijving": (
        "Wat is er aan de hand? Vertel het in uw eigen woorden. "
        "Is de hulp voor uzelf of voor iemand anders? "
        "U hoeft geen BSN of medische gegevens te geven.",
        [],
    ),
    "toestemming": (
        "Om u terug te bellen, heb ik uw naam en telefoonnummer nodig. Wij bewaren die alleen "
        "om over deze vraag contact met u op te nemen. Geeft u daar toestemming voor?",
        KNOPPEN_JA_NEE,
    ),
    "naam": ("Wat is uw naam?", []),
    "telefoon": ("Op welk telefoonnummer kunnen wij u bellen?", []),
}


def _bereikbaar(org: Organisatie) -> str:
    tijden = openingstijden_tekst(org)
    return f" Wij zijn bereikbaar {tijden}." if tijden else ""


# --- crisis -------------------------------------------------------------------------------


def crisis_nummers(org: Organisatie) -> str:
    """The first answer to a crisis message: every number, at once."""
    c = org.crisis
    regels = [
        "Dit klinkt ernstig. Uw veiligheid gaat voor.",
        f"• Is er nu direct gevaar, of is iemand ernstig ziek of gewond? Bel {c.noodnummer}.",
        f"• Denkt u aan zelfmoord? Bel de zelfmoordpreventielijn: {c.zelfmoordpreventie}. "
        "Dat kan dag en nacht.",
        f"• Is er geweld thuis, of is een kind niet veilig? Bel Veilig Thuis: {c.veilig_thuis}. "
        "Dat is gratis en kan dag en nacht.",
    ]
    if c.huisartsenpost:
        regels.append(
            f"• Hebt u dringend een dokter nodig en is de huisarts dicht? "
            f"Bel de huisartsenpost: {c.huisartsenpost}."
        )
    regels.append(f"• Buiten kantoortijd kunt u ons bellen op {c.buiten_kantoortijd}.")
    return "\n".join(regels)


CRISIS_VRAAG_SPOEDMELDING = (
    "Wilt u ook dat een medewerker van het sociaal team u terugbelt? "
    "Dan maak ik een melding met spoed."
)
CRISIS_TIJDENS_MELDING = (
    "Ik zet uw melding op spoed. Daarna gaan we verder met de vragen. "
    "Wilt u stoppen? Typ dan 'stop'."
)


# --- niet begrepen ------------------------------------------------------------------------


def niet_begrepen(org: Organisatie) -> str:
    return (
        "Dat begrijp ik niet goed. Kunt u het anders zeggen? Of kies hieronder wat u zoekt. "
        f"Bent u in gevaar? Bel dan {org.crisis.noodnummer}."
    )


def buiten_onderwerp(org: Organisatie) -> str:
    return (
        "Daar kan ik u helaas niet mee helpen. Ik kan u informatie geven over respijtzorg. "
        "Ik kan ook regelen dat een medewerker u terugbelt. "
        f"Bent u in gevaar? Bel dan {org.crisis.noodnummer}."
    )


NIET_BEGREPEN_TOESTEMMING = (
    "Dat begrijp ik niet goed. Kies 'Ja' of 'Nee'. Wilt u stoppen? Typ dan 'stop'."
)
NIET_BEGREPEN_IN_MELDING = "Dat begrijp ik niet goed. Wilt u stoppen? Typ dan 'stop'."


# --- validatie ----------------------------------------------------------------------------

FOUT_LEEG = "Ik heb geen antwoord gekregen. Wilt u het nog een keer proberen?"
FOUT_ONDERWERP_TE_LANG = (
    "Dat is te lang voor een onderwerp. Kunt u het in een paar woorden zeggen? "
    "Bij de volgende vraag kunt u alles vertellen."
)
FOUT_BESCHRIJVING_TE_LANG = (
    f"Uw bericht is te lang. Het mag hoogstens {MAX_BESCHRIJVING} tekens zijn. "
    "Kunt u het korter maken? Een medewerker vraagt later zelf door."
)
FOUT_NAAM_TE_LANG = "Die naam is te lang. Wilt u alleen uw voornaam en achternaam typen?"
FOUT_TELEFOON_ONGELDIG = (
    "Dit telefoonnummer klopt niet. Typ een Nederlands telefoonnummer, bijvoorbeeld 06 12345678."
)


def fout_tekst(veld: str, fout: str) -> str:
    """Dutch message for a refused onderwerp, beschrijving or naam."""
    if fout == LEEG:
        return FOUT_LEEG
    if fout == TE_LANG:
        return {
            "onderwerp": FOUT_ONDERWERP_TE_LANG,
            "beschrijving": FOUT_BESCHRIJVING_TE_LANG,
            "naam": FOUT_NAAM_TE_LANG,
        }.get(veld, FOUT_LEEG)
    return FOUT_LEEG


def fout_telefoon(fout: str, org: Organisatie) -> str:
    if fout == BUITENLANDS:
        return (
            "Wij kunnen alleen naar een Nederlands telefoonnummer bellen. "
            "Typ een Nederlands nummer, bijvoorbeeld 06 12345678. "
            f"Hebt u geen Nederlands nummer? Bel ons dan zelf op {org.telefoon}."
        )
    return FOUT_TELEFOON_ONGELDIG


# --- toestemming, samenvatting, resultaat -------------------------------------------------


def geen_toestemming(org: Organisatie) -> str:
    return (
        "Dat is goed. Zonder uw toestemming bewaren wij uw naam en telefoonnummer niet. "
        "Dan kan ik ook geen terugbelverzoek maken. Wat u hebt geschreven, stuur ik niet door.\n"
        f"U kunt ons ook zelf bellen op {org.telefoon}.{_bereikbaar(org)}"
    )


def samenvatting(slots: Mapping[str, Any]) -> str:
    """Read the melding back before it is sent."""
    regels = [
        "Ik heb dit genoteerd:",
        f"Onderwerp: {slots.get('onderwerp') or '-'}",
        f"Wat er aan de hand is: {slots.get('beschrijving') or '-'}",
        f"Naam: {slots.get('naam') or '-'}",
        f"Telefoon: {telefoon_leesbaar(slots['telefoon']) if slots.get('telefoon') else '-'}",
    ]
    if slots.get("spoed") is True:
        regels.append("Spoed: ja")
    regels.append("Klopt dit?")
    return "\n".join(regels)


MELDING_OPNIEUW = "Dan passen we het aan. Wilt u de vragen opnieuw beantwoorden?"


def melding_ontvangen(
    referentie: str, deadline_tekst: str | None, spoed: bool, org: Organisatie
) -> str:
    """Confirmation with the referentie and the deadline text from the escalation service."""
    if deadline_tekst:
        wanneer = f"Een medewerker neemt {deadline_tekst} contact met u op."
    else:
        wanneer = "Een medewerker neemt zo snel mogelijk contact met u op."
    tekst = f"Uw melding is ontvangen. Uw nummer is {referentie}. {wanneer}"
    if spoed:
        tekst += (
            f" Uw melding heeft spoed. Is er nu direct gevaar? Bel dan {org.crisis.noodnummer}."
        )
    return tekst


def melding_mislukt(org: Organisatie, spoed: bool) -> str:
    """Honest message when the escalation service did not accept the melding."""
    tekst = (
        "Het is helaas niet gelukt om uw melding door te sturen. Uw melding is dus niet "
        "ontvangen. Dat ligt aan ons, niet aan u.\n"
        f"Bel ons op {org.telefoon}.{_bereikbaar(org)}"
    )
    if spoed:
        tekst += (
            f"\nIs het dringend? Buiten kantoortijd belt u {org.crisis.buiten_kantoortijd}. "
            f"Bij direct gevaar belt u {org.crisis.noodnummer}."
        )
    return tekst + "\nWilt u dat ik het nog een keer probeer?"
