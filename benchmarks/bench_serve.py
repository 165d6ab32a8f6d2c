"""Benchmark `stance serve`: resident memory before, during and after one large request, and the body cap.

Fits the shipped pipeline on the bundled corpus (as bench_score.py does), saves it as a local model folder,
starts the server on it (`stance serve`, or `mlflow models serve` with --server mlflow, for comparison),
warms it with a small request, then sends one request of about --mb MB of corpus rows (dataframe_records)
and a body over the cap. Reports the server process's RSS (VmRSS of /proc, the uvicorn process) after start,
its peak while answering, and 2 s after the answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.io.serving import save_model  # noqa: E402
from stance.training.dataset import read_dataset, split_frame  # noqa: E402
from stance.training.fit import fit_pipeline  # noqa: E402
from stance.training.params import load_params  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (MLflow's server runs uvicorn as a child), in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in children(c)]


def post(port: int, body: bytes, timeout=600):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=19.0, help="size of the large request, MB (cap: 20)")
    parser.add_argument("--server", choices=["stance", "mlflow"], default="stance")
    parser.add_argument("--out", default="bench-out")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = read_dataset(ROOT / "datasets" / "sentences.csv")
    train, _, _ = split_frame(corpus)
    model = out / "serve-model"
    shutil.rmtree(model, ignore_errors=True)
    save_model(fit_pipeline(train, load_params(ROOT / "training" / "params.yaml")), model)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bin_dir = Path(sys.executable).parent
    command = ([str(bin_dir / "stance"), "serve", "--model", str(model), "--port", str(port)]
               if args.server == "stance" else
               [str(bin_dir / "mlflow"), "models", "serve", "-m", str(model), "--env-manager", "local",
                "-h", "127.0.0.1", "-p", str(port)])
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.5)
        rows = corpus[["text", "source", "target"]].fillna("").to_dict(orient="records")
        post(port, json.dumps({"dataframe_records": rows[:10]}).encode())
        time.sleep(1)
        started = rss_mb(server.pid)
        rng = random.Random(0)
        records, size = [], 30
        while size < args.mb * 1024 * 1024:
            row = rng.choice(rows)
            records.append(row)
            size += len(json.dumps(row)) + 2
        body = json.dumps({"dataframe_records": records}).encode()
        peak, done = [started], threading.Event()

        def watch():
            while not done.is_set():
                peak.append(rss_mb(server.pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        begun = time.perf_counter()
        status, answer = post(port, body)
        seconds = time.perf_counter() - begun
        done.set()
        watcher.join()
        time.sleep(2)
        after = rss_mb(server.pid)
        predictions = len(json.loads(answer)["predictions"]) if status == 200 else 0
        print(f"server: {args.server}; request {len(body) / 1e6:.1f} MB, {len(records):,} rows -> HTTP {status}, "
              f"{predictions:,} predictions in {seconds:.1f} s")
        print(f"RSS MB: after start {started:.0f}, peak {max(peak):.0f}, 2 s after the answer {after:.0f}")
        over = b'{"dataframe_records": [' + b'{"text": "x", "target": "x"},' * 800_000 + b"]}"
        begun = time.perf_counter()
        status, answer = post(port, over)
        print(f"body of {len(over) / 1e6:.1f} MB -> HTTP {status} ({len(answer)} bytes) in "
              f"{time.perf_counter() - begun:.2f} s; RSS MB then {rss_mb(server.pid):.0f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
