"""The README tells a newcomer the truth: the commands it lists are those `python -m counter --help`
shows, with the same options, and the setup it describes is complete."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from counter.__main__ import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _readme_commands() -> dict[str, set[str]]:
    """command → every option, metavar and choice the README's command table writes for it."""
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    for line in re.findall(r"^\| `python -m counter ([^`]+)`", section, flags=re.M):
        name, *rest = line.replace("[", " ").replace("]", " ").split()
        found.setdefault(name, set()).update(rest)
    return found


def _parser_words(parser: argparse.ArgumentParser) -> set[str]:
    words: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):  # `ledger export …`: a command's own
            words.update(action.choices)
            for sub in action.choices.values():
                words |= _parser_words(sub)
        elif action.option_strings:
            words.update(action.option_strings)
            if action.nargs != 0:  # a flag (`--no-overdue`) takes no value
                words.add(action.metavar or action.dest.upper())
        elif action.choices:
            words.update(str(c) for c in action.choices)
        else:
            words.add(action.metavar or action.dest)
    return words


def test_the_readme_lists_every_command_of_the_cli_with_its_options() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "counter", "--help"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    commands = _subcommands()
    for name in commands:
        assert re.search(rf"^\s+{re.escape(name)}\s+\S", shown, flags=re.M), name  # with its help
    readme = _readme_commands()
    assert sorted(readme) == sorted(commands)
    for name, parser in commands.items():
        assert readme[name] == _parser_words(parser), name
    assert "--lang en" in README


def test_the_readme_starts_with_the_two_commands_and_says_how_to_get_uv() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split("#")[0].strip() for line in first_block] == [
        "uv run main.py --demo",
        "uv run pytest",
    ]
    assert "curl -LsSf https://astral.sh/uv/install.sh | sh" in README
    assert "pipx install uv" in README


#: Debian/Ubuntu package of each system library Qt's xcb window plugin, GL integrations, print
#: support and the Qt libraries the app uses need (`readelf -d` NEEDED entries).  A new entry
#: after a Qt upgrade fails the test below until it is named here and in the README.
PACKAGES = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1", "libcups.so.2": "libcups2", "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}  # fmt: skip
#: in every Debian/Ubuntu installation (priority "required"), or shipped inside PySide6
ALWAYS_THERE = re.compile(
    r"^(libc|libm|libstdc\+\+|libgcc_s|ld-linux.*|libz|libzstd)\.so|^lib(Qt6|icu)"
)
LOADED = (
    "plugins/platforms/libqxcb.so",
    "plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "plugins/printsupport/libcupsprintersupport.so",
    *(f"lib/libQt6{m}.so.6" for m in ("Core", "Gui", "Widgets", "Pdf", "PdfWidgets",
                                      "PrintSupport", "XcbQpa", "DBus", "OpenGL")),
)  # fmt: skip


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True)
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout))


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None,
    reason="the Debian library list is checked on Linux with readelf",
)
def test_the_qt_library_list_names_every_library_qt_loads() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    needed = set().union(*(_needed(qt / name) for name in LOADED if (qt / name).exists()))
    system = {lib for lib in needed if not ALWAYS_THERE.match(lib)}
    assert system - PACKAGES.keys() == set()  # a library Qt now needs that has no package here
    block = README.split("sudo apt-get install", 1)[1].split("```", 1)[0]
    listed = set(block.replace("\\", " ").split())
    wanted = {PACKAGES[lib] for lib in system}
    assert wanted - listed == set()
    assert {"libxcb-icccm4", "libxcb-keysyms1"} <= wanted  # both were missing once
