"""Memory per conversation in Rasa's in-memory tracker store (JSON) and in Voordeur's (objects).

Saves ``--conversations`` conversations of ``--turns`` turns (a user message with Rasa-like
parse data, an action, an answer) in each store and reports what ``tracemalloc`` counts per
conversation once only the store holds them. Run it with the Rasa environment::

    .venv-rasa/bin/python -m bench.tracker_memory --conversations 500 --turns 13
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tracemalloc
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
sys.path.insert(0, str(BOT))

from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore  # noqa: E402
from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402
from voordeur_tracker_store import ExpiringInMemoryTrackerStore  # noqa: E402


def conversation(domain: Domain, sender: str, turns: int) -> DialogueStateTracker:
    """A conversation with the domain's slots and ``turns`` question-and-answer turns."""
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(ActionExecuted("action_session_start"))
    for turn in range(turns):
        text = f"bericht nummer {turn} van de inwoner"
        intent = {"name": "inform", "confidence": 0.9}
        ranking = [{"name": f"intent_{n}", "confidence": 0.01} for n in range(10)]
        parse = {"intent": intent, "entities": [], "text": text, "intent_ranking": ranking}
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, intent, [], parse, input_channel="rest"))
        tracker.update(ActionExecuted("utter_antwoord"))
        tracker.update(BotUttered("Een antwoord van de bot van gewone lengte. " * 3))
    return tracker


def per_conversation(store: TrackerStore, domain: Domain, count: int, turns: int) -> float:
    """KiB that ``count`` saved conversations take, per conversation."""
    gc.collect()
    tracemalloc.start()
    trackers = [conversation(domain, f"web-{n}", turns) for n in range(count)]
    for tracker in trackers:
        asyncio.run(store.save(tracker))
    del trackers, tracker
    gc.collect()
    used, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return used / count / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--turns", type=int, default=13)
    args = parser.parse_args(argv)
    domain = Domain.load(str(BOT / "domain.yml"))
    print("| store | KiB per conversation |\n|---|---|")
    for store in (InMemoryTrackerStore(domain), ExpiringInMemoryTrackerStore(domain)):
        used = per_conversation(store, domain, args.conversations, args.turns)
        print(f"| {type(store).__name__} | {used:.1f} |")


if __name__ == "__main__":
    main()
