"""A small load test in CI: several visitors at once, two training; everyone answered, nobody mixed up.

The classroom-size run (30 visitors, five training) is scripts/load_test.py; see the README.
"""
import pytest

from tests.browser.harness import AppServer
from tests.load.protocol import run_coroutine
from tests.load.run import load_run


@pytest.mark.slow
def test_several_visitors_two_training(tmp_path):
    server = AppServer(tmp_path)
    try:
        report = run_coroutine(load_run(server.url, server.process.pid, idle=6, trainers=2, seconds=8, active=3))
    finally:
        server.stop()
    assert report["isolation"]["ok"], report["isolation"]["problems"]
    assert report["health"]["p95_ms"] < 500
    assert report["slider_on_idle_session"]["p95_ms"] < 500
    assert report["active_visitors_releases"]["n"] >= 6 and report["active_visitors_releases"]["p95_ms"] < 500
    assert all(rate > 1_000 for rate in report["trainer_samples_per_s"]), report["trainer_samples_per_s"]  # all progress
    assert report["rss_mb_per_session"] < 50
