// SPDX-License-Identifier: GPL-2.0-or-later
// Browser test of the vankien-searchd web page, in Debian's headless Chromium through
// playwright-core, on a desktop (1366×768) and a phone (390×844) screen. It starts nothing: the
// daemon, over an index of corpus/samples, is at $VK_BASE_URL (run_browser_test.sh sets it up).
// Screenshots, kept as the test's artifacts, go to $VK_SCREENSHOT (the desktop results page)
// and beside it (-home.png, -doc.png, -none.png, -check.png, -docx.png, and -phone-*.png). The
// checked Word draft it downloads is read as a zip with node's zlib (no unzip needed).
//
// What corpus/samples holds, read from its files: the documents numbered 28-NQ/TW (also copied
// as nghi-quyet-hoi-nghi-6-khoa-xiii), 21-KL/TW, 04-KL/BTCTW and 256-KH/TU, the last one
// titled by a whole paragraph (376 characters); nothing numbered 99-NQ/TW, no Thông báo (TB).
//
// The Word draft tests/data/drafts/bao-cao-trich-dan.docx, read from its word/document.xml (or
// its twin bao-cao-trich-dan.fodt), has five paragraphs: a title (1, 2), then (3) "Thực hiện
// Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về ..."
// (right: 28-NQ/TW is of 17/11/2022), (4) "Đảng ủy tiếp tục quán triệt Kết luận số 21-KL/TW,
// ngày 25/10/2020 của Ban Chấp hành Trung ương Đảng khóa XIII về ..." (wrong: 21-KL/TW is of
// 25/10/2021; the date at character 56, the citation at 29), (5) "Nơi nhận: ...". No quote.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const BASE = (process.env.VK_BASE_URL || "").replace(/\/+$/, "");
const SHOT = process.env.VK_SCREENSHOT || path.join(os.tmpdir(), "vankien-browser.png");
const CHROMIUM = process.env.VK_CHROMIUM || "/usr/bin/chromium";
const QUERY = "kiểm soát quyền lực";
const NUMBERS = ["28-NQ/TW", "21-KL/TW", "04-KL/BTCTW", "256-KH/TU"]; // of corpus/samples
const DRAFTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data", "drafts");
const draft = (name) => readFileSync(path.join(DRAFTS, name), "utf8");
const DOCX = path.join(DRAFTS, "bao-cao-trich-dan.docx");
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

const shot = (suffix) => SHOT.replace(/(\.png)?$/, suffix + ".png");
const searchUrl = (q, extra = "") => BASE + "/?q=" + encodeURIComponent(q) + extra;

let browser;
let context;
let page;
const problems = []; // console errors (CSP violations among them) and uncaught exceptions

function watch(p) {
    p.setDefaultTimeout(15000);
    p.on("console", (m) => {
        // The bad query below is answered with a 400, which Chromium logs.
        if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push("console: " + m.text());
    });
    p.on("pageerror", (e) => problems.push("pageerror: " + e.message));
    return p;
}

