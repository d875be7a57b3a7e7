"""Argos Translate packages: index, download, safe install, lookup and pivot routes.

The folders and file formats are argostranslate's (see ``argos_layout``), so packages installed by
either tool serve both; the network and install code is transloc's own, because argostranslate's has
no timeouts, reads whole files into memory, recurses forever when offline and extracts archives
without checking their paths. Settings are read at call time, never frozen at import.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import TranslocError
from ..report import QuietReporter, Reporter
from .archive import ZIP_ERRORS, extract_checked, inspect_archive
from .argos_layout import LANGUAGE_CODE, PackageMeta
from .argos_layout import ArgosPaths as ArgosPaths  # re-exported: callers name it models.ArgosPaths
from .argos_layout import index_json_url as index_json_url

if TYPE_CHECKING:
    from packaging.version import Version

# An index entry and an installed package are one type; ``package_path`` tells them apart.
Package = PackageMeta
AvailablePackage = PackageMeta

PIVOT_LANGUAGE = "en"
DEFAULT_TIMEOUT = 20.0
_CODE = LANGUAGE_CODE
_ARGOS_CODES = {"pt-br": "pb", "zh-tw": "zt", "zh-hant": "zt", "zh-hk": "zt", "zh-hans": "zh", "zh-cn": "zh"}


def argos_code(code: str) -> str:
    """Map a locale tag (``en-GB``, ``pt-BR``) to the code Argos packages use (``en``, ``pb``)."""
    code = code.strip().lower().replace("_", "-")
    return _ARGOS_CODES.get(code, code.split("-")[0])


def package_name(pkg: PackageMeta) -> str:
    return pkg.name


def describe(pkg: PackageMeta) -> str:
    """``translate-de_en 1.9`` — how messages and labels name a package."""
    return f"{package_name(pkg)} {pkg.package_version}".strip()


def _version_key(pkg: PackageMeta) -> tuple[int, Version, str]:
    """Valid versions after invalid ones, each kind in its own order (versions as versions, others as text)."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(str(pkg.package_version)), "")
    except InvalidVersion:
        return (0, Version("0"), str(pkg.package_version))


# --------------------------------------------------------------------------- installed packages


def installed_packages(paths: ArgosPaths) -> list[Package]:
    """Packages in the packages folder; folders that are not packages are skipped, not fatal."""
    if not paths.packages_dir.is_dir():
        return []
    found = []
    for folder in sorted(paths.packages_dir.iterdir()):
        if folder.name.startswith(".") or not (folder / "metadata.json").is_file():
            continue
        try:
            found.append(PackageMeta.from_folder(folder))
        except (OSError, ValueError):
            continue
    return found


def _best(packages: list[PackageMeta], source: str, target: str) -> PackageMeta | None:
    matches = [p for p in packages if argos_code(p.from_code or "") == source and argos_code(p.to_code or "") == target]
    return max(matches, key=_version_key) if matches else None


def find_installed(source: str, target: str, paths: ArgosPaths) -> Package | None:
    return _best(installed_packages(paths), argos_code(source), argos_code(target))


def installed_route(source: str, target: str, paths: ArgosPaths) -> list[Package] | None:
    """Installed packages that translate source→target: one package, or two via English."""
    source, target = argos_code(source), argos_code(target)
    packages = installed_packages(paths)
    direct = _best(packages, source, target)
    if direct is not None:
        return [direct]
    if PIVOT_LANGUAGE not in (source, target):
        first, second = _best(packages, source, PIVOT_LANGUAGE), _best(packages, PIVOT_LANGUAGE, target)
        if first is not None and second is not None:
            return [first, second]
    return None


# --------------------------------------------------------------------------- package index


class IndexUnavailable(TranslocError):
    """The package index could not be fetched or read."""


def _open_url(url: str, timeout: float) -> Any:  # Any: what urlopen returns (typeshed)
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "transloc (argos package manager)"})
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s)/file URLs from settings


def _network_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason).strip() or type(exc).__name__


