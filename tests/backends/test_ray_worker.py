"""A Ray worker as the plain class Ray wraps (``ray.remote(Worker)``), in this process: which model
it loads, and that it decodes and aligns as the local engine does.  (Kept apart from
test_ray_cluster.py, whose every test joins a Ray runtime; these need none.)"""

from __future__ import annotations

import shutil
from pathlib import Path

from translator.backends.ray_cluster import Worker, pack
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine

SENTENCES = ["Một câu về chip.", "Câu thứ hai dài hơn một chút về trí tuệ nhân tạo.", "Ba."]
OPTIONS = DecodeOptions(beam_size=1, max_length=4)  # not the defaults: the worker must decode with these


def test_a_worker_reads_the_model_at_its_path_when_it_is_the_one_it_was_sent(random_model):
    package = models.resolve(str(random_model))
    worker = Worker(str(package.path), package.identity, b"", OPTIONS, "argos")  # no copy sent: none needed
    assert worker.where()[1] is False
    local = Engine(package, OPTIONS)
    assert worker.translate(SENTENCES, False) == local.translate(SENTENCES)
    assert worker.translate(SENTENCES, False) != Engine(package).translate(SENTENCES)  # the options count


def test_a_worker_never_decodes_with_another_model_found_at_its_path(random_model, copy_model, tmp_path: Path):
    """The folder at the model's path holds another model (another version, another package of that
    name): the worker unpacks the copy it was sent, into a temporary folder named for vietrans."""
    package = models.resolve(str(random_model))
    folder = tmp_path / package.path.name
    shutil.copytree(models.resolve(str(copy_model)).path, folder)
    worker = Worker(str(folder), package.identity, pack(package.path), OPTIONS, "argos")
    assert worker.where()[1] is True
    assert worker.translate(SENTENCES, False) == Engine(package, OPTIONS).translate(SENTENCES)
    unpacked = worker.engine.package.path
    assert unpacked.name == package.path.name and unpacked.parent.name.startswith("vietrans-model-")
    shutil.rmtree(unpacked.parent)


def test_a_worker_decodes_a_batch_in_order_safer_and_with_prefixes_and_aligns_as_the_engine(copy_model):
    package = models.resolve(str(copy_model))
    worker = Worker(str(package.path), package.identity, b"", DecodeOptions(), "argos")
    local = Engine(package)
    prefixes = ["Một", "Hai", ""]
    translated = worker.translate(SENTENCES, True, prefixes)
    assert translated == local.translate(SENTENCES, safer=True, prefixes=prefixes)
    assert [t.text.split()[0] for t in translated[:2]] == ["Một", "Hai"]  # each its own prefix, in order
    assert translated != local.translate(SENTENCES, prefixes=prefixes)  # safer: other options, another score
    pairs = [(s, t.text) for s, t in zip(SENTENCES, translated, strict=True)]
    assert worker.align(pairs) == local.align(pairs) and all(worker.align(pairs))
