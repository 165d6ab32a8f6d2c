"""The one normaliser and the one mention-matching rule, shared by the model, CSV scoring and extraction.

- :func:`normalise`: how every text is read. NFC; typographic apostrophes (’ ‘ ʼ and the backtick) → ';
  no-break and thin spaces → space; runs of whitespace collapse to one space; the result is stripped. Quotation
  marks are kept as written (« », “ ”: the model was trained on them). :func:`normalise_map` does the same and
  keeps, for each output character, its span in the input (article offsets).
- :func:`fold`: where two texts match. One character for one, so that a match in the folded text is a match at
  the same offsets: case and accents removed, quotation marks straightened (“ ” „ ‟ → "), hyphens unified.
- :func:`key`: the comparison key of a text (duplicate paragraphs and sentences, navigation lines, dictionary
  spellings, gold sentences): normalised, then folded.
- :func:`find_spans` / :func:`mention_occurs`: where a mention occurs in a text. The mention as spelt,
  ignoring case; where the text has no such spelling, ignoring accents and typography too ("Etats-Unis" finds
  "États-Unis"). Whole words first, else any substring. CSV scoring, the REST server and extraction all use it.
"""

from __future__ import annotations

import unicodedata

_CHARMAP = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "}
_TABLE = str.maketrans(_CHARMAP)
_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"'}
_QUOTE_TABLE = str.maketrans(_QUOTES)
# folding also makes these equal (one character for one)
_FOLD_MAP = _CHARMAP | _QUOTES | {"‐": "-", "‑": "-"}


def normalise(text: str) -> str:
    """``text`` as every part of stance reads it (see the module docstring); offsets are not kept."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.translate(_TABLE)
    elif "`" in text:
        text = text.replace("`", "'")
    # every blank but the plain space is unprintable: a printable text without double or edge spaces is tidy
    if "  " in text or not text.isprintable() or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def normalise_map(text: str) -> tuple[str, list[int], list[int]]:
    """:func:`normalise` of ``text`` and, per output character, its start and end offsets in ``text``.

    NFC is applied per base character plus its combining marks, so each output character traces back to a
    span of the input.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]).translate(_TABLE):
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


class _Folded(dict):
    """Code point -> its folded character, worked out once per character met (a ``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        char = _FOLD_MAP.get(chr(code), chr(code))
        base = unicodedata.normalize("NFD", char)[:1] or char
        lowered = base.lower()
        self[code] = folded = lowered if len(lowered) == 1 else base
        return folded


_FOLDED = _Folded()


def fold(text: str) -> str:
    """``text`` without case, accents or typographic variants, one character for one (see the module docstring)."""
    if text.isascii() and "`" not in text:
        return text.lower()
    return text.translate(_FOLDED)


def straighten_quotes(text: str) -> str:
    """“ ” „ ‟ → ", one for one, for code that knows only straight quotation marks (Punkt, quote balancing)."""
    return text.translate(_QUOTE_TABLE)


def key(text: str) -> str:
    """The comparison key of a text: normalised, folded."""
    return fold(normalise(text))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurrences(text: str, haystack: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``haystack`` (a same-length form of ``text``): whole words, else all."""
    spans, start = [], 0
    while (found := haystack.find(needle, start)) >= 0:
        spans.append((found, found + len(needle)))
        start = found + len(needle)
    left_edge, right_edge = _is_word_char(needle[0]), _is_word_char(needle[-1])
    whole = [
        (s, e) for s, e in spans
        if not (left_edge and s > 0 and _is_word_char(text[s - 1]))
        and not (right_edge and e < len(text) and _is_word_char(text[e]))
    ]
    return whole or spans


def find_spans(text: str, mention: str, *, lowered: str | None = None, folded: str | None = None
               ) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text``, both normalised (see the module docstring for the rule).
    The substring fallback covers mentions cut inside a word ("Los Angele" in "Los Angeles") in public corpora.
    Plain string search: this runs for every row scored. ``lowered`` (``text.lower()``) and ``folded``
    (``fold(text)``) may be given when the caller has them.
    """
    mention = mention.strip()
    if not mention:
        return []
    lowered = lowered if lowered is not None else text.lower()
    needle = mention.lower()
    if len(lowered) == len(text) and len(needle) == len(mention):  # rare letters lower-case to two characters
        spans = _occurrences(text, lowered, needle)
        if spans:
            return spans
    return _occurrences(text, folded if folded is not None else fold(text), fold(mention))


def mention_occurs(text: str, mention: str, *, folded: str | None = None) -> bool:
    """Whether :func:`find_spans` finds ``mention`` in ``text`` (its substring fallback means any occurrence of
    the folded mention counts), without listing the spans."""
    needle = fold(mention.strip())
    return bool(needle) and needle in (folded if folded is not None else fold(text))
