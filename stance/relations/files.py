"""Atomic writes for the relations commands: an interrupted run leaves no half-written output."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_atomically(path, write) -> None:
    """Call ``write(temporary_path)`` then move the file to ``path`` (same folder, so the move is atomic)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        write(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes the file private; the output is not
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_csv_atomically(frame, path) -> None:
    write_atomically(path, lambda temporary: frame.to_csv(temporary, index=False, float_format="%.6f"))


def write_text_atomically(text: str, path) -> None:
    write_atomically(path, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))


def replace_folder(build, folder) -> None:
    """Call ``build(temporary_folder)``, then put that folder in place of ``folder`` (its old content goes only
    once the new one is complete)."""
    folder = Path(folder).resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        build(temporary)
        os.chmod(temporary, 0o777 & ~_umask())  # mkdtemp makes it private; a report folder is for sharing
        if folder.exists():
            old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old."))
            os.replace(folder, old / folder.name)
            os.replace(temporary, folder)
            shutil.rmtree(old)
        else:
            os.replace(temporary, folder)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary)
