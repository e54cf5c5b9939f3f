#!/usr/bin/python3
"""A client that stops sending its body once it has the answer (as curl 7.88 does with -T -).

Usage: h2_unfinished_upload.py PORT PATH. Sends a request with 1000 body bytes and no END_STREAM
to a handler that answers without reading, reads the complete answer, then sends nothing more.
Prints "RST_STREAM <code> after <seconds> s" when the server resets the stream, or "no reset".
"""
import socket
import sys
import time

import h2.config
import h2.connection
import h2.events

port, path = int(sys.argv[1]), sys.argv[2]
sock = socket.create_connection(("127.0.0.1", port))
sock.settimeout(0.1)
conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
conn.initiate_connection()
conn.send_headers(
    1,
    [(":method", "POST"), (":path", path), (":scheme", "http"), (":authority", "127.0.0.1")],
)
conn.send_data(1, b"x" * 1000)
sock.sendall(conn.data_to_send())
answered = None
deadline = time.time() + 10
while time.time() < deadline:
    try:
        data = sock.recv(65536)
    except socket.timeout:
        continue
    if not data:
        break
    for e in conn.receive_data(data):
        if isinstance(e, h2.events.StreamEnded) and e.stream_id == 1:
            answered = time.time()
            print("answered")
        elif isinstance(e, h2.events.StreamReset) and e.stream_id == 1:
            waited = time.time() - answered if answered else -1
            print("RST_STREAM %s after %.1f s" % (e.error_code.name, waited))
            sys.exit(0)
    out = conn.data_to_send()
    if out:
        sock.sendall(out)
print("no reset")
