"""Who speaks about whom in a sentence: the holder, and the candidate (source, target) pairs.

The holder is, in order of precedence:
1. the speaker of fronted reported speech: "selon X", "d'après X", "according to X";
2. the agent of a passive: "a été accusé par X", "was criticised by X";
3. the speaker of postposed reported speech: "« … », a déclaré X", "…, X said";
4. the grammatical subject: the first mention outside quotes that no preposition governs, before the main
   verb ("X a affirmé que…", "X said…", "Le 15 novembre, M. X avait condamné…").
With no holder the pairs have an empty source: the sentence's own tone toward each actor.
Pairs: holder → every other actor of the sentence (one pair per actor id, first mention's words); with a
holder and no other actor, empty → holder; with no holder, empty → each actor. None is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.actors.matching import PREPOSITIONS, Mention
from stance.lang import alternation, en, fr
from stance.text.normalise import fold


_FRONTED = re.compile(rf"(?:^|[\s,(])(?:{alternation(fr.SPEECH_CUES, en.SPEECH_CUES)})\b")
_PASSIVE = re.compile(
    rf"(?:\b(?:{alternation(fr.PASSIVE_AUXILIARIES)})\s+\w+(?:e|es|s)?(?:\s+[^\s,;]+){{0,5}}?\s+{fr.PASSIVE_AGENT}"
    rf"|\b(?:{alternation(en.PASSIVE_AUXILIARIES)})\s+\w+(?:\s+[^\s,;]+){{0,5}}?\s+{en.PASSIVE_AGENT})"
    r"\s+(?:[\w.']+\s+){0,3}$"
)
_POSTPOSED = re.compile(
    rf"(?:,|»|\"|')\s*(?:{alternation(fr.SPEECH_AUXILIARIES)})?\s*"
    rf"(?:{alternation(fr.SPEECH_VERBS, en.SPEECH_VERBS)})\w*\s+(?:\w+\s+){{0,4}}$"
)
# "…, Moscow said." / "…, Moscow said on Tuesday": the speech verb closes the sentence (not "X, who…, said she…")
_EN_POSTPOSED_SUBJECT = re.compile(
    rf"^\s*,?\s*(?:{alternation(en.CLOSING_SPEECH_VERBS)})\s*"
    rf"(?:[.,;]|$|(?:{alternation(en.CLOSING_TIME_WORDS)})\b)"
)
# "…, diplomats said." : a postposed speaker who is not an actor leaves the sentence without a holder
_UNNAMED_POSTPOSED = re.compile(
    rf",\s*(?:[a-z]+\s+){{1,3}}(?:{alternation(en.UNNAMED_SPEECH_VERBS)})\s*(?:[.]|$|on\b|in\b)|"
    rf",\s*(?:{alternation(fr.UNNAMED_SPEECH_AUXILIARIES)})\s+(?:{alternation(fr.UNNAMED_SPEECH_VERBS)})\w*\s+"
    rf"(?:{alternation(fr.UNNAMED_SPEAKER_DETERMINERS)})\s+\w+"
)
# "a" is a verb in French ("a déclaré"), an article in English; the other markers count in both languages
_VERBS = (*fr.MAIN_VERBS, *en.MAIN_VERBS, *en.MAIN_VERBS_LEXICAL, *fr.MAIN_VERBS_LEXICAL)
_FIRST_VERB = {
    lang: re.compile(rf"\b(?:{alternation(w for w in _VERBS if lang == 'fr' or w not in en.ARTICLES)})\b|\b\w{{3,}}ed\b")
    for lang in ("fr", "en")
}
_SKIPPED_BEFORE_MENTION = frozenset(fr.ARTICLES + en.ARTICLES + ("'",))


@dataclass(frozen=True)
class Pair:
    source: Mention | None
    target: Mention


def _inside_quotes(folded: str, position: int) -> bool:
    """Whether ``position`` of the folded sentence (straight quotation marks) is inside a quotation."""
    before = folded[:position]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1


def _last_word(folded: str, start: int) -> str:
    """The word before position ``start``, skipping articles and apostrophes."""
    words = re.findall(r"\w+|'", folded[:start])[-4:]
    words = [w for w in words if w not in _SKIPPED_BEFORE_MENTION]
    return words[-1] if words else ""


def _governed_flags(folded: str, mentions: list[Mention]) -> list[bool]:
    """Whether a preposition governs each mention ("avec Bakou", "of Beijing"); a mention coordinated with
    the previous one ("entre Paris et Berlin") shares its flag."""
    flags: list[bool] = []
    for mention in mentions:
        word = _last_word(folded, mention.start if mention.head < 0 else mention.head)
        if word in ("et", "and", "ou", "or", "ni", "nor") and flags:
            flags.append(flags[-1])
        else:
            flags.append(word in PREPOSITIONS)
    return flags


def holder(text: str, mentions: list[Mention], lang: str = "fr") -> Mention | None:
    """The mention that holds the stance in this sentence, or None (see the module docstring)."""
    if not mentions:
        return None
    folded = fold(text)
    cue = _FRONTED.search(folded)
    if cue and cue.start() < mentions[0].start:  # fronted "Selon X, …": the first actor after the cue
        after = [m for m in mentions if m.start >= cue.end()]
        if after:
            return after[0]
    for mention in mentions:
        if _PASSIVE.search(folded[: mention.start]):
            return mention
    for mention in mentions:
        if _POSTPOSED.search(folded[: mention.start]) or _EN_POSTPOSED_SUBJECT.match(folded[mention.end :]):
            return mention
    if _UNNAMED_POSTPOSED.search(folded):
        return None
    verb = _FIRST_VERB[lang if lang in _FIRST_VERB else "fr"]
    for mention, governed in zip(mentions, _governed_flags(folded, mentions)):
        if _inside_quotes(folded, mention.start) or governed:
            continue
        if verb.search(folded[: mention.start if mention.head < 0 else mention.head]):
            return None  # the main verb came first: what follows is an object
        return mention
    return None


def candidate_pairs(text: str, mentions: list[Mention], lang: str = "fr") -> list[Pair]:
    """Every (source, target) pair to score for a sentence; one per target actor id."""
    speaker = holder(text, mentions, lang)
    firsts: dict[str, Mention] = {}
    for mention in mentions:
        firsts.setdefault(mention.actor_id, mention)
    if speaker is None:
        return [Pair(None, m) for m in firsts.values()]
    others = [m for actor, m in firsts.items() if actor != speaker.actor_id]
    if not others:
        return [Pair(None, speaker)]
    return [Pair(speaker, m) for m in others]