before(async () => {
    assert.ok(BASE, "VK_BASE_URL must give the daemon's base URL");
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    context = await browser.newContext({ viewport: DESKTOP, locale: "vi-VN" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
    page = watch(await context.newPage());
});

after(async () => {
    if (browser) await browser.close();
});

const hits = () => page.locator("#results > li");
const findings = () => page.locator("#findings > li");
const api = async (p) => (await fetch(BASE + p)).json();

async function overflow() {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// The page shows no "null" and no file path of the server (the API may still send one).
async function assertClean(where) {
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\bnull\b|undefined|NaN/, where + ": null, undefined or NaN shown");
    // A file's name ("x.md"), not the extensions the draft's file input names (".txt, .md").
    assert.doesNotMatch(text, /corpus\/samples|\w\.md\b|\w\.txt\b|\/tmp\//, where + ": a file path shown");
    const titles = await page.evaluate(() => [...document.querySelectorAll("[title]")].map((n) => n.title));
    assert.ok(titles.every((t) => !/corpus\/samples|\/tmp\//.test(t)), where + ": a path in a tooltip");
}

// Loads the page afresh and presses Tab until fn(active element) holds; returns the elements
// passed, each as {tag, id, cls, text, hit, facet}.
async function tabUntil(fn, most = 80) {
    await page.reload();
    await hits().first().waitFor();
    const seen = [];
    for (let i = 0; i < most; i++) {
        await page.keyboard.press("Tab");
        const a = await page.evaluate(() => {
            const n = document.activeElement;
            return { tag: n.tagName, id: n.id, cls: n.className, text: (n.textContent || "").trim().slice(0, 60),
                hit: n.matches(".hit-title a"), facet: n.matches("#facets button") };
        });
        seen.push(a);
        if (fn(a)) return seen;
    }
    return seen;
}

test("the page loads with its search box and no errors", async () => {
    await page.goto(BASE + "/");
    await assert.doesNotReject(page.locator("#q").waitFor());
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    await page.locator("#health").filter({ hasText: "đoạn" }).waitFor();
});

test("the start page's examples come from the index", async () => {
    await page.locator("#examples a.example").first().waitFor();
    const queries = await page.locator("#examples a.example").allTextContents();
    const num = queries.map((q) => /^so:(\S+)$/.exec(q)).find(Boolean);
    assert.ok(num, "a so:NUMBER example among " + queries.join(" | "));
    assert.ok(NUMBERS.includes(num[1]), num[1] + " is a number of corpus/samples");
    assert.ok(queries.some((q) => /^loai:(NQ|KL)$/.test(q)), "the most frequent type (NQ, KL: 2 each)");
    const phrase = queries.find((q) => /^".+"$/.test(q));
    assert.ok(phrase, "a phrase example");
    // The syntax help shows that number too, not one the index may lack.
    assert.equal(await page.locator("#help code.ex-number").textContent(), "so:" + num[1]);
    await page.screenshot({ path: shot("-home"), fullPage: true });

    await page.locator("#examples a.example", { hasText: "so:" + num[1] }).click();
    await hits().first().waitFor();
    assert.equal(await hits().first().locator(".num").textContent(), num[1]);
    await page.goBack();
    await page.locator("#examples a.example", { hasText: phrase }).click();
    await hits().first().waitFor();
    assert.ok((await hits().count()) >= 1, "the phrase finds its document");
    await assertClean("results of an example");
});

test("examples given by /api/stats are the ones shown", async () => {
    const p = watch(await context.newPage());
    await p.route("**/api/stats", async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        body.examples = [{ query: "so:04-KL/BTCTW", label: "Kết luận về công tác tổ chức" },
            { query: "trich:28-NQ/TW", label: "Văn bản trích dẫn Nghị quyết 28" }];
        await route.fulfill({ response: res, json: body });
    });
    await p.goto(BASE + "/");
    await p.locator("#examples a.example").first().waitFor();
    assert.deepEqual(await p.locator("#examples a.example").allTextContents(),
        ["so:04-KL/BTCTW", "trich:28-NQ/TW"]);
    assert.match(await p.locator("#examples").textContent(), /Kết luận về công tác tổ chức/);
    await p.close();
});

test("typing a query shows results with highlighted matches", async () => {
    await page.goto(BASE + "/");
    await page.keyboard.press("/"); // the shortcut to the search box
    assert.equal(await page.evaluate(() => document.activeElement.id), "q");
    await page.keyboard.type(QUERY);
    await page.keyboard.press("Enter");
    await hits().first().waitFor();
    assert.ok((await hits().count()) >= 3, "several documents match");
    const marks = await page.locator("#results mark").allTextContents();
    assert.ok(marks.length > 0, "matches are marked");
    assert.ok(marks.some((m) => m.toLowerCase().includes("kiểm soát")), "marks: " + marks.join(" | "));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("q"), QUERY, "the URL holds the query");
    assert.match(await page.locator("#status").textContent(), /văn bản/);
    assert.match(await hits().first().locator(".crumbs").textContent(), /\S/, "a breadcrumb");
    assert.match(await page.locator("#results time").first().textContent(), /^\d{2}\/\d{2}\/\d{4}$/);
    await assertClean("results");
    await page.screenshot({ path: SHOT, fullPage: true });
});

test("results come before the facets, on the screen and for Tab", async () => {
    const first = await hits().first().boundingBox();
    const facets = await page.locator("#facets").boundingBox();
    assert.ok(first.x < facets.x, "the facets are in the column on the right");
    assert.equal(await page.locator("#facets-toggle").isVisible(), false, "no Bộ lọc button on a wide screen");
    const seen = await tabUntil((a) => a.hit);
    assert.equal(seen[0].id, "skip", "the skip link is the first stop");
    assert.equal(seen[0].text, "Chuyển đến kết quả");
    assert.ok(seen[seen.length - 1].hit, "Tab reaches the first result");
    assert.ok(!seen.some((a) => a.facet), "no facet before the first result");
    // The skip link itself goes to the first result.
    await tabUntil((a) => a.id === "skip");
    await page.keyboard.press("Enter");
    assert.ok(await page.evaluate(() => document.activeElement.matches("#results > li:first-child .hit-title a")));
});

test("a long title is cut at a word, with …", async () => {
    const hit = hits().filter({ has: page.locator(".num", { hasText: "256-KH/TU" }) });
    const shown = await hit.locator(".hit-title a").textContent();
    const full = (await api("/api/documents/256-kh-tu")).title.replace(/\s+/g, " ").trim();
    assert.ok(full.length > 300, "the fixture's title is a paragraph");
    assert.ok(shown.length <= 201 && shown.endsWith("…"), shown);
    const kept = shown.slice(0, -1);
    assert.ok(full.startsWith(kept), "a beginning of the title");
    assert.match(full.slice(kept.length), /^[\s,;:.]/, "cut between words");
});

test("a facet click narrows the results, and back undoes it", async () => {
    await page.goto(searchUrl(QUERY));
    await hits().first().waitFor();
    const before = await hits().count();
    const kl = page.locator('#facets button[data-facet="type"][data-value="KL"]');
    const count = Number(await kl.locator(".count").evaluate((n) => n.firstChild.textContent));
    assert.ok(count > 0 && count < before, `KL facet ${count} of ${before}`);
    await kl.click();
    await page.waitForURL(/type=KL/);
    await page.waitForFunction((n) => document.querySelectorAll("#results > li").length === n, count);
    for (const b of await page.locator("#results .badge").allTextContents()) assert.equal(b, "Kết luận");
    assert.equal(await page.locator('#facets button[data-value="KL"]').getAttribute("aria-pressed"), "true");
    assert.equal(await page.inputValue("#f-type"), "KL", "the filter box shows the facet");

    await page.goBack();
    await page.waitForFunction((n) => document.querySelectorAll("#results > li").length === n, before);
    assert.equal(new URL(page.url()).searchParams.get("type"), null);
    await page.goForward();
    await page.waitForFunction((n) => document.querySelectorAll("#results > li").length === n, count);
});

test("paging goes forward and back", async () => {
    await page.goto(searchUrl(QUERY, "&limit=2"));
    await hits().first().waitFor();
    assert.equal(await hits().count(), 2);
    assert.match(await page.locator("#status").textContent(), /^Văn bản 1–2 trong \d+ văn bản/);
    const first = await page.locator(".hit-title a").allTextContents();
    await page.click('#pager a[rel="next"]');
    await page.waitForURL(/offset=2/);
    await page.waitForFunction(() => /^Văn bản 3–/.test(document.getElementById("status").textContent));
    const second = await page.locator(".hit-title a").allTextContents();
    assert.ok(second.every((t) => !first.includes(t)), "page 2 shows other documents");
    assert.equal(await page.getAttribute("#results", "start"), "3");
    await page.click('#pager a[rel="prev"]');
    await page.waitForURL((u) => !u.searchParams.has("offset"));
    assert.deepEqual(await page.locator(".hit-title a").allTextContents(), first);
});

test("the type filter in the form narrows too", async () => {
    await page.goto(searchUrl(QUERY));
    await hits().first().waitFor();
    const all = await hits().count();
    if (!(await page.locator("#filters").evaluate((d) => d.open))) await page.click("#filters summary");
    await page.selectOption("#f-type", "NQ");
    await page.waitForURL(/type=NQ/);
    await page.waitForFunction((n) => {
        const li = document.querySelectorAll("#results > li");
        return li.length > 0 && li.length < n;
    }, all);
    for (const b of await page.locator("#results .badge").allTextContents()) assert.equal(b, "Nghị quyết");
});

// The section node's place on the screen: {top, bottom}.
const place = (loc) => loc.evaluate((n) => {
    const r = n.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
});

test("a result opens its whole document at the hit's section, the query marked", async () => {
    await page.goto(searchUrl(QUERY, "&type=KL"));
    await hits().first().waitFor();
    const hitSec = await hits().first().locator(".hit-title a").evaluate((a) =>
        new URL(a.href).searchParams.get("sec"));
    await page.locator(".hit-title a").first().focus();
    await page.keyboard.press("Enter");
    await page.locator("#doc-view").waitFor({ state: "visible" });
    await page.waitForURL(/doc=/);
    const key = new URL(page.url()).searchParams.get("doc");
    assert.match(await page.locator("#doc-title").textContent(), /Kết luận\s*số \d+-KL\//);
    // Every section, in the API's order, and an outline linking to each.
    const doc = await api("/api/documents/" + encodeURIComponent(key));
    const labels = doc.sections.map((x) => x.label || "_");
    await page.locator("#doc-text .doc-sec").first().waitFor();
    assert.deepEqual(await page.locator("#doc-text .doc-sec").evaluateAll((ns) => ns.map((n) => n.dataset.sec)), labels);
    assert.ok(labels.length > 3, "several sections");
    assert.equal(await page.locator("#outline-list a").count(), labels.length);
    assert.ok((await page.locator("#doc-text .doc-sec .text p").count()) > labels.length, "their text");
    // At the hit's section, which has the focus.
    const sec = page.locator(`#doc-text .doc-sec[data-sec="${hitSec}"]`);
    const at = await place(sec);
    assert.ok(at.top >= -2 && at.top < DESKTOP.height / 2, "the hit's section at the top: " + at.top);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sec), hitSec);
    assert.equal(await page.locator("#outline-list a[aria-current]").getAttribute("href"),
        await page.locator(`#outline-list a[href$="sec=${encodeURIComponent(hitSec)}"]`).getAttribute("href"));
    // The query's words are marked in it.
    const marks = (await page.locator("#doc-text mark").allTextContents()).map((m) => m.toLowerCase());
    assert.ok(marks.length > 0, "marks in the document");
    assert.ok(marks.every((m) => /kiểm|soát|quyền|lực/.test(m)), "only the query's words: " + marks.join(" | "));
    assert.ok(marks.some((m) => m.includes("kiểm soát")), "kiểm soát is marked");
    assert.ok((await sec.locator("mark").count()) > 0, "in the hit's section too");
    await assertClean("document");
    assert.ok(doc.path === undefined || typeof doc.path === "string");

    // An outline link scrolls to its section and focuses it.
    const other = page.locator("#outline-list a").nth(1);
    const label = new URL(await other.getAttribute("href"), BASE).searchParams.get("sec");
    await other.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("sec") === label);
    await page.waitForFunction((l) => document.activeElement.dataset.sec === l, label);
    const top = (await place(page.locator(`#doc-text .doc-sec[data-sec="${label}"]`))).top;
    assert.ok(top >= -2 && top < 100, "scrolled to the section: " + top);
    await page.screenshot({ path: shot("-doc"), fullPage: false });
});

test("the citation button copies the usual citation", async () => {
    await page.click("#doc-head button.copy");
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(text, /^Kết luận số \d+-KL\/[A-Z]+, ngày \d{2}\/\d{2}\/\d{4} về \S/);
    await page.locator("#doc-head button.copy").filter({ hasText: "Đã sao chép" }).waitFor();
});

test("back returns to the results", async () => {
    await page.click("#back");
    await hits().first().waitFor();
    assert.equal(await page.locator("#doc-view").isVisible(), false);
});

test("without a title or a path, a document is named by its type, number and date", async () => {
    const p = watch(await context.newPage());
    const strip = async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        for (const r of body.results || [body]) {
            r.title = null;
            delete r.path;
        }
        await route.fulfill({ response: res, json: body });
    };
    await p.route(/\/api\/search\?/, strip);
    await p.route(/\/api\/documents\/21-kl-tw-2021(\?|$)/, strip);
    await p.goto(searchUrl("so:21-KL/TW"));
    const title = p.locator("#results > li .hit-title a").first();
    await title.waitFor();
    assert.equal(await title.textContent(), "Kết luận 21-KL/TW, 25/10/2021");
    await title.click();
    await p.locator("#doc-text .doc-sec").first().waitFor();
    assert.doesNotMatch(await p.locator("#doc-head").textContent(), /null/);
    assert.equal(await p.locator("#doc-head .doc-title").count(), 0, "no empty title line");
    assert.match(await p.title(), /^Kết luận 21-KL\/TW — /);
    const text = await p.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\bnull\b/);
    await p.close();
});

