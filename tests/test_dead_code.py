"""No dead code: vulture finds nothing unused in writer/ that tests, benches or the whitelist do not use.

The whitelist (tests/vulture_whitelist.py) holds only names used where vulture
cannot see it; a function nothing calls fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_vulture_finds_no_dead_code_in_writer():
    if shutil.which("vulture") is None and subprocess.run(
            [sys.executable, "-m", "vulture", "--version"], capture_output=True).returncode:
        pytest.skip("vulture is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "vulture", "writer", "tests", "bench", "tests/vulture_whitelist.py",
         "--min-confidence", "60"],
        cwd=ROOT, capture_output=True, text=True)
    dead = [line for line in result.stdout.splitlines() if line.startswith("writer")]
    assert not dead, "\n".join(dead)
