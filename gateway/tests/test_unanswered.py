"""The in-memory store of messages Rasa did not answer is bounded and can be emptied."""

from __future__ import annotations

from gateway.unanswered import MESSAGES_PER_SENDER, UnansweredStore


def test_keeps_the_last_messages_per_sender_in_order() -> None:
    store = UnansweredStore(max_senders=10)
    for number in range(MESSAGES_PER_SENDER + 2):
        store.add("web-a", f"bericht {number}")
    kept = [message.tekst for message in store.get("web-a")]
    assert kept == [f"bericht {n}" for n in range(2, MESSAGES_PER_SENDER + 2)]
    assert all(message.tijd.tzinfo is not None for message in store.get("web-a"))


def test_forgets_the_least_recently_used_sender_first() -> None:
    store = UnansweredStore(max_senders=2)
    store.add("web-a", "a")
    store.add("web-b", "b")
    store.add("web-a", "a2")
    store.add("web-c", "c")
    assert store.get("web-b") == []
    assert [m.tekst for m in store.get("web-a")] == ["a", "a2"]


def test_forget_deletes_a_sender() -> None:
    store = UnansweredStore(max_senders=2)
    store.add("web-a", "a")
    store.forget("web-a")
    store.forget("web-unknown")
    assert store.get("web-a") == []
