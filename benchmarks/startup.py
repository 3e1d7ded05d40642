"""Median wall time of ``vietrans --help`` over several runs (floor: under 0.3 s).

Run: .venv/bin/python benchmarks/startup.py  (``--smoke``: one run)
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import parser


def main(runs: int = 11) -> None:
    if parser(__doc__).parse_args().smoke:
        runs = 1
    exe = shutil.which("vietrans") or str(Path(sys.executable).with_name("vietrans"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"vietrans --help: median {median * 1000:.0f} ms over {runs} runs (min {min(times) * 1000:.0f} ms)")
    print(json.dumps({"help_median_s": round(median, 4), "floor_s": 0.3, "ok": median < 0.3}))


if __name__ == "__main__":
    main()
