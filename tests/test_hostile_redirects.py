"""Hostile redirects: loops, a 30-hop chain (by HTTP and by <meta http-equiv="refresh">), and redirects to internal addresses and other schemes.

The user names ``news.example.test`` (the net guard's resolver table maps it to 127.0.0.1; no DNS is
asked). Its pages redirect to addresses the user did not name: 127.0.0.1 and 127.0.0.2 (canary
servers that record any request), 169.254.169.254, 10.0.0.1, [::1], 0.0.0.0, numeric spellings of
127.0.0.2, and names that resolve to loopback, link-local or private addresses. The address guard
must refuse each before connecting: the canaries stay silent and the net guard records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.hostile.harness import Canaries, HostileRun, assert_contained, assert_no_leak, run_hostile_crawl
from tests.hostile.server import HostileServer, article_page, page, redirect

NAMED_HOST = "news.example.test"
NORMAL = {"/news/first-normal-article": "First normal article", "/news/second-normal-article": "Second normal article"}
REDIRECT_MAX_TIMES = 10  # the project's setting
CHAIN = 30


@dataclass
class Result:
    run: HostileRun
    site: HostileServer
    canaries: Canaries
    internal: dict[str, tuple[str, str]]  # path -> (target, guard refusal kind)


def meta_refresh(location: str):
    return page(f'<html><head><meta http-equiv="refresh" content="0; url={location}"></head><body></body></html>'.encode())


def add_loops_and_chain(routes, hop, *, loop: str, chain: str) -> None:
    """Two pages sending to each other and one to itself, under ``loop``; a chain of CHAIN hops under
    ``chain`` ending on an article. ``hop(location)`` makes each sending page."""
    routes[f"{loop}/a"] = hop(f"{loop}/b")
    routes[f"{loop}/b"] = hop(f"{loop}/a")
    routes[f"{loop}/self"] = hop(f"{loop}/self")
    for n in range(CHAIN):
        routes[f"{chain}/{n}"] = hop(f"{chain}/{n + 1}")
    routes[f"{chain}/{CHAIN}"] = article_page(f"The end of a {CHAIN}-hop chain")


def internal_targets(c: Canaries) -> dict[str, tuple[str, str]]:
    p1, p2 = c.local.port, c.other.port
    return {
        "/to/127.0.0.1": (f"http://127.0.0.1:{p1}/canary/127.0.0.1", "loopback"),
        "/to/127.0.0.2": (f"http://127.0.0.2:{p2}/canary/127.0.0.2", "loopback"),
        "/to/ipv6-loopback": (f"http://[::1]:{p1}/canary/ipv6", "loopback"),
        "/to/ipv4-mapped": (f"http://[::ffff:127.0.0.2]:{p2}/canary/ipv4-mapped", "loopback"),
        "/to/decimal": (f"http://2130706434:{p2}/canary/decimal", "loopback"),
        "/to/hex": (f"http://0x7f000002:{p2}/canary/hex", "loopback"),
        "/to/short-form": (f"http://127.2:{p2}/canary/short-form", "loopback"),
        "/to/userinfo": (f"http://{NAMED_HOST}@127.0.0.2:{p2}/canary/userinfo", "loopback"),
        "/to/scheme-relative": (f"//127.0.0.2:{p2}/canary/scheme-relative", "loopback"),
        "/to/localhost": (f"http://localhost:{p1}/canary/localhost", "loopback"),
        "/to/name-on-loopback": (f"http://rebind.example.test:{p2}/canary/rebind", "loopback"),
        "/to/unspecified": (f"http://0.0.0.0:{p1}/canary/unspecified", "unspecified"),
        "/to/metadata": ("http://169.254.169.254/latest/meta-data/iam/security-credentials/", "link-local"),
        "/to/metadata-name": ("http://metadata.example.test/latest/meta-data/", "link-local"),
        "/to/private": ("http://10.0.0.1/admin", "private"),
        "/to/private-name": ("http://intranet.example.test/", "private"),
    }


def other_schemes(secret_path) -> dict[str, str]:
    return {
        "/to/file": f"file://{secret_path}",
        "/to/passwd": "file:///etc/passwd",
        "/to/ftp": "ftp://127.0.0.2/etc/passwd",
        "/to/gopher": "gopher://127.0.0.2:70/_canary",
        "/to/data": "data:text/html,<p>injected</p>",
    }


MALFORMED = {
    "/to/javascript": "javascript:alert(1)",
    "/to/bad-port": f"http://{NAMED_HOST}:99999/x",
    "/to/bad-ipv6": "http://[::1/x",
}


@pytest.fixture(scope="module")
def crawl(netguard, canaries, secret, tmp_path_factory) -> Result:  # noqa: F811
    tmp = tmp_path_factory.mktemp("redirects")
    internal = internal_targets(canaries)
    with HostileServer(name="redirects") as site:
        routes = site.routes
        for path, title in NORMAL.items():
            routes[path] = article_page(title)
        add_loops_and_chain(routes, redirect, loop="/loop", chain="/chain")
        add_loops_and_chain(routes, meta_refresh, loop="/meta", chain="/meta-chain")
        for hop in range(3):
            routes[f"/short/{hop}"] = redirect(f"/short/{hop + 1}", status=301 + hop)
        routes["/short/3"] = article_page("The end of a short chain")
        for path, (target, _) in internal.items():
            routes[path] = redirect(target)
        for path, target in {**other_schemes(secret), **MALFORMED}.items():
            routes[path] = redirect(target)
        starts = [*NORMAL, "/loop/a", "/loop/self", "/chain/0", "/short/0", "/meta/a", "/meta/self", "/meta-chain/0", *internal, *other_schemes(secret), *MALFORMED]
        urls = ",".join(f"http://{NAMED_HOST}:{site.port}{path}" for path in starts)
        run = run_hostile_crawl(tmp, f"urls={urls}", feed=tmp / "out.jsonl")
    return Result(run, site, canaries, internal)


def named(crawl: Result, path: str) -> str:
    return f"http://{NAMED_HOST}:{crawl.site.port}{path}"


def test_the_normal_articles_and_a_short_chain_are_written(crawl):
    run = crawl.run
    assert run.returncode == 0, run.log
    assert run.stats["finish_reason"] == "finished"
    assert sorted(i["url"] for i in run.items) == sorted(named(crawl, p) for p in [*NORMAL, "/short/3"])
    assert run.seconds < 30
    assert run.crawl_rss_mib < 350


def test_internal_redirect_targets_are_refused_before_any_connection(crawl):
    run = crawl.run
    assert crawl.canaries.hits() == []  # nothing on loopback the user did not name was reached
    assert_contained(run)  # nothing beyond loopback was even attempted, no DNS asked
    kinds = [kind for _, kind in crawl.internal.values()]
    assert run.stat("newsclean/guard/refused") == len(kinds)
    for kind in set(kinds):
        assert run.stat(f"newsclean/guard/refused/{kind}") == kinds.count(kind), kind
    for host in ("169.254.169.254", "10.0.0.1", "127.0.0.1", "metadata.example.test", "rebind.example.test", "0.0.0.0"):
        assert f"Refused http://{host}" in run.log, host


def test_a_redirect_loop_ends(crawl):
    site = crawl.site
    assert len(site.hits_for("/loop/a")) == 1
    assert len(site.hits_for("/loop/b")) == 1
    assert len(site.hits_for("/loop/self")) == 1
    assert [len(site.hits_for(f"/meta/{p}")) for p in ("a", "b", "self")] == [1, 1, 1]


@pytest.mark.parametrize("prefix", ["/chain/", "/meta-chain/"])
def test_a_long_chain_stops_at_the_redirect_limit(crawl, prefix):
    site = crawl.site
    followed = [p for p in site.paths() if p.startswith(prefix)]
    assert followed == [f"{prefix}{hop}" for hop in range(REDIRECT_MAX_TIMES + 1)]
    assert not [i for i in crawl.run.items if prefix in i["url"]]


def test_redirects_to_other_schemes_are_not_followed(crawl, secret):  # noqa: F811
    run = crawl.run
    assert_no_leak(run, crawl.site)
    assert not [i for i in run.items if "/to/" in i["url"]]
    # ... and javascript:, which Location may hold though it is no address at all
    assert run.stat("newsclean/redirect/refused/scheme") == len(other_schemes(secret)) + 1


def test_malformed_redirects_do_not_stop_the_crawl(crawl):
    for path in MALFORMED:
        url = named(crawl, path)
        assert (
            f"Not following the malformed redirect of {url}" in crawl.run.log
            or f"Not following the redirect of {url} to a non-http(s) URL" in crawl.run.log
        ), path


def test_the_redirect_limit_is_logged_and_counted(crawl):
    run = crawl.run
    for chain in ("chain", "meta-chain"):
        assert f"WARNING: Discarding <GET {named(crawl, f'/{chain}/{REDIRECT_MAX_TIMES}')}>: max redirections reached" in run.log
    assert run.stat("newsclean/redirect/refused/too_many") == 2


def test_redirect_loops_are_logged_and_counted(crawl):
    run = crawl.run
    assert run.stat("newsclean/redirect/refused/loop") == 4  # two by HTTP, two by meta refresh
    assert f"Redirect loop at {named(crawl, '/loop/self')} (302)" in run.log
    assert f"Redirect loop at {named(crawl, '/meta/self')} (meta refresh)" in run.log
    assert f"Redirect loop at {named(crawl, '/meta/b')} (meta refresh)" in run.log


def test_redirects_to_other_schemes_are_logged_and_counted(crawl, secret):  # noqa: F811
    run = crawl.run
    assert run.stat("newsclean/redirect/refused/scheme") == len(other_schemes(secret)) + 1  # + javascript:
    assert f"Not following the redirect of {named(crawl, '/to/ftp')} to a non-http(s) URL" in run.log


def test_malformed_redirects_are_logged_and_counted_without_a_traceback(crawl):
    run = crawl.run
    assert "ValueError" not in run.log
    assert "Traceback" not in run.log
    assert run.stat("newsclean/redirect/refused/malformed") == 2
