"""Phone numbers in answers: found like the web chat finds them, international for Telegram."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gateway.phone_numbers import find_phone_numbers, international_form, with_international_numbers

CHAT_JS = Path(__file__).resolve().parents[1] / "static" / "chat.js"

CRISIS = "Bel 113 of 0800-0113. Bij direct gevaar: 112."
SAMPLES = [
    CRISIS,
    "Veilig Thuis: 0800-2000 (gratis, dag en nacht).",
    "De Kindertelefoon (0800-0432) of de Luisterlijn 088 0767 000.",
    "Huisartsenpost: 0900 - 112 0 112, of bel 020 1234567 of 06 12345678!",
    "Wij zijn open van 09.00 tot 17.00 uur, postcode 1234 AB, € 0,50 per minuut.",
    "Zie https://www.113.nl/0800-0113 of mail info0800@voorbeeld.nl",
    "Nummer 1130, code v112, versie 0.800 en 112a zijn geen telefoonnummers.",
    "Zonder nummers: alleen tekst.",
]


def numbers(text: str) -> list[str]:
    return [text[start:end] for start, end in find_phone_numbers(text)]


def test_finds_crisis_and_service_numbers() -> None:
    assert numbers(CRISIS) == ["113", "0800-0113", "112"]
    assert numbers(SAMPLES[2]) == ["0800-0432", "088 0767 000"]
    assert numbers(SAMPLES[3]) == ["0900 - 112 0 112", "020 1234567", "06 12345678"]


@pytest.mark.parametrize("text", SAMPLES[4:])
def test_times_amounts_addresses_and_words_are_not_numbers(text: str) -> None:
    assert numbers(text) == []


def test_the_same_numbers_as_the_web_chat() -> None:
    """Python and chat.js's LINK_PATTERN (run in Node) find the same numbers."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: chat.js's pattern cannot be run")
    source = CHAT_JS.read_text(encoding="utf-8")
    pattern = re.search(r"var LINK_PATTERN = (/.*/g);", source)
    assert pattern, "LINK_PATTERN not found in chat.js"
    script = (
        f"const re = {pattern.group(1)}; const texts = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(texts.map((t) => [...t.matchAll(re)]"
        ".filter((m) => m[5] !== undefined).map((m) => m[5]))));"
    )
    result = subprocess.run(
        [node, "-e", script, json.dumps(SAMPLES)], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [numbers(text) for text in SAMPLES]


def test_international_form_only_for_valid_dutch_numbers() -> None:
    assert international_form("0800-0113") == "+31 800 0113"
    assert international_form("088 0767 000") == "+31 88 076 7000"
    assert international_form("0900 - 112 0 112") == "+31 900 1120112"
    for not_dialable_abroad in ("112", "113", "0123 45 67 89", "01-12-2026"):
        assert international_form(not_dialable_abroad) is None


def test_telegram_text_gets_international_numbers() -> None:
    assert with_international_numbers(CRISIS) == "Bel 113 of +31 800 0113. Bij direct gevaar: 112."
    assert with_international_numbers("📞 Bel 0800-2000 👉 of 0800-0432") == (
        "📞 Bel +31 800 2000 👉 of +31 800 0432"
    )
    for unchanged in SAMPLES[4:]:
        assert with_international_numbers(unchanged) == unchanged
