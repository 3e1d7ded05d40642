"""``vietrans models``: install, list and remove Argos model packages."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def models() -> None:
    """Install, list and remove Argos Translate vi→en models."""


@models.command("install")
@click.argument("spec", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Reinstall a package that is installed.")
def models_install(spec: tuple[str, ...], force: bool) -> None:
    """Install from a file (PATH.argosmodel) or from the Argos index (vi en)."""
    from translator.engines import packages as lib

    if len(spec) == 1:
        package = lib.install_file(Path(spec[0]), force=force)
    elif len(spec) == 2:
        package = lib.install_from_index(spec[0], spec[1])
    else:
        raise click.UsageError("give one PATH.argosmodel, or two language codes: vi en")
    click.echo(f"installed {package.label} at {package.path}")


@models.command("list")
def models_list() -> None:
    """List installed packages (vi→en first), and broken package folders."""
    from translator.engines import packages as lib

    good, broken = lib.scan()
    if not good and not broken:
        click.echo(f"no models installed; install one with: {lib.INSTALL_HINT}")
    for package in sorted(good, key=lambda p: (p.from_code, p.to_code) != (lib.SOURCE, lib.TARGET)):
        click.echo(
            f"{package.name}\t{package.from_code}→{package.to_code}\t{package.version}"
            f"{'  (test model)' if package.is_test else ''}\t{package.path}"
        )
    for path, reason in broken:
        click.echo(f"{path.name}\tBROKEN: {reason}")


@models.command("remove")
@click.argument("name")
def models_remove(name: str) -> None:
    """Remove an installed package by name (see: vietrans models list)."""
    from translator.engines import packages as lib

    click.echo(f"removed {lib.remove(name)}")
