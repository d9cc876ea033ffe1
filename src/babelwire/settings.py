"""Every setting is one row of ``SETTINGS``: name, type, default, help.

Precedence: defaults < TOML file (``babelwire.toml``) < ``BABELWIRE_*``
environment variables < command-line flags. The result is one frozen
``Settings`` object, built once and passed down; nothing reads the
environment deep inside the domain.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str  # dotted: section.key, or key for top-level
    type: type
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "BABELWIRE_" + self.name.upper().replace(".", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str, "babelwire-data", "Folder holding the SQLite store and run state."),
    # -- storage port (issue 12)
    Setting("database", str, "",
            "Database URL: sqlite:///PATH or postgresql://USER@HOST/DB (empty: sqlite:///<data_dir>/babelwire.sqlite3)."),
    # -- workers on PostgreSQL (issue 12, phase 2)
    Setting("worker.lease_seconds", float, 600.0,
            "Seconds a worker holds a claimed page or translation; a dead worker's work returns after."),
    Setting("worker.batch", int, 8, "Pages or translations one worker claims at a time."),
    Setting("worker.idle_seconds", float, 5.0, "Seconds a worker waits when it found nothing to do."),
    Setting("targets", list, ["en", "fr"], "Languages every article is translated into."),
    Setting("poll_interval", int, 900, "Seconds between two polls of one source when it is healthy."),
    Setting("max_backoff", int, 86400, "Longest wait, in seconds, before retrying a failing source."),
    Setting("max_articles_per_source", int, 50, "Newest entries taken from one feed per poll."),
    Setting("workers", int, 4, "Article pages fetched in parallel (across hosts)."),
    # -- faults stay with their source or entry (issue 9)
    Setting("poll.workers", int, 8,
            "Sources polled at once (at most fetch.per_host_concurrency per host)."),
    Setting("entries.park_after", int, 3,
            "Failures of the same kind in a row after which an entry is parked (no more retries)."),
    Setting("fetch.user_agent", str,
            "babelwire/0.1 (+https://github.com/babelwire/babelwire; self-hosted news monitor)",
            "User-Agent sent with every request."),
    Setting("fetch.connect_timeout", float, 10.0, "Seconds to wait for a connection."),
    Setting("fetch.read_timeout", float, 20.0, "Seconds to wait between two reads."),
    Setting("fetch.total_deadline", float, 60.0,
            "Seconds a whole request may take: DNS, connect, redirects, headers and body."),
    Setting("fetch.max_bytes", int, 10 * 1024 * 1024, "Largest decompressed response accepted, in bytes."),
    Setting("fetch.max_redirects", int, 5, "Redirects followed before giving up."),
    Setting("fetch.per_host_concurrency", int, 2, "Requests in flight to one host at most."),
    Setting("fetch.per_host_delay", float, 1.0, "Seconds between two requests to one host."),
    Setting("fetch.respect_robots", bool, True, "Obey robots.txt."),
    # -- SSRF guard and deadlines (issue 9)
    Setting("fetch.feed_deadline", float, 30.0,
            "Seconds a feed or robots.txt fetch may take in all (DNS, connect, headers, body)."),
    Setting("fetch.allow_addresses", list, [],
            "Private or loopback hosts, IPs or CIDR ranges babelwire may fetch anyway, each with an "
            "optional :port, e.g. [\"127.0.0.1:8080\", \"10.1.0.0/16\"]."),
    Setting("language.min_confidence", float, 0.80,
            "Below this confidence the language is recorded as 'und' (undetermined)."),
    Setting("translate.engine", str, "auto",
            "Translation engine: auto (best installed per pair), ctranslate2, libretranslate, openai "
            "or apertium."),
    Setting("translate.pivots", list, ["es", "ca", "en", "fr"],
            "Languages tried, in order, as a pivot when no direct pair exists."),
    # -- translation on real news (issue 11)
    Setting("translate.pair_pivots", list, [],
            "Per-pair pivot overrides, e.g. [\"en-fr=es\"] (default: the pivot measured best, fr-en=es, en-fr=ca)."),
    Setting("translate.workers", int, 2, "Translation processes run in parallel."),
    Setting("translate.apertium_binary", str, "apertium", "Path of the apertium command."),
    # -- extraction (issue 3)
    # -- translation engines, memory, glossary (issue 4)
    Setting("translate.structure", bool, True,
            "Structure-safe translation: sentences, protected numbers, dates, URLs and names, quotes kept."),
    Setting("translate.protect_names", bool, True, "Keep detected proper nouns (multi-word names) untranslated."),
    Setting("translate.memory", bool, True, "Remember translated segments in the store; never translate one twice."),
    Setting("translate.glossary", list, [],
            "Glossary entries 'source:target:Term=Translation' ('*' for any language)."),
    Setting("translate.glossary_file", str, "",
            "TSV glossary: source_lang, target_lang, source, target (empty: none)."),
    Setting("translate.pair_engines", list, [],
            "Per-pair engine overrides, e.g. [\"fr-en=apertium\", \"de-en=libretranslate\"]."),
    Setting("translate.models_dir", str, "", "Folder of installed neural models (empty: <data_dir>/models)."),
    Setting("translate.package_index", str,
            "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json",
            "Argos Translate package index used by `babelwire models install NAME`."),
    Setting("translate.neural_beam_size", int, 2, "Beam size of the neural engine (1 = greedy, fastest)."),
    Setting("translate.neural_max_batch_tokens", int, 2048,
            "Padded source tokens per neural batch at most."),
    Setting("translate.neural_max_batch_sentences", int, 32, "Sentences per neural batch at most."),
    Setting("translate.neural_max_length", int, 256, "Longest translation of one sentence, in tokens."),
    Setting("translate.neural_inter_threads", int, 1, "Neural batches translated in parallel (CPU)."),
    Setting("translate.neural_intra_threads", int, 0, "CPU threads per neural batch (0: CTranslate2 decides)."),
    Setting("translate.libretranslate_url", str, "", "LibreTranslate server, e.g. http://127.0.0.1:5000 (empty: off)."),
    Setting("translate.libretranslate_api_key", str, "", "API key sent to the LibreTranslate server, if it needs one."),
    Setting("translate.libretranslate_timeout", float, 30.0, "Seconds to wait for a LibreTranslate answer."),
    Setting("translate.openai_url", str, "",
            "OpenAI-compatible chat-completions server, e.g. http://127.0.0.1:11434/v1 (empty: off)."),
    Setting("translate.openai_model", str, "", "Model name asked of the OpenAI-compatible server."),
    Setting("translate.openai_api_key", str, "", "Bearer token for the OpenAI-compatible server, if it needs one."),
    Setting("translate.openai_timeout", float, 120.0, "Seconds to wait for a chat-completions answer."),
    Setting("translate.openai_languages", list, ["en", "fr", "es", "de", "it", "pt", "nl", "ca"],
            "Languages the OpenAI-compatible model is asked to translate between."),
    Setting("translate.openai_batch_size", int, 16, "Segments per chat-completions request."),
    Setting("translate.server_retries", int, 3, "Retries of a translation server request on 429, 5xx or network errors."),
    Setting("translate.server_backoff", float, 0.5, "Seconds before the first retry, doubled each time."),
    # -- reader, search, feeds, admin (issue 5)
    Setting("web.admin_token", str, "",
            "Token that unlocks /admin (add, pause, remove sources); empty: admin disabled."),
    Setting("web.private", bool, False,
            "Require web.read_token (or the admin token) to read pages, feeds and the API."),
    Setting("web.read_token", str, "", "Token readers give when web.private is on."),
    Setting("web.cache_entries", int, 256,
            "Rendered home, search and feed pages kept until the store changes; 0: none."),
    # -- web edge: body limits, sessions, login throttling (issue 9)
    Setting("web.max_body_bytes", int, 6 * 1024 * 1024,
            "Largest request body (admin forms, OPML paste) accepted; larger ones get 413 unread."),
    Setting("web.session_hours", float, 12.0,
            "Hours an admin or reader session lasts; logout ends it at once."),
    Setting("web.login_failures", int, 5,
            "Wrong tokens one client address may send before it must wait (429)."),
    Setting("web.login_lockout", float, 30.0,
            "Seconds of the first wait after too many wrong tokens; doubled each further miss."),
    # -- the reader's API and feeds for clients (issue 14)
    Setting("web.base_url", str, "",
            "The reader's public address, e.g. https://news.example.org: feed entry ids and "
            "links are built from it (empty: ids from the name babelwire, links from the request)."),
    Setting("web.cors_origins", list, ["*"],
            "Origins allowed to read the API and feeds from a browser script (CORS); empty: none."),
    # -- stories and provenance (issue 6)
    Setting("provenance.enabled", bool, True,
            "Trace new articles after each ingestion pass: copies, translations, stories."),
    Setting("provenance.pivot_language", str, "en",
            "Language every article is compared in (its stored or on-the-fly translation)."),
    Setting("provenance.use_encoder", bool, True,
            "Use the multilingual sentence encoder to align sentences across languages."),
    Setting("provenance.encoder_runtime", str, "auto",
            "Where the sentence encoder runs: openvino (a compiled graph, bfloat16 on CPUs "
            "that have it; about 2.5x faster), numpy, or auto (openvino when installed)."),
    Setting("provenance.max_candidates", int, 8,
            "Candidate originals aligned sentence by sentence, per article."),
    Setting("provenance.workers", int, 0,
            "Processes for the tracer's Python work (features, candidates, comparing by "
            "words), forked from it: 0 one per core (at most 8), 1 none (the encoder has its own "
            "threads)."),
    Setting("provenance.window_days", float, 7.0,
            "Only articles first seen within this many days of each other are compared."),
    # -- watches and alerts (issue 15)
    Setting("watches.lookback_hours", float, 24.0,
            "Articles first seen this many hours back are checked against watches each pass "
            "(so a late translation still matches); never before the watch was made."),
    Setting("watches.retry_seconds", float, 30.0,
            "Seconds before a failed alert delivery is retried, doubled each time."),
    Setting("watches.max_retry_seconds", float, 3600.0, "Longest wait between two delivery attempts."),
    Setting("watches.webhook_timeout", float, 10.0, "Seconds a webhook delivery may take in all."),
    Setting("watches.digest_minutes", int, 60,
            "Digest e-mails gather a watch's alerts over windows of this many minutes."),
    Setting("watches.smtp_host", str, "", "SMTP server for alert e-mails (empty: no e-mail)."),
    Setting("watches.smtp_port", int, 25, "SMTP server port."),
    Setting("watches.smtp_starttls", bool, False, "Upgrade the SMTP connection with STARTTLS."),
    Setting("watches.smtp_username", str, "", "SMTP login, if the server needs one."),
    Setting("watches.smtp_password", str, "", "SMTP password, if the server needs one."),
    Setting("watches.mail_from", str, "babelwire@localhost", "From address of alert e-mails."),
    Setting("watches.base_url", str, "",
            "The reader's public address, for links in alerts (empty: links are article URLs)."),
    # -- evidence archive (issue 15)
    Setting("archive.enabled", bool, True,
            "Keep every fetched feed and page as WARC records (the evidence archive)."),
    Setting("archive.dir", str, "", "Folder of the WARC files (empty: <data_dir>/archive)."),
    Setting("archive.retention_days", int, 0,
            "Days archived fetches are kept (whole daily files are removed); 0: forever."),
    # -- WebSub and adapted polling (issue 15)
    Setting("websub.callback_url", str, "",
            "Public address of this reader for WebSub pushes, e.g. https://news.example.org "
            "(hubs call <it>/websub/ID); empty: no WebSub, polling only."),
    Setting("websub.lease_seconds", int, 864000, "Lease asked of hubs; renewed before it ends."),
    Setting("websub.recheck_hours", float, 24.0,
            "Hours before a feed is checked again for a hub it did not declare."),
    Setting("poll.adaptive", bool, True,
            "Poll each source as often as it publishes (within poll.min/max_interval)."),
    Setting("poll.min_interval", int, 300, "Shortest adapted poll interval, in seconds."),
    Setting("poll.max_interval", int, 21600,
            "Longest adapted poll interval, in seconds (also for sources that push via WebSub)."),
    Setting("serve.host", str, "127.0.0.1", "Address the reader listens on."),
    Setting("serve.port", int, 8000, "Port the reader listens on."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class SourceConfig:
    url: str
    name: str = ""
    kind: str = "feed"


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]
    sources: tuple[SourceConfig, ...] = ()
    config_path: str | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["data_dir"])

    @property
    def database_url(self) -> str:
        """The ``database`` setting, or the SQLite store in the data folder."""
        return self.values.get("database") or f"sqlite:///{self.data_dir / 'babelwire.sqlite3'}"

    @property
    def db_path(self) -> Path:
        """The SQLite store's file (the default one when ``database`` names another backend)."""
        url = self.database_url
        if url.startswith("sqlite:///"):
            return Path(url[len("sqlite:///"):])
        return self.data_dir / "babelwire.sqlite3"

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(self.values["targets"])

    def replace(self, **overrides: Any) -> "Settings":
        """A copy with some settings changed (names use '_' or '.')."""
        values = dict(self.values)
        for key, value in overrides.items():
            name = key if key in _BY_NAME else key.replace("__", ".")
            values[name] = coerce(_BY_NAME[name], value)
        return Settings(values=values, sources=self.sources, config_path=self.config_path)


