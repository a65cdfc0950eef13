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
        # Foreign and international numbers.
        ("bel +32 470 12 34 56 graag", "bel <telefoon> graag"),
        ("0032 470 123456", "<telefoon>"),
        ("+44 20 7946 0958 of +1 (212) 555-1234", "<telefoon> of <telefoon>"),
        ("+49 (0)30 12345678", "<telefoon>"),
        # Dates with a year (dates of birth).
        ("geboren 12-03-1961", "geboren <datum>"),
        ("geb. 1/5/61 in Gouda", "geb. <datum> in Gouda"),
        ("geboortedatum 12.03.1961", "geboortedatum <datum>"),
        ("ik ben op 3 maart 1961 geboren", "ik ben op <datum> geboren"),
        ("12 Sept. 1958", "<datum>"),
        # Street + house number, with or without capitals.
        ("ik woon op de Kerkstraat 12 in Utrecht", "ik woon op <adres> in Utrecht"),
        ("adres: kerkstraat 12a", "adres: <adres>"),
        ("Burgemeester de Withstraat 3-bis", "<adres>"),
        ("Laantje? nee: Oudegracht 101 hs", "Laantje? nee: <adres>"),
        ("Stationsplein 1, Amersfoortseweg 7 B", "<adres>, <adres>"),
        # Names after "ik ben", "ik heet", "mijn naam is", "met" at the start.
        ("Ik ben Jan de Vries en ik zoek hulp", "Ik ben <naam> en ik zoek hulp"),
        ("ik heet Anna, mag ik iets vragen", "ik heet <naam>, mag ik iets vragen"),
        ("Mijn naam is J. Bakker", "Mijn naam is <naam>"),
        ("Met Piet Jansen, ik bel over de wmo", "Met <naam>, ik bel over de wmo"),
        ("Hoi, met Fatima El Amrani hier", "Hoi, met <naam> hier"),
        (
            "Ik ben Jan de Vries, Kerkstraat 12 Utrecht, geboren 12-03-1961",
            "Ik ben <naam>, <adres> Utrecht, geboren <datum>",
        ),
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
        "ik ben moe en ik ben bang",
        "Ik ben Mantelzorger voor mijn vader",
        "met mijn moeder gaat het slecht",
        "ik ga met Jan naar de dokter",
        "ik heb de weg 2 keer gevraagd",
        "het schoolplein is te klein",
        "de afspraak is op 12 maart",
        "ik ben 67 en heet nog steeds zo",
        "+3 graden buiten, 2 kinderen thuis",
        "de wachttijd is 6-8 weken",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text) == text
