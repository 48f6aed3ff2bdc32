"""Network guard for the test run: any connection to a host other than this machine raises.

tests/conftest.py puts this folder on PYTHONPATH, so the pytest process *and every notebook kernel it
starts* (nbval uses this interpreter) import it at start-up. Loopback stays open (kernels talk to nbval
over 127.0.0.1). Set PKRU_ALLOW_NETWORK=1 to turn it off."""
import ipaddress
import os
import socket

if os.environ.get("PKRU_ALLOW_NETWORK") != "1":
    class OfflineError(OSError):
        pass

    def _local(host) -> bool:
        if host in (None, "", "localhost", "localhost.localdomain"):
            return True
        try:
            ip = ipaddress.ip_address(str(host).split("%")[0])
        except ValueError:
            return False
        return ip.is_loopback or ip.is_unspecified

    def _check(address):
        if isinstance(address, tuple) and address and not _local(address[0]):
            raise OfflineError(f"network access to {address[0]} blocked: the course must run offline")

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _local(host):
            raise OfflineError(f"network access to {host} blocked (name lookup): the course must run offline")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
