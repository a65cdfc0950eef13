"""Every bubble the content editor owns stays short: at most 60 words (B1, content review §4).

Words are counted as in the review: whitespace-separated tokens, bullets ("•", "-", "1.")
excluded. Texts that hold what the inwoner typed (the summary) are measured with short answers.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from actions import texts
from actions.organisation import current_organisation
from actions.validation import EMPTY, FOREIGN, INVALID, TOO_LONG

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from gateway import texts as gateway_texts  # noqa: E402
from gateway.organisation import Organisation as GatewayOrganisation  # noqa: E402

MAX_WORDS = 60
BULLET = re.compile(r"^(•|-|–|\d+\.)$")
DEADLINE = "uiterlijk woensdag 26 november"


def word_count(text: str) -> int:
    """Whitespace-separated tokens, bullets not counted."""
    return sum(1 for token in text.split() if not BULLET.match(token))


def domain_texts() -> dict[str, str]:
    """Every text variation of every response in bot/domain.yml."""
    domain = yaml.safe_load((REPO_ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for name, variations in (domain.get("responses") or {}).items():
        for index, variation in enumerate(variations):
            if variation.get("text"):
                found[f"domain.yml {name}[{index}]"] = variation["text"]
    return found


def answers_texts() -> dict[str, str]:
    """Every answer in bot/answers.yml (action_topic_info)."""
    answers = yaml.safe_load((REPO_ROOT / "bot" / "answers.yml").read_text(encoding="utf-8"))
    return {
        f"answers.yml {topic}/{name}": answer["text"]
        for topic, named in answers.items()
        for name, answer in named.items()
    }


def action_texts() -> dict[str, str]:
    """The action texts the content editor owns, with the test organisation."""
    org = current_organisation()
    found = {f"QUESTIONS[{slot}]": text for slot, (text, _buttons) in texts.QUESTIONS.items()}
    found.update({name: value for name, value in vars(texts).items() if name.startswith("ERROR_")})
    for fieldname in ("onderwerp", "beschrijving", "naam", "bereikbaar"):
        for error in (EMPTY, TOO_LONG):
            found[f"error_text({fieldname}, {error})"] = texts.error_text(fieldname, error)
    for error in (INVALID, FOREIGN):
        found[f"error_telefoon({error})"] = texts.error_telefoon(error, org)
    found["after_melding"] = texts.after_melding(org)
    found["no_consent"] = texts.no_consent(org)
    slots = {
        "onderwerp": "Mantelzorg",
        "voor_wie": "naaste",
        "beschrijving": "Mijn moeder heeft hulp nodig bij het huishouden.",
        "naam": "Jan Jansen",
        "contactwijze": "telefoon",
        "telefoon": "+31612345678",
        "bereikbaar": "'s ochtends",
        "spoed": True,
    }
    found["summary"] = texts.summary(slots)
    for spoed in (False, True):
        found[f"melding_queued(spoed={spoed})"] = texts.melding_queued(org, spoed)
        found[f"melding_failed(spoed={spoed})"] = texts.melding_failed(org, spoed)
        found[f"melding_received(spoed={spoed})"] = texts.melding_received(
            "VD-ABC123", DEADLINE, spoed, org, veiligheid=spoed
        )
    return found


def gateway_texts_owned() -> dict[str, str]:
    """The gateway's texts, with and without an office number."""
    found = {
        name: value
        for name, value in vars(gateway_texts).items()
        if name.isupper() and isinstance(value, str)
    }
    for label, organisation in (
        ("no phone", GatewayOrganisation()),
        ("phone", GatewayOrganisation(name="Sociaal Team", phone="0599 11 22 33")),
    ):
        found[f"assistant_unavailable({label})"] = gateway_texts.assistant_unavailable(organisation)
        found[f"assistant_unavailable_with_callback({label})"] = (
            gateway_texts.assistant_unavailable_with_callback(organisation)
        )
        found[f"callback_failed({label})"] = gateway_texts.callback_failed(organisation)
    found["callback_received"] = gateway_texts.callback_received("VD-ABC123", DEADLINE)
    return found


def test_every_owned_bubble_has_at_most_60_words(org_file: Path) -> None:
    bubbles = {**domain_texts(), **answers_texts(), **action_texts(), **gateway_texts_owned()}
    assert len(bubbles) > 50
    offenders = {
        name: word_count(text) for name, text in bubbles.items() if word_count(text) > MAX_WORDS
    }
    assert not offenders, f"bubbles over {MAX_WORDS} words: {offenders}"


def test_word_count_skips_bullets() -> None:
    assert word_count("Zo werkt het:\n1. U belt.\n• Wij luisteren.\n- Klaar") == 8
