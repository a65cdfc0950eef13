"""Unit tests of the crisis lexicon: own example sentences per category, and everyday messages
that must not give the crisis answer.

These sentences are the lexicon author's own; they are not the held-out crisis list
(``crisis_messages.yml``), which measures the whole NLU independently.
"""

from __future__ import annotations

import pytest
from voordeur_nlu.crisis_lexicon import (
    acute_danger,
    crisis_category,
    is_crisis,
    no_danger_now,
    normalise,
    only_long_ago,
)

SUICIDE_MESSAGES = (
    "ik wil dood",
    "Ik wil gewoon echt dood.",
    "k wil dood",
    "ik wil dooooood",
    "ik wil er niet meer zijn",
    "ik zie het niet meer zitten",
    "ik zie het echt niet meer zitten",
    "k zie t nie meer zitte",
    "eerlijk gezegd zie ik het allemaal niet meer zitten sinds de scheiding",
    "ik maak er een eind aan",
    "ik maak er een einde aan vanavond",
    "ik ga er een eind aan maken",
    "ik wil een einde aan mijn leven maken",
    "ik wil me ophangen",
    "ik hang me op in de schuur",
    "ik ga alle pillen slikken",
    "ik ga al mijn slaappillen innemen",
    "ik heb een hele doos paracetamol en ga die opslikken",
    "ik spaar al weken pillen op",
    "ik zie geen uitweg meer",
    "er is voor mij geen uitweg",
    "het hoeft voor mij niet meer",
    "ik heb er geen zin meer in om te leven",
    "ik heb geen zin meer in het leven",
    "het leven heeft voor mij geen zin meer",
    "mijn dochter snijdt zichzelf",
    "mn zoon krast zich in zn armen",
    "ik snij in mijn armen",
    "ik wil mezelf iets aandoen",
    "ik ben bang dat ik me iets ga aandoen",
    "ik kan niet meer",
    "ik kan niet meer.",
    "Ik kan echt niet meer!!",
    "ik wil niet meer",
    "ik denk aan zelfmoord",
    "ik denk aan zelfmoort",
    "ik ben suicidaal",
    "ik ben suïcidaal",
    "mijn vriend heeft zelfmoordgedachten",
    "ik sta op de brug en ga springen",
    "ik ga voor de trein springen",
    "ik sta bij het spoor",
    "iedereen is beter af zonder mij",
    "niemand zal me missen",
    "ik wil slapen en nooit meer wakker worden",
    "was ik maar dood",
    "ik wil stoppen met leven",
    "ik ben klaar met het leven",
    "mijn moeder zegt dat ze niet meer wil leven",
    "mijn man heeft een afscheidsbrief geschreven",
    "ik heb een touw gekocht",
    "mijn zoon van 14 zegt dat hij dood wil",
    "ik zorg al jaren voor mn man en nu wil ik gewoon niet meer leven",
    # Second round: wordings found missing in a blind evaluation (own sentences).
    "ik ga een einde maken aan mijn leven",
    "ik wil vannacht een eind maken aan mn leven",
    "ik stop ermee, met alles",
    "ik stop er gewoon mee met leven",
    "ik wil stoppen met alles",
    "ik rij straks met de auto expres tegen een boom",
    "ik wil mezelf te pletter rijden",
    "ik zou het liefst gewoon niet meer bestaan",
    "ik wou dat ik niet meer bestond",
    "ik wil uit het leven stappen",
    "ik denk erover om eruit te stappen, niemand zal me missen",
    "ik wil er een punt achter zetten, ik kan niet meer leven zo",
    "ik zet een punt achter mijn leven",
    "ik ga voor de trein liggen",
    "ik leg me straks op het spoor",
    "ik sta op het balkon en ik wil springen",
    "ik wil van mijn balkon naar beneden springen",
    "hoeveel slaappillen heb je nodig om niet meer wakker te worden",
    "ik heb mezelf gisteren weer gesneden",
    "ik heb weer in mijn arm gekrast",
    "ik maak me van kant",
    "mijn broer maakt zich van kant zegt hij",
    "ze wil zich van kant maken",
    "mijn vriend zegt dat hij er een eind aan wil maken",
    "mijn vriendin stuurde een afscheidsbericht en ze neemt niet op",
    "hij schreef dat hij afscheid wilde nemen en nu reageert hij nergens meer op",
    "de schulden zijn te veel, ik wil er een einde aan gaan maken",
    "sinds mijn vrouw dood is hoeft het allemaal niet meer",
    "ik heb genoeg van het leven",
    "ik heb er genoeg van, ik wil niet meer leven",
    "ik ben het leven zat",
    "ik stap er vannacht uit",
    "ik wil er tussenuit stappen voorgoed",
    "ik sta op de balkonrand en wil springen",
)

