"""An HTTP/2 server (python3-h2) that misbehaves on purpose, for the Java HTTP/2 client's edge
cases (H2ClientEdgeCaseTest). One mode per process, one thread per connection.

Usage: h2_client_peer.py PORT MODE
Modes:
  reset       /reset/... is answered with RST_STREAM(INTERNAL_ERROR); /bighead with a 40,000
              byte x-big field (HEADERS + CONTINUATION) and "ok <length of the request's x-big>";
              other paths get 200 "ok <path>".
  goaway      the first connection waits until it holds two requests, then sends
              GOAWAY(last_stream_id=1), answers stream 1 and closes; later connections answer
              normally (so a refused request can be retried).
  window      SETTINGS_INITIAL_WINDOW_SIZE=100 and a connection window reopened 1000 bytes at a
              time; a POST is answered "<sha256 hex> <length> maxframe=<largest DATA>"; a client
              that sends beyond a window makes h2 fail the connection.
  malformed   /upper gets a response with the field name "X-Upper" (uppercase, RFC 9113 §8.2.1
              forbids it); /status gets ":status: abc"; other paths get 200 "ok <path>".
  maxstreams  SETTINGS_MAX_CONCURRENT_STREAMS=1, each answer 150 ms late; the body says
              "concurrent=<most streams open at once on this connection>".
  flood       /flood answers 5 MiB (bytes i % 251), sending as fast as the client's windows
              allow; /sent answers how many bytes of /flood went out so far on this connection.
  silent      SETTINGS, then nothing more: reads and drops what the client sends (a server
              that hangs without closing).
Prints "listening" once bound; stops when stdin closes.
"""
import hashlib
import socket
import struct
import sys
import threading
import time

import h2.config
import h2.connection
import h2.errors
import h2.events
import h2.exceptions
import h2.settings

MODE = sys.argv[2]
first_connection = threading.Lock()  # held by the goaway mode's first connection


def handle(sock):
    first = MODE == "goaway" and first_connection.acquire(blocking=False)
    try:
        run(sock, first)
    finally:
        try:
            sock.close()
        except OSError:
            pass


