"""``transloc models``: list and install Argos Translate packages (safely, with timeouts and progress)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import config_option
from .report import ClickReporter

if TYPE_CHECKING:
    from ..mt.argos_layout import PackageMeta


@click.group(name="models")
def models() -> None:
    """Manage the Argos Translate packages the argos engine uses.

    Packages live in ARGOS_PACKAGES_DIR (default ~/.local/share/argos-translate/packages); the index
    comes from ARGOS_PACKAGE_INDEX.
    """


def _row(pkg: PackageMeta, extra: str = "") -> str:
    from ..mt.models import package_name

    names = f"{pkg.from_name or pkg.from_code} → {pkg.to_name or pkg.to_code}"
    line = f"  {package_name(pkg):<22} {pkg.package_version or '?':<8} {names}"
    return f"{line}  {extra}".rstrip()


@models.command(name="list")
@config_option
@click.option("--offline", is_flag=True, help="Show installed packages only; do not contact the index.")
def list_models(offline: bool) -> None:
    """Installed packages, and the index's packages when it can be reached."""
    from ..mt import models as m

    paths = m.ArgosPaths.resolve()
    installed = m.installed_packages(paths)
    click.echo(f"Installed in {paths.packages_dir}:")
    for pkg in installed:
        click.echo(_row(pkg))
    if not installed:
        click.echo("  (none) — install one with `transloc models install de en`")
    if offline:
        return
    try:
        available, stale = m.available_packages(paths, refresh=True)
    except m.IndexUnavailable as exc:
        click.echo(f"Available: unknown — {exc.message}", err=True)
        return
    have = {(p.from_code, p.to_code): p.package_version for p in installed}
    click.echo(f"Available from {paths.index_url}" + (" (cached copy)" if stale else "") + ":")
    for pkg in sorted(available, key=lambda p: (p.from_code, p.to_code)):
        version = have.get((pkg.from_code, pkg.to_code))
        mark = (
            "" if version is None else ("[installed]" if version == pkg.package_version else f"[{version} installed]")
        )
        click.echo(_row(pkg, mark))
    if stale:
        click.echo(f"transloc: index not refreshed: {stale}", err=True)


@models.command(name="install")
@config_option
@click.argument("what", nargs=-1, required=True)
def install(what: tuple[str, ...]) -> None:
    """Install a package: `install de en` downloads it from the index; `install FILE.argosmodel` installs a file.

    When the index has no direct package for a pair, the two packages for translating via English are
    installed instead.
    """
    from ..errors import TranslocError
    from ..mt import models as m

    paths = m.ArgosPaths.resolve()
    if len(what) == 1:
        path = Path(what[0])
        if not path.exists() and not what[0].endswith(".argosmodel"):
            raise TranslocError(
                f"{what[0]!r} is neither a package file nor a language pair",
                hint="use `transloc models install de en` or `transloc models install FILE.argosmodel`",
            )
        pkg = m.install_file(path, paths)
        click.echo(f"installed {m.describe(pkg)} ({pkg.from_code}→{pkg.to_code}) into {pkg.package_path}")
        return
    if len(what) != 2:
        raise click.UsageError("give a package file, or a source and a target language code (de en)")
    source, target = what
    for code in what:
        if not m._CODE.match(code):
            raise TranslocError(f"{code!r} is not a language code", hint="use codes such as de, en, fr")
    before = {p.package_path for p in m.installed_packages(paths)}
    route = m.install_pair(source, target, paths, refresh=True, reporter=ClickReporter(notes=False))
    for pkg in route:
        state = "already installed" if pkg.package_path in before else "installed"
        click.echo(f"{state}: {m.describe(pkg)} ({pkg.from_code}→{pkg.to_code}) in {pkg.package_path}")
    if len(route) > 1:
        click.echo(f"{m.argos_code(source)}→{m.argos_code(target)} will be translated via {m.PIVOT_LANGUAGE}")
