"""Aggregate scored pairs into dyads: one row per (source, target[, period]) with counts, mean net stance and
its interval, dates, documents and evidence references.

Files are read in chunks (:mod:`stance.relations.read`). Each chunk is reduced at once to integer-coded cells,
one per (dyad, period, document): its rows, summed net stance (``p_positive − p_negative``), counts per stance
and first and last day (48 bytes, never the text). The cells go to temporary files, one per bucket of dyads
(a dyad's cells all land in one bucket); at the end each bucket is read back alone, its cells merged (a
document read in two chunks), and its dyads counted and given their interval. In memory stay the chunk being
read, one bucket, the few most confident rows of each dyad and the dyad table itself: memory follows the
number of dyads written, not the number of rows read.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from stance.relations.interval import METHOD, bootstrap_interval
from stance.relations.options import BY, PERIODS
from stance.relations.read import Tally, pair_chunks

KEYS = ["s", "t", "p"]  # coded source, target, period start (days since 1970-01-01, -1 when undated)
NO_DAY_LOW, NO_DAY_HIGH = np.iinfo(np.int32).max, -1
BUCKETS = 64
CELL = np.dtype([("s", "<i4"), ("t", "<i4"), ("p", "<i4"), ("d", "<i8"), ("n", "<i4"), ("net", "<f8"),
                 ("n_negative", "<i4"), ("n_neutral", "<i4"), ("n_positive", "<i4"), ("first", "<i4"),
                 ("last", "<i4")])


class Codes:
    """Strings ↔ dense integer codes, growing as new values are met."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def encode(self, values: pd.Series) -> np.ndarray:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        mapping = np.fromiter((self.index.setdefault(u, len(self.index)) for u in uniques), np.int64, len(uniques))
        return mapping[codes] if len(codes) else codes.astype(np.int64)

    def decode(self, codes) -> np.ndarray:
        values = np.empty(len(self.index), dtype=object)
        values[list(self.index.values())] = list(self.index.keys())
        return values[np.asarray(codes, dtype=np.int64)]


