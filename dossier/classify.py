"""What a capitalised phrase names, judged from the cues around it: a person, an organization or nothing.

:func:`classify` looks at one phrase of a block and the few words before and after it (a window of
``WINDOW`` characters), so a block costs one look per phrase. A title inside or before the phrase, an
apposition, a role noun before it, a reporting verb or an age make a person; a head word, a cue noun or an
apposition about an organization make an organization. A person needs two name words ("Jordan Reyes"):
one word alone is never guessed here (see :mod:`dossier.surnames` for a surname the article links to a
full name).

A phrase is no person when "the" stands right before it ("the Huancané Alto community"), when a preposition
of place does ("in Can Tho"), when a title reaches it through "of the" with no ministry word ("president of
the X community"), or when it starts or ends with a word of an organization's name, in English or the
languages news prose quotes names in ("Minera Andina del Sur", "Zhejiang Ocean Harvest Fisheries",
"Universiti Kebangsaan Malaysia"). A capitalised function word in mid-sentence can start a name ("Justice
Nor Azlina Hashim"). One-word and acronym organizations need a cue of their own: "Swiss-based Glencore", "the
terminal operated by Fluxys", "rail operator SNCB", "the BTB transport union".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .cues import (
    ACRONYM_NOUN_AFTER,
    ACRONYM_NOUN_BEFORE,
    AGE_AFTER,
    APPOSITION,
    APPOSITION_START,
    BASED_BEFORE,
    DAYS_MONTHS,
    DEPARTMENTS,
    DESCRIBED,
    DESCRIBED_NEXT,
    FUNCTION_WORDS,
    HONORIFICS,
    INVERTED_ROLE,
    LED_BY,
    MONTHS,
    NAME_TITLES,
    NEAR,
    ORG_HEADS,
    ORG_INITIALS,
    ORG_NOUN_AFTER,
    ORG_NOUN_BEFORE,
    ORG_NOUNS,
    OWNER_BEFORE,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PREFIX_COMPOUND,
    REPORTING_AFTER,
    REPORTING_BEFORE,
    ROLE_COMMA_BEFORE,
    THE_BEFORE,
    TITLES,
    WINDOW,
    WORKPLACE_BEFORE,
    WORKPLACE_LAST_WORDS,
    is_age,
)
from .model import Entity
from .phrases import GIVEN_ABBREVIATIONS, NAME_GOES_ON, Phrase, SpanIndex, Token, title_index
from .variants import PARTICLES, SUFFIXES

Classified = tuple[str, int, int, str, str]  # (type, start, end, role, cue)


def covered(known: SpanIndex, start: int, end: int) -> bool:
    """True when a registry name overlaps the span and is not shorter than it (the registry wins)."""
    return any((e - s) >= (end - start) for s, e in known.overlapping(start, end))


#: TITLE_BEFORE read backwards from the end of the text: "X of the ", "X of ", "X " ("the" first, as the
#: leftmost match of TITLE_BEFORE is the longest of these). Searching for TITLE_BEFORE, anchored at the
#: end, tries every position of the window; matching this at the start of the reversed window tries one
#: (a fortieth of discovery's time, issue 5). The word must have a space before it, or start the text.
_TITLE_BEFORE_REVERSED = re.compile(r"\s+(?:(?:eht\s+)?fo\s+)?([\w.-]*[A-Za-z])(?=\s)")
_TITLE_BEFORE_REVERSED_AT_START = re.compile(r"\s+(?:(?:eht\s+)?fo\s+)?([\w.-]*[A-Za-z])(?=\s|\Z)")


def _last_word_is(before: str, words: tuple[str, ...]) -> bool:
    """Whether the text ends in one of the words and then whitespace: what a pattern anchored at the end
    after one of them needs, tested before it is searched for (a search tries every position of its window)."""
    tail = before.rstrip()
    return len(tail) < len(before) and tail.endswith(words)


def title_before(before: str) -> tuple[str, int, str] | None:
    """What ``TITLE_BEFORE.search(before, max(0, len(before) - NEAR))`` finds, as (the word, where it
    starts, the whole match), or None."""
    near = max(0, len(before) - NEAR)
    pattern = _TITLE_BEFORE_REVERSED if near else _TITLE_BEFORE_REVERSED_AT_START
    found = pattern.match(before[:near - 1 if near else None:-1])
    if not found:
        return None
    start, end = len(before) - found.end(1), len(before) - found.start(1)
    return before[start:end], start, before[start - 1 if start else 0:]


def _overlaps(known: SpanIndex, start: int, end: int) -> bool:
    return bool(known.overlapping(start, end))


def classify(text: str, phrase: Phrase, nxt: Phrase | None, known: SpanIndex, later: tuple[Phrase, ...] = (),
             countries: Callable[[], SpanIndex] | None = None) -> list[Classified]:
    """(type, start, end, role, cue) of what the phrase names, if the text gives a cue; ``nxt`` and ``later``
    are the phrases after it, which a long organization's name may reach ("Department of Inspection for
    Factories and Establishments"); ``countries`` gives where the registered countries' names are in the
    text, asked only for a generic body's name, which takes its country's ("Russia's Foreign Ministry")."""
    if known.covering(phrase.start, phrase.end) and not _may_go_on(text, phrase, nxt):
        # one registry name holds the whole phrase (most phrases): every part of it is covered, so no person
        # or organization is found in it, and no organization's name goes on past it (see _joined)
        return []
    tokens = list(phrase.tokens)
    out: list[Classified] = []
    before = text[max(0, phrase.start - WINDOW): phrase.start]  # cues are near: a window keeps this linear
    after = text[phrase.end: phrase.end + WINDOW] if not tokens[-1].possessive else ""
    # a title inside the phrase: "Hungarian Prime Minister Viktor Orbán", "European Council President X"
    title_at = title_index(tokens)
    cue_title = ""
    title_start = -1
    if title_at >= 0:
        prefix = tokens[: title_at + 1]
        org_part = [t for t in tokens[:title_at] if t.text.lower() not in TITLES | DEPARTMENTS]
        if len(org_part) >= 2 and org_part[-1].text.lower() in ORG_HEADS and not covered(
                known, org_part[0].start, org_part[-1].end):
            out.append(("organization", org_part[0].start, org_part[-1].end, "", "before a title"))
        title_start = prefix[0].start
        tokens = tokens[title_at + 1:]
    else:
        lower_title = title_before(before)
        if lower_title and lower_title[0].lower() in TITLES and not (
                re.search(r"\sthe\s+$", lower_title[2]) and tokens[0].text.lower() not in DEPARTMENTS):
            # "Secretary of the Treasury X" names a person, "president of the Huancané Alto community" a place
            title_start = phrase.start - len(before) + lower_title[1]
    if title_start >= 0:
        while tokens and tokens[0].text.lower() in DEPARTMENTS:
            tokens = tokens[1:]  # "Secretary of State Marco Rubio"
        if tokens:
            title = " ".join(text[title_start: tokens[0].start].split())
            cue_title = _role_before(text[max(0, title_start - WINDOW): title_start]) + title
    tokens = name_start(text, tokens)
    if not tokens:
        return out
    start, end = tokens[0].start, tokens[-1].end
    owned = text[end: end + WINDOW] if tokens[-1].possessive else ""  # what follows "Aliya Suleimenova's"
    person = _person_cue(tokens, cue_title, before, after, known, name_initial(text, tokens), owned)
    if person:
        out.append(("person", start, end, *person))
        return out
    org = _org_span(text, phrase, (nxt, *later) if nxt is not None else (), known, before, countries)
    if org and countries is not None and generic_body(text[org[1]: org[2]]):
        owner = _COUNTRY_POSSESSIVE.search(before)
        offset = phrase.start - len(before)
        owner_start, owner_end = owner.span(1) if owner else (0, 0)
        for word in _CAPITALISED.finditer(before, owner_start, owner_end):  # "the United States’", not "The"
            if covered(countries(), offset + word.start(), offset + owner_end):
                org = (org[0], offset + word.start(), *org[2:])
                break
    if org:
        out.append(org)
    return out


#: the words of a body every country has ("Foreign Ministry", "Ministry of Foreign Affairs", "Central Bank",
#: "Supreme Court"), besides the departments' and head words
_GENERIC_WORDS = frozenset(("of", "the", "for", "and", "central", "supreme", "constitutional", "federal", "high",
                            "coast", "air",
                            "presidential", "military", "armed", "border", "customs", "tax", "electoral", "election",
                            "statistics", "emergency", "emergencies", "situations", "internal", "external", "public",
                            "prosecutor", "prosecutor's", "prosecutor’s", "parliamentary", "state-run", "civil"))
_CAPITALISED = re.compile(r"\b[A-Z][\w.-]*")
#: the possessive's mark: "Russia's", "Russia’s", "the United States’"
_POSSESSIVE_MARK = r"(?:['’]s|(?<=s)['’])"
#: a registered country's name in the possessive right before a name: "Russia's ", "the United States’ "
_COUNTRY_POSSESSIVE = re.compile(r"\b([A-Z][\w.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.-]*)*)" + _POSSESSIVE_MARK + r"\s+$")


def generic_body(name: str) -> bool:
    """Whether an organization's name is one that every country's body has: "Foreign Ministry", "Ministry of
    Foreign Affairs", "Central Bank" (not "Atlantic Council", "Ministry of Magic")."""
    return _generic(name.lower().replace(",", "").split(), ORG_HEADS)


