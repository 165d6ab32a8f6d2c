"""Outputs of the relations commands, with the guarantees of :mod:`stance.io.output`.

:func:`check_output` runs before any work: the output is never one of the inputs (nor, for a report folder,
a folder holding one), a file is not a folder and a folder not a file, and where it goes can be written.
Missing parent folders are created when the output is written. Files are written through
:func:`stance.io.output.atomic_output` (whole or not at all, through the umask; the temporary file is removed on
Ctrl-C, SIGTERM and SIGHUP, and by the next run when a killed one left it); CSV through
:class:`stance.io.csvfile.writer`, so that it reads back the same. A report folder is built in a hidden
temporary folder and put in place of the old one only when complete; an existing folder is replaced only
when it is empty or holds nothing but a report's own files, never a folder of other files.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

from stance.errors import InputError
from stance.io import csvfile
from stance.io.output import _alive, _signals_raise, atomic_output
from stance.io.scoring import cell

# what `stance report` writes in its folder
REPORT_FILES = frozenset({"index.html", "dyads.csv", *(f"{figure}.{kind}" for figure in ("matrix", "network", "series")
                                                       for kind in ("png", "svg"))})


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def check_output(output, inputs=(), *, folder: bool = False) -> Path:
    """``output`` as a Path, or :class:`InputError` when it cannot be written or would replace an input."""
    out = Path(output)
    if folder:
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: exists and is not a folder; give a folder for the report")
    elif out.is_dir():
        raise InputError(f"{out}: is a folder; give a file name for the output")
    existing = out.absolute().parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"{out}: {existing} is not a folder")
    for source in map(Path, inputs):
        same = out.exists() and source.exists() and os.path.samefile(out, source)
        if same or out.resolve() == source.resolve():
            raise InputError(f"{out}: the output must not overwrite the input {source}; choose another "
                             f"{'folder' if folder else 'file'}")
        if folder and _inside(source, out):
            raise InputError(f"{out}: the report folder holds the input {source}, which replacing the folder "
                             "would remove; choose another folder")
    if folder and out.is_dir():
        others = sorted(p.name for p in out.iterdir() if p.name not in REPORT_FILES)
        if others:
            raise InputError(f"{out}: holds files that are not a stance report ({', '.join(others[:3])}"
                             f"{', …' if len(others) > 3 else ''}); choose a new folder, or empty that one")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"{out}: cannot write in folder {existing} (permission denied)")
    return out


def _make_parents(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{path}: cannot create its folder: {error.strerror or error}") from None


def write_table(frame, handle, *, rows_at_once: int = 10_000) -> None:
    """``frame`` as CSV on ``handle``: a header row, floats with 6 decimals, missing values empty (rows taken
    ``rows_at_once`` at a time, so that a large table is not copied whole into Python objects)."""
    out = csvfile.writer(handle)
    out.writerow([str(c) for c in frame.columns])
    for start in range(0, len(frame), rows_at_once):
        part = frame.iloc[start:start + rows_at_once].astype(object).to_numpy().tolist()
        out.writerows(list(map(cell, row)) for row in part)


def write_csv_atomically(frame, path) -> None:
    path = Path(path)
    _make_parents(path)
    with atomic_output(path) as handle:
        write_table(frame, handle)


def write_text_atomically(text: str, path) -> None:
    path = Path(path)
    _make_parents(path)
    with atomic_output(path) as handle:
        handle.write(text)


def remove_stale_folders(folder: Path) -> None:
    """Remove the temporary folders of earlier runs to ``folder`` whose process is gone."""
    own = re.compile(rf"^\.{re.escape(folder.name)}\.(?:old\.)?(\d+)\.[0-9a-f]+\.part$")
    if not folder.parent.is_dir():
        return
    for path in folder.parent.iterdir():
        found = own.match(path.name)
        if found and path.is_dir() and not _alive(int(found.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def replace_folder(build, folder) -> None:
    """Call ``build(temporary_folder)``, then put that folder in place of ``folder`` (its old content goes only
    once the new one is complete)."""
    folder = Path(folder).absolute()
    _make_parents(folder)
    remove_stale_folders(folder)
    token = f"{os.getpid()}.{secrets.token_hex(4)}.part"
    temporary = folder.parent / f".{folder.name}.{token}"
    old = folder.parent / f".{folder.name}.old.{token}"
    with _signals_raise():
        try:
            temporary.mkdir(mode=0o777)  # the umask applies: a report folder is for sharing
            build(temporary)
            if folder.exists():
                os.replace(folder, old)
            os.replace(temporary, folder)
        except OSError as error:
            raise InputError(f"{folder}: cannot write: {error.strerror or error}") from None
        finally:
            if old.exists() and not folder.exists():  # the new folder did not take its place: put it back
                os.replace(old, folder)
            for path in (temporary, old):
                if path.exists():
                    shutil.rmtree(path)