VIOLENCE_MESSAGES = (
    "mijn man slaat me",
    "mn vriend sloeg me gisteren weer",
    "hij heeft me geduwd",
    "hij heeft me van de trap geduwd",
    "ik werd tegen de muur geduwd door mijn partner",
    "ik hoor klappen bij de buren",
    "elke nacht hoor ik geschreeuw en klappen naast ons",
    "ik ben bang voor hem",
    "ik ben bang voor mijn man",
    "mijn buurvrouw is bang voor haar vriend",
    "ik ben bang als hij dronken thuiskomt",
    "ik mag het huis niet uit van mijn man",
    "hij laat me niet weg",
    "mijn partner sluit me op",
    "mijn ex bedreigt me",
    "hij dreigt me te vermoorden",
    "hij stond met een mes in de keuken te schreeuwen",
    "er is huiselijk geweld bij ons",
    "mijn vrouw mishandelt mij",
    "mijn vriend zit aan me terwijl ik dat niet wil",
    "ik ben misbruikt door mijn ex",
    "ik word gestalkt",
    "mijn schoonzoon wordt agressief tegen mijn dochter",
    "ik durf niet naar huis",
    "de buurvrouw roept om hulp",
    "ik ben nu in gevaar",
    "ik ben niet veilig thuis",
    "hij geeft haar klappen",
    # Second round: wordings found missing in a blind evaluation (own sentences).
    "hij knijpt mijn keel dicht als hij boos is",
    "hij had zijn handen om mijn keel",
    "hij heeft me in de slaapkamer opgesloten en staat te schreeuwen",
    "ik zit opgesloten in de badkamer, hij bonkt op de deur",
    "ik voel me niet veilig in mijn eigen huis door mijn man",
    "hij rent achter me aan met een hamer",
    "mijn ex staat met een honkbalknuppel voor de deur",
    "mijn man heeft mijn arm gebroken",
    "ik heb een gebroken rib door mijn vriend",
    "mijn ex heeft de deur ingetrapt",
    "hij dreigt de kinderen mee te nemen en mij wat aan te doen",
    "hij dreigt mij wat aan te doen",
    "hij dwingt me tot seks",
    "hij wil seks ook al zeg ik nee en hij gaat gewoon door",
    "ik ben gevlucht voor mijn man en nu zoekt hij me",
    "ik hoor gegil en gebonk bij de buren",
    "de thuiszorg is ruw met mijn moeder en ze zit onder de blauwe plekken",
    "hij maakt me dood als ik weg ga",
    "hij slaat me sinds vorig jaar elke week",
    "er wordt bij de buren gegild en gebonkt",
    "hij dreigt me van kant te maken",
    "de buurvrouw zit vol blauwe plekken en is bang voor haar man",
    "hij heeft me opgesloten in de kelder",
)

CHILD_MESSAGES = (
    "mijn dochter van 15 is weggelopen",
    "mijn zoon is vermist",
    "onze dochter van 13 is niet thuisgekomen",
    "mijn zoon van 16 is al sinds gisteren weg",
    "mijn kind is weg en ik kan haar nergens vinden",
    "het buurmeisje is vermist",
    "mijn tiener is al twee dagen zoek",
    "mijn stiefvader zit aan me",
    "ik ben 13 en mijn vader slaat me",
    "ik ben 12 en ik durf niet naar huis",
    "ik ben weggelopen van huis",
    "de kinderen naast ons zijn alleen thuis en krijgen geen eten",
    "een kind in de straat wordt mishandeld",
    "ik denk dat mijn kleindochter misbruikt wordt",
    "mijn kind is niet veilig bij zijn vader",
    "mijn dochter wordt door de vriend van mijn zus aangeraakt",
    "mijn dochter heeft een loverboy",
    # Second round: wordings found missing in a blind evaluation (own sentences).
    "mijn dochtertje is weg bij het winkelcentrum",
    "mijn zoontje van 4 is weg, ik kan hem nergens vinden",
    "ik ben mijn zoontje kwijt in de supermarkt",
    "mijn ex heeft de kinderen meegenomen naar Marokko en komt niet terug",
    "ik ben 10 en mama is al twee dagen niet thuis",
    "ik ben 12 en mama is dronken en er is geen eten",
    "ik ben 15 en mijn vader heeft me het huis uit gezet, ik slaap buiten",
    "mijn nichtje van 14 moet trouwen met een man uit het buitenland",
    "ik ben 13 en mijn stiefvader komt snachts op mijn kamer",
    "mijn oom doet dingen bij mij die ik niet wil, ik ben 11",
    "de buurkinderen lopen zonder jas in de kou en hebben honger",
    "ze sluiten het jongetje op in de kelder",
    "het kindje van de buren heeft rare brandplekken op haar armen",
    "ik zag dat hij de baby door elkaar schudde",
    "mijn dochter van 14 heeft een veel oudere vriend die haar snachts ophaalt",
    "er zit een peuter alleen in een hete auto",
    "er loopt een kleuter alleen langs de weg",
    "de baby hiernaast huilt al uren en niemand doet open",
    "papa slaat hem als hij huilt",
    "mama slaat mijn broertje",
    "papa slaat mij als ik huil",
    "mijn ex is met ons zoontje naar turkije vertrokken en komt niet meer terug",
    "mijn dochter van 13 wordt opgehaald door een man van 25",
    "mijn buurjongetje van 6 loopt alleen op straat",
    "ik ben 14 en mijn stiefvader doet dingen met me die ik niet wil",
)

