"""Installing neural models by name from an Argos Translate package index.

The index (``translate.package_index``) is a JSON list of packages, each with
``from_code``, ``to_code``, ``package_version`` and ``links`` (download URLs of
the ``.argosmodel``). A package is named ``translate-<from>_<to>``
(``translate-fr_en``); ``fr-en`` is accepted too.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import httpx

from babelwire.errors import ConfigError, FetchError
from babelwire.translate.apertium import language_code
from babelwire.translate.packages import ModelPackage, install_package, version_key

log = logging.getLogger(__name__)

_PAIR_NAME = re.compile(r"^(?:translate-)?([a-z]{2,3})[-_]([a-z]{2,3})$")
OFFLINE_HINT = "download the .argosmodel file elsewhere and run `babelwire models install FILE`"


@dataclass(frozen=True)
class IndexEntry:
    name: str
    source: str
    target: str
    version: str
    links: tuple[str, ...]


def parse_index(data: object) -> list[IndexEntry]:
    """The translation packages of an index document; malformed entries are skipped."""
    entries = []
    for item in data if isinstance(data, list) else []:
        try:
            source, target = language_code(item["from_code"]), language_code(item["to_code"])
            links = tuple(str(link) for link in item["links"])
        except (KeyError, TypeError):
            continue
        if item.get("type", "translate") != "translate" or not links:
            continue
        entries.append(IndexEntry(name=f"translate-{source}_{target}", source=source, target=target,
                                  version=str(item.get("package_version", "unknown")), links=links))
    return entries


def fetch_index(url: str, timeout: float, transport: httpx.BaseTransport | None = None) -> list[IndexEntry]:
    """Download and parse the index; ``FetchError`` with an offline hint when it cannot."""
    try:
        with httpx.Client(timeout=timeout, transport=transport, follow_redirects=True) as client:
            response = client.get(url)
            response.raise_for_status()
            return parse_index(response.json())
    except (httpx.HTTPError, ValueError) as exc:
        raise FetchError(f"cannot read the model index ({_reason(exc)}): {OFFLINE_HINT}", url=url) from exc


def find_entry(entries: list[IndexEntry], name: str) -> IndexEntry:
    """The newest entry for ``name`` (``translate-fr_en`` or ``fr-en``); ``ConfigError`` if absent."""
    match = _PAIR_NAME.match(name.strip().lower())
    wanted = f"translate-{language_code(match.group(1))}_{language_code(match.group(2))}" if match else name
    found = [entry for entry in entries if entry.name == wanted]
    if not found:
        raise ConfigError(f"no model named {name!r} in the package index: see `babelwire models list --available`")
    return max(found, key=lambda entry: version_key(entry.version))


def install_from_index(name: str, models_dir: Path, index_url: str, timeout: float,
                       transport: httpx.BaseTransport | None = None) -> ModelPackage:
    """Find ``name`` in the index, download its ``.argosmodel`` and install it."""
    entry = find_entry(fetch_index(index_url, timeout, transport), name)
    models_dir.mkdir(parents=True, exist_ok=True)
    archive = models_dir / f".download-{entry.name}.argosmodel"
    try:
        download(entry, archive, timeout, transport)
        return install_package(archive, models_dir)
    finally:
        archive.unlink(missing_ok=True)


def download(entry: IndexEntry, destination: Path, timeout: float,
             transport: httpx.BaseTransport | None = None) -> None:
    """Stream the first link that answers into ``destination``."""
    failures = []
    with httpx.Client(timeout=timeout, transport=transport, follow_redirects=True) as client:
        for link in entry.links:
            try:
                with client.stream("GET", link) as response:
                    response.raise_for_status()
                    with destination.open("wb") as handle:
                        for chunk in response.iter_bytes(1 << 16):
                            handle.write(chunk)
                log.info("downloaded %s from %s", entry.name, link)
                return
            except httpx.HTTPError as exc:
                failures.append(f"{link}: {_reason(exc)}")
    raise FetchError(f"cannot download {entry.name} ({'; '.join(failures)}): {OFFLINE_HINT}")


def _reason(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
