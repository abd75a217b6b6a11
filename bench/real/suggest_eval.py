#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
""""Did you mean" on the real crawl: false suggestions and damaged queries fixed.

Usage: bench/real/suggest_eval.py [--vankien PATH] [--db DIR] [--crawl DIR]
       [-n N] [--seed S] [--verbose]

Indexes the real crawl into --db unless it exists (as search_eval.py does),
then takes N queries (default 300; about 1000 are found) from headings and
titles of the crawl's files, encyclopedia pages left out: article headings
("**Điều 4. Thẩm quyền về tổ chức bộ máy**"), numbered bold headings
("**I. MỤC ĐÍCH, YÊU CẦU**") and the titles under a type line ("**THÔNG
TƯ**" then "VỀ PHÂN CẤP QUẢN LÝ TỔ CHỨC CÁN BỘ ..."), their first 8 words
without "về (việc)"; 2 to 8 syllables, lower case, at least one word with
diacritics. Each is asked as it is (a correct query: any suggestion is a
false one) and damaged three ways:

  strip1    one word typed without its diacritics ("chuyen đổi số")
  tone1     one word with its tone mark replaced by another or dropped
            ("bộ mấy" for "bộ máy")
  stripall  every word without diacritics (matches every spelling already:
            no suggestion is the right answer)

A damaged query is fixed when the suggestion is the correct query (tone
style, capitals and sĩ/sỹ aside), wrong when it is another one, and served
when no suggestion is made but the damaged query as typed (no fallback
notice) finds at least as many documents as the correct one (the search
copes: folded words match every spelling); else missed. Never part of the
tests.
"""
import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from check import crawl_dir, norm  # noqa: E402

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
HEADING = [
    re.compile(r"^\*\*Điều \d+[a-z]?\.\s*(.+?)\*\*\s*$"),
    re.compile(r"^\*\*(?:[IVX]+|\d+)[.\-]\s*(.+?)\*\*\s*$"),
]
TYPE_LINE = re.compile(r"^\*\*(QUYẾT ĐỊNH|KẾ HOẠCH|THÔNG TƯ|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|THÔNG BÁO|"
                       r"LUẬT|NGHỊ ĐỊNH|QUY ĐỊNH|HƯỚNG DẪN|CHƯƠNG TRÌNH|ĐỀ ÁN)\*\*\s*$")
ENCYCLOPEDIA = "[sửa | sửa mã nguồn]"


def has_marks(w):
    return w != strip(w)


