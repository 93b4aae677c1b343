"""What a capitalised phrase names, judged from the cues around it: a person, an organization or nothing.

:func:`classify` looks at one phrase of a block and the few words before and after it (a window of
``WINDOW`` characters), so a block costs one look per phrase. A title inside or before the phrase, an
apposition, a role noun before it, a reporting verb or an age make a person; a head word, a cue noun or an
apposition about an organization make an organization. A person needs two name words ("Jordan Reyes"):
one word alone is never guessed here (see :mod:`dossier.surnames` for a surname the article links to a
full name).
"""

from __future__ import annotations

import re

from .cues import (
    AGE_AFTER,
    APPOSITION,
    APPOSITION_START,
    DAYS_MONTHS,
    DEPARTMENTS,
    DESCRIBED,
    DESCRIBED_NEXT,
    FUNCTION_WORDS,
    NEAR,
    ORG_HEADS,
    ORG_NOUN_AFTER,
    ORG_NOUN_BEFORE,
    ORG_NOUNS,
    PERSON_NOUNS,
    PREFIX_COMPOUND,
    REPORTING_AFTER,
    REPORTING_BEFORE,
    ROLE_COMMA_BEFORE,
    THE_BEFORE,
    TITLE_BEFORE,
    TITLES,
    WINDOW,
    WORKPLACE_BEFORE,
    is_age,
)
from .phrases import Phrase, SpanIndex, Token
from .variants import PARTICLES, SUFFIXES

Classified = tuple[str, int, int, str, str]  # (type, start, end, role, cue)


def covered(known: SpanIndex, start: int, end: int) -> bool:
    """True when a registry name overlaps the span and is not shorter than it (the registry wins)."""
    return any((e - s) >= (end - start) for s, e in known.overlapping(start, end))


def _overlaps(known: SpanIndex, start: int, end: int) -> bool:
    return bool(known.overlapping(start, end))


def classify(text: str, phrase: Phrase, nxt: Phrase | None,
              known: SpanIndex) -> list[Classified]:
    """(type, start, end, role, cue) of what the phrase names, if the text gives a cue."""
    tokens = list(phrase.tokens)
    out: list[Classified] = []
    before = text[max(0, phrase.start - WINDOW): phrase.start]  # cues are near: a window keeps this linear
    after = text[phrase.end: phrase.end + WINDOW] if not tokens[-1].possessive else ""
    # a title inside the phrase: "Hungarian Prime Minister Viktor Orbán", "European Council President X"
    title_at = max((i for i, t in enumerate(tokens) if t.text.lower() in TITLES), default=-1)
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
        lower_title = TITLE_BEFORE.search(before, max(0, len(before) - NEAR))
        if lower_title and lower_title.group(1).lower() in TITLES:
            title_start = phrase.start - len(before) + lower_title.start(1)
    if title_start >= 0:
        while tokens and tokens[0].text.lower() in DEPARTMENTS:
            tokens = tokens[1:]  # "Secretary of State Marco Rubio"
        if tokens:
            title = " ".join(text[title_start: tokens[0].start].split())
            cue_title = _role_before(text[max(0, title_start - WINDOW): title_start]) + title
    while tokens and tokens[0].text.lower() in FUNCTION_WORDS:
        tokens = tokens[1:]
    if not tokens:
        return out
    start, end = tokens[0].start, tokens[-1].end
    person = _person_cue(tokens, cue_title, before, after, known)
    if person:
        out.append(("person", start, end, *person))
        return out
    org = _org_span(text, phrase, nxt, known, before)
    if org:
        out.append(org)
    return out


def _person_cue(tokens: list[Token], cue_title: str, before: str, after: str,
                known: SpanIndex) -> tuple[str, str] | None:
    """(role, cue) when the tokens are a person's name the text gives a cue for."""
    if not is_person_name(tokens) or covered(known, tokens[0].start, tokens[-1].end):
        return None
    if cue_title:
        return cue_title.strip(), f"title '{cue_title.strip()}'"
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
        if starts and noun != "organization" and re.match(r"\s*,", closed) and \
                REPORTING_AFTER.match(re.sub(r"^\s*,", "", closed)):
            return _tidy_role(segment), "apposition and reporting verb"
    # "Its chairman, C.C. Wei, said", "its owner, Aliko Dangote, has said": a role noun, then the name
    role_first = ROLE_COMMA_BEFORE.search(before, max(0, len(before) - NEAR))
    if role_first and role_first.group(2) in PERSON_NOUNS | TITLES and re.match(r"\s*,", after):
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
    if noun is not None and noun not in PERSON_NOUNS and noun not in DESCRIBED_NEXT:
        return False
    return bool(age or word)


