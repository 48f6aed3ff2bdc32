"""Helpers for the tests that start real servers (Voila, JupyterHub): free loopback ports, processes in their
own process group (killed as a group on teardown, even after a failure), bounded waits, log tails; and
``npm_ci`` for the tests whose harness or assets come from npm."""
from __future__ import annotations

import concurrent.futures
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return f"(no log at {path})"


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM when the test process dies, however it dies (even
    SIGKILL, which skips every teardown), so a server never outlives its test. No-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Proc:
    """A server started in its own session (so its whole process tree can be killed), logging to a file."""

    def __init__(self, name: str, cmd: list, log: Path, **kw):
        self.name, self.log = name, Path(log)
        self.fh = open(self.log, "wb")
        self.p = subprocess.Popen([str(c) for c in cmd], stdout=self.fh, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
                                  **kw)

    def alive(self) -> bool:
        return self.p.poll() is None

    def wait_for_log(self, pattern: str, timeout: float) -> re.Match:
        """Wait until the log matches `pattern` (a regex); fail with the log's tail when the process dies
        or the time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.log.read_text(encoding="utf-8", errors="replace"))
            if m:
                return m
            if not self.alive():
                raise AssertionError(f"{self.name} exited with {self.p.returncode} before it was ready:\n"
                                     f"{tail(self.log)}")
            time.sleep(0.2)
        raise AssertionError(f"{self.name} not ready after {timeout:.0f} s (waiting for {pattern!r}):\n"
                             f"{tail(self.log)}")

    def stop(self, grace: float = 10) -> None:
        """SIGTERM the process group, then SIGKILL it and every descendant still alive after `grace` seconds.
        Descendants are found through /proc as well, because Jupyter starts each kernel (and JupyterHub each
        single-user server) in a session of its own, outside the server's process group."""
        tree = descendants(self.p.pid)
        try:
            os.killpg(self.p.pid, signal.SIGTERM)  # start_new_session: the group id is the pid
        except ProcessLookupError:
            pass
        try:
            self.p.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        tree |= descendants(self.p.pid)
        for pid in [self.p.pid, *tree]:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        try:
            self.p.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        self.fh.close()


def descendants(pid: int) -> set[int]:
    """Every live descendant of `pid` (Linux /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").glob("[0-9]*"):
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def http_get(url: str, timeout: float, headers: dict | None = None, watch: Proc | None = None,
             fail_on: str | None = None) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors are returned, not raised. With `watch` and `fail_on` (a regex),
    fail as soon as the watched server's log matches it (e.g. a traceback while the response is streaming,
    which would otherwise leave the request hanging until `timeout`)."""
    def get():
        req = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", errors="replace")

    if watch is None:
        return get()
    pool = concurrent.futures.ThreadPoolExecutor(1)
    fut = pool.submit(get)
    deadline = time.monotonic() + timeout + 5
    try:
        while time.monotonic() < deadline:
            try:
                return fut.result(timeout=0.5)
            except concurrent.futures.TimeoutError:
                pass
            if fail_on and re.search(fail_on, watch.log.read_text(encoding="utf-8", errors="replace")):
                raise AssertionError(f"{watch.name} failed while answering {url}:\n{tail(watch.log)}")
            if not watch.alive():
                raise AssertionError(f"{watch.name} exited while answering {url}:\n{tail(watch.log)}")
        raise AssertionError(f"no answer from {url} within {timeout:.0f} s:\n{tail(watch.log)}")
    finally:
        pool.shutdown(wait=False)


def npm_ci(folder, root) -> str | None:
    """``npm ci`` in ``folder`` (a folder of the repo at ``root``); the reason it failed, else None."""
    import shutil

    rel = os.path.relpath(folder, root)
    npm = shutil.which("npm")
    if not npm:
        return f"npm is not installed (needed for {rel})"
    proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        return f"`npm ci` in {rel} failed: {(proc.stderr or proc.stdout).strip()[-400:]}"
    return None
