"""What the CLI shows: each stage with its counts and time, and not the libraries' own output unless ``-v``."""

from __future__ import annotations

import io
import logging
import os
import sys
import time
import warnings
from contextlib import contextmanager, redirect_stderr

# MLflow's loggers (and the database migrations it runs) and its progress bars
_QUIET_ENV = {"MLFLOW_LOGGING_LEVEL": "ERROR", "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false"}
_QUIET_LOGGERS = ("mlflow", "alembic")


@contextmanager
def quiet_libraries(enabled: bool = True):
    """While enabled: MLflow logs errors only, shows no progress bars, and warnings raised outside stance are
    not shown (stance's own warnings still are)."""
    if not enabled:
        yield
        return
    saved_env = {name: os.environ.get(name) for name in _QUIET_ENV}
    saved_levels = {name: logging.getLogger(name).level for name in _QUIET_LOGGERS}
    os.environ.update(_QUIET_ENV)  # read when MLflow is imported; the levels below cover an MLflow already loaded
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"(?!stance)")
            yield
    finally:
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)


@contextmanager
def library_output(quiet: bool = True):
    """Around library calls that print to stderr themselves (MLflow's registry messages, progress bars): while
    quiet, that output is kept aside and shown only if the call fails."""
    if not quiet:
        yield
        return
    kept = io.StringIO()
    try:
        with redirect_stderr(kept):
            yield
    except BaseException:
        sys.stderr.write(kept.getvalue())
        raise


class Stages:
    """Prints a line per stage as it starts, finished with its details and time when it ends."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.started = time.perf_counter()

    @contextmanager
    def __call__(self, title: str):
        started = time.perf_counter()
        print(f"{title} …", end="", file=self.out, flush=True)
        details: list[str] = []
        try:
            yield details.append
        except BaseException:
            print(file=self.out, flush=True)  # end the stage's line before the error
            raise
        spent = time.perf_counter() - started
        print(f" {'; '.join(details)}{' ' if details else ''}({spent:.1f} s)", file=self.out, flush=True)

    def total(self) -> str:
        return f"{time.perf_counter() - self.started:.0f} s"
