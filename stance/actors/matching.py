"""Find actor mentions in sentences: longest match, case- and accent-insensitive, elision-aware, with
in-document coreference for surnames and titles.

Matching runs on a folded copy of the sentence that has the same length as the original (accents and case
removed character by character), so every mention keeps its offsets. Tokens are words and single
punctuation marks; an alias matches a run of whole tokens, so "l'Azerbaïdjan" and "d'Erevan" match
"Azerbaïdjan" and "Erevan", and "Iran" does not match inside "Iranians".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from stance.actors.gazetteer import FAMILY_NAME_FIRST, Gazetteer, load, surname_of
from stance.lang import alternation, en, fr
from stance.text.normalise import fold, key

_TOKEN = re.compile(r"\w+|[^\w\s]")
_HONORIFIC = re.compile(
    rf"(?:\b(?:{alternation(fr.HONORIFICS, en.HONORIFICS)})\.?|\b(?:{alternation(fr.TITLES, en.TITLES)}))\s+$"
)
# When one alias text names several actors: an organisation's or person's name beats a capital ("Bruxelles"
# is the EU before it is Belgium's government), a capital beats a surname or an adjective.
TYPE_PRIORITY = {"title": 0, "name": 1, "body": 2, "seat": 3, "capital": 4, "surname": 5, "adjective": 6}
PREPOSITIONS = frozenset(fr.PREPOSITIONS + en.PREPOSITIONS)


def _tokens(text: str) -> tuple[str, ...]:
    """The folded tokens of a text: how an alias is looked up."""
    return tuple(_TOKEN.findall(key(text)))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor_id: str
    via: str  # the alias type that matched, or "apposition"
    head: int = -1  # where the noun phrase's own head starts when it differs from ``start`` ("du Qatar, Tamim")


@dataclass
class Matcher:
    """An index of the gazetteer's aliases by folded token sequence."""

    gazetteer: Gazetteer
    index: dict[tuple[str, ...], list] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def build(cls, gazetteer: Gazetteer | None = None) -> Matcher:
        matcher = cls(gazetteer or load())
        for alias in matcher.gazetteer.aliases:
            tokens = _tokens(alias.text)
            if tokens:
                matcher.index.setdefault(tokens, []).append(alias)
                matcher.longest = max(matcher.longest, len(tokens))
        return matcher

    def raw_matches(self, text: str):
        """(start, end, aliases) for the longest alias at each position, left to right, not overlapping."""
        folded = fold(text)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                aliases = self.index.get(tuple(t[2] for t in tokens[i : i + n]))
                if aliases:
                    start, end = tokens[i][0], tokens[i + n - 1][1]
                    aliases = [a for a in aliases if _plausible(a, text[start:end], text, start)]
                    if aliases:
                        yield start, end, aliases
                        i += n
                        break
            else:
                i += 1


