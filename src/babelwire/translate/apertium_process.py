"""Running a pipe of processes (``apertium fr-es | apertium spa-eng``) without a shell.

Every process of the pipe starts in one new process group, so a timeout
stops the whole pipe (each ``apertium`` is itself a shell pipeline).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading

from babelwire.errors import TranslationError


def run_pipe(commands: list[list[str]], stdin: bytes, what: str, timeout: float) -> bytes:
    """stdout of ``commands[0] | commands[1] | ...`` fed ``stdin``; ``TranslationError`` on failure."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            previous = processes[-1].stdout if processes else subprocess.PIPE
            processes.append(subprocess.Popen(
                command, stdin=previous, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                process_group=processes[0].pid if processes else 0,
            ))
            if previous is not subprocess.PIPE:
                previous.close()  # the next process owns it now
    except OSError as exc:
        _stop(processes)
        raise TranslationError(f"cannot run {commands[len(processes)][0]} ({what}): {exc.strerror or exc}") from exc
    errors = [b""] * len(processes)
    readers = [threading.Thread(target=_drain, args=(p, errors, i), daemon=True)
               for i, p in enumerate(processes[:-1])]
    for reader in readers:
        reader.start()
    feeder = threading.Thread(target=_feed, args=(processes[0], stdin), daemon=True)
    if len(processes) > 1:
        feeder.start()
    try:
        stdout, errors[-1] = processes[-1].communicate(None if len(processes) > 1 else stdin, timeout=timeout)
        for process in processes[:-1]:
            process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _stop(processes)
        raise TranslationError(f"apertium {what} timed out after {timeout:g}s") from exc
    for reader in readers:
        reader.join()
    for process, error in zip(processes, errors):
        if process.returncode != 0:
            detail = _first_line(error) or "no message"
            raise TranslationError(f"apertium {what} failed (exit {process.returncode}): {detail}")
    return stdout


def _feed(process: subprocess.Popen[bytes], data: bytes) -> None:
    try:
        process.stdin.write(data)
    except (BrokenPipeError, OSError):
        pass
    finally:
        try:
            process.stdin.close()
        except OSError:
            pass


def _drain(process: subprocess.Popen[bytes], errors: list[bytes], index: int) -> None:
    errors[index] = process.stderr.read()


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Kill the process group we started and reap every process."""
    if not processes:
        return
    try:
        os.killpg(processes[0].pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        for process in processes:
            process.kill()
    for process in processes:
        process.wait()


def _first_line(data: bytes) -> str:
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
