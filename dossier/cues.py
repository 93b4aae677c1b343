"""The words and patterns of news prose that discovery reads as cues.

Word lists (titles, departments, role nouns, organization nouns and head words, days and months, function
words) and the anchored regexes that look at the few words around a capitalised phrase: a reporting verb
after it ("X said") or before it ("said X"), an apposition ("X, a professor at ...", "X, 34, who ..."), an
age ("X, 34,", "X, a 27-year-old ..."). Each regex is matched at one position, never searched through a
whole text, so discovery stays linear.
"""

from __future__ import annotations

import re

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
    "adviser", "advisor", "aide", "mp", "secretary-general", "director-general", "under-secretary-general",
    "prosecutor", "magistrate", "reverend", "rev.", "sister", "laureate", "superintendent", "administrator"
))
#: honorifics that stand before a name like a title but say no role: Malay ("Datuk Seri X"), Fijian ("Ratu X")
HONORIFICS = frozenset(("datuk", "dato", "dato'", "dato’", "datin", "seri", "tun", "tunku", "tengku", "ratu",
                        "alhaji"))
TITLES = TITLES | HONORIFICS
#: ministry words between a title and a name ("Secretary of State Marco Rubio", "Energy Minister X")
DEPARTMENTS = frozenset((
    "state", "defense", "defence", "foreign", "affairs", "interior", "finance", "justice", "energy", "economy",
    "trade", "health", "education", "agriculture", "climate", "environment", "labor", "labour", "transport",
    "homeland", "security", "treasury", "commerce", "industry", "culture", "information", "digital",
    "development", "planning", "water", "economic", "deputy", "majority", "minority", "opposition", "house",
    "senate", "national", "general", "attorney", "first", "fisheries", "mines", "tourism", "housing",
    "youth", "sport", "sports", "aviation", "communications", "maritime", "forestry", "immigration"
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
    "businesswoman", "shareholder", "employee", "staffer", "nominee", "appointee", "successor", "predecessor",
    "detainee", "abductee", "prisoner", "hostage", "captive", "parent", "exporter", "importer", "manufacturer",
    "secretary-general", "director-general", "schoolteacher", "superintendent", "dockworker", "campaigner",
    "administrator", "agriculturist", "inspector", "deckhand", "carpenter", "toxicologist", "laureate"
))
#: nouns that say an organization is meant, right before or after the name or in an apposition
ORG_NOUNS = ("think tank", "news agency", "newspaper", "daily", "weekly", "magazine", "broadcaster", "radio",
             "television", "channel", "agency", "party", "bloc", "alliance", "coalition", "group", "company",
             "firm", "organization", "organisation", "institute", "university", "network", "movement", "union",
             "militia", "charity", "foundation", "outlet", "website", "body", "court", "council", "commission",
             "federation", "confederation", "subsidiary", "conglomerate", "consortium", "nonprofit", "non-profit",
             "cooperative", "watchdog", "regulator", "airline", "corporation", "consultancy", "bank", "lobby",
             "unit", "affiliate", "division")
#: nouns that say an acronym right after them is an organization ("rail operator SNCB", "broadcaster VRT")
ACRONYM_NOUNS = (*ORG_NOUNS, "operator", "carrier", "lender", "insurer", "utility", "producer", "maker")
#: last words of an organization's name
ORG_HEADS = frozenset((
    "council", "institute", "institution", "commission", "committee", "authority", "agency", "association",
    "society", "union", "alliance", "movement", "party", "front", "league", "coalition", "federation",
    "congress", "assembly", "parliament", "senate", "court", "tribunal", "department", "ministry", "office",
    "bureau", "service", "services", "university", "college", "academy", "school", "center", "centre",
    "foundation", "fund", "bank", "group", "corporation", "company", "inc.", "ltd.", "organization",
    "organisation", "guard", "army", "navy", "police", "forum", "network", "dialogue", "trust", "board",
    "nations", "states", "forces", "press", "times", "post", "news", "journal", "herald", "gazette", "tribune",
    "monitor", "television", "radio", "broadcasting", "fisheries", "engineering", "holdings", "industries",
    "enterprises", "partners", "exchange", "ltd", "inc", "plc", "llc", "corp", "corp.", "co.", "watch", "airlines",
    "airways", "shipping", "logistics", "mining", "minerals", "metals", "petroleum", "electronics", "motors",
    "technologies", "pharmaceuticals", "ventures", "investments", "consulting", "church", "port", "community",
    "maritime", "programme", "program", "aid", "relief", "defence", "defense", "chamber"
))
#: first words of an organization's name, in the languages news prose quotes names in: "Minera Andina del
#: Sur", "Universiti Kebangsaan Malaysia", "Banco Santander", "Grupo Bimbo", "Société Générale"
ORG_INITIALS = frozenset((
    "minera", "mineração", "compañía", "compania", "companhia", "compagnie", "empresa", "empresas", "grupo",
    "groupe", "gruppo", "banco", "banca", "banque", "sociedad", "société", "societe", "società", "sociedade",
    "corporación", "corporacion", "industrias", "petróleos", "petroleos", "aerolíneas", "aerolineas",
    "constructora", "inversiones", "universiti", "universidad", "universidade", "université", "universite",
    "universität", "universitat", "università", "universiteit", "instituto", "institut", "istituto",
    "fundación", "fundacion", "fundação", "fondation", "fondazione", "stiftung", "agencia", "agência", "agence",
    "ministerio", "ministère", "ministerium", "partido", "parti", "partei", "sindicato", "syndicat",
    "confederación", "federación", "asociación", "associação", "association", "compañia", "editorial",
    "radiotelevisión", "televisión"
))
MONTHS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"))
DAYS_MONTHS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) | MONTHS
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
                           "Maj", "Capt", "Adm", "Prof", "Inc", "Ltd", "Sgt", "Cmdr", "Corp"})
