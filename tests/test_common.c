/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_common.c: the shared utilities of common/: status names, vk_fail,
 * checked size arithmetic and FNV-1a (vk.h), the growable buffer (buf.h),
 * the arena (arena.h), strict UTF-8 (utf8.h) and whole-file reading
 * (file.h). Expected values are worked out from the definitions (RFC 3629
 * for UTF-8, the published FNV-1a test vectors), not read back from the code.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/utf8.h"
#include "common/vk.h"

/* ---------------------------------------------------------------------- */
/* vk.h                                                                   */
/* ---------------------------------------------------------------------- */

static void
test_status_str(void **state)
{
    (void)state;
    assert_string_equal(vk_status_str(VK_OK), "success");
    assert_string_equal(vk_status_str(VK_ENOMEM), "out of memory");
    assert_string_equal(vk_status_str(VK_EFORMAT), "incompatible index format");
    /* Every status has its own words. */
    for (int i = VK_OK; i <= VK_EFORMAT; i++) {
        assert_true(strlen(vk_status_str((vk_status)i)) > 0);
        for (int j = VK_OK; j < i; j++)
            assert_string_not_equal(vk_status_str((vk_status)i), vk_status_str((vk_status)j));
    }
    assert_string_equal(vk_status_str((vk_status)99), "unknown status");
}

static void
test_fail(void **state)
{
    (void)state;
    vk_error err = {VK_OK, ""};
    assert_int_equal(vk_fail(&err, VK_ENOTFOUND, "%s:%d: no section %s", "a.md", 12, "III.4"),
                     VK_ENOTFOUND);
    assert_int_equal(err.status, VK_ENOTFOUND);
    assert_string_equal(err.msg, "a.md:12: no section III.4");
    /* No error to fill: the status still comes back. */
    assert_int_equal(vk_fail(NULL, VK_EIO, "%s", "ignored"), VK_EIO);
    /* A message longer than the storage is cut and stays terminated. */
    char longer[2 * VK_ERROR_MAX];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    vk_fail(&err, VK_EINVAL, "%s", longer);
    assert_int_equal(strlen(err.msg), VK_ERROR_MAX - 1);
    assert_int_equal(err.status, VK_EINVAL);
}

static void
test_size_arithmetic(void **state)
{
    (void)state;
    size_t out = 7;
    assert_int_equal(vk_size_add(2, 3, &out), 0);
    assert_int_equal(out, 5);
    assert_int_equal(vk_size_add(SIZE_MAX - 1, 1, &out), 0);
    assert_true(out == SIZE_MAX);
    assert_int_equal(vk_size_add(SIZE_MAX, 1, &out), -1);
    assert_int_equal(vk_size_add(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 1, &out), -1);
    assert_int_equal(vk_size_mul(0, SIZE_MAX, &out), 0);
    assert_int_equal(out, 0);
    assert_int_equal(vk_size_mul(SIZE_MAX / 2, 2, &out), 0);
    assert_true(out == SIZE_MAX - 1);
    assert_int_equal(vk_size_mul(SIZE_MAX / 2 + 1, 2, &out), -1);
    size_t half = (size_t)1 << (sizeof(size_t) * 4); /* 2^32 on 64-bit machines */
    assert_int_equal(vk_size_mul(half, half, &out), -1);
    assert_int_equal(vk_size_mul(half, half - 1, &out), 0);
    assert_true(out == SIZE_MAX - half + 1);
}

