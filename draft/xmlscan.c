/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xmlscan.c: finding an element's bytes in XML as stored, and rewriting
 * only them. libxml2 parses a part and the tree is changed, but writing the
 * whole tree back would rewrite every byte (quotes, declarations, empty
 * tags); instead the changed elements alone are written and spliced in
 * where their old bytes were. The scanner reads a document libxml2 has
 * already parsed (so well-formed, without a DTD): it only needs to tell
 * tags from comments, CDATA sections and processing instructions, and
 * quoted attribute values from the '>' that ends a tag.
 */
#include <stdlib.h>
#include <string.h>

#include "draft/draft_internal.h"

/* One past the first occurrence of end at or after xml + i, or 0. */
static size_t
past(const char *xml, size_t len, size_t i, const char *end)
{
    size_t n = strlen(end);
    while (i + n <= len) {
        const char *p = memchr(xml + i, end[0], len - n + 1 - i);
        if (!p)
            return 0;
        i = (size_t)(p - xml);
        if (memcmp(p, end, n) == 0)
            return i + n;
        i++;
    }
    return 0;
}

/* One past the '>' ending the tag that starts at xml + i, or 0. */
static size_t
tag_end(const char *xml, size_t len, size_t i)
{
    char quote = 0;
    for (size_t j = i + 1; j < len; j++) {
        if (quote) {
            quote = xml[j] == quote ? 0 : quote;
        } else if (xml[j] == '"' || xml[j] == '\'') {
            quote = xml[j];
        } else if (xml[j] == '>') {
            return j + 1;
        }
    }
    return 0;
}

static int
starts(const char *xml, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return len - i >= n && memcmp(xml + i, s, n) == 0;
}

/* The scan: what is wanted, what is found, where it stands. */
typedef struct scan {
    const size_t *want; /* element numbers wanted, ascending */
    size_t n;           /* how many */
    dr_span *out;       /* their spans */
    size_t k;           /* found so far */
    size_t count;       /* start tags seen */
    size_t depth;       /* elements open */
    size_t open_depth;  /* depth outside the wanted element open, or SIZE_MAX */
} scan;

/* A start tag (or an empty-element tag) at xml[i .. next). */
static int
start_tag(scan *s, const char *xml, size_t i, size_t next)
{
    int empty = xml[next - 2] == '/';
    if (s->k < s->n && s->count == s->want[s->k]) {
        if (s->open_depth != SIZE_MAX)
            return -1; /* nested inside another wanted element */
        s->out[s->k] = (dr_span){.start = i, .empty = empty};
        if (empty) {
            s->out[s->k].end = next;
            s->out[s->k].inner_end = next - 2;
            s->k++;
        } else {
            s->open_depth = s->depth;
        }
    }
    s->count++;
    s->depth += !empty;
    return 0;
}

/* An end tag at xml[i ..]; returns one past it, or 0. */
static size_t
end_tag(scan *s, const char *xml, size_t len, size_t i)
{
    size_t next = tag_end(xml, len, i);
    if (next == 0 || s->depth == 0)
        return 0;
    if (--s->depth == s->open_depth) {
        s->out[s->k].inner_end = i;
        s->out[s->k++].end = next;
        s->open_depth = SIZE_MAX;
    }
    return next;
}

int
dr_xml_spans(const char *xml, size_t len, const size_t *want, size_t n, dr_span *out)
{
    scan s = {.want = want, .n = n, .out = out, .open_depth = SIZE_MAX};
    size_t i = 0;
    while (s.k < n) {
        const char *lt = i < len ? memchr(xml + i, '<', len - i) : NULL;
        if (!lt)
            return -1;
        i = (size_t)(lt - xml);
        size_t next;
        if (starts(xml, len, i, "<?"))
            next = past(xml, len, i + 2, "?>");
        else if (starts(xml, len, i, "<!--"))
            next = past(xml, len, i + 4, "-->");
        else if (starts(xml, len, i, "<![CDATA["))
            next = past(xml, len, i + 9, "]]>");
        else if (starts(xml, len, i, "<!"))
            next = 0; /* a document type declaration: refused before */
        else if (starts(xml, len, i, "</"))
            next = end_tag(&s, xml, len, i);
        else if ((next = tag_end(xml, len, i)) != 0 && start_tag(&s, xml, i, next) != 0)
            next = 0;
        if (next == 0)
            return -1;
        i = next;
    }
    return 0;
}

vk_status
dr_splice(const char *xml, size_t len, const dr_edit *e, size_t n, vk_buf *out)
{
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        if (e[k].start < at || e[k].end < e[k].start || e[k].end > len)
            return VK_EINVAL;
        if (vk_buf_append(out, xml + at, e[k].start - at) != VK_OK ||
            vk_buf_append(out, e[k].text, e[k].len) != VK_OK)
            return VK_ENOMEM;
        at = e[k].end;
    }
    return vk_buf_append(out, xml + at, len - at) == VK_OK ? VK_OK : VK_ENOMEM;
}

vk_status
dr_xml_dump(xmlDoc *doc, xmlNode *node, vk_buf *out)
{
    xmlBuffer *b = cp_xml.xmlBufferCreate();
    if (!b)
        return VK_ENOMEM;
    /* xmlNodeDump writes UTF-8 (the document has no other encoding), and
     * only the namespaces declared on node and below: the others are in
     * scope where the bytes go back. */
    int n = cp_xml.xmlNodeDump(b, doc, node, 0, 0);
    const xmlChar *s = cp_xml.xmlBufferContent(b);
    vk_status rc = n < 0 || !s ? VK_ENOMEM : vk_buf_append(out, s, (size_t)n);
    cp_xml.xmlBufferFree(b);
    return rc;
}
