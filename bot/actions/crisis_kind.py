"""The kind of danger in a crisis message: "suicide", "violence", "child", "medical" or None."""

from __future__ import annotations

from typing import Any

from voordeur_nlu import crisis_lexicon


def crisis_kind(parse_data: dict[str, Any], text: str | None) -> str | None:
    """From the CrisisGuard's parse result, else from the crisis lexicon."""
    category = parse_data.get("crisis_category")
    if isinstance(category, str):
        return category
    return crisis_lexicon.crisis_category(text)
