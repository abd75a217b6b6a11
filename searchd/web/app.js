// SPDX-License-Identifier: GPL-2.0-or-later
// app.js: the vankien search page. The URL holds the whole state (?q=&type=&year=&issuer=
// &section=&sort=&limit=&offset=, doc=&sec= for the document view, view=check for the draft
// check), so a search can be bookmarked and the back button works. Every node is built with DOM
// calls: text from the API never goes through innerHTML.
"use strict";

(() => {
  const DEFAULT_LIMIT = 10;
  const MAX_LIMIT = 100; // the daemon's default --max-limit
  const FILTERS = ["type", "year", "issuer", "section"];
  // The codes of corpus/types.c (Quy định and Quyết định share QĐ).
  const TYPES = [
    ["NQ", "Nghị quyết"], ["KL", "Kết luận"], ["KH", "Kế hoạch"], ["CT", "Chỉ thị"],
    ["QĐ", "Quy định, Quyết định"], ["CTr", "Chương trình"], ["ĐA", "Đề án"],
    ["CV", "Công văn"], ["HD", "Hướng dẫn"], ["TB", "Thông báo"], ["BC", "Báo cáo"],
    ["TTr", "Tờ trình"], ["QC", "Quy chế"], ["TT", "Thông tri"], ["TC", "Thông cáo"],
    ["BB", "Biên bản"], ["QH", "Quy hoạch"], ["BS", "Bản sao"],
  ];
  const typeNames = new Map(TYPES);
  const ERRORS = {
    bad_query: "Câu tìm kiếm chưa đúng cú pháp",
    bad_parameter: "Tham số không hợp lệ",
    missing_parameter: "Thiếu tham số",
    not_found: "Không tìm thấy",
    query_too_long: "Câu tìm kiếm quá dài",
    too_large: "Dự thảo dài quá giới hạn của máy chủ",
    missing_body: "Dự thảo trống",
    bad_draft: "Máy chủ không đọc được dự thảo",
    bad_citation: "Không hiểu được trích dẫn",
    index_unavailable: "Chưa mở được chỉ mục",
    network: "Không kết nối được với máy chủ tìm kiếm",
  };
  const NOTICES = {
    folded: "Không có kết quả khớp đúng dấu; dưới đây là kết quả tìm không dấu.",
    "any-word": "Không có văn bản nào chứa đủ mọi từ; dưới đây là kết quả chứa một phần các từ.",
  };

  const $ = (id) => document.getElementById(id);
  const el = {};
  let generation = 0; // bumped by each render; an answer for an older one is dropped
  let pendingFocus = null; // what to focus once the view is drawn
  const searchCache = new Map(); // API URL -> {time, data}, so "back" redraws at once
  const docCache = new Map();

  /* ---------- small helpers ---------- */

  // h("a", {href: x, class: "c"}, child, "text", ...): an element; strings become text nodes.
  function h(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") n.className = v;
      else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid != null && kid !== false) n.append(kid instanceof Node ? kid : String(kid));
    }
    return n;
  }

  // "2022-11-17" -> "17/11/2022" (also "2022-11" -> "11/2022").
  function viDate(iso) {
    const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(iso || "");
    if (!m) return iso || "";
    return [m[3], m[2], m[1]].filter(Boolean).map((p) => p.padStart(2, "0")).join("/");
  }

  // A text that only cites documents (a Q&A article, an encyclopedia page, a
  // news story) is named as such, never as a document.
  const NONDOC = { qa: "Hỏi đáp", encyclopedia: "Bách khoa", news: "Tin tức" };

  function typeName(d) {
    if (d.nondoc) return (NONDOC[d.nondoc] || "Tài liệu khác") + " (không phải văn bản)";
    return d.type || typeNames.get(d.type_code) || d.type_code || "Văn bản";
  }

  // "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 về tiếp tục đổi mới ...".
  function citation(d) {
    let s = typeName(d);
    if (d.number) s += " số " + d.number;
    if (d.date) s += ", ngày " + viDate(d.date);
    const title = (d.title || "").trim();
    if (title) {
      const first = title.split(/\s/, 1)[0];
      if (/^về$/iu.test(first)) s += " " + title;
      else if (first === first.toUpperCase()) s += " về " + title; // an acronym or all caps
      else s += " về " + title.charAt(0).toLowerCase() + title.slice(1);
    }
    return s;
  }

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  // The text with <mark> over the byte ranges [[start, end], ...] of its UTF-8 form. Ranges
  // are clamped, widened to whole characters, sorted, and joined when only spaces part them,
  // so a phrase is one mark.
  function marked(text, ranges) {
    const bytes = encoder.encode(text || "");
    const n = bytes.length;
    const cont = (i) => i < n && (bytes[i] & 0xc0) === 0x80;
    const spans = [];
    for (const r of Array.isArray(ranges) ? ranges : []) {
      if (!Array.isArray(r) || !Number.isFinite(r[0]) || !Number.isFinite(r[1])) continue;
      let a = Math.max(0, Math.min(n, Math.trunc(r[0])));
      let b = Math.max(0, Math.min(n, Math.trunc(r[1])));
      while (a > 0 && cont(a)) a--;
      while (b < n && cont(b)) b++;
      if (a < b) spans.push([a, b]);
    }
    spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const joined = [];
    for (const s of spans) {
      const last = joined[joined.length - 1];
      if (last && (s[0] <= last[1] || bytes.subarray(last[1], s[0]).every((c) => c === 0x20))) {
        last[1] = Math.max(last[1], s[1]);
      } else {
        joined.push(s);
      }
    }
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const [a, b] of joined) {
      if (a > pos) frag.append(decoder.decode(bytes.subarray(pos, a)));
      frag.append(h("mark", null, decoder.decode(bytes.subarray(a, b))));
      pos = b;
    }
    if (pos < n) frag.append(decoder.decode(bytes.subarray(pos)));
    return frag;
  }

  function crumbs(list, label) {
    if (!Array.isArray(list) || list.length === 0) return null;
    return h("ol", { class: "crumbs", "aria-label": label || "Vị trí trong văn bản" },
      list.map((c) => h("li", null, c)));
  }

  /* ---------- state and URL ---------- */

  function readState(search) {
    const p = new URLSearchParams(search);
    const limit = Number(p.get("limit"));
    const offset = Number(p.get("offset"));
    const s = {
      q: p.get("q") || "",
      sort: p.get("sort") === "date" ? "date" : "relevance",
      limit: Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? limit : DEFAULT_LIMIT,
      offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
      doc: p.get("doc") || "",
      sec: p.get("sec") || "",
      view: p.get("view") === "check" ? "check" : "",
    };
    for (const f of FILTERS) s[f] = (p.get(f) || "").trim();
    return s;
  }

  function stateUrl(s) {
    const p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    if (s.sort !== "relevance") p.set("sort", s.sort);
    if (s.limit !== DEFAULT_LIMIT) p.set("limit", String(s.limit));
    if (s.offset > 0) p.set("offset", String(s.offset));
    if (s.view) p.set("view", s.view);
    if (s.doc) p.set("doc", s.doc);
    if (s.doc && s.sec) p.set("sec", s.sec);
    const qs = p.toString();
    return location.pathname + (qs ? "?" + qs : "");
  }

  const current = () => readState(location.search);
  const hasSearch = (s) => s.q.trim() !== "" || FILTERS.some((f) => s[f]);
  const withChanges = (changes) => ({ ...current(), ...changes });

  // Goes to a URL of this page: a new history entry, then draws it.
  function go(url, focus) {
    const st = history.state || {};
    history.replaceState({ ...st, scroll: window.scrollY }, "");
    history.pushState({}, "", url);
    pendingFocus = focus || null;
    render(true);
  }

  /* ---------- API ---------- */

  class ApiError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  async function getJson(url, init) {
    let res;
    try {
      const headers = { Accept: "application/json", ...(init && init.headers) };
      res = await fetch(url, { ...init, headers });
    } catch (e) {
      throw new ApiError("network", "");
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok || !body || body.error) {
      const err = (body && body.error) || {};
      throw new ApiError(err.code || "http_" + res.status, err.message || res.statusText);
    }
    return body;
  }

  async function cachedSearch(url) {
    const hit = searchCache.get(url);
    if (hit && Date.now() - hit.time < 60000) return hit.data;
    const data = await getJson(url);
    searchCache.set(url, { time: Date.now(), data });
    if (searchCache.size > 30) searchCache.delete(searchCache.keys().next().value);
    return data;
  }

  function showError(e) {
    const prefix = ERRORS[e.code] || "Lỗi máy chủ";
    el.error.textContent = e.message ? prefix + " (" + e.message + ")." : prefix + ".";
    el.error.hidden = false;
    el.status.textContent = "";
  }

  /* ---------- the search form ---------- */

  function fillForm(s) {
    el.q.value = s.q;
    for (const f of FILTERS) el["f-" + f].value = s[f];
    if (s.type && el["f-type"].value !== s.type) {
      el["f-type"].append(h("option", { value: s.type }, s.type));
      el["f-type"].value = s.type;
    }
    el["f-sort"].value = s.sort;
    if (!el["f-limit"].querySelector('option[value="' + s.limit + '"]')) {
      el["f-limit"].append(h("option", { value: s.limit }, String(s.limit)));
    }
    el["f-limit"].value = String(s.limit);
    const n = FILTERS.filter((f) => s[f]).length;
    el["filter-count"].textContent = n ? "(" + n + " đang dùng)" : "";
    if (n) el.filters.open = true;
  }

  function formState() {
    const s = { q: el.q.value.trim(), doc: "", sec: "", view: "", offset: 0 };
    for (const f of FILTERS) s[f] = el["f-" + f].value.trim();
    s.sort = el["f-sort"].value === "date" ? "date" : "relevance";
    s.limit = Number(el["f-limit"].value) || DEFAULT_LIMIT;
    return s;
  }

  /* ---------- search results ---------- */

  function apiSearchUrl(s) {
    const p = new URLSearchParams({ q: s.q, limit: String(s.limit), offset: String(s.offset),
      facets: "1" });
    if (s.sort !== "relevance") p.set("sort", s.sort);
    for (const f of FILTERS) if (s[f]) p.set(f, s[f]);
    return "/api/search?" + p.toString();
  }

  async function showSearch(s, gen) {
    el.docView.hidden = true;
    el.checkView.hidden = true;
    document.title = (s.q ? s.q + " — " : "") + "Tra cứu văn kiện — vankien";
    if (!hasSearch(s)) {
      el.searchView.hidden = true;
      el.home.hidden = false;
      el.status.textContent = "";
      return;
    }
    el.home.hidden = true;
    el.status.textContent = "Đang tìm…";
    el.main.setAttribute("aria-busy", "true");
    let data;
    try {
      data = await cachedSearch(apiSearchUrl(s));
    } catch (e) {
      if (gen !== generation) return;
      el.main.removeAttribute("aria-busy");
      el.searchView.hidden = true;
      showError(e);
      return;
    }
    if (gen !== generation) return;
    el.main.removeAttribute("aria-busy");
    el.searchView.hidden = false;
    drawResults(s, data);
  }

  function drawResults(s, data) {
    const results = Array.isArray(data.results) ? data.results : [];
    const total = Number(data.total) || 0;
    const took = Number(data.took_ms);
    const tookText = Number.isFinite(took)
      ? " (" + took.toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " ms)" : "";
    if (total === 0) {
      el.status.textContent = "Không tìm thấy văn bản nào." + tookText;
    } else {
      const from = s.offset + 1;
      const to = s.offset + results.length;
      el.status.textContent = (total > results.length
        ? "Văn bản " + from + "–" + to + " trong " + total + " văn bản tìm thấy"
        : "Tìm thấy " + total + " văn bản") + tookText + ".";
    }

    el.notice.hidden = !NOTICES[data.notice];
    el.notice.textContent = NOTICES[data.notice] || "";

    el.suggestion.replaceChildren();
    el.suggestion.hidden = !data.suggestion;
    if (data.suggestion) {
      el.suggestion.append("Có phải bạn muốn tìm: ",
        h("a", { href: stateUrl({ ...s, q: data.suggestion, offset: 0 }), "data-nav": true },
          data.suggestion), "?");
    }

    drawFacets(s, data.facets || {});
    el.results.replaceChildren(...results.map((r) => resultItem(s, r)));
    el.results.setAttribute("start", String(s.offset + 1));
    drawPager(s, total, results.length);
  }

  // How a section is named: "Mục III.3.2" in resolutions and plans; a
  // regulation's parts name themselves ("Điều 5, khoản 2", "Chương II").
  // Labels are link keys, never shown: a repeated number's "~2" is not.
  function sectionName(sec) {
    const shown = sec.display || sec.label || "";
    return !sec.kind || ["roman", "arabic", "letter"].includes(sec.kind) ? "Mục " + shown : shown;
  }

  function resultItem(s, r) {
    const open = stateUrl({ ...s, doc: r.key, sec: (r.section && r.section.label) || "_" });
    const head = typeName(r) + (r.number ? " " + r.number : "");
    const meta = h("p", { class: "hit-meta" },
      h("span", { class: "badge" }, typeName(r)),
      r.number ? h("span", { class: "num" }, r.number) : null,
      r.date ? h("time", { datetime: r.date }, viDate(r.date)) : null,
      r.issuer ? h("span", { class: "issuer" }, r.issuer) : null);
    const title = h("h2", { class: "hit-title" },
      h("a", { href: open, "data-nav": true, "data-focus": "doc" }, r.title || head));
    const sec = r.section || {};
    const where = crumbs(sec.breadcrumb) ||
      (sec.label ? h("p", { class: "crumbs-one" }, sectionName(sec)) : null);
    const snippet = r.snippet ? h("p", { class: "snippet" }, marked(r.snippet, r.highlights)) : null;
    const extra = [];
    if (r.other_sections > 0) extra.push("Còn " + r.other_sections + " mục khác khớp trong văn bản này.");
    const copies = Array.isArray(r.copies) && r.copies.length
      ? h("p", { class: "copies" }, "Bản khác: ", r.copies.map((c, i) => [i ? ", " : "",
        h("a", { href: stateUrl({ ...s, doc: c.key, sec: "" }), "data-nav": true,
          "data-focus": "doc", title: c.path || "" }, c.key)]))
      : null;
    const actions = h("div", { class: "actions" },
      h("a", { href: open, "data-nav": true, "data-focus": "doc", class: "button" }, "Xem văn bản"),
      copyButton(r));
    return h("li", { class: "hit" }, meta, title, where, snippet,
      extra.length ? h("p", { class: "more" }, extra.join(" ")) : null, copies, actions);
  }

  function facetLabel(name, value) {
    if (name === "type") {
      const t = typeNames.get(value);
      return t ? t + " (" + value + ")" : value;
    }
    return value;
  }

  function drawFacets(s, facets) {
    const groups = [["type", "Loại văn bản"], ["year", "Năm"], ["issuer", "Cơ quan ban hành"]];
    el.facets.replaceChildren();
    for (const [name, title] of groups) {
      const items = Array.isArray(facets[name]) ? facets[name] : [];
      if (!items.length && !s[name]) continue;
      const list = h("ul", null, items.map((f) => {
        const on = s[name] === String(f.value);
        return h("li", null, h("button", {
          type: "button", class: "facet", "aria-pressed": on ? "true" : "false",
          "data-facet": name, "data-value": f.value,
          "data-focus": "facet:" + name + ":" + f.value,
          title: on ? "Bỏ lọc này" : "Chỉ xem " + facetLabel(name, String(f.value)),
          onclick: () => go(stateUrl(withChanges({ [name]: on ? "" : String(f.value),
            offset: 0, doc: "", sec: "" })), "facet:" + name + ":" + f.value),
        }, h("span", { class: "facet-name" }, facetLabel(name, String(f.value))),
        h("span", { class: "count" }, String(f.count), h("span", { class: "sr-only" }, " văn bản"))));
      }));
      if (s[name] && !items.some((f) => String(f.value) === s[name])) {
        list.append(h("li", null, h("button", {
          type: "button", class: "facet", "aria-pressed": "true", title: "Bỏ lọc này",
          onclick: () => go(stateUrl(withChanges({ [name]: "", offset: 0 })), "results"),
        }, h("span", { class: "facet-name" }, facetLabel(name, s[name])))));
      }
      el.facets.append(h("section", { class: "facet-group" }, h("h2", null, title), list));
    }
  }

  function drawPager(s, total, shown) {
    el.pager.replaceChildren();
    if (total <= s.limit && s.offset === 0) return;
    const page = Math.floor(s.offset / s.limit) + 1;
    const pages = Math.max(1, Math.ceil(total / s.limit));
    const link = (offset, text, rel) => h("a", {
      href: stateUrl({ ...s, offset }), "data-nav": true, "data-focus": "results", rel,
    }, text);
    el.pager.append(
      s.offset > 0 ? link(Math.max(0, s.offset - s.limit), "← Trang trước", "prev")
        : h("span", { class: "disabled", "aria-hidden": "true" }, "← Trang trước"),
      h("span", { class: "page" }, "Trang " + page + "/" + pages),
      s.offset + shown < total ? link(s.offset + s.limit, "Trang sau →", "next")
        : h("span", { class: "disabled", "aria-hidden": "true" }, "Trang sau →"));
  }

  /* ---------- citation copy ---------- */

  // A button that copies the citation of d, or `text` when given.
  function copyButton(d, text, label = "Sao chép trích dẫn") {
    const cite = text || citation(d);
    const b = h("button", { type: "button", class: "copy secondary", "data-citation": cite,
      title: cite }, label);
    b.addEventListener("click", async () => {
      const ok = await copyText(b.dataset.citation);
      b.textContent = ok ? "Đã sao chép ✓" : "Không sao chép được";
      el.status.textContent = ok ? "Đã sao chép: " + b.dataset.citation : "Không sao chép được trích dẫn.";
      setTimeout(() => { b.textContent = label; }, 2000);
    });
    return b;
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (e) {
        // fall through to the old way
      }
    }
    const ta = h("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true" });
    ta.value = text;
    const back = document.activeElement;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    ta.remove();
    if (back && back.focus) back.focus();
    return ok;
  }

  /* ---------- the document view ---------- */

  async function showDoc(s, gen) {
    el.home.hidden = true;
    el.searchView.hidden = true;
    el.checkView.hidden = true;
    el.back.href = stateUrl({ ...s, doc: "", sec: "" });
    el.back.textContent = s.view === "check" ? "← Quay lại kiểm tra dự thảo"
      : hasSearch(s) ? "← Quay lại kết quả tìm kiếm" : "← Trang tìm kiếm";
    el.status.textContent = "Đang mở văn bản…";
    let doc = docCache.get(s.doc);
    try {
      if (!doc) {
        doc = await getJson("/api/documents/" + encodeURIComponent(s.doc));
        docCache.set(s.doc, doc);
      }
    } catch (e) {
      if (gen !== generation) return;
      el.docView.hidden = true;
      showError(e);
      return;
    }
    if (gen !== generation) return;
    el.docView.hidden = false;
    document.title = citation(doc) + " — vankien";
    drawDocHead(doc);
    // The preamble (label "") is fetched as "_".
    const sections = (doc.sections || []).map((x) => (x.label ? x
      : { ...x, label: "_", heading: "Phần mở đầu", breadcrumb: ["Phần mở đầu"] }));
    drawOutline(s, sections);
    el.status.textContent = "";
    if (!s.sec) {
      el.sectionText.replaceChildren(h("p", { class: "hint" }, sections.length
        ? "Chọn một mục trong mục lục để đọc nội dung."
        : "Văn bản này không chia mục."));
      return;
    }
    await showSection(s, sections, gen);
  }

  function drawDocHead(doc) {
    const rows = [
      ["Ngày ban hành", doc.date ? viDate(doc.date) : ""],
      ["Nơi ban hành", doc.place], ["Cơ quan ban hành", doc.issuer],
      ["Hội nghị", doc.conference], ["Khoá", doc.term], ["Người ký", doc.signer],
      ["Tệp", doc.path],
    ].filter(([, v]) => v);
    el.docHead.replaceChildren(
      h("h1", { id: "doc-title", tabindex: "-1" },
        h("span", { class: "badge" }, typeName(doc)), " ",
        doc.number ? "số " + doc.number : ""),
      doc.title ? h("p", { class: "doc-title" }, doc.title) : null,
      h("dl", { class: "doc-meta" }, rows.map(([k, v]) => [h("dt", null, k),
        h("dd", { class: k === "Tệp" ? "path" : null }, v)])),
      h("div", { class: "actions" }, copyButton(doc)));
  }

  function drawOutline(s, sections) {
    el.outlineList.replaceChildren(...sections.map((x) => {
      const depth = Math.min(4, Math.max(1, (x.breadcrumb || []).length));
      const text = (x.breadcrumb && x.breadcrumb.length)
        ? x.breadcrumb[x.breadcrumb.length - 1] : (x.display || x.label) + ". " + (x.heading || "");
      return h("li", { class: "depth-" + depth }, h("a", {
        href: stateUrl({ ...s, sec: x.label }), "data-nav": true, "data-focus": "section",
        "aria-current": x.label === s.sec ? "location" : null,
      }, text));
    }));
    // Bring the current section into the outline's own scrolled view (not the page's).
    const box = $("outline");
    const cur = el.outlineList.querySelector("[aria-current]");
    if (cur && box.scrollHeight > box.clientHeight) {
      box.scrollTop += cur.getBoundingClientRect().top - box.getBoundingClientRect().top -
        box.clientHeight / 3;
    }
  }

  async function showSection(s, sections, gen) {
    const i = sections.findIndex((x) => x.label === s.sec);
    const name = i >= 0 && s.sec !== "_" ? sectionName(sections[i]) : "Mục " + s.sec;
    el.sectionText.replaceChildren(h("p", { class: "hint" }, "Đang tải " + name + "…"));
    let data;
    try {
      data = await getJson("/api/documents/" + encodeURIComponent(s.doc) + "/sections/" +
        encodeURIComponent(s.sec));
    } catch (e) {
      if (gen !== generation) return;
      el.sectionText.replaceChildren(h("p", { class: "hint" },
        e.code === "not_found" ? "Không có " + name + " trong văn bản này." : ""));
      if (e.code !== "not_found") showError(e);
      return;
    }
    if (gen !== generation) return;
    const sec = data.section || {};
    const paras = String(sec.text || "").split("\n").filter((p) => p.trim() !== "");
    // The text opens with the heading line ("2.1. Tiếp tục ..."): set it apart.
    const last = (sec.breadcrumb || []).slice(-1)[0] || "";
    const lead = last !== "" && paras.length > 0 && paras[0].startsWith(last.replace(/…$/, ""));
    const step = (j, text, rel) => (j >= 0 && j < sections.length
      ? h("a", { href: stateUrl({ ...s, sec: sections[j].label }), "data-nav": true,
        "data-focus": "section", rel }, text) : h("span"));
    el.sectionText.replaceChildren(
      h("h2", { id: "section-title" }, s.sec === "_" ? "Phần mở đầu" : sectionName({ label: s.sec, ...sec })),
      crumbs(sec.breadcrumb),
      h("div", { class: "text" }, paras.map((p, j) => h("p", { class: lead && !j ? "lead" : null }, p))),
      h("nav", { class: "steps", "aria-label": "Chuyển mục" },
        step(i - 1, "← Mục trước", "prev"), step(i + 1, "Mục sau →", "next")));
    el.sectionText.setAttribute("aria-labelledby", "section-title");
  }

  /* ---------- the draft check ---------- */

  const SEVERITIES = { ERROR: "Lỗi", WARNING: "Cảnh báo", OK: "Đúng" };
  // The fields of query/resolve.c's qr_cfield_name.
  const FIELDS = {
    number: "số hiệu", type: "loại văn bản", date: "ngày ban hành", issuer: "cơ quan ban hành",
    term: "khoá", plenum: "hội nghị Trung ương", congress: "đại hội", subject: "trích yếu",
    quote: "trích nguyên văn", section: "mục",
  };
  const DRAFT_KEY = "vankien.draft"; // sessionStorage: the draft survives a reload of the tab
  let checkGeneration = 0; // as `generation`, for the answers of /api/check
  let citeGeneration = 0; // and of /api/cite

  const severityOf = (f) => (SEVERITIES[f.severity] ? f.severity : "WARNING");

  // The text the daemon checks (cp_text_prepare): no byte-order mark, LF line ends, NFC. The
  // findings' byte offsets point into this text, so the page posts and draws this very text.
  function draftText(raw) {
    return String(raw).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
  }

  async function postDraft(text) {
    return getJson("/api/check", {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: text,
    });
  }

  function showCheck() {
    el.home.hidden = true;
    el.searchView.hidden = true;
    el.docView.hidden = true;
    el.checkView.hidden = false;
    document.title = "Kiểm tra dự thảo — vankien";
    el.status.textContent = "";
  }

  // The header link of the view shown is marked as the current page.
  function markNav(s) {
    const current = s.doc ? null : s.view === "check" ? el.navCheck : el.navSearch;
    for (const a of [el.navSearch, el.navCheck]) {
      if (a === current) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  async function runCheck() {
    const text = draftText(el.draft.value);
    el.error.hidden = true;
    if (!/[\p{L}\p{N}]/u.test(text)) {
      el.status.textContent = "Hãy dán nội dung dự thảo vào ô trước khi kiểm tra.";
      el.draft.focus();
      return;
    }
    const gen = ++checkGeneration;
    el.status.textContent = "Đang kiểm tra…";
    el.checkView.setAttribute("aria-busy", "true");
    let data;
    try {
      data = await postDraft(text);
    } catch (e) {
      if (gen !== checkGeneration) return;
      el.checkView.removeAttribute("aria-busy");
      if (!el.checkView.hidden) showError(e);
      return;
    }
    if (gen !== checkGeneration) return;
    el.checkView.removeAttribute("aria-busy");
    drawCheck(text, data);
    if (!el.checkView.hidden) el.checkResultTitle.focus();
  }

  function drawCheck(text, data) {
    const findings = (Array.isArray(data.findings) ? data.findings : [])
      .filter((f) => f && typeof f === "object").map((f, i) => ({ ...f, i }));
    // Converted from a legacy encoding, the checked text is not the one posted: no marks.
    const markable = data.encoding == null;
    const n = (k) => Number(data[k]) || 0;
    const counts = [["errors", "ERROR"], ["warnings", "WARNING"], ["ok", "OK"]].map(([k, sev]) =>
      h("span", { class: "tally sev-" + sev.toLowerCase() }, n(k) + " " + SEVERITIES[sev].toLowerCase()));
    el.checkSummary.replaceChildren(...(findings.length
      ? [counts[0], " ", counts[1], " ", counts[2], " · ", n("citations") + " trích dẫn, " +
        n("quotes") + " đoạn trích nguyên văn."]
      : ["Không thấy trích dẫn văn bản nào trong dự thảo."]));
    el.checkNotice.hidden = markable;
    el.checkNotice.textContent = markable ? ""
      : "Máy chủ đã chuyển dự thảo từ bảng mã " + data.encoding +
        " nên không đánh dấu được vị trí trong văn bản; xem dòng và cột.";
    el.draftMarked.replaceChildren(markable ? markFindings(text, findings) : text);
    el.findings.replaceChildren(...findings.map((f) => findingItem(f, markable)));
    el.checkResult.hidden = false;
    if (el.checkView.hidden) return; // the answer came after the reader went elsewhere
    el.status.textContent = findings.length
      ? "Đã kiểm tra: " + n("errors") + " lỗi, " + n("warnings") + " cảnh báo, " + n("ok") + " đúng."
      : "Đã kiểm tra: không thấy trích dẫn nào.";
  }

  // The draft with a <mark> over each finding's byte range [start, end) of its UTF-8 form.
  // Ranges are widened to whole characters (an empty one to the next character); marks nest
  // when ranges nest, and a range crossing another is split, its first piece holding the id.
  function markFindings(text, findings) {
    const bytes = encoder.encode(text);
    const n = bytes.length;
    const cont = (i) => i < n && (bytes[i] & 0xc0) === 0x80;
    const spans = [];
    // A finding the draft repeats is marked at each of its places (f.also).
    for (const f of findings) {
      for (const at of [f, ...(Array.isArray(f.also) ? f.also : [])]) {
        if (!at || !Number.isFinite(at.start) || !Number.isFinite(at.end)) continue;
        let a = Math.max(0, Math.min(n, Math.trunc(at.start)));
        let b = Math.max(a, Math.min(n, Math.trunc(at.end)));
        while (a > 0 && cont(a)) a--;
        if (b === a && b < n) b++;
        while (b < n && cont(b)) b++;
        if (a < b) spans.push({ a, b, f });
      }
    }
    spans.sort((x, y) => x.a - y.a || y.b - x.b || x.f.i - y.f.i);
    const cuts = [...new Set([0, n, ...spans.flatMap((x) => [x.a, x.b])])].sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    const open = []; // the marks open at this point, outermost first: {span, node}
    const seen = new Set();
    const top = () => (open.length ? open[open.length - 1].node : frag);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [p, q] = [cuts[k], cuts[k + 1]];
      const cover = spans.filter((x) => x.a <= p && x.b >= q);
      let keep = 0;
      while (keep < open.length && keep < cover.length && open[keep].span === cover[keep]) keep++;
      open.length = keep;
      for (const x of cover.slice(keep)) {
        const node = findingMark(x.f, !seen.has(x.f.i));
        seen.add(x.f.i);
        top().append(node);
        open.push({ span: x, node });
      }
      top().append(decoder.decode(bytes.subarray(p, q)));
    }
    return frag;
  }

  function findingMark(f, first) {
    const sev = severityOf(f);
    return h("mark", {
      class: "finding-mark sev-" + sev.toLowerCase(), "data-finding": f.i,
      id: first ? "mark-" + f.i : null, tabindex: first ? "-1" : null,
      "aria-describedby": first ? "finding-msg-" + f.i : null,
      title: SEVERITIES[sev] + " (" + (FIELDS[f.field] || f.field || "") + "): " + (f.message || ""),
    });
  }

  function findingItem(f, markable) {
    const sev = severityOf(f);
    const line = Number(f.line) || 0;
    const col = Number(f.column ?? f.col) || 0;
    const head = h("span", { class: "finding-head" },
      h("span", { class: "sev sev-" + sev.toLowerCase() }, SEVERITIES[sev]), " ",
      h("span", { class: "pos", "aria-hidden": "true" }, line + ":" + col),
      h("span", { class: "sr-only" }, "dòng " + line + ", cột " + col), " ",
      h("span", { class: "field" }, FIELDS[f.field] || f.field || ""));
    const msg = h("span", { class: "finding-msg", id: "finding-msg-" + f.i }, f.message || "");
    const mark = markable && Number.isFinite(f.start);
    const main = mark
      ? h("button", { type: "button", class: "finding-go", "data-finding": f.i,
        title: "Đến chỗ này trong dự thảo", onclick: () => focusMark(f.i) }, head, msg)
      : h("div", { class: "finding-go" }, head, msg);
    const links = [];
    if (f.key) {
      links.push(h("a", { href: stateUrl({ ...readState(""), view: "check", doc: f.key }),
        "data-nav": true, "data-focus": "doc" }, "Xem văn bản " + (f.number || f.key)));
    }
    if (f.citation && sev !== "OK") links.push(copyButton(null, f.citation, "Sao chép trích dẫn đúng"));
    return h("li", { class: "finding sev-" + sev.toLowerCase(), id: "finding-" + f.i,
      "data-severity": sev, "data-field": f.field || "" },
    main,
    f.suggestion ? h("p", { class: "suggestion-fix" }, h("span", { class: "label" }, "Đề nghị sửa: "),
      f.suggestion) : null,
    links.length ? h("div", { class: "actions" }, links) : null);
  }

  // Scrolls to a finding's mark and focuses it; the finding is shown as the current one.
  function focusMark(i) {
    const m = $("mark-" + i);
    if (!m) return;
    for (const x of document.querySelectorAll(".finding.current, .finding-mark.current")) {
      x.classList.remove("current");
    }
    for (const x of el.draftMarked.querySelectorAll('mark[data-finding="' + i + '"]')) {
      x.classList.add("current");
    }
    const item = $("finding-" + i);
    if (item) item.classList.add("current");
    m.scrollIntoView({ block: "center" });
    m.focus({ preventScroll: true });
  }

  // From a mark back to its finding in the list (a click, or Enter or Escape on a focused mark).
  function backToFinding(mark) {
    const b = el.findings.querySelector('button[data-finding="' + mark.dataset.finding + '"]');
    if (b) b.focus();
  }

  /* ---------- canonical citations (Trích dẫn) ---------- */

  async function runCite() {
    const q = el.citeQ.value.trim();
    if (!q) {
      el.citeQ.focus();
      return;
    }
    const gen = ++citeGeneration;
    el.citeResults.replaceChildren(h("li", { class: "hint" }, "Đang tra…"));
    let data;
    try {
      data = await getJson("/api/cite?" + new URLSearchParams({ q }).toString());
    } catch (e) {
      if (gen !== citeGeneration) return;
      el.citeResults.replaceChildren(h("li", { class: "hint" },
        (ERRORS[e.code] || "Lỗi máy chủ") + (e.message ? " (" + e.message + ")." : ".")));
      return;
    }
    if (gen !== citeGeneration) return;
    const cands = (Array.isArray(data.candidates) ? data.candidates : []).slice(0, 5);
    el.citeResults.replaceChildren(...(cands.length ? cands.map(citeItem)
      : [h("li", { class: "hint" }, "Không tìm thấy văn bản nào ứng với trích dẫn này.")]));
    if (data.notice) el.citeResults.append(h("li", { class: "hint" }, data.notice));
    el.status.textContent = cands.length ? "Tìm thấy " + cands.length + " văn bản có thể ứng với trích dẫn."
      : "Không tìm thấy văn bản nào ứng với trích dẫn.";
  }

  function citeItem(c) {
    const text = (c.section && c.section.citation) || c.citation || c.number || c.key || "?";
    const links = [copyButton(null, text)];
    if (c.key) {
      links.push(h("a", { href: stateUrl({ ...readState(""), view: "check", doc: c.key,
        sec: (c.section && c.section.label) || "" }), "data-nav": true, "data-focus": "doc",
      class: "button" }, "Xem văn bản"));
    }
    return h("li", { class: "cite-item" },
      h("p", { class: "cite-text" }, text),
      c.in_corpus ? null : h("p", { class: "hint" },
        "Không có trong kho văn kiện; ghi theo các văn bản có trích dẫn nó."),
      h("div", { class: "actions" }, links));
  }

  function saveDraft() {
    try {
      sessionStorage.setItem(DRAFT_KEY, el.draft.value);
    } catch (e) {
      // storage off or full: the draft is only not kept over a reload
    }
  }

  function initCheck() {
    for (const [key, id] of [["checkView", "check-view"], ["checkForm", "check-form"],
      ["draft", "draft"], ["draftClear", "draft-clear"], ["checkResult", "check-result"],
      ["checkResultTitle", "check-result-title"], ["checkSummary", "check-summary"],
      ["checkNotice", "check-notice"], ["findings", "findings"], ["draftMarked", "draft-marked"],
      ["citeForm", "cite-form"], ["citeQ", "cite-q"], ["citeResults", "cite-results"],
      ["navCheck", "nav-check"], ["navSearch", "nav-search"]]) el[key] = $(id);
    try {
      if (!el.draft.value) el.draft.value = sessionStorage.getItem(DRAFT_KEY) || "";
    } catch (e) {
      // no storage
    }
    let saving = 0;
    el.draft.addEventListener("input", () => {
      clearTimeout(saving);
      saving = setTimeout(saveDraft, 500);
    });
    el.checkForm.addEventListener("submit", (e) => {
      e.preventDefault();
      runCheck();
    });
    el.draft.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        runCheck();
      }
    });
    el.draftClear.addEventListener("click", () => {
      el.draft.value = "";
      saveDraft();
      el.checkResult.hidden = true;
      el.findings.replaceChildren();
      el.draftMarked.replaceChildren();
      el.status.textContent = "Đã xoá dự thảo.";
      el.draft.focus();
    });
    el.draftMarked.addEventListener("click", (e) => {
      const m = e.target.closest("mark[data-finding]");
      // Not when the click ends selecting text: that is for copying.
      if (m && String(window.getSelection()) === "") backToFinding(m);
    });
    el.draftMarked.addEventListener("keydown", (e) => {
      const m = e.target.closest("mark[data-finding]");
      if (m && (e.key === "Enter" || e.key === "Escape")) {
        e.preventDefault();
        backToFinding(m);
      }
    });
    el.citeForm.addEventListener("submit", (e) => {
      e.preventDefault();
      runCite();
    });
  }

  /* ---------- drawing a URL ---------- */

  function applyFocus() {
    const f = pendingFocus;
    pendingFocus = null;
    if (!f) return;
    let target = null;
    if (f === "results") target = $("results-title");
    else if (f === "doc") target = $("doc-title");
    else if (f === "check") target = $("check-title");
    else if (f === "section") target = el.sectionText;
    else target = document.querySelector('[data-focus="' + CSS.escape(f) + '"]') || $(f);
    if (target && !target.closest("[hidden]")) target.focus();
  }

  async function render(fresh) {
    const gen = ++generation;
    const s = current();
    el.error.hidden = true;
    fillForm(s);
    markNav(s);
    if (s.doc) await showDoc(s, gen);
    else if (s.view === "check") showCheck();
    else await showSearch(s, gen);
    if (gen !== generation) return;
    // A new page starts at the top (then focus may scroll); "back" returns where it was.
    window.scrollTo(0, fresh ? 0 : (history.state && history.state.scroll) || 0);
    applyFocus();
  }

  async function showHealth() {
    try {
      const hl = await getJson("/api/health");
      el.health.textContent = "Chỉ mục: " + Number(hl.passages || 0).toLocaleString("vi-VN") +
        " đoạn · vankien " + (hl.version || "");
    } catch (e) {
      el.health.textContent = "Máy chủ tìm kiếm không trả lời.";
    }
  }

  function init() {
    for (const id of ["q", "search", "filters", "filter-count", "f-type", "f-year", "f-issuer",
      "f-section", "f-sort", "f-limit", "clear-filters", "main", "status", "error", "home",
      "notice", "suggestion", "facets", "results", "pager", "back", "health"]) el[id] = $(id);
    el.searchView = $("search-view");
    el.docView = $("doc-view");
    el.docHead = $("doc-head");
    el.outlineList = $("outline-list");
    el.sectionText = $("section-text");
    initCheck();
    for (const [code, name] of TYPES) el["f-type"].append(h("option", { value: code }, name + " (" + code + ")"));
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";

    el.search.addEventListener("submit", (e) => {
      e.preventDefault();
      const s = formState();
      if (!hasSearch(s)) {
        el.q.focus();
        el.status.textContent = "Hãy nhập từ khoá hoặc chọn một bộ lọc.";
        return;
      }
      go(stateUrl(s));
    });
    for (const id of ["f-type", "f-sort", "f-limit"]) {
      el[id].addEventListener("change", () => {
        if (hasSearch(formState())) go(stateUrl(formState()), id);
      });
    }
    el["clear-filters"].addEventListener("click", () => {
      const changes = { offset: 0, doc: "", sec: "" };
      for (const f of FILTERS) changes[f] = "";
      const s = withChanges(changes);
      s.q = el.q.value.trim();
      if (hasSearch(s)) go(stateUrl(s), "clear-filters");
      else fillForm(s);
    });
    // Links inside the page change the URL without a reload; a modified click opens a tab.
    document.addEventListener("click", (e) => {
      const a = e.target.closest("a[data-nav]");
      if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey ||
        e.altKey) return;
      e.preventDefault();
      go(a.getAttribute("href"), a.dataset.focus || null);
    });
    // "/" jumps to the search box, as on many search sites.
    document.addEventListener("keydown", (e) => {
      const t = e.target;
      if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey &&
        !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ||
          t instanceof HTMLSelectElement)) {
        e.preventDefault();
        el.q.focus();
        el.q.select();
      }
    });
    window.addEventListener("popstate", () => render(false));
    render(false);
    showHealth();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
