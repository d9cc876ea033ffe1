"""Real HTTP servers for the demo newsroom, on 127.0.0.1.

:class:`StaticSite` is a small threaded static server with the HTTP details a
feed reader must handle (ETag / Last-Modified conditional GETs, gzip, HEAD,
404s).  :class:`DemoNewsroom` runs one StaticSite per fictional outlet, each on
its own ephemeral port, so each outlet is a distinct host:port.
"""

from __future__ import annotations

import errno
import socketserver
import threading
from dataclasses import dataclass
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Mapping
from urllib.parse import unquote, urlsplit

from ..errors import PortInUse
from .catalog import OutletContent, load_catalog
from .render import SiteContext, render_routes
from .resource import Resource

__all__ = ["DemoNewsroom", "DemoOutlet", "Resource", "StaticSite", "normalize_path",
           "start_demo_newsroom"]

NOT_FOUND_BODY = (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                  b"<body><h1>Not Found</h1><p>The requested page does not exist.</p>"
                  b"</body></html>\n")


def normalize_path(path: str) -> str:
    """Canonical route key: no query, percent-decoded, no trailing slash (but "/")."""
    clean = unquote(urlsplit(path).path) or "/"
    if not clean.startswith("/"):
        clean = "/" + clean
    return clean.rstrip("/") or "/"


