"""Crisis lexicon: patterns for acute danger in informal Dutch, grouped by category.

A safety net next to the intent classifier: a message that matches is a crisis, whatever the
classifier thinks. The four categories, in priority order (the first that matches wins, so the
answer puts the right number first): ``suicide`` (suicidal thoughts, a method, self-harm),
``violence`` (violence at home, threats, being locked up), ``child`` (a child missing, abused or
neglected, or a child writing about itself) and ``medical`` (collapse, breathing, bleeding,
overdose). Patterns are specific on purpose ("slaat me", not "slaan"; "ik zie het niet meer
zitten", not "zie het even niet zitten"), so that worrying but everyday messages ("mijn moeder is
overleden", "ik ben doodop", "de deur sloeg dicht", "misbruik van mijn pgb") stay out. Crisis
terms in a past event or grief ("vorig jaar een hartaanval gehad", "jaren geleden mishandeld")
or in a question for information or training ("wat is huiselijk geweld", "meldcode") do not
count unless the message also shows danger now; violence against a named minor is ``child``.

Messages are normalised first: lower case, no accents or punctuation, chat-speak spelled out
("k" -> "ik", "mn" -> "mijn", "ff" -> "even"), letters typed three times or more cut to two.
"""

from __future__ import annotations

import re
import unicodedata

SUICIDE = "suicide"
VIOLENCE = "violence"
CHILD = "child"
MEDICAL = "medical"

# Chat-speak and common typos, one token each, spelled out before matching.
_TOKENS = {
    "k": "ik",
    "ikke": "ik",
    "kwil": "ik wil",
    "kzie": "ik zie",
    "kga": "ik ga",
    "kben": "ik ben",
    "kheb": "ik heb",
    "kkan": "ik kan",
    "kmaak": "ik maak",
    "kdenk": "ik denk",
    "kvoel": "ik voel",
    "khoor": "ik hoor",
    "mn": "mijn",
    "mijne": "mijn",
    "zn": "zijn",
    "ff": "even",
    "nie": "niet",
    "ni": "niet",
    "nit": "niet",
    "neit": "niet",
    "niemeer": "niet meer",
    "nimeer": "niet meer",
    "t": "het",
    "n": "een",
    "em": "hem",
    "ie": "hij",
    "gwn": "gewoon",
    "egt": "echt",
    "eg": "echt",
    "mr": "maar",
    "wrm": "waarom",
    "doot": "dood",
    "ken": "kan",
    "wl": "wil",
    "mezelluf": "mezelf",
    "mzelf": "mezelf",
    "mijzelf": "mezelf",
}

# Building blocks (they match normalised text).
_ME = r"(?:me|mij|mezelf)"
_ADV = (
    r"(?:(?:gewoon|echt|liever|het|liefst|zo|graag|eigenlijk|soms|al|nu|ook|maar|dan|even|"
    r"wel|heel|nog|vandaag|vannacht|morgen|straks|zelf|gewoonweg|bijna|helemaal)\s+){0,3}"
)
_WHEN = (
    r"(?:(?:al|sinds|gisteren|vannacht|vanochtend|vanmiddag|vanavond|uren|dagen|nu|ineens|"
    r"opeens|plotseling|echt|gewoon|weer|nog|steeds|sinds|twee|drie|een|paar|dag|uur|\d+|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|gisteravond|vanmorgen)\s+){0,4}"
)
_NAASTE = (
    r"(?:man|vrouw|partner|vriend|vriendin|ex|vader|moeder|stiefvader|stiefmoeder|zoon|dochter|"
    r"broer|zus|buurman|buurvrouw|vent|echtgenoot|echtgenote|schoonzoon|schoonvader|kleinzoon|"
    r"pa|ma|papa|mama|vriendje|oom|opa)"
)
_KIND = (
    r"(?:kind|kindje|kinderen|dochter|dochtertje|zoon|zoontje|puber|tiener|meisje|jongen|meid|"
    r"knul|kleinzoon|kleindochter|pleegkind|pleegzoon|pleegdochter|stiefzoon|stiefdochter|"
    r"broertje|zusje|jongste|oudste|baby|peuter|kleuter|kids|jongetje|buurjongen|buurjongetje|"
    r"buurmeisje|buurkind|buurkinderen)"
)
_PILL_WORDS = (
    r"pillen|pilletjes|medicijnen|medicatie|tabletten|slaappillen|slaapmiddelen|"
    r"slaaptabletten|paracetamol\w*|oxazepam|temazepam|antidepressiva|insuline|morfine"
)
_PILLS = rf"(?:{_PILL_WORDS})"
_LOTS = (
    r"(?:alle|al\s+(?:mijn|haar|zijn|de|die|die|me)|te\s+veel|veel\s+te\s+veel|heel\s+veel|"
    r"een\s+(?:hele?\s+)?(?:doos|strip|pot|potje|pak|flesje|fles|berg|hoop|heleboel|handvol|"
    r"stapel|boel|overdosis))"
)
# A child writing about itself: its age, its school year, or a parent figure by name.
_CHILD_SELF = (
    r"\bik\s+ben\s+(?:pas\s+|net\s+|nog\s+maar\s+|nog\s+)?(?:[6-9]|1[0-7])(?:\s*(?:jaar|jr|j))?\b"
    r"(?!\s*(?:uur|kilo|kg|euro|weken|maanden|dagen|minuten|km|procent))"
    r"|\bik\s+zit\s+(?:in\s+groep\s+[3-8]|in\s+de\s+(?:brugklas|\d\w*\s+klas)|op\s+de\s+"
    r"(?:basisschool|middelbare))\b"
    r"|\bmijn\s+(?:stiefvader|stiefmoeder|stiefpa|stiefma|pleegvader|pleegmoeder|papa|mama|"
    r"ouders|vriend\s+van\s+mijn\s+(?:moeder|mama))\b"
)
# A child as the victim: a word that can only mean a minor, or a son or daughter of under 18.
_CHILD_VICTIM = (
    r"\b(?:kind|kindje|kinderen|baby|peuter|kleuter|meisje|jongetje|kids|buurkind\w*|"
    r"kleinkind\w*|kleindochter|kleinzoon|(?:dochter|zoon|puber|tiener)\s+van\s+(?:[1-9]|1[0-7])\b)"
    r"\s+(?:\w+\s+){0,4}(?:mishandeld|misbruikt|geslagen|aangerand|verkracht|geschopt)\b"
)

# A minor named in the message: a word that can only mean a child, or a relative with an age
# under 18 ("mijn nichtje", "zoon van 15", "ze is pas 14").
_MINOR = (
    r"\b(?:kind|kindje|kinderen|kids|zoontje|dochtertje|baby|babys|babytje|peuter|kleuter|dreumes|"
    r"neefje|nichtje|kleinzoon|kleindochter|kleinkind\w*|jongetje|meisje|meidje|broertje|zusje|"
    r"pleegkind\w*|buurkind\w*|buurjongetje|buurmeisje|tiener|puber|zuigeling|schoolkind\w*)\b"
    r"|\b(?:zoon|dochter|neef|nicht|broer|zus|jongen|meid|vriendin|vriend|kleinzoon|stiefzoon|"
    r"stiefdochter|pleegzoon|pleegdochter|leerling)\s+(?:\w+\s+)?van\s+(?:[1-9]|1[0-7])\b"
    r"(?!\s*(?:uur|euro|kilo|kg|procent))"
    r"|\b(?:is|ben|zijn)\s+(?:pas|net|nog\s+maar)\s+(?:[1-9]|1[0-7])\b"
)
_MINOR_CONTEXT = rf"{_MINOR}|\b(?:papa|mama|stiefpapa|stiefmama)\b"
# Past events and grief: a term with one of these is not a crisis now ("vorig jaar een
# hartaanval gehad", "jaren geleden mishandeld", "overleden aan een beroerte").
_PAST = (
    r"(?<!sinds\s)\bvorig\w*\s+(?:jaar|maand|week|zomer|winter|keer)\b"
    r"|\b(?:\w+\s+)?(?:jaar|jaren|maanden|weken)\s+geleden\b|\bvroeger\b|\bals\s+kind\b"
    r"|\bin\s+mijn\s+jeugd\b|\btoen\s+ik\s+(?:nog\s+)?(?:jong|klein|kind|tiener)\b"
    r"|\b(?:na|sinds)\s+(?:zijn|haar|mijn|de|een|het)\s+(?:\w+\s+)?(?:beroerte|hartaanval|"
    r"herseninfarct|hersenbloeding|infarct|overdosis|reanimatie|zelfmoord|dood|overlijden)\b"
    r"|\b(?:overleden|gestorven|stierf|overlijden|begrafenis|crematie|nabestaande\w*|rouw\w*)\b"
    r"|\bpleegde\b|\bheeft\s+(?:\w+\s+){0,3}gehad\b|\bherstel\w*|\brevalid\w*"
)
# Signs that the danger is now or ongoing, which outweigh a past marker.
_NOW = (
    r"(?<!gaat\s)\bnu\b(?!\s+(?:ben|is|zijn)\s+(?:ik|hij|ze|zij)\s+(?:\d|volwassen|ouder|veilig|getrouwd)"
    r"|\s+(?:\w+\s+)?beter\b|\s+(?:\w+\s+){0,3}(?:hulp|therapeut\w*|vraag|nodig|zoek\w*)\b"
    r"|\s+(?:mijn|zijn|haar|onze)\s+\w+\s+(?:na|sinds)\b)"
    r"|\b(?:ineens|opeens|plotseling)\b(?!\s+(?:\w+\s+)?(?:overleden|gestorven|weggevallen)\b)"
    r"|\b(?:net|zojuist|zonet|help|vandaag|vanochtend|vannacht|"
    r"vanavond|weer|elke\s+(?:dag|week|nacht|keer|avond))\b|\bop\s+dit\s+moment\b"
    r"|\bsteeds\b(?!\s+(?:\w+\s+){0,2}(?:last|verdriet|verdrietig|moeite|rouw|kapot|pijn\s+van|niet\s+over)\b)"
)
# Questions for information or training, not a situation ("wat is huiselijk geweld",
# "meldcode kindermishandeling", "cursus over suicidale gedachten").
_INFO = (
    r"^(?:wat|hoe|waar|wie)\s+(?:is|zijn|betekent|doet|doen|werkt|houdt|kan\s+ik\s+"
    r"(?:melden|leren|lezen))\b|\b(?:informatie|info|uitleg|voorlichting|folder|brochure)\s+over\b"
    r"|\bmeldcode\b|\bcursus\w*|\btraining\b|\bworkshop\b|\bwebinar\b|\bpraatgroep\w*"
    r"|\blotgeno\w*|\bspreekbeurt\b|\bwerkstuk\b|\bscriptie\b|\bpresentatie\b"
)
# A person in the message who is in it now; an information question with one of these counts.
_PERSONAL = (
    r"\b(?:me|mij|mezelf|mijn|hij|zij|ik\s+(?:word|werd|wil|ga|denk\s+aan))\b"
    r"|\b(?:slaat|schopt|bedreigt|mishandelt|misbruikt)\b"
)


def _unless(pattern: str, benign: str) -> str:
    """A pattern that does not count when the message also matches ``benign``."""
    return rf"^(?!.*(?:{benign})).*?(?:{pattern})"


def _only_with(pattern: str, context: str) -> str:
    """A pattern that counts only when the message also matches ``context``."""
    return rf"^(?=.*(?:{context})).*?(?:{pattern})"


def _term(pattern: str) -> str:
    """A crisis term that does not count in a past event or grief without a sign of danger now,
    nor in a question for information or training without a person in it now."""
    return (
        rf"^(?!(?!.*(?:{_NOW})).*(?:{_PAST}))(?!(?!.*(?:{_PERSONAL})).*(?:{_INFO})).*?(?:{pattern})"
    )


# A decided moment ("dit weekend", "vannacht", "morgen") next to ending it or stepping out.
_MOMENT = (
    r"\b(?:dit\s+weekend|vannacht|vanavond|morgen|overmorgen|straks|vandaag|zaterdag|zondag|"
    r"volgende\s+week|besloten|plan|datum)\b"
)
# Stepping out of something that is not life ("uit de vereniging stappen").
_EXIT_BENIGN = (
    r"\ber\s+(?:even|eventjes|een\s+\w+|tussenuit)\s+uit|relatie|huwelijk|baan|werk|vereniging"
    r"|club|contract|abonnement|bus|auto|trein|tram|project|bedrijf|studie|opleiding|groep|app"
    r"|hypotheek|regeling|kerk|partij|zaak|deal|lening|bewind|traject|programma|pensioen|bed\b"
)


