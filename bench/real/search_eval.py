#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Search on the annotated real documents: success at rank 1.

Usage: bench/real/search_eval.py [--vankien PATH] [--db DIR] [--crawl DIR]
       [--verbose] [ANNOTATIONS.jsonl]

Indexes the real crawl (../shared/corpora/real-crawl.tar.xz, unpacked as
check.py does) into --db unless it exists, then asks, for each document
annotated by hand (bench/real/annotations.jsonl):

  number    its own number as a user types it ("57-NQ/TW"): the document
            (or a copy of it) must come first;
  title     its title (the first twenty words): the same;
  heading   the words of a section's heading with the document's number
            (so:NUMBER): the hit must be that section, or one under it;
  label     muc:"LABEL" with the document's number: the same.

Prints the share of each kind of query answered right at rank 1, and with
--verbose every miss.
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from check import crawl_dir, norm  # noqa: E402


def search(vankien, db, query):
    r = subprocess.run([vankien, "search", "--db", db, "--json", "--limit", "1", query],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1) or not r.stdout.strip():
        return None
    res = json.loads(r.stdout).get("results") or []
    return res[0] if res else None


def files_of(hit):
    paths = [hit.get("path") or ""] + [c.get("path") or "" for c in hit.get("copies") or []]
    return {os.path.basename(p) for p in paths}


def label_of(hit):
    """The hit's section label (the key "Điều 5.2"), else as shown."""
    s = hit.get("section") or {}
    return norm(s.get("label") or s.get("display") or "")


def under(got, want):
    """The hit's section is the one wanted or lies under it."""
    if got == want:
        return True
    for sep in (".", ", "):
        if got.startswith(want + sep):
            return True
    return False


def words(s, n):
    w = re.findall(r"[\w/-]+", s or "")
    return " ".join(w[:n])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("annotations", nargs="?", default=os.path.join(HERE, "annotations.jsonl"))
    ap.add_argument("--vankien", default=os.path.join(ROOT, "build-rel", "bin", "vankien"))
    ap.add_argument("--db", default=os.path.join(ROOT, "bench", "data", "real.db"))
    ap.add_argument("--crawl")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    crawl = crawl_dir(a.crawl)
    if not os.path.isdir(a.db):
        subprocess.run([a.vankien, "index", "--quiet", "--full", "--db", a.db, crawl], check=True)
    notes = [json.loads(l) for l in open(a.annotations, encoding="utf-8") if l.strip()]
    asked = {"number": 0, "title": 0, "heading": 0, "label": 0}
    right = dict.fromkeys(asked, 0)

    def ask(kind, query, file, label=None):
        asked[kind] += 1
        hit = search(a.vankien, a.db, query)
        ok = hit is not None and file in files_of(hit)
        if ok and label is not None:
            ok = under(label_of(hit), norm(label))
        right[kind] += ok
        if not ok and a.verbose:
            got = "nothing" if hit is None else "%s %s" % (os.path.basename(hit.get("path", "")),
                                                         label_of(hit))
            print("%s: %s %r -> %s" % (file, kind, query, got))

    for note in notes:
        if note["kind"] != "document":
            continue
        f = note["file"]
        if note.get("number"):
            ask("number", note["number"], f)
        if note.get("title"):
            ask("title", words(note["title"], 20), f)
        if not note.get("number"):
            continue
        for sec in note.get("sections") or []:
            if sec.get("heading") and len(sec["heading"].split()) >= 2:
                ask("heading", "%s so:%s" % (words(sec["heading"], 10), note["number"]), f,
                    sec["label"])
            ask("label", 'muc:"%s" so:%s' % (sec["label"], note["number"]), f, sec["label"])
    for k in asked:
        if asked[k]:
            print("%-8s %5.1f %% right at rank 1 (%d of %d)" %
                  (k, 100.0 * right[k] / asked[k], right[k], asked[k]))
    docs = asked["number"] + asked["title"]
    secs = asked["heading"] + asked["label"]
    if docs:
        print("documents: %5.1f %%" % (100.0 * (right["number"] + right["title"]) / docs))
    if secs:
        print("sections:  %5.1f %%" % (100.0 * (right["heading"] + right["label"]) / secs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