def _org_span(text: str, phrase: Phrase, nxt: Phrase | None, known: SpanIndex,
              before: str) -> Classified | None:
    tokens = list(phrase.tokens)
    while tokens and (tokens[0].text in ("The", "A", "An") or PREFIX_COMPOUND.search(tokens[0].text)):
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    possessive = tokens[-1].possessive
    heads = [t.text.lower() in ORG_HEADS for t in tokens]
    # "Law Society of Kenya", "Independent Electoral and Boundaries Commission", "Center for Regional Studies"
    if nxt is not None and not possessive:
        gap = text[end: nxt.start]
        joins = re.fullmatch(r"\s+(?:of|for|on)(?:\s+the)?\s+|\s+and\s+", gap)
        nxt_head = nxt.tokens[-1].text.lower() in ORG_HEADS
        free = not _overlaps(known, start, end) and not _overlaps(known, nxt.start, nxt.end)
        if joins and ((any(heads) and "and" not in gap) or (nxt_head and "and" in gap and free)):
            end = nxt.end
            possessive = nxt.tokens[-1].possessive
            heads.append(nxt_head)
    after = text[end: end + WINDOW] if not possessive else ""
    name_len = len(text[start:end].split())
    acronym = name_len == 1 and len(tokens[0].text) >= 3 and tokens[0].text.isupper() and tokens[0].text.isalpha()
    cue = ""
    role = ""
    if (heads[-1] or (len(heads) > 1 and any(heads[:-1]) and end != tokens[-1].end)) and name_len >= 2:
        cue = "name of an organization"
    noun_after = ORG_NOUN_AFTER.match(after)
    noun_before = ORG_NOUN_BEFORE.search(before, max(0, len(before) - NEAR))
    if not cue and noun_after and not heads[-1]:
        cue, role = f"'{noun_after.group(1)}' after it", noun_after.group(1)
    if not cue and noun_before and THE_BEFORE.search(before, max(0, len(before) - NEAR)):
        cue, role = f"'{noun_before.group(1)}' before it", noun_before.group(1)
    appos = APPOSITION.match(after)
    if not cue and appos and APPOSITION_START.match(appos.group(2).strip() + " ") \
            and _first_noun(appos.group(2)) == "organization":
        cue, role = "apposition", _tidy_role(appos.group(2))
    if not cue and WORKPLACE_BEFORE.search(before, max(0, len(before) - NEAR)):
        cue = "workplace of a person"
    reported = REPORTING_AFTER.match(after) or REPORTING_BEFORE.search(before, max(0, len(before) - NEAR))
    if not cue and acronym and reported:
        cue = "reporting verb"
    if not cue or covered(known, start, end):
        return None
    if name_len == 1 and tokens[0].text.lower() in ORG_HEADS:
        return None  # "the Commission": a generic head word alone names nothing
    return ("organization", start, end, role, cue)


def _first_noun(segment: str) -> str:
    """Whether an apposition is about a person ("a spokesman for ...") or an organization ("the
    Brussels-based think tank"): whichever kind of noun comes first among its lower-case words."""
    lowered = segment
    for org_noun in ("think tank", "news agency"):
        lowered = lowered.replace(org_noun, org_noun.replace(" ", "_"))
    for word in re.findall(r"(?<![\w'’])[a-z][\w_'’-]*", lowered):
        if word.endswith(("'s", "’s")):
            continue
        if word in PERSON_NOUNS:
            return "person"
        if word.replace("_", " ") in ORG_NOUNS:
            return "organization"
    return ""


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


def is_person_name(tokens: list[Token]) -> bool:
    words = [t.text for t in tokens if t.text.lower() not in PARTICLES and t.text.lower().rstrip(".") not in SUFFIXES]
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        lower = word.lower()
        if lower in TITLES or lower in ORG_HEADS or lower in DAYS_MONTHS or lower in FUNCTION_WORDS:
            return False
        if len(word) > 1 and word.isupper() and not word.endswith("."):
            return False  # an acronym
        if word.endswith(".") and len(word) > 2:
            return False  # "U.S.", "Gen."
    return not tokens[-1].text.endswith(".") or tokens[-1].text.lower().rstrip(".") in SUFFIXES

