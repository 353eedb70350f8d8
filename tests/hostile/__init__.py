"""Hostile-server tests: a loopback-only network safety net, shared by the test process and crawls.

Nothing in these tests may send a packet outside 127.0.0.0/8 or ::1, nor ask a DNS server about a
name. :func:`install` wraps the socket calls that could (``connect``/``connect_ex``/``sendto``/
``sendmsg``, ``create_connection`` and the name lookups) so that:

* a connection or datagram to a non-loopback address is refused *before* the real call: it raises
  ``PermissionError`` and the attempt is recorded;
* host names are answered from a fixed table (``localhost`` plus ``NEWSCLEAN_TEST_HOSTS``:
  ``name=address,…``) and numeric forms (``127.1``, ``2130706434``) locally; any other name is
  refused (``socket.gaierror``) and recorded, so no DNS query ever leaves the machine.

Crawl subprocesses get it twice over: the launcher (:data:`LAUNCHER`) installs it before Scrapy is
imported, and a ``sitecustomize.py`` written into a temporary folder first on ``PYTHONPATH``
(:func:`write_sitecustomize`) installs it in every further Python process, e.g. the extraction
workers. Violations go, one line each, to the file ``NEWSCLEAN_TEST_NETGUARD_LOG`` names; at exit
each process appends its peak RSS to ``NEWSCLEAN_TEST_RSS_LOG``.

Only the standard library is imported here: this module runs at interpreter start-up.
"""

from __future__ import annotations

import atexit
import ipaddress
import os
import socket
import sys
from pathlib import Path

ENV_LOG = "NEWSCLEAN_TEST_NETGUARD_LOG"
ENV_HOSTS = "NEWSCLEAN_TEST_HOSTS"
ENV_RSS = "NEWSCLEAN_TEST_RSS_LOG"

# The crawl subprocess: install the net guard, then run `scrapy …` as `python -m scrapy` would.
LAUNCHER = (
    "import sys; import tests.hostile as h; h.install(); "
    "from scrapy.cmdline import execute; execute(['scrapy', *sys.argv[1:]])"
)

SITECUSTOMIZE = """\
# Written by tests/hostile: every Python process of a hostile-test crawl gets the loopback-only net guard.
import os
if os.environ.get("NEWSCLEAN_TEST_NETGUARD_LOG"):
    import tests.hostile
    tests.hostile.install()
"""

_ORIGINAL: dict[str, object] = {}
_state: dict[str, object] = {"installed": False, "violations": []}


def is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


def _record(kind: str, detail: str) -> None:
    line = f"{kind} {detail} pid={os.getpid()}"
    violations = _state["violations"]
    assert isinstance(violations, list)
    violations.append(line)
    path = os.environ.get(ENV_LOG)
    if path:
        try:
            with open(path, "a", encoding="utf-8") as log:
                log.write(line + "\n")
        except OSError:
            pass


def _hosts_table() -> dict[str, str]:
    table = {"localhost": "127.0.0.1", "localhost.localdomain": "127.0.0.1"}
    for pair in os.environ.get(ENV_HOSTS, "").split(","):
        name, _, address = pair.partition("=")
        if name.strip() and address.strip():
            table[name.strip().lower().rstrip(".")] = address.strip()
    return table


def lookup(name: str | bytes | None) -> str | None:
    """The address the safety net lets ``name`` resolve to, or None (refused)."""
    if name is None:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    bare = name.strip("[]").lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(bare.split("%", 1)[0]))
    except ValueError:
        pass
    try:  # inet_aton's numeric forms (127.1, 0x7f000001, 2130706433): decoded locally, no DNS
        return socket.inet_ntoa(socket.inet_aton(bare))
    except (OSError, UnicodeError, ValueError):
        pass
    return _hosts_table().get(bare)


def _address_host(address: object) -> str | None:
    if isinstance(address, tuple) and address:
        host = address[0]
        return host.decode() if isinstance(host, bytes) else str(host)
    return None  # AF_UNIX paths and the like: not network traffic


