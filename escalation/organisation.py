"""The organisation's settings the escalation service needs, from config/organisation.yml.

The file is read and checked by ``voordeur_common.organisation`` (which also refuses the example
contact details with ``VOORDEUR_ENV=production``); this module keeps the deadline's view of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from voordeur_common import organisation as shared
from voordeur_common.office_calendar import ClosedDays
from voordeur_common.organisation import OrganisationConfigError

__all__ = ["Organisation", "OrganisationConfigError", "load_organisation", "parse_organisation"]


@dataclass(frozen=True)
class Organisation:
    """Closing days, office hours and the promised response windows."""

    # Its own closing days and the public holidays it works on.
    closed_days: ClosedDays
    response_hours: int
    # Weekday (0 = Monday) -> (opening, closing) time; days not listed are closed.
    opening_hours: Mapping[int, tuple[time, time]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # A spoed melding received on an open day before this time is due at that day's closing
    # time, otherwise at this time on the next open day. None: spoed uses ``response_hours``.
    spoed_same_day_before: time | None = None

    @classmethod
    def of(cls, organisation: shared.Organisation) -> Organisation:
        return cls(
            closed_days=organisation.closed_days,
            response_hours=organisation.reactietermijn_uren or shared.DEFAULT_REACTIETERMIJN_UREN,
            opening_hours=MappingProxyType(organisation.opening_hours_by_weekday()),
            spoed_same_day_before=organisation.spoed_zelfde_werkdag_voor,
        )


def parse_organisation(data: Any) -> Organisation:
    """The deadline's view of the parsed YAML; bad values are errors naming the field."""
    return Organisation.of(shared.parse_organisation(data))


def load_organisation(path: Path) -> Organisation:
    """Read and check the organisation file."""
    return Organisation.of(shared.read_organisation(path))
