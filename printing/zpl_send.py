"""Send raw data (ZPL) to a network label printer: TCP port 9100, "raw"/JetDirect printing."""

from __future__ import annotations

import ipaddress
import socket

DEFAULT_PORT = 9100


class PrinterError(Exception):
    """The printer could not be reached or did not take the data.

    ``reason`` is the English technical detail (from the OS); the UI says the rest.
    """

    def __init__(self, host: str, port: int, reason: str) -> None:
        super().__init__(f"printer {host}:{port}: {reason}")
        self.host = host
        self.port = port
        self.reason = reason


def send_raw(host: str, port: int, data: bytes, timeout: float = 5.0) -> None:
    """Open a TCP connection to ``host:port``, send all of ``data`` and close it.

    ``timeout`` applies to connecting and to each send. Any network failure becomes a
    ``PrinterError`` whose ``__cause__`` is the original ``OSError``.
    """
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
    except TimeoutError as exc:
        raise PrinterError(host, port, f"timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise PrinterError(host, port, exc.strerror or str(exc) or type(exc).__name__) from exc


def _parse_port(text: str, address: str) -> int:
    if not text.isdigit():
        raise ValueError(f"printer address {address!r}: port {text!r} is not a number")
    port = int(text)
    if not 1 <= port <= 65535:
        raise ValueError(f"printer address {address!r}: port {port} is outside 1–65535")
    return port


def _check_host(host: str, address: str) -> str:
    if not host:
        raise ValueError(f"printer address {address!r}: host is missing")
    if any(c.isspace() for c in host) or any(c in host for c in "/\\@?#[]"):
        raise ValueError(f"printer address {address!r}: {host!r} is not a host name or IP address")
    return host


def parse_printer_address(address: str) -> tuple[str, int]:
    """``"10.0.0.5"``, ``"10.0.0.5:9101"``, ``"zebra-1.lan"``, ``"[fe80::1]:9100"`` → (host, port).

    The port defaults to 9100. A bare IPv6 address without brackets is taken as a host.
    Raises ``ValueError`` with a message naming what is wrong.
    """
    text = address.strip()
    if not text:
        raise ValueError("printer address is empty")
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise ValueError(f"printer address {address!r}: missing ']' after IPv6 address")
        host, rest = text[1:end], text[end + 1 :]
        try:
            ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise ValueError(
                f"printer address {address!r}: {host!r} is not an IPv6 address"
            ) from exc
        if not rest:
            return host, DEFAULT_PORT
        if not rest.startswith(":"):
            raise ValueError(f"printer address {address!r}: expected ':port' after ']'")
        return host, _parse_port(rest[1:].strip(), address)
    if text.count(":") > 1:
        try:
            return str(ipaddress.IPv6Address(text)), DEFAULT_PORT
        except ValueError as exc:
            raise ValueError(
                f"printer address {address!r}: not a host, host:port or [IPv6]:port"
            ) from exc
    host, sep, port_text = text.partition(":")
    host = _check_host(host.strip(), address)
    return host, _parse_port(port_text.strip(), address) if sep else DEFAULT_PORT
