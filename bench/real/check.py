#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares `vankien parse` with the hand annotations of real documents.

Usage: bench/real/check.py [--vankien PATH] [--crawl DIR] [--verbose]
       [ANNOTATIONS.jsonl]

The annotations (bench/real/annotations.jsonl) were written by reading files
of the real crawl (../shared/corpora/real-crawl.tar.xz): header fields
(type, number, date, place, issuer, title, signer), whether the text is a
document at all, and the top two levels of the outline with their headings.
The crawl is read from --crawl, else unpacked once into
bench/data/real-crawl with ../shared/corpora/unpack.sh. Prints the share of
documents with each field exactly right (and right but for letter case), the
share of sections found with their label and heading, and with --verbose
every miss.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ("type", "number", "date", "place", "issuer", "title", "signer")


def norm(s):
    """Whitespace and Unicode form made even; the tone-mark style of ủy/uỷ
    and hóa/hoá made one; final punctuation dropped."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s)
    for a, b in (("uỷ", "ủy"), ("Uỷ", "Ủy"), ("UỶ", "ỦY"), ("oá", "óa"), ("oà", "òa"),
                 ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("OÁ", "ÓA"), ("OÀ", "ÒA")):
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", s).strip().rstrip(".;:")
    return s


def crawl_dir(given):
    if given:
        return given
    d = os.path.join(ROOT, "bench", "data", "real-crawl")
    if not os.path.isdir(d) or not os.listdir(d):
        unpack = os.path.join(ROOT, "..", "shared", "corpora", "unpack.sh")
        subprocess.run([unpack, d], check=True)
    return d


def parse(vankien, path):
    r = subprocess.run([vankien, "parse", "--json", path], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip()
    return json.loads(r.stdout), None


def signer_name(doc):
    s = doc.get("signer")
    return s.get("name") if isinstance(s, dict) else s


def compare_sections(want, docs):
    """(found with label, found with label and heading, headings wanted)."""
    have = {}

    def walk(sections):
        for s in sections:
            for key in {s.get("display"), s.get("label")}:
                if key:
                    have.setdefault(norm(key), norm(s.get("heading") or ""))
            walk(s.get("children") or [])

    for d in docs:
        walk(d.get("sections") or [])
    found = right = wanted_h = 0
    misses = []
    for w in want:
        lab = norm(w["label"])
        if lab not in have:
            misses.append("missing " + w["label"])
            continue
        found += 1
        if w.get("heading") is None:
            continue
        wanted_h += 1
        if have[lab].lower() == norm(w["heading"]).lower():
            right += 1
        else:
            misses.append("heading %s: %r != %r" % (w["label"], have[lab], w["heading"]))
    return found, right, wanted_h, misses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("annotations", nargs="?", default=os.path.join(HERE, "annotations.jsonl"))
    ap.add_argument("--vankien", default=os.path.join(ROOT, "build-rel", "bin", "vankien"))
    ap.add_argument("--crawl")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    crawl = crawl_dir(a.crawl)
    notes = [json.loads(l) for l in open(a.annotations, encoding="utf-8") if l.strip()]
    exact = {f: 0 for f in FIELDS}
    caseless = {f: 0 for f in FIELDS}
    counted = {f: 0 for f in FIELDS}
    n_docs = n_non = non_right = 0
    sec_want = sec_found = sec_head = sec_head_want = 0
    for note in notes:
        got, err = parse(a.vankien, os.path.join(crawl, note["file"]))
        if got is None:
            print("%s: parse failed: %s" % (note["file"], err))
            continue
        docs = got["documents"]
        doc = docs[0]
        if note["kind"] == "nondoc":
            n_non += 1
            ok = bool(doc.get("nondoc")) and not doc.get("number") and not doc.get("type")
            non_right += ok
            if not ok and a.verbose:
                print("%s: not marked as a non-document (nondoc=%r number=%r type=%r)" %
                      (note["file"], doc.get("nondoc"), doc.get("number"), doc.get("type")))
            continue
        n_docs += 1
        if doc.get("nondoc") and a.verbose:
            print("%s: a document marked %r" % (note["file"], doc.get("nondoc")))
        for f in FIELDS:
            want = note.get(f)
            have = signer_name(doc) if f == "signer" else doc.get(f)
            if want is None and f in ("place", "signer"):
                continue
            counted[f] += 1
            w, h = norm(want), norm(have)
            if w == h:
                exact[f] += 1
                caseless[f] += 1
            elif w and h and w.lower() == h.lower():
                caseless[f] += 1
            elif a.verbose:
                print("%s: %s %r != %r" % (note["file"], f, have, want))
        # The document's own sections against its first document; an
        # attached regulation's against the documents attached to it.
        attached = [d for d in docs[1:] if d.get("attached_to") == 0] or docs[1:]
        pairs = [(note.get("sections") or [], docs[:1])]
        pairs += [(att.get("sections") or [], attached) for att in note.get("attached") or []]
        for sections, against in pairs:
            found, right, wanted_h, misses = compare_sections(sections, against)
            sec_want += len(sections)
            sec_found += found
            sec_head += right
            sec_head_want += wanted_h
            if a.verbose and misses:
                print("%s: %d of %d sections; %s" % (note["file"], found, len(sections),
                                                     "; ".join(misses[:6])))
    print("documents: %d, non-documents: %d" % (n_docs, n_non))
    for f in FIELDS:
        if counted[f]:
            print("  %-7s %5.1f %% exact, %5.1f %% but for case (%d)" %
                  (f, 100.0 * exact[f] / counted[f], 100.0 * caseless[f] / counted[f],
                   counted[f]))
    if n_non:
        print("  non-documents marked: %5.1f %% (%d of %d)" %
              (100.0 * non_right / n_non, non_right, n_non))
    if sec_want:
        print("  sections of the top two levels found with their label: %5.1f %% (%d of %d)" %
              (100.0 * sec_found / sec_want, sec_found, sec_want))
    if sec_head_want:
        print("  ... and with their heading: %5.1f %% (%d of %d annotated headings)" %
              (100.0 * sec_head / sec_head_want, sec_head, sec_head_want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
