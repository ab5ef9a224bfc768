#!/usr/bin/env python3
"""Linear time in document size, whatever the layout: codes each layout at SIZE and 4 x SIZE bytes
(size limit lifted) and fails when the CPU time grows more than --max-ratio times (4 is linear; the
start-up cost, measured on an empty-ish document, is taken off both).

    scaling.py BIN [--size 262144] [--max-ratio 7]"""
import argparse, os, subprocess, sys, tempfile

LAYOUTS = {
    "paragraph": "Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said. ",
    "lines": "Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said.\n",
    "no-spaces": "x",
    "one-word": "killed ",
    "capitalised-word": "Kidal ",
    "names-in-parentheses": "Kidal (Kidal) ",
    "name-in-name": "Kidal in Kidal ",
    "names-after-commas": "Kidal, ",
    "coded-to": "Kidal (coded to Gao) ",
    "one-long-sentence": "two soldiers were killed and ",
    "names-on-lines": "Kidal\n",
    "numbers": "9 ",
    "dates": "On 3 May 2021 ",
    "following-day": "the following day ",
    "number-words": "one hundred and ",
    "capitals": "ABC DEF ",
    "nested-html": "<div>",
    "html-paragraphs": "<p>Gunmen killed two soldiers near Kidal.",
}

def cpu_seconds(bin_path, path):
    p = subprocess.Popen([bin_path, "extract", "--published", "2021-05-04", "--max-document-bytes", str(64 << 20),
                          "--max-seconds-per-document", "0", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) not in (0, 1):
        raise SystemExit("%s crashed on %s" % (bin_path, path))
    return usage.ru_utime + usage.ru_stime

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--size", type=int, default=256 << 10)
    ap.add_argument("--max-ratio", type=float, default=7.0)
    a = ap.parse_args()
    failed = []
    with tempfile.TemporaryDirectory() as d:
        def doc(unit, size):
            body = (unit * (size // len(unit) + 1))[:size]
            if unit.startswith("<"):
                body = "<html><body>" + body
            path = os.path.join(d, "doc.html" if unit.startswith("<") else "doc.txt")
            with open(path, "w") as f:
                f.write(body)
            return path
        startup = min(cpu_seconds(a.bin, doc("Rebels shelled Aleppo. ", 64)) for _ in range(3))
        print("%-22s %9s %9s %7s" % ("layout", "1x s", "4x s", "ratio"))
        for name, unit in LAYOUTS.items():
            small = max(0.01, cpu_seconds(a.bin, doc(unit, a.size)) - startup)
            large = max(0.01, cpu_seconds(a.bin, doc(unit, 4 * a.size)) - startup)
            ratio = large / small
            # Below a tenth of a second the ratio is noise; only a slow large run can fail.
            bad = ratio > a.max_ratio and large > 0.5
            print("%-22s %9.2f %9.2f %7.1f%s" % (name, small, large, ratio, "  SUPERLINEAR" if bad else ""))
            if bad:
                failed.append(name)
    print("start-up %.2f s taken off; sizes %d and %d bytes" % (startup, a.size, 4 * a.size))
    if failed:
        print("superlinear: " + ", ".join(failed))
        sys.exit(1)

if __name__ == "__main__":
    main()
