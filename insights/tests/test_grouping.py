"""Similar messages end up in one group, with counts and a week-on-week trend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from insights.grouping import group_messages
from insights.models import UnansweredMessage

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


def _message(number: int, text: str, days_ago: float) -> UnansweredMessage:
    return UnansweredMessage(id=number, tekst=text, received_at=NOW - timedelta(days=days_ago))


def test_similar_messages_are_grouped_with_trend() -> None:
    texts = [
        ("hoe vraag ik een parkeervergunning aan", 1),
        ("parkeervergunning aanvragen voor mijn auto", 2),
        ("waar krijg ik een parkeervergunning", 3),
        ("parkeer vergunning bewoners", 9),
        ("wanneer wordt het grofvuil opgehaald", 1),
        ("grofvuil laten ophalen", 10),
        ("ophalen grof vuil aanmelden", 12),
        ("mijn paspoort is verlopen", 20),
    ]
    messages = [_message(n, text, days) for n, (text, days) in enumerate(texts, start=1)]
    groups = group_messages(messages, now=NOW)

    by_ids = {frozenset(g.message_ids): g for g in groups}
    parking = by_ids[frozenset({1, 2, 3, 4})]
    assert (parking.count, parking.this_week, parking.last_week, parking.trend) == (4, 3, 1, 2)
    waste = by_ids[frozenset({5, 6, 7})]
    assert (waste.count, waste.this_week, waste.last_week, waste.trend) == (3, 1, 2, -1)
    assert by_ids[frozenset({8})].this_week == 0
    assert [g.count for g in groups] == [4, 3, 1]


def test_top_ten_only_and_empty_input() -> None:
    words = ["appel", "rivier", "kachel", "fiets", "zolder", "tuinhek", "molen", "schaap"]
    texts = [f"{a} {b}" for a in words[:4] for b in words[4:]][:12]
    unique = [f"{w}{w[::-1]} xyz{n}" for n, w in enumerate(words + ["brug", "lamp", "deur"])]
    messages = [_message(n, t, 1) for n, t in enumerate(texts + unique, start=1)]
    assert len(group_messages(messages, now=NOW)) == 10
    assert group_messages([], now=NOW) == []
