"""The command line imports only the command it runs, and still knows every command."""

import subprocess
import sys

from babelwire.cli.main import build_parser, chosen_command


def test_the_chosen_command_is_found_after_global_options():
    assert chosen_command(["status"]) == "status"
    assert chosen_command(["--data", "status", "settings"]) == "settings"  # a folder named status
    assert chosen_command(["--config", "b.toml", "-v", "sources", "list"]) == "sources"
    assert chosen_command(["-h"]) is None and chosen_command([]) is None
    assert chosen_command(["nope"]) is None
    assert build_parser("settings").parse_args(["settings", "--markdown"]).markdown


def test_a_read_only_command_does_not_import_the_pipeline(tmp_path):
    code = ("import sys; from babelwire.cli.main import main; main(['status']); "
            "print(sorted(m for m in ('babelwire.pipeline', 'babelwire.worker', "
            "'babelwire.compose') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")
