"""The handlers of the ``stance`` commands; each imports what it needs when it runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from stance.cli.output import Stages, library_output
from stance.errors import InputError
from stance.schema import DEFAULT_TRACKING_URI

UI = "http://127.0.0.1:5001"  # `make ui`


def _tracking_uri() -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI


def _load_model(args):
    """The fitted Pipeline behind ``--model`` (an InputError saying what to do when it cannot be loaded)."""
    from stance.io.serving import load_pipeline

    with library_output(quiet=not args.verbose):
        return load_pipeline(args.model)


def train(args) -> int:
    from stance.training.evaluation import table
    from stance.training.params import load_params
    from stance.training.run import train as run_training

    params = load_params(args.params)
    if args.no_public:
        params["corpora"] = []
    stages = Stages()
    with library_output(quiet=not args.verbose):
        result = run_training(
            data_paths=args.data, params=params, tracking_uri=_tracking_uri(), artifact_root=args.artifact_root,
            public_data=args.public_data, experiment=args.experiment, register_as=args.register_as,
            run_name=args.run_name, stage=stages,
        )
    print(f"done in {stages.total()}\n")
    print(table(result.results))
    print(f"\nrun id: {result.run_id}")
    print(f"model: {result.model_uri}")
    if result.version:
        print(f"registered: models:/{args.register_as}/{result.version} (alias models:/{args.register_as}@champion)")
    print(f"tracking: {_tracking_uri()} — open the UI with `make ui`, then {UI}")
    return 0


def benchmark(args) -> int:
    from stance.training.benchmark import run_benchmark
    from stance.training.params import load_params

    with library_output(quiet=not args.verbose):
        text = run_benchmark(data_paths=args.data, params=load_params(args.params), tracking_uri=_tracking_uri(),
                             artifact_root=args.artifact_root, public_data=args.public_data)
    print(text)
    print(f"\nlogged to {_tracking_uri()}, experiment stance-benchmark")
    return 0


def study(args) -> int:
    from stance.training.params import load_params
    from stance.training.study import run_study

    with library_output(quiet=not args.verbose):
        table = run_study(args.study, base=load_params(args.params), data_paths=args.data,
                          tracking_uri=_tracking_uri(), artifact_root=args.artifact_root, public_data=args.public_data)
    print(table.round(3).to_string())
    return 0


def score(args) -> int:
    from stance.io.scoring import check_header, score_csv

    if Path(args.output).resolve() == Path(args.input).resolve():
        raise InputError(f"{args.output}: the output must not overwrite the input")
    check_header(args.input, [args.text_col], hint="use --text-col/--source-col/--target-col to name them")
    pipeline = _load_model(args)
    report = score_csv(
        args.input, args.output, pipeline,
        text_col=args.text_col, source_col=args.source_col, target_col=args.target_col,
        chunksize=args.chunksize,
    )
    print(report.summary(), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _read_articles(files, date) -> list[tuple]:
    """(doc id, text, date) of every article: a .txt file is one article, a CSV one per row."""
    import pandas as pd

    from stance.io.scoring import check_header, read_errors

    articles = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.suffix.lower() == ".csv":
            columns = check_header(path, ["text"], hint="extract reads a text column, with optional doc_id and date")
            with read_errors(path):  # a bad line gets a message naming it, not a traceback
                frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            ids = frame["doc_id"] if "doc_id" in columns else [f"{path.stem}:{i + 1}" for i in range(len(frame))]
            dates = frame["date"] if "date" in columns else [date] * len(frame)
            articles += list(zip(ids, frame["text"], dates))
        else:
            try:
                articles.append((path.stem, path.read_text(encoding="utf-8"), date))
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text") from None
    return articles


def extract(args) -> int:
    from stance.io.extract import extract_and_score, parse_date

    articles = _read_articles(args.files, args.date)
    if args.date and parse_date(args.date) is None:
        raise InputError(f"--date {args.date!r}: expected YYYY-MM-DD")
    pipeline = _load_model(args)
    ner = None
    if args.ner:
        from stance.actors.ner import NerPass, NerUnavailable, load_model

        try:
            load_model("fr")
        except NerUnavailable as error:
            raise InputError(str(error)) from None
        ner = NerPass()
    matcher = None
    if args.gazetteer:
        from stance.actors.gazetteer import load
        from stance.actors.matching import Matcher

        if not Path(args.gazetteer).is_dir():
            raise InputError(f"--gazetteer {args.gazetteer}: no such folder")
        matcher = Matcher.build(load(str(args.gazetteer)))
    pairs = extract_and_score(pipeline, articles, ner=ner, matcher=matcher)
    if args.output:
        pairs.to_csv(args.output, index=False, float_format="%.6f")
        print(f"{len(pairs)} pairs from {len(articles)} article(s) written to {args.output}", file=sys.stderr)
    else:
        pairs.to_csv(sys.stdout, index=False, float_format="%.6f")
    return 0


def explain(args) -> int:
    from stance.features.roles import mark_roles
    from stance.io.explain import explain as explain_row
    from stance.io.explain import format_explanation
    from stance.io.validation import row_status
    from stance.schema import OK

    status = row_status(args.text, args.source, args.target)
    if status != OK:
        raise InputError(f"cannot explain this row: {status}")
    pipeline = _load_model(args)
    prediction, table = explain_row(pipeline, args.text, args.source, args.target, top=args.top)
    print(format_explanation(prediction, table, mark_roles(args.text, args.source, args.target)))
    return 0
