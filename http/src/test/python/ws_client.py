"""A WebSocket client (python3-websockets) for UpgradeTest: connects to the URL in argv[1],
sends each later argument as a text message, prints each echo on its own line, then closes."""
import asyncio
import sys

import websockets


async def main(url, messages):
    async with websockets.connect(url, open_timeout=10, close_timeout=5) as ws:
        for m in messages:
            await ws.send(m)
            print(await asyncio.wait_for(ws.recv(), 10), flush=True)


asyncio.run(main(sys.argv[1], sys.argv[2:]))
