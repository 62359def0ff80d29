"""How long `kzps check` takes on one candidate, against importing its frameworks.

The goal (issue 3) compares the median of paired runs of

    kzps check examples/category-one-specialist.yaml
    python -c "import typer, pydantic, yaml"

Each pair runs back to back, so both see the same machine load. Run it with the
`kzps` of the environment under test on PATH (a plain `pip install .`, so that
the package's byte code is compiled as users get it):

    python benchmarks/check_startup.py --runs 30
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "examples" / "category-one-specialist.yaml"
BASELINE = [sys.executable, "-c", "import typer, pydantic, yaml"]


def elapsed(command: list[str]) -> float:
    """Wall time of one run, in seconds; the run must succeed."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median time of `command`, of the baseline, and median of paired ratios."""
    elapsed(command)  # warm the cache of the validated rules and the OS file cache
    ours, base, ratios = [], [], []
    for _ in range(runs):
        b = elapsed(BASELINE)
        o = elapsed(command)
        ours.append(o)
        base.append(b)
        ratios.append(o / b)
    return statistics.median(ours), statistics.median(base), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    kzps = shutil.which("kzps")
    if kzps is None:
        sys.exit("kzps is not on PATH: pip install . first")
    print(f"{'command':<40} {'median s':>9} {'baseline s':>11} {'ratio':>7}")
    for output in ("table", "json"):
        command = [kzps, "check", str(EXAMPLE), "--format", output]
        ours, base, ratio = measure(command, args.runs)
        print(f"{'kzps check --format ' + output:<40} {ours:>9.3f} {base:>11.3f} {ratio:>7.2f}")


if __name__ == "__main__":
    main()