REPORTING_AFTER = re.compile(
    r"\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|have\s+)?(?:said|says|told|tells|wrote|writes|noted|"
    r"added|stated|warned|warns|argued|argues|explained|urged|insisted|announced|acknowledged|"
    r"recalled|replied|declared|remarked|commented|observed|stressed|claimed|conceded|predicted|"
    r"tweeted|posted|reported|estimated|welcomed|cautioned|complained|confirmed|denied|accused|"
    r"called|asked|answered|responded|retorted)\b")
REPORTING_BEFORE = re.compile(r"\b(?:said|says|according to|wrote|told)\s+$")
APPOSITION = re.compile(r"\s*,\s+(?:(\d{1,3}),\s+)?((?:[^,.;:“”\"()—]|\.(?=[A-Za-z])|(?<=[A-Z])\.(?=\s[a-z])){2,120})")
#: how an apposition starts: an article, a relative pronoun, a possessive or a role noun
APPOSITION_START = re.compile(r"(?:a|an|the|one|who|whose|[A-Z][\w.-]*['’]s)\s")
#: "Brussels-based", "Kremlin-backed": a compound that starts a phrase but is no part of a name
PREFIX_COMPOUND = re.compile(r"-(?:based|led|backed|owned|run|funded|born|controlled|affiliated|linked|"
                              r"aligned|allied|appointed|listed|headquartered)$", re.IGNORECASE)
#: nouns that say a place is meant in an apposition ("San Pedro Sula, a city in Honduras, said ...")
PLACE_NOUNS = frozenset(("city", "town", "village", "region", "province", "district", "county", "state", "country",
                         "island", "islands", "port", "river", "valley", "community", "neighbourhood",
                         "neighborhood", "municipality", "capital", "suburb", "settlement", "camp", "enclave",
                         "territory", "republic", "kingdom", "mine", "site"))
NEAR = 60  # the anchored look-behind cues need only the last words before a phrase
TITLE_BEFORE = re.compile(r"(?:^|\s)([A-Za-z][\w.-]*)\s+(?:of\s+(?:the\s+)?)?$")
ROLE_COMMA_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)\s+([a-z][\w-]*),\s+$")
ORG_NOUN_AFTER = re.compile(r"\s+(" + "|".join(ORG_NOUNS) + r")\b")
ORG_NOUN_BEFORE = re.compile(r"\b(?:the\s+)?(" + "|".join(ORG_NOUNS) + r")\s+$")
#: "the X", "the newspaper X", "the anti-graft group X", "the port employers' federation X", "Colombia's state
#: oil company X"
THE_BEFORE = re.compile(r"(?:\bthe|\w['’]s)\s+(?:\S+\s+){0,3}$")
#: "a professor at X", and any noun of a trade in -ist or -ian ("a hydrologist at X", "a technician with X")
WORKPLACE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(PERSON_NOUNS)) + r"|[a-z]{3,}(?:ist|ian))\s+(?:at|with)\s+"
                              r"(?:the\s+)?$")
