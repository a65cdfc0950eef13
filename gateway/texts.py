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
REQUEST_TOO_LARGE = "Uw bericht is te groot. Maak uw bericht korter en probeer het opnieuw."


def message_too_long(limit: int) -> str:
    """Tell the inwoner the maximum length of a message."""
    return f"Uw bericht is te lang. U kunt maximaal {limit} tekens gebruiken."


def assistant_unavailable(organisation: Organisation) -> str:
    """The honest message when the assistant does not answer, with where to get help now."""
    parts = ["Sorry, de chat werkt nu even niet.", "Probeer het later opnieuw."]
    if organisation.phone:
        parts.append(f"Heeft u nu hulp nodig? Bel {organisation.name}: {organisation.phone}.")
    parts.append(f"Is er direct gevaar? Bel {organisation.emergency_number}.")
    parts.append(f"Denkt u aan zelfmoord? Bel {organisation.suicide_prevention}.")
    return " ".join(parts)
