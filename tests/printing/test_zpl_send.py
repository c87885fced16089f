"""Delivery to label printers is confirmed by the printer, never assumed.

Each kind of printer is a real TCP server on loopback (`tests.printing.fake_printer`).
"""

from __future__ import annotations

import pytest

from printing.label import render_label_zpl
from printing.label_tspl import render_label_tspl
from printing.printer_status import (
    BadAnswer,
    tspl_problems,
    tspl_status,
    zpl_problems,
    zpl_status,
)
from printing.zpl_send import Timeouts, deliver, parse_printer_address
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.printing.samples import label

QUICK = Timeouts(connect=2, send=1, status=1)


def zpl_labels(n: int = 3) -> list[bytes]:
    return [render_label_zpl(label(i)).encode("ascii") for i in range(1, n + 1)]


def tspl_labels(n: int = 3) -> list[bytes]:
    return [render_label_tspl(label(i)) for i in range(1, n + 1)]


def test_a_good_zpl_printer_confirms_every_label() -> None:
    labels = zpl_labels()
    with FakePrinter("zpl") as printer:
        sent = deliver(printer.host, printer.port, labels, "zpl", QUICK)
        received = printer.wait()
    assert (sent.confirmed, sent.error) == (3, None)
    assert received == b"".join(data + b"~HS" for data in labels)
    assert printer.queries == 3


def test_paper_out_stops_at_the_label_it_reports() -> None:
    with FakePrinter("zpl", answers=[set(), set(), {"paper_out"}]) as printer:
        sent = deliver(printer.host, printer.port, zpl_labels(), "zpl", QUICK)
    assert sent.confirmed == 2
    assert sent.error is not None
    assert sent.error.code == "status" and sent.error.problems == ("paper_out",)
    assert sent.error.answer == zpl_status({"paper_out"})


def test_a_printer_that_never_reads_confirms_nothing() -> None:
    with FakePrinter("zpl", reads=False) as printer:
        sent = deliver(printer.host, printer.port, zpl_labels(), "zpl", QUICK)
    assert sent.confirmed == 0
    assert sent.error is not None and sent.error.code in ("no_answer", "not_reading")


def test_a_printer_that_never_reads_a_big_job_stalls_the_send() -> None:
    big = [b"^XA" + b"^FX" * 6_000_000 + b"^XZ"]  # more than loopback buffers hold
    with FakePrinter("zpl", reads=False) as printer:
        sent = deliver(printer.host, printer.port, big, "zpl", QUICK)
    assert sent.confirmed == 0
    assert sent.error is not None and sent.error.code == "not_reading"
    assert "bytes" in sent.error.reason


def test_a_printer_that_hangs_up_after_1_kib_confirms_nothing() -> None:
    with FakePrinter("zpl", close_after=1024) as printer:
        sent = deliver(printer.host, printer.port, zpl_labels(), "zpl", QUICK)
        assert len(printer.wait()) == 1024
    assert sent.confirmed == 0
    assert sent.error is not None and sent.error.code == "closed"


def test_a_printer_that_reads_but_never_answers_is_not_confirmed() -> None:
    with FakePrinter("zpl", silent=True) as printer:
        sent = deliver(printer.host, printer.port, zpl_labels(), "zpl", QUICK)
    assert sent.confirmed == 0
    assert sent.error is not None and sent.error.code == "no_answer"


def test_a_tspl_printer_confirms_with_its_status_byte() -> None:
    labels = tspl_labels()
    with FakePrinter("tspl") as printer:
        sent = deliver(printer.host, printer.port, labels, "tspl", QUICK)
        received = printer.wait()
    assert (sent.confirmed, sent.error) == (3, None)
    assert received == b"".join(data + b"\x1b!?" for data in labels)


def test_a_tspl_printer_with_its_head_open() -> None:
    with FakePrinter("tspl", answers=[{"head_open", "paper_out"}]) as printer:
        sent = deliver(printer.host, printer.port, tspl_labels(), "tspl", QUICK)
    assert sent.confirmed == 0
    assert sent.error is not None and sent.error.problems == ("head_open", "paper_out")


def test_unreachable_printer() -> None:
    port = closed_port()
    sent = deliver("127.0.0.1", port, zpl_labels(1), "zpl", QUICK)
    assert sent.confirmed == 0
    error = sent.error
    assert error is not None and error.code == "unreachable"
    assert (error.host, error.port) == ("127.0.0.1", port)
    assert f"127.0.0.1:{port}" in str(error)


def test_zpl_host_status_is_read_field_by_field() -> None:
    assert zpl_problems(zpl_status()) == ()
    everything = {"paper_out", "paused", "buffer_full", "head_open", "ribbon_out", "too_hot"}
    assert set(zpl_problems(zpl_status(everything))) == everything
    with pytest.raises(BadAnswer):
        zpl_problems(b"\x02hello\x03\r\n\x02\x03\x02\x03")


def test_tspl_status_byte() -> None:
    assert tspl_problems(b"\x00") == () and tspl_problems(b"\x20") == ()  # ready / printing
    assert tspl_problems(tspl_status({"cover_open", "paused"})) == ("paused", "cover_open")
    with pytest.raises(BadAnswer):
        tspl_problems(b"")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("192.168.1.50", ("192.168.1.50", 9100)),
        ("192.168.1.50:9101", ("192.168.1.50", 9101)),
        ("  zebra-1.lab.local : 6101 ", ("zebra-1.lab.local", 6101)),
        ("[fe80::1]:9100", ("fe80::1", 9100)),
        ("[2001:db8::5]", ("2001:db8::5", 9100)),
        ("2001:db8::5", ("2001:db8::5", 9100)),
    ],
)
def test_parse_printer_address(text: str, expected: tuple[str, int]) -> None:
    assert parse_printer_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (":9100", "host is missing"),
        ("printer:abc", "not a number"),
        ("printer:", "not a number"),
        ("printer:0", "outside"),
        ("printer:70000", "outside"),
        ("my printer", "not a host"),
        ("[fe80::1", "missing ']'"),
        ("[nothost]:9100", "not an IPv6"),
        ("1:2:3:zz", "not a host"),
    ],
)
def test_parse_printer_address_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_printer_address(text)
