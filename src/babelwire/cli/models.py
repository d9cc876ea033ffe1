"""``babelwire models list | install PATH_OR_NAME | remove NAME``: neural translation models."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..settings import Settings
from ..translate.package_index import fetch_index, install_from_index
from ..translate.packages import ModelPackage, install_package, list_packages, models_folder, remove_package


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("models", help="list, install and remove neural translation models")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list the installed models")
    listing.add_argument("--available", action="store_true",
                         help="list the models of the package index (translate.package_index) instead")
    install = actions.add_parser(
        "install", help="install a .argosmodel file, an OPUS-MT folder, or a package by name (translate-fr_en)")
    install.add_argument("package", metavar="PATH_OR_NAME")
    install.add_argument("--from", dest="source", help="source language of an OPUS-MT folder")
    install.add_argument("--to", dest="target", help="target language of an OPUS-MT folder")
    remove = actions.add_parser("remove", help="delete an installed model")
    remove.add_argument("name")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    models_dir = models_folder(settings["translate.models_dir"], settings.data_dir)
    if args.action == "install":
        package = _install(args, settings, models_dir)
        print(f"installed: {describe(package)}")
    elif args.action == "remove":
        package = remove_package(models_dir, args.name)
        print(f"removed: {package.name}")
    elif args.available:
        for entry in fetch_index(settings["translate.package_index"], settings["fetch.read_timeout"]):
            print(f"{entry.name}  {entry.source}→{entry.target}  version {entry.version}")
    else:
        packages = list_packages(models_dir)
        if not packages:
            print(f"no models in {models_dir}: `babelwire models install translate-fr_en` or a .argosmodel file")
        for package in packages:
            print(describe(package))
    return 0


def _install(args: argparse.Namespace, settings: Settings, models_dir: Path) -> ModelPackage:
    origin = Path(args.package).expanduser()
    looks_like_path = origin.exists() or "/" in args.package or args.package.endswith(".argosmodel")
    if looks_like_path:
        return install_package(origin, models_dir, source=args.source, target=args.target)
    return install_from_index(args.package, models_dir, settings["translate.package_index"],
                              settings["fetch.read_timeout"])


def describe(package: ModelPackage) -> str:
    megabytes = package.size_bytes() / 1_000_000
    return (f"{package.name}  {package.source}→{package.target}  {package.kind} {package.version}  "
            f"{megabytes:.1f} MB  {package.path}")
