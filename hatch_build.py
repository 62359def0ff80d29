"""Build hook: compile the roster's row path with mypyc into C extensions.

The modules a staff list's every row passes through (reading, deciding, the report's
row, the counts) are compiled with mypyc, which makes a roster about a third faster;
everything else stays Python. The wheel still carries every .py file, and Python
imports the compiled module where there is one.

The compiled build needs a C compiler and the Python headers. Without them, or when
KZPS_PURE is set, the wheel is pure Python and works the same, only slower. An
editable install (`pip install -e .`) is never compiled: edits take effect at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: The modules every roster row passes through, from `src/`. A compiled loop never
#: gives the interpreter a moment to run a signal handler, so the loop over the rows
#: (kzps/roster/run.py) calls kzps/roster/interrupts.py, which stays Python, every few
#: thousand rows: Ctrl+C or SIGTERM still stops a long roster.
COMPILED = (
    "kzps/memo.py",
    "kzps/decide/service.py",
    "kzps/decide/quick.py",
    "kzps/words/explain.py",
    "kzps/words/plan.py",  # its words derive from explain.py's: compiled alike
    "kzps/roster/csv_report.py",
    "kzps/roster/csv_source.py",
    "kzps/roster/iin.py",
    "kzps/roster/repeats.py",
    "kzps/roster/reports.py",
    "kzps/roster/rows.py",
    "kzps/roster/run.py",
    "kzps/roster/sentences.py",
    "kzps/roster/tally.py",
    "kzps/roster/verdict.py",
    "kzps/roster/workbook_report.py",
    "kzps/roster/workbook_source.py",
)
#: The name of the shared library mypyc puts the compiled code in (kzps__mypyc).
GROUP = "kzps"
SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="kzps-compiled",
    ext_modules=mypycify(
        ["--ignore-missing-imports", *{paths!r}], group_name={group!r}, opt_level="3"
    ),
)
"""


class CompiledHook(BuildHookInterface):  # type: ignore[type-arg]  # generic in hatchling
    """Adds the compiled modules to a wheel, or leaves it pure Python and says why."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("KZPS_PURE"):
            self.app.display_info("kzps: KZPS_PURE is set: building pure Python")
            return
        self._folder = tempfile.mkdtemp(prefix="kzps-mypyc-")
        try:
            built = _compile(Path(self.root) / "src", Path(self._folder))
        except (OSError, subprocess.CalledProcessError) as error:
            output = getattr(error, "output", None) or b""
            tail = output.decode("utf-8", "replace").strip().splitlines()[-5:]
            self.app.display_warning(
                "kzps: the compiled row path could not be built; the package is pure "
                f"Python (correct, slower): {error}\n" + "\n".join(tail)
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def finalize(self, *_args: Any, **_kwargs: Any) -> None:
        """The wheel is written, compiled files included: remove the build folder."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _compile(source: Path, folder: Path) -> dict[str, str]:
    """Compile COMPILED from a copy of `source` in `folder`; the extension files made,
    each with its place in the wheel."""
    shutil.copytree(source / "kzps", folder / "kzps", ignore=shutil.ignore_patterns("*.so"))
    (folder / "setup.py").write_text(SETUP.format(paths=list(COMPILED), group=GROUP))
    subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace"],
        cwd=folder,
        check=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    made = [path for path in folder.rglob(f"*{suffix}") if "build" not in path.parts]
    wanted = {f"{GROUP}__mypyc{suffix}"} | {p.removesuffix(".py") + suffix for p in COMPILED}
    found = {path.relative_to(folder).as_posix(): path for path in made}
    if set(found) != wanted:
        raise OSError(f"mypyc made {sorted(found)}, not {sorted(wanted)}")
    return {str(path): relative for relative, path in found.items()}
