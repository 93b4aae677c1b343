"""People and organizations the registry does not know, found from the cues news prose gives.

A capitalised phrase becomes a *discovered* entity only with a cue: a title or role before it
("President X", "Uzbek President X", "Kremlin spokesman X"), an apposition after it ("X, director of
...", "X, a professor at ...", "X, the Brussels-based think tank"), a reporting verb after it ("X said",
"X told"), or, for an organization, a head word of its own ("... Council", "... Institute", "... of
Kenya") or a cue noun ("the newspaper X", "the X party"). A phrase with no cue is left for the editor's
report. Discovery reads each block once with a few anchored regexes around the capitalised phrases of
one scan, so it stays linear in the text; the names it finds then go into one automaton for the corpus.

Ambiguous names are not guessed: a discovered person needs two name words ("Jordan Reyes"), never one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .model import Article, ArticleAnalysis, Entity, SourceLocation
from .text import slugify
from .variants import PARTICLES, SUFFIXES, key, short_forms

if TYPE_CHECKING:
    from .extract import Matcher

#: words that introduce a person when they stand right before the name (case-insensitive)
TITLES = frozenset((
    "president", "vice-president", "prime", "minister", "premier", "chancellor", "senator", "sen.", "rep.",
    "representative", "congressman", "congresswoman", "governor", "gov.", "mayor", "king", "queen", "prince",
    "princess", "sheikh", "emir", "pope", "ayatollah", "cardinal", "archbishop", "bishop", "rabbi", "imam",
    "general", "gen.", "lt.", "lt", "col.", "col", "maj.", "capt.", "adm.", "admiral", "commodore", "colonel",
    "lieutenant", "captain", "sergeant", "commander", "marshal", "brigadier", "leader", "speaker", "secretary",
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair",
    "director", "judge", "justice", "dr.", "mr.", "mrs.", "ms.", "prof.", "professor", "commissioner",
    "coordinator", "economist", "analyst", "lawmaker", "officer", "chief", "ceo", "founder", "president-elect",
    "activist", "journalist", "columnist", "correspondent", "lawyer", "attorney", "candidate", "negotiator",
    "adviser", "advisor", "aide", "mp"
))
#: ministry words between a title and a name ("Secretary of State Marco Rubio", "Energy Minister X")
DEPARTMENTS = frozenset((
    "state", "defense", "defence", "foreign", "affairs", "interior", "finance", "justice", "energy", "economy",
    "trade", "health", "education", "agriculture", "climate", "environment", "labor", "labour", "transport",
    "homeland", "security", "treasury", "commerce", "industry", "culture", "information", "digital",
    "development", "planning", "water", "economic", "deputy", "majority", "minority", "opposition", "house",
    "senate", "national", "general", "attorney", "first"
))
#: nouns that say a person is meant, in an apposition ("X, a senior fellow at ...")
PERSON_NOUNS = frozenset((
    "spokesman", "spokeswoman", "spokesperson", "head", "chief", "researcher", "scientist", "fellow",
    "professor", "economist", "analyst", "expert", "director", "founder", "co-founder", "member", "official",
    "farmer", "lawyer", "coordinator", "representative", "negotiator", "commander", "adviser", "advisor",
    "aide", "secretary", "executive", "chairman", "chairwoman", "chair", "president", "leader", "minister",
    "ambassador", "editor", "reporter", "correspondent", "resident", "student", "worker", "owner", "manager",
    "activist", "candidate", "deputy", "commissioner", "mayor", "governor", "lawmaker", "legislator", "senator",
    "envoy", "author", "historian", "scholar", "lecturer", "teacher", "doctor", "nurse", "engineer", "officer",
    "general", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "veteran",
    "partner", "consultant", "strategist", "investor", "banker", "trader", "photographer", "journalist",
    "columnist", "writer", "novelist", "poet", "artist", "singer", "actor", "coach", "player", "captain",
    "priest", "imam", "rabbi", "bishop", "monk", "judge", "prosecutor", "attorney", "diplomat", "politician",
    "economist", "scientist", "researcher", "surgeon", "physician", "pilot", "soldier", "survivor", "witness",
    "victim", "refugee", "teenager", "woman", "man", "mp", "premier", "driver", "vendor", "shopkeeper",
    "mechanic", "miner", "fisherman", "pensioner", "retiree", "commuter", "voter", "protester", "demonstrator",
    "laborer", "labourer", "villager", "herder", "chef", "grandmother", "grandfather", "widow", "volunteer",
    "organizer", "organiser", "campaigner", "lecturer", "pastor", "cleric", "entrepreneur", "businessman",
    "businesswoman", "shareholder", "employee", "staffer", "nominee", "appointee", "successor", "predecessor"
))
#: nouns that say an organization is meant, right before or after the name or in an apposition
ORG_NOUNS = ("think tank", "news agency", "newspaper", "daily", "weekly", "magazine", "broadcaster", "radio",
             "television", "channel", "agency", "party", "bloc", "alliance", "coalition", "group", "company",
             "firm", "organization", "organisation", "institute", "university", "network", "movement", "union",
             "militia", "charity", "foundation", "outlet", "website", "body", "court", "council", "commission")
#: last words of an organization's name
ORG_HEADS = frozenset((
    "council", "institute", "institution", "commission", "committee", "authority", "agency", "association",
    "society", "union", "alliance", "movement", "party", "front", "league", "coalition", "federation",
    "congress", "assembly", "parliament", "senate", "court", "tribunal", "department", "ministry", "office",
    "bureau", "service", "services", "university", "college", "academy", "school", "center", "centre",
    "foundation", "fund", "bank", "group", "corporation", "company", "inc.", "ltd.", "organization",
    "organisation", "guard", "army", "navy", "police", "forum", "network", "dialogue", "trust", "board",
    "nations", "states", "forces", "press", "times", "post", "news", "journal", "herald", "gazette", "tribune",
    "monitor", "television", "radio", "broadcasting"
))
DAYS_MONTHS = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"
))
#: capitalised at a sentence start but not a name; the corpus's own lower-case words are added to these
FUNCTION_WORDS = frozenset((
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "but", "and", "or", "nor",
    "so", "yet", "as", "if", "when", "while", "after", "before", "since", "because", "although", "though",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "our", "their", "his",
    "her", "my", "your", "there", "here", "what", "which", "who", "whom", "whose", "where", "why", "how",
    "every", "each", "some", "both", "all", "any", "no", "not", "one", "two", "three", "many", "most", "more",
    "much", "few", "several", "other", "another", "such", "then", "now", "today", "yesterday", "tomorrow",
    "late", "early", "under", "over", "speaking", "asked", "according", "meanwhile", "however", "still", "also",
    "even", "only", "just", "also"
))
WINDOW = 200  # characters around a phrase that its cues are looked for in
ABBREVIATIONS = frozenset({"Jr", "Sr", "Lt", "Gen", "Col", "Dr", "Mr", "Mrs", "Ms", "Sen", "Rep", "Gov", "St",
                           "Maj", "Capt", "Adm", "Prof", "Inc", "Ltd", "Sgt", "Cmdr"})
REPORTING_AFTER = re.compile(
    r"\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|have\s+)?(?:said|says|told|tells|wrote|writes|noted|"
    r"added|stated|warned|warns|argued|argues|explained|urged|insisted|announced|acknowledged|"
    r"recalled|replied|declared|remarked|commented|observed|stressed|claimed|conceded|predicted|"
    r"tweeted|posted|reported|estimated|welcomed|cautioned|complained|confirmed|denied|accused|"
    r"called|asked)\b")
REPORTING_BEFORE = re.compile(r"\b(?:said|says|according to|wrote|told)\s+$")
APPOSITION = re.compile(r"\s*,\s+(?:(\d{1,3}),\s+)?((?:[^,.;:“”\"()—]|\.(?=[A-Za-z])|(?<=[A-Z])\.(?=\s[a-z])){2,120})")
#: how an apposition starts: an article, a relative pronoun, a possessive or a role noun
APPOSITION_START = re.compile(r"(?:a|an|the|one|who|whose|[A-Z][\w.-]*['’]s)\s")
_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;]\s*[“\"‘']?|^\s*[“\"‘'(]|[“\"]\s*)\s*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’‐-]*")
_PREFIX_COMPOUND = re.compile(r"-(?:based|led|backed|owned|run|funded|born|controlled|affiliated|linked|"
                              r"aligned|allied|appointed)$", re.IGNORECASE)


class Token(NamedTuple):
    """A word of a phrase (a named tuple: a block has many, and they are made in the inner loop)."""

    start: int
    end: int
    text: str
    possessive: bool = False  # "Ruto's" (text is "Ruto")


class Phrase(NamedTuple):
    """A run of capitalised words (with name particles inside) in one block."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    def text_of(self, text: str) -> str:
        return text[self.start: self.end]


