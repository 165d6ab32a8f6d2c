"""The REST server: MLflow's own scoring app (``/invocations``, ``/ping``, ``/health``, ``/version``) behind a
guard that caps and checks what comes in and what goes out.

The guard (:class:`Guard`, plain ASGI) answers before MLflow reads anything: 413 for a body over the cap
(default 20 MB: ``--max-body-mb`` or ``$STANCE_MAX_BODY_BYTES``), 415 for a content type other than JSON or
CSV in UTF-8, 400 for a body :mod:`stance.io.requests` refuses. Every answer of status 400 or more is rewritten
as ``{"error_code": …, "message": …}`` of at most 1 KB: MLflow's own error bodies repeat the input and carry
a stack trace, so their message is replaced by a short one for the status. After a large request the process
gives its freed memory back to the system.

:func:`create_app` is the app factory (the model is checked, loaded and its gazetteer built before the server
starts; a refused model stops it); :func:`app_from_env` is the same for ``uvicorn --factory`` and its workers.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import logging
import os

from stance.errors import InputError
from stance.io.requests import BadRequest, check_json, csv_to_json, error_body
from stance.schema import DEFAULT_MODEL_URI

DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024
MAX_BODY_ENV = "STANCE_MAX_BODY_BYTES"
MODEL_ENV = "STANCE_SERVE_MODEL"
TRIM_AFTER_BYTES = 1024 * 1024  # give memory back after requests larger than this
_log = logging.getLogger("stance.server")

_MESSAGES = {
    400: ("BAD_REQUEST", "the request could not be scored; send rows with string text (and target, optional "
                         "source) as dataframe_records, dataframe_split or inputs"),
    404: ("NOT_FOUND", "no such endpoint; POST /invocations, GET /ping, /health or /version"),
    405: ("METHOD_NOT_ALLOWED", "method not allowed; POST /invocations"),
    413: ("REQUEST_TOO_LARGE", "the request body is larger than the server's limit"),
    415: ("UNSUPPORTED_MEDIA_TYPE", "send Content-Type application/json or text/csv, in UTF-8"),
    504: ("TIMEOUT", "the request took longer than the server's time limit"),
}
_INTERNAL = ("INTERNAL_ERROR", "the server could not score the request (see the server's log)")


def _release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc's malloc_trim)."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):
            pass


async def _answer(send, status: int, code: str, message: str) -> None:
    body = error_body(code, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def max_body_bytes(value=None) -> int:
    """The body cap: ``value``, else ``$STANCE_MAX_BODY_BYTES``, else 20 MB."""
    value = value if value is not None else os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY_BYTES
    try:
        cap = int(value)
    except ValueError:
        cap = 0
    if cap < 1:
        raise InputError(f"${MAX_BODY_ENV}={value!r}: expected a number of bytes, at least 1")
    return cap


class Guard:
    """ASGI middleware around MLflow's scoring app; see the module docstring."""

    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY_BYTES):
        self.app, self.max_body = app, int(max_body)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"] != "/invocations" or scope["method"] != "POST":
            return await self.app(scope, receive, self._errors_rewritten(send))
        headers = dict(scope.get("headers", []))
        try:
            declared = int(headers.get(b"content-length", b"0"))
        except ValueError:
            return await _answer(send, 400, "BAD_REQUEST", "invalid Content-Length header")
        if declared > self.max_body:
            await self._drain(receive)
            return await _answer(send, 413, *self._too_large())
        body = await self._read(receive)
        if body is None:
            return await _answer(send, 413, *self._too_large())
        try:
            body, content_type = self._checked(body, headers.get(b"content-type", b"").decode("latin-1"))
        except BadRequest as error:
            return await _answer(send, error.status, error.code, error.message)
        replaced = [(k, v) for k, v in scope["headers"] if k not in (b"content-type", b"content-length")]
        replaced += [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            await self.app(dict(scope, headers=replaced), replay, self._errors_rewritten(send))
        finally:
            if len(body) > TRIM_AFTER_BYTES:
                del body
                _release_memory()

    def _too_large(self):
        return "REQUEST_TOO_LARGE", f"the request body is larger than the server's limit of {self.max_body} bytes"

    async def _read(self, receive) -> bytes | None:
        """The whole body, or None once it passes the cap (the rest is read and dropped)."""
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                if message.get("more_body"):
                    await self._drain(receive)
                return None
            parts.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(parts)

    async def _drain(self, receive, limit_factor: int = 8) -> None:
        """Read and drop the rest of a refused body (up to a bound), so that the client reads the answer."""
        dropped = 0
        while dropped <= limit_factor * self.max_body:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                return
            dropped += len(message.get("body", b""))

    @staticmethod
    def _checked(body: bytes, content_type: str) -> tuple[bytes, bytes]:
        mime, _, parameters = content_type.partition(";")
        mime, charset = mime.strip().lower(), "utf-8"
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip('"').lower()
        if charset not in ("utf-8", "utf8") or mime not in ("application/json", "text/csv"):
            raise BadRequest(_MESSAGES[415][1], 415, _MESSAGES[415][0])
        if mime == "text/csv":
            return csv_to_json(body), b"application/json"
        check_json(body)
        return body, b"application/json"

    @staticmethod
    def _errors_rewritten(send):
        """``send`` with every answer of status >= 400 replaced by a short JSON error (no input, no trace)."""
        state = {}

        async def wrapped(message):
            if message["type"] == "http.response.start" and message["status"] >= 400:
                state["status"], state["parts"] = message["status"], []
                return
            if message["type"] == "http.response.body" and "status" in state:
                state["parts"].append(message.get("body", b"")[:4096])
                if message.get("more_body"):
                    return
                status = state.pop("status")
                code, text = _MESSAGES.get(status, _INTERNAL if status >= 500 else _MESSAGES[400])
                try:
                    inner = json.loads(b"".join(state["parts"]))
                    if isinstance(inner, dict) and str(inner.get("error_code", "")).isidentifier():
                        code = str(inner["error_code"])[:64]
                except (ValueError, UnicodeDecodeError):
                    pass
                _log.warning("answered %s %s", status, code)
                body = error_body(code, text)
                await send({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return wrapped


def create_app(model_uri: str = DEFAULT_MODEL_URI, *, max_body: int | None = None):
    """The guarded scoring app for ``model_uri``; :class:`stance.errors.InputError` (a
    :class:`~stance.errors.ModelRefused` for a model that is not a stance skops model) before anything is served."""
    import mlflow.pyfunc
    from mlflow.pyfunc import scoring_server

    from stance.io.model_file import check_model_dir
    from stance.io.model_uri import resolve

    folder = resolve(model_uri)
    check_model_dir(folder)  # refuse before MLflow reads the folder
    model = mlflow.pyfunc.load_model(str(folder))  # calls stance.io.serving._load_pyfunc: skops, gazetteer
    return Guard(scoring_server.init(model), max_body_bytes(max_body))


def app_from_env():
    """:func:`create_app` configured by ``$STANCE_SERVE_MODEL`` and ``$STANCE_MAX_BODY_BYTES``
    (for ``uvicorn --factory stance.io.server:app_from_env``, e.g. with several workers)."""
    return create_app(os.environ.get(MODEL_ENV) or DEFAULT_MODEL_URI)


def serve(model_uri: str = DEFAULT_MODEL_URI, *, host: str = "127.0.0.1", port: int = 5000,
          max_body: int | None = None) -> None:
    """Load and check the model, then serve it until interrupted."""
    import uvicorn

    app = create_app(model_uri, max_body=max_body)
    uvicorn.run(app, host=host, port=port, log_level="info")
