"""Output files written whole or not at all.

:func:`check_output` refuses, before any work, an output that cannot be written or that is one of the inputs.
:func:`atomic_output` writes into a hidden temporary file beside the output (``.NAME.PID.TOKEN.part``, created
through the umask like any new file) and renames it over the output at the end. On an error, Ctrl-C, SIGTERM
or SIGHUP the temporary file is removed and the output left as it was; the ones left by a run killed with
SIGKILL (whose process is gone) are removed by the next run to the same output.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from stance.errors import InputError, Terminated

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def check_output(out_path, inputs=()) -> Path:
    """``out_path`` as a Path, or :class:`InputError` when it cannot be written or would replace an input."""
    out = Path(out_path)
    parent = out.parent
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give a file name for the output")
    if not parent.exists():
        raise InputError(f"{out}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise InputError(f"{out}: {parent} is not a folder")
    for source in inputs:
        source = Path(source)
        same = out.exists() and source.exists() and os.path.samefile(out, source)
        if same or out.resolve() == source.resolve():
            raise InputError(f"{out}: the output must not overwrite the input {source}; choose another file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{out}: cannot write in folder {parent} (permission denied)")
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_stale_parts(out: Path) -> list[Path]:
    """Remove the temporary files of earlier runs to ``out`` whose process is gone; the paths removed."""
    removed = []
    own = re.compile(rf"^\.{re.escape(out.name)}\.(\d+)\.[0-9a-f]+\.part$")
    for name in glob.glob(os.path.join(glob.escape(str(out.parent)), f".{glob.escape(out.name)}.*.part")):
        found = own.match(os.path.basename(name))
        if found and _alive(int(found.group(1))):
            continue  # another run is writing it now
        try:
            os.unlink(name)
            removed.append(Path(name))
        except OSError:
            pass
    return removed


def _raise_terminated(signum, frame):
    raise Terminated(signum)


@contextmanager
def _signals_raise():
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only), so that cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise_terminated) for number in _SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _os_error(out: Path, error: OSError) -> InputError:
    return InputError(f"{out}: cannot write: {error.strerror or error}")


@contextmanager
def atomic_output(out_path, *, encoding: str = "utf-8"):
    """A text handle (``newline=""``) whose content becomes ``out_path`` only if the block ends normally."""
    out = Path(out_path)
    remove_stale_parts(out)
    temp = out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    with _signals_raise():
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        except OSError as error:
            raise _os_error(out, error) from None
        try:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
                yield handle
            os.replace(temp, out)
        except OSError as error:
            raise _os_error(out, error) from None
        finally:
            if temp.exists():
                temp.unlink()
