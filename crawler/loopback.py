"""An HTTP server on a loopback address, serving from a background thread.

The benchmark's mirror, the bundled sample sites and the hostile test servers all run on it, so
each only says how to answer a request.
"""

from __future__ import annotations

import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class LoopbackServer:
    """Serves ``handler`` on ``host:port`` (port 0: any free one); use as a context manager."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1", port: int = 0, *,
                 name: str = "loopback-server", poll_interval: float = 0.5, request_queue_size: int = 5):
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"test and benchmark servers listen on loopback only, not {host}")
        # Daemon handler threads: a client that never hangs up cannot keep the process alive.
        server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": request_queue_size, "daemon_threads": True})
        self.httpd = server_class((host, port), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": poll_interval},
                                        name=name, daemon=True)

    @property
    def host(self) -> str:
        return self.httpd.server_address[0]

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def serve_until_interrupted(self) -> None:
        """Block until Ctrl-C (the server keeps answering meanwhile)."""
        try:
            self._thread.join()
        except KeyboardInterrupt:
            pass

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