SUICIDE_PATTERNS = (
    # Direct words, with typos.
    # Not a suicide in the past ("heeft zelfmoord gepleegd", "na zijn zelfmoord"): grief.
    _term(
        r"(?<!door\s)(?<!na\sde\s)(?<!na\szijn\s)(?<!na\shaar\s)\bzel[fv]?\s?mo{1,3}r[dt]\w*"
        r"(?!\s+(?:heeft\s+)?gepleegd\b)"
    ),
    _term(r"\bzelfdoding\b"),
    _term(r"\bsu[iy]?[cks]+i?d\w*"),
    r"\bzm\s+(?:gedachte\w*|plegen)\b",
    _term(r"\bdoodsgedachte\w*|\bdoodswens\b"),
    r"\bkill\s+my\s*self\b|\bwant\s+to\s+die\b|\bend\s+my\s+life\b",
    r"(?<!\d)(?<!\d\s)\bkms\b",
    # Wanting to be dead or gone.
    r"\b(?:wil|wilde|willen|wou|zou\s+willen)\s+" + _ADV + r"dood\b(?!\s*(?:moe|op|ziek))",
    r"\b(?:wil|wilde|wou|hoop\s+dat\s+ik|zou\s+willen)\s+"
    + _ADV
    + r"(?:sterven|dood\s*gaan|doodgaan|doodga|sterf|overlijden)\b",
    r"\bdood\s+(?:willen|wil|wilde|zijn\s+wil)\b",
    r"\b(?:was|ware)\s+ik\s+(?:maar|toch|gewoon)\s+dood\b",
    r"\bwou\s+dat\s+ik\s+(?:\w+\s+){0,2}(?:dood|er\s+niet\s+meer)\s+(?:was|ben)\b",
    r"\bliever\s+dood\b",
    r"\bbeter\s+af\s+(?:zonder\s+(?:mij|me)|als\s+ik\s+(?:er\s+)?(?:niet\s+meer|dood|weg)\b)",
    r"\bniemand\s+(?:zal|gaat|zou)\s+(?:me|mij)\s+(?:\w+\s+)?missen\b",
    r"\bniet\s+meer\s+(?:willen\s+|wil\s+)?leven\b(?!\s+van\b)",
    r"\b(?:wil|hoef|wilde)\s+(?:\w+\s+)?(?:er\s+)?niet\s+meer\s+(?:te\s+)?(?:zijn|bestaan|leven)\b",
    r"\b(?:er\s+)?niet\s+meer\s+(?:wil|willen|hoeven)\s+(?:te\s+)?(?:zijn|bestaan)\b",
    r"\bwil\s+(?:dit|het|mijn|zon)\s+leven\s+niet\s+meer\b",
    r"\b(?:wil|ga)\s+(?:\w+\s+){0,2}(?:weg|verdwijnen|slapen)\s+voor\s+altijd\b",
    r"\bvoor\s+altijd\s+(?:slapen|verdwijnen|weg\s+zijn)\b",
    r"\b(?:wil|hoop|wou|zou)\b.{0,40}\b(?:nooit|niet)\s+meer\s+wakker\b",
    r"\bslapen\s+en\s+(?:nooit|niet)\s+meer\s+wakker\b",
    r"\b(?:stop|stopt|stoppen|ophouden|hou|houd)\s+(?:\w+\s+){0,2}(?:(?:er\s*)?mee\s+)?(?:met|op\s+met)\s+"
    r"(?:leven|ademen|alles|het\s+leven|mijn\s+leven|bestaan)\b"
    r"(?!\s+(?:wat|behalve|van|voor|op|bij|rond|om)\b)",
    _only_with(
        r"\b(?:ik|hij|zij|ze)\s+(?:\w+\s+){0,2}(?:stop|stopt|ga\s+stoppen|wil\s+stoppen)\s+"
        r"(?:er\s*)?(?:\w+\s+)?mee\b",
        r"\bleven\b|\bniemand\s+(?:\w+\s+){0,2}missen\b|\bafscheid\b|\bvaarwel\b"
        r"|\bvoor\s+altijd\b|\bniet\s+meer\s+(?:leven|zijn|bestaan)\b",
    ),
    r"\bklaar\s+met\s+(?:het\s+|dit\s+|mijn\s+)?leven\b",
    r"\bgenoeg\s+van\s+(?:het|dit|mijn)\s+leven\b|\b(?:het|mijn|dit)\s+leven\s+(?:\w+\s+)?"
    r"(?:zat|beu|spuugzat)\b|\bgenoeg\s+geleefd\b",
    _only_with(
        r"\bik\s+heb\s+er\s+(?:\w+\s+)?genoeg\s+van\b",
        r"\bleven\b|\bdood\b|\bniet\s+meer\s+(?:zijn|bestaan)\b|\bweg\s+voor\s+altijd\b",
    ),
    r"\b(?:ik|wil|wou|wilde|liefst|liever|gewoon|hoef|zou|kon|mocht|wens|maar)\s+(?:\w+\s+){0,3}"
    r"niet\s+meer\s+(?:hoeven\s+)?(?:te\s+)?(?:bestaan|besta|bestond)\b",
    r"\b(?:ophouden|stoppen)\s+met\s+bestaan\b|\bdat\s+ik\s+(?:\w+\s+){0,2}(?:niet\s+(?:meer\s+)?"
    r"bestond|nooit\s+geboren\s+was|nooit\s+geboren\s+ben)\b",
    r"\buit\s+het\s+leven\s+(?:te\s+)?(?:stappen|stap|stapt|gaan|willen\s+stappen)\b",
    r"\b(?:eruit|ertussenuit|tussenuit)\b.{0,30}\b(?:voorgoed|voor\s+altijd)\b"
    r"|\b(?:voorgoed|voor\s+altijd)\s+(?:\w+\s+){0,2}(?:eruit|ertussenuit|tussenuit)\b",
    _unless(
        r"\b(?:ik|hij|zij|ze)\s+(?:\w+\s+){0,4}(?:eruit|er\s+(?:\w+\s+)?uit)\s+(?:te\s+)?"
        r"(?:stappen|stap|stapt)\b|\b(?:ik|hij|zij|ze)\s+(?:stap|stapt)\s+er\s+(?:\w+\s+){0,2}uit\b",
        r"\ber\s+(?:even|eventjes|een\s+\w+|tussenuit)\s+uit|relatie|huwelijk|baan|werk|vereniging"
        r"|club|contract|abonnement|bus|auto|trein|tram|project|bedrijf|studie|opleiding|groep|app"
        r"|hypotheek|regeling|kerk|partij|zaak|deal|lening|bewind|traject|programma|pensioen",
    ),
    r"\blevensmoe\b|\bhet\s+leven\s+moe\b|\bvoltooid\s+leven\b|\bleven\s+is\s+voltooid\b",
    r"\bwaarom\s+(?:zou|moet)\s+ik\s+(?:nog\s+)?(?:leven|doorgaan|verder\s+leven)\b",
    # Ending it.
    _term(r"\beinde?\s+aan\s+(?:mijn|het|zijn|haar|dit)\s+leven\b"),
    r"\beinde?\s+aan\s+(?:te\s+)?(?:maken|breien|gaan\s+maken)\b",
    r"\beinde?\s+aan\s+(?:(?:wil|wilde|wou|wilt|willen|gaat|ga|gaan|zal|zou|kan|gewoon|echt|"
    r"liefst|snel|gaan|vanavond|vannacht|morgen|straks|nu|maar)\s+){1,3}(?:te\s+)?(?:maken|breien)\b",
    r"\beinde?\s+(?:\w+\s+)?(?:maken|maak|maakt|te\s+maken|breien)\s+aan\s+(?:mijn|het|zijn|haar|"
    r"dit|ons)\s+(?:\w+\s+)?(?:leven|bestaan)\b",
    r"\beinde?\s+aan\s+alles\b",
    r"\b(?:maak|maakt|maken|brei)\s+(?:er\s+)?(?:\w+\s+){0,2}einde?\s+aan\b"
    r"(?!\s+(?:de|het|die|dat|deze|dit|onze|ons|zijn|hun|jullie|mijn\s+(?:relatie|huwelijk|"
    r"abonnement|contract|baan|studie|lidmaatschap)|een)\b)",
    r"\bpunt\s+achter\s+(?:mijn|het|zijn|haar|dit)\s+(?:\w+\s+)?(?:leven|bestaan)\b"
    r"|\bpunt\s+achter\s+alles\b",
    _only_with(
        r"\bpunt\s+(?:er\s+)?achter\s+(?:te\s+)?(?:zetten|zet|zetten)\b",
        r"\bleven\b|\bdood\b|\bniemand\b|\bafscheid\b|\bniet\s+meer\s+(?:zijn|bestaan|leven)\b"
        r"|\bpillen\b|\bkan\s+niet\s+meer\b",
    ),
    _unless(
        r"\bvan\s+kant\s+(?:(?:ga|gaat|gaan|wil|wilt|willen|zal|zou)\s+)?(?:te\s+)?"
        r"(?:maken|maak|maakt|gemaakt)\b|\bvan\s+het\s+leven\s+beroven\b"
        r"|\b(?:maak|maakt|maakte|maken)\s+(?:me|mij|mezelf|zich|zichzelf|haarzelf|hemzelf)\s+"
        r"(?:\w+\s+){0,2}van\s+kant\b",
        r"\b(?:hij|zij|ze|mijn\s+" + _NAASTE + r"|die\s+man|die\s+vent)\s+(?:\w+\s+){0,4}"
        r"(?:me|mij|ons|haar|hem|de\s+kinderen)\s+(?:\w+\s+){0,2}van\s+kant|"
        r"(?:vorig\w*\s+(?:jaar|maand|week)|jaren\s+geleden|jaar\s+geleden)\s+(?:\w+\s+){0,3}van\s+kant",
    ),
    r"\bom\s+het\s+leven\s+(?:te\s+)?brengen\b",
    # A decided moment to end it or step out, also inside a practical request.
    _only_with(
        r"\ber\s+(?:\w+\s+){0,3}einde?\s+aan\s+(?:\w+\s+){0,2}(?:maak|maken|te\s+maken)\b"
        r"(?!\s+(?:dat|aan|met|van)\b)|\b(?:maak|maakt)\s+(?:ik|hij|zij|ze)\s+er\s+(?:\w+\s+)?einde?\s+aan\b",
        _MOMENT,
    ),
    _unless(
        _only_with(
            r"\b(?:stap|stappen)\s+(?:ik\s+)?(?:er\s*uit|eruit)\b|\b(?:er\s*uit|eruit)\s+(?:te\s+)?"
            r"(?:stappen|stap)\b|\ber\s+(?:\w+\s+){0,3}uitstap(?:t|pen)?\b",
            _MOMENT,
        ),
        _EXIT_BENIGN,
    ),
    # A car engine running in a closed garage.
    _only_with(
        r"\bmotor\s+(?:\w+\s+){0,2}(?:aan|draait|draaien|loopt|lopen)\b",
        r"(?=.*\bgarage\w*)(?=.*\b(?:dicht\w*|gesloten|afgesloten|ik\s+zit|zit\s+ik|blijf)\b)",
    ),
    # Farewell messages.
    _unless(
        r"\bdit\s+(?:is|wordt)\s+(?:mijn|het)\s+(?:allerlaatste|laatste)\s+bericht\b",
        r"\b(?:over|hierover|vraag|aanvraag|formulier|melding|vandaag|deze\s+week|vakantie|"
        r"verhuiz\w*|verhuis\w*)\b"
        r"|\btot\s+(?:maandag|morgen|straks|later|volgende)\b",
    ),
    r"\bsorry\s+voor\s+alles\s+(?:\w+\s+){0,3}(?:vaarwel|afscheid|ik\s+hou\s+van\s+(?:jullie|je))\b"
    r"|\bsorry\s+voor\s+alles$",
    _unless(
        r"\bvaarwel\s*(?:allemaal|iedereen|wereld|lieve\s+\w+)?$",
        r"\b(?:bedankt|dank|dankje\w*|dankuwel|hulp|groet\w*|doei|tot\s+ziens|fijne\s+dag)\b",
    ),
    # A rope hanging ready.
    r"\bstrop\b.{0,40}\b(?:hangt|hangen|opgehangen|klaar)\b|\b(?:hangt|hing)\s+(?:\w+\s+){0,4}strop\b",
    _unless(
        _only_with(
            r"\btouw\b.{0,40}\b(?:hangt|opgehangen|klaar)\b|\b(?:hangt|hing)\s+(?:\w+\s+){0,4}touw\b",
            r"\b(?:schuur|zolder|balk|zoldertrap|trapgat|vannacht|strop|lus)\b",
        ),
        r"\b(?:was|wasgoed|waslijn|schommel|boot|tent|klimrek|lampion\w*|slinger\w*)\b",
    ),
    # Indirect.
    r"\bzie\s+(?:ik\s+)?(?:het|dit|alles)\s+(?:\w+\s+){0,2}niet\s+meer\s+zit+e?n?\b",
    r"\b(?:het|dit|alles|het\s+leven)\s+niet\s+meer\s+zien\s+zit+e?n?\b",
    r"\bgeen\s+(?:enkele\s+)?uitweg\b",
    r"\b(?:het|alles)\s+hoeft\s+voor\s+mij\s+(?:allemaal\s+)?niet\s+meer\b",
    r"\bvoor\s+mij\s+hoeft\s+(?:het|alles)\s+(?:allemaal\s+)?niet\s+meer\b",
    r"\bgeen\s+zin\s+(?:meer\s+)?(?:in\s+(?:het\s+|mijn\s+|dit\s+)?leven|om\s+(?:nog\s+)?(?:verder\s+)?"
    r"te\s+leven)\b",
    r"\bgeen\s+zin\s+meer\s+(?:\w+\s+){0,3}om\s+(?:nog\s+)?(?:verder\s+)?te\s+leven\b",
    r"\bleven\s+(?:heeft\s+|is\s+)?(?:\w+\s+){0,3}(?:geen\s+zin|zinloos)\b",
    r"\bleven\s+(?:\w+\s+){0,2}niet\s+(?:meer\s+)?(?:de\s+moeite\s+)?waard\b",
    r"\bleven\s+is\s+(?:\w+\s+)?de\s+moeite\s+niet\s+(?:meer\s+)?waard\b",
    r"\bafscheids(?:brie[fv]|bericht|appje|mail|video|tekst|filmpje)\w*",
    _only_with(
        r"\bafscheid\b",
        r"\b(?:neemt|nam)\s+(?:\w+\s+){0,2}niet\s+(?:meer\s+)?op\b|\breageert\s+(?:\w+\s+){0,2}"
        r"(?:niet|nergens)\b|\bgeen\s+(?:\w+\s+)?(?:reactie|antwoord)\b|\bniet\s+(?:meer\s+)?"
        r"bereikbaar\b|\b(?:telefoon|mobiel)\s+(?:\w+\s+)?uit\b|\bniks\s+meer\s+(?:van\s+\w+\s+)?"
        r"gehoord\b|\bvoor\s+altijd\b|\bvaarwel\b|\bsorry\s+voor\s+alles\b",
    ),
    _unless(
        r"\b(?:het|alles)\s+hoeft\s+(?:\w+\s+){0,2}allemaal\s+niet\s+meer\b"
        r"|\b(?:het|alles)\s+hoeft\s+allemaal\s+(?:\w+\s+)?niet\s+meer\b"
        r"|\bhoeft\s+(?:het|alles)\s+(?:\w+\s+)?allemaal\s+niet\s+meer\b",
        r"geregeld|opgelost|gelukt|gevonden|gebeld|afgezegd|afmeld\w*|aanvraag|melding|formulier"
        r"|terugbel\w*|hulp\s+(?:al|is)|al\s+hulp",
    ),
    # Bare "ik kan niet meer" / "ik wil niet meer": treated as suicide for safety.
    r"^(?:ik\s+(?:kan|wil)\s+(?:echt\s+|gewoon\s+|het\s+|dit\s+|gewoon\s+echt\s+)?niet\s+meer\s*"
    r"(?:help\s*(?:me|mij)?\s*|aub\s*|hoor\s*|echt\s*)?)+$",
    # Methods.
    r"\b(?:me|mij|mezelf|zich|zichzelf|haarzelf|hemzelf)\s+(?:\w+\s+){0,2}op\s*(?:te\s+)?hangen\b",
    r"\b(?:hang|hangt|hing)\s+(?:me|mij|mezelf|zich|zichzelf)\s+(?:\w+\s+){0,2}op\b",
    r"\bzich\s+(?:\w+\s+)?opgehangen\b",
    r"\b(?:me|mezelf|zich|zichzelf)\s+(?:\w+\s+)?op\s*(?:te\s+)?knopen\b"
    r"|\b(?:knoop|knoopt)\s+(?:me|mezelf|zich)\s+op\b",
    r"\bstrop\s+(?:\w+\s+)?(?:klaar|geknoopt|gemaakt|om)\b|\btouw\s+(?:\w+\s+){0,2}"
    r"(?:klaar\w*|gekocht|om\s+(?:mijn|de)\s+nek)\b",
    r"(?<!moet\s)(?<!mag\s)(?<!vergeet\s)(?<!vergeten\s)(?<!hoef\s)(?<!moet\sik\s)(?<!mag\sik\s)"
    r"\b" + _LOTS + r"\s+(?:\w+\s+)?" + _PILLS + r"\s+(?:\w+\s+){0,3}"
    r"(?:slikken|innemen|in\s+te\s+nemen|nemen|te\s+nemen|te\s+slikken|opslikken|op\s+te\s+slikken|"
    r"opeten|op\s+te\s+eten)\b",
    r"\b(?:slik|neem)\s+(?:nu\s+|zo\s+|straks\s+|gewoon\s+|vanavond\s+)?(?:alle|een\s+hele?\s+"
    r"(?:doos|strip|pot|potje)|te\s+veel)\s+(?:\w+\s+)?" + _PILLS + r"\b",
    r"\b(?:spaar|sparen|opgespaard|gespaard|verzamel|verzameld|verzamelen)\b.{0,30}\b"
    + _PILLS
    + r"\b|\b"
    + _PILLS
    + r"\b.{0,20}\b(?:gespaard|verzameld|opgespaard|aan\s+het\s+sparen)\b",
    r"\b(?:ga|wil|zal|neem)\s+(?:\w+\s+){0,2}(?:een\s+)?overdosis\b",
    r"\b(?:voor|onder)\s+(?:de|een)\s+(?:trein|bus|vrachtwagen|auto|metro)\s+(?:\w+\s+)?"
    r"(?:springen|te\s+springen|gaan\s+staan|gaan\s+liggen|liggen|lopen|gooien|werpen|spring|"
    r"stappen|te\s+gaan\s+liggen|leggen)\b",
    r"\b(?:leg|legt|lig|ligt|ga|gaat|wil)\s+(?:\w+\s+){0,2}(?:voor|onder)\s+(?:de|een)\s+(?:trein|"
    r"metro|vrachtwagen)\b|\b(?:leg|legt)\s+(?:me|mij|mezelf|zich)\s+(?:\w+\s+)?op\s+"
    r"(?:het\s+spoor|de\s+rails)\b",
    _unless(
        r"\b(?:op|bij|aan|van|vanaf|vanop)\s+(?:de|het|een|ons|mijn|dat)\s+(?:\w+\s+)?(?:balkon\w*|dak|dakrand|"
        r"brug|flat|raam|vensterbank|rand|torenflat|galerij|parkeergarage|viaduct)\b.{0,50}"
        r"\b(?:springen|spring|te\s+springen|naar\s+beneden)\b"
        r"|\b(?:spring|springen|gooi\s+me|laat\s+me\s+vallen)\s+(?:\w+\s+){0,3}naar\s+beneden\b"
        r"|\bnaar\s+beneden\s+(?:te\s+)?(?:springen|spring)\b",
        r"\b(?:kat|poes|hond|trampoline|zwembad|water|duik\w*|bungee\w*|parachute|sloot|meer|"
        r"springkussen|paard)\b",
    ),
    r"\b(?:spring|springt|sprong|gooi|gooit|werp|werpt)\s+(?:me\s+|mij\s+|mezelf\s+|zich\s+)?"
    r"(?:\w+\s+)?(?:voor|onder|van|uit|vanaf|vanop)\s+(?:de|het|een)\s+(?:trein|bus|vrachtwagen|"
    r"brug|flat|dak|balkon|raam|gebouw|toren|viaduct|parkeergarage|metro)\b",
    r"\b(?:van|vanaf|vanop|af)\s+(?:de|het|een)\s+(?:brug|flat|dak|balkon|gebouw|toren|"
    r"parkeergarage|viaduct)\s+(?:\w+\s+)?(?:af\s+)?(?:springen|te\s+springen|spring)\b",
    r"\b(?:sta|zit|stond)\s+(?:nu\s+|hier\s+)?(?:op|bij|aan)\s+(?:de|het)\s+(?:rand\s+van\s+"
    r"(?:de|het)\s+)?(?:brug|spoor|rails|spoorbrug|viaduct|flat|dak)\b",
    r"\bop\s+(?:het\s+spoor|de\s+rails|de\s+snelweg)\s+(?:gaan\s+)?(?:liggen|staan|lopen|springen)\b",
    r"\bga\s+(?:nu\s+|zo\s+|straks\s+)?springen$",
    r"\b(?:loop|stap|ren)\s+(?:nu\s+|zo\s+|straks\s+|gewoon\s+)?(?:voor|onder)\s+(?:de|een)\s+"
    r"(?:trein|bus|vrachtwagen|auto|metro)\b",
    r"\btegen\s+(?:een|de)\s+(?:boom|muur|vrachtwagen|pilaar|brugpijler|betonblok)\s+(?:\w+\s+){0,2}"
    r"(?:aan\s+|op\s+)?(?:rijden|rij|te\s+rijden|crashen|knallen|te\s+knallen|scheuren)\b",
    r"\b(?:rij|rijd|rijden|knal|knallen|crash|crashen|scheur|scheuren)\s+(?:\w+\s+){0,5}tegen\s+"
    r"(?:een|de)\s+(?:boom|muur|pilaar|brugpijler|betonblok|vrachtwagen)\b"
    r"(?!.*\b(?:bijna|per\s+ongeluk|gelukkig|schade|verzekering)\b)",
    r"\bte\s+pletter\s+(?:rijden|rij|te\s+rijden|springen|knallen|laten\s+vallen)\b",
    r"\bhoeveel\s+(?:\w+\s+){0,2}(?:" + _PILL_WORDS + r")\b.{0,60}\b(?:niet\s+meer\s+wakker|"
    r"dood\s*(?:te\s+)?gaan|doodgaan|sterven|dodelijk|fataal|overlijden|nooit\s+meer\s+wakker)\b",
    r"\bdodelijke\s+(?:dosis|hoeveelheid)\b|\bom\s+(?:nooit|niet)\s+meer\s+wakker\s+te\s+worden\b",
    # Self-harm.
    r"\bautomutilatie\b|\bzelfbeschadig\w*|\bzelfverwond\w*",
    r"\b(?:snij|snijd|snijdt|snijden|sneed|kras|krast|krassen|kraste|beschadig\w*|verwond\w*)\s+"
    r"(?:\w+\s+){0,2}(?:mezelf|zichzelf|zich|haarzelf|hemzelf)\b",
    r"\b(?:mezelf|zichzelf|haarzelf|hemzelf)\s+(?:\w+\s+){0,2}(?:snijden|snijd|krassen|"
    r"beschadigen|verwonden|pijn\s+(?:te\s+)?doen|iets\s+aan\s*(?:te\s+)?doen|iets\s+aandoen|"
    r"wat\s+aan\s*(?:te\s+)?doen|wat\s+aandoen|aan\s*(?:te\s+)?doen|aandoen|doden|ombrengen|"
    r"vermoorden|verdrinken|dood\s*(?:te\s+)?maken)\b",
    r"\bzich\s+(?:iets|wat)\s+(?:aan\s*(?:te\s+)?doen|aandoen|aangedaan)\b",
    r"\b(?:doet|doe)\s+(?:mezelf|zichzelf|haarzelf|hemzelf)\s+(?:\w+\s+)?(?:pijn|iets|wat)\b",
    r"\bik\s+(?:ga|wil|zal|kan|denk\s+dat\s+ik|ben\s+bang\s+dat\s+ik)?\s*(?:\w+\s+){0,2}me\s+"
    r"(?:\w+\s+)?(?:iets|wat)\s+(?:aan\s*(?:te\s+)?doen|aandoe\w*|ga\s+aandoen)\b",
    r"\b(?:snij|snijd|snijdt|snijden|sneed|kras|krast|krassen|kraste)\s+(?:\w+\s+){0,2}in\s+"
    r"(?:mijn|haar|zijn)\s+(?:arm|armen|pols|polsen|been|benen|huid|lijf|buik)\b",
    r"\bpols(?:en)?\s+(?:door\s*)?(?:te\s+)?snijden\b|\bdoorsnijden\s+van\s+(?:mijn|haar|zijn)\s+pols",
    _unless(
        r"\b(?:me|mezelf|zich|zichzelf|haarzelf|hemzelf)\s+(?:\w+\s+){0,3}(?:weer|opnieuw|expres|bewust|"
        r"met\s+opzet)\s+(?:\w+\s+){0,2}(?:gesneden|gekrast|beschadigd|verwond|pijn\s+gedaan)\b"
        r"|\b(?:weer|opnieuw|expres|bewust)\s+(?:\w+\s+){0,3}(?:gesneden|gekrast|gaan\s+snijden|"
        r"gaan\s+krassen)\b"
        r"|\b(?:gesneden|gekrast)\s+in\s+(?:mijn|haar|zijn)\s+(?:arm|armen|pols|polsen|been|benen|"
        r"bovenbeen|bovenbenen|huid|buik|dijen)\b"
        r"|\bin\s+(?:mijn|haar|zijn)\s+(?:arm|armen|pols|polsen|been|benen|bovenbenen|dijen)\s+"
        r"(?:\w+\s+){0,2}(?:gesneden|gekrast)\b",
        r"\b(?:brood|groente\w*|vlees|kaas|taart|papier|haar\s+geknipt|gras|aardappel\w*|ui|uien|"
        r"blik|scherf|glas|per\s+ongeluk|scheren|koken)\b",
    ),
    # Round 5: a decision to be gone tomorrow, gas on with windows shut, asking how hanging
    # works, medication counted out to let oneself (and another) fall asleep for good.
    r"\bbesloten\s+(?:\w+\s+){0,3}(?:er\s+)?(?:morgen|vannacht|straks|dit\s+weekend)\s+"
    r"(?:\w+\s+)?niet\s+meer\s+(?:ben|zijn|te\s+zijn)\b",
    r"\bgas\s*kraan\s+(?:\w+\s+)?open\b(?=.*\b(?:ramen|deuren|raam|deur)\s+(?:\w+\s+)?dicht)",
    r"\b(?:jezelf|mezelf|mijzelf|zichzelf|hemzelf|haarzelf)\s+(?:\w+\s+)?ophang\w*"
    r"|\b(?:je\s+je|ik\s+me|ik\s+mij|hij\s+zich|ze\s+zich|zij\s+zich)\s+(?:\w+\s+)?ophang\w*"
    r"|\bophang\w*\b(?=.*\b(?:dood|doodgaan|doodgaat|sterven|strop)\b)"
    r"|\b(?:dood|doodgaan|doodgaat|sterven|strop)\b.*\bophang\w*",
    r"\b(?:ons|mij|me|mezelf|ons\s+allebei|allebei)\s+(?:\w+\s+)?(?:te\s+)?laten\s+inslapen\b",
    # Round 8: standing by the railway, how long dying of a number of pills takes, a goodbye.
    r"\b(?:ben|sta|zit|lig)\s+(?:nu\s+|hier\s+)?(?:bij|op|aan|langs)\s+(?:het\s+spoor|de\s+rails|"
    r"de\s+spoorbrug|de\s+spoorlijn)\b|\b(?:spoor|rails)\b.{0,40}\btrein\s+komt\b",
    r"\b(?:dood\s*gaat|doodgaan|dood\s+gaan|sterft|sterven|overlijdt|overlijden)\s+(?:je\s+)?"
    r"(?:van|aan|door)\s+(?:\d+|zoveel|veel|een\s+doos|een\s+strip)\b"
    rf"|\bhoeveel\s+(?:\w+\s+)?{_PILLS}\b.{{0,40}}\b(?:dood|doodgaan|overlijd\w*|sterven|dodelijk)\b",
    r"\bsorry\s+voor\s+alles\s+(?:doei|dag|bye|houdoe|adieu|tot\s+nooit)$",
)

