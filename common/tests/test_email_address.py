"""The one e-mail rule, as the bot's form, the API and staff accounts apply it."""

from __future__ import annotations

import pytest
from voordeur_common.email_address import MAX_LENGTH, email_in_text, normalised_email


def test_an_address_is_normalised() -> None:
    assert normalised_email(" Anna.deVries@Voorbeeld.NL ") == "Anna.deVries@voorbeeld.nl"


@pytest.mark.parametrize(
    "value", ["", "anna", "anna@", "@voorbeeld.nl", "anna@voorbeeld", "a b@voorbeeld.nl"]
)
def test_what_is_not_an_address_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="e-mail"):
        normalised_email(value)


def test_too_long_is_refused() -> None:
    with pytest.raises(ValueError, match=str(MAX_LENGTH)):
        normalised_email("a" * 250 + "@voorbeeld.nl")


def test_an_address_is_found_inside_a_sentence() -> None:
    assert email_in_text("mijn mail is anna@voorbeeld.nl.") == "anna@voorbeeld.nl"
    assert email_in_text("anna@voorbeeld.nl") == "anna@voorbeeld.nl"
    assert email_in_text("ik heb geen mail") is None
