"""A deterministic synthetic corpus for the scale benchmark: ``python benchmarks/generate.py OUT --articles N``.

Writes ``OUT/seeds/`` (N articles of about 8 KB of news prose, with front matter) and ``OUT/registry/``
(about 2,000 generated people in ``people.yml``'s format, plus the project's own countries, organizations
and themes, so every ISO country is known). Entity and quote density follow the seeds: some 30-40 distinct
entities and 4-8 quotes an article, with a long tail, so that a few countries appear in half the corpus.

Each article draws from its own ``random.Random`` seeded with (seed, number): article 17 is the same
text in a corpus of 100 and in one of 10,000, and two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.registry import load_registry  # noqa: E402
from dossier.text import slugify  # noqa: E402

PEOPLE = 2000
FIRST = ("Amir", "Anna", "Bakhyt", "Carlos", "Chen", "Dana", "Elena", "Farid", "Gulnara", "Hiroshi", "Ibrahim", "Ines",
    "Jamal", "Jonas", "Kamila", "Kofi", "Lars", "Leila", "Malik", "Marta", "Nadia", "Nurlan", "Olga", "Omar",
    "Pablo", "Priya", "Rafael", "Rustam", "Sana", "Sergei", "Sofia", "Tariq", "Ulla", "Viktor", "Wen", "Yasmin",
    "Zainab", "Aida", "Bruno", "Camille", "Dmitri", "Emre", "Fatima", "Giorgi", "Hana", "Ivan", "Jin", "Kemal",
    "Lina", "Mateo", "Mei", "Nikolai", "Oksana", "Pedro", "Rania", "Samir", "Talgat", "Valeria", "Yusuf",
    "Zhanna", "Adil", "Beatriz", "Cyrus", "Daniyar", "Esra", "Felix", "Goran", "Helga", "Ilya", "Javier", "Katya",
    "Laszlo", "Miriam", "Nasser", "Orhan", "Paulo", "Quentin", "Rosa", "Saule", "Timur", "Ursula", "Vera",
    "Wojciech", "Xenia", "Yerlan", "Zoltan")
LAST = ("Abenov", "Alvarez", "Amirov", "Andersen", "Baimukhan", "Barros", "Castell", "Dzhaksy", "Eriksen", "Ferreira",
    "Galiev", "Haddad", "Hansen", "Ibrayev", "Iskakov", "Jansen", "Kaliyev", "Karimova", "Kowalczyk", "Lindqvist",
    "Mahmudov", "Moreau", "Nazarbek", "Novak", "Okafor", "Ortega", "Petrenko", "Quiroga", "Rahimov", "Rossetti",
    "Saidov", "Santoro", "Sarsen", "Tashkent", "Tokhtarov", "Umarov", "Valdez", "Varga", "Weber", "Yildiz",
    "Zhumabek", "Aliyeva", "Bekov", "Chaudhry", "Demir", "Esenov", "Fischer", "Gomes", "Horvath", "Ismailov",
    "Jovanovic", "Kozlov", "Lemaire", "Mendes", "Nurpeisov", "Olsen", "Popescu", "Rashidov", "Schultz", "Tulegen",
    "Usmanov", "Vasquez", "Wagner", "Yusupov", "Zhakupov", "Arslan", "Bergstrom", "Cardenas", "Dossanov",
    "Ekwueme", "Fontaine", "Guliyev", "Hakimi", "Ivanova", "Kassenov", "Larsen", "Mirzoyev", "Nakamura", "Osei",
    "Pak", "Qasimi", "Renard", "Sultanov", "Takahashi", "Ullah", "Vogel", "Wiśniewski", "Yamada", "Zaitsev")
ROLES = ("Foreign Minister of {c}", "Prime Minister of {c}", "Defense Minister of {c}", "ambassador of {c}",
         "Finance Minister of {c}", "an opposition leader in {c}", "a senior fellow at {o}", "an analyst at {o}",
         "spokesperson for {o}", "Energy Minister of {c}", "a member of parliament in {c}",
         "central bank governor of {c}")
SOURCES = ("The Washington Post", "Reuters", "Associated Press", "The National Interest", "RFE/RL",
           "The New York Times", "Eurasianet", "The Diplomat", "Foreign Policy", "Al-Monitor")
#: sentence frames; {C} country, {P} person (full name), {S} the same person's short form, {O} organization,
#: {K} theme keyword, {N} a number, {M} a month
FRAMES = (
    "Officials in {C} said on {M} {D} that talks with {C2} on {K} would resume before the end of the year.",
    "The agreement, signed in the capital of {C}, covers {N} projects and follows months of negotiations over {K}.",
    "{P}, who has led the ministry since {Y}, has pushed for closer ties with {C} and {C2}.",
    "Analysts at {O} note that trade between {C} and {C2} grew by {N} percent last year, driven largely by {K}.",
    "The move drew criticism from {C2}, where lawmakers questioned whether the deal served national interests.",
    "In a statement, {O} said the decision reflected a broader shift in how the region approaches {K}.",
    "Diplomats from {C} and {C2} met on the sidelines of the summit to discuss {K} and border security.",
    "{S} later met representatives of {O} to discuss financing for the {N} kilometre pipeline.",
    "The government of {C} has spent roughly {N} million dollars on infrastructure since {Y}.",
    "Observers in {C} say the policy marks a departure from the cautious line the country followed for decades.",
    "Earlier this month, {P} travelled to {C} for two days of meetings with business leaders and officials.",
    "Critics argue that the plan leaves {C} exposed to pressure from larger neighbours, especially {C2}.",
    "According to figures published by {O}, more than {N} thousand people have been affected so far.",
    "The dispute has also complicated relations between {C} and {C2}, which share a long and porous border.",
    "Energy exports remain central to the economy of {C}, accounting for about {N} percent of state revenue.",
    "Representatives of {O} are expected to visit {C} next month to review progress on {K}.",
    "The ministry in {C} did not respond to a request for comment on Tuesday.",
    "Some economists warn that a slowdown in {C2} could ripple through the region within months.",
    "{S} has repeatedly said that {C} will not choose sides between competing powers.",
    "Protests broke out in several cities in {C} after the announcement, according to local media.",
    "Negotiators say a final text could be ready by {M}, though several questions about {K} remain open.",
    "The project, backed by lenders in {C2}, is expected to create about {N} jobs over five years.",
)
QUOTE_FRAMES = (
    "“{Q},” {P} said in an interview.",
    "“{Q},” {S} told reporters after the meeting.",
    "{P} described the talks as productive: “{Q}.”",
    "“{Q},” said {P}, {R}.",
    "As {S} put it in a speech in {C}: “{Q}.”",
)
QUOTES = ("We are not choosing sides, we are choosing our own interests",
          "This agreement opens a new chapter for the whole region",
          "Nobody should expect results overnight, but the direction is clear",
          "Our partners understand that stability is good for business",
          "We have made our position clear and we will not change it",
          "The numbers speak for themselves, and they are not encouraging",
          "Security and prosperity go together, one cannot exist without the other",
          "We will continue the dialogue, because there is no alternative to dialogue",
          "It is a difficult moment, but we have been through difficult moments before",
          "The people deserve to know what was agreed and at what price")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TITLE_FRAMES = ("{C} and {C2} move closer on {K}", "Why {C} is betting on {K}", "{P} visits {C} as talks on {K} stall",
                "What {C}'s new course on {K} means for {C2}", "{C} weighs {K} amid pressure from {C2}",
                "Inside {C}'s quiet push on {K}", "{O} warns {C} over {K}")
TARGET_BYTES = 8000


#: the random seed of the benchmark's corpora
SEED = 2025


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


def make_people(rng: random.Random, countries: list[str], orgs: list[str], taken: set[str]) -> list[dict]:
    """About 2,000 people with unique names; a surname alias only where no one else (and nothing else) has it."""
    names: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(names) < PEOPLE:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        middle = rng.choice(FIRST) if len(seen) >= len(FIRST) * len(LAST) // 2 else ""
        full = f"{first} {middle + ' ' if middle else ''}{last}"
        if full not in seen and full not in taken:
            seen.add(full)
            names.append((full, last))
    surnames: dict[str, int] = {}
    for _, last in names:
        surnames[last] = surnames.get(last, 0) + 1
    people = []
    for full, last in names:
        country = rng.choice(countries[:60])
        role = rng.choice(ROLES).format(c=country, o=rng.choice(orgs))
        entry: dict = {"name": full}
        if surnames[last] == 1 and last not in taken:
            entry["aliases"] = [last]
        entry["role"] = role
        entry["description"] = f"{full} is {role}." if role[0].islower() else f"{full} is the {role}."
        entry["country"] = country
        people.append(entry)
    return people


class Corpus:
    def __init__(self, registry_dir: Path, seed: int) -> None:
        self.seed = seed
        registry = load_registry(registry_dir)
        rng = random.Random(f"{seed}:registry")
        countries = [e for e in registry.by_type("country") if not e.ambiguous]
        # the big news countries first, then the rest in a fixed shuffled order: a Zipf tail
        head = ["United States", "China", "Russia", "Ukraine", "Kazakhstan", "Türkiye", "Iran", "India", "Germany",
                "France", "Israel", "United Kingdom", "Japan", "Uzbekistan", "Azerbaijan", "Armenia", "Pakistan",
                "Brazil", "Saudi Arabia", "Egypt"]
        by_name = {e.name: e for e in countries}
        ordered = [by_name[n] for n in head if n in by_name]
        rest = sorted((e for e in countries if e.name not in head), key=lambda e: e.id)
        rng.shuffle(rest)
        self.countries = [e.name for e in ordered + rest]
        self.orgs = sorted(e.name for e in registry.by_type("organization"))
        self.keywords = [(rule.entity_id, list(rule.keywords)) for rule in registry.themes]
        taken = {s for e in registry.entities.values() for s in (e.name, *e.aliases)}
        self.people = make_people(rng, self.countries, self.orgs, taken)
        self.country_w = zipf_weights(len(self.countries), 1.1)
        self.people_w = zipf_weights(len(self.people), 0.9)
        self.org_w = zipf_weights(len(self.orgs), 0.8)

    def article(self, number: int, seed: int) -> tuple[str, str]:
        """(file name, text) of article ``number``; depends only on (seed, number)."""
        rng = random.Random(f"{seed}:{number}")
        countries = list(dict.fromkeys(rng.choices(self.countries, self.country_w, k=rng.randint(8, 16))))
        people = [self.people[i] for i in dict.fromkeys(
            rng.choices(range(len(self.people)), self.people_w, k=rng.randint(5, 12)))]
        orgs = list(dict.fromkeys(rng.choices(self.orgs, self.org_w, k=rng.randint(2, 6))))
        themes = rng.sample(self.keywords, k=min(len(self.keywords), rng.randint(1, 3)))
        keywords = [k for _, kws in themes for k in kws]
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
        author = rng.choice(self.people)["name"] if rng.random() < 0.1 else rng.choice(
            ["Staff reporter", "Anna Kowal", "Marc Dubois", "Aigerim Sadykova", "Tom Reilly"])

        def fill(frame: str) -> str:
            person = rng.choice(people)
            short = person.get("aliases", [person["name"]])[0]
            c1, c2 = rng.choice(countries), rng.choice(countries)
            return frame.format(C=c1, C2=c2, P=person["name"], S=short, O=rng.choice(orgs),
                                K=rng.choice(keywords), N=rng.randint(2, 900), Y=rng.randint(1995, 2024),
                                M=rng.choice(MONTHS), D=rng.randint(1, 28), Q=rng.choice(QUOTES),
                                R=person["role"])

        title = fill(rng.choice(TITLE_FRAMES))
        title = title[0].upper() + title[1:]
        paragraphs: list[str] = []
        size = 0
        quotes_left = rng.randint(3, 8)
        while size < TARGET_BYTES:
            sentences = [fill(rng.choice(FRAMES)) for _ in range(rng.randint(3, 6))]
            if quotes_left and rng.random() < 0.6:
                sentences.insert(rng.randrange(len(sentences) + 1), fill(rng.choice(QUOTE_FRAMES)))
                quotes_left -= 1
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        meta = {"title": title, "source": rng.choice(SOURCES), "author": author, "date": day.isoformat(),
                "slug": f"{slugify(title, 50)}-{number:05d}"}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        name = f"{number:05d}_{slugify(title, 40)}.txt"
        return name, f"---\n{front}---\n" + "\n\n".join(paragraphs) + "\n"


    def added_beside(self, seed_file: Path, number: int) -> Path:
        """Article ``number`` (one past the corpus' own: a new article) written as a seed beside ``seed_file``
        in the seed order (the benchmark's and check_incremental's seed added)."""
        _, text = self.article(number, self.seed)
        new = seed_file.with_name(f"{seed_file.stem}-added-{number}{seed_file.suffix}")
        new.write_text(text, encoding="utf-8")
        return new


def generate(out_dir: Path, articles: int, seed: int = SEED, registry_dir: Path = ROOT / "registry") -> Corpus:
    """Write the corpus; files already there with the same content are left alone (their mtime too)."""
    corpus = Corpus(registry_dir, seed)
    registry_out = out_dir / "registry"
    registry_out.mkdir(parents=True, exist_ok=True)
    for name in ("countries.yml", "organizations.yml", "themes.yml"):
        _write_if_changed(registry_out / name, (registry_dir / name).read_text(encoding="utf-8"))
    people = "# generated by benchmarks/generate.py\n" + yaml.safe_dump(
        corpus.people, allow_unicode=True, sort_keys=False, width=1000)
    _write_if_changed(registry_out / "people.yml", people)
    seeds = out_dir / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for number in range(articles):
        name, text = corpus.article(number, seed)
        wanted.add(name)
        _write_if_changed(seeds / name, text)
    for stale in seeds.iterdir():
        if stale.name not in wanted:
            stale.unlink() if stale.is_file() else shutil.rmtree(stale)
    return corpus


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="corpus folder (seeds/ and registry/ are written into it)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    generate(args.out, args.articles, args.seed)
    print(f"{args.articles} articles in {args.out}/seeds, registry in {args.out}/registry")
    return 0


if __name__ == "__main__":
    sys.exit(main())
