"""Normalise text for comparison, fold it for matching, and find mentions in it.

(Layout step: the three normalisers of the previous modules side by side; they become one next.)
"""

from __future__ import annotations

import re
import unicodedata

_CHARMAP = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
    | {"\u00a0": " ", "\u202f": " ", "\u2009": " "}
)


def normalise_map(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise like :func:`normalise` and return, per output character, its raw start and end offsets.

    NFC is applied per base character plus its combining marks, so each output character traces back to
    a span of the input.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]).translate(_CHARMAP):
            if ch.isspace():
                if not out or out[-1] == " ":
                    continue
                ch = " "
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    if out and out[-1] == " ":
        out.pop(), starts.pop(), ends.pop()
    return "".join(out), starts, ends


def normalise(text: str) -> str:
    """Normalise for comparison and tokenising (offsets are not kept).

    NFC; ’ ‘ ʼ → '; “ ” „ ‟ → " (« » are kept); no-break and thin spaces → space; runs of whitespace
    collapse to one space; the result is stripped.
    """
    return normalise_map(text)[0]


def normalise_text(text: str) -> str:
    """NFC-normalise, unify apostrophes and collapse whitespace (offsets are not kept here)."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        for char in "’‘ʼ":
            if char in text:
                text = text.replace(char, "'")
    if "`" in text:
        text = text.replace("`", "'")
    # every blank but the plain space is unprintable: a printable text without double or edge spaces is tidy
    if "  " in text or not text.isprintable() or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


_FOLD_SPECIAL = {"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "\u00a0": " ", "\u202f": " ", "“": '"', "”": '"'}


def fold_char(char: str) -> str:
    """One character without accent, lower-cased (always one character, so offsets are kept)."""
    if char in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def _mention_pattern(mention: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a mention, on word boundaries where the mention has word edges."""
    left = r"(?<!\w)" if mention[:1].isalnum() else ""
    right = r"(?!\w)" if mention[-1:].isalnum() else ""
    return re.compile(left + re.escape(mention) + right, re.IGNORECASE)


def find_spans(text: str, mention: str, *, lowered: str | None = None) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text`` (case-insensitive): whole-word matches first, else any
    substring match. The fallback covers mentions cut inside a word ("Los Angele" in "Los Angeles") in
    public corpora. Plain string search, no regular expression per mention: this runs for every row scored.
    ``lowered`` is ``text.lower()`` when the caller already has it.
    """
    mention = mention.strip()
    if not mention:
        return []
    low, needle = lowered if lowered is not None else text.lower(), mention.lower()
    if len(low) != len(text) or len(needle) != len(mention):  # rare letters whose lower case is longer
        return _regex_spans(text, mention)
    spans, start = [], 0
    while (found := low.find(needle, start)) >= 0:
        spans.append((found, found + len(needle)))
        start = found + len(needle)
    left_edge = mention[0].isalnum() or mention[0] == "_"
    right_edge = mention[-1].isalnum() or mention[-1] == "_"
    whole = [
        (s, e) for s, e in spans
        if not (left_edge and s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"))
        and not (right_edge and e < len(text) and (text[e].isalnum() or text[e] == "_"))
    ]
    return whole or spans


def mention_occurs(text: str, mention: str, *, lowered: str | None = None) -> bool:
    """Whether :func:`find_spans` finds ``mention`` in ``text``, without listing the spans (its substring
    fallback means any case-insensitive occurrence counts). ``lowered`` is ``text.lower()`` when the caller
    already has it."""
    mention = mention.strip()
    if not mention:
        return False
    low, needle = lowered if lowered is not None else text.lower(), mention.lower()
    if len(low) != len(text) or len(needle) != len(mention):
        return bool(_regex_spans(text, mention))
    return needle in low


def _regex_spans(text: str, mention: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _mention_pattern(mention).finditer(text)]
    return spans or [m.span() for m in re.finditer(re.escape(mention), text, re.IGNORECASE)]
