"""Writing a file so that nothing the user has is lost or half-written.

Every file mcda_iso writes (templates, results workbooks, HTML reports) goes through
:func:`write_file`: the content is written to a new temporary file beside the target,
flushed to disk, and only then put in place. So

- a failure while writing (a full disk, an error in the writer) leaves the target as it
  was and no temporary file behind;
- an existing file is replaced only when asked (``overwrite=True``), keeping its
  permission bits; a new file gets the usual permissions (``0o666`` less the umask);
- without ``overwrite`` the file is linked into place, so a file that appears at the
  target while we write is never replaced either;
- any operating-system error becomes the caller's :class:`~mcda_iso.MCDAError`
  subclass, naming the file.

Examples
--------
>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
>>> write_file(target, lambda temp: temp.write_text("hello"), overwrite=False).read_text()
'hello'
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from mcda_iso.errors import MCDAError

__all__ = ["write_file"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _new_temp(folder: Path, name: str) -> Path:
    """An empty file of our own beside the target (O_EXCL: never an existing one)."""
    while True:
        temp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:  # pragma: no cover - a 48-bit name collision
            continue
        return temp


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def write_file(
    path: str | os.PathLike[str],
    write: Callable[[Path], object],
    *,
    overwrite: bool,
    error: type[MCDAError] = MCDAError,
) -> Path:
    """Write ``path`` through ``write(temp)`` on a temporary file, then put it in place.

    Parameters
    ----------
    path : str or path-like
        The file to write.
    write : callable
        Writes the whole content to the path it is given (e.g. ``workbook.save``).
    overwrite : bool
        Replace an existing file; refused otherwise.
    error : type
        The :class:`~mcda_iso.MCDAError` subclass raised for every refusal and
        operating-system error.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    MCDAError
        (as ``error``) If the target exists and ``overwrite`` is false, is a folder,
        or cannot be written (the message names the file and the reason).
    """
    target = Path(path)
    exists = f"{target} already exists; pass overwrite=True (or --force on the command line) "
    exists += "to replace it"
    if target.is_dir():
        raise error(f"cannot write {target}: it is a folder; give a file name")
    if target.exists() and not overwrite:
        raise error(exists)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        temp = _new_temp(folder, target.name)
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        write(temp)
        _fsync(temp)
        keep = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        temp.chmod(keep)
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise error(exists) from None
            except OSError:  # no hard links on this file system
                if target.exists():
                    raise error(exists) from None
                os.replace(temp, target)
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return target
