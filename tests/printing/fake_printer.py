"""A fake network label printer: a real TCP server on loopback that keeps what it receives."""

from __future__ import annotations

import socket
import threading
from types import TracebackType


class FakePrinter:
    """Accepts one connection on 127.0.0.1, reads until the sender closes, keeps the bytes."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(10)
        self.host, self.port = self._server.getsockname()[:2]
        self.received = b""
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        conn, _ = self._server.accept()
        with conn:
            conn.settimeout(10)
            chunks: list[bytes] = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        self.received = b"".join(chunks)

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
        self._server.close()


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