MEDICAL_MESSAGES = (
    "mijn man ademt niet meer",
    "mijn vader ademt heel raar en reageert niet",
    "mijn moeder is in elkaar gezakt",
    "hij is bewusteloos",
    "ik krijg haar niet wakker",
    "mijn vrouw heeft pijn op de borst",
    "ik denk dat mijn man een hartaanval heeft",
    "mijn moeder heeft te veel pillen genomen",
    "mijn zoon heeft een overdosis",
    "hij bloedt heel erg",
    "er is overal bloed en het stopt niet",
    "mijn moeder is gevallen en kan niet meer opstaan",
    "mijn vader ligt op de grond en zegt niks",
    "mijn kind heeft schoonmaakmiddel opgedronken",
    "mijn vader met dementie is weggelopen",
    "er moet een ambulance komen",
    "mijn oma krijgt geen lucht",
    "zijn mond hangt scheef en hij praat raar",
    # Second round: wordings found missing in a blind evaluation (own sentences).
    "de helft van zijn gezicht is verlamd",
    "mijn moeder praat ineens met een dubbele tong",
    "iemand is aangereden door een auto en bloedt",
    "mijn vader is NIET WAKKER TE KRIJGEN",
    "mijn zoon is gestoken door een wesp en zijn keel zwelt op",
    "mijn oma is ineens weggezakt en reageert niet op haar naam",
    "mijn man heeft vorig jaar een hartaanval gehad en nu weer pijn op de borst",
    "MIJN VADER IS NIET WAKKER TE KRIJGEN!!!",
    "wat is dit, mijn man heeft een hartaanval",
    "ze is ineens weggezakt op de bank en reageert niet",
)

