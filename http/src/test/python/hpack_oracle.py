"""HPACK oracle for HpackOracleTest: Python's hpack package encodes or decodes what Java sent.

One request per line on stdin, one answer per line on stdout (JSON), so that a single process
serves a whole property run. Names and values travel as hex: they are octets, not text.
  {"op": "decode", "blocks": ["<hex>", ...]}           -> [[["<hex name>", "<hex value>"], ...], ...]
  {"op": "encode", "blocks": [[["<hex>", "<hex>"], ...], ...]} -> ["<hex block>", ...]
Each request uses a fresh encoder or decoder, so the blocks of one request share one dynamic table.
Errors are answered as {"error": "<message>"}.
"""
import json
import sys

import hpack


def main():
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["op"] == "decode":
                d = hpack.Decoder()
                out = [
                    [[n.hex(), v.hex()] for n, v in d.decode(bytes.fromhex(b), raw=True)]
                    for b in req["blocks"]
                ]
            else:
                e = hpack.Encoder()
                out = [
                    e.encode([(bytes.fromhex(n), bytes.fromhex(v)) for n, v in block]).hex()
                    for block in req["blocks"]
                ]
        except Exception as ex:  # the Java side reports it as a failed property
            out = {"error": repr(ex)}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
