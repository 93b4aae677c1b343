"""Quoted words in an article and who said them.

A quote is attributed from the sentence around it (its *frame*: the sentence with the quoted words
taken out): a reporting verb with a named person ("..., Eldar Mamedov ... noted") or with a pronoun
("he told me"), which resolves to the nearest person named before it outside quotes whose pronoun fits
(a person the article calls "she" is not the antecedent of "he"). Of several people in the frame, the
subject of the reporting verb speaks ("X said", "X, a spokeswoman ..., said", "“...,” said X, 34,"),
not the nearest name ("X said Y had “...”"); a subject pronoun ("she said, adding that Y ...") beats a
name that is no subject. The quoted words are masked with their case kept, so an opening quote after a
full stop starts a new sentence and two speakers in one paragraph keep their own frames. A quote with no
frame of its own continues the previous quote's speaker ("... wrote. “Joining ...”"), and a quote
whose sentence names no one takes the speaker of a reporting sentence just before it in the same
paragraph ("As X stated ... . However, ...: “...”").

A role noun that is the subject ("“...,” the minister said", "said the herder") means the person last named
with that role in a title or an apposition ("Territorial Administration Minister X", "X, 61, a herder who
..."). In an exchange (B's quote, A's reply, each in its own paragraph), a pronoun that would point at A
passes the turn back to B when the article says B's gender fits and says nothing of A's. Verbs of retort
("shot back", "answered") report, and so does "called" ("X called the plan “social demolition”"), unless it
names a thing ("a group called “...”"). A name right after a quote with one verb in the past and nothing
else ("“...,” Ewoton sighed.") is the speaker whatever the verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .cues import PERSON_NOUNS, TITLES
from .model import Article, Mention, Quote
from .text import sentence_spans

REPORTING_VERBS = re.compile(
    r"\b(said|says|say|told|tells|tell|wrote|writes|noted|notes|stated|states|added|adds|explained|explains|"
    r"argued|argues|replied|replies|acknowledged|admitted|insisted|insists|warned|warns|asked|asks|"
    r"according to|described|describes|describing|recalled|posted|declared|announced|continued|remarked|"
    r"commented|observed|concluded|stressed|emphasized|urged|vowed|claimed|claims|pledged|promised|"
    r"conceded|countered|predicted|suggested|tweeted|wrote on|put it|quoted|called|calling|dubbed|branded|"
    r"answered|answers|responded|responds|retorted|shot back|fired back|hit back|interjected|snapped|quipped|"
    r"joked|shouted|pleaded)\b",
    re.IGNORECASE)
#: "telling X", "asked X": the person right after such a verb is spoken to, not speaking
ADDRESSEE_BEFORE = re.compile(r"\b(told|telling|tell|tells|asked|asking|asks|interviewed|thanked)\s+$", re.IGNORECASE)
PRONOUN = re.compile(r"\b(he|she|He|She)\b")
_VERB = REPORTING_VERBS.pattern.replace(r"\b(", "(?:", 1)
#: after a name: an optional apposition in commas, then a reporting verb ("X, a spokeswoman for ..., said")
_SUBJECT_AFTER = re.compile(r"(?:\s*,[^,;“”\"]{1,150},)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|have\s+)?"
                            + _VERB, re.IGNORECASE)
#: before a name: a reporting verb right after the quote or at the sentence's start ("“...,” said X")
_INVERTED_BEFORE = re.compile(r"(?:^|[”\"])[\s,]*" + _VERB + r"\s+$|\baccording to\s+$", re.IGNORECASE)
#: after an inverted name: the sentence goes on with an apposition, an age, a quote or ends
_INVERTED_AFTER = re.compile(r"\s*(?:[,.;:!?—–]|[“\"]|$)")
#: "he said", "said she": a pronoun that is the subject of the reporting verb
_SUBJECT_PRONOUN = re.compile(r"\b(he|she)\s+(?:also\s+|later\s+|then\s+)?" + _VERB + r"|(?:^|[”\"])[\s,]*"
                              + _VERB + r"\s+(he|she)\b", re.IGNORECASE)
#: "the minister said", "said the herder": a role noun that is the subject of the reporting verb
_ROLE_SUBJECT = re.compile(r"\bthe\s+(?:[a-z][\w-]*\s+){0,2}(\w[\w-]*)\s+(?:also\s+|later\s+|then\s+)?" + _VERB
                           + r"|(?:^|[”\"])[\s,]*" + _VERB + r"\s+the\s+(?:[a-z][\w-]*\s+){0,2}(\w[\w-]*)\b(?!['’])",
                           re.IGNORECASE)
_AGE_NOUN = re.compile(r"\d{1,3}-year-old")
_ROLE_REACH = 8  # paragraphs back that "the minister said" looks for its minister in
_NEAR = 40  # characters before a name that an inverted attribution ("“...,” said X") is looked for in
MIN_WORDS_UNATTRIBUTED = 4
MIN_WORDS = 2
_CLOSING = {"“": "”", '"': '"'}  # opening quotation mark -> the mark that closes it
_OPENING = re.compile('[“"]')


@dataclass(frozen=True)
class _Span:
    block: int
    start: int
    end: int  # exclusive, after the closing mark (or the block's end for an unclosed quote)
    text: str
    opened_before: bool  # continues a quote left open in the previous paragraph


def quote_spans(text: str, block: int = 0, continues: bool = False) -> tuple[list[_Span], bool]:
    """Quoted passages of a block; returns them and whether a quote is left open at its end. Jumps from one
    quotation mark to the next (a loop over every character was a tenth of the analysis time)."""
    spans: list[_Span] = []
    n = len(text)
    mark = _OPENING.search(text)
    while mark:
        i = mark.start()
        if text[i] == '"' and i > 0 and text[i - 1].isalnum() and (i + 1 >= n or not text[i + 1].isalnum()):
            mark = _OPENING.search(text, i + 1)  # a closing straight quote with no opening: leave it
            continue
        j = text.find(_CLOSING[text[i]], i + 1)
        if j == -1:
            spans.append(_Span(block, i, n, text[i + 1:].strip(), continues and not spans))
            return spans, True
        spans.append(_Span(block, i, j + 1, text[i + 1: j].strip(), continues and not spans and i == 0))
        mark = _OPENING.search(text, j + 1)
    return spans, False


def _masked(text: str, spans: list[_Span]) -> str:
    """The text with quoted words blanked (final punctuation kept) so sentences split around quotes."""
    chars = list(text)
    for span in spans:
        inner_end = span.end - 1 if span.end <= len(text) and text[span.end - 1] in "”\"" else span.end
        for k in range(span.start + 1, inner_end):
            chars[k] = "X" if text[k].isupper() else "x"  # the case kept: ". “Today ..." starts a sentence
        if inner_end - 1 > span.start and text[inner_end - 1] in ".!?,":
            chars[inner_end - 1] = text[inner_end - 1]
    return "".join(chars)


_QUOTE_WORD = re.compile(r"\w+")  # a quote's words, for telling its repeats


#: a single quotation mark that opens a quote: after the start, a space or an opening bracket or dash, before a
#: word (not "rock 'n' roll" inside a word, not a lone mark)
_SINGLE_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w…])")
#: one that closes it: after a word or punctuation, before a space, punctuation or the end (not "O'Brien", not
#: "don’t"); a plural possessive ("the ministers' meeting") is no closing mark
_SINGLE_CLOSING = re.compile(r"(?<=[^\s‘'])[’'](?![\w])")
_PLURAL_POSSESSIVE = re.compile(r"\s+[a-z]")


def double_quoted(article: Article) -> Article:
    """The article with its quotes in double marks, for an article written with single ones ('We are ready,' he
    said; ‘We are ready,’ he said), as British and many other outlets write them; the same article otherwise.
    Only an article with no double quotation mark at all is read so (in one that has some, single marks are
    quotes inside quotes or apostrophes). Each mark is replaced by one character, so every offset holds."""
    if any(mark in block.text for block in article.blocks for mark in '“”"'):
        return article
    blocks = []
    changed = False
    for index, block in enumerate(article.blocks):
        chars = list(block.text)
        position = 0
        while (opening := _SINGLE_OPENING.search(block.text, position)) is not None:
            start = opening.end()
            closing = None
            for candidate in _SINGLE_CLOSING.finditer(block.text, start + 1):
                if block.text[candidate.start() - 1] in "sS" and _PLURAL_POSSESSIVE.match(block.text, candidate.end()):
                    continue  # "the ministers' meeting"
                closing = candidate
                break
            if closing is None:
                following = article.blocks[index + 1].text if index + 1 < len(article.blocks) else ""
                if _SINGLE_OPENING.match(following):  # a quote that goes on in the next paragraph, which opens
                    chars[opening.start()] = "“"     # it again
                break
            chars[opening.start()], chars[closing.start()] = "“", "”"
            position = closing.end()
        text = "".join(chars)
        changed = changed or text != block.text
        blocks.append(replace(block, text=text))
    return replace(article, blocks=tuple(blocks)) if changed else article


def find_quotes(article: Article, mentions: list[Mention]) -> list[Quote]:
    """The article's quotes and their speakers (see the module's description)."""
    typed = article  # the page shows the quote's context with the marks as typed
    article = double_quoted(article)
    def speaking(kind: str) -> list[Mention]:  # the mentions of one type, but those spoken to ("told X")
        return [m for m in mentions if m.entity_id.startswith(kind) and not
                ADDRESSEE_BEFORE.search(article.blocks[m.block].text[max(0, m.start - 12): m.start])]

    person_mentions = speaking("person:")
    genders = person_genders(article, person_mentions)
    org_mentions: list[Mention] = []

    def organizations() -> list[Mention]:  # read only for a quote no person says
        if not org_mentions:
            org_mentions.extend(speaking("organization:"))
        return org_mentions
    mentions_in: dict[int, list[Mention]] = {}
    for m in person_mentions:
        mentions_in.setdefault(m.block, []).append(m)
    roles: dict[str, set[str]] = {}

    def role_words() -> dict[str, set[str]]:  # read only for a quote attributed to a role noun
        if not roles:
            roles.update(person_roles(article, person_mentions))
        return roles

    turns: dict[int, str] = {}  # paragraph -> the speaker of its last attributed quote
    quotes: list[Quote] = []
    open_quote = False
    last_speaker = ""
    last_context = 0  # where the context of the last attributed quote starts in its paragraph
    last_end_block = -1
    for index, block in enumerate(article.blocks):
        if block.kind != "paragraph":
            open_quote = False
            continue
        spans, still_open = quote_spans(block.text, index, continues=open_quote)
        open_quote = still_open
        if not spans:
            continue
        masked = _masked(block.text, spans)
        sentences = sentence_spans(masked)
        outside = [m for m in person_mentions if m.block == index and not _inside(m, spans)]
        for span in spans:
            sentence = next(((s, e) for s, e in sentences if s <= span.start < e), (span.start, span.end))
            frame = _frame(masked, sentence, spans)
            words = len(span.text.split())
            speaker = ""
            named_subject = False  # "Lima said ... like “bandits”": one word is a quote when its speaker is named
            context_start = sentence[0]
            if span.opened_before and last_end_block == index - 1:
                speaker = last_speaker
            reported = _reports(frame, block.text[max(0, span.start - 60): span.start])
            if not speaker and reported:
                in_frame = [m for m in outside if sentence[0] <= m.start < sentence[1]]
                subjects = [m for m in in_frame if _is_subject(masked, sentence, m)]
                subject_pronoun = _SUBJECT_PRONOUN.search(frame)
                role = None if in_frame else _ROLE_SUBJECT.search(frame)
                by_role = _by_role(role_words(), next(g for g in role.groups() if g), person_mentions, spans,
                                   index, span.start) if role else ""
                if subjects:
                    speaker = _nearest(subjects, span).entity_id
                    named_subject = True
                elif in_frame and not subject_pronoun:
                    speaker = _nearest(in_frame, span).entity_id
                elif by_role:
                    speaker = by_role  # "“...,” the minister said": the person last named with that role
                elif pronoun := subject_pronoun or PRONOUN.search(frame):
                    word = next(g for g in pronoun.groups() if g)
                    gender = "f" if word.lower() == "she" else "m"
                    # the antecedent comes before the pronoun: in "He said X had “...”", not X
                    at = _SUBJECT_PRONOUN.search(masked, sentence[0], sentence[1]) if subject_pronoun else None
                    speaker = _antecedent([m for m in person_mentions if _fits(genders, gender)(m)], spans,
                                          index, min(span.start, at.start()) if at else span.start, sentence[0])
                    speaker = _turn(turns, index, speaker, genders, gender)
                if not speaker and not in_frame and not subject_pronoun:
                    speaker = _organization(masked, sentence, span, spans, organizations(), index, role, frame,
                                            mentions)
            if not speaker and not frame.strip(" ,.;:—–-") and last_end_block == index:
                speaker = last_speaker  # a quote standing alone continues the previous one
                context_start = min(context_start, last_context)  # its context shows who is speaking
            elif not speaker and last_end_block == index - 1 and span is spans[0] and _only_quotes(masked, spans) \
                    and _holds_statement(article.blocks[index - 1].text, last_speaker, mentions_in.get(index - 1, [])):
                speaker = last_speaker  # a paragraph that is only a quote goes on with the last paragraph's speaker
            if not speaker and not reported:
                speaker = _bare_attribution(masked, span, outside) or _previous_sentence_speaker(
                    masked, sentences, sentence, outside)
            if (words < MIN_WORDS and not named_subject) or (not speaker and words < MIN_WORDS_UNATTRIBUTED):
                continue
            context = typed.blocks[index].text[context_start: sentence[1]].strip()
            quotes.append(Quote(article.id, index, span.start, span.end, span.text.rstrip(",").strip(),
                                speaker, context))
            if speaker:
                last_speaker, last_end_block, last_context = speaker, index, context_start
                turns[index] = speaker
    return _once(quotes)


def _once(quotes: list[Quote]) -> list[Quote]:
    """Each quotation of an article once. Words that the article repeats (a pull quote, a paragraph the
    scrape picked up twice) are kept where they are fullest: a quote whose words are all, in order, within
    another of the same speaker's, or of anyone's when it has no speaker, is left out; of two with the same
    words, the attributed one stays, else the first. Two speakers' same words stay two quotes."""
    if len(quotes) < 2:
        return quotes
    words = [f" {' '.join(_QUOTE_WORD.findall(q.text.casefold()))} " for q in quotes]
    dropped = set()
    for i, quote in enumerate(quotes):
        for j, other in enumerate(quotes):
            if j == i or words[i] not in words[j] or (quote.speaker_id and quote.speaker_id != other.speaker_id):
                continue
            if words[i] != words[j] or (quote.speaker_id == other.speaker_id and j < i) or \
                    (not quote.speaker_id and other.speaker_id):
                dropped.add(i)  # within a fuller quote, a repeat of an earlier one, or an attributed one's words
                break
    return [quote for i, quote in enumerate(quotes) if i not in dropped] if dropped else quotes