static void
test_hash64(void **state)
{
    (void)state;
    /* FNV-1a 64 test vectors: the offset basis for no bytes. */
    assert_true(vk_hash64("", 0) == 0xcbf29ce484222325ULL);
    assert_true(vk_hash64(NULL, 0) == VK_HASH64_INIT);
    assert_true(vk_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(vk_hash64("foobar", 6) == 0x85944171f73967e8ULL);
    /* Pieces give the hash of the whole. */
    const char *s = "Nghị quyết số 28-NQ/TW";
    size_t n = strlen(s);
    uint64_t h = VK_HASH64_INIT;
    for (size_t i = 0; i < n; i += 5)
        h = vk_hash64_update(h, s + i, n - i < 5 ? n - i : 5);
    assert_true(h == vk_hash64(s, n));
    assert_true(vk_hash64("ab", 2) != vk_hash64("ba", 2));
    int arr[7];
    assert_int_equal(VK_ARRAY_LEN(arr), 7);
}

/* ---------------------------------------------------------------------- */
/* buf.h                                                                  */
/* ---------------------------------------------------------------------- */

static void
test_buf_append(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    assert_null(b.data);
    /* Appending nothing still gives a C string. */
    assert_int_equal(vk_buf_append(&b, NULL, 0), VK_OK);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    assert_int_equal(vk_buf_puts(&b, "Kế hoạch"), VK_OK);
    assert_int_equal(vk_buf_putc(&b, ' '), VK_OK);
    assert_int_equal(vk_buf_append(&b, "25-KH/TW trailing", 8), VK_OK);
    assert_string_equal(b.data, "Kế hoạch 25-KH/TW");
    assert_int_equal(b.len, strlen("Kế hoạch 25-KH/TW"));
    /* A NUL byte is data like any other. */
    assert_int_equal(vk_buf_append(&b, "\0z", 2), VK_OK);
    assert_int_equal(b.len, strlen("Kế hoạch 25-KH/TW") + 2);
    assert_int_equal(b.data[b.len - 1], 'z');
    assert_int_equal(b.data[b.len], '\0');
    vk_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    vk_buf_free(&b); /* twice is fine */
}

static void
test_buf_growth(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    char bytes[200];
    memset(bytes, 'a', sizeof bytes);
    /* 63 bytes and the NUL fill the first 64; one more doubles it. */
    assert_int_equal(vk_buf_append(&b, bytes, 63), VK_OK);
    assert_int_equal(b.cap, 64);
    assert_int_equal(vk_buf_putc(&b, 'b'), VK_OK);
    assert_int_equal(b.cap, 128);
    assert_int_equal(b.len, 64);
    assert_int_equal(b.data[63], 'b');
    assert_int_equal(vk_buf_append(&b, bytes, 200), VK_OK);
    assert_int_equal(b.cap, 512);
    assert_int_equal(b.len, 264);
    assert_int_equal(strlen(b.data), 264);
    /* Clearing keeps the memory. */
    char *before = b.data;
    vk_buf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 512);
    assert_ptr_equal(b.data, before);
    assert_string_equal(b.data, "");
    /* Reserving what fits changes nothing. */
    assert_int_equal(vk_buf_reserve(&b, 511), VK_OK);
    assert_int_equal(b.cap, 512);
    assert_ptr_equal(b.data, before);
    vk_buf_free(&b);
    vk_buf empty = VK_BUF_INIT;
    vk_buf_clear(&empty); /* no memory yet: nothing to terminate */
    assert_null(empty.data);
}

static void
test_buf_overflow(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    /* len + extra + 1 past SIZE_MAX: refused before any allocation. */
    assert_int_equal(vk_buf_reserve(&b, SIZE_MAX), VK_ENOMEM);
    assert_null(b.data);
    /* extra + 1 fits, but doubling the capacity to reach it overflows. */
    assert_int_equal(vk_buf_reserve(&b, SIZE_MAX - 1), VK_ENOMEM);
    assert_null(b.data);
    assert_int_equal(vk_buf_puts(&b, "abc"), VK_OK);
    assert_int_equal(vk_buf_reserve(&b, SIZE_MAX - 3), VK_ENOMEM);
    assert_int_equal(vk_buf_append(&b, "x", SIZE_MAX - 2), VK_ENOMEM);
    /* The buffer is unchanged by the failures. */
    assert_string_equal(b.data, "abc");
    assert_int_equal(b.len, 3);
    assert_int_equal(b.cap, 64);
    vk_buf_free(&b);
}

