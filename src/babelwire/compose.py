"""The composition root: build the parts from the settings and wire them. No logic here."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from .settings import Settings
from .errors import ConfigError
from .translate.pivot import parse_pair_pivots
from .translate.select import AUTO, ENGINE_NAMES, EngineSelector, engine_name, parse_pair_engines

if TYPE_CHECKING:  # storage, fetching, the pipeline and the engines load slowly: imported where used
    from .storage import Store as Database
    from .fetch import FetchOptions
    from .pipeline import Context, Progress
    from .translate import Translator
    from .translate.neural import NeuralOptions
    from .translate.remote import ServerOptions


def fetch_options(settings: Settings) -> FetchOptions:
    from .fetch import FetchOptions

    return FetchOptions(
        user_agent=settings["fetch.user_agent"],
        connect_timeout=settings["fetch.connect_timeout"],
        read_timeout=settings["fetch.read_timeout"],
        total_deadline=settings["fetch.total_deadline"],
        max_bytes=settings["fetch.max_bytes"],
        max_redirects=settings["fetch.max_redirects"],
        per_host_concurrency=settings["fetch.per_host_concurrency"],
        per_host_delay=settings["fetch.per_host_delay"],
        respect_robots=settings["fetch.respect_robots"],
        feed_deadline=settings["fetch.feed_deadline"],
        allow_addresses=tuple(settings["fetch.allow_addresses"]),
    )


def build_translator(settings: Settings, engine: str | None = None) -> EngineSelector:
    """The engines the settings configure, behind one ``EngineSelector``.

    ``engine`` (or ``translate.engine``) "auto" keeps every configured engine, in
    order of preference; any other name keeps that engine only.
    """
    wanted = engine_name(engine or settings["translate.engine"])
    names = ENGINE_NAMES if wanted == AUTO else (wanted,)
    engines = {name: built for name in names if (built := _build_engine(name, settings, wanted == name))}
    return EngineSelector(engines, overrides=parse_pair_engines(settings["translate.pair_engines"]),
                          pivots=tuple(settings["translate.pivots"]),
                          pair_pivots=parse_pair_pivots(settings["translate.pair_pivots"]))


def _build_engine(name: str, settings: Settings, required: bool) -> Translator | None:
    """One engine from the settings; ``None`` when auto finds it unconfigured."""
    if name == "apertium":
        from .translate.apertium import ApertiumTranslator

        return ApertiumTranslator(binary=settings["translate.apertium_binary"])
    if name == "ctranslate2":
        from .translate.neural import NeuralTranslator
        from .translate.packages import models_folder

        return NeuralTranslator(models_folder(settings["translate.models_dir"], settings.data_dir),
                                neural_options(settings))
    url = settings[f"translate.{name}_url"]
    if not url:
        if required:
            raise ConfigError(f"translate.{name}_url is not set: give the {name} server's address")
        return None
    if name == "libretranslate":
        from .translate.libretranslate import LibreTranslateTranslator

        return LibreTranslateTranslator(server_options(settings, name))
    if not settings["translate.openai_model"]:
        raise ConfigError("translate.openai_model is not set: name the model to ask (e.g. llama3.1:8b)")
    from .translate.openai_compat import OpenAICompatTranslator

    return OpenAICompatTranslator(server_options(settings, name), settings["translate.openai_model"],
                                  tuple(settings["translate.openai_languages"]),
                                  batch_size=settings["translate.openai_batch_size"])


def neural_options(settings: Settings) -> NeuralOptions:
    from .translate.neural import NeuralOptions

    return NeuralOptions(
        beam_size=settings["translate.neural_beam_size"],
        max_batch_tokens=settings["translate.neural_max_batch_tokens"],
        max_batch_sentences=settings["translate.neural_max_batch_sentences"],
        max_decoding_length=settings["translate.neural_max_length"],
        inter_threads=settings["translate.neural_inter_threads"],
        intra_threads=settings["translate.neural_intra_threads"],
    )


def server_options(settings: Settings, name: str) -> ServerOptions:
    from .translate.remote import ServerOptions

    return ServerOptions(
        url=settings[f"translate.{name}_url"],
        api_key=settings[f"translate.{name}_api_key"],
        timeout=settings[f"translate.{name}_timeout"],
        retries=settings["translate.server_retries"],
        backoff=settings["translate.server_backoff"],
    )


def open_store(settings: Settings) -> Database:
    """The store the ``database`` setting names (default: SQLite in the data folder)."""
    from . import storage  # its drivers load slowly; `babelwire translate` never needs them

    return storage.open_store(settings.database_url)


def sync_config_sources(db: Database, settings: Settings) -> None:
    """Sources listed in babelwire.toml are added to the store (never removed from it)."""
    for source in settings.sources:
        db.sources.add(source.url, name=source.name, kind=source.kind)


@contextmanager
def pipeline_context(settings: Settings, progress: Progress | None = None,
                     db: Database | None = None) -> Iterator[Context]:
    from .archive.recorder import recorder_for
    from .fetch import Fetcher
    from .pipeline import Context, NoProgress

    own_db = db is None
    database = db or open_store(settings)
    fetcher = Fetcher(fetch_options(settings), recorder=recorder_for(settings, database))
    try:
        sync_config_sources(database, settings)
        yield Context(settings=settings, db=database, fetcher=fetcher,
                      translator=build_translator(settings), progress=progress or NoProgress())
    finally:
        fetcher.close()
        if own_db:
            database.close()
