"""The server under abuse, over real sockets (issue 14). Each check prints its figure and fails
(exit 1) when the server does not hold:

  metrics      3,000 requests for made-up paths and methods: /metrics stays under 100 KB
  slowloris    1,000 connections that send a request head a header line at a time, every 2 s:
               all closed by the server's idle timeout, while a normal request is still answered
  slow-body    1,000 connections that send a body a byte a second: closed by the read timeout
  idle-flood   20,000 connections that send nothing (two client processes, each within the
               descriptor limit): the server's open descriptors stay below its connection cap,
               and once they are gone it answers at once

usage: abuse.py PORT SERVER_PID CHECK...   (checks: metrics slowloris slow-body idle-flood)
"""
import asyncio
import http.client
import multiprocessing
import os
import random
import socket
import string
import sys
import time

PORT, PID = int(sys.argv[1]), int(sys.argv[2])
HOST = "127.0.0.1"
failures = []


def check(name, ok, detail):
    print(("ok    " if ok else "FAIL  ") + name + ": " + detail, flush=True)
    if not ok:
        failures.append(name)


def get(path, timeout=10.0):
    c = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


def descriptors():
    return len(os.listdir(f"/proc/{PID}/fd"))


def metrics():
    c = http.client.HTTPConnection(HOST, PORT, timeout=10)
    methods = ["GET", "POST", "DELETE", "TRACE", "PROPFIND"]
    for i in range(3000):
        path = "/api/" + "".join(random.choices(string.ascii_letters + string.digits, k=24))
        if i % 3 == 0:
            path = "/api/events/" + path[5:]
        c.request(methods[i % len(methods)] if i % 7 else "X" + str(i), path)
        c.getresponse().read()
    c.close()
    status, body = get("/metrics")
    check("metrics", status == 200 and len(body) < 100_000,
          f"/metrics is {len(body):,} bytes after 3,000 requests for random paths (limit 100,000)")


async def hold(writer, reader, trickle, every):
    """Sends `trickle` pieces every `every` seconds until the server closes; returns the time."""
    start = time.monotonic()
    try:
        while True:
            try:
                data = await asyncio.wait_for(reader.read(65536), timeout=every)
                if not data:
                    break
            except asyncio.TimeoutError:
                writer.write(trickle)
                await writer.drain()
            if time.monotonic() - start > 120:
                return None
    except (ConnectionError, OSError):
        pass
    return time.monotonic() - start


async def slow(name, head, trickle, every, limit):
    async def one():
        reader, writer = await asyncio.open_connection(HOST, PORT)
        writer.write(head)
        await writer.drain()
        t = await hold(writer, reader, trickle, every)
        writer.close()
        return t

    tasks = [asyncio.create_task(one()) for _ in range(1000)]
    await asyncio.sleep(2)
    start = time.monotonic()
    status, _ = await asyncio.to_thread(get, "/healthz")
    answered = time.monotonic() - start
    times = await asyncio.gather(*tasks, return_exceptions=True)
    closed = [t for t in times if isinstance(t, float)]
    errors = [t for t in times if isinstance(t, BaseException)]
    check(name, len(closed) == 1000 and max(closed) <= limit and status == 200,
          f"{len(closed)} of 1,000 closed by the server after {min(closed, default=0):.1f}–{max(closed, default=0):.1f} s "
          f"(limit {limit:.0f} s){'; ' + str(len(errors)) + ' failed to connect: ' + repr(errors[0]) if errors else ''}; "
          f"a normal request meanwhile: {status} in {answered * 1000:.0f} ms")


def slowloris():
    head = b"GET /api/events HTTP/1.1\r\nHost: localhost\r\n"
    asyncio.run(slow("slowloris", head, b"X-Slow: 1\r\n", 2.0, 15))


def slow_body():
    head = b"POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"
    asyncio.run(slow("slow-body", head, b"a", 1.0, 15))


def flood(n, seconds, out):
    """Starts n connections without waiting for them (past the cap they wait in the kernel's
    backlog or are dropped), holds them `seconds`, reports how many the kernel connected."""
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex((HOST, PORT))
        socks.append(s)
    time.sleep(seconds)
    connected = 0
    for s in socks:
        try:
            s.getpeername()
            connected += 1
        except OSError:
            pass
        s.close()
    out.put(connected)


def idle_flood():
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=flood, args=(10_000, 12, out)) for _ in range(2)]
    for p in procs:
        p.start()
    peak = 0
    while any(p.is_alive() for p in procs):
        peak = max(peak, descriptors())
        time.sleep(0.2)
    opened = out.get() + out.get()
    start = time.monotonic()
    try:
        status, _ = get("/healthz", timeout=30)
    except OSError as e:
        status = repr(e)
    answered = time.monotonic() - start
    alive = os.path.exists(f"/proc/{PID}")
    check("idle-flood", alive and status == 200 and peak < 4096 + 128,
          f"20,000 idle connections for 12 s, {opened:,} connected; server descriptors peaked at {peak:,} "
          f"(cap 4,096 connections); afterwards /healthz {status} in {answered * 1000:.0f} ms")


for name in sys.argv[3:]:
    {"metrics": metrics, "slowloris": slowloris, "slow-body": slow_body, "idle-flood": idle_flood}[name]()
sys.exit(1 if failures else 0)
