"""Readers for public stance / target-sentiment corpora into the project's dataset schema.

Every loader returns a :class:`pandas.DataFrame` with the columns :data:`COLUMNS` (all strings):
``id`` (unique within a corpus split), ``doc_id`` (article or sentence group, prefixed with the corpus
name so it never collides with ours), ``lang``, ``text``, ``source`` (``""`` when the row is the
sentence's own tone toward the target), ``target``, ``stance`` (negative/neutral/positive) and
``corpus``. ``source`` and ``target`` are always substrings of ``text``.

Supported formats (see the README beside the data):

* NewsMTSC and MAD-TSC ``*.jsonl``: one sentence a line with a list of targets; one row per target.
* Directed sentiment ``*.txt``: tab-separated, CSV-quoted ``sentence-with-[entities]  Ent1  Ent2  label``.

The data folder is given as an argument (``--public-data``; ``make`` passes ``../shared/data``) or by
``$STANCE_PUBLIC_DATA``; with neither there is no public data. Rows that cannot be read are skipped, counted and reported by one warning per file (logger
``stance.corpora``). Nothing happens at import time.
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from stance.schema import DATASET_COLUMNS

logger = logging.getLogger("stance.corpora")

COLUMNS: list[str] = [*DATASET_COLUMNS, "corpus"]
DATA_DIR_ENV = "STANCE_PUBLIC_DATA"

#: name -> train file, dev split files (relative to the data dir), language and doc_id prefix.
#: MAD-TSC French and English are translations of the same articles, so they share a doc_id prefix.
PUBLIC_CORPORA: dict[str, dict] = {
    "newsmtsc": {"train": "newsmtsc/train.jsonl", "lang": "en", "doc_prefix": "newsmtsc",
                 "dev": {"dev_rw": "newsmtsc/dev_rw.jsonl", "dev_mt": "newsmtsc/dev_mt.jsonl"}},
    "mad_tsc_fr": {"train": "mad_tsc/fr/train.jsonl", "lang": "fr", "doc_prefix": "mad_tsc",
                   "dev": {"validation": "mad_tsc/fr/validation.jsonl"}},
    "mad_tsc_en": {"train": "mad_tsc/en/train.jsonl", "lang": "en", "doc_prefix": "mad_tsc",
                   "dev": {"validation": "mad_tsc/en/validation.jsonl"}},
    "directed_sentiment": {"train": "directed_sentiment/train.txt", "lang": "en",
                           "dev": {"valid": "directed_sentiment/valid.txt"}},
}

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
# label -> (source is Ent1?, stance); neutral pairs are kept once, as Ent1 -> Ent2.
DIRECTED_LABELS = {"0": (True, "neutral"), "1": (True, "positive"), "2": (False, "positive"),
                   "3": (True, "negative"), "4": (False, "negative")}
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
# NewsMTSC gids: allsides_<article>_<story>_<sentence>_... or polusa_v1_<article>_-1_<sentence>_...
_NEWSMTSC_ARTICLE = re.compile(r"^(allsides_\d+_\d+|polusa_v\d+_\d+)_")


def resolve_data_dir(path: str | os.PathLike | None = None) -> Path | None:
    """The public data folder: ``path`` if given, else ``$STANCE_PUBLIC_DATA``, else None (no public data)."""
    chosen = path if path is not None else os.environ.get(DATA_DIR_ENV) or None
    return Path(chosen).expanduser().resolve() if chosen is not None else None


def missing_reason(data_dir=None) -> str | None:
    """Why there is no public data to read (no folder given, or no such folder), or None when there is."""
    root = resolve_data_dir(data_dir)
    if root is None:
        return f"no public data folder given: pass --public-data or set ${DATA_DIR_ENV}"
    return None if root.is_dir() else f"no public data folder at {root}"


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS, dtype=str) if rows else _empty()


def _warn_skipped(path: Path, skipped: Counter) -> None:
    if skipped:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
        logger.warning("%s: skipped %d row(s) (%s)", path, sum(skipped.values()), reasons)


def _article_id(gid: str) -> str:
    """Article part of a NewsMTSC / MAD-TSC ``primary_gid`` (MAD-TSC: the leading number)."""
    m = _NEWSMTSC_ARTICLE.match(gid)
    return m.group(1) if m else gid.split("_", 1)[0]


def _as_float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_newsmtsc_jsonl(path, *, corpus: str, lang: str, doc_prefix: str | None = None) -> pd.DataFrame:
    """Read a NewsMTSC-style jsonl file (NewsMTSC or MAD-TSC), one row per target.

    ``target`` is ``sentence[from:to]``, or ``mention`` when that slice is empty or differs from it;
    targets whose text cannot be found in the sentence, unknown polarities and undecodable lines are
    skipped and counted. ``doc_id`` is ``<doc_prefix or corpus>:<article id from primary_gid>``; ``id``
    is ``<corpus>:<file stem>:<line number>:<target index>``.
    """
    path = Path(path)
    split, prefix = path.stem, doc_prefix or corpus
    rows: list[tuple] = []
    skipped: Counter = Counter()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                gid, sentence, targets = obj["primary_gid"], obj["sentence_normalized"], obj["targets"]
                if not isinstance(sentence, str) or not isinstance(targets, list):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                skipped["malformed line"] += 1
                continue
            text = sentence.strip()
            doc_id = f"{prefix}:{_article_id(str(gid))}"
            for k, t in enumerate(targets):
                if not isinstance(t, dict):
                    skipped["malformed target"] += 1
                    continue
                stance = POLARITY.get(_as_float(t.get("polarity")))
                if stance is None:
                    skipped["unknown polarity"] += 1
                    continue
                mention = str(t.get("mention") or "").strip()
                try:
                    target = sentence[int(t["from"]):int(t["to"])].strip()
                except (KeyError, TypeError, ValueError):
                    target = ""
                if not target or (mention and target != mention):
                    target = mention
                if not target or target not in text:
                    skipped["target not in sentence"] += 1
                    continue
                rows.append((f"{corpus}:{split}:{lineno}:{k}", doc_id, lang, text, "", target, stance, corpus))
    _warn_skipped(path, skipped)
    return _frame(rows)


def read_directed_sentiment(path) -> pd.DataFrame:
    """Read a directed-sentiment ``.txt`` file (tab-separated, CSV-quoted fields).

    Brackets around the two entity spans are removed to get ``text`` (a bracket may cut a word:
    ``[Los Angele]s`` gives text ``Los Angeles`` and entity ``Los Angele``). Labels 0/1/3 give
    Ent1 -> Ent2 (neutral/positive/negative), 2/4 give Ent2 -> Ent1 (positive/negative). Lines with the
    wrong field count, an entity missing from the text or an unknown label are skipped and counted.
    ``doc_id`` groups identical sentences (``directed_sentiment:<hash of text>``), since no article ids
    exist; ``id`` is ``directed_sentiment:<file stem>:<line number>``.
    """
    path = Path(path)
    corpus, split = "directed_sentiment", path.stem
    rows: list[tuple] = []
    skipped: Counter = Counter()
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = next(csv.reader([line], delimiter="\t"))
            if len(fields) != 4:
                skipped["wrong field count"] += 1
                continue
            sentence, ent1, ent2, label = fields
            ent1, ent2, label = ent1.strip(), ent2.strip(), label.strip()
            if label not in DIRECTED_LABELS:
                skipped["unknown label"] += 1
                continue
            text = _BRACKETED.sub(r"\1", sentence).strip()
            if not ent1 or not ent2 or ent1 not in text or ent2 not in text:
                skipped["entity not in text"] += 1
                continue
            forward, stance = DIRECTED_LABELS[label]
            source, target = (ent1, ent2) if forward else (ent2, ent1)
            doc_id = f"{corpus}:{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}"
            rows.append((f"{corpus}:{split}:{lineno}", doc_id, "en", text, source, target, stance, corpus))
    _warn_skipped(path, skipped)
    return _frame(rows)


def _check_name(name: str) -> dict:
    if name not in PUBLIC_CORPORA:
        raise ValueError(f"unknown public corpus {name!r}; valid names: {', '.join(PUBLIC_CORPORA)}")
    return PUBLIC_CORPORA[name]


def _read(name: str, path: Path) -> pd.DataFrame:
    spec = PUBLIC_CORPORA[name]
    if name == "directed_sentiment":
        return read_directed_sentiment(path)
    return read_newsmtsc_jsonl(path, corpus=name, lang=spec["lang"], doc_prefix=spec.get("doc_prefix"))


def load_corpus(name: str, split: str, data_dir=None) -> pd.DataFrame:
    """Load one split (``"train"`` or a dev split name from :data:`PUBLIC_CORPORA`) of a corpus.

    Raises ``ValueError`` for an unknown corpus or split and ``FileNotFoundError`` for a missing file.
    """
    spec = _check_name(name)
    files = {"train": spec["train"], **spec["dev"]}
    if split not in files:
        raise ValueError(f"unknown split {split!r} for {name}; valid splits: {', '.join(files)}")
    root = resolve_data_dir(data_dir)
    if root is None or not (root / files[split]).is_file():
        raise FileNotFoundError(root / files[split] if root else missing_reason(data_dir))
    path = root / files[split]
    return _read(name, path)


def public_available(data_dir=None) -> bool:
    """True when the public data directory exists and holds at least one known corpus file."""
    root = resolve_data_dir(data_dir)
    return root is not None and root.is_dir() and any(
        (root / f).is_file() for spec in PUBLIC_CORPORA.values() for f in [spec["train"], *spec["dev"].values()])


def _load_files(names: list[str], data_dir, pick) -> list[tuple[str, str, pd.DataFrame]]:
    """Load ``(key, name, frame)`` for every ``(key, relative file)`` that ``pick(name, spec)`` yields."""
    specs = {name: _check_name(name) for name in names}
    if not specs:
        return []
    if missing_reason(data_dir):
        logger.warning("%s: no public corpus read", missing_reason(data_dir))
        return []
    root = resolve_data_dir(data_dir)
    out = []
    for name, spec in specs.items():
        for key, rel in pick(name, spec):
            if (root / rel).is_file():
                out.append((key, name, _read(name, root / rel)))
            else:
                logger.warning("public corpus file %s not found; skipping %s", root / rel, key)
    return out


def load_public(names: list[str], data_dir=None, split="train") -> tuple[pd.DataFrame, dict[str, int]]:
    """Concatenate a split of the named corpora; returns ``(frame, {name: n_rows})``.

    ``split`` is ``"train"`` (default), ``"dev"`` (all dev splits of each corpus) or a dev split name
    (corpora without it are left out). Corpora whose files are missing are skipped with a warning and
    left out of the counts; a missing data directory gives one warning and an empty frame with
    :data:`COLUMNS`. Unknown names or splits raise ``ValueError``.
    """
    known = {"train", "dev"} | {s for n in names for s in _check_name(n)["dev"]}
    if split not in known:
        raise ValueError(f"unknown split {split!r}; valid splits: {', '.join(sorted(known))}")

    def pick(name, spec):
        if split == "train":
            return [(name, spec["train"])]
        return [(f"{name}/{s}", rel) for s, rel in spec["dev"].items() if split in ("dev", s)]

    loaded = _load_files(names, data_dir, pick)
    counts: dict[str, int] = {}
    for _, name, frame in loaded:
        counts[name] = counts.get(name, 0) + len(frame)
    frame = pd.concat([f for _, _, f in loaded], ignore_index=True) if loaded else _empty()
    return frame, counts


def load_public_dev(names: list[str], data_dir=None) -> dict[str, pd.DataFrame]:
    """Dev splits of the named corpora as ``{"<name>/<split>": frame}``; only files present are returned."""
    pick = lambda name, spec: [(f"{name}/{s}", rel) for s, rel in spec["dev"].items()]  # noqa: E731
    return {key: frame for key, _, frame in _load_files(names, data_dir, pick)}
