#!/usr/bin/env python3
"""smtp_sink.py OUTDIR: a real SMTP server (aiosmtpd) on 127.0.0.1, on a port the system picks.
Prints the port on its first line, then saves each message it accepts as OUTDIR/N.eml (the DATA
bytes as received) and OUTDIR/N.json (envelope sender and recipients). It stops when its standard
input closes (the test that started it ended, however it ended) or after 120 s, whichever is first."""
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.part", base + ".eml")
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        return "250 Message accepted"


async def main():
    sink = Sink(sys.argv[1])
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    try:
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), 120)
    except asyncio.TimeoutError:
        pass
    server.close()
    os._exit(0)


asyncio.run(main())