NOT_CRISIS_MESSAGES = (
    "mijn taxipas vervalt, hoe verleng ik die",
    "mijn taxipas vervalt",
    "de deur sloeg dicht",
    "de deur slaat steeds dicht door de wind",
    "mijn plant is dood",
    "ik ben doodop",
    "ik ben dood moe",
    "ik schrok me dood",
    "ik lach me dood",
    "ik heb de trein gemist",
    "ik was te laat voor de trein",
    "ik woon bij het spoor",
    "we wonen naast het spoor en het is lawaaiig",
    "misbruik van mijn pgb",
    "ik denk dat iemand misbruik maakt van mijn pgb",
    "mijn moeder is overleden",
    "sinds mijn vrouw dood is ben ik alleen",
    "ik mis mijn man zo",
    "ik ben zo moe",
    "ik ben op",
    "ik ben kapot van de zorg",
    "ik heb schulden en slaap er slecht van",
    "ik kan de huur niet meer betalen",
    "ik kan niet meer leven van mijn uitkering",
    "ik kan het niet meer aan met de zorg",
    "ik kan het niet meer aan met de zorg voor mijn moeder",
    "ik trek het niet meer met de zorg",
    "ik zie het even niet zitten",
    "ik zie het niet zitten om morgen te gaan",
    "ik voel me somber",
    "ik voel me zo down",
    "alles is te veel",
    "ik kan niet meer lopen",
    "mijn moeder kan niet meer zelf douchen",
    "ik kan niet meer zelf schoonmaken",
    "mijn moeder kan niet meer alleen thuis blijven",
    "ik moet al mijn pillen innemen maar vergeet het steeds",
    "ik heb vandaag mijn pillen ingenomen",
    "de website reageert niet",
    "de gemeente reageert niet op mijn mail",
    "mijn man met dementie raakt steeds zijn sleutels kwijt",
    "mijn zoon is zijn baan kwijt",
    "mijn zoon is weg naar zijn vader voor het weekend",
    "mijn dochter is het huis uit",
    "mijn puber is heel boos en agressief",
    "mijn kind luistert niet",
    "ik heb de was opgehangen",
    "ik wil een schilderij ophangen maar kan de trap niet op",
    "ze hing de telefoon op",
    "ik kan niet meer met een mes snijden door de reuma",
    "ik heb alarm geslagen bij de huisarts",
    "wat een klap voor ons gezin dat de uitkering stopt",
    "we klappen in de handen",
    "ik ben bang voor haar gezondheid",
    "mijn moeder zit de hele dag aan me te zeuren",
    "ik zit elke dag aan haar bed",
    "ik mag van de dokter niet naar buiten",
    "ik voel me opgesloten in mijn eigen huis",
    "ik word bedreigd met ontruiming",
    "de deurwaarder dreigt met beslag",
    "ik ben 65 en heb een vraag over de wmo",
    "ik ben 8 maanden zwanger en zoek hulp",
    "mijn jas ligt op de grond",
    "ik heb een vraag over de regiotaxi",
    "ik wil een eind maken aan de ruzie met mijn broer",
    "aan het eind van de maand heb ik geen geld",
    "ik ga dood van de hitte",
    "dat is doodzonde",
    "wat is een hartstikke goede regeling",
    "ik heb een dood gewone vraag",
    "ik ben het niet eens met het besluit",
    "laat maar",
    "nee hoeft niet",
    "ik wil niet meer gebeld worden",
    "ik wil niet meer naar de dagbesteding",
    "ik hoef niet meer",
    "wie is mijn contactpersoon",
    "Tia",
    "bel me op 06 11211234",
    "mijn hond is weggelopen",
    "ik heb geen zin meer in de cursus",
    "mijn wereld is ingestort sinds de diagnose",
    "hij heeft zich opgegeven voor de dagbesteding",
    "ik heb mijn moeder in haar rolstoel naar buiten geduwd",
    # Second round: wordings found missing in a blind evaluation (own sentences).
    "mijn vader heeft vorig jaar een hartaanval gehad",
    "na zijn beroerte kan hij niet meer praten",
    "sinds haar beroerte heeft ze huishoudelijke hulp nodig",
    "mijn man is overleden aan een hartaanval",
    "mijn broer pleegde vorig jaar zelfmoord",
    "ik ben vroeger misbruikt",
    "ik ben jaren geleden mishandeld door mijn ex",
    "wat is huiselijk geweld",
    "meldcode kindermishandeling",
    "is er een cursus over suicidale gedachten",
    "ik kan hem wel vermoorden haha",
    "we zitten op een dood spoor",
    "de buren slaan steeds met de deuren",
    "mijn zoon slaat zijn ontbijt over",
    "mijn kind is bang in het donker",
    "ik ben 8 en ik ben bang in het donker",
    "hij snijdt zijn brood zelf",
    "mijn kind krast op de muur",
    "mijn zoontje kraste met stift op de muur",
    "mijn bankpas is spoorloos",
    "mijn zoon zijn pas is spoorloos",
    "mijn hond is weggelopen en ik kan hem nergens vinden",
    "wat doet veilig thuis",
    "mijn broer zit in de gevangenis, is er hulp voor zijn kinderen",
    "mijn batterij is leeg",
    "ik sta op omvallen",
    "ik ben moe van het gedoe",
    "ik durf de post niet open te maken",
    "we worden uit huis gezet",
    "de bank gaat ons huis verkopen",
    "mijn man heeft stiekem leningen afgesloten",
    "ik heb geen cent meer",
    "mijn zoon van 22 heeft schulden",
    "ik trek het niet meer met de zorg voor mijn vader",
    "mijn kat is dood",
    "ons kindje is overleden bij een ongeluk",
    "ons kindje is stil geboren",
    "ik mis mijn overleden vrouw",
    "ik stop ermee met roken",
    "ik wil uit de vereniging stappen",
    "ik stap er even uit, ik ben op",
    "ik wil een punt achter de ruzie zetten",
    "mijn moeder zit onder de blauwe plekken want ze valt steeds",
    "de kinderen hebben niks te eten want ik heb geen geld",
    "we hebben geen geld voor een winterjas voor de kinderen",
    "mijn dochter gaat volgend jaar trouwen",
    "ik ben uit huis gezet door de verhuurder",
    "mijn puber krijg ik smorgens niet wakker",
    "mijn zoontje reageert niet op zijn naam, heeft hij autisme",
    "de regeling zal straks niet meer bestaan",
    "ik heb het been gebroken van mijn stoel",
    "mijn moeder heeft haar heup gebroken",
    "ik voel me niet veilig in mijn eigen huis, er wordt veel ingebroken in de buurt",
    "mijn ouders zijn al twee weken weg op vakantie",
    "de baby huilt al uren, wat kan ik doen",
    "mijn kind wil zonder jas naar school",
    "mijn vader drinkt te veel",
    "ik heb me gesneden aan een blikje",
    "ik heb weer brood gesneden",
    "we gaan met de kinderen mee naar het buitenland op vakantie",
    "mijn man maakt me dood moe met zijn gezeur",
    "het hoeft allemaal niet meer, de hulp is al geregeld",
    "ik ga er even tussenuit met vakantie",
    "ik stap uit de auto",
    "mijn opa had vorig jaar een beroerte",
    "ik zoek informatie over huiselijk geweld",
    "ik ga hem vermoorden lol",
    "mijn zoon heeft zich vorig jaar van kant gemaakt",
    "ik ben vroeger als kind mishandeld en heb daar nog last van",
    "wat doet een huisarts bij een hartaanval",
    "ik heb een cursus reanimatie gedaan",
    "mijn man is in de lift opgesloten",
    "hij zit met een mes aan tafel om brood te snijden",
    "ik heb de kinderen meegenomen naar de speeltuin",
)


