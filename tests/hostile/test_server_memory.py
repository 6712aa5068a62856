"""Memory bounded before it is used, measured on the real server's resident memory (RSS, by PID)."""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from tests.hostile_corpus import pixels_bomb
from tests.load.protocol import Session, run_coroutine


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class PeakRss:
    """The highest RSS of a process while the block runs (sampled every 10 ms)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, rss_mb(pid), threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._watch)
        self._thread.start()
        return self

    def _watch(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


async def visit(url: str, query: str) -> list[str]:
    session = Session(url, "", query)
    result = await session.connect()
    await session.close()
    return result.texts + result.exceptions


@pytest.mark.slow
def test_ten_visits_with_a_400_mb_pixels_bomb_cost_the_server_almost_nothing(own_server):
    """The review measured +630 MB RSS per such visit; now the link is refused before anything is inflated."""
    bomb = pixels_bomb(400_000_000)
    assert 400_000 < len(bomb) < 524_288                        # under Streamlit's cap on a query string
    run_coroutine(visit(own_server.url, ""))                           # warm: the first visit loads the models
    before = rss_mb(own_server.process.pid)
    with PeakRss(own_server.process.pid) as memory:
        async def ten():
            return await asyncio.gather(*(visit(own_server.url, f"pixels={bomb}") for _ in range(10)))
        results = run_coroutine(ten())
    assert all(not any("Traceback" in text for text in texts) for texts in results)
    print(f"RSS before {before:.0f} MB, peak {memory.peak:.0f} MB during ten bomb visits")
    assert memory.peak - before < 60, (before, memory.peak)