def strip(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def retone(w, rng):
    """w with its tone mark replaced by another one or dropped (on the same
    vowel); None for a word without a tone mark."""
    d = unicodedata.normalize("NFD", w)
    at = next((i for i, c in enumerate(d) if c in TONES), None)
    if at is None:
        return None
    new = rng.choice([t for t in TONES + [""] if t != d[at]])
    base = d[:at] + d[at + 1:]
    # after the vowel's other marks (a circumflex may follow a dot below)
    while at < len(base) and unicodedata.combining(base[at]):
        at += 1
    return unicodedata.normalize("NFC", base[:at] + new + base[at:])


def clean(text):
    text = re.sub(r"[*_`#\[\]|\\]", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    words = re.findall(r"[^\W\d_]+", text)
    return [w.lower() for w in words]


def title_after(lines, i):
    """The words of the title under a type line, without "về (việc)"."""
    text = []
    for line in lines[i + 1:i + 6]:
        if not line.strip():
            if text:
                break
            continue
        if line.startswith("*"):
            break
        text.append(line)
    words = clean(" ".join(text))
    if words[:2] == ["về", "việc"]:
        words = words[2:]
    elif words[:1] == ["về"]:
        words = words[1:]
    return words[:8]


def harvest(crawl):
    """Candidate queries from headings and titles, each once; encyclopedia
    pages left out (their headings are names, not what a clerk looks for)."""
    seen = set()
    out = []
    for name in sorted(os.listdir(crawl)):
        if not name.endswith(".md"):
            continue
        try:
            text = open(os.path.join(crawl, name), encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        if ENCYCLOPEDIA in text:
            continue
        lines = text.split("\n")
        for i, line in enumerate(lines):
            m = None
            for rx in HEADING:
                m = m or rx.match(line)
            words = clean(m.group(1)) if m else []
            if not m and TYPE_LINE.match(line):
                words = title_after(lines, i)
            if not 2 <= len(words) <= 8 or not any(has_marks(w) for w in words):
                continue
            q = " ".join(words)
            if q not in seen:
                seen.add(q)
                out.append(q)
    return out


def ask(vankien, db, query):
    """(total, notice, suggestion, seconds) of a search."""
    t0 = time.time()
    r = subprocess.run([vankien, "search", "--db", db, "--json", "--limit", "1", "--", query],
                       capture_output=True, text=True)
    dt = time.time() - t0
    if r.returncode not in (0, 1) or not r.stdout.strip():
        return 0, "error", None, dt
    d = json.loads(r.stdout)
    return d.get("total") or 0, d.get("notice"), d.get("suggestion"), dt


IY = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def spelling(q):
    """q with tone style, capitals and the i/y of a final syllable (sĩ, sỹ:
    one exact term in the index) made even."""
    out = []
    for w in norm(q).lower().split():
        if len(w) > 1 and w[-1] in "yýỳỷỹỵ" and w[-2] not in "aăâeêioôơuưy" + "áàảãạ":
            w = w[:-1] + w[-1].translate(IY)
        out.append(w)
    return " ".join(out)


def same(a, b):
    return a is not None and b is not None and spelling(a) == spelling(b)


def damage(q, kind, rng):
    words = q.split()
    if kind == "stripall":
        return strip(q)
    marked = [i for i, w in enumerate(words)
              if has_marks(w) and (kind == "strip1" or retone(w, rng))]
    rng.shuffle(marked)
    for i in marked:
        w = strip(words[i]) if kind == "strip1" else retone(words[i], rng)
        if w and w != words[i]:
            return " ".join(words[:i] + [w] + words[i + 1:])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vankien", default=os.path.join(ROOT, "build-rel", "bin", "vankien"))
    ap.add_argument("--db", default=os.path.join(ROOT, "bench", "data", "real.db"))
    ap.add_argument("--crawl")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    crawl = crawl_dir(a.crawl)
    if not os.path.isdir(a.db):
        subprocess.run([a.vankien, "index", "--quiet", "--full", "--db", a.db, crawl], check=True)
    pool = harvest(crawl)
    pool.sort(key=lambda q: hashlib.sha1(("%d %s" % (a.seed, q)).encode()).hexdigest())
    rng = random.Random(a.seed)
    queries = pool[:a.n]
    stats = {k: dict.fromkeys(("asked", "fixed", "wrong", "served", "missed"), 0)
             for k in ("strip1", "tone1", "stripall")}
    false = asked = 0
    seconds = []
    for q in queries:
        total, _, sug, dt = ask(a.vankien, a.db, q)
        seconds.append(dt)
        asked += 1
        if sug:
            false += 1
            if a.verbose:
                print("false: %r (%d found) -> %r" % (q, total, sug))
        for kind in stats:
            dq = damage(q, kind, rng)
            if not dq:
                continue
            dtotal, dnotice, dsug, dt = ask(a.vankien, a.db, dq)
            seconds.append(dt)
            s = stats[kind]
            s["asked"] += 1
            if same(dsug, q):
                verdict = "fixed"
            elif dsug:
                verdict = "wrong"
            elif not dnotice and dtotal >= total:
                verdict = "served"
            else:
                verdict = "missed"
            s[verdict] += 1
            if a.verbose and verdict in ("wrong", "missed"):
                print("%s %s: %r (%d found; right %r, %d) -> %r" %
                      (kind, verdict, dq, dtotal, q, total, dsug))
    print("correct queries:    %4d, with a suggestion (false): %d (%.1f %%)" %
          (asked, false, 100.0 * false / max(asked, 1)))
    for kind, s in stats.items():
        n = max(s["asked"], 1)
        print("%-9s damaged: %4d, fixed %3d (%.1f %%), wrong %3d (%.1f %%), served %3d "
              "(%.1f %%), missed %3d (%.1f %%)" %
              (kind, s["asked"], s["fixed"], 100.0 * s["fixed"] / n, s["wrong"],
               100.0 * s["wrong"] / n, s["served"], 100.0 * s["served"] / n, s["missed"],
               100.0 * s["missed"] / n))
    seconds.sort()
    print("time per search: median %.0f ms, 95th %.0f ms" %
          (1000 * seconds[len(seconds) // 2], 1000 * seconds[int(len(seconds) * 0.95)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
