"""Load on ``vietrans serve``: 50 concurrent clients sending news paragraphs, beside the CLI's batch.

Paragraphs are FLORES-200 devtest lines (news-style: Wikinews, Wikivoyage, Wikibooks) in
groups of three (``../shared``).  Both arms run the same model with the same options (glossaries,
protected spans, repair, retries, batch size, threads: the defaults) on the same paragraphs, each
with a fresh translation memory; each pays its warm-up outside the clock the same way:

(cli)    ``vietrans translate`` on one file holding every paragraph (``--keep-all``), timed whole;
         then less its start-up (the time the same command takes for a one-sentence file, measured
         in the same round: process start, model load, a first decode), the strict figure, since
         the server loads its model before the clients come;
(server) ``vietrans serve`` (rate limit off), warmed with the same one-sentence text before the
         clock starts; CLIENTS clients each posting one paragraph at a time to LibreTranslate's
         ``/translate`` until all are done: each request's latency (p50, p95) and sentences per
         second over the whole run (the warm-up's sentence not counted).

A round runs both arms one after the other (which goes first alternates); ROUNDS rounds.
Every run is printed; the figures are the medians (and the best) over the rounds, and the
ratio is the server's median sentences/s over the CLI's median strict figure (the floor,
issue 29: at least 70%).  Beside the wall-clock figures, each arm's CPU seconds per sentence
(all its threads, from the kernel): on a shared machine the wall clock swings with the other
processes while the CPU time shows what the work itself costs.  The server's answers are
compared with the CLI's sentences, paragraph by paragraph (they must be the same).

Why the server can trail the CLI here: 50 clients keep about 160 sentences in flight, so a
server batch holds at most that many, while the CLI decodes all of them in one call, and the
engine is faster per sentence in bigger calls (length-sorted batches pad less, term-placing
rounds are fuller; measured once on the shared machine: 160 sentences a call about 20% slower
than 320, 80 about half as fast).  A server that cuts a wave of requests into small batches
loses most (README, "Serving").

The model: ``--model PATH``, else the shared small real model (``../shared/models``).  The
last line is one JSON object.

Run: .venv/bin/python benchmarks/serve_load.py [--smoke] [--clients N] [--paragraphs N] [--rounds N] [--model PATH]
(``--smoke``: 8 clients, the example article's paragraphs, a tiny test model, one round, no
../shared: a check that it runs, not a figure).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from common import EXAMPLE, FLORES, REAL_MODEL, parser, work_folder

ROUNDS = 3
WARM_UP = "Xin chào.\n"  # the one-sentence text both arms pay their start-up with


def paragraphs(count: int) -> list[str]:
    source = FLORES / "vie_Latn.devtest"
    if not source.exists():
        sys.exit(f"skipped: {source} is not present")
    lines = source.read_text(encoding="utf-8").splitlines()
    return [" ".join(lines[i : i + 3]) for i in range(0, 3 * count, 3)][:count]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds of a running process, all its threads (Linux's /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cli(work: Path, model: Path, text: str, name: str) -> dict:
    """``vietrans translate`` on ``text`` as a file (a fresh memory): its --json summary, wall and CPU time."""
    source = work / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "translator", "translate", str(source), "-o", str(work / "out"), "-f", "jsonl"]
    command += ["--model", str(model), "--cache", str(work / f"{name}.sqlite3"), "--keep-all", "-q", "--json"]
    cpu, start = children_cpu(), time.perf_counter()
    proc = subprocess.run([*command, "--force"], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    return {
        **json.loads(proc.stdout),
        "wall": seconds,
        "cpu": children_cpu() - cpu,
        "jsonl": work / "out" / f"{name}.jsonl",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def load(url: str, work: list[str], clients: int, pid: int) -> dict:
    """Each client posts paragraphs one after another until none is left: the wall and CPU time
    (the server's, process ``pid``) from the first request to the last answer, every request's
    latency, and each paragraph's English.  The clients are made before the clock starts (making
    one costs the benchmark ~30 ms, its TLS context: 1.5 s for 50, which is not the server's)."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for paragraph in work:
        queue.put_nowait(paragraph)
    latencies: list[float] = []
    english: dict[str, str] = {}

    async def client(http: httpx.AsyncClient) -> None:
        async with http:
            while not queue.empty():
                paragraph = queue.get_nowait()
                start = time.perf_counter()
                answer = await http.post("/translate", data={"q": paragraph, "source": "vi", "target": "en"})
                answer.raise_for_status()
                latencies.append(time.perf_counter() - start)
                english[paragraph] = answer.json()["translatedText"]

    https = [httpx.AsyncClient(base_url=url, timeout=600) for _ in range(clients)]
    cpu, start = process_cpu(pid), time.perf_counter()
    await asyncio.gather(*(client(http) for http in https))
    return {
        "wall": time.perf_counter() - start,
        "cpu": process_cpu(pid) - cpu,
        "latencies": sorted(latencies),
        "english": english,
    }


def serve(work: Path, model: Path, texts: list[str], clients: int, name: str) -> dict:
    """A fresh ``vietrans serve``, warmed with one sentence, under ``clients`` clients."""
    port = free_port()
    command = [sys.executable, "-m", "translator", "serve", "--port", str(port), "--model", str(model)]
    command += ["--cache", str(work / f"{name}.sqlite3"), "--data-dir", str(work / name), "--rate-limit", "0"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
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
        httpx.post(f"{url}/translate", data={"q": WARM_UP, "source": "vi", "target": "en"}, timeout=600)
        before = httpx.get(f"{url}/api/status").json()
        run = asyncio.run(load(url, texts, clients, server.pid))
        after = httpx.get(f"{url}/api/status").json()
    finally:
        server.terminate()
        server.wait(30)
    counts = {key: after[key] - before[key] for key in ("sentences", "batches", "busy_s")}
    latencies = run.pop("latencies")
    return {
        **run,
        "sentences": counts["sentences"],
        "rate": counts["sentences"] / run["wall"],
        "mean_batch": round(counts["sentences"] / max(1, counts["batches"]), 1),
        "busy": counts["busy_s"] / run["wall"],  # the share of the run the engine was decoding
        "p50": statistics.median(latencies),
        "p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
    }


def same_english(texts: list[str], jsonl: Path, english: dict[str, str]) -> int:
    """How many paragraphs the server answered exactly as the CLI translated them."""
    blocks: dict[int, list[str]] = {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        blocks.setdefault(row["block"], []).append(row["target"])
    cli_english = [" ".join(blocks[n]) for n in sorted(blocks)]
    return sum(english.get(text) == theirs for text, theirs in zip(texts, cli_english, strict=False))


def one_round(work: Path, model: Path, texts: list[str], clients: int, number: int) -> dict:
    """Both arms once (the server first in odd rounds); the CLI's start-up measured beside it."""
    figures: dict = {}

    def run_cli() -> None:
        startup = cli(work, model, WARM_UP, f"startup{number}")
        whole = cli(work, model, "\n\n".join(texts) + "\n", f"cli{number}")
        strict = whole["wall"] - startup["wall"]
        figures["cli"] = {
            "sentences": whole["sentences"],
            "wall": whole["wall"],
            "startup": startup["wall"],
            "rate": whole["sentences"] / whole["wall"],
            "strict_rate": whole["sentences"] / max(strict, 1e-9),
            "cpu": whole["cpu"] - startup["cpu"],
            "jsonl": whole["jsonl"],
        }

    def run_server() -> None:
        figures["server"] = serve(work, model, texts, clients, f"server{number}")

    for arm in (run_server, run_cli) if number % 2 else (run_cli, run_server):
        arm()
    server, cli_ = figures["server"], figures["cli"]
    server["same"] = same_english(texts, cli_.pop("jsonl"), server.pop("english"))
    figures["ratio"] = server["rate"] / cli_["strict_rate"]
    print(
        f"round {number + 1}: (cli) {cli_['wall']:6.2f} s, start-up {cli_['startup']:.2f} s: "
        f"{cli_['rate']:5.2f} sentences/s whole, {cli_['strict_rate']:5.2f} strict, "
        f"CPU {cli_['cpu'] / cli_['sentences']:.3f} s/sentence | (server) {server['wall']:6.2f} s: "
        f"{server['rate']:5.2f} sentences/s, p50 {server['p50']:.2f} s p95 {server['p95']:.2f} s, "
        f"mean batch {server['mean_batch']}, engine busy {server['busy']:.0%}, "
        f"CPU {server['cpu'] / max(1, server['sentences']):.3f} s/sentence, "
        f"{server['same']}/{len(texts)} paragraphs as the CLI's | ratio {figures['ratio']:.1%}",
        flush=True,
    )
    return figures


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--clients", type=int, default=50)
    args.add_argument("--paragraphs", type=int, default=100)
    args.add_argument("--rounds", type=int, default=ROUNDS)
    args.add_argument("--model", type=Path)
    args = args.parse_args()
    work = work_folder("vietrans-serve-load-")
    if args.smoke:
        from translator.testmodels import build_package

        args.clients, args.rounds = 8, 1
        texts = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()][:16]
        args.model = args.model or build_package(work / "copy.argosmodel", "copy", texts=texts)
    else:
        texts = paragraphs(args.paragraphs)
    model = args.model or REAL_MODEL
    if not model.exists():
        sys.exit(f"skipped: {model} is not present")
    rounds = [one_round(work, model, texts, args.clients, number) for number in range(args.rounds)]

    def summary(arm: str, key: str) -> dict:
        values = [r[arm][key] if arm else r[key] for r in rounds]
        return {"runs": [round(v, 3) for v in values], "median": round(statistics.median(values), 3)}

    cli_strict, served = summary("cli", "strict_rate"), summary("server", "rate")
    ratio = served["median"] / cli_strict["median"]
    sentences = rounds[0]["cli"]["sentences"]
    print(f"{len(texts)} paragraphs = {sentences} sentences; model {model.name}; {args.clients} clients")
    print(
        f"median (best) sentences/s: cli strict {cli_strict['median']:.2f} ({max(cli_strict['runs']):.2f}), "
        f"server {served['median']:.2f} ({max(served['runs']):.2f}); ratio of medians {ratio:.1%}, "
        f"of bests {max(served['runs']) / max(cli_strict['runs']):.1%}, per round {summary('', 'ratio')['runs']}"
    )
    print(
        json.dumps(
            {
                "paragraphs": len(texts),
                "sentences": sentences,
                "server_sentences": [r["server"]["sentences"] for r in rounds],
                "clients": args.clients,
                "rounds": args.rounds,
                "cli_sentences_per_s": summary("cli", "rate"),
                "cli_strict_sentences_per_s": {**cli_strict, "best": max(cli_strict["runs"])},
                "server_sentences_per_s": {**served, "best": max(served["runs"])},
                "cli_startup_s": summary("cli", "startup"),
                "p50_s": summary("server", "p50"),
                "p95_s": summary("server", "p95"),
                "mean_batch": summary("server", "mean_batch"),
                "engine_busy": summary("server", "busy"),
                "cpu_s_per_sentence": {
                    "cli": round(summary("cli", "cpu")["median"] / sentences, 4),
                    "server": round(
                        statistics.median(r["server"]["cpu"] / max(1, r["server"]["sentences"]) for r in rounds), 4
                    ),
                },
                "same_paragraphs": [r["server"]["same"] for r in rounds],
                "ratio_per_round": summary("", "ratio")["runs"],
                "ratio_to_cli": round(ratio, 3),
                "ratio_of_bests": round(max(served["runs"]) / max(cli_strict["runs"]), 3),
                "floor_met": ratio >= 0.7,
                "smoke": args.smoke,
            }
        )
    )


if __name__ == "__main__":
    main()