def run(sock, first):
    config = h2.config.H2Configuration(
        client_side=False, validate_outbound_headers=False, normalize_outbound_headers=False)
    conn = h2.connection.H2Connection(config=config)
    settings = {}
    if MODE == "window":
        settings[h2.settings.SettingCodes.INITIAL_WINDOW_SIZE] = 100
    if MODE == "maxstreams":
        settings[h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS] = 1
    conn.local_settings = h2.settings.Settings(client=False, initial_values=settings)
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    sock.settimeout(0.01)
    if MODE == "silent":
        sock.settimeout(None)
        while sock.recv(65536):
            pass
        return
    bodies, paths, headers, done = {}, {}, {}, set()
    flood = {}  # stream -> bytes of /flood still to send
    flood_sent = 0
    maxframe = 0
    due = []
    held = []
    open_now, most = 0, 0
    close_at = None
    window_debt = 0  # window mode: bytes received on the connection not yet granted back

    def answer(stream, status, body, extra=()):
        conn.send_headers(stream, [(":status", str(status)), ("content-length", str(len(body)))]
                          + list(extra))
        conn.send_data(stream, body, end_stream=True)

    def request_complete(stream):
        nonlocal open_now, close_at, flood_sent
        if stream in done:
            return
        done.add(stream)
        path = paths[stream]
        body = bytes(bodies[stream])
        if MODE == "reset" and path.startswith("/reset"):
            conn.reset_stream(stream, h2.errors.ErrorCodes.INTERNAL_ERROR)
        elif MODE == "window" and body:
            answer(stream, 200, ("%s %d maxframe=%d" % (
                hashlib.sha256(body).hexdigest(), len(body), maxframe)).encode())
        elif MODE == "malformed" and path == "/upper":
            answer(stream, 200, b"bad", [("X-Upper", "1")])
        elif MODE == "malformed" and path == "/status":
            conn.send_headers(stream, [(":status", "abc")], end_stream=True)
        elif MODE == "reset" and path == "/bighead":
            answer(stream, 200, ("ok %d" % len(headers[stream].get("x-big", ""))).encode(),
                   [("x-big", "b" * 40000)])
        elif MODE == "flood" and path == "/flood":
            conn.send_headers(stream, [(":status", "200")])
            flood[stream] = bytes(i % 251 for i in range(5 << 20))
            return
        elif MODE == "flood" and path == "/sent":
            answer(stream, 200, str(flood_sent).encode())
        elif MODE == "maxstreams":
            due.append((time.monotonic() + 0.15, stream))
            return
        elif MODE == "goaway" and first:
            held.append(stream)
            if len(held) == 2:
                # GOAWAY written by hand, so that h2 still lets stream 1 be answered after it
                goaway = struct.pack(">I", 8)[1:] + bytes([7, 0]) + struct.pack(">III", 0, 1, 0)
                sock.sendall(conn.data_to_send() + goaway)
                answer(1, 200, b"ok first")
                close_at = time.monotonic() + 0.5
            return
        else:
            answer(stream, 200, ("ok " + path).encode())
        open_now -= 1

    while True:
        try:
            data = sock.recv(65536)
            if not data:
                return
        except socket.timeout:
            data = b""
        except OSError:
            return
        try:
            events = conn.receive_data(data) if data else []
        except h2.exceptions.ProtocolError as e:
            print("protocol error from client: " + repr(e), flush=True)
            try:
                sock.sendall(conn.data_to_send())
            except OSError:
                pass
            return
        for ev in events:
            if isinstance(ev, h2.events.RequestReceived):
                h = dict((k.decode() if isinstance(k, bytes) else k,
                          v.decode() if isinstance(v, bytes) else v) for k, v in ev.headers)
                paths[ev.stream_id] = h[":path"]
                headers[ev.stream_id] = h
                bodies[ev.stream_id] = bytearray()
                open_now += 1
                most = max(most, open_now)
            elif isinstance(ev, h2.events.DataReceived):
                bodies[ev.stream_id] += ev.data
                maxframe = max(maxframe, ev.flow_controlled_length)
                if MODE == "window" and ev.flow_controlled_length:
                    # the stream's window reopens at once, the connection's 1000 bytes at a time
                    if ev.stream_ended is None:
                        conn.increment_flow_control_window(ev.flow_controlled_length, ev.stream_id)
                    window_debt += ev.flow_controlled_length
                    while window_debt >= 1000:
                        conn.increment_flow_control_window(1000)
                        window_debt -= 1000
                elif ev.flow_controlled_length:
                    conn.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
            elif isinstance(ev, h2.events.StreamEnded):
                if ev.stream_id in paths:
                    request_complete(ev.stream_id)
            elif isinstance(ev, h2.events.StreamReset):
                done.add(ev.stream_id)
            elif isinstance(ev, h2.events.ConnectionTerminated):
                return
        for stream in list(flood):
            rest = flood[stream]
            room = min(conn.local_flow_control_window(stream), conn.max_outbound_frame_size)
            while rest and room > 0:
                conn.send_data(stream, rest[:room], end_stream=len(rest) <= room)
                flood_sent += min(room, len(rest))
                rest = rest[room:]
                room = min(conn.local_flow_control_window(stream), conn.max_outbound_frame_size)
            flood[stream] = rest
            if not rest:
                del flood[stream]
        now = time.monotonic()
        for item in [d for d in due if d[0] <= now]:
            due.remove(item)
            try:
                answer(item[1], 200, ("concurrent=%d" % most).encode())
            except h2.exceptions.StreamClosedError:
                pass
            open_now -= 1
        out = conn.data_to_send()
        if out:
            try:
                sock.sendall(out)
            except OSError:
                return
        if close_at is not None and now >= close_at:
            return


def main():
    port = int(sys.argv[1])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)

    def accept():
        while True:
            try:
                s, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(s,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print("listening", flush=True)
    sys.stdin.read()  # the test closes stdin (or dies) to stop us


main()
