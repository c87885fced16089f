"""A file is written, or the clerk is told why not; nothing is raised."""

from __future__ import annotations

from pathlib import Path

from ui.common.file_dialogs import write_file


def test_a_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    assert write_file(target, b"PK\x03\x04") == ""
    assert target.read_bytes() == b"PK\x03\x04"


def test_a_folder_that_has_gone_is_named_in_the_message(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "台账.xlsx"
    message = write_file(target, b"data")
    assert message.startswith("无法保存到") and str(target) in message
    assert not target.exists()