test("nothing found for so:NUMBER: the help offers trich:NUMBER", async () => {
    await page.goto(searchUrl("so:99-NQ/TW"));
    const none = page.locator("#no-results");
    await none.waitFor({ state: "visible" });
    assert.match(await none.textContent(), /Không tìm thấy văn bản nào cho “so:99-NQ\/TW”/);
    assert.equal(await hits().count(), 0);
    const cites = none.locator("a", { hasText: "trich:99-NQ/TW" });
    assert.equal(await cites.count(), 1, "a trich: link");
    assert.equal(new URL(await cites.getAttribute("href"), BASE).searchParams.get("q"), "trich:99-NQ/TW");
    await assertClean("no results");
    await page.screenshot({ path: shot("-none"), fullPage: true });
    await cites.click();
    await page.waitForURL((u) => u.searchParams.get("q") === "trich:99-NQ/TW");
});

test("nothing found: the query without its filter, or not as a phrase, are offered", async () => {
    await page.goto(searchUrl('"kiểm soát quyền lực" loai:TB')); // no Thông báo in the fixture
    const none = page.locator("#no-results");
    await none.waitFor({ state: "visible" });
    const unfiltered = none.locator("a", { hasText: /^"kiểm soát quyền lực"$/ });
    assert.equal(await unfiltered.count(), 1, await none.textContent());
    assert.ok(await none.locator("a", { hasText: "kiem soat quyen luc" }).count() === 1, "without diacritics");
    await unfiltered.click();
    await hits().first().waitFor();

    await page.goto(searchUrl('"đổi mới quyền lực"'));
    await none.waitFor({ state: "visible" });
    const words = none.locator("a", { hasText: /^đổi mới quyền lực$/ });
    assert.equal(await words.count(), 1, await none.textContent());
    await words.click();
    await hits().first().waitFor();
});

