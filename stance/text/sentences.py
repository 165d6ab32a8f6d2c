"""Language detection and sentence splitting with offsets into the raw article.

:func:`split_sentences` runs nltk's Punkt (built from abbreviation lists, no downloaded data) inside each
paragraph; :func:`read_document` ties cleaning (:mod:`stance.text.clean`) and splitting together and keeps every
sentence's offsets into the *original* raw text, so ``normalise(raw[s.start:s.end]) == s.text``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from stance.lang import alternation, en, fr
from stance.text.clean import LINE_RUN, clean_paragraphs
from stance.text.normalise import key, normalise, normalise_map, straighten_quotes

_ABBREVIATIONS = {"fr": fr.ABBREVIATIONS, "en": en.ABBREVIATIONS}
_STOPWORDS = {"fr": fr.STOPWORDS, "en": en.STOPWORDS}
_ELISION = re.compile(rf"(?<![\w'])(?:{alternation(fr.ELISIONS)})'(?=\w)")
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
    params.abbrev_types = set(_ABBREVIATIONS[lang])
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
    for m in LINE_RUN.finditer(text):
        norm, starts, ends = normalise_map(m.group())
        if not norm:
            continue
        norm = straighten_quotes(norm)  # Punkt and the quote repairs know straight quotation marks only
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
            if key(sentence_text) in seen:
                dropped.append((start, end, "duplicate"))
                continue
            seen.add(key(sentence_text))
            sentences.append(Sentence(len(sentences), sentence_text, start, end, p))
    dropped.sort()
    return Document(raw=raw, lang=lang, paragraphs=paragraphs, dropped=dropped, sentences=sentences)
