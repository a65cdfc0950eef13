"""What a melding becomes in the Klantinteracties API: the request bodies, within its limits.

The transcript, notes and the history stay in Voordeur; the inhoud is the inwoner's question,
cut at 1000 characters (the full text stays in Voordeur under the same referentienummer).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from escalation.countdown import deadline_kort
from escalation.models import Melding

TEXT_LIMIT = 1000
METADATA_LIMIT = 255
TAAL = "nld"
GEVRAAGDE_HANDELING = "Contact opnemen met de inwoner (contactverzoek uit Voordeur)"
ASSISTENT_NAAM = "Voordeur"
ASSISTENT_FUNCTIE = "digitale assistent"
VOOR_WIE_TEKST = {
    "zelf": "voor zichzelf",
    "naaste": "voor een naaste (mantelzorger)",
    "ander": "zorgen over iemand anders",
}


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rol(melding: Melding) -> str:
    """``klant`` when the inwoner asks for themselves, ``vertegenwoordiger`` for someone else."""
    return "vertegenwoordiger" if melding.voor_wie in ("naaste", "ander") else "klant"


def metadata(melding: Melding) -> dict[str, str]:
    """Spoed, deadline and the other facts the API has no field for, as short strings."""
    values = {
        "bron": "voordeur",
        "spoed": "ja" if melding.spoed else "nee",
        "deadline": melding.deadline.astimezone(UTC).isoformat(),
        "voorWie": melding.voor_wie or "",
        "bereikbaar": melding.bereikbaar or "",
        "veiligheid": "ja" if melding.veiligheid else "nee",
    }
    return {key: shorten(value, METADATA_LIMIT) for key, value in values.items() if value}


def klantcontact(melding: Melding) -> dict[str, Any]:
    """The klantcontact: the conversation with the assistant that led to the melding."""
    return {
        "referentienummer": melding.referentie,
        "kanaal": melding.kanaal,
        "onderwerp": melding.onderwerp,
        "inhoud": shorten(melding.beschrijving, TEXT_LIMIT),
        "taal": TAAL,
        # Help questions to a sociaal team are confidential.
        "vertrouwelijk": True,
        "indicatieContactGelukt": True,
        "plaatsgevondenOp": melding.aangemaakt_op.astimezone(UTC).isoformat(),
        "metadata": metadata(melding),
    }


def contactnaam(naam: str) -> dict[str, str]:
    """The name as the inwoner gave it: the first word as voornaam, the rest as achternaam."""
    first, _, rest = naam.strip().partition(" ")
    if not rest:
        return {"achternaam": shorten(first, 200)}
    return {"voornaam": shorten(first, 200), "achternaam": shorten(rest.strip(), 200)}


def betrokkene(melding: Melding, klantcontact_uuid: str) -> dict[str, Any]:
    """The inwoner who started the conversation, as klant or vertegenwoordiger."""
    return {
        "hadKlantcontact": {"uuid": klantcontact_uuid},
        "rol": rol(melding),
        "initiator": True,
        "contactnaam": contactnaam(melding.naam),
    }


def digitale_adressen(melding: Melding, betrokkene_uuid: str) -> list[dict[str, Any]]:
    """The phone number and e-mail address the inwoner gave, each a digitaal adres."""
    adressen = []
    if melding.telefoon:
        adressen.append(("telefoonnummer", melding.telefoon.replace(" ", ""), "Terugbelnummer"))
    if melding.email:
        adressen.append(("email", melding.email, "E-mailadres"))
    return [
        {
            "verstrektDoorBetrokkene": {"uuid": betrokkene_uuid},
            "soortDigitaalAdres": soort,
            "adres": adres,
            "omschrijving": omschrijving,
        }
        for soort, adres, omschrijving in adressen
    ]


def assistent_actor() -> dict[str, Any]:
    """The assistant itself, as geautomatiseerde actor."""
    return {
        "naam": ASSISTENT_NAAM,
        "soortActor": "geautomatiseerde_actor",
        "indicatieActief": True,
        "actorIdentificatie": {
            "functie": ASSISTENT_FUNCTIE,
            "omschrijving": "Chat-assistent die hulpvragen opneemt als melding",
        },
    }


def team_actor(team: str) -> dict[str, Any]:
    """The team that picks up the melding, as organisatorische eenheid."""
    return {
        "naam": team,
        "soortActor": "organisatorische_eenheid",
        "indicatieActief": True,
        "actorIdentificatie": {"omschrijving": team},
    }


def toelichting(melding: Melding) -> str:
    """Spoed, deadline, bereikbaarheid and the safety agreement, in Dutch for the team."""
    lines = []
    if melding.veiligheid:
        veilig = melding.veilig_contact or "niet doorgegeven"
        lines.append(
            f"VEILIGHEID: geweld thuis. Neem alleen contact op zoals afgesproken: {veilig}"
        )
    if melding.spoed:
        lines.append("SPOED")
    lines.append(f"Contact opnemen vóór {deadline_kort(melding.deadline)}.")
    if melding.voor_wie:
        lines.append(f"Voor wie: {VOOR_WIE_TEKST.get(melding.voor_wie, melding.voor_wie)}.")
    if melding.bereikbaar:
        lines.append(f"Bereikbaar: {melding.bereikbaar}")
    lines.append(f"Het volledige gesprek staat in Voordeur onder {melding.referentie}.")
    return shorten("\n".join(lines), TEXT_LIMIT)


def internetaak(melding: Melding, klantcontact_uuid: str, team_uuid: str) -> dict[str, Any]:
    """The task for the team: contact the inwoner; assigned through toegewezenAanActoren only."""
    return {
        "referentienummer": melding.referentie,
        "gevraagdeHandeling": GEVRAAGDE_HANDELING,
        "aanleidinggevendKlantcontact": {"uuid": klantcontact_uuid},
        "toegewezenAanActoren": [{"uuid": team_uuid}],
        "toelichting": toelichting(melding),
        "status": "te_verwerken",
    }
