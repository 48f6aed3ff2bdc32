"""The test run is offline: kernels and this process cannot reach any host but this machine."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import OFFLINE

PROBE = """
import socket
try:
    socket.create_connection(("93.184.216.34", 80), timeout=2)
    print("CONNECTED")
except OSError as exc:
    print(type(exc).__name__, exc)
try:
    socket.getaddrinfo("pypi.org", 443)
    print("RESOLVED")
except OSError as exc:
    print(type(exc).__name__, exc)
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.create_connection(s.getsockname(), timeout=2); print("LOOPBACK OK"); c.close(); s.close()
"""


def test_guard_blocks_remote_hosts_and_allows_loopback_in_child_processes():
    env = {**os.environ, "PYTHONPATH": str(OFFLINE)}
    env.pop("PKRU_ALLOW_NETWORK", None)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "OfflineError network access to 93.184.216.34 blocked" in out
    assert "OfflineError network access to pypi.org blocked" in out
    assert "LOOPBACK OK" in out and "CONNECTED" not in out and "RESOLVED" not in out


def test_kernels_started_by_this_run_inherit_the_guard():
    assert str(OFFLINE) in os.environ["PYTHONPATH"].split(os.pathsep)
