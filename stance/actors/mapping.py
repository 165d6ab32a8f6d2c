"""Map CAMEO/Phoenix dictionary entries (:mod:`stance.actors.phoenix`) onto the gazetteer: which entry names
an actor already known, which is a new person or organisation, which is left out. The rules are listed in
:func:`stance.actors.importers.to_gazetteer_rows`."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from stance.actors.gazetteer import EXTENSION_FILES, Gazetteer, load
from stance.actors.phoenix import Code, PhoenixEntry, loose_key, spelling_key
from stance.text.normalise import fold
from stance.lang import en

log = logging.getLogger("stance.importers")

# Alias types that name an actor. Not surnames, adjectives, titles; nor capitals and seats, which Phoenix
# lists as synonyms of the country ("AZERBAIJAN_ +BAKU_") while the gazetteer has them for the government.
MATCH_TYPES = frozenset({"name"})
INTERNATIONAL = {"IGO": "organisation", "NGO": "ngo", "MNC": "company", "IMG": "group"}
SUFFIX_KINDS = (("BUS", "company"), ("REB", "group"), ("MIL", "group"), ("PTY", "party"), ("OPP", "party"),
                ("MED", "media"))


def _person_like(entry: PhoenixEntry) -> bool:
    """Rule 3: a dated code, or a code ending in ELI/GOV, and a name of 2-4 words none of which is an
    organisation word."""
    words = entry.name.split()
    if not 2 <= len(words) <= 4 or any(fold(w).strip(".,'") in en.ORGANISATION_WORDS for w in words):
        return False
    return any(start or end or code.endswith(("ELI", "GOV")) for code, start, end in entry.codes)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def _latest(codes) -> Code:
    """The code that holds last: open-ended first, then by end, then by start; undated codes count least."""
    dated = [c for c in codes if c[1] or c[2]]
    if not dated:
        return codes[-1]
    return max(dated, key=lambda c: (c[2] is None, c[2] or date.min, c[1] or date.min))


def _role_chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(3, len(code), 3)]


def _org_kind(code: str) -> str:
    if code[:3] in INTERNATIONAL:
        return INTERNATIONAL[code[:3]]
    for suffix, kind in SUFFIX_KINDS:
        if code.endswith(suffix) and len(code) > 3:
            return kind
    return "organisation"


@dataclass
class MappingStats:
    entries: int = 0
    existing_aliases: int = 0  # aliases added to actors of the gazetteer (rules 1 and 2)
    country_aliases: int = 0  # of which: added to countries from place entries (rule 2)
    merged_aliases: int = 0  # aliases added to actors created earlier in the same batch
    existing_actors: int = 0  # entries that named an actor already known (gazetteer or earlier in the batch)
    new_people: int = 0
    new_organisations: int = 0
    unmapped: int = 0  # entries naming no known actor with no usable code, or a bare title


class _Mapper:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.rows: dict[str, list[dict]] = {name: [] for name in EXTENSION_FILES}
        self.stats = MappingStats()
        # country code (ISO3 or CAMEO) -> ISO3 of a country actor
        self.countries: dict[str, str] = {}
        for actor in gazetteer.actors.values():
            if actor.kind == "country":
                self.countries[actor.id] = actor.id
                if actor.code:
                    self.countries.setdefault(actor.code, actor.id)
        self.ids = set(gazetteer.actors)
        # single words of country names and adjectives, to tell a bare title ("US Vice President") from a name
        self.place_words: set[str] = set()
        for alias in gazetteer.aliases:
            actor = gazetteer.actors.get(alias.target)
            if actor is not None and alias.type in ("name", "adjective") and actor.kind in ("country", "government"):
                self.place_words.update(spelling_key(alias.text).replace("-", " ").split())
        self.names: dict[str, list[str]] = {}  # loose key -> actor ids it names (gazetteer, then new)
        self.taken: dict[str, set[str]] = {}  # key -> actor ids with that spelling, any alias type
        self.order: dict[str, int] = {}
        for alias in gazetteer.aliases:
            if alias.target.startswith("role:"):
                continue
            self.taken.setdefault(spelling_key(alias.text), set()).add(alias.target)
            loose = loose_key(alias.text)
            if alias.type in MATCH_TYPES and alias.target not in self.names.get(loose, ()):
                self.names.setdefault(loose, []).append(alias.target)
        for position, actor_id in enumerate(gazetteer.actors):
            self.order[actor_id] = position
        self.new_people: dict[str, dict] = {}
        self.new_kind: dict[str, str] = {}  # kind of the actors created in this batch
        self.new_country: dict[str, str] = {}  # and their country
        self.roles_seen: set[tuple] = set()

    # -- helpers
    def _country_of(self, code: str) -> str:
        return self.countries.get(code[:3], "")

    def _unique(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3``... whichever is no id yet (of the gazetteer or this batch)."""
        base = base or "actor"  # a name in a script the slug drops entirely
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}_{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def _spellings(self, actor_id: str, texts) -> list[str]:
        """The spellings not yet known for any actor (nor already emitted), bare titles left out ("US
        President" under a president's entry would name him forever); registers them for ``actor_id``.
        Only the spellings of actors new in this batch serve to recognise later entries (to merge the same
        actor listed twice); spellings added to gazetteer actors do not, so a loose synonym cannot pull
        further entries into an actor."""
        kept = []
        for text in texts:
            spelling = spelling_key(text)
            if not spelling or spelling in self.taken or self._title_only(text):
                continue
            self.taken[spelling] = {actor_id}
            if actor_id not in self.gaz.actors:
                named = self.names.setdefault(loose_key(text), [])
                if actor_id not in named:
                    named.append(actor_id)
            kept.append(text)
        return kept

    def _register(self, actor_id: str, texts) -> None:
        for text in texts:
            self.taken.setdefault(spelling_key(text), set()).add(actor_id)
            named = self.names.setdefault(loose_key(text), [])
            if actor_id not in named:
                named.append(actor_id)

    def _known_actor(self, entry: PhoenixEntry) -> str | None:
        """The actor the entry's spellings name. With several: the one whose code, then country, agrees with
        the entry's codes, then the one its main name names, then the one most spellings name, the earliest.
        A country (or its government) is never chosen for an entry coded for other countries only, and an actor
        named by a synonym only must be a person if and only if the entry looks like one (a group listing its
        leader's name among its synonyms is not that leader)."""
        person_like = _person_like(entry)
        countries = {self._country_of(code) for code, _, _ in entry.codes} - {""}
        coded = {code for code, _, _ in entry.codes}
        main: set[str] = set()
        votes: dict[str, int] = {}
        for rank, text in enumerate((entry.name, *entry.aliases)):
            for actor_id in self.names.get(loose_key(text), ()):
                votes[actor_id] = votes.get(actor_id, 0) + 1
                if rank == 0:
                    main.add(actor_id)
        # the id the entry would get, when an actor of the same kind and country has it already
        # ("Bashar al Assad" -> bashar_al_assad; "Cultural Survival, Inc" after "Cultural Survival Inc.")
        same_id = _slug(entry.name) if person_like else _slug(entry.name).upper()
        other = self.gaz.actors.get(same_id)
        kind = other.kind if other else self.new_kind.get(same_id)
        country = other.country if other else self.new_country.get(same_id, "")
        entry_country = self._country_of(_latest(entry.codes)[0]) if entry.codes else ""
        if (kind is not None and (kind == "person") == person_like
                and (not country or not entry_country or country == entry_country)):
            votes[same_id] = votes.get(same_id, 0) + 1
            main.add(same_id)
        best, best_score = None, None
        for actor_id, count in votes.items():
            actor = self.gaz.actors.get(actor_id)
            country = actor.country if actor else self.new_country.get(actor_id, "")
            kind = actor.kind if actor else self.new_kind.get(actor_id, "")
            if kind in ("country", "government") and countries and country not in countries:
                continue  # GEORGIA_ coded USA is not the country Georgia
            if actor_id not in main and (kind == "person") != person_like:
                continue
            same_code = actor_id in coded or bool(actor and actor.code in coded)
            same_country = bool(country and country in countries)
            score = (not same_code, not same_country, actor_id not in main, -count,
                     self.order.get(actor_id, len(self.order)))
            if best_score is None or score < best_score:
                best, best_score = actor_id, score
        return best

    def _roles(self, person: str, codes) -> None:
        for code, start, end in codes:
            if "GOV" in _role_chunks(code):
                of = (self._country_of(code) or code[:3]) + "GOV"
            else:
                of = code
            row = {"person": person, "role": "affiliation", "of": of,
                   "start": start.isoformat() if start else "", "end": end.isoformat() if end else ""}
            key = tuple(row.values())
            if key not in self.roles_seen:
                self.roles_seen.add(key)
                self.rows["roles.csv"].append(row)

    def _add_aliases(self, actor_id: str, texts) -> int:
        new = self._spellings(actor_id, texts)
        self.rows["aliases.csv"].extend({"id": actor_id, "alias": t, "lang": "en", "type": "name"} for t in new)
        return len(new)

    def _title_only(self, name: str) -> bool:
        words = spelling_key(name).replace("-", " ").split()
        return (bool(words) and all(w in en.GENERIC_TITLE_WORDS or w in self.place_words for w in words)
                and any(w in en.TITLE_WORDS for w in words))

    # -- the rules
    def add(self, entry: PhoenixEntry) -> None:
        self.stats.entries += 1
        spellings = (entry.name, *entry.aliases)
        known = self._known_actor(entry)
        if known is not None:
            self.stats.existing_actors += 1
            added = self._add_aliases(known, spellings)
            if known in self.gaz.actors:
                self.stats.existing_aliases += added
            else:
                self.stats.merged_aliases += added
            if known in self.new_people:  # the same person in another file: keep its other roles too
                self._roles(known, entry.codes)
            return
        if not entry.codes or self._title_only(entry.name):
            self.stats.unmapped += 1
            return
        codes = [c for c, _, _ in entry.codes]
        countries = {self._country_of(c) for c in codes}
        if all(len(c) == 3 for c in codes) and len(countries) == 1 and "" not in countries:
            added = self._add_aliases(countries.pop(), spellings)
            self.stats.country_aliases += added
            self.stats.existing_aliases += added
            return
        if _person_like(entry):
            self._new_person(entry)
        else:
            self._new_organisation(entry)

    def _new_person(self, entry: PhoenixEntry) -> None:
        person = self._unique(_slug(entry.name))
        self.new_kind[person] = "person"
        self._register(person, [entry.name])
        aliases = self._spellings(person, entry.aliases)
        row = {"id": person, "name": entry.name, "country": self._country_of(_latest(entry.codes)[0]),
               "aliases_en": "|".join(aliases), "aliases_fr": ""}
        self.new_country[person] = row["country"]
        self.rows["people.csv"].append(row)
        self.new_people[person] = row
        self._roles(person, entry.codes)
        self.stats.new_people += 1

    def _new_organisation(self, entry: PhoenixEntry) -> None:
        code = entry.codes[0][0]
        org = self._unique(_slug(entry.name).upper())
        kind = _org_kind(code)
        # a national code (AZEREB), or an international one naming a country next (MNCUSA, NGOFRA)
        country = self._country_of(code) or (self.countries.get(code[3:6], "") if code[:3] in INTERNATIONAL else "")
        self.new_kind[org] = kind
        self.new_country[org] = country
        self._register(org, [entry.name])
        aliases = self._spellings(org, entry.aliases)
        self.rows["organisations.csv"].append({
            "id": org, "kind": kind, "code": code, "parent": "", "country": country,
            "name_en": entry.name, "name_fr": "", "names_en": "|".join(aliases), "names_fr": "",
        })
        self.stats.new_organisations += 1


def map_entries(entries, gazetteer: Gazetteer | None = None) -> tuple[dict[str, list[dict]], MappingStats]:
    mapper = _Mapper(gazetteer if gazetteer is not None else load())
    for entry in entries:
        mapper.add(entry)
    log.info("mapped %s", mapper.stats)
    return mapper.rows, mapper.stats