def days(dates: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of ``YYYY-MM-DD…`` strings; -1 for empty or unreadable ones."""
    parsed = pd.to_datetime(dates.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    out = parsed.to_numpy(dtype="datetime64[D]").astype(np.int64)
    out[parsed.isna().to_numpy()] = -1
    return out


def period_start(day: np.ndarray, period: str | None) -> np.ndarray:
    """The first day of the ``day``'s period (a Monday for ``week``, the 1st for ``month``); 0 without a
    period (one period for all), -1 stays -1."""
    if period is None:
        return np.zeros_like(day)
    start = day.copy()
    if period == "week":
        start = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    elif period == "month":
        start = day.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    start[day < 0] = -1
    return start


@dataclass
class Dyads:
    """The dyad table and the account of every row read."""

    table: pd.DataFrame
    tally: Tally
    method: str
    below_min_n: tuple[int, int] = (0, 0)  # (dyads, rows) aggregated but left out by --min-n


def dyad_keys(chunk: pd.DataFrame, role: str, by: str, countries=None) -> pd.Series:
    """The ``role`` (``source`` or ``target``) side of each row's dyad: the actor id, or with ``by="country"``
    the ``{role}_country`` column, where empty the country ``countries`` (an Affiliations) gives for the id on
    the row's date, else the id itself (an actor unknown to the gazetteer stays apart)."""
    ids = chunk[f"{role}_id"]
    if by == "actor":
        return ids
    keys = chunk[f"{role}_country"].copy()
    need = ((keys == "") & (ids != "")).to_numpy()
    if need.any():
        from stance.io.extract import parse_date

        pairs = pd.DataFrame({"id": ids[need], "date": chunk["date"][need]})
        found = {(i, d): countries.country(i, parse_date(d)) or i
                 for i, d in pairs.drop_duplicates().itertuples(index=False)}
        keys[need] = [found[key] for key in zip(pairs["id"], pairs["date"])]
    return keys


class Aggregator:
    """Feed cleaned pair chunks with :meth:`add`; :meth:`result` gives the dyad table."""

    def __init__(self, by: str = "actor", period: str | None = None, evidence: int = 3, countries=None):
        if by not in BY:
            raise ValueError(f"by must be one of {BY}")
        if period not in (None, *PERIODS):
            raise ValueError(f"period must be one of {PERIODS}")
        self.by, self.period, self.evidence = by, period, evidence
        self.countries = countries  # an Affiliations, for pairs written without country columns
        self.actors = Codes()
        self.spill = tempfile.TemporaryDirectory(prefix="stance-relations-")
        self.best: list[pd.DataFrame] = []
        self.pending = self.folded = 0  # evidence candidates held, and how many the last fold kept
        self.undated = 0

    def _keys(self, chunk: pd.DataFrame, role: str) -> pd.Series:
        if self.by == "country" and self.countries is None:
            from stance.actors.country import Affiliations
            from stance.actors.gazetteer import load

            self.countries = Affiliations(load())
        return dyad_keys(chunk, role, self.by, self.countries)

    def add(self, chunk: pd.DataFrame) -> None:
        if chunk.empty:
            return
        day = days(chunk["date"])
        self.undated += int((day < 0).sum())
        net = (chunk["p_positive"] - chunk["p_negative"]).to_numpy()
        frame = pd.DataFrame({
            "s": self.actors.encode(self._keys(chunk, "source")).astype(np.int32),
            "t": self.actors.encode(self._keys(chunk, "target")).astype(np.int32),
            "p": period_start(day, self.period).astype(np.int32),
            "d": pd.util.hash_array(chunk["doc_id"].to_numpy(dtype=object)).view(np.int64),
            "n": np.ones(len(chunk), dtype=np.int32), "net": net,
            **{f"n_{label}": (chunk["stance"] == label).to_numpy().astype(np.int32)
               for label in ("negative", "neutral", "positive")},
            "first": np.where(day < 0, NO_DAY_LOW, day).astype(np.int32), "last": day.astype(np.int32),
        })
        self._write_cells(_cells(frame))
        probabilities = chunk[["p_negative", "p_neutral", "p_positive"]].to_numpy()
        evidence = frame[KEYS + ["d"]].assign(
            doc_id=chunk["doc_id"].to_numpy(), sentence_index=chunk["sentence_index"].to_numpy().astype(np.int32),
            confidence=probabilities.max(axis=1).astype(np.float32))
        self.best.append(_most_confident(evidence, self.evidence))
        self.pending += len(self.best[-1])
        if self.pending > max(200_000, 2 * self.folded):  # keep the evidence candidates to k per dyad
            self.best = [_most_confident(pd.concat(self.best), self.evidence)]
            self.pending = self.folded = len(self.best[0])

    def _bucket_path(self, bucket: int) -> Path:
        return Path(self.spill.name) / f"cells-{bucket}.bin"

    def _write_cells(self, cells: pd.DataFrame) -> None:
        records = np.empty(len(cells), dtype=CELL)
        for name in CELL.names:
            records[name] = cells[name].to_numpy()
        bucket = (records["s"].astype(np.int64) * 1_000_003 + records["t"]) % BUCKETS
        order = np.argsort(bucket, kind="stable")
        records, bucket = records[order], bucket[order]
        edges = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1], True])
        for start, end in zip(edges[:-1], edges[1:]):
            with open(self._bucket_path(int(bucket[start])), "ab") as handle:
                records[start:end].tofile(handle)

    def _bucket_dyads(self, bucket: int, resamples: int, seed: int) -> pd.DataFrame | None:
        """The dyads of one bucket: sums, counts, dates and the interval from its cells."""
        path = self._bucket_path(bucket)
        if not path.exists():
            return None
        cells = _cells(pd.DataFrame(np.fromfile(path, dtype=CELL)))
        cells = cells.sort_values(KEYS + ["d"], kind="stable").reset_index(drop=True)
        dyads = cells.groupby(KEYS, sort=False).agg(
            n=("n", "sum"), n_docs=("d", "size"), n_negative=("n_negative", "sum"), n_neutral=("n_neutral", "sum"),
            n_positive=("n_positive", "sum"), net=("net", "sum"), first=("first", "min"),
            last=("last", "max")).reset_index()
        sizes = dyads["n_docs"].to_numpy()
        starts = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
        dyads["net_low"], dyads["net_high"] = bootstrap_interval(
            starts, sizes, cells["net"].to_numpy(), cells["n"].to_numpy().astype(float), resamples=resamples,
            seed=[seed, bucket])
        dyads["net"] = dyads["net"] / dyads["n"]
        return dyads

    def result(self, *, min_n: int = 1, resamples: int = 1000, seed: int = 0, tally: Tally | None = None,
               label=None) -> Dyads:
        """The dyad table (see the module docstring); ``label(key)`` names an actor or country key."""
        try:
            parts = [self._bucket_dyads(bucket, resamples, seed) for bucket in range(BUCKETS)]
        finally:
            self.spill.cleanup()
        parts = [part for part in parts if part is not None]
        empty = _cells(_empty_cells()).drop(columns="d").assign(n_docs=0, net_low=0.0, net_high=0.0)
        dyads = pd.concat(parts, ignore_index=True) if parts else empty
        small = dyads["n"] < min_n
        below = (int(small.sum()), int(dyads.loc[small, "n"].sum()))
        dyads = dyads[~small]
        best = _most_confident(pd.concat(self.best), self.evidence) if self.best else None
        self.best = []
        table = self._table(dyads, best, resamples, label or (lambda key: ""))
        return Dyads(table, tally or Tally(), METHOD.format(resamples=resamples), below)

    def _table(self, dyads: pd.DataFrame, best, resamples: int, label) -> pd.DataFrame:
        source, target = self.actors.decode(dyads["s"]), self.actors.decode(dyads["t"])
        names = {key: label(key) for key in set(source) | set(target)}
        table = pd.DataFrame({
            "source_id": source, "source_name": [names[k] for k in source],
            "target_id": target, "target_name": [names[k] for k in target],
        })
        if self.period:
            table["period"] = day_texts(dyads["p"])
        for column in ("n", "n_docs", "n_negative", "n_neutral", "n_positive", "net", "net_low", "net_high"):
            table[column] = dyads[column].to_numpy()
        table["interval"] = METHOD.format(resamples=resamples)
        table["first_date"] = day_texts(dyads["first"])
        table["last_date"] = day_texts(dyads["last"])
        table["evidence"] = self._evidence(dyads, best)
        order = ["source_id", "target_id"] + (["period"] if self.period else [])
        return table.sort_values(order, kind="stable").reset_index(drop=True)

    def _evidence(self, dyads: pd.DataFrame, best) -> np.ndarray:
        """Per dyad, its evidence references as JSON: ``[["doc_id", sentence_index], …]``, most confident first."""
        out = np.full(len(dyads), "[]", dtype=object)
        if best is None or best.empty:
            return out
        docs = pd.unique(best["doc_id"])
        quoted = pd.Series([json.dumps(str(doc), ensure_ascii=False) for doc in docs], index=docs)
        best = best.sort_values(KEYS, kind="stable")  # most confident first within each dyad, kept
        items = ("[" + quoted.loc[best["doc_id"]].to_numpy() + ", " + best["sentence_index"].astype(str).to_numpy()
                 + "]").tolist()
        keys = best[KEYS].to_numpy()
        edges = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]).any(axis=1), True])
        groups = pd.DataFrame(keys[edges[:-1]], columns=KEYS).astype(best[KEYS].dtypes.to_dict())
        groups["evidence"] = ["[" + ", ".join(items[a:b]) + "]" for a, b in zip(edges[:-1], edges[1:])]
        found = dyads[KEYS].merge(groups, on=KEYS, how="left")["evidence"]
        return found.fillna("[]").to_numpy(dtype=object)


