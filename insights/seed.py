"""A realistic, reproducible demo data set: a few weeks of conversations and meldingen.

Everything comes from one ``random.Random(seed)``, so the same seed and ``now`` always give
the same data. The generator writes straight into the insights tables (as the ingest would)
and into the escalation service's ``meldingen`` table, and returns what it wrote.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from voordeur_common.office_calendar import AMSTERDAM
from voordeur_common.redaction import redact_inwoner_text

from escalation.demo import add_demo_meldingen
from escalation.reporting import Status
from insights.db import session_factory, upgrade
from insights.models import Conversation, UnansweredMessage

SEED = 20251123
DAYS = 28
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
ONDERWERPEN = (
    "Huishoudelijke hulp",
    "Mantelzorg en respijtzorg",
    "Schulden en geldzorgen",
    "Hulpmiddelen en vervoer",
    "Jeugd en opvoeden",
    "Eenzaamheid",
)
# Questions outside what the assistant knows, in groups of variations (with personal data
# in some, which the redactor must remove).
GAPS: tuple[tuple[str, ...], ...] = (
    (
        "hoe vraag ik een parkeervergunning aan",
        "parkeervergunning aanvragen voor mijn auto",
        "waar kan ik een parkeervergunning krijgen",
        "parkeer vergunning bewoners",
    ),
    (
        "wanneer wordt het grofvuil opgehaald",
        "grofvuil laten ophalen hoe",
        "ophalen grof vuil aanmelden",
    ),
    (
        "ik wil kwijtschelding van de gemeentelijke belastingen",
        "kwijtschelding gemeentebelasting aanvragen",
        "kan ik kwijtschelding krijgen voor de waterschapsbelasting",
    ),
    (
        "mijn paspoort is verlopen wat moet ik doen",
        "paspoort verlengen afspraak",
        "nieuw paspoort aanvragen voor mijn dochter",
    ),
    (
        "huurtoeslag aanvragen hoe werkt dat",
        "krijg ik huurtoeslag",
        "huurtoeslag terugbetalen belastingdienst",
    ),
    (
        "mijn wmo taxipas is kwijt",
        "taxipas kwijtgeraakt nieuwe aanvragen",
        "pasje voor de regiotaxi verloren",
    ),
    (
        "bel mij op 06-12345678 over de traplift",
        "traplift kapot wie repareert dat",
        "de traplift doet het niet meer",
    ),
    ("asdfgh", "???", "hallo??"),
)
CHANNEL_WEIGHTS = (("web", 7), ("telegram", 3))
HOUR_WEIGHTS = [1, 0, 0, 0, 0, 1, 2, 4, 8, 10, 11, 10, 8, 9, 10, 9, 8, 6, 5, 5, 4, 3, 2, 1]


@dataclass
class SeedData:
    """What the generator wrote, as plain values (for tests and the report)."""

    now: datetime
    conversations: list[dict[str, Any]] = field(default_factory=list)
    unanswered: list[dict[str, Any]] = field(default_factory=list)
    meldingen: list[dict[str, Any]] = field(default_factory=list)


def _generate(rng: random.Random, now: datetime) -> SeedData:
    data = SeedData(now=now)
    today = now.astimezone(AMSTERDAM).date()
    channels = [code for code, _ in CHANNEL_WEIGHTS]
    weights = [weight for _, weight in CHANNEL_WEIGHTS]
    for day_offset in range(DAYS, -1, -1):
        day = today - timedelta(days=day_offset)
        for _ in range(rng.randint(12, 30) if day.weekday() < 5 else rng.randint(3, 9)):
            hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
            local = datetime(
                day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=AMSTERDAM
            )
            started = local.astimezone(UTC)
            if started > now:
                continue
            kanaal = rng.choices(channels, weights)[0]
            conversation: dict[str, Any] = {
                "sender_id": f"{kanaal}-{rng.getrandbits(128):032x}",
                "kanaal": kanaal,
                "started_at": started,
                "user_messages": rng.randint(1, 9),
                "unanswered_messages": 0,
                "melding_made": rng.random() < 0.2,
                "crisis_answers": 1 if rng.random() < 0.03 else 0,
            }
            if rng.random() < 0.25:
                for number in range(rng.choice((1, 1, 2))):
                    group = rng.choices(range(len(GAPS)), [8, 6, 5, 4, 3, 3, 2, 2])[0]
                    data.unanswered.append(
                        {
                            "sender_id": conversation["sender_id"],
                            "tekst": rng.choice(GAPS[group]),
                            "group": group,
                            "kanaal": kanaal,
                            "received_at": started + timedelta(minutes=1 + number),
                            "confidence": round(rng.uniform(0.15, 0.49), 3),
                        }
                    )
                    conversation["unanswered_messages"] += 1
                conversation["user_messages"] += conversation["unanswered_messages"]
            data.conversations.append(conversation)
            if conversation["melding_made"]:
                data.meldingen.append(_melding(rng, conversation, now))
    return data


def _melding(rng: random.Random, conversation: dict[str, Any], now: datetime) -> dict[str, Any]:
    created = conversation["started_at"] + timedelta(minutes=rng.randint(3, 15))
    deadline = created + timedelta(hours=48)
    claimed = created + timedelta(hours=rng.expovariate(1 / 20))
    status, closed = Status.NIEUW, None
    if claimed > now or rng.random() < 0.08:
        claimed = None
    elif rng.random() < 0.6:
        closed = claimed + timedelta(hours=rng.uniform(1, 72))
        status = Status.AFGEHANDELD if closed <= now else Status.OPGEPAKT
        closed = closed if closed <= now else None
    else:
        status = rng.choice((Status.OPGEPAKT, Status.OPGEPAKT, Status.DOORGEZET))
    number = len(conversation["sender_id"]) + rng.getrandbits(16)
    referentie = "VD-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
    return {
        "referentie": referentie,
        "status": status,
        "onderwerp": rng.choice(ONDERWERPEN),
        "beschrijving": "Voorbeeldmelding uit de demodata.",
        "naam": f"Inwoner {number}",
        "email": f"inwoner{number}@example.org",
        "toestemming": True,
        "spoed": conversation["crisis_answers"] > 0,
        "kanaal": conversation["kanaal"],
        "gesprek_id": conversation["sender_id"],
        "bron": "assistent",
        "transcript": [],
        "aangemaakt_op": created,
        "deadline": deadline,
        "claimed_at": claimed,
        "gereageerd_op": _response(referentie, status, claimed, closed, now),
        "afgesloten_op": closed,
    }


def _response(
    referentie: str,
    status: Status,
    claimed: datetime | None,
    closed: datetime | None,
    now: datetime,
) -> datetime | None:
    """When a forwarded or closed melding was first forwarded or closed (its own random
    numbers, so the rest of the demo data stays as it was)."""
    rng = random.Random(referentie)  # noqa: S311 - demo data, not security
    if claimed is None or status not in (Status.DOORGEZET, Status.AFGEHANDELD):
        return None
    if status == Status.AFGEHANDELD and closed is not None:
        return claimed + (closed - claimed) * rng.uniform(0.2, 1.0)
    return min(claimed + timedelta(hours=rng.uniform(0.5, 30)), now)


def seed(
    insights_url: str, escalation_url: str, *, now: datetime | None = None, seed: int = SEED
) -> SeedData:
    """Fill empty insights and escalation databases with demo data; refuses non-empty ones."""
    now = now or datetime.now(UTC)
    upgrade(insights_url)
    data = _generate(random.Random(seed), now)  # noqa: S311 - demo data, not security
    with session_factory(insights_url)() as session, session.begin():
        if session.scalar(sa.select(sa.func.count()).select_from(Conversation)):
            raise ValueError("the insights database already has conversations: not seeded")
        by_sender: dict[str, Conversation] = {}
        for item in data.conversations:
            row = Conversation(**item)
            session.add(row)
            by_sender[item["sender_id"]] = row
        session.flush()
        for number, item in enumerate(data.unanswered):
            session.add(
                UnansweredMessage(
                    source_event_id=f"seed#{number}",
                    conversation_id=by_sender[item["sender_id"]].id,
                    tekst=redact_inwoner_text(item["tekst"]),
                    context="Waarmee kan ik u helpen?",
                    reason="nlu_fallback",
                    intent="nlu_fallback",
                    confidence=item["confidence"],
                    ranking=[{"intent": "nlu_fallback", "confidence": 0.5}],
                    kanaal=item["kanaal"],
                    received_at=item["received_at"],
                )
            )
    add_demo_meldingen(escalation_url, data.meldingen)
    return data
