"""The manager KPIs for a date range, from the insights tables and the escalation database.

Days and hours are local (Europe/Amsterdam); a range runs from the first day 00:00 up to and
including the last day.

The 24-hour promise is about the response (``gereageerd_op``: first forwarded or closed, see
docs/staff.md): responded in time when ``gereageerd_op <= deadline``; a melding still without
response past its deadline counts as late, also while it is open. Withdrawn before its deadline
without response, it does not count. At risk now: open without response and past the deadline,
or warned "loopt af" / "actie nodig" by ``python -m escalation warn``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from voordeur_common.office_calendar import AMSTERDAM

from escalation import reporting
from escalation.reporting import MeldingRow, Status
from insights.models import Conversation

AGE_BUCKETS: tuple[tuple[str, timedelta | None], ...] = (
    ("minder dan 1 dag", timedelta(days=1)),
    ("1 tot 2 dagen", timedelta(days=2)),
    ("2 tot 7 dagen", timedelta(days=7)),
    ("7 dagen of langer", None),
)


@dataclass
class Kpis:
    """All figures of the dashboard for one date range."""

    start: date
    end: date
    conversations: int = 0
    per_day: dict[date, int] = field(default_factory=dict)
    per_hour: dict[int, int] = field(default_factory=dict)
    per_channel: dict[str, int] = field(default_factory=dict)
    contained: int = 0
    user_messages: int = 0
    unanswered_messages: int = 0
    crisis_answers: int = 0
    meldingen: int = 0
    # By the topic from the fixed list (escalation/staff/onderwerpen.py), not the free text.
    per_onderwerp: dict[str, int] = field(default_factory=dict)
    # Meldingen of the range that are still open now (nieuw, opgepakt, doorgezet).
    still_open: int = 0
    pickup_hours: list[float] = field(default_factory=list)
    response_hours: list[float] = field(default_factory=list)
    open_by_age: dict[str, int] = field(default_factory=dict)
    responded_decided: int = 0
    responded_in_time: int = 0
    # Monday of the local week -> (responded in time, decided), by the week the melding came in.
    response_per_week: dict[date, tuple[int, int]] = field(default_factory=dict)
    # Withdrawn before the deadline without response: not counted for the promise.
    withdrawn_in_time: int = 0
    late_open: int = 0
    at_risk_now: int = 0

    @property
    def containment(self) -> float | None:
        """Share of conversations without a melding and without an unanswered message."""
        return self.contained / self.conversations if self.conversations else None

    @property
    def fallback_rate(self) -> float | None:
        """Share of the inwoners' messages the assistant did not understand."""
        return self.unanswered_messages / self.user_messages if self.user_messages else None

    @property
    def response_in_time_share(self) -> float | None:
        """Share of decided meldingen (responded, or past the deadline) responded in time."""
        return self.responded_in_time / self.responded_decided if self.responded_decided else None

    @property
    def still_open_share(self) -> float | None:
        """Share of the range's meldingen that are still open now."""
        return self.still_open / self.meldingen if self.meldingen else None

    @property
    def not_yet_due(self) -> int:
        """Meldingen of the range that do not count yet: no response, deadline still ahead."""
        return self.meldingen - self.responded_decided - self.withdrawn_in_time

    @property
    def weeks(self) -> list[tuple[date, int, int, float]]:
        """Per week of arrival (its Monday): responded in time, counted, share."""
        return [
            (monday, on_time, decided, on_time / decided)
            for monday, (on_time, decided) in self.response_per_week.items()
        ]

    @property
    def response_median_hours(self) -> float | None:
        return statistics.median(self.response_hours) if self.response_hours else None

    @property
    def pickup_median_hours(self) -> float | None:
        return statistics.median(self.pickup_hours) if self.pickup_hours else None

    @property
    def pickup_p90_hours(self) -> float | None:
        """90th percentile (linear interpolation between the closest ranks)."""
        if len(self.pickup_hours) < 2:
            return self.pickup_hours[0] if self.pickup_hours else None
        return statistics.quantiles(self.pickup_hours, n=10, method="inclusive")[8]


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The UTC moments of local ``start`` 00:00 and the day after ``end`` 00:00."""
    first = datetime.combine(start, time(), AMSTERDAM).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time(), AMSTERDAM).astimezone(UTC)
    return first, after


def compute(
    insights: Session, escalation: Session, start: date, end: date, now: datetime | None = None
) -> Kpis:
    """All KPIs for the local days ``start``..``end`` (open werkvoorraad: as of ``now``)."""
    now = now or datetime.now(UTC)
    first, after = utc_bounds(start, end)
    kpis = Kpis(start=start, end=end)
    days = (end - start).days + 1
    kpis.per_day = {start + timedelta(days=n): 0 for n in range(max(days, 0))}
    kpis.per_hour = dict.fromkeys(range(24), 0)
    melding_senders = reporting.melding_conversations(escalation, first, after + timedelta(days=1))
    channels: Counter[str] = Counter()
    conversations = insights.scalars(
        sa.select(Conversation).where(
            Conversation.started_at >= first, Conversation.started_at < after
        )
    )
    for conversation in conversations:
        local = conversation.started_at.astimezone(AMSTERDAM)
        kpis.conversations += 1
        kpis.per_day[local.date()] = kpis.per_day.get(local.date(), 0) + 1
        kpis.per_hour[local.hour] += 1
        channels[conversation.kanaal] += 1
        kpis.user_messages += conversation.user_messages
        kpis.unanswered_messages += conversation.unanswered_messages
        kpis.crisis_answers += conversation.crisis_answers
        with_melding = conversation.melding_made or conversation.sender_id in melding_senders
        if not with_melding and conversation.unanswered_messages == 0:
            kpis.contained += 1
    kpis.per_channel = dict(channels.most_common())
    _meldingen(kpis, escalation, first, after, now)
    return kpis


def _meldingen(
    kpis: Kpis, escalation: Session, first: datetime, after: datetime, now: datetime
) -> None:
    onderwerpen: Counter[str] = Counter()
    weeks: dict[date, tuple[int, int]] = {}
    for melding in reporting.meldingen_created(escalation, first, after):
        _response(kpis, weeks, melding, now)
        kpis.meldingen += 1
        onderwerpen[melding.onderwerp] += 1
        kpis.still_open += melding.status.is_open
        created = melding.aangemaakt_op
        if melding.claimed_at is not None:
            kpis.pickup_hours.append((melding.claimed_at - created).total_seconds() / 3600)
        if melding.gereageerd_op is not None:
            kpis.response_hours.append((melding.gereageerd_op - created).total_seconds() / 3600)
    kpis.per_onderwerp = dict(onderwerpen.most_common())
    kpis.response_per_week = dict(sorted(weeks.items()))
    work = reporting.open_work(escalation, now)
    kpis.late_open, kpis.at_risk_now = work.late, work.at_risk
    kpis.open_by_age = {label: 0 for label, _ in AGE_BUCKETS}
    for created in work.created:
        age = now - created
        label = next(name for name, limit in AGE_BUCKETS if limit is None or age < limit)
        kpis.open_by_age[label] += 1


def _response(
    kpis: Kpis, weeks: dict[date, tuple[int, int]], melding: MeldingRow, now: datetime
) -> None:
    """Count one melding for the response promise (see the module docstring)."""
    responded, deadline, closed = melding.gereageerd_op, melding.deadline, melding.afgesloten_op
    withdrawn = melding.status is Status.INGETROKKEN
    if responded is None and withdrawn and closed is not None and closed <= deadline:
        kpis.withdrawn_in_time += 1
        return
    if responded is None and deadline > now:
        return
    in_time = responded is not None and responded <= deadline
    kpis.responded_decided += 1
    kpis.responded_in_time += in_time
    local = melding.aangemaakt_op.astimezone(AMSTERDAM).date()
    monday = local - timedelta(days=local.weekday())
    on_time, decided = weeks.get(monday, (0, 0))
    weeks[monday] = (on_time + in_time, decided + 1)