#: what a role noun may be written as in the title or apposition that introduced its person
_ROLE_SYNONYMS = {"judge": ("justice", "magistrate"), "doctor": ("dr.", "dr", "physician", "surgeon"),
                  "lawyer": ("attorney", "counsel", "advocate"), "minister": ("premier",)}
#: the apposition that introduces a person: "X, 61, a herder who ...", "X, director of the federation Y"
_APPOSITION = re.compile(r"\s*,\s+(?:aged\s+)?(?:\d{1,3},\s+)?((?:a|an|the|who|whose)\s[^,.;:“”\"]{1,100}|"
                         r"[a-z][^,.;:“”\"]{1,100})")
#: the words right before a name, back to punctuation or a verb: "Territorial Administration Minister X"
_BEFORE_NAME = re.compile(r"[.!?;:,“”\"()—]|\b(?:the|a|an|and|said|says|told|by|with|to|for|as|that)\s",
                          re.IGNORECASE)


def person_roles(article: Article, person_mentions: list[Mention]) -> dict[str, set[str]]:
    """Person id -> the lower-cased words of the titles and appositions the article names them with, and
    their age ("Justice Nor Azlina Hashim": {"justice"}; "Lokwang Ewoton, 61, a herder who ...": {"herder",
    "61-year-old", ...})."""
    roles: dict[str, set[str]] = {}
    for m in person_mentions:
        text = article.blocks[m.block].text
        before = _BEFORE_NAME.split(text[max(0, m.start - 60): m.start])[-1]
        appos = _APPOSITION.match(text, m.end)
        words = before.split()[-4:] + (appos.group(1).split() if appos else [])
        age = _AGE_AFTER_NAME.match(text, m.end)
        if age:
            words.append(f"{age.group(1)}-year-old")  # "X, 61, ...": "the 61-year-old said"
        roles.setdefault(m.entity_id, set()).update(w.lower().strip("'’") for w in words)
    return roles


