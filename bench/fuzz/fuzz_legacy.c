/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_legacy.c: libFuzzer target: any bytes through the legacy-encoding
 * detector and every decoder; what a decoder gives must be valid UTF-8.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyzers/legacy.h"
#include "common/buf.h"
#include "common/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    an_encoding found = an_detect_encoding(bytes, size);
    const an_encoding all[] = {AN_ENC_TCVN3, AN_ENC_VNI, AN_ENC_VISCII, AN_ENC_CP1258,
                               AN_ENC_TCVN3_MOJIBAKE, found};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (all[i] == AN_ENC_UTF8 || all[i] == AN_ENC_UNKNOWN)
            continue;
        vk_buf out = VK_BUF_INIT;
        if (an_decode(bytes, size, all[i], &out) == VK_OK && out.len &&
            vk_utf8_validate(out.data, out.len) != out.len)
            abort();
        vk_buf_free(&out);
    }
    return 0;
}
