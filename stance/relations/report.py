"""``stance report``: a self-contained HTML page (``index.html``) and its figures from scored pair files.

Three passes over the files, each in chunks: the dyads over the whole span, the dyads per period (for the time
series), and the evidence rows of the dyads shown. The page has the actor × actor matrix of net stance for
the actors in the most pairs (an HTML table whose cells link to their evidence), the signed network and the
time series (inline SVG), and for each dyad of the matrix its evidence sentences with the source and target
marked and the probabilities. No script, font or style is fetched: the page works offline. ``matrix``,
``network`` and ``series`` are also written as PNG and SVG beside it, with the dyad table as ``dyads.csv``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.relations import figures
from stance.relations.aggregate import aggregate
from stance.relations.evidence import fetch_evidence, highlight
from stance.relations.files import replace_folder, write_table
from stance.relations.words import TEXTS


@dataclass
class ReportResult:
    folder: Path
    actors: int
    dyads: int
    tally_lines: list


def top_actors(dyads: pd.DataFrame, top: int, keep=()) -> list[str]:
    """The ``top`` actors in the most pairs (as source or target; no holder left out), then ``keep``."""
    weight = pd.concat([dyads[["source_id", "n"]].set_axis(["key", "n"], axis=1),
                        dyads[["target_id", "n"]].set_axis(["key", "n"], axis=1)])
    weight = weight[weight["key"] != ""].groupby("key")["n"].sum()
    ranked = sorted(weight.index, key=lambda key: (-weight[key], key))[:top]
    return ranked + [k for k in keep if k not in ranked]


def _signed(value: float) -> str:
    return "" if value is None or math.isnan(value) else f"{value:+.2f}".replace("-", "−")


def _is_dark(net: float) -> bool:
    return not math.isnan(net) and abs(net) > 0.55


def parse_series(values, known: set) -> list[tuple[str, str]]:
    """``SOURCE:TARGET`` options as id pairs; :class:`InputError` for a malformed value."""
    pairs = []
    for value in values or ():
        source, colon, target = value.partition(":")
        if not colon or not target:
            raise InputError(f"--series {value!r}: expected SOURCE_ID:TARGET_ID, e.g. ilham_aliyev:USA")
        if (source, target) not in known:
            raise InputError(f"--series {value!r}: no such dyad in the pairs")
        pairs.append((source, target))
    return pairs


def build_report(paths, folder, *, by: str = "actor", top: int = 20, keep=(), period: str = "month",
                 series=(), min_n: int = 1, evidence: int = 3, lang: str = "en", resamples: int = 1000,
                 chunksize: int = 100_000, progress: bool | None = None) -> ReportResult:
    """Write the report for the pair files ``paths`` into ``folder`` (replaced as a whole when complete)."""
    words = TEXTS[lang]
    overall = aggregate(paths, by=by, min_n=1, evidence=evidence, resamples=resamples, chunksize=chunksize,
                        progress=progress, lang=lang)
    table = overall.table
    known = set(zip(table["source_id"], table["target_id"]))
    missing = [k for k in keep if k not in set(table["source_id"]) | set(table["target_id"])]
    if missing:
        raise InputError(f"--actor {', '.join(missing)}: not in any pair of the given files")
    chosen_series = parse_series(series, known)
    actors = top_actors(table, top, keep)
    names = dict(zip(table["source_id"], table["source_name"])) | dict(zip(table["target_id"], table["target_name"]))
    shown = table[table["source_id"].isin(actors) & table["target_id"].isin(actors) & (table["n"] >= min_n)]
    if not chosen_series:
        chosen_series = list(zip(*shown.nlargest(4, "n")[["source_id", "target_id"]].T.to_numpy()))[:4]
    per_period = aggregate(paths, by=by, period=period, min_n=1, evidence=1, resamples=resamples,
                           chunksize=chunksize, progress=False, lang=lang).table
    wanted = pd.concat([shown, table[[pair in set(chosen_series) for pair in zip(table["source_id"],
                                                                                  table["target_id"])]]])
    found = fetch_evidence(paths, wanted.drop_duplicates(["source_id", "target_id"]), by=by, chunksize=chunksize)

    def build(out: Path) -> None:
        with open(out / "dyads.csv", "w", encoding="utf-8", newline="") as handle:
            write_table(table, handle)
        labels = [names.get(a) or a for a in actors]
        index = {a: i for i, a in enumerate(actors)}
        grid = [[math.nan] * len(actors) for _ in actors]
        for row in shown.itertuples(index=False):
            grid[index[row.source_id]][index[row.target_id]] = row.net
        # the page shows the matrix as an HTML table (its cells link to the evidence); the figure is for reuse
        figures.save(figures.matrix_figure(pd.DataFrame(grid).to_numpy(dtype=float), labels,
                                           words["matrix_title"], words["colourbar"]), out, "matrix")
        edges = [(index[r.source_id], index[r.target_id], r.net, r.n) for r in shown.itertuples(index=False)
                 if r.source_id != r.target_id]
        network_svg = figures.save(figures.network_figure(labels, edges, words["network_title"]), out, "network")
        points = []
        for source, target in chosen_series:
            rows = per_period[(per_period["source_id"] == source) & (per_period["target_id"] == target)
                              & (per_period["period"] != "")]
            points.append((f"{names.get(source) or source} → {names.get(target) or target}",
                           list(zip(rows["period"], rows["net"], rows["net_low"], rows["net_high"]))))
        series_svg = figures.save(figures.series_figure(points, words["series_title"], words["net"]), out, "series")
        html = _page(words, lang, overall, actors, names, shown, found, network_svg, series_svg, paths, by)
        (out / "index.html").write_text(html, encoding="utf-8")

    replace_folder(build, folder)
    return ReportResult(Path(folder), len(actors), len(shown), overall.tally.lines())


def _page(words, lang, overall, actors, names, shown, found, network_svg, series_svg, paths, by) -> str:
    from jinja2 import Environment

    table = overall.table
    anchors = {(r.source_id, r.target_id): f"dyad-{i}" for i, r in enumerate(
        shown.sort_values(["n", "source_id", "target_id"], ascending=[False, True, True]).itertuples(index=False))}
    by_pair = {(r.source_id, r.target_id): r for r in shown.itertuples(index=False)}
    people = [{"key": a, "label": names.get(a) or a} for a in actors]
    matrix = []
    for source in actors:
        cells = []
        for target in actors:
            row = by_pair.get((source, target))
            cells.append(None if row is None else {
                "colour": figures.colour(row.net), "dark": _is_dark(row.net), "text": _signed(row.net),
                "anchor": anchors[(source, target)], "source": source, "target": target,
                "title": f"{names.get(source) or source} → {names.get(target) or target}: n = {row.n}"})
        matrix.append({"actor": {"key": source, "label": names.get(source) or source}, "cells": cells})
    evidence = {}
    for row in found.itertuples(index=False):
        evidence.setdefault((row.source_key, row.target_key), []).append(row)
    dyads = []
    for (source, target), anchor in sorted(anchors.items(), key=lambda item: int(item[1].split("-")[1])):
        row = by_pair[(source, target)]
        rank = {(doc, index): i for i, (doc, index) in enumerate(json.loads(row.evidence))}
        items = sorted(evidence.get((source, target), []), key=lambda e: rank.get((e.doc_id, e.sentence_index), 99))
        interval = "" if math.isnan(row.net_low) else f"{_signed(row.net_low)}, {_signed(row.net_high)}"
        dates = row.first_date if row.first_date == row.last_date else f"{row.first_date} – {row.last_date}"
        dyads.append({
            "anchor": anchor, "source": source, "target": target, "n": row.n, "n_docs": row.n_docs,
            "source_label": names.get(source) or source, "target_label": names.get(target) or target,
            "net": _signed(row.net), "interval": interval, "dates": dates.strip(" –"),
            "counts": words["counts"].format(neg=row.n_negative, neu=row.n_neutral, pos=row.n_positive),
            "evidence": [{"parts": highlight(e.sentence, e.source, e.target), "stance": e.stance,
                          "probs": [("negative", e.p_negative), ("neutral", e.p_neutral), ("positive", e.p_positive)],
                          "doc_id": e.doc_id, "sentence_index": e.sentence_index, "date": e.date} for e in items],
        })
    dated = table[table["first_date"] != ""]
    summary = {
        "files": ", ".join(Path(p).name for p in paths), "rows": overall.tally.rows, "kept": overall.tally.kept,
        "skipped": overall.tally.lines()[1:], "method": overall.method, "by": by,
        "dates": f"{dated['first_date'].min()} – {dated['last_date'].max()}" if len(dated) else "",
        "own_tone": int(table.loc[table["source_id"] == "", "n"].sum()),
    }
    legend = [{"colour": figures.colour(v / 4), "dark": _is_dark(v / 4), "text": _signed(v / 4)} for v in range(-4, 5)]
    template = files("stance.relations").joinpath("templates/report.html").read_text(encoding="utf-8")
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(template).render(
        t=words, lang=lang, summary=summary, actors=people, matrix=matrix, legend=legend, dyads=dyads,
        network_svg=network_svg, series_svg=series_svg)
