"""Load on ``vietrans serve``: 50 concurrent clients sending news paragraphs, beside the CLI's batch.

Paragraphs are FLORES-200 devtest lines (news-style: Wikinews, Wikivoyage, Wikibooks) in
groups of three (``../shared``).  With the same model and the same options (glossaries,
protected spans, repair, retries: the defaults), on the same paragraphs:

(cli)    ``vietrans translate`` on one file holding every paragraph (``--keep-all``, a fresh
         memory), its own ``sentences_per_s``; and the same less its start-up (the time the
         command takes for a one-sentence file: process start and model load), the strict
         figure, since the server loads its model once before the clients come;
(server) ``vietrans serve`` (a fresh memory, rate limit off), CLIENTS clients each posting one
         paragraph at a time to LibreTranslate's ``/translate`` until all are done: each
         request's latency (p50, p95) and sentences per second over the whole run.

The floor (issue 29): the server's sentences/s at least 70% of the CLI's strict figure.
The model: ``--model PATH``, else the shared small real model (``../shared/models``).  The
last line is one JSON object.

Run: .venv/bin/python benchmarks/serve_load.py [--smoke] [--clients N] [--paragraphs N] [--model PATH]
(``--smoke``: 8 clients, the example article's paragraphs, a tiny test model, one round, no ../shared:
a check that it runs, not a figure).  Each arm
runs twice, taking turns, and keeps its best run (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SHARED = Path(__file__).resolve().parents[2] / "shared"
FLORES = SHARED / "data" / "flores200-devtest" / "vie_Latn.devtest"
ROUNDS = 2
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chip-export-controls.txt"
REAL_MODEL = SHARED / "models" / "translate-vi_en-ted_small.argosmodel"


def paragraphs(count: int) -> list[str]:
    if not FLORES.exists():
        sys.exit(f"skipped: {FLORES} is not present")
    lines = FLORES.read_text(encoding="utf-8").splitlines()
    return [" ".join(lines[i : i + 3]) for i in range(0, 3 * count, 3)][:count]


def cli(work: Path, model: Path, text: str, name: str) -> tuple[dict, float]:
    """``vietrans translate`` on ``text`` as a file: its --json summary, and its wall time."""
    source = work / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "translator",
        "translate",
        str(source),
        "-o",
        str(work / "out"),
        "-f",
        "jsonl",
        "--model",
        str(model),
        "--cache",
        str(work / f"{name}.sqlite3"),
        "--keep-all",
        "-q",
        "--json",
        "--force",
    ]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout), time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def load(url: str, work: list[str], clients: int) -> list[float]:
    """Each client posts paragraphs one after another until none is left; every request's latency."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for paragraph in work:
        queue.put_nowait(paragraph)
    latencies: list[float] = []

    async def client() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=600) as http:
            while not queue.empty():
                paragraph = queue.get_nowait()
                start = time.perf_counter()
                answer = await http.post("/translate", data={"q": paragraph, "source": "vi", "target": "en"})
                answer.raise_for_status()
                latencies.append(time.perf_counter() - start)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


def serve(work: Path, model: Path, texts: list[str], clients: int, name: str) -> tuple[list[float], float, dict]:
    """A fresh ``vietrans serve`` under ``clients`` clients: latencies, wall time, its /api/status after."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "translator",
            "serve",
            "--port",
            str(port),
            "--model",
            str(model),
            "--cache",
            str(work / f"{name}.sqlite3"),
            "--data-dir",
            str(work / name),
            "--rate-limit",
            "0",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(f"{url}/api/status", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if server.poll() is not None:
                    sys.exit(f"the server did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.2)
        start = time.perf_counter()
        latencies = asyncio.run(load(url, texts, clients))
        seconds = time.perf_counter() - start
        return latencies, seconds, httpx.get(f"{url}/api/status").json()
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--model", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vietrans-serve-load-"))
    os.environ["VIETRANS_CACHE_DIR"] = str(work / "cache")
    if args.smoke:
        from translator.testmodels import build_package

        args.clients = 8
        texts = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()][:16]
        args.model = args.model or build_package(work / "copy.argosmodel", "copy", texts=texts)
    else:
        texts = paragraphs(args.paragraphs)
    model = args.model or REAL_MODEL
    if not model.exists():
        sys.exit(f"skipped: {model} is not present")

    _, startup = cli(work, model, "Xin chào.\n", "startup")
    # A shared machine is noisy: the arms take turns, ROUNDS times each, and each keeps its best round.
    best_cli, best_server = None, None
    for round_ in range(1 if args.smoke else ROUNDS):
        summary, cli_seconds = cli(work, model, "\n\n".join(texts) + "\n", f"cli{round_}")
        if best_cli is None or cli_seconds < best_cli[1]:
            best_cli = (summary, cli_seconds)
        served = serve(work, model, texts, args.clients, f"server{round_}")
        if best_server is None or served[1] < best_server[1]:
            best_server = served
    (summary, cli_seconds), (latencies, seconds, status) = best_cli, best_server
    sentences = summary["sentences"]
    cli_strict = sentences / max(cli_seconds - startup, 1e-9)
    latencies.sort()
    served_rate = status["sentences"] / seconds
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    print(f"{len(texts)} paragraphs = {sentences} sentences (CLI) / {status['sentences']} (server); model {model.name}")
    print(
        f"(cli)    {cli_seconds:7.2f} s  {summary['sentences_per_s']:7.1f} sentences/s whole process; "
        f"{cli_strict:7.1f} less its {startup:.2f} s start-up"
    )
    print(
        f"(server) {seconds:7.2f} s  {served_rate:7.1f} sentences/s, {args.clients} clients, "
        f"latency p50 {p50:.2f} s p95 {p95:.2f} s, mean batch {status['mean_batch']} sentences"
    )
    ratio = served_rate / cli_strict
    print(
        json.dumps(
            {
                "paragraphs": len(texts),
                "sentences": sentences,
                "clients": args.clients,
                "cli_sentences_per_s": summary["sentences_per_s"],
                "cli_strict_sentences_per_s": round(cli_strict, 2),
                "server_sentences_per_s": round(served_rate, 2),
                "p50_s": round(p50, 3),
                "p95_s": round(p95, 3),
                "mean_batch": status["mean_batch"],
                "ratio_to_cli": round(ratio, 3),
                "floor_met": ratio >= 0.7,
                "smoke": args.smoke,
            }
        )
    )


if __name__ == "__main__":
    main()