_AGE_AFTER_NAME = re.compile(r"\s*,\s+(?:aged\s+)?(\d{1,3}),")


def _by_role(roles: dict[str, set[str]], noun: str, person_mentions: list[Mention], spans: list[_Span],
             block: int, before: int) -> str:
    """The person named last before a quote among those introduced with the role noun (or a synonym:
    "the judge" for "Justice X"); "" if none."""
    noun = noun.lower()
    if noun not in PERSON_NOUNS and noun not in TITLES and not _AGE_NOUN.fullmatch(noun):
        return ""  # "the ministry said", "the company said": no person
    forms = {noun, *_ROLE_SYNONYMS.get(noun, ())}
    last = _last_named((m for m in person_mentions if roles.get(m.entity_id, set()) & forms), block, before, spans,
                       _ROLE_REACH)
    return last.entity_id if last else ""


def _last_named(mentions: Iterable[Mention], block: int, before: int, spans: list[_Span], reach: int) -> Mention | None:
    """Of ``mentions``, the one named last before offset ``before`` of paragraph ``block`` (outside its quotes),
    in it or in the ``reach`` paragraphs before it; None if none is."""
    return max((m for m in mentions if block - reach <= m.block < block
                or (m.block == block and m.start < before and not _inside(m, spans))),
               key=lambda m: (m.block, m.start), default=None)