#: the words a WORKPLACE_BEFORE match ends in, before its last spaces: a text that ends in none of them and
#: then a space cannot match, and is not searched
WORKPLACE_LAST_WORDS = ("at", "with", "the")
#: an org noun after an acronym or a one-word name, past one modifier: "the BTB transport union", "the
#: socialist ABVV federation", "Japan's Keidanren business lobby"
ACRONYM_NOUN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(" + "|".join(ORG_NOUNS) + r")\b")
#: an org noun right before an acronym: "rail operator SNCB", "the public broadcaster VRT"
ACRONYM_NOUN_BEFORE = re.compile(r"\b(" + "|".join(ACRONYM_NOUNS) + r")\s+$")
#: what an organization does to a thing: "the terminal operated by Fluxys", "a mine owned by Glencore"
OWNER_BEFORE = re.compile(r"\b(?:operated|owned|controlled|acquired|bought|compiled)\s+by\s+$")
#: a compound that says a one-word name is a company: "Swiss-based Glencore", "London-listed Antofagasta"
BASED_BEFORE = re.compile(r"-(?:based|listed|headquartered)$", re.IGNORECASE)
#: who leads a public body is a person: "the Commission, led by Ursula von der Leyen", "a delegation headed by X"
#: (not "a consortium led by Goldman Sachs": a company's deal is led by companies)
LED_BY = re.compile(r"\b(?:(?:commission|government|ministry|party|council|committee|coalition|cabinet|delegation|"
                    r"administration|mission|panel|court|opposition|bloc|movement|alliance|team|inquiry|junta)"
                    r"\s*,?\s+(?:led|headed|chaired)|(?:is|was|are|were|been|being|troops|forces|unit|units)\s+"
                    r"commanded)\s+by\s+$", re.IGNORECASE)

#: an age in commas after a name: "Kang Mi-sook, 68, whose ...", "said Ajanel, 34, who ...", "Ana Ruiz, 41."
#: The number is an age only when the sentence goes on in lower case, with a quote, or ends there.
AGE_AFTER = re.compile(r"\s*,\s+(?:aged\s+)?(\d{1,3})(?:,\s+(?=[a-z“\"])|\s*[.;)—](?=\s|$)|\s*$)")
#: an apposition that describes a person without a role noun: "a 27-year-old Honduran who ...", "a 34-year-old",
#: "an Ecuadorian who ...", "a Democrat": an age, or a capitalised word used as a noun (a demonym, a party)
DESCRIBED = re.compile(r"(?:a|an|the)\s+(?:(\d{1,3})-year-old\b\s*)?(?:([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[\s,]|$)\s*)?"
                       r"([a-z][\w-]*)?")
#: lower-case words that may follow such a description of a person ("a Honduran who ...", "a Democrat from ...")
DESCRIBED_NEXT = frozenset(("who", "whose", "from", "living", "born", "of"))
#: a reporting verb after a lone surname, a narrower list than ``REPORTING_AFTER``: "Ajanel said", "Cruz told"
SAID_AFTER = re.compile(r"\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:said|says|told|tells|added|adds|"
                        r"explained|recalled|insisted|replied|wrote|writes|asked|argued|warned)\b")
#: an inverted attribution before a name, right after the quote or a comma: "“...,” said Ajanel", ", says Ruiz"
SAID_BEFORE = re.compile(r"(?:[”\"]|,)\s*(?:said|says|added|adds|asked|recalled|explained|insisted|replied|"
                         r"wrote|writes)\s+$")
#: what follows a name in an inverted attribution: a comma and lower case, an age, a quote, or the end
INVERTED_AFTER = re.compile(r"\s*(?:,\s+(?:aged\s+)?(?:\d{1,3}\b|[a-z“\"])|[.;:!?—]|[“\"]|$)")


def is_age(number: str) -> bool:
    return 0 < int(number) < 120


#: a title that is also the first word of a name when another title stands before it: "former Prime Minister
#: Sheikh Hasina" names "Sheikh Hasina" (in "Sheikh Mohammed bin Zayed" it is a title as any other)
NAME_TITLES = frozenset(("sheikh", "sheikha"))
#: an inverted attribution up to a role noun and its comma: "“...,” replied the administrator, " (the name follows)
INVERTED_ROLE = re.compile(r"(?:[”\"]|,)\s*(?:said|says|replied|replies|added|answered|asked|shouted|recalled|"
                           r"explained|insisted|retorted|wrote)\s+(?:the|his|her|their|its|a|an)\s+(?:[\w'’-]+\s+){0,3}"
                           r"[a-z][\w-]*,\s+$")