def _generic(words: list[str], heads: frozenset[str]) -> bool:
    """Whether every word (lower case) is a portfolio's, a generic word of bodies or one of the ``heads``."""
    return all(_portfolio(w) or w in heads or w in _GENERIC_WORDS for w in words)


#: the head words of a state's bodies (not "Holdings", "Group", "Times": a company's, a newspaper's)
_STATE_HEADS = frozenset(("ministry", "department", "court", "tribunal", "bank", "parliament", "assembly", "senate",
                          "congress", "police", "army", "navy", "guard", "forces", "office", "bureau", "service",
                          "agency", "authority", "commission", "committee", "council", "cabinet", "government",
                          "force"))
#: "Russia's Foreign Ministry", "the United States’ State Department": a possessive, then the body
_OWNER_BEFORE = re.compile(r"(?P<owner>\S.*?)" + _POSSESSIVE_MARK + r"\s+(?P<body>\S.*)")
_THE = re.compile(r"^[Tt]he\s+")
#: "Foreign Ministry of Kazakhstan", "Ministry of Foreign Affairs of the Philippines": each "of" is tried
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_WORD = re.compile(r"\S+")


def bare_body(name: str) -> str:
    """The name of a body every country has, without a leading article, when the name says no one's
    ("Foreign Ministry", "the Supreme Court"); "" if it is not one. It needs a head word, not only generic
    words ("National"): see :func:`generic_body`."""
    name = _THE.sub("", name)
    lower = name.lower().replace(",", "").split()  # "Economy, Trade and Industry Ministry"
    return name if lower and _generic(lower, _STATE_HEADS) and any(w in _STATE_HEADS for w in lower) else ""


