/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_html.c: the main text of an HTML page: <main>, else the <article>s,
 * else <body>, without scripts, styles, navigation, page header and footer,
 * asides and forms; block elements end lines (but the first <p> or <div>
 * of a list item stays on the line of its number), and "<sup>N</sup>" note
 * marks are kept for the parser.
 *
 * Encodings. A page whose bytes are UTF-8 is read as UTF-8, whatever it
 * declares. Otherwise a declared charset that libxml2 converts (other than
 * the Western ones old Vietnamese pages declare for their .VnTime or VNI
 * fonts) is used; else the page is read as ISO-8859-1, which keeps every
 * byte, and the text is turned back into the page's bytes for
 * cp_text_prepare to detect TCVN3, VNI, VISCII or Windows-1258.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/reader_kit_internal.h"
#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* Lists deeper than this are not numbered. */
#define LIST_DEPTH 32

/* An open <ol> or <ul>. */
typedef struct html_list {
    char fmt;  /* number format (cp_format_number), 'b' for <ul> */
    int count; /* number of the last item */
} html_list;

typedef struct html_text {
    cp_sink sink;
    int raw;                     /* the text is the page's bytes read as ISO-8859-1 */
    int pre;                     /* depth of <pre> elements */
    html_list lists[LIST_DEPTH]; /* open lists, outermost first */
    int depth;                   /* open lists (may pass LIST_DEPTH) */
    int marked;                  /* a list item's number or bullet was just written */
} html_text;

static int
name_in(const xmlNode *n, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcasecmp((const char *)n->name, names[i]) == 0)
            return 1;
    }
    return 0;
}

/* Elements whose text is not the page's text. */
static int
dropped(const xmlNode *n)
{
    static const char *const names[] = {
        "script", "style",  "nav",      "header", "footer", "aside", "form", "noscript",
        "head",   "title",  "template", "iframe", "object", "embed", "svg",  "math",
        "button", "select", "textarea", "canvas", "audio",  "video", "map",  "dialog"};
    return name_in(n, names, VK_ARRAY_LEN(names)) ||
           cp_xml.xmlHasProp(n, (const xmlChar *)"hidden");
}

/* Elements that stand on lines of their own. */
static int
block(const xmlNode *n)
{
    static const char *const names[] = {
        "p",     "div",   "h1",       "h2",      "h3",         "h4",         "h5",
        "h6",    "li",    "dd",       "dt",      "blockquote", "section",    "article",
        "main",  "table", "tr",       "td",      "th",         "caption",    "ul",
        "ol",    "dl",    "pre",      "address", "figure",     "figcaption", "center",
        "hr",    "body",  "fieldset", "details", "summary",    "thead",      "tbody",
        "tfoot", "html"};
    return name_in(n, names, VK_ARRAY_LEN(names));
}

/* The digits of a note mark <sup>1</sup> (also <sup><a>1</a></sup>), or
 * NULL. */
static const char *
note_mark(const xmlNode *sup)
{
    const xmlNode *c = sup->children;
    if (c && !c->next && c->type == XML_ELEMENT_NODE && strcasecmp((const char *)c->name, "a") == 0)
        c = c->children;
    if (!c || c->next || c->type != XML_TEXT_NODE || !c->content)
        return NULL;
    const char *t = (const char *)c->content;
    size_t d = strspn(t, "0123456789");
    return d > 0 && d <= 3 && t[d] == '\0' ? t : NULL;
}

static int
is_named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int
int_prop(const xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = cp_xml.xmlGetProp(n, (const xmlChar *)name);
    char *end = NULL;
    long l = v ? strtol((const char *)v, &end, 10) : 0;
    int r = v && end != (char *)v && l > -100000 && l < 100000 ? (int)l : dflt;
    cp_xml_free(v);
    return r;
}

/* Opens an <ol> (type and start attributes) or <ul>. */
static void
open_list(html_text *h, const xmlNode *n)
{
    if (h->depth++ >= LIST_DEPTH)
        return;
    html_list *l = &h->lists[h->depth - 1];
    *l = (html_list){'b', 0};
    if (!is_named(n, "ol"))
        return;
    xmlChar *type = cp_xml.xmlGetProp(n, (const xmlChar *)"type");
    l->fmt = type && strchr("IiAa", type[0]) && type[0] ? (char)type[0] : 'd';
    cp_xml_free(type);
    l->count = int_prop(n, "start", 1) - 1;
}

/* Writes a list item's number ("1. ", "a. ") or bullet ("- "). */
static void
list_item(html_text *h, const xmlNode *n)
{
    if (h->depth < 1 || h->depth > LIST_DEPTH)
        return;
    html_list *l = &h->lists[h->depth - 1];
    h->marked = 1;
    if (l->fmt == 'b') {
        cp_sink_text(&h->sink, "- ", 2);
        return;
    }
    l->count = int_prop(n, "value", l->count + 1);
    char buf[32];
    cp_format_number(l->count, l->fmt, buf, sizeof buf);
    cp_sink_text(&h->sink, buf, strlen(buf));
    cp_sink_text(&h->sink, ". ", 2);
}