def _check_address(sock: socket.socket, address: object, what: str) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = _address_host(address)
    if host is None:
        return
    if not is_loopback(host):
        _record(what, f"{host} {address!r}")
        raise PermissionError(f"hostile-test net guard: {what} to non-loopback {address!r} refused")


def _wrap_method(name: str):
    original = getattr(socket.socket, name)

    def wrapper(self, *args, **kwargs):
        if name in ("connect", "connect_ex"):
            address = args[0] if args else kwargs.get("address")
        elif name == "sendto":
            address = args[-1] if len(args) >= 2 else kwargs.get("address")
        else:  # sendmsg(buffers[, ancdata[, flags[, address]]])
            address = args[3] if len(args) > 3 else kwargs.get("address")
        if address is not None:
            _check_address(self, address, name)
        return _ORIGINAL[name](self, *args, **kwargs)  # type: ignore[operator]

    wrapper.__name__ = name
    wrapper.__wrapped__ = original  # type: ignore[attr-defined]
    return original, wrapper


def _getaddrinfo(host, port, *args, **kwargs):
    if host is None:
        return _ORIGINAL["getaddrinfo"](host, port, *args, **kwargs)  # type: ignore[operator]
    address = lookup(host)
    if address is None:
        _record("dns", repr(host))
        raise socket.gaierror(socket.EAI_NONAME, f"hostile-test net guard: no lookup of {host!r}")
    return _ORIGINAL["getaddrinfo"](address, port, *args, **kwargs)  # type: ignore[operator]


def _gethostbyname(host):
    address = lookup(host)
    if address is None or ":" in address:
        _record("dns", repr(host))
        raise socket.gaierror(socket.EAI_NONAME, f"hostile-test net guard: no lookup of {host!r}")
    return address


def _gethostbyname_ex(host):
    return (host, [], [_gethostbyname(host)])


def _refuse_reverse(address, *args, **kwargs):
    if is_loopback(str(address)):
        return ("localhost", [], [str(address)])
    _record("dns", f"reverse {address!r}")
    raise socket.herror(1, "hostile-test net guard: no reverse lookups")


def _create_connection(address, *args, **kwargs):
    host = _address_host(address)
    if host is not None:
        resolved = lookup(host)
        if resolved is None or not is_loopback(resolved):
            _record("create_connection", repr(address))
            raise PermissionError(f"hostile-test net guard: connection to {address!r} refused")
    return _ORIGINAL["create_connection"](address, *args, **kwargs)  # type: ignore[operator]


def install() -> None:
    """Wrap the socket module (idempotent). Violations raise and are recorded."""
    if _state["installed"]:
        return
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        original, wrapper = _wrap_method(name)
        _ORIGINAL[name] = original
        setattr(socket.socket, name, wrapper)
    for name, replacement in (
        ("getaddrinfo", _getaddrinfo),
        ("gethostbyname", _gethostbyname),
        ("gethostbyname_ex", _gethostbyname_ex),
        ("gethostbyaddr", _refuse_reverse),
        ("create_connection", _create_connection),
    ):
        _ORIGINAL[name] = getattr(socket, name)
        setattr(socket, name, replacement)
    _state["installed"] = True
    if os.environ.get(ENV_RSS):
        atexit.register(_write_rss)


def uninstall() -> None:
    if not _state["installed"]:
        return
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, _ORIGINAL[name])
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
        setattr(socket, name, _ORIGINAL[name])
    _ORIGINAL.clear()
    _state["installed"] = False


def violations() -> list[str]:
    found = _state["violations"]
    assert isinstance(found, list)
    return list(found)


def clear_violations() -> None:
    found = _state["violations"]
    assert isinstance(found, list)
    found.clear()


def _write_rss() -> None:
    try:
        import resource

        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child = "multiprocessing" in sys.modules and sys.modules["multiprocessing"].parent_process() is not None
        with open(os.environ[ENV_RSS], "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {peak_kib} {'child' if child else 'main'} {' '.join(sys.argv[:2])[:120]}\n")
    except Exception:  # noqa: BLE001 - never disturb the process's exit
        pass


def write_sitecustomize(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sitecustomize.py"
    path.write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder
