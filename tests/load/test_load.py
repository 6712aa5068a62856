"""A small load test in CI: several visitors at once, two training; everyone answered, nobody mixed up.

Its latencies are printed, not asserted: a busy machine slows them and that says nothing about the app
(they are measured on a quiet machine by scripts/load_test.py, the classroom-size run; see the README).
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
    print({name: report[name]["p95_ms"] for name in ("health", "slider_on_idle_session", "active_visitors_releases")},
          "ms (p95)", report["trainer_samples_per_s"], "samples/s")
    assert report["isolation"]["ok"], report["isolation"]["problems"]
    assert report["active_visitors_releases"]["n"] >= 3                 # each of the 3 active visitors was answered
    assert all(rate > 0 for rate in report["trainer_samples_per_s"]), report["trainer_samples_per_s"]  # all progress
    assert report["rss_mb_per_session"] < 50
