"""The hostile tests' safety net: nothing beyond loopback, no DNS, in the test process and in crawls.

These checks never risk a packet either: the real socket calls are swapped for recorders before
anything outside loopback is attempted, and the subprocess check refuses to try unless the net
guard is in place.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

import tests.hostile as netguard_module
from tests.conftest import PROJECT_ROOT
from tests.hostile.harness import run_hostile_crawl
from tests.hostile.server import HostileServer, article_page

OUTSIDE = [("192.0.2.1", 80), ("10.0.0.1", 80), ("169.254.169.254", 80), ("2001:db8::1", 80, 0, 0)]


@pytest.fixture
def recorded_real_calls(monkeypatch):
    """The net guard installed, with the real socket functions behind it replaced by recorders."""
    netguard_module.install()
    netguard_module.clear_violations()
    calls: list[tuple] = []

    def recorder(name):
        def fake(*args, **kwargs):
            calls.append((name, args[1:] if name in ("connect", "connect_ex", "sendto") else args))
            return 0
        return fake

    for name in ("connect", "connect_ex", "sendto", "sendmsg", "getaddrinfo", "create_connection"):
        monkeypatch.setitem(netguard_module._ORIGINAL, name, recorder(name))
    try:
        yield calls
    finally:
        monkeypatch.undo()
        netguard_module.uninstall()
        netguard_module.clear_violations()


def test_connections_beyond_loopback_are_refused_before_the_real_call(recorded_real_calls):
    for address in OUTSIDE:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            with pytest.raises(PermissionError):
                sock.connect(address)
            with pytest.raises(PermissionError):
                sock.connect_ex(address)
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            with pytest.raises(PermissionError):
                sock.sendto(b"x", address)
    with pytest.raises(PermissionError):
        socket.create_connection(("192.0.2.1", 80))
    assert recorded_real_calls == []
    assert len(netguard_module.violations()) == 3 * len(OUTSIDE) + 1


def test_loopback_goes_through(recorded_real_calls):
    with socket.socket() as sock:
        sock.connect(("127.0.0.2", 9))
    with socket.socket(socket.AF_INET6) as sock:
        sock.connect(("::1", 9, 0, 0))
    assert [name for name, _ in recorded_real_calls] == ["connect", "connect"]
    assert netguard_module.violations() == []


def test_names_are_answered_locally_or_refused(recorded_real_calls, monkeypatch):
    monkeypatch.setenv(netguard_module.ENV_HOSTS, "news.example.test=127.0.0.1")
    assert socket.gethostbyname("localhost") == "127.0.0.1"
    assert socket.gethostbyname("news.example.test") == "127.0.0.1"
    assert socket.gethostbyname("2130706434") == "127.0.0.2"  # numeric forms: no DNS needed
    assert socket.gethostbyname("127.1") == "127.0.0.1"
    for name in ("example.com", "metadata.google.internal", "news.example.test.evil"):
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo(name, 80)
        with pytest.raises(socket.gaierror):
            socket.gethostbyname(name)
    socket.getaddrinfo("news.example.test", 80)
    assert [call[1][0] for call in recorded_real_calls] == ["127.0.0.1"]  # only the mapped name was passed on
    assert sum(v.startswith("dns ") for v in netguard_module.violations()) == 6


SUBPROCESS_CHECK = """
import socket, sys
import tests.hostile as h
if not (h._state["installed"] and hasattr(socket.socket.connect, "__wrapped__")):
    print("NOT INSTALLED"); sys.exit(3)   # never try anything without the guard
def fake(*a, **k):
    print("REAL CALL"); sys.exit(4)
h._ORIGINAL.update(connect=fake, getaddrinfo=fake)
try:
    socket.socket().connect(("192.0.2.1", 80))
except PermissionError:
    pass
try:
    socket.getaddrinfo("example.com", 80)
except socket.gaierror:
    print("GUARDED")
"""


def test_every_python_process_of_a_crawl_gets_the_guard(tmp_path):
    hook = netguard_module.write_sitecustomize(tmp_path / "hook")
    log = tmp_path / "violations.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(PROJECT_ROOT)]),
           netguard_module.ENV_LOG: str(log)}
    done = subprocess.run([sys.executable, "-c", SUBPROCESS_CHECK], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "GUARDED", done.stdout + done.stderr
    lines = log.read_text().splitlines()
    assert [line.split()[0] for line in lines] == ["connect", "dns"]


def test_a_crawl_and_its_extraction_workers_run_inside_the_guard(tmp_path, netguard):  # noqa: F811
    with HostileServer() as site:
        site.routes["/a"] = article_page("A normal article about the guard")
        run = run_hostile_crawl(tmp_path, f"urls={site.url('a')}", feed=tmp_path / "out.jsonl")
    assert run.returncode == 0, run.log
    assert [i["url"] for i in run.items] == [site.url("a")]
    assert run.violations == []
    # Each process that installed the guard reports its peak RSS at exit: the crawl and its workers.
    assert run.crawl_rss_mib > 0
    assert sum(" child -c crawl" in who for who in run.peak_rss_mib) >= 1, run.peak_rss_mib
