"""Dutch texts (B1, "u") that the custom actions send.

Texts with organisation data (phone numbers, crisis numbers, opening hours) are built here from
config/organisation.yml; static texts live in domain.yml.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .office_hours import is_open, moment_text, next_opening
from .organisation import CrisisNumbers, Organisation, opening_hours_text
from .validation import (
    ANDER,
    EMPTY,
    FOREIGN,
    MAX_BESCHRIJVING,
    NAASTE,
    SERVICE_NUMBER,
    TOO_LONG,
    ZELF,
    telefoon_readable,
)

Button = dict[str, str]

BUTTONS_YES_NO: list[Button] = [
    {"title": "Ja", "payload": "/affirm"},
    {"title": "Nee", "payload": "/deny"},
]
BUTTONS_MAIN_MENU: list[Button] = [
    {"title": "Wat doet het sociaal team?", "payload": "/info_sociaal_team"},
    {"title": "Hulp thuis (Wmo)", "payload": "/info_wmo"},
    {"title": "Mantelzorg", "payload": "/info_mantelzorg"},
    {"title": "Geldzorgen", "payload": "/info_schulden"},
    {"title": "Ik wil teruggebeld worden", "payload": "/request_human"},
    {"title": "Ik heb nu dringend hulp nodig", "payload": "/crisis"},
]
# The topics, as a button names them (at most 24 characters, a WhatsApp list row), for "did
# you mean" after a message not understood.
TOPIC_TITLES: dict[str, str] = {
    "info_sociaal_team": "Het sociaal team",
    "info_werkwijze": "Hoe gaat hulp vragen?",
    "info_na_melding": "Na mijn melding",
    "info_melding_aanvraag": "Hulp aanvragen",
    "info_wmo": "Hulp thuis (Wmo)",
    "info_hulpmiddelen_vervoer": "Hulpmiddelen en vervoer",
    "info_pgb": "Persoonsgebonden budget",
    "info_eigen_bijdrage": "Eigen bijdrage",
    "info_clientondersteuning": "Cliëntondersteuning",
    "info_mantelzorg": "Mantelzorg",
    "info_respijtzorg": "Respijtzorg",
    "info_jeugd": "Jeugd en gezin",
    "info_schulden": "Geldzorgen en schulden",
    "info_minima": "Moeite met rondkomen",
    "info_werk": "Werk en uitkering",
    "info_wlz": "Zorg via de Wlz",
    "info_bezwaar_klacht": "Bezwaar of klacht",
    "info_privacy": "Privacy",
    "info_contact": "Contact opnemen",
    "info_eenzaamheid": "Eenzaamheid",
}
BUTTONS_NOT_SURE_EXTRA: list[Button] = [
    {"title": "Bel mij terug", "payload": "/request_human"},
    {"title": "Ik heb nu dringend hulp nodig", "payload": "/crisis"},
]
BUTTONS_OFFER_PERSON: list[Button] = [
    {"title": "Ja, neem contact met mij op", "payload": "/request_human"},
    {"title": "Nee, dank u", "payload": "/goodbye"},
]
BUTTONS_CALL_BACK: list[Button] = [
    {"title": "Bel mij terug", "payload": "/request_human"},
]
BUTTONS_SPOEDMELDING: list[Button] = [
    {"title": "Ja, neem contact met mij op", "payload": "/affirm"},
    {"title": "Nee", "payload": "/deny"},
]
BUTTONS_OFFER: list[Button] = [
    {"title": "Ja, graag", "payload": "/affirm"},
    {"title": "Nee, dank u", "payload": "/deny"},
]
BUTTONS_CONTINUE_MELDING: list[Button] = [
    {"title": "Ja, verder met de melding", "payload": "/affirm"},
    {"title": "Nee", "payload": "/deny"},
]
BUTTONS_AFTER_ERROR: list[Button] = [
    {"title": "Opnieuw proberen", "payload": "/affirm"},
    {"title": "Stoppen", "payload": "/stop"},
]

# --- vragen van het formulier (action_ask_<slot>) -----------------------------------------

VIOLENCE_ONDERWERP = "Geweld of onveilig thuis"
VEILIG_CONTACT_QUESTION = (
    "Is het veilig als wij u bellen of een bericht sturen? Wanneer kan dat, en mogen wij een "
    "bericht achterlaten? Bijvoorbeeld: 'alleen overdag bellen, geen bericht inspreken'."
)
BUTTONS_ONDERWERP: list[Button] = [
    {"title": title, "payload": title}
    for title in (
        "Mantelzorg",
        "Hulp thuis (Wmo)",
        "Jeugd en gezin",
        "Geld en schulden",
        "Wonen",
        VIOLENCE_ONDERWERP,
    )
]

VOOR_WIE_TEXT = {
    ZELF: "Voor mijzelf",
    NAASTE: "Voor iemand voor wie ik zorg (mantelzorg)",
    ANDER: "Ik maak me zorgen om een ander",
}
BUTTONS_VOOR_WIE: list[Button] = [
    {"title": title, "payload": title} for title in VOOR_WIE_TEXT.values()
]
BUTTONS_CONTACTWIJZE: list[Button] = [
    {"title": "Telefoon", "payload": "Telefoon"},
    {"title": "E-mail", "payload": "E-mail"},
]

QUESTIONS: dict[str, tuple[str, list[Button]]] = {
    "onderwerp": (
        "Waar gaat uw vraag over? Kies een onderwerp of typ het in een paar woorden.",
        BUTTONS_ONDERWERP,
    ),
    "voor_wie": ("Voor wie is de hulp?", BUTTONS_VOOR_WIE),
    "beschrijving": (
        "Wat is er aan de hand? Vertel het in uw eigen woorden. "
        "Vertel gerust ook over zorg of gezondheid. Een BSN hoeft u niet te geven.",
        [],
    ),
    "dringend": (
        "Is het dringend? Dan ziet een medewerker uw vraag als eerste, zodra wij open zijn.",
        BUTTONS_YES_NO,
    ),
    "toestemming": (
        "Om contact met u op te nemen, heb ik uw naam en telefoonnummer of e-mailadres nodig. "
        "Wij bewaren die alleen om over deze vraag contact met u op te nemen. "
        "Geeft u daar toestemming voor?",
        BUTTONS_YES_NO,
    ),
    "contactwijze": ("Hoe wilt u dat wij contact met u opnemen?", BUTTONS_CONTACTWIJZE),
    "telefoon": ("Op welk telefoonnummer kunnen wij u bellen?", []),
    "veilig_contact": (VEILIG_CONTACT_QUESTION, []),
    "email": ("Wat is uw e-mailadres?", []),
    "naam": ("Wat is uw naam?", []),
    "bereikbaar": (
        "Wanneer bent u het best bereikbaar? Bijvoorbeeld: 's ochtends of 's middags.",
        [],
    ),
}
NOT_A_CHOICE = "Kies een van de knoppen, of typ het in een paar woorden."
WHAT_IS_WRONG = (
    "Wat klopt er niet? Typ het goede antwoord, bijvoorbeeld: 'mijn nummer is 06 12345678', "
    "'mijn e-mail is naam@voorbeeld.nl' of 'mijn naam is ...'. "
    "Wilt u alles opnieuw invullen? Typ dan 'opnieuw'."
)


def _reachable_text(org: Organisation) -> str:
    hours = opening_hours_text(org)
    return f" Wij zijn bereikbaar {hours}." if hours else ""


def reachability(org: Organisation, now: datetime) -> str:
    """During office hours: call us now. Outside: when a colleague will respond."""
    if is_open(org, now):
        return f"Wij zijn nu open. U kunt ons ook meteen bellen op {org.telefoon}."
    opening = next_opening(org, now)
    when = f" vanaf {moment_text(opening, now)}" if opening else " op de eerstvolgende werkdag"
    return f"Wij zijn nu gesloten. Laat u een bericht achter? Dan reageert een medewerker{when}."


def contact_info(org: Organisation, now: datetime) -> str:
    """Opening hours and contact details, and what that means right now."""
    rows = [f"U kunt het {org.naam} bellen op {org.telefoon}.{_reachable_text(org)}"]
    if org.email:
        rows.append(f"U kunt ook mailen naar {org.email}.")
    rows.append(reachability(org, now))
    return "\n".join(rows)


def after_melding(org: Organisation) -> str:
    """What happens after a melding (reactietermijn and closing days from the config)."""
    termijn = (
        f"binnen {org.reactietermijn_uren} uur" if org.reactietermijn_uren else "zo snel mogelijk"
    )
    not_counted = (
        "Zaterdag, zondag, feestdagen en de dagen dat wij dicht zijn tellen niet mee."
        if org.sluitingsdagen
        else "Zaterdag, zondag en feestdagen tellen niet mee."
    )
    return (
        "Dit gebeurt na uw melding:\n"
        f"1. Een medewerker neemt {termijn} contact met u op. {not_counted}\n"
        "2. Vaak volgt een keukentafelgesprek bij u thuis.\n"
        "3. Samen maakt u een plan. Is er hulp nodig? Dan kunt u die aanvragen.\n"
        "Is het dringend? Zeg dat dan in de melding."
    )


# --- crisis -------------------------------------------------------------------------------
# The answer depends on the kind of danger (voordeur_nlu.crisis_lexicon.crisis_category) and
# puts that situation's own number first. Only lines that answer day and night are given; the
# organisation's own night line only when config/organisation.yml has one.

CRISIS_OPENING = "Dit klinkt ernstig. Uw veiligheid gaat voor."


def _suicide_line(c: CrisisNumbers) -> str:
    chat = f" of chat via {c.chat_113}" if c.chat_113 else ""
    return (
        f"• Denkt u aan zelfmoord? Praat erover met de zelfmoordpreventielijn: bel "
        f"{c.zelfmoordpreventie}{chat}. Dat kan dag en nacht."
    )


def _veilig_thuis_line(c: CrisisNumbers) -> str:
    return (
        f"• Geweld thuis, of is een kind niet veilig? Bel Veilig Thuis: {c.veilig_thuis}. "
        "Gratis, dag en nacht."
    )


def _kindertelefoon_line(c: CrisisNumbers) -> str | None:
    if not c.kindertelefoon:
        return None
    return (
        f"• Ben je zelf een kind of jongere? Bel of chat met De Kindertelefoon: {c.kindertelefoon}."
    )


def _huisartsenpost_line(c: CrisisNumbers) -> str | None:
    if not c.huisartsenpost:
        return None
    return (
        "• Geen levensgevaar, maar wel dringend een dokter nodig en de huisarts is dicht? "
        f"Bel de huisartsenpost: {c.huisartsenpost}."
    )


def _crisis_lines(org: Organisation, category: str | None) -> list[str | None]:
    c = org.crisis
    if category == "suicide":
        return [
            _suicide_line(c),
            f"• Bent u of is iemand anders nu in direct gevaar? Bel {c.noodnummer}.",
        ]
    if category in ("violence", "child"):
        who = "een kind" if category == "child" else "iemand"
        return [
            f"• Bent u of is {who} nu in gevaar? Bel {c.noodnummer}.",
            _veilig_thuis_line(c),
            _kindertelefoon_line(c),
        ]
    if category == "medical":
        return [
            f"• Is iemand ernstig ziek of gewond, of is er levensgevaar? Bel nu {c.noodnummer}.",
            _huisartsenpost_line(c),
        ]
    return [
        f"• Is er nu direct gevaar, of is iemand ernstig ziek of gewond? Bel {c.noodnummer}.",
        _suicide_line(c),
        _veilig_thuis_line(c),
        _kindertelefoon_line(c),
        _huisartsenpost_line(c),
    ]


def crisis_numbers(org: Organisation, category: str | None = None, *, guessed: bool = False) -> str:
    """The first answer to a crisis message: the number for this situation first.

    A ``guessed`` category (from the words, not a crisis pattern) only puts its numbers first:
    the other numbers of the general list follow, so a wrong guess never leaves one out.
    """
    lines = _crisis_lines(org, category)
    if guessed and category:
        general = _crisis_lines(org, None)[1:]  # without its emergency-number line
        lines = [*lines, *(line for line in general if line not in lines)]
    rows = [CRISIS_OPENING, *(line for line in lines if line)]
    if org.crisis.buiten_kantoortijd:
        night = org.crisis.buiten_kantoortijd
        rows.append(f"• Het {org.naam} is ook 's nachts bereikbaar: {night}.")
    return "\n".join(rows)


def _closed_note(org: Organisation, now: datetime, subject: str) -> str:
    """When nobody works: when the first medewerker reads it, and what is for now."""
    if is_open(org, now):
        return ""
    opening = next_opening(org, now)
    when = moment_text(opening, now) if opening else "op de eerstvolgende werkdag"
    return (
        f"\nWij zijn nu gesloten. Een medewerker leest {subject} op zijn vroegst {when}. "
        f"Hebt u nu hulp nodig? Bel {org.crisis.noodnummer} bij gevaar, of 113 als u aan "
        "zelfmoord denkt."
    )


def crisis_offer(org: Organisation, now: datetime) -> str:
    """After the numbers: a melding with spoed, honest about when someone reads it."""
    return (
        "Wilt u ook dat een medewerker van het sociaal team contact met u opneemt? "
        "Dan maak ik een melding met spoed." + _closed_note(org, now, "uw melding")
    )


def violence_topic_numbers(org: Organisation) -> str:
    """When the inwoner names violence at home as the topic: the numbers in one line first."""
    c = org.crisis
    return (
        f"Bent u of is iemand nu in gevaar? Bel {c.noodnummer}. Veilig Thuis kunt u gratis "
        f"bellen, dag en nacht: {c.veilig_thuis}."
    )


def crisis_check_line(org: Organisation) -> str:
    """In the form, when a description might be about acute danger: the numbers in one line."""
    c = org.crisis
    return (
        f"Is er nu gevaar? Bel {c.noodnummer}. Denkt u aan zelfmoord? Bel {c.zelfmoordpreventie}. "
        "Dat kan dag en nacht."
    )


CRISIS_CONTINUE_MELDING = (
    "Bel eerst het nummer hierboven als dat nodig is. Uw antwoorden tot nu toe zijn bewaard. "
    "Wilt u daarna verder met uw melding? Die krijgt dan spoed."
)


def offer_callback(org: Organisation, now: datetime) -> str:
    """The offer after an informational answer."""
    return "Wilt u dat een medewerker contact met u opneemt?" + _closed_note(org, now, "uw vraag")


def eigen_bijdrage(org: Organisation) -> str:
    """The Wmo eigen bijdrage: a maximum per household per month, with the amount if known."""
    if org.abonnementstarief:
        amount, year = org.abonnementstarief
        maximum = f"In {year} is dat hoogstens € {amount} per maand per huishouden."
    else:
        maximum = "Dat is hoogstens een vast bedrag per maand per huishouden."
    return (
        f"Voor de meeste Wmo-hulp betaalt u een eigen bijdrage. {maximum} Het CAK stuurt u "
        "de rekening. Het bedrag kan per jaar veranderen.\n"
        "Een gesprek met het sociaal team, cliëntondersteuning en jeugdhulp zijn gratis.\n"
        "Hebt u een laag inkomen en veel kosten door ziekte of beperking? Vraag dan naar "
        "bijzondere bijstand."
    )


def heavy_answer(org: Organisation) -> str:
    """Heavy but not a crisis: somberheid, eenzaamheid, an overloaded mantelzorger."""
    c = org.crisis
    rows = ["Wat vervelend dat het zo zwaar is. Goed dat u het schrijft."]
    if c.luisterlijn:
        rows.append(
            f"• Wilt u nu met iemand praten? Bel De Luisterlijn: {c.luisterlijn}. "
            "Dat kan dag en nacht."
        )
    rows.append("• Blijft u zich somber voelen? Praat er ook over met uw huisarts.")
    rows.append(_suicide_line(c))
    return "\n".join(rows)


MELDING_INTRO = (
    "Ik help u graag. Ik stel u een paar korte vragen. Daarna neemt een medewerker contact met "
    "u op. Wilt u stoppen? Typ dan 'stop'."
)
MELDING_INTRO_TOPIC = (
    "Ik help u graag. Uw vraag gaat over: {onderwerp}. Ik stel u een paar korte vragen. "
    "Wilt u stoppen? Typ dan 'stop'."
)
SPOED_INTRO = (
    "Ik maak een melding met spoed. Een medewerker ziet dan dat het dringend is. Ik stel u "
    "eerst een paar korte vragen. Wilt u stoppen? Typ dan 'stop'."
)
SPOED_RESUME = "Goed, we gaan verder met uw melding. Die heeft nu spoed."
BESCHRIJVING_MORE = (
    "U schreef al: '{eerste}'. Wilt u nog iets vertellen over wat er aan de hand is? "
    "Typ het, of typ 'nee'."
)
# A long first message is quoted by its start only; the whole text still goes to the team.
QUOTE_WORDS = 20


def quote_start(text: str, max_words: int = QUOTE_WORDS) -> str:
    """The first ``max_words`` words of what the inwoner wrote, with '...' when there is more."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]) + " ..."