#: "“...,” it said", "It added that “...”": a thing is the subject of the reporting verb
_IT_SUBJECT = re.compile(r"\bit\s+(?:also\s+|later\s+|then\s+)?" + _VERB, re.IGNORECASE)
#: "a spokesman for the X said", "Jane Doe of the X said": the organization is no subject there
_OF_BEFORE = re.compile(r"\b(?:of|for|at|from|with)\s+(?:the\s+)?$", re.IGNORECASE)


def _with_the(masked: str, mention: Mention) -> Mention:
    """The mention with the "the" before it, if any: "“...,” said the Tea Board" inverts as "said X" does."""
    start = mention.start - 4
    return mention._replace(start=start) if start >= 0 and masked[start: mention.start].lower() == "the " else mention


def _organization(masked: str, sentence: tuple[int, int], span: _Span, spans: list[_Span], org_mentions: list[Mention],
                  block: int, role: re.Match[str] | None, frame: str, mentions: list[Mention]) -> str:
    """The organization a quote with no person to say it is by: the subject of the reporting verb
    ("Kazakhstan's Foreign Ministry said in a statement: “...”"); the one "it" stands for ("“...,” it said":
    the organization named last, in this paragraph or the one before, with no country named since); or
    the one a noun of its name stands for ("“...,” the ministry said": the organization last named with that
    word in its name); "" if none."""
    subjects = [m for m in org_mentions if m.block == block and sentence[0] <= m.start < sentence[1]
                and not _inside(m, spans) and not _OF_BEFORE.search(masked, max(0, m.start - 12), m.start)
                and (_is_subject(masked, sentence, m) or _is_subject(masked, sentence, _with_the(masked, m)))]
    if subjects:
        return _nearest(subjects, span).entity_id
    if _IT_SUBJECT.search(frame):
        last = _last_named(org_mentions, block, span.start, spans, 1)
        country = _last_named((m for m in mentions if m.entity_id.startswith("country:")), block, span.start, spans, 1)
        if last is None or (country is not None and (country.block, country.start) > (last.block, last.start)):
            return ""  # "Kazakhstan joined the accords. “...,” it said": a country's government, say
        return last.entity_id
    if role is None or _OF_BEFORE.search(role.string, 0, role.start()):
        return ""  # "the ministry said", "the Fund said", not "Jane Doe of the Water Council said"
    noun = next(g for g in role.groups() if g).lower()
    last = _last_named((m for m in org_mentions if noun in m.surface.lower().split()), block, span.start, spans,
                       _ROLE_REACH)
    return last.entity_id if last else ""


