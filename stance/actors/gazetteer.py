"""The actor gazetteer: countries, governments, people with dated roles, organisations, titles.

Shipped as package data (``stance/data/gazetteer/*.csv``, version in ``VERSION``) and read with
``importlib.resources``. Ids: a country is its ISO 3166 alpha-3 code (``AZE``); its government adds
``GOV`` (``AZEGOV``, also its CAMEO-style role code); a person is a lower-case slug (``ilham_aliyev``); an
organisation a short upper-case id (``UN``, ``NATO``). Country names stand for the country; capitals, seats
(le Kremlin, Downing Street) and adjectives (azerbaïdjanaise, Turkish) for its government; a title with a
country ("le Premier ministre arménien") for the holder of that role on the article's date.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from stance.lang import en, fr

# Phrases naming a government through its bodies; {m}/{f}/{mpl}/{fpl} are French adjective forms, {adj} English.
GOVERNMENT_BODIES = {"fr": fr.GOVERNMENT_BODIES, "en": en.GOVERNMENT_BODIES}
# The CSV files of a gazetteer extension folder (``load(extra=folder)``, written by stance.actors.importers).
EXTENSION_FILES = {
    "people.csv": ["id", "name", "country", "aliases_en", "aliases_fr"],
    "roles.csv": ["person", "role", "of", "start", "end"],
    "organisations.csv": ["id", "kind", "code", "parent", "country", "name_en", "name_fr", "names_en", "names_fr"],
    "aliases.csv": ["id", "alias", "lang", "type"],
}
# Family name first: the first word of the name is the one used alone ("Lai" for Lai Ching-te).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "KHM", "MNG", "HKG", "MAC"})
PARTICLES = frozenset("von van der den de da di du la le al el ben bin ibn bint".split())


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # person, government, country, organisation, party, group, company, ngo, media
    country: str = ""  # ISO3, when the actor belongs to one
    code: str = ""  # CAMEO-style role code


@dataclass(frozen=True)
class Role:
    person: str
    role: str
    of: str
    start: date | None
    end: date | None

    def holds(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Alias:
    text: str
    target: str  # an actor id, or "role:<role>:<of>" for a title
    type: str  # name, surname, capital, seat, adjective, title
    lang: str = ""  # fr, en or "" for both


@dataclass
class Gazetteer:
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    version: str = ""

    def holder(self, role: str, of: str, on: date | None) -> str | None:
        """The person holding ``role`` of ``of`` on date ``on`` (None when unknown or no date)."""
        if on is None:
            return None
        for entry in self.roles:
            if entry.role == role and entry.of == of and entry.holds(on):
                return entry.person
        return None

    def add(self, actor: Actor, names=(), lang: str = "", type: str = "name") -> None:
        """Add (or keep) an actor and aliases for it; used by importers."""
        self.actors.setdefault(actor.id, actor)
        for name in names:
            if name:
                self.aliases.append(Alias(name, actor.id, type, lang))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _rows(name: str, folder: str | None = None) -> list[dict]:
    """Rows of one CSV: the packaged file when ``folder`` is None (it must exist), else ``folder/name``
    (an extension folder: a missing file is no rows)."""
    if folder is None:
        text = files("stance.data.gazetteer").joinpath(name).read_text(encoding="utf-8")
    else:
        path = Path(folder) / name
        if not path.is_file():
            return []
        text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def surname_of(name: str) -> str | None:
    """The surname to use for coreference: last word with its particles ("von der Leyen"), None if 1 word."""
    words = name.split()
    if len(words) < 2:
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _countries(gaz: Gazetteer, countries: list[dict]) -> None:
    for row in countries:
        iso, gov = row["iso3"], row["iso3"] + "GOV"
        gaz.add(Actor(iso, row["name_en"], "country", iso, row["cameo"]))
        gaz.add(Actor(gov, f"{row['name_en']} (government)", "government", iso, row["cameo"] + "GOV"))
        for lang in ("en", "fr"):
            gaz.add(gaz.actors[iso], [row[f"name_{lang}"], *_split(row[f"names_{lang}"])], lang)
            gaz.add(gaz.actors[gov], _split(row[f"capital_{lang}"]), lang, "capital")
            gaz.add(gaz.actors[gov], _split(row[f"seats_{lang}"]), lang, "seat")
        gaz.add(gaz.actors[gov], _split(row["adj_en"]), "en", "adjective")
        forms = {form: _split(row[f"adj_fr_{form}"]) for form in ("m", "f", "mpl", "fpl")}
        for adjectives in forms.values():
            gaz.add(gaz.actors[gov], adjectives, "fr", "adjective")
        for template in GOVERNMENT_BODIES["fr"]:
            form = template[template.index("{") + 1 : template.index("}")]
            gaz.add(gaz.actors[gov], [template.format(**{form: a}) for a in forms[form]], "fr", "body")
        names_en = [row["name_en"], *_split(row["names_en"])]
        for template in GOVERNMENT_BODIES["en"]:
            fills = [{"name": n} for n in names_en] if "{name}" in template else [{"adj": a} for a in _split(row["adj_en"])]
            gaz.add(gaz.actors[gov], [template.format(**fill) for fill in fills], "en", "body")


def _people(gaz: Gazetteer, folder: str | None = None) -> None:
    for row in _rows("people.csv", folder):
        person = Actor(row["id"], row["name"], "person", row["country"], (row["country"] or "") + "GOV")
        names = [row["name"], *_split(row["aliases_en"]), *_split(row["aliases_fr"])]
        gaz.add(person, names)
        surnames = {surname_of(n) for n in names if " " in n} - {None}
        if row["country"] in FAMILY_NAME_FIRST:  # "Lai" for Lai Ching-te, "Xi" for Xi Jinping
            surnames |= {n.split()[0] for n in names if " " in n}
        for surname in surnames:
            gaz.aliases.append(Alias(surname, person.id, "surname"))
    for row in _rows("roles.csv", folder):
        gaz.roles.append(Role(row["person"], row["role"], row["of"], _date(row["start"]), _date(row["end"])))


def _organisations(gaz: Gazetteer, folder: str | None = None) -> None:
    for row in _rows("organisations.csv", folder):
        actor = Actor(row["id"], row["name_en"], row["kind"], row["country"], row["code"])
        gaz.add(actor, [row["name_en"], *_split(row["names_en"])], "en")
        gaz.add(actor, [row["name_fr"], *_split(row["names_fr"])], "fr")


def _aliases(gaz: Gazetteer, folder: str | None = None) -> None:
    """Extra spellings (``id,alias,lang,type``) for actors that exist; rows for unknown ids are ignored."""
    for row in _rows("aliases.csv", folder):
        text, target = (row.get("alias") or "").strip(), (row.get("id") or "").strip()
        if text and target in gaz.actors:
            gaz.aliases.append(Alias(text, target, (row.get("type") or "").strip() or "name",
                                     (row.get("lang") or "").strip()))


def _title_phrases(title: str, lang: str, country: dict) -> list[str]:
    """A generic title combined with one country: adjective placement follows each language."""
    if lang == "en":
        phrases = [f"{adjective} {title}" for adjective in _split(country["adj_en"])]
        return phrases + [f"{title} of {country['name_en']}", f"{country['name_en']}'s {title}"]
    adjectives = _split(country["adj_fr_m"]) + _split(country["adj_fr_f"])
    phrases = [f"{title} {adjective}" for adjective in adjectives]
    head, _, rest = title.partition(" ")
    if head.endswith("ministre") and rest:  # "ministre russe des Affaires étrangères"
        phrases += [f"{head} {adjective} {rest}" for adjective in adjectives]
    return phrases


def _titles(gaz: Gazetteer, countries: list[dict]) -> None:
    """Titles become full phrases ("Premier ministre arménien", "Armenian Prime Minister") pointing at a
    role; country-specific rows come first so they win over the generic combination of the same words."""
    rows = sorted(_rows("titles.csv"), key=lambda row: not row["country"])
    for row in rows:
        title, lang, role, country = row["title"].strip(), row["lang"], row["role"], row["country"]
        if country:
            gaz.aliases.append(Alias(title, f"role:{role}:{country}", "title", lang))
            continue
        for c in countries:
            for phrase in _title_phrases(title, lang, c):
                gaz.aliases.append(Alias(phrase, f"role:{role}:{c['iso3']}", "title", lang))


@lru_cache(maxsize=8)
def load(extra: str | os.PathLike | None = None) -> Gazetteer:
    """The packaged gazetteer (read once per process), extended with the CSVs of folder ``extra`` when given
    (``people.csv``, ``roles.csv``, ``organisations.csv``, ``aliases.csv``, each optional; see
    ``stance.actors.importers``). Cached per argument: pass the same str path to reuse the result."""
    gaz = Gazetteer(version=files("stance.data.gazetteer").joinpath("VERSION").read_text().strip())
    countries = _rows("countries.csv")  # read once: names for the actors, adjectives for the titles
    _countries(gaz, countries)
    _organisations(gaz)
    _people(gaz)
    _titles(gaz, countries)
    folder = os.fspath(extra) if extra is not None else ""
    if folder:  # "" (an unset option) is no extension, not the current directory
        if not Path(folder).is_dir():
            raise FileNotFoundError(f"gazetteer extension folder not found: {folder}")
        _people(gaz, folder)
        _organisations(gaz, folder)
        _aliases(gaz, folder)
    return gaz