test("a misspelling gets a clickable suggestion; a bad query a message", async () => {
    await page.fill("#q", "kịp thơi");
    await page.press("#q", "Enter");
    const sug = page.locator("#suggestion a");
    await sug.waitFor();
    assert.match(await page.locator("#suggestion").textContent(), /^Có phải bạn muốn tìm: /);
    const word = await sug.textContent();
    await sug.click();
    await page.waitForFunction((w) => new URL(location.href).searchParams.get("q") === w, word);
    assert.equal(await page.inputValue("#q"), word);

    await page.fill("#q", '"kiểm soát');
    await page.press("#q", "Enter");
    await page.locator("#error").waitFor({ state: "visible" });
    assert.match(await page.locator("#error").textContent(), /cú pháp/);
});

// Puts text into the draft box as a paste would, and runs the check with Ctrl+Enter.
async function checkDraft(text) {
    await page.click("#draft-clear");
    assert.equal(await page.locator("#check-result").isVisible(), false, "Xoá hides the findings");
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.focus("#draft");
    await page.keyboard.press("Control+V");
    assert.equal(await page.inputValue("#draft"), text.replace(/\r\n?/g, "\n"), "the paste");
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() => !document.getElementById("check-result").hidden &&
        !document.getElementById("check-view").hasAttribute("aria-busy"));
}

// The finding of a field and severity, with its mark's text.
async function finding(severity, field) {
    const li = page.locator(`#findings > li[data-severity="${severity}"][data-field="${field}"]`).first();
    const i = await li.locator("button.finding-go").getAttribute("data-finding");
    const mark = page.locator("#mark-" + i);
    return { li, i, mark, text: await mark.textContent() };
}

test("the draft check is reached from the header, with the keyboard", async () => {
    await page.goto(BASE + "/");
    await page.focus("#nav-check");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("view") === "check");
    await page.locator("#check-view").waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "check-title");
    assert.equal(await page.getAttribute("#nav-check", "aria-current"), "page");
    assert.equal(await page.locator("#home").isVisible(), false);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "draft", "Tab reaches the box");
    await page.reload();
    await page.locator("#check-view").waitFor({ state: "visible" });
});

test("a wrong draft: the wrong date and the misquote are errors, marked in the text", async () => {
    const text = draft("sai.md");
    await checkDraft(text);
    assert.ok((await findings().count()) >= 5, "findings");
    assert.match(await page.locator("#check-summary").textContent(), /[1-9]\d* lỗi/);
    // The text is drawn whole, as text: the marks only wrap it.
    assert.equal(await page.locator("#draft-marked").textContent(), text.normalize("NFC"));

    const date = await finding("ERROR", "date");
    assert.match(await date.li.locator(".suggestion-fix").textContent(), /17\/11\/2022/);
    assert.match(await date.li.locator(".pos").textContent(), /^3:\d+$/);
    assert.equal(date.text, "17/11/2021", "the wrong date is marked");
    assert.match(await date.mark.getAttribute("class"), /\bsev-error\b/);

    const quote = await finding("ERROR", "quote");
    assert.match(quote.text, /^“Xây dựng cơ chế.*trong các cơ quan nhà nước”$/);
    assert.match(await quote.li.locator(".suggestion-fix").textContent(), /trong hệ thống chính trị/);
    assert.match(await quote.mark.getAttribute("class"), /\bsev-error\b/);

    const unknown = await finding("WARNING", "number");
    assert.equal(unknown.text, "99-NQ/TW");
    assert.match(await unknown.mark.getAttribute("class"), /\bsev-warning\b/);
    assert.ok((await page.locator("#draft-marked mark.sev-ok").count()) > 0, "a right citation is marked OK");

    // A click on a finding scrolls to its mark and focuses it; Escape goes back to the finding.
    await page.evaluate(() => window.scrollTo(0, 0));
    await quote.li.locator("button.finding-go").click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "mark-" + quote.i);
    assert.ok(await quote.mark.evaluate((m) => {
        const r = m.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
    }), "the mark is in view");
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.finding), quote.i);
    await date.li.locator("button.finding-go").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "mark-" + date.i);
    await page.screenshot({ path: shot("-check"), fullPage: true });
});

test("a decomposed (NFD) paste is marked at the same places", async () => {
    await checkDraft(draft("sai.md").normalize("NFD"));
    assert.equal((await finding("ERROR", "date")).text, "17/11/2021");
    assert.match((await finding("ERROR", "quote")).text, /^“Xây dựng cơ chế/);
    assert.equal((await finding("ERROR", "issuer")).text, "Bộ Chính trị");
});

