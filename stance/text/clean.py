"""Clean scraped article text: keep the body, drop what is not article (with the reason).

Scraped news pages repeat paragraphs, end with truncated teasers ("…") and trail into site navigation
("Les plus commentés", "Most read", …). :func:`clean_paragraphs` keeps the article body and records what it
dropped and why.
"""

from __future__ import annotations

import re

from stance.lang import alternation, en, fr
from stance.text.normalise import fold, key, normalise

LINE_RUN = re.compile(r"[^\r\n\x0b\x0c\x85\u2028\u2029]+")
_TRUNCATION = ("...", "…")
# lines are compared by their key (no case, no accents): the lists are keyed the same way
_NAV_HEADERS = frozenset(map(key, fr.NAVIGATION_HEADERS + en.NAVIGATION_HEADERS))
_BOILERPLATE = frozenset(map(key, fr.BOILERPLATE + en.BOILERPLATE))
# "Lire aussi : <headline>" on one line is an inline link: drop that line only, not what follows.
_INLINE_LINK = re.compile(rf"^(?:{alternation(map(key, fr.INLINE_LINKS + en.INLINE_LINKS))})\s*[:|–—-]\s*\S")


def _line_key(text: str) -> str:
    """Key for navigation matching: without trailing colons, arrows or bullets."""
    return key(text).strip(" :|›>»•·-–—").strip()


def _is_header(key: str) -> bool:
    """True for a navigation header line ("More from <section>" counts when short)."""
    return key in _NAV_HEADERS or (key.startswith("more from ") and len(key.split()) <= 6)


def _truncated_stem(text: str) -> str | None:
    """The key of the text before a final "..." / "…", or None when the text is not truncated."""
    text = normalise(text)
    if not text.endswith(_TRUNCATION):
        return None
    return fold(text.rstrip(".… ").rstrip(" ,;:-–—"))


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
    for m in LINE_RUN.finditer(raw):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        start, end = m.start() + lead, m.start() + len(line.rstrip())
        if start >= end:
            dropped.append((m.start(), m.end(), "navigation" if in_navigation else "empty"))
            continue
        line_key, nav_key = key(line), _line_key(line)
        stem = _truncated_stem(line)
        if in_navigation or _is_header(nav_key):
            in_navigation, reason = True, "navigation"
        elif nav_key in _BOILERPLATE or (_INLINE_LINK.match(line_key) and len(line_key) < 200):
            reason = "navigation"
        elif line_key in kept_keys or (stem and any(k.startswith(stem) for k in kept_keys)):
            reason = "duplicate"
        elif stem is not None and (len(line_key) < 400 or (stem and any(k.startswith(stem) for k in seen_keys))):
            reason = "teaser"
        else:
            reason = None
        seen_keys.append(line_key)
        if reason:
            dropped.append((start, end, reason))
        else:
            kept.append((start, end))
            kept_keys.append(line_key)
    return kept, dropped