def parse_index(data: bytes, where: str) -> list[AvailablePackage]:
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexUnavailable(f"package index is not valid JSON ({exc})", where, "check ARGOS_PACKAGE_INDEX") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise IndexUnavailable("package index is not a list of packages", where, "check ARGOS_PACKAGE_INDEX")
    packages = []
    for entry in entries:
        try:
            pkg = PackageMeta.from_json(entry)
        except ValueError:
            continue
        if pkg.type == "translate":
            packages.append(pkg)
    return packages


def fetch_index(paths: ArgosPaths, timeout: float = DEFAULT_TIMEOUT) -> list[AvailablePackage]:
    """Download the index (with a timeout), keep a copy next to Argos's own, return its packages."""
    from ..fileio import atomic_write_bytes

    try:
        with _open_url(paths.index_url, timeout) as response:
            data = response.read()
    except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts are OSErrors
        raise IndexUnavailable(
            f"package index cannot be reached ({paths.index_url}: {_network_reason(exc)})",
            paths.index_url,
            "check the network",
        ) from None
    packages = parse_index(data, paths.index_url)
    try:
        atomic_write_bytes(paths.local_index, data)
    except TranslocError:
        pass  # a cache we cannot write is no reason to fail
    return packages


def cached_index(paths: ArgosPaths) -> list[AvailablePackage] | None:
    try:
        data = paths.local_index.read_bytes()
    except OSError:
        return None
    try:
        return parse_index(data, str(paths.local_index))
    except IndexUnavailable:
        return None


def available_packages(
    paths: ArgosPaths, *, refresh: bool = True, timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[AvailablePackage], str | None]:
    """Index packages and, if the fresh index could not be fetched, why (then the cached copy is used)."""
    if not refresh:
        cached = cached_index(paths)
        if cached is not None:
            return cached, None
    try:
        return fetch_index(paths, timeout), None
    except IndexUnavailable as exc:
        cached = cached_index(paths)
        if cached is None:
            raise
        return cached, exc.message


# --------------------------------------------------------------------------- download


class DownloadFailed(TranslocError):
    """No link of an index entry could be downloaded."""


def download(
    pkg: AvailablePackage, paths: ArgosPaths, timeout: float = DEFAULT_TIMEOUT, reporter: Reporter | None = None
) -> Path:
    """Stream the package to the downloads folder (temp file, then atomic rename) and return its path.

    Progress goes to ``reporter`` (in bytes; size unknown without a Content-Length)."""
    links = [link for link in (pkg.links or []) if isinstance(link, str)]
    if not links:
        raise TranslocError(f"package index lists no download link for {describe(pkg)}", paths.index_url)
    paths.downloads_dir.mkdir(parents=True, exist_ok=True)
    target = paths.downloads_dir / (re.sub(r"[^A-Za-z0-9_.-]", "_", describe(pkg)) + ".argosmodel")
    last_error = "no link worked"
    for link in links:
        fd, tmp = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=paths.downloads_dir)
        try:
            with os.fdopen(fd, "wb") as out, _open_url(link, timeout) as response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                with (reporter or QuietReporter()).progress(total, f"Downloading {describe(pkg)}") as bar:
                    while chunk := response.read(1 << 16):
                        out.write(chunk)
                        bar.update(len(chunk))
                if total is not None and out.tell() != total:
                    raise OSError(f"incomplete download: {out.tell()} of {total} bytes")
            os.replace(tmp, target)
            return target
        except (OSError, ValueError) as exc:
            last_error = f"{link}: {_network_reason(exc)}"
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    raise DownloadFailed(
        f"cannot download {describe(pkg)} ({last_error})",
        hint="check the network, or download the .argosmodel yourself and run `transloc models install FILE`",
    )


# --------------------------------------------------------------------------- safe install (checks in archive.py)


