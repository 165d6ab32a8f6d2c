"""Prepare article text: clean scraped paragraphs, detect the language, split sentences with raw offsets.

Scraped news pages repeat paragraphs, end with truncated teasers ("…") and trail into site navigation
("Les plus commentés", "Most read", …). :func:`clean_paragraphs` keeps the article body and records what it
dropped and why; :func:`split_sentences` runs nltk's Punkt (built from abbreviation lists, no downloaded
data) inside each paragraph; :func:`read_document` ties them together and keeps every sentence's offsets
into the *original* raw text, so ``normalise(raw[s.start:s.end]) == s.text``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

_CHARMAP = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
    | {"\u00a0": " ", "\u202f": " ", "\u2009": " "}
)
_LINE_RUN = re.compile(r"[^\r\n\x0b\x0c\x85\u2028\u2029]+")
_TRUNCATION = ("...", "…")

_NAV_HEADERS = frozenset(
    "les plus commentés|les plus lus|à lire aussi|a lire aussi|lire aussi|sur le même sujet|nos newsletters"
    "|dans la même rubrique|les plus partagés|most read|most popular|most commented|read more"
    "|related articles|related stories|more from|trending|you may also like|recommended".split("|")
)
_BOILERPLATE = frozenset(
    "partager|partager cet article|share|share this article|publicité|advertisement|abonnez-vous|subscribe"
    .split("|")
)
# "Lire aussi : <headline>" on one line is an inline link: drop that line only, not what follows.
_INLINE_LINK = re.compile(
    r"^(?:à lire aussi|a lire aussi|lire aussi|read more|related)\s*[:|–—-]\s*\S", re.IGNORECASE
)

_ABBREVIATIONS = {
    "fr": "m mm mme mmes mlle mgr dr pr me st ste gén col cdt lt cne av j.-c etc cf p n° no vol env ex min max "
    "sgt adj janv févr avr juil oct nov déc",
    "en": "mr mrs ms dr prof sen rep gov gen col lt capt sgt st jr sr u.s u.k u.n e.u inc ltd co corp vs etc no "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m",
}

# "a" is left out on purpose: it is both the English article and the French verb ("a déclaré").
_STOPWORDS = {
    "fr": frozenset(
        "le la les des de du un une est sont été que qui dans pour au aux et en sur par avec ne pas ce cette "
        "ces il elle ils elles nous vous sa ses leur leurs selon mais où aussi avait était sera lors après "
        "avant contre entre sans sous à très déjà".split()
    ),
    "en": frozenset(
        "the of and to in is was that for on said says with by from at as it its has have had be been are "
        "were will would this which who an not but after he she they their over about than also".split()
    ),
}
_ELISION = re.compile(r"(?<![\w'])(?:l|d|qu|n|s|j|c|m|t|jusqu|lorsqu|puisqu)'(?=\w)")
_WORD = re.compile(r"[^\W\d_]+")

_CLOSERS = "»”)]}"
_LEADING_CLOSE = re.compile(r"""(?:[»”)\]}]+|["']+(?=[\s,;:.]|$))""")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a cleaned document; ``raw[start:end]`` is its source span."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    """An article read by :func:`read_document`: kept paragraphs, dropped spans with reasons, sentences."""

    raw: str
    lang: str
    paragraphs: list[tuple[int, int]]
    dropped: list[tuple[int, int, str]]
    sentences: list[Sentence]


def _normalise_map(text: str) -> tuple[str, list[int], list[int]]:
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
    return _normalise_map(text)[0]


def _key(text: str) -> str:
    """Comparison key for duplicate detection: normalised and case-folded."""
    return normalise(text).casefold()


def _line_key(text: str) -> str:
    """Key for navigation matching: case-folded, without trailing colons, arrows or bullets."""
    return _key(text).strip(" :|›>»•·-–—").strip()


def _is_header(key: str) -> bool:
    """True for a navigation header line ("More from <section>" counts when short)."""
    return key in _NAV_HEADERS or (key.startswith("more from ") and len(key.split()) <= 6)


def _truncated_stem(text: str) -> str | None:
    """The key of the text before a final "..." / "…", or None when the text is not truncated."""
    text = normalise(text)
    if not text.endswith(_TRUNCATION):
        return None
    return text.rstrip(".… ").rstrip(" ,;:-–—").casefold()


def clean_paragraphs(raw: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Split ``raw`` on line breaks; return kept paragraph spans and dropped ``(start, end, reason)`` spans.

    Checked in this order: "empty" (blank line); "navigation" (a navigation header drops itself and
    everything after it; a boilerplate line such as "Partager" or an inline "Lire aussi : …" link drops
    only itself); "duplicate" (same text as a kept paragraph, or a truncated prefix of one); "teaser"
    (ends with "..." or "…" and is shorter than 400 characters or a prefix of any earlier paragraph).
    Spans are trimmed of surrounding whitespace, except blank ones.
    """
    kept: list[tuple[int, int]] = []
    dropped: list[tuple[int, int, str]] = []
    kept_keys: list[str] = []
    seen_keys: list[str] = []
    in_navigation = False
    for m in _LINE_RUN.finditer(raw):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        start, end = m.start() + lead, m.start() + len(line.rstrip())
        if start >= end:
            dropped.append((m.start(), m.end(), "navigation" if in_navigation else "empty"))
            continue
        key, nav_key = _key(line), _line_key(line)
        stem = _truncated_stem(line)
        if in_navigation or _is_header(nav_key):
            in_navigation, reason = True, "navigation"
        elif nav_key in _BOILERPLATE or (_INLINE_LINK.match(key) and len(key) < 200):
            reason = "navigation"
        elif key in kept_keys or (stem and any(k.startswith(stem) for k in kept_keys)):
            reason = "duplicate"
        elif stem is not None and (len(key) < 400 or (stem and any(k.startswith(stem) for k in seen_keys))):
            reason = "teaser"
        else:
            reason = None
        seen_keys.append(key)
        if reason:
            dropped.append((start, end, reason))
        else:
            kept.append((start, end))
            kept_keys.append(key)
    return kept, dropped


