"""The `database` setting and the global `--database URL` flag choose the store."""

from babelwire.cli.main import main
from babelwire.settings import load_settings
from babelwire.storage import open_store


def test_default_is_the_sqlite_file_in_the_data_folder(tmp_path):
    settings = load_settings(None, environ={}, overrides={"data_dir": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'babelwire.sqlite3'}"
    assert settings.db_path == tmp_path / "babelwire.sqlite3"
    moved = load_settings(None, environ={"BABELWIRE_DATABASE": f"sqlite:///{tmp_path / 'x.db'}"})
    assert moved.db_path == tmp_path / "x.db"


def test_the_flag_puts_the_store_where_it_says(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'elsewhere' / 'news.sqlite3'}"
    data = tmp_path / "data"
    assert main(["--data", str(data), "--database", url, "sources", "add",
                 "https://news.test/feed", "--name", "News", "--no-check"]) == 0
    assert not (data / "babelwire.sqlite3").exists()
    with open_store(url) as store:
        assert [s.name for s in store.sources.list()] == ["News"]


def test_an_unavailable_backend_is_one_clear_line(tmp_path, capsys):
    from babelwire.storage.postgres.throwaway import free_port

    code = main(["--data", str(tmp_path), "--database",
                 f"postgresql://news:secret@127.0.0.1:{free_port()}/news", "sources", "list"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith("error[storage]") and "cannot open store" in err
    assert "secret" not in err
    assert "\n" not in err
