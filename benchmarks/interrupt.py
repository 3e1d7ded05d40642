"""How fast Ctrl-C/SIGTERM stops a batch, and how much of its work is kept.

Builds a transformer-base-size test model (as ``benchmarks/batch.py``), starts
``vietrans translate`` on FLORES-200 devtest lines (``../shared``) in one window
with batches of 32 sentences, waits until the translation memory holds the
first finished batch (decoding is under way), then sends the signal and times
how long the process takes to exit; a batch's own decoding time is printed
beside it, since before the fix a signal waited for the batch to end.  Then the
same command runs again and reports how many sentences came from the memory.
The last line is one JSON object.

Run: .venv/bin/python benchmarks/interrupt.py [N_LINES] [SIGNAL]  (default 256 lines, TERM; ``--smoke``: the
example article and a tiny model, in batches of 2)
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import flores_and_base_model, parser


def _stored(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM memory").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("lines", nargs="?", type=int, default=256)
    cli.add_argument("signal", nargs="?", default="TERM")
    args = cli.parse_args()
    count, sig, batch = args.lines, args.signal, 2 if args.smoke else 32
    work, archive, vietnamese = flores_and_base_model("vietrans-interrupt-", smoke=args.smoke)
    env = dict(os.environ)
    inputs = work / "articles"
    inputs.mkdir()
    lines = vietnamese.splitlines()[:count]
    files = min(8, len(lines))
    for i in range(files):
        (inputs / f"article-{i}.txt").write_text("\n\n".join(lines[i::files]) + "\n", encoding="utf-8")
    memory = work / "memory.sqlite3"
    command = [sys.executable, "-m", "translator", "translate", str(inputs), "-o", str(work / "out")]
    command += ["--model", str(archive), "--cache", str(memory), "-q", "--window", "100000", "--batch-size", str(batch)]
    command += ["--no-glossary", "--retries", "0"]
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None and _stored(memory) == 0:
        time.sleep(0.01)
    first_batch = time.perf_counter() - started
    second_started = time.perf_counter()
    while proc.poll() is None and _stored(memory) < 2 * batch:  # a second batch: one batch's decoding time
        time.sleep(0.01)
    batch_seconds = time.perf_counter() - second_started
    time.sleep(batch_seconds / 2)  # in the middle of the third batch
    sent = time.perf_counter()
    proc.send_signal(getattr(signal, f"SIG{sig}"))
    proc.wait(timeout=600)
    stop = time.perf_counter() - sent
    kept = _stored(memory)
    rerun = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, check=True)
    summary = json.loads(rerun.stdout)
    print(f"first batch stored after {first_batch:.2f} s; one batch of {batch} decodes in {batch_seconds:.2f} s")
    print(f"SIG{sig} mid-batch: exit {proc.returncode} after {stop:.3f} s; {kept} sentences kept in the memory")
    print(f"re-run: {summary['cached']} of {summary['sentences']} sentences from the memory")
    print(
        json.dumps(
            {
                "signal": sig,
                "exit_code": proc.returncode,
                "stop_seconds": round(stop, 3),
                "batch_seconds": round(batch_seconds, 3),
                "kept": kept,
                "rerun_cached": summary["cached"],
                "sentences": summary["sentences"],
            }
        )
    )


if __name__ == "__main__":
    main()
