"""Crisis lexicon: patterns for acute danger in informal Dutch.

A safety net next to the intent classifier: a message that matches is a crisis, whatever the
classifier thinks. The four kinds of acute danger: suicidal thoughts, violence at home, a child
in danger and a medical emergency. Patterns are specific on purpose ("slaat me", not "slaan"),
so that messages with worrying words ("mijn moeder is overleden", "ik ben moe") stay out.
"""

from __future__ import annotations

import re
import unicodedata

_MIJN = r"(?:mijn|m'?n|mn|me)"
_IK = r"(?:ik|k)"
_NAASTE = (
    r"(?:man|vrouw|partner|vriend|vriendin|ex|vader|moeder|stiefvader|stiefmoeder|zoon|dochter|"
    r"broer|zus|buurman|buurvrouw|vent)"
)

SUICIDE = (
    r"\bzel?f?moor[dt]\w*",
    r"\bzelfdoding\b",
    r"\bsu[i]?[ck]id\w*",
    r"\b(?:wil|wilde|willen|wou)\s+(?:gewoon\s+|echt\s+|liever\s+)?dood\b",
    r"\bdood\s+(?:willen|wil)\b",
    r"\bniet\s+meer\s+(?:willen\s+)?leven\b",
    r"\bwil\s+(?:er\s+)?niet\s+meer\s+(?:zijn|bestaan|leven)\b",
    r"\b(?:er\s+)?niet\s+meer\s+(?:wil|willen)\s+zijn\b",
    r"\beinde?\s+aan\s+(?:" + _MIJN + r"|het|zijn|haar)\s+leven\b",
    r"\been?\s*einde?\s+aan\s+(?:te\s+)?(?:maken|breien)\b",
    r"\bstoppen\s+met\s+leven\b",
    r"\bvan\s+kant\s+(?:maken|te\s+maken)\b",
    r"\b(?:mezelf|mijzelf|zichzelf|haarzelf|hemzelf|mzelf)\s+(?:iets\s+|wat\s+|pijn\s+)?"
    r"(?:aan\s*(?:te\s+)?doen|aandoen|aan\b|snijden|doen)",
    r"\b(?:snij|kras|beschadig)\s+(?:mezelf|mijzelf|mzelf)\b",
    r"\bnooit\s+meer\s+wakker\b",
    r"\b(?:wil|hoop)\s+(?:\w+\s+){0,2}niet\s+meer\s+wakker\b",
    r"\b(?:van|vanaf)\s+(?:de|het|een)\s+(?:brug|flat|dak|balkon)\s+(?:springen|af)\b",
    r"\b(?:voor|onder)\s+(?:de|een)\s+trein\b",
    r"\bbij\s+het\s+spoor\b",
    r"\bpillen\s+(?:gespaard|verzameld)\b",
    r"\btouw\s+klaar\w*",
    r"\bleven\s+(?:heeft\s+)?(?:\w+\s+){0,2}geen\s+zin\b",
    r"\bniemand\s+(?:zal|gaat)\s+(?:me|mij)\s+missen\b",
    r"^\s*" + _IK + r"\s+(?:wil|kan)\s+niet\s+meer\s*[.!]*\s*$",
    r"\bwil\s+(?:er\s+)?niet\s+meer\s+wakker\b",
)

VIOLENCE = (
    r"\b(?:slaat|sloeg|schopt|schopte|stompt|wurgt|wurgde|duwt|trapt)\s+(?:me|mij|ons|"
    r"haar|hem|de\s+kinderen|" + _MIJN + r"\s+\w+|zijn\s+\w+|haar\s+\w+)\b",
    r"\b(?:geslagen|geschopt|gewurgd|mishandeld|verkracht|aangerand|misbruikt)\b",
    r"\bmishandel\w*",
    r"\bhuiselijk\s+geweld\b",
    r"\bgeweld\s+(?:thuis|bij\s+ons|in\s+huis)\b",
    r"\bin\s+elkaar\s+(?:geslagen|slaan|geslagen)\b",
    r"\bbedreig\w*\s+(?:me|mij|ons|de\s+kinderen)\b",
    r"\b(?:word|wordt|werd|ben)\s+(?:\w+\s+)?bedreigd\b",
    r"\bmet\s+een\s+mes\b",
    r"\bvermoord\w*|\bdood\s*(?:te\s+)?maken\b",
    r"\biets\s+aangedaan\b",
    r"\bbang\s+voor\s+" + _MIJN + r"\s+" + _NAASTE + r"\b",
    r"\bdurf\s+niet\s+(?:meer\s+)?(?:naar\s+)?(?:huis|thuis)\b",
    r"\bsluit\s+(?:me|mij)\s+op\b",
    r"\bgestalkt\b",
    r"\bmisbruik\w*\b",
)

CHILD = (
    r"\bkind\w*\s+(?:\w+\s+){0,3}niet\s+veilig\b",
    r"\bkindermishandeling\b",
    r"\bkind\w*\s+(?:\w+\s+){0,4}(?:alleen\s+thuis|verwaarloosd|geslagen|mishandeld|misbruikt)\b",
    r"\b(?:aangeraakt|aanraken)\b.*\b(?:dochter|zoon|kind)\b|\b(?:dochter|zoon|kind)\b.*\baangeraakt\b",
)

MEDICAL = (
    r"\bbewusteloos\b",
    r"\bademt\s+(?:heel\s+|erg\s+|zo\s+)?(?:niet|nauwelijks|bijna\s+niet|raar|moeilijk|zwaar)\b",
    r"\breageert\s+(?:niet|nergens)\s*(?:meer)?\b",
    r"\bpijn\s+op\s+de\s+borst\b",
    r"\bhartaanval\b",
    r"\bberoerte\b",
    r"\boverdosis\b",
    r"\bpillen\s+(?:\w+\s+)?(?:genomen|ingenomen|geslikt)\b",
    r"\bambulance\b",
    r"\bbloedt\s+(?:heel\s+|erg\s+|zo\s+)?(?:erg|veel|hard)\b",
    r"\bingeslikt\b",
    r"\bligt\s+op\s+de\s+grond\b",
    r"\bnood(?:geval|situatie)\b",
    r"\b(?:direct|acuut|levens)\s*gevaar\b",
    r"\b(?:ben|zijn|is)\s+(?:nu\s+)?in\s+gevaar\b",
    r"\b112\b",
)

PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern) for pattern in (*SUICIDE, *VIOLENCE, *CHILD, *MEDICAL)
)


def normalise(text: str) -> str:
    """Lower case, accents removed ("suïcidaal" -> "suicidaal"), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", plain).strip()


def is_crisis(text: str | None) -> bool:
    """Whether the message matches a crisis pattern."""
    if not text:
        return False
    plain = normalise(text)
    return any(pattern.search(plain) for pattern in PATTERNS)
