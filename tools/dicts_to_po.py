"""Carry English from the old `counter/locale/en_*.py` dicts (`EN = {…}`) into counter.po.

For a branch that still adds entries to the old dicts: after merging, run
`tools/i18n.py extract`, then this with the dict files (e.g. saved with
`git show OTHER:counter/locale/en_x.py > /tmp/en_x.py`), then `tools/i18n.py compile`.
It fills only entries that the code has (extracted) and that have no English yet;
the files are read with `ast`, never run.

    uv run python tools/dicts_to_po.py /tmp/en_x.py [...]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from babel.messages.pofile import write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.i18n import po_path, read_catalog


def read_dict(path: Path) -> dict[str, str]:
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "EN":
            return dict(ast.literal_eval(value))
    raise SystemExit(f"{path}: no EN = {{…}}")


def main(paths: list[str]) -> int:
    english: dict[str, str] = {}
    for name in paths:
        english.update(read_dict(Path(name)))
    catalog = read_catalog("en")
    filled = 0
    for message in catalog:
        if message.id and not message.string and message.id in english:
            message.string = english[str(message.id)]
            message.flags.discard("fuzzy")
            filled += 1
    differs = [
        f"  {m.id!r}: po {m.string!r}, dict {english[str(m.id)]!r}"
        for m in catalog
        if m.id and m.string and english.get(str(m.id), m.string) != m.string
    ]
    unused = sorted(set(english) - {str(m.id) for m in catalog})
    with po_path("en").open("wb") as f:
        write_po(f, catalog, width=0, sort_output=True, include_lineno=False)
    print(f"filled {filled}; {len(differs)} already in the .po with other English (kept):")
    print("\n".join(differs))
    print(f"{len(unused)} not in the code (not carried):")
    print("\n".join(f"  {text!r}" for text in unused))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