def of_no_one(entity: Entity) -> bool:
    """Whether an entity is a discovered body every country has, named alone ("Supreme Court"): articles that
    name it may mean different countries' bodies."""
    return entity.type == "organization" and not entity.reviewed and bool(bare_body(entity.name))


#: the bodies of a country's that news prose writes in lower case after the country ("China’s coast guard", "the
#: Russian foreign ministry"); the country's own name before one is the country's body too ("China Coast Guard")
LOWER_BODIES = ("foreign ministry", "defence ministry", "defense ministry", "interior ministry", "finance ministry",
                "health ministry", "justice ministry", "central bank", "coast guard", "navy", "army", "air force",
                "parliament", "supreme court", "constitutional court")
_LOWER_BODY_AFTER = re.compile(_POSSESSIVE_MARK + r"?[ ]+(" + "|".join(LOWER_BODIES) + r")(?![\w'’-])(?! bases?\b)")


def lower_body_after(text: str, end: int) -> re.Match[str] | None:
    """A body of :data:`LOWER_BODIES` right after a country's name that ends at ``end``, in lower case:
    "’s coast guard" of "China’s coast guard", " foreign ministry" of "the Russian foreign ministry" (not an
    "air force base", a place)."""
    return _LOWER_BODY_AFTER.match(text, end)


#: the name a body of a country's is known by: "Foreign Ministry (Russia)", whichever way articles say it
_BODY_NAME = re.compile(r"(?P<body>.+) \((?P<country>[^()]+)\)")


def body_name(body: str, country: str) -> str:
    return f"{body} ({country})"


def name_body(name: str) -> tuple[str, str] | None:
    """(body, country's name) of a name :func:`body_name` made, or None."""
    found = _BODY_NAME.fullmatch(name)
    return (found["body"], found["country"]) if found and bare_body(found["body"]) == found["body"] else None


#: a ministry or a department named by its portfolio first ("Health Ministry", "State Department") or after
#: "of" ("Ministry of Health", "Department of State")
_PORTFOLIO = r"(?P<portfolio>[A-Z][a-z]+(?:(?:,? and |, | )[A-Z][a-z]+){0,5})"
_PORTFOLIO_FIRST = re.compile(_PORTFOLIO + r" (?P<head>Ministry|Department)")
_MINISTRY_OF = re.compile(r"(?P<head>Ministry|Department) of (?:the )?" + _PORTFOLIO)
#: the portfolio a ministry's short name stands for: the "Foreign Ministry" is the "Ministry of Foreign Affairs",
#: the "Treasury Department" the "Department of the Treasury"
_PORTFOLIO_IN_FULL = {"Foreign": "Foreign Affairs", "Home": "Home Affairs", "Treasury": "the Treasury"}


def full_body(body: str) -> str:
    """The name a ministry or a department goes by, however an article puts it: "Health Ministry" and
    "Ministry of the Health" are the "Ministry of Health", the "Foreign Ministry" the "Ministry of Foreign
    Affairs", the "State Department" the "Department of State". Any other body as it is."""
    found = _PORTFOLIO_FIRST.fullmatch(body) or _MINISTRY_OF.fullmatch(body)
    if not found:
        return body
    return f"{found['head']} of {_PORTFOLIO_IN_FULL.get(found['portfolio'], found['portfolio'])}"


def body_variants(body: str) -> list[str]:
    """The names of a body that :func:`full_body` gives as ``body``: the "Ministry of Foreign Affairs" is
    also the "Foreign Ministry", the "Foreign Affairs Ministry" and the "Ministry of the Foreign Affairs"."""
    found = _MINISTRY_OF.fullmatch(body)
    if not found:
        return [body]
    head, portfolio = found["head"], found["portfolio"]
    short = next((k for k, v in _PORTFOLIO_IN_FULL.items() if v.removeprefix("the ") == portfolio), portfolio)
    return list(dict.fromkeys((body, f"{short} {head}", f"{portfolio} {head}", f"{head} of the {portfolio}",
                               f"{head} of {portfolio}")))


def body_forms(body: str, country: Entity) -> list[str]:
    """The ways an article names a country's body, with each of the country's names: "Russia's Foreign
    Ministry", "Russian Foreign Ministry", "Foreign Ministry of Russia", "Foreign Ministry of the United
    States"."""
    forms = []
    for owner in (country.name, *country.aliases):
        forms += [f"{owner}'s {body}", f"{owner} {body}", f"{body} of {owner}", f"{body} of the {owner}"]
        if owner.endswith("s"):
            forms.append(f"{owner}' {body}")  # "the Philippines' Supreme Court"
    return forms


