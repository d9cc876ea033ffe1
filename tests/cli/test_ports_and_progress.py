"""Busy ports are found before any work; every stage is shown, counted or not."""

import io

from rich.console import Console

from babelwire.cli.ports import port_is_free
from babelwire.cli.progress import LABELS, RichProgress


def test_run_and_serve_check_the_reader_port_first(cli, workdir, busy_port):
    for args in (("run", "--port", str(busy_port)), ("serve", "--port", str(busy_port))):
        result = cli(*args, cwd=workdir, timeout=120)
        assert result.returncode == 2, args
        assert result.stderr == (f"error[config.port_busy]: port {busy_port} on 127.0.0.1 is busy "
                                 f"(the reader): stop what uses it, or pass --port with another "
                                 f"port\n")
        assert not (workdir / "babelwire-data").exists()  # nothing polled, nothing stored


def test_port_probe(busy_port, closed_port):
    assert not port_is_free("127.0.0.1", busy_port)
    assert port_is_free("127.0.0.1", closed_port)


def test_an_uncounted_stage_is_drawn_and_finished():
    screen = Console(file=io.StringIO(), force_terminal=True, width=100)
    progress = RichProgress(enabled=True, console=screen)
    with progress:
        progress.start("tracing", 0)
        task = progress._bars.tasks[0]  # noqa: SLF001
        assert task.description == LABELS["tracing"] and task.total is None
        progress.finish("tracing")
        assert task.finished
    assert "Tracing copies & stories" in screen.file.getvalue()


def test_without_a_terminal_each_stage_is_one_line(capsys):
    with RichProgress(enabled=False) as progress:
        progress.start("translations", 23)
        progress.start("tracing", 0)
        progress.finish("tracing")
    assert capsys.readouterr().err == "Translating: 23\nTracing copies & stories...\n"


def test_serve_answers_on_the_reserved_port(tmp_path, closed_port):
    import os
    import signal
    import subprocess
    import sys
    import time

    import httpx

    process = subprocess.Popen([sys.executable, "-m", "babelwire.cli.main", "--data",
                                str(tmp_path / "data"), "serve", "--port", str(closed_port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert f"babelwire reader: http://127.0.0.1:{closed_port}/" in line, process.stderr.read()
        for _ in range(100):
            try:
                answer = httpx.get(f"http://127.0.0.1:{closed_port}/sources", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.status_code == 200 and "nothing is polling this store" in answer.text
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
