#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""`vankien check` on drafts in the genre, citing documents of the real crawl.

Usage: bench/real/check_eval.py [--vankien PATH] [--db DIR] [--crawl DIR]
       [-n DRAFTS] [--per N] [--seed S] [--out DIR] [--docx K] [--verbose]

Indexes the real crawl into --db unless it exists (as search_eval.py does).
Then:

1. Documents. State documents of the index with a number, a date, an
   issuer and a title (`vankien search --json loai:X`, Công văn and
   customs notices aside), read again with `vankien parse --json` for
   their sentences (quotes) and articles; and Party documents (NQ, KL, CT,
   QĐ, KH, HD, TB, QC of TW, TU and the central commissions), which the
   crawl cites far more often than it holds: their numbers are collected
   from the crawl's text and each kept when `vankien cite --json` knows
   its date, issuer and title with no disagreement among the citing
   passages. The choice is seeded (a hash of seed and number).

2. Drafts. N drafts (default 20) in the genre of a report or a plan
   ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về
   ..., Ban Thường vụ Tỉnh ủy ..."), each citing --per documents (default
   12) in one of these forms:

     formal      type word, số, number, ngày date, của issuer[, khóa], về subject
     nosubject   the same without the subject
     short       "Nghị quyết 57 ngày ... của ..." (type word and digits)
     alias       formal, then "(sau đây gọi tắt là Nghị quyết 57)", and the
                 name used later in the draft (a citation of form alias-use)
     wrapped     formal, hard-wrapped inside its fields (one line break)
     unaccented  the sentence without diacritics
     issuer      an issuer written another right way ("Bộ Chính trị" for
                 "Bộ Chính trị, Ban Bí thư", "BCH TW", "Trung ương", "UBND
                 tỉnh X", "Thủ tướng")
     quote       nosubject, then a real sentence of the document between “ ”
     article     "khoản K Điều N" or "Điều N" of the document, then nosubject

   Dates are written "22/12/2024" or "22 tháng 12 năm 2024". About 40 %
   of the citations carry exactly one planted mistake, of a kind the form
   allows: date (day, month or year changed), issuer (a body that could
   not have issued it: a Party body for a state document and the reverse,
   another province, another ministry), term (khóa of the wrong congress;
   central Party numbers), type (Chỉ thị for a Nghị quyết ...; forms with
   a full number), number (two neighbouring digits swapped, a number the
   index does not know: the did-you-mean case), quote (one word changed)
   and article (Điều beyond the last). The truth of each citation (form,
   correct or the kind, where the citation, its quote and the mistake
   stand) is written beside the draft (draftNN.json).

3. Check. `vankien check --json --lang en --db DB` on each draft; a
   finding (and each of its other places) belongs to the citation in whose
   span (citation, subject, quote) it starts, by line and column. Reports:
   planted mistakes flagged with the right field (a number mistake only
   when the finding names the number meant), flagged at all (an ERROR or
   WARNING other than the notice that a number is unknown to the corpus,
   which every Party document the crawl does not hold gets), correct
   citations with an ERROR and with a WARNING (that notice aside), and the
   citations read (a finding of any severity, OK included), per kind and
   per form; with --verbose every miss and false alarm with its draft line.
   --docx K also converts the first K drafts to .docx with LibreOffice
   (`soffice --headless --convert-to docx`) and checks those the same way
   (a finding's line is then its paragraph, its column the character in
   it). Never part of the tests.
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from check import crawl_dir  # noqa: E402

STATE_TYPES = ("NĐ", "QĐ", "NQ", "L", "TT", "KH", "CT", "CĐ", "TB", "QC", "HD")
PARTY_NUMBER = re.compile(r"\b(\d{1,4})-(NQ|KL|CT|QĐ|KH|HD|TB|QC)/(TW|TU|BTCTW|BTGDVTW|BTGTW|"
                          r"UBKTTW|VPTW|ĐUCA|ĐUQSTW)\b")
TYPE_WORD = {"NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "KH": "Kế hoạch",
             "HD": "Hướng dẫn", "TB": "Thông báo", "QC": "Quy chế", "NĐ": "Nghị định",
             "TT": "Thông tư", "CĐ": "Công điện"}
WRONG_TYPE = {"Nghị quyết": "Chỉ thị", "Chỉ thị": "Nghị quyết", "Kết luận": "Chỉ thị",
              "Quyết định": "Chỉ thị", "Quy định": "Chỉ thị", "Kế hoạch": "Kết luận",
              "Hướng dẫn": "Kết luận", "Nghị định": "Thông tư", "Thông tư": "Nghị định",
              "Luật": "Nghị định", "Công điện": "Chỉ thị", "Thông báo": "Chỉ thị",
              "Quy chế": "Chỉ thị"}
SHORT_TYPES = ("Nghị quyết", "Quyết định", "Quy định", "Chỉ thị", "Kết luận", "Thông báo",
               "Quy chế", "Hướng dẫn", "Kế hoạch", "Nghị định", "Thông tư")
# Central Committee terms from the close of each congress.
TERMS = [("XI", "2011-01-19"), ("XII", "2016-01-28"), ("XIII", "2021-02-01"),
         ("XIV", "2026-01-23")]
PROVINCES = ["Nghệ An", "Bắc Ninh", "Thanh Hóa", "Quảng Ninh", "Đồng Tháp", "Cao Bằng", "Lai Châu",
             "Gia Lai", "Sơn La", "Phú Thọ", "Đắk Lắk", "Quảng Trị", "Ninh Bình", "Hà Tĩnh"]
MINISTRIES = ["Bộ Tài chính", "Bộ Y tế", "Bộ Công Thương", "Bộ Nội vụ", "Bộ Tư pháp",
              "Bộ Quốc phòng", "Bộ Xây dựng", "Bộ Ngoại giao"]
SWAP_WORDS = ["mới", "chung", "lớn", "nhanh", "riêng", "cao", "thấp", "ít", "nhiều", "khác",
              "đầy đủ", "tạm thời", "cơ bản", "từng bước"]
KINDS = ("date", "issuer", "term", "type", "number", "quote", "article")
FIELD_OF = {"date": "date", "issuer": "issuer", "term": "term", "type": "type",
            "number": "number", "quote": "quote", "article": "section"}
FORMS = ("formal", "nosubject", "short", "alias", "alias-use", "wrapped", "unaccented", "issuer",
         "quote", "article")
PLACE = ["Nghệ An", "Bắc Ninh", "Thanh Hóa", "Quảng Trị", "Lai Châu", "Cao Bằng"]


def strip(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def nfc(s):
    return unicodedata.normalize("NFC", s)


def run_json(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if not r.stdout.strip():
        return None
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return None


def seeded(seed, key):
    return hashlib.sha1(("%d %s" % (seed, key)).encode()).hexdigest()


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

def usable_title(t):
    if not t:
        return None
    t = re.sub(r"\s+", " ", t).strip().rstrip(".;:")
    t = re.sub(r"^(V/[vV]:?|v/v:?)\s*", "", t)
    if len(t.split()) < 4 or "“" in t or '"' in t or t.count("(") != t.count(")"):
        return None
    return t


def party_term(date):
    term = None
    for t, since in TERMS:
        if date >= since:
            term = t
    return term


def sentences(paragraphs):
    """Sentences of 8 to 30 words, without quote marks or citations, whole
    (a capital first, a full stop last)."""
    out = []
    for p in paragraphs:
        for s in re.split(r"(?<=[.;])\s+", p):
            s = s.strip()
            words = s.split()
            if not 8 <= len(words) <= 30 or not s[0].isupper() or s[-1] not in ".;":
                continue
            if re.search(r"[“”\"«»|*_#\[\]()]|\d+/|-[A-ZĐ]+/", s):
                continue
            out.append(s.rstrip(".;"))
    return out


def walk_sections(secs, doc):
    for s in secs:
        if s.get("kind") == "article" and re.fullmatch(r"Điều \d+", s.get("label") or ""):
            n = int(s["label"].split()[1])
            doc["articles"].setdefault(n, [])
            for c in s.get("children") or []:
                m = re.fullmatch(r"Điều \d+\.(\d+)", c.get("label") or "")
                if c.get("kind") == "clause" and m:
                    doc["articles"][n].append(int(m.group(1)))
        doc["sentences"].extend(sentences(s.get("paragraphs") or []))
        walk_sections(s.get("children") or [], doc)


def read_body(vankien, doc):
    """Adds the sentences and articles of an indexed document."""
    doc["sentences"], doc["articles"] = [], {}
    got = run_json([vankien, "--lang", "en", "parse", "--json", doc["path"]])
    if not got:
        return
    for d in got.get("documents") or []:
        if d.get("number") == doc["number"]:
            walk_sections(d.get("sections") or [], doc)
            return


def state_docs(vankien, db):
    docs = {}
    for t in STATE_TYPES:
        got = run_json([vankien, "--lang", "en", "search", "--json", "--db", db, "--limit", "1000",
                        "loai:" + t])
        for r in (got or {}).get("results") or []:
            title = usable_title(r.get("title"))
            if not (r.get("number") and r.get("date") and r.get("issuer") and title):
                continue
            if r.get("type_code") in ("CV",) or "/TB-CHQ" in r["number"] or r.get("nondoc"):
                continue
            docs[r["key"]] = {"number": r["number"], "type": r.get("type"), "date": r["date"],
                                 "issuer": r["issuer"], "title": title, "key": r["key"],
                                 "path": r.get("path"), "party": False, "in_corpus": True}
    return list(docs.values())


def party_docs(vankien, db, crawl, seed, want):
    counts = {}
    for name in sorted(os.listdir(crawl)):
        if not name.endswith(".md"):
            continue
        try:
            text = open(os.path.join(crawl, name), encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        for m in PARTY_NUMBER.finditer(nfc(text)):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    numbers = [n for n, c in counts.items() if c >= 2]
    numbers.sort(key=lambda n: seeded(seed, n))
    out = []
    for n in numbers:
        if len(out) >= want:
            break
        got = run_json([vankien, "--lang", "en", "cite", "--json", "--db", db, n])
        cands = (got or {}).get("candidates") or []
        if not cands:
            continue
        c = cands[0]
        title = usable_title(c.get("title"))
        bad = {x.get("field") for x in c.get("conflicts") or []}
        if (c.get("number") != n or not c.get("date") or not c.get("issuer") or not title or
                not c.get("type") or bad & {"date", "issuer", "type", "subject", "term"}):
            continue
        d = {"number": n, "type": c["type"], "date": c["date"], "issuer": c["issuer"],
             "title": title, "key": c.get("key"), "path": c.get("path"), "party": True,
             "in_corpus": bool(c.get("in_corpus")), "sentences": [], "articles": {}}
        if n.endswith("/TW"):
            d["term"] = c.get("term") or party_term(c["date"])
        out.append(d)
    return out


# ---------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------

def digits_of(number):
    m = re.match(r"0*(\d+)", number)
    return m.group(1) if m else None


def write_date(iso, rng):
    y, m, d = (int(x) for x in iso.split("-"))
    if rng.random() < 0.3:
        return "%d tháng %d năm %d" % (d, m, y)
    if rng.random() < 0.5:
        return "%02d/%02d/%d" % (d, m, y)
    return "%d/%d/%d" % (d, m, y)


def wrong_date(iso, rng):
    y, m, d = (int(x) for x in iso.split("-"))
    for _ in range(50):
        part = rng.choice(("day", "month", "year"))
        nd, nm, ny = d, m, y
        if part == "day":
            nd = d + rng.choice((-3, -2, -1, 1, 2, 3))
        elif part == "month":
            nm = m + rng.choice((-2, -1, 1, 2))
        else:
            ny = y + rng.choice((-1, 1))
        try:
            return datetime.date(ny, nm, nd).isoformat()
        except ValueError:
            continue
    return None


def right_issuers(issuer):
    """Other right ways to write an issuer."""
    out = []
    if "Bộ Chính trị" in issuer and "Ban Bí thư" in issuer:
        out += ["Bộ Chính trị", "Ban Bí thư"]
    if issuer.startswith("Ban Chấp hành Trung ương"):
        out += ["BCH TW", "Trung ương", "Ban Chấp hành Trung ương Đảng"]
    if issuer == "Ban Bí thư":
        out += ["Ban Bí thư Trung ương Đảng"]
    m = re.match(r"(Chủ tịch )?(Ủy|Uỷ) ban nhân dân (.+)$", issuer)
    if m:
        out += [(m.group(1) or "") + "UBND " + m.group(3)]
    m = re.match(r"Hội đồng nhân dân (.+)$", issuer)
    if m:
        out += ["HĐND " + m.group(1)]
    if issuer == "Thủ tướng Chính phủ":
        out += ["Thủ tướng"]
    return out


def wrong_issuer(doc, rng):
    """A body that could not have issued the document."""
    iss = doc["issuer"]
    m = re.match(r"(.*?)(tỉnh|thành phố|Thành phố) (.+)$", iss)
    if m:
        other = rng.choice([p for p in PROVINCES if p.lower() != m.group(3).lower()])
        return m.group(1) + "tỉnh " + other
    if doc["party"]:
        return rng.choice(("Chính phủ", "Quốc hội", "Ủy ban nhân dân tỉnh " + rng.choice(PROVINCES)))
    if iss.startswith("Bộ ") and iss in MINISTRIES + [iss]:
        return rng.choice([b for b in MINISTRIES if b != iss])
    if iss in ("Quốc hội", "Ủy ban Thường vụ Quốc hội"):
        return rng.choice(("Chính phủ", "Bộ Chính trị"))
    return rng.choice(("Bộ Chính trị", "Ban Bí thư"))


def subject_of(title):
    t = title if not title.isupper() else title.lower()
    t = t[0].lower() + t[1:]
    if re.match(r"về\b", t):
        return t
    return "về " + t


def swapped_number(number, vankien, db, rng):
    """The number with two neighbouring different digits swapped, unknown
    to the index and to the passages citing numbers; None when none."""
    m = re.match(r"(\d+)(.*)$", number)
    if not m:
        return None
    digits, rest = m.group(1), m.group(2)
    spots = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and
             not (i == 0 and digits[1] == "0")]
    rng.shuffle(spots)
    for i in spots:
        new = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:] + rest
        got = run_json([vankien, "--lang", "en", "cite", "--json", "--db", db, new])
        if not (got or {}).get("candidates"):
            return new
    return None


def build_citation(doc, form, kind, rng, ctx):
    """The pieces of one citation: a list of (text, tag) where tag names the
    field ("type", "number", "date", "issuer", "term", "subject", "article",
    "quote", or None), and the kind actually planted (None when it could
    not be)."""
    type_word = doc["type"]
    number = doc["number"]
    date = doc["date"]
    issuer = doc["issuer"]
    planted = None
    if kind == "type":
        type_word, planted = WRONG_TYPE.get(type_word), "type"
    if kind == "number":
        number = ctx["swap"]
        planted = "number" if number else None
    if kind == "date":
        date = wrong_date(date, rng)
        planted = "date" if date else None
    if kind == "issuer":
        issuer, planted = wrong_issuer(doc, rng), "issuer"
    elif form == "issuer":
        issuer = rng.choice(right_issuers(doc["issuer"]))
    if not type_word or not number or not date:
        return None, None
    parts = []
    if form == "article":
        parts += [(ctx["article_words"], "article"), (" ", None)]
    if form == "short":
        parts += [(type_word, "type"), (" ", None)]
        if rng.random() < 0.5:
            parts += [("số ", None)]
        parts += [(digits_of(number), "number")]
    else:
        parts += [(type_word, "type"), (" số ", None), (number, "number")]
    parts += [(rng.choice((" ", ", ")) + "ngày ", None), (write_date(date, rng), "date")]
    parts += [(" của ", None), (issuer, "issuer")]
    term = doc.get("term")
    if kind == "term" and term:
        others = [t for t, _ in TERMS if t != term]
        k = [t for t, _ in TERMS].index(term)
        near = [t for t in others if abs([x for x, _ in TERMS].index(t) - k) == 1]
        parts += [(" khóa ", None), (rng.choice(near or others), "term")]
        planted = "term"
    elif term and rng.random() < 0.4:
        parts += [(" khóa ", None), (term, "term")]
    if form in ("formal", "alias", "wrapped", "unaccented", "issuer") and rng.random() < 0.85:
        parts += [(" ", None), (subject_of(doc["title"]), "subject")]
    return parts, planted


def applicable(doc, form, ctx):
    kinds = ["date", "issuer"]
    if doc.get("term") and form != "short":
        kinds.append("term")
    if form != "short":
        if WRONG_TYPE.get(doc["type"]):
            kinds.append("type")
        if ctx.get("swap"):
            kinds.append("number")
    if form == "quote":
        kinds = ["quote"] * 3 + kinds
    if form == "article":
        kinds = ["article"] * 3 + kinds
    return kinds


def misquote(sentence, rng):
    words = sentence.split()
    spots = [i for i in range(1, len(words) - 1) if len(words[i]) > 1 and words[i].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    new = rng.choice([w for w in SWAP_WORDS if w != words[i].lower()])
    return " ".join(words[:i] + [new] + words[i + 1:])


# ---------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------

OPENERS = [
    "Thực hiện {c}, Ban Thường vụ Tỉnh ủy {p} đã ban hành Kế hoạch triển khai thực hiện.",
    "Căn cứ {c}, Ủy ban nhân dân tỉnh {p} đã xây dựng chương trình công tác cụ thể.",
    "Quán triệt {c}, các cấp ủy, tổ chức đảng đã tập trung lãnh đạo, chỉ đạo triển khai.",
    "Theo {c}, các sở, ban, ngành đã rà soát, bổ sung nhiệm vụ trong năm.",
    "Bám sát {c}, Đảng ủy các xã, phường đã cụ thể hóa thành nghị quyết chuyên đề.",
    "Triển khai {c}, Sở Nội vụ đã tham mưu xây dựng kế hoạch thực hiện.",
]
QUOTE_LINES = ["{c} đã nêu rõ: “{q}”.", "{c} xác định: “{q}”.", "Như {c} đã chỉ rõ, “{q}”."]
ARTICLE_LINES = ["Theo quy định tại {c}, cơ quan, đơn vị có trách nhiệm tổ chức thực hiện.",
                 "Thực hiện {c}, các đơn vị đã hoàn thành việc rà soát."]
ALIAS_INTRO = "Thực hiện {c} (sau đây gọi tắt là {a}), Ban Thường vụ Tỉnh ủy {p} đã chỉ đạo triển khai."
ALIAS_USES = ["Sau một năm triển khai {a}, tỉnh {p} đã đạt được nhiều kết quả quan trọng.",
              "Kết quả thực hiện {a} được đánh giá định kỳ hằng quý.",
              "Việc sơ kết {a} cần được tiến hành nghiêm túc, thực chất."]
FILLER = ["Công tác tuyên truyền được đẩy mạnh với nhiều hình thức phong phú.",
          "Tuy nhiên, việc triển khai ở một số nơi còn chậm, chưa đồng bộ.",
          "Nguồn lực đầu tư còn hạn chế, chưa đáp ứng yêu cầu nhiệm vụ.",
          "Các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra."]
HEADS = [("BÁO CÁO", "Kết quả thực hiện các nghị quyết, chỉ thị của Trung ương và của Tỉnh"),
         ("KẾ HOẠCH", "Triển khai thực hiện các văn bản của Trung ương trong năm")]


class Writer:
    """The draft's text as it grows, in characters, with the truth of each
    citation."""

    def __init__(self):
        self.text = ""
        self.cits = []

    def add(self, s):
        self.text += s

    def place(self, template, cit_parts, fill):
        """Writes template with {c} as the citation's parts; returns the spans
        (character offsets) of the citation and of each tagged part."""
        before, after = template.split("{c}")
        self.add(before.format(**fill))
        start = len(self.text)
        spans = {}
        for text, tag in cit_parts:
            if tag:
                spans[tag] = [len(self.text), len(self.text) + len(text)]
            self.add(text)
        end = len(self.text)
        q0 = len(self.text)
        self.add(after.format(**fill))
        return start, end, spans, q0


def article_words(doc, rng, wrong):
    arts = doc["articles"]
    last = max(arts)
    if wrong:
        return "Điều %d" % (last + rng.randint(1, 6)), None
    n = rng.choice(sorted(arts))
    if arts[n] and rng.random() < 0.6:
        return "khoản %d Điều %d" % (rng.choice(arts[n]), n), n
    return "Điều %d" % n, n


def use_alias(w, pending, template, place):
    name, inherited, doc, _ = pending
    before, after = template.split("{a}")
    w.add(before.format(p=place))
    s = len(w.text)
    w.add(name + after.format(p=place) + "\n\n")
    w.cits.append({"number": doc["number"], "in_corpus": doc["in_corpus"], "party": doc["party"],
                   "form": "alias-use", "kind": None, "inherits": inherited, "start": s,
                   "end": s + len(name), "spans": {}, "text": name})


def write_draft(docs, rng, vankien, db, planted_share, swaps):
    w = Writer()
    head = rng.choice(HEADS)
    place = rng.choice(PLACE)
    w.add("%s\n%s\n\nI. TÌNH HÌNH TRIỂN KHAI\n\n" % head)
    pending_alias = []
    for i, doc in enumerate(docs):
        forms = ["formal", "nosubject", "short", "alias", "wrapped", "unaccented", "issuer"]
        if not right_issuers(doc["issuer"]):
            forms.remove("issuer")
        if not digits_of(doc["number"]) or doc["type"] not in SHORT_TYPES:
            forms = [f for f in forms if f not in ("short", "alias")]
        if doc.get("sentences"):
            forms += ["quote"] * 3
        if doc.get("articles"):
            forms += ["article"] * 3
        form = rng.choice(forms)
        if doc["number"] not in swaps:
            swaps[doc["number"]] = swapped_number(doc["number"], vankien, db,
                                                  random.Random(doc["number"]))
        ctx = {"swap": swaps[doc["number"]]}
        kinds = applicable(doc, form, ctx)
        kind = rng.choice(kinds) if rng.random() < planted_share else None
        art_n = None
        if form == "article":
            ctx["article_words"], art_n = article_words(doc, rng, kind == "article")
        parts, planted = build_citation(doc, form, kind if kind not in ("quote", "article")
                                        else None, rng, ctx)
        if parts is None:
            continue
        if kind in ("quote", "article"):
            planted = kind
        truth = {"number": doc["number"], "in_corpus": doc["in_corpus"], "party": doc["party"],
                 "form": form, "kind": planted, "right": {k: doc.get(k) for k in
                                                         ("type", "date", "issuer", "term")}}
        fill = {"p": place}
        if form == "wrapped":
            # one line break at a space between two fields
            spaces = [k for k, (t, tag) in enumerate(parts) if tag is None and t.strip(" ,") and
                      " " in t] + [k for k, (t, tag) in enumerate(parts) if t in (" ", ", ")]
            k = rng.choice(spaces) if spaces else None
            if k is not None:
                t = parts[k][0]
                j = t.rfind(" ")
                parts[k] = (t[:j] + "\n" + t[j + 1:], None)
        if form == "unaccented":
            parts = [(strip(t), tag) for t, tag in parts]
        if form == "quote":
            q = rng.choice(doc["sentences"])
            if planted == "quote":
                q = misquote(q, rng)
                if not q:
                    continue
            truth["quote"] = q
            tmpl = rng.choice(QUOTE_LINES).replace("{q}", q.replace("{", "(").replace("}", ")"))
            start, end, spans, _ = w.place(tmpl, parts, fill)
            qs = w.text.index("“", end)
            spans["quote"] = [qs, w.text.index("”", qs) + 1]
            end_region = spans["quote"][1]
        elif form == "article":
            start, end, spans, _ = w.place(rng.choice(ARTICLE_LINES), parts, fill)
            truth["article"] = ctx["article_words"]
            end_region = end
        elif form == "alias":
            written = dict((tag, t) for t, tag in parts if tag)
            name = "%s %s" % (written["type"], digits_of(written["number"]))
            fill["a"] = name
            start, end, spans, _ = w.place(ALIAS_INTRO, parts, fill)
            end_region = w.text.find(")", end) + 1
            truth["alias"] = name
            pending_alias.append((name, planted, doc, i))
        else:
            tmpl = rng.choice(OPENERS)
            if form == "unaccented":
                tmpl = strip(tmpl)
                fill = {"p": strip(place)}
            start, end, spans, _ = w.place(tmpl, parts, fill)
            end_region = end
        truth.update({"start": start, "end": end_region, "spans": spans,
                      "text": w.text[start:end_region]})
        if planted:
            tag = {"article": "article", "quote": "quote"}.get(planted, planted)
            truth["mistake"] = spans.get(tag)
        w.cits.append(truth)
        w.add("\n\n")
        if rng.random() < 0.3:
            w.add(rng.choice(FILLER) + "\n\n")
        if pending_alias and pending_alias[0][3] < i and rng.random() < 0.5:
            use_alias(w, pending_alias.pop(0), rng.choice(ALIAS_USES), place)
    for pending in pending_alias:
        use_alias(w, pending, ALIAS_USES[1], place)
    w.add("II. NHIỆM VỤ, GIẢI PHÁP\n\n" + rng.choice(FILLER) + "\n")
    return w.text, w.cits


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------

def line_starts(text):
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def places(f):
    """(line, column) of a finding and of its other places."""
    yield f["line"], f["column"]
    for p in f.get("also") or []:
        yield p["line"], p["column"]


def is_notice(f, c):
    """The notice a number the corpus does not hold gets (a WARNING on the
    number), for a document the index does not hold."""
    return (not c["in_corpus"] and f["field"] == "number" and f["severity"] == "WARNING" and
            "unknown to the corpus" in (f.get("message") or ""))


def same_number(a, b):
    return bool(a and b) and strip(a).upper() == strip(b).upper()


def names_number(f, number):
    rep = (f.get("replace") or {}).get("text")
    return rep == number or number in (f.get("suggestion") or "") or \
        number in (f.get("message") or "")


def assign(text, cits, findings):
    """Each citation's findings (a finding once per place it stands); the
    findings standing in no citation."""
    starts = line_starts(text)
    for c in cits:
        c["found"] = []
    stray = []
    for f in findings:
        for line, col in places(f):
            at = starts[min(line, len(starts)) - 1] + col - 1
            home = next((c for c in cits if c["start"] <= at < c["end"]), None)
            if home is None:
                stray.append((f, at))
            else:
                home["found"].append(f)
    return stray


def verdict(c):
    """(right field, flagged, read, error, warning) of one citation."""
    found = c["found"]
    flags = [f for f in found if f["severity"] in ("ERROR", "WARNING") and not is_notice(f, c)]
    right = False
    if c.get("kind"):
        want = FIELD_OF[c["kind"]]
        for f in found:
            if f["severity"] not in ("ERROR", "WARNING") or f["field"] != want:
                continue
            if want == "number" and not names_number(f, c["number"]):
                continue
            right = True
    if c.get("kind") == "number":
        flags = [f for f in found if f["severity"] in ("ERROR", "WARNING") and
                 (not is_notice(f, c) or names_number(f, c["number"]))]
    return {"right": right, "flagged": bool(flags), "read": bool(found),
            "error": any(f["severity"] == "ERROR" for f in found),
            "warning": any(f["severity"] == "WARNING" and not is_notice(f, c) for f in found),
            "notice": any(is_notice(f, c) for f in found),
            "resolved": any(same_number(f.get("number"), c["number"]) and
                            (not c["in_corpus"] or
                             "unknown to the corpus" not in (f.get("message") or ""))
                            for f in found)}


def check(vankien, db, path):
    got = run_json([vankien, "--lang", "en", "check", "--json", "--db", db, path])
    if got is None or "findings" not in got:
        raise SystemExit("check failed on %s" % path)
    return got


def to_docx(paths, outdir):
    """Converts text drafts to .docx with LibreOffice; returns the new paths."""
    if not shutil.which("soffice"):
        print("soffice not found (apt-get install libreoffice-writer-nogui): --docx skipped")
        return []
    txts = []
    for p in paths:
        t = os.path.join(outdir, os.path.basename(p)[:-3] + ".txt")
        shutil.copyfile(p, t)
        txts.append(t)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx",
                        "--outdir", outdir] + txts, capture_output=True, check=False)
    return [t[:-4] + ".docx" for t in txts if os.path.exists(t[:-4] + ".docx")]


def describe(c, text):
    line = text.count("\n", 0, c["start"]) + 1
    starts = line_starts(text)
    ls = starts[line - 1]
    le = text.find("\n", c["end"])
    le = len(text) if le < 0 else le
    shown = text[ls:le].replace("\n", " | ")
    fs = "; ".join("%s %s: %s" % (f["severity"], f["field"], (f.get("message") or "")[:140])
                   for f in c["found"]) or "no finding"
    return "  line %d [%s%s, %s%s]: %s\n      -> %s" % (
        line, c["kind"] or "correct", " (via alias)" if c.get("inherits") else "", c["form"],
        "" if c["in_corpus"] else ", not in corpus", shown, fs)


def tally(drafts, label, verbose):
    by_kind = {k: [0, 0, 0] for k in KINDS}      # planted, right field, flagged
    by_form = {f: [0, 0, 0, 0, 0] for f in FORMS}  # citations, read, resolved, correct,
    #                                               correct with an ERROR
    correct = {"n": 0, "error": 0, "warning": 0, "notice": 0}
    misses, alarms, warns, strays, lost = [], [], [], [], []
    for text, cits, stray in drafts:
        strays += [(text, f, at) for f, at in stray]
        for c in cits:
            v = verdict(c)
            bf = by_form[c["form"]]
            bf[0] += 1
            bf[1] += v["read"]
            bf[2] += v["resolved"] or bool(c.get("kind") == "number")
            if c.get("kind"):
                bk = by_kind[c["kind"]]
                bk[0] += 1
                bk[1] += v["right"]
                bk[2] += v["flagged"]
                if not v["right"]:
                    misses.append(describe(c, text))
            elif not c.get("inherits"):
                correct["n"] += 1
                bf[3] += 1
                bf[4] += v["error"]
                for k in ("error", "warning", "notice"):
                    correct[k] += v[k]
                if not v["resolved"]:
                    lost.append(describe(c, text))
                if v["error"]:
                    alarms.append(describe(c, text))
                elif v["warning"]:
                    warns.append(describe(c, text))
    planted = sum(k[0] for k in by_kind.values())
    right = sum(k[1] for k in by_kind.values())
    flagged = sum(k[2] for k in by_kind.values())
    cits = sum(f[0] for f in by_form.values())
    pct = lambda a, b: 100.0 * a / b if b else 0.0  # noqa: E731
    print("== %s: %d drafts, %d citations (%d with a planted mistake, %d correct)" %
          (label, len(drafts), cits, planted, correct["n"]))
    print("planted mistakes flagged with the right field: %d/%d (%.1f %%)" %
          (right, planted, pct(right, planted)))
    print("planted mistakes flagged with any ERROR/WARNING: %d/%d (%.1f %%)" %
          (flagged, planted, pct(flagged, planted)))
    print("correct citations with an ERROR: %d/%d (%.1f %%)" %
          (correct["error"], correct["n"], pct(correct["error"], correct["n"])))
    print("correct citations with a WARNING (not the unknown-number notice): %d/%d (%.1f %%)" %
          (correct["warning"], correct["n"], pct(correct["warning"], correct["n"])))
    print("correct citations with the unknown-number notice: %d/%d" %
          (correct["notice"], correct["n"]))
    print("correct citations not resolved to their document: %d/%d" % (len(lost), correct["n"]))
    print("%-10s %8s %8s %8s" % ("kind", "planted", "right", "flagged"))
    for k, (n, r, f) in by_kind.items():
        print("%-10s %8d %7.1f%% %7.1f%%" % (k, n, pct(r, n), pct(f, n)))
    print("%-11s %6s %7s %9s %8s %10s" % ("form", "cits", "read", "resolved", "correct",
                                           "with ERROR"))
    for k, (n, r, rs, cn, ce) in by_form.items():
        print("%-11s %6d %6.1f%% %8.1f%% %8d %10d" % (k, n, pct(r, n), pct(rs, n), cn, ce))
    if strays:
        print("findings outside every planted citation: %d" % len(strays))
    if verbose:
        for title, rows in (("misses", misses), ("false alarms (ERROR)", alarms),
                            ("correct citations with a WARNING", warns),
                            ("correct citations not resolved to their document", lost)):
            print("-- %s: %d" % (title, len(rows)))
            for r in rows:
                print(r)
        print("-- findings outside every planted citation: %d" % len(strays))
        for text, f, at in strays:
            print("  line %d: %s %s: %s [%s]" % (f["line"], f["severity"], f["field"],
                                                 (f.get("message") or "")[:140], f.get("cited")))
    return right, planted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vankien", default=os.path.join(ROOT, "build-rel", "bin", "vankien"))
    ap.add_argument("--db", default=os.path.join(ROOT, "bench", "data", "real.db"))
    ap.add_argument("--crawl")
    ap.add_argument("-n", type=int, default=20, help="drafts")
    ap.add_argument("--per", type=int, default=12, help="documents cited per draft")
    ap.add_argument("--planted", type=float, default=0.4, help="share of citations with a mistake")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "data", "check-eval"))
    ap.add_argument("--docx", type=int, default=0, help="also check the first K drafts as .docx")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    crawl = crawl_dir(a.crawl)
    if not os.path.isdir(a.db):
        subprocess.run([a.vankien, "index", "--quiet", "--full", "--db", a.db, crawl], check=True)
    state = state_docs(a.vankien, a.db)
    state.sort(key=lambda d: seeded(a.seed, d["number"]))
    need = a.n * a.per
    party = party_docs(a.vankien, a.db, crawl, a.seed, need // 2)
    state = state[:need - len(party) if need > len(party) else 0]
    for d in state:
        read_body(a.vankien, d)
    for d in party + state:
        for k in ("type", "issuer", "title"):
            d[k] = nfc(d[k])
        d["sentences"] = [nfc(x) for x in d.get("sentences") or []]
    print("documents: %d Party (%d held by the index), %d state" %
          (len(party), sum(d["in_corpus"] for d in party), len(state)))
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    swaps, drafts, paths = {}, [], []
    for i in range(a.n):
        key = lambda d: seeded(a.seed * 1000 + i, d["number"])  # noqa: E731
        docs = sorted(party, key=key)[:a.per // 2]
        docs = sorted(docs + sorted(state, key=key)[:a.per - len(docs)], key=key)
        text, cits = write_draft(docs, rng, a.vankien, a.db, a.planted, swaps)
        path = os.path.join(a.out, "draft%02d.md" % (i + 1))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        with open(path[:-3] + ".json", "w", encoding="utf-8") as f:
            json.dump(cits, f, ensure_ascii=False, indent=1)
        got = check(a.vankien, a.db, path)
        stray = assign(text, cits, got["findings"])
        drafts.append((text, cits, stray))
        paths.append(path)
    tally(drafts, "text drafts", a.verbose)
    if a.docx:
        done = []
        for p in to_docx(paths[:a.docx], a.out):
            k = paths.index(p[:-5] + ".md")
            text, cits, _ = drafts[k]
            cits = json.loads(json.dumps(cits))
            got = check(a.vankien, a.db, p)
            done.append((text, cits, assign(text, cits, got["findings"])))
        if done:
            tally(done, "the same drafts as .docx", a.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