def owned_body(name: str, country: Callable[[str], Entity | None]) -> tuple[Entity, str, int, int] | None:
    """Whose body every country has an organization's name says, and the body: "Russia's Foreign
    Ministry", "the Russian Foreign Ministry" and "Foreign Ministry of Russia" are all (Russia, "Foreign
    Ministry", where "Russia" or "Russian" is in the name). ``country`` gives the country a surface names by
    itself ("Russia", "Russian"), or None. None for another name, a body alone, or a country's own name
    before a body, which makes a name of its own ("Nigeria Labour Congress", "Bangladesh Bank"), but for one of
    :data:`LOWER_BODIES` ("China Coast Guard")."""
    lead = len(name) - len(stripped := _THE.sub("", name))
    found = _OWNER_BEFORE.fullmatch(stripped)
    if found and (body := bare_body(found["body"])) and (owner := country(found["owner"])):
        return owner, body, lead + found.start("owner"), lead + found.end("owner")
    for of in _OF.finditer(name):
        if (body := bare_body(name[:of.start()])) and (owner := country(name[of.end():])):
            return owner, body, of.end(), len(name)
    words = list(_WORD.finditer(name))
    for cut in range(1 + bool(lead), len(words)):  # "Russian Foreign Ministry", "South Korean Supreme Court"
        start, end = words[bool(lead)].start(), words[cut - 1].end()
        if (body := bare_body(name[words[cut].start():])) and (owner := country(name[start:end])) \
                and (owner.name != name[start:end] or body.lower() in LOWER_BODIES):
            return owner, body, start, end
    return None


def name_initial(text: str, tokens: list[Token]) -> bool:
    """Whether a leading function word is the first word of a name: capitalised in mid-sentence, right after
    a word or a comma ("Justice Nor Azlina Hashim", "said Nor Azlina Hashim, 52"), with two more name words
    after it. Not an article ("the The Remains of ..."), not after a full stop, a dash or a quote mark,
    where any word is capitalised ("— So Ruto said", "“Nor Ruto”")."""
    if len(tokens) < 3 or tokens[0].text.lower() not in FUNCTION_WORDS or tokens[0].text in ("The", "A", "An"):
        return False
    if not tokens[0].text[:1].isupper() or tokens[0].text.isupper() or tokens[0].possessive:
        return False
    before = text[max(0, tokens[0].start - 12): tokens[0].start].rstrip()
    if before.endswith("."):  # "Dr. Nor Azlina": a title's abbreviation, not a full stop
        word = before.split()[-1].lower() if before.split() else ""
        return word in TITLES
    return bool(before) and (before[-1].isalpha() or before[-1] == ",")


def name_start(text: str, tokens: list[Token]) -> list[Token]:
    """The tokens without the function words and compounds that lead them ("So", "Under", "London-based"),
    unless the function word starts a name (:func:`name_initial`)."""
    while tokens and ((tokens[0].text.lower() in FUNCTION_WORDS and not name_initial(text, tokens))
                      or PREFIX_COMPOUND.search(tokens[0].text)):
        tokens = tokens[1:]
    return tokens


def _person_cue(tokens: list[Token], cue_title: str, before: str, after: str,
                known: SpanIndex, initial: bool = False, owned: str = "") -> tuple[str, str] | None:
    """(role, cue) when the tokens are a person's name the text gives a cue for; ``owned``: the text after a
    possessive name, which may give the person a family."""
    if not is_person_name(tokens, initial) or covered(known, tokens[0].start, tokens[-1].end):
        return None
    if cue_title and not all(w.lower() in HONORIFICS for w in cue_title.split()):
        return cue_title.strip(), f"title '{cue_title.strip()}'"
    other = _other_person_cue(before, after) or (
        ("", "a person's family") if _PERSONAL_POSSESSION.match(owned) else None)  # "Aliya Suleimenova's husband"
    if cue_title:  # "Ratu Josefa Tuinamata, general manager of ...": the apposition says the role
        return (other[0] or cue_title.strip()) if other else cue_title.strip(), f"title '{cue_title.strip()}'"
    return other


