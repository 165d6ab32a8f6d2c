"""Read CAMEO/Phoenix actor dictionaries (PETRARCH2 format).

A dictionary is a sequence of entries::

    ILHAM_ALIYEV_  # a comment
    +ILHAM_HEYDAR_OGLU_ALIYEV_
    	[AZEELI 780101-030804]
    	[AZEGOV >031031]
    	[AZEELI]

an entry line (words joined by ``_``, optional inline ``[CODE ...]`` and ``# comment``), ``+`` synonym lines,
then indented code lines. A code holds from a date (``>031031``), until a date (``<031031``), over a range
(``780101-030804``) or always; dates are ``YYMMDD`` (00-30 is 20xx, else 19xx) or ``YYYYMMDD``. ``[---]`` is
PETRARCH's "no actor" code and is dropped. Malformed lines are skipped, counted and logged.
:mod:`stance.actors.mapping` maps the entries onto the gazetteer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from stance.text.normalise import fold, key

log = logging.getLogger("stance.importers")

Code = tuple[str, date | None, date | None]  # (code, start, end); end exclusive as in gazetteer.Role


@dataclass(frozen=True)
class PhoenixEntry:
    name: str  # display text: "ILHAM_ALIYEV_" -> "Ilham Aliyev"
    aliases: tuple[str, ...]  # other spellings, same form, without the name and without repeats
    codes: tuple[Code, ...]  # in file order; ("AZEGOV", date(2003, 10, 31), None) for [AZEGOV >031031]


class PhoenixEntries(list):
    """The entries of one or more dictionaries; ``skipped`` counts the malformed lines left out."""

    def __init__(self, entries=(), skipped: int = 0):
        super().__init__(entries)
        self.skipped = skipped


# ---------------------------------------------------------------------------------------------- parsing

_CODE = re.compile(r"\[([^\[\]]*)\]")
_CODE_BODY = re.compile(r"(?P<code>[A-Z0-9]+|---)(?:\s+(?P<when>\S.*?))?\s*$")
_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")
_BAD_NAME_CHARS = re.compile(r"[\[\]+|#\ufffd\x00-\x08\x0b-\x1f\x7f]")
NULL_CODE = "---"


class _Malformed(ValueError):
    pass


def _parse_date(text: str) -> date:
    if not text.isdigit() or len(text) not in (6, 8):
        raise _Malformed(f"bad date {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    else:
        year, rest = int(text[:4]), text[4:]
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as error:
        raise _Malformed(f"bad date {text!r}") from error


def _parse_code(body: str) -> Code:
    """``AZEGOV >031031`` -> ("AZEGOV", 2003-10-31, None); raises _Malformed."""
    match = _CODE_BODY.fullmatch(body.strip())
    if not match:
        raise _Malformed(f"bad code [{body}]")
    code, when = match.group("code"), (match.group("when") or "").strip()
    if not when:
        return code, None, None
    if when[0] in "<>":
        day = _parse_date(when[1:].strip())
        return (code, day, None) if when[0] == ">" else (code, None, day)
    span = _RANGE.fullmatch(when)
    if not span:
        raise _Malformed(f"bad date range [{body}]")
    start, end = _parse_date(span.group(1)), _parse_date(span.group(2))
    if end < start:
        raise _Malformed(f"date range ends before it starts [{body}]")
    return code, start, end


def _codes(text: str) -> list[Code]:
    """The codes of a run of ``[...]`` groups; text after the last one is a comment (some files have no
    ``#``), anything else besides whitespace makes the line malformed."""
    text = text[: text.rfind("]") + 1]
    if not text or _CODE.sub(" ", text).strip():
        raise _Malformed(f"unexpected text {text.strip()!r}")
    return [_parse_code(body) for body in _CODE.findall(text)]


_LOWER_WORDS = frozenset(
    "of the and for in on at to by with de du des la le les van von der den da di al el bin ibn bint et "
    "y und".split()
)
_NOT_ACRONYMS = frozenset("MR MRS MS DR ST JR SR LTD PLC NG".split())
ACRONYMS = frozenset(  # acronyms spelt with a vowel, kept upper-case (vowel-less words always are: BBC, PKK)
    "UK US USA UN EU AU UAE USSR NATO OPEC ASEAN UNICEF UNESCO UNHCR UNDP UNEP UNIFIL UNAMA OSCE IAEA OAS OAU "
    "ECOWAS SADC IGAD ICRC IMF AIDS HIV FIFA UEFA OECD IOC NAACP ANC PLO ETA IRA FARC ELN NPA ISI KGB FSB CIA "
    "FBI NASA WTO ILO IOM UNRWA UNMIK EULEX NGO SEATO".split()
)
_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]?")
_ORDINAL = re.compile(r"(\d+)(ST|ND|RD|TH)")


def _part(part: str, first: bool) -> str:
    """One piece of a word (between hyphens, slashes, apostrophes), in display case."""
    upper = part.upper()
    if not part or not any(c.isalpha() for c in part):
        return part
    if _DOTTED.fullmatch(upper) or upper in ACRONYMS:
        return upper  # U.N., U.S., K., UN, EU
    if _ORDINAL.fullmatch(upper):
        return upper.lower()  # 21st
    if any(c.isdigit() for c in part):
        return upper  # G8, P5
    if not first and _ROMAN.fullmatch(upper):
        return upper  # Elizabeth II
    if not first and part.lower() in _LOWER_WORDS:
        return part.lower()
    if len(upper) > 3 and upper.startswith("MC") and upper[2].isalpha():
        return "Mc" + upper[2] + upper[3:].lower()
    return upper[:1] + upper[1:].lower()


