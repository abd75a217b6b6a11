#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""test_openapi.py: the daemon's answers against its own description.

Starts vankien-searchd over an index of the samples, calls every endpoint of
searchd/openapi.json (and some of their errors) and validates each answer
against the schema the description gives for that path, method, status and
content type: a mismatch, an undescribed member or an endpoint never called
fails. The JSON Schema subset the description uses is checked here: type,
properties, required, additionalProperties, items, enum, nullable and local
$ref. Also checked against values worked out from the samples: the UTF-16
offsets (start16/end16, highlights16, highlight16) index the same text as the
byte offsets; no "path" without --show-paths; the example queries of
/api/stats; documents by number; Word drafts (JSON, and the annotated .docx
with a comment by "vankien", and with suggest_changes=1 a tracked change); a
broken .docx (400); no temporary file left.

Usage: test_openapi.py BIN_DIR SOURCE_DIR (standard library only).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import io

BIN, SRC = sys.argv[1], sys.argv[2]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


# --- the validator --------------------------------------------------------

TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def resolve(spec, schema):
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError("only local $ref: " + ref)
        schema = spec
        for part in ref[2:].split("/"):
            schema = schema[part]
    return schema


def validate(spec, schema, value, where, errors):
    """Appends to errors each way value breaks schema (the subset above)."""
    schema = resolve(spec, schema)
    if value is None:
        if not schema.get("nullable"):
            errors.append("%s: null, not allowed" % where)
        return
    t = schema.get("type")
    if t and not TYPES[t](value):
        errors.append("%s: %s is not of type %s" % (where, json.dumps(value)[:60], t))
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r not in %r" % (where, value, schema["enum"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errors.append("%s: required member %s missing" % (where, k))
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                validate(spec, props[k], v, where + "." + k, errors)
            elif extra is False:
                errors.append("%s: member %s not described" % (where, k))
            elif isinstance(extra, dict):
                validate(spec, extra, v, where + "." + k, errors)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            validate(spec, schema["items"], v, "%s[%d]" % (where, i), errors)


def check_validator():
    """The validator itself catches each kind of mismatch."""
    spec = {"components": {"schemas": {"P": {"type": "object", "required": ["a"],
            "additionalProperties": False,
            "properties": {"a": {"type": "integer"}, "b": {"type": "string", "nullable": True},
                           "c": {"type": "array", "items": {"type": "string", "enum": ["x"]}}}}}}}
    ref = {"$ref": "#/components/schemas/P"}
    cases = [({"a": 1, "b": None, "c": ["x"]}, 0), ({"b": "s"}, 1), ({"a": "1"}, 1),
             ({"a": True}, 1), ({"a": 1, "z": 0}, 1), ({"a": 1, "c": ["y"]}, 1),
             ({"a": 1, "c": "x"}, 1), (None, 1), ({"a": None}, 1)]
    for value, n in cases:
        errs = []
        validate(spec, ref, value, "$", errs)
        if len(errs) != n:
            fail("validator on %r: %d errors, expected %d: %s" % (value, len(errs), n, errs))


# --- the daemon ------------------------------------------------------------

class Daemon:
    def __init__(self, db, tmp, name, *args):
        self.log = os.path.join(tmp, name + ".log")
        self.tmpdir = os.path.join(tmp, name + "-tmp")
        os.mkdir(self.tmpdir)
        env = dict(os.environ, TMPDIR=self.tmpdir)
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [os.path.join(BIN, "vankien-searchd"), "--db", db, "--listen", "127.0.0.1:0",
                 "--log-level", "0", *args], stderr=log, env=env)
        self.port = None
        for _ in range(300):
            with open(self.log) as log:
                m = re.search(r"on http://127\.0\.0\.1:(\d+)/", log.read())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        if not self.port:
            raise RuntimeError("the daemon did not start: " + open(self.log).read())

    def stop(self):
        self.proc.terminate()
        if self.proc.wait(timeout=30) != 0:
            fail("the daemon exited %d" % self.proc.returncode)

    def call(self, method, target, body=None, headers=None):
        """(status, headers, body bytes)."""
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, target),
                                     data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()


def q(s):
    return urllib.parse.quote(s, safe="")


