"""The loopback server every test site and the benchmark run on."""

from __future__ import annotations

import http.client
from http.server import BaseHTTPRequestHandler

import pytest

from crawler.loopback import LoopbackServer


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize("host", ["10.0.0.1", "0.0.0.0", "192.168.1.1"])
def test_refuses_non_loopback_addresses_before_binding(host):
    with pytest.raises(ValueError, match="loopback only"):
        LoopbackServer(_Hello, host)


def test_serves_until_closed_then_refuses_connections():
    with LoopbackServer(_Hello, "127.0.0.1") as server:
        assert server.url("a/b") == f"http://127.0.0.1:{server.port}/a/b"
        assert get(server.port, "/a/b") == b"/a/b"
    with pytest.raises(OSError):
        get(server.port, "/a/b")


def get(port: int, path: str) -> bytes:
    # http.client, not urllib: no proxy from the environment can take the request off loopback.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().read()
    finally:
        connection.close()
