#!/usr/bin/env python3
"""Writes malformed documents for the robustness campaign (Tests/campaign/run.py feeds them to
`sitrep extract`): KIND/NNNNN.EXT under OUTDIR, at least --count in all, spread over every kind.

    generate.py OUTDIR [--count 10000] [--seed 14] [--big]

--big adds the two large reproducers of issue 14: a 100 MB single line of news text and a 5 MB gzip
file that expands to 5.5 GB (slow to write: about a minute)."""
import argparse, gzip, io, json, os, random, zlib

NEWS = ("Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said. "
        "Government forces shelled Douma (Rural Damascus) on 18 December 2015, killing at least 45 civilians. "
        "More than 150 regime troops were killed in clashes with rebels in Idlib province, the Observatory said. ")
WORDS = ["killed", "Kidal", "soldiers", "On", "18", "March", "2022", ",", ".", "(", ")", "in", "near", "shelled",
         "protesters", "dozens", "between", "and", "Douma", "Aleppo", "Ma'rib", "\u2019s", "Taliban", "coded", "to"]
PLACE_CHAINS = ["Kidal, ", "Kidal (Kidal) ", "Kidal in Kidal ", "Aleppo (coded to Idlib) ", "Gao, Mopti, Kidal, ",
                "Douma (Rural Damascus, Syria) ", "Kidal\n"]


def text_kinds(r):
    """Plain-text kinds: name -> generator of (extension, bytes)."""
    def huge_numbers():
        n = r.choice(["9" * r.randint(19, 400), "-9223372036854775809", "18446744073709551616", "1" + "0" * r.randint(19, 60),
                      "999,999,999 million", "9,999,999,999,999,999,999", "1.5" + "0" * 30 + " million", "99999999999999999999th",
                      "12/12/99999999999999999999", "9999999999-12-31", "1e400", "0x7fffffffffffffff"])
        t = r.choice(["Invoice {} was paid.", "On 3 May 2021, gunmen killed {} people in Kidal.", "The death toll rose to {}.",
                      "{} soldiers were killed and {} wounded.", "Between {} and {} civilians died on {} March.",
                      "Fatalities coded as {}.", "{} days ago {} protesters rallied."])
        return "txt", (t.replace("{}", n) + " ") * r.randint(1, 50)
    def long_line():
        return "txt", NEWS * r.randint(200, 20_000)
    def no_spaces():
        unit = r.choice(["x", "Kidal", "9", "a.", "\u0645", "\u00e9", "-", "'", "killed,"])
        return "txt", unit * r.randint(10_000, 600_000)
    def repeated_word():
        return "txt", (r.choice(["killed", "Kidal", "the", "two", "On", "(", "Monday", "dozens", "and"]) + r.choice([" ", "\n", ", "])) * r.randint(1_000, 200_000)
    def place_chains():
        return "txt", r.choice(PLACE_CHAINS) * r.randint(500, 60_000)
    def word_salad():
        return "txt", " ".join(r.choice(WORDS) for _ in range(r.randint(10, 20_000)))
    def long_lines_no_break():
        return "txt", ("killed " * r.randint(1000, 50_000)) + "and " + ("two soldiers were killed and " * r.randint(100, 20_000))
    return {"huge-numbers": huge_numbers, "long-line": long_line, "no-spaces": no_spaces, "repeated-word": repeated_word,
            "place-chains": place_chains, "word-salad": word_salad, "one-long-sentence": long_lines_no_break}


