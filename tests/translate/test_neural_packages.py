"""Installing, listing and removing model packages; installing by name from a 127.0.0.1 index."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from fake_servers import serve_package_index
from neural_fixtures import tiny_argosmodel, tiny_converted, tiny_opus_mt  # noqa: F401 - fixtures

from babelwire.errors import ConfigError, FetchError
from babelwire.translate import NeuralTranslator, install_package, list_packages, remove_package
from babelwire.translate.package_index import find_entry, install_from_index, parse_index
from babelwire.translate.packages import models_folder, read_package


def test_install_an_argos_package_from_a_file(tiny_argosmodel, tmp_path):
    package = install_package(tiny_argosmodel, tmp_path / "models")
    assert (package.name, package.kind, package.pair, package.version) == ("translate-fr_en", "argos", ("fr", "en"), "1.0")
    assert package.path == tmp_path / "models" / "translate-fr_en"
    assert (package.path / "model" / "model.bin").is_file() and (package.path / "sentencepiece.model").is_file()
    assert read_package(package.path) == package
    assert list_packages(tmp_path / "models") == [package]
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["translate-fr_en"]  # no staging left


def test_install_an_opus_mt_folder_converts_it(tiny_opus_mt, tmp_path):
    package = install_package(tiny_opus_mt, tmp_path / "models")
    assert (package.name, package.kind, package.pair) == ("opus-mt-fr-en", "opus-mt", ("fr", "en"))
    assert package.version.startswith("sha256:")
    assert {"model.bin", "source.spm", "target.spm", "babelwire.json"} <= {p.name for p in package.path.iterdir()}
    assert NeuralTranslator(tmp_path / "models").translate_batch(["Bonjour."], "fr", "en").segments[0]


def test_a_converted_folder_needs_its_languages(tiny_converted, tmp_path):
    renamed = shutil.copytree(tiny_converted, tmp_path / "my-model")
    with pytest.raises(ConfigError, match="pass --from and --to"):
        install_package(renamed, tmp_path / "models")
    package = install_package(renamed, tmp_path / "models", source="fra", target="eng")
    assert package.name == "opus-mt-fr-en" and package.pair == ("fr", "en")


def test_reinstall_replaces_and_remove_deletes(tiny_argosmodel, tmp_path):
    models = tmp_path / "models"
    install_package(tiny_argosmodel, models)
    (models / "translate-fr_en" / "stale.txt").write_text("old")
    install_package(tiny_argosmodel, models)
    assert not (models / "translate-fr_en" / "stale.txt").exists()
    assert remove_package(models, "translate-fr_en").name == "translate-fr_en"
    assert list_packages(models) == []
    with pytest.raises(ConfigError, match="no installed model named 'translate-fr_en'"):
        remove_package(models, "translate-fr_en")


@pytest.mark.parametrize("build, message", [
    (lambda path: path.write_text("not a zip"), "is not a .argosmodel"),
    (lambda path: _zip(path, {"pkg/README.md": "hi"}), "has no metadata.json"),
    (lambda path: _zip(path, {"../evil/metadata.json": "{}"}), "unsafe path"),
    (lambda path: _zip(path, {"pkg/metadata.json": "{}"}), "is not a model package"),
])
def test_bad_packages_are_refused_with_one_line(tmp_path, build, message):
    archive = tmp_path / "bad.argosmodel"
    build(archive)
    with pytest.raises(ConfigError, match=message) as caught:
        install_package(archive, tmp_path / "models")
    assert "\n" not in caught.value.one_line()
    assert list_packages(tmp_path / "models") == []
    assert not (tmp_path / "evil").exists()


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        install_package(tmp_path / "nothing.argosmodel", tmp_path / "models")


def test_broken_folders_are_skipped_when_listing(tiny_argosmodel, tmp_path):
    models = tmp_path / "models"
    install_package(tiny_argosmodel, models)
    (models / "junk").mkdir()
    (models / ".installing-x").mkdir()
    assert [p.name for p in list_packages(models)] == ["translate-fr_en"]


def test_models_folder_defaults_under_the_data_dir(tmp_path):
    assert models_folder("", tmp_path) == tmp_path / "models"
    assert models_folder("/srv/models", tmp_path) == Path("/srv/models")


# -- the package index ---------------------------------------------------------------


def test_install_by_name_from_an_index_on_127_0_0_1(tiny_argosmodel, tmp_path):
    with serve_package_index(tiny_argosmodel, "fr", "en") as (base, behaviour):
        package = install_from_index("translate-fr_en", tmp_path / "models", f"{base}/index.json", timeout=10)
    assert package.name == "translate-fr_en" and package.version == "1.0"
    fetched = [path for _, path, _ in behaviour.requests]
    assert fetched == ["/index.json", "/missing.argosmodel", f"/{tiny_argosmodel.name}"]  # newest, next link
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["translate-fr_en"]  # download removed
    assert NeuralTranslator(tmp_path / "models").pairs() == {("fr", "en")}


def test_install_by_name_when_offline_says_how_to_install_a_file(tmp_path):
    with pytest.raises(FetchError, match=r"babelwire models install FILE") as caught:
        install_from_index("translate-fr_en", tmp_path / "models", "http://127.0.0.1:9/index.json", timeout=5)
    assert "\n" not in caught.value.one_line()


def test_an_unknown_name_is_a_clear_error(tiny_argosmodel, tmp_path):
    with serve_package_index(tiny_argosmodel, "fr", "en") as (base, _):
        with pytest.raises(ConfigError, match="no model named 'translate-xx_yy'"):
            install_from_index("translate-xx_yy", tmp_path / "models", f"{base}/index.json", timeout=10)


def test_index_parsing_and_names():
    entries = parse_index([
        {"from_code": "fr", "to_code": "en", "package_version": "1.2", "links": ["a"]},
        {"from_code": "fr", "to_code": "en", "package_version": "1.10", "links": ["b"]},
        {"from_code": "de", "links": ["c"]},
        {"from_code": "es", "to_code": "en", "package_version": "1", "links": ["d"], "type": "sbd"},
        "junk",
    ])
    assert [(e.name, e.version) for e in entries] == [("translate-fr_en", "1.2"), ("translate-fr_en", "1.10")]
    assert find_entry(entries, "fr-en").version == "1.10"
    assert find_entry(entries, "translate-fr_en").links == ("b",)
    assert parse_index({"not": "a list"}) == []


def _zip(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)


def test_descriptor_is_json_with_the_origin(tiny_argosmodel, tmp_path):
    package = install_package(tiny_argosmodel, tmp_path / "models")
    fields = json.loads((package.path / "babelwire.json").read_text())
    assert fields["installed_from"] == str(tiny_argosmodel.resolve()) and "path" not in fields