def _other_person_cue(before: str, after: str) -> tuple[str, str] | None:
    """(role, cue) from what surrounds a name with no title before it."""
    if re.search(r"\bthe\s+$", before):
        return None  # "the Huancané Alto community", "the Minera Andina del Sur mine": no person takes "the"
    if _IN_PLACE.search(before):
        return None  # "In Can Tho, the centre forecast ...": a place
    if LED_BY.search(before, max(0, len(before) - NEAR)):
        return "", "leader of an organization"  # "the European Commission, led by Ursula von der Leyen"
    appos = APPOSITION.match(after)
    if appos:
        segment = appos.group(2).strip()
        starts = APPOSITION_START.match(segment + " ") or segment.split(" ")[0] in PERSON_NOUNS
        noun = _first_noun(segment)
        if starts and (segment.startswith(("who ", "whose ")) or noun == "person"):
            return _tidy_role(segment), "apposition"
        if _described_person(segment):  # "a 27-year-old Honduran who ...", "an Ashanti who runs a company"
            return re.split(r"\s(?:who|whose)\s", _tidy_role(segment))[0], "apposition with an age or origin"
        # "Aminu Bello, a taxi driver, said": an apposition closed by a reporting verb, whatever its noun
        closed = after[appos.end():]
        if starts and noun not in ("organization", "place") and re.match(r"\s*,", closed) and \
                REPORTING_AFTER.match(re.sub(r"^\s*,", "", closed)):
            return _tidy_role(segment), "apposition and reporting verb"
    # "Its chairman, C.C. Wei, said", "its owner, Aliko Dangote, has said": a role noun, then the name
    # "“...,” replied the administrator, Jahangir Alam.": the same, the name closing an inverted attribution
    role_first = ROLE_COMMA_BEFORE.search(before, max(0, len(before) - NEAR))
    if role_first and role_first.group(2) in PERSON_NOUNS | TITLES and (re.match(r"\s*,", after) or (
            re.match(r"\s*(?:[.;!?]|$)", after) and INVERTED_ROLE.search(before, max(0, len(before) - 2 * NEAR)))):
        owner = role_first.group(1)
        role = role_first.group(2) if owner.lower() in ("its", "his", "her", "their", "the", "a", "an") else \
            f"{owner} {role_first.group(2)}"
        return role, "role before the name"
    if REPORTING_AFTER.match(after) or REPORTING_BEFORE.search(before, max(0, len(before) - NEAR)):
        return "", "reporting verb"
    age = AGE_AFTER.match(after)
    if age and is_age(age.group(1)):
        return "", "age"  # "Maria Lopez, 45, lost her home"
    return None


#: what only a person has, after a possessive name: a family ("Aliya Suleimenova's husband"). Not an office,
#: a spokesman, a press secretary or lawyers, which companies have too ("Gazprom Neft's office said")
_PERSONAL_POSSESSION = re.compile(
    r"['’]s\s+(?:(?:late|former|estranged|eldest|elder|youngest|younger|only)\s+)?(?:wife|husband|widow|widower|sons?|"
    r"daughters?|mother|father|parents|brothers?|sisters?|children|grandsons?|granddaughters?|nephews?|nieces?|"
    r"fianc[eé]e?|girlfriend|boyfriend)\b(?![\s-]+(?:compan(?:y|ies)|firms?|groups?|banks?|brands?|airlines?|"
    r"papers?|publications?|channels?|stations?|networks?|agenc(?:y|ies)|organi[sz]ations?|units?|ships?|cit(?:y|ies)))")

#: a preposition of place right before a phrase: "in Can Tho", "near San Marcos"
_IN_PLACE = re.compile(r"\b(?:in|near|outside|across|throughout|inside)\s+$", re.IGNORECASE)


def _described_person(segment: str) -> bool:
    """An apposition that describes a person by age or origin with no role noun: "a 27-year-old Honduran
    who ...", "a 34-year-old", "an Ecuadorian who ...". Not "a 58-year-old tradition" or "a Brussels think
    tank": a lower-case word after the description must be a person noun or "who"."""
    match = DESCRIBED.match(segment)
    if not match:
        return False
    age, word, noun = match.groups()
    if age and not is_age(age):
        return False
    if word and noun is None and segment[match.end():].strip()[:1].isupper():
        return False  # "the Southern Regional Center": a name goes on, no demonym describes a person
    if noun is not None and noun not in PERSON_NOUNS and noun not in DESCRIBED_NEXT:
        return False
    return bool(age or word)


def _org_span(text: str, phrase: Phrase, following: tuple[Phrase, ...], known: SpanIndex,
              before: str, countries: Callable[[], SpanIndex] | None = None) -> Classified | None:
    tokens = list(phrase.tokens)
    based = False  # "Swiss-based Glencore": a company
    while tokens and (tokens[0].text in ("The", "A", "An") or PREFIX_COMPOUND.search(tokens[0].text)):
        based = based or bool(BASED_BEFORE.search(tokens[0].text))
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    possessive = tokens[-1].possessive
    heads = [t.text.lower() in ORG_HEADS for t in tokens]
    end, possessive = _joined(text, tokens, following, known, heads, countries)
    if covered(known, start, end):
        return None  # a registry name holds it (most phrases): no cue need be looked for
    after = text[end: end + WINDOW] if not possessive else ""
    name_len = len(text[start:end].split())
    acronym = name_len == 1 and len(tokens[0].text) >= 3 and tokens[0].text.isupper() and tokens[0].text.isalpha()
    cue = ""
    role = ""
    if (heads[-1] or (len(heads) > 1 and any(heads[:-1]) and end != tokens[-1].end)
            or tokens[0].text.lower() in ORG_INITIALS) and name_len >= 2:
        cue = "name of an organization"
    # each cue is looked for only while none is found: a block has hundreds of phrases, and most have none
    near = max(0, len(before) - NEAR)
    if not cue and not heads[-1]:
        noun_after = ORG_NOUN_AFTER.match(after) or (ACRONYM_NOUN_AFTER.match(after) if name_len == 1 else None)
        if noun_after and not re.match(r"\s+[A-Z]", after[noun_after.end():]):
            # (not "the Christian union CSC": the name after the noun is the organization)
            cue, role = f"'{noun_after.group(1)}' after it", noun_after.group(1)
    if not cue:
        noun_before = (ACRONYM_NOUN_BEFORE if acronym else ORG_NOUN_BEFORE).search(before, near)
        if noun_before and (acronym or THE_BEFORE.search(before, near)):
            cue, role = f"'{noun_before.group(1)}' before it", noun_before.group(1)
    if not cue and name_len == 1 and (based or OWNER_BEFORE.search(before, near)):
        cue = "a company's name"  # "Swiss-based Glencore", "the terminal operated by Fluxys"
    if not cue:
        appos = APPOSITION.match(after)
        if appos and APPOSITION_START.match(appos.group(2).strip() + " ") \
                and _first_noun(appos.group(2)) == "organization":
            cue, role = "apposition", _tidy_role(appos.group(2))
    if not cue and _last_word_is(before, WORKPLACE_LAST_WORDS) and WORKPLACE_BEFORE.search(before, near):
        cue = "workplace of a person"
    if not cue and name_len >= 2 and _acronym_after(text[start:end], after, before):
        cue = "acronym in brackets"  # "the medical coordinator for Doctors Without Borders (MSF)"
    if not cue and acronym and (REPORTING_AFTER.match(after) or REPORTING_BEFORE.search(before, near)):
        cue = "reporting verb"
    if not cue:
        return None
    if name_len == 1 and tokens[0].text.lower() in ORG_HEADS:
        return None  # "the Commission": a generic head word alone names nothing
    return ("organization", start, end, role, cue)


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")
_OF_BEFORE = re.compile(r"\b(?:the|for|of|at|with|by|from|joined|to)\s+$")