def byte_kinds(r):
    def binary():
        return r.choice(["txt", "bin", "html", "jsonl", "csv"]), os.urandom(r.randint(1, 200_000))
    def bad_utf8():
        bad = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x80", b"\xf0\x9f"]
        parts = []
        for _ in range(r.randint(1, 2000)):
            parts.append(NEWS[: r.randint(0, 80)].encode())
            parts.append(r.choice(bad))
        return r.choice(["txt", "jsonl", "html"]), b"".join(parts)
    def utf16():
        body = (NEWS * r.randint(1, 50)).encode(r.choice(["utf-16", "utf-16-le", "utf-16-be"]))
        if r.random() < 0.5:
            body = body[: len(body) - 1]
        return "txt", body
    def control_chars():
        cc = "".join(r.choice(["\x1b[31m", "\x1b[2J", "\x07", "\x00", "\r", "\n", "\u202e", "\u2028", "\x85", "\x1b]0;pwned\x07"]) for _ in range(20))
        form = r.choice(["jsonl", "csv", "txt"])
        if form == "jsonl":
            return "jsonl", (json.dumps({"id": "c" + cc, "text": "Rebels shelled Aleppo." + cc, "published": "2021" + cc, "source": cc}) + "\n").encode()
        if form == "csv":
            return "csv", ('id,text,published\n"x%s","Rebels shelled Aleppo %s","2021%s"\n' % (cc, cc.replace('"', ''), cc.replace('"', ''))).encode()
        return "txt", (cc + NEWS + cc).encode()
    def empty():
        return r.choice(["txt", "html", "jsonl", "csv"]), r.choice([b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\x00" * r.randint(1, 1000)])
    return {"binary": binary, "bad-utf8": bad_utf8, "utf16": utf16, "control-chars": control_chars, "empty": empty}


def gz(data, level=6):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=level) as f:
        f.write(data)
    return out.getvalue()


def zero_bomb(size):
    """A gzip member of `size` zero bytes, written without holding them in memory."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    body, left, crc = [], size, 0
    while left > 0:
        piece = chunk if left >= len(chunk) else chunk[:left]
        body.append(c.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    body.append(c.flush())
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"
    return header + b"".join(body) + crc.to_bytes(4, "little") + (size & 0xFFFFFFFF).to_bytes(4, "little")


def gzip_kinds(r):
    def bomb():
        size = r.choice([300 << 20, 600 << 20, (4 << 30) + 1024])  # the last one's trailer claims 1 KB
        return "txt.gz", zero_bomb(size)
    def bad_crc():
        b = bytearray(gz((NEWS * r.randint(1, 100)).encode()))
        b[-8 + r.randint(0, 3)] ^= 1 << r.randint(0, 7)
        return r.choice(["txt.gz", "jsonl.gz"]), bytes(b)
    def truncated_gzip():
        b = gz((NEWS * r.randint(1, 100)).encode())
        return "txt.gz", b[: r.randint(2, len(b) - 1)]
    def corrupt_gzip():
        b = bytearray(gz((NEWS * r.randint(1, 100)).encode()))
        for _ in range(r.randint(1, 10)):
            b[r.randint(10, len(b) - 1)] = r.randint(0, 255)
        return "txt.gz", bytes(b)
    return {"gzip-bomb": bomb, "bad-crc": bad_crc, "truncated-gzip": truncated_gzip, "corrupt-gzip": corrupt_gzip}


def structured_kinds(r):
    def bad_json():
        lines = []
        for _ in range(r.randint(1, 50)):
            lines.append(r.choice(['{"text":', '{"text": "a"', '{"text": "Rebels shelled Aleppo."}', '[1,2,3]', '"str"', '{"html": 5}',
                                   '{"text": null}', '{"text": "x", "published": "not a date"}', '{' * r.randint(1, 100_000),
                                   '{"a":' * 5000 + '1' + '}' * 5000, '{"text": "\\ud800"}', '{"text": "' + "x" * r.randint(1, 500_000) + '"}',
                                   '{"text":1e999999}', '{"text":-0.0e-999999}', '{"text":' + "9" * 5000 + '}']))
        return "jsonl", "\n".join(lines) + "\n"
    def json_numbers():
        lines = [json.dumps({"id": r.randint(-2**70, 2**70), "text": r.randint(-2**90, 2**90), "published": r.random() * 1e300})
                 .replace('"text": ', '"text": ' + r.choice(["", "-"])) for _ in range(r.randint(1, 20))]
        return "jsonl", "\n".join(lines) + "\n"
    def unbalanced_csv():
        rows = ["id,text,published"]
        for i in range(r.randint(2, 400)):
            t = r.choice(['"Rebels shelled Aleppo."', '"An unclosed quote', 'plain text', '"quote"inside', '"a ""b"" c"', '"multi\nline"', '""'])
            rows.append("%d,%s,2021-05-0%d" % (i, t, i % 9 + 1))
        return "csv", "\n".join(rows) + "\n"
    def deep_nesting():
        depth = r.randint(1_000, 200_000)
        tag = r.choice(["div", "span", "p", "b", "table", "li", "a", "font", "td"])
        return "html", "<html><body>" + ("<%s>" % tag) * depth + NEWS + ("</%s>" % tag) * r.choice([0, depth])
    def bad_html():
        parts = []
        for _ in range(r.randint(1, 5000)):
            parts.append(r.choice(["<p>", "</p>", "<div class='content'>", "<!--", "-->", "<script>", "</script>", "<style>", "<a href=",
                                   "&amp;", "&#99999999;", "&#x110000;", "&", "<", ">", "<![CDATA[", "<meta content='2021-13-45'>",
                                   "<title>", NEWS[: r.randint(0, 100)], "<" + "x" * r.randint(1, 5000), "<p " + "a=b " * 1000 + ">"]))
        return "html", "<html><body>" + "".join(parts)
    return {"bad-json": bad_json, "json-numbers": json_numbers, "unbalanced-csv": unbalanced_csv, "deep-nesting": deep_nesting,
            "bad-html": bad_html}


def mutated(r, corpus):
    def mutate():
        base = bytearray(r.choice(corpus))
        for _ in range(r.randint(1, 50)):
            op = r.randint(0, 2)
            i = r.randint(0, max(0, len(base) - 1))
            if op == 0 and base:
                base[i] = r.randint(0, 255)
            elif op == 1:
                base[i:i] = base[i: i + r.randint(1, 200)] * r.randint(1, 20)
            elif base:
                del base[i: i + r.randint(1, 50)]
        return r.choice(["txt", "html", "jsonl", "csv"]), bytes(base)
    return {"mutated-news": mutate}


# The expensive kinds get fewer documents: they are big, and one of each shape shows the point.
WEIGHTS = {"long-line": 0.15, "no-spaces": 0.3, "repeated-word": 0.3, "place-chains": 0.3, "one-long-sentence": 0.2,
           "gzip-bomb": 0.02, "deep-nesting": 0.3}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--big", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    corpus = [NEWS.encode(), b"<html><body><p>" + NEWS.encode() + b"</p></body></html>",
              (json.dumps({"id": "m", "text": NEWS, "published": "2021-05-04"}) + "\n").encode(),
              b'id,text\n1,"' + NEWS.encode() + b'"\n']
    kinds = {}
    for family in (text_kinds(r), byte_kinds(r), gzip_kinds(r), structured_kinds(r), mutated(r, corpus)):
        kinds.update(family)
    total_weight = sum(WEIGHTS.get(k, 1.0) for k in kinds)
    written = 0
    for kind, make in sorted(kinds.items()):
        n = max(2, round(a.count * WEIGHTS.get(kind, 1.0) / total_weight) + 1)
        os.makedirs(os.path.join(a.out, kind), exist_ok=True)
        for i in range(n):
            ext, body = make()
            if isinstance(body, str):
                body = body.encode("utf-8", "surrogatepass")
            with open(os.path.join(a.out, kind, "%05d.%s" % (i, ext)), "wb") as f:
                f.write(body)
            written += 1
    if a.big:
        os.makedirs(os.path.join(a.out, "big"), exist_ok=True)
        line = "Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said. "
        with open(os.path.join(a.out, "big", "single-line-100MB.txt"), "w") as f:
            f.write(line * (100_000_000 // len(line)))
        with open(os.path.join(a.out, "big", "bomb-5.5GB.txt.gz"), "wb") as f:
            f.write(zero_bomb(5_500_000_000))
        written += 2
    print("wrote %d documents of %d kinds to %s" % (written, len(kinds) + (1 if a.big else 0), a.out))


if __name__ == "__main__":
    main()