def beschrijving_more(eerste: str) -> str:
    """'U schreef al: ...': the start of the first message, then 'anything to add?'."""
    return BESCHRIJVING_MORE.format(eerste=quote_start(eerste))


# --- niet begrepen ------------------------------------------------------------------------


def not_understood(org: Organisation) -> str:
    """First time: ask to rephrase, with suggestions (the buttons)."""
    return (
        "Dat begrijp ik niet goed. Kunt u het anders zeggen, in een paar woorden? "
        "Of kies hieronder een onderwerp. "
        f"Bent u in gevaar? Bel dan {org.crisis.noodnummer}. "
        "Denkt u aan zelfmoord? Bel of chat met 113, dag en nacht."
    )


def not_sure(org: Organisation) -> str:
    """First time, when the classifier had topics in mind: ask which one, with those buttons."""
    return (
        "Ik weet niet zeker wat u bedoelt. Gaat uw vraag over een van deze onderwerpen? "
        "Of zeg het anders, in een paar woorden. "
        f"Bent u in gevaar? Bel dan {org.crisis.noodnummer}. "
        "Denkt u aan zelfmoord? Bel of chat met 113, dag en nacht."
    )


# A long message (voordeur_nlu/long_message.py): what it is about, in the sentence
# "Ik lees dat uw vraag gaat over ...". Every topic of TOPIC_TITLES has one.
TOPIC_PHRASES: dict[str, str] = {
    "info_sociaal_team": "het sociaal team",
    "info_werkwijze": "hoe u hulp vraagt",
    "info_na_melding": "wat er gebeurt na uw melding",
    "info_melding_aanvraag": "hulp aanvragen bij de gemeente",
    "info_wmo": "hulp thuis (Wmo)",
    "info_hulpmiddelen_vervoer": "hulpmiddelen, uw woning of vervoer",
    "info_pgb": "een persoonsgebonden budget (pgb)",
    "info_eigen_bijdrage": "de eigen bijdrage",
    "info_clientondersteuning": "cliëntondersteuning",
    "info_mantelzorg": "mantelzorg",
    "info_respijtzorg": "respijtzorg: de zorg even overdragen",
    "info_jeugd": "opvoeden en opgroeien",
    "info_schulden": "geldzorgen en schulden",
    "info_minima": "rondkomen met een laag inkomen",
    "info_werk": "werk of een uitkering",
    "info_wlz": "zorg uit de Wet langdurige zorg (Wlz)",
    "info_bezwaar_klacht": "bezwaar maken of een klacht",
    "info_privacy": "privacy",
    "info_contact": "contact met het sociaal team",
    "info_eenzaamheid": "eenzaamheid",
}
TOPIC_CONFIRMED_TITLE = "Ja, dat klopt"
TOPIC_DENIED = (
    "Waar gaat uw vraag dan over? Kies hieronder een onderwerp. "
    "Of vraag of een medewerker u terugbelt."
)
TOPIC_DENIED_NO_OTHERS = (
    "Wilt u in een paar woorden zeggen waar uw vraag over gaat? "
    "Of vraag of een medewerker u terugbelt."
)