# Violence written by a child ("ik ben 13", "mijn stiefvader") or against a child goes to the child
# category (Kindertelefoon).
_VIOLENCE_RAW = (
    r"\b(?:slaat|sloeg|slaan|schopt|schopte|schoppen|stompt|stompte|trapt|trapte|wurgt|wurgde|"
    r"mept|mepte)\s+(?:me|mij|ons|haar|hem|de\s+kinderen|de\s+kids|(?:mijn|zijn|haar|onze)\s+\w+)\b"
    r"(?!\s+(?:\w+\s+)?(?:over|mis|dicht|om|neer)\b)",
    r"\b(?:gooit|gooide|smijt|smeet)\s+(?:\w+\s+){0,3}naar\s+(?:me|mij|mijn\s+hoofd|haar|ons)\b",
    r"\bblauwe\s+plekken\s+(?:\w+\s+){0,2}(?:van|door)\s+(?:mijn|haar|hem|zijn)\b",
    r"\b(?:duwt|duwde|knijpt|kneep|gooit|gooide|smijt|smeet)\s+(?:me|mij|ons|haar)\b"
    r"(?!\s+(?:\w+\s+)?(?:uit\s+de\s+groep|eruit|weg\s+bij))",
    r"\b(?:me|mij|ons|haar|hem|de\s+kinderen)\s+(?:\w+\s+)?(?:slaan|schoppen|wurgen|stompen|"
    r"trappen|vermoorden|doodmaken|dood\s+maken|iets\s+aandoen|wat\s+aandoen|te\s+lijf)\b",
    _term(r"(?<!alarm\s)(?<!vlucht\s)(?<!brug\s)(?<!slag\s)\bgeslagen\b"),
    _term(
        r"\b(?:geschopt|gestompt|gewurgd|mishandeld|verkracht|aangerand|getrapt|vastgebonden|"
        r"in\s+elkaar\s+(?:geslagen|getrapt|geschopt))\b"
    ),
    _term(r"\bmishandel\w*|\bverkracht\w*|\baanrand\w*"),
    r"\b(?:hij|zij|ze|mijn\s+" + _NAASTE + r")\s+(?:heeft|had)\s+(?:me|mij|ons|haar|hem)\s+"
    r"(?:\w+\s+){0,3}geduwd\b",
    r"\b(?:word|wordt|werd|ben|is)\s+(?:\w+\s+){0,3}(?:geduwd|getrapt|gegooid)\b"
    r"(?<!rolstoel\sgeduwd)",
    r"\btegen\s+de\s+(?:muur|grond|kast|deur|vloer)\s+(?:aan\s+)?(?:geduwd|gegooid|gesmeten|"
    r"gedrukt|geslagen|gegooid)\b",
    _unless(
        r"\bklappen\b",
        r"handen|applaus|zweep|band|deur|ballon|vuurwerk|klappen\s+(?:voor|mee)|"
        r"de\s+klappen\s+(?:opvangen|krijgen\s+van\s+de)",
    ),
    r"\bklap\s+(?:\w+\s+){0,2}(?:gegeven|in\s+(?:mijn|m\w*n|haar|zijn)\s+gezicht)\b"
    r"|\bpak\s+slaag\b|\bslaag\s+(?:gekregen|krijgen|krijg)\b",
    _unless(
        _term(r"\bmisbruik\w*"),
        r"\bmisbruik\w*\s+(?:\w+\s+){0,2}(?:van\s+)?(?:\w+\s+)?(?:pgb|geld|budget|regeling\w*|"
        r"gegevens|toeslag\w*|uitkering|pasje?|account|bankrekening|naam|identiteit|vertrouwen|"
        r"situatie|positie|macht|alcohol|drank|drugs|middelen|systeem|voorziening\w*)\b"
        r"|\b(?:pgb|geld|budget|regeling\w*|gegevens|toeslag\w*|uitkering|pasje?|account|"
        r"bankrekening|naam|identiteit|vertrouwen|systeem|voorziening\w*)\s+(?:\w+\s+){0,3}"
        r"misbruik\w*",
    ),
    _term(
        r"\b(?:huiselijk|relationeel|seksueel|eergerelateerd|lichamelijk|fysiek)\s+geweld\b"
        r"|\bpartnergeweld\b|\beerwraak\b|\buithuwelijk\w*|\bmensenhandel\b"
        r"|\bgedwongen\s+(?:huwelijk|trouwen|te\s+trouwen)\b"
    ),
    _term(r"\bgeweld\s+(?:thuis|bij\s+ons|in\s+(?:huis|ons\s+gezin|het\s+gezin|de\s+relatie))\b"),
    r"\b(?:er\s+is|is\s+er|wordt|gebruikt)\s+(?:\w+\s+)?geweld\b",
    _unless(
        r"\bbedreig\w*\s+(?:me|mij|ons|haar|de\s+kinderen|mijn\s+\w+)\b"
        r"|\b(?:word|wordt|werd|ben|worden)\s+(?:\w+\s+)?bedreigd\b",
        r"ontruiming|uitzetting|afsluiting|deurwaarder|boete|incasso|afgesloten|beslag",
    ),
    r"\bdreigt\s+(?:\w+\s+){0,2}(?:me|mij|haar|ons)\s+(?:\w+\s+){0,2}(?:te\s+)?(?:vermoorden|slaan|"
    r"doden|iets\s+aan\s+te\s+doen|pijn\s+te\s+doen|af\s+te\s+maken|dood\s+te\s+maken)\b",
    r"\bdreigt\s+(?:\w+\s+)?(?:met\s+(?:een\s+)?(?:mes|geweld|wapen|pistool|vuurwapen)|om\s+"
    r"(?:me|mij|haar|ons|de\s+kinderen)\s+)",
    _unless(
        r"\b(?:met|heeft|had|pakt|pakte|trekt|trok|zwaait|zwaaide)\s+(?:\w+\s+)?(?:een|zijn|haar)\s+"
        r"(?:mes|pistool|wapen|vuurwapen|bijl)\b",
        r"snijden|brood|eten|koken|groente|vlees|aardappel|schillen|smeren",
    ),
    _term(r"\bvermoord\w*|\bdood\s*(?:te\s+)?maken\b"),
    _unless(
        r"\b(?:maakt|maak|maken|maakte)\s+(?:me|mij|ons|haar|hem|jou|de\s+kinderen)\s+(?:\w+\s+){0,2}"
        r"dood\b",
        r"\bdood\s+(?:moe|ziek|ongerust|bang|nerveus|gek|van\s+het\s+lachen|met\b)",
    ),
    r"\b(?:me|mij|ons|haar|hem|de\s+kinderen)\s+(?:\w+\s+){0,2}van\s+kant\s+(?:te\s+)?maken\b",
    _unless(
        r"\b(?:knijpt|kneep|drukt|drukte|knijpen)\s+(?:\w+\s+){0,2}(?:mijn|haar|zijn|m\w*n)\s+"
        r"(?:keel|nek|hals)\b|\bkeel\s+(?:\w+\s+)?dicht\s*(?:geknepen|gedrukt)\b"
        r"|\bhanden\s+om\s+(?:mijn|haar|zijn)\s+(?:keel|nek|hals)\b|\bwurg\w*",
        r"\b(?:angst|spanning|verdriet|emotie\w*|zenuwen|stress|paniek)\b",
    ),
    _unless(
        r"\b(?:me|mij|ons|haar)\s+(?:\w+\s+){0,4}opgesloten\b"
        r"|\b(?:zit|zitten|zat|ben|sta|zijn)\s+(?:\w+\s+)?opgesloten\s+in\b"
        r"|\b(?:sluit|sluiten|sloot|sloten)\s+(?:\w+\s+){0,3}op\s+in\s+(?:de|het|een|zijn|haar|hun)\s+"
        r"(?:kelder|kast|kamer|slaapkamer|schuur|zolder|badkamer|hok|wc|berging)\b",
        r"\bvoel\w*\s+(?:me|mij)\s+(?:\w+\s+)?opgesloten|buitengesloten|\blift\b|quarantaine|\bfile\b"
        r"|sneeuw|per\s+ongeluk|sleutel\s+(?:kwijt|vergeten)",
    ),
    _unless(
        r"\b(?:voel\s+(?:me|mij|ik\s+me)|ben|zijn)\s+(?:\w+\s+)?niet\s+(?:meer\s+)?veilig\s+in\s+"
        r"(?:mijn|ons|m\w*n|het)\s+(?:eigen\s+)?(?:huis|woning|thuis)\b"
        r"|\bniet\s+(?:meer\s+)?veilig\s+(?:bij\s+(?:mijn|m\w*n)\s+"
        + _NAASTE
        + r"|met\s+(?:hem|haar))\b",
        r"inbra\w*|inbrekers|\bbuurt\b|\bwijk\b|schimmel|vocht|brand\w*|\btrap\w*|\bval\w*|"
        r"drempel|glad\w*|verlichting|lekkage",
    ),
    r"\b(?:achter\s+(?:me|mij|ons|haar|hem)\s+aan|(?:me|mij|ons|haar)\s+achterna|achtervolg\w*|"
    r"komt\s+op\s+(?:me|mij|ons|haar)\s+af|zwaait|zwaaide|dreigt|dreigde|staat|stond|pakt|pakte)\b"
    r".{0,40}\b(?:mes|messen|hamer|knuppel|honkbalknuppel|bijl|schaar|wapen|pistool|koevoet|"
    r"vuurwapen|stanleymes)\b(?!\s+(?:aan\s+het\s+)?(?:snijden|schillen|brood|eten|koken))"
    r"|\b(?:hamer|knuppel|honkbalknuppel|bijl|koevoet|mes|pistool)\b.{0,40}\b(?:achter\s+(?:me|mij|"
    r"ons|haar|hem)\s+aan|achterna|achtervolg\w*|op\s+(?:me|mij|ons|haar)\s+af)\b",
    r"\b(?:hij|zij|ze|mijn\s+"
    + _NAASTE
    + r")\s+(?:\w+\s+){0,3}heeft\s+(?:\w+\s+)?(?:mijn|m\w*n)\s+"
    r"(?:arm|pols|neus|rib|ribben|kaak|been|vinger\w*|oogkas|sleutelbeen|hand|enkel)\s+(?:\w+\s+){0,2}"
    r"gebroken\b"
    r"|\bhij\s+(?:\w+\s+){0,3}heeft\s+(?:\w+\s+)?haar\s+(?:arm|pols|neus|rib|ribben|kaak|been|"
    r"oogkas|sleutelbeen)\s+(?:\w+\s+)?gebroken\b"
    r"|\b(?:gebroken|gekneusde)\s+(?:arm|pols|neus|rib|ribben|kaak|been|oogkas|sleutelbeen)\s+"
    r"(?:\w+\s+){0,3}(?:door|van)\s+(?:hem|haar|mijn\s+" + _NAASTE + r")\b"
    r"|\b(?:arm|pols|neus|rib|ribben|kaak|been|oogkas)\s+(?:\w+\s+)?gebroken\s+door\s+(?:hem|mijn\s+"
    + _NAASTE
    + r")\b",
    _unless(
        r"\bdeur\s+(?:\w+\s+){0,2}(?:ingetrapt|ingeschopt|ingebeukt|ingeslagen|ingetreden|"
        r"opengetrapt|kapotgetrapt|open\s+getrapt|kapot\s+getrapt)\b"
        r"|\b(?:trapt|trapte|schopt|schopte|beukt|beukte|ramt|ramde|bonkt|bonkte)\s+(?:\w+\s+){0,2}"
        r"deur\s+(?:\w+\s+)?(?:in|open|kapot)\b",
        r"\bpolitie\b|\bbrandweer\b|\bslotenmaker\b|\bwind\b",
    ),
    _unless(
        r"\bdreig\w*\s+(?:\w+\s+){0,4}(?:iets|wat)\s+aan\s*(?:te\s+)?doen\b"
        r"|\bdreig\w*\s+(?:\w+\s+){0,3}(?:de\s+kinderen|de\s+kids|(?:mijn|ons|onze)\s+(?:kind\w*|"
        r"zoon\w*|dochter\w*|kids))\s+(?:\w+\s+){0,3}(?:mee\s+te\s+nemen|af\s+te\s+pakken|"
        r"weg\s+te\s+halen|te\s+ontvoeren|te\s+houden|nooit\s+meer\s+te\s+laten\s+zien)\b",
        r"jeugdzorg|gemeente|\braad\b|rechter|voogd\w*|instantie|uithuisplaats\w*|uit\s+huis\s+te\s+plaatsen"
        r"|gecertificeerde",
    ),
    r"\b(?:dwingt|dwong|forceert|forceerde)\s+(?:me|mij|haar)\s+(?:\w+\s+){0,3}(?:seks|tot\s+seks|"
    r"te\s+vrijen|naar\s+bed|seksuele|dingen)\b|\bgedwongen\s+(?:\w+\s+){0,2}(?:seks|tot\s+seks|"
    r"te\s+vrijen)\b|\bseks\b.{0,40}\b(?:terwijl|ook\s+al|hoewel|als)\s+(?:ik\s+(?:\w+\s+)?"
    r"(?:niet\s+wil|nee\s+zeg|nee\s+zei|niet\s+wilde)|(?:zeg|zei)\s+ik\s+(?:\w+\s+)?nee)\b",
    r"\bdoet\s+(?:\w+\s+){0,3}dingen\s+(?:\w+\s+){0,4}(?:die|wat)\s+ik\s+(?:\w+\s+)?niet\s+wil\b",
    r"\b(?:gevlucht|weggevlucht|ondergedoken|gevlucht)\b.{0,80}\b(?:zoekt\s+(?:me|mij|ons|haar)|"
    r"op\s+zoek\s+naar\s+(?:me|mij|ons|haar)|weet\s+waar\s+(?:ik|we)|(?:me|mij|ons)\s+(?:\w+\s+)?"
    r"(?:vindt|vinden)|staat\s+(?:\w+\s+)?voor\s+de\s+deur)\b"
    r"|\b(?:gevlucht|weggevlucht|weggegaan|weggelopen)\s+(?:\w+\s+){0,2}(?:voor|bij)\s+(?:hem|mijn\s+"
    + _NAASTE
    + r")\b.{0,60}\b(?:zoekt|zoeken|op\s+zoek|achter\s+(?:me|mij)\s+aan|vindt|dreigt|staat)\b",
    _only_with(
        r"\b(?:gegil|gillen|gilt|gegild|gekrijs|krijsen|gekrijst|gehuil|huilen|om\s+hulp|geschreeuw|"
        r"schreeuwen|schreeuwt|geschreeuwd)\b.{0,60}\b(?:gebonk|gebons|bonken|bonkt|gebonkt|gestommel|"
        r"dreunen|gesmijt|gegooi|gegooid|gesmeten|gerinkel|glas|slaan|klappen|gedreun|gevallen|smijten|"
        r"kapot)\b"
        r"|\b(?:gebonk|gebons|bonken|bonkt|gebonkt|gestommel|dreunen|gesmijt|gesmeten|gegooi|gedreun)\b"
        r".{0,60}\b(?:gegil|gillen|gilt|gegild|gekrijs|krijsen|gekrijst|gehuil|huilen|om\s+hulp|"
        r"geschreeuw|schreeuwen|schreeuwt|geschreeuwd)\b",
        r"\b(?:buren|buurvrouw|buurman|hiernaast|naast\s+ons|boven\s+ons|onder\s+ons|bovenburen|"
        r"benedenburen|bovenbuurvrouw|bovenbuurman|de\s+flat|de\s+muur|door\s+de\s+muren)\b",
    ),
    _only_with(
        r"\b(?:zit|zat|zitten|is|zijn)\s+(?:\w+\s+){0,2}(?:onder|vol)\s+(?:de\s+)?(?:blauwe\s+plekken|"
        r"striemen|wonden)\b|\bblauwe\s+plekken\b",
        r"\b(?:ruw|ruwe|hardhandig\w*|grof|grove|ruig|sleurt|sleurde|knijpt|kneep|trekt\s+aan|"
        r"bang\s+voor|durft\s+(?:\w+\s+)?niet|onverklaarbare?|vreemde|rare)\b",
    ),
    r"\b(?:iets|wat)\s+aangedaan\b",
    r"\b(?:hij|zij|ze)\s+(?:\w+\s+){0,2}(?:me|mij|ons|de\s+kinderen|haar|hem)\s+(?:iets|wat)\s+"
    r"(?:aandoet|aan\s+doet|aan\s*gaat\s+doen|aandoen)\b",
    r"\bbang\s+(?:\w+\s+)?voor\s+(?:mijn|zijn|haar|me|de)\s+" + _NAASTE + r"\b",
    r"\bbang\s+(?:\w+\s+)?voor\s+(?:hem|die\s+man|die\s+vent)\b",
    r"\bbang\s+(?:\w+\s+)?voor\s+haar\b(?!\s+(?:gezondheid|toekomst|leven|welzijn|dementie|ziekte|"
    r"geheugen|veiligheid|baan|werk|school|studie|situatie|zorg)\b)",
    r"\bbang\s+(?:\w+\s+)?(?:als|wanneer|tot|dat)\s+(?:hij|zij|ze|mijn\s+" + _NAASTE + r")\s+"
    r"(?:\w+\s+)?(?:thuis\s*komt|boos\s+wordt|gedronken\s+heeft|dronken\s+(?:is|thuiskomt)|"
    r"(?:me|mij|ons)\s+(?:weer\s+)?(?:slaat|pijn\s+doet|iets\s+aandoet))",
    r"\bdurf\s+(?:\w+\s+)?niet\s+(?:meer\s+)?(?:naar\s+)?(?:huis|thuis)\b",
    _unless(
        r"\b(?:zit|zat|zitten|zitte|zatten)\s+(?:\w+\s+){0,2}aan\s+(?:me|mij)\b"
        r"|\b(?:zit|zat|zitten)\s+(?:\w+\s+){0,2}aan\s+haar\b(?=\s*$|\s+(?:en|als|terwijl|wanneer|"
        r"waar|lijf|lichaam|borst\w*|kruis|billen))",
        r"aan\s+(?:me|mij|haar)\s+(?:\w+\s+)?(?:te\s+)?(?:zeuren|zeiken|zaniken|vragen|trekken|"
        r"kop|hoofd|denken|bed|zijde|kant|tafel)",
    ),
    r"\b(?:raakt|raakte|betast|betastte)\s+(?:me|mij|haar|hem|mijn\s+\w+)\s+(?:\w+\s+){0,2}aan\b"
    r"|\bbetast\b|\bongewenst\s+aangeraakt\b",
    r"\baan\s+(?:mijn|haar|zijn)\s+(?:kruis|borsten|piemel|billen|geslachtsdelen)\b",
    _unless(
        r"\bmag\s+(?:\w+\s+){0,2}(?:het|de)\s+(?:huis|deur)\s+niet\s+uit\b"
        r"|\bmag\s+(?:\w+\s+)?niet\s+(?:meer\s+)?(?:naar\s+buiten|weg|de\s+deur\s+uit|het\s+huis\s+uit"
        r"|alleen\s+weg)\b|\bmag\s+nergens\s+(?:meer\s+)?heen\b"
        r"|\blaat\s+(?:me|mij|haar|ons)\s+niet\s+(?:meer\s+)?(?:gaan|weg|naar\s+buiten|de\s+deur\s+uit|"
        r"het\s+huis\s+uit|vertrekken)\b",
        r"dokter|arts|ziekenhuis|werk|baas|quarantaine|gips|operatie|specialist|fysio|corona|"
        r"verpleeg|school|juf|meester|regen",
    ),
    _unless(
        r"\bsluit\s+(?:me|mij|haar|ons|de\s+kinderen)\s+(?:\w+\s+)?op\b"
        r"|\b(?:me|mij|haar|ons|de\s+kinderen)\s+(?:\w+\s+){0,2}opgesloten\b"
        r"|\b(?:word|werd|wordt|worden)\s+(?:\w+\s+){0,2}opgesloten\b",
        r"\bvoel\w*\s+(?:me|mij)\s+(?:\w+\s+)?opgesloten|buitengesloten",
    ),
    r"\bgestalkt\b|\bstalkt\s+(?:me|mij|haar)\b(?!\s+niet)|\bachtervolgt\s+(?:me|mij|haar)\b",
    r"\bagressief\s+(?:\w+\s+){0,2}(?:tegen|naar)\s+(?:mij|me|haar|ons|de\s+kinderen|hem|"
    r"mijn\s+\w+)\b",
    r"\bom\s+hulp\s+(?:roepen|schreeuwen|gillen|riep|schreeuwde|gilde)\b"
    r"|\b(?:roept|riep|schreeuwt|schreeuwde|gilt|gilde)\s+om\s+hulp\b",
    r"\b(?:zit|zat|zitten)\s+(?:\w+\s+){0,2}aan\s+(?:mijn|onze|ons|haar|zijn)\s+(?:dochter\w*|zoon\w*|"
    r"nichtje|neefje|kleindochter|kleinzoon|kind\w*|zusje|broertje|stiefdochter|pleegdochter)\b"
    r"(?!\s+(?:\w+\s+)?(?:te\s+)?(?:zeuren|trekken|vragen|denken|bed|hoofd|huiswerk))",
    _only_with(
        r"\b(?:komt|kwam|sluipt|sloop)\s+(?:\w+\s+){0,4}(?:in|op|naar)\s+(?:mijn|haar|zijn|hun|onze)\s+"
        r"(?:kamer|slaapkamer|bed)\b",
        r"\b(?:s\s+nachts|snachts|nacht|avonds|savonds|slaapt|slapen|niet\s+wil|eng|bang|"
        r"aan\s+(?:me|mij|haar))\b",
    ),
    r"\b(?:ben|zijn)\s+(?:nu\s+)?in\s+gevaar\b|\bik\s+ben\s+(?:\w+\s+)?niet\s+veilig\b"
    r"|\bniet\s+veilig\s+(?:thuis|in\s+huis|bij\s+(?:hem|haar))\b|\bonveilig\s+thuis\b",
    # Forced marriage: made to marry, the passport taken.
    _only_with(
        r"\b(?:moet|moeten|gedwongen|dwingen|dwingt|dwong|laten)\s+(?:\w+\s+){0,6}trouwen\b"
        r"|\bgedwongen\s+huwelijk\b|\buitgehuwelijkt\b|\buit\s+te\s+huwelijken\b|\buithuwelijk\w*",
        r"\bpaspoort\w*|\bid\s*kaart\b|\bniet\s+(?:meer\s+)?weg\b|\bopgesloten\b|\bbedreig\w*"
        r"|\bwil\s+(?:\w+\s+)?niet\b|\bdwing\w*|\bgedwongen\b",
    ),
    _only_with(
        r"\bpaspoort\w*\s+(?:\w+\s+){0,3}(?:afgepakt|afgenomen|ingenomen|verstopt|weggenomen)\b"
        r"|\b(?:pakt|pakte|nam|neemt|hebben|heeft)\s+(?:\w+\s+){0,2}(?:mijn|haar|ons)\s+paspoort\w*\s+"
        r"(?:\w+\s+)?(?:af|afgepakt|afgenomen|ingenomen|weg|afgepakt)\b",
        r"\btrouw\w*|\bhuwelijk\w*|\bbruiloft\b|\bniet\s+(?:meer\s+)?(?:weg|naar\s+buiten)\b"
        r"|\bopgesloten\b|\bbedreig\w*",
    ),
    # Someone forcing a door or window now ("probeert nu mijn voordeur open te breken").
    _unless(
        r"\b(?:probeert|probeerde|proberen|is|zijn)\s+(?:\w+\s+){0,3}(?:deur|voordeur|achterdeur|"
        r"raam|ramen)\s+(?:\w+\s+)?(?:open\s+te\s+(?:breken|maken|trappen|forceren|wrikken)|in\s+te\s+"
        r"(?:trappen|slaan|gooien)|aan\s+het\s+(?:forceren|intrappen|inslaan))\b"
        r"|\bstalker\b.{0,40}\b(?:staat|stond|loopt|zit)\s+(?:\w+\s+){0,2}(?:voor|bij|aan|onder)\b",
        r"\b(?:sleutel\w*|buitengesloten|slotenmaker|klemt|vastgeroest|kapot|geleden|vorig\w*)\b",
    ),
    # An intruder inside the house now.
    _unless(
        _only_with(
            r"\b(?:inbreker\w*|indringer\w*)\b",
            r"\b(?:in\s+(?:mijn|ons|het)\s+huis|binnen|beneden|boven|in\s+de\s+(?:woonkamer|keuken|"
            r"gang|slaapkamer|schuur)|hoor|nu|nog)\b",
        ),
        r"\b(?:aangifte|verzekering\w*|gestolen|was|waren|vorig\w*|gisteren|geleden|gepakt|"
        r"opgepakt|camera\w*|slot\w*|preventie|hoe\s+voorkom\w*|tegen|beveilig\w*|bang\s+voor)\b",
    ),
    _unless(
        r"\ber\s+(?:is|staat|loopt|zit)\s+(?:\w+\s+)?(?:iemand|een\s+(?:vreemde\s+)?man|een\s+vreemde|"
        r"een\s+onbekende)\s+(?:\w+\s+){0,2}(?:in\s+(?:mijn|ons|het)\s+huis|binnen|beneden|boven|"
        r"in\s+de\s+(?:woonkamer|keuken|gang|slaapkamer|schuur))\b",
        r"\b(?:hulp|schoonmaak\w*|huishoud\w*|thuiszorg|monteur|aannemer|nodig|zoek\w*|"
        r"wijkverpleeg\w*|helpt|helpen|oppas|bezoek|logeert|familie|vriend\w*)\b",
    ),
    # Someone held inside, not allowed to phone or go out, who asked for help.
    _unless(
        r"\b(?:wordt|word|werd|zit|zat|zitten|houdt|houden|hield)\s+(?:\w+\s+){0,3}(?:opgesloten|"
        r"binnen\s*gehouden|vastgehouden)\b",
        r"\b(?:voel\w*|lift|eenzaam|gevoel|alsof|quarantaine|corona|buitengesloten|wc|toilet)\b",
    ),
    _unless(
        _only_with(
            r"\bmag\s+(?:\w+\s+){0,3}niet\s+(?:meer\s+)?(?:bellen|telefoneren)\b",
            r"(?=.*\b(?:help|om\s+hulp)\b)(?=.*\b(?:binnen|opgesloten|dagen|naar\s+buiten|deur\s+uit)\b)",
        ),
        r"\b(?:verpleeghuis|dementie|dement|arts|dokter|ziekenhuis|corona|koorts|straf|telefoonverbod)\b",
    ),
    # Round 5: English threats at the door, someone hitting an (old) person now, being dragged by
    # the hair.
    r"\b(?:kill|hurt)\s+(?:me|you|her|him|us)\b",
    r"\bslaat\s+(?:haar|hem)\b(?!\s+(?:over|op|uit|dicht|open|aan|plat|stuk)\b)",
    r"\b(?:dat|hoe|die)\s+(?:\w+\s+){0,3}(?:haar|hem)\s+(?:slaat|schopt|stompt|wurgt)\b",
    r"\b(?:sleurt|sleept|trekt)\s+(?:\w+\s+){0,3}aan\s+(?:haar|zijn|mijn)\s+haren\b",
)
# A child is the victim when the child writes itself, or a minor is named and the writer is not
# the one hurt ("papa slaat hem als hij huilt", not "hij slaat me waar de kinderen bij zijn").
_CHILD_CASE = (
    r"\b(?:papa|mama|pappa|mamma)\s+(?:\w+\s+)?(?:slaat|sloeg|schopt|schopte|duwt|knijpt|doet)\s+"
    r"(?:me|mij)\b|"
    rf"{_CHILD_SELF}|{_CHILD_VICTIM}|^(?!.*\b(?:me|mij|mezelf)\b)(?=.*(?:{_MINOR_CONTEXT}))"
)
# "ik kan hem wel vermoorden haha": a joke, not a threat.
_JOKE = (
    r"^(?=.*\b(?:vermoord\w*|wurgen|dood\s*maken)\b)(?=.*(?:\bha(?:ha)+\b|\bhihi\w*|\blol\b|"
    r"\bgrapje\b|\bgeintje\b|\bxd\b|\bbij\s+wijze\s+van\s+spreken\b))"
)
VIOLENCE_PATTERNS = tuple(_unless(pattern, f"{_CHILD_CASE}|{_JOKE}") for pattern in _VIOLENCE_RAW)

