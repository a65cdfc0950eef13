"""The redactor removes Dutch personal data and leaves the question readable."""

from __future__ import annotations

import pytest

from insights.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bel me op 06-12345678 aub", "bel me op <telefoon> aub"),
        ("mijn nummer is 06 12 34 56 78.", "mijn nummer is <telefoon>."),
        ("+31 6 12345678 graag", "<telefoon> graag"),
        ("0031612345678", "<telefoon>"),
        ("vast nummer 020-1234567", "vast nummer <telefoon>"),
        ("mail naar jan.de.vries@example.nl of bel", "mail naar <e-mail> of bel"),
        ("mijn bsn is 123456782", "mijn bsn is <bsn>"),
        ("BSN 1234.56.782 klopt dat", "BSN <bsn> klopt dat"),
        ("iban NL91 ABNA 0417 1643 00 voor de toeslag", "iban <iban> voor de toeslag"),
        ("rekening NL91ABNA0417164300", "rekening <iban>"),
        ("ik woon op 1234 AB 12", "ik woon op <adres>"),
        ("postcode 1234AB nr 5a daar", "postcode <adres> daar"),
        ("ik woon in 3511 CK, huisnummer 7", "ik woon in <adres>"),
        ("klantnummer 98765432101", "klantnummer <nummer>"),
        ("adres 1234ab 5 in utrecht", "adres <adres> in utrecht"),
    ],
)
def test_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ik ben 67 jaar en heb hulp nodig bij het douchen",
        "sinds 2019 zorg ik voor mijn moeder",
        "in 2024 al veel hulp gehad, in 2025 is het erger",
        "kan ik om 14:30 langskomen?",
        "Wat kost een rolstoel in 2025 en is het 50 euro eigen bijdrage?",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text) == text
