"""The organisation file for the action server: the shared loader, re-read when the file changes.

Reading and checking live in ``voordeur_common.organisation`` (path from
``VOORDEUR_ORGANISATION_FILE``, production refusal of the example contact details). The action
server adds one thing: if a changed file cannot be read, the last good version stays in use (and
an error is logged), so a typo in the file never silences the crisis answer.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from voordeur_common import organisation as shared
from voordeur_common.organisation import (
    CrisisNumbers,
    Organisation,
    OrganisationConfigError,
    organisation_file,
    parse_organisation,
    read_organisation,
)

__all__ = [
    "CrisisNumbers",
    "Organisation",
    "OrganisationConfigError",
    "current_organisation",
    "opening_hours_text",
    "organisation_file",
    "parse_organisation",
    "read_organisation",
]

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "org": None}


def current_organisation() -> Organisation:
    """The current organisation settings, re-read when the file changed.

    Raises OrganisationConfigError only when no good version was ever read.
    """
    path = organisation_file()
    try:
        key: tuple[str, int] | None = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = None
    with _lock:
        if key is not None and key == _cache["key"]:
            return _cache["org"]
        try:
            org = read_organisation(path)
        except OrganisationConfigError:
            if _cache["org"] is None:
                raise
            logger.exception("Organisation file unreadable; the previous version stays in use.")
            return _cache["org"]
        _cache["key"] = key
        _cache["org"] = org
        return org


def opening_hours_text(org: Organisation) -> str:
    """E.g. 'op maandag tot en met donderdag van 8.30 tot 17.00 uur en op vrijdag van ...'."""
    return shared.opening_hours_text(org.openingstijden, day_prefix="op ")
