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


def test_an_unexpected_error_is_one_line_unless_verbose(tmp_path, monkeypatch, capsys):
    import pytest

    from babelwire.cli import main as cli_main
    from babelwire.cli import status

    def broken(args, settings):
        raise KeyError("surprise\nsecond line")

    monkeypatch.setattr(status, "handle", broken)
    monkeypatch.chdir(tmp_path)
    assert cli_main.main(["status"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error[internal]: KeyError: ") and err.count("\n") == 1
    assert "run again with -v" in err and "Traceback" not in err
    with pytest.raises(KeyError):
        cli_main.main(["-v", "status"])


def test_logged_errors_carry_no_traceback_unless_verbose():
    import logging

    from babelwire.cli.main import OneLineFormatter

    try:
        raise ValueError("deep")
    except ValueError:
        import sys as _sys
        record = logging.LogRecord("babelwire.x", logging.ERROR, __file__, 1, "tracing failed",
                                   None, _sys.exc_info())
    line = OneLineFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert line == "ERROR babelwire.x: tracing failed"
