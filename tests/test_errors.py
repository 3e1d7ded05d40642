"""How a failure reaches the user: one line per failed file, or with VIETRANS_DEBUG its traceback."""

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main


def test_with_vietrans_debug_a_files_internal_error_is_raised_for_its_traceback(copy_model, tmp_path, monkeypatch):
    import translator.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(translator.pipeline, "prepare", broken)  # stands in for a bug in vietrans
    monkeypatch.setenv("VIETRANS_DEBUG", "1")
    args = ["translate", str(EXAMPLE), "-o", str(tmp_path), "--model", str(copy_model), "-q"]
    with pytest.raises(RuntimeError, match="something unforeseen"):
        CliRunner().invoke(main, args, catch_exceptions=False)