def scan_phrases(text: str, vocabulary: frozenset[str] = frozenset()) -> tuple[Phrase, ...]:
    """The capitalised phrases of a text, left to right. A word that starts a sentence and is also used
    in lower case ("The", "Speaking", "Analysts") is not part of a phrase; nor are days and months.
    Discovery, variant matching and the editor's report all scan each block: the result is cached."""
    return _scan(text, frozenset(vocabulary))


@lru_cache(maxsize=4096)
def _scan(text: str, vocab: frozenset[str]) -> tuple[Phrase, ...]:
    phrases: list[Phrase] = []
    current: list[Token] = []
    pending: list[Token] = []  # particles waiting for the capitalised word that keeps them
    size = len(text)
    for match in _TOKEN.finditer(text):
        word = match.group()
        first = word[0]
        if not first.isupper() and not (word[:3] in ("al-", "el-") and len(word) > 3 and word[3].isupper()):
            if current and word in PARTICLES:
                last = pending[-1] if pending else current[-1]
                if not text[last.end: match.start()].strip() and not last.possessive:
                    pending.append(Token(match.start(), match.end(), word))
                    continue
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
        word = word.rstrip("'’‐-")
        start, end = match.start(), match.start() + len(word)
        possessive = False
        if len(word) > 2 and (word.endswith("'s") or word.endswith("’s")):
            word, end, possessive = word[:-2], end - 2, True
        if end < size and text[end] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            word, end = word + ".", end + 1
        lower = word.lower()
        if lower.rstrip(".") in DAYS_MONTHS or (
                (lower in vocab or lower in FUNCTION_WORDS) and _sentence_initial(text, start)):
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
        token = Token(start, end, word, possessive)
        previous = pending[-1] if pending else (current[-1] if current else None)
        if previous is not None and not previous.possessive and not text[previous.end: start].strip() \
                and "\n" not in text[previous.end: start]:
            current.extend(pending)
            current.append(token)
        else:
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
            current = [token]
        pending = []
    if current:
        phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
    return tuple(phrases)


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_BREAK.search(text[max(0, start - 4): start])) if start else True


