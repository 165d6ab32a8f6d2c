"""The project's labeled-sentence CSV: reading, checking, splitting and fingerprinting."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

from stance.errors import DatasetError
from stance.schema import DATASET_COLUMNS as COLUMNS
from stance.schema import LABELS, LANGS, SPLITS


def file_sha256(path) -> str:
    """Hex SHA-256 of a file's bytes (logged with every training run)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def problems(frame: pd.DataFrame, name: str = "dataset") -> list[str]:
    """Every schema problem of a dataset frame, as messages naming the row (CSV line) and column."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return [f"{name}: missing column(s) {', '.join(missing)}"]
    found = []
    for position, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"{name}, line {position} (id {row.id!r})"
        if not str(row.text).strip():
            found.append(f"{where}, column text: empty")
        if row.lang not in LANGS:
            found.append(f"{where}, column lang: {row.lang!r} is not one of {LANGS}")
        if row.stance not in LABELS:
            found.append(f"{where}, column stance: {row.stance!r} is not one of {LABELS}")
        if not str(row.target).strip():
            found.append(f"{where}, column target: empty")
        elif row.target not in row.text:
            found.append(f"{where}, column target: {row.target!r} is not in the text")
        if row.source and row.source not in row.text:
            found.append(f"{where}, column source: {row.source!r} is not in the text")
        if "split" in frame.columns and getattr(row, "split") not in SPLITS:
            found.append(f"{where}, column split: {getattr(row, 'split')!r} is not one of {SPLITS}")
    duplicated = frame["id"][frame["id"].duplicated()].tolist()
    if duplicated:
        found.append(f"{name}: duplicate ids {duplicated[:10]}")
    return found


def read_dataset(path) -> pd.DataFrame:
    """Read and check a dataset CSV (UTF-8, header ``COLUMNS`` and an optional ``split``)."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise DatasetError(f"{path}: not UTF-8 ({error})") from None
    found = problems(frame, str(path))
    if found:
        more = f"\n… and {len(found) - 20} more" if len(found) > 20 else ""
        raise DatasetError("\n".join(found[:20]) + more)
    return frame


def split_frame(frame: pd.DataFrame, *, seed: int = 0, dev_size: float = 0.2):
    """(train, dev, test) frames: the stored ``split`` column when present, else a grouped split by doc_id.

    Without a stored split, test is empty and dev is drawn by document, so no document is on both sides.
    """
    if "split" in frame.columns:
        return tuple(frame[frame["split"] == split].reset_index(drop=True) for split in SPLITS)
    splitter = GroupShuffleSplit(n_splits=1, test_size=dev_size, random_state=seed)
    train_idx, dev_idx = next(splitter.split(frame, groups=frame["doc_id"]))
    return (
        frame.iloc[train_idx].reset_index(drop=True),
        frame.iloc[dev_idx].reset_index(drop=True),
        frame.iloc[[]].reset_index(drop=True),
    )


def reversed_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Derived rows that teach direction: for each labelled A → B with a negative or positive stance and no
    labelled B → A in the same sentence, the row B → A labelled ``neutral`` (the sentence says nothing of
    B's stance toward A; see GUIDELINES.md, rule 9). Nested mentions ("Kenya" in "Kenya's president") are
    skipped. Ids get an ``r`` suffix."""
    labelled = set(zip(frame["text"], frame["source"], frame["target"]))
    keep = [
        bool(source) and stance != "neutral" and (text, target, source) not in labelled
        and source not in target and target not in source
        for text, source, target, stance in zip(frame["text"], frame["source"], frame["target"], frame["stance"])
    ]
    derived = frame[np.asarray(keep, dtype=bool)]  # a boolean array: an empty list would select no columns
    return derived.assign(
        id=derived["id"] + "r", source=derived["target"].to_numpy(), target=derived["source"].to_numpy(),
        stance="neutral",
    ).reset_index(drop=True)
