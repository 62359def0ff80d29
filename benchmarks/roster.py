"""How fast `kzps roster` checks a staff list, against merely reading it with csv.reader.

The goals (issue "One engine, fast") at 200,000 rows, as a multiple of the time
csv.reader takes to read the same file: every row a new situation at most 8 ×, the
typical HR profile at most 6 ×, repeated situations at most 3 ×; at most 100 MB of
peak memory, and 1,000,000 rows within 5.5 × the time of 200,000. The generated
rosters look like an HR export (Russian headers, `;`, UTF-8 with BOM, valid IINs) in
one of three profiles:

- `repeated`: 60 situations (education, grade, date, totals) shared by everyone, each
  row with its own id, name and IIN: what the roster costs apart from the engine;
- `typical`: grades assigned on attestation days (the 1st and 15th of each month over
  ten years), experience totals filled in for some rows only, as the issue's aliases
  suggest; many rows share a situation, which is what the memo is for;
- `varied`: every row a different day and different totals: the worst case, where
  nearly every row costs one decision.

Each size is run in fresh processes (`kzps roster FILE -o OUT.csv -q`, with
`--jobs N` if given: by default kzps checks a long list on every core, up to 4),
after one `kzps check` has filled the user's cache (the first run after an install
validates the standard, once, and no timed run should pay for it), timed by the
wall clock, the best of `--repeat` runs (3; a shared machine's noise
only ever adds time), with the largest peak resident memory the kernel reports for it
(wait4: the largest of the process and its helpers, each counted alone). The baseline
is the best of at least seven fresh processes that read the same file with
csv.reader. The `copy` column is the floor under any single-process roster: a fresh
process that only reads the file with csv.reader and writes it back with csv.writer,
the five report columns added (best of `--repeat`), as a ratio to the same baseline.
The three take turns, round by round, so that a machine whose speed drifts gives
each the same conditions. With `--sample` (pyinstrument, a test extra) or
`--cprofile` one run of the library (no CLI, one process) is profiled instead. From
the checkout:

    python benchmarks/roster.py --rows 200000 1000000 --profile varied typical repeated
    python benchmarks/roster.py --rows 50000 --profile varied --sample
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "examples" / "category-one-specialist.yaml"
AS_OF = dt.date(2026, 11, 25)
HEADER = [
    "Таб. номер",
    "ФИО",
    "ИИН",
    "Код специальности",
    "Категория",
    "Дата присвоения категории",
    "Стаж по специальности",
    "Стаж в социальной защите",
    "Стаж на руководящих должностях",
    "Значимость организации",
    "Подразделение",
]
SURNAMES = ["Ахметов", "Сейітова", "Иванова", "Касымов", "Нұрланова", "Ким", "Омаров", "Петров"]
NAMES = ["Айгүл", "Ерлан", "Мария", "Дәурен", "Светлана", "Асель", "Нұрлан", "Ольга"]
TVET_CODES = ["0519023", "0519000", "0501023", "051902 3"]
HIGHER_CODES = ["6B04101", "6B04102", "6B11401", "6B03101", "5B050600", "5B090500", "7M04101"]
TVET_GRADES = (["", "4", "4.1", "4.2", "4.3"], [5, 15, 30, 30, 20])
HIGHER_GRADES = (["", "6", "6.1", "6.2", "6.3", "8.3", "8.2"], [5, 15, 25, 25, 15, 10, 5])
ORGANISATIONS = ["республиканского значения", "областного значения", "районного значения", "3"]
SHARED = 60
#: The baseline is cheap and its noise divides every ratio: it gets more runs.
BASELINE_RUNS = 7
DEPARTMENTS = ["Отдел назначения пенсий", "Отдел выплат", "Филиал по г. Астана", "ЦОН №2"]
BASELINE = """
import csv, sys, time
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as stream:
    rows = sum(1 for _ in csv.reader(stream, delimiter=";"))