def topic_confirm(topic: str) -> str:
    """A long message: name in one short sentence what it is about, and ask if that is right."""
    return f"Ik lees dat uw vraag gaat over {TOPIC_PHRASES[topic]}. Klopt dat?"


def offer_person(org: Organisation, now: datetime) -> str:
    """Second time in a row: offer a person."""
    return (
        "Het lukt mij niet goed om u te helpen. Dat spijt me. "
        "Een medewerker kan u verder helpen. Zal ik vragen of iemand contact met u opneemt?\n"
        + reachability(org, now)
    )


def out_of_scope_text(org: Organisation) -> str:
    """A question outside the social domain (paspoort, afval, parkeren): point to the gemeente."""
    gemeente = f"de gemeente {org.gemeente}" if org.gemeente else "de gemeente"
    website = f" Kijk op {org.gemeente_website}." if org.gemeente_website else ""
    return (
        "Daar kan ik u helaas niet mee helpen. Ik help alleen bij vragen over zorg, welzijn, "
        "jeugd en geld. Voor vragen over bijvoorbeeld een paspoort, afval of parkeren kunt u "
        f"terecht bij {gemeente}.{website}\n"
        "Hebt u een vraag voor het sociaal team? Typ die dan gerust."
    )


NOT_UNDERSTOOD_BEVESTIGD = (
    "Dat begrijp ik niet goed. Klopt alles? Kies dan 'Ja'. Wilt u iets aanpassen? Typ het goede "
    "antwoord, bijvoorbeeld 'mijn nummer is 06 12345678'. Of typ 'opnieuw'."
)
NOT_UNDERSTOOD_YES_NO = (
    "Dat begrijp ik niet goed. Kies 'Ja' of 'Nee'. Wilt u stoppen? Typ dan 'stop'."
)
NOT_UNDERSTOOD_IN_MELDING = "Dat begrijp ik niet goed. Wilt u stoppen? Typ dan 'stop'."
NOT_UNDERSTOOD_IN_FORM = {
    "toestemming": NOT_UNDERSTOOD_YES_NO,
    "dringend": NOT_UNDERSTOOD_YES_NO,
    "voor_wie": NOT_A_CHOICE,
    "contactwijze": NOT_A_CHOICE,
    "bevestigd": NOT_UNDERSTOOD_BEVESTIGD,
}
RESTART = "Goed, dan beginnen we opnieuw."
CORRECTED = "Dank u, ik heb het aangepast."