static void
test_buf_printf(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    assert_int_equal(vk_buf_printf(&b, "%d-%s/%s", 57, "NQ", "TW"), VK_OK);
    assert_string_equal(b.data, "57-NQ/TW");
    assert_int_equal(vk_buf_printf(&b, "%s", ""), VK_OK);
    assert_int_equal(b.len, 8);
    /* 255 bytes fit the function's own scratch; 256 and more are written
     * into the buffer directly. */
    char s[400];
    for (size_t n = 252; n <= 255; n++) {
        memset(s, 'k', n);
        s[n] = '\0';
        vk_buf_clear(&b);
        assert_int_equal(vk_buf_printf(&b, "[%s]", s), VK_OK);
        assert_int_equal(b.len, n + 2);
        assert_int_equal(b.data[0], '[');
        assert_int_equal(b.data[n], 'k');
        assert_int_equal(b.data[n + 1], ']');
        assert_int_equal(b.data[n + 2], '\0');
    }
    /* Appended after what is there. */
    vk_buf_clear(&b);
    vk_buf_puts(&b, "x=");
    memset(s, 'y', 300);
    s[300] = '\0';
    assert_int_equal(vk_buf_printf(&b, "%s;%zu", s, (size_t)300), VK_OK);
    assert_int_equal(b.len, 2 + 300 + 4);
    assert_int_equal(memcmp(b.data, "x=yyy", 5), 0);
    assert_string_equal(b.data + 302, ";300");
    vk_buf_free(&b);
}

static void
test_buf_steal(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    /* An empty buffer gives "", never NULL. */
    char *p = vk_buf_steal(&b);
    assert_non_null(p);
    assert_string_equal(p, "");
    free(p);
    vk_buf_puts(&b, "Đảng");
    p = vk_buf_steal(&b);
    assert_string_equal(p, "Đảng");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    free(p);
    /* The buffer is reusable afterwards. */
    assert_int_equal(vk_buf_puts(&b, "lại"), VK_OK);
    assert_string_equal(b.data, "lại");
    vk_buf_free(&b);
}

/* ---------------------------------------------------------------------- */
/* arena.h                                                                */
/* ---------------------------------------------------------------------- */

static void
test_arena_alloc(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    const size_t align = alignof(max_align_t);
    unsigned char *prev = NULL;
    size_t sizes[] = {1, 3, align - 1, align, align + 1, 100, 0, 7};
    for (size_t i = 0; i < VK_ARRAY_LEN(sizes); i++) {
        unsigned char *p = vk_arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % align, 0);
        for (size_t k = 0; k < sizes[i]; k++)
            assert_int_equal(p[k], 0); /* zero-filled */
        memset(p, 0xA5, sizes[i]);
        assert_true(p != prev); /* even a request for 0 bytes takes room */
        prev = p;
    }
    /* Within one block, a request takes its size rounded up to the alignment. */
    unsigned char *x = vk_arena_alloc(&a, 1), *y = vk_arena_alloc(&a, align + 1);
    unsigned char *z = vk_arena_alloc(&a, 0), *w = vk_arena_alloc(&a, 1);
    assert_int_equal(y - x, (ptrdiff_t)align);
    assert_int_equal(z - y, (ptrdiff_t)(2 * align));
    assert_int_equal(w - z, (ptrdiff_t)align);
    vk_arena_free(&a);
    assert_null(a.head);
    vk_arena_free(&a); /* twice is fine */
}

static void
test_arena_blocks(void **state)
{
    (void)state;
    const size_t align = alignof(max_align_t);
    vk_arena a = {NULL, 2 * align};
    /* Blocks of two slots: the third allocation starts a new block, and
     * nothing written before is overwritten. */
    char *p[5];
    for (int i = 0; i < 5; i++) {
        p[i] = vk_arena_alloc(&a, align);
        assert_non_null(p[i]);
        memset(p[i], 'a' + i, align);
    }
    for (int i = 0; i < 5; i++) {
        for (size_t k = 0; k < align; k++)
            assert_int_equal(p[i][k], 'a' + i);
    }
    /* A request larger than a block gets a block of its own size. */
    char *big = vk_arena_alloc(&a, 10 * align + 3);
    assert_non_null(big);
    memset(big, 'z', 10 * align + 3);
    assert_int_equal(p[4][0], 'e');
    vk_arena_free(&a);
    /* Reusable once freed. */
    char *q = vk_arena_alloc(&a, 5);
    assert_non_null(q);
    vk_arena_free(&a);
}

