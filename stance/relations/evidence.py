"""The sentences behind the numbers: fetch the evidence rows a dyad table refers to, and mark their actors.

A dyad's ``evidence`` column holds ``[doc_id, sentence_index]`` references; :func:`fetch_evidence` reads the
pair files once more (in chunks, keeping only the referenced rows) for the sentence, the source and target as
written, the stance and its probabilities. :func:`highlight` splits a sentence into plain, source and target
parts for display.
"""

from __future__ import annotations

import json

import pandas as pd

from stance.relations.aggregate import dyad_keys
from stance.relations.read import OPTIONAL, REQUIRED, TEXT, Tally, pair_chunks
from stance.text.normalise import find_spans


def wanted_references(dyads: pd.DataFrame) -> set[tuple]:
    """``(source key, target key, doc_id, sentence_index)`` of every evidence reference of ``dyads``."""
    wanted = set()
    for source, target, evidence in zip(dyads["source_id"], dyads["target_id"], dyads["evidence"]):
        for doc_id, index in json.loads(evidence):
            wanted.add((source, target, str(doc_id), int(index)))
    return wanted


def fetch_evidence(paths, dyads: pd.DataFrame, *, by: str = "actor", countries=None,
                   chunksize: int = 100_000) -> pd.DataFrame:
    """One row per evidence reference of ``dyads`` found in ``paths``: ``source_key, target_key, doc_id,
    sentence_index, sentence, source, target, stance, p_negative, p_neutral, p_positive, date``."""
    wanted = wanted_references(dyads)
    if by == "country" and countries is None:
        from stance.actors.country import Affiliations
        from stance.actors.gazetteer import load

        countries = Affiliations(load())
    found, seen = [], set()
    columns = REQUIRED + OPTIONAL + TEXT
    for chunk in pair_chunks(paths, Tally(), chunksize=chunksize, progress=False, columns=columns):
        if chunk.empty:
            continue
        chunk = chunk.assign(source_key=dyad_keys(chunk, "source", by, countries).to_numpy(),
                             target_key=dyad_keys(chunk, "target", by, countries).to_numpy())
        keys = list(zip(chunk["source_key"], chunk["target_key"], chunk["doc_id"], chunk["sentence_index"]))
        hit = [key in wanted and key not in seen and not seen.add(key) for key in keys]
        if any(hit):
            found.append(chunk[hit])
    keep = ["source_key", "target_key", "doc_id", "sentence_index", "sentence", "source", "target", "stance",
            "p_negative", "p_neutral", "p_positive", "date"]
    if not found:
        return pd.DataFrame(columns=keep)
    return pd.concat(found, ignore_index=True)[keep]


def highlight(sentence: str, source: str, target: str) -> list[tuple[str, str]]:
    """The sentence as ``(kind, text)`` parts, kind ``""``, ``"source"`` or ``"target"``: the first occurrence
    of each actor as written (matched as the model matches it: case, accents and typography aside)."""
    marks = []
    for kind, mention in (("target", target), ("source", source)):
        spans = find_spans(sentence, mention) if mention else []
        for start, end in spans:
            if all(end <= s or start >= e for s, e, _ in marks):
                marks.append((start, end, kind))
                break
    parts, at = [], 0
    for start, end, kind in sorted(marks):
        if start > at:
            parts.append(("", sentence[at:start]))
        parts.append((kind, sentence[start:end]))
        at = end
    if at < len(sentence):
        parts.append(("", sentence[at:]))
    return parts
