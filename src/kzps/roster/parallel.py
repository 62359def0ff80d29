"""A long CSV staff list checked on several cores at once, with the report and summary
of one process.

The list is cut into consecutive parts by row number. This process checks the first
part; each other part is checked by a forked helper that passes over the rows before
its part, and writes its rows of the report, without header, to a temporary file of
its own. Where lines hold no quote, a helper passes over them by counting line
breaks in the bytes (see CsvSource.passed), a few hundredths of what checking them
costs; from the first line with a quote on, it reads them with the csv module, a
fifth of the cost. Either way the later parts are cut a little smaller. When its own part
is done, this process appends each helper's rows in order and adds up their counts:
the report and the summary are the ones a single process would have made, byte for
byte. A helper that fails for any reason is no loss: this process checks its part
(and all after it) itself, and so meets the same rows and errors a single run would.

Only CSV reports are written this way; the other formats go through one process.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple, NoReturn

if TYPE_CHECKING:
    from kzps.roster.repeats import Seen
    from kzps.roster.reports import CsvReport
    from kzps.roster.tally import Share, Tally

#: What a long run reports as it goes: the units done (bytes of a CSV file) and in all.
Progress = Callable[[int, int | None], None]
#: The fewest rows worth a process of their own: below, forking and merging cost more
#: than they save.
PART_ROWS = 25_000
#: The most processes a list is checked by (each has memos of its own).
MOST_JOBS = 4
#: What passing over a row costs its helper, as a share of checking it: by its bytes,
#: where lines hold no quote, and by reading it with the csv module, from the first
#: line that does on.
PASS_COST = 0.05
SKIP_COST = 0.2
#: How much of the file's start is read to estimate its rows.
SAMPLE = 1 << 16
#: How often a waiting run shows the helpers' progress, in seconds.
POLL = 0.1
_SLOT = struct.Struct("qq")  # a helper's progress: the byte its part began at, and now


class Part(NamedTuple):
    """What a helper found of its part: its counts, and the employee numbers and IINs
    it saw (for repeats across parts; None when repeats are not being looked for)."""

    tally: Share
    seen: Seen | None


#: A helper's work: check rows `first` to `last` (None: to the end), report progress,
#: write the report's rows to the file, and return what it found.
Work = Callable[[int, int | None, Progress, IO[bytes]], Part]


def available_jobs() -> int:
    """The processes a long list is checked by unless --jobs says otherwise: the cores
    this process may run on, at most MOST_JOBS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows: no affinity to ask
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_JOBS))