static void
test_arena_strndup(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    char *s = vk_arena_strndup(&a, "Bộ Chính trị", strlen("Bộ Chính"));
    assert_string_equal(s, "Bộ Chính");
    char *e = vk_arena_strndup(&a, NULL, 0);
    assert_non_null(e);
    assert_string_equal(e, "");
    /* Bytes after a NUL inside len are copied too. */
    char *n = vk_arena_strndup(&a, "a\0b", 3);
    assert_int_equal(memcmp(n, "a\0b\0", 4), 0);
    vk_arena_free(&a);
}

static void
test_arena_overflow(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    assert_null(vk_arena_alloc(&a, SIZE_MAX));
    /* Rounds without overflow, but the block around it cannot be sized. */
    assert_null(vk_arena_alloc(&a, SIZE_MAX - alignof(max_align_t) + 1));
    assert_null(vk_arena_strndup(&a, "x", SIZE_MAX));
    assert_null(a.head); /* nothing was allocated */
    /* The arena still works after the refusals. */
    assert_non_null(vk_arena_alloc(&a, 8));
    vk_arena_free(&a);
}

/* ---------------------------------------------------------------------- */
/* utf8.h                                                                 */
/* ---------------------------------------------------------------------- */

/* Decodes s (strlen bytes, or n if given) and checks length and code point. */
static void
check_decode(const char *s, size_t n, size_t want_len, uint32_t want_cp)
{
    uint32_t cp = 0x12345;
    size_t l = vk_utf8_decode(s, n ? n : strlen(s), &cp);
    assert_int_equal(l, want_len);
    assert_int_equal(cp, want_cp);
}

static void
test_utf8_decode(void **state)
{
    (void)state;
    check_decode("A", 0, 1, 0x41);
    check_decode("\0", 1, 1, 0);
    check_decode("\x7F", 0, 1, 0x7F);
    check_decode("\xC2\x80", 0, 2, 0x80);
    check_decode("\xC3\xA9", 0, 2, 0xE9);  /* é */
    check_decode("\xC4\x91", 0, 2, 0x111); /* đ */
    check_decode("\xDF\xBF", 0, 2, 0x7FF);
    check_decode("\xE0\xA0\x80", 0, 3, 0x800);
    check_decode("\xE1\xBB\x87x", 0, 3, 0x1EC7); /* ệ, then more text */
    check_decode("\xED\x9F\xBF", 0, 3, 0xD7FF);  /* just below the surrogates */
    check_decode("\xEE\x80\x80", 0, 3, 0xE000);  /* just above them */
    check_decode("\xEF\xBF\xBF", 0, 3, 0xFFFF);
    check_decode("\xF0\x90\x80\x80", 0, 4, 0x10000);
    check_decode("\xF0\x9D\x84\x9E", 0, 4, 0x1D11E);
    check_decode("\xF4\x8F\xBF\xBF", 0, 4, 0x10FFFF);
}

static void
test_utf8_decode_invalid(void **state)
{
    (void)state;
    /* Each gives 0 and U+FFFD. */
    static const char *const bad[] = {
        "\x80",             /* a continuation byte alone */
        "\xBF",             /* another */
        "\xC0\x80",         /* overlong NUL */
        "\xC1\xBF",         /* overlong U+007F */
        "\xE0\x80\x80",     /* overlong, 3 bytes */
        "\xE0\x9F\xBF",     /* overlong U+07FF */
        "\xF0\x80\x80\x80", /* overlong, 4 bytes */
        "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
        "\xED\xA0\x80",     /* surrogate U+D800 */
        "\xED\xBF\xBF",     /* surrogate U+DFFF */
        "\xF4\x90\x80\x80", /* U+110000 */
        "\xF5\x80\x80\x80", /* lead byte past F4 */
        "\xF8\x88\x80\x80", /* old 5-byte form */
        "\xFE",             /* never in UTF-8 */
        "\xFF",
        "\xC3\x41",         /* a second byte that does not continue */
        "\xE1\xBB\x41",     /* a third */
        "\xF0\x9D\x84\xC3", /* a fourth */
    };
    for (size_t i = 0; i < VK_ARRAY_LEN(bad); i++)
        check_decode(bad[i], 0, 0, 0xFFFD);
    /* Truncated by len, whatever follows in memory. */
    check_decode("\xC3\xA9", 1, 0, 0xFFFD);
    check_decode("\xE1\xBB\x87", 2, 0, 0xFFFD);
    check_decode("\xF0\x9D\x84\x9E", 3, 0, 0xFFFD);
}

