"""What `kzps check` imports: with a warm cache, neither pydantic's models nor rich.

The speed goal of `kzps check` (issue 3) rests on this; timing is left to
benchmarks/check_startup.py, but which modules a run imports is a fact a test can pin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "category-one-specialist.yaml"
RUN = """
import json, sys
from kzps.cli import main
sys.argv = ["kzps", "check", sys.argv[1], "--format", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
heavy = ("pydantic", "pydantic.main", "pydantic.type_adapter", "rich", "rich.console")
heavy += ("yaml.constructor",)
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _imported(cache: Path, output: str) -> list[str]:
    env = os.environ | {"KZPS_CACHE_DIR": str(cache), "KZPS_LANG": "en"}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", RUN, str(EXAMPLE), output],
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
    assert _imported(tmp_path, output) == ["yaml.constructor"]  # the candidate file's YAML