def vocabulary_of(articles: Iterable[Article]) -> frozenset[str]:
    """Every word the corpus uses in lower case (one pass): such a word starting a sentence is no name."""
    words: set[str] = set()
    for article in articles:
        for block in article.blocks:
            words.update(w for w in _TOKEN.findall(block.text) if w[0].islower())
    return frozenset(words)


NEAR = 60  # the anchored look-behind cues need only the last words before a phrase
_TITLE_BEFORE = re.compile(r"(?:^|\s)([A-Za-z][\w.-]*)\s+(?:of\s+(?:the\s+)?)?$")
_ROLE_COMMA_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)\s+([a-z][\w-]*),\s+$")
_ORG_NOUN_AFTER = re.compile(r"\s+(" + "|".join(ORG_NOUNS) + r")\b")
_ORG_NOUN_BEFORE = re.compile(r"\b(?:the\s+)?(" + "|".join(ORG_NOUNS) + r")\s+$")
_THE_BEFORE = re.compile(r"\bthe\s+\S+\s+$|\bthe\s+$")
_WORKPLACE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(PERSON_NOUNS)) + r")\s+(?:at|with)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class Found:
    """One cue-backed name in one article."""

    type: str  # "person" or "organization"
    name: str
    role: str
    cue: str
    article: Article
    line: int


@dataclass
class Discovery:
    entities: dict[str, Entity] = field(default_factory=dict)  # by id, sorted
    found: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # article id -> (id, line, cue)
    vocabulary: frozenset[str] = frozenset()


