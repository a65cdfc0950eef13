"""Group similar unanswered messages: TF-IDF on character n-grams, then clustering.

Agglomerative clustering with cosine distance and average linkage, cut at a distance
threshold, so the number of groups follows the data. Each group gets a label (its most
central message), a count, and a trend: this week (the last 7 days) against the week before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from insights.models import UnansweredMessage

DISTANCE_THRESHOLD = 0.75
MAX_MESSAGES = 3000


@dataclass
class Group:
    """Similar messages: label, how many, and how many this week and the week before."""

    label: str
    count: int
    this_week: int
    last_week: int
    examples: list[str] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=list)

    @property
    def trend(self) -> int:
        return self.this_week - self.last_week


def group_messages(
    messages: list[UnansweredMessage], now: datetime | None = None, top: int = 10
) -> list[Group]:
    """The ``top`` biggest groups of ``messages`` (newest ``MAX_MESSAGES`` are used)."""
    now = now or datetime.now(UTC)
    messages = sorted(messages, key=lambda m: m.received_at, reverse=True)[:MAX_MESSAGES]
    if not messages:
        return []
    texts = [m.tekst.lower() for m in messages]
    labels = _cluster(texts)
    groups: list[Group] = []
    for cluster in {int(label) for label in labels}:
        members = [m for m, label in zip(messages, labels, strict=True) if label == cluster]
        groups.append(_describe(members, now))
    groups.sort(key=lambda g: (-g.count, -g.this_week, g.label))
    return groups[:top]


def _cluster(texts: list[str]) -> np.ndarray:
    if len(texts) == 1:
        return np.zeros(1, dtype=int)
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    matrix = vectors.fit_transform(texts).toarray()
    if not matrix.any(axis=1).all():
        matrix = np.hstack([matrix, (~matrix.any(axis=1)).astype(float)[:, None]])
    clustering = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=DISTANCE_THRESHOLD,
    )
    return clustering.fit_predict(matrix)


def _describe(members: list[UnansweredMessage], now: datetime) -> Group:
    week = timedelta(days=7)
    texts = Counter(m.tekst for m in members)
    return Group(
        label=texts.most_common(1)[0][0],
        count=len(members),
        this_week=sum(now - week <= m.received_at <= now for m in members),
        last_week=sum(now - 2 * week <= m.received_at < now - week for m in members),
        examples=[text for text, _ in texts.most_common(5)],
        message_ids=[m.id for m in members],
    )