class Checker:
    """Calls endpoints and validates their answers against the description."""

    def __init__(self, spec, daemon):
        self.spec = spec
        self.d = daemon
        self.called = set()
        self.templates = [(p, re.compile("^" + re.sub(r"\{[^}]+\}", "[^?]+", re.escape(p)
                                                      .replace(r"\{", "{").replace(r"\}", "}"))
                                         + "$")) for p in spec["paths"]]

    def operation(self, path):
        # The longest template that matches: /documents/{key}/cited-by over /documents/{key}.
        best = None
        for p, rx in self.templates:
            if rx.match(path) and (best is None or len(p) > len(best)):
                best = p
        return best

    def call(self, method, target, status=200, body=None, headers=None):
        """Calls target, checks the status and validates a JSON answer; returns
        (parsed JSON or None, headers, raw body)."""
        got, hdrs, raw = self.d.call(method, target, body, headers)
        if got != status:
            fail("%s %s: status %d, expected %d: %s" % (method, target, got, status, raw[:200]))
            return None, hdrs, raw
        path = urllib.parse.unquote(target.split("?")[0])
        tpl = self.operation(path)
        if not tpl and status == 404:
            # A path no endpoint has: the error of every endpoint.
            value, errors = json.loads(raw), []
            validate(self.spec, {"$ref": "#/components/schemas/Error"}, value, "$", errors)
            for e in errors:
                fail("%s %s: %s" % (method, target, e))
            return value, hdrs, raw
        if not tpl:
            fail("%s: no path of the description matches" % target)
            return None, hdrs, raw
        op = self.spec["paths"][tpl].get(method.lower())
        if not op:
            fail("%s %s: the description has no such operation" % (method, tpl))
            return None, hdrs, raw
        self.called.add((tpl, method.lower()))
        resp = op["responses"].get(str(status))
        if not resp:
            fail("%s %s: status %d not described" % (method, tpl, status))
            return None, hdrs, raw
        ctype = hdrs.get("Content-Type", "").split(";")[0].strip()
        content = resp.get("content", {})
        if ctype not in content:
            fail("%s %s: %s answer not described for %d" % (method, target, ctype, status))
            return None, hdrs, raw
        if ctype != "application/json":
            return None, hdrs, raw
        value = json.loads(raw)
        errors = []
        validate(self.spec, content[ctype]["schema"], value, "$", errors)
        for e in errors[:10]:
            fail("%s %s: %s" % (method, target, e))
        return value, hdrs, raw


# --- what the answers must say ---------------------------------------------

def utf16_slice(text, start16, end16):
    return text.encode("utf-16-le")[2 * start16:2 * end16].decode("utf-16-le")


def byte_slice(text, start, end):
    return text.encode("utf-8")[start:end].decode("utf-8")


def same_span(what, text, b, u):
    """Byte offsets b and UTF-16 offsets u must pick the same characters."""
    try:
        if byte_slice(text, *b) != utf16_slice(text, *u):
            fail("%s: bytes %r and UTF-16 %r differ: %r / %r" % (
                what, b, u, byte_slice(text, *b), utf16_slice(text, *u)))
    except UnicodeDecodeError as e:
        fail("%s: an offset inside a character: %r %r (%s)" % (what, b, u, e))