/* Writes a text node. A no-break space (&nbsp;, laid out in rows to indent)
 * is a blank like the others, except in bytes kept raw. */
static void
page_text(html_text *h, const char *t)
{
    const char *nb;
    while (!h->raw && (nb = strstr(t, "\xC2\xA0")) != NULL) {
        cp_sink_text(&h->sink, t, (size_t)(nb - t));
        cp_sink_text(&h->sink, " ", 1);
        t = nb + 2;
    }
    cp_sink_text(&h->sink, t, strlen(t));
}

static int
html_enter(void *ctx, xmlNode *n)
{
    html_text *h = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) {
            page_text(h, (const char *)n->content);
            if (n->content[strspn((const char *)n->content, " \t\r\n")])
                h->marked = 0;
        }
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE || dropped(n))
        return 0;
    const char *mark;
    if (strcasecmp((const char *)n->name, "br") == 0) {
        cp_sink_break(&h->sink, 1);
    } else if (strcasecmp((const char *)n->name, "sup") == 0 && (mark = note_mark(n))) {
        char buf[32];
        snprintf(buf, sizeof buf, "<sup>%s</sup>", mark);
        cp_sink_text(&h->sink, buf, strlen(buf));
        return 0;
    } else if (block(n)) {
        /* A loose list item, <li><p>text</p></li> (pandoc, Word): the text
         * goes on the line of its number, not on a line of its own. */
        int same_line = h->marked && (is_named(n, "p") || is_named(n, "div"));
        h->marked = 0;
        if (!same_line)
            cp_sink_break(&h->sink, 2);
        if (is_named(n, "pre"))
            h->sink.pre = ++h->pre > 0;
        else if (is_named(n, "ol") || is_named(n, "ul"))
            open_list(h, n);
        else if (is_named(n, "li"))
            list_item(h, n);
    }
    return 1;
}

static void
html_leave(void *ctx, xmlNode *n)
{
    html_text *h = ctx;
    if (n->type != XML_ELEMENT_NODE || !block(n) || dropped(n))
        return;
    cp_sink_break(&h->sink, 2);
    h->marked = 0; /* an empty item: what follows is not its text */
    if (is_named(n, "pre"))
        h->sink.pre = --h->pre > 0;
    else if (is_named(n, "ol") || is_named(n, "ul"))
        h->depth--;
}

/* ---------------------------------------------------------------------- */
/* Finding the main text                                                  */
/* ---------------------------------------------------------------------- */

typedef struct finder {
    const char *name; /* element looked for */
    xmlNode **found;  /* matches not inside another match */
    size_t n, max;
    int in; /* depth inside a match */
} finder;

/* Nonzero if n is what f looks for (<main> is also role="main"). */
static int
matches(const finder *f, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (strcasecmp((const char *)n->name, f->name) == 0)
        return 1;
    if (strcmp(f->name, "main") != 0)
        return 0;
    xmlChar *role = cp_xml.xmlGetProp(n, (const xmlChar *)"role");
    int yes = role && strcasecmp((const char *)role, "main") == 0;
    cp_xml_free(role);
    return yes;
}

static int
find_enter(void *ctx, xmlNode *n)
{
    finder *f = ctx;
    if (n->type != XML_ELEMENT_NODE || dropped(n))
        return 0;
    int match = matches(f, n);
    if (match && f->in == 0 && f->n < f->max)
        f->found[f->n++] = n;
    f->in += match;
    return 1;
}

static void
find_leave(void *ctx, xmlNode *n)
{
    finder *f = ctx;
    if (f->in && matches(f, n) && !dropped(n))
        f->in--;
}

#define MAX_ROOTS 64

/* The elements that hold the main text: the first <main>, else the
 * outermost <article>s, else <body>, else the whole page. */
