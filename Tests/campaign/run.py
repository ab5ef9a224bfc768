#!/usr/bin/env python3
"""Feeds the campaign's documents (Tests/campaign/generate.py) to `sitrep extract` and reports, per
kind: clear errors, accepted, crashes, hangs (over --hang seconds), excess memory (over --max-mb),
and errors that are not one clean line naming the document. Exit status 1 on any crash, hang,
excess memory or unclear error.

    run.py BIN DIR [--batch 100] [--hang 30] [--max-mb 1024] [--big-bytes 262144]

Documents up to --big-bytes run --batch at a time in one process (a batch that crashes, runs past
--hang or --max-mb is run again one document at a time, so each finding names its document);
larger ones, and every document of the kinds `big` and `gzip-bomb` (listed one by one after the
table), run one to a process, so time and memory are per document."""
import argparse, collections, os, subprocess, sys, tempfile, time

# Kinds whose every document is listed with its time, memory and messages: the 100 MB single line
# and the gzip bombs of issue 14's acceptance.
DETAILED = ("big", "gzip-bomb")

def run_one(bin_path, paths, hang):
    """(status, seconds, peak MB, stderr) of one `sitrep extract` over paths; status is 'ok',
    'crash' or 'hang'."""
    start = time.time()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([bin_path, "extract", "--published", "2021-05-04"] + paths,
                             stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)
        status = "ok"
        deadline = start + hang
        while True:
            pid, code, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                p.kill()
                pid, code, usage = os.wait4(p.pid, 0)
                status = "hang"
                break
            time.sleep(0.02)
        seconds = time.time() - start
        if status == "ok":
            if os.WIFSIGNALED(code) or (os.WIFEXITED(code) and os.WEXITSTATUS(code) not in (0, 1)):
                status = "crash"
        err.seek(0)
        return status, seconds, usage.ru_maxrss / 1024, err.read()

def classify(path, stderr_lines):
    """How `sitrep` answered one document that it finished: 'clear error', 'accepted' (coded, maybe
    cut to the size limit with a warning) or 'unclear error' (not one escaped line naming it)."""
    mine = [l for l in stderr_lines if path.encode() in l]
    for l in mine:
        if not l.startswith(b"sitrep: " + path.encode()) or any(c < 0x20 and c != 0x09 for c in l):
            return "unclear error"
    errors = [l for l in mine if b": cut from " not in l]
    return "clear error" if errors else "accepted"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("dir")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--hang", type=float, default=30)
    ap.add_argument("--max-mb", type=float, default=1024)
    ap.add_argument("--big-bytes", type=int, default=256 << 10)
    a = ap.parse_args()

    docs = collections.defaultdict(list)
    for kind in sorted(os.listdir(a.dir)):
        d = os.path.join(a.dir, kind)
        if os.path.isdir(d):
            docs[kind] = [os.path.join(d, f) for f in sorted(os.listdir(d))]
    results = collections.defaultdict(collections.Counter)
    worst = collections.defaultdict(lambda: (0.0, 0.0))
    findings = []
    stray = []
    details = []  # each document of the kinds in DETAILED: how it went, with its messages

    def record(kind, path, status, seconds, mb, lines):
        if status == "ok" and mb > a.max_mb:
            status = "excess memory"
        if status == "ok":
            status = classify(path, lines)
        results[kind][status] += 1
        t, m = worst[kind]
        worst[kind] = (max(t, seconds), max(m, mb))
        if kind in DETAILED:
            said = b" | ".join(l for l in lines if path.encode() in l).decode("utf-8", "replace")
            details.append((kind, path, os.path.getsize(path), status, seconds, mb, said))
        if status not in ("accepted", "clear error"):
            findings.append((kind, path, status, seconds, mb, b"\n".join(lines[-3:]).decode("utf-8", "replace")))

    started = time.time()
    for kind, paths in docs.items():
        # The kinds shown document by document run one to a process, so each has its own figures.
        alone = lambda p: kind in DETAILED or os.path.getsize(p) > a.big_bytes
        small = [p for p in paths if not alone(p)]
        big = [p for p in paths if alone(p)]
        for i in range(0, len(small), a.batch):
            group = small[i: i + a.batch]
            status, seconds, mb, err = run_one(a.bin, group, a.hang)
            lines = err.splitlines()
            if status == "ok" and mb <= a.max_mb:
                # A line that names no document of the batch is a message nobody can act on.
                stray.extend(l for l in lines if not any(p.encode() in l for p in group) and b"document(s) failed" not in l)
                for p in group:
                    record(kind, p, "ok", seconds, mb, lines)
                continue
            for p in group:  # find the document behind it
                s, sec, m, e = run_one(a.bin, [p], a.hang)
                record(kind, p, s, sec, m, e.splitlines())
        for p in big:
            s, sec, m, e = run_one(a.bin, [p], a.hang)
            record(kind, p, s, sec, m, e.splitlines())

    columns = ["clear error", "accepted", "crash", "hang", "excess memory", "unclear error"]
    print("%-18s %7s %11s %9s %6s %5s %14s %14s %9s %8s" % ("kind", "docs", *[c.replace(" error", " err") for c in columns], "max s", "max MB"))
    total = collections.Counter()
    for kind in docs:
        c = results[kind]
        total.update(c)
        t, m = worst[kind]
        print("%-18s %7d %11d %9d %6d %5d %14d %14d %9.1f %8.0f" % (kind, sum(c.values()), *[c[x] for x in columns], t, m))
    print("%-18s %7d %11d %9d %6d %5d %14d %14d %9.1f %8.0f" % ("all", sum(total.values()), *[total[x] for x in columns],
          max((t for t, _ in worst.values()), default=0), max((m for _, m in worst.values()), default=0)))
    print("%.0f s in all; documents up to %d KB ran %d to a process (max s and MB are per process), larger ones alone"
          % (time.time() - started, a.big_bytes >> 10, a.batch))
    for kind, path, size, status, seconds, mb, said in details:
        print("%s %s (%.1f MB): %s in %.1f s, %.0f MB peak; %s" % (kind, path, size / 1e6, status, seconds, mb, said or "no message"))
    for kind, path, status, seconds, mb, tail in findings[:40]:
        print("FINDING %s %s: %s (%.1f s, %.0f MB) %s" % (kind, path, status, seconds, mb, tail.replace("\n", " | ")[:300]))
    for l in stray[:10]:
        print("STRAY stderr line: %r" % l[:200])
    bad = sum(total[x] for x in columns[2:]) + len(stray)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