def _acronym_after(name: str, after: str, before: str) -> bool:
    """Whether a name is followed by an acronym in brackets, as an organization's is: "Republican People's
    Party (CHP)", "Doctors Without Borders (MSF)". The acronym is the name's initials, or a preposition
    stands before the name, or a capitalised one is in it (a person's party in brackets, "Imran Khan (PTI)",
    is none of these)."""
    match = _ACRONYM_AFTER.match(after)
    if not match:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’.-]*", name) if w[0].isupper())
    return match.group(1) == initials or bool(_OF_BEFORE.search(before)) or bool(NAME_GOES_ON.search(name))


#: an organization's acronym, as a name of its own: capitals ("FFA", "MACC"), or capitals and then lower case
#: ("KSrelief"); not one capital and lower case ("Reuters")
ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}(?:[a-z]{3,})?")
_BRACKETED = re.compile(r"[ \t]*\((" + ACRONYM.pattern + r")\)")


def bracketed_acronym(text: str, end: int) -> str:
    """The acronym in brackets right after a name that ends at ``end``: "FFA" of "Pacific Islands Forum Fisheries
    Agency (FFA)"; "" if there is none."""
    match = _BRACKETED.match(text, end)
    return match.group(1) if match else ""


def initials(name: str) -> str:
    """The capitals that start a name's words and their hyphened parts: "MACC" of "Malaysian Anti-Corruption
    Commission", "ICRC" of "International Committee of the Red Cross"."""
    return "".join(w[0] for w in re.split(r"[\s‐-]+", name) if w[:1].isupper())


_COMMA_GAP = re.compile(r",[ ]+")
_LIST_HEADS = ("Ministry", "Department")


def _portfolios_listed(text: str, end: int, rest: tuple[Phrase, ...], last: Callable[[Phrase], bool]) -> bool:
    """Whether the phrases from ``end`` on list a ministry's portfolios, with commas and then "and" before the
    ``last`` phrase: ", Urbanisation and Climate Change Ministry" (the last ends in the head word), ", Forestry
    and Fisheries" (after "Ministry of Agriculture": the last is a portfolio)."""
    for phrase in rest:
        gap = text[end: phrase.start]
        words = phrase.tokens
        if any(t.possessive for t in words) or any(t.text.lower() in ORG_HEADS for t in words[:-1]):
            return False
        if _AND_GAP.fullmatch(gap):
            return last(phrase)
        if not _COMMA_GAP.fullmatch(gap) or words[-1].text.lower() in ORG_HEADS:
            return False
        end = phrase.end
    return False


def _ends_in_head(phrase: Phrase) -> bool:
    """Whether a phrase ends a ministry's or a department's name after its portfolios: "Climate Change Ministry"."""
    return len(phrase.tokens) > 1 and phrase.tokens[-1].text in _LIST_HEADS


#: what joins two phrases of one organization's name: "Law Society of Kenya", "Center for Regional Studies"
_OF_GAP = re.compile(r"\s+(?:of|for|on)(?:\s+the)?\s+")
_AND_GAP = re.compile(r"\s+and\s+")
#: a plural possessive inside a name: "National Garment Workers’ Solidarity Front"
_PLURAL_POSSESSIVE_GAP = re.compile(r"['’]\s+")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+")
#: any gap over which :func:`_joined` may carry a name on to the next phrase
_JOINING_GAP = re.compile("|".join(p.pattern for p in (_OF_GAP, _AND_GAP, _PLURAL_POSSESSIVE_GAP, _POSSESSIVE_GAP)))


def _may_go_on(text: str, phrase: Phrase, nxt: Phrase | None) -> bool:
    """Whether :func:`_joined` could carry an organization's name from this phrase on to the next: only over
    one of its gaps (so a phrase that a registry name holds, and that cannot go on, names nothing new)."""
    return nxt is not None and bool(_JOINING_GAP.fullmatch(text, phrase.end, nxt.start))