def day_texts(values) -> np.ndarray:
    """``YYYY-MM-DD`` for days since 1970-01-01; empty for -1 and the no-day marker."""
    values = np.asarray(values, dtype=np.int64)
    missing = (values < 0) | (values == NO_DAY_LOW)
    texts = np.where(missing, 0, values).astype("datetime64[D]").astype(str).astype(object)
    texts[missing] = ""
    return texts


def _empty_cells() -> pd.DataFrame:
    return pd.DataFrame(np.empty(0, dtype=CELL))


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (source, target, period, document): summed rows, net stance and counts, first and last day."""
    return frame.groupby(KEYS + ["d"], sort=False).agg(
        n=("n", "sum"), net=("net", "sum"), n_negative=("n_negative", "sum"), n_neutral=("n_neutral", "sum"),
        n_positive=("n_positive", "sum"), first=("first", "min"), last=("last", "max")).reset_index()


def _most_confident(rows: pd.DataFrame, k: int) -> pd.DataFrame:
    """The ``k`` most confident sentences of each dyad (ties: earlier document, earlier sentence); a sentence
    with several pairs of one dyad (two ministers of one country, by country) counts once."""
    ordered = rows.sort_values(["confidence", "d", "sentence_index"], ascending=[False, True, True], kind="stable")
    ordered = ordered.drop_duplicates(KEYS + ["d", "sentence_index"])
    return ordered.groupby(KEYS, sort=False).head(k)


def aggregate(paths, *, by: str = "actor", period: str | None = None, min_n: int = 1, evidence: int = 3,
              resamples: int = 1000, seed: int = 0, chunksize: int = 100_000, progress: bool | None = None,
              lang: str = "en") -> Dyads:
    """Aggregate the scored pair files ``paths`` into dyads; see the module docstring."""
    from stance.actors.country import Affiliations
    from stance.actors.gazetteer import load

    names = Affiliations(load())
    tally = Tally()
    aggregator = Aggregator(by, period, evidence, countries=names)
    try:
        for chunk in pair_chunks(paths, tally, chunksize=chunksize, progress=progress):
            aggregator.add(chunk)
    except BaseException:
        aggregator.spill.cleanup()
        raise
    tally.undated = aggregator.undated if period else 0
    return aggregator.result(min_n=min_n, resamples=resamples, seed=seed, tally=tally,
                             label=lambda key: names.label(key, lang) if key else "")
