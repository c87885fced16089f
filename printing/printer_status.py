"""What a label printer says about itself: ZPL ``~HS`` host status, TSPL ``<ESC>!?``.

Each parser turns the printer's answer into problem codes (empty = ready to print).
The codes are stable words (``paper_out``, ``head_open`` …) that the counter turns
into sentences a clerk understands.
"""

from __future__ import annotations

STX, ETX = b"\x02", b"\x03"

# ~HS string 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l ; string 2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www
_ZPL_LINE1 = {1: "paper_out", 2: "paused", 5: "buffer_full", 9: "memory_error"}
_ZPL_LINE1 |= {10: "too_cold", 11: "too_hot"}
_ZPL_HEAD_UP, _ZPL_RIBBON_OUT, _ZPL_TRANSFER = 2, 3, 4

# TSPL <ESC>!? status byte; 0x20 ("printing") is no problem
_TSPL_BITS = (
    (0x01, "head_open"),
    (0x02, "paper_jam"),
    (0x04, "paper_out"),
    (0x08, "ribbon_out"),
    (0x10, "paused"),
    (0x40, "cover_open"),
    (0x80, "printer_error"),
)


class BadAnswer(ValueError):
    """The printer answered something that is not a status."""


def zpl_answer_complete(data: bytes) -> bool:
    """True once the three ``<STX>…<ETX>`` strings of a ``~HS`` answer have arrived."""
    return data.count(ETX) >= 3


def _zpl_fields(data: bytes) -> list[list[str]]:
    lines: list[list[str]] = []
    rest = data
    for _n in range(3):
        start, end = rest.find(STX), rest.find(ETX)
        if start < 0 or end < start:
            raise BadAnswer("not a ~HS answer")
        text = rest[start + 1 : end].decode("ascii", "replace")
        lines.append([field.strip() for field in text.split(",")])
        rest = rest[end + 1 :]
    if len(lines[0]) < 12 or len(lines[1]) < 11:
        raise BadAnswer("~HS answer has too few fields")
    return lines


def _flag(value: str) -> bool:
    if value not in ("0", "1"):
        raise BadAnswer(f"flag {value!r} is not 0 or 1")
    return value == "1"


def zpl_problems(data: bytes) -> tuple[str, ...]:
    """Problem codes in a ``~HS`` host status answer; raises ``BadAnswer`` if it is none."""
    first, second, _third = _zpl_fields(data)
    problems = [code for index, code in _ZPL_LINE1.items() if _flag(first[index])]
    if _flag(second[_ZPL_HEAD_UP]):
        problems.append("head_open")
    if _flag(second[_ZPL_RIBBON_OUT]) and _flag(second[_ZPL_TRANSFER]):
        problems.append("ribbon_out")
    return tuple(problems)


def tspl_problems(data: bytes) -> tuple[str, ...]:
    """Problem codes in a TSPL status byte."""
    if len(data) != 1:
        raise BadAnswer("a TSPL status is one byte")
    return tuple(code for bit, code in _TSPL_BITS if data[0] & bit)


def zpl_status(problems: set[str] | frozenset[str] = frozenset()) -> bytes:
    """A ``~HS`` answer reporting ``problems`` (what a printer sends; used by fakes and docs)."""
    line1 = ["030", "0", "0", "0320", "000", "0", "0", "0", "000", "0", "0", "0"]
    line2 = ["001", "0", "0", "0", "0", "2", "6", "0", "00000000", "1", "000"]
    for index, code in _ZPL_LINE1.items():
        line1[index] = "1" if code in problems else "0"
    line2[_ZPL_HEAD_UP] = "1" if "head_open" in problems else "0"
    if "ribbon_out" in problems:
        line2[_ZPL_RIBBON_OUT] = line2[_ZPL_TRANSFER] = "1"
    return b"".join(
        STX + ",".join(fields).encode("ascii") + ETX + b"\r\n"
        for fields in (line1, line2, ["1234", "0"])
    )


def tspl_status(problems: set[str] | frozenset[str] = frozenset()) -> bytes:
    """The status byte a TSPL printer with ``problems`` answers."""
    return bytes([sum(bit for bit, code in _TSPL_BITS if code in problems)])
