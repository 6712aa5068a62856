"""A class of 30 on this machine, through the app's pages: p95 of every kind of interaction, how fast
"everyone to step N" reaches every student, and what survives the server being killed.

    python scripts/class_load.py                      # SQLite in a temporary data directory, 60 s
    python scripts/class_load.py --postgres URL       # the same against a PostgreSQL (DATABASE_URL)
    python scripts/class_load.py --seconds 30 --students 12 --trainers 2
    python scripts/class_load.py --url http://127.0.0.1:8080 --postgres URL   # replicas you started (no restart)

Starts `streamlit run app.py` on a free port of 127.0.0.1 with its own store, runs
tests/load/classroom_run.py (a teacher, 24 students interacting every 2-4 s, 5 training at full
speed), then kills the server with SIGKILL, starts it again on the same store and checks that every
answer and drawing is still there. Prints one JSON report.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import AppServer  # noqa: E402
from tests.load.classroom_run import class_run  # noqa: E402
from tests.load.protocol import run_coroutine  # noqa: E402


def counts(code: str, key: str) -> dict:
    """What the store holds for the class, read the teacher's way (the same store the server uses)."""
    from classroom.rooms import Rooms
    from classroom.store import open_engine

    engine = open_engine()
    try:
        console = Rooms(engine).console(code, key, "class_load")
        return {"students": len(console.nicknames), "answers": len(console.answers), "drawings": console.drawing_count}
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=25, help="students interacting every 2-4 s")
    parser.add_argument("--moves", type=int, default=10, help="times the teacher moves everyone")
    parser.add_argument("--follow-only", action="store_true",
                        help="the pacing measurement: the students only follow the moves (no sliders, no drawings)")
    parser.add_argument("--trainers", type=int, default=5, help="students training at full speed")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--postgres", help="a PostgreSQL URL to use as the store instead of SQLite")
    parser.add_argument("--url", help="servers already running on that store (deploy/replicas.sh); not restarted")
    args = parser.parse_args()
    if args.url:
        if args.postgres:
            os.environ["DATABASE_URL"] = args.postgres
        report = run_coroutine(class_run(args.url, args.students, args.trainers, args.seconds, args.moves, not args.follow_only))
        report["store"] = "postgresql" if args.postgres else "the servers' own"
        report["stored"] = counts(report["class_code"], report.pop("teacher_key")) if args.postgres else None
        print(json.dumps(report, indent=2))
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NN_DATA_DIR"] = folder
        if args.postgres:
            os.environ["DATABASE_URL"] = args.postgres
        else:
            os.environ.pop("DATABASE_URL", None)
        server = AppServer(Path(folder))
        try:
            report = run_coroutine(class_run(server.url, args.students, args.trainers, args.seconds, args.moves,
                                             not args.follow_only))
            report["store"] = "postgresql" if args.postgres else "sqlite (WAL)"
            key = report.pop("teacher_key")
            report["before_kill"] = counts(report["class_code"], key)
            report["gone_fragment_lines"] = server.log.read_text().count("does not exist anymore")
            server.process.kill()                      # no clean shutdown
            server.process.wait(timeout=10)
            again = AppServer(Path(folder))
            report["after_restart"] = counts(report["class_code"], key)
            again.stop()
        finally:
            server.stop()
    report["nothing_lost"] = report["after_restart"] == report["before_kill"] and \
        report["after_restart"]["drawings"] >= report["acknowledged_drawings"]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