def discover(articles: list[Article], matcher: Matcher) -> Discovery:
    """Every person and organization the articles introduce with a cue and the registry does not know."""
    vocabulary = vocabulary_of(articles)
    known_keys = {key(s) for e in matcher.registry.entities.values() if e.type in ("person", "organization")
                  for s in (e.name, *e.aliases)}
    merged: dict[tuple[str, str], list[Found]] = {}
    for article in articles:
        finds = [f for index in range(len(article.blocks)) for f in find_in_block(article, index, matcher, vocabulary)]
        shorter = {key(form) for f in finds if f.type == "person" for form in short_forms(f.name)}
        for found in finds:
            k = key(found.name)
            if not k or k in known_keys or (found.type == "person" and k in shorter):
                continue  # a registered name's variant, or "Vargas Olguín" after "Ximena Vargas Olguín"
            merged.setdefault((found.type, k), []).append(found)
    result = Discovery(vocabulary=vocabulary)
    taken = set(matcher.registry.entities)
    for (kind, _), finds in merged.items():
        first = finds[0]
        entity_id = f"{kind}:{slugify(first.name)}"
        if entity_id in taken or not slugify(first.name):
            continue
        taken.add(entity_id)
        aliases = tuple(dict.fromkeys(f.name for f in finds if f.name != first.name))
        role = next((f.role for f in finds if f.role), "")
        result.entities[entity_id] = Entity(
            id=entity_id, type=kind, name=first.name, aliases=aliases, role=role, reviewed=False,  # type: ignore[arg-type]
            origin=SourceLocation(first.article.src_uri, first.line))
        for f in finds:
            rows = result.found.setdefault(f.article.id, [])
            if all(r[0] != entity_id for r in rows):
                rows.append((entity_id, f.line, f.cue))
    result.entities = dict(sorted(result.entities.items()))
    return result


def find_in_block(article: Article, index: int, matcher: Matcher, vocabulary: frozenset[str]) -> list[Found]:
    block = article.blocks[index]
    text = block.text
    known = SpanIndex((c.start, c.end) for c in matcher.find(text))
    phrases = scan_phrases(text, vocabulary)
    out: list[Found] = []
    consumed = 0  # "Law Society of Kenya" is one name: "Kenya" is not looked at again
    for position, phrase in enumerate(phrases):
        if phrase.start < consumed:
            continue
        nxt = phrases[position + 1] if position + 1 < len(phrases) else None
        for kind, start, end, role, cue in _classify(text, phrase, nxt, known):
            name = " ".join(text[start:end].split())
            out.append(Found(kind, name, role, cue, article, block.line))
            consumed = max(consumed, end)
    return out