def paths_in(value):
    if isinstance(value, dict):
        return ("path" in value) + sum(paths_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(paths_in(v) for v in value)
    return 0


PHRASE = "\"kiểm soát quyền lực\""


def check_search(c, answers):
    o, _, _ = c.call("GET", "/api/search?q=%s&facets=1" % q(PHRASE))
    answers.append(o)
    if o:
        if len(o["results"]) != 4:
            fail("search %s: %d results, expected 4" % (PHRASE, len(o["results"])))
        marks = 0
        for h in o["results"]:
            for b, u in zip(h["highlights"], h["highlights16"]):
                marks += 1
                same_span("highlight of " + h["key"], h["snippet"], b, u)
                if byte_slice(h["snippet"], *b).lower() not in "kiểm soát quyền lực":
                    fail("highlight %r is no word of the query" % byte_slice(h["snippet"], *b))
            if len(h["highlights"]) != len(h["highlights16"]):
                fail("highlights and highlights16 of %s differ in number" % h["key"])
        if marks == 0:
            fail("no highlights in the search answer")
    o, _, _ = c.call("GET", "/api/search?q=loai:KL&limit=1&offset=1&sort=date")
    answers.append(o)
    c.call("GET", "/api/search", 400)
    c.call("GET", "/api/search?q=" + "a" * 5000, 414)


def check_documents(c, answers):
    for target in ["/api/documents/21-kl-tw-2021", "/api/documents/21-KL%2FTW",
                   "/api/documents?number=21-KL%2FTW", "/api/documents?number=21-KL/TW"]:
        o, _, _ = c.call("GET", target)
        answers.append(o)
        if o and (o["key"] != "21-kl-tw-2021" or "sections" not in o):
            fail("%s: key %s, expected 21-kl-tw-2021 with its sections" % (target, o["key"]))
    for label in ["I.2.3", "_"]:
        o, _, _ = c.call("GET", "/api/documents/21-kl-tw-2021/sections/" + label)
        answers.append(o)
    o, _, _ = c.call("GET", "/api/documents/21-kl-tw-2021/sections/I.2.3")
    if o and "kiểm soát quyền lực" not in (o["section"]["text"] or ""):
        fail("section I.2.3 of 21-KL/TW does not hold its text")
    # The whole document in one request: every section with its text.
    o, _, _ = c.call("GET", "/api/documents/21-kl-tw-2021?text=1")
    answers.append(o)
    if o:
        secs = {x["label"]: x for x in o["sections"]}
        if any("text" not in x for x in o["sections"]):
            fail("text=1: a section without its text")
        if "kiểm soát quyền lực" not in (secs.get("I.2.3", {}).get("text") or ""):
            fail("text=1: section I.2.3 of 21-KL/TW does not hold its text")
    o, _, _ = c.call("GET", "/api/documents/21-kl-tw-2021")
    if o and any("text" in x for x in o["sections"]):
        fail("the outline carries texts without text=1")
    c.call("GET", "/api/documents", 400)
    c.call("GET", "/api/documents?number=99-XX%2FTW", 404)
    c.call("GET", "/api/documents/no-such-doc", 404)


def check_citations(c, answers):
    for target in ["/api/documents/21-kl-tw-2021/cited-by", "/api/documents/21-KL%2FTW/cited-by",
                   "/api/cited-by?number=21-KL%2FTW", "/api/cited-by?number=21-KL/TW"]:
        o, _, _ = c.call("GET", target)
        answers.append(o)
        if not o:
            continue
        keys = [d["key"] for d in o["documents"]]
        if "256-kh-tu" not in keys:
            fail("%s: 256-kh-tu (the plan that cites 21-KL/TW) not among %s" % (target, keys))
        for d in o["documents"]:
            for m in d["mentions"]:
                same_span("mention in " + d["key"], m["snippet"], m["highlight"], m["highlight16"])
                if "21-KL/TW" not in byte_slice(m["snippet"], *m["highlight"]):
                    fail("the highlight of a mention does not hold 21-KL/TW")
    c.call("GET", "/api/cited-by", 400)
    o, _, _ = c.call("GET", "/api/cite?q=" + q("Nghị quyết 28"))
    answers.append(o)
    if o and (not o["candidates"] or o["candidates"][0]["number"] != "28-NQ/TW"):
        fail("cite Nghị quyết 28: not 28-NQ/TW first")
    c.call("GET", "/api/cite", 400)


DRAFT = ("Dự thảo báo cáo 😀 năm 2023.\n"
         "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2021 của Ban Chấp hành "
         "Trung ương Đảng khóa XIII.\n")


def zip_bomb():
    """A .docx whose document.xml inflates to 300 MB (some 300 KB sent)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>')
            for _ in range(300):
                f.write(b" " * 1000000)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def check_check(c, answers, tmpdir):
    o, _, _ = c.call("POST", "/api/check", body=DRAFT.encode(),
                     headers={"Content-Type": "text/plain; charset=utf-8"})
    answers.append(o)
    if o:
        if o["errors"] < 1:
            fail("the wrong date 17/11/2021 of 28-NQ/TW is not an error")
        for f in o["findings"]:
            same_span("finding", DRAFT, (f["start"], f["end"]), (f["start16"], f["end16"]))
            # The emoji (two UTF-16 units, four bytes) lies before every finding.
            if f["start"] > DRAFT.index("😀") and f["start"] - f["start16"] < 3:
                fail("start16 %d of byte %d does not count the emoji as two units" % (
                    f["start16"], f["start"]))
    c.call("POST", "/api/check", 400, body=b"", headers={"Content-Type": "text/plain"})
    c.call("POST", "/api/check", 406, body=DRAFT.encode(),
           headers={"Content-Type": "text/plain", "Accept": DOCX})
    docx = open(os.path.join(SRC, "tests/data/drafts/bao-cao-trich-dan.docx"), "rb").read()
    o, _, _ = c.call("POST", "/api/check?name=bao-cao.docx", body=docx,
                     headers={"Content-Type": DOCX})
    answers.append(o)
    if o:
        if o["file"] != "bao-cao.docx":
            fail("a Word draft's answer names %r, not bao-cao.docx" % o["file"])
        if o["citations"] < 1 or not o["findings"]:
            fail("the Word draft's citations were not checked: %s" % json.dumps(o)[:300])
    _, hdrs, raw = c.call("POST", "/api/check?name=bao-cao.docx", body=docx,
                          headers={"Content-Type": DOCX, "Accept": DOCX})
    if not hdrs.get("Content-Type", "").startswith(DOCX):
        fail("the annotated draft came as %s" % hdrs.get("Content-Type"))
    disp = hdrs.get("Content-Disposition", "")
    if not disp.startswith("attachment") or "bao-cao.checked.docx" not in disp:
        fail("Content-Disposition %r, expected an attachment bao-cao.checked.docx" % disp)
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        comments = z.read("word/comments.xml").decode("utf-8")
        if not re.search(r'w:author="vankien"', comments):
            fail("word/comments.xml holds no comment by vankien: %s" % comments[:300])
        z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        fail("the annotated draft is not a Word file with comments: %s" % e)
    # suggest_changes=1: the wrong date 25/10/2020 of 21-KL/TW (paragraph 4 of the
    # draft) also a tracked change by vankien; another value: 400.
    _, _, raw = c.call("POST", "/api/check?suggest_changes=1", body=docx,
                       headers={"Content-Type": DOCX, "Accept": DOCX})
    try:
        doc = zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml").decode("utf-8")
        if not re.search(r'<w:del [^>]*w:author="vankien"[^>]*>.*?25/10/2020.*?</w:del>'
                         r'<w:ins [^>]*w:author="vankien"[^>]*>.*?25/10/2021.*?</w:ins>', doc):
            fail("suggest_changes=1: no tracked change of 25/10/2020 into 25/10/2021")
    except (zipfile.BadZipFile, KeyError) as e:
        fail("suggest_changes=1: not a Word file: %s" % e)
    o, _, _ = c.call("POST", "/api/check?suggest_changes=2", 400, body=docx,
                     headers={"Content-Type": DOCX, "Accept": DOCX})
    if o and o["error"]["code"] != "bad_parameter":
        fail("suggest_changes=2: %s" % o)
    # A Word answer refused (q=0): JSON.
    o, _, _ = c.call("POST", "/api/check", body=docx,
                     headers={"Content-Type": DOCX, "Accept": "application/json, %s;q=0" % DOCX})
    if o and o["file"] != "draft.docx":
        fail("a Word draft without a name: file %r, expected draft.docx" % o["file"])
    # Without a name, the attachment is du-thao.checked.docx.
    _, hdrs, _ = c.call("POST", "/api/check", body=docx, headers={"Content-Type": DOCX,
                                                                  "Accept": DOCX})
    if "filename=\"du-thao.checked.docx\"" not in hdrs.get("Content-Disposition", ""):
        fail("default attachment name: %r" % hdrs.get("Content-Disposition"))
    # Broken Word files: 400 with a message that names the upload, not a server file.
    for broken in [b"not a zip at all", docx[:len(docx) // 2], b"PK\x03\x04" + b"\0" * 100,
                   zip_bomb()]:
        o, _, _ = c.call("POST", "/api/check?name=x.docx", 400, body=broken,
                         headers={"Content-Type": DOCX, "Accept": DOCX})
        if o and (o["error"]["code"] != "bad_draft" or "/tmp" in o["error"]["message"]
                  or "vankien-searchd-" in o["error"]["message"]
                  or "x.docx" not in o["error"]["message"]):
            fail("a broken .docx: %s" % o)
    left = os.listdir(tmpdir)
    if left:
        fail("temporary files left: %s" % left)


def check_stats(c, answers):
    o, _, _ = c.call("GET", "/api/stats")
    answers.append(o)
    if not o:
        return
    ex = o["examples"]
    if not 3 <= len(ex) <= 5:
        fail("%d examples, expected 3 to 5" % len(ex))
    # The samples' newest document with a number is 28-NQ/TW (17/11/2022), whose
    # title begins "về tiếp tục đổi mới"; KL and NQ have two documents each (KL
    # comes first); the latest year is 2022.
    want = ["so:28-NQ/TW", "\"tiếp tục đổi mới\"", "loai:KL", "nam:2022"]
    got = [e["query"] for e in ex]
    if got != want:
        fail("examples %s, expected %s" % (got, want))
    for e in ex:
        r, _, _ = c.call("GET", "/api/search?q=" + q(e["query"]))
        if r and r["total"] < 1:
            fail("the example %r finds nothing" % e["query"])
        if r and e["query"].startswith("so:") and r["results"][0]["number"] != e["query"][3:]:
            fail("the example %r does not find its document" % e["query"])


def check_analyze(c, answers):
    text = "😀 Việt Nam, Nghị quyết 57-NQ/TW"
    o, _, _ = c.call("GET", "/api/analyze?text=" + q(text))
    answers.append(o)
    if o:
        # Worked out by hand: the emoji is 4 bytes and 2 units, then a space;
        # "Việt" is bytes 5-11 (ệ three bytes), units 3-7.
        viet = [t for t in o["tokens"] if t["text"] == "Việt"]
        if not viet or (viet[0]["start"], viet[0]["end"], viet[0]["start16"], viet[0]["end16"]) \
                != (5, 11, 3, 7):
            fail("Việt: %s, expected bytes 5-11 and units 3-7" % viet)
        docnum = [t for t in o["tokens"] if t["kind"] == "docnum"]
        if not docnum or docnum[0]["exact"] != "57-nq/tw":
            fail("no docnum 57-nq/tw among %s" % o["tokens"])
        for t in o["tokens"]:
            same_span("token " + t["text"], text, (t["start"], t["end"]),
                      (t["start16"], t["end16"]))
            if byte_slice(text, t["start"], t["end"]) != t["text"]:
                fail("token %r: its offsets give %r" % (t["text"],
                     byte_slice(text, t["start"], t["end"])))
    for target, status in [("/api/analyze", 400), ("/api/analyze?text=", 400),
                           ("/api/analyze?text=%FF%FE", 400),
                           ("/api/analyze?text=" + "a" * 3000, 414)]:
        o, _, _ = c.call("GET", target, status)
        if o and status == 400 and o["error"]["code"] not in ("missing_parameter", "bad_encoding"):
            fail("%s: code %s" % (target, o["error"]["code"]))


def check_rest(c, answers, spec):
    o, _, _ = c.call("GET", "/api/health")
    answers.append(o)
    o, _, _ = c.call("GET", "/api/openapi.json")
    if o != spec:
        fail("/api/openapi.json is not searchd/openapi.json")
    c.call("GET", "/api/nope", 404)


def main():
    spec = json.load(open(os.path.join(SRC, "searchd/openapi.json"), encoding="utf-8"))
    check_validator()
    base = os.environ.get("VK_TMPDIR", "/tmp")
    os.makedirs(base, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="vk-openapi-", dir=base)
    try:
        db = os.path.join(tmp, "db")
        subprocess.run([os.path.join(BIN, "vankien"), "index", "--quiet", "--db", db,
                        os.path.join(SRC, "corpus/samples")], check=True)
        d = Daemon(db, tmp, "plain")
        c = Checker(spec, d)
        answers = []
        try:
            check_search(c, answers)
            check_documents(c, answers)
            check_citations(c, answers)
            check_check(c, answers, d.tmpdir)
            check_stats(c, answers)
            check_analyze(c, answers)
            check_rest(c, answers, spec)
        finally:
            d.stop()
        n = sum(paths_in(a) for a in answers if a)
        if n:
            fail("%d \"path\" members without --show-paths" % n)
        for p, ops in spec["paths"].items():
            for m in ops:
                if (p, m) not in c.called:
                    fail("%s %s was never called" % (m.upper(), p))
        # With --show-paths the files are named, and still as described.
        d = Daemon(db, tmp, "paths", "--show-paths")
        c = Checker(spec, d)
        try:
            o, _, _ = c.call("GET", "/api/stats")
            if o and o.get("path") != db:
                fail("--show-paths: stats path %r, expected %r" % (o.get("path"), db))
            o, _, _ = c.call("GET", "/api/search?q=%s" % q(PHRASE))
            if o and not all(h.get("path", "").startswith(SRC) for h in o["results"]):
                fail("--show-paths: results without their path")
            c.call("GET", "/api/documents/21-kl-tw-2021")
        finally:
            d.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("test_openapi: all checks passed (%d operations)" % sum(len(v) for v in spec["paths"].values()))


if __name__ == "__main__":
    main()
