"""The error tree. Every error has a stable ``code`` that is stored and shown.

    BabelwireError                      error
    ├── ConfigError                     config
    │   └── PortInUse                   config.port_busy
    ├── SourceError                     source
    │   ├── FeedError                   feed.malformed
    │   ├── SourceCheckFailed           source.check
    │   └── DuplicateSource             source.duplicate
    ├── FetchError                      fetch
    │   ├── ConnectError                fetch.connect
    │   ├── FetchTimeout                fetch.timeout
    │   ├── ResponseTooLarge            fetch.too_large
    │   ├── TooManyRedirects            fetch.redirects
    │   ├── HTTPStatusError             fetch.http_status
    │   ├── RobotsDisallowed            fetch.robots
    │   ├── UnsupportedContent          fetch.content_type
    │   ├── BlockedAddress              fetch.blocked_address
    │   └── UnsupportedScheme           fetch.scheme
    ├── ExtractError                    extract.not_article
    ├── InputMissing                    input.missing
    ├── TranslationError                translate.failed
    │   └── NoEngineError               translate.no_engine
    └── StorageError                    storage
        ├── SchemaError                 storage.schema
        └── ArchiveMissing              archive.missing

``Drop`` is not an error: a pipeline stage raises it to reject a record for a
normal reason (already stored, not an article, ...). Third-party errors are
mapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class BabelwireError(Exception):
    """Base of every babelwire error; ``str()`` is one line for the user."""

    code = "error"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"{self.message}{where}"

    def one_line(self) -> str:
        """The message as shown to users: ``error[code]: message (url)``."""
        return f"error[{self.code}]: {self}".replace("\n", " ")


class ConfigError(BabelwireError):
    code = "config"


class PortInUse(ConfigError):
    """A port babelwire must listen on is taken (found before any work starts)."""

    code = "config.port_busy"


class SourceError(BabelwireError):
    code = "source"


class SourceCheckFailed(SourceError):
    """``sources add`` fetched the URL once and found no usable feed or page."""

    code = "source.check"


class DuplicateSource(SourceError):
    """The feed is already a source (maybe added through its page's URL)."""

    code = "source.duplicate"


class FeedError(SourceError):
    code = "feed.malformed"


class FetchError(BabelwireError):
    code = "fetch"


class ConnectError(FetchError):
    code = "fetch.connect"


class FetchTimeout(FetchError):
    code = "fetch.timeout"


class ResponseTooLarge(FetchError):
    code = "fetch.too_large"


class TooManyRedirects(FetchError):
    code = "fetch.redirects"


class HTTPStatusError(FetchError):
    code = "fetch.http_status"

    def __init__(self, message: str, *, url: str | None = None, status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status


class RobotsDisallowed(FetchError):
    code = "fetch.robots"


class UnsupportedContent(FetchError):
    code = "fetch.content_type"


class BlockedAddress(FetchError):
    """The URL's host is (or resolves to) a private, loopback, link-local ... address."""

    code = "fetch.blocked_address"


class UnsupportedScheme(FetchError):
    """Only http and https URLs are fetched."""

    code = "fetch.scheme"


class ExtractError(BabelwireError):
    code = "extract.not_article"


class InputMissing(BabelwireError):
    """A file the user named does not exist or cannot be read."""

    code = "input.missing"


class TranslationError(BabelwireError):
    code = "translate.failed"


class NoEngineError(TranslationError):
    code = "translate.no_engine"


class StorageError(BabelwireError):
    code = "storage"


class SchemaError(StorageError):
    code = "storage.schema"


class ArchiveMissing(StorageError):
    """The archive's index names a WARC record its file no longer holds (issue 15)."""

    code = "archive.missing"


class Drop(Exception):
    """A stage rejects a record for a normal reason; not an error."""

    def __init__(self, reason: str, *, code: str = "drop", article_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.article_id = article_id  # code "already_done": the entry's own stored article