def detect_language(text: str) -> str:
    """Return "fr" or "en" by counting French vs English stopwords (and French elisions); ties → "en"."""
    lowered = normalise(text).casefold()
    words = _WORD.findall(lowered)
    fr = sum(w in _STOPWORDS["fr"] for w in words) + len(_ELISION.findall(lowered))
    en = sum(w in _STOPWORDS["en"] for w in words)
    return "fr" if fr > en else "en"


@functools.lru_cache(maxsize=None)
def _tokenizer(lang: str) -> PunktSentenceTokenizer:
    """One Punkt tokenizer per language, built from abbreviation lists (no nltk data is loaded)."""
    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS[lang].split())
    return PunktSentenceTokenizer(params)


def _quote_balance(text: str) -> int:
    """Open « minus closing », or 1 when the count of ASCII double quotes is odd."""
    return (text.count("«") - text.count("»")) or (text.count('"') % 2)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Repair Punkt spans for quotations and reported speech.

    A closing quote or bracket that starts a sentence goes back to the previous one; if what follows it
    is lower-case or a comma ("», a-t-il dit."), the whole sentence joins the previous one. A sentence
    that opens a quotation joins the following ones up to the one that closes it, when that is in the
    same paragraph.
    """
    out: list[list[int]] = []
    for a, b in spans:
        if out:
            close = _LEADING_CLOSE.match(text, a, b)
            if close:
                out[-1][1] = close.end()
                a = close.end()
                while a < b and text[a].isspace():
                    a += 1
            if a >= b or text[a].islower() or text[a] in ",;:" + _CLOSERS:
                out[-1][1] = max(out[-1][1], b)
                continue
        out.append([a, b])
    merged: list[list[int]] = []
    i = 0
    while i < len(out):
        a, b = out[i]
        j = i
        if _quote_balance(text[a:b]) > 0:
            for k in range(i + 1, len(out)):
                if _quote_balance(text[a : out[k][1]]) <= 0:
                    j = k
                    break
        merged.append([a, out[j][1]])
        i = j + 1
    return [(a, b) for a, b in merged]


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans into ``text``: split on line breaks first, then Punkt inside each line.

    Punkt runs on the normalised line (so ’ and no-break spaces do not confuse it) and the spans are
    mapped back to ``text``; each span is trimmed of surrounding whitespace.
    """
    lang = lang.lower()
    if lang not in _ABBREVIATIONS:
        raise ValueError(f"unsupported language {lang!r}: expected 'fr' or 'en'")
    tokenizer = _tokenizer(lang)
    spans: list[tuple[int, int]] = []
    for m in _LINE_RUN.finditer(text):
        norm, starts, ends = _normalise_map(m.group())
        if not norm:
            continue
        for a, b in _merge(norm, list(tokenizer.span_tokenize(norm))):
            spans.append((m.start() + starts[a], m.start() + ends[b - 1]))
    return spans


def read_document(raw: str, lang: str | None = None) -> Document:
    """Clean ``raw``, detect its language (on the kept text) unless given, and split it into sentences.

    A sentence whose normalised text repeats an earlier kept sentence is dropped and recorded in
    ``dropped`` as "duplicate"; ``dropped`` is sorted by offset.
    """
    paragraphs, dropped = clean_paragraphs(raw)
    if lang is None:
        lang = detect_language("\n".join(raw[a:b] for a, b in paragraphs))
    lang = lang.lower()
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for p, (pa, pb) in enumerate(paragraphs):
        for a, b in split_sentences(raw[pa:pb], lang):
            start, end = pa + a, pa + b
            sentence_text = normalise(raw[start:end])
            if sentence_text in seen:
                dropped.append((start, end, "duplicate"))
                continue
            seen.add(sentence_text)
            sentences.append(Sentence(len(sentences), sentence_text, start, end, p))
    dropped.sort()
    return Document(raw=raw, lang=lang, paragraphs=paragraphs, dropped=dropped, sentences=sentences)