def _turn(turns: dict[int, str], block: int, speaker: str, genders: dict[str, str], gender: str) -> str:
    """In an exchange (B's quote, then A's reply, each in its own paragraph), a pronoun that points at A,
    the last one named, means B when the article says B's gender fits it and does not say A's does: the
    turn passes ("“...,” Tabuadravu replied. / “...,” she said." after Tekeraoi-Bauro spoke)."""
    other = turns.get(block - 2, "")
    if (speaker and turns.get(block - 1) == speaker and other and other != speaker
            and genders.get(other) == gender and genders.get(speaker) != gender):
        return other
    return speaker


#: a quote that is a name, not words said: "a group called “Mothers of Plaza”", "the so-called “shadow fleet”"
_NAMING = re.compile(r"(?:\b(?:a|an|the|its|their|his|her)\s+(?:[a-z-]+\s+){0,2}(?:called|dubbed|named|titled)|"
                     r"\b(?:is|was|were|are|been|being)\s+(?:also\s+|often\s+|widely\s+)?(?:called|dubbed|named)|"
                     r"so-called)\s*$")


def _reports(frame: str, before: str) -> bool:
    """Whether a quote's frame has a reporting verb; a "called" that names a thing ("a group called “...”",
    "he was dubbed “...”") reports nothing."""
    verbs = [m.group().lower() for m in REPORTING_VERBS.finditer(frame)]
    if verbs and _NAMING.search(before):
        verbs.remove(next((v for v in verbs if v in ("called", "dubbed")), verbs[0]))
    return bool(verbs)


