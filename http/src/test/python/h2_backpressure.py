#!/usr/bin/python3
"""Checks that Patina's HTTP/2 server grants request-body window only as the handler reads.

Usage: h2_backpressure.py PORT STREAM_WINDOW. The server (H2StreamingBodyTest) announces
STREAM_WINDOW as its SETTINGS_INITIAL_WINDOW_SIZE and keeps the RFC's 65,535-byte connection
window, and has:
  POST /hold     waits until /release is called, then hashes its body (SHA-256 and length)
  POST /sha256   hashes its body as it arrives
  GET  /release  lets /hold go on
Prints one line per step and exits 1 at the first broken expectation.

1. stream 1: POST /hold, and body bytes until the stream's flow-control window is used up:
   exactly STREAM_WINDOW bytes, more than the connection window, which must therefore be reopened
   meanwhile (DATA was received, buffered for the handler); for a while no WINDOW_UPDATE for
   stream 1 may come (the handler has read nothing);
2. stream 3: POST /sha256 with 200 KB completes on the same connection meanwhile;
3. stream 5: GET /release; now WINDOW_UPDATEs for stream 1 come, the rest of its 300 KB body can
   be sent, and its response carries the right hash.
"""
import hashlib
import random
import socket
import sys
import time

import h2.config
import h2.connection
import h2.events

PORT = int(sys.argv[1])
STREAM_WINDOW = int(sys.argv[2])
sock = socket.create_connection(("127.0.0.1", PORT))
sock.settimeout(0.2)
conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
conn.initiate_connection()
sock.sendall(conn.data_to_send())

stream_windows = {}  # stream id -> total WINDOW_UPDATE increments from the server
responses = {}  # stream id -> [status, body bytes, ended]


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def pump(seconds, until=None):
    """Reads frames for up to `seconds`, or until until() is true."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if until is not None and until():
            return True
        try:
            data = sock.recv(65536)
        except socket.timeout:
            continue
        if not data:
            fail("server closed the connection")
        for e in conn.receive_data(data):
            if isinstance(e, h2.events.WindowUpdated):
                stream_windows[e.stream_id] = stream_windows.get(e.stream_id, 0) + e.delta
            elif isinstance(e, h2.events.ResponseReceived):
                status = dict(e.headers)[b":status"].decode()
                responses.setdefault(e.stream_id, [None, b"", False])[0] = status
            elif isinstance(e, h2.events.DataReceived):
                responses.setdefault(e.stream_id, [None, b"", False])[1] += e.data
                conn.acknowledge_received_data(e.flow_controlled_length, e.stream_id)
            elif isinstance(e, h2.events.StreamEnded):
                responses.setdefault(e.stream_id, [None, b"", False])[2] = True
            elif isinstance(e, (h2.events.StreamReset, h2.events.ConnectionTerminated)):
                fail("server reset or ended: %r" % e)
        out = conn.data_to_send()
        if out:
            sock.sendall(out)
    return until is not None and until()


def send_what_fits(stream_id, body, sent):
    """Sends body[sent:] as far as the flow-control windows allow; returns the new offset."""
    while sent < len(body):
        room = min(conn.local_flow_control_window(stream_id), conn.max_outbound_frame_size)
        if room <= 0:
            break
        chunk = body[sent : sent + room]
        sent += len(chunk)
        conn.send_data(stream_id, chunk, end_stream=sent == len(body))
    sock.sendall(conn.data_to_send())
    return sent


def request(stream_id, method, path, end_stream):
    conn.send_headers(
        stream_id,
        [(":method", method), (":path", path), (":scheme", "http"), (":authority", "127.0.0.1")],
        end_stream=end_stream,
    )
    sock.sendall(conn.data_to_send())


def expected(body):
    return "%s %d\n" % (hashlib.sha256(body).hexdigest(), len(body))


pump(0.3)  # the server's SETTINGS
rng = random.Random(7)
held = bytes(rng.getrandbits(8) for _ in range(300_000))
request(1, "POST", "/hold", False)
sent = 0
for _ in range(50):  # send, let the connection window reopen, send again, until nothing moves
    before = sent
    sent = send_what_fits(1, held, sent)
    pump(0.2)
    if sent == before:
        break
print("stream 1: %d bytes sent before its window ran out" % sent)
if sent != STREAM_WINDOW:
    fail("stream 1 sent %d bytes, not the announced window of %d" % (sent, STREAM_WINDOW))
pump(1.0)
if stream_windows.get(1, 0) != 0:
    fail("WINDOW_UPDATE for stream 1 although its handler read nothing: %d" % stream_windows[1])
if stream_windows.get(0, 0) <= 0:
    fail("the connection window was not reopened for the buffered DATA")
print("no WINDOW_UPDATE for stream 1 while its handler reads nothing; connection window +%d"
      % stream_windows[0])

other = bytes(rng.getrandbits(8) for _ in range(200_000))
request(3, "POST", "/sha256", False)


def upload(stream_id, body, sent, seconds):
    """Sends the rest of body as windows open, until the stream's response has ended."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        sent = send_what_fits(stream_id, body, sent)
        if pump(0.05, lambda: responses.get(stream_id, [None, b"", False])[2]):
            return sent
    fail("stream %d did not complete (%d of %d bytes sent)" % (stream_id, sent, len(body)))


upload(3, other, 0, 20)
status, body3, _ = responses[3]
if status != "200" or body3.decode() != expected(other):
    fail("stream 3 answered %s %r" % (status, body3))
if stream_windows.get(1, 0) != 0:
    fail("WINDOW_UPDATE for stream 1 while stream 3 ran: %d" % stream_windows[1])
if 1 in responses:
    fail("stream 1 answered before its handler was released")
print("stream 3: 200 KB uploaded and hashed while stream 1 stays blocked")

request(5, "GET", "/release", True)
pump(10, lambda: responses.get(5, [None, b"", False])[2] and stream_windows.get(1, 0) > 0)
if responses.get(5, [None])[0] != "200":
    fail("GET /release not answered")
if stream_windows.get(1, 0) <= 0:
    fail("no WINDOW_UPDATE for stream 1 after its handler began reading")
print("stream 1: WINDOW_UPDATE +%d once its handler read" % stream_windows[1])
upload(1, held, sent, 20)
status, body1, _ = responses[1]
if status != "200" or body1.decode() != expected(held):
    fail("stream 1 answered %s %r" % (status, body1))
print("stream 1: 300 KB hashed; window granted in total %d" % stream_windows[1])
print("OK")
