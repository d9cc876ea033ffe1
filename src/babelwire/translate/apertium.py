"""The Apertium engine: one ``apertium`` process per batch.

Pairs come from ``apertium -l`` (asked once per instance, on first use).
A batch is written to ``apertium -z -f none <mode>`` in Apertium's stream
format, one NUL-terminated record per segment (see ``apertium_stream``).
Apertium can exit 0 and still drop the end of a batch; the record count is
checked, and a short batch is retried in halves until every segment is back.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import threading
from pathlib import Path

from babelwire.errors import NoEngineError, TranslationError
from babelwire.translate.apertium_lexicon import analyser_path, names_to_keep
from babelwire.translate.apertium_process import run_pipe
from babelwire.translate.apertium_stream import clean_segment, decode_record_words, encode_batch, split_records
from babelwire.translate.apertium_untagged import UntaggedModes
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

# A record starts after a one-character sentence: a record that starts the
# stream loses rules that look at the sentence before (cat-fra drops the subject
# of "Prendran micos": "Prendront des singes"; after "§." it writes "Ils prendront").
CONTEXT = "§. "
_CONTEXT_BACK = re.compile(r"^\s*§\s*\.\s*")

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
        self._analysers: dict[str, str | None] = {}
        self._untagged = UntaggedModes(datadir or DEFAULT_DATADIR)
        self._fragile: set[str] = set()  # modes whose tagger crashed: run untagged (see apertium_untagged)

    # -- discovery ---------------------------------------------------------

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.modes())

    def modes(self) -> dict[tuple[str, str], str]:
        """(source, target) -> Apertium mode name; empty when Apertium is missing."""
        if self._modes is None:
            listing = self._listed_modes()
            if listing is None:
                try:
                    listing = self._run(["-l"], b"", "-l", timeout=30.0).decode("utf-8", errors="replace")
                except TranslationError as exc:
                    log.warning("no Apertium pairs: %s", exc)
                    listing = ""
            self._modes = parse_modes(listing)
            log.debug("apertium pairs: %s", sorted(self._modes))
        return self._modes

    def _listed_modes(self) -> str | None:
        """What ``apertium -l`` prints, read from the modes folder it lists (no shell started);
        ``None`` unless the binary is the installed ``apertium`` script."""
        folder = Path(self.datadir or DEFAULT_DATADIR) / "modes"
        if self.binary != "apertium" or shutil.which("apertium") is None or not folder.is_dir():
            return None
        return "\n".join(sorted(path.name[: -len(".mode")] for path in folder.glob("*.mode")))

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
        return self.translate_route(segments, (source, target))

    def translate_route(self, segments: list[str], route: tuple[str, ...]) -> BatchResult:
        """Translate along ``route`` (``("fr", "es", "en")``): one pipe of processes for the batch.

        The hops run at once, each ``apertium`` feeding the next, like the
        shell pipeline a user would type; hops before the last run with ``-u``
        (a mark would reach the next hop as text), so the last hop's marks
        name the words left unknown.
        """
        modes = [self._mode(a, b) for a, b in zip(route, route[1:])]
        cleaned = [clean_segment(segment) for segment in segments]
        sent = [index for index, text in enumerate(cleaned) if text]
        warnings: list[str] = []
        texts = [CONTEXT + cleaned[index] for index in sent]
        versions = _Background(lambda: " + ".join(self.mode_version(mode) for mode in modes))
        records = self._translate_records(modes, texts, warnings) if sent else []
        untagged = [mode for mode in modes if mode in self._fragile]
        out = list(segments)
        unknown = [False] * len(segments)
        words: list[tuple[str, ...]] = [()] * len(segments)
        for index, record in zip(sent, records, strict=True):
            if record is None:  # the engine never gave this one back: keep the source text
                unknown[index] = True
                continue
            text, marked = decode_record_words(record, CONTEXT + cleaned[index])
            text = _CONTEXT_BACK.sub("", text, count=1)
            out[index] = _keep_outer_whitespace(segments[index], text)
            unknown[index] = bool(marked)
            words[index] = tuple(word for word in marked if word)
        return BatchResult(
            segments=tuple(out),
            engine=self.name,
            engine_version=versions.result() + (
                f" (untagged: {', '.join(untagged)})" if untagged else ""),
            pivot=route[1] if len(route) > 2 else None,
            unknown=tuple(unknown),
            warnings=tuple(warnings),
            unknown_words=tuple(words),
        )

    def names_to_keep(self, candidates: list[str], source: str, target: str) -> dict[str, str]:
        """The name candidates the first hop's dictionary would mangle (``apertium_lexicon``)."""
        mode = self._mode(source, target)
        if mode not in self._analysers:
            self._analysers[mode] = analyser_path(Path(self.datadir or DEFAULT_DATADIR) / "modes" / f"{mode}.mode")
        analyser = self._analysers[mode]
        return names_to_keep(candidates, analyser) if analyser else {name: name for name in candidates}

    def _mode(self, source: str, target: str) -> str:
        mode = self.modes().get((source, target))
        if mode is None:
            raise NoEngineError(
                f"no Apertium pair for {source}→{target}: install one (apt-get install apertium-xxx-yyy)"
            )
        return mode

    def _translate_records(self, modes: list[str], texts: list[str], warnings: list[str]) -> list[str | None]:
        """One record per text; a short answer is retried in halves (bisection)."""
        what = " | ".join(modes)
        output = self._run_pipe(modes, encode_batch(texts), what)
        records = split_records(output, len(texts))
        if records is not None:
            return list(records)
        stand_in = {mode for mode in modes if mode not in self._fragile and self._untagged.make(mode)}
        if stand_in:  # a tagger may have crashed: the same batch with the grammar's first reading
            self._fragile |= stand_in
            records = split_records(self._run_pipe(modes, encode_batch(texts), what), len(texts))
            if records is not None:
                message = (f"apertium {what}: the part-of-speech tagger of {', '.join(sorted(stand_in))} "
                           "dropped segments; translated with the constraint grammar's first reading")
                log.warning("%s", message)
                warnings.append(message)
                return list(records)
            self._fragile -= stand_in
        if not warnings:
            message = f"apertium {what} returned an incomplete batch of {len(texts)}; retried in parts"
            log.warning("%s", message)
            warnings.append(message)
        if len(texts) == 1:
            warnings.append(f"apertium {what} gave no translation for a segment; kept the source text")
            return [None]
        middle = len(texts) // 2
        return self._translate_records(modes, texts[:middle], warnings) + self._translate_records(
            modes, texts[middle:], warnings
        )

    def _command(self, args: list[str], datadir: str | None = None) -> list[str]:
        datadir = datadir or self.datadir
        return [self.binary, *(["-d", datadir] if datadir else []), *args]

    def _run(self, args: list[str], stdin: bytes, what: str, timeout: float | None = None) -> bytes:
        """Run ``binary args`` in its own process group; stdout, or ``TranslationError``."""
        return run_pipe([self._command(args)], stdin, what, self.timeout if timeout is None else timeout)

    def _run_pipe(self, modes: list[str], stdin: bytes, what: str) -> bytes:
        hops = [["-z", "-u", "-f", "none", mode] for mode in modes[:-1]] + [["-z", "-f", "none", modes[-1]]]
        commands = [self._command(args, self._untagged.datadir if mode in self._fragile else None)
                    for args, mode in zip(hops, modes)]
        return run_pipe(commands, stdin, what, self.timeout)


class _Background:
    """A call run in a thread while the engine works (``apertium -V`` and ``dpkg-query`` cost a
    tenth of a second a command that translates one batch would otherwise wait for)."""

    def __init__(self, call) -> None:
        self._call = call
        self._value: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            self._error = exc

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value or ""


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
