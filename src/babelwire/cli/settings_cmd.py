"""``babelwire settings``: every setting, its value, default and help."""

from __future__ import annotations

import argparse

from ..settings import SETTINGS, Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("settings", help="list every setting with its current value")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    for setting in SETTINGS:
        print(f"{setting.name} = {settings[setting.name]!r}")
        print(f"    {setting.help} (default {setting.default!r}; env {setting.env_var})")
    return 0
