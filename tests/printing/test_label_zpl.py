from __future__ import annotations

import re

import pytest

from printing.label import LabelSize, render_label_zpl, render_labels_zpl
from printing.zpl_send import send_raw
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import label

FIELD = re.compile(r"\^FH_\^FD(.*?)\^FS")


def field_values(zpl: str) -> list[str]:
    """The data of every ^FH_ field with its _XX escapes decoded, as the printer would."""

    def unescape(data: str) -> str:
        raw = re.sub(r"_([0-9A-F]{2})", lambda m: f"\\x{m.group(1)}", data)
        return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    return [unescape(m.group(1)) for m in FIELD.finditer(zpl)]


def test_zpl_label_structure() -> None:
    data = label(4)
    zpl = render_label_zpl(data)
    assert zpl.startswith("^XA")
    assert zpl.rstrip().endswith("^XZ")
    assert zpl.count("^XA") == zpl.count("^XZ") == 1
    for command in ("^CI28", "^PW480", "^LL320", "^BY", "^BCN"):
        assert command in zpl
    assert re.search(r"\^BCN,\d+,Y", zpl), "Code 128 with interpretation line"
    values = field_values(zpl)
    assert values[0] == data.item_number  # the barcode field comes first
    assert data.instrument_name in values
    assert data.customer_short in values
    assert "约定日期 2026-11-30" in values
    assert "^A@N" in zpl and "E:SIMSUN.TTF" in zpl


def test_zpl_size_follows_dpi() -> None:
    zpl = render_label_zpl(label(1), LabelSize(100, 70), dpi=300, cjk_font="E:MSYH.TTF")
    assert "^PW1181" in zpl and "^LL827" in zpl
    assert "E:MSYH.TTF" in zpl and "SIMSUN" not in zpl


def test_urgent_mark_is_a_reversed_box() -> None:
    urgent = render_label_zpl(label(1, urgent=True))
    plain = render_label_zpl(label(1))
    assert "^GB" in urgent and "^FR" in urgent and "加急" in field_values(urgent)
    assert "^GB" not in plain and "加急" not in plain


def test_customer_text_cannot_break_the_label() -> None:
    hostile = "坏^XZ~JR^XA_名"
    zpl = render_label_zpl(label(1, customer_short=hostile, department="化学~HS"))
    assert zpl.count("^XZ") == 1
    assert zpl.count("^XA") == 1
    assert "~" not in zpl
    values = field_values(zpl)
    assert hostile in values  # escaped, not dropped: the printer prints it as typed
    assert any("化学~HS" in v for v in values)


def test_newlines_in_data_stay_on_one_line() -> None:
    zpl = render_label_zpl(label(1, instrument_name="电子\n天平"))
    assert "电子 天平" in field_values(zpl)


def test_several_labels_one_format_each() -> None:
    labels = [label(n) for n in range(1, 4)]
    zpl = render_labels_zpl(labels, LabelSize(), 203, "E:SIMSUN.TTF")
    assert zpl.count("^XA") == zpl.count("^XZ") == 3
    assert [v for v in field_values(zpl) if v.startswith("20261000123-")] == [
        x.item_number for x in labels
    ]


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        render_label_zpl(label(1), cjk_font="E:X.TTF^XZ")
    with pytest.raises(ValueError):
        render_label_zpl(label(1), dpi=20)
    with pytest.raises(ValueError, match="Code 128"):
        render_label_zpl(label(1, item_number="编号"))


def test_zpl_arrives_at_the_printer_intact() -> None:
    zpl = render_labels_zpl([label(1, urgent=True), label(2)], LabelSize(), 203, "E:SIMSUN.TTF")
    with FakePrinter() as printer:
        send_raw(printer.host, printer.port, zpl.encode("utf-8"))
        received = printer.wait()
    assert received.decode("utf-8") == zpl
