"""The handlers of the ``stance`` commands; each imports what it needs when it runs."""

from __future__ import annotations

import sys
from pathlib import Path

from stance.cli.output import Stages, library_output
from stance.errors import InputError
from stance.schema import DEFAULT_TRACKING_URI

UI = "http://127.0.0.1:5001"  # `make ui`


def _tracking_uri() -> str:
    """Where training logs: the store ``stance`` reads (:mod:`stance.io.model_uri`), else ``sqlite:///mlflow.db``."""
    from stance.io.model_uri import tracking_uri

    return tracking_uri() or DEFAULT_TRACKING_URI


def _load_model(args):
    """The fitted Pipeline behind ``--model`` (an InputError saying what to do when it cannot be loaded or is
    refused: only stance models saved without pickle are read)."""
    from stance.io.model_uri import load_pipeline

    with library_output(quiet=not args.verbose):
        return load_pipeline(args.model)


def _params(args, no_public=False) -> dict:
    """The settings of ``--params``, the datasets of ``--data`` checked; InputError for a missing or unreadable
    file or an unknown corpus name."""
    import yaml

    from stance.training.corpora import PUBLIC_CORPORA
    from stance.training.params import load_params

    if missing := [str(path) for path in args.data if not Path(path).is_file()]:
        raise InputError(f"{', '.join(missing)}: no such dataset file")
    try:
        params = load_params(args.params)
    except FileNotFoundError:
        raise InputError(f"{args.params}: no such parameters file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{args.params}: cannot read the parameters ({type(error).__name__})") from None
    if no_public:
        params["corpora"] = []
    if unknown := [name for name in params.get("corpora") or [] if name not in PUBLIC_CORPORA]:
        raise InputError(f"{args.params}: unknown corpus name(s) {', '.join(map(repr, unknown))}; known: "
                         + ", ".join(PUBLIC_CORPORA))
    return params


def train(args) -> int:
    from stance.training.evaluation import table
    from stance.training.run import train as run_training

    params = _params(args, args.no_public)
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

    params = _params(args)
    with library_output(quiet=not args.verbose):
        text = run_benchmark(data_paths=args.data, params=params, tracking_uri=_tracking_uri(),
                             artifact_root=args.artifact_root, public_data=args.public_data)
    print(text)
    print(f"\nlogged to {_tracking_uri()}, experiment stance-benchmark")
    return 0


def study(args) -> int:
    from stance.training.study import run_study

    if not Path(args.study).is_file():
        raise InputError(f"{args.study}: no such study file")
    params = _params(args)
    with library_output(quiet=not args.verbose):
        table = run_study(args.study, base=params, data_paths=args.data,
                          tracking_uri=_tracking_uri(), artifact_root=args.artifact_root, public_data=args.public_data)
    print(table.round(3).to_string())
    return 0


def score(args) -> int:
    from stance.io.output import check_output
    from stance.io.scoring import check_header, score_csv

    check_header(args.input, [args.text_col], hint="use --text-col/--source-col/--target-col to name them")
    check_output(args.output, [args.input])  # before loading the model and scoring, not after
    pipeline = _load_model(args)
    report = score_csv(
        args.input, args.output, pipeline,
        text_col=args.text_col, source_col=args.source_col, target_col=args.target_col,
        chunksize=args.chunksize,
    )
    print(report.summary(), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def extract(args) -> int:
    from stance.io.articles import read_articles, read_dates, write_pairs
    from stance.io.extract import extract_and_score
    from stance.io.output import atomic_output, check_output

    if args.output:  # never over an input article or the --dates file
        check_output(args.output, [*args.files, *([args.dates] if args.dates else [])])
    articles = read_articles(args.files, date=args.date, dates=read_dates(args.dates) if args.dates else None)
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
        with atomic_output(args.output) as handle:
            write_pairs(pairs, handle)
        print(f"{len(pairs)} pairs from {len(articles)} article(s) written to {args.output}", file=sys.stderr)
    else:
        write_pairs(pairs, sys.stdout)
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


def serve(args) -> int:
    from stance.io.server import serve as run_server

    max_body = None if args.max_body_mb is None else int(args.max_body_mb * 1024 * 1024)
    run_server(args.model, host=args.host, port=args.port, max_body=max_body)
    return 0