def _only_quotes(masked: str, spans: list[_Span]) -> bool:
    """Whether a paragraph holds nothing but quoted words: “We have asked for a base here. ...”"""
    rest, cursor = [], 0
    for span in spans:
        rest.append(masked[cursor: span.start])
        cursor = span.end
    rest.append(masked[cursor:])
    return not "".join(rest).strip(" ,.;:—–-")


#: a speaker introduced in an apposition: "said Ademir Kaba, 58, a chief in ...", "X, who heads ..., said"
_INTRODUCED = re.compile(r"\s*,\s+(?:\d{1,3},\s+)?(?:a|an|the|who|whose)\s")


def _holds_statement(previous: str, speaker: str, mentions: list[Mention]) -> bool:
    """Whether the paragraph before a paragraph that is only a quote gives its speaker's statement, which the
    quote then goes on with: it ends inside the speaker's words (“...,” X said. “... .”) or introduces the
    speaker with an apposition (“...,” said X, 58, a chief in ...). A short turn (“...,” Brandt said.) may be
    answered by someone else, so a bare quote after it is not guessed."""
    if previous.rstrip().endswith(("”", '"')):
        return True
    return any(m.entity_id == speaker and _INTRODUCED.match(previous, m.end) for m in mentions)


def _inside(mention: Mention, spans: list[_Span]) -> bool:
    return any(s.start <= mention.start < s.end for s in spans)


def _is_subject(masked: str, sentence: tuple[int, int], mention: Mention) -> bool:
    """Whether a person named in a quote's sentence is the one the reporting verb is about: "X said",
    "X, a spokeswoman for ..., said", "“...,” said X," or "according to X". "X said Y had “...”" names Y
    after the verb, but Y is no speaker (a verb follows Y, not a comma or the sentence's end). Each
    pattern is matched at the mention within a few words, so a long sentence costs no more."""
    if _SUBJECT_AFTER.match(masked, mention.end, sentence[1]):
        return True
    start = max(sentence[0], mention.start - _NEAR)
    before = ("" if start == sentence[0] else "x") + masked[start: mention.start]  # "x": no sentence start
    return bool(_INVERTED_BEFORE.search(before) and _INVERTED_AFTER.match(masked, mention.end, sentence[1]))


def _frame(masked: str, sentence: tuple[int, int], spans: list[_Span]) -> str:
    start, end = sentence
    pieces = []
    cursor = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        pieces.append(masked[cursor: max(cursor, span.start)])
        cursor = max(cursor, span.end)
    pieces.append(masked[cursor:end])
    return " ".join(p.strip() for p in pieces if p.strip())


def _nearest(candidates: list[Mention], span: _Span) -> Mention:
    return min(candidates, key=lambda m: min(abs(m.start - span.end), abs(m.end - span.start)))


_FEMININE = re.compile(r"\b(?:she|her|hers|herself|spokeswoman|chairwoman|businesswoman|congresswoman|Mrs|Ms|"
                       r"Madam|Queen|Princess|Duchess|Baroness|Lady)\b")