class SpanIndex:
    """Sorted, non-overlapping spans (an automaton's leftmost-longest matches) and the ones that overlap a
    given span, found by bisection: each lookup is logarithmic, so a block's lookups stay near-linear."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        found = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.spans[i][1] > start:
            found.append(self.spans[i])
            i -= 1
        return found


def _covered(known: SpanIndex, start: int, end: int) -> bool:
    """True when a registry name overlaps the span and is not shorter than it (the registry wins)."""
    return any((e - s) >= (end - start) for s, e in known.overlapping(start, end))


def _overlaps(known: SpanIndex, start: int, end: int) -> bool:
    return bool(known.overlapping(start, end))


def _classify(text: str, phrase: Phrase, nxt: Phrase | None,
              known: SpanIndex) -> list[tuple[str, int, int, str, str]]:
    """(type, start, end, role, cue) of what the phrase names, if the text gives a cue."""
    tokens = list(phrase.tokens)
    out: list[tuple[str, int, int, str, str]] = []
    before = text[max(0, phrase.start - WINDOW): phrase.start]  # cues are near: a window keeps this linear
    after = text[phrase.end: phrase.end + WINDOW] if not tokens[-1].possessive else ""
    # a title inside the phrase: "Hungarian Prime Minister Viktor Orbán", "European Council President X"
    title_at = max((i for i, t in enumerate(tokens) if t.text.lower() in TITLES), default=-1)
    cue_title = ""
    title_start = -1
    if title_at >= 0:
        prefix = tokens[: title_at + 1]
        org_part = [t for t in tokens[:title_at] if t.text.lower() not in TITLES | DEPARTMENTS]
        if len(org_part) >= 2 and org_part[-1].text.lower() in ORG_HEADS and not _covered(
                known, org_part[0].start, org_part[-1].end):
            out.append(("organization", org_part[0].start, org_part[-1].end, "", "before a title"))
        title_start = prefix[0].start
        tokens = tokens[title_at + 1:]
    else:
        lower_title = _TITLE_BEFORE.search(before, max(0, len(before) - NEAR))
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
    if not _is_person_name(tokens) or _covered(known, tokens[0].start, tokens[-1].end):
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
        # "Aminu Bello, a taxi driver, said": an apposition closed by a reporting verb, whatever its noun
        closed = after[appos.end():]
        if starts and noun != "organization" and re.match(r"\s*,", closed) and \
                REPORTING_AFTER.match(re.sub(r"^\s*,", "", closed)):
            return _tidy_role(segment), "apposition and reporting verb"
    # "Its chairman, C.C. Wei, said", "its owner, Aliko Dangote, has said": a role noun, then the name
    role_first = _ROLE_COMMA_BEFORE.search(before, max(0, len(before) - NEAR))
    if role_first and role_first.group(2) in PERSON_NOUNS | TITLES and re.match(r"\s*,", after):
        owner = role_first.group(1)
        role = role_first.group(2) if owner.lower() in ("its", "his", "her", "their", "the", "a", "an") else \
            f"{owner} {role_first.group(2)}"
        return role, "role before the name"
    if REPORTING_AFTER.match(after) or REPORTING_BEFORE.search(before, max(0, len(before) - NEAR)):
        return "", "reporting verb"
    return None


def _org_span(text: str, phrase: Phrase, nxt: Phrase | None, known: SpanIndex,
              before: str) -> tuple[str, int, int, str, str] | None:
    tokens = list(phrase.tokens)
    while tokens and (tokens[0].text in ("The", "A", "An") or _PREFIX_COMPOUND.search(tokens[0].text)):
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
    noun_after = _ORG_NOUN_AFTER.match(after)
    noun_before = _ORG_NOUN_BEFORE.search(before, max(0, len(before) - NEAR))
    if not cue and noun_after and not heads[-1]:
        cue, role = f"'{noun_after.group(1)}' after it", noun_after.group(1)
    if not cue and noun_before and _THE_BEFORE.search(before, max(0, len(before) - NEAR)):
        cue, role = f"'{noun_before.group(1)}' before it", noun_before.group(1)
    appos = APPOSITION.match(after)
    if not cue and appos and APPOSITION_START.match(appos.group(2).strip() + " ") \
            and _first_noun(appos.group(2)) == "organization":
        cue, role = "apposition", _tidy_role(appos.group(2))
    if not cue and _WORKPLACE_BEFORE.search(before, max(0, len(before) - NEAR)):
        cue = "workplace of a person"
    reported = REPORTING_AFTER.match(after) or REPORTING_BEFORE.search(before, max(0, len(before) - NEAR))
    if not cue and acronym and reported:
        cue = "reporting verb"
    if not cue or _covered(known, start, end):
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


def _is_person_name(tokens: list[Token]) -> bool:
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


def name_part(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """A phrase without its leading title words: "Hungarian Prime Minister Viktor Orbán" -> "Viktor Orbán"."""
    words = list(tokens)
    title_at = max((i for i, t in enumerate(words) if t.text.lower() in TITLES), default=-1)
    if title_at >= 0:
        words = words[title_at + 1:]
        while words and words[0].text.lower() in DEPARTMENTS:
            words = words[1:]
    while words and words[0].text in ("The", "A", "An"):
        words = words[1:]
    return words


def editor_report(analyses: list[ArticleAnalysis], entities: dict[str, Entity], display_root: str) -> list[str]:
    """For each article: the names it discovered, the registry entries it matched by a variant rather
    than exactly, and the capitalised phrases it could not place; each as ``path:line: ...`` so an
    editor can add a person or an alias in one edit."""
    lines: list[str] = []
    for analysis in sorted(analyses, key=lambda a: a.article.src_uri):
        article = analysis.article
        where = f"{display_root}/{article.src_uri}"
        for entity_id, line, cue in analysis.discovered:
            entity = entities[entity_id]
            role = f", {entity.role}" if entity.role else ""
            lines.append(f"{where}:{line}: discovered {entity.type} '{entity.name}'{role} (cue: {cue}); "
                         "not yet reviewed")
        reported: set[tuple[str, str]] = set()
        for mention in analysis.mentions:
            entity = entities[mention.entity_id]
            if mention.exact or (mention.surface, entity.id) in reported or (
                    not entity.reviewed and mention.surface in short_forms(entity.name)):
                continue  # a discovered person's surname after the full name is no news to the editor
            reported.add((mention.surface, entity.id))
            line = article.blocks[mention.block].line
            if entity.reviewed:
                origin = f" ({entity.origin})" if entity.origin else ""
                advice = f"add it to the aliases of {entity.name}{origin} if it is right"
            else:
                advice = f"{entity.name} is a discovered {entity.type}"
            lines.append(f"{where}:{line}: variant '{mention.surface}' matched {entity.name}: {advice}")
        for item in analysis.unplaced:
            lines.append(f"{where}:{item.line}: unplaced '{item.text}': {item.reason}")
    return lines
