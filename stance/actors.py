"""Find actor mentions in sentences: longest match, case- and accent-insensitive, elision-aware, with
in-document coreference for surnames and titles.

Matching runs on a folded copy of the sentence that has the same length as the original (accents and case
removed character by character), so every mention keeps its offsets. Tokens are words and single
punctuation marks; an alias matches a run of whole tokens, so "l'Azerbaïdjan" and "d'Erevan" match
"Azerbaïdjan" and "Erevan", and "Iran" does not match inside "Iranians".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from stance.gazetteer import Gazetteer, load, surname_of

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FOLD_SPECIAL = {"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "\u00a0": " ", "\u202f": " ", "“": '"', "”": '"'}
_HONORIFIC = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mr|Mrs|Ms|Dr|Pr|Gen|Sen)\.?|\b(?:président|présidente|President|ministre|"
    r"Minister|Premier|général|General|Secretary|secrétaire|King|roi|Queen|reine|Prince|prince|Sheikh|cheikh))\s+$"
)
PREPOSITIONS = frozenset(
    "de du des d à au aux avec par pour contre entre sur vers chez envers sans après avant selon "
    "of with by to for against between from on toward towards about over at into than".split()
)


def fold_char(char: str) -> str:
    """One character without accent, lower-cased (always one character, so offsets are kept)."""
    if char in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def _key(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor_id: str
    via: str  # the alias type that matched, "apposition" or "coreference"


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
            key = _key(alias.text)
            if key:
                matcher.index.setdefault(key, []).append(alias)
                matcher.longest = max(matcher.longest, len(key))
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
    if alias.type == "title" or not alias.text[:1].isupper():
        return True
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
            # a surname never seen in full in this document: only if unambiguous and long or after a title
            if len(people) == 1 and (len(folded) >= 5 or honorific):
                return people.pop()
            return None
        return alias.target

    def _merge_appositions(self, text: str, found: list[Mention]) -> list[Mention]:
        """"le Premier ministre arménien Nikol Pachinian": a title followed by a person is that person."""
        merged: list[Mention] = []
        for mention in found:
            previous = merged[-1] if merged else None
            gap = text[previous.end : mention.start] if previous else ""
            if (previous and previous.via == "title" and self._is_person(mention.actor_id)
                    and gap.strip(" ,") == "" and len(gap) <= 3):
                title_target = self._title_target(text[previous.start : previous.end])
                if title_target:
                    self.title_holders[title_target] = mention.actor_id
                merged[-1] = Mention(previous.start, mention.end, text[previous.start : mention.end],
                                     mention.actor_id, "apposition")
            else:
                merged.append(mention)
        return merged

    def _title_target(self, title_text: str) -> str | None:
        aliases = self.matcher.index.get(_key(title_text), [])
        return next((a.target for a in aliases if a.type == "title"), None)

    def _is_person(self, actor_id: str) -> bool:
        actor = self.matcher.gazetteer.actors.get(actor_id)
        return actor is not None and actor.kind == "person"

    def _remember(self, mention: Mention) -> None:
        actor = self.matcher.gazetteer.actors.get(mention.actor_id)
        if actor is not None and actor.kind == "person":
            surname = surname_of(actor.name)
            for name in {surname, surname_of(mention.text)} - {None}:
                self.seen_people[fold(name)] = actor.id