_MASCULINE = re.compile(r"\b(?:he|his|him|himself|spokesman|chairman|businessman|congressman|Mr|King|Prince|"
                        r"Duke|Baron|Lord|Sir)\b")
#: first, a lookahead of the words' first letters in either case (and the two letters that fold to "s" and
#: "k"): a set the regex engine skips to, where an ignore-case alternation is tried at every position
_GENDER_CUE = re.compile("(?=[SsſHhCcBbMmQqPpDdLlKkK])(?:" + _FEMININE.pattern + "|" + _MASCULINE.pattern + ")",
                         re.IGNORECASE)


def person_genders(article: Article, person_mentions: list[Mention]) -> dict[str, str]:
    """"f" or "m" for the people whose pronouns the article gives away: the first gendered word in the
    few words before a mention ("spokeswoman Mao Ning") or after it up to the next person or sentence
    end ("Kamau-Otieno said her coalition ...", "Ruto ... said he would sign"). Majority of votes; a person
    with no votes or a tie fits either pronoun."""
    votes: dict[str, list[int]] = {}
    by_block: dict[int, list[Mention]] = {}
    for m in person_mentions:
        by_block.setdefault(m.block, []).append(m)
    for index, ms in by_block.items():
        text = article.blocks[index].text
        ms.sort(key=lambda m: m.start)
        for i, m in enumerate(ms):
            stop = ms[i + 1].start if i + 1 < len(ms) else len(text)
            after = re.split(r"[.!?“\"]", text[m.end: min(stop, m.end + 120)], maxsplit=1)[0]
            before = text[max(0, m.start - 30): m.start]
            before = re.split(r"[.!?,;“”\"]", before)[-1]
            for piece in (before, after):
                cue = _GENDER_CUE.search(piece)
                if cue:
                    feminine = bool(_FEMININE.fullmatch(cue.group()) or _FEMININE.fullmatch(cue.group().lower()))
                    tally = votes.setdefault(m.entity_id, [0, 0])
                    tally[0 if feminine else 1] += 1
                    break
    return {pid: ("f" if f > m else "m") for pid, (f, m) in votes.items() if f != m}


def _fits(genders: dict[str, str], pronoun: str) -> Callable[[Mention], bool]:
    return lambda mention: genders.get(mention.entity_id, pronoun) == pronoun


def _antecedent(mentions: list[Mention], spans: list[_Span], block: int, before: int, sentence_start: int) -> str:
    """The nearest person named before ``before`` (this paragraph first, then up to three before it)."""
    last = _last_named(mentions, block, before, spans, 3)
    return last.entity_id if last else ""


#: after a name right after a quote: one verb in the past, perhaps a short phrase of manner, and the sentence's
#: end ("“...,” Ewoton sighed.", "“...,” Macaraeg agreed after a pause.")
_BARE_VERB = re.compile(r"\s+[a-z]+ed(?:\s+(?:back|out|up|in|again))?(?:\s+(?:after|with|before|as|in|through|"
                        r"without)\s+[a-z]+(?:\s+[a-z]+){0,2})?\s*(?:[.!?]|$)")


def _bare_attribution(masked: str, span: _Span, outside: list[Mention]) -> str:
    """The person named right after a quote with a verb no list holds, the sentence ending there: "“...,”
    Ewoton sighed.", "“...,” Daems snorted." Nothing else in the sentence, so no one else can be meant."""
    for m in outside:
        if m.start >= span.end and not masked[span.end: m.start].strip(" ,") and _BARE_VERB.match(masked, m.end):
            return m.entity_id
    return ""


def _previous_sentence_speaker(masked: str, sentences: Sequence[tuple[int, int]], sentence: tuple[int, int],
                               outside: list[Mention]) -> str:
    """"As Joseph Epstein ... stated in an interview ..., the move may seem symbolic. However, ...: “...”"."""
    position = sentences.index(sentence) if sentence in sentences else -1
    if position <= 0:
        return ""
    prev = sentences[position - 1]
    if not REPORTING_VERBS.search(masked[prev[0]: prev[1]]):
        return ""
    named = [m for m in outside if prev[0] <= m.start < prev[1]]
    return named[0].entity_id if len(named) == 1 else ""
