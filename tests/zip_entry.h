/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zip_entry.h: one entry of a zip read back with libzip, for the C tests that
 * check a written .docx (test_draft, test_check_docx).
 */
#ifndef VK_TESTS_ZIP_ENTRY_H
#define VK_TESTS_ZIP_ENTRY_H

#include <stddef.h>
#include <zip.h>

/* The bytes of entry `name` of the zip at path (malloc'd, NUL-terminated,
 * *len set), or NULL if it has none; *st (if not NULL) its stat. Fails the
 * test if the zip cannot be opened or the entry read. */
char *zip_entry_read(const char *path, const char *name, size_t *len, zip_stat_t *st);

#endif /* VK_TESTS_ZIP_ENTRY_H */
