/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_analyzer.c: libFuzzer target: any bytes through the analyzer
 * (an_analyze), which must take them without crashing; tokens must lie
 * within the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyzers/an.h"
#include "common/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    /* The analyzer takes valid UTF-8 (callers check it first). */
    if (vk_utf8_validate(text, size) != size)
        return 0;
    an_tokens toks = AN_TOKENS_INIT;
    if (an_analyze(text, size, 0, &toks) == VK_OK) {
        for (size_t i = 0; i < toks.n; i++) {
            if (toks.v[i].start > toks.v[i].end || toks.v[i].end > size)
                abort();
        }
    }
    an_tokens_free(&toks);
    return 0;
}