print(time.perf_counter() - start)
"""
COPY = """
import csv, sys
added = ["6.2", "not_yet", "2027-01-01", "experience", ""]
with (
    open(sys.argv[1], encoding="utf-8-sig", newline="") as stream,
    open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as out,
):
    writer = csv.writer(out, delimiter=";")
    writer.writerows(row + added for row in csv.reader(stream, delimiter=";"))
"""


def iin(number: int) -> str:
    """Employee `number`'s own valid IIN (no two employees share one, as in a real list):
    a birth date, a century digit, a serial number and its control digit."""
    from kzps.roster.iin import control_digit

    born = dt.date(1960, 1, 1) + dt.timedelta(days=number % 16000)
    century = "3" if born.year < 2000 else "5"  # the IIN's century digit
    serial = (number // 16000) * 2
    while True:
        head = f"{born:%y%m%d}{century}{serial % 10000:04d}"
        digit = control_digit(head)
        if digit is not None:
            return f"{head}{digit}"
        serial += 1  # an odd serial is never another employee's


def attestation_days(rng: random.Random, varied: bool) -> dt.date:
    """When a grade was assigned: any day (varied), else an attestation day."""
    if varied:
        return AS_OF - dt.timedelta(days=rng.randrange(1, 3650))
    month = rng.randrange(120)
    day = dt.date(AS_OF.year - 10 + month // 12, month % 12 + 1, rng.choice((1, 15)))
    return min(day, AS_OF - dt.timedelta(days=1))


def years(rng: random.Random, chance: float) -> str:
    """A total in years, with one decimal, filled in for a share of the rows."""
    return f"{rng.uniform(0, 20):.1f}".replace(".", ",") if rng.random() < chance else ""


def row(number: int, rng: random.Random, varied: bool) -> list[str]:
    """One employee of a pension-payment office."""
    higher = rng.random() < 0.6  # the share of staff with a degree
    codes, (grades, weights) = (
        (HIGHER_CODES, HIGHER_GRADES) if higher else (TVET_CODES, TVET_GRADES)
    )
    grade = rng.choices(grades, weights)[0]
    if grade in {"8.3", "8.2"}:
        grade += f"-{rng.randrange(1, 5)}"
    since = attestation_days(rng, varied).strftime("%d.%m.%Y") if grade else ""
    share = 1.0 if varied else 0.3
    head = grade.startswith(("6.3", "8."))
    return [
        f"E-{number:07d}",
        f"{rng.choice(SURNAMES)} {rng.choice(NAMES)}",
        iin(number),
        rng.choice(codes),
        grade,
        since,
        years(rng, share),
        years(rng, share if varied or head else 0.0),
        years(rng, share if varied or grade.startswith("8.") else 0.0),
        rng.choice(ORGANISATIONS),
        rng.choice(DEPARTMENTS),
    ]


def generate(path: Path, rows: int, profile: str, seed: int = 2026) -> None:
    """Write a roster of `rows` employees (UTF-8 with BOM, `;`, as Excel exports it)."""
    rng = random.Random(seed)
    shared = [row(0, rng, varied=False) for _ in range(SHARED)]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            if profile == "repeated":
                cells = list(shared[number % SHARED])
                cells[0], cells[2] = f"E-{number:07d}", iin(number)
            else:
                cells = row(number, rng, varied=profile == "varied")
            writer.writerow(cells)


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process, which must succeed or exit 1."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in {0, 1}:
        sys.exit(f"{' '.join(command)} failed with exit {code}")
    return elapsed, usage.ru_maxrss / 1024


def baseline(path: Path) -> float:
    """Seconds csv.reader takes to read the file, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", BASELINE, str(path)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def measure(
    kzps: str, folder: Path, rows: int, profile: str, repeat: int, jobs: int | None
) -> dict[str, float]:
    """One size and profile: generate, then in rounds read it with csv.reader, copy it,
    and check it with kzps roster. Taking turns, the three meet the same moods of a
    shared machine, whose speed drifts over a minute by half or more."""
    roster = folder / f"staff-{profile}-{rows}.csv"
    generate(roster, rows, profile)
    report = folder / "report.csv"
    command = [kzps, "roster", str(roster), "-o", str(report), "-q", "--as-of", str(AS_OF)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    copy = [sys.executable, "-c", COPY, str(roster), str(report)]
    reads: list[float] = []
    copies: list[float] = []
    runs: list[tuple[float, float]] = []
    # The first run after an install validates the standard into the user's cache: a
    # run of its own, so that no measured run pays for it.
    subprocess.run([kzps, "check", str(EXAMPLE)], stdout=subprocess.DEVNULL, check=False)
    for _ in range(repeat):
        reads += [baseline(roster) for _ in range(-(-BASELINE_RUNS // repeat))]
        copies.append(run(copy)[0])
        runs.append(run(command))
    roster.unlink()
    return {
        "rows": rows,
        "read": min(reads),
        "copy": min(copies),
        "seconds": min(t for t, _ in runs),
        "memory": max(m for _, m in runs),
    }


def profiled(folder: Path, rows: int, profile: str, sample: bool) -> None:
    """Profile one run of the library (reading, checking, writing) and say where time
    goes: with pyinstrument's sampling profiler (`sample`), else cProfile."""
    from kzps.roster.run import run_roster
    from kzps.standard import load_standard

    roster = folder / f"staff-{profile}-{rows}.csv"
    generate(roster, rows, profile)
    standard = load_standard()
    if sample:
        from pyinstrument import Profiler

        with Profiler(interval=0.001) as sampler:
            run_roster(roster, standard, AS_OF, output=folder / "r.csv", jobs=1)
        print(sampler.output_text(show_all=False))
        return
    import cProfile
    import pstats

    with cProfile.Profile() as profiler:
        run_roster(roster, standard, AS_OF, output=folder / "r.csv", jobs=1)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(18)


def main() -> None:
    """Measure the sizes and profiles asked for and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--profile", nargs="+", default=["repeated", "typical"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best kept")
    parser.add_argument("--cprofile", action="store_true", help="profile the library instead")
    parser.add_argument("--sample", action="store_true", help="profile it with pyinstrument")
    parser.add_argument("--jobs", type=int, help="kzps roster --jobs (default: its own)")
    args = parser.parse_args()
    if args.cprofile or args.sample:
        with tempfile.TemporaryDirectory() as folder:
            profiled(Path(folder), args.rows[0], args.profile[0], args.sample)
        return
    kzps = shutil.which("kzps") or str(Path(sys.executable).with_name("kzps"))
    if not Path(kzps).exists():
        sys.exit("kzps is not installed in this environment: pip install -e .")
    columns = ("rows", "read s", "copy", "kzps s", "rows/s", "ratio", "MB")
    print(f"{'profile':<8} " + " ".join(f"{c:>9}" for c in columns))
    with tempfile.TemporaryDirectory() as folder:
        for profile in args.profile:
            results = [
                measure(kzps, Path(folder), n, profile, args.repeat, args.jobs) for n in args.rows
            ]
            for r in results:
                print(
                    f"{profile:<8} {r['rows']:>9,} {r['read']:>9.2f}"
                    f" {r['copy'] / r['read']:>9.2f} {r['seconds']:>9.2f}"
                    f" {r['rows'] / r['seconds']:>9,.0f} {r['seconds'] / r['read']:>9.2f}"
                    f" {r['memory']:>9.0f}"
                )
            if len(results) > 1:
                first, last = results[0], results[-1]
                print(
                    f"{profile:<8} time {last['rows']:,} / {first['rows']:,} rows:"
                    f" {last['seconds'] / first['seconds']:.2f}"
                    f" (rows ratio {last['rows'] / first['rows']:.1f})"
                )


if __name__ == "__main__":
    main()