test("a finding links to the cited document, and back returns to the check", async () => {
    await checkDraft(draft("sai.md"));
    const date = await finding("ERROR", "date");
    await date.li.locator("a[data-nav]").click();
    await page.waitForURL((u) => u.searchParams.get("doc") === "28-nq-tw-2022");
    await page.locator("#doc-view").waitFor({ state: "visible" });
    assert.match(await page.locator("#doc-title").textContent(), /28-NQ\/TW/);
    assert.match(await page.locator("#back").textContent(), /kiểm tra dự thảo/);
    await page.click("#back");
    await page.locator("#check-view").waitFor({ state: "visible" });
    assert.ok((await page.locator("#findings > li").count()) >= 5, "the findings are still there");
});

test("a number the draft cites twice is one finding, marked at both places", async () => {
    await checkDraft("Thực hiện Nghị quyết số 99-NQ/TW của Bộ Chính trị.\n\n" +
        "Quán triệt Nghị quyết số 99-NQ/TW đến các chi bộ.\n");
    assert.equal(await page.locator('#findings > li[data-field="number"]').count(), 1, "one finding");
    const marks = page.locator("#draft-marked mark.sev-warning");
    assert.equal(await marks.count(), 2, "two marks");
    assert.equal(await marks.nth(1).textContent(), "99-NQ/TW");
});

test("a right draft gives no error", async () => {
    await checkDraft(draft("dung.md"));
    assert.ok((await findings().count()) >= 3, "its citations are found");
    assert.equal(await page.locator('#findings > li[data-severity="ERROR"]').count(), 0,
        (await page.locator('#findings > li[data-severity="ERROR"]').allTextContents()).join(" | "));
    assert.equal(await page.locator("#draft-marked mark.sev-error").count(), 0);
    assert.ok((await page.locator("#draft-marked mark.sev-ok").count()) >= 3, "OK marks");
    assert.match(await page.locator("#check-summary").textContent(), /^0 lỗi/);
});

// The file `name` inside the zip archive buf, as text (its central directory read, the entry
// inflated with node's zlib); null when the archive has no such file.
function unzipEntry(buf, name) {
    let eocd = -1; // the end of the central directory, in the last 64 KiB
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557) && eocd < 0; i--) {
        if (buf.readUInt32LE(i) === 0x06054b50) eocd = i;
    }
    assert.ok(eocd >= 0, "a zip archive");
    let p = buf.readUInt32LE(eocd + 16);
    for (let k = buf.readUInt16LE(eocd + 10); k > 0; k--) {
        assert.equal(buf.readUInt32LE(p), 0x02014b50, "a central directory entry");
        const [method, size] = [buf.readUInt16LE(p + 10), buf.readUInt32LE(p + 20)];
        const [nlen, xlen, clen] = [buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32)];
        const local = buf.readUInt32LE(p + 42);
        if (buf.toString("utf8", p + 46, p + 46 + nlen) === name) {
            const at = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
            const raw = buf.subarray(at, at + size);
            return (method === 8 ? zlib.inflateRawSync(raw) : raw).toString("utf8");
        }
        p += 46 + nlen + xlen + clen;
    }
    return null;
}

// The requests to /api/check the page makes while fn runs: {url, method, headers}.
async function checkRequests(p, fn) {
    const seen = [];
    const on = async (r) => {
        if (new URL(r.url()).pathname === "/api/check") {
            seen.push({ url: new URL(r.url()), method: r.method(), headers: await r.allHeaders() });
        }
    };
    p.on("request", on);
    try {
        await fn();
    } finally {
        p.off("request", on);
    }
    return seen;
}

// Chooses the Word draft in the file input and checks it.
async function checkDocx(p = page) {
    await p.setInputFiles("#draft-file", DOCX);
    await p.locator("#draft-file-card").waitFor({ state: "visible" });
    await p.click("#check-run");
    await p.waitForFunction(() => !document.getElementById("check-result").hidden &&
        !document.getElementById("check-view").hasAttribute("aria-busy"));
}

test("a draft's summary: documents, citations, quotes, problems by field", async () => {
    // sai.md cites 28-NQ/TW three times, 21-KL/TW twice (once as a Chỉ thị) and 99-NQ/TW
    // (not in corpus/samples), and quotes 28-NQ/TW once; wrong: the date (17/11/2021), the
    // type (Chỉ thị), the term (khóa XII), the quote and the issuer (Bộ Chính trị); 99-NQ/TW
    // unknown, a warning.
    await page.goto(BASE + "/?view=check");
    await checkDraft(draft("sai.md"));
    assert.equal(await page.locator("#sum-documents").textContent(),
        "2 (và 1 số hiệu không có trong kho văn kiện)");
    assert.equal(await page.locator("#sum-citations").textContent(), "6");
    assert.equal(await page.locator("#sum-quotes").textContent(), "1");
    const byField = await page.locator("#sum-problems li").allTextContents();
    assert.deepEqual(byField.sort(), ["cơ quan ban hành: 1 lỗi, 0 cảnh báo", "khoá: 1 lỗi, 0 cảnh báo",
        "loại văn bản: 1 lỗi, 0 cảnh báo", "ngày ban hành: 1 lỗi, 0 cảnh báo",
        "số hiệu: 0 lỗi, 1 cảnh báo", "trích nguyên văn: 1 lỗi, 0 cảnh báo"]);
    assert.deepEqual(await page.locator("#check-overview dt").allTextContents(),
        ["Văn bản được trích dẫn", "Trích dẫn", "Câu trích đã kiểm tra", "Lỗi và cảnh báo theo loại"]);
    // Each fix as the words to replace and the right ones.
    const fix = async (field) => (await finding("ERROR", field)).li.locator(".suggestion-fix.replace");
    assert.equal(await (await fix("date")).textContent(), "Đề nghị sửa: thay “17/11/2021” bằng “17/11/2022”");
    assert.equal(await (await fix("type")).locator(".old").textContent(), "Chỉ thị");
    assert.equal(await (await fix("type")).locator(".new").textContent(), "Kết luận");
    assert.equal(await (await fix("term")).textContent(), "Đề nghị sửa: thay “XII” bằng “XIII”");
    // The marks come from the UTF-16 offsets: the issuer's, after many letters of two marks.
    assert.equal((await finding("ERROR", "issuer")).text, "Bộ Chính trị");
    assert.equal((await finding("ERROR", "term")).text, "XII");
});

