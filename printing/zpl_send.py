"""Send labels to a network label printer (raw TCP port 9100) and confirm they arrived.

Bytes handed to the kernel are not a printed label: a printer may never read them, or
close after reading part. So after each label the printer is asked for its status
(ZPL ``~HS``, TSPL ``<ESC>!?``). Because the question travels behind the label on the
same connection, an answer proves the label was read; the answer also says whether the
printer can print (paper, head, pause …). Every wait is bounded: connecting, handing
over each label, and waiting for the answer.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from printing.printer_status import (
    BadAnswer,
    tspl_problems,
    zpl_answer_complete,
    zpl_problems,
)

DEFAULT_PORT = 9100
PROTOCOLS = ("zpl", "tspl")
ZPL_STATUS_QUERY = b"~HS"
TSPL_STATUS_QUERY = b"\x1b!?"
_CHUNK = 65536


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed for each wait."""

    connect: float = 3.0
    send: float = 10.0  # for the printer to take one label's bytes
    status: float = 5.0  # for the printer to answer a status query


class PrinterError(Exception):
    """A label was not confirmed by the printer.

    ``code`` says what happened (``unreachable``, ``connect_timeout``, ``not_reading``,
    ``closed``, ``no_answer``, ``bad_answer``, ``status``); for ``status``, ``problems``
    holds the printer's own problem codes (`printing.printer_status`). ``reason`` is
    the English technical detail; the counter words it for the clerk.
    """

    def __init__(
        self,
        host: str,
        port: int,
        reason: str,
        *,
        code: str = "unreachable",
        problems: tuple[str, ...] = (),
        answer: bytes = b"",
    ) -> None:
        super().__init__(f"printer {host}:{port}: {reason}")
        self.host = host
        self.port = port
        self.reason = reason
        self.code = code
        self.problems = problems
        self.answer = answer


@dataclass(frozen=True)
class Delivery:
    """How many labels (in order) the printer confirmed, and why it stopped if it did."""

    confirmed: int
    error: PrinterError | None = None


class _Link:
    def __init__(self, sock: socket.socket, host: str, port: int) -> None:
        self.sock, self.host, self.port = sock, host, port

    def fail(
        self, reason: str, code: str, problems: tuple[str, ...] = (), answer: bytes = b""
    ) -> PrinterError:
        return PrinterError(
            self.host, self.port, reason, code=code, problems=problems, answer=answer
        )

    def send(self, data: bytes, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        view = memoryview(data)
        sent = 0
        try:
            while sent < len(data):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self.sock.settimeout(remaining)
                sent += self.sock.send(view[sent : sent + _CHUNK])
        except TimeoutError as exc:
            raise self.fail(
                f"took {sent} of {len(data)} bytes in {timeout:g} s", code="not_reading"
            ) from exc
        except OSError as exc:
            raise self.fail(
                f"connection closed after {sent} of {len(data)} bytes ({_os_reason(exc)})",
                code="closed",
            ) from exc

    def answer(self, complete: Callable[[bytes], bool], timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        data = b""
        try:
            while not complete(data):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self.sock.settimeout(remaining)
                chunk = self.sock.recv(4096)
                if not chunk:
                    raise self.fail("closed the connection without answering", code="closed")
                data += chunk
        except TimeoutError as exc:
            raise self.fail(
                f"no status answer within {timeout:g} s", code="no_answer", answer=data
            ) from exc
        except PrinterError:
            raise
        except OSError as exc:
            raise self.fail(
                f"connection lost while waiting for the status ({_os_reason(exc)})", code="closed"
            ) from exc
        return data


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _check(link: _Link, protocol: str, timeouts: Timeouts) -> None:
    """Ask for the status behind what was sent; raise unless the printer is ready."""
    if protocol == "zpl":
        link.send(ZPL_STATUS_QUERY, timeouts.send)
        answer = link.answer(zpl_answer_complete, timeouts.status)
        parse = zpl_problems
    else:
        link.send(TSPL_STATUS_QUERY, timeouts.send)
        answer = link.answer(lambda data: len(data) >= 1, timeouts.status)
        parse = tspl_problems
    try:
        problems = parse(answer)
    except BadAnswer as exc:
        raise link.fail(f"unexpected status answer {answer!r}", code="bad_answer") from exc
    if problems:
        raise link.fail(
            "status: " + ", ".join(problems), code="status", problems=problems, answer=answer
        )


def deliver(
    host: str,
    port: int,
    labels: Sequence[bytes],
    protocol: str,
    timeouts: Timeouts = Timeouts(),
    progress: Callable[[int], None] | None = None,
) -> Delivery:
    """Send ``labels`` one by one on one connection, confirming each with a status query.

    Stops at the first label the printer does not confirm: ``confirmed`` counts the
    labels before it. ``progress(n)`` is called after each confirmed label.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"printer protocol {protocol!r} is not one of {PROTOCOLS}")
    try:
        sock = socket.create_connection((host, port), timeout=timeouts.connect)
    except TimeoutError:
        reason = f"no connection within {timeouts.connect:g} s"
        return Delivery(0, PrinterError(host, port, reason, code="connect_timeout"))
    except OSError as exc:
        return Delivery(0, PrinterError(host, port, _os_reason(exc), code="unreachable"))
    confirmed = 0
    link = _Link(sock, host, port)
    try:
        with sock:
            if not labels:  # nothing to print: still say whether the printer is ready
                _check(link, protocol, timeouts)
            for data in labels:
                link.send(data, timeouts.send)
                _check(link, protocol, timeouts)
                confirmed += 1
                if progress:
                    progress(confirmed)
            with contextlib.suppress(OSError):  # all confirmed: how it hangs up does not matter
                sock.shutdown(socket.SHUT_WR)
    except PrinterError as error:
        return Delivery(confirmed, error)
    return Delivery(confirmed)


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
