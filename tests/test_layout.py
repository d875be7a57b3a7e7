"""Catalog identity: catalogs and editions mirror the article's path inside the project folder, and a
catalog refuses a source it does not belong to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from support import run_cli as run
from transloc.layout import place


def two_pages(corpus: Path) -> tuple[Path, Path]:
    a, b = Path("site/a/index.html"), Path("site/b/index.html")
    for path, page in ((a, "heise.de.lithium.html"), (b, "dw.com.colonial.html")):
        path.parent.mkdir(parents=True)
        shutil.copy(corpus / "html" / page, path)
    return a, b


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_index_pages_in_two_commands_lose_nothing(workdir: Path, corpus: Path) -> None:
    a, b = two_pages(corpus)
    assert run("translate", "--to", "en", "--engine", "pseudo", str(a))[0] == 0
    po_a = Path("locales/en/site/a/index.po")
    first = polib.pofile(str(po_a))
    translated_a = {e.msgid: e.msgstr for e in first if e.msgstr and not e.obsolete}
    html_a = Path("build/en/site/a/index.html").read_bytes()
    assert len(translated_a) > 100

    assert run("translate", "--to", "en", "--engine", "pseudo", str(b))[0] == 0
    po_b = Path("locales/en/site/b/index.po")
    assert po_b.exists() and Path("build/en/site/b/index.html").exists()
    after = polib.pofile(str(po_a))
    assert {e.msgid: e.msgstr for e in after if e.msgstr and not e.obsolete} == translated_a
    assert not [e for e in after if e.obsolete]
    assert Path("build/en/site/a/index.html").read_bytes() == html_a
    assert not Path("locales/en/index.po").exists() and not Path("build/en/index.html").exists()
    assert polib.pofile(str(po_b)).metadata["X-Transloc-Source"] == "site/b/index.html"
    assert after.metadata["X-Transloc-Source"] == "site/a/index.html"
    assert after.metadata["Project-Id-Version"] == "transloc site/a/index.html"

    # references resolve from the catalog; Poedit's base path is the catalog's folder
    for po_path, article in ((po_a, a), (po_b, b)):
        po = polib.pofile(str(po_path))
        assert po.metadata["X-Poedit-Basepath"] == "."
        refs = {ref for e in po for ref, _ in e.occurrences}
        assert refs == {"../../../../site/" + article.parent.name + "/index.html"}
        assert all((po_path.parent / po.metadata["X-Poedit-Basepath"] / ref).resolve() == article.resolve()
                   for ref in refs)

    # status, check and build work with the nested folders
    code, out, _ = run("status", "--format", "json")
    rows = {r["path"]: r for r in json.loads(out)}
    assert code == 0 and set(rows) == {str(po_a), str(po_b)} and {r["language"] for r in rows.values()} == {"en"}
    code, out, _ = run("check", "--format", "json")
    assert code in (0, 1) and sorted(json.loads(out)["files"]) == [str(po_a), str(po_b)]
    Path("build/en/site/a/index.html").unlink()
    code, out, _ = run("build", "--to", "en", str(a), str(b))
    assert code == 0 and "build/en/site/a/index.html" in out and Path("build/en/site/a/index.html").exists()


def test_articles_in_the_project_folder_or_outside_keep_flat_names(workdir: Path, corpus: Path) -> None:
    Path("a.txt").write_text("Politik\n\nEin Satz steht hier.\n", encoding="utf-8")
    outside = workdir.parent / "shared" / "b.txt"
    outside.parent.mkdir()
    outside.write_text("Politik\n\nEin anderer Satz steht dort.\n", encoding="utf-8")
    assert run("translate", "--to", "fr", "--engine", "pseudo", "a.txt", str(outside))[0] == 0
    assert Path("locales/fr/a.po").exists() and Path("build/fr/a.html").exists() and Path("build/fr/a.txt").exists()
    assert Path("locales/fr/b.po").exists() and Path("build/fr/b.html").exists()
    assert polib.pofile("locales/fr/b.po").metadata["X-Transloc-Source"] == "../shared/b.txt"
    assert polib.pofile("locales/fr/a.po").metadata["X-Transloc-Source"] == "a.txt"


def test_a_catalog_refuses_another_source_and_nothing_changes(workdir: Path) -> None:
    first, second = workdir.parent / "x" / "news.txt", workdir.parent / "y" / "news.txt"
    for path, text in ((first, "Ein Satz aus x."), (second, "Ein ganz anderer Satz aus y.")):
        path.parent.mkdir()
        path.write_text(f"Politik\n\n{text}\n", encoding="utf-8")
    assert run("translate", "--to", "en", "--engine", "pseudo", str(first))[0] == 0
    before = snapshot(workdir)
    code, out, err = run("translate", "--to", "en", "--engine", "pseudo", str(second))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "../x/news.txt" in lines[0] and "../y/news.txt" in lines[0]
    assert "locales/en/news.po" in lines[0]
    assert snapshot(workdir) == before
    # build and extract refuse too; in one command as well
    assert run("build", "--to", "en", str(second))[0] == 2 and snapshot(workdir) == before
    code, _, err = run("extract", "--to", "en", str(first), str(second))
    assert code == 2 and "would share this catalog" in err and snapshot(workdir) == before


def test_same_article_named_twice_is_one_catalog(workdir: Path) -> None:
    Path("a").mkdir()
    Path("a/n.txt").write_text("Politik\n\nEin Satz.\n", encoding="utf-8")
    code, out, _ = run("extract", "--to", "en", "a/n.txt", "a/../a/n.txt")
    assert code == 0 and out.count(".po:") == 1 and "locales/en/a/n.po" in out


def test_project_folder_is_the_config_files_folder(workdir: Path) -> None:
    project = workdir / "proj"
    (project / "site" / "a").mkdir(parents=True)
    (project / "transloc.toml").write_text('locales = "po"\nout = "public"\n', encoding="utf-8")
    (project / "site" / "a" / "n.txt").write_text("Politik\n\nEin Satz.\n", encoding="utf-8")
    code, _, err = run("translate", "--to", "en", "--engine", "pseudo", "--config", str(project / "transloc.toml"),
                       str(project / "site" / "a" / "n.txt"))
    assert code == 0, err
    assert (project / "po" / "en" / "site" / "a" / "n.po").exists()
    assert (project / "public" / "en" / "site" / "a" / "n.html").exists()
    assert not Path("locales").exists() and not Path("build").exists()


@pytest.mark.parametrize(
    ("article", "source", "mirror"),
    [
        ("site/a/index.html", "site/a/index.html", "site/a/index"),
        ("index.html", "index.html", "index"),
        ("../shared/corpus/text/news.de-nuklearpakt.txt", "../shared/corpus/text/news.de-nuklearpakt.txt",
         "news.de-nuklearpakt"),
        ("./x/../y/a.b.html", "y/a.b.html", "y/a.b"),
    ],
)
def test_place(tmp_path: Path, article: str, source: str, mirror: str) -> None:
    project = tmp_path / "work"
    where = place(project / article, project)
    assert (where.source, str(where.mirror)) == (source, mirror)
    assert where.catalog(Path("locales"), "en") == Path("locales/en") / f"{mirror}.po"


def test_another_languages_catalog_of_another_source_stops_before_any_language_is_written(workdir: Path) -> None:
    first, second = workdir.parent / "x" / "news.txt", workdir.parent / "y" / "news.txt"
    for path, text in ((first, "Ein Satz aus x."), (second, "Ein ganz anderer Satz aus y.")):
        path.parent.mkdir()
        path.write_text(f"Politik\n\n{text}\n", encoding="utf-8")
    assert run("extract", "--to", "fr", str(first))[0] == 0  # locales/fr/news.po belongs to ../x/news.txt
    before = snapshot(workdir)
    code, _, err = run("translate", "--to", "en", "--to", "fr", "--engine", "pseudo", str(second))
    assert code == 2 and "locales/fr/news.po" in err and "../x/news.txt" in err and "../y/news.txt" in err
    assert snapshot(workdir) == before and not Path("locales/en").exists()
