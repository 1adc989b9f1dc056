"""Tests for mcda_iso/safe_write.py: nothing the user has is lost or half-written."""

import os
import stat

import pytest

from mcda_iso import MCDAError, WorkbookError
from mcda_iso.safe_write import write_file


def _text(content):
    return lambda temp: temp.write_text(content, encoding="utf-8")


def test_writes_a_new_file_with_the_usual_permissions(tmp_path):
    target = tmp_path / "out.txt"
    assert write_file(target, _text("new"), overwrite=False) == target
    assert target.read_text(encoding="utf-8") == "new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_existing_file_is_kept_unless_overwrite_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(WorkbookError, match=r"out\.txt already exists; pass overwrite=True"):
        write_file(target, _text("new"), overwrite=False, error=WorkbookError)
    assert target.read_text(encoding="utf-8") == "mine"
    write_file(target, _text("new"), overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failing_writer_leaves_the_target_untouched_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")

    def half_then_fail(temp):
        temp.write_text("half", encoding="utf-8")
        raise RuntimeError("writer broke")

    with pytest.raises(RuntimeError, match="writer broke"):
        write_file(target, half_then_fail, overwrite=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path):
    target = tmp_path / "out.txt"

    def someone_else_writes_first(temp):
        target.write_text("theirs", encoding="utf-8")
        temp.write_text("ours", encoding="utf-8")

    with pytest.raises(MCDAError, match="already exists"):
        write_file(target, someone_else_writes_first, overwrite=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_operating_system_errors_become_the_callers_error(tmp_path):
    with pytest.raises(WorkbookError, match=r"cannot write .*nowhere.*: No such file"):
        write_file(tmp_path / "nowhere" / "x.xlsx", _text(""), overwrite=False, error=WorkbookError)
    with pytest.raises(MCDAError, match="it is a folder"):
        write_file(tmp_path, _text(""), overwrite=True)


# ---------------------------------------------------------------- temporary files of dead writers

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402

from mcda_iso.safe_write import STALE_AFTER, _host, remove_stale_temps  # noqa: E402

# A writer that has written 3 MB of its temporary file and then stalls (as a big results
# workbook does while it is zipped), so that it can be killed late in the write.
_STALLING_WRITER = textwrap.dedent(
    """
    import sys, time
    from mcda_iso.safe_write import write_file

    def write(temp):
        temp.write_bytes(b"x" * 3_000_000)
        print(temp.name, flush=True)
        time.sleep(120)

    write_file(sys.argv[1], write, overwrite=True)
    """
)


def _start_writer(target):
    proc = subprocess.Popen(
        [sys.executable, "-c", _STALLING_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    temp_name = proc.stdout.readline().strip()
    assert temp_name, "the writer did not start"
    return proc, target.parent / temp_name


def test_a_temporary_file_left_by_a_writer_killed_with_sigkill_is_removed_by_the_next_write(
    tmp_path,
):
    target = tmp_path / "big.xlsx"
    proc, temp = _start_writer(target)
    assert temp.stat().st_size == 3_000_000
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stdout.close()
    assert temp.exists() and not target.exists()  # what the kill leaves behind
    assert temp.name.startswith(".big.xlsx.") and f"{proc.pid}@{_host()}" in temp.name
    write_file(target, _text("new"), overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx"]
    assert target.read_text(encoding="utf-8") == "new"


def test_a_running_writers_temporary_file_is_never_removed(tmp_path):
    target = tmp_path / "big.xlsx"
    proc, temp = _start_writer(target)
    try:
        write_file(target, _text("mine"), overwrite=True)
        assert remove_stale_temps(target) == []
        assert temp.exists() and temp.stat().st_size == 3_000_000
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    assert target.read_text(encoding="utf-8") == "mine"
    assert remove_stale_temps(target) == [temp]


def test_temporary_files_that_cannot_be_checked_are_removed_once_an_hour_old(tmp_path):
    target = tmp_path / "big.xlsx"
    other_host = "000000" if _host() != "000000" else "ffffff"
    names = {
        "old format": ".big.xlsx.0123456789ab.tmp",
        "other machine": f".big.xlsx.{os.getpid()}@{other_host}.0123456789ab.tmp",
    }
    unrelated = [
        ".big.xlsx.notes.tmp",  # not one of our names
        ".other.xlsx.0123456789ab.tmp",  # another target's
        "big.xlsx.0123456789ab.tmp",  # not hidden: not ours
    ]
    for name in [*names.values(), *unrelated]:
        (tmp_path / name).write_text("half", encoding="utf-8")
    assert remove_stale_temps(target) == []  # fresh: perhaps still being written
    old = time.time() - STALE_AFTER - 5
    for name in [*names.values(), *unrelated]:
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".big.xlsx.fedcba987654.tmp").mkdir()  # a folder of that name: not ours
    os.utime(tmp_path / ".big.xlsx.fedcba987654.tmp", (old, old))
    removed = remove_stale_temps(target)
    assert sorted(p.name for p in removed) == sorted(names.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*unrelated, ".big.xlsx.fedcba987654.tmp"]
    )


def test_a_long_target_name_still_fits_its_temporary_file_name(tmp_path):
    target = tmp_path / ("r" * 230 + ".xlsx")  # 235 characters: the limit is 255
    write_file(target, _text("ok"), overwrite=False)
    assert target.read_text(encoding="utf-8") == "ok"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_path_too_long_for_the_file_system_is_the_callers_error_with_the_name_shortened(
    tmp_path,
):
    target = tmp_path / ("x" * 5000 + ".xlsx")
    with pytest.raises(
        WorkbookError, match=r"cannot write '.*…' \(\d,\d{3} characters\): File name too long"
    ) as exc:
        write_file(target, _text("never"), overwrite=False, error=WorkbookError)
    assert len(str(exc.value)) < 200
    assert list(tmp_path.iterdir()) == []
