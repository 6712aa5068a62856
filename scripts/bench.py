"""Print the speed figures the issues ask for (a benchmark, not a timed test).

    python scripts/bench.py            # the core: training samples/s, forward latency, time to 90 %
    python scripts/bench.py --json     # the same numbers as JSON
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nn_core.bench import run_benchmark  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="time per measurement")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON at the end")
    args = parser.parse_args()
    results = run_benchmark(seconds=args.seconds)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
