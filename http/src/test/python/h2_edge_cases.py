"""Protocol edge cases for an HTTP/2 server, by RFC 9113: H2EdgeCaseTest runs them against Patina
and against nghttpd (the reference server) and compares the answers.

Usage: h2_edge_cases.py HOST PORT [CASE ...]
Each case opens its own connection, sends the client preface and SETTINGS, then its frames, and
prints one line "case: observation", where the observation is the first telling frame the server
sends back: "GOAWAY <error>", "RST <stream> <error>", "PING_ACK <ok|bad payload>",
"SETTINGS_ACK", "RESPONSE <status>", or "CLOSED" / "TIMEOUT" when nothing telling came.
Frames are built by hand where they must be malformed; hpack (from python3-h2) encodes headers and
hyperframe parses what the server sends.
"""
import socket
import struct
import sys
import time

import hpack
from hyperframe.frame import (
    DataFrame, Frame, GoAwayFrame, HeadersFrame, PingFrame, RstStreamFrame, SettingsFrame,
)

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
ERRORS = [
    "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
    "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
    "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
]
DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE, CONT = range(10)
END_STREAM, ACK, END_HEADERS = 0x1, 0x1, 0x4


def frame(ftype, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([ftype, flags]) + struct.pack(">I", stream) + payload


def error_name(code):
    return ERRORS[code] if code < len(ERRORS) else hex(code)


class Client:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=5)
        self.buf = b""
        self.encoder = hpack.Encoder()
        self.decoder = hpack.Decoder()
        self.send(PREFACE + frame(SETTINGS, 0, 0))

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            pass  # the server may close first; what it said is read next

    def headers(self, stream, path="/", method="GET", end_stream=True, extra=()):
        block = self.encoder.encode(
            [(":method", method), (":scheme", "http"), (":path", path), (":authority", "test")]
            + list(extra))
        flags = END_HEADERS | (END_STREAM if end_stream else 0)
        return frame(HEADERS, flags, stream, block)

    def frames(self, deadline):
        """Yields parsed frames until the connection ends or the deadline passes."""
        while time.time() < deadline:
            while len(self.buf) >= 9:
                f, length = Frame.parse_frame_header(memoryview(self.buf[:9]))
                if len(self.buf) < 9 + length:
                    break
                f.parse_body(memoryview(self.buf[9:9 + length]))
                self.buf = self.buf[9 + length:]
                yield f
            self.sock.settimeout(max(0.01, deadline - time.time()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return
            except OSError:
                chunk = b""
            if not chunk:
                yield None
                return
            self.buf += chunk

    def observe(self, want_settings_ack=False, want_ping=None, want_response=False, seconds=3):
        for f in self.frames(time.time() + seconds):
            if f is None:
                return "CLOSED"
            if isinstance(f, GoAwayFrame):
                return "GOAWAY " + error_name(f.error_code)
            if isinstance(f, RstStreamFrame):
                return "RST %d %s" % (f.stream_id, error_name(f.error_code))
            if want_settings_ack and isinstance(f, SettingsFrame) and "ACK" in f.flags:
                return "SETTINGS_ACK"
            if want_ping is not None and isinstance(f, PingFrame) and "ACK" in f.flags:
                return "PING_ACK " + ("ok" if f.opaque_data == want_ping else "bad payload")
            if isinstance(f, HeadersFrame):
                fields = dict(self.decoder.decode(f.data))
                if want_response:
                    return "RESPONSE " + fields.get(":status", "?")
        return "TIMEOUT"


def case_settings_ack(c):
    return c.observe(want_settings_ack=True)


def case_ping(c):
    c.send(frame(PING, 0, 0, b"patina!!"))
    return c.observe(want_ping=b"patina!!")


def case_unknown_frame_ignored(c):
    c.send(frame(0xfa, 0x3, 0, b"whatever") + frame(PING, 0, 0, b"still ok"))
    return c.observe(want_ping=b"still ok")


def case_frame_too_large(c):
    c.send(frame(HEADERS, END_HEADERS | END_STREAM, 1, b"\x82" * 16385))
    return c.observe()


def case_data_on_stream_0(c):
    c.send(frame(DATA, 0, 0, b"hello"))
    return c.observe()


def case_data_on_idle_stream(c):
    c.send(frame(DATA, 0, 1, b"hello"))
    return c.observe()


def case_connection_window_overflow(c):
    c.send(frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", 0x7fffffff)))
    return c.observe()


def case_stream_window_overflow(c):
    c.send(c.headers(1, method="POST", end_stream=False)
           + frame(WINDOW_UPDATE, 0, 1, struct.pack(">I", 0x7fffffff)))
    return c.observe()


def case_window_update_zero(c):
    c.send(frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", 0)))
    return c.observe()


def case_headers_on_closed_stream(c):
    c.send(c.headers(1))
    # read the whole response first, so that the stream is closed on both sides
    for f in c.frames(time.time() + 3):
        if f is None or (f.stream_id == 1 and "END_STREAM" in f.flags):
            break
    c.send(c.headers(1))
    return c.observe()


def case_even_stream_id(c):
    c.send(c.headers(2))
    return c.observe()


def case_too_many_streams(c):
    # 101 requests whose bodies never come: the 101st goes over a limit of 100
    c.send(b"".join(c.headers(2 * i + 1, method="POST", end_stream=False) for i in range(101)))
    return c.observe()


def case_bad_hpack(c):
    c.send(frame(HEADERS, END_HEADERS | END_STREAM, 1, b"\x80"))  # index 0
    return c.observe()


def case_uppercase_header(c):
    c.send(c.headers(1, extra=[("X-Upper", "1")]))
    return c.observe()


def case_connection_header(c):
    c.send(c.headers(1, extra=[("connection", "keep-alive")]))
    return c.observe()


def case_ping_bad_length(c):
    c.send(frame(PING, 0, 0, b"1234567"))
    return c.observe()


def case_settings_bad_push(c):
    c.send(frame(SETTINGS, 0, 0, struct.pack(">HI", 2, 2)))
    return c.observe()


def case_settings_bad_window(c):
    c.send(frame(SETTINGS, 0, 0, struct.pack(">HI", 4, 0x80000000)))
    return c.observe()


def case_settings_on_stream(c):
    c.send(frame(SETTINGS, 0, 1))
    return c.observe()


def case_continuation_without_headers(c):
    c.send(frame(CONT, END_HEADERS, 1, b"\x82"))
    return c.observe()


def case_headers_interrupted(c):
    block = c.encoder.encode([(":method", "GET"), (":scheme", "http"), (":path", "/")])
    c.send(frame(HEADERS, END_STREAM, 1, block) + frame(PING, 0, 0, b"12345678"))
    return c.observe()


def case_padding_too_long(c):
    c.send(c.headers(1, method="POST", end_stream=False)
           + frame(DATA, 0x8, 1, bytes([10]) + b"abc"))
    return c.observe()


def case_rst_on_idle_stream(c):
    c.send(frame(RST_STREAM, 0, 1, struct.pack(">I", 8)))
    return c.observe()


def case_push_promise_from_client(c):
    c.send(frame(PUSH_PROMISE, END_HEADERS, 1, struct.pack(">I", 2) + b"\x82"))
    return c.observe()


def case_continuation_flood(c):
    # a header block that never ends: the server must stop it, not buffer without end
    block = c.encoder.encode([(":method", "GET"), (":scheme", "http"), (":path", "/")])
    flood = frame(HEADERS, 0, 1, block) + frame(CONT, 0, 1, b"") * 5000
    c.send(flood + b"".join(frame(CONT, 0, 1, b"\x40\x01a\x01b") for _ in range(5000)))
    return c.observe(seconds=5)


def case_rapid_reset(c):
    # HEADERS then RST_STREAM at once, over and over (CVE-2023-44487): the server must cut it off
    burst = b"".join(
        c.headers(2 * i + 1) + frame(RST_STREAM, 0, 2 * i + 1, struct.pack(">I", 8))
        for i in range(1000))
    c.send(burst)
    for f in c.frames(time.time() + 5):
        if f is None:
            return "CLOSED"
        if isinstance(f, GoAwayFrame):
            return "GOAWAY " + error_name(f.error_code)
    return "TIMEOUT"


def case_pings_during_a_large_response(c):
    # open windows wide, ask for 4 MB, then send 60,000 PINGs (1 MB) before reading anything:
    # the ACKs must still come, in among the DATA. (Loopback socket buffers absorb 1 MB, so this
    # does not show that the reader never blocks on a write; the writer thread's design does.)
    c.send(frame(SETTINGS, 0, 0, struct.pack(">HI", 4, 0x7fffffff))
           + frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", 0x7fffffff - 65535))
           + c.headers(1, path="/big?n=4000000"))
    time.sleep(0.2)
    c.sock.settimeout(10)
    try:
        c.sock.sendall(frame(PING, 0, 0, b"no-read!") * 60000)
    except socket.timeout:
        return "SEND BLOCKED"
    return c.observe(want_ping=b"no-read!")


def case_self_dependent_headers(c):
    # HEADERS with PRIORITY depending on itself: a stream error; the block is still decoded, so a
    # next request that uses the dynamic table entry it added is answered
    block = c.encoder.encode([(":method", "GET"), (":scheme", "http"), (":path", "/hello"),
                              (":authority", "test"), ("x-added", "to the table")])
    c.send(frame(HEADERS, END_HEADERS | END_STREAM | 0x20, 1, struct.pack(">IB", 1, 15) + block))
    first = c.observe()
    c.send(c.headers(3, path="/hello", extra=[("x-added", "to the table")]))
    return first + ", then " + c.observe(want_response=True)


def case_get(c):
    c.send(c.headers(1, path="/hello"))
    return c.observe(want_response=True)


def case_content_length_mismatch(c):
    c.send(c.headers(1, method="POST", end_stream=False, extra=[("content-length", "10")])
           + frame(DATA, END_STREAM, 1, b"12345"))
    return c.observe()


def case_data_after_end_stream(c):
    # /slow keeps the stream half-closed (remote) for a while: DATA there is a stream error
    c.send(c.headers(1, path="/slow") + frame(DATA, 0, 1, b"late"))
    return c.observe()


def case_header_list_too_large(c):
    # 70 KB of fields, in HEADERS plus CONTINUATION frames: over the server's header list limit
    block = c.encoder.encode([(":method", "GET"), (":scheme", "http"), (":path", "/hello"),
                              (":authority", "test"), ("x-big", "b" * 70000)],
                             huffman=False)  # Python's Huffman coder takes seconds on 70 KB
    frames = frame(HEADERS, END_STREAM, 1, block[:16384])
    for off in range(16384, len(block), 16384):
        last = off + 16384 >= len(block)
        frames += frame(CONT, END_HEADERS if last else 0, 1, block[off:off + 16384])
    c.send(frames)
    return c.observe(want_response=True)


def case_backpressure(c):
    # a 1000-byte stream window: the server sends exactly that much of a 5000-byte body and waits
    # for WINDOW_UPDATE before sending the rest
    c.send(frame(SETTINGS, 0, 0, struct.pack(">HI", 4, 1000)) + c.headers(1, path="/big?n=5000"))
    got = 0
    for f in c.frames(time.time() + 0.5):
        if f is None:
            return "CLOSED"
        if isinstance(f, DataFrame) and f.stream_id == 1:
            got += len(f.data)
    first = got
    c.send(frame(WINDOW_UPDATE, 0, 1, struct.pack(">I", 4000)))
    for f in c.frames(time.time() + 3):
        if f is None:
            break
        if isinstance(f, DataFrame) and f.stream_id == 1:
            got += len(f.data)
            if "END_STREAM" in f.flags:
                break
    return "DATA %d then %d" % (first, got)


CASES = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    for name in sys.argv[3:] or CASES:
        try:
            c = Client(host, port)
            result = CASES[name](c)
            c.sock.close()
        except Exception as ex:  # reported, and the test fails on it
            result = "EXCEPTION " + repr(ex)
        print("%s: %s" % (name, result), flush=True)


if __name__ == "__main__":
    main()