static size_t
main_roots(xmlNode *root, xmlNode **roots)
{
    finder f = {.name = "main", .found = roots, .max = 1};
    cp_xml_walk(root, find_enter, find_leave, &f);
    if (f.n)
        return f.n;
    f = (finder){.name = "article", .found = roots, .max = MAX_ROOTS};
    cp_xml_walk(root, find_enter, find_leave, &f);
    if (f.n)
        return f.n;
    f = (finder){.name = "body", .found = roots, .max = 1};
    cp_xml_walk(root, find_enter, find_leave, &f);
    if (f.n)
        return f.n;
    roots[0] = root;
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Encodings                                                              */
/* ---------------------------------------------------------------------- */

/* The charset a page declares in its first bytes (<meta charset=...> or
 * content="text/html; charset=..."), copied into buf; "" if none. */
static void
declared_charset(const char *data, size_t len, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t lim = len < 8192 ? len : 8192;
    for (size_t i = 0; i + 8 <= lim; i++) {
        if (strncasecmp(data + i, "charset=", 8) != 0)
            continue;
        size_t j = i + 8, k = 0;
        while (j < lim && (data[j] == '"' || data[j] == '\'' || data[j] == ' '))
            j++;
        while (j < lim && k + 1 < size &&
               (isalnum((unsigned char)data[j]) || strchr("-_.:", data[j])))
            buf[k++] = data[j++];
        buf[k] = '\0';
        return;
    }
}

/* Nonzero for the charsets old Vietnamese pages declare whatever their
 * bytes are (font encodings shown through a Western charset). */
static int
western(const char *cs)
{
    static const char *const names[] = {"iso-8859-1",     "iso8859-1", "latin1",   "l1",
                                        "windows-1252",   "cp1252",    "us-ascii", "ascii",
                                        "x-user-defined", "utf-8",     "utf8"};
    for (size_t i = 0; i < VK_ARRAY_LEN(names); i++) {
        if (strcasecmp(cs, names[i]) == 0)
            return 1;
    }
    return cs[0] == '\0';
}

/* Nonzero if cs is declared, not western() and converted by libxml2. */
static int
known_charset(const char *cs)
{
    if (western(cs))
        return 0;
    xmlCharEncodingHandler *h = cp_xml.xmlFindCharEncodingHandler(cs);
    if (!h)
        return 0;
    cp_xml.xmlCharEncCloseFunc(h); /* frees the iconv and ICU ones */
    return 1;
}

/* Turns text read as ISO-8859-1 back into the page's bytes: U+0000-U+00FF
 * become the byte they came from (&nbsp; too: byte A0 is a letter in
 * VISCII); characters from numeric references above U+00FF stay UTF-8. */
static void
to_page_bytes(vk_buf *b, size_t from)
{
    size_t i = from, n = from;
    while (i < b->len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(b->data + i, b->len - i, &cp);
        if (l == 0) {
            b->data[n++] = b->data[i++];
        } else if (cp <= 0xFF) {
            b->data[n++] = (char)(unsigned char)cp;
            i += l;
        } else {
            memmove(b->data + n, b->data + i, l);
            n += l;
            i += l;
        }
    }
    b->len = n;
    b->data[n] = '\0';
}

/* What stopped the parser before the end, "line N: message", or "" when
 * nothing did (sloppy HTML is no error). */
static void
parse_problem(htmlParserCtxt *ctxt, char *buf, size_t size)
{
    const xmlError *e = cp_xml.xmlCtxtGetLastError(ctxt);
    buf[0] = '\0';
    if (!e || e->level != XML_ERR_FATAL || !e->message)
        return;
    if (strstr(e->message, "Excessive depth"))
        snprintf(buf, size, "line %d: elements nested deeper than libxml2's limit of 256", e->line);
    else
        snprintf(buf, size, "line %d: %s", e->line, e->message);
    buf[strcspn(buf, "\n")] = '\0';
}

/* ---------------------------------------------------------------------- */
/* The reader                                                             */
/* ---------------------------------------------------------------------- */

vk_status
cp_read_html(const char *path, const char *data, size_t len, size_t max, vk_buf *out, vk_error *err)
{
    vk_status rc = cp_libs_load(CP_LIB_XML, path, _("an HTML file"), err);
    if (rc != VK_OK)
        return rc;
    if (len > INT_MAX)
        return vk_fail(err, VK_ETOOBIG, _("%s: too large for the HTML parser"), path);
    char cs[64];
    declared_charset(data, len, cs, sizeof cs);
    const char *enc = "UTF-8";
    int raw = 0, opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
        enc = NULL; /* UTF-16, from its byte-order mark */
    } else if (vk_utf8_validate(data, len) == len) {
        opts |= HTML_PARSE_IGNORE_ENC;
    } else if (known_charset(cs)) {
        enc = cs;
        opts |= HTML_PARSE_IGNORE_ENC;
    } else {
        enc = "ISO-8859-1";
        raw = 1;
        opts |= HTML_PARSE_IGNORE_ENC;
    }
    htmlParserCtxt *ctxt = cp_xml.htmlNewParserCtxt();
    if (!ctxt)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    xmlDoc *doc = cp_xml.htmlCtxtReadMemory(ctxt, data, (int)len, NULL, enc, opts);
    char why[160];
    parse_problem(ctxt, why, sizeof why);
    cp_xml.htmlFreeParserCtxt(ctxt);
    xmlNode *root = doc ? cp_xml.xmlDocGetRootElement(doc) : NULL;
    if (!root || why[0]) {
        /* Stopped part way: the text would be cut short without a word. */
        cp_xml.xmlFreeDoc(doc);
        return vk_fail(err, VK_EINVAL, _("%s: HTML that does not parse (%s)"), path,
                       why[0] ? why : "no element");
    }
    xmlNode *roots[MAX_ROOTS];
    size_t n = main_roots(root, roots);
    html_text h = {.sink = {.out = out, .max = max}, .raw = raw};
    size_t from = out->len;
    for (size_t i = 0; i < n; i++) {
        cp_sink_break(&h.sink, 2);
        cp_xml_walk(roots[i], html_enter, html_leave, &h);
    }
    cp_xml.xmlFreeDoc(doc);
    rc = cp_sink_status(&h.sink, path, err);
    if (rc == VK_OK && raw && out->len > from)
        to_page_bytes(out, from);
    if (rc == VK_OK && out->len == from)
        rc = vk_fail(err, VK_EINVAL, _("%s: empty document (no text to index)"), path);
    return rc;
}
