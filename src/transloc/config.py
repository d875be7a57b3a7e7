"""Project settings: defaults, overridden by ``transloc.toml``, overridden by command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import TranslocError

CONFIG_NAME = "transloc.toml"


@dataclass
class Settings:
    locales: Path = Path("locales")
    """Catalogs: ``<locales>/<lang>/<article-stem>.po``."""
    out: Path = Path("build")
    """Built editions: ``<out>/<lang>/<article-stem>.html``."""
    engine: str = "argos"
    glossary: list[Path] = field(default_factory=lambda: [Path("glossary")])
    localise: bool = True
    """Convert quotes, numbers, dates and times to the target locale's conventions."""
    reviewed_only: bool = False
    regions: dict[str, str] = field(default_factory=dict)
    """Default region per language: ``{"en": "en-GB"}`` makes ``--to en`` follow British conventions."""
    batch_size: int = 64
    """Segments per MT call; the catalog is saved after each, so an interrupted run loses at most one."""
    engine_options: dict[str, object] = field(default_factory=dict)
    """Per-engine settings, from the ``[argos]`` table (beam_size, inter_threads, intra_threads …)."""
    cluster: str | None = None
    """Dask scheduler address from ``[cluster] address`` (``tcp://host:8786``): MT runs on its workers."""
    project: Path = Path(".")
    """The project folder: the folder of the settings file, else the current folder. Catalogs and
    editions mirror an article's path relative to it; relative paths in the settings file start here."""


def load_settings(path: Path | None = None) -> Settings:
    """Read ``transloc.toml`` (the given file, or the one in the current folder if present).

    Folders named in the file are relative to the file's folder, which becomes the project folder.
    """
    settings = Settings()
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.exists():
            return settings
    if Path(path).is_dir():
        raise TranslocError("is a folder, not a settings file", path, "name a transloc.toml file")
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TranslocError("no such file", path, "check the --config path") from None
    except OSError as exc:
        raise TranslocError(f"cannot read: {exc.strerror}", path, "check the --config path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TranslocError(f"invalid TOML: {exc}", path, "fix the configuration file") from None
    known = {f.name for f in fields(Settings)}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name in {"argos", "pseudo"} and isinstance(value, dict):
            settings.engine_options.update(value)
            continue
        if name not in known:
            raise TranslocError(f"unknown setting {key!r}", path, f"known settings: {', '.join(sorted(known))}")
        try:
            setattr(settings, name, _coerce(name, value))
        except (TypeError, ValueError):
            raise TranslocError(
                f"setting {key!r} has the wrong type", path, "see the README's configuration section"
            ) from None
    _check_regions(settings.regions, path)
    settings.project = Path(path).parent
    if settings.project != Path("."):
        settings.locales = settings.project / settings.locales
        settings.out = settings.project / settings.out
        settings.glossary = [settings.project / g for g in settings.glossary]
    return settings


def resolve_settings(config: Path | None = None, **given: object) -> Settings:
    """Defaults, then the settings file (``config``, else ``./transloc.toml`` if present), then the values
    given for this run (command-line options); ``None`` or ``()`` means "not given"."""
    settings = load_settings(config)
    known = {f.name for f in fields(Settings)}
    for key, value in given.items():
        if key not in known:
            raise TypeError(f"unknown setting {key!r}")
        if value is not None and value != ():
            setattr(settings, key, value)
    return settings


def _check_regions(regions: dict[str, str], path: Path) -> None:
    from .localise.locales import parse_locale

    for language, region in regions.items():
        try:
            same = parse_locale(region).language == parse_locale(language).tag
        except TranslocError:
            same = False
        if not same:
            raise TranslocError(
                f"[regions] {language} = {region!r} is not a region of {language!r}", path,
                'name a locale of that language, such as en = "en-GB"',
            )


def _coerce(name: str, value: object) -> object:
    if name == "cluster":
        if not isinstance(value, dict) or set(value) - {"address"} or not isinstance(value.get("address", ""), str):
            raise TypeError
        return value.get("address") or None
    if name in {"locales", "out"}:
        if not isinstance(value, str):
            raise TypeError
        return Path(value)
    if name == "glossary":
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise TypeError
        return [Path(v) for v in values]
    if name in {"localise", "reviewed_only"}:
        if not isinstance(value, bool):
            raise TypeError
        return value
    if name == "batch_size":
        if not isinstance(value, int) or value < 1:
            raise ValueError
        return value
    if name == "regions":
        if not isinstance(value, dict):
            raise TypeError
        return {str(k): str(v) for k, v in value.items()}
    if name == "engine":
        return str(value)
    return value
