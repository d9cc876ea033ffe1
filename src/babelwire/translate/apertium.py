"""The Apertium engine: one ``apertium`` process per batch.

Pairs come from ``apertium -l`` (asked once per instance, on first use).
A batch is written to ``apertium -z -f none <mode>`` in Apertium's stream
format, one NUL-terminated record per segment (see ``apertium_stream``).
Apertium can exit 0 and still drop the end of a batch; the record count is
checked, and a short batch is retried in halves until every segment is back.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
from pathlib import Path

from babelwire.errors import NoEngineError, TranslationError
from babelwire.translate.apertium_stream import clean_segment, decode_record, encode_batch, split_records
from babelwire.translate.base import BatchResult

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0  # seconds, per apertium process
DEFAULT_DATADIR = "/usr/share/apertium"
UNKNOWN_VERSION = "unknown"

# Apertium names languages with ISO 639-3 (newer pairs) or 639-1 (older ones).
ISO639_3_TO_1 = {
    "afr": "af", "ara": "ar", "arg": "an", "ast": "ast", "bel": "be", "bre": "br",
    "bul": "bg", "cat": "ca", "ces": "cs", "cym": "cy", "dan": "da", "deu": "de",
    "ell": "el", "eng": "en", "epo": "eo", "eus": "eu", "fao": "fo", "fin": "fi",
    "fra": "fr", "gla": "gd", "gle": "ga", "glg": "gl", "heb": "he", "hin": "hi",
    "hbs": "sh", "hrv": "hr", "isl": "is", "ita": "it", "kaz": "kk", "kir": "ky",
    "lav": "lv", "lit": "lt", "mkd": "mk", "mlt": "mt", "nld": "nl", "nno": "nn",
    "nob": "nb", "nor": "no", "oci": "oc", "pol": "pl", "por": "pt", "ron": "ro",
    "rus": "ru", "slk": "sk", "slv": "sl", "spa": "es", "sqi": "sq", "srd": "sc",
    "srp": "sr", "swe": "sv", "tat": "tt", "tur": "tr", "ukr": "uk", "urd": "ur",
    "uzb": "uz", "zho": "zh",
}

_MODE_NAME = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")  # skips eco-es-fr, eng-cat_valencia, ...
_PAIR_PACKAGE = re.compile(r"/(apertium-[a-z]{2,3}-[a-z]{2,3})/")


def language_code(apertium_code: str) -> str:
    """ISO 639-1 for an Apertium language code when there is one (``spa`` -> ``es``)."""
    return ISO639_3_TO_1.get(apertium_code, apertium_code)


def parse_modes(listing: str) -> dict[tuple[str, str], str]:
    """(source, target) -> mode name, from ``apertium -l``; 3-letter mode names win ties."""
    modes: dict[tuple[str, str], str] = {}
    for line in listing.splitlines():
        match = _MODE_NAME.match(line.strip())
        if not match:
            continue
        pair = (language_code(match.group(1)), language_code(match.group(2)))
        if pair[0] == pair[1]:
            continue
        if pair not in modes or len(line.strip()) > len(modes[pair]):
            modes[pair] = line.strip()
    return modes


class ApertiumTranslator:
    """Translates with the locally installed Apertium pairs."""

    name = "apertium"

    def __init__(
        self, binary: str = "apertium", timeout: float = DEFAULT_TIMEOUT, datadir: str | None = None
    ) -> None:
        self.binary = binary
        self.timeout = timeout
        self.datadir = datadir
        self._modes: dict[tuple[str, str], str] | None = None
        self._version: str | None = None
        self._mode_versions: dict[str, str] = {}

    # -- discovery ---------------------------------------------------------

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.modes())

    def modes(self) -> dict[tuple[str, str], str]:
        """(source, target) -> Apertium mode name; empty when Apertium is missing."""
        if self._modes is None:
            try:
                listing = self._run(["-l"], b"", "-l", timeout=30.0)
            except TranslationError as exc:
                log.warning("no Apertium pairs: %s", exc)
                listing = b""
            self._modes = parse_modes(listing.decode("utf-8", errors="replace"))
            log.debug("apertium pairs: %s", sorted(self._modes))
        return self._modes

    def version(self) -> str:
        """Apertium's version (``apertium -V``), or "unknown"."""
        if self._version is None:
            try:
                output = self._run(["-V"], b"", "-V", timeout=30.0).decode(errors="replace")
            except TranslationError:
                output = ""
            found = re.search(r"\d+(?:\.\d+)+\S*", output)
            self._version = found.group(0) if found else UNKNOWN_VERSION
        return self._version

    def mode_version(self, mode: str) -> str:
        """Version string naming the mode and, when dpkg knows it, the pair package."""
        if mode not in self._mode_versions:
            package = _pair_package(Path(self.datadir or DEFAULT_DATADIR) / "modes" / f"{mode}.mode")
            package_version = _dpkg_version(package) if package else None
            detail = f" ({package} {package_version})" if package and package_version else ""
            self._mode_versions[mode] = f"{self.version()} {mode}{detail}"
        return self._mode_versions[mode]

    # -- translation -------------------------------------------------------

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        mode = self.modes().get((source, target))
        if mode is None:
            raise NoEngineError(
                f"no Apertium pair for {source}→{target}: install one (apt-get install apertium-xxx-yyy)"
            )
        cleaned = [clean_segment(segment) for segment in segments]
        sent = [index for index, text in enumerate(cleaned) if text]
        warnings: list[str] = []
        records = self._translate_records(mode, [cleaned[index] for index in sent], warnings) if sent else []
        out = list(segments)
        unknown = [False] * len(segments)
        for index, record in zip(sent, records, strict=True):
            if record is None:  # the engine never gave this one back: keep the source text
                unknown[index] = True
                continue
            text, marked = decode_record(record, cleaned[index])
            out[index] = _keep_outer_whitespace(segments[index], text)
            unknown[index] = marked
        return BatchResult(
            segments=tuple(out),
            engine=self.name,
            engine_version=self.mode_version(mode),
            pivot=None,
            unknown=tuple(unknown),
            warnings=tuple(warnings),
        )

    def _translate_records(self, mode: str, texts: list[str], warnings: list[str]) -> list[str | None]:
        """One record per text; a short answer is retried in halves (bisection)."""
        output = self._run(["-z", "-f", "none", mode], encode_batch(texts), mode)
        records = split_records(output, len(texts))
        if records is not None:
            return list(records)
        if not warnings:
            message = f"apertium {mode} returned an incomplete batch of {len(texts)}; retried in parts"
            log.warning("%s", message)
            warnings.append(message)
        if len(texts) == 1:
            warnings.append(f"apertium {mode} gave no translation for a segment; kept the source text")
            return [None]
        middle = len(texts) // 2
        return self._translate_records(mode, texts[:middle], warnings) + self._translate_records(
            mode, texts[middle:], warnings
        )

    def _run(self, args: list[str], stdin: bytes, what: str, timeout: float | None = None) -> bytes:
        """Run ``binary args`` in its own process group; stdout, or ``TranslationError``."""
        limit = self.timeout if timeout is None else timeout
        try:
            process = subprocess.Popen(
                [self.binary, *(["-d", self.datadir] if self.datadir else []), *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so a timeout can stop the whole pipe
            )
        except OSError as exc:
            raise TranslationError(f"cannot run {self.binary} ({what}): {exc.strerror or exc}") from exc
        try:
            stdout, stderr = process.communicate(stdin, timeout=limit)
        except subprocess.TimeoutExpired as exc:
            _stop(process)
            raise TranslationError(f"apertium {what} timed out after {limit:g}s") from exc
        if process.returncode != 0:
            detail = _first_line(stderr) or _first_line(stdout) or "no message"
            raise TranslationError(f"apertium {what} failed (exit {process.returncode}): {detail}")
        return stdout


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group we started for ``process`` and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()


def _first_line(data: bytes) -> str:
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _keep_outer_whitespace(original: str, translated: str) -> str:
    """The translation wearing the original's leading and trailing whitespace."""
    leading = original[: len(original) - len(original.lstrip())]
    trailing = original[len(original.rstrip()) :]
    return leading + translated + trailing


def _pair_package(mode_file: Path) -> str | None:
    """The Debian package holding a mode's data, read from its .mode file."""
    try:
        match = _PAIR_PACKAGE.search(mode_file.read_text(errors="replace"))
    except OSError:
        return None
    return match.group(1) if match else None


def _dpkg_version(package: str) -> str | None:
    try:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    version = done.stdout.decode(errors="replace").strip()
    return version if done.returncode == 0 and version else None
