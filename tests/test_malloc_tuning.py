"""MallocTuning: big blocks go back to the system when freed, so a crawl's memory follows its pages."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from crawler.extraction import MallocTuning
from crawler.pipelines import malloc_tuning
from tests.test_pipeline import make_pipeline, run_open
from crawler.settings import NEWSCLEAN_MALLOC_MMAP_THRESHOLD, NEWSCLEAN_MALLOC_TRIM_THRESHOLD
from scrapy.settings import Settings

# A 6 MB block freed raises glibc's default mmap threshold to 6 MB; the 5 MB block after it then
# comes from the heap and stays resident once freed (below the raised 12 MB trim threshold).
PROBE = """
import sys
from crawler.extraction import MallocTuning

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096

if sys.argv[1] == "tuned":
    assert MallocTuning(int(sys.argv[2]), int(sys.argv[3])).apply()
block = b"x" * (6 << 20)
del block
before = rss()
block = b"x" * (5 << 20)
del block
print(rss() - before)
"""


def retained_after_free() -> int:
    """RSS kept by a 5 MB block freed after a 6 MB one (see PROBE), in this process."""
    def rss() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096

    block = b"x" * (6 << 20)
    del block
    before = rss()
    block = b"x" * (5 << 20)
    del block
    return rss() - before


def kept_after_free(*args: str) -> int:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_a_freed_page_sized_block_goes_back_to_the_system():
    tuned = kept_after_free("tuned", str(NEWSCLEAN_MALLOC_MMAP_THRESHOLD), str(NEWSCLEAN_MALLOC_TRIM_THRESHOLD))
    assert tuned < 1 << 20
    assert kept_after_free("default") >= 4 << 20  # what the tuning is for


def test_zero_thresholds_leave_malloc_alone():
    assert MallocTuning().apply() is True


@pytest.mark.parametrize("value", [-1, 2**31])
@pytest.mark.parametrize("name", ["NEWSCLEAN_MALLOC_MMAP_THRESHOLD", "NEWSCLEAN_MALLOC_TRIM_THRESHOLD"])
def test_settings_out_of_range_are_refused_with_their_name(name, value):
    with pytest.raises(ValueError, match=r"invalid NEWSCLEAN_MALLOC_\* setting: \w+_threshold must be 0 \(glibc's default\) to 2147483647 bytes"):
        malloc_tuning(Settings({name: value}))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_extraction_workers_get_the_tuning():
    pipeline = make_pipeline()

    async def scenario() -> int:
        return await asyncio.wrap_future(pipeline.executor.submit(retained_after_free))

    assert run_open(pipeline, scenario) < 1 << 20