# --- validation---------------------------------------------------------------------------

ERROR_EMPTY = "Ik heb geen antwoord gekregen. Wilt u het nog een keer proberen?"
ERROR_ONDERWERP_TOO_LONG = (
    "Dat is te lang voor een onderwerp. Kunt u het in een paar woorden zeggen? "
    "Bij de volgende vraag kunt u alles vertellen."
)
ERROR_BESCHRIJVING_TOO_LONG = (
    f"Uw bericht is te lang. Het mag hoogstens {MAX_BESCHRIJVING} tekens zijn. "
    "Kunt u het korter maken? Een medewerker vraagt later zelf door."
)
ERROR_NAAM_TOO_LONG = "Die naam is te lang. Wilt u alleen uw voornaam en achternaam typen?"
ERROR_TELEFOON_SERVICE = (
    "Naar dit nummer kunnen wij niet bellen. Typ een mobiel nummer (06) of een vast nummer, "
    "bijvoorbeeld 020 1234567. Nummers met 0800, 0900, 0906, 0909 of 088 kunnen niet."
)
ERROR_TELEFOON_INVALID = (
    "Dit telefoonnummer klopt niet. Typ een Nederlands telefoonnummer, bijvoorbeeld 06 12345678."
)


def error_text(fieldname: str, error: str) -> str:
    """Dutch message for a refused onderwerp, beschrijving or naam."""
    if error == EMPTY:
        return ERROR_EMPTY
    if error == TOO_LONG:
        return {
            "onderwerp": ERROR_ONDERWERP_TOO_LONG,
            "beschrijving": ERROR_BESCHRIJVING_TOO_LONG,
            "naam": ERROR_NAAM_TOO_LONG,
            "bereikbaar": ERROR_BEREIKBAAR_TOO_LONG,
        }.get(fieldname, ERROR_EMPTY)
    return ERROR_EMPTY