@pytest.mark.parametrize("message", SUICIDE_MESSAGES)
def test_suicide(message: str) -> None:
    assert crisis_category(message) == "suicide"


@pytest.mark.parametrize("message", VIOLENCE_MESSAGES)
def test_violence(message: str) -> None:
    assert crisis_category(message) == "violence"


@pytest.mark.parametrize("message", CHILD_MESSAGES)
def test_child(message: str) -> None:
    assert crisis_category(message) == "child"


@pytest.mark.parametrize("message", MEDICAL_MESSAGES)
def test_medical(message: str) -> None:
    assert crisis_category(message) == "medical"


@pytest.mark.parametrize("message", NOT_CRISIS_MESSAGES)
def test_not_crisis(message: str) -> None:
    assert crisis_category(message) is None
    assert not is_crisis(message)


def test_priority_suicide_before_medical() -> None:
    """A plan for an overdose is suicide (113 first); an overdose taken is medical (112)."""
    assert crisis_category("ik ga een overdosis nemen") == "suicide"
    assert crisis_category("hij heeft een overdosis genomen") == "medical"


def test_empty() -> None:
    assert crisis_category(None) is None
    assert crisis_category("") is None
    assert not is_crisis(None)


def test_ongoing_violence_with_past_marker() -> None:
    """'sinds vorig jaar' with a present tense is ongoing danger, not a past event."""
    assert crisis_category("ik word sinds vorig jaar mishandeld") == "violence"
    assert crisis_category("ik ben vorig jaar mishandeld") is None


def test_child_victim_goes_to_child() -> None:
    """Violence against a named minor gets the child answer; against the writer, violence."""
    assert crisis_category("de buurman slaat zijn peuter") == "child"
    assert crisis_category("hij slaat me waar de kinderen bij zijn") == "violence"


def test_normalise_spells_out_chat_speak() -> None:
    assert normalise("K zie 't ff nie zitten!!") == "ik zie het even niet zitten"
    assert normalise("m'n man") == "mijn man"


