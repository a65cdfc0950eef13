"""Group similar unanswered messages: TF-IDF on what the question is about, then clustering.

Dutch question and function words ("wanneer", "hoe", "heb ik ... nodig", "mijn") are left
out first: they made "Wanneer wordt mijn container geleegd?" and "Wanneer geldt welke wet?"
one group. The rest is described by character n-grams (3-5, within words, so "grofvuil" and
"grof vuil" still meet) plus whole words at half weight. Agglomerative clustering with cosine
distance and complete linkage (every two messages in a group are similar, not only on
average), cut at a distance threshold, so the number of groups follows the data. Measured on
labelled samples in ``insights/tests/data`` (see docs/insights.md and test_grouping.py).
Each group gets a label (its most frequent message), a count, and a trend: this week (the
last 7 days) against the week before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from insights.models import UnansweredMessage

DISTANCE_THRESHOLD = 0.85
WORD_WEIGHT = 0.5
MAX_MESSAGES = 3000
# Words that say how something is asked, not what it is about.
STOP_WORDS = frozenset(
    """aan al als bij dan dat de der des deze die dit doe doen door dus een en er ga gaat geef
    geen had heb hebben heeft het hier hoe hoeveel hun ik in is ja je kan kun kunnen lang laat
    maar me meer met mij mijn moet moeten na naar niet nog nu of om onder ons ook op over te
    tegen ten ter tot u uit uw van veel voor waar wanneer wat welk welke wie wil word wordt
    worden zal ze zich zij zijn zo zonder nodig krijg haal doet komt val mag""".split()  # noqa: SIM905
)
_WORDS = re.compile(r"[a-z0-9à-ÿ]+")


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


def content(text: str) -> str:
    """The words of a message that say what it is about (all words if none are left)."""
    words = _WORDS.findall(text.lower())
    kept = [word for word in words if word not in STOP_WORDS]
    return " ".join(kept or words) or text.lower()


def _cluster(texts: list[str]) -> np.ndarray:
    if len(texts) == 1:
        return np.zeros(1, dtype=int)
    documents = [content(text) for text in texts]
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    words = TfidfVectorizer(analyzer="word", sublinear_tf=True)
    matrix = np.hstack(
        [
            chars.fit_transform(documents).toarray(),
            WORD_WEIGHT * words.fit_transform(documents).toarray(),
        ]
    )
    if not matrix.any(axis=1).all():
        matrix = np.hstack([matrix, (~matrix.any(axis=1)).astype(float)[:, None]])
    clustering = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="complete",
        distance_threshold=DISTANCE_THRESHOLD,
    )
    labels: np.ndarray = clustering.fit_predict(matrix)
    return labels


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
