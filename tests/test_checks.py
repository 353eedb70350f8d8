"""crawler.checks: a bad setting is one error line and exit status 2 before anything starts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from crawler import settings as project
from crawler.checks import check_settings
from tests.conftest import PROJECT_ROOT, run_crawl


def settings(**overrides: object) -> Settings:
    values = Settings()
    values.setmodule(project, priority="project")
    values.update(overrides, priority="cmdline")
    return values


def test_the_projects_own_settings_pass():
    check_settings(settings())


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSCLEAN_MAX_PAGES_PER_SITE", "abc", "NEWSCLEAN_MAX_PAGES_PER_SITE='abc': expected a whole number"),
        ("NEWSCLEAN_INCLUDE_REMOVALS", "maybe", "expected True or False"),
        ("NEWSCLEAN_MAX_REMOVED_SHARE", "half", "expected a number"),
        ("DOWNLOAD_TIMEOUT", "abc", "DOWNLOAD_TIMEOUT='abc': expected a number"),
        ("NEWSCLEAN_NEAR_DUPLICATE_DISTANCE", "9", "NEWSCLEAN_NEAR_DUPLICATE_DISTANCE must be 0..7 bits"),
        ("NEWSCLEAN_NEAR_DUPLICATE_DAYS", "-1", "NEWSCLEAN_NEAR_DUPLICATE_DAYS must be >= 0"),
        ("NEWSCLEAN_NEAR_DUPLICATES", "bogus", "NEWSCLEAN_NEAR_DUPLICATES must be one of"),
        ("NEWSCLEAN_PROGRESS", "maybe", "NEWSCLEAN_PROGRESS must be auto"),
        ("NEWSCLEAN_HEALTH_EMPTY_RATE", "2", "NEWSCLEAN_HEALTH_EMPTY_RATE must be in (0, 1]"),
        ("NEWSCLEAN_LEARN_MIN_ARTICLES", "1", "NEWSCLEAN_LEARN_MIN_ARTICLES must be at least 2"),
        ("NEWSCLEAN_EXTRACT_WORKERS", "-2", "NEWSCLEAN_EXTRACT_WORKERS must be >= 1"),
        ("NEWSCLEAN_DISABLED_RULES", "newsletter,nosuchrule", "unknown rule(s) nosuchrule"),
    ],
)
def test_a_bad_value_is_named(name, value, message):
    with pytest.raises(UsageError, match=None) as raised:
        check_settings(settings(**{name: value}))
    assert message in str(raised.value)


def test_numbers_scrapy_reads_as_fractions_and_known_rules_pass():
    check_settings(settings(DOWNLOAD_DELAY="0.5", DOWNLOAD_TIMEOUT="7.5", NEWSCLEAN_DISABLED_RULES="newsletter,form-widget,offer-box,other-story"))


def test_a_crawl_with_a_bad_setting_exits_2_with_one_error_line(tmp_path):
    run = run_crawl(tmp_path, "urls=http://127.0.0.1:9/never.html", settings={"NEWSCLEAN_NEAR_DUPLICATES": "bogus"})
    assert run.returncode == 2
    assert "NEWSCLEAN_NEAR_DUPLICATES must be one of" in run.log and "Traceback" not in run.log


@pytest.mark.parametrize(
    "args, settings, line",
    [
        (("urls=notaurl",), {}, "scrapy: error: spider 'news': -a urls: 'notaurl' is not an http(s) URL"),
        (("urls=http://127.0.0.1:9/a", "urls=http://127.0.0.1:9/b"), {},
         "scrapy: error: -a urls is given more than once: give one (several URLs: -a urls=URL,URL or -a urls=@FILE)"),
        (("urls=http://127.0.0.1:9/a",), {"DOWNLOAD_DELAY": "soon"},
         "scrapy: error: setting DOWNLOAD_DELAY='soon': expected a number"),
    ],
    ids=["argument", "repeated-argument", "setting"],
)
def test_a_usage_error_is_the_commands_only_line(tmp_path, args, settings, line):
    # No start-up banner, no usage text: cron mails and scripts get the one line that matters.
    run = run_crawl(tmp_path, *args, settings=settings)
    assert run.returncode == 2
    assert [text for text in run.log.splitlines() if text.strip()] == [line]


def test_an_unknown_spider_is_a_usage_error():
    done = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "nosuch"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert (done.stdout + done.stderr).strip() == "scrapy: error: no spider named 'nosuch' (this project has: news)"


def test_the_crawl_process_does_not_load_trafilatura():
    # Extraction runs in the workers; the Scrapy process (and its settings check) stays light.
    code = ("import sys, crawler.checks, crawler.pipelines, crawler.spiders.news, crawler.commands.crawl; "
            "sys.exit('trafilatura' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT).returncode == 0