static void
test_utf8_encode(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        size_t len;
        const char *bytes;
    } cases[] = {
        {0x41, 1, "A"},
        {0x7F, 1, "\x7F"},
        {0x80, 2, "\xC2\x80"},
        {0x111, 2, "\xC4\x91"},
        {0x7FF, 2, "\xDF\xBF"},
        {0x800, 3, "\xE0\xA0\x80"},
        {0x1EC7, 3, "\xE1\xBB\x87"},
        {0xD7FF, 3, "\xED\x9F\xBF"},
        {0xE000, 3, "\xEE\x80\x80"},
        {0xFFFF, 3, "\xEF\xBF\xBF"},
        {0x10000, 4, "\xF0\x90\x80\x80"},
        {0x10FFFF, 4, "\xF4\x8F\xBF\xBF"},
    };
    for (size_t i = 0; i < VK_ARRAY_LEN(cases); i++) {
        char out[4] = {0};
        assert_int_equal(vk_utf8_encode(cases[i].cp, out), cases[i].len);
        assert_memory_equal(out, cases[i].bytes, cases[i].len);
    }
    char out[4];
    assert_int_equal(vk_utf8_encode(0, out), 1);
    assert_int_equal(out[0], '\0');
    /* Not scalar values: surrogates, past U+10FFFF. */
    assert_int_equal(vk_utf8_encode(0xD800, out), 0);
    assert_int_equal(vk_utf8_encode(0xDFFF, out), 0);
    assert_int_equal(vk_utf8_encode(0x110000, out), 0);
    assert_int_equal(vk_utf8_encode(UINT32_MAX, out), 0);
}

/* Every scalar value encodes to bytes that decode to it again. */
static void
test_utf8_round_trip(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp == 0xD800)
            cp = 0xE000;
        char out[4];
        size_t n = vk_utf8_encode(cp, out);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (n != want)
            fail_msg("U+%04X: %zu bytes, not %zu", (unsigned)cp, n, want);
        uint32_t back;
        if (vk_utf8_decode(out, n, &back) != n || back != cp)
            fail_msg("U+%04X does not decode to itself", (unsigned)cp);
        if (vk_utf8_validate(out, n) != n)
            fail_msg("U+%04X: not valid", (unsigned)cp);
    }
}

/* vk_utf8_decode_short reads every 2- and 3-byte sequence it takes as
 * vk_utf8_decode does, and takes none that vk_utf8_decode refuses; it
 * leaves the leads E0 and ED (overlongs, surrogates) and 4-byte sequences
 * to it. */
static void
test_utf8_decode_short(void **state)
{
    (void)state;
    size_t taken = 0;
    for (unsigned lead = 0x80; lead <= 0xFF; lead++) {
        for (unsigned b1 = 0; b1 <= 0xFF; b1++) {
            for (unsigned b2 = 0; b2 <= 0xFF; b2++) {
                char s[3] = {(char)lead, (char)b1, (char)b2};
                uint32_t a = 0, b = 0;
                size_t n = vk_utf8_decode_short(s, 3, &a);
                if (!n)
                    continue;
                taken++;
                if (vk_utf8_decode(s, 3, &b) != n || a != b)
                    fail_msg("%02X %02X %02X: %zu bytes, U+%04X", lead, b1, b2, n, (unsigned)a);
                if ((lead == 0xE0 || lead == 0xED || lead >= 0xF0) && n)
                    fail_msg("%02X %02X %02X taken", lead, b1, b2);
            }
        }
    }
    /* 2 bytes: leads C2..DF, 64 continuations, any third byte (256);
     * 3 bytes: 14 leads (E1..EC, EE, EF), 64 x 64 continuations. */
    assert_int_equal(taken, 30 * 64 * 256 + 14 * 64 * 64);
    uint32_t cp;
    assert_int_equal(vk_utf8_decode_short("\xc3\xa9", 1, &cp), 0); /* cut short */
    assert_int_equal(vk_utf8_decode_short("\xe1\xba\xa4", 3, &cp), 3);
    assert_int_equal(cp, 0x1EA4); /* Ấ */
}