def _joined(text: str, tokens: list[Token], following: tuple[Phrase, ...], known: SpanIndex,
            heads: list[bool], countries: Callable[[], SpanIndex] | None = None) -> tuple[int, bool]:
    """Where an organization's name that starts with ``tokens`` ends, and whether it ends in a possessive: it
    goes on over "of", "for" or "on" after a head word ("Department of Inspection for Factories"), over "and"
    to a phrase that ends in a head word ("Independent Electoral and Boundaries Commission", "Fire Service and
    Civil Defence") or, once "of" has joined, in a plural noun ("... for Factories and Establishments"), and
    over a plural possessive to a head word ("Garment Workers’ Solidarity Front", "Republican People's
    Party"). Not over a registered name after "and" ("the Commission and Kenya") nor from a phrase that ends
    in one ("Kenya and the ..."). After a second "of", only to a name of its own, or to the country whose
    body every country has it names ("Ministry of Health of Kenya", given ``countries``)."""
    end, possessive = tokens[-1].end, tokens[-1].possessive
    last = tokens[-1].text
    registered = _overlaps(known, tokens[0].start, end)  # "Bangladesh Garment Manufacturers": a name in it
    ends_free = not _overlaps(known, tokens[-1].start, end)
    of_joins = 0
    for nxt in following:
        gap = text[end: nxt.start]
        nxt_head = nxt.tokens[-1].text.lower() in ORG_HEADS
        free = not _overlaps(known, nxt.start, nxt.end)
        if possessive:
            joins = bool(nxt_head and _POSSESSIVE_GAP.fullmatch(gap) and plural_noun(last))
        elif _OF_GAP.fullmatch(gap):
            # not "University of Nairobi for Kenya", nor from a registered name: "talks with Soviet Union on
            # Taliban" ("Union" is a head word, but of a country's name)
            joins = any(heads) and ends_free and (not of_joins or free or (
                countries is not None and bool(bare_body(text[tokens[0].start: end]))
                and countries().covering(nxt.start, nxt.end)))
            of_joins += joins
        elif _COMMA_GAP.fullmatch(gap):
            # a list of portfolios: before the head ("the Environment, Urbanisation and Climate Change Ministry"),
            # or after "of" ("Ministry of Agriculture, Forestry and Fisheries")
            rest = following[following.index(nxt):]
            joins = free and not registered and (
                (not of_joins and not any(heads) and _portfolios_listed(text, end, rest, _ends_in_head))
                or (of_joins > 0 and _portfolio(last) and _portfolios_listed(text, end, rest, _portfolio_phrase)))
        elif _AND_GAP.fullmatch(gap):
            # "Kenya Airways and Uganda ...": a complete name with a registered one in it is not continued
            # (after "of", not to another body: "the Ministry of Finance and Trade Union leaders")
            joins = free and ends_free and ((nxt_head and (not registered or not heads[-1]) and not of_joins)
                                            or (of_joins > 0 and len(nxt.tokens) == 1 and _plural(nxt.tokens[0]))
                                            or (of_joins > 0 and _portfolio(last) and _portfolio_phrase(nxt)))
        else:
            joins = bool(_PLURAL_POSSESSIVE_GAP.fullmatch(gap) and nxt_head and plural_noun(last))
        if not joins:
            break
        end, possessive, last = nxt.end, nxt.tokens[-1].possessive, nxt.tokens[-1].text
        ends_free = free
        registered = registered or not free
        heads.append(nxt_head)
    return end, possessive


#: what a ministry is of, besides the departments' words: "Ministry of Agriculture and Rural Development",
#: "Ministry of Environment and Natural Resources", "Ministry of Labour and Social Welfare"
_PORTFOLIO_WORDS = frozenset(("rural", "natural", "resources", "social", "welfare", "technology", "innovation",
                              "investment", "family", "women", "children", "employment", "science", "research",
                              "infrastructure", "works", "cooperation", "integration", "protection", "affairs",
                              "urban", "local", "regional", "public", "administration", "reform", "reforms",
                              "construction", "mining", "oil", "gas", "power", "fisheries", "livestock",
                              "food", "lands", "land", "transportation", "telecommunications", "arts", "heritage"))


def _portfolio(word: str) -> bool:
    return word.lower() in DEPARTMENTS or word.lower() in _PORTFOLIO_WORDS


def _portfolio_phrase(phrase: Phrase) -> bool:
    """Whether a phrase after "and" goes on the portfolio of a ministry that "of" began ("Ministry of Industry
    and Trade"): up to three words, each a portfolio's, none a possessive or a head word ("Trade Union")."""
    return len(phrase.tokens) <= 3 and all(_portfolio(t.text) and not t.possessive and t.text[1:].islower()
                                           for t in phrase.tokens)


def _plural(token: Token) -> bool:
    """A capitalised word that looks like a plural common noun ("Establishments", "Factories", "Affairs"); it
    joins a name over "and" only after "of" or "for" has ("Department of Inspection for Factories and ...")."""
    word = token.text
    return not token.possessive and len(word) >= 6 and word[1:].islower() and word.endswith("s") and \
        not word.endswith(("ss", "us", "is"))


