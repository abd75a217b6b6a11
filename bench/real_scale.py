#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a larger corpus of real vocabulary from a folder of real documents:
COPIES copies of every file, copy k with its numbers and dates shifted so that
the copies are other documents, not duplicates: every run of digits that is
part of a document number (the digits before "/" or "-" followed by capitals,
as in 28-NQ/TW, 15/2023/NĐ-CP) gets k * 1000 added, and every year from 1945
to 2030 gets k added.

Usage: bench/real_scale.py SRC DEST COPIES   (the performance issue's "real
crawl five times" is COPIES 5)."""
import os
import re
import sys

NUMBER = re.compile(r"(?<![\d.])(\d{1,4})(?=\s?[-/]\s?(?:\d{4}/)?[A-ZĐ])")
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-3]\d)(?!\d)")


def shift(text, k):
    text = NUMBER.sub(lambda m: str(int(m.group(1)) + 1000 * k), text)
    return YEAR.sub(lambda m: str(int(m.group(1)) + k), text)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, dest, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(dest, exist_ok=True)
    names = sorted(n for n in os.listdir(src) if os.path.isfile(os.path.join(src, n)))
    total = 0
    for k in range(copies):
        for n in names:
            with open(os.path.join(src, n), encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            out = shift(text, k) if k else text
            with open(os.path.join(dest, "%d-%s" % (k, n)), "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                f.write(out)
            total += len(out.encode("utf-8", "surrogateescape"))
    print("%d files, %.0f MB in %s" % (copies * len(names), total / 1e6, dest))


if __name__ == "__main__":
    main()
