"""The store itself: opening by URL, the change token, errors that name what to do."""

import pytest

from babelwire.storage.postgres.throwaway import free_port

from babelwire.errors import StorageError
from babelwire.models import FeedEntry
from babelwire.storage import open_store
from babelwire.storage.open import default_url, sqlite_path


def test_change_token_moves_when_another_store_commits(backend):
    reader, writer = backend.open(), backend.open()
    before = reader.change_token()
    assert before is not None and reader.change_token() == before
    writer.sources.add("https://news.test/feed")
    after = reader.change_token()
    assert after != before
    writer.entries.enqueue(None, [FeedEntry(url="https://news.test/1")])
    assert reader.change_token() != after


def test_a_reopened_store_keeps_its_data(backend):
    first = backend.open()
    first.sources.add("https://news.test/feed", name="News")
    first.close()
    backend.opened.remove(first)
    assert [s.name for s in backend.open().sources.list()] == ["News"]


def test_database_urls(tmp_path):
    assert sqlite_path("sqlite:///relative/x.db") == "relative/x.db"
    assert sqlite_path("sqlite:////abs/x.db") == "/abs/x.db"
    assert sqlite_path(default_url(tmp_path)) == str(tmp_path / "babelwire.sqlite3")
    with pytest.raises(StorageError, match="check the server is running") as refused:
        open_store(f"postgresql://news:secret@127.0.0.1:{free_port()}/news")
    assert "secret" not in str(refused.value) and "\n" not in str(refused.value)
    with pytest.raises(StorageError, match="no backend"):
        open_store("mysql://localhost/news")
    with pytest.raises(StorageError, match="names no file"):
        open_store("sqlite:///")
    store = open_store(f"sqlite:///{tmp_path / 'deep' / 'er' / 'news.sqlite3'}")
    assert store.backend == "sqlite" and (tmp_path / "deep" / "er" / "news.sqlite3").exists()
    store.close()


def test_in_memory_store_has_no_change_token():
    store = open_store("sqlite:///:memory:")
    assert store.change_token() is None
    store.close()


def test_the_backend_has_every_method_of_the_port(store):
    import inspect

    from babelwire.storage import port

    for name, protocol in inspect.get_annotations(port.Store).items():
        if not isinstance(protocol, str) or not hasattr(port, protocol):
            continue
        repository = getattr(store, name)
        for method, declared in vars(getattr(port, protocol)).items():
            if method.startswith("_") or not callable(declared):
                continue
            wanted = list(inspect.signature(declared).parameters)[1:]
            implemented = inspect.signature(getattr(repository, method)).parameters
            assert list(implemented) == wanted, f"{name}.{method}"