# Third round: a decided moment, farewells and methods; forced marriage, intruders, someone held
# inside; children in cold, water, heat, cars and forced marriage; poisoning, allergy, stroke, CO.
ROUND3_CRISES = (
    ("ik heb besloten dat ik er dit weekend een eind aan maak", "suicide"),
    ("morgen stap ik er uit, kunt u een brief voor de huur regelen", "suicide"),
    ("vannacht stap ik eruit, wilt u zorgen voor mijn kat", "suicide"),
    ("ik heb het plan om er zaterdag een einde aan te maken", "suicide"),
    ("ik zit in de auto in de dichte garage met de motor aan", "suicide"),
    ("de motor draait en de garagedeur is dicht, ik blijf hier zitten", "suicide"),
    ("dit is mijn laatste bericht aan jullie", "suicide"),
    ("sorry voor alles, vaarwel", "suicide"),
    ("er hangt sinds vannacht een strop in de schuur", "suicide"),
    ("het touw hangt al op zolder sinds vannacht", "suicide"),
    ("ik moet trouwen met een man die ik niet ken en ze hebben mijn paspoort afgepakt", "violence"),
    ("mijn familie dwingt me te trouwen en mijn paspoort is ingenomen", "violence"),
    ("er is iemand in mijn huis, hij is er nog steeds", "violence"),
    ("er staat een inbreker beneden in de woonkamer", "violence"),
    ("mijn zus zit al dagen binnen opgesloten, ze mag niet bellen en appte net help", "violence"),
    (
        "de kinderen van de buren staan al uren in pyjama buiten in de kou en niemand doet open",
        "child",
    ),
    ("mijn peuter is in de sloot gevallen en we kunnen hem niet vinden", "child"),
    ("een kindje is in de vijver gevallen en is nog niet boven gekomen", "child"),
    ("er zit een baby alleen in een auto in de zon op de parkeerplaats", "child"),
    ("mijn nichtje van 15 wordt volgende maand in het buitenland uitgehuwelijkt", "child"),
    ("ze gaan mijn dochter van 14 in de zomer in het land van mijn man laten trouwen", "child"),
    ("mijn zoon van 9 is drie uur na school nog niet thuis", "child"),
    ("school is om drie uur uit en mijn dochter is er nog steeds niet", "child"),
    ("een man probeert een kind in zijn auto te trekken", "child"),
    ("mijn peuter is weg van de galerij en de voordeur stond open", "child"),
    ("mijn peuter heeft een vaatwastablet ingeslikt", "medical"),
    ("de kleine heeft batterijen doorgeslikt", "medical"),
    ("mijn dochter van 2 heeft van het schoonmaakmiddel gedronken", "medical"),
    ("mijn zoontje heeft pillen van oma opgegeten", "medical"),
    ("PINDA ZWELT OP HELP", "medical"),
    ("na een val kan mijn vader zijn arm niet meer optillen en praat hij raar", "medical"),
    (
        "sinds hij gevallen is is zijn arm slap en spreekt hij onduidelijk, maar mijn vraag gaat "
        "over de wmo",
        "medical",
    ),
    ("de koolmonoxidemelder gaat af en ik ben duizelig", "medical"),
    ("het co alarm gaat en we zijn misselijk", "medical"),
    ("zondag maak ik er een eind aan, wie zorgt er dan voor mijn hond", "suicide"),
    ("mijn dreumes is in het kanaal gevallen, we zien hem niet meer", "child"),
    ("een man probeerde net een meisje zijn busje in te trekken", "child"),
    ("er zit een inbreker in huis ik hoor hem", "violence"),
)

ROUND3_NOT_CRISES = (
    "onze hond is dood en de kinderen zijn verdrietig, hoe help ik ze met rouw",
    "mijn vriendin heeft een miskraam gehad",
    "mijn oma is deze zomer overleden",
    "mijn zus heeft jaren geleden zelfmoord gepleegd, ik zoek een groep voor nabestaanden",
    "mijn zoon van 15 is moe van school, de mentor stuurde ons",
    "ik heb een stapel ongeopende brieven, help",
    "ik word gek van de zorg voor mijn vader",
    "ik ben 78 en mijn rug kan het tillen van mijn vrouw niet meer aan",
    "onze kat is weg, moet ik het dierenasiel bellen",
    "ik heb me gesneden aan een brief",
    "de hond was weggelopen maar is weer terug",
    "ik moet elke ochtend pillen slikken, krijg ik hulp bij medicatie",
    "mijn telefoon is dood",
    "vroeger werd ik thuis geslagen, nu ben ik 30 en wil ik praten",
    "mijn zus deed vorig jaar een zelfmoordpoging, het gaat nu veel beter met haar",
    "we stappen dit weekend uit de vereniging",
    "dit is mijn laatste bericht over de aanvraag",
    "de co melder piept, de batterij is leeg",
    "mijn dochter gaat volgend jaar trouwen",
    "de auto staat in de garage met de motor kapot",
    "ik voel me opgesloten in mijn eigen huis sinds mijn man er niet meer is",
    "er is vorige week ingebroken, de inbreker is gepakt",
    "mijn moeder zit in een verpleeghuis en mag niet naar buiten, help",
    "mijn kinderen spelen graag buiten in hun pyjama in de zomer",
    "hoe bewaar ik schoonmaakmiddel veilig voor mijn peuter",
    "mijn vader heeft na zijn beroerte vorig jaar een slappe arm en praat onduidelijk, welke hulp",
    "mijn dochter mag van mij niet bellen na negen uur, help met de opvoeding",
    "vroeger werd ik thuis mishandeld, nu ben ik volwassen en wil ik er met iemand over praten",
    "hoe beveilig ik mijn huis tegen inbrekers",
    "ik ben bang voor inbrekers sinds ik alleen woon",
    "mijn kleinzoon heeft een batterij gezien maar niet ingeslikt",
    "de wasmachine doet het niet, het wasmiddel blijft liggen en ik heb net gegeten",
    "ik heb een allergie voor pindas, mijn enkel is gezwollen na het sporten, help met vervoer",
    "mijn arm is slap na de operatie en ik praat niet goed nederlands, wmo vraag",
    "ik wil dit weekend uit het huurcontract stappen",
    "mijn zoontje speelde buiten en de deur stond open, nu is hij weer binnen",
    "bedankt voor de hulp, vaarwel",
    "dit is mijn laatste bericht voor de vakantie",
)


