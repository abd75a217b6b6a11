// SPDX-License-Identifier: GPL-2.0-or-later
// Browser test of the vankien-searchd web page, in Debian's headless Chromium through
// playwright-core. It starts nothing: the daemon, over an index of corpus/samples, is at
// $VK_BASE_URL (run_browser_test.sh sets it up). Screenshots go to $VK_SCREENSHOT (the desktop
// results page) and beside it (-narrow.png, -doc.png, -doc-narrow.png, -check.png,
// -check-narrow.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const BASE = (process.env.VK_BASE_URL || "").replace(/\/+$/, "");
const SHOT = process.env.VK_SCREENSHOT || path.join(os.tmpdir(), "vankien-browser.png");
const CHROMIUM = process.env.VK_CHROMIUM || "/usr/bin/chromium";
const QUERY = "kiểm soát quyền lực";
const DRAFTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data", "drafts");
const draft = (name) => readFileSync(path.join(DRAFTS, name), "utf8");

const shot = (suffix) => SHOT.replace(/(\.png)?$/, suffix + ".png");

let browser;
let context;
let page;
const problems = []; // console errors (CSP violations among them) and uncaught exceptions

before(async () => {
    assert.ok(BASE, "VK_BASE_URL must give the daemon's base URL");
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on("console", (m) => {
        // The bad query below is answered with a 400, which Chromium logs.
        if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push("console: " + m.text());
    });
    page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
});

after(async () => {
    if (browser) await browser.close();
});

const hits = () => page.locator("#results > li");
const findings = () => page.locator("#findings > li");

async function overflow() {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("the page loads with its search box and no errors", async () => {
    await page.goto(BASE + "/");
    await assert.doesNotReject(page.locator("#q").waitFor());
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    await page.locator("#health").filter({ hasText: "đoạn" }).waitFor();
});

test("typing a query shows results with highlighted matches", async () => {
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
    await page.screenshot({ path: SHOT, fullPage: true });
});

test("a facet click narrows the results, and back undoes it", async () => {
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
    await page.goto(BASE + "/?q=" + encodeURIComponent(QUERY) + "&limit=2");
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
    await page.goto(BASE + "/?q=" + encodeURIComponent(QUERY));
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

test("a result opens its document, its outline and a section, with the keyboard", async () => {
    await page.goto(BASE + "/?q=" + encodeURIComponent(QUERY) + "&type=KL");
    await hits().first().waitFor();
    await page.focus("#q");
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement.matches(".hit-title a"));
    }
    assert.ok(reached, "Tab reaches the first result's title");
    await page.keyboard.press("Enter");
    await page.locator("#doc-view").waitFor({ state: "visible" });
    await page.waitForURL(/doc=/);
    assert.match(await page.locator("#doc-title").textContent(), /Kết luận\s*số \d+-KL\//);
    const outline = page.locator("#outline-list a");
    assert.ok((await outline.count()) > 3, "an outline");
    // The result's own section is shown, with its text.
    await page.locator("#section-text .text p").first().waitFor();
    const current = await page.locator('#outline-list a[aria-current]').textContent();
    assert.ok(current.length > 0);

    const other = outline.nth(1);
    const label = new URL(await other.getAttribute("href"), BASE).searchParams.get("sec");
    await other.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("sec") === label);
    await page.locator("#section-text h2").filter({ hasText: "Mục " + label }).waitFor();
    assert.ok((await page.locator("#section-text .text p").count()) > 0, "the section's text");
    assert.equal(await page.evaluate(() => document.activeElement.id), "section-text");
    assert.equal(await page.locator('#outline-list a[aria-current]').getAttribute("href"),
        await other.getAttribute("href"));
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

test("a narrow screen does not scroll sideways", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(BASE + "/?q=" + encodeURIComponent(QUERY));
    await page.locator("#results mark").first().waitFor();
    assert.ok((await overflow()) <= 0, "results overflow by " + (await overflow()) + " px");
    await page.screenshot({ path: shot("-narrow"), fullPage: true });
    await page.locator(".hit-title a").first().click();
    await page.locator("#section-text .text p").first().waitFor();
    assert.ok((await overflow()) <= 0, "document overflows by " + (await overflow()) + " px");
    await page.screenshot({ path: shot("-doc-narrow"), fullPage: true });
});

test("the draft check fits a narrow screen", async () => {
    await page.goto(BASE + "/?view=check");
    await checkDraft(draft("sai.md"));
    assert.ok((await overflow()) <= 0, "the check overflows by " + (await overflow()) + " px");
    const quote = await finding("ERROR", "quote");
    await quote.li.locator("button.finding-go").click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "mark-" + quote.i);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot("-check-narrow"), fullPage: true });
});

test("nothing went wrong in the page", () => {
    assert.deepEqual(problems, []);
});
