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
