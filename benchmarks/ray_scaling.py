"""Local against Ray with 1 and 2 workers on this machine: what scales, and what it costs.

The batch of ``benchmarks/batch.py``: FLORES-200 devtest lines (``../shared``) in 16
files, a transformer-base-size random test model (6+6 layers, d=512, int8, ~32k
vocabulary), beam 2, batch 32, ``--no-glossary --no-protect --retries 0`` so every
arm decodes the same sentences once.  Arms, each a whole ``vietrans translate``
process with its own empty translation memory:

- local, 2 threads (the default path) and local, 1 thread;
- ``--ray --workers 1 --threads 1`` and ``--ray --workers 2 --threads 1``;
- Ray's start-up alone: ``--ray --workers 1`` on an already-translated batch is
  served from the memory and never starts Ray, so it is timed as ``ray.init`` +
  one actor loading the model.

Reports sentences/s per arm, Ray's start-up cost, and the per-sentence overhead of
the Ray path (1 worker × 1 thread against local with 1 thread, start-up aside).  The last line is
one JSON object.

Run: .venv/bin/python benchmarks/ray_scaling.py [N_LINES]  (default 256 lines; about 4 minutes; ``--smoke``: a
tiny model, 6 lines, local and Ray with one worker only)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from common import flores_and_base_model, parser

FILES = 16


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("lines", nargs="?", type=int, default=256)
    args = cli.parse_args()
    count = 6 if args.smoke else args.lines
    work, archive, vietnamese = flores_and_base_model("vietrans-ray-", smoke=args.smoke)
    env = dict(os.environ)
    from translator.engines import packages as models

    package = models.resolve(str(archive))
    lines = vietnamese.splitlines()[:count]
    inputs = work / "articles"
    inputs.mkdir()
    files = min(FILES, len(lines))
    for i in range(files):
        (inputs / f"article-{i:02d}.txt").write_text("\n\n".join(lines[i::files]) + "\n", encoding="utf-8")

    def arm(name: str, *extra: str) -> tuple[float, dict]:
        command = [sys.executable, "-m", "translator", "translate", str(inputs), "-o", str(work / name)]
        command += ["--model", str(package.path), "--cache", str(work / f"{name}.sqlite3"), "-q", "--json"]
        command += ["--no-glossary", "--no-protect", "--retries", "0", "-f", "md", *extra]
        started = time.perf_counter()
        proc = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return time.perf_counter() - started, json.loads(proc.stdout)

    nan = float("nan")
    startup = nan if args.smoke else _startup(package)
    local, summary = arm("local", "--threads", "2")
    local1, _ = arm("local1", "--threads", "1")
    one, _ = arm("ray1", "--ray", "--workers", "1", "--threads", "1")
    two, _ = (nan, None) if args.smoke else arm("ray2", "--ray", "--workers", "2", "--threads", "1")
    last = "ray1" if args.smoke else "ray2"
    n = summary["sentences"]
    same = (
        all((work / "local" / p.name).read_bytes() == p.read_bytes() for p in (work / last).glob("*.md"))
        and len(list((work / last).glob("*.md"))) == files
    )
    print(f"{len(lines)} FLORES lines = {n} sentences, {files} files, beam 2, batch 32, 2-core CPU")
    print(f"local, 2 threads           {local:7.2f} s  {n / local:6.2f} sentences/s")
    print(f"local, 1 thread            {local1:7.2f} s  {n / local1:6.2f} sentences/s")
    print(f"ray, 1 worker × 1 thread   {one:7.2f} s  {n / one:6.2f} sentences/s")
    print(f"ray, 2 workers × 1 thread  {two:7.2f} s  {n / two:6.2f} sentences/s")
    print(f"Ray start-up (init + one worker loading the model): {startup:.2f} s")
    overhead = (one - startup - local1) / n
    print(
        f"per-sentence overhead of the Ray path (1×1 against local 1 thread, start-up aside): {overhead * 1000:.1f} ms"
    )
    print(f"outputs identical to the local run: {same}")
    print(
        json.dumps(
            {
                "sentences": n,
                "local_s": round(local, 2),
                "ray_1x1_s": round(one, 2),
                "ray_2x1_s": round(two, 2),
                "local_1_thread_s": round(local1, 2),
                "local_per_s": round(n / local, 2),
                "ray_1x1_per_s": round(n / one, 2),
                "ray_2x1_per_s": round(n / two, 2),
                "ray_startup_s": round(startup, 2),
                "overhead_ms_per_sentence": round(overhead * 1000, 2),
                "identical": same,
            }
        )
    )


def _startup(package) -> float:
    """``ray.init`` on this machine plus one worker with the model loaded, in a fresh process."""
    code = (
        "import time, sys\nt = time.perf_counter()\n"
        "from translator.backends import Backend\nfrom translator.backends.ray_cluster import RayEngine\n"
        "from translator.engines.ct2 import DecodeOptions\nfrom translator.engines.packages import load_package\n"
        f"engine = RayEngine(load_package({str(package.path)!r}), DecodeOptions(threads=1), Backend('ray', None, 1))\n"
        "engine.workers()\nprint(time.perf_counter() - t)\nengine.close()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