static void
test_utf8_validate(void **state)
{
    (void)state;
    assert_int_equal(vk_utf8_validate("", 0), 0);
    assert_int_equal(vk_utf8_validate(NULL, 0), 0);
    const char *ok = "Nghị quyết số 57-NQ/TW";
    assert_int_equal(vk_utf8_validate(ok, strlen(ok)), strlen(ok));
    /* A NUL byte is valid UTF-8. */
    assert_int_equal(vk_utf8_validate("a\0b", 3), 3);
    /* The offset of the first bad sequence. */
    assert_int_equal(vk_utf8_validate("ab\xFF"
                                      "cd",
                                      5),
                     2);
    assert_int_equal(vk_utf8_validate("ab\xC3", 3), 2); /* truncated at the end */
    assert_int_equal(vk_utf8_validate("\xC3\xA9\xED\xA0\x80", 5), 2);
    assert_int_equal(vk_utf8_validate("x\xC0\x80", 3), 1);
    /* Text in Windows-1258 (ệ is 0xEA 0xF2) is not UTF-8 from its ê on. */
    assert_int_equal(vk_utf8_validate("Vi\xEA\xF2t", 5), 2);
}

/* Byte offsets as UTF-16 code units: a four-byte code point is two units,
 * any other one unit; a bad or cut sequence counts one unit a byte. */
static void
test_utf16_offset(void **state)
{
    (void)state;
    assert_int_equal(vk_utf16_offset(NULL, 0, 0), 0);
    assert_int_equal(vk_utf16_offset("abc", 3, 2), 2);
    /* "Việt": ệ is three bytes (E1 BB 87) and one unit. */
    const char *viet = "Vi\xE1\xBB\x87t";
    assert_int_equal(vk_utf16_offset(viet, 6, 2), 2);
    assert_int_equal(vk_utf16_offset(viet, 6, 5), 3);
    assert_int_equal(vk_utf16_offset(viet, 6, 6), 4);
    /* U+1D11E (F0 9D 84 9E) between a and b: a surrogate pair. */
    const char *clef = "a\xF0\x9D\x84\x9E"
                       "b";
    assert_int_equal(vk_utf16_offset(clef, 6, 1), 1);
    assert_int_equal(vk_utf16_offset(clef, 6, 5), 3);
    assert_int_equal(vk_utf16_offset(clef, 6, 6), 4);
    /* An offset inside the pair's bytes: those before it, one unit each. */
    assert_int_equal(vk_utf16_offset(clef, 6, 3), 3);
    /* An invalid byte is one unit; an offset past the end stops at len. */
    assert_int_equal(vk_utf16_offset("a\xFF"
                                     "b",
                                     3, 3),
                     3);
    assert_int_equal(vk_utf16_offset("ab", 2, 10), 2);
    /* A sequence truncated by len: its byte counts one. */
    assert_int_equal(vk_utf16_offset("\xC3\xA9", 1, 1), 1);
}

/* Offsets counted on from the previous one agree with counting from the
 * start, in increasing order, after a step back, and inside a sequence. */
static void
test_utf16_offset_next(void **state)
{
    (void)state;
    /* "Việt 𝄞 Nam": ệ at bytes 2-4, 𝄞 (two units) at bytes 7-10. */
    const char *t = "Vi\xE1\xBB\x87t \xF0\x9D\x84\x9E Nam";
    size_t len = strlen(t);
    const size_t offs[] = {0, 2, 5, 6, 7, 11, 15, 3, 9, 11, 8, 15, 40};
    const size_t units[] = {0, 2, 3, 4, 5, 7, 11, 3, 7, 7, 6, 11, 11};
    vk_utf16_pos pos = {0, 0};
    for (size_t i = 0; i < VK_ARRAY_LEN(offs); i++) {
        assert_int_equal(vk_utf16_offset_next(t, len, offs[i], &pos), units[i]);
        assert_int_equal(vk_utf16_offset(t, len, offs[i]), units[i]);
    }
}

