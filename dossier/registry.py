"""Load and validate the editor-owned registry (``registry/*.yml``) and the countries of pycountry.

Files: ``countries.yml`` (a mapping of ISO codes to extras) and any number of list files
(``people.yml``, ``organizations.yml``, ``themes.yml``, ...) whose entries are mappings with a
``name``; an entry's ``type`` defaults from its file's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import yaml

from .errors import DossierError, DossierErrors, did_you_mean
from .model import ENTITY_TYPES, Entity, EntityType, SourceLocation
from .readers import _UniqueKeyLoader, decode, load_yaml
from .text import slugify

FILE_TYPES: dict[str, EntityType] = {"people": "person", "persons": "person", "organizations": "organization",
                                     "organisations": "organization", "themes": "theme", "countries": "country"}
ENTRY_KEYS: dict[str, tuple[str, ...]] = {
    "person": ("name", "type", "aliases", "role", "description", "country", "reviewed"),
    "organization": ("name", "type", "aliases", "kind", "description", "country", "reviewed"),
    "theme": ("name", "type", "description", "keywords", "min_hits"),
    "country": ("name", "aliases", "ambiguous", "description"),
}
DEFAULT_THEME_MIN_HITS = 2


@dataclass(frozen=True)
class ThemeRule:
    entity_id: str
    keywords: tuple[str, ...]
    min_hits: int


@dataclass(frozen=True)
class Registry:
    entities: dict[str, Entity]  # by id
    themes: tuple[ThemeRule, ...]
    ignore: tuple[str, ...]  # phrases that must never link (they win as longer matches)

    def by_type(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kind]


class _LineLoader(_UniqueKeyLoader):
    """Records the 1-based line of every mapping under the key ``__line__``."""


def _construct_with_line(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    mapping = _UniqueKeyLoader.yaml_constructors[yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG](
        loader, node, deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_with_line)


def _load(path: Path, display: str) -> Any:
    return load_yaml(decode(path.read_bytes(), display), display, loader=_LineLoader)


def _key_line(path: Path, key: object) -> int:
    """The line of a top-level key of a YAML file (0 if not found): a mapping's values record their line, a
    plain value does not."""
    for number, line in enumerate(decode(path.read_bytes(), str(path)).split("\n"), 1):
        if re.match(rf"""(["']?){re.escape(str(key))}\1\s*:""", line):
            return number
    return 0


def _str_list(value: Any, where: SourceLocation, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise DossierError(where, f"'{key}' must be a list of names, like [Tokayev, Tokaev]")
    return tuple(str(v).strip() for v in value if str(v).strip())


def load_registry(registry_dir: Path, display_root: str = "registry") -> Registry:
    """Every entity the build knows before it reads an article. Raises :class:`DossierErrors`."""
    errors: list[DossierError] = []
    entities: list[Entity] = []
    themes: list[ThemeRule] = []
    ignore: list[str] = []
    country_extras: dict[str, Any] = {}
    files = sorted(registry_dir.glob("*.yml")) + sorted(registry_dir.glob("*.yaml")) if registry_dir.is_dir() \
        else []
    for path in files:
        display = f"{display_root}/{path.name}"
        try:
            data = _load(path, display)
            if path.stem == "countries":
                if not isinstance(data, dict):
                    raise DossierError(SourceLocation(display, 1), "countries.yml must map ISO codes to extras")
                data.pop("__line__", None)
                for code, extra in data.items():
                    if code != "_ignore" and not isinstance(extra, dict | None):
                        raise DossierError(SourceLocation(display, _key_line(path, code)),
                                           f"'{code}' must be followed by the country's extras on indented lines "
                                           f"(name, aliases, ambiguous, description), not {extra!r}")
                country_extras = data
                ignore.extend(_str_list(data.get("_ignore"), SourceLocation(display, 1), "_ignore"))
                continue
            entries = data or []
            if not isinstance(entries, list):
                raise DossierError(SourceLocation(display, 1), "a registry file is a list of entries, each "
                                   "starting with '- name: ...'")
            for entry in entries:
                try:
                    entity, rule = _entry(entry, path.stem, display)
                except DossierError as exc:
                    errors.append(exc)
                    continue
                entities.append(entity)
                if rule:
                    themes.append(rule)
        except DossierError as exc:
            errors.append(exc)
    try:
        entities.extend(_countries(country_extras, f"{display_root}/countries.yml"))
    except DossierError as exc:
        errors.append(exc)
    by_id: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in by_id:
            errors.append(DossierError(entity.origin or SourceLocation(display_root),
                                       f"'{entity.name}' is entered twice (also at {by_id[entity.id].origin})"))
        by_id[entity.id] = entity
    errors.extend(_alias_clashes(by_id.values()))
    if errors:
        raise DossierErrors(errors)
    return Registry(dict(sorted(by_id.items())), tuple(sorted(themes, key=lambda t: t.entity_id)),
                    tuple(sorted(set(ignore))))


def _entry(entry: Any, stem: str, display: str) -> tuple[Entity, ThemeRule | None]:
    if not isinstance(entry, dict):
        raise DossierError(SourceLocation(display, 1), f"each entry must be a mapping with a name, not "
                           f"{entry!r}")
    where = SourceLocation(display, int(entry.pop("__line__", 0)))
    kind = entry.get("type") or FILE_TYPES.get(stem)
    if kind not in ENTITY_TYPES or kind == "country":
        allowed = ", ".join(t for t in ENTITY_TYPES if t != "country")
        raise DossierError(where, f"unknown entity type '{kind}'.{did_you_mean(str(kind), ENTITY_TYPES)} "
                           f"Allowed here: {allowed} (countries go in countries.yml)")
    for key in entry:
        if key not in ENTRY_KEYS[kind]:
            raise DossierError(where, f"unknown key '{key}' for a {kind}."
                               f"{did_you_mean(str(key), ENTRY_KEYS[kind])} Known: {', '.join(ENTRY_KEYS[kind])}")
    _check_values(entry, where)
    name = str(entry.get("name") or "").strip()
    if not name:
        raise DossierError(where, f"a {kind} entry needs a 'name'")
    slug = slugify(name)
    if not slug:
        raise DossierError(where, f"cannot make a page name from '{name}'; add a Latin-script alias first")
    aliases = _str_list(entry.get("aliases"), where, "aliases")
    rule = None
    if kind == "theme":
        keywords = _str_list(entry.get("keywords"), where, "keywords")
        min_hits = entry.get("min_hits", DEFAULT_THEME_MIN_HITS)
        if not isinstance(min_hits, int) or isinstance(min_hits, bool) or min_hits < 1:
            raise DossierError(where, "'min_hits' must be a whole number of at least 1")
        rule = ThemeRule(f"theme:{slug}", tuple(dict.fromkeys((name, *keywords))), min_hits)
        aliases = tuple(k for k in keywords if k.lower() != name.lower())
    extra = tuple((k, str(entry[k])) for k in ("country", "kind") if entry.get(k))
    entity = Entity(
        id=f"{kind}:{slug}", type=kind, name=name, aliases=aliases,
        description=str(entry.get("description") or "").strip(), role=str(entry.get("role") or "").strip(),
        reviewed=bool(entry.get("reviewed", True)), origin=where, extra=extra)
    return entity, rule


#: the entry keys that say yes or no; the others (but the lists and min_hits) hold text
FLAGS = ("reviewed", "ambiguous")


def _check_values(entry: dict[str, Any], where: SourceLocation) -> None:
    """Refuse what YAML reads otherwise than the editor meant: ``reviewed: "no"`` (text, which would count
    as yes), ``role: No`` or ``aliases: [NO]`` (false, not the word), a list where one value goes."""
    for key, value in entry.items():
        if key in ("__line__", "min_hits"):  # min_hits: a number, checked where it is read
            continue
        if key in FLAGS:
            if not isinstance(value, bool):
                raise DossierError(where, f"'{key}' must be true or false, not {value!r}")
            continue
        items = value if key in ("aliases", "keywords") and isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, bool):
                word = "Yes, On or True" if item else "No, Off or False"
                raise DossierError(where, f"'{key}' has a value that YAML reads as {str(item).lower()} (a word "
                                   f"like {word}); put it in quotes, like \"{word.split(',')[0]}\"")
        if key not in ("aliases", "keywords") and isinstance(value, list | dict):
            raise DossierError(where, f"'{key}' must be a single value, not a {type(value).__name__}")


def _countries(extras: dict[str, Any], display: str) -> list[Entity]:
    """Every ISO 3166 country, with the editor's extras (display name, demonyms, capitals) on top."""
    out = []
    records: list[tuple[str, Any]] = [(c.alpha_2, c) for c in pycountry.countries]
    for code in extras:
        if isinstance(code, str) and len(code) == 4:
            historic = pycountry.historic_countries.get(alpha_4=code)
            if historic is None:
                raise DossierError(SourceLocation(display), f"'{code}' is not an ISO 3166-3 former country")
            records.append((code, historic))
    known = {code for code, _ in records}
    for code in extras:
        if isinstance(code, bool):
            raise DossierError(SourceLocation(display), "a country code was read by YAML as "
                               f"{str(code).lower()}: write codes such as NO (Norway) in quotes, \"NO\":")
        if code != "_ignore" and code not in known:
            line = extras[code].get("__line__", 0) if isinstance(extras[code], dict) else 0
            raise DossierError(SourceLocation(display, line), f"'{code}' is not an ISO 3166-1 alpha-2 country "
                               f"code.{did_you_mean(str(code), known)}")
    for code, record in records:
        extra = extras.get(code) or {}
        where = SourceLocation(display, int(extra.get("__line__", 0)))
        for key in extra:
            if key != "__line__" and key not in ENTRY_KEYS["country"]:
                raise DossierError(where, f"unknown key '{key}' for a country."
                                   f"{did_you_mean(str(key), ENTRY_KEYS['country'])}")
        _check_values(extra, where)
        official = [getattr(record, a, "") for a in ("common_name", "name", "official_name")]
        name = str(extra.get("name") or official[0] or official[1])
        aliases = _str_list(extra.get("aliases"), where, "aliases")
        prose_names = tuple(n for n in official if n and "," not in n and n != name)
        out.append(Entity(
            id=f"country:{slugify(name)}", type="country", name=name,
            aliases=tuple(dict.fromkeys(aliases + prose_names)),
            description=str(extra.get("description") or "").strip(), ambiguous=bool(extra.get("ambiguous")),
            origin=where if extra else None, extra=(("iso", code),)))
    return out


def _alias_clashes(entities: Iterable[Entity]) -> list[DossierError]:
    """The same name given to two entities would make every match a coin toss: refuse it."""
    owner: dict[str, Entity] = {}
    errors = []
    for entity in entities:
        if entity.type == "theme":
            continue  # theme keywords are signals, not names; they may overlap other themes'
        for surface in (entity.name, *entity.aliases):
            other = owner.get(surface)
            if other is not None and other.id != entity.id:
                errors.append(DossierError(entity.origin or other.origin or SourceLocation("registry"),
                                           f"'{surface}' is given to both {other.name} ({other.type}, "
                                           f"{other.origin}) and {entity.name} ({entity.type}); keep it on one"))
            owner.setdefault(surface, entity)
    return errors