test("a repeated finding lists its other place, which goes to its mark", async () => {
    await checkDraft("Thực hiện Nghị quyết số 99-NQ/TW của Bộ Chính trị.\n\n" +
        "Quán triệt Nghị quyết số 99-NQ/TW đến các chi bộ.\n");
    const li = page.locator('#findings > li[data-field="number"]');
    assert.match(await li.locator(".also .label").textContent(), /^Cũng gặp ở 1 chỗ khác:$/);
    // "Quán triệt Nghị quyết số " is 25 characters: the number at column 26 of line 3.
    const place = li.locator(".also button.place");
    assert.equal(await place.textContent(), "dòng 3, cột 26");
    await place.click();
    const i = await li.locator("button.finding-go").getAttribute("data-finding");
    assert.equal(await page.evaluate(() => document.activeElement.id), "mark-" + i + "-1");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "99-NQ/TW");
});

test("a Word draft is checked: findings by paragraph and character, no marked text", async () => {
    await page.goto(BASE + "/?view=check");
    assert.equal(await page.locator("#draft-download").isVisible(), false, "no download without a file");
    const reqs = await checkRequests(page, () => checkDocx());
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].method, "POST");
    assert.equal(reqs[0].url.searchParams.get("name"), "bao-cao-trich-dan.docx");
    assert.equal(reqs[0].headers["content-type"], DOCX_TYPE);
    assert.equal(reqs[0].headers.accept, "application/json");
    assert.equal(reqs[0].headers["accept-language"], "vi");
    assert.equal(await page.locator("#draft").isVisible(), false, "the box gives way to the file");
    assert.equal(await page.locator("#draft-file-name").textContent(), "bao-cao-trich-dan.docx");
    assert.equal(await page.locator("#draft-box").isVisible(), false, "no marked text for a Word draft");

    assert.equal(await findings().count(), 2, (await findings().allTextContents()).join(" | "));
    const ok = findings().nth(0);
    assert.equal(await ok.getAttribute("data-severity"), "OK");
    assert.equal(await ok.locator(".where").textContent(), "Đoạn 3, ký tự 11");
    assert.match(await ok.locator(".cited q").textContent(),
        /^Nghị quyết số 28-NQ\/TW, ngày 17\/11\/2022 của Ban Chấp hành Trung ương Đảng khóa XIII/);
    const err = findings().nth(1);
    assert.equal(await err.getAttribute("data-severity"), "ERROR");
    assert.equal(await err.getAttribute("data-field"), "date");
    assert.equal(await err.locator(".where").textContent(), "Đoạn 4, ký tự 56");
    assert.match(await err.locator(".cited q").textContent(), /^Kết luận số 21-KL\/TW, ngày 25\/10\/2020/);
    assert.equal(await err.locator(".suggestion-fix").textContent(),
        "Đề nghị sửa: thay “25/10/2020” bằng “25/10/2021”");
    // The daemon's message, in the page's language (Accept-Language: vi).
    assert.match(await err.locator(".finding-msg").textContent(), /25\/10\/2021, không phải 25\/10\/2020/);

    // The summary: the two documents are in corpus/samples; no quote; the date wrong once.
    assert.equal(await page.locator("#sum-documents").textContent(), "2");
    assert.equal(await page.locator("#sum-citations").textContent(), "2");
    assert.equal(await page.locator("#sum-quotes").textContent(), "0");
    assert.deepEqual(await page.locator("#sum-problems li").allTextContents(), ["ngày ban hành: 1 lỗi, 0 cảnh báo"]);
    assert.match(await page.locator("#check-summary").textContent(), /^1 lỗi 0 cảnh báo 1 đúng/);

    // The canonical citation of 21-KL/TW (corpus/samples/ket-luan-21-KL-TW.md), copied.
    await err.locator("button.copy").click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Kết luận số 21-KL\/TW, ngày 25\/10\/2021 của Ban Chấp hành Trung ương Đảng khóa XIII về /);
    assert.equal(await err.locator("button.copy").getAttribute("data-citation"), copied);
    await assertClean("a Word draft's findings");
    await page.screenshot({ path: shot("-docx"), fullPage: true });
});

test("the checked Word draft is downloaded, with vankien's review comment", async () => {
    const download = page.locator("#draft-download");
    assert.equal((await download.textContent()).trim(), "Tải bản đã kiểm tra (.docx)");
    let file;
    const reqs = await checkRequests(page, async () => {
        [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    });
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].headers.accept, DOCX_TYPE);
    assert.equal(reqs[0].headers["content-type"], DOCX_TYPE);
    assert.equal(reqs[0].headers["accept-language"], "vi");
    assert.equal(reqs[0].url.searchParams.get("name"), "bao-cao-trich-dan.docx");
    // Named as the daemon's Content-Disposition names it.
    assert.equal(file.suggestedFilename(), "bao-cao-trich-dan.checked.docx");
    const buf = readFileSync(await file.path());
    assert.equal(buf.toString("latin1", 0, 4), "PK\x03\x04", "a zip file");
    const comments = unzipEntry(buf, "word/comments.xml");
    assert.ok(comments, "word/comments.xml in the checked draft");
    assert.match(comments, /w:author="vankien"/);
    assert.match(comments, /25\/10\/2021/, "the comment gives the right date");
    const doc = unzipEntry(buf, "word/document.xml");
    assert.match(doc, /commentRangeStart/);
    assert.doesNotMatch(doc, /<w:ins\b|<w:del\b/, "no tracked change unless asked");
    assert.equal(reqs[0].url.searchParams.get("suggest_changes"), null);
    await page.locator("#status", { hasText: "bao-cao-trich-dan.checked.docx" }).waitFor();
});

