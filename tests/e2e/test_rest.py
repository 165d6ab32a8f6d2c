"""`stance serve` (MLflow's scoring app behind the guard) with the registered model: /invocations formats and,
for issue 11, the body cap, short error bodies that never repeat the input, no stack traces, non-string values
refused naming the row, and empty requests answered alike in every format."""

import http.client
import json

import pytest

from tests.e2e.conftest import MAX_BODY_MB, post

pytestmark = pytest.mark.slow


def answer(port, body, content_type="application/json"):
    status, raw = post(port, body, content_type)
    return status, json.loads(raw), raw


def test_dataframe_records(server):
    status, body, _ = answer(server, {"dataframe_records": [
        {"text": "Oslo a salué Lima mardi.", "source": "Oslo", "target": "Lima"},
        {"text": "Dakar blamed Hanoi on Tuesday.", "source": "Dakar", "target": "Hanoi"},
        {"text": "Paris met Rome.", "target": "Berlin"},
    ]})
    assert status == 200
    rows = body["predictions"]
    assert [r["stance"] for r in rows] == ["positive", "negative", None]
    assert rows[2]["status"] == "target_not_in_text"
    assert abs(sum(rows[0][k] for k in ("p_negative", "p_neutral", "p_positive")) - 1) < 1e-6


def test_dataframe_split_inputs_and_csv(server):
    row = ["Rome a condamné Oslo mardi.", "Rome", "Oslo"]
    for body, kind in [
        ({"dataframe_split": {"columns": ["text", "source", "target"], "data": [row]}}, "application/json"),
        ({"inputs": [dict(zip(["text", "source", "target"], row))]}, "application/json"),
        ({"inputs": {"text": [row[0]], "source": [row[1]], "target": [row[2]]}}, "application/json"),
        (("text,source,target\n" + ",".join(row) + "\n").encode(), "text/csv"),
    ]:
        status, answered, _ = answer(server, body, kind)
        assert status == 200 and answered["predictions"][0]["stance"] == "negative", body


def test_text_only_rows_carry_date_url_and_countries_through_the_guard(server):
    # issue 14 through issue 11's server: the guard lets date and url (strings) through to the model, which
    # carries them onto every pair of their row; a row with no pair is accounted for
    status, answered, _ = answer(server, {"dataframe_records": [
        {"text": "Washington a critiqué Pékin.", "date": "2023-11-28", "url": "https://example.org/1"},
        {"text": "Il pleut.", "date": "2023-11-29", "url": "https://example.org/2"},
    ]})
    assert status == 200
    rows = answered["predictions"]
    assert [(r["row"], r["status"], r["date"], r["url"]) for r in rows] == [
        (0, "ok", "2023-11-28", "https://example.org/1"), (1, "no_pair", "2023-11-29", "https://example.org/2")]
    assert (rows[0]["source_country"], rows[0]["target_country"]) == ("USA", "CHN")
    status, answered, _ = answer(server, {"dataframe_records": [{"text": "Washington a critiqué Pékin.", "url": 7}]})
    assert status == 400 and "'url' must be a string" in answered["message"]


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
    status, answered, _ = answer(server, body)
    assert 400 <= status < 500
    assert answered["error_code"] and answered["message"]


def test_a_body_over_the_cap_gets_413(server):
    # case 9: no request size limit (a 50 MB text was scored)
    text = "Oslo a salué Lima. " * (MAX_BODY_MB * 1024 * 1024 // 19 + 10)
    status, answered, raw = answer(server, {"dataframe_records": [{"text": text, "target": "Lima"}]})
    assert status == 413 and answered["error_code"] == "REQUEST_TOO_LARGE" and len(raw) <= 1024


def test_a_chunked_body_over_the_cap_gets_413(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=60)
    chunks = (b'{"dataframe_records": [' + b'{"text": "Oslo a salue Lima.", "target": "Lima"},' * 1000
              for _ in range(MAX_BODY_MB * 30))
    connection.request("POST", "/invocations", body=chunks, headers={"Content-Type": "application/json"},
                       encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 413 and len(response.read()) <= 1024


@pytest.mark.parametrize("body, kind", [
    (b'{"dataframe_records": "' + b"SECRET-INPUT " * 60_000 + b"}", "application/json"),  # 780 KB, invalid
    ({"dataframe_records": [{"text": "SECRET-INPUT " * 1000, "target": 1}]}, "application/json"),
    (b'text,target\n"SECRET-INPUT,x\n' + b"SECRET-INPUT,x\n" * 1000, "text/csv"),  # malformed CSV
    (b"\xff\xfeSECRET-INPUT", "text/csv"),
    (b"SECRET-INPUT", "application/x-secret-input"),
])
def test_error_bodies_are_short_and_never_repeat_the_input(server, body, kind):
    # case 9: a 50 MB invalid body got a 58 MB 400 answer echoing it; a malformed CSV got a stack trace
    status, answered, raw = answer(server, body, kind)
    assert 400 <= status < 500 and len(raw) <= 1024
    assert set(answered) == {"error_code", "message"}
    assert b"SECRET-INPUT" not in raw and b"Traceback" not in raw and b'File "' not in raw


@pytest.mark.parametrize("column", ["text", "source", "target"])
@pytest.mark.parametrize("value", [5, 2.5, True, ["Lima"], {"a": "Lima"}])
def test_non_string_values_get_400_naming_the_row(server, column, value):
    # case 9: numbers, booleans, lists and objects in text were coerced to strings and scored ok
    rows = [{"text": "Oslo a salué Lima mardi.", "source": "Oslo", "target": "Lima"} for _ in range(3)]
    rows[2][column] = value
    status, answered, _ = answer(server, {"dataframe_records": rows})
    assert status == 400 and f"'{column}' must be a string (or null) in row(s) [2]" in answered["message"]


@pytest.mark.parametrize("body, kind", [
    ({"dataframe_records": []}, "application/json"),
    ({"dataframe_split": {"columns": ["text", "target"], "data": []}}, "application/json"),
    ({"inputs": []}, "application/json"),
    ({"inputs": {"text": [], "target": []}}, "application/json"),
    (b"text,target\n", "text/csv"),
])
def test_empty_requests_are_answered_alike_in_every_format(server, body, kind):
    # case 9: an empty dataframe_records got 400 but an empty dataframe_split got 200
    status, answered, _ = answer(server, body, kind)
    assert (status, answered) == (400, {"error_code": "BAD_REQUEST", "message": "the request has no rows"})


def test_other_endpoints_answer_short_json_errors(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    connection.request("GET", "/invocations")
    response = connection.getresponse()
    body = response.read()
    assert response.status == 405 and json.loads(body)["error_code"] == "METHOD_NOT_ALLOWED"
