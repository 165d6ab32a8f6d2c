"""The ``stance`` command: a thin layer over the library.

Commands: train, score, extract, explain, benchmark, study; relations, report, review (stance.relations.cli). Each imports what it needs when it runs, so that
``stance --help`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stance.errors import DatasetError, InputError
from stance.schema import DEFAULT_MODEL_URI, DEFAULT_TRACKING_URI


def _load_model(uri: str):
    """The fitted Pipeline behind ``uri``; a clear InputError when it cannot be loaded."""
    from mlflow.exceptions import MlflowException

    from stance.io.serving import load_pipeline

    try:
        return load_pipeline(uri)
    except MlflowException as error:
        raise InputError(f"cannot load model {uri}: {error.message} (train one with `make train`)") from None


def _train(args) -> int:
    from stance.training.params import load_params
    from stance.training.run import train

    tracking_uri = os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI
    params = load_params(args.params)
    if args.no_public:
        params["corpora"] = []
    result = train(
        data_paths=args.data,
        params=params,
        tracking_uri=tracking_uri,
        artifact_root=args.artifact_root,
        public_data=args.public_data,
        experiment=args.experiment,
        register_as=args.register_as,
        run_name=args.run_name,
    )
    from stance.training.evaluation import table

    print(table(result.results))
    print(f"\nrun id: {result.run_id}")
    print(f"model: {result.model_uri}")
    if result.version:
        print(f"registered: models:/{args.register_as}/{result.version} (alias models:/{args.register_as}@champion)")
    print(f"tracking: {tracking_uri} — open the UI with `make ui`, then http://127.0.0.1:5001")
    return 0


def _benchmark(args) -> int:
    from stance.training.benchmark import run_benchmark
    from stance.training.params import load_params

    tracking_uri = os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI
    params = load_params(args.params)
    print(run_benchmark(data_paths=args.data, params=params, tracking_uri=tracking_uri,
                        artifact_root=args.artifact_root, public_data=args.public_data))
    print(f"\nlogged to {tracking_uri}, experiment stance-benchmark")
    return 0


def _study(args) -> int:
    from stance.training.params import load_params
    from stance.training.study import run_study

    tracking_uri = os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI
    table = run_study(args.study, base=load_params(args.params), data_paths=args.data, tracking_uri=tracking_uri,
                      artifact_root=args.artifact_root, public_data=args.public_data)
    print(table.round(3).to_string())
    return 0


def _score(args) -> int:
    from stance.io.scoring import check_header, score_csv

    if Path(args.output).resolve() == Path(args.input).resolve():
        raise InputError(f"{args.output}: the output must not overwrite the input")
    check_header(args.input, [args.text_col])
    pipeline = _load_model(args.model)
    report = score_csv(
        args.input, args.output, pipeline,
        text_col=args.text_col, source_col=args.source_col, target_col=args.target_col,
        chunksize=args.chunksize,
    )
    print(report.summary(), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _extract(args) -> int:
    from stance.io.articles import read_articles, read_dates
    from stance.io.extract import extract_and_score

    articles = read_articles(args.files, date=args.date, dates=read_dates(args.dates) if args.dates else None)
    pipeline = _load_model(args.model)
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


def _explain(args) -> int:
    from stance.features.roles import mark_roles
    from stance.io.explain import explain, format_explanation
    from stance.io.validation import row_status
    from stance.schema import OK

    status = row_status(args.text, args.source, args.target)
    if status != OK:
        raise InputError(f"cannot explain this row: {status}")
    pipeline = _load_model(args.model)
    prediction, table = explain(pipeline, args.text, args.source, args.target, top=args.top)
    print(format_explanation(prediction, table, mark_roles(args.text, args.source, args.target)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train, evaluate, log to MLflow and register the model")
    train.add_argument("--data", nargs="+", default=["datasets/sentences.csv"], help="dataset CSV file(s)")
    train.add_argument("--params", default="training/params.yaml", help="YAML of hyper-parameters")
    train.add_argument("--public-data", default=None,
                       help="folder of the public corpora (default: $STANCE_PUBLIC_DATA, else ../shared/data)")
    train.add_argument("--no-public", action="store_true", help="train on the project's corpus only")
    train.add_argument("--artifact-root", default="mlruns", help="artifact folder for a new experiment")
    train.add_argument("--experiment", default="stance")
    train.add_argument("--register-as", default="stance", help="registered model name (alias champion)")
    train.add_argument("--run-name", default=None)
    train.set_defaults(func=_train)

    bench = commands.add_parser("benchmark", help="train the shipped configuration and print accuracy and speed")
    bench.add_argument("--data", nargs="+", default=["datasets/sentences.csv"], help="dataset CSV file(s)")
    bench.add_argument("--params", default="training/params.yaml")
    bench.add_argument("--public-data", default=None, help="folder of the public corpora")
    bench.add_argument("--artifact-root", default="mlruns")
    bench.set_defaults(func=_benchmark)

    study = commands.add_parser("study", help="train the variants of a study file as nested MLflow runs")
    study.add_argument("study", help="study YAML (see training/studies/)")
    study.add_argument("--data", nargs="+", default=["datasets/sentences.csv"])
    study.add_argument("--params", default="training/params.yaml", help="base parameters")
    study.add_argument("--public-data", default=None)
    study.add_argument("--artifact-root", default="mlruns")
    study.set_defaults(func=_study)

    score = commands.add_parser("score", help="score a CSV of text, source, target rows")
    score.add_argument("input", help="input CSV (UTF-8, header row)")
    score.add_argument("-o", "--output", required=True, help="output CSV (written atomically)")
    score.add_argument("--model", default=DEFAULT_MODEL_URI, help="model URI or local model folder")
    score.add_argument("--text-col", default="text")
    score.add_argument("--source-col", default="source")
    score.add_argument("--target-col", default="target")
    score.add_argument("--chunksize", type=int, default=5_000, help="rows read at a time (bounds memory)")
    score.set_defaults(func=_score)

    extract = commands.add_parser("extract", help="find actor pairs in articles and score them")
    extract.add_argument("files", nargs="+", help="article .txt files, or CSV files with a text column "
                         "(optional doc_id, date)")
    extract.add_argument("-o", "--output", help="output CSV (default: standard output)")
    extract.add_argument("--model", default=DEFAULT_MODEL_URI, help="model URI or local model folder")
    extract.add_argument("--date", default=None, help="article date YYYY-MM-DD, to resolve titles to holders")
    extract.add_argument("--dates", default=None, metavar="CSV",
                         help="CSV of doc_id (or article), date [, url]: the date of each file by its name's stem")
    extract.add_argument("--ner", action="store_true",
                         help="also find persons and organisations unknown to the gazetteer (needs stance[ner])")
    extract.add_argument("--gazetteer", default=None,
                         help="folder extending the packaged gazetteer (e.g. from python -m stance.actors.importers)")
    extract.set_defaults(func=_extract)
    explain = commands.add_parser("explain", help="show the features behind one prediction, with weights")
    explain.add_argument("--text", required=True)
    explain.add_argument("--source", default="", help="source actor as written in the text (empty: own tone)")
    explain.add_argument("--target", required=True, help="target actor as written in the text")
    explain.add_argument("--model", default=DEFAULT_MODEL_URI, help="model URI or local model folder")
    explain.add_argument("--top", type=int, default=12, help="how many features to show")
    explain.set_defaults(func=_explain)
    from stance.relations.cli import add_commands

    add_commands(commands)  # relations, report, review
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (InputError, DatasetError) as error:
        print(f"stance: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stance: interrupted; no output written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
