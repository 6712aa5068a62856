"""Writing a file so that readers see either the old one or the complete new one.

The new contents go to a temporary file beside the destination, which is then renamed over
it. A rename replaces whatever has that name, so the destination is checked first: only a
regular file (or a new name in an existing directory) is ever replaced, never a directory,
a pipe, a device or a symbolic link.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from nn_core.errors import OutputPathError

FILE_MODE = 0o644  # mkstemp's files are 0600; saved models and downloads are ordinary files


def check_target(path: str | os.PathLike) -> Path:
    """``path`` if a file may be saved there, else ``OutputPathError`` naming it.

    Allowed: an existing regular file (it will be replaced) or a new name in an existing
    directory. A symbolic link is refused even when it points to a regular file: renaming
    onto it would replace the link itself with a file, and the file it points to would
    keep its old contents.
    """
    if isinstance(path, str) and not path.strip():
        raise OutputPathError("no file name was given to save to")
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputPathError(f"cannot save to {path}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise OutputPathError(f"{path} is a symbolic link: saving would replace the link, not the file it "
                                  f"points to; give that file's own path ({os.path.realpath(path)}) instead")
        if stat.S_ISDIR(info.st_mode):
            raise OutputPathError(f"{path} is a directory; give a file name inside it, such as {path / 'model.npz'}")
        if not stat.S_ISREG(info.st_mode):
            raise OutputPathError(f"{path} is not a regular file (it is a pipe, a device or a socket), "
                                  "so nothing is saved over it")
    if not path.parent.is_dir():
        raise OutputPathError(f"cannot save to {path}: the directory {path.parent} does not exist")
    return path


def check_writable(path: str | os.PathLike) -> Path:
    """``check_target``, and prove a file can be created in its directory (before any long work)."""
    path = check_target(path)
    try:
        handle, probe = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".probe")
    except OSError as exc:
        raise OutputPathError(f"cannot save to {path}: no file can be created in {path.parent} "
                              f"({exc.strerror or exc})") from None
    os.close(handle)
    Path(probe).unlink(missing_ok=True)
    return path


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yield a binary file beside ``path``; on success it is renamed over ``path``, else removed.

    ``OutputPathError`` (naming ``path``, never the temporary file) if ``path`` is not a
    regular file or a new name in an existing, writable directory.
    """
    path = check_target(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputPathError(f"cannot save to {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temporary, FILE_MODE)
        check_target(path)  # again: something else may have appeared there meanwhile
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise OutputPathError(f"cannot save to {path}: {exc.strerror or exc}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