test("the checked Word draft can suggest the fixes as tracked changes", async () => {
    const row = page.locator("#suggest-row");
    assert.equal((await row.textContent()).replace(/\s+/g, " ").trim(),
        "Đề xuất sửa bằng theo dõi thay đổi (track changes)");
    assert.equal(await page.isChecked("#suggest-changes"), false, "off unless asked");
    await page.check("#suggest-changes");
    let file;
    const reqs = await checkRequests(page, async () => {
        [file] = await Promise.all([page.waitForEvent("download"), page.click("#draft-download")]);
    });
    assert.equal(reqs[0].url.searchParams.get("suggest_changes"), "1");
    assert.equal(reqs[0].url.searchParams.get("name"), "bao-cao-trich-dan.docx");
    // Paragraph 4's wrong date deleted, the right one inserted, by vankien; the comment kept.
    const buf = readFileSync(await file.path());
    const doc = unzipEntry(buf, "word/document.xml");
    assert.match(doc, /<w:del\b[^>]*w:author="vankien"[^]*?<w:delText[^>]*>25\/10\/2020<\/w:delText>/);
    assert.match(doc, /<w:ins\b[^>]*w:author="vankien"[^]*?<w:t[^>]*>25\/10\/2021<\/w:t>/);
    assert.match(unzipEntry(buf, "word/comments.xml"), /w:author="vankien"/);
    await page.uncheck("#suggest-changes");
});

test("a Word draft dropped on the draft's area is taken; Bỏ tệp gives the box back", async () => {
    await page.goto(BASE + "/?view=check");
    await page.fill("#draft", "Nháp cũ");
    const b64 = readFileSync(DOCX).toString("base64");
    const dt = await page.evaluateHandle(([data, type]) => {
        const t = new DataTransfer();
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        t.items.add(new File([bytes], "du-thao keo tha.docx", { type }));
        return t;
    }, [b64, DOCX_TYPE]);
    await page.dispatchEvent("#draft-area", "dragover", { dataTransfer: dt });
    assert.match(await page.getAttribute("#draft-area", "class"), /\bdragging\b/);
    await page.dispatchEvent("#draft-area", "drop", { dataTransfer: dt });
    await page.locator("#draft-file-card").waitFor({ state: "visible" });
    assert.doesNotMatch(await page.getAttribute("#draft-area", "class"), /\bdragging\b/);
    assert.equal(await page.locator("#draft-file-name").textContent(), "du-thao keo tha.docx");
    const reqs = await checkRequests(page, async () => {
        await page.click("#check-run");
        await findings().first().waitFor();
    });
    assert.equal(reqs[0].url.searchParams.get("name"), "du-thao keo tha.docx");
    assert.equal(await page.locator('#findings > li[data-severity="ERROR"] .where').textContent(), "Đoạn 4, ký tự 56");
    await page.click("#draft-file-drop");
    assert.equal(await page.locator("#draft-file-card").isVisible(), false);
    assert.equal(await page.inputValue("#draft"), "Nháp cũ", "the box's text is kept");
    assert.equal(await page.locator("#check-result").isVisible(), false);
    assert.equal(await page.locator("#draft-download").isVisible(), false);
});

test("a text file is read into the box; one not in UTF-8 is sent as it is", async () => {
    await page.setInputFiles("#draft-file", { name: "du-thao.md", mimeType: "text/markdown",
        buffer: readFileSync(path.join(DRAFTS, "sai.md")) });
    await page.waitForFunction(() => document.getElementById("draft").value !== "Nháp cũ");
    assert.equal(await page.inputValue("#draft"), draft("sai.md"));
    assert.equal(await page.locator("#draft-file-card").isVisible(), false);
    await page.click("#check-run");
    assert.equal((await finding("ERROR", "date")).text, "17/11/2021", "marked in the text");

    // cp1258.txt is in Windows-1258: the daemon converts it. Its first line "Thực hiện Nghị
    // quyết số 28-NQ/TW, ngày 17/11/2021 ..." has the wrong date at column 40.
    await page.setInputFiles("#draft-file", path.join(DRAFTS, "cp1258.txt"));
    await page.locator("#draft-file-card").waitFor({ state: "visible" });
    assert.equal(await page.locator("#draft-download").isVisible(), false, "a Word file only for a Word draft");
    await page.click("#check-run");
    const date = page.locator('#findings > li[data-severity="ERROR"][data-field="date"]');
    await date.waitFor();
    assert.equal(await date.locator(".where").textContent(), "dòng 1, cột 40");
    assert.equal(await date.locator(".suggestion-fix").textContent(), "Đề nghị sửa: thay “17/11/2021” bằng “17/11/2022”");
    assert.equal(await page.locator("#draft-box").isVisible(), false);

    await page.setInputFiles("#draft-file", { name: "anh.png", mimeType: "image/png", buffer: Buffer.from("x") });
    await page.locator("#status", { hasText: "chỉ nhận tệp .docx, .txt hoặc .md" }).waitFor();
    assert.equal(await page.locator("#draft-file-card").isVisible(), false);
    await page.click("#draft-clear");
});

test("the Word draft check in English", async () => {
    const p = watch(await context.newPage());
    await p.goto(BASE + "/?view=check&lang=en");
    assert.equal((await p.locator("#draft-download").textContent()).trim(), "Download the checked draft (.docx)");
    assert.equal(await p.locator('label[for="draft-file"]').textContent(), "Or choose the draft's file (.docx, .txt, .md)");
    const reqs = await checkRequests(p, () => checkDocx(p));
    assert.equal(reqs[0].headers["accept-language"], "en", "the findings asked for in English");
    assert.equal(await p.locator("#draft-file-kind").textContent(), "Word draft");
    assert.equal(await p.locator("#draft-file-drop").textContent(), "Remove the file");
    assert.equal((await p.locator("#suggest-row").textContent()).trim(), "Suggest the fixes as tracked changes");
    const err = p.locator('#findings > li[data-severity="ERROR"]');
    assert.equal(await err.locator(".where").textContent(), "Paragraph 4, character 56");
    assert.match(await err.locator(".finding-msg").textContent(), /25\/10\/2021, not 25\/10\/2020/);
    assert.equal(await err.locator(".suggestion-fix").textContent(), "Suggested fix: replace “25/10/2020” with “25/10/2021”");
    assert.equal(await err.locator("button.copy").textContent(), "Copy the canonical citation");
    assert.deepEqual(await p.locator("#check-overview dt").allTextContents(),
        ["Documents cited", "Citations", "Quotes checked", "Errors and warnings by kind"]);
    assert.deepEqual(await p.locator("#sum-problems li").allTextContents(), ["date: 1 errors, 0 warnings"]);
    const [file] = await Promise.all([p.waitForEvent("download"), p.click("#draft-download")]);
    assert.equal(file.suggestedFilename(), "bao-cao-trich-dan.checked.docx");
    await p.locator("#status", { hasText: "bao-cao-trich-dan.checked.docx downloaded." }).waitFor();
    await p.close();
});

