"""Which country (or international organisation) an actor stands for on a date, and the actors' names.

A country and its government stand for the country (``AZE``, ``AZEGOV`` → ``AZE``). A person stands for the
body of the role they hold on the article's date (``roles.csv``): Antony Blinken, Secretary of State from
2021-01-26 to 2025-01-20, stands for ``USA`` on 2023-11-28; the UN Secretary-General for ``UN``; a party
leader for the party's country. Without a date, or with no role held then, a person stands for the country
of ``people.csv``. An organisation with a country (a party, a national company) stands for that country;
one without (the UN, NATO) for itself. An actor the gazetteer does not know (``ner:…``) stands for nothing
(``""``): callers group it under its own id.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from stance.actors.gazetteer import Gazetteer

GOVERNMENT_SUFFIX = {"en": " (government)", "fr": " (gouvernement)"}


class Affiliations:
    """Country of each actor on a date, and labels in English or French, over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._roles = defaultdict(list)
        for role in gazetteer.roles:
            self._roles[role.person].append(role)
        self._names = {}  # (id, lang) -> the first name alias in that language (the CSV's name_fr / name_en)
        for alias in gazetteer.aliases:
            if alias.type == "name" and alias.lang:
                self._names.setdefault((alias.target, alias.lang), alias.text)

    def _body_country(self, body: str) -> str:
        """A role's body (``USA``, ``UN``, ``LR``) as a country when it has one, else the body itself."""
        actor = self.gazetteer.actors.get(body)
        if actor is None or actor.kind == "country":
            return body
        return actor.country or body

    def country(self, actor_id: str, on: date | None = None) -> str:
        """The ISO3 country, or international organisation id, that ``actor_id`` stands for on ``on``."""
        actor = self.gazetteer.actors.get(actor_id)
        if actor is None:
            return ""
        if actor.kind == "person":
            if on is not None:
                for role in self._roles.get(actor_id, ()):
                    if role.holds(on):
                        return self._body_country(role.of)
            return actor.country
        if actor.kind in ("country", "government"):
            return actor.country
        return actor.country or actor.id

    def label(self, actor_id: str, lang: str = "en") -> str:
        """A readable name: the gazetteer's name in ``lang`` ("Azerbaïdjan (gouvernement)"), else the id."""
        actor = self.gazetteer.actors.get(actor_id)
        if actor is None:
            return actor_id.removeprefix("ner:").replace("_", " ")
        if actor.kind == "government":
            country = self.label(actor.country, lang)
            return country + GOVERNMENT_SUFFIX.get(lang, GOVERNMENT_SUFFIX["en"])
        if actor.kind == "person":
            return actor.name
        return self._names.get((actor_id, lang)) or actor.name