def _first_noun(segment: str) -> str:
    """Whether an apposition is about a person ("a spokesman for ..."), an organization ("the
    Brussels-based think tank") or a place ("a city in Honduras"): whichever kind of noun comes first among
    its lower-case words. A place noun counts only as the head, the last word before any preposition ("a
    state agency" is an organization, "a schoolteacher in the village" a person)."""
    lowered = segment
    for org_noun in ("think tank", "news agency"):
        lowered = lowered.replace(org_noun, org_noun.replace(" ", "_"))
    head = ""  # the last word before the first preposition: "city" in "a small city in Honduras"
    in_head = True
    for word in re.findall(r"(?<![\w'’])[a-z][\w_'’-]*", lowered):
        if word.endswith(("'s", "’s")):
            continue
        if in_head and word in _AFTER_HEAD:
            if head in PLACE_NOUNS:
                return "place"
            in_head = False
        if word in PERSON_NOUNS or _TRADE.fullmatch(word):
            return "person"
        if word.replace("_", " ") in ORG_NOUNS:
            return "organization"
        head = word if in_head else head
    return "place" if in_head and head in PLACE_NOUNS else ""


#: a noun of a trade or field: "a hydrologist", "a technician", "a librarian"
_TRADE = re.compile(r"[a-z]{3,}(?:ist|ian)")
_AFTER_HEAD = frozenset(("in", "of", "at", "from", "near", "on", "for", "with", "who", "whose", "that", "which", "and"))


def _role_before(before: str) -> str:
    """The lower-case (and adjective) words right before a title: "deputy State Department spokesman"."""
    tail = re.split(r"[,.;:“”\"()—]|\b(?:the|a|an|and|by|with|said|says|to|from|on|in|between|for|of|at|after|"
                    r"before|as|into|over|under|while|when|during|than|that|which|who)\s", before,
                    flags=re.IGNORECASE)[-1]
    words: list[str] = []
    for word in reversed(tail.split()[-4:]):
        if word.lower() in _NOT_ROLE or re.search(r"[a-z](?:ed|ing)$", word):
            break  # "a dispute that has shadowed President X": the role is "President"
        words.insert(0, word)
    return (" ".join(words) + " ") if words else ""


_NOT_ROLE = frozenset(("has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "can",
                       "could", "may", "might", "met", "told", "also", "then", "not", "its", "their", "his", "her"))


def _tidy_role(segment: str) -> str:
    segment = re.sub(r"^(?:who|whose|a|an|the)\s+", "", segment.strip())
    return segment.split(" said")[0].split(" told")[0].strip()[:100]


def is_person_name(tokens: list[Token], initial: bool = False) -> bool:
    """Whether tokens can be a person's name: two to five name words, none a title, a head word of an
    organization, a day or month, a function word (but the first when ``initial``: see :func:`name_initial`)
    or an acronym, and not starting with an organization's first word ("Minera Andina del Sur")."""
    # a particle is no name word ("da Silva"), unless capitalised after the first word ("Le Van Hung", "Marc
    # Van den Bossche"); a capitalised one first is a newspaper or a place as often ("Le Monde", "La Paz")
    words = [t.text for i, t in enumerate(tokens) if (t.text.lower() not in PARTICLES or (i and t.text[:1].isupper()))
             and t.text.lower().rstrip(".") not in SUFFIXES]
    if not 2 <= len(words) <= 5 or words[0].lower() in ORG_INITIALS or plural_noun(words[-1]):
        return False
    for index, word in enumerate(words):
        lower = word.lower()
        if (lower in TITLES and not (index == 0 and lower in NAME_TITLES)) or lower in ORG_HEADS or (
                lower in DAYS_MONTHS and not (lower in MONTHS and 0 < index == len(words) - 1)) or (
                lower in FUNCTION_WORDS and not (initial and index == 0)):  # a month last: "Theresa May"
            return False
        if len(word) > 1 and word.isupper() and not word.endswith("."):
            return False  # an acronym
        if word.endswith(".") and len(word) > 2 and not (index == 0 and word[:-1] in GIVEN_ABBREVIATIONS):
            return False  # "U.S.", "Gen." (not "Ma." for "Maria")
    return not tokens[-1].text.endswith(".") or tokens[-1].text.lower().rstrip(".") in SUFFIXES



def plural_noun(word: str) -> bool:
    """Whether a capitalised word is the plural of a noun for people ("Workers", "Engineers", "Economists",
    "Physicians"): the last word of an organization's name ("Chamber of Civil Engineers", "National Garment
    Workers' ..."), never of a person's."""
    lower = word.lower()
    if lower in _PLURAL_PEOPLE:
        return True
    if not lower.endswith("s") or len(lower) < 5 or lower in _SURNAMES_IN_S:
        return False
    return lower[:-1] in PERSON_NOUNS or bool(_TRADE.fullmatch(lower[:-1]))


_PLURAL_PEOPLE = frozenset(("fishermen", "businessmen", "businesswomen", "women", "children", "people", "peoples",
                            "policemen", "firemen"))
#: surnames that are such a plural as well
_SURNAMES_IN_S = frozenset(("fellows", "judges", "masters", "sisters", "brothers"))