@pytest.mark.parametrize(("message", "category"), ROUND3_CRISES)
def test_round3_crisis(message: str, category: str) -> None:
    assert crisis_category(message) == category


@pytest.mark.parametrize("message", ROUND3_NOT_CRISES)
def test_round3_not_crisis(message: str) -> None:
    assert not is_crisis(message)


# Fourth round (own sentences): stepping out as one word, a missing teenager, grooming, a child
# locked up; a door forced now; too much insulin, drugs with a racing heart, a scald, meningitis
# signs, a stroke with double vision, someone in the water, a pregnancy emergency.
ROUND4_CRISES = (
    ("ik heb besloten dat ik er morgen uitstap, regel jij de kat", "suicide"),
    ("onze dochter van 16 is al 3 dagen spoorloos", "child"),
    ("mijn zoon van 15 is sinds zaterdag niet meer thuis geweest", "child"),
    (
        "ik ben 12 en iemand op snapchat wil afspreken en zegt dat ik het niet mag vertellen",
        "child",
    ),
    ("de buurjongen zegt dat zijn papa hem opsluit in de schuur", "child"),
    ("hij probeert nu de achterdeur open te breken", "violence"),
    ("ik heb per ongeluk een dubbele dosis insuline gespoten", "medical"),
    ("mijn vriend heeft ghb genomen en ademt nauwelijks", "medical"),
    ("mijn zoontje kreeg kokend water over zijn arm, er komen blaren", "medical"),
    ("mijn dochter heeft koorts en een stijve nek en ze is zo suf", "medical"),
    ("mijn moeder haar gezicht hangt scheef en ze ziet dubbel", "medical"),
    ("mijn vader is met de auto de vaart in gereden en komt er niet uit", "medical"),
    ("ik ben 30 weken zwanger en voel de baby niet meer bewegen", "medical"),
)
ROUND4_NOT_CRISES = (
    "we maken dit weekend een uitstapje naar de dierentuin",
    "ik krijg de voordeur niet open, de sleutel klemt",
    "mijn telefoon is de sloot in gevallen en ik kan hem er niet uit halen",
    "mijn dochter wil een foto van haar opa op internet zetten",
    "ik ben 30 weken zwanger, kan ik kraamzorg via de gemeente krijgen?",
    "mijn beste vriend is plotseling overleden aan een hartaanval",
    "kan ik respijtzorg krijgen nu mijn vrouw na haar beroerte niet alleen kan zijn",
)


@pytest.mark.parametrize(("message", "category"), ROUND4_CRISES)
def test_round4_crisis(message: str, category: str) -> None:
    assert crisis_category(message) == category


@pytest.mark.parametrize("message", ROUND4_NOT_CRISES)
def test_round4_not_crisis(message: str) -> None:
    assert not is_crisis(message)


@pytest.mark.parametrize(
    ("message", "long_ago"),
    [
        ("ik ben als kind mishandeld en wil daar met iemand over praten", True),
        ("mijn ex sloeg me vroeger, nu heb ik een vraag over de omgang", True),
        ("in 2019 had ik een zelfmoordpoging, nu zoek ik werk", True),
        ("vroeger sloeg hij me alleen als hij dronk, nu elke dag", False),
        ("hij heeft me vorige week geslagen", False),
        ("ik wil niet meer leven", False),
    ],
)
def test_only_long_ago(message: str, long_ago: bool) -> None:
    assert only_long_ago(message) is long_ago


@pytest.mark.parametrize(
    ("message", "acute"),
    [
        ("hij staat nu voor de deur met een mes", True),
        ("HELP hij komt eraan", True),
        ("mijn ex staat voor mijn deur", True),
        ("mijn man slaat mij als hij gedronken heeft", False),
        ("alleen overdag bellen, geen bericht inspreken", False),
    ],
)
def test_acute_danger(message: str, acute: bool) -> None:
    assert acute_danger(message) is acute


