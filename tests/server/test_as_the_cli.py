"""Concurrent requests, gathered into shared batches, get exactly what ``vietrans translate`` gives
the same paragraphs in one file: the same sentences, English, scores, flags, terms and facts."""

from __future__ import annotations

import asyncio
import json

import httpx

from tests.conftest import EXAMPLE
from tests.server.conftest import serving
from translator.engines import EngineSpec
from translator.pipeline import Options, translate_files

FIELDS = ("source", "target", "score", "flags", "terms", "spans", "facts")


def test_concurrent_requests_get_the_clis_sentences_and_flags(random_model, tmp_path):
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()][:8]
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    options = Options(  # the defaults, as `vietrans serve` starts with them: repair, shipped glossaries, retries
        engine=EngineSpec(model=str(random_model)),
        download=False,
        progress=False,
        cache=tmp_path / "cli.sqlite3",
        formats=("jsonl",),
    )
    translate_files([article], tmp_path / "out", options)
    cli = [json.loads(line) for line in (tmp_path / "out" / "article.jsonl").read_text(encoding="utf-8").splitlines()]

    with serving(random_model, tmp_path / "server", terms="repair") as served:

        async def ask() -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=served.url, timeout=120) as http:
                return await asyncio.gather(*(http.post("/api/translate", data={"text": p}) for p in paragraphs))

        answers = asyncio.run(ask())
        stats = served.service.batcher.stats
        assert stats.batches < len(paragraphs) and stats.requests == len(paragraphs)  # batches were shared
    served_rows = [row for answer in answers for row in answer.raise_for_status().json()["rows"]]
    assert [{k: row[k] for k in FIELDS} for row in served_rows] == [{k: row[k] for k in FIELDS} for row in cli]
    assert any(row["flags"] for row in cli) and any(row["terms"] or row["facts"] for row in cli)  # something to compare
