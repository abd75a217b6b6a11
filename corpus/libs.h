/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libs.h: libxml2 and libzip as corpus/ loads them, a walk over libxml2
 * trees, and the .docx archive read with the limits of readers.h; shared by
 * the readers (read_docx.c, read_html.c) and by draft/, which writes a .docx
 * back.
 *
 * Design note. The libraries are loaded when a file first needs them
 * (reader_kit.c), so every call goes through the tables cp_xml and cp_zip,
 * never to the library's own symbol: `cp_xml.xmlFreeDoc(doc)`. A function
 * a new caller needs is added to CP_XML_FUNCTIONS or CP_ZIP_FUNCTIONS (in
 * alphabetical order); a library that lacks one is not loaded at all.
 */
#ifndef VK_CP_LIBS_H
#define VK_CP_LIBS_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "common/vk.h"
#include "corpus/readers.h"

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
    X(xmlAddChild)                                                                                 \
    X(xmlAddNextSibling)                                                                           \
    X(xmlAddPrevSibling)                                                                           \
    X(xmlBufferContent)                                                                            \
    X(xmlBufferCreate)                                                                             \
    X(xmlBufferFree)                                                                               \
    X(xmlCharEncCloseFunc)                                                                         \
    X(xmlCtxtGetLastError)                                                                         \
    X(xmlCtxtReadMemory)                                                                           \
    X(xmlDOMWrapCloneNode)                                                                         \
    X(xmlDocGetRootElement)                                                                        \
    X(xmlFindCharEncodingHandler)                                                                  \
    X(xmlFreeDoc)                                                                                  \
    X(xmlFreeNode)                                                                                 \
    X(xmlFreeParserCtxt)                                                                           \
    X(xmlGetProp)                                                                                  \
    X(xmlHasProp)                                                                                  \
    X(xmlInitParser)                                                                               \
    X(xmlNewDocNode)                                                                               \
    X(xmlNewDocTextLen)                                                                            \
    X(xmlNewNs)                                                                                    \
    X(xmlNewParserCtxt)                                                                            \
    X(xmlNodeDump)                                                                                 \
    X(xmlNodeSetName)                                                                              \
    X(xmlSetNsProp)                                                                                \
    X(xmlSetProp)                                                                                  \
    X(xmlUnlinkNode)
#define CP_ZIP_FUNCTIONS(X)                                                                        \
    X(zip_close)                                                                                   \
    X(zip_discard)                                                                                 \
    X(zip_error_fini)                                                                              \
    X(zip_error_init)                                                                              \
    X(zip_error_strerror)                                                                          \
    X(zip_fclose)                                                                                  \
    X(zip_file_add)                                                                                \
    X(zip_file_replace)                                                                            \
    X(zip_file_set_mtime)                                                                          \
    X(zip_file_strerror)                                                                           \
    X(zip_fopen_index)                                                                             \
    X(zip_fread)                                                                                   \
    X(zip_get_num_entries)                                                                         \
    X(zip_name_locate)                                                                             \
    X(zip_open_from_source)                                                                        \
    X(zip_source_buffer)                                                                           \
    X(zip_source_buffer_create)                                                                    \
    X(zip_source_close)                                                                            \
    X(zip_source_free)                                                                             \
    X(zip_source_keep)                                                                             \
    X(zip_source_open)                                                                             \
    X(zip_source_read)                                                                             \
    X(zip_source_stat)                                                                             \
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

/* Frees a string libxml2 returned (xmlGetProp); NULL is fine. */
void cp_xml_free(void *p);

/* ---------------------------------------------------------------------- */
/* The .docx archive                                                      */
/* ---------------------------------------------------------------------- */

/* An open .docx and what may still be inflated from it. */
typedef struct cp_docx_zip {
    const char *path; /* the file, for messages (not owned) */
    zip_t *zip;       /* the archive, NULL until opened */
    size_t budget;    /* bytes of XML that may still be read (CP_MAX_UNZIPPED in all) */
} cp_docx_zip;

/* Opens the archive in data[0 .. len) for reading (not copied: it must
 * outlive dz->zip) and checks its number of entries. dz->path must be set
 * and dz->zip NULL; dz->budget is set to CP_MAX_UNZIPPED. Returns VK_OK;
 * VK_EINVAL (not a zip, or a damaged or truncated one); VK_ETOOBIG (over
 * CP_MAX_ZIP_ENTRIES entries). When it fails after the open, dz->zip stays
 * set for the caller to zip_discard. libzip must be loaded (cp_libs_load). */
vk_status cp_docx_open(const char *data, size_t len, cp_docx_zip *dz, vk_error *err);

/* Reads the entry `name` (exact, else ignoring case) into a malloc'd
 * buffer, NUL-terminated after *len bytes, owned by the caller; *out stays
 * NULL (and VK_OK is returned) when there is no such entry. What is
 * inflated is counted against dz->budget, whatever the archive claims.
 * Returns VK_OK; VK_ETOOBIG (past the budget: a zip bomb); VK_EINVAL (a
 * damaged entry); VK_ENOMEM. Messages name dz->path and the entry. */
vk_status cp_docx_read_entry(cp_docx_zip *dz, const char *name, char **out, size_t *len,
                             vk_error *err);

/* Parses xml[0 .. len), the entry `name` of the file at path, without
 * network access, entity expansion or messages on stderr. *doc is the tree
 * (cp_xml.xmlFreeDoc), NULL on failure. Returns VK_OK; VK_EINVAL (not
 * well-formed: the message names path, the entry, the line and libxml2's
 * reason); VK_ENOMEM. libxml2 must be loaded. */
vk_status cp_xml_parse(const char *path, const char *name, const char *xml, size_t len,
                       xmlDoc **doc, vk_error *err);

#endif /* VK_CP_LIBS_H */
