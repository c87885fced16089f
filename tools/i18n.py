"""The translation catalogues: extract, compile and check (Babel; not needed to run the app).

    uv run python tools/i18n.py extract   # source -> counter/locale/<lang>/LC_MESSAGES/counter.po
    uv run python tools/i18n.py compile   # .po -> .mo (what counter/i18n.py reads)
    uv run python tools/i18n.py check     # what tests/counter/test_i18n.py asserts, as a list

`extract` runs `pybabel extract` over SOURCES with the markers configured in
pyproject.toml (`[tool.babel]`), then `pybabel update`: new texts arrive with an empty
English line to fill in, texts gone from the code are dropped, and a changed text may
come back "fuzzy" with its old translation as a guess (review it, then remove the
`#, fuzzy` line).  `compile` writes the `.mo` the app loads.  The exact commands are
printed as they run, so the same can be done by hand.
"""

from __future__ import annotations

import re
import string
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.frontend import CommandLineInterface, parse_keywords
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
#: where user-visible text lives (printing/ renders what it is handed and has none)
SOURCES = ("counter", "ui", "main.py")
LOCALE_DIR = "counter/locale"
DOMAIN = "counter"
#: the languages translated from the Chinese source
LANGUAGES = ("en",)


def po_path(language: str) -> Path:
    return ROOT / LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def read_compiled(language: str) -> Catalog:
    with mo_path(language).open("rb") as f:
        return read_mo(f)


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, object]]]:
    """pyproject.toml's `[tool.babel]` mappings as Babel's method map and options map."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["babel"]
    method_map: list[tuple[str, str]] = []
    options_map: dict[str, dict[str, object]] = {}
    for entry in config["mappings"]:
        method_map.append((entry["pattern"], entry["method"]))
        options_map[entry["pattern"]] = {"keywords": parse_keywords(entry["keywords"].split())}
    return method_map, options_map


def extract() -> dict[str, list[str]]:
    """Every marked text in SOURCES (Babel's Python API), with where it is (`path:line`)."""
    method_map, options_map = _mapping()
    found: dict[str, list[str]] = {}

    def add(path: Path, line: int, message: str | tuple[str, ...]) -> None:
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, []).append(f"{path.relative_to(ROOT)}:{line}")

    for source in SOURCES:
        path = ROOT / source
        if path.is_dir():
            for name, line, message, _comments, _context in extract_from_dir(
                path, method_map, options_map
            ):
                add(path / name, line, message)
        else:
            options = options_map[method_map[0][0]]
            keywords = {**DEFAULT_KEYWORDS, **options["keywords"]}  # type: ignore[dict-item]
            for line, message, _comments, _context in extract_from_file(
                method_map[0][1], path, keywords=keywords
            ):
                add(path, line, message)
    return found


_PERCENT = re.compile(r"%(?:\(\w+\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]")


def placeholders(text: str) -> list[str]:
    """The `{name}`/`{}` fields and `%s`-style conversions in `text`, sorted."""
    try:
        fields = [
            "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:  # not a format string (a lone brace): compare the braces as written
        fields = re.findall(r"[{}]", text)
    return sorted(fields + _PERCENT.findall(text))


def problems(language: str) -> Iterator[str]:
    """Everything that keeps `language` from being complete and current."""
    catalog = read_catalog(language)
    extracted = extract()
    for msgid, where in sorted(extracted.items()):
        message = catalog.get(msgid)
        if message is None or not message.string:
            yield f"no {language} text for {msgid!r} ({where[0]}); run extract, then fill it in"
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            yield f"fuzzy (review, then remove the fuzzy flag): {message.id!r}"
        if message.id not in extracted:
            yield f"no longer in the code: {message.id!r}; run extract"
        if message.string and placeholders(str(message.id)) != placeholders(str(message.string)):
            yield f"placeholders differ: {message.id!r} -> {message.string!r}"
    if not mo_path(language).exists():
        yield f"{mo_path(language).relative_to(ROOT)} is missing; run compile"
        return
    if translated(read_compiled(language)) != translated(catalog):
        yield f"{mo_path(language).relative_to(ROOT)} is older than the .po; run compile"


def translated(catalog: Catalog) -> dict[str, str]:
    """msgid -> text of the entries that reach the app (compiled, so not fuzzy)."""
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def pybabel(*args: str) -> None:
    print("pybabel", " ".join(args))
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def run_extract() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        template = str(Path(tmp) / f"{DOMAIN}.pot")
        pybabel(
            "extract", "-F", "pyproject.toml", "-o", template, "--sort-output",
            "--add-location=file", "--no-wrap", "-c", "Translators:",
            "--project=jiliang-counter", *SOURCES,
        )  # fmt: skip
        for language in LANGUAGES:
            pybabel(
                "update", "-i", template, "-d", LOCALE_DIR, "-D", DOMAIN, "-l", language,
                "--ignore-obsolete", "--init-missing", "--no-wrap", "--ignore-pot-creation-date",
            )  # fmt: skip
            missing = [m.id for m in read_catalog(language) if m.id and not m.string]
            print(f"{language}: {len(missing)} text(s) to translate in {po_path(language)}")


def run_compile() -> None:
    for language in LANGUAGES:
        pybabel("compile", "-d", LOCALE_DIR, "-D", DOMAIN, "-l", language, "--statistics")


def run_check() -> int:
    found = [p for language in LANGUAGES for p in problems(language)]
    print("\n".join(found) if found else "catalogues complete and compiled")
    return 1 if found else 0


def main(argv: list[str]) -> int:
    import os

    os.chdir(ROOT)  # pybabel writes the paths relative to here into the .po
    commands = {"extract": run_extract, "compile": run_compile, "check": run_check}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
