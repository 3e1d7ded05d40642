"""Every script in benchmarks/ runs: each in smoke mode (a tiny model and input, no ../shared),
so a refactor that breaks one fails here instead of leaving the README's figures unreproducible."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py") if 'if __name__ == "__main__":' in p.read_text(encoding="utf-8"))
AUDIT_TOOLS = {"mutation_sample.py", "mutation_scores.py"}  # they print names and tables for people, not figures


def test_every_script_is_found():
    assert {"batch.py", "determinism.py", "startup.py", *AUDIT_TOOLS} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_benchmark_runs_in_smoke_mode(script, tmp_path):
    # The scripts' work folders go with the test's; Ray's session stays in the system's temporary folder:
    # its sockets' paths must stay under 108 bytes, which a test's deep tmp_path is not.
    env = {**os.environ, "TMPDIR": str(tmp_path), "RAY_TMPDIR": tempfile.gettempdir()}
    proc = subprocess.run(
        [sys.executable, str(script), "--smoke"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert lines, proc.stderr[-3000:]
    if script.name not in AUDIT_TOOLS:
        assert isinstance(json.loads(lines[-1]), dict)  # the figures, for a machine
