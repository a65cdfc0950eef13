"""Did you mean: the topics the classifier had in mind for a message it did not understand.

When the NLU is unsure (nlu_fallback), its ranking still names the topics it hesitated between.
Offering those as buttons lets the inwoner say which one was meant, instead of the general menu.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .texts import TOPIC_TITLES, Button

MAX_SUGGESTIONS = 3
# Below this the classifier did not really consider the topic.
MIN_CONFIDENCE = 0.05


def topic_suggestions(parse_data: Mapping[str, Any] | None) -> list[Button]:
    """Buttons for at most three topics of the ranking, best first; none when it named none."""
    buttons: list[Button] = []
    for item in (parse_data or {}).get("intent_ranking") or []:
        name = item.get("name")
        title = TOPIC_TITLES.get(name or "")
        if title is None or float(item.get("confidence") or 0.0) < MIN_CONFIDENCE:
            continue
        buttons.append({"title": title, "payload": f"/{name}"})
        if len(buttons) == MAX_SUGGESTIONS:
            break
    return buttons
