"""Start MLflow's scoring server on a free port with the registered model and call /invocations."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port, body, content_type="application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/invocations", data=data, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def server(trained):
    uri, _, work = trained
    port = free_port()
    env = dict(os.environ, MLFLOW_TRACKING_URI=uri)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    log = open(work / "serve.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "models", "serve", "-m", "models:/stance@champion",
         "--env-manager", "local", "-h", "127.0.0.1", "-p", str(port)],
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


def test_dataframe_records(server):
    status, body = post(server, {"dataframe_records": [
        {"text": "Oslo a salué Lima mardi.", "source": "Oslo", "target": "Lima"},
        {"text": "Dakar blamed Hanoi on Tuesday.", "source": "Dakar", "target": "Hanoi"},
        {"text": "Paris met Rome.", "target": "Berlin"},
    ]})
    assert status == 200
    rows = body["predictions"]
    assert [r["stance"] for r in rows] == ["positive", "negative", None]
    assert rows[2]["status"] == "target_not_in_text"
    assert abs(sum(rows[0][k] for k in ("p_negative", "p_neutral", "p_positive")) - 1) < 1e-6


def test_dataframe_split(server):
    status, body = post(server, {"dataframe_split": {
        "columns": ["text", "source", "target"], "data": [["Rome a condamné Oslo mardi.", "Rome", "Oslo"]]}})
    assert status == 200 and body["predictions"][0]["stance"] == "negative"


@pytest.mark.parametrize(
    "body",
    [
        {"dataframe_records": [{"text": None, "source": "A", "target": "B"}]},
        {"dataframe_records": [{"text": "", "source": "A", "target": "B"}]},
        {"dataframe_records": [{"source": "A", "target": "B"}]},
        {"something_else": []},
        b"{not json",
    ],
)
def test_malformed_requests_get_4xx_json(server, body):
    status, answer = post(server, body)
    assert 400 <= status < 500
    assert answer["error_code"] and answer["message"]