ERROR_EMAIL_INVALID = (
    "Dit e-mailadres klopt niet. Typ een e-mailadres zoals naam@voorbeeld.nl. "
    "Wilt u liever gebeld worden? Typ dan 'telefoon'."
)
ERROR_BEREIKBAAR_TOO_LONG = "Dat is te lang. Kunt u het korter zeggen, bijvoorbeeld 's ochtends'?"


def error_telefoon(error: str, org: Organisation) -> str:
    """Dutch message for a refused telephone number; a foreign number gets our own number."""
    if error == FOREIGN:
        return (
            "Wij kunnen alleen naar een Nederlands telefoonnummer bellen. "
            "Typ een Nederlands nummer, bijvoorbeeld 06 12345678. "
            f"Hebt u geen Nederlands nummer? Bel ons dan zelf op {org.telefoon}."
        )
    if error == SERVICE_NUMBER:
        return ERROR_TELEFOON_SERVICE
    return ERROR_TELEFOON_INVALID


# --- toestemming, samenvatting, resultaat -------------------------------------------------


def no_consent(org: Organisation) -> str:
    """Without consent nothing is stored or sent: say so, and how to reach us yourself."""
    return (
        "Dat is goed. Zonder uw toestemming bewaar ik uw naam en contactgegevens niet, "
        "en stuur ik niets door. "
        "Er komt dus ook geen melding.\n"
        f"U kunt ons ook zelf bellen op {org.telefoon}.{_reachable_text(org)}"
    )