def cuts(path: Path, header_row: int, jobs: int, *, passable: bool) -> list[int]:
    """The last row of each part but the last, for up to `jobs` processes (none: the
    list is checked by this process alone); `passable`: whether the file's first
    lines can be passed over by their bytes (a guess for the whole file)."""
    if jobs < 2 or not hasattr(os, "fork"):
        return []
    rows = estimated_rows(path)
    cost = PASS_COST if passable else SKIP_COST
    return part_ends(header_row, rows, min(jobs, rows // PART_ROWS), cost)


def part_ends(header_row: int, rows: int, parts: int, cost: float = SKIP_COST) -> list[int]:
    """The last row of each of `parts` parts but the last, for `rows` rows after the
    header: each part takes as long as the others, its helper's passing over the rows
    before it (at `cost` of checking them) included."""
    if parts < 2:
        return []
    # Part k starts after b_k rows, which its helper passes over first: equal times
    # cost * b_k + s_k for every part give b_(k+1) = T + (1 - cost) * b_k.
    keep = 1 - cost
    time_each = rows / sum(keep**k for k in range(parts))
    found: list[int] = []
    done = 0.0
    for _ in range(parts - 1):
        done = time_each + keep * done
        found.append(header_row + round(done))
    return found


def estimated_rows(path: Path) -> int:
    """The rows of a CSV file, from the lines in its first SAMPLE bytes and its size."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            sample = stream.read(SAMPLE)
    except OSError:
        return 0
    lines = sample.count(b"\n")
    return size * lines // len(sample) if sample and lines else 0


class Helper:
    """A forked process checking one part of the list."""

    def __init__(self, first: int, last: int | None, work: Work, slots: mmap.mmap, index: int):
        self.first, self.last = first, last
        # Both closed by stop(), which every run ends with (see helping).
        self.output: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._result: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._slots, self._at = slots, index * _SLOT.size
        _SLOT.pack_into(slots, self._at, -1, -1)
        self.pid = os.fork()
        if self.pid == 0:
            self._help(work)

    def _help(self, work: Work) -> NoReturn:
        """In the helper: check the part, leave the result, and end without running
        anything the parent set up for its own exit."""
        code = 1
        try:
            part = work(self.first, self.last, self._post, self.output)
            pickle.dump(part.tally, self._result, pickle.HIGHEST_PROTOCOL)
            if part.seen is not None:
                part.seen.save(self._result)
            self._result.flush()
            self.output.flush()
            code = 0
        except BaseException:  # noqa: BLE001, S110 - the parent checks this part itself
            pass
        finally:
            os._exit(code)

    def _post(self, done: int, _total: int | None) -> None:
        """In the helper: note how far it has read (the first note: where its part began)."""
        start, _ = _SLOT.unpack_from(self._slots, self._at)
        _SLOT.pack_into(self._slots, self._at, done if start < 0 else start, done)

    def progress(self) -> int:
        """Bytes of its part read so far."""
        start, done = _SLOT.unpack_from(self._slots, self._at)
        return max(0, done - start) if start >= 0 else 0

    def join(self, waiting: Callable[[], None] | None, seen: Seen | None) -> Share | None:
        """Wait for the helper to end (calling `waiting` now and then); its counts, with
        the numbers it saw added to `seen`; None if it failed."""
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG if waiting else 0)
            if pid:
                break
            if waiting is not None:
                waiting()
            time.sleep(POLL)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        self._result.seek(0)
        try:
            share: Share = pickle.load(self._result)  # noqa: S301 - from our own helper
            if seen is not None:
                seen.load(self._result)
        except Exception:  # noqa: BLE001 - a damaged result: the part is checked again
            return None
        return share

    def stop(self) -> None:
        """End the helper if it is still running, and drop its files."""
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
        self.output.close()
        self._result.close()


class Helpers:
    """The helpers of one run, in the order of their parts."""

    def __init__(self, helpers: list[Helper]) -> None:
        self.helpers = helpers
        self._waiting: Callable[[], None] | None = None

    def watch(
        self, shown: Progress | None, where: Callable[[], tuple[int, int | None]]
    ) -> Progress | None:
        """`shown`, told of the helpers' progress as well as this process's (`where`
        this process has read to), also while this process waits for them."""
        if shown is None or not self.helpers:
            return shown

        def both(done: int, total: int | None) -> None:
            ahead = done + sum(h.progress() for h in self.helpers)
            shown(min(ahead, total) if total is not None else ahead, total)

        self._waiting = lambda: both(*where())
        return both

    def finish(
        self,
        report: CsvReport,
        tally: Tally,
        seen: Seen | None,
        skip: Callable[[int], None],
        rest: Callable[[], None],
    ) -> None:
        """After this process's part: each helper's rows and counts in order. If a
        helper failed, `skip` to the row before its part and check the `rest` here."""
        for helper in self.helpers:
            share = helper.join(self._waiting, seen)
            if share is None:
                skip(helper.first - 1)
                self.stop()
                rest()
                return
            report.append(helper.output)
            tally.merge(share)

    def stop(self) -> None:
        """End every helper still running."""
        for helper in self.helpers:
            helper.stop()


@contextmanager
def helping(last_rows: list[int], work: Work) -> Iterator[Helpers]:
    """Helpers for the parts after the first (`last_rows`: the last row of each part
    but the last), stopped however the run ends."""
    if not last_rows:
        yield Helpers([])
        return
    slots = mmap.mmap(-1, _SLOT.size * len(last_rows))
    helpers: list[Helper] = []
    try:
        ends: list[int | None] = [*last_rows[1:], None]
        for index, (first, last) in enumerate(zip(last_rows, ends, strict=True)):
            helpers.append(Helper(first + 1, last, work, slots, index))
        yield Helpers(helpers)
    finally:
        Helpers(helpers).stop()
        slots.close()
