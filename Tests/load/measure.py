"""One wrk run against a running server, with what else the machine was doing meanwhile.

Prints requests/s, p50 and p99 (wrk, end to end), the server's CPU time, its own p99 for the
route (from its /metrics histogram) and the share of the machine's CPU that other processes
took. With --gate it decides pass or fail:

  - the acceptance figures: >= 2,000 requests/s and p99 < 100 ms end to end;
  - when they are missed while other processes took >= 25 % of the machine (a CI machine shared
    with builds), the same figures normalised to the CPU the server got: >= 2,000 requests per
    second of server CPU time (what one free core would serve) and p99 < 100 ms measured inside
    the server (its /metrics histogram: from routing to the response, so without the time a
    request waits for a thread, which is what a busy neighbour lengthens). A slower server fails
    both; a busy neighbour only the first. On a quiet machine only the first counts.

usage: measure.py LABEL PORT SERVER_PID PATHS DURATION CONNECTIONS OUT [--gate]
"""
import os
import re
import subprocess
import sys
import urllib.request

label, port, pid, paths, duration, connections, out = sys.argv[1:8]
gate = "--gate" in sys.argv
tick = os.sysconf("SC_CLK_TCK")
cores = os.cpu_count()


def machine_busy():
    """CPU time (s) all processes used, from /proc/stat."""
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = f[3] + f[4]
    return (sum(f[:8]) - idle) / tick


def process_cpu(p):
    try:
        f = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / tick
    except OSError:
        return 0.0


def histogram(route):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read().decode()
    buckets = {}
    for m in re.finditer(r'sitrep_http_request_duration_seconds_bucket\{([^}]*)\} (\d+)', text):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if labels.get("route") == route:
            buckets[labels["le"]] = int(m.group(2))
    return buckets


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


before = (machine_busy(), process_cpu(pid), histogram("/api/events"))
wrk = subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency", "-s", "Tests/load/paths.lua",
                        f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True,
                       env=dict(os.environ, SITREP_LOAD_PATHS=paths))
text, _ = wrk.communicate()
after = (machine_busy(), process_cpu(pid), histogram("/api/events"))
wrk_cpu = os.times().children_user + os.times().children_system
open(out, "w").write(text)

rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups())
p99 = ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups())
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
requests = int(re.search(r"(\d+) requests in", text).group(1))
seconds = float(re.search(r"requests in ([\d.]+)s", text).group(1))
server_cpu = after[1] - before[1]
others = max(0.0, (after[0] - before[0]) - server_cpu - wrk_cpu) / (seconds * cores)
inside = {le: after[2].get(le, 0) - before[2].get(le, 0) for le in after[2]}
within_100 = inside.get("0.1", 0) / max(1, inside.get("+Inf", 0))
per_cpu = requests / max(server_cpu, 1e-9)
print(f"load ({label}): {rps:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
      + (f", {errors.group(1)} errors" if errors else "")
      + f"; server CPU {server_cpu:.1f} s ({per_cpu:,.0f} requests per CPU second), {within_100 * 100:.2f} % answered"
      + f" inside the server within 100 ms; other processes took {others * 100:.0f} % of the {cores} cores")
if gate:
    absolute = rps >= 2000 and p99 < 100 and not errors
    normalised = per_cpu >= 2000 and within_100 >= 0.99 and not errors
    if absolute:
        print("pass: >= 2,000 requests/s and p99 < 100 ms")
    elif others >= 0.25 and normalised:
        print("pass (CPU-normalised: the machine was busy with other work): >= 2,000 requests per server CPU second, "
              "99 % within 100 ms inside the server")
    else:
        print("FAIL: below 2,000 requests/s or p99 >= 100 ms" + ("" if others >= 0.25 else " on a machine that was not busy"))
        sys.exit(1)