CHILD_PATTERNS = (
    # A child writing about itself with any violence above.
    *(_unless(_only_with(pattern, _CHILD_CASE), _JOKE) for pattern in _VIOLENCE_RAW),
    _only_with(
        r"\b(?:krijg|krijgen)\s+(?:\w+\s+)?geen\s+eten\b|\bweggelopen\b|\bdurf\s+niet\s+naar\s+huis\b"
        r"|\bbang\s+(?:\w+\s+){0,2}(?:voor|van|als|wanneer|dat)\s+(?:\w+\s+){0,2}(?:hem|haar|hij|zij|"
        r"papa|mama|vader|moeder|stiefvader|stiefmoeder|ouders|thuis|huis|oom|opa|broer|vriend)\b"
        r"|\bslaat\b|\bsloeg\b"
        r"|\b(?:uit\s+huis|het\s+huis\s+uit|eruit|op\s+straat)\s+(?:\w+\s+)?(?:gezet|gegooid|geschopt)\b"
        r"|\bslaap\s+(?:\w+\s+)?(?:buiten|op\s+straat|in\s+het\s+park|in\s+een\s+portiek)\b"
        r"|\bmoet\s+(?:\w+\s+){0,3}trouwen\b",
        _CHILD_SELF,
    ),
    r"\bweggelopen\s+van\s+(?:huis|thuis)\b|\bvan\s+(?:huis|thuis)\s+weggelopen\b",
    _term(r"\bkindermishandeling\b|\bkindermisbruik\b|\bloverboy\w*"),
    # A minor in a situation of danger or neglect.
    _only_with(
        r"\b(?:uit\s+huis|het\s+huis\s+uit|eruit|op\s+straat)\s+(?:\w+\s+)?(?:gezet|gegooid|geschopt)\b"
        r"|\b(?:slaapt|slapen|sliep)\s+(?:\w+\s+)?(?:buiten|op\s+straat|in\s+het\s+park|"
        r"in\s+een\s+portiek)\b"
        r"|\b(?:moet|moeten|gaat|gaan|wordt)\s+(?:\w+\s+){0,6}(?:trouwen|uitgehuwelijkt)\b"
        r"|\blaten\s+trouwen\b|\buithuwelijk\w*|\buit\s+te\s+huwelijken\b"
        r"|\bontvoer\w*"
        r"|\b(?:vertrokken|gevlogen|meegenomen|verdwenen)\b.{0,60}\b(?:niet\s+(?:meer\s+)?terug|"
        r"buitenland|zonder\s+(?:mijn\s+)?toestemming)\b(?!.*\b(?:vakantie|weekend|uitje)\b)"
        r"|\b(?:door\s*elkaar\s*(?:geschud|geschut|schudden|schudt|schudde)|hard\s+geschud)\b"
        r"|\b(?:brandplek\w*|brandwond\w*|sigarett\w*|striemen|blauwe\s+plekken|wonden|"
        r"verwondingen|blauw\s+oog)\b(?=.*\b(?:rare|vreemde|verdachte|onverklaarbare?|overal|steeds|"
        r"weer|vol|onder\s+de|peuk\w*|sigaret\w*|durft|bang)\b)"
        r"|\b(?:rare|vreemde|verdachte|onverklaarbare?)\s+(?:\w+\s+)?(?:brandplek\w*|brandwond\w*|"
        r"striemen|blauwe\s+plekken|wonden|verwondingen|plekken)\b"
        r"|\b(?:veel\s+|stuk\s+)?oudere?\s+(?:vriend|man|jongen|kerel|vent|vriendje)\b"
        r"(?=.*\b(?:haalt|ophalen|opgehaald|nachts|snachts|cadeau\w*|geld|drugs|auto|geheim|foto\w*)\b)"
        r"|\b(?:vriend|vriendje|man|vent)\s+van\s+(?:[2-6]\d)\b"
        r"|\balleen\s+(?:\w+\s+)?(?:op\s+straat|langs\s+de\s+weg|bij\s+het\s+water|in\s+de\s+auto|"
        r"in\s+(?:een|die|zijn|haar)\s+(?:\w+\s+)?auto|"
        r"buiten\s+(?:\w+\s+)?(?:rond|lopen|zwerven))\b"
        r"|\bin\s+(?:een|de)\s+(?:hete|warme|afgesloten|dichte|bloedhete)\s+auto\b"
        r"|\bin\s+de\s+auto\b.{0,40}\b(?:hitte|bloedheet|heet|in\s+de\s+zon|achtergelaten)\b"
        r"|\bhuilt\s+(?:\w+\s+){0,3}(?:uren|uur|hele\s+(?:dag|nacht|middag|avond))\b"
        r"(?=.*\b(?:niemand|alleen|geen\s+(?:\w+\s+)?volwassene)\b)"
        r"|\b(?:zonder|geen)\s+(?:\w+\s+)?(?:jas|winterjas|eten|schoenen)\b"
        r"(?=.*\b(?:buren|hiernaast|naast\s+ons|in\s+de\s+(?:kou|straat)|elke\s+dag|altijd|nooit|"
        r"honger)\b)"
        r"|\b(?:geen|niks|niets)\s+(?:\w+\s+)?(?:te\s+)?eten\b(?=.*\b(?:alleen|dronken|drinkt|zuipt|"
        r"dagen|niet\s+thuis|weg)\b)"
        r"|\b(?:papa|mama|moeder|vader|ouders|ma|pa)\s+(?:\w+\s+){0,3}(?:drinkt|dronken|zuipt|bezopen|"
        r"laveloos)\b"
        r"|\b(?:papa|mama|moeder|vader|ouders|ma|pa)\s+(?:is|zijn)\s+(?:al\s+)?(?:\w+\s+){0,2}"
        r"(?:dagen|nachten|een\s+week|sinds\s+\w+)\s+(?:\w+\s+){0,2}(?:weg|niet\s+(?:meer\s+)?thuis"
        r"\w*|verdwenen)\b(?!.*\b(?:vakantie|reis|cruise|ziekenhuis|werk)\b)",
        _MINOR_CONTEXT + "|" + _CHILD_SELF,
    ),
    _unless(
        _only_with(
            r"\b(?:heeft|hebben)\s+(?:\w+\s+){0,3}meegenomen\s+naar\s+(?:\w+\s+){0,2}\w+\b",
            r"\b(?:niet\s+(?:meer\s+)?terug|buitenland|zonder\s+(?:mijn\s+)?toestemming|zonder\s+te\s+"
            r"(?:vragen|overleggen)|weet\s+niet\s+waar|paspoort\w*|vliegtuig|ontvoer\w*)\b",
        ),
        r"\b(?:vakantie|weekend|uitje|op\s+reis|we|wij)\b",
    ),
    _only_with(
        r"\b(?:schudt|schudde|schudden|geschud|rammelt|rammelde)\b",
        r"\b(?:baby|babytje|kindje|peuter|zuigeling|pasgeboren\w*)\b",
    ),
    r"\b" + _KIND + r"\w*\s+(?:\w+\s+){0,3}(?:niet\s+veilig|onveilig|in\s+gevaar)\b",
    _term(
        r"\b"
        + _KIND
        + r"\w*\s+(?:\w+\s+){0,4}(?:alleen\s+thuis|alleen\s+(?:gelaten|achtergelaten)|verwaarloosd|"
        r"geslagen|mishandeld|misbruikt|aangerand|opgesloten|krijgt\s+geen\s+eten|krijgen\s+geen\s+eten)\b"
    ),
    _term(
        r"\b(?:aangeraakt|aanraken|betast)\b.*\b(?:dochter|zoon|kind|meisje|jongen)\b"
        r"|\b(?:dochter|zoon|kind|meisje|jongen)\b.*\b(?:aangeraakt|betast)\b"
    ),
    # A missing child.
    r"\b(?:dochtertje|zoontje|kindje|peuter|kleuter|jongetje|meisje|kleine|baby)\s+(?:is|was|raakte)\s+"
    r"(?:\w+\s+){0,2}(?:weg|kwijt|zoek)\s+(?:bij|in|op)\s+(?:de|het|een)\s+\w+",
    r"\b(?:ben|zijn|raakte|raakten)\s+(?:mijn|onze|ons|het)\s+"
    + _KIND
    + r"\s+(?:\w+\s+){0,4}kwijt\b",
    _only_with(
        r"\b(?:kan|kunnen|kon|vind|vinden)\s+(?:hem|haar)\s+(?:\w+\s+)?(?:nergens|niet\s+meer)\s*"
        r"(?:vinden)?\b",
        r"\b(?:dochtertje|zoontje|kindje|peuter|kleuter|jongetje|meisje|kleine|baby|kind|neefje|"
        r"nichtje)\b|\b(?:zoon|dochter)\s+van\s+(?:[1-9]|1[0-7])\b",
    ),
    r"\b(?:kan|kunnen|kon)\s+(?:mijn|onze|ons|het|de)\s+"
    + _KIND
    + r"(?:\s+van\s+\d{1,2}(?:\s*jaar)?)?\s+"
    r"(?:\w+\s+)?(?:niet|nergens)\s+(?:meer\s+)?vinden\b",
    r"\b"
    + _KIND
    + r"(?:\s+van\s+\d{1,2}(?:\s*(?:jaar|jr|j))?)?\s+(?:is|zijn|was|raakt|raakte)\s+"
    + _WHEN
    + r"(?:weggelopen|vermist|verdwenen|zoek|kwijt|onvindbaar|nergens\s+te\s+vinden|spoorloos|"
    r"niet\s+(?:meer\s+)?thuis\s*(?:gekomen|geweest)|nog\s+(?:steeds\s+)?niet\s+thuis(?!\s+(?:van|uit)\b)|"
    r"weg(?!\s+(?:naar|bij|met|voor|op|om|uit|van|gegaan\s+naar)\b))\b",
    _only_with(
        r"\b(?:is|zijn)\s+(?:\w+\s+){0,2}(?:niet\s+(?:meer\s+)?thuis\s*gekomen|weggelopen|vermist)\b"
        r"|\bvermist\b|\b" + _KIND + r"\s+(?:is|raakte|zijn(?!\s+\w+\s+is\b))\s+(?:\w+\s+){0,2}"
        r"spoorloos\b",
        r"\b" + _KIND + r"\b|\bvan\s+1[0-7]\b",
    ),
    # Children outside in the cold, in pyjamas, nobody opening the door.
    _only_with(
        r"\bpyjama\w*\b(?=.*\b(?:kou|koud|vriest|regen|niemand|buitengesloten|uren|nacht|"
        r"snachts)\b)(?=.*\b(?:buiten|straat|stoep|galerij|portiek|deur)\b)"
        r"|\b(?:staan|staat|zitten|zit)\s+(?:\w+\s+){0,4}buiten\b(?=.*\b(?:niemand\s+doet\s+"
        r"(?:\w+\s+)?open|doet\s+niemand\s+open|kou|koud|vriest|buitengesloten)\b)",
        _MINOR_CONTEXT,
    ),
    # A child fallen into water and not found.
    _unless(
        _only_with(
            r"\bin\s+(?:de|het|een)\s+(?:sloot|vijver|kanaal|water|gracht|rivier|zwembad|haven|plas|"
            r"vaart)\s+(?:\w+\s+)?(?:gevallen|gegleden|gelopen|verdwenen|gesprongen|getuimeld)\b"
            r"|\b(?:gevallen|gegleden|getuimeld)\s+in\s+(?:de|het|een)\s+(?:sloot|vijver|kanaal|water|"
            r"gracht|rivier|zwembad|haven|vaart)\b|\bonder\s+water\b",
            _MINOR_CONTEXT,
        ),
        r"\b(?:hond\w*|kat|poes|bal|telefoon|fiets|sleutels?|knuffel|schoen)\b",
    ),
    # A child not home hours after school.
    _only_with(
        r"\bschool\b.{0,60}\b(?:nog\s+(?:steeds\s+)?niet\s+(?:thuis|terug|hier)|niet\s+thuis\s*gekomen|"
        r"er\s+(?:nog\s+steeds|nog|steeds)\s+niet)\b"
        r"|\b(?:nog\s+(?:steeds\s+)?niet\s+(?:thuis|terug)|niet\s+thuis\s*gekomen)\b.{0,60}\bschool\b",
        r"(?=.*\b(?:uur|uren|al|sinds|ongerust|bang)\b)(?=.*(?:" + _MINOR_CONTEXT + r"|\bdochter\b"
        r"|\bzoon\b))",
    ),
    # A child locked up, or made to sleep in a cellar or shed as a punishment.
    _only_with(
        r"\b(?:sluit|sluiten|sloot|sloten)\s+(?:\w+\s+){0,3}op\s+in\b|\bopsluit\w*\b|\bopgesloten\b"
        r"|\bin\s+(?:de|het|een)\s+(?:kelder|kast|schuur|hok|kolenhok)\s+(?:\w+\s+){0,2}"
        r"(?:slapen|zitten|blijven)\b|\bals\s+straf\b.{0,40}\b(?:kelder|kast|schuur|hok)\b",
        _MINOR_CONTEXT + r"|\bleerling\b|" + _CHILD_SELF,
    ),
    # A minor asked by someone met online to come over or to send pictures.
    _only_with(
        r"\b(?:internet|online|snapchat|snap|insta\w*|tiktok|discord|chat|gamen|game)\b.{0,80}"
        r"\b(?:naar\s+(?:hem|haar)\s+toe|afspreken|ontmoeten|foto\w*|naakt\w*|ophalen|oppikken)\b"
        r"|\b(?:naar\s+(?:hem|haar)\s+toe|afspreken|ontmoeten|foto\w*|naakt\w*)\b.{0,80}"
        r"\b(?:internet|online|snapchat|insta\w*|tiktok|discord|chat)\b",
        _CHILD_SELF + r"|" + _MINOR,
    ),
    # A man pulling or luring a child into a car.
    _only_with(
        r"\b(?:trekt|trok|trekken|sleurt|sleurde|sleuren|lokt|lokte|lokken)\b.{0,50}\b(?:in\s+(?:zijn|een|"
        r"de|haar|die)\s+(?:\w+\s+)?(?:auto|busje|bus|wagen)|auto\s+in|busje\s+in)\b"
        r"|\bin\s+(?:zijn|een|de|die)\s+(?:auto|busje)\s+(?:te\s+)?(?:trekken|sleuren|lokken)\b"
        r"|\b(?:auto|busje|bus|wagen)\s+in\s+(?:te\s+)?(?:trekken|sleuren|lokken|trok|sleurde)\b",
        _MINOR_CONTEXT + r"|\bjongen\b|\bmeisje\b|\bmeid\b",
    ),
    # A small child gone from the gallery, balcony or street with the door open.
    _only_with(
        r"\b(?:weg|verdwenen|kwijt|zoek)\s+(?:\w+\s+)?(?:van|vanaf|op|bij)\s+(?:de|het|ons|onze)\s+"
        r"(?:galerij|balkon|straat|stoep|speeltuin|plein)\b"
        r"|\b(?:deur|voordeur|hek|tuinhek)\s+(?:stond|was|staat|is)\s+(?:\w+\s+)?open\b"
        r"(?=.*\b(?:weg|verdwenen|kwijt|zoek|nergens)\b)"
        r"|\b(?:weg|verdwenen|kwijt|zoek|nergens)\b.{0,60}\b(?:deur|voordeur|hek|tuinhek)\s+"
        r"(?:stond|was|staat|is)\s+(?:\w+\s+)?open\b",
        r"\b(?:peuter|kleuter|dreumes|baby|kindje|zoontje|dochtertje|jongetje|meisje|kleine)\b"
        r"|\b(?:zoon|dochter|kind)\s+van\s+[1-6]\b",
    ),
    # Round 5: a child missing now ("ik vind haar nergens meer" about a little sister), a baby left
    # alone with nobody opening the door, small children left in dirty nappies.
    _only_with(
        r"\b(?:vind|zie|vinden|zien)\s+(?:haar|hem|ze|hen)\s+(?:\w+\s+)?nergens\b|\bis\s+gone\b",
        r"\b(?:zusje|broertje|zoontje|dochtertje|kindje|kind|zoon|dochter|sister|brother|son|daughter)\b",
    ),
    _only_with(
        r"\bniemand\s+(?:doet|deed)\s+(?:de\s+deur\s+)?open\b",
        r"\b(?:baby|kindje|peuter|kleuter|kinderen|kind)\b",
    ),
    r"\b(?:dagen|uren|al\s+lang)\s+in\s+(?:vieze|volle|natte)\s+luiers\b",
)

