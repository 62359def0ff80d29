"""How fast kzps reads and writes Excel, against the same staff list as CSV.

The goal (issue: a roster report HR can hand on) at 50,000 rows: reading an .xlsx
roster costs at most 1.5 times reading the same roster as CSV (kzps's own sources,
every row read, nothing checked), and the whole `kzps roster staff.xlsx -o
report.xlsx` at most 2 times `kzps roster staff.csv -o report.csv`. Each figure is
the best of three fresh processes, timed by the wall clock. From the checkout:

    python benchmarks/excel.py --rows 50000
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from roster import AS_OF, generate

READ = """
import sys
from pathlib import Path
from kzps.roster.sources import open_roster
with open_roster(Path(sys.argv[1]), {}) as source:
    n = sum(1 for _ in source.records())
"""


def as_workbook(csv_path: Path, xlsx_path: Path) -> None:
    """The same rows in a workbook, as an HR export holds them (text cells)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet("Staff")
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        for row, cells in enumerate(csv.reader(stream, delimiter=";")):
            sheet.write_row(row, 0, cells)
    book.close()


def best(command: list[str], runs: int = 3) -> float:
    """The best wall time of `runs` fresh processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Measure and print the two ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--profile", default="typical")
    rows = parser.parse_args().rows
    kzps = shutil.which("kzps") or "kzps"
    with tempfile.TemporaryDirectory() as folder:
        staff = Path(folder) / "staff.csv"
        generate(staff, rows, parser.parse_args().profile)
        workbook = Path(folder) / "staff.xlsx"
        as_workbook(staff, workbook)
        read_csv = best([sys.executable, "-c", READ, str(staff)])
        read_xlsx = best([sys.executable, "-c", READ, str(workbook)])
        day = AS_OF.isoformat()
        whole_csv = best(
            [kzps, "roster", str(staff), "--as-of", day, "-q", "-o", f"{folder}/r.csv"]
        )
        whole_xlsx = best(
            [kzps, "roster", str(workbook), "--as-of", day, "-q", "-o", f"{folder}/r.xlsx"]
        )
    print(f"rows {rows:,}")
    print(
        f"read   csv {read_csv:6.2f} s   xlsx {read_xlsx:6.2f} s   ratio {read_xlsx / read_csv:.2f}"
    )
    print(
        f"roster csv {whole_csv:6.2f} s   xlsx {whole_xlsx:6.2f} s"
        f"   ratio {whole_xlsx / whole_csv:.2f}"
    )


if __name__ == "__main__":
    main()
