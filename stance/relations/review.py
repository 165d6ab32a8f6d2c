"""``stance review``: pick the scored pairs most worth a human look and export them as Label Studio tasks.

Priority of a pair = (1 − margin) × √(rows of its dyad), where the margin is the gap between its two most
probable stances: an uncertain pair in a dyad that weighs in the relations first. At most ``per_dyad`` pairs
per dyad, so that one big dyad does not take the whole batch, and a sentence's pair once. Each task carries
the sentence and the pair (as ``data``) and the model's answer as a Label Studio prediction: the source and
target spans (``roles``) and the stance (``stance``), which the annotator accepts or corrects. The labeling
configuration (:data:`LABEL_CONFIG`) goes beside the tasks.
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd

from stance.relations.read import OPTIONAL, REQUIRED, TEXT, Tally, pair_chunks
from stance.schema import LABELS
from stance.text.normalise import find_spans

WRONG_PAIR = "wrong pair"  # the annotator's answer when the sentence does not hold this pair at all
LABEL_CONFIG = """<View>
  <Header value="Who (source) stands how toward whom (target)? Fix the spans if needed; empty source = the text's own tone."/>
  <Labels name="roles" toName="text">
    <Label value="source" background="#ffe08a"/>
    <Label value="target" background="#b9e3c6"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="stance" toName="text" choice="single" showInline="true" required="true">
    <Choice value="negative"/>
    <Choice value="neutral"/>
    <Choice value="positive"/>
    <Choice value="wrong pair"/>
  </Choices>
</View>
"""


def priorities(frame: pd.DataFrame, dyad_rows: pd.Series) -> np.ndarray:
    """(1 − margin) × √(dyad rows) for each pair of ``frame``."""
    probabilities = np.sort(frame[["p_negative", "p_neutral", "p_positive"]].to_numpy(), axis=1)
    margin = probabilities[:, 2] - probabilities[:, 1]
    rows = dyad_rows.reindex(pd.MultiIndex.from_arrays([frame["source_id"], frame["target_id"]])).to_numpy()
    return (1.0 - margin) * np.sqrt(np.nan_to_num(rows, nan=1.0))


def select_pairs(paths, n: int, *, per_dyad: int = 5, chunksize: int = 100_000) -> tuple[pd.DataFrame, Tally]:
    """The ``n`` pairs of the highest priority (two passes over ``paths``: dyad sizes, then candidates)."""
    sizes: Counter = Counter()
    for chunk in pair_chunks(paths, Tally(), chunksize=chunksize, progress=False):
        sizes.update(zip(chunk["source_id"], chunk["target_id"]))
    dyad_rows = pd.Series(sizes, dtype=float)
    if len(dyad_rows):
        dyad_rows.index = pd.MultiIndex.from_tuples(dyad_rows.index)
    tally, kept = Tally(), None
    budget = n * per_dyad * 4  # candidates kept while reading: enough to fill n after the per-dyad cap
    for chunk in pair_chunks(paths, tally, chunksize=chunksize, columns=REQUIRED + OPTIONAL + TEXT):
        chunk = chunk[chunk["sentence"] != ""].assign(priority=lambda f: priorities(f, dyad_rows))
        kept = chunk if kept is None else pd.concat([kept, chunk])
        kept = kept.nlargest(budget, "priority", keep="first")
    if kept is None or kept.empty:
        return pd.DataFrame(), tally
    kept = kept.sort_values(["priority", "doc_id", "sentence_index"], ascending=[False, True, True], kind="stable")
    kept = kept.drop_duplicates(["sentence", "source", "target"])
    kept = kept.groupby(["source_id", "target_id"], sort=False).head(per_dyad)
    return kept.head(n).reset_index(drop=True), tally


def _span(region_id: str, sentence: str, mention: str, label: str) -> dict | None:
    spans = find_spans(sentence, mention) if mention else []
    if not spans:
        return None
    start, end = spans[0]
    return {"id": region_id, "from_name": "roles", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": sentence[start:end], "labels": [label]}}


def to_task(row, model_version: str = "stance") -> dict:
    """One Label Studio task (``data`` and the model's prediction) for a scored pair row."""
    from stance.text.sentences import detect_language

    probabilities = {label: round(float(getattr(row, f"p_{label}")), 6) for label in LABELS}
    data = {"text": row.sentence, "source": row.source, "target": row.target, "source_id": row.source_id,
            "target_id": row.target_id, "doc_id": row.doc_id, "sentence_index": int(row.sentence_index),
            "date": row.date, "lang": detect_language(row.sentence), "model_stance": row.stance,
            **{f"p_{label}": p for label, p in probabilities.items()}, "priority": round(float(row.priority), 6)}
    result = [span for span in (_span("source", row.sentence, row.source, "source"),
                                _span("target", row.sentence, row.target, "target")) if span]
    result.append({"id": "stance", "from_name": "stance", "to_name": "text", "type": "choices",
                   "value": {"choices": [row.stance]}})
    score = max(probabilities.values())
    return {"data": data, "predictions": [{"model_version": model_version, "score": score, "result": result}]}


def export_tasks(paths, n: int, *, per_dyad: int = 5, model_version: str = "stance",
                 chunksize: int = 100_000) -> tuple[list[dict], Tally]:
    selected, tally = select_pairs(paths, n, per_dyad=per_dyad, chunksize=chunksize)
    tasks = [to_task(row, model_version) for row in selected.itertuples(index=False)]
    return tasks, tally


def tasks_json(tasks: list[dict]) -> str:
    return json.dumps(tasks, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
