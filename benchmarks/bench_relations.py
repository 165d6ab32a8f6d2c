"""Benchmark `stance relations`: time and peak memory to aggregate generated pair files of several sizes.

Generates scored pair CSVs shaped like `stance extract` output (every column, a sentence of our own words on
each row): documents of 1 to 15 pairs, 600 gazetteer actors drawn with a long tail (a few very frequent, most
rare), two years of dates, probabilities drawn from a Dirichlet. Then times `stance relations` on each under
/usr/bin/time -v (peak RSS of the whole process), by actor per month and by country. Flat memory means the
peak barely grows from the smallest to the largest file.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.actors.country import Affiliations  # noqa: E402
from stance.actors.gazetteer import load  # noqa: E402

SENTENCES = [  # our own words
    "Le ministre a vivement critiqué la décision de son homologue, jugée « inacceptable ».",
    "The two governments signed a cooperation agreement on energy and trade on Monday.",
    "Selon le porte-parole, les discussions se sont déroulées dans un climat constructif.",
    "The president accused his neighbour of massing troops along the border.",
]


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Write ``rows`` scored pair rows in pieces of 200,000."""
    rng = np.random.default_rng(seed)
    gazetteer = load()
    countries = Affiliations(gazetteer)
    actors = np.array(sorted(gazetteer.actors)[:600], dtype=object)
    weights = 1 / np.arange(1, len(actors) + 1)
    weights /= weights.sum()
    country_of = {a: countries.country(a) or a for a in actors}
    start = np.datetime64("2023-01-01")
    written, doc = 0, 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        while written < rows:
            n = min(200_000, rows - written)
            sizes = rng.integers(1, 16, size=n)
            docs = np.repeat(np.arange(doc, doc + n), sizes)[:n]
            doc = int(docs[-1]) + 1
            first = np.r_[True, docs[1:] != docs[:-1]]
            index = np.arange(n) - np.maximum.accumulate(np.where(first, np.arange(n), 0))
            source = rng.choice(actors, size=n, p=weights)
            target = rng.choice(actors, size=n, p=weights)
            day = (start + rng.integers(0, 730, size=len(np.unique(docs))))[docs - docs[0]]
            proba = rng.dirichlet([1.0, 2.0, 1.0], size=n)
            frame = pd.DataFrame({
                "doc_id": [f"doc{d}" for d in docs], "sentence_index": index,
                "sentence": np.array(SENTENCES, dtype=object)[rng.integers(0, len(SENTENCES), size=n)],
                "source": source, "source_id": source, "target": target, "target_id": target,
                "stance": np.array(["negative", "neutral", "positive"], dtype=object)[proba.argmax(axis=1)],
                "p_negative": proba[:, 0], "p_neutral": proba[:, 1], "p_positive": proba[:, 2],
                "source_country": [country_of[a] for a in source], "target_country": [country_of[a] for a in target],
                "date": day.astype(str),
            })
            frame.to_csv(handle, header=written == 0, index=False, float_format="%.6f")
            written += n


def time_cli(source: Path, out: Path, *options: str) -> dict:
    command = ["/usr/bin/time", "-v", str(Path(sys.executable).parent / "stance"), "relations", str(source),
               "-o", str(out), *options]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    read = int(re.search(r"(\d+) pair rows read", done.stderr).group(1))
    dyads = int(re.search(r"(\d+) dyads written", done.stderr).group(1))
    return {"seconds": elapsed, "peak_mb": peak_kb / 1024, "read": read, "dyads": dyads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--out", default="bench-out")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    runs = {"by actor, per month": ["--period", "month"], "by country": ["--by", "country"]}
    print(f"{'rows':>10} {'file MB':>8} {'grouping':<20} {'dyads':>8} {'seconds':>8} {'rows/s':>9} {'peak MB':>8}")
    for rows in args.rows:
        source = out / f"pairs_{rows}.csv"
        generate(source, rows)
        size = source.stat().st_size / 2**20
        for name, options in runs.items():
            result = time_cli(source, out / f"dyads_{rows}.csv", *options)
            assert result["read"] == rows
            print(f"{rows:>10,} {size:>8.0f} {name:<20} {result['dyads']:>8,} {result['seconds']:>8.1f} "
                  f"{rows / result['seconds']:>9,.0f} {result['peak_mb']:>8.0f}")
        source.unlink()


if __name__ == "__main__":
    main()
