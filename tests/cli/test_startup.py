"""What `kzps check` imports: with a warm cache, neither pydantic's models nor rich,
nor the modules of other commands; what `kzps roster -q` imports: not even YAML or
pydantic-core.

The speed goals of `kzps check` and of the roster rest on this; timing is left to
benchmarks/, but which modules a run imports is a fact a test can pin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "category-one-specialist.yaml"
STAFF = Path(__file__).parents[1] / "fixtures" / "roster" / "ru-utf8-bom-semicolon.csv"
RUN = """
import json, sys
from kzps.cli import main
sys.argv = ["kzps", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
heavy = ("pydantic", "pydantic.main", "pydantic.type_adapter", "rich", "rich.console")
heavy += ("yaml", "yaml.constructor", "pydantic_core")
heavy += ("kzps.cli.assess", "kzps.cli.plan", "kzps.cli.standard")  # other commands' modules
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _imported(cache: Path, output: str) -> list[str]:
    return _run(cache, ["check", str(EXAMPLE), "--format", output])


def _run(cache: Path, argv: list[str]) -> list[str]:
    env = os.environ | {"KZPS_CACHE_DIR": str(cache), "KZPS_LANG": "en"}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", RUN, json.dumps(argv)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    imported: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return imported


@pytest.mark.parametrize("output", ["table", "json"])
def test_a_warm_check_needs_neither_pydantic_models_nor_rich(tmp_path: Path, output: str) -> None:
    cold = _imported(tmp_path, output)
    assert "pydantic.type_adapter" in cold  # the first run validates and fills the cache
    warm = _imported(tmp_path, output)
    assert warm == ["pydantic_core", "yaml", "yaml.constructor"]  # the file's YAML, validated


def test_a_quiet_roster_needs_no_yaml_pydantic_or_rich(tmp_path: Path) -> None:
    argv = ["roster", str(STAFF), "-o", str(tmp_path / "r.csv"), "-q", "--as-of", "2026-11-25"]
    _run(tmp_path / "cache", argv)  # fills the cache
    assert _run(tmp_path / "cache", argv) == []
    assert (tmp_path / "r.csv").stat().st_size > 0
