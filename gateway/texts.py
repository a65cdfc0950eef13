"""Dutch texts that the gateway shows to inwoners (B1, addressed with "u")."""

from __future__ import annotations

from gateway.organisation import Organisation

UNREADABLE_REQUEST = "Wij konden uw bericht niet lezen. Probeer het opnieuw."
MESSAGE_MISSING = "Typ eerst een bericht."
MESSAGE_NOT_TEXT = "Uw bericht moet gewone tekst zijn."
MESSAGE_EMPTY = "Uw bericht is leeg. Typ eerst een bericht."
MESSAGE_CONTROL_CHARACTERS = (
    "Uw bericht bevat tekens die wij niet kunnen lezen. Typ uw bericht opnieuw."
)
SESSION_ID_INVALID = (
    "De code van dit gesprek klopt niet. Laad de pagina opnieuw om een nieuw gesprek te beginnen."
)
SESSION_UNKNOWN = (
    "Wij kennen dit gesprek niet (meer). Begin een nieuw gesprek: laad de pagina opnieuw."
)
CONVERSATION_DELETED = "Uw gesprek is beëindigd en gewist."
REQUEST_TOO_LARGE = "Uw bericht is te groot. Maak uw bericht korter en probeer het opnieuw."


NAME_MISSING = "Vul uw naam in."
PHONE_MISSING = "Vul uw telefoonnummer in."
PHONE_INVALID = (
    "Dit telefoonnummer klopt niet. Vul een Nederlands nummer in, bijvoorbeeld 06 12345678."
)
QUESTION_MISSING = "Schrijf kort waar uw vraag over gaat."
CONSENT_MISSING = "Wij kunnen u alleen terugbellen als u toestemming geeft. Zet een vinkje."
TOO_MANY_REQUESTS = "U stuurt veel berichten kort na elkaar. Wacht even en probeer het dan opnieuw."


PRIVACY_NOTICE = (
    "Goed om te weten: u praat met een digitale assistent, niet met een mens. "
    "Wij gebruiken uw berichten om u te helpen en om de chat te verbeteren. Deel geen BSN. "
    "U kunt het gesprek altijd beëindigen en wissen."
)
TELEGRAM_BUTTON_EXPIRED = "Deze knop werkt niet meer. Typ uw antwoord, of typ /start."
TELEGRAM_STOP_HINT = "Typ /stop om het gesprek te beëindigen en te wissen."
TELEGRAM_CALLBACK_OFFER = (
    "Wilt u dat wij u terugbellen? Druk dan op de knop 'Bel mij terug'. Zo deelt u uw "
    "telefoonnummer en uw naam met ons. Wij gebruiken die alleen om u terug te bellen."
)
TELEGRAM_CALLBACK_BUTTON = "Bel mij terug"
TELEGRAM_CONTACT_NOT_OWN = (
    "Wij kunnen alleen uw eigen nummer gebruiken. Druk op de knop 'Bel mij terug' om het te delen."
)
TELEGRAM_CALLBACK_OFF = "Terugbellen via Telegram kan nu niet. Typ uw vraag, of bel ons."
TELEGRAM_CALLBACK_QUESTION = "Terugbelverzoek via Telegram. De assistent was niet beschikbaar."


def field_unreadable(label: str, limit: int) -> str:
    """Tell the inwoner a form field is too long or holds characters we cannot read."""
    return (
        f"{label} is te lang of bevat tekens die wij niet kunnen lezen. "
        f"Gebruik maximaal {limit} tekens."
    )


def message_too_long(limit: int) -> str:
    """Tell the inwoner the maximum length of a message."""
    return f"Uw bericht is te lang. U kunt maximaal {limit} tekens gebruiken."


def assistant_unavailable(organisation: Organisation) -> str:
    """The honest message when the assistant does not answer: day-and-night numbers first."""
    parts = ["Sorry, de chat werkt nu even niet.", "Probeer het later opnieuw."]
    parts.extend(_crisis_sentences(organisation))
    if organisation.phone:
        parts.append(f"Hebt u een andere vraag? Bel ons tijdens kantoortijd: {organisation.phone}.")
    return " ".join(parts)


# Veilig Thuis is one national number (free, day and night); the gateway's organisation file
# reader does not read crisis.veilig_thuis.
VEILIG_THUIS = "0800-2000"


def _crisis_sentences(organisation: Organisation) -> list[str]:
    """The numbers that answer day and night, in the order of the review: 112, 113, Veilig Thuis."""
    return [
        f"Is er direct gevaar? Bel {organisation.emergency_number}.",
        f"Denkt u aan zelfmoord? Bel {organisation.suicide_prevention}.",
        f"Geweld thuis of een kind niet veilig? Bel Veilig Thuis: {VEILIG_THUIS}.",
    ]


def assistant_unavailable_with_callback(organisation: Organisation) -> str:
    """The honest message when the assistant is down and a call-back form is offered."""
    return (
        assistant_unavailable(organisation)
        + " Wilt u dat wij u terugbellen? Vul dan het formulier in."
    )


def callback_received(referentie: str, deadline_tekst: str) -> str:
    """Confirm a call-back request, with its reference and the day a medewerker responds by."""
    return (
        f"Bedankt. Wij hebben uw terugbelverzoek ontvangen. Uw nummer is {referentie}. "
        f"Een medewerker neemt {deadline_tekst} contact met u op."
    )


def callback_failed(organisation: Organisation) -> str:
    """The request could not be passed on: say so, and where to get help now."""
    parts = ["Sorry, het lukt nu niet om uw terugbelverzoek te versturen."]
    parts.extend(_crisis_sentences(organisation))
    if organisation.phone:
        parts.append(f"Bel ons zelf tijdens kantoortijd: {organisation.phone}.")
    else:
        parts.append("Probeer het later opnieuw.")
    return " ".join(parts)


def conversation_erased(melding: bool, referenties: list[str]) -> str:
    """After "wissen" worked; a melding made in the conversation stays with the team."""
    if not melding:
        return CONVERSATION_DELETED
    if len(referenties) == 1:
        kept = f"Uw melding {referenties[0]} blijft wel bij het team."
    elif referenties:
        kept = f"Uw meldingen {' en '.join(referenties)} blijven wel bij het team."
    else:
        kept = "De melding die u maakte, blijft wel bij het team."
    return (
        f"{CONVERSATION_DELETED} {kept} Zo kan het team u helpen. "
        "Wilt u dat het team ook de melding wist? Vraag het ons dan."
    )


def conversation_kept(days: int) -> str:
    """After "wissen" when the assistant could not erase the conversation (yet)."""
    return (
        "Uw gesprek is beëindigd. Wij konden het nu niet helemaal wissen. "
        f"Wat u schreef, wissen wij uiterlijk na {days} dagen. "
        "Hebt u een melding gemaakt? Die blijft bij het team."
    )
