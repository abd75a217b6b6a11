/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reader_kit_internal.h: what the format readers (read_*.c) share, kept in
 * reader_kit.c: a text sink that builds the lines the parser wants, list
 * numbers written out, a walk over libxml2 trees that needs no recursion,
 * and libxml2, libzip (and poppler) loaded when a file first needs them.
 */
#ifndef VK_CP_READER_KIT_INTERNAL_H
#define VK_CP_READER_KIT_INTERNAL_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "common/buf.h"
#include "common/vk.h"

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

/* Visits root and every node under it in document order, without
 * recursion: enter(ctx, node) returns nonzero to visit the node's children;
 * leave(ctx, node) is called once the node (and its children, if visited)
 * is done. */
typedef int (*cp_xml_enter)(void *ctx, xmlNode *node);
typedef void (*cp_xml_leave)(void *ctx, xmlNode *node);
void cp_xml_walk(xmlNode *root, cp_xml_enter enter, cp_xml_leave leave, void *ctx);

/* libxml2 and libzip are loaded (dlopen) when the first file that needs
 * them is read, not when a program starts: searching never reads a file,
 * and the two bring libcrypto, liblzma and libbz2 with them, a quarter of the
 * start-up time of `vankien search`. Their functions are called through
 * these tables, filled by cp_libs_load. */
#define CP_XML_FUNCTIONS(X)                                                                        \
    X(htmlCtxtReadMemory)                                                                          \
    X(htmlFreeParserCtxt)                                                                          \
    X(htmlNewParserCtxt)                                                                           \
    X(xmlCharEncCloseFunc)                                                                         \
    X(xmlCtxtGetLastError)                                                                         \
    X(xmlCtxtReadMemory)                                                                           \
    X(xmlDocGetRootElement)                                                                        \
    X(xmlFindCharEncodingHandler)                                                                  \
    X(xmlFreeDoc)                                                                                  \
    X(xmlFreeParserCtxt)                                                                           \
    X(xmlGetProp)                                                                                  \
    X(xmlHasProp)                                                                                  \
    X(xmlInitParser)                                                                               \
    X(xmlNewParserCtxt)
#define CP_ZIP_FUNCTIONS(X)                                                                        \
    X(zip_discard)                                                                                 \
    X(zip_error_fini)                                                                              \
    X(zip_error_init)                                                                              \
    X(zip_error_strerror)                                                                          \
    X(zip_fclose)                                                                                  \
    X(zip_file_strerror)                                                                           \
    X(zip_fopen_index)                                                                             \
    X(zip_fread)                                                                                   \
    X(zip_get_num_entries)                                                                         \
    X(zip_name_locate)                                                                             \
    X(zip_open_from_source)                                                                        \
    X(zip_source_buffer_create)                                                                    \
    X(zip_source_free)                                                                             \
    X(zip_stat_index)                                                                              \
    X(zip_stat_init)                                                                               \
    X(zip_strerror)

#define CP_LIB_POINTER(f) __typeof__(&f) f;
typedef struct cp_xml_api {
    CP_XML_FUNCTIONS(CP_LIB_POINTER)
    xmlFreeFunc *free_fn; /* xmlFree, a variable in libxml2: what frees its strings */
} cp_xml_api;
typedef struct cp_zip_api {
    CP_ZIP_FUNCTIONS(CP_LIB_POINTER)
} cp_zip_api;
#undef CP_LIB_POINTER

extern cp_xml_api cp_xml;
extern cp_zip_api cp_zip;

/* What a reader needs loaded. */
enum { CP_LIB_XML = 1, CP_LIB_ZIP = 2 };

/* Loads the libraries in `which` (CP_LIB_XML, CP_LIB_ZIP), each once per
 * process (thread-safe), and sets libxml2 up. VK_OK, or VK_EINVAL with a
 * message naming path, the kind of file (what) and why the library cannot be
 * loaded: the file is skipped, the others are still read. */
vk_status cp_libs_load(int which, const char *path, const char *what, vk_error *err);

/* Opens the library soname (dlopen) and stores the address of each of
 * names[0 .. n) at slots[i]; returns 1, or 0 with the reason in error (size
 * bytes) if the library cannot be opened or lacks one of them. */
int cp_load_lib(const char *soname, const char *const *names, void *const *slots, size_t n,
                char *error, size_t size);

/* Frees a string libxml2 returned (xmlGetProp); NULL is fine. */
void cp_xml_free(void *p);

#endif /* VK_CP_READER_KIT_INTERNAL_H */
