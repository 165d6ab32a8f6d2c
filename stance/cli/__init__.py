"""The ``stance`` command: a thin layer over the library.

Commands: train, score, extract, explain, serve, benchmark, study; relations, report, review
(``stance.relations.cli``). Each imports what it needs when it runs, so that ``stance --help`` answers at once.
Options shared by several commands are defined once, below. Exit codes: 0 done; 2 a problem with the input, the
output, the model or the command line (``stance: error: …``, nothing written); 130 Ctrl-C; 128 + N signal N
(SIGTERM 143, SIGHUP 129; no output written).
"""

from __future__ import annotations

import argparse
import sys

from stance.errors import DatasetError, InputError, Terminated
from stance.schema import DEFAULT_MODEL_URI

DESCRIPTION = "Who is hostile, neutral or supportive toward whom in French and English news."


def _shared_options() -> dict[str, argparse.ArgumentParser]:
    """Parent parsers for the options several commands take: model, training inputs, verbosity."""
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model", default=DEFAULT_MODEL_URI,
                       help="model URI (models:/…, runs:/…) or local model folder (default: %(default)s)")
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true",
                         help="show the libraries' own output (MLflow logs, warnings, progress bars)")
    training = argparse.ArgumentParser(add_help=False)
    training.add_argument("--data", nargs="+", default=["datasets/sentences.csv"],
                          help="dataset CSV file(s) (default: %(default)s)")
    training.add_argument("--params", default="training/params.yaml", help="settings YAML (default: %(default)s)")
    training.add_argument("--public-data", default=None,
                          help="folder of the public corpora (default: $STANCE_PUBLIC_DATA; make passes PUBLIC_DATA, "
                               "../shared/data); without it, the project's corpus only")
    training.add_argument("--artifact-root", default="mlruns",
                          help="artifact folder of a new MLflow experiment (default: %(default)s)")
    return {"model": model, "verbose": verbose, "training": training}


def _at_least(kind, low):
    """An argparse type: a number of ``kind`` that is at least (int) or above (float) ``low``."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if kind is int else ''}number") from None
        if value < low or (kind is float and value == low):
            raise argparse.ArgumentTypeError(f"{value} is {'not at least' if kind is int else 'not above'} {low}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    from stance.cli import commands

    shared = _shared_options()
    parser = argparse.ArgumentParser(prog="stance", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="{train,score,extract,explain,serve,benchmark,study,relations,report,review}")

    def command(name, handler, help_, *parents):
        found = sub.add_parser(name, help=help_, description=help_, parents=[shared[p] for p in parents])
        found.set_defaults(func=handler)
        return found

    train = command("train", commands.train, "train, evaluate, log to MLflow and register the model",
                    "training", "verbose")
    train.add_argument("--no-public", action="store_true", help="train on the project's corpus only")
    train.add_argument("--experiment", default="stance", help="MLflow experiment (default: %(default)s)")
    train.add_argument("--register-as", default="stance", help="registered model name, alias champion")
    train.add_argument("--run-name", default=None)

    score = command("score", commands.score, "score a CSV of text, source, target rows", "model", "verbose")
    score.add_argument("input", help="input CSV (UTF-8, header row)")
    score.add_argument("-o", "--output", required=True, help="output CSV (written atomically)")
    score.add_argument("--text-col", default="text")
    score.add_argument("--source-col", default="source")
    score.add_argument("--target-col", default="target")
    score.add_argument("--chunksize", type=_at_least(int, 1), default=5_000,
                       help="rows read at a time (bounds memory)")

    extract = command("extract", commands.extract, "find actor pairs in articles and score them", "model", "verbose")
    extract.add_argument("files", nargs="+", help="article .txt files, or CSV files with a text column "
                         "(optional doc_id, date, url)")
    extract.add_argument("-o", "--output", help="output CSV (default: standard output)")
    extract.add_argument("--date", default=None, help="article date YYYY-MM-DD, to resolve titles to holders")
    extract.add_argument("--dates", default=None, metavar="CSV",
                         help="CSV of doc_id (or article), date [, url]: the date of each file by its name's stem")
    extract.add_argument("--ner", action="store_true",
                         help="also find persons and organisations unknown to the gazetteer (needs stance[ner])")
    extract.add_argument("--gazetteer", default=None,
                         help="folder extending the packaged gazetteer (from python -m stance.actors.importers)")

    explain = command("explain", commands.explain, "show the features behind one prediction, with weights",
                      "model", "verbose")
    explain.add_argument("--text", required=True)
    explain.add_argument("--source", default="", help="source actor as written in the text (empty: own tone)")
    explain.add_argument("--target", required=True, help="target actor as written in the text")
    explain.add_argument("--top", type=int, default=12, help="how many features to show")

    serve = command("serve", commands.serve, "serve the model over REST (MLflow's /invocations, guarded)",
                    "model", "verbose")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    serve.add_argument("--port", type=_at_least(int, 1), default=5000)
    serve.add_argument("--max-body-mb", type=_at_least(float, 0), default=None,
                       help="largest request body accepted, in MB (default 20, or $STANCE_MAX_BODY_BYTES bytes); "
                       "larger ones get HTTP 413")

    command("benchmark", commands.benchmark, "train the shipped configuration and print accuracy and speed",
            "training", "verbose")
    study = command("study", commands.study, "train the variants of a study file as nested MLflow runs",
                    "training", "verbose")
    study.add_argument("study", help="study YAML (see training/studies/)")
    from stance.relations.cli import add_commands

    add_commands(sub, [shared["verbose"]])  # relations, report, review
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from stance.cli.output import quiet_libraries

    try:
        with quiet_libraries(enabled=not args.verbose):
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