TYPE_WORDS = {int: "an integer", float: "a number", bool: "true or false",
              list: "a list (comma-separated in the environment)", str: "a string"}


def coerce(setting: Setting, value: Any, origin: str = "") -> Any:
    """Convert ``value`` (from TOML, the environment or a flag) to the setting's type.

    ``origin`` names where the value came from (a file, an environment variable)."""
    try:
        if setting.type is bool:
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(value)
            return bool(value)
        if setting.type is list:
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            return list(value)
        if setting.type in (int, float) and isinstance(value, bool):
            raise ValueError(value)
        if setting.type is int and isinstance(value, float) and not value.is_integer():
            raise ValueError(value)
        if setting.type is str and isinstance(value, (bool, int, float, list, dict)):
            raise TypeError(value)
        return setting.type(value)
    except (TypeError, ValueError) as exc:
        where = f" ({origin})" if origin else ""
        raise ConfigError(
            f"setting {setting.name}{where} must be {TYPE_WORDS[setting.type]}, got {value!r}: "
            f"fix the value (see `babelwire settings`)"
        ) from exc


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist: create it, or pass --config "
                          f"with the path of an existing file") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"config file {path} is a folder: pass --config with a TOML file") from exc
    except PermissionError as exc:
        raise ConfigError(f"config file {path} cannot be read (permission denied)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc


def _sources_from(raw: Any, path: Path) -> tuple[SourceConfig, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: 'sources' must be an array of tables ([[sources]])")
    sources = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise ConfigError(f"{path}: source #{number} needs a url = \"...\"")
        sources.append(SourceConfig(url=item["url"], name=str(item.get("name", "")),
                                    kind=str(item.get("kind", "feed"))))
    return tuple(sources)


def load_settings(
    config_path: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the frozen settings from defaults, file, environment and flags."""
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    sources: tuple[SourceConfig, ...] = ()
    path: Path | None = None
    if config_path is None and Path("babelwire.toml").exists():
        config_path = "babelwire.toml"
    if config_path is not None:
        path = Path(config_path)
        table = _read_toml(path)
        sources = _sources_from(table.pop("sources", []), path)
        for name, value in _flatten(table).items():
            if name not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting '{name}' (see `babelwire settings`)")
            values[name] = coerce(_BY_NAME[name], value, origin=f"in {path}")
    for setting in SETTINGS:
        if setting.env_var in environ:
            values[setting.name] = coerce(setting, environ[setting.env_var],
                                          origin=f"from environment variable {setting.env_var}")
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = coerce(_BY_NAME[name], value, origin="from the command line")
    return Settings(values=values, sources=sources, config_path=str(path) if path else None)
