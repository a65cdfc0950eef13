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

# The long conversation: an inwoner who keeps asking, 100 turns and more. The cycle of ten
# questions repeats, so turns 1-10 and 91-100 hold the same messages and their cost compares.
LONG_CYCLE: tuple[str, ...] = (
    "wat doet het sociaal team?",
    "hoe werkt het",
    "wat is de wmo",
    "hoe zit het met een pgb",
    "wat is de eigen bijdrage",
    "wat is mantelzorg",
    "wat is respijtzorg?",
    "ik heb schulden",
    "wat doen jullie met mijn gegevens",
    "dank je wel",
)
