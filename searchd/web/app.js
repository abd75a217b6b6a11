// SPDX-License-Identifier: GPL-2.0-or-later
// app.js: the vankien search page. The URL holds the whole state (?q=&type=&year=&issuer=
// &section=&sort=&limit=&offset=, doc=&sec= for the document view, view=check for the draft
// check, lang=en for English), so a search can be bookmarked and the back button works. Every
// node is built with DOM calls: text from the API never goes through innerHTML. The words shown
// are Vietnamese; MSG.en holds their English, picked with ?lang=en (t() below). The draft check
// takes pasted text (drawn with its findings marked, by their UTF-16 offsets start16/end16) or
// a draft file: a Word draft is posted as it is (findings by paragraph and character, and the
// draft given back with review comments), a text file read into the box.
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
  // The page's words: MSG.vi for those app.js writes (index.html holds the rest in Vietnamese),
  // MSG.en for all of them, index.html's by the keys of its data-i18n attributes. {0}, {1}:
  // the arguments of t().
  const MSG = {
    vi: {
      "err.bad_query": "Câu tìm kiếm chưa đúng cú pháp",
      "err.bad_parameter": "Tham số không hợp lệ",
      "err.missing_parameter": "Thiếu tham số",
      "err.not_found": "Không tìm thấy",
      "err.query_too_long": "Câu tìm kiếm quá dài",
      "err.too_large": "Dự thảo dài quá giới hạn của máy chủ",
      "err.missing_body": "Dự thảo trống",
      "err.bad_draft": "Máy chủ không đọc được dự thảo",
      "err.bad_citation": "Không hiểu được trích dẫn",
      "err.index_unavailable": "Chưa mở được chỉ mục",
      "err.network": "Không kết nối được với máy chủ tìm kiếm",
      "err.other": "Lỗi máy chủ",
      "err.not_acceptable": "Máy chủ chỉ trả lại tệp Word cho một dự thảo Word",
      "notice.folded": "Không có kết quả khớp đúng dấu; dưới đây là kết quả tìm không dấu.",
      "notice.any-word": "Không có văn bản nào chứa đủ mọi từ; dưới đây là kết quả chứa một phần các từ.",
      "skip.results": "Chuyển đến kết quả",
      "skip.doc": "Chuyển đến nội dung văn bản",
      "skip.main": "Chuyển đến nội dung",
      "app.name": "Tra cứu văn kiện",
      "status.searching": "Đang tìm…",
      "status.none": "Không tìm thấy văn bản nào.",
      "status.range": "Văn bản {0}–{1} trong {2} văn bản tìm thấy",
      "status.all": "Tìm thấy {0} văn bản",
      "status.empty": "Hãy nhập từ khoá hoặc chọn một bộ lọc.",
      "suggest.lead": "Có phải bạn muốn tìm: ",
      "none.title": "Không tìm thấy văn bản nào cho “{0}”.",
      "none.filters": "Không tìm thấy văn bản nào với các bộ lọc đã chọn.",
      "none.try": "Bạn có thể thử:",
      "none.suggest": "tìm “{0}” (gợi ý chính tả)",
      "none.unfiltered": "bỏ các bộ lọc: {0}",
      "none.folded": "tìm không dấu: {0}",
      "none.unquoted": "tìm các từ, không cần liền nhau: {0}",
      "none.fewer": "tìm ít từ hơn: {0}",
      "none.cites": "các văn bản trích dẫn {1}: {0}",
      "none.cites.why": " (văn bản này có thể không có trong chỉ mục mà chỉ được văn bản khác nhắc đến)",
      "facets.active": "({0} đang dùng)",
      "facet.only": "Chỉ xem {0}",
      "facet.off": "Bỏ lọc này",
      "facet.docs": " văn bản",
      "group.type": "Loại văn bản",
      "group.year": "Năm",
      "group.issuer": "Cơ quan ban hành",
      "pager.prev": "← Trang trước",
      "pager.next": "Trang sau →",
      "pager.page": "Trang {0}/{1}",
      "hit.crumbs": "Vị trí trong văn bản",
      "hit.more": "Còn {0} mục khác khớp trong văn bản này.",
      "hit.copies": "Bản khác: ",
      "hit.open": "Xem văn bản",
      "copy.label": "Sao chép trích dẫn",
      "copy.done": "Đã sao chép ✓",
      "copy.failed": "Không sao chép được",
      "copy.status": "Đã sao chép: {0}",
      "copy.status.failed": "Không sao chép được trích dẫn.",
      "doc.back.check": "← Quay lại kiểm tra dự thảo",
      "doc.back.results": "← Quay lại kết quả tìm kiếm",
      "doc.back.home": "← Trang tìm kiếm",
      "doc.opening": "Đang mở văn bản…",
      "doc.loading": "Đang tải văn bản… ({0}/{1} mục)",
      "doc.number": "số {0}",
      "doc.date": "Ngày ban hành",
      "doc.place": "Nơi ban hành",
      "doc.issuer": "Cơ quan ban hành",
      "doc.conference": "Hội nghị",
      "doc.term": "Khoá",
      "doc.signer": "Người ký",
      "doc.preamble": "Phần mở đầu",
      "doc.nosections": "Văn bản này không chia mục.",
      "doc.missing": "Không tải được mục này.",
      "doc.marks": "{0} chỗ khớp với “{1}” được tô sáng.",
      "doc.section": "Mục {0}",
      "examples.type": "các {0} ({1} văn bản)",
      "health": "Chỉ mục: {0} đoạn · vankien {1}",
      "health.down": "Máy chủ tìm kiếm không trả lời.",
      "other.kind": "Tài liệu khác",
      "nondoc": "{0} (không phải văn bản)",
      "doc.generic": "Văn bản",
      "filters.on": "({0} đang dùng)",
      "sev.ERROR": "Lỗi",
      "sev.WARNING": "Cảnh báo",
      "sev.OK": "Đúng",
      "field.number": "số hiệu",
      "field.type": "loại văn bản",
      "field.date": "ngày ban hành",
      "field.issuer": "cơ quan ban hành",
      "field.term": "khoá",
      "field.plenum": "hội nghị Trung ương",
      "field.congress": "đại hội",
      "field.subject": "trích yếu",
      "field.quote": "trích nguyên văn",
      "field.section": "mục",
      "check.title": "Kiểm tra dự thảo",
      "check.empty": "Hãy dán nội dung dự thảo vào ô, hoặc chọn tệp dự thảo, trước khi kiểm tra.",
      "check.running": "Đang kiểm tra…",
      "check.counts": "{0} trích dẫn, {1} đoạn trích nguyên văn.",
      "check.none": "Không thấy trích dẫn văn bản nào trong dự thảo.",
      "check.encoding": "Máy chủ đã chuyển dự thảo từ bảng mã {0} nên không đánh dấu được vị trí trong văn bản; xem dòng và cột.",
      "check.done": "Đã kiểm tra: {0} lỗi, {1} cảnh báo, {2} đúng.",
      "check.done.none": "Đã kiểm tra: không thấy trích dẫn nào.",
      "check.cleared": "Đã xoá dự thảo.",
      "finding.where": "dòng {0}, cột {1}",
      "finding.go": "Đến chỗ này trong dự thảo",
      "finding.open": "Xem văn bản {0}",
      "finding.copy": "Sao chép trích dẫn chuẩn",
      "finding.fix": "Đề nghị sửa: ",
      "finding.para": "Đoạn {0}, ký tự {1}",
      "finding.replace": "thay “{0}” bằng “{1}”",
      "finding.cited": "Trong dự thảo: ",
      "finding.also": "Cũng gặp ở {0} chỗ khác:",
      "sum.documents": "Văn bản được trích dẫn",
      "sum.unknown": "(và {0} số hiệu không có trong kho văn kiện)",
      "sum.citations": "Trích dẫn",
      "sum.quotes": "Câu trích đã kiểm tra",
      "sum.problems": "Lỗi và cảnh báo theo loại",
      "sum.field": "{0}: {1} lỗi, {2} cảnh báo",
      "sum.noproblem": "không có",
      "file.kind": "Dự thảo Word",
      "file.kind.text": "Tệp văn bản",
      "file.note": "Tệp được kiểm tra nguyên trạng: các phát hiện chỉ ra đoạn văn và ký tự trong tệp; bản đã kiểm tra có ý kiến góp ý ở từng chỗ.",
      "file.note.text": "Tệp không ở mã UTF-8 nên được gửi nguyên trạng để máy chủ chuyển mã; các phát hiện chỉ ra dòng và cột.",
      "file.chosen": "Đã chọn dự thảo Word {0}. Bấm Kiểm tra để xem các phát hiện.",
      "file.refused": "Không nhận tệp {0}: chỉ nhận tệp .docx, .txt hoặc .md.",
      "file.legacy": "Tệp {0} không ở mã UTF-8: sẽ được gửi nguyên trạng để máy chủ chuyển mã.",
      "file.read": "Đã đọc tệp {0} vào ô dự thảo.",
      "file.removed": "Đã bỏ tệp dự thảo.",
      "file.making": "Đang tạo bản đã kiểm tra…",
      "file.saved": "Đã tải về {0}.",
      "cite.running": "Đang tra…",
      "cite.none": "Không tìm thấy văn bản nào ứng với trích dẫn này.",
      "cite.found": "Tìm thấy {0} văn bản có thể ứng với trích dẫn.",
      "cite.found.none": "Không tìm thấy văn bản nào ứng với trích dẫn.",
      "cite.absent": "Không có trong kho văn kiện; ghi theo các văn bản có trích dẫn nó.",
    },
    en: {
      "err.bad_query": "The query's syntax is not right",
      "err.bad_parameter": "A parameter is not valid",
      "err.missing_parameter": "A parameter is missing",
      "err.not_found": "Not found",
      "err.query_too_long": "The query is too long",
      "err.too_large": "The draft is longer than the server accepts",
      "err.missing_body": "The draft is empty",
      "err.bad_draft": "The server cannot read the draft",
      "err.bad_citation": "The citation is not understood",
      "err.index_unavailable": "The index cannot be opened",
      "err.network": "The search server cannot be reached",
      "err.other": "Server error",
      "err.not_acceptable": "The server gives a Word file back for a Word draft only",
      "notice.folded": "Nothing matches with these diacritics; below, results found without them.",
      "notice.any-word": "No document holds every word; below, results holding some of them.",
      "skip.results": "Skip to results",
      "skip.doc": "Skip to the document",
      "skip.main": "Skip to content",
      "app.name": "Party document search",
      "status.searching": "Searching…",
      "status.none": "No document found.",
      "status.range": "Documents {0}–{1} of {2} found",
      "status.all": "{0} documents found",
      "status.empty": "Type a query or pick a filter.",
      "suggest.lead": "Did you mean: ",
      "none.title": "No document found for “{0}”.",
      "none.filters": "No document found with the chosen filters.",
      "none.try": "You could try:",
      "none.suggest": "search “{0}” (spelling suggestion)",
      "none.unfiltered": "without the filters: {0}",
      "none.folded": "without diacritics: {0}",
      "none.unquoted": "the words, not as a phrase: {0}",
      "none.fewer": "fewer words: {0}",
      "none.cites": "documents citing {1}: {0}",
      "none.cites.why": " (the document may not be in the index, only cited by others)",
      "facets.toggle": "Filters",
      "facets.label": "Narrow the results",
      "facets.active": "({0} on)",
      "facet.only": "Only {0}",
      "facet.off": "Remove this filter",
      "facet.docs": " documents",
      "group.type": "Document type",
      "group.year": "Year",
      "group.issuer": "Issuer",
      "pager.label": "Pages",
      "pager.prev": "← Previous page",
      "pager.next": "Next page →",
      "pager.page": "Page {0}/{1}",
      "hit.crumbs": "Place in the document",
      "hit.more": "{0} more sections of this document match.",
      "hit.copies": "Other copies: ",
      "hit.open": "Open the document",
      "copy.label": "Copy the citation",
      "copy.done": "Copied ✓",
      "copy.failed": "Could not copy",
      "copy.status": "Copied: {0}",
      "copy.status.failed": "The citation could not be copied.",
      "doc.back.check": "← Back to the draft check",
      "doc.back.results": "← Back to the results",
      "doc.back.home": "← Search page",
      "doc.opening": "Opening the document…",
      "doc.loading": "Loading the document… ({0}/{1} sections)",
      "doc.number": "no. {0}",
      "doc.date": "Date",
      "doc.place": "Place",
      "doc.issuer": "Issuer",
      "doc.conference": "Conference",
      "doc.term": "Term",
      "doc.signer": "Signed by",
      "doc.preamble": "Preamble",
      "doc.nosections": "This document has no sections.",
      "doc.missing": "This section could not be loaded.",
      "doc.marks": "{0} matches of “{1}” highlighted.",
      "doc.section": "Section {0}",
      "examples.type": "the {0} ({1} documents)",
      "health": "Index: {0} passages · vankien {1}",
      "health.down": "The search server does not answer.",
      "brand.sub": "Search of Party documents",
      "nav.label": "Functions",
      "nav.search": "Search",
      "nav.check": "Check a draft",
      "q.label": "Search words",
      "q.placeholder": "Words, a \"phrase\" or a document number",
      "q.submit": "Search",
      "filters.summary": "Advanced search and sorting",
      "f.type": "Document type",
      "f.all": "All",
      "f.year": "Year issued",
      "f.issuer": "Issuer",
      "f.section": "Section",
      "f.sort": "Sort",
      "f.relevance": "Most relevant",
      "f.bydate": "Date issued, newest first",
      "f.limit": "Results per page",
      "f.apply": "Apply",
      "f.clear": "Clear filters",
      "home.title": "Search the indexed documents",
      "home.tip": "Type words with or without diacritics: nghi quyet finds nghị quyết.",
      "home.try": "Try, with documents of this index:",
      "help.summary": "Query syntax",
      "help.all": "every word in one section",
      "help.phrase": "the words together, in this order",
      "help.not": "leave out documents with this word",
      "help.or": "a or b",
      "help.near": "at most 10 words apart",
      "help.numvar": "number",
      "help.number": "the document with this number",
      "help.type": "document type, year issued",
      "help.date": "date issued",
      "help.section": "section, section heading",
      "help.article": "chapter, article, clause of a regulation",
      "help.issuer": "issuer, term",
      "help.cites": "passages citing this document",
      "results.title": "Search results",
      "outline.title": "Contents",
      "check.lede": "Paste a draft below, or choose (or drop on the box) the draft's Word file (.docx). Each citation of a document (number, type, date, issuer, term, subject) and each verbatim quote is checked against the indexed documents.",
      "check.label": "The draft",
      "check.run": "Check",
      "check.clear": "Clear",
      "check.hint": "Ctrl+Enter to check",
      "check.result": "Result of the check",
      "check.findings": "Findings",
      "check.marked": "The draft, marked",
      "cite.summary": "Citation: the standard way to cite a document",
      "cite.label": "Document to cite",
      "cite.run": "Look up",
      "other.kind": "Other text",
      "nondoc": "{0} (not a document)",
      "doc.generic": "Document",
      "filters.on": "({0} on)",
      "sev.ERROR": "Error",
      "sev.WARNING": "Warning",
      "sev.OK": "Right",
      "field.number": "number",
      "field.type": "document type",
      "field.date": "date",
      "field.issuer": "issuer",
      "field.term": "term",
      "field.plenum": "plenum",
      "field.congress": "congress",
      "field.subject": "subject",
      "field.quote": "verbatim quote",
      "field.section": "section",
      "check.title": "Check a draft",
      "check.empty": "Paste the draft into the box, or choose its file, before checking it.",
      "check.running": "Checking…",
      "check.counts": "{0} citations, {1} verbatim quotes.",
      "check.none": "No citation of a document found in the draft.",
      "check.encoding": "The server converted the draft from the {0} encoding, so places in the text cannot be marked; see the lines and columns.",
      "check.done": "Checked: {0} errors, {1} warnings, {2} right.",
      "check.done.none": "Checked: no citation found.",
      "check.cleared": "The draft is cleared.",
      "finding.where": "line {0}, column {1}",
      "finding.go": "Go to this place in the draft",
      "finding.open": "Open the document {0}",
      "finding.copy": "Copy the canonical citation",
      "finding.fix": "Suggested fix: ",
      "finding.para": "Paragraph {0}, character {1}",
      "finding.replace": "replace “{0}” with “{1}”",
      "finding.cited": "In the draft: ",
      "finding.also": "Also at {0} other places:",
      "sum.documents": "Documents cited",
      "sum.unknown": "(and {0} numbers the collection does not hold)",
      "sum.citations": "Citations",
      "sum.quotes": "Quotes checked",
      "sum.problems": "Errors and warnings by kind",
      "sum.field": "{0}: {1} errors, {2} warnings",
      "sum.noproblem": "none",
      "file.kind": "Word draft",
      "file.kind.text": "Text file",
      "file.note": "The file is checked as it is: the findings give the paragraph and the character in it; the checked copy has a review comment at each place.",
      "file.note.text": "The file is not UTF-8, so it is sent as it is for the server to convert; the findings give lines and columns.",
      "file.chosen": "Word draft {0} chosen. Press Check to see the findings.",
      "file.refused": "{0} is not taken: only .docx, .txt or .md files are.",
      "file.legacy": "{0} is not UTF-8: it will be sent as it is for the server to convert.",
      "file.read": "{0} read into the draft box.",
      "file.removed": "The draft file is removed.",
      "file.making": "Making the checked copy…",
      "file.saved": "{0} downloaded.",
      "file.remove": "Remove the file",
      "file.drop": "Drop the file here",
      "file.label": "Or choose the draft's file (.docx, .txt, .md)",
      "file.suggest": "Suggest the fixes as tracked changes",
      "file.download": "Download the checked draft (.docx)",
      "cite.running": "Looking up…",
      "cite.none": "No document matches this citation.",
      "cite.found": "{0} documents may match the citation.",
      "cite.found.none": "No document matches the citation.",
      "cite.absent": "Not in the collection; written as the documents citing it write it.",
      "check.placeholder": "For example: Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII…",
      "cite.placeholder": "For example: NQ 28/TW, Kết luận 21 khóa XIII, Đại hội XII",
    },
  };
  const LANG = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "vi";

  // The message of key in the page's language (else Vietnamese), with {0}, {1}... filled.
  function t(key, ...args) {
    const m = MSG[LANG][key] ?? MSG.vi[key] ?? key;
    return m.replace(/\{(\d)\}/g, (all, i) => (args[i] != null ? String(args[i]) : ""));
  }

  const $ = (id) => document.getElementById(id);
  const narrowScreen = window.matchMedia("(max-width: 760px)"); // as style.css's one column
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
    return fill(n, ...kids);
  }

  // Puts kids in n (appended to what is there): nodes, strings as text; null and false skipped,
  // as append() would write "null". Returns n.
  function fill(n, ...kids) {
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
    if (d.nondoc) return t("nondoc", NONDOC[d.nondoc] || t("other.kind"));
    return d.type || typeNames.get(d.type_code) || d.type_code || t("doc.generic");
  }

  const MAX_TITLE = 200; // characters of a title shown; a longer one is a paragraph, cut

  // s cut at a word boundary to at most max characters, with "…".
  function clip(str, max) {
    if (str.length <= max) return str;
    const cut = str.slice(0, max);
    const space = cut.search(/\s\S*$/);
    return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "") + "…";
  }

  // The document's own title, on one line and cut to MAX_TITLE; "" when it has none.
  function ownTitle(d) {
    const raw = d && typeof d.title === "string" ? d.title.replace(/\s+/g, " ").trim() : "";
    return raw && raw !== "null" ? clip(raw, MAX_TITLE) : "";
  }

  // What names a document that has no title: "Kết luận 21-KL/TW, 25/10/2021", else its key.
  function plainName(d) {
    if (!d.number && !d.date) return d.key || typeName(d);
    return typeName(d) + (d.number ? " " + d.number : "") + (d.date ? ", " + viDate(d.date) : "");
  }

  const shownTitle = (d) => ownTitle(d) || plainName(d);

  // "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 về tiếp tục đổi mới ...".
  function citation(d) {
    let s = typeName(d);
    if (d.number) s += " số " + d.number;
    if (d.date) s += ", ngày " + viDate(d.date);
    const title = ownTitle(d);
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
    return h("ol", { class: "crumbs", "aria-label": label || t("hit.crumbs") },
      list.map((c) => h("li", null, c)));
  }

  // The message of key with nodes (links) in place of {0}, {1}...: a list for h().
  function tNodes(key, ...nodes) {
    return t(key, ...nodes.map((n, i) => "\u0000" + i + "\u0000")).split("\u0000")
      .map((part, i) => (i % 2 ? nodes[Number(part)] : part));
  }

  /* ---------- the query's parts, and its words marked in a document ---------- */

  // The fields of the query language (query/fields.c), by their Vietnamese and English names.
  const FIELD_NAMES = new Set(["loai", "nam", "ngay", "muc", "tieude", "coquan", "khoa", "trich",
    "so", "dieu", "type", "year", "date", "section", "heading", "issuer", "term", "cites",
    "number", "article"]);
  const OPERATOR = /^(OR|AND|NOT|XOR|NEAR(\/\d+)?)$/;

  // Lower case, without diacritics, đ as d: how the index matches a word typed without them.
  const fold = (w) => w.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();

  // The query as tokens {raw, neg, field, value, quoted, op}: a field is one of the query
  // language's, its value maybe quoted; op marks OR, NEAR and the like.
  function queryTokens(q) {
    const out = [];
    for (const m of String(q || "").matchAll(/(-?)(?:([\p{L}_]+):)?("[^"]*"?|[^\s"]+)/gu)) {
      const field = m[2] && FIELD_NAMES.has(m[2].toLowerCase()) ? m[2].toLowerCase() : "";
      const value = field || !m[2] ? m[3] : m[2] + ":" + m[3];
      out.push({ raw: m[0], neg: m[1] === "-", field, value, quoted: value.startsWith('"'),
        op: !m[1] && !field && OPERATOR.test(value) });
    }
    return out;
  }

  const unquote = (v) => v.replace(/"/g, "");
  const wordsOf = (v) => unquote(v).match(/[\p{L}\p{N}]+/gu) || [];
  const isFree = (tk) => !tk.field && !tk.op;

  // The phrases whose words the document view marks: a quoted phrase is one, each other word
  // of the query is one; not the words after "-", the fields' values or the operators.
  function queryPhrases(q) {
    const phrases = [];
    for (const tk of queryTokens(q)) {
      if (tk.neg || !isFree(tk)) continue;
      const words = wordsOf(tk.value).map((w) => {
        const low = w.normalize("NFC").toLowerCase();
        return { low, fold: fold(w), exact: fold(w) !== low };
      });
      if (tk.quoted && words.length) phrases.push(words);
      else for (const w of words) phrases.push([w]);
    }
    return phrases;
  }

  // The text with a <mark> over each run of its words that is one of the phrases: word by
  // word equal, without diacritics when loose, else with those the query's word has. Marks only
  // spaces apart are joined. Returns {frag, count}.
  function highlight(text, phrases, loose) {
    const str = String(text || "");
    if (!phrases.length) return { frag: document.createTextNode(str), count: 0 };
    const words = [...str.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({
      a: m.index, b: m.index + m[0].length, low: m[0].toLowerCase(), fold: fold(m[0]),
    }));
    const same = (w, q) => (loose || !q.exact ? w.fold === q.fold : w.low === q.low);
    const spans = [];
    for (const ph of phrases) {
      for (let i = 0; i + ph.length <= words.length; i++) {
        if (ph.every((q, k) => same(words[i + k], q))) spans.push([words[i].a, words[i + ph.length - 1].b]);
      }
    }
    spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
    const joined = [];
    for (const sp of spans) {
      const last = joined[joined.length - 1];
      if (last && (sp[0] <= last[1] || /^ +$/.test(str.slice(last[1], sp[0])))) last[1] = Math.max(last[1], sp[1]);
      else joined.push([...sp]);
    }
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const [a, b] of joined) {
      if (a > pos) frag.append(str.slice(pos, a));
      frag.append(h("mark", null, str.slice(a, b)));
      pos = b;
    }
    if (pos < str.length) frag.append(str.slice(pos));
    return { frag, count: joined.length };
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
    if (LANG !== "vi") p.set("lang", LANG);
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
      // The API's messages (errors, check findings) in the page's language.
      const headers = { Accept: "application/json", "Accept-Language": LANG,
        ...(init && init.headers) };
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

  const errorText = (code) => (MSG.vi["err." + code] ? t("err." + code) : t("err.other"));

  function showError(e) {
    const prefix = errorText(e.code);
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
    el["filter-count"].textContent = n ? t("filters.on", n) : "";
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
    document.title = (s.q ? s.q + " — " : "") + t("app.name") + " — vankien";
    if (!hasSearch(s)) {
      el.searchView.hidden = true;
      el.home.hidden = false;
      el.status.textContent = "";
      return;
    }
    el.home.hidden = true;
    el.status.textContent = t("status.searching");
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
      el.status.textContent = t("status.none") + tookText;
    } else {
      const from = s.offset + 1;
      const to = s.offset + results.length;
      el.status.textContent = (total > results.length ? t("status.range", from, to, total)
        : t("status.all", total)) + tookText + ".";
    }

    const notice = data.notice && MSG.vi["notice." + data.notice] ? t("notice." + data.notice) : "";
    el.notice.hidden = !notice;
    el.notice.textContent = notice;

    el.suggestion.replaceChildren();
    // With no result, the suggestion is among the next steps of drawNoResults.
    el.suggestion.hidden = !data.suggestion || total === 0;
    if (data.suggestion && total > 0) {
      el.suggestion.append(t("suggest.lead"),
        h("a", { href: stateUrl({ ...s, q: data.suggestion, offset: 0 }), "data-nav": true },
          data.suggestion), "?");
    }

    drawNoResults(s, data, total);
    drawFacets(s, data.facets || {});
    el.results.replaceChildren(...results.map((r) => resultItem(s, r)));
    el.results.setAttribute("start", String(s.offset + 1));
    drawPager(s, total, results.length);
  }

  // The query with its free words (not fields, not operators) changed by fn, "" when fn gives "".
  const rewrite = (s, fn) => queryTokens(s.q).map((tk) => (isFree(tk) ? fn(tk) : tk.raw))
    .filter((x) => x !== "").join(" ");

  // With no result: says so, and offers next steps as links: the API's suggestion; the query
  // without its fields and filters; trich:NUMBER for so:NUMBER (a document the index may only
  // know as cited by others); without diacritics; the words not as a phrase, or fewer words.
  function drawNoResults(s, data, total) {
    el.noResults.hidden = total > 0;
    el.layout.hidden = total === 0;
    el.facetBar.hidden = total === 0;
    if (total > 0) {
      el.noResults.replaceChildren();
      return;
    }
    const toks = queryTokens(s.q);
    const link = (q, changes) => h("a", { href: stateUrl({ ...s, ...changes, q, offset: 0 }),
      "data-nav": true, "data-focus": "results" }, q);
    const steps = [];
    const seen = new Set([s.q.trim()]);
    const offer = (key, q, changes, ...more) => {
      if (!q || (seen.has(q) && !changes)) return null;
      seen.add(q);
      const li = h("li", null, tNodes(key, link(q, changes || {}), ...more));
      steps.push(li);
      return li;
    };
    if (typeof data.suggestion === "string") offer("none.suggest", data.suggestion.trim());
    const free = toks.filter((tk) => isFree(tk) && !tk.neg);
    const filtered = FILTERS.some((f) => s[f]) || toks.some((tk) => tk.field);
    if (filtered && free.length) {
      const cleared = Object.fromEntries(FILTERS.map((f) => [f, ""]));
      offer("none.unfiltered", toks.filter(isFree).map((tk) => tk.raw).join(" "), cleared);
    }
    for (const tk of toks) {
      if (!tk.neg && (tk.field === "so" || tk.field === "number") && unquote(tk.value)) {
        const num = unquote(tk.value);
        const q = "trich:" + (/\s/.test(num) ? '"' + num + '"' : num);
        const li = offer("none.cites", q, null, num);
        if (li) li.append(t("none.cites.why"));
      }
    }
    const folded = rewrite(s, (tk) => fold(tk.raw));
    if (fold(s.q) !== s.q.toLowerCase()) offer("none.folded", folded);
    if (free.some((tk) => tk.quoted)) {
      offer("none.unquoted", rewrite(s, (tk) => (tk.quoted ? unquote(tk.raw).trim() : tk.raw)));
    } else if (free.length >= 2) {
      const last = free[free.length - 1];
      offer("none.fewer", rewrite(s, (tk) => (tk === last ? "" : tk.raw)));
    }
    el.noResults.replaceChildren();
    fill(el.noResults,
      h("p", { class: "none-title" }, s.q.trim() ? t("none.title", s.q.trim()) : t("none.filters")),
      steps.length ? h("p", null, t("none.try")) : null,
      steps.length ? h("ul", { class: "next-steps" }, steps) : null);
  }

  // How a section is named: "Mục III.3.2" in resolutions and plans; a
  // regulation's parts name themselves ("Điều 5, khoản 2", "Chương II").
  // Labels are link keys, never shown: a repeated number's "~2" is not.
  function sectionName(sec) {
    const shown = sec.display || sec.label || "";
    return !sec.kind || ["roman", "arabic", "letter"].includes(sec.kind) ? t("doc.section", shown) : shown;
  }

  function resultItem(s, r) {
    const open = stateUrl({ ...s, doc: r.key, sec: (r.section && r.section.label) || "_" });
    const meta = h("p", { class: "hit-meta" },
      h("span", { class: "badge" }, typeName(r)),
      r.number ? h("span", { class: "num" }, r.number) : null,
      r.date ? h("time", { datetime: r.date }, viDate(r.date)) : null,
      r.issuer ? h("span", { class: "issuer" }, r.issuer) : null);
    const title = h("h2", { class: "hit-title" },
      h("a", { href: open, "data-nav": true, "data-focus": "doc" }, shownTitle(r)));
    const sec = r.section || {};
    const where = crumbs(sec.breadcrumb) ||
      (sec.label ? h("p", { class: "crumbs-one" }, sectionName(sec)) : null);
    const snippet = r.snippet ? h("p", { class: "snippet" }, marked(r.snippet, r.highlights)) : null;
    const extra = [];
    if (r.other_sections > 0) extra.push(t("hit.more", r.other_sections));
    const copies = Array.isArray(r.copies) && r.copies.length
      ? h("p", { class: "copies" }, t("hit.copies"), r.copies.map((c, i) => [i ? ", " : "",
        h("a", { href: stateUrl({ ...s, doc: c.key, sec: "" }), "data-nav": true,
          "data-focus": "doc" }, c.key)]))
      : null;
    const actions = h("div", { class: "actions" },
      h("a", { href: open, "data-nav": true, "data-focus": "doc", class: "button" }, t("hit.open")),
      copyButton(r));
    return h("li", { class: "hit" }, meta, title, where, snippet,
      extra.length ? h("p", { class: "more" }, extra.join(" ")) : null, copies, actions);
  }

  function facetLabel(name, value) {
    if (name === "type") {
      const tn = typeNames.get(value);
      return tn ? tn + " (" + value + ")" : value;
    }
    return value;
  }

  function drawFacets(s, facets) {
    const groups = [["type", t("group.type")], ["year", t("group.year")], ["issuer", t("group.issuer")]];
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
          title: on ? t("facet.off") : t("facet.only", facetLabel(name, String(f.value))),
          onclick: () => go(stateUrl(withChanges({ [name]: on ? "" : String(f.value),
            offset: 0, doc: "", sec: "" })), "facet:" + name + ":" + f.value),
        }, h("span", { class: "facet-name" }, facetLabel(name, String(f.value))),
        h("span", { class: "count" }, String(f.count), h("span", { class: "sr-only" }, t("facet.docs")))));
      }));
      if (s[name] && !items.some((f) => String(f.value) === s[name])) {
        list.append(h("li", null, h("button", {
          type: "button", class: "facet", "aria-pressed": "true", title: t("facet.off"),
          onclick: () => go(stateUrl(withChanges({ [name]: "", offset: 0 })), "results"),
        }, h("span", { class: "facet-name" }, facetLabel(name, s[name])))));
      }
      el.facets.append(h("section", { class: "facet-group" }, h("h2", null, title), list));
    }
    const on = ["type", "year", "issuer"].filter((f) => s[f]).length;
    el.facetsActive.textContent = on ? t("facets.active", on) : "";
    el.facetBar.hidden = el.facets.childElementCount === 0;
  }

  // The facets are shown (on a narrow screen, where the "Bộ lọc" button shows and hides them).
  function setFacetsOpen(open) {
    el.facetsToggle.setAttribute("aria-expanded", String(open));
    el.facets.classList.toggle("open", open);
  }

  // On a narrow screen the facets go under their button, before the results; on a wide one
  // after the results, in the column beside them. Results before facets, for Tab too.
  function placeFacets(narrow) {
    if (narrow) el.facetBar.after(el.facets);
    else el.layout.append(el.facets);
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
      s.offset > 0 ? link(Math.max(0, s.offset - s.limit), t("pager.prev"), "prev")
        : h("span", { class: "disabled", "aria-hidden": "true" }, t("pager.prev")),
      h("span", { class: "page" }, t("pager.page", page, pages)),
      s.offset + shown < total ? link(s.offset + s.limit, t("pager.next"), "next")
        : h("span", { class: "disabled", "aria-hidden": "true" }, t("pager.next")));
  }

  /* ---------- citation copy ---------- */

  // A button that copies the citation of d, or `text` when given.
  function copyButton(d, text, label = t("copy.label")) {
    const cite = text || citation(d);
    const b = h("button", { type: "button", class: "copy secondary", "data-citation": cite,
      title: cite }, label);
    b.addEventListener("click", async () => {
      const ok = await copyText(b.dataset.citation);
      b.textContent = ok ? t("copy.done") : t("copy.failed");
      el.status.textContent = ok ? t("copy.status", b.dataset.citation) : t("copy.status.failed");
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

  const SECTION_FETCHES = 6; // section texts asked for at once (a browser opens 6 connections)
  let drawnDoc = null; // {key, q} of the document drawn in #doc-text
  let outlineLinks = []; // the outline's links, by section index

  // The URL key of a section: its label, "_" for the preamble (label "").
  const secKey = (x) => x.label || "_";

  // The document and the text of every section, in one request (/api/documents/KEY?text=1);
  // a section whose text is missing (an older daemon gives the outline only) comes from
  // /api/documents/KEY/sections/LABEL, a few at a time; progress(done, all) after each. A
  // section that cannot be read has text null.
  async function loadDoc(key, progress) {
    const cached = docCache.get(key);
    if (cached) return cached;
    const doc = await getJson("/api/documents/" + encodeURIComponent(key) + "?text=1");
    const sections = (Array.isArray(doc.sections) ? doc.sections : [])
      .filter((x) => x && typeof x === "object").map((x) => ({ ...x, label: x.label || "" }));
    const todo = sections.filter((x) => typeof x.text !== "string");
    let done = sections.length - todo.length;
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const x = todo[next++];
        try {
          const data = await getJson("/api/documents/" + encodeURIComponent(key) + "/sections/" +
            encodeURIComponent(secKey(x)));
          x.text = String((data.section && data.section.text) || "");
        } catch (e) {
          if (e.code === "network") throw e;
          x.text = null;
        }
        progress(++done, sections.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SECTION_FETCHES, todo.length) }, worker));
    const full = { ...doc, sections };
    docCache.set(key, full);
    if (docCache.size > 8) docCache.delete(docCache.keys().next().value);
    return full;
  }

  // Draws the document s.doc whole, then goes to the section s.sec. Returns true when it has
  // scrolled the page there (render then leaves the scroll alone).
  async function showDoc(s, gen, fresh) {
    el.home.hidden = true;
    el.searchView.hidden = true;
    el.checkView.hidden = true;
    el.back.href = stateUrl({ ...s, doc: "", sec: "" });
    el.back.textContent = s.view === "check" ? t("doc.back.check")
      : hasSearch(s) ? t("doc.back.results") : t("doc.back.home");
    if (drawnDoc && drawnDoc.key === s.doc && drawnDoc.q === s.q) {
      el.docView.hidden = false;
      el.status.textContent = "";
      return toSection(s, fresh);
    }
    el.status.textContent = t("doc.opening");
    let doc;
    try {
      doc = await loadDoc(s.doc, (done, all) => {
        if (gen === generation) el.status.textContent = t("doc.loading", done, all);
      });
    } catch (e) {
      if (gen !== generation) return false;
      el.docView.hidden = true;
      showError(e);
      return false;
    }
    if (gen !== generation) return false;
    el.docView.hidden = false;
    document.title = (doc.number ? typeName(doc) + " " + doc.number : shownTitle(doc)) + " — vankien";
    drawDocHead(doc);
    const marks = drawDocText(s, doc.sections);
    drawOutline(s, doc.sections);
    drawnDoc = { key: s.doc, q: s.q };
    el.status.textContent = marks ? t("doc.marks", marks, s.q.trim()) : "";
    return toSection(s, fresh);
  }

  function drawDocHead(doc) {
    const rows = [
      ["doc.date", doc.date ? viDate(doc.date) : ""],
      ["doc.place", doc.place], ["doc.issuer", doc.issuer],
      ["doc.conference", doc.conference], ["doc.term", doc.term], ["doc.signer", doc.signer],
    ].filter(([, v]) => typeof v === "string" && v && v !== "null");
    // The heading names the type and number; the title line, the title, else what names it.
    const line = ownTitle(doc) || (doc.number ? "" : plainName(doc));
    el.docHead.replaceChildren();
    fill(el.docHead,
      h("h1", { id: "doc-title", tabindex: "-1" },
        h("span", { class: "badge" }, typeName(doc)), " ",
        doc.number ? t("doc.number", doc.number) : ""),
      line ? h("p", { class: "doc-title" }, line) : null,
      h("dl", { class: "doc-meta" }, rows.map(([k, v]) => [h("dt", null, t(k)), h("dd", null, v)])),
      h("div", { class: "actions" }, copyButton(doc)));
  }

  // What heads a section: the last step of its breadcrumb ("3.2. Về công tác cán bộ").
  function sectionHeading(x) {
    if (!x.label) return t("doc.preamble");
    const bc = Array.isArray(x.breadcrumb) ? x.breadcrumb : [];
    if (bc.length) return String(bc[bc.length - 1]);
    return sectionName(x) + (x.heading ? ". " + x.heading : "");
  }

  const depthOf = (x) => Math.min(4, Math.max(1, Array.isArray(x.breadcrumb) ? x.breadcrumb.length : 1));

  // Every section in order, the query's words marked (without diacritics when nothing matches
  // with them). Returns how many marks.
  function drawDocText(s, sections) {
    const phrases = queryPhrases(s.q);
    const draw = (loose) => {
      let count = 0;
      const hl = (text) => {
        const r = highlight(text, phrases, loose);
        count += r.count;
        return r.frag;
      };
      const nodes = sections.map((x, i) => sectionNode(x, i, hl));
      return { nodes, count };
    };
    let out = draw(false);
    if (out.count === 0 && phrases.some((ph) => ph.some((w) => w.exact))) out = draw(true);
    el.docText.replaceChildren(...(sections.length ? out.nodes
      : [h("p", { class: "hint" }, t("doc.nosections"))]));
    return out.count;
  }

  function sectionNode(x, i, hl) {
    const head = sectionHeading(x);
    const depth = depthOf(x);
    let paras = typeof x.text === "string" ? x.text.split("\n").filter((p) => p.trim() !== "") : [];
    // The text opens with the heading line: it is the heading, shown once.
    if (x.label && paras.length && paras[0].trim() === head.trim()) paras = paras.slice(1);
    const lead = x.label && paras.length > 0 && paras[0].startsWith(head.replace(/…$/, ""));
    return h("section", { id: "sec-" + i, class: "doc-sec depth-" + depth, tabindex: "-1",
      "aria-labelledby": "sec-h-" + i, "data-sec": secKey(x) },
    h(depth === 1 ? "h2" : depth === 2 ? "h3" : "h4", { id: "sec-h-" + i,
      class: x.label ? null : "preamble-head" }, hl(head)),
    h("div", { class: "text" }, x.text === null ? h("p", { class: "hint" }, t("doc.missing"))
      : paras.map((p, j) => h("p", { class: lead && !j ? "lead" : null }, hl(p)))));
  }

  function drawOutline(s, sections) {
    outlineLinks = sections.map((x, i) => h("a", {
      href: stateUrl({ ...s, sec: secKey(x) }), "data-nav": true, "data-focus": "section",
      "data-index": i }, sectionHeading(x)));
    el.outlineList.replaceChildren(...sections.map((x, i) =>
      h("li", { class: "depth-" + depthOf(x) }, outlineLinks[i])));
    // A phone shows the text first: the outline is there, closed.
    el.outlineBox.open = !narrowScreen.matches;
    el.outline.hidden = sections.length < 2;
  }

  // Marks section i as the current one in the outline, and brings it into the outline's own
  // scrolled view (not the page's).
  function markOutline(i) {
    outlineLinks.forEach((a, j) => {
      if (j === i) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    });
    const box = el.outline;
    const cur = outlineLinks[i];
    if (cur && box.scrollHeight > box.clientHeight) {
      const off = cur.getBoundingClientRect().top - box.getBoundingClientRect().top;
      if (off < 0 || off > box.clientHeight - 40) box.scrollTop += off - box.clientHeight / 3;
    }
  }

  // Scrolls to the section of s.sec (on a new visit, not when "back" restores the scroll), and
  // makes it what the focus goes to. Returns true when it scrolled.
  function toSection(s, fresh) {
    const node = s.sec ? el.docText.querySelector('[data-sec="' + CSS.escape(s.sec) + '"]') : null;
    markOutline(node ? Number(node.id.slice(4)) : -1);
    const saved = history.state && history.state.scroll;
    if (!node || (!fresh && saved != null)) return false;
    spyHeld = Date.now() + 500;
    node.scrollIntoView({ block: "start" });
    if (pendingFocus === "doc" || pendingFocus === "section") pendingFocus = node;
    return true;
  }

  // While the reader scrolls, the outline follows: the section at the top is the current one.
  let spyQueued = false;
  let spyHeld = 0; // until when: a section scrolled to stays the current one meanwhile
  function followScroll() {
    if (spyQueued || el.docView.hidden || !outlineLinks.length || Date.now() < spyHeld) return;
    spyQueued = true;
    requestAnimationFrame(() => {
      spyQueued = false;
      let cur = -1;
      for (const sec of el.docText.children) {
        if (sec.getBoundingClientRect().top > Math.min(100, window.innerHeight / 4)) break;
        if (sec.id.startsWith("sec-")) cur = Number(sec.id.slice(4));
      }
      if (cur >= 0) markOutline(cur);
    });
  }

  /* ---------- the draft check ---------- */

  const SEVERITIES = Object.fromEntries(["ERROR", "WARNING", "OK"].map((k) => [k, t("sev." + k)]));
  // The fields of query/resolve.c's qr_cfield_name.
  const FIELDS = Object.fromEntries(["number", "type", "date", "issuer", "term", "plenum",
    "congress", "subject", "quote", "section"].map((k) => [k, t("field." + k)]));
  const DRAFT_KEY = "vankien.draft"; // sessionStorage: the draft survives a reload of the tab
  const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  let checkGeneration = 0; // as `generation`, for the answers of /api/check
  let citeGeneration = 0; // and of /api/cite
  // The draft file chosen or dropped, checked instead of the box's text: {file, kind}, kind
  // "docx" (a Word draft, by paragraphs) or "text" (a text file that is not UTF-8, in a legacy
  // encoding the daemon converts: sent as it is); null when the box's text is the draft.
  let draftFile = null;

  const severityOf = (f) => (SEVERITIES[f.severity] ? f.severity : "WARNING");

  // The text the daemon checks (cp_text_prepare): no byte-order mark, LF line ends, NFC. The
  // findings' offsets point into this text, so the page posts and draws this very text.
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

  // The URL a draft file is posted to: its name goes with it (the daemon names the checked
  // copy after it), and, asking for the Word file back, whether the replacements are to be
  // tracked changes too (suggest_changes=1) beside the review comments.
  function fileCheckUrl(df, asDocx) {
    const p = new URLSearchParams({ name: df.file.name });
    if (asDocx && el.suggestChanges.checked) p.set("suggest_changes", "1");
    return "/api/check?" + p.toString();
  }

  const fileType = (df) => (df.kind === "docx" ? DOCX_TYPE : "text/plain");

  async function postFile(df) {
    return getJson(fileCheckUrl(df, false), {
      method: "POST", headers: { "Content-Type": fileType(df) }, body: df.file });
  }

  function showCheck() {
    el.home.hidden = true;
    el.searchView.hidden = true;
    el.docView.hidden = true;
    el.checkView.hidden = false;
    document.title = t("check.title") + " — vankien";
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
    const df = draftFile;
    const text = df ? "" : draftText(el.draft.value);
    el.error.hidden = true;
    if (!df && !/[\p{L}\p{N}]/u.test(text)) {
      el.status.textContent = t("check.empty");
      el.draft.focus();
      return;
    }
    const gen = ++checkGeneration;
    el.status.textContent = t("check.running");
    el.checkView.setAttribute("aria-busy", "true");
    let data;
    try {
      data = await (df ? postFile(df) : postDraft(text));
    } catch (e) {
      if (gen !== checkGeneration) return;
      el.checkView.removeAttribute("aria-busy");
      if (!el.checkView.hidden) showError(e);
      return;
    }
    if (gen !== checkGeneration) return;
    el.checkView.removeAttribute("aria-busy");
    // Converted from a legacy encoding, the checked text is not the one posted: no marks.
    const mode = df ? df.kind : data.encoding == null ? "marked" : "text";
    drawCheck(text, data, mode);
    if (!el.checkView.hidden) el.checkResultTitle.focus();
  }

  // Draws an answer of /api/check. mode: "marked" (the posted text, drawn with the findings
  // marked in it), "text" (a text whose places are lines and columns) or "docx" (paragraphs and
  // characters of a Word draft).
  function drawCheck(text, data, mode) {
    const findings = (Array.isArray(data.findings) ? data.findings : [])
      .filter((f) => f && typeof f === "object").map((f, i) => ({ ...f, i }));
    const n = (k) => Number(data[k]) || 0;
    const counts = [["errors", "ERROR"], ["warnings", "WARNING"], ["ok", "OK"]].map(([k, sev]) =>
      h("span", { class: "tally sev-" + sev.toLowerCase() }, n(k) + " " + SEVERITIES[sev].toLowerCase()));
    el.checkSummary.replaceChildren(...(findings.length
      ? [counts[0], " ", counts[1], " ", counts[2], " · ", t("check.counts", n("citations"), n("quotes"))]
      : [t("check.none")]));
    el.checkOverview.replaceChildren(...overview(data));
    el.checkNotice.hidden = mode !== "text" || data.encoding == null;
    el.checkNotice.textContent = el.checkNotice.hidden ? "" : t("check.encoding", data.encoding);
    el.checkResult.classList.toggle("unmarked", mode !== "marked");
    el.draftMarked.replaceChildren(mode === "marked" ? markFindings(text, findings) : "");
    el.findings.replaceChildren(...findings.map((f) => findingItem(f, mode)));
    el.checkResult.hidden = false;
    if (el.checkView.hidden) return; // the answer came after the reader went elsewhere
    el.status.textContent = findings.length
      ? t("check.done", n("errors"), n("warnings"), n("ok"))
      : t("check.done.none");
  }

  // The check's summary (its `summary`, else the counts of older answers) as the <dt> and <dd>
  // of a list: the documents cited, the citations, the quotes, the problems by field.
  function overview(data) {
    const s = data.summary && typeof data.summary === "object" ? data.summary : {};
    const num = (k) => Number(s[k] ?? data[k]) || 0;
    const docs = [String(num("documents"))];
    if (num("unknown")) docs.push(" ", t("sum.unknown", num("unknown")));
    const byField = s.by_field && typeof s.by_field === "object" ? Object.entries(s.by_field) : [];
    const problems = byField.map(([field, c]) => h("li", { "data-field": field },
      t("sum.field", FIELDS[field] || field, Number(c && c.errors) || 0,
        Number(c && c.warnings) || 0)));
    const row = (key, id, value) => [h("dt", null, t(key)), h("dd", { id }, value)];
    return [
      row("sum.documents", "sum-documents", docs),
      row("sum.citations", "sum-citations", String(num("citations"))),
      row("sum.quotes", "sum-quotes", String(num("quotes"))),
      row("sum.problems", "sum-problems",
        problems.length ? h("ul", { class: "by-field" }, problems) : t("sum.noproblem")),
    ].flat();
  }

  // The place of a finding (or of one of its other places, f.also) as a reader looks for it.
  function whereText(at, mode) {
    const line = Number(at.line) || 0;
    const col = Number(at.column ?? at.col) || 0;
    return mode === "docx" ? t("finding.para", line, col) : t("finding.where", line, col);
  }

  // The UTF-16 range [a, b) of a place in text (its start16/end16), widened to whole
  // characters (an empty one to the next character); null when it has none.
  function range16(at, text) {
    if (!at || !Number.isFinite(at.start16) || !Number.isFinite(at.end16)) return null;
    const n = text.length;
    const low = (i) => i > 0 && i < n && /[\uDC00-\uDFFF]/.test(text[i]); // inside a pair
    let a = Math.max(0, Math.min(n, Math.trunc(at.start16)));
    let b = Math.max(a, Math.min(n, Math.trunc(at.end16)));
    if (low(a)) a--;
    if (b === a && b < n) b++;
    if (low(b)) b++;
    return a < b ? [a, b] : null;
  }

  // The draft with a <mark> over each place of each finding (its start16/end16, JavaScript's
  // string indices, and those of f.also: a finding the draft repeats is marked at each place).
  // Marks nest when ranges nest, and a range crossing another is split, its first piece holding
  // the id: mark-I for a finding's place, mark-I-K for its K-th other place.
  function markFindings(text, findings) {
    const spans = [];
    for (const f of findings) {
      const places = [f, ...(Array.isArray(f.also) ? f.also : [])];
      places.forEach((at, k) => {
        const r = range16(at, text);
        if (r) spans.push({ a: r[0], b: r[1], f, k });
      });
    }
    spans.sort((x, y) => x.a - y.a || y.b - x.b || x.f.i - y.f.i || x.k - y.k);
    const cuts = [...new Set([0, text.length, ...spans.flatMap((x) => [x.a, x.b])])]
      .sort((x, y) => x - y);
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
        const id = x.k ? x.f.i + "-" + x.k : String(x.f.i);
        const node = findingMark(x.f, seen.has(id) ? null : id);
        seen.add(id);
        top().append(node);
        open.push({ span: x, node });
      }
      top().append(text.slice(p, q));
    }
    return frag;
  }

  // A finding's mark; id (I or I-K) for the first piece of a place, else null.
  function findingMark(f, id) {
    const sev = severityOf(f);
    return h("mark", {
      class: "finding-mark sev-" + sev.toLowerCase(), "data-finding": f.i,
      id: id != null ? "mark-" + id : null, tabindex: id != null ? "-1" : null,
      "aria-describedby": id != null ? "finding-msg-" + f.i : null,
      title: SEVERITIES[sev] + " (" + (FIELDS[f.field] || f.field || "") + "): " + (f.message || ""),
    });
  }

  function findingItem(f, mode) {
    const sev = severityOf(f);
    const marked = mode === "marked" && Number.isFinite(f.start16);
    const line = Number(f.line) || 0;
    const col = Number(f.column ?? f.col) || 0;
    // Beside the drawn text, "3:12" (its words for a screen reader); else in words.
    const pos = mode === "marked"
      ? [h("span", { class: "pos", "aria-hidden": "true" }, line + ":" + col),
        h("span", { class: "sr-only" }, t("finding.where", line, col))]
      : h("span", { class: "where" }, whereText(f, mode));
    const head = h("span", { class: "finding-head" },
      h("span", { class: "sev sev-" + sev.toLowerCase() }, SEVERITIES[sev]), " ", pos, " ",
      h("span", { class: "field" }, FIELDS[f.field] || f.field || ""));
    const msg = h("span", { class: "finding-msg", id: "finding-msg-" + f.i }, f.message || "");
    const main = marked
      ? h("button", { type: "button", class: "finding-go", "data-finding": f.i,
        title: t("finding.go"), onclick: () => focusMark(f.i) }, head, msg)
      : h("div", { class: "finding-go" }, head, msg);
    const links = [];
    if (f.citation) links.push(copyButton(null, f.citation, t("finding.copy")));
    if (f.key) {
      links.push(h("a", { href: stateUrl({ ...readState(""), view: "check", doc: f.key }),
        "data-nav": true, "data-focus": "doc" }, t("finding.open", f.number || f.key)));
    }
    return h("li", { class: "finding sev-" + sev.toLowerCase(), id: "finding-" + f.i,
      "data-severity": sev, "data-field": f.field || "" },
    main,
    !marked && f.cited ? h("p", { class: "cited" }, h("span", { class: "label" }, t("finding.cited")),
      h("q", null, f.cited)) : null,
    fixLine(f),
    alsoLine(f, mode, marked),
    links.length ? h("div", { class: "actions" }, links) : null);
  }

  // What to write instead: "thay “X” bằng “Y”" from f.replace, else the checker's suggestion.
  function fixLine(f) {
    const r = f.replace;
    if (r && typeof r === "object" && typeof r.text === "string") {
      const old = typeof r.replaced === "string" ? r.replaced : f.cited || "";
      return h("p", { class: "suggestion-fix replace" }, h("span", { class: "label" }, t("finding.fix")),
        tNodes("finding.replace", h("span", { class: "old" }, old), h("span", { class: "new" }, r.text)));
    }
    if (!f.suggestion) return null;
    return h("p", { class: "suggestion-fix" }, h("span", { class: "label" }, t("finding.fix")),
      f.suggestion);
  }

  // The other places of a repeated finding: buttons to their marks in a drawn text, else their
  // places in words; the words there when the draft writes them otherwise.
  function alsoLine(f, mode, marked) {
    const also = (Array.isArray(f.also) ? f.also : []).filter((p) => p && typeof p === "object");
    if (!also.length) return null;
    const first = f.replace && f.replace.replaced;
    const items = also.map((p, k) => {
      const words = p.replace && p.replace.replaced;
      const where = whereText(p, mode);
      return h("li", null, marked
        ? h("button", { type: "button", class: "place", onclick: () => focusMark(f.i, k + 1) }, where)
        : where, words && words !== first ? [" (", h("q", null, words), ")"] : null);
    });
    return h("div", { class: "also" }, h("span", { class: "label" }, t("finding.also", also.length)),
      h("ul", null, items));
  }

  // Scrolls to a finding's mark (place k: 0 its first, K its K-th other place) and focuses it;
  // the finding is shown as the current one.
  function focusMark(i, k = 0) {
    const m = $(k ? "mark-" + i + "-" + k : "mark-" + i);
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

  /* ---------- a draft file: chosen, dropped, and given back checked ---------- */

  const isDocx = (file) => /\.docx$/i.test(file.name) || file.type === DOCX_TYPE;
  const isText = (file) => /\.(txt|md|markdown)$/i.test(file.name) || /^text\//.test(file.type);

  // "9,7 KB": a file's size for the reader.
  function fileSize(bytes) {
    const kb = bytes / 1024;
    const s = kb < 1024 ? kb.toFixed(1) + " KB" : (kb / 1024).toFixed(1) + " MB";
    return LANG === "vi" ? s.replace(".", ",") : s;
  }

  // A file chosen or dropped: a Word draft is kept to be checked as it is; a text file is read
  // into the box (UTF-8), or, in another encoding, kept and sent as it is for the daemon to
  // convert; anything else is refused with a message.
  async function takeFile(file) {
    el.error.hidden = true;
    if (!file) return;
    if (isDocx(file)) {
      setDraftFile({ file, kind: "docx" });
      el.status.textContent = t("file.chosen", file.name);
      return;
    }
    if (!isText(file)) {
      setDraftFile(null);
      el.status.textContent = t("file.refused", file.name);
      return;
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch (e) {
      setDraftFile({ file, kind: "text" });
      el.status.textContent = t("file.legacy", file.name);
      return;
    }
    setDraftFile(null);
    el.draft.value = text;
    saveDraft();
    el.status.textContent = t("file.read", file.name);
    el.draft.focus();
  }

  // Shows the draft file df (or the box again for null); the findings of another draft go.
  function setDraftFile(df) {
    draftFile = df;
    el.draftFileCard.hidden = !df;
    el.draft.hidden = !!df;
    el.draftDownload.hidden = !df || df.kind !== "docx";
    el.draftHint.hidden = !!df; // Ctrl+Enter is the box's
    el.suggestRow.hidden = !df || df.kind !== "docx";
    if (!df) el.draftFile.value = "";
    el.checkResult.hidden = true;
    el.findings.replaceChildren();
    el.draftMarked.replaceChildren();
    if (!df) return;
    el.draftFileName.textContent = df.file.name;
    el.draftFileSize.textContent = "(" + fileSize(df.file.size) + ")";
    el.draftFileKind.textContent = df.kind === "docx" ? t("file.kind") : t("file.kind.text");
    el.draftFileNote.textContent = df.kind === "docx" ? t("file.note") : t("file.note.text");
  }

  // The file name of a Content-Disposition value: filename* (RFC 6266, UTF-8) first, then
  // filename; without folders. "" when it has none.
  function dispositionName(v) {
    let name = "";
    const star = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(v || "");
    if (star) {
      try {
        name = decodeURIComponent(star[1]);
      } catch (e) {
        name = "";
      }
    }
    if (!name) {
      const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(v || "");
      if (plain) name = plain[1] ?? plain[2] ?? "";
    }
    return name.replace(/^.*[\\/]/, "");
  }

  // The error an answer that is not the file carries ({"error": {code, message}}).
  async function answerError(res) {
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    const err = (body && body.error) || {};
    return new ApiError(err.code || "http_" + res.status, err.message || res.statusText);
  }

  // Posts the Word draft again, asking for it back annotated, and saves the answer as a file
  // named as the daemon names it (Content-Disposition).
  async function downloadChecked() {
    const df = draftFile;
    if (!df || df.kind !== "docx") return;
    el.error.hidden = true;
    el.status.textContent = t("file.making");
    el.draftDownload.disabled = true;
    try {
      let res;
      try {
        res = await fetch(fileCheckUrl(df, true), { method: "POST", body: df.file,
          headers: { "Content-Type": DOCX_TYPE, Accept: DOCX_TYPE, "Accept-Language": LANG } });
      } catch (e) {
        throw new ApiError("network", "");
      }
      if (!res.ok) throw await answerError(res);
      const blob = await res.blob();
      const name = dispositionName(res.headers.get("Content-Disposition")) ||
        df.file.name.replace(/\.docx$/i, "") + ".checked.docx";
      saveBlob(blob, name);
      el.status.textContent = t("file.saved", name);
    } catch (e) {
      showError(e instanceof ApiError ? e : new ApiError("other", ""));
    } finally {
      el.draftDownload.disabled = false;
    }
  }

  // Saves blob as a file called name, through an object URL given to a download link.
  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, class: "offscreen", tabindex: "-1" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // A file dropped on the draft's area is taken as if chosen; the area shows it can take one.
  function initDrop() {
    const area = el.draftArea;
    const carriesFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
    for (const type of ["dragenter", "dragover"]) {
      area.addEventListener(type, (e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        area.classList.add("dragging");
      });
    }
    area.addEventListener("dragleave", (e) => {
      if (!area.contains(e.relatedTarget)) area.classList.remove("dragging");
    });
    area.addEventListener("drop", (e) => {
      area.classList.remove("dragging");
      if (!carriesFiles(e)) return;
      e.preventDefault();
      takeFile(e.dataTransfer.files[0]);
    });
  }

  /* ---------- canonical citations (Trích dẫn) ---------- */

  async function runCite() {
    const q = el.citeQ.value.trim();
    if (!q) {
      el.citeQ.focus();
      return;
    }
    const gen = ++citeGeneration;
    el.citeResults.replaceChildren(h("li", { class: "hint" }, t("cite.running")));
    let data;
    try {
      data = await getJson("/api/cite?" + new URLSearchParams({ q }).toString());
    } catch (e) {
      if (gen !== citeGeneration) return;
      el.citeResults.replaceChildren(h("li", { class: "hint" },
        errorText(e.code) + (e.message ? " (" + e.message + ")." : ".")));
      return;
    }
    if (gen !== citeGeneration) return;
    const cands = (Array.isArray(data.candidates) ? data.candidates : []).slice(0, 5);
    el.citeResults.replaceChildren(...(cands.length ? cands.map(citeItem)
      : [h("li", { class: "hint" }, t("cite.none"))]));
    if (data.notice) el.citeResults.append(h("li", { class: "hint" }, data.notice));
    el.status.textContent = cands.length ? t("cite.found", cands.length) : t("cite.found.none");
  }

  function citeItem(c) {
    const text = (c.section && c.section.citation) || c.citation || c.number || c.key || "?";
    const links = [copyButton(null, text)];
    if (c.key) {
      links.push(h("a", { href: stateUrl({ ...readState(""), view: "check", doc: c.key,
        sec: (c.section && c.section.label) || "" }), "data-nav": true, "data-focus": "doc",
      class: "button" }, t("hit.open")));
    }
    return h("li", { class: "cite-item" },
      h("p", { class: "cite-text" }, text),
      c.in_corpus ? null : h("p", { class: "hint" },
        t("cite.absent")),
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
      ["checkOverview", "check-overview"], ["draftArea", "draft-area"],
      ["draftFile", "draft-file"], ["draftFileCard", "draft-file-card"],
      ["draftFileName", "draft-file-name"], ["draftFileSize", "draft-file-size"],
      ["draftFileKind", "draft-file-kind"], ["draftFileDrop", "draft-file-drop"],
      ["draftFileNote", "draft-file-note"], ["draftHint", "draft-hint"],
      ["draftDownload", "draft-download"], ["suggestRow", "suggest-row"],
      ["suggestChanges", "suggest-changes"],
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
      setDraftFile(null);
      el.status.textContent = t("check.cleared");
      el.draft.focus();
    });
    el.draftFile.addEventListener("change", () => takeFile(el.draftFile.files[0]));
    el.draftFileDrop.addEventListener("click", () => {
      setDraftFile(null);
      el.status.textContent = t("file.removed");
      el.draft.focus();
    });
    el.draftDownload.addEventListener("click", downloadChecked);
    initDrop();
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
    if (f instanceof Element) {
      f.focus({ preventScroll: true }); // a section, already scrolled to
      return;
    }
    let target = null;
    if (f === "results") target = $("results-title");
    else if (f === "doc") target = $("doc-title");
    else if (f === "check") target = $("check-title");
    else if (f === "section") target = el.docText;
    else target = document.querySelector('[data-focus="' + CSS.escape(f) + '"]') || $(f);
    if (target && !target.closest("[hidden]")) target.focus();
  }

  // The skip link, the first thing Tab reaches: to the results, the document or the content.
  function skipTarget() {
    if (!el.searchView.hidden) {
      return el.results.querySelector(".hit-title a") || el.noResults.querySelector("a") || el.main;
    }
    if (!el.docView.hidden) return $("doc-title") || el.main;
    if (!el.checkView.hidden) return $("check-title");
    return el.main;
  }

  function labelSkip(s) {
    el.skip.textContent = s.doc ? t("skip.doc")
      : hasSearch(s) && !s.view ? t("skip.results") : t("skip.main");
    el.skip.href = s.doc ? "#doc-text" : hasSearch(s) && !s.view ? "#results" : "#main";
  }

  async function render(fresh) {
    const gen = ++generation;
    const s = current();
    el.error.hidden = true;
    fillForm(s);
    markNav(s);
    labelSkip(s);
    let scrolled = false;
    if (s.doc) scrolled = await showDoc(s, gen, fresh);
    else if (s.view === "check") showCheck();
    else await showSearch(s, gen);
    if (gen !== generation) return;
    // A new page starts at the top, or at the document's section (then focus may scroll);
    // "back" returns where it was.
    if (!scrolled) window.scrollTo(0, fresh ? 0 : (history.state && history.state.scroll) || 0);
    applyFocus();
  }

  async function showHealth() {
    try {
      const hl = await getJson("/api/health");
      el.health.textContent = t("health", Number(hl.passages || 0).toLocaleString(LANG),
        hl.version || "");
    } catch (e) {
      el.health.textContent = t("health.down");
    }
  }

  /* ---------- the start page's examples, from the index ---------- */

  // Short words that neither start nor end an example phrase.
  const STOP = new Set(["về", "của", "và", "các", "những", "trong", "với", "đối", "là", "có",
    "được", "cho", "để", "theo", "từ", "tại", "một", "này", "đã", "sẽ", "thì", "mà", "ở"]);

  // A section heading of two to five words, letters only, not all capitals, without a leading
  // "Về" ("Về công tác cán bộ" gives "công tác cán bộ"): a phrase the index holds, as the
  // section's text opens with its heading. "" when there is none.
  function headingPhrase(sections) {
    const list = Array.isArray(sections) ? sections : [];
    for (const least of [3, 2]) { // three words or more, if a heading has them
      for (const x of list) {
        const w = String((x && x.heading) || "").trim().replace(/^về\s+/iu, "").split(/\s+/);
        if (w.length < least || w.length > 5 || !w.every((y) => /^\p{L}+$/u.test(y))) continue;
        if (w.join(" ") !== w.join(" ").toUpperCase()) return w.join(" ").toLowerCase();
      }
    }
    return "";
  }

  // Four (else three) words running in the text, lower-case letters only, no short word at
  // either end: a phrase the index holds. "" when there is none.
  function phraseOf(text) {
    const w = String(text || "").split(/\s+/);
    for (const n of [4, 3]) {
      for (let i = 0; i + n <= w.length; i++) {
        const run = w.slice(i, i + n);
        if (run.every((x) => /^\p{Ll}+$/u.test(x)) && !STOP.has(run[0]) && !STOP.has(run[n - 1])) {
          return run.join(" ");
        }
      }
    }
    return "";
  }

  // Examples when /api/stats gives none: a number of the most frequent type as so:NUMBER, that
  // type as loai:CODE, a phrase of one of its documents (a heading, else words of the text);
  // all from a search of this index.
  async function deriveExamples(stats) {
    const types = Object.entries((stats && stats.by_type) || {})
      .filter(([k, n]) => k && k !== "?" && Number(n) > 0).sort((a, b) => b[1] - a[1]);
    if (!types.length) return [];
    const [code, count] = types[0];
    let results = [];
    try {
      const data = await getJson("/api/search?" + new URLSearchParams({ q: "loai:" + code, limit: "5" }));
      results = Array.isArray(data.results) ? data.results : [];
    } catch (e) {
      results = [];
    }
    const out = [];
    const numbered = results.find((r) => typeof r.number === "string" && /^\S+$/.test(r.number));
    if (numbered) out.push({ query: "so:" + numbered.number, label: typeName(numbered) + " " + numbered.number });
    out.push({ query: "loai:" + code, label: t("examples.type", typeNames.get(code) || code, count) });
    let phrase = "";
    for (const r of results.slice(0, 2)) {
      try {
        phrase = headingPhrase((await getJson("/api/documents/" + encodeURIComponent(r.key))).sections);
      } catch (e) {
        phrase = "";
      }
      if (phrase) break;
    }
    phrase = phrase || results.map((r) => phraseOf(r.snippet)).find(Boolean);
    if (phrase) out.push({ query: '"' + phrase + '"', label: "" });
    return out;
  }

  // The start page's examples: those of /api/stats ("examples": [{query, label}]) when it gives
  // them, else derived from what it counts. None is written into the page: a number the
  // reader's own index lacks would find nothing.
  async function showExamples() {
    let stats = null;
    try {
      stats = await getJson("/api/stats");
    } catch (e) {
      return;
    }
    let ex = (Array.isArray(stats.examples) ? stats.examples : [])
      .filter((x) => x && typeof x.query === "string" && x.query.trim())
      .map((x) => ({ query: x.query.trim(), label: typeof x.label === "string" ? x.label.trim() : "" }))
      .slice(0, 6);
    if (!ex.length) ex = await deriveExamples(stats);
    if (!ex.length) return;
    el.exampleLinks.replaceChildren(h("ul", null, ex.map((x) => h("li", null,
      h("a", { href: stateUrl({ ...readState(""), q: x.query }), "data-nav": true,
        "data-focus": "results", class: "example" }, h("code", null, x.query)),
      x.label && x.label !== x.query ? [" — ", x.label] : null))));
    el.examples.hidden = false;
    // The syntax help shows a number of this index too.
    const num = ex.map((x) => /(?:^|\s)so:("[^"]+"|\S+)/.exec(x.query)).find(Boolean);
    if (num) {
      for (const c of document.querySelectorAll("code.ex-number")) c.textContent = "so:" + num[1];
      for (const c of document.querySelectorAll("code.ex-cites")) c.textContent = "trich:" + num[1];
    }
  }

  // With ?lang=en: the English of index.html's words, and links that keep the language.
  function applyLang() {
    document.documentElement.lang = LANG;
    if (LANG === "vi") return;
    const en = MSG[LANG];
    for (const n of document.querySelectorAll("[data-i18n]")) {
      if (en[n.dataset.i18n]) n.textContent = en[n.dataset.i18n];
    }
    for (const n of document.querySelectorAll("[data-i18n-placeholder]")) {
      if (en[n.dataset.i18nPlaceholder]) n.placeholder = en[n.dataset.i18nPlaceholder];
    }
    for (const n of document.querySelectorAll("[data-i18n-label]")) {
      if (en[n.dataset.i18nLabel]) n.setAttribute("aria-label", en[n.dataset.i18nLabel]);
    }
    for (const a of document.querySelectorAll("a[data-nav]")) {
      const u = new URL(a.getAttribute("href"), location.href);
      u.searchParams.set("lang", LANG);
      a.setAttribute("href", u.pathname + u.search);
    }
  }

  // The skip link, the "Bộ lọc" button and where the facets go, the outline following the
  // reader's scroll.
  function initNavigation() {
    el.skip.addEventListener("click", (e) => {
      e.preventDefault(); // not a fragment: that would be a new history entry
      const target = skipTarget();
      if (!target) return;
      if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    });
    el.facetsToggle.addEventListener("click", () =>
      setFacetsOpen(el.facetsToggle.getAttribute("aria-expanded") !== "true"));
    placeFacets(narrowScreen.matches);
    narrowScreen.addEventListener("change", (e) => placeFacets(e.matches));
    window.addEventListener("scroll", followScroll, { passive: true });
  }

  function init() {
    for (const id of ["q", "search", "filters", "filter-count", "f-type", "f-year", "f-issuer",
      "f-section", "f-sort", "f-limit", "clear-filters", "main", "status", "error", "home",
      "notice", "suggestion", "facets", "results", "pager", "back", "health", "skip", "layout",
      "outline", "examples"]) el[id] = $(id);
    for (const [key, id] of [["searchView", "search-view"], ["docView", "doc-view"],
      ["docHead", "doc-head"], ["outlineList", "outline-list"], ["outlineBox", "outline-box"],
      ["docText", "doc-text"], ["noResults", "no-results"], ["facetBar", "facet-bar"],
      ["facetsToggle", "facets-toggle"], ["facetsActive", "facets-active"],
      ["exampleLinks", "example-links"]]) el[key] = $(id);
    applyLang();
    initCheck();
    initNavigation();
    for (const [code, name] of TYPES) el["f-type"].append(h("option", { value: code }, name + " (" + code + ")"));
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";

    el.search.addEventListener("submit", (e) => {
      e.preventDefault();
      const s = formState();
      if (!hasSearch(s)) {
        el.q.focus();
        el.status.textContent = t("status.empty");
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
    showExamples();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
