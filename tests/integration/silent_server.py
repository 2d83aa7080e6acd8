#!/usr/bin/env python3
"""silent_server.py PORT_FILE: listens on 127.0.0.1 (a free port, written to
PORT_FILE), accepts every connection and never answers, for a minute: a host
that stalls, for the timeout tests."""
import socket
import sys
import time

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1], "w") as f:
    f.write(str(s.getsockname()[1]))
held = []
end = time.time() + 60
s.settimeout(1)
while time.time() < end:
    try:
        held.append(s.accept()[0])
    except OSError:
        pass
