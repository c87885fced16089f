from __future__ import annotations

import pytest

from printing.zpl_send import PrinterError, parse_printer_address, send_raw
from tests.printing.fake_printer import FakePrinter, closed_port


def test_send_raw_delivers_every_byte() -> None:
    data = bytes(range(256)) * 1000  # bigger than one TCP segment
    with FakePrinter() as printer:
        send_raw(printer.host, printer.port, data, timeout=5)
        assert printer.wait() == data


def test_unreachable_printer_raises_printer_error() -> None:
    port = closed_port()
    with pytest.raises(PrinterError) as caught:
        send_raw("127.0.0.1", port, b"^XA^XZ", timeout=2)
    error = caught.value
    assert (error.host, error.port) == ("127.0.0.1", port)
    assert error.reason
    assert isinstance(error.__cause__, OSError)
    assert f"127.0.0.1:{port}" in str(error)


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