def _beschrijving_read_back(beschrijving: str | None) -> str:
    """The beschrijving in the read-back: a long one by its start, saying all of it goes along."""
    if not beschrijving:
        return "-"
    if len(beschrijving.split()) <= QUOTE_WORDS:
        return beschrijving
    return f"{quote_start(beschrijving)} (uw hele tekst gaat mee)"


def summary(slots: Mapping[str, Any]) -> str:
    """Read the melding back before it is sent."""
    if slots.get("contactwijze") == "email":
        contact = f"E-mail: {slots.get('email') or '-'}"
    else:
        telefoon = slots.get("telefoon")
        contact = f"Telefoon: {telefoon_readable(telefoon) if telefoon else '-'}"
    rows = [
        "Ik heb dit genoteerd:",
        f"Onderwerp: {slots.get('onderwerp') or '-'}",
        f"Voor wie: {VOOR_WIE_TEXT.get(slots.get('voor_wie') or '', '-')}",
        f"Wat er aan de hand is: {_beschrijving_read_back(slots.get('beschrijving'))}",
        f"Naam: {slots.get('naam') or '-'}",
        contact,
        f"Bereikbaar: {slots.get('bereikbaar') or '-'}",
    ]
    if slots.get("veiligheid") is True:
        rows.append(f"Veilig contact: {slots.get('veilig_contact') or '-'}")
    if slots.get("spoed") is True or slots.get("dringend") is True:
        rows.append("Spoed: ja")
    rows.append("Klopt dit?")
    return "\n".join(rows)


