"""Signals in what the inwoner writes ("doodop", "ik kan niet meer", "ik ben bang"): the
assistant acknowledges them in one short sentence before anything else.

Only acknowledgement: crisis messages are recognised by the NLU (CrisisGuard) and answered by
the crisis rules; this never decides anything.
"""

from __future__ import annotations

import re

_SIGNALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(ik\s+kan\s+(het\s+)?niet\s+meer(\s+aan)?|ik\s+trek\s+het\s+niet\s+meer|"
            r"het\s+wordt\s+me\s+te\s+veel|alles\s+is\s+te\s+veel|ten\s+einde\s+raad|"
            r"wanhopig|ik\s+ben\s+op)\b",
            re.I,
        ),
        "Ik hoor dat het u te veel wordt.",
    ),
    (
        re.compile(r"\b(bang|angstig|ik\s+durf\s+niet)\b", re.I),
        "Wat naar dat u bang bent.",
    ),
    (
        re.compile(r"\b(dood\s*op|doodmoe|uitgeput|kapot|oververmoeid|zo\s+moe)\b", re.I),
        "Wat zwaar dat u zo moe bent.",
    ),
    (
        re.compile(r"\b(verdrietig|eenzaam|ik\s+huil|somber|radeloos)\b", re.I),
        "Wat vervelend dat u zich zo voelt.",
    ),
)


def acknowledgement(text: object) -> str | None:
    """One short sentence that shows the signal was heard, or None."""
    if not isinstance(text, str) or text.startswith("/"):
        return None
    for pattern, sentence in _SIGNALS:
        if pattern.search(text):
            return sentence
    return None