class PathMap(dict):
    """A dict keyed by normalised path; missing keys read as ``default``."""

    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self._default = default

    def __getitem__(self, path: str) -> Any:
        return super().get(normalize_path(path), self._default)

    def __setitem__(self, path: str, value: Any) -> None:
        super().__setitem__(normalize_path(path), value)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and super().__contains__(normalize_path(path))

    def get(self, path: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(normalize_path(path), default)


def _etag_matches(header: str, resource: Resource) -> bool:
    """If-None-Match evaluation (weak comparison, as RFC 9110 requires)."""
    if header.strip() == "*":
        return True
    ours = {resource.etag, resource.gzip_etag}
    tags = (tag.strip() for tag in header.split(","))
    return any((tag[2:] if tag.startswith("W/") else tag) in ours for tag in tags)


def _not_modified_since(header: str, resource: Resource) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since is None or since.tzinfo is None:
        return False
    return resource.last_modified_utc <= since


def _is_not_modified(headers: Message, resource: Resource) -> bool:
    """Conditional GET: If-None-Match wins over If-Modified-Since."""
    if headers.get("If-None-Match") is not None:
        return _etag_matches(headers["If-None-Match"], resource)
    if headers.get("If-Modified-Since") is not None:
        return _not_modified_since(headers["If-Modified-Since"], resource)
    return False


def _accepts_gzip(headers: Message) -> bool:
    for part in (headers.get("Accept-Encoding") or "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.replace(" ", "").lower()
            return q not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer without the reverse-DNS lookup in ``server_bind``."""

    daemon_threads = True

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)


class _Handler(BaseHTTPRequestHandler):
    """Serves the owning :class:`StaticSite`'s routes."""

    protocol_version = "HTTP/1.1"
    server_version = "BabelwireDemo/1.0"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay quiet."""

    def _respond(self, send_body: bool) -> None:
        site: StaticSite = self.server.site  # type: ignore[attr-defined]
        resource = site._record(self.path, self.headers)
        if resource is None:
            self._send(404, {"Content-Type": "text/html; charset=utf-8"}, NOT_FOUND_BODY, send_body)
            return
        gzip_ok = _accepts_gzip(self.headers)
        headers = {
            "ETag": resource.gzip_etag if gzip_ok else resource.etag,
            "Last-Modified": format_datetime(resource.last_modified_utc, usegmt=True),
            "Vary": "Accept-Encoding",
            "Cache-Control": "no-cache",
        }
        if _is_not_modified(self.headers, resource):
            self._send(304, headers, b"", False)
            return
        headers["Content-Type"] = resource.content_type
        if gzip_ok:
            headers["Content-Encoding"] = "gzip"
        self._send(200, headers, resource.gzipped if gzip_ok else resource.body, send_body)

    def _send(self, status: int, headers: Mapping[str, str], body: bytes, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)


class StaticSite:
    """A threaded HTTP server on ``host:port`` serving path -> Resource routes.

    The socket is bound on construction (port 0 picks a free port), so
    :attr:`base_url` is known before :meth:`start`.  ``hits[path]`` counts
    requests per path and ``last_headers[path]`` holds the request headers
    (case-insensitive ``email.message.Message``) of the latest request;
    both accept paths with or without trailing slash.
    """

    def __init__(self, routes: Mapping[str, Resource] | None = None,
                 port: int = 0, host: str = "127.0.0.1") -> None:
        self._lock = threading.Lock()
        self._routes: PathMap = PathMap()
        for path, resource in (routes or {}).items():
            self._routes[path] = resource
        self.hits: PathMap = PathMap(default=0)
        self.last_headers: PathMap = PathMap()
        self._server = _Server((host, port), _Handler)
        self._server.site = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """E.g. ``http://127.0.0.1:40123`` (no trailing slash)."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        """The bound TCP port."""
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        """Absolute URL of a path on this site."""
        return self.base_url + path

    def set_route(self, path: str, resource: Resource) -> None:
        """Add or replace a route (thread-safe; effective for the next request)."""
        with self._lock:
            self._routes[path] = resource

    def remove_route(self, path: str) -> None:
        """Drop a route so that it answers 404."""
        with self._lock:
            dict.pop(self._routes, normalize_path(path), None)

    def get_route(self, path: str) -> Resource | None:
        """The resource served at ``path``, or None."""
        with self._lock:
            return self._routes.get(path)

    @property
    def paths(self) -> list[str]:
        """Normalised paths of all routes."""
        with self._lock:
            return sorted(dict.keys(self._routes))

    def reset_stats(self) -> None:
        """Forget hit counts and recorded headers."""
        with self._lock:
            self.hits.clear()
            self.last_headers.clear()

    def _record(self, raw_path: str, headers: Message) -> Resource | None:
        with self._lock:
            self.hits[raw_path] = self.hits[raw_path] + 1
            self.last_headers[raw_path] = headers
            return self._routes.get(raw_path)

    def start(self) -> "StaticSite":
        """Serve in a daemon thread; returns self.  Idempotent."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                            name=f"demo-site-{self.port}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket.  Idempotent."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "StaticSite":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class DemoOutlet:
    """A served demo outlet, with its real addresses."""

    slug: str
    name: str
    language: str
    base_url: str
    feed_url: str
    feed_format: str  # "rss" | "atom" | "jsonfeed"
    sitemap_url: str
    is_relay: bool


def _demo_outlet(content: OutletContent, base_url: str) -> DemoOutlet:
    return DemoOutlet(slug=content.slug, name=content.name, language=content.language,
                      base_url=base_url, feed_url=base_url + content.feed_path,
                      feed_format=content.feed_format, sitemap_url=base_url + "/sitemap.xml",
                      is_relay=content.is_relay)


class DemoNewsroom:
    """All demo outlets, one :class:`StaticSite` (own port) each.

    Ports are allocated on construction; pages are rendered once every
    outlet's base URL is known, so relay links point at real served URLs.
    """

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0) -> None:
        self.catalog: Mapping[str, OutletContent] = load_catalog()
        self.sites: dict[str, StaticSite] = {}
        try:
            for number, slug in enumerate(self.catalog):
                self.sites[slug] = _bind_site(host, base_port + number if base_port else 0)
        except OSError:
            self.stop()
            raise
        self.base_urls = {slug: site.base_url for slug, site in self.sites.items()}
        self.outlets: list[DemoOutlet] = [
            _demo_outlet(content, self.base_urls[slug]) for slug, content in self.catalog.items()]
        for slug, content in self.catalog.items():
            ctx = SiteContext(content, self.base_urls[slug], self.catalog, self.base_urls)
            for path, resource in render_routes(ctx).items():
                self.sites[slug].set_route(path, resource)

    def outlet(self, slug: str) -> DemoOutlet:
        """The served outlet with this slug (KeyError if unknown)."""
        for outlet in self.outlets:
            if outlet.slug == slug:
                return outlet
        raise KeyError(slug)

    def article_url(self, outlet_slug: str, article_slug: str) -> str:
        """Absolute URL of one article."""
        path = self.catalog[outlet_slug].article(article_slug).path
        return self.base_urls[outlet_slug] + path

    def allow_entries(self) -> list[str]:
        """``fetch.allow_addresses`` entries that let babelwire reach exactly these sites."""
        return [site.base_url.split("://", 1)[1] for site in self.sites.values()]

    def start(self) -> "DemoNewsroom":
        """Start every site; returns self."""
        for site in self.sites.values():
            site.start()
        return self

    def stop(self) -> None:
        """Stop every site."""
        for site in self.sites.values():
            site.stop()

    def __enter__(self) -> "DemoNewsroom":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _bind_site(host: str, port: int) -> StaticSite:
    """A site on ``port`` (0: any free port); a busy fixed port is a ``PortInUse`` error.

    Never falls back to another port: the demo's sources are known by their
    addresses, and a silent move would make a second set of outlets."""
    try:
        return StaticSite(host=host, port=port)
    except OSError as exc:
        if not port or exc.errno != errno.EADDRINUSE:
            raise
        raise PortInUse(f"port {port} on {host} is busy (a demo news site): stop what uses it, "
                        f"or pass --sites-port with another first port") from exc


def start_demo_newsroom(host: str = "127.0.0.1", base_port: int = 0) -> DemoNewsroom:
    """Build and start the demo newsroom; call ``.stop()`` (or use ``with``) when done.

    ``base_port`` gives the outlets fixed addresses (base_port, base_port + 1, ...);
    a busy one raises ``PortInUse`` before anything is served.
    """
    return DemoNewsroom(host=host, base_port=base_port).start()
