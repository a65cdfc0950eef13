"""Signals are acknowledged in one short sentence before anything else."""

from __future__ import annotations

import pytest
from actions.signals import acknowledgement


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ik ben doodop, kan ik hulp krijgen met het huishouden", "moe"),
        ("Ik kan het niet meer aan met de zorg voor mijn vader", "te veel"),
        ("ik ben bang dat ik mijn huis kwijtraak", "bang"),
        ("ik voel me zo eenzaam sinds mijn vrouw weg is", "voelt"),
    ],
)
def test_a_signal_gets_one_short_sentence(text: str, word: str) -> None:
    sentence = acknowledgement(text)
    assert sentence is not None and word in sentence
    assert sentence.count(".") == 1 and len(sentence.split()) <= 12


@pytest.mark.parametrize("text", ["wat is de wmo", "/affirm", "", None, "ik woon in Gieten"])
def test_no_signal_no_sentence(text: object) -> None:
    assert acknowledgement(text) is None
