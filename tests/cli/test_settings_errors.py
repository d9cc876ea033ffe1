"""Settings errors in words, naming the setting, where it came from, and what to do."""

import pytest

from babelwire.cli.settings_cmd import BEGIN, END, markdown_table, splice_readme
from babelwire.errors import ConfigError
from babelwire.settings import SETTINGS, load_settings


@pytest.mark.parametrize("name, value, words", [
    ("poll_interval", "soon", "must be an integer"),
    ("fetch.read_timeout", "slow", "must be a number"),
    ("fetch.respect_robots", "maybe", "must be true or false"),
])
def test_environment_errors_name_the_variable(name, value, words):
    variable = "BABELWIRE_" + name.upper().replace(".", "_")
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={variable: value})
    message = caught.value.one_line()
    assert message.startswith(f"error[config]: setting {name} (from environment variable "
                              f"{variable}) {words}, got {value!r}")
    assert "see `babelwire settings`" in message


def test_file_errors_name_the_file(tmp_path):
    config = tmp_path / "b.toml"
    config.write_text("workers = 2.5\n")
    with pytest.raises(ConfigError, match=rf"setting workers \(in {config}\) must be an integer"):
        load_settings(config, environ={})
    config.write_text('serve.port = "eighty"\n'.replace("serve.port", "[serve]\nport"))
    with pytest.raises(ConfigError, match="must be an integer, got 'eighty'"):
        load_settings(config, environ={})
    config.write_text("poll_interval = true\n")
    with pytest.raises(ConfigError, match="must be an integer, got True"):
        load_settings(config, environ={})


def test_cli_settings_errors_are_one_line(cli, tmp_path):
    bad_env = cli("status", cwd=tmp_path, env={"BABELWIRE_POLL_INTERVAL": "soon"})
    assert bad_env.returncode == 2 and bad_env.stderr.count("\n") == 1
    assert "BABELWIRE_POLL_INTERVAL" in bad_env.stderr and "must be an integer" in bad_env.stderr
    missing = cli("--config", "nope.toml", "sources", "list", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr == (
        "error[config]: config file nope.toml does not exist: create it, or pass --config "
        "with the path of an existing file\n")
    folder = cli("--config", str(tmp_path), "status", cwd=tmp_path)
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    assert list(tmp_path.iterdir()) == []


def test_markdown_table_has_every_setting_once():
    table = markdown_table()
    for setting in SETTINGS:
        assert table.count(f"| `{setting.name}` |") == 1
        assert f"`{setting.env_var}`" in table
    assert "| `serve.port` | `8000` | `BABELWIRE_SERVE_PORT` |" in table
    assert '| `targets` | `["en", "fr"]` |' in table


def test_splice_replaces_only_the_block():
    text = f"intro\n{BEGIN}\nold table\n{END}\noutro\n"
    spliced = splice_readme(text)
    assert spliced.startswith("intro\n") and spliced.endswith("\noutro\n")
    assert markdown_table() in spliced and "old table" not in spliced
    with pytest.raises(ConfigError, match="no settings block"):
        splice_readme("no markers here")
