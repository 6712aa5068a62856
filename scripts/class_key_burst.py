"""What N wrong teacher keys sent at the same moment cost the other classes on the server (issue 23, F2).

The store's API from threads, as N sessions' script threads call it: each burst, N devices try a wrong key for a
class of the attacker's own, while another class goes on: three students follow it (about 5 a second each), a
late student joins (about 5 a second) and its teacher's console refreshes (once a second). Printed per store:
the other class's join, follow and console p95 and max without an attack and during the bursts, and how many
requests failed with anything but the classroom's own sentences (the review saw the pool's TimeoutError).

    python scripts/class_key_burst.py sqlite:///tmp/burst.sqlite3 [N=100] [BURSTS=3]
    python scripts/class_key_burst.py postgresql+psycopg://user:pw@127.0.0.1/db [N=100] [BURSTS=3]
"""
from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classroom.rooms import ClassroomError, Rooms  # noqa: E402
from classroom.store import open_engine  # noqa: E402


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


class OtherClass:
    """A class going on beside the attack: followers, a late joiner, the console; every call's seconds."""

    def __init__(self, rooms: Rooms):
        self.rooms = rooms
        self.opened = rooms.open_class()
        self.seats = [rooms.join(self.opened.code, f"s{i}", "10.2.0.1") for i in range(3)]
        self.seconds: dict[str, list[float]] = {"join": [], "follow": [], "console": []}
        self.failed = Counter()
        self.stop = threading.Event()

    def _timed(self, what: str, call, pause: float) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                call()
            except ClassroomError:
                pass
            except Exception as exc:  # noqa: BLE001
                self.failed[f"{what}: {type(exc).__name__}"] += 1
            self.seconds[what].append(time.perf_counter() - started)
            self.stop.wait(pause)

    def run(self) -> list[threading.Thread]:
        joined = iter(range(10**6))
        calls = [("follow", lambda seat=seat: self.rooms.follow(seat.token), 0.2) for seat in self.seats]
        calls.append(("join", lambda: self.rooms.join(self.opened.code, f"late{next(joined)}", "10.2.0.2"), 0.2))
        calls.append(("console", lambda: self.rooms.console(self.opened.code, self.opened.teacher_key, "10.2.0.3"), 1.0))
        threads = [threading.Thread(target=self._timed, args=call) for call in calls]
        for thread in threads:
            thread.start()
        return threads

    def measure(self, seconds_or_work) -> dict[str, list[float]]:
        self.seconds = {"join": [], "follow": [], "console": []}
        self.stop.clear()
        threads = self.run()
        if callable(seconds_or_work):
            seconds_or_work()
        else:
            time.sleep(seconds_or_work)
        self.stop.set()
        for thread in threads:
            thread.join()
        return self.seconds


def burst(rooms: Rooms, n: int, failed: Counter) -> float:
    code = rooms.open_class().code
    sign_in = getattr(rooms, "sign_in", rooms.console)   # before issue 23 the console's first call signed in
    barrier = threading.Barrier(n)

    def wrong(i: int) -> None:
        barrier.wait()
        try:
            sign_in(code, f"wrong-{i}", f"10.41.{i // 250}.{i % 250}")
        except ClassroomError:
            pass
        except Exception as exc:  # noqa: BLE001
            failed[f"attacker: {type(exc).__name__}"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=wrong, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main() -> None:
    url = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    bursts = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rooms = Rooms(open_engine(url))
    other = OtherClass(rooms)
    other.measure(1.0)                     # warm: the pool's first connections, the first reads
    quiet = other.measure(3.0)
    attacked: dict[str, list[float]] = {"join": [], "follow": [], "console": []}
    failed, walls = Counter(), []
    for _ in range(bursts):
        seen = other.measure(lambda: walls.append(burst(rooms, n, failed)))
        for what, values in seen.items():
            attacked[what] += values
    failed.update(other.failed)
    print(f"{url.split(':')[0]}: {bursts} bursts of {n} wrong keys at once, each over in "
          f"{', '.join(f'{w:.1f}' for w in walls)} s; requests failed other than with a sentence: {dict(failed) or 0}")
    for what in ("join", "follow", "console"):
        print(f"  the other class's {what:8s} p95 {p95(quiet[what]) * 1000:7.0f} ms quiet → "
              f"{p95(attacked[what]) * 1000:7.0f} ms during the bursts (max {max(attacked[what], default=0) * 1000:.0f} "
              f"ms, {len(attacked[what])} calls)")


if __name__ == "__main__":
    main()
