/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reader_kit_internal.h: what the format readers (read_*.c) share, kept in
 * reader_kit.c: a text sink that builds the lines the parser wants, list
 * numbers written out, and the loader of libraries. The walk over libxml2
 * trees and the loaded libxml2 and libzip, which draft/ shares, are in
 * corpus/libs.h.
 */
#ifndef VK_CP_READER_KIT_INTERNAL_H
#define VK_CP_READER_KIT_INTERNAL_H

#include <stddef.h>

#include "common/buf.h"
#include "common/vk.h"
#include "corpus/libs.h"

/* Builds text: runs of blanks become one space, line and paragraph breaks
 * are written only between pieces of text (never at the start or end, never
 * more than one blank line), and spaces at the end of a line are dropped. */
typedef struct cp_sink {
    vk_buf *out; /* where the text goes (not owned) */
    size_t max;  /* most bytes out may hold */
    int over;    /* the text went past max: the rest was dropped */
    int nomem;   /* an append failed */
    int pending; /* break to write before the next text: 0, 1 line, 2 paragraph */
    int space;   /* a space to write before the next text on this line */
    int pre;     /* keep line ends in text (HTML <pre>) */
} cp_sink;

/* Appends text, with blanks collapsed (and line ends too unless s->pre). */
void cp_sink_text(cp_sink *s, const char *text, size_t len);

/* Asks for a line break (kind 1) or a paragraph break (kind 2) before the
 * next text. */
void cp_sink_break(cp_sink *s, int kind);

/* The status of a sink once the text is written: VK_OK, VK_ENOMEM, or
 * VK_ETOOBIG with a message naming path. */
vk_status cp_sink_status(const cp_sink *s, const char *path, vk_error *err);

/* Writes list number n into buf (size at least 24) in format fmt: 'd'
 * decimal, '0' decimal with a leading zero, 'I' 'i' Roman, 'A' 'a' letters
 * (a .. z, aa ..), 'n' or 'b' nothing. */
void cp_format_number(int n, char fmt, char *buf, size_t size);

/* Opens the library soname (dlopen) and stores the address of each of
 * names[0 .. n) at slots[i]; returns 1, or 0 with the reason in error (size
 * bytes) if the library cannot be opened or lacks one of them. */
int cp_load_lib(const char *soname, const char *const *names, void *const *slots, size_t n,
                char *error, size_t size);

#endif /* VK_CP_READER_KIT_INTERNAL_H */