def _spoed_numbers(org: Organisation) -> str:
    """For a spoed melding that did not reach the team: day-and-night numbers, then the office.

    Never an office number as if it answered now (content review row 2).
    """
    c = org.crisis
    return (
        f"\nBel bij direct gevaar {c.noodnummer}. Denkt u aan zelfmoord? Bel "
        f"{c.zelfmoordpreventie}. Geweld thuis of een kind niet veilig? Bel Veilig Thuis: "
        f"{c.veilig_thuis}. Deze nummers zijn dag en nacht bereikbaar.\n"
        f"Tijdens kantoortijd kunt u ons bellen: {org.telefoon}."
    )


def melding_queued(org: Organisation, spoed: bool) -> str:
    """The escalation service is away: the melding is kept and sent on automatically."""
    text = (
        "Ik heb uw vraag bewaard. Door een storing kan ik die nu niet doorsturen. "
        "Dat doe ik later vanzelf."
    )
    if spoed:
        return text + _spoed_numbers(org)
    return (
        f"{text} U krijgt nu nog geen nummer.\n"
        f"Wilt u eerder iemand spreken? Bel {org.telefoon}.{_reachable_text(org)}"
    )


def melding_received(
    referentie: str,
    deadline_tekst: str | None,
    spoed: bool,
    org: Organisation,
    veiligheid: bool = False,
) -> str:
    """Confirmation with the referentie and the deadline text from the escalation service;
    after violence at home or a child in danger, Veilig Thuis again (it is there day and night,
    the team is not)."""
    if deadline_tekst:
        when = f"Een medewerker neemt {deadline_tekst} contact met u op."
    else:
        when = "Een medewerker neemt zo snel mogelijk contact met u op."
    text = f"Uw melding is ontvangen. Uw nummer is {referentie}. {when}"
    if spoed:
        text += f" Uw melding heeft spoed. Is er nu direct gevaar? Bel dan {org.crisis.noodnummer}."
    if veiligheid:
        text += (
            "\nIs het thuis niet veilig voor u of een kind? Bel Veilig Thuis: "
            f"{org.crisis.veilig_thuis}. Dat kan dag en nacht, gratis."
        )
    return text


def melding_failed(org: Organisation, spoed: bool) -> str:
    """Honest message when the escalation service did not accept the melding."""
    text = "Uw melding is niet ontvangen. Het doorsturen is niet gelukt."
    if spoed:
        text += _spoed_numbers(org)
    else:
        text += f" Dat ligt aan ons, niet aan u.\nBel ons op {org.telefoon}.{_reachable_text(org)}"
    return text + "\nZal ik het nog een keer proberen?"
