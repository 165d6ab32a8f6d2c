"""Issue 11 fuzz: 300 generated CSVs, most of them malformed (valid files with quotes, commas, line breaks
and bytes inserted, deleted or cut), scored through the CLI. Each run must end with exit code 2 and nothing
written, or with every input row accounted for in an output that reads back the same; never a traceback."""

import contextlib
import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import stance.cli as cli
import stance.cli.commands as commands

HEADERS = [["text", "source", "target"], ["id", "text", "source", "target"], ["text", "target"], ["text"],
           ["ref", "text", "date"], ["text", "source", "target", "stance", "status"], ["text", "source"]]
WORDS = ["Tokyo praised Seoul.", "Tokyo", "Seoul", "Paris a condamné Berlin.", "Berlin", "", " ", "NA", "007",
         "é", "a,b", 'say "no"', "line\nbreak", "cr\rhere", "nul\x00", "Bakou a accusé Erevan."]
NOISE = ['"', ",", "\n", "\r", "\r\n", '""', "\x00", "\ufeff", " "]


@st.composite
def csv_bodies(draw) -> bytes:
    header = draw(st.sampled_from(HEADERS))
    rows = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=len(header), max_size=len(header)),
                         max_size=6))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([header, *rows])
    text = buffer.getvalue()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):  # break it
        at = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + 1:]
        else:
            text = text[: max(at, 1)]
    data = text.encode("utf-8")
    if draw(st.integers(min_value=0, max_value=9)) == 0:  # now and then, a byte that is not UTF-8
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + b"\xff" + data[at:]
    return data


def records(path: Path):
    """The input's records as Python's csv module reads them (blank lines are not records)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [r for r in csv.reader(handle, strict=True) if r]


def check_outcome(source: Path, out: Path, code: int, err: str) -> None:
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("stance: error:") and not out.exists()
        assert sorted(p.name for p in source.parent.iterdir()) == [source.name]  # no temporary file left
        return
    assert code == 0, err
    header, *rows = records(source)
    with open(out, encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle, strict=True))
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert [list(frame.columns)] + frame.to_numpy().tolist() == written  # pandas reads the same rows
    assert written[0][: len(header)] == header
    width = len(header)
    if "target" in header:  # one output row per input row, in order, input fields unchanged
        assert [r[:width] for r in written[1:]] == rows
    else:  # one output row per pair, each naming its input row; every input row appears
        row_col = written[0].index("row", width)
        numbers = [int(r[row_col]) for r in written[1:]]
        assert sorted(set(numbers)) == list(range(1, len(rows) + 1))
        assert all(r[:width] == rows[n - 1] for r, n in zip(written[1:], numbers))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=csv_bodies())
def test_generated_malformed_csvs_end_in_exit_2_or_every_row_accounted_for(toy_pipeline, body):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        folder = Path(tmp) / "in"
        folder.mkdir()
        source, out = folder / "in.csv", Path(tmp) / "out.csv"
        source.write_bytes(body)
        patch.setattr(commands, "_load_model", lambda args: toy_pipeline)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            code = cli.main(["score", str(source), "-o", str(out), "--chunksize", "2"])
        event(f"exit {code}")  # --hypothesis-show-statistics shows how many ended each way
        check_outcome(source, out, code, stderr.getvalue())
