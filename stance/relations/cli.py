"""The ``stance relations``, ``stance report`` and ``stance review`` commands (added to ``stance.cli``).

Thin: each parses its options and calls the library; heavy imports happen inside the command that runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from stance.errors import InputError


def _positive(text: str) -> int:
    import argparse

    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {text}")
    return value


def _relations(args) -> int:
    from stance.relations.aggregate import aggregate
    from stance.relations.files import check_output, write_csv_atomically

    check_output(args.output, args.files)
    dyads = aggregate(args.files, by=args.by, period=args.period, min_n=args.min_n, evidence=args.evidence,
                      resamples=args.resamples, seed=args.seed, chunksize=args.chunksize, lang=args.lang)
    write_csv_atomically(dyads.table, args.output)
    for line in dyads.tally.lines():
        print(line, file=sys.stderr)
    dropped, rows = dyads.below_min_n
    if dropped:
        print(f"  {rows} aggregated rows in {dropped} dyads with fewer than --min-n {args.min_n} rows not written",
              file=sys.stderr)
    print(f"{len(dyads.table)} dyads written to {args.output} (interval: {dyads.method})", file=sys.stderr)
    return 0


def _report(args) -> int:
    from stance.relations.files import check_output
    from stance.relations.report import build_report

    check_output(args.output, args.files, folder=True)
    result = build_report(args.files, args.output, by=args.by, top=args.top, keep=args.actor or (),
                          period=args.period, series=args.series, min_n=args.min_n, evidence=args.evidence,
                          lang=args.lang, resamples=args.resamples, chunksize=args.chunksize)
    for line in result.tally_lines:
        print(line, file=sys.stderr)
    print(f"report on {result.actors} actors and {result.dyads} dyads written to {result.folder}/index.html "
          "(with matrix, network and series as PNG and SVG, and dyads.csv)", file=sys.stderr)
    return 0


def _review(args) -> int:
    from stance.relations.files import check_output, write_csv_atomically, write_text_atomically

    if bool(args.files) == bool(args.import_):
        raise InputError("give pair files to export tasks, or --import EXPORT.json to read annotations back")
    inputs = [*(args.files or [args.import_]), *args.known]
    check_output(args.output, inputs)
    if not args.import_:  # the labeling configuration goes beside the tasks
        check_output(Path(args.output).with_suffix(".labeling.xml"), inputs)
    if args.import_:
        from stance.relations.labelstudio import import_export, merge_into, read_export
        from stance.training.dataset import problems

        output = Path(args.output)
        if output.exists() and not args.append:
            raise InputError(f"{output}: exists; pass --append to add the new rows to it")
        rows, report = import_export(read_export(args.import_), split=args.split, known=args.known)
        if output.exists():
            rows = merge_into(output, rows)
        found = problems(rows, str(output))
        if found:
            raise InputError("the imported rows break the dataset schema, nothing written:\n" + "\n".join(found[:20]))
        write_csv_atomically(rows, output)
        for line in report.lines():
            print(line, file=sys.stderr)
        print(f"{len(rows)} rows in {output} (split {args.split}); train on them with "
              f"`make train DATA=\"datasets/sentences.csv {output}\"`", file=sys.stderr)
        return 0
    from stance.relations.review import LABEL_CONFIG, export_tasks, tasks_json

    tasks, tally = export_tasks(args.files, args.n, per_dyad=args.per_dyad, model_version=args.model_version)
    config = Path(args.output).with_suffix(".labeling.xml")
    write_text_atomically(tasks_json(tasks), args.output)
    write_text_atomically(LABEL_CONFIG, config)
    for line in tally.lines():
        print(line, file=sys.stderr)
    print(f"{len(tasks)} tasks written to {args.output}; labeling config in {config}", file=sys.stderr)
    return 0


def add_commands(commands, parents=()) -> None:
    """Add ``relations``, ``report`` and ``review`` to the ``stance`` sub-command parser; ``parents`` are the
    shared option parsers they take (``--verbose``)."""
    parents = list(parents)
    from stance.relations.options import BY, PERIODS

    rel = commands.add_parser("relations", parents=parents,
                              help="aggregate scored pairs into dyads (who toward whom, over time)")
    rel.add_argument("files", nargs="+", help="scored pair CSVs from `stance extract` or a text-only `stance score`")
    rel.add_argument("-o", "--output", required=True, help="dyads CSV (written atomically)")
    rel.add_argument("--by", choices=BY, default="actor", help="group by actor id or by the country (or "
                     "international organisation) each actor stands for on the article's date")
    rel.add_argument("--period", choices=PERIODS, default=None, help="one row per dyad and period")
    rel.add_argument("--min-n", type=_positive, default=1, help="leave out dyads with fewer rows")
    rel.add_argument("--evidence", type=_positive, default=3, help="evidence references per dyad")
    rel.add_argument("--resamples", type=_positive, default=1000, help="bootstrap resamples for the interval")
    rel.add_argument("--seed", type=int, default=0)
    rel.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the actor names")
    rel.add_argument("--chunksize", type=_positive, default=50_000, help="rows read at a time (bounds memory)")
    rel.set_defaults(func=_relations)

    rep = commands.add_parser("report", parents=parents,
                              help="an offline HTML report: matrix, signed network, time series, evidence")
    rep.add_argument("files", nargs="+", help="scored pair CSVs from `stance extract` or a text-only `stance score`")
    rep.add_argument("-o", "--output", required=True, help="report folder (index.html, figures, dyads.csv)")
    rep.add_argument("--by", choices=BY, default="actor")
    rep.add_argument("--top", type=_positive, default=20, help="actors in the matrix and the network")
    rep.add_argument("--actor", action="append", metavar="ID", help="also show this actor (repeatable)")
    rep.add_argument("--series", action="append", metavar="SOURCE:TARGET",
                     help="a dyad for the time series, e.g. ilham_aliyev:USA (repeatable; default: the largest)")
    rep.add_argument("--period", choices=PERIODS, default="month", help="period of the time series")
    rep.add_argument("--min-n", type=_positive, default=1, help="matrix cells need this many pairs")
    rep.add_argument("--evidence", type=_positive, default=3, help="evidence sentences per dyad")
    rep.add_argument("--resamples", type=_positive, default=1000, help="bootstrap resamples for the intervals")
    rep.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the page and the names")
    rep.add_argument("--chunksize", type=_positive, default=100_000)
    rep.set_defaults(func=_report)

    rev = commands.add_parser("review", parents=parents,
                              help="export the pairs most worth a human look as Label Studio tasks, "
                                   "or --import a Label Studio export as labeled rows")
    rev.add_argument("files", nargs="*", help="scored pair CSVs to pick tasks from")
    rev.add_argument("-o", "--output", required=True,
                     help="tasks JSON (its labeling config is written beside, .labeling.xml), or with --import "
                          "the labeled CSV (e.g. datasets/reviewed.csv)")
    rev.add_argument("--n", type=_positive, default=200, help="how many tasks")
    rev.add_argument("--per-dyad", type=_positive, default=5, help="at most this many tasks per dyad")
    rev.add_argument("--model-version", default="stance", help="the predictions' model_version in Label Studio")
    rev.add_argument("--import", dest="import_", metavar="EXPORT", help="a Label Studio JSON export to read back")
    rev.add_argument("--known", nargs="*", default=[], metavar="CSV",
                     help="datasets whose pairs are left out of the import (e.g. datasets/sentences.csv)")
    rev.add_argument("--split", choices=("train", "dev", "test"), default="train", help="split of the imported rows")
    rev.add_argument("--append", action="store_true", help="add to an existing output instead of refusing")
    rev.set_defaults(func=_review)
