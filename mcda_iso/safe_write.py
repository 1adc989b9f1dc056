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
  subclass, naming the file;
- a temporary file left behind by a writer that was killed (``SIGKILL``, a power cut)
  is removed by the next write to the same target: its name records the writer's
  process id and machine, and it is removed once that process is gone (or, for a
  file from another machine or an older version, once it is an hour old).

Examples
--------
>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
>>> write_file(target, lambda temp: temp.write_text("hello"), overwrite=False).read_text()
'hello'
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path

from mcda_iso.errors import SHORTEN_LIMIT, MCDAError, shorten

__all__ = ["STALE_AFTER", "remove_stale_temps", "write_file"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: A temporary file whose writer cannot be checked (another machine, an older version of
#: this module) is taken for abandoned once it is this many seconds old.
STALE_AFTER = 3600.0


def _host() -> str:
    """Six hex digits standing for this machine in temporary file names."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a zombie counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:  # pragma: no cover - e.g. a pid beyond the platform's range
        return False
    return True


#: Characters of the target's name kept in its temporary files' names (file names are
#: limited to 255 bytes; a longer target's temporary files share the first 120 characters).
_NAME_KEPT = 120


def _temp_pattern(name: str) -> re.Pattern[str]:
    """Names of our temporary files for ``name``: ``.NAME.PID@HOST.HEX.tmp`` (or the
    ``.NAME.HEX.tmp`` of earlier versions)."""
    return re.compile(
        rf"\.{re.escape(name[:_NAME_KEPT])}\.(?:(?P<pid>[0-9]{{1,10}})@(?P<host>[0-9a-f]{{6}})\.)?"
        r"[0-9a-f]{12}\.tmp"
    )


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files of ``target`` that dead writers left behind.

    A file of a writer on this machine is stale when that process no longer runs; a
    file from another machine, or without a process id, when it was last modified
    :data:`STALE_AFTER` seconds ago or earlier. Files of running writers, and files
    that are not ours (other names, folders, links), are never touched. Errors while
    removing (a file another writer removed first, no permission) are ignored.

    Parameters
    ----------
    target : str or path-like
        The file whose temporary files are looked for (in its folder).

    Returns
    -------
    list of pathlib.Path
        The files removed.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern, host = _temp_pattern(target.name), _host()
    now = time.time()
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if found["pid"] is not None and found["host"] == host:
                stale = not _alive(int(found["pid"]))
            else:
                stale = now - info.st_mtime >= STALE_AFTER
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _new_temp(folder: Path, name: str) -> Path:
    """An empty file of our own beside the target (O_EXCL: never an existing one)."""
    while True:
        temp = folder / f".{name[:_NAME_KEPT]}.{os.getpid()}@{_host()}.{secrets.token_hex(6)}.tmp"
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
    shown = str(target) if len(str(target)) <= SHORTEN_LIMIT else shorten(str(target))
    exists = f"{shown} already exists; pass overwrite=True (or --force on the command line) "
    exists += "to replace it"
    try:
        if target.is_dir():
            raise error(f"cannot write {shown}: it is a folder; give a file name")
        if target.exists() and not overwrite:
            raise error(exists)
    except OSError as exc:  # e.g. a name too long for the file system
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from exc
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(target)
    try:
        temp = _new_temp(folder, target.name)
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from exc
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
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return target
