"""``babelwire models ...`` and ``babelwire translate --engine ...`` as a user runs them (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fake_servers import LibreTranslateHandler, fake_translation, serve, serve_package_index
from neural_fixtures import tiny_argosmodel, tiny_converted, tiny_opus_mt  # noqa: F401 - fixtures

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]
LINES = ["Le conseil de Valmorel a voté. La maire a parlé.", "", "Les pêcheurs attendent une réponse."]


def run_cli(data, *args, stdin=None, env=None):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("BABELWIRE_")}
    return subprocess.run([*BABELWIRE, "--data", str(data), *args], input=stdin, capture_output=True,
                          text=True, timeout=180, env={**environment, **(env or {})})


@pytest.fixture(scope="module")
def data_with_model(tiny_argosmodel, tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    done = run_cli(data, "models", "install", str(tiny_argosmodel))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("installed: translate-fr_en  fr→en  argos 1.0")
    return data


def test_list_shows_the_installed_model(data_with_model):
    done = run_cli(data_with_model, "models", "list")
    assert done.returncode == 0
    assert done.stdout.startswith("translate-fr_en  fr→en  argos 1.0  ")
    assert str(data_with_model / "models" / "translate-fr_en") in done.stdout


def test_translate_with_the_neural_engine_keeps_the_line_count(data_with_model):
    done = run_cli(data_with_model, "translate", "--from", "fr", "--to", "en", "--engine", "ctranslate2",
                   stdin="\n".join(LINES) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout.split("\n")
    assert out[-1] == "" and len(out[:-1]) == len(LINES)
    assert out[0] and out[1] == "" and out[2]


def test_translate_auto_picks_the_installed_model_over_apertium(data_with_model):
    line = "Le port a rouvert.\n"
    auto = run_cli(data_with_model, "-v", "translate", "--from", "fr", "--to", "en", stdin=line)
    rules = run_cli(data_with_model, "translate", "--from", "fr", "--to", "en", "--engine", "apertium", stdin=line)
    assert auto.returncode == rules.returncode == 0
    assert "loaded model translate-fr_en 1.0 (fr→en)" in auto.stderr
    assert auto.stdout.count("\n") == 1 and auto.stdout != rules.stdout
    assert "port" in rules.stdout.lower()


def test_a_pair_without_engine_fails_before_reading_with_one_line(data_with_model):
    done = run_cli(data_with_model, "translate", "--from", "en", "--to", "fr", "--engine", "ctranslate2",
                   stdin="Hello.\n")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "error[translate.no_engine]" in done.stderr and "babelwire models install translate-en_fr" in done.stderr


def test_unknown_engine_is_a_one_line_error(tmp_path):
    done = run_cli(tmp_path, "translate", "--from", "fr", "--to", "en", "--engine", "babel", stdin="x\n")
    assert done.returncode == 2 and done.stderr.startswith("error[config]: unknown translation engine 'babel'")


def test_translate_through_libretranslate(tmp_path):
    with serve(LibreTranslateHandler) as (url, behaviour):
        done = run_cli(tmp_path, "translate", "--from", "es", "--to", "en", "--engine", "libretranslate",
                       stdin="Hola.\n\nAdiós.\n", env={"BABELWIRE_TRANSLATE_LIBRETRANSLATE_URL": url})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "\n".join([fake_translation("Hola.", "es", "en"), "",
                                     fake_translation("Adiós.", "es", "en")]) + "\n"


def test_install_by_name_from_an_index_then_remove(tiny_argosmodel, tmp_path):
    with serve_package_index(tiny_argosmodel, "fr", "en") as (base, _):
        env = {"BABELWIRE_TRANSLATE_PACKAGE_INDEX": f"{base}/index.json"}
        available = run_cli(tmp_path, "models", "list", "--available", env=env)
        done = run_cli(tmp_path, "models", "install", "translate-fr_en", env=env)
    assert "translate-fr_en  fr→en  version 1.0" in available.stdout
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("installed: translate-fr_en")
    removed = run_cli(tmp_path, "models", "remove", "translate-fr_en")
    assert removed.returncode == 0 and removed.stdout == "removed: translate-fr_en\n"
    assert run_cli(tmp_path, "models", "list").stdout.startswith("no models in ")


def test_install_by_name_offline_says_how_to_install_from_a_file(tmp_path):
    done = run_cli(tmp_path, "models", "install", "translate-fr_en",
                   env={"BABELWIRE_TRANSLATE_PACKAGE_INDEX": "http://127.0.0.1:9/index.json"})
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "run `babelwire models install FILE`" in done.stderr


def test_install_a_missing_file_and_remove_an_unknown_model(tmp_path):
    missing = run_cli(tmp_path, "models", "install", str(tmp_path / "nothing.argosmodel"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    unknown = run_cli(tmp_path, "models", "remove", "translate-xx_yy")
    assert unknown.returncode == 2 and "no installed model named 'translate-xx_yy'" in unknown.stderr
