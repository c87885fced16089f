"""Fake network label printers: real TCP servers on loopback, one per kind of behaviour.

- ``FakePrinter()``: reads until the sender closes and keeps the bytes (no status).
- ``FakePrinter("zpl")`` / ``FakePrinter("tspl")``: also answers every status query
  (``~HS`` / ``<ESC>!?``) with the next of ``answers`` (problem-code sets; the last
  repeats, default ready).
- ``reads=False``: accepts the connection and never reads a byte.
- ``close_after=n``: reads ``n`` bytes, then hangs up gracefully.
- ``silent=True``: reads everything and never answers.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Sequence
from types import TracebackType

from printing.printer_status import tspl_status, zpl_status
from printing.zpl_send import TSPL_STATUS_QUERY, ZPL_STATUS_QUERY

READY: frozenset[str] = frozenset()


class FakePrinter:
    def __init__(
        self,
        kind: str = "raw",
        *,
        answers: Sequence[set[str] | frozenset[str]] = (READY,),
        reads: bool = True,
        close_after: int | None = None,
        silent: bool = False,
    ) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(10)
        self.host, self.port = self._server.getsockname()[:2]
        self.kind = kind
        self.answers = list(answers)
        self.reads, self.close_after, self.silent = reads, close_after, silent
        self.received = b""
        self.queries = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    # --- the printer ---------------------------------------------------

    def _answer(self) -> bytes:
        problems = self.answers[min(self.queries, len(self.answers) - 1)]
        self.queries += 1
        return zpl_status(problems) if self.kind == "zpl" else tspl_status(problems)

    def _queries_in(self, data: bytes, start: int) -> tuple[int, int]:
        """Status queries in ``data`` from ``start``: (count, where scanning resumes)."""
        marker = {"zpl": ZPL_STATUS_QUERY, "tspl": TSPL_STATUS_QUERY}.get(self.kind)
        if marker is None:
            return 0, len(data)
        count = 0
        while (at := data.find(marker, start)) >= 0:
            start = at + len(marker)
            # a TSPL query counts between commands only, not inside bitmap data
            if self.kind != "tspl" or at == 0 or data[at - 2 : at] == b"\r\n":
                count += 1
        return count, max(start, len(data) - len(marker) + 1)

    def _serve(self) -> None:
        try:
            conn, _ = self._server.accept()
        except OSError:
            return
        with conn:
            if not self.reads:
                self._done.wait(30)
                return
            conn.settimeout(10)
            scanned = 0
            while True:
                limit = 65536
                if self.close_after is not None:
                    limit = self.close_after - len(self.received)
                    if limit <= 0:
                        return
                try:
                    chunk = conn.recv(limit)
                except OSError:
                    return
                if not chunk:
                    return
                self.received += chunk
                count, scanned = self._queries_in(self.received, scanned)
                if not self.silent:
                    for _n in range(count):
                        conn.sendall(self._answer())

    def wait(self) -> bytes:
        """Wait until the connection is closed and return everything that arrived."""
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "fake printer never saw the connection close"
        return self.received

    def __enter__(self) -> FakePrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        self._server.close()
        self._thread.join(timeout=10)


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
