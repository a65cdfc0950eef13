"""A melding's status: the one list, with its Dutch text for the inwoner, open or closed, and the
steps staff take between them. The database accepts only these values (``ck_meldingen_status``).

Adding a status: a member here, its inwoner text, the step that reaches it (``STEPS``), and a
migration that widens the check constraint.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Status(StrEnum):
    NIEUW = "nieuw"
    OPGEPAKT = "opgepakt"
    DOORGEZET = "doorgezet"
    AFGEHANDELD = "afgehandeld"
    INGETROKKEN = "ingetrokken"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES

    @property
    def inwoner_text(self) -> str:
        """What the public status lookup says; ``{deadline}`` is filled in for a new one."""
        return _INWONER_TEXT[self]


STATUSES: Final = tuple(Status)
OPEN_STATUSES: Final = (Status.NIEUW, Status.OPGEPAKT, Status.DOORGEZET)
CLOSED_STATUSES: Final = (Status.AFGEHANDELD, Status.INGETROKKEN)
# Open and no response yet: the ones the 24-hour window is about.
UNANSWERED_STATUSES: Final = (Status.NIEUW, Status.OPGEPAKT)

# Each step staff take: the statuses it starts from and the one it leads to. Reopening
# (heropenen, escalation/staff/reopen.py) goes back to the status before closing.
STEPS: Final[dict[str, tuple[tuple[Status, ...], Status]]] = {
    "oppakken": ((Status.NIEUW,), Status.OPGEPAKT),
    "doorzetten": ((Status.OPGEPAKT,), Status.DOORGEZET),
    "afhandelen": ((Status.OPGEPAKT, Status.DOORGEZET), Status.AFGEHANDELD),
    "intrekken": (OPEN_STATUSES, Status.INGETROKKEN),
}


def step_allowed(status: str, step: str) -> bool:
    """Whether staff can take ``step`` (a key of ``STEPS``) from ``status``."""
    return status in STEPS[step][0]


_INWONER_TEXT: Final = {
    Status.NIEUW: "Uw melding is ontvangen. Een medewerker neemt contact met u op, {deadline}.",
    Status.OPGEPAKT: "Een medewerker heeft uw melding opgepakt.",
    Status.DOORGEZET: "Uw melding is doorgezet naar een collega die u verder helpt.",
    Status.AFGEHANDELD: "Uw melding is afgehandeld.",
    Status.INGETROKKEN: "Uw melding is ingetrokken.",
}


def check_constraint_sql() -> str:
    """The SQL condition of the database's check constraint on ``meldingen.status``."""
    return "status IN (" + ", ".join(f"'{status.value}'" for status in Status) + ")"