MEDICAL_PATTERNS = (
    _term(r"\bbewusteloos\b|\bbuiten\s+bewustzijn\b|\bniet\s+(?:meer\s+)?aanspreekbaar\b"),
    r"\b(?:is|ben|zijn)\s+(?:\w+\s+){0,2}(?:in\s+elkaar\s+(?:gezakt|gestort)|neergestort|"
    r"neergevallen|flauwgevallen|onwel\s+geworden|blauw\s+aangelopen)\b",
    r"\bin\s+elkaar\s+gezakt\b|\bflauwgevallen\s+en\b",
    r"\bkrijg\s+(?:hem|haar|mijn\s+\w+)\s+niet\s+(?:meer\s+)?wakker\b"
    r"|\bwordt\s+niet\s+(?:meer\s+)?wakker\b",
    r"\b(?:ademt|ademde)\s+(?:\w+\s+)?(?:niet|nauwelijks|bijna\s+niet|raar|moeilijk|amper)\b",
    r"\bkan\s+(?:\w+\s+)?niet\s+(?:meer\s+)?(?:goed\s+)?ademen\b"
    r"|\b(?:krijgt|krijg|kreeg)\s+(?:\w+\s+)?geen\s+(?:lucht|adem)\b",
    r"\bademhaling\s+(?:is\s+)?(?:gestopt|stopt|weg)\b|\baan\s+het\s+stikken\b"
    r"|\b(?:stikt|verstikt)\b(?!\s+(?:van|in)\b)",
    _unless(
        r"\breageert\s+(?:niet|nergens)\s*(?:meer)?\b",
        r"\b(?:website|site|app|telefoon|computer|laptop|mail\w*|e\s?mail\w*|gemeente|jullie|"
        r"instantie|systeem|knop|scherm|pagina|chat|bot|brie[fv]\w*|bericht\w*|appjes?|verhuurder|"
        r"corporatie|bewindvoerder|advocaat|school|uwv|cak|svb|sociaal\s+team|loket|medewerker|"
        r"consulent|ambtenaar|autis\w*)\b"
        r"|\bop\s+(?:zijn|haar)\s+naam\b(?!.*\b(?:ineens|opeens|plotseling|weggezakt)\b)",
    ),
    # Someone lying who no longer moves.
    _only_with(
        r"\bbeweegt\s+(?:\w+\s+)?niet\s+meer\b|\bniet\s+meer\s+beweegt\b",
        r"\b(?:ligt|lag|liggen|gevallen|gevonden|op\s+(?:de\s+)?(?:grond|straat|vloer|stoep))\b",
    ),
    r"\bpijn\s+op\s+(?:de|mijn|zijn|haar)\s+borst\b",
    _term(r"\bhart\s*(?:aanval|stilstand|infarct)\b|\breanim\w*|\baed\b"),
    _term(
        r"\bberoerte\b|\bherseninfarct\b|\bhersenbloeding\b|\b(?:mond|gezicht)\s+(?:hangt|staat)\s+"
        r"scheef\b|\bscheve\s+mond\b"
    ),
    _term(r"\boverdosis\b|\bod\s+genomen\b"),
    r"\b(?:halve|helft\s+van\s+(?:zijn|haar|mijn|het))\s+gezicht\s+(?:\w+\s+){0,3}(?:verlamd|hangt|"
    r"slap|gevoelloos|scheef|doof|hangend)\b|\bgezicht\s+(?:\w+\s+){0,3}(?:half\s+)?verlamd\b"
    r"|\b(?:arm|been|kant|zijde)\s+(?:\w+\s+){0,2}(?:ineens|opeens|plotseling)\s+(?:\w+\s+)?"
    r"(?:verlamd|slap|gevoelloos|krachteloos)\b",
    r"\b(?:praat|spreekt|klinkt|prat)\s+(?:\w+\s+){0,2}(?:ineens|opeens|plotseling)\s+(?:\w+\s+)?"
    r"(?:met\s+(?:een\s+)?dubbele\s+tong|onduidelijk|wazig|brabbel\w*|raar|vreemd|lallend|"
    r"onverstaanbaar|dubbel)\b"
    r"|\b(?:ineens|opeens|plotseling)\s+(?:\w+\s+){0,3}(?:dubbele\s+tong|onduidelijk\s+(?:praten|"
    r"spreken)|niet\s+meer\s+(?:goed\s+)?(?:praten|uit\s+zijn\s+woorden|uit\s+haar\s+woorden))\b",
    _only_with(
        r"\b(?:aangereden|geschept|overreden|omver\s*gereden|aanrijding)\b",
        r"\b(?:bloed\w*|ligt|lag|beweegt|bewusteloos|reageert|gewond|ademt|hoofd|botsing|op\s+straat)\b",
    ),
    r"\bbloedt\s+(?:\w+\s+){0,2}(?:uit\s+(?:zijn|haar|mijn|het)\s+(?:hoofd|oor|oren)|aan\s+(?:zijn|"
    r"haar|mijn)\s+hoofd)\b",
    _unless(
        r"\bniet\s+(?:meer\s+)?wakker\s+te\s+krijgen\b|\bkrijg\w*\s+(?:\w+\s+){0,2}niet\s+(?:meer\s+)?"
        r"wakker\b",
        r"\b(?:school|ochtend\w*|smorgens|wekker|bed\s+uit|uit\s+bed|ontbijt|werk|puber|tiener)\b",
    ),
    _only_with(
        r"\b(?:keel|tong|lippen|gezicht|mond)\s+(?:\w+\s+){0,2}(?:zwelt|zwellen|opgezwollen|gezwollen|"
        r"dik|dicht)\b",
        r"\b(?:allergi\w*|anafyl\w*|wesp\w*|bij\s+gestoken|gestoken|pinda\w*|noten|epipen|"
        r"benauwd|lucht|adem\w*|slikken)\b",
    ),
    r"\bkeel\s+(?:\w+\s+){0,2}(?:zwelt|zwellen|opgezwollen|gezwollen)\b"
    r"|\ballergische\s+(?:reactie|shock)\b(?=.*\b(?:keel|lucht|adem\w*|benauwd|zwel\w*|gezwollen|"
    r"dik|epipen|nu|ineens|opeens)\b)|\bepipen\b",
    _only_with(
        r"\bweggezakt\b",
        r"\b(?:ineens|opeens|plotseling|reageert|aanspreekbaar|naam|ademt|wakker)\b",
    ),
    r"\breageert\s+(?:\w+\s+){0,2}(?:ineens|opeens|plotseling)\s+(?:\w+\s+)?(?:niet|nergens)\b"
    r"|\b(?:ineens|opeens|plotseling)\s+(?:\w+\s+){0,3}(?:reageert|aanspreekbaar)\s+(?:\w+\s+)?"
    r"(?:niet|nergens)\b",
    r"\b" + _LOTS + r"\s+(?:\w+\s+)?(?:" + _PILL_WORDS + r"|drugs|ghb|xtc|coke|cocaine|alcohol|"
    r"drank)\s+(?:\w+\s+){0,2}(?:genomen|ingenomen|geslikt|opgegeten|gebruikt|op\s*gegeten)\b",
    r"\b(?:iets\s+giftigs|gif|schoonmaakmiddel|batterij\w*|wasmiddel|bleek|chloor|terpentine|"
    r"lampolie|magneet\w*|" + _PILL_WORDS + r")\s+(?:\w+\s+){0,2}(?:ingeslikt|opgedronken|"
    r"doorgeslikt|binnengekregen|opgegeten)\b|\biets\s+(?:\w+\s+)?ingeslikt\b",
    r"\b" + _PILLS + r"\s+(?:\w+\s+)?(?:in\s+een\s+keer|tegelijk\w*)\s+(?:\w+\s+)?"
    r"(?:genomen|ingenomen|geslikt)\b",
    _term(r"\bvergiftig\w*|\bkoolmonoxide\b"),
    r"\bambulance\b",
    # Poisoning: a household product or button battery swallowed, or a child took medicine.
    r"\b(?:vaatwas\w*|afwasmiddel|wasmiddel\w*|schoonmaakmiddel\w*|ontstopper|gootsteen\w*|"
    r"toiletblok\w*|wasbolletje\w*|wascapsule\w*|batterij\w*|knoopcel\w*|bleek\w*|chloor|"
    r"ammoniak|lampolie|aanmaakblok\w*|gif\w*|rattengif|antivries)\s+(?:\w+\s+){0,3}(?<!niet\s)"
    r"(?:ingeslikt|doorgeslikt|opgegeten|gegeten|gedronken|opgedronken|binnengekregen|gelikt|"
    r"in\s+(?:zijn|haar)\s+mond)\b",
    _only_with(
        r"\b(?:"
        + _PILL_WORDS
        + r"|pil|tablet|medicijn)\b.{0,60}\b(?:ingeslikt|doorgeslikt|opgegeten|"
        r"gegeten|gepakt\s+en|binnengekregen)\b"
        r"|\b(?:ingeslikt|doorgeslikt|opgegeten)\b.{0,40}\b(?:" + _PILL_WORDS + r"|pil|tablet)\b",
        _MINOR,
    ),
    # A severe allergic reaction in a few words ("PINDA ZWELT OP HELP").
    _only_with(
        r"\b(?:pinda\w*|noten|nootjes|wesp\w*|allergi\w*|schaaldier\w*)\s+(?:\w+\s+){0,2}"
        r"(?:zwelt|zwellen|opgezwollen|gezwollen|opzwellen)\b",
        r"(?=.*\b(?:help|nu|ineens|opeens|snel|benauwd|adem\w*|lucht|keel|tong|lippen|gezicht|mond)\b)"
        r"(?!.*\b(?:enkel|knie|voet|been|hand|vinger|pols|teen|sporten)\b)",
    ),
    # Stroke: one arm weak and speech strange, also inside a longer question.
    _term(
        r"(?=.*\barm\b.{0,40}\b(?:niet\s+(?:meer\s+)?(?:optillen|bewegen|omhoog|gebruiken|tillen)|slap|"
        r"krachteloos|gevoelloos|verlamd|hangt)\b)"
        r"(?=.*(?:\b(?:praat|spreekt|praten|spreken|klinkt)\b.{0,30}\b(?:raar|vreemd|onduidelijk|wazig|"
        r"brabbel\w*|lallend|onverstaanbaar|dubbel)\b|\bdubbele\s+tong\b"
        r"|\b(?:raar|vreemd|onduidelijk|onverstaanbaar)\s+(?:\w+\s+)?(?:praten|spreken|praat|spreekt)\b))"
        r"(?=.*\b(?:ineens|opeens|plotseling|val|gevallen|viel|net|vandaag|vanochtend|vannacht)\b)"
    ),
    # One side weak and seeing double: a stroke.
    _term(
        r"(?=.*\b(?:linker|rechter)?(?:arm|been|gezicht|mond)\b.{0,30}\b(?:slap|krachteloos|gevoelloos|verlamd|hangt|"
        r"scheef)\b)(?=.*\b(?:dubbel\s+zien|zie\s+(?:\w+\s+)?dubbel|wazig\s+zien|zie\s+(?:\w+\s+)?niks)\b)"
    ),
    # Too much insulin or drugs with a racing heart or shaking; a scald; meningitis signs.
    r"\b(?:te\s+veel|veel\s+te\s+veel|dubbele?\s+(?:dosis|portie))\s+(?:\w+\s+)?insuline\b",
    _only_with(
        r"\b(?:xtc|ghb|mdma|coke|cocaine|speed|drugs|pillen|lachgas|ketamine)\b",
        r"\b(?:hart\s+(?:\w+\s+){0,3}(?:te\s+snel|tekeer|bonkt|racet|raast)|hartslag|bewusteloos|"
        r"doodga|dood\s+ga|flauw\w*|krampen|trillen|stuiptrekk\w*|ademt\s+(?:\w+\s+)?(?:niet|raar|"
        r"nauwelijks)|niet\s+(?:meer\s+)?wakker)\b",
    ),
    r"\bkokend\s+(?:heet\s+)?(?:water|olie|vet)\b.{0,60}\b(?:over|huid|blaren|verbrand\w*)\b"
    r"|\bhuid\s+(?:\w+\s+)?(?:laat|komt)\s+los\b",
    r"\bstijve\s+nek\b(?=.*\b(?:koorts|vlek\w*|verward|suf)\b)"
    r"|\b(?:paarse|rode)\s+vlek\w*\b(?=.*\bkoorts\b)(?=.*\b(?:suf|verward|nek|slap)\b)",
    # Someone driven or fallen into the water who cannot get out.
    _unless(
        r"\b(?:sloot|water|vaart|kanaal|gracht|vijver|plas)\s+in\s+(?:\w+\s+)?(?:gereden|gevallen|"
        r"gegleden|gereden|geraakt)\b.{0,60}\b(?:komt|kan|kom|kunnen)\s+(?:er\s+)?(?:\w+\s+)?"
        r"niet\s+(?:meer\s+)?uit\b",
        r"\b(?:telefoon|fiets|hond\w*|kat|bal|sleutel\w*)\b",
    ),
    # Pregnant: the baby not moving any more, or heavy bleeding.
    _only_with(
        r"\b(?:baby|kindje)\s+(?:\w+\s+){0,4}niet\s+(?:meer\s+)?(?:voelen\s+)?bewegen\b"
        r"|\b(?:voel|voelt)\s+(?:\w+\s+){0,3}(?:baby|kindje)\s+(?:\w+\s+){0,3}niet\s+(?:meer\s+)?bewegen\b"
        r"|\b(?:veel|erg|hevig\w*)\s+(?:\w+\s+)?(?:bloed\w*)\b",
        r"\bzwanger\w*|\bweken\s+zwanger\b|\bbevallen\b|\buitgerekend\b",
    ),
    # A carbon monoxide alarm with dizziness, nausea or fainting, or going off.
    _only_with(
        r"\bkoolmonoxide\w*|\bco\s*(?:melder|alarm|meter)\b|\bcomelder\b",
        r"\b(?:duizelig\w*|misselijk\w*|flauw\w*|hoofdpijn|suf|slaperig|overgeven|braken|kotsen|"
        r"onwel)\b",
    ),
    _unless(
        _only_with(
            r"\bkoolmonoxide\w*|\bco\s*(?:melder|alarm|meter)\b|\bcomelder\b",
            r"\b(?:gaat\s+af|ging\s+af|afgegaan|piept|loeit|alarm\s+gaat)\b",
        ),
        r"\b(?:batterij\w*|vervang\w*|kopen|gekocht|ophangen|test\w*|waar\s+hang)\b",
    ),
    r"\bbloedt\s+(?:\w+\s+)?(?:erg|veel|hard|enorm|flink|als\s+een\s+rund|heel\s+erg)\b"
    r"|\b(?:plas|liter)\s+bloed\b|\boveral\s+bloed\b|\bbloed\s+overal\b|\bveel\s+bloed\b"
    r"|\b(?:stopt|houdt)\s+niet\s+(?:op\s+)?met\s+bloeden\b|\bbloeden\s+(?:\w+\s+)?(?:stopt|houdt)\s+"
    r"niet\b|\bslagader\w*",
    _unless(
        r"\b(?:ligt|lag)\s+(?:al\s+(?:\w+\s+)?)?(?:\w+\s+)?op\s+de\s+(?:grond|vloer)\b",
        r"jas|was|speelgoed|rommel|afval|vuil|kleren|troep|post|tapijt|kleed|laminaat",
    ),
    r"\bgevallen\s+en\s+(?:\w+\s+){0,2}(?:kan|kon)\s+niet\s+(?:meer\s+)?(?:opstaan|overeind|bewegen)\b",
    r"\bepileptische\s+aanval\b|\bstuip\w*|\banafyla[ck]t\w*|\bkeel\s+(?:\w+\s+)?(?:zwelt|gaat)\s+"
    r"(?:\w+\s+)?dicht\b",
    r"\bnood(?:geval|situatie)\b|\blevensgevaar\b|\b(?:direct|acuut)\s+gevaar\b|\b112\b",
    _only_with(
        r"\b(?:is|zijn|raakt)\s+" + _WHEN + r"(?:weggelopen|vermist|zoek|kwijt|verdwenen|"
        r"niet\s+(?:meer\s+)?thuis\s*gekomen)\b",
        r"\b(?:dementie|alzheimer|dement|demente|verward)\b",
    ),
    r"\b(?:wordt|is|zijn|raakt|raakte)\s+(?:\w+\s+)?vermist\b",
    # Round 5 (themes of crisis_messages_fresh3.yml): too much insulin with symptoms, a button
    # battery swallowed.
    r"\b(?:insuline|insulien)\b(?=.*\b(?:tril\w*|zweet|zweten|zwet\w*|duizelig|suf|wazig|flauw)\b)",
    r"\bknoop\s*batterij\w*\b(?=.*\b(?:ingeslikt|doorgeslikt|ingeslikt|opgegeten|in\s+(?:zijn|haar)\s+"
    r"mond)\b)|\b(?:ingeslikt|doorgeslikt)\b(?=.*\bknoop\s*batterij\w*)",
)

