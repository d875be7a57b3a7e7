"""Argos package management: safe install, index, download, lookup and pivot routes (library level)."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from tinymodel import PackageServer, cached_package, repack
from transloc.cli.report import ClickReporter
from transloc.errors import TranslocError
from transloc.mt import models


@pytest.fixture(scope="session")
def tiny_de_en(request: pytest.FixtureRequest) -> Path:
    return cached_package(Path(request.config.cache.mkdir("transloc-tinymodel")), "translate-de_en-1_9.argosmodel")


@pytest.fixture
def paths(argos_paths: models.ArgosPaths) -> models.ArgosPaths:
    return argos_paths


def _zip(path: Path, entries: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


GOOD = {
    "pkg/metadata.json": json.dumps({"from_code": "de", "to_code": "en", "package_version": "1.0"}).encode(),
    "pkg/model/model.bin": b"x",
    "pkg/sentencepiece.model": b"x",
}


def test_env_is_read_at_call_time(paths: models.ArgosPaths, tmp_path: Path) -> None:
    assert paths.packages_dir == tmp_path / "packages"
    assert paths.index_url == "http://127.0.0.1:9/index.json"
    assert paths.local_index == tmp_path / "xdg_data_home" / "argos-translate" / "index.json"


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("https://example.org/idx/", "https://example.org/idx/index.json"),
        ("https://example.org/idx", "https://example.org/idx/index.json"),
        ("https://example.org/other.json", "https://example.org/other.json"),
    ],
)
def test_index_url_forms(base: str, url: str) -> None:
    assert models.index_json_url(base) == url


@pytest.mark.parametrize(
    ("tag", "code"), [("en", "en"), ("en-GB", "en"), ("pt-BR", "pb"), ("zh_TW", "zt"), ("FR", "fr")]
)
def test_locale_tags_map_to_argos_codes(tag: str, code: str) -> None:
    assert models.argos_code(tag) == code


def test_install_file_and_lookup(paths: models.ArgosPaths, tiny_de_en: Path) -> None:
    pkg = models.install_file(tiny_de_en, paths)
    assert pkg.package_path == paths.packages_dir / "translate-de_en-1_9"
    assert (pkg.package_path / "model" / "model.bin").is_file()
    assert models.describe(pkg) == "translate-de_en 1.9"
    found = models.find_installed("de", "en-GB", paths)
    assert found is not None and found.package_path == pkg.package_path
    assert models.find_installed("de", "fr", paths) is None
    assert [p.name for p in paths.packages_dir.iterdir()] == ["translate-de_en-1_9"]  # no staging left behind


def test_newer_version_replaces_older(paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path) -> None:
    models.install_file(repack(tiny_de_en, tmp_path / "old.argosmodel", version="1.8"), paths)
    models.install_file(tiny_de_en, paths)
    assert sorted(p.name for p in paths.packages_dir.iterdir()) == ["translate-de_en-1_9"]
    models.install_file(tiny_de_en, paths)  # reinstalling the same version is fine
    assert sorted(p.name for p in paths.packages_dir.iterdir()) == ["translate-de_en-1_9"]


def test_folders_without_metadata_do_not_break_listing(paths: models.ArgosPaths, tiny_de_en: Path) -> None:
    (paths.packages_dir / "junk").mkdir(parents=True)
    (paths.packages_dir / "broken").mkdir()
    (paths.packages_dir / "broken" / "metadata.json").write_text("{not json")
    models.install_file(tiny_de_en, paths)
    assert [models.describe(p) for p in models.installed_packages(paths)] == ["translate-de_en 1.9"]


@pytest.mark.parametrize(
    ("entries", "links", "message"),
    [
        ({**GOOD, "pkg/../../evil.txt": b"x"}, None, "leaves the package folder"),
        ({**GOOD, "/etc/evil.txt": b"x"}, None, "absolute"),
        (GOOD, {"pkg/link": "/etc/passwd"}, "link"),
        ({k: v for k, v in GOOD.items() if "metadata" not in k}, None, "no metadata.json"),
        ({**GOOD, "other/file.txt": b"x"}, None, "one top-level folder"),
        ({"metadata.json": GOOD["pkg/metadata.json"]}, None, "one top-level folder"),
        ({**GOOD, "pkg/metadata.json": b"{oops"}, None, "not valid JSON"),
        ({**GOOD, "pkg/metadata.json": b'{"to_code": "en"}'}, None, "from_code"),
        ({k: v for k, v in GOOD.items() if "model.bin" not in k}, None, "model/model.bin"),
    ],
)
def test_unsafe_or_broken_archives_install_nothing(
    paths: models.ArgosPaths, tmp_path: Path, entries: dict[str, bytes], links: dict | None, message: str
) -> None:
    archive = _zip(tmp_path / "bad.argosmodel", entries, links)
    with pytest.raises(TranslocError) as caught:
        models.install_file(archive, paths)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "evil.txt").exists() and not (paths.packages_dir.parent / "evil.txt").exists()
    assert not paths.packages_dir.exists() or list(paths.packages_dir.iterdir()) == []


def test_not_a_zip_and_truncated_zip(paths: models.ArgosPaths, tmp_path: Path, tiny_de_en: Path) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    with pytest.raises(TranslocError, match="not a zip archive"):
        models.install_file(text, paths)
    truncated = tmp_path / "cut.argosmodel"
    truncated.write_bytes(tiny_de_en.read_bytes()[:-5000])
    with pytest.raises(TranslocError):
        models.install_file(truncated, paths)
    with pytest.raises(TranslocError, match="no such package file"):
        models.install_file(tmp_path / "missing.argosmodel", paths)
    assert not paths.packages_dir.exists() or list(paths.packages_dir.iterdir()) == []


def test_corrupt_member_is_reported_and_rolled_back(paths: models.ArgosPaths, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    _zip(tmp_path / "ok.argosmodel", {**GOOD, "pkg/model/model.bin": b"A" * 5000})
    data = bytearray((tmp_path / "ok.argosmodel").read_bytes())
    start = data.index(b"A" * 100)
    data[start : start + 10] = b"B" * 10  # stored member: CRC no longer matches
    buffer.write(bytes(data))
    (tmp_path / "crc.argosmodel").write_bytes(buffer.getvalue())
    with pytest.raises(TranslocError, match="corrupt|cannot install"):
        models.install_file(tmp_path / "crc.argosmodel", paths)
    assert list(paths.packages_dir.iterdir()) == []


def test_index_download_and_install_from_local_server(
    paths: models.ArgosPaths, tmp_path: Path, tiny_de_en: Path
) -> None:
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        paths = models.ArgosPaths.resolve(index_url=server.url)
        available, stale = models.available_packages(paths)
        assert stale is None
        assert [(p.from_code, p.to_code, p.package_version) for p in available] == [("de", "en", "1.9")]
        assert paths.local_index.is_file()  # cached for offline runs
        route = models.install_pair("de", "en", paths)
    assert [models.describe(p) for p in route] == ["translate-de_en 1.9"]
    assert (paths.packages_dir / "translate-de_en-1_9" / "metadata.json").is_file()
    assert list(paths.downloads_dir.iterdir()) == []  # the download is removed after installing
    # The server is gone: the cached index still answers, and the installed package needs no network.
    assert models.ensure_route("de", "en", paths)[0].package_path == route[0].package_path


def test_unreachable_index_names_package_and_both_remedies(paths: models.ArgosPaths) -> None:
    with pytest.raises(TranslocError) as caught:
        models.ensure_route("de", "en", paths)
    text = str(caught.value)
    assert "translate-de_en" in text
    assert "transloc models install de en" in text and "transloc models install FILE" in text
    assert "127.0.0.1:9" in text
    assert "\n" not in text
    assert not paths.packages_dir.exists() or list(paths.packages_dir.iterdir()) == []


@pytest.mark.parametrize("index", [b"<html>not json</html>", b'{"a": 1}'])
def test_bad_index_is_one_line_error(paths: models.ArgosPaths, tmp_path: Path, index: bytes) -> None:
    with PackageServer(tmp_path / "srv", [], index_bytes=index) as server:
        paths = models.ArgosPaths.resolve(index_url=server.url)
        with pytest.raises(models.IndexUnavailable) as caught:
            models.fetch_index(paths)
    assert "package index" in str(caught.value) and "\n" not in str(caught.value)


def test_pivot_route_installed_and_from_index(paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path) -> None:
    en_fr = repack(
        tiny_de_en, tmp_path / "translate-en_fr-1_9.argosmodel", metadata={"from_code": "en", "to_code": "fr"}
    )
    with PackageServer(tmp_path / "srv", [tiny_de_en, en_fr]) as server:
        paths = models.ArgosPaths.resolve(index_url=server.url)
        route = models.install_pair("de", "fr", paths)
    assert [(p.from_code, p.to_code) for p in route] == [("de", "en"), ("en", "fr")]
    installed = models.installed_route("de", "fr", paths)
    assert installed is not None and [(p.from_code, p.to_code) for p in installed] == [("de", "en"), ("en", "fr")]
    assert models.installed_route("fr", "de", paths) is None
    # Offline with an installed pivot: no error, the pivot is used.
    offline = models.ArgosPaths.resolve(index_url="http://127.0.0.1:9/")
    assert len(models.ensure_route("de", "fr", offline)) == 2


def test_index_without_pair_says_so(paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path) -> None:
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        paths = models.ArgosPaths.resolve(index_url=server.url)
        with pytest.raises(TranslocError, match="no Argos package for de→ja"):
            models.install_pair("de", "ja", paths)


def test_broken_download_link_is_one_line(paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path) -> None:
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        (server.folder / tiny_de_en.name).unlink()  # index lists it, server answers 404
        paths = models.ArgosPaths.resolve(index_url=server.url)
        with pytest.raises(TranslocError) as caught:
            models.install_pair("de", "en", paths)
    assert "cannot download translate-de_en 1.9" in str(caught.value)
    assert "transloc models install FILE" in str(caught.value)
    assert list(paths.downloads_dir.iterdir()) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_download_progress_only_on_a_terminal(
    paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    stderr = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        paths = models.ArgosPaths.resolve(index_url=server.url)
        (pkg,) = models.fetch_index(paths)
        file = models.download(pkg, paths, reporter=ClickReporter())  # the command's reporter
    assert file.read_bytes() == tiny_de_en.read_bytes()
    assert ("Downloading translate-de_en 1.9" in stderr.getvalue()) is tty
    assert [p.name for p in paths.downloads_dir.iterdir()] == [file.name]  # no partial files left


def test_auto_install_with_failing_download_names_both_remedies(
    paths: models.ArgosPaths, tiny_de_en: Path, tmp_path: Path
) -> None:
    with PackageServer(tmp_path / "srv", [tiny_de_en]) as server:
        (server.folder / tiny_de_en.name).unlink()
        paths = models.ArgosPaths.resolve(index_url=server.url)
        with pytest.raises(TranslocError) as caught:
            models.ensure_route("de", "en", paths)
    text = str(caught.value)
    assert "cannot download translate-de_en 1.9" in text
    assert "transloc models install de en" in text and "transloc models install FILE" in text


def test_zip_bomb_is_refused_before_extraction(paths: models.ArgosPaths, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        for name, data in GOOD.items():
            bomb.writestr(name, data)
        bomb.writestr("pkg/model/weights.bin", bytes(64 << 20))  # 64 MiB of zeros pack into ~64 KiB
    assert archive.stat().st_size < 1 << 20
    with pytest.raises(TranslocError, match="zip bomb") as caught:
        models.install_file(archive, paths)
    assert "\n" not in str(caught.value)
    assert not paths.packages_dir.exists() or list(paths.packages_dir.iterdir()) == []


def test_oversized_metadata_is_refused_unread(paths: models.ArgosPaths, tmp_path: Path) -> None:
    metadata = json.dumps({"from_code": "de", "to_code": "en", "note": "x" * (2 << 20)}).encode()
    archive = _zip(tmp_path / "meta.argosmodel", {**GOOD, "pkg/metadata.json": metadata})
    with pytest.raises(TranslocError, match="metadata.json is larger than 1 MiB"):
        models.install_file(archive, paths)


def test_corrupt_deflated_member_keeps_the_installed_package(
    paths: models.ArgosPaths, tmp_path: Path, tiny_de_en: Path
) -> None:
    installed = models.install_file(tiny_de_en, paths)
    before = sorted(p.relative_to(paths.packages_dir) for p in paths.packages_dir.rglob("*"))
    good = tmp_path / "good.argosmodel"
    with zipfile.ZipFile(tiny_de_en) as source, zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        member = next(i for i in archive.infolist() if i.filename.endswith("model.bin"))
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
    data[start + 10 : start + 60] = bytes(range(50))  # garbage in the deflate stream
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(bytes(data))
    with pytest.raises(TranslocError) as caught:
        models.install_file(broken, paths)
    assert "\n" not in str(caught.value) and "nothing was installed" in str(caught.value)
    assert sorted(p.relative_to(paths.packages_dir) for p in paths.packages_dir.rglob("*")) == before
    assert models.find_installed("de", "en", paths).package_path == installed.package_path
