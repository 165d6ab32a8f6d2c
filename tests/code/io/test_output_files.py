"""Issue 11: outputs never replace an input, are written whole or not at all (SIGTERM, SIGHUP, SIGKILL), follow
the umask, and every output problem is a `stance: error:` with exit code 2, found before any scoring."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import stance.cli as cli
import stance.cli.commands as commands
from tests.support import ROOT


@pytest.fixture
def run(monkeypatch, capsys, toy_pipeline):
    monkeypatch.setattr(commands, "_load_model", lambda args: toy_pipeline)

    def _run(*argv):
        code = cli.main([str(a) for a in argv])
        return code, capsys.readouterr().err

    return _run


@pytest.fixture
def rows_csv(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text,source,target\nTokyo praised Seoul.,Tokyo,Seoul\n", encoding="utf-8")
    return source


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("name, content", [
    ("article.txt", "Bakou a accusé Erevan de saboter les pourparlers.\n"),
    ("articles.csv", "text\nBakou a accusé Erevan de saboter les pourparlers.\n"),
])
def test_extract_never_overwrites_its_input(tmp_path, run, name, content):
    # case 1: `stance extract X -o X` replaced the article with the pairs, exit 0
    article = tmp_path / name
    article.write_text(content, encoding="utf-8")
    code, err = run("extract", article, "-o", article)
    assert code == 2 and "must not overwrite the input" in err
    assert article.read_text(encoding="utf-8") == content


def test_extract_output_reached_through_a_link_is_refused(tmp_path, run):
    article = tmp_path / "article.txt"
    article.write_text("Bakou a accusé Erevan.\n", encoding="utf-8")
    os.link(article, tmp_path / "same.txt")
    code, err = run("extract", article, "-o", tmp_path / "same.txt")
    assert code == 2 and article.read_text(encoding="utf-8") == "Bakou a accusé Erevan.\n"


SLOW_RUN = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import stance.cli as cli
import stance.cli.commands as commands
from stance.model import build_pipeline
from tests.support import TOY

pipeline = build_pipeline().fit(TOY[["text", "source", "target"]], TOY["stance"])

class Slow:
    classes_ = pipeline.classes_
    calls = 0
    def predict_proba(self, rows):
        Slow.calls += 1
        if Slow.calls == 3:
            Path({ready!r}).touch()  # two chunks are in the temporary file by now
        time.sleep(0.05)
        return pipeline.predict_proba(rows)

commands._load_model = lambda args: Slow()
sys.exit(cli.main(["score", {source!r}, "-o", {out!r}, "--chunksize", "1"]))
"""


def start_slow_run(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text,source,target\n" + "Tokyo praised Seoul for its help.,Tokyo,Seoul\n" * 2000,
                      encoding="utf-8")
    out, ready = tmp_path / "out" / "scored.csv", tmp_path / "ready"
    out.parent.mkdir()
    script = SLOW_RUN.format(root=str(ROOT), ready=str(ready), source=str(source), out=str(out))
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not ready.exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the run did not start scoring"
        time.sleep(0.05)
    return process, out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_leave_no_temporary_file(tmp_path, signum):
    # case 5: a stopped run left a hidden .NAME.XXXX.part file
    process, out = start_slow_run(tmp_path)
    assert parts(out.parent)  # the run is writing its temporary file
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert "no output written" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []


def test_a_killed_runs_temporary_file_is_removed_by_the_next_run(tmp_path, run):
    # case 5: after kill -9 the .part file stayed, and a rerun never removed it
    process, out = start_slow_run(tmp_path)
    process.kill()
    process.wait(timeout=60)
    left = parts(out.parent)
    assert left
    code, _ = run("score", tmp_path / "in.csv", "-o", out, "--chunksize", "500")
    assert code == 0 and list(out.parent.iterdir()) == [out]


def test_stale_temporary_files_go_but_a_live_runs_stays(tmp_path, run, rows_csv):
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "out.csv"
    older = tmp_path / ".out.csv.k2j4h5g6.part"  # the name earlier versions gave
    stale = tmp_path / f".out.csv.{dead.pid}.0a1b2c3d.part"
    live = tmp_path / f".out.csv.{os.getpid()}.0a1b2c3d.part"
    other = tmp_path / ".other.csv.k2j4h5g6.part"
    for path in (older, stale, live, other):
        path.write_text("partial")
    code, _ = run("score", rows_csv, "-o", out)
    assert code == 0 and out.exists()
    assert not older.exists() and not stale.exists() and live.exists() and other.exists()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_outputs_follow_the_umask(tmp_path, run, rows_csv, mask):
    # case 6: scored CSVs were created mode 0600 whatever the umask
    article = tmp_path / "article.txt"
    article.write_text("Bakou a accusé Erevan de saboter les pourparlers.\n", encoding="utf-8")
    previous = os.umask(mask)
    try:
        assert run("score", rows_csv, "-o", tmp_path / "scored.csv")[0] == 0
        assert run("extract", article, "-o", tmp_path / "pairs.csv")[0] == 0
    finally:
        os.umask(previous)
    for name in ("scored.csv", "pairs.csv"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask


def no_model(args):
    raise AssertionError("the model was loaded before the output was checked")


@pytest.mark.parametrize("output, message", [
    ("file.txt/out.csv", "is not a folder"),  # case 8: the output's parent is a file
    ("a_folder", "is a folder"),  # case 8: -o is a folder (found only after scoring everything)
    ("missing/out.csv", "does not exist"),
])
def test_output_problems_are_found_before_scoring(tmp_path, monkeypatch, capsys, rows_csv, output, message):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "a_folder").mkdir()
    monkeypatch.setattr(commands, "_load_model", no_model)
    code = cli.main(["score", str(rows_csv), "-o", str(tmp_path / output)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("stance: error:") and message in err


def test_an_unwritable_output_is_a_clear_error(tmp_path, run, rows_csv):
    # case 8: unwritable output; /proc takes no new files, even for root
    code, err = run("score", rows_csv, "-o", "/proc/stance-out.csv")
    assert code == 2 and "stance: error: /proc/stance-out.csv: cannot write" in err


def test_extract_into_a_missing_folder_is_a_clear_error(tmp_path, run):
    # case 8: `extract -o` into a missing folder was a traceback (after extracting everything)
    article = tmp_path / "article.txt"
    article.write_text("Bakou a accusé Erevan.\n", encoding="utf-8")
    code, err = run("extract", article, "-o", tmp_path / "missing" / "pairs.csv")
    assert code == 2 and "does not exist" in err


def test_chunksize_zero_is_a_usage_error(tmp_path, capsys, rows_csv):
    # case 8: --chunksize 0 was a traceback
    with pytest.raises(SystemExit) as stop:
        cli.main(["score", str(rows_csv), "-o", str(tmp_path / "out.csv"), "--chunksize", "0"])
    assert stop.value.code == 2 and "--chunksize" in capsys.readouterr().err