def _plausible(alias, original: str, text: str, start: int) -> bool:
    """Case rules: acronyms ("US", "UE") must match exactly; a name written with a capital needs one in the
    text; lower-case aliases (adjectives, "les talibans") may match in any case, but an adjective not inside
    a compound ("azerbaïdjano-américaines")."""
    letters = [c for c in alias.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return original == alias.text or original.replace(".", "") == alias.text.replace(".", "")
    if alias.type == "adjective":
        return not (start > 0 and text[start - 1] == "-")
    if alias.type == "title" or not alias.text[:1].isupper() or len(_TOKEN.findall(alias.text)) > 1:
        return True  # several words ("département d'Etat") are specific enough in any case
    return original[:1].isupper() or original[:1].isdigit()


@dataclass
class DocumentActors:
    """Mention finder for one document: remembers who was named, for surnames and titles later on."""

    matcher: Matcher
    on: date | None = None
    lang: str = ""
    seen_people: dict[str, str] = field(default_factory=dict)  # surname (folded) -> person id
    title_holders: dict[str, str] = field(default_factory=dict)  # role target -> person id

    def mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for start, end, aliases in self.matcher.raw_matches(text):
            actor = self._resolve(aliases, fold(text[start:end]), bool(_HONORIFIC.search(text[:start])))
            if actor:
                found.append(Mention(start, end, text[start:end], actor, aliases[0].type))
        found = self._merge_appositions(text, found)
        for mention in found:
            self._remember(mention)
        return found

    def _resolve(self, aliases, folded: str, honorific: bool = False) -> str | None:
        gaz = self.matcher.gazetteer
        preferred = [a for a in aliases if a.lang in ("", self.lang)] or aliases
        preferred = sorted(preferred, key=lambda a: TYPE_PRIORITY.get(a.type, len(TYPE_PRIORITY)))
        alias = preferred[0]
        if alias.type == "title":
            if alias.target in self.title_holders:
                return self.title_holders[alias.target]
            _, role, of = alias.target.split(":")
            holder = gaz.holder(role, of, self.on)
            return holder or (of + "GOV" if of + "GOV" in gaz.actors else of)
        if alias.type == "surname":
            if folded in self.seen_people:
                return self.seen_people[folded]
            people = {a.target for a in preferred if a.type == "surname"}
            # a surname never seen in full in this document: only if unambiguous, and long (7 letters:
            # "Blinken", not "Martin" or "Stock") or after a title ("M. Aliev")
            if len(people) == 1 and (len(folded) >= 7 or honorific):
                return people.pop()
            return None
        return alias.target

    def _merge_appositions(self, text: str, found: list[Mention]) -> list[Mention]:
        """Adjacent mentions of one actor become one mention:
        - a title followed by a person: "le Premier ministre arménien Nikol Pachinian" is Pachinian;
        - a country or its government followed by a person of that country: "son homologue rwandais Olivier
          Nduhungirehe" is Nduhungirehe;
        - a country followed by its government's seat or body: "the U.S. State Department" is the government.
        """
        merged: list[Mention] = []
        for mention in found:
            previous = merged[-1] if merged else None
            gap = text[previous.end : mention.start] if previous else ""
            joined = self._joined(previous, mention) if previous and gap.strip(" ,(") == "" and len(gap) <= 3 else None
            if joined is None:
                merged.append(mention)
                continue
            if previous.via == "title":
                title_target = self._title_target(text[previous.start : previous.end])
                if title_target:
                    self.title_holders[title_target] = mention.actor_id
            head = mention.start if "," in gap and previous.via != "title" else -1
            merged[-1] = Mention(previous.start, mention.end, text[previous.start : mention.end], joined,
                                 "apposition", head)
        return merged

    def _joined(self, first: Mention, second: Mention) -> str | None:
        """The actor two adjacent mentions stand for together, or None when they are two actors."""
        actors = self.matcher.gazetteer.actors
        a, b = actors.get(first.actor_id), actors.get(second.actor_id)
        if a is None or b is None:
            return None
        if b.kind == "person" and (first.via == "title" or (a.kind in ("country", "government") and a.country == b.country)):
            return b.id
        if a.kind == "country" and b.kind == "government" and b.country == a.country:
            return b.id
        if a.id == b.id:  # "la Communauté économique des Etats de l'Afrique de l'Ouest (Cédéao)"
            return a.id
        return None

    def _title_target(self, title_text: str) -> str | None:
        aliases = self.matcher.index.get(_tokens(title_text), [])
        return next((a.target for a in aliases if a.type == "title"), None)

    def _is_person(self, actor_id: str) -> bool:
        actor = self.matcher.gazetteer.actors.get(actor_id)
        return actor is not None and actor.kind == "person"

    def _remember(self, mention: Mention) -> None:
        actor = self.matcher.gazetteer.actors.get(mention.actor_id)
        if actor is not None and actor.kind == "person":
            names = {surname_of(actor.name), surname_of(mention.text)}
            if actor.country in FAMILY_NAME_FIRST:
                names.add(actor.name.split()[0])
            for name in names - {None}:
                self.seen_people[fold(name)] = actor.id