def _acronym(word: str) -> bool:
    """A word kept upper-case as a whole: in parentheses (``(AAIA)``), or letters without a vowel (``BBC``)."""
    letters = [c for c in fold(word) if c.isalpha()]
    if word.startswith("(") and word.endswith(")") and letters:
        return True
    return (len(letters) >= 2 and not any(c in "aeiouy" for c in letters) and not any(c.isdigit() for c in word)
            and word.upper().strip(".") not in _NOT_ACRONYMS)


def display_name(raw: str) -> str:
    """``ILHAM_ALIYEV_`` -> ``Ilham Aliyev``; ``U.N._SECRETARY_GENERAL`` -> ``U.N. Secretary General``:
    words capitalised, particles (of, the, al, de...) lower-case after the first word, acronyms kept
    (dotted, vowel-less, parenthesised, listed in ACRONYMS, with digits, Roman numerals)."""
    words = raw.replace("_", " ").split()
    out = []
    for index, word in enumerate(words):
        if _acronym(word):
            out.append(word.upper())
            continue
        pieces = re.split(r"([-/'`’])", word)
        text = []
        for i, piece in enumerate(pieces):
            if i % 2:  # a separator
                text.append(piece)
            elif i >= 2 and pieces[i - 1] in "'’`" and len(pieces[i - 2]) > 1:
                text.append(piece.lower())  # WORLD'S -> World's, QA'IDA -> Qa'ida (but O'Brien, D'Ivoire)
            else:
                text.append(_part(piece, first=index == 0 and i == 0))
        out.append("".join(text))
    return " ".join(out)


def _valid_name(raw: str) -> bool:
    return bool(raw) and not _BAD_NAME_CHARS.search(raw) and any(c.isalnum() for c in raw)


@lru_cache(maxsize=1 << 18)
def spelling_key(text: str) -> str:
    """The form that tells spellings apart: :func:`stance.text.normalise.key` (kept for the many repeats of a
    dictionary). "al-Assad" and "al Assad" stay two spellings, as the matcher tokenises them differently."""
    return key(text)


def loose_key(text: str) -> str:
    """The form used to recognise an actor: the spelling key with hyphens as spaces ("Bashar al Assad" names
    the gazetteer's "Bashar al-Assad")."""
    return " ".join(spelling_key(text).replace("-", " ").split())


def _build_entry(name: str, aliases: list[str], codes: list[Code]) -> PhoenixEntry:
    seen, kept = {spelling_key(name)}, []
    for alias in aliases:
        if spelling_key(alias) not in seen:
            seen.add(spelling_key(alias))
            kept.append(alias)
    unique_codes = tuple(dict.fromkeys(c for c in codes if c[0] != NULL_CODE))
    return PhoenixEntry(name, tuple(kept), unique_codes)


def parse_phoenix(lines, source: str = "<lines>") -> PhoenixEntries:
    """Entries from an iterable of lines (see ``read_phoenix``)."""
    entries = PhoenixEntries()
    current: list | None = None  # [name, aliases, codes] of the entry being read

    def close():
        if current is not None:
            entries.append(_build_entry(*current))

    def skip(number: int, line: str, why: str) -> None:
        entries.skipped += 1
        log.debug("%s:%d: skipped (%s): %r", source, number, why, line.rstrip("\n"))

    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        body = text.split("#", 1)[0].strip()  # inline comments
        if not body:
            continue
        try:
            if body.startswith("["):  # a code line
                if current is None:
                    raise _Malformed("code line outside an entry")
                current[2].extend(_codes(body))
                continue
            is_alias = body.startswith("+")
            if is_alias:
                body = body[1:].strip()
            head, bracket, tail = body.partition("[")
            raw = head.strip()
            if is_alias and current is None:
                raise _Malformed("synonym line outside an entry")
            if not _valid_name(raw):
                if not is_alias:
                    close()
                    current = None  # the lines that follow have no entry to attach to
                raise _Malformed(f"bad name {raw!r}")
            name = display_name(raw)
            try:
                codes = _codes(bracket + tail) if bracket else []
                bad_codes = None
            except _Malformed as error:  # keep the name, drop the codes of that line
                codes, bad_codes = [], error
            if is_alias:
                current[1].append(name)
                current[2].extend(codes)
            else:
                close()
                current = [name, [], codes]
            if bad_codes is not None:
                raise bad_codes
        except _Malformed as error:
            skip(number, line, str(error))
    close()
    return entries


def read_phoenix(path) -> PhoenixEntries:
    """The entries of one Phoenix/PETRARCH2 ``*.actors.txt`` file (UTF-8; undecodable bytes make their line
    malformed). Returns a list with a ``skipped`` attribute, the number of malformed lines left out."""
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as handle:
        entries = parse_phoenix(handle, path.name)
    log.info("%s: %d entries, %d malformed lines skipped", path.name, len(entries), entries.skipped)
    if entries.skipped:
        log.warning("%s: skipped %d malformed lines", path.name, entries.skipped)
    return entries
