/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * web.c: what a web or news copy wraps around a document: boilerplate to
 * leave out, a metadata table that is evidence for the header, and the
 * signs of a text that is not a document at all.
 */
#include <string.h>

#include "corpus/parse_internal.h"

vk_status
cp_web_clean(cp_file *f, cline *lines, size_t *n, cp_evidence *ev)
{
    (void)f;
    (void)lines;
    (void)n;
    memset(ev, 0, sizeof *ev);
    return VK_OK;
}

const char *
cp_web_nondoc(const cline *lines, size_t n)
{
    (void)lines;
    (void)n;
    return NULL;
}
