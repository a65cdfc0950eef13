"""The scripted inwoner conversation the chat benchmark replays: questions, the form, a melding."""

from __future__ import annotations

# Each conversation asks two questions, then leaves a call-back request that ends in a melding.
# Keep it in step with the bot's form (tests/test_e2e_conversation.py holds the same path).
CONVERSATION: tuple[str, ...] = (
    "hallo",
    "wat is respijtzorg eigenlijk?",
    "hoe lang duurt het voordat ik iets hoor?",
    "ik wil teruggebeld worden",
    "Respijtzorg",
    "Ik zorg voor mijn man met dementie en ik ben erg moe.",
    "nee",
    "ja",
    "Telefoon",
    "06 12345678",
    "Anna de Vries",
    "na 17.00 uur",
    "ja",
)

# A melding reference in the bot's last answer shows the whole path worked.
MELDING_MARKER = "VD-"
