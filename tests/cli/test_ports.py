"""The reader's port, reserved before any work: busy is one clear error, and connections
accepted on it have Nagle off (else each keep-alive answer waits for a delayed ACK)."""

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from babelwire.cli.ports import reserve_port
from babelwire.errors import PortInUse


def test_a_busy_port_is_one_clear_error():
    with reserve_port("127.0.0.1", 0, "the reader", "--port") as held:
        port = held.getsockname()[1]
        with pytest.raises(PortInUse, match=f"port {port} on 127.0.0.1 is busy .*--port"):
            reserve_port("127.0.0.1", port, "the reader", "--port")


def test_connections_on_the_reserved_port_have_nagle_off():
    async def accepted_nodelay(listener: socket.socket) -> int:
        seen = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            sock = writer.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        return value

    with reserve_port("127.0.0.1", 0, "the reader", "--port") as listener:
        # a thread of its own: a browser test may leave an event loop running in this one
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(lambda: asyncio.run(accepted_nodelay(listener))).result() != 0