test("the citation helper gives the canonical citation and copies it", async () => {
    if (!(await page.locator("#cite-helper").evaluate((d) => d.open))) await page.click("#cite-helper summary");
    await page.fill("#cite-q", "NQ 28/TW");
    await page.press("#cite-q", "Enter");
    const first = page.locator("#cite-results .cite-item").first();
    await first.waitFor();
    const text = await first.locator(".cite-text").textContent();
    assert.match(text, /^Nghị quyết số 28-NQ\/TW, ngày 17\/11\/2022 của Ban Chấp hành Trung ương/);
    await first.locator("button.copy").click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
});


test("on a phone the first result is on the first screen, the facets behind Bộ lọc", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(searchUrl(QUERY));
    await hits().first().waitFor();
    const top = (await place(hits().first())).top;
    assert.ok(top < PHONE.height - 100, "the first result starts at " + top + " px");
    const toggle = page.locator("#facets-toggle");
    assert.equal(await toggle.textContent().then((t) => t.trim()), "Bộ lọc");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await page.locator("#facets button.facet").first().isVisible(), false, "facets hidden");
    assert.ok((await overflow()) <= 0, "results overflow by " + (await overflow()) + " px");
    await page.screenshot({ path: shot("-phone-results"), fullPage: false });

    const seen = await tabUntil((a) => a.hit);
    assert.equal(seen[0].id, "skip");
    assert.ok(seen[seen.length - 1].hit && !seen.some((a) => a.facet), "the result before any facet");

    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    const kl = page.locator('#facets button[data-facet="type"][data-value="KL"]');
    assert.ok(await kl.isVisible(), "the facets are shown");
    const below = (await place(page.locator("#facets"))).top;
    assert.ok(below > (await place(toggle)).top && below < (await place(hits().first())).top,
        "under their button, above the results");
    await page.screenshot({ path: shot("-phone-facets"), fullPage: false });
    await kl.click();
    await page.waitForURL(/type=KL/);
    await page.waitForFunction(() => [...document.querySelectorAll("#results .badge")].every((b) =>
        b.textContent === "Kết luận"));
    assert.match(await toggle.textContent(), /\(1 đang dùng\)/);
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await kl.isVisible(), false, "hidden again");
});

test("on a phone the document opens at the hit's section", async () => {
    await page.goto(searchUrl(QUERY));
    await hits().first().waitFor();
    const hitSec = await hits().first().locator(".hit-title a").evaluate((a) =>
        new URL(a.href).searchParams.get("sec"));
    await page.locator(".hit-title a").first().click();
    await page.locator("#doc-text .doc-sec").first().waitFor();
    const at = await place(page.locator(`#doc-text .doc-sec[data-sec="${hitSec}"]`));
    assert.ok(at.top >= -2 && at.top < PHONE.height / 2, "the section at the top: " + at.top);
    assert.equal(await page.locator("#outline-box").evaluate((d) => d.open), false, "the outline closed");
    assert.ok((await page.locator("#doc-text mark").count()) > 0);
    assert.ok((await overflow()) <= 0, "document overflows by " + (await overflow()) + " px");
    await assertClean("document on a phone");
    await page.screenshot({ path: shot("-phone-doc"), fullPage: false });
});

test("with ?lang=en the page is in English", async () => {
    await page.goto(searchUrl("so:99-NQ/TW", "&lang=en"));
    await page.locator("#no-results").waitFor({ state: "visible" });
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match(await page.locator("#no-results").textContent(), /^No document found for “so:99-NQ\/TW”/);
    assert.equal(await page.locator("#nav-check").textContent(), "Check a draft");
    const link = page.locator("#no-results a", { hasText: "trich:99-NQ/TW" });
    assert.equal(new URL(await link.getAttribute("href"), BASE).searchParams.get("lang"), "en",
        "links keep the language");
    await page.goto(searchUrl(QUERY, "&lang=en"));
    await hits().first().waitFor();
    assert.equal((await page.locator("#facets-toggle").textContent()).trim(), "Filters");
    assert.equal(await page.locator("#skip").textContent(), "Skip to results");
});

test("the draft check fits a phone screen", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(BASE + "/?view=check");
    await checkDraft(draft("sai.md"));
    assert.ok((await overflow()) <= 0, "the check overflows by " + (await overflow()) + " px");
    const quote = await finding("ERROR", "quote");
    await quote.li.locator("button.finding-go").click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "mark-" + quote.i);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot("-phone-check"), fullPage: true });
});

test("the Word draft check fits a phone screen", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(BASE + "/?view=check");
    await checkDocx();
    assert.ok((await overflow()) <= 0, "the Word draft's check overflows by " + (await overflow()) + " px");
    for (const sel of ["#draft-download", "#check-run", "#draft-file-drop", "#findings > li .suggestion-fix"]) {
        const box = await page.locator(sel).first().boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, sel + " within the screen");
    }
    const [file] = await Promise.all([page.waitForEvent("download"), page.click("#draft-download")]);
    assert.equal(file.suggestedFilename(), "bao-cao-trich-dan.checked.docx");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot("-phone-docx"), fullPage: true });
});

test("nothing went wrong in the page", () => {
    assert.deepEqual(problems, []);
});
