"""Neural model packages on disk: describe, install, list, remove.

    <models_dir>/                      translate.models_dir, default <data_dir>/models
      translate-fr_en/                 an Argos Translate package, unzipped
        metadata.json  model/  sentencepiece.model  babelwire.json
      opus-mt-de-en/                   an OPUS-MT model converted for CTranslate2
        model.bin  shared_vocabulary.json  source.spm  target.spm  babelwire.json

``babelwire.json`` is the package's descriptor (a ``ModelPackage``), written at
install time, so the engine never guesses at load time. An OPUS-MT folder that
is not yet converted (``decoder.yml`` + Marian ``.npz``) is converted on install.
Installing by name from the Argos package index is in ``package_index``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import uuid
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from babelwire.errors import ConfigError
from babelwire.translate.apertium import language_code

log = logging.getLogger(__name__)

DESCRIPTOR = "babelwire.json"
ARGOS = "argos"
OPUS_MT = "opus-mt"
_OPUS_NAME = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$")


@dataclass(frozen=True)
class ModelPackage:
    """An installed (or about to be installed) model for one language pair."""

    name: str
    kind: str  # ARGOS or OPUS_MT
    source: str
    target: str
    version: str
    path: Path
    model_dir: str = "."  # the CTranslate2 folder, relative to path
    source_spm: str = "source.spm"
    target_spm: str = "target.spm"
    target_prefix: str = ""
    installed_from: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)

    @property
    def model_path(self) -> Path:
        return self.path / self.model_dir

    def size_bytes(self) -> int:
        return sum(item.stat().st_size for item in self.path.rglob("*") if item.is_file())


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10"`` -> ``(1, 10)``, so that 1.10 sorts after 1.9."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def models_folder(configured: str, data_dir: Path) -> Path:
    """``translate.models_dir``, or ``<data_dir>/models`` when it is empty."""
    return Path(configured) if configured else Path(data_dir) / "models"


# -- reading -------------------------------------------------------------------


def read_package(folder: Path) -> ModelPackage:
    """The package in ``folder``, from its descriptor (or its layout when it has none)."""
    descriptor = folder / DESCRIPTOR
    if not descriptor.is_file():
        return describe_folder(folder)
    try:
        fields = json.loads(descriptor.read_text(encoding="utf-8"))
        return ModelPackage(**{**fields, "path": folder})
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"model package {folder} has a broken {DESCRIPTOR}: reinstall it") from exc


def list_packages(models_dir: Path) -> list[ModelPackage]:
    """Every readable package under ``models_dir``, by name; broken ones are logged and skipped."""
    if not models_dir.is_dir():
        return []
    packages = []
    for folder in sorted(models_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            packages.append(read_package(folder))
        except ConfigError as exc:
            log.warning("skipping model folder %s: %s", folder, exc)
    return packages


def describe_folder(folder: Path, source: str | None = None, target: str | None = None,
                    installed_from: str = "") -> ModelPackage:
    """What ``folder`` holds: an Argos package or a converted OPUS-MT model, or ``ConfigError``."""
    if (folder / "metadata.json").is_file() and (folder / "model" / "model.bin").is_file():
        return _describe_argos(folder, installed_from)
    if (folder / "model.bin").is_file():
        return _describe_opus_mt(folder, source, target, installed_from)
    raise ConfigError(
        f"{folder} is not a model package: expected an Argos package (metadata.json, model/) "
        "or an OPUS-MT model (decoder.yml and .npz, or model.bin converted by ct2-opus-mt-converter)")


def _describe_argos(folder: Path, installed_from: str) -> ModelPackage:
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        source, target = language_code(metadata["from_code"]), language_code(metadata["to_code"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{folder}/metadata.json has no from_code and to_code: not an Argos package") from exc
    if not (folder / "sentencepiece.model").is_file():
        raise ConfigError(f"Argos package {folder} has no sentencepiece.model: only SentencePiece "
                          "packages are supported")
    return ModelPackage(
        name=f"translate-{source}_{target}", kind=ARGOS, source=source, target=target,
        version=str(metadata.get("package_version", "unknown")), path=folder, model_dir="model",
        source_spm="sentencepiece.model", target_spm="sentencepiece.model",
        target_prefix=str(metadata.get("target_prefix", "")), installed_from=installed_from)


def _describe_opus_mt(folder: Path, source: str | None, target: str | None,
                      installed_from: str) -> ModelPackage:
    named = _OPUS_NAME.search(Path(installed_from).name if installed_from else folder.name)
    source = source or (named.group(1) if named else None)
    target = target or (named.group(2) if named else None)
    if not source or not target:
        raise ConfigError(f"cannot tell the languages of {installed_from or folder}: "
                          "pass --from and --to (or name the folder opus-mt-SRC-TGT)")
    for name in ("source.spm", "target.spm"):
        if not (folder / name).is_file():
            raise ConfigError(f"OPUS-MT model {installed_from or folder} has no {name}: copy it "
                              "from the original model folder")
    source, target = language_code(source), language_code(target)
    return ModelPackage(
        name=f"opus-mt-{source}-{target}", kind=OPUS_MT, source=source, target=target,
        version=_content_version(folder / "model.bin"), path=folder, installed_from=installed_from)


def _content_version(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()[:12]}"


# -- installing ------------------------------------------------------------------


def install_package(origin: Path, models_dir: Path, source: str | None = None,
                    target: str | None = None) -> ModelPackage:
    """Install a ``.argosmodel`` file or a model folder into ``models_dir``; returns the package.

    A package already installed under the same name is replaced.
    """
    origin = Path(origin)
    if not origin.exists():
        raise ConfigError(f"{origin} does not exist: give a .argosmodel file, a model folder, "
                          "or a package name such as translate-fr_en")
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = models_dir / f".installing-{uuid.uuid4().hex[:8]}"
    try:
        folder = _stage(origin, staging)
        package = describe_folder(folder, source, target, installed_from=str(origin.resolve()))
        return _commit(package, models_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stage(origin: Path, staging: Path) -> Path:
    """Copy, unzip or convert ``origin`` under ``staging``; the package folder."""
    if origin.is_file():
        return _unzip(origin, staging)
    if (origin / "decoder.yml").is_file() and not (origin / "model.bin").is_file():
        return _convert_opus_mt(origin, staging / "package")
    shutil.copytree(origin, staging / "package")
    return staging / "package"


def _unzip(archive: Path, staging: Path) -> Path:
    try:
        with zipfile.ZipFile(archive) as package:
            names = package.namelist()
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or ".." in parts:
                    raise ConfigError(f"{archive} holds an unsafe path {name!r}: not installed")
            metadata = sorted((n for n in names if PurePosixPath(n).name == "metadata.json"), key=len)
            if not metadata:
                raise ConfigError(f"{archive} has no metadata.json: not an Argos Translate package")
            package.extractall(staging)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ConfigError(f"{archive} is not a .argosmodel (zip) file: {exc}") from exc
    return staging / PurePosixPath(metadata[0]).parent


def _convert_opus_mt(origin: Path, output: Path) -> Path:
    from ctranslate2.converters import OpusMTConverter

    log.info("converting the OPUS-MT model %s for CTranslate2", origin)
    try:
        OpusMTConverter(str(origin)).convert(str(output), force=True)
    except Exception as exc:  # the converter raises anything from yaml, numpy or its own checks
        raise ConfigError(f"cannot convert the OPUS-MT model {origin}: {exc}") from exc
    for name in ("source.spm", "target.spm", "README.md", "LICENSE"):
        if (origin / name).is_file():
            shutil.copyfile(origin / name, output / name)
    return output


def _commit(package: ModelPackage, models_dir: Path) -> ModelPackage:
    final = models_dir / package.name
    installed = ModelPackage(**{**asdict(package), "path": final})
    fields = {key: value for key, value in asdict(installed).items() if key != "path"}
    (package.path / DESCRIPTOR).write_text(json.dumps(fields, indent=2) + "\n", encoding="utf-8")
    if final.exists():
        log.info("replacing the installed model %s", package.name)
        shutil.rmtree(final)
    package.path.rename(final)
    return installed


def remove_package(models_dir: Path, name: str) -> ModelPackage:
    """Delete the installed package ``name``; ``ConfigError`` when there is none."""
    for package in list_packages(models_dir):
        if package.name == name or package.path.name == name:
            shutil.rmtree(package.path)
            return package
    raise ConfigError(f"no installed model named {name!r}: see `babelwire models list`")