CATEGORIES: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = tuple(
    (name, tuple(re.compile(pattern) for pattern in patterns))
    for name, patterns in (
        (SUICIDE, SUICIDE_PATTERNS),
        (VIOLENCE, VIOLENCE_PATTERNS),
        (CHILD, CHILD_PATTERNS),
        (MEDICAL, MEDICAL_PATTERNS),
    )
)


def normalise(text: str) -> str:
    """Lower case without accents, punctuation or repeated letters, chat-speak spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"['’`´]", "", plain)
    plain = re.sub(r"[^\w\s]|_", " ", plain)
    plain = re.sub(r"([a-z])\1{2,}", r"\1\1", plain)
    return " ".join(_TOKENS.get(token, token) for token in plain.split())


def crisis_category(text: str | None) -> str | None:
    """The crisis category of a message ("suicide", "violence", "child", "medical") or None."""
    if not text or no_danger_now(text):
        return None
    plain = normalise(text)
    for name, patterns in CATEGORIES:
        if any(pattern.search(plain) for pattern in patterns):
            return name
    return None


# Long ago: "vroeger", "jaren geleden", "als kind", "in 2019". Narrower than ``_PAST`` on
# purpose ("vorige week geslagen" may well still be dangerous).
_DISTANT_PAST = re.compile(
    r"\bvroeger\b|\b(?:\w+\s+)?(?:jaar|jaren)\s+geleden\b|\bals\s+kind\b|\bin\s+mijn\s+jeugd\b"
    r"|\btoen\s+ik\s+(?:nog\s+)?(?:jong|klein|kind|tiener)\b|\bin\s+(?:19|20)\d\d\b"
)
_NOW_PATTERN = re.compile(_NOW)


def only_long_ago(text: str | None) -> bool:
    """The message is about something long ago, with no sign of danger now."""
    if not text:
        return False
    plain = normalise(text)
    return bool(_DISTANT_PAST.search(plain)) and not _NOW_PATTERN.search(plain)


def no_danger_now(text: str | None) -> bool:
    """The message is about something long ago, says that it is over, or says the writer will
    not harm themselves ("ik ga mezelf niks aandoen hoor"), with no sign of danger now."""
    if not text:
        return False
    if only_long_ago(text):
        return True
    plain = normalise(text)
    if _STILL_GOING_ON.search(plain):
        return False
    return bool(_DENIAL.search(plain)) or bool(_OVER.search(plain) and _BEFORE_NOW.search(plain))


def only_grief(text: str | None) -> bool:
    """The message is about someone else's death (grief), without a wish to die oneself or a
    sign that something is going on now. Only for messages the lexicon did not match: a
    classifier that sees "overleden" or "begrafenis" is quick to call it a crisis."""
    if not text:
        return False
    plain = normalise(text)
    return (
        bool(_GRIEF.search(plain))
        and not _JOIN_THE_DEAD.search(plain)
        and not _STILL_GOING_ON.search(plain)
    )


_GRIEF = re.compile(
    r"\b(?:overleden|overlijden|gestorven|stierf|stierven|begrafenis|crematie|gecremeerd|begraven|"
    r"rouw\w*|gemis|uitvaart|ingeslapen|doodgegaan|dood\s+gegaan|sterfbed|as\s+van)\b"
)
# "ik wil ook dood", "ik wil hem achterna", "ik wil bij haar zijn": not grief alone.
_JOIN_THE_DEAD = re.compile(
    r"\b(?:ik|mij|me|mezelf)\b.{0,30}\b(?:ook|achterna|erbij|bij\s+(?:hem|haar)\s+zijn|"
    r"niet\s+meer\s+(?:hoeft|wil|kan))\b"
)


# The message says the danger has passed ("het gaat nu weer goed", "hij is gevonden", "woont
# nu veilig", "de bloedneus is al over", "hij zit nu vast", "gelukkig viel het mee"), with a
# word that says so; no negation may come before it ("hij is nog niet gevonden").
_SETTLED = r"(?:nu|inmiddels|weer|alweer|gelukkig|sindsdien|al)"
_NOT_NEGATED = r"(?:(?!niet\b|nooit\b|geen\b)\w+\s+){0,3}"
_OVER = re.compile(
    r"\bgaat\s+(?:het\s+|hij\s+|ze\s+|zij\s+)?(?:\w+\s+)?" + _SETTLED + r"\s+(?:\w+\s+)?"
    r"(?:goed|beter|prima)\b"
    r"|\b" + _SETTLED + r"\s+gaat\s+(?:het|hij|ze|zij)\s+(?:\w+\s+)?(?:goed|beter|prima)\b"
    r"|\b(?:is|zijn|ben|woon|woont|wonen|zit|zitten)\s+" + _NOT_NEGATED + _SETTLED + r"\s+"
    r"(?:\w+\s+){0,2}(?:over|voorbij|veilig|rustig|terecht|hersteld|opgeknapt|genezen|vast)\b"
    r"|\b(?:is|zijn)\s+" + _NOT_NEGATED + r"(?:gevonden|teruggevonden|gehecht|geopereerd|"
    r"onderzocht|uit\s+het\s+ziekenhuis)\b|\bherstelt\s+goed\b|\bviel\s+(?:het\s+)?"
    r"(?:gelukkig\s+)?mee\b"
    r"|\b(?:heb|hebben|krijg|krijgen|heeft|krijgt)\s+" + _SETTLED + r"\s+"
    r"(?:\w+\s+){0,2}(?:hulp|behandelaar|behandeling|therapeut\w*|therapie|begeleiding|medicatie)\b"
)
# It happened before this message: a time before today or a past tense.
_BEFORE_NOW = re.compile(
    r"\b(?:vorig\w*|geleden|gisteren|gisteravond|toen|vroeger|destijds|jaren\s+\d0|had|hadden|"
    r"was|waren|werd|kreeg|gehad|gedaan|geweest|gebeld|gevallen|gebroken|weggelopen)\b"
    r"|\bin\s+(?:19|20)\d\d\b|\b(?:jaar|jaren|maand|maanden|week|weken|dagen)\s+terug\b"
)
# The writer says they will not harm themselves.
_DENIAL = re.compile(
    r"\b(?:ga|zal)\s+(?:\w+\s+)?(?:mezelf|mijzelf|me)\s+(?:echt\s+)?(?:niks|niets)\s+aan\s*doen\b"
    r"|\b(?:ga|zal)\s+(?:echt\s+|heus\s+)?(?:niks|niets|geen)\s+(?:doms|stoms|raars|gekke\s+dingen)"
    r"\s+doen\b"
)
# Signs that it is not over after all: it goes on, it happens again, or help is asked now.
_STILL_GOING_ON = re.compile(
    r"\b(?:help|opnieuw|op\s+dit\s+moment|112|maar\s+nu|en\s+nu|vanavond|vannacht)\b"
    r"|\bweer\s+(?:\w+\s+){0,2}(?:begonnen|bezig|gedaan|geslagen|gedreigd|weg|kwijt|vermist|"
    r"aan\s+de\s+gang|niet\s+meer)\b"
    r"|\b(?:wil|willen|denk|denkt)\s+(?:\w+\s+){0,2}(?:dood|niet\s+meer\s+leven|er\s+een\s+eind|"
    r"zelfmoord|mezelf|zichzelf)\b"
    r"|\b(?:mes|messen|pistool|wapen|bewusteloos|ademt\s+niet|dreig\w*|komt\s+eraan|slaat|schopt)\b"
)


# Danger at this moment: someone at the door, a weapon, "nu", "help".
_ACUTE = re.compile(
    r"\b(?:nu|op\s+dit\s+moment|net|zojuist|zonet|help|snel)\b"
    r"|\b(?:mes|messen|pistool|vuurwapen|wapen|hamer|bijl|schaar)\b"
    r"|\bvoor\s+(?:de|mijn|onze)\s+(?:deur|voordeur|achterdeur|raam)\b"
)


def acute_danger(text: str | None) -> bool:
    """The message says the danger is here now (not only what has been going on)."""
    return bool(text) and bool(_ACUTE.search(normalise(text or "")))


def is_crisis(text: str | None) -> bool:
    """Whether the message matches a crisis pattern."""
    return crisis_category(text) is not None