static void
test_utf8_count(void **state)
{
    (void)state;
    assert_int_equal(vk_utf8_count("", 0), 0);
    assert_int_equal(vk_utf8_count("Việt", strlen("Việt")), 4);
    assert_int_equal(strlen("Việt"), 6);
    assert_int_equal(vk_utf8_count("\xF0\x9D\x84\x9E", 4), 1);
    /* Invalid bytes count one each. */
    assert_int_equal(vk_utf8_count("a\xFF\xFE"
                                   "b",
                                   4),
                     4);
    assert_int_equal(vk_utf8_count("\xE1\xBB", 2), 2);     /* truncated: two bytes */
    assert_int_equal(vk_utf8_count("\xC3\xA9\x80", 3), 2); /* é and a stray byte */
    assert_int_equal(vk_utf8_count("\xED\xA0\x80", 3), 3); /* a surrogate: three */
}

/* ---------------------------------------------------------------------- */
/* file.h                                                                 */
/* ---------------------------------------------------------------------- */

static char dir[4096];

static int
setup_dir(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(dir, sizeof dir, "%s/vk-common-XXXXXX", base ? base : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int
teardown_dir(void **state)
{
    (void)state;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes to dir/name; path gets the file's path. */
static void
write_file(const char *name, const char *data, size_t len, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void
test_file_read(void **state)
{
    (void)state;
    char path[4200];
    write_file("five", "ab\0cd", 5, path, sizeof path);
    char *out = NULL;
    size_t len = 99;
    vk_error err = {VK_OK, ""};
    /* Exactly the limit is fine; the NUL inside is kept, one is added. */
    assert_int_equal(vk_file_read(path, 5, &out, &len, &err), VK_OK);
    assert_int_equal(len, 5);
    assert_memory_equal(out, "ab\0cd\0", 6);
    free(out);
    /* One byte over: refused, nothing returned, the file named. */
    out = (char *)1;
    assert_int_equal(vk_file_read(path, 4, &out, &len, &err), VK_ETOOBIG);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(err.status, VK_ETOOBIG);
    assert_non_null(strstr(err.msg, path));
    /* An empty file gives "", not NULL. */
    write_file("empty", "", 0, path, sizeof path);
    assert_int_equal(vk_file_read(path, 0, &out, &len, NULL), VK_OK);
    assert_non_null(out);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
    free(out);
}

static void
test_file_read_errors(void **state)
{
    (void)state;
    char path[4200];
    char *out = (char *)1;
    size_t len = 99;
    vk_error err = {VK_OK, ""};
    snprintf(path, sizeof path, "%s/no-such-file", dir);
    assert_int_equal(vk_file_read(path, 100, &out, &len, &err), VK_ENOTFOUND);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_non_null(strstr(err.msg, "no-such-file"));
    assert_int_equal(vk_file_read(dir, 100, &out, &len, &err), VK_EIO);
    assert_null(out);
    assert_non_null(strstr(err.msg, "is a directory"));
    /* A stream has no size to check first: it is cut while reading. */
    assert_int_equal(vk_file_read("/dev/zero", 1000, &out, &len, &err), VK_ETOOBIG);
    assert_null(out);
    assert_non_null(strstr(err.msg, "/dev/zero"));
    /* Unreadable: only meaningful when permissions apply (not as root). */
    if (geteuid() == 0)
        return;
    write_file("secret", "x", 1, path, sizeof path);
    assert_int_equal(chmod(path, 0), 0);
    assert_int_equal(vk_file_read(path, 100, &out, &len, &err), VK_EIO);
    assert_null(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_str),
        cmocka_unit_test(test_fail),
        cmocka_unit_test(test_size_arithmetic),
        cmocka_unit_test(test_hash64),
        cmocka_unit_test(test_buf_append),
        cmocka_unit_test(test_buf_growth),
        cmocka_unit_test(test_buf_overflow),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_buf_steal),
        cmocka_unit_test(test_arena_alloc),
        cmocka_unit_test(test_arena_blocks),
        cmocka_unit_test(test_arena_strndup),
        cmocka_unit_test(test_arena_overflow),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_decode_invalid),
        cmocka_unit_test(test_utf8_encode),
        cmocka_unit_test(test_utf8_round_trip),
        cmocka_unit_test(test_utf8_decode_short),
        cmocka_unit_test(test_utf8_validate),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_utf16_offset),
        cmocka_unit_test(test_utf16_offset_next),
        cmocka_unit_test_setup_teardown(test_file_read, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_file_read_errors, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