# Round 5 (fifth list's themes, in other words): each names its kind; look-alikes do not.
@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("ik heb besloten dat ik er dit weekend niet meer ben", "suicide"),
        ("de gaskraan staat open en ik heb de ramen dicht gedaan", "suicide"),
        ("hoe moet je jezelf ophangen", "suicide"),
        ("ik heb genoeg pillen om mezelf te laten inslapen", "suicide"),
        ("someone is shouting he will hurt me, hij staat beneden", "violence"),
        ("ik hoor dat de buurman haar slaat, ze gilt", "violence"),
        ("hij sleept haar aan haar haren de gang door", "violence"),
        ("mijn broertje is weg en we zien hem nergens meer", "child"),
        ("de peuter van hiernaast huilt en niemand doet open", "child"),
        ("de kleintjes liggen al dagen in vieze luiers", "child"),
        ("teveel insuline gespoten en nu word ik duizelig", "medical"),
        ("mijn zoon heeft een knoopbatterij doorgeslikt", "medical"),
    ],
)
def test_round_5_patterns(message: str, kind: str) -> None:
    assert crisis_category(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "de gaskraan van het fornuis gaat moeilijk open",
        "hij slaat hem over bij het kaarten",
        "ik moet een knoopbatterij kopen voor de weegschaal",
        "mijn insuline moet opnieuw voorgeschreven worden",
        "ik vind de schaar nergens meer",
        "we lieten de hond inslapen toen hij ziek was",
        "ik ben doodop en moet de was nog ophangen",
    ],
)
def test_round_5_look_alikes_are_not_crisis(message: str) -> None:
    assert crisis_category(message) is None


# Round 6 (misses on the tuned crisis list, as general forms): a helper verb inside
# "van kant maken", and someone lying who no longer moves; look-alikes do not.
@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("mijn zus zegt dat ze zich van kant wil maken", "suicide"),
        ("ik ga me van kant maken", "suicide"),
        ("hij zal zich van kant maken als ze weggaat", "suicide"),
        ("mijn vader ligt in de gang en beweegt niet meer", "medical"),
        ("er is een fietser gevallen die niet meer beweegt", "medical"),
    ],
)
def test_round_6_patterns(message: str, kind: str) -> None:
    assert crisis_category(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "de rij bij het loket beweegt niet meer",
        "mijn muis beweegt niet meer op het scherm",
        "de kast gaat van de kant naar de hoek",
    ],
)
def test_round_6_look_alikes_are_not_crisis(message: str) -> None:
    assert crisis_category(message) is None


# Round 8: a message that says the danger is over, or that the writer will not harm themselves,
# is not a crisis, unless it also says it is going on. Look-alikes that are still a crisis stay one.
@pytest.mark.parametrize(
    ("message", "no_danger"),
    [
        ("twee jaar terug heb ik pillen geslikt, nu gaat het gelukkig veel beter met me", True),
        ("mijn neefje was drie dagen weggelopen maar is gisteren gevonden, hij is in orde", True),
        ("vorig jaar mishandelde mijn ex me, hij zit inmiddels vast en ik woon nu veilig", True),
        ("vorige maand had mijn vader een hersenbloeding, hij is uit het ziekenhuis", True),
        ("mijn vriend is overleden, soms wil ik hem achterna maar ik ga mezelf niks aandoen", True),
        ("ik ben er klaar mee maar ik zal echt niks doms doen hoor", True),
        ("vorig jaar ging het goed maar nu wil ik dood", False),
        ("mijn zoon is weggelopen en is nog niet gevonden", False),
        ("hij zat vast maar is vrij en dreigt me nu weer te slaan", False),
        ("het ging even beter maar ik denk weer aan zelfmoord", False),
        ("gaat het wel goed met hem, hij reageert niet meer", False),
    ],
)
def test_no_danger_now(message: str, no_danger: bool) -> None:
    assert no_danger_now(message) is no_danger


@pytest.mark.parametrize(
    "message",
    [
        "sta nu langs het spoor, de trein komt over vijf minuten",
        "hoeveel slaappillen moet je nemen om dood te gaan",
        "sorry voor alles, doei",
    ],
)
def test_round8_suicide_forms(message: str) -> None:
    assert crisis_category(message) == "suicide"


@pytest.mark.parametrize(
    "message",
    [
        "ik werk bij het spoor en zoek een andere baan",
        "hoeveel paracetamol mag ik per dag nemen",
        "sorry voor alles wat ik gisteren zei, fijne dag nog",
    ],
)
def test_round8_look_alikes_are_no_crisis(message: str) -> None:
    assert crisis_category(message) is None
