"""The cleaning stage on pages written in the styles of the major Vietnamese outlets."""

from pathlib import Path

import pytest

from translator.eval.cleaning import check_folder, main

PAGES = Path(__file__).parent / "data" / "pages"


@pytest.mark.parametrize("result", check_folder(PAGES), ids=lambda r: r.name)
def test_page_keeps_the_story_and_sets_aside_the_furniture(result):
    assert result.mistakes == []


def test_eval_command_reports_totals(capsys):
    assert main([str(PAGES)]) == 0
    assert "0 mistakes" in capsys.readouterr().out
