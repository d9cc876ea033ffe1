"""The command line as a user runs it: real processes, real HTTP, real Apertium."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]


def run_cli(*args, stdin=None, cwd=None, timeout=120):
    return subprocess.run([*BABELWIRE, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_serves_every_article_translated(tmp_path):
    port = free_port()
    process = subprocess.Popen([*BABELWIRE, "--data", str(tmp_path / "data"), "demo", "--port",
                                str(port), "--sites-port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        address = None
        deadline = time.time() + 180
        while time.time() < deadline and address is None:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail(f"demo exited: {process.stderr.read()}")
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if match and "reader" in line:
                address = match.group(1)
        assert address == f"http://127.0.0.1:{port}/"
        body = None
        for _ in range(50):
            try:
                body = httpx.get(address + "api/articles?limit=200", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert body is not None and len(body["articles"]) >= 15
        for article in body["articles"]:
            wanted = {"en", "fr"} - {article["language"]}
            assert wanted <= set(article["translations"]), article["url"]
        assert httpx.get(address, timeout=5).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def test_translate_keeps_the_line_count():
    lines = ["Le conseil municipal a voté le budget.", "", "La grève continue au port.",
             "Les trains reprennent lundi."]
    result = run_cli("translate", "--from", "fr", "--to", "en", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    output = result.stdout.split("\n")[:-1]
    assert len(output) == len(lines) and output[1] == ""
    assert "strike" in output[2].lower() or "port" in output[2].lower()


def test_translate_without_engine_is_one_clear_line():
    result = run_cli("translate", "--from", "ja", "--to", "en", stdin="テスト\n")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error[translate.no_engine]") and "apt-get install" in result.stderr


def test_extract_file_as_json(tmp_path):
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>Párrafo {i}: el ayuntamiento de Puerto Alcaravea aprobó el plan de "
                         f"movilidad con el apoyo de tres grupos municipales y varias asociaciones.</p>"
                         for i in range(4))
    page.write_text(f"<html lang='es'><head><title>Plan aprobado | Diario</title></head><body>"
                    f"<article><h1>Plan aprobado</h1>{paragraphs}</article></body></html>",
                    encoding="utf-8")
    result = run_cli("extract", str(page), "--json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == "Plan aprobado" and len(article["paragraphs"]) == 4
    missing = run_cli("extract", str(tmp_path / "nope.html"))
    assert missing.returncode == 2 and missing.stderr.startswith("error[input.missing]")


def test_sources_add_list_remove(tmp_path):
    data = str(tmp_path / "data")
    added = run_cli("--data", data, "sources", "add", "https://news.example/feed.xml", "--name", "Ex",
                    "--no-check")
    assert added.returncode == 0 and "added" in added.stdout
    again = run_cli("--data", data, "sources", "add", "https://news.example/feed.xml")
    assert again.returncode == 2 and again.stderr.startswith("error[source.duplicate]")
    assert "already source #1 (Ex)" in again.stderr
    listed = run_cli("--data", data, "sources", "list")
    assert "https://news.example/feed.xml" in listed.stdout and "never fetched" in listed.stdout
    bad = run_cli("--data", data, "sources", "add", "ftp://x")
    assert bad.returncode == 2 and bad.stderr.startswith("error[config]")
    assert "is not an http(s) URL" in bad.stderr
    removed = run_cli("--data", data, "sources", "remove", "1")
    assert removed.returncode == 0
    assert "no sources yet" in run_cli("--data", data, "sources", "list").stdout


def test_run_once_with_config_and_bad_config(tmp_path, newsroom):
    config = tmp_path / "babelwire.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\ntargets = ["en"]\n[fetch]\n'
                      f'per_host_delay = 0.0\nallow_addresses = ["127.0.0.1"]\n[[sources]]\nurl = "{newsroom.outlets[1].feed_url}"\n')
    result = run_cli("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    assert re.search(r"[1-9]\d* articles stored", result.stdout)
    assert re.search(r"[1-9]\d* translations", result.stdout)
    config.write_text("targets = [\n")
    broken = run_cli("--config", str(config), "run", "--once")
    assert broken.returncode == 2 and broken.stderr.startswith("error[config]")
    assert "Traceback" not in broken.stderr
