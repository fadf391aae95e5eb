#!/usr/bin/python3
"""A Hyperware extension in Python, written the way the public examples write one: one WebSocket client
(websockets), one receive loop, MessagePack (msgpack) in and out. It serves the same built-in diagnostics as
hyperware-ext, with the same reply bytes:

    "Ping"        -> {"Ok": "Pong"}
    {"Echo": x}   -> {"Ok": x}

It is the reference peer of the side-by-side benchmark (bench/run), not a product. Run it with Debian's
python3-websockets (10.4) and python3-msgpack (1.0.3):

    /usr/bin/python3 bench/reference/extension.py ws://127.0.0.1:8080/myext:mypkg:publisher.os
"""
import asyncio
import sys

import msgpack
import websockets

VARIANT = "WebSocketExtPushData"
TYPE_FIELDS = ("hyperware_message_type", "kinode_message_type")
# The node reads frames of at most 16 MiB and messages of at most 64 MiB (PROTOCOL.md section 2).
MAX_FRAME = 16 * 1024 * 1024
MAX_MESSAGE = 64 * 1024 * 1024


def handle(blob):
    """The reply blob for a request blob: a Result<T, String> as rmp_serde writes it."""
    try:
        request = msgpack.unpackb(blob)
    except Exception as e:  # noqa: BLE001 - any undecodable blob gets an Err, as in hyperware-ext
        return msgpack.packb({"Err": "cannot decode request: " + str(e)})
    if request == "Ping":
        return msgpack.packb({"Ok": "Pong"})
    if isinstance(request, dict) and len(request) == 1 and "Echo" in request:
        return msgpack.packb({"Ok": request["Echo"]})
    return msgpack.packb({"Err": "no handler for variant " + str(request)[:80]})


def reply_frame(frame, blob):
    """The reply frame: same id, same message type, the type field named and laid out as the request's."""
    fields = frame[VARIANT]
    ints = list(blob)  # Vec<u8> is an array of ints under serde, not bin
    if isinstance(fields, list):  # positional, as rmp_serde::to_vec writes it
        return msgpack.packb({VARIANT: [fields[0], fields[1], ints]})
    type_field = next(name for name in TYPE_FIELDS if name in fields)
    return msgpack.packb({VARIANT: {"id": fields["id"], type_field: fields[type_field], "blob": ints}})


async def serve(url):
    # compression=None: a node's WebSocket server does not negotiate permessage-deflate.
    async with websockets.connect(url, max_size=MAX_MESSAGE, compression=None) as ws:
        async for message in ws:
            frame = msgpack.unpackb(message)
            fields = frame[VARIANT]
            blob = bytes(fields[2] if isinstance(fields, list) else fields["blob"])
            out = reply_frame(frame, handle(blob))
            if len(out) > MAX_FRAME:  # a larger frame is refused by the node: send continuation frames
                view = memoryview(out)
                await ws.send([view[i:i + MAX_FRAME] for i in range(0, len(out), MAX_FRAME)])
            else:
                await ws.send(out)


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1]))
