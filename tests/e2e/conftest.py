"""A model trained end to end on a tiny CSV, logged and registered in a temporary tracking store, and the REST
server (`stance serve`) started on it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from stance.training.run import train
from tests.support import tiny_rows

MAX_BODY_MB = 1  # the test server's body cap (the default is 20 MB)

STANCE = "import sys; from stance.cli import main; sys.exit(main(sys.argv[1:]))"  # the `stance` command


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """(tracking URI, TrainResult, work folder) for a model registered as stance@champion."""
    work = tmp_path_factory.mktemp("e2e")
    data = work / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    uri = f"sqlite:///{work}/mlflow.db"
    params = {"pipeline": {"clf__C": 10.0}, "corpora": [], "seed": 0}
    result = train(data_paths=[data], params=params, tracking_uri=uri, artifact_root=work / "mlruns")
    return uri, result, work


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port, body, content_type="application/json", timeout=60):
    """(status, raw answer bytes) of POST /invocations."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/invocations", data=data, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="session")
def server(trained):
    """The port of `stance serve` on models:/stance@champion of the trained store (body cap 1 MB)."""
    uri, _, work = trained
    port = free_port()
    env = dict(os.environ, STANCE_TRACKING_URI=uri)
    log = open(work / "serve.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-c", STANCE, "serve", "--model", "models:/stance@champion", "--port", str(port),
         "--max-body-mb", str(MAX_BODY_MB)],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {(work / 'serve.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("server did not answer /ping within 120 s")
    yield port
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
