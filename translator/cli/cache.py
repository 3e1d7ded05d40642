"""``vietrans cache``: the translation memory's statistics, clearing and TMX export."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.options import cache_option, open_memory


@click.group()
def cache() -> None:
    """The translation memory: every sentence translated, reused on re-runs."""


@cache.command("stats")
@cache_option
def cache_stats(cache_path: Path | None) -> None:
    """How many sentences the memory holds, and where."""
    with open_memory(cache_path, create=False) as memory:
        stats = memory.stats()
    click.echo(
        f"{stats['entries']} sentences in {stats['contexts']} context(s) (model, options), "
        f"{stats['human']} human translations (reviewed), {stats['bytes'] / 1e6:.1f} MB at {stats['path']}"
    )


@cache.command("clear")
@cache_option
def cache_clear(cache_path: Path | None) -> None:
    """Forget every cached translation."""
    with open_memory(cache_path, create=False) as memory:
        click.echo(f"removed {memory.clear()} sentences")


@cache.command("export")
@cache_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="TMX file to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file.")
def cache_export(cache_path: Path | None, output: Path | None, force: bool) -> None:
    """Export the memory as TMX 1.4, for translators' tools."""
    with open_memory(cache_path, create=False) as memory:
        tmx, unshown = memory.export_tmx(), memory.unshown()
    if unshown:
        click.echo(
            f"vietrans: note: {unshown} sentence(s) translated before reports were recorded are not exported; "
            "translate their articles again (from the memory) to export them",
            err=True,
        )
    if output is None:
        click.echo(tmx, nl=False)
        return
    from translator.files import write_bytes

    write_bytes(tmx.encode("utf-8"), output, force=force)
    click.echo(f"wrote {output}")
