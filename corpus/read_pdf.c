/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_pdf.c: the text of a PDF through poppler's glib API, page by page in
 * reading order, with a blank line between pages (the parser joins a
 * sentence broken across them). TCVN3 mojibake from .VnTime PDFs is left
 * as poppler gives it: cp_text_prepare detects and converts it.
 */
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* poppler-glib sends the parser's complaints about damaged files to GLib's
 * log under the "Poppler" domain: library code prints nothing. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

static gpointer
silence_poppler(gpointer data)
{
    (void)data;
    g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL), quiet_log,
                      NULL);
    return NULL;
}

/* Nonzero if the text holds a letter or digit (ASCII or not). */
static int
has_text(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 1;
    }
    return 0;
}

vk_status
cp_read_pdf(const char *path, const char *data, size_t len, size_t max, vk_buf *out, vk_error *err)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, silence_poppler, NULL);
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!doc) {
        int encrypted =
            gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED;
        vk_status rc = vk_fail(err, VK_EINVAL, "%s: %s: %s", path,
                               encrypted ? "encrypted PDF (a password is needed)" : "broken PDF",
                               gerr && gerr->message ? gerr->message : "cannot be read");
        g_clear_error(&gerr);
        g_bytes_unref(bytes);
        return rc;
    }
    cp_sink sink = {.out = out, .max = max, .pre = 1};
    int pages = poppler_document_get_n_pages(doc), text = 0;
    for (int i = 0; i < pages && !sink.over && !sink.nomem; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t = page ? poppler_page_get_text(page) : NULL;
        if (t) {
            text |= has_text(t);
            cp_sink_break(&sink, 2); /* the page break */
            cp_sink_text(&sink, t, strlen(t));
        }
        g_free(t);
        if (page)
            g_object_unref(page);
    }
    g_object_unref(doc);
    g_bytes_unref(bytes);
    vk_status rc = cp_sink_status(&sink, path, err);
    if (rc == VK_OK && !text)
        rc = vk_fail(err, VK_EINVAL,
                     "%s: PDF without a text layer (%d page%s of images, scanned?): nothing to "
                     "index",
                     path, pages, pages == 1 ? "" : "s");
    return rc;
}
