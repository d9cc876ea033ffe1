from pathlib import Path

import pytest

from babelwire.errors import ConfigError
from babelwire.settings import SETTINGS, load_settings


def test_precedence_defaults_file_env_flags(tmp_path):
    config = tmp_path / "babelwire.toml"
    config.write_text('targets = ["de"]\npoll_interval = 60\n[fetch]\nmax_redirects = 2\n'
                      '[[sources]]\nurl = "https://example.test/feed.xml"\nname = "Example"\n')
    settings = load_settings(config, environ={"BABELWIRE_POLL_INTERVAL": "120"},
                             overrides={"fetch.max_redirects": 7})
    assert settings.targets == ("de",)
    assert settings["poll_interval"] == 120  # environment beats the file
    assert settings["fetch.max_redirects"] == 7  # the flag beats everything
    assert settings["serve.port"] == 8000  # default
    assert settings.sources[0].url == "https://example.test/feed.xml"


def test_unknown_setting_is_a_clear_error(tmp_path):
    config = tmp_path / "b.toml"
    config.write_text("poll_intervall = 5\n")
    with pytest.raises(ConfigError, match="unknown setting 'poll_intervall'"):
        load_settings(config, environ={})


def test_bad_type_and_bad_toml(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("poll_interval = 'soon'\n")
    with pytest.raises(ConfigError, match="poll_interval \\(in .*bad.toml\\) must be an integer"):
        load_settings(bad, environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("targets = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(broken, environ={})


def test_every_setting_is_documented_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert not missing, f"settings missing from README: {missing}"