def install_file(path: str | Path, paths: ArgosPaths) -> Package:
    """Install an .argosmodel safely: check, extract to a hidden staging folder, then swap into place.

    An older package for the same language pair is replaced, so lookups never see two versions.
    """
    path = Path(path)
    info = inspect_archive(path)
    try:
        paths.packages_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".transloc-install-", dir=paths.packages_dir))
    except OSError as exc:
        raise TranslocError(
            f"cannot write to the packages folder ({exc.strerror or exc})", paths.packages_dir, "set ARGOS_PACKAGES_DIR"
        ) from None
    backup: Path | None = None
    final = paths.packages_dir / info.top
    try:
        extract_checked(path, staging)
        candidate = PackageMeta.from_folder(staging / info.top)
        replaced = [
            p.package_path
            for p in installed_packages(paths)
            if p.package_path is not None
            and (p.from_code, p.to_code) == (candidate.from_code, candidate.to_code)
            and p.package_path != final
        ]
        if final.exists():
            backup = staging / ".previous"
            os.replace(final, backup)
        os.replace(staging / info.top, final)
        for old in replaced:
            shutil.rmtree(old, ignore_errors=True)
        return PackageMeta.from_folder(final)
    except ZIP_ERRORS as exc:
        if backup is not None and backup.exists() and not final.exists():
            os.replace(backup, final)
        raise TranslocError(f"cannot install package ({exc})", path, "nothing was installed") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- install by language pair


def _missing_error(source: str, target: str, reason: str) -> TranslocError:
    name = f"translate-{source}_{target}"
    return TranslocError(
        f"no Argos package for {source}→{target} is installed ({name}) and {reason}",
        hint=f"run `transloc models install {source} {target}` with network access, "
        f"or `transloc models install FILE` with a downloaded {name} .argosmodel",
    )


def _newest(
    installed: list[PackageMeta], available: list[PackageMeta], source: str, target: str
) -> PackageMeta | None:
    """The installed package unless the index has a newer version."""
    have, offer = _best(installed, source, target), _best(available, source, target)
    if have is not None and (offer is None or _version_key(have) >= _version_key(offer)):
        return have
    return offer


def plan_from_index(
    source: str, target: str, available: list[PackageMeta], installed: list[PackageMeta]
) -> list[PackageMeta] | None:
    """Index or installed packages for a route, direct first, else via English; None if there is none."""
    direct = _newest(installed, available, source, target)
    if direct is not None:
        return [direct]
    if PIVOT_LANGUAGE in (source, target):
        return None
    legs = []
    for a, b in ((source, PIVOT_LANGUAGE), (PIVOT_LANGUAGE, target)):
        leg = _newest(installed, available, a, b)
        if leg is None:
            return None
        legs.append(leg)
    return legs


def install_pair(
    source: str, target: str, paths: ArgosPaths, *, refresh: bool = True, reporter: Reporter | None = None
) -> list[Package]:
    """Download and install what source→target needs (directly or via English); return the route."""
    source, target = argos_code(source), argos_code(target)
    try:
        available, _stale = available_packages(paths, refresh=refresh)
    except IndexUnavailable as exc:
        raise _missing_error(source, target, f"the {exc.message}") from None
    installed = installed_packages(paths)
    route = plan_from_index(source, target, available, installed)
    if route is None and not refresh:
        return install_pair(source, target, paths, refresh=True, reporter=reporter)
    if route is None:
        raise TranslocError(
            f"the package index has no Argos package for {source}→{target}, not even via {PIVOT_LANGUAGE}",
            paths.index_url,
            "see `transloc models list`",
        )
    result = []
    for leg in route:
        if leg.installed:
            result.append(leg)
            continue
        file = download(leg, paths, reporter=reporter)
        try:
            pkg = install_file(file, paths)
        finally:
            file.unlink(missing_ok=True)
        if reporter is not None:
            reporter.info(f"installed Argos package {describe(pkg)} into {paths.packages_dir}")
        result.append(pkg)
    return result


def ensure_route(
    source: str,
    target: str,
    paths: ArgosPaths,
    *,
    auto_install: bool = True,
    reporter: Reporter | None = None,
) -> list[Package]:
    """Installed packages for source→target, installing them from the index on first use if allowed."""
    source, target = argos_code(source), argos_code(target)
    route = installed_route(source, target, paths)
    if route is not None and len(route) == 1:
        return route
    if not auto_install:
        if route is not None:
            return route
        raise _missing_error(source, target, "automatic installation is off")
    try:
        return install_pair(source, target, paths, refresh=False, reporter=reporter)
    except TranslocError as exc:
        if route is not None:  # offline, but a pivot route is installed: use it
            return route
        if isinstance(exc, DownloadFailed):
            raise _missing_error(source, target, exc.message) from None
        raise
