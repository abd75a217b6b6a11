/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_query.c: libFuzzer target: any bytes as a search query: parsed, or
 * refused with a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/utf8.h"
#include "query/qr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *q = (const char *)data;
    if (vk_utf8_validate(q, size) != size)
        return 0; /* the CLI and the daemon refuse invalid UTF-8 first */
    qr_query *out = NULL;
    vk_error err = {0};
    vk_status st = qr_parse(q, size, &out, &err);
    if (st != VK_OK && !err.msg[0])
        abort(); /* a refusal says why */
    qr_query_free(out);
    return 0;
}
