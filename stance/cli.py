"""The ``stance`` command: a thin layer over the library.

Commands: train, score, extract, explain, serve, benchmark, study. Each imports what it needs when it runs, so
that ``stance --help`` answers at once. Exit codes: 0 done, 2 a problem with the input, the output, the model
or the command line (``stance: error: …``, nothing written), 130 Ctrl-C, 128 + N a signal N (SIGTERM 143,
SIGHUP 129; no output written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stance.errors import DatasetError, InputError, Terminated
from stance.schema import DEFAULT_MODEL_URI, DEFAULT_TRACKING_URI


def _load_model(uri: str):
    """The fitted Pipeline behind ``uri``; an InputError (exit 2) when it cannot be loaded or is refused."""
    from stance.io.model_uri import load_pipeline

    return load_pipeline(uri)


def _tracking_uri_for_writing() -> str:
    """Where training logs: the store ``stance`` reads (stance.io.model_uri), else ``sqlite:///mlflow.db``."""
    from stance.io.model_uri import tracking_uri

    return tracking_uri() or DEFAULT_TRACKING_URI


def _params(path, no_public=False) -> dict:
    """The training parameters of ``path``; InputError for a missing or unreadable file or an unknown corpus."""
    import yaml

    from stance.training.corpora import PUBLIC_CORPORA
    from stance.training.params import load_params

    try:
        params = load_params(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such parameters file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read the parameters ({type(error).__name__})") from None
    if no_public:
        params["corpora"] = []
    unknown = [name for name in params.get("corpora") or [] if name not in PUBLIC_CORPORA]
    if unknown:
        raise InputError(f"{path}: unknown corpus name(s) {', '.join(map(repr, unknown))}; known: "
                         + ", ".join(PUBLIC_CORPORA))
    return params


def _check_data(paths) -> None:
    if missing := [str(path) for path in paths if not Path(path).is_file()]:
        raise InputError(f"{', '.join(missing)}: no such dataset file")


def _train(args) -> int:
    from stance.training.run import train

    tracking_uri = _tracking_uri_for_writing()
    params = _params(args.params, args.no_public)
    _check_data(args.data)
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

    tracking_uri = _tracking_uri_for_writing()
    params = _params(args.params)
    _check_data(args.data)
    print(run_benchmark(data_paths=args.data, params=params, tracking_uri=tracking_uri,
                        artifact_root=args.artifact_root, public_data=args.public_data))
    print(f"\nlogged to {tracking_uri}, experiment stance-benchmark")
    return 0


def _study(args) -> int:
    from stance.training.study import run_study

    tracking_uri = _tracking_uri_for_writing()
    if not Path(args.study).is_file():
        raise InputError(f"{args.study}: no such study file")
    _check_data(args.data)
    table = run_study(args.study, base=_params(args.params), data_paths=args.data, tracking_uri=tracking_uri,
                      artifact_root=args.artifact_root, public_data=args.public_data)
    print(table.round(3).to_string())
    return 0


def _score(args) -> int:
    from stance.io.output import check_output
    from stance.io.scoring import check_header, score_csv

    check_header(args.input, [args.text_col])
    check_output(args.output, [args.input])  # before loading the model and scoring, not after
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
    from stance.io.articles import read_articles, write_pairs
    from stance.io.extract import extract_and_score, parse_date
    from stance.io.output import atomic_output, check_output

    if args.output:
        check_output(args.output, args.files)  # never over an input article
    articles = read_articles(args.files, args.date)
    if args.date and parse_date(args.date) is None:
        raise InputError(f"--date {args.date!r}: expected YYYY-MM-DD")
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
        with atomic_output(args.output) as handle:
            write_pairs(pairs, handle)
        print(f"{len(pairs)} pairs from {len(articles)} article(s) written to {args.output}", file=sys.stderr)
    else:
        write_pairs(pairs, sys.stdout)
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


def _serve(args) -> int:
    from stance.io.server import serve

    serve(args.model, host=args.host, port=args.port,
          max_body=None if args.max_body_mb is None else int(args.max_body_mb * 1024 * 1024))
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{value} is not above 0")
    return value


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
    score.add_argument("--chunksize", type=_positive_int, default=5_000, help="rows read at a time (bounds memory)")
    score.set_defaults(func=_score)

    extract = commands.add_parser("extract", help="find actor pairs in articles and score them")
    extract.add_argument("files", nargs="+", help="article .txt files, or CSV files with a text column "
                         "(optional doc_id, date)")
    extract.add_argument("-o", "--output", help="output CSV (default: standard output)")
    extract.add_argument("--model", default=DEFAULT_MODEL_URI, help="model URI or local model folder")
    extract.add_argument("--date", default=None, help="article date YYYY-MM-DD, to resolve titles to holders")
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

    serve = commands.add_parser("serve", help="serve the model over REST (MLflow's /invocations, guarded)")
    serve.add_argument("--model", default=DEFAULT_MODEL_URI, help="model URI or local model folder")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    serve.add_argument("--port", type=_positive_int, default=5000)
    serve.add_argument("--max-body-mb", type=_positive_float, default=None,
                       help="largest request body accepted, in MB (default 20, or $STANCE_MAX_BODY_BYTES bytes); "
                       "larger ones get HTTP 413")
    serve.set_defaults(func=_serve)
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
    except Terminated as stop:
        print(f"stance: stopped by signal {stop.signum}; no output written", file=sys.stderr)
        return 128 + stop.signum
    except BrokenPipeError:  # e.g. `stance extract … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
