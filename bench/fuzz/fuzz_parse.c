/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_parse.c: libFuzzer target: any bytes prepared (encoding checks and
 * conversion, NFC) and parsed into documents, as a file would be.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "corpus/cp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cp_text text = {0};
    vk_error err = {0};
    if (cp_text_prepare("fuzz.txt", (const char *)data, size, &text, &err) == VK_OK) {
        cp_file *f = NULL;
        if (cp_parse_text("fuzz.txt", text.data, text.len, &f, &err) == VK_OK && f->n_docs == 0)
            abort(); /* a text gives at least one document */
        cp_file_free(f);
    }
    free(text.data);
    return 0;
}
