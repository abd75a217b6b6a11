/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_analyzer.c: the Vietnamese analyzer: tokens, offsets and positions,
 * NFC, case folding, tone-mark canonicalization and diacritic folding, on
 * strings from the sample documents and on every syllable of hunspell-vi.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzers/an.h"

/* The exact and folded terms of one word, as NUL-terminated strings. */
typedef struct forms {
    char exact[256];
    char folded[256];
} forms;

static forms
norm(const char *word)
{
    forms f = {{0}, {0}};
    vk_buf e = VK_BUF_INIT, d = VK_BUF_INIT;
    assert_int_equal(an_normalize_word(word, strlen(word), &e, &d), VK_OK);
    assert_true(e.len < sizeof f.exact && d.len < sizeof f.folded);
    memcpy(f.exact, e.data, e.len);
    memcpy(f.folded, d.data, d.len);
    vk_buf_free(&e);
    vk_buf_free(&d);
    return f;
}

static void
assert_exact(const char *word, const char *expected)
{
    forms f = norm(word);
    if (strcmp(f.exact, expected) != 0)
        fail_msg("exact form of '%s' is '%s', expected '%s'", word, f.exact, expected);
}

/* Old and new tone placement give one term, in the new style. */
static void
test_tone_styles(void **state)
{
    (void)state;
    assert_exact("hóa", "hoá");
    assert_exact("hoá", "hoá");
    assert_exact("khóa", "khoá");
    assert_exact("KHOÁ", "khoá");
    assert_exact("thúy", "thuý");
    assert_exact("ủy", "uỷ");
    assert_exact("Ủy", "uỷ");
    assert_exact("tòa", "toà");
    assert_exact("hòe", "hoè");
    assert_exact("khỏe", "khoẻ");
    assert_exact("THỦY", "thuỷ");
    /* Not affected: a final consonant, a triphthong, qu, gi, uơ. */
    assert_exact("hoàn", "hoàn");
    assert_exact("huýt", "huýt");
    assert_exact("ngoài", "ngoài");
    assert_exact("khuỷu", "khuỷu");
    assert_exact("quý", "quý");
    assert_exact("già", "già");
    assert_exact("gìn", "gìn");
    assert_exact("thuở", "thuở");
    assert_exact("người", "người");
    /* Misplaced marks land on the same term. */
    assert_exact("qúy", "quý");
    assert_exact("gìa", "già");
    assert_exact("mùa", "mùa");
    assert_exact("muà", "mùa");
}

static void
test_nfd_and_case(void **state)
{
    (void)state;
    /* "khóa" decomposed: k h o a + U+0301 after the o. */
    assert_exact("kho\xcc\x81"
                 "a",
                 "khoá");
    /* "Đảng" with the tone as a combining hook above. */
    assert_exact("\xc4\x90"
                 "a\xcc\x89"
                 "ng",
                 "đảng");
    /* Icelandic eth used for Đ. */
    assert_exact("\xc3\x90"
                 "ảng",
                 "đảng");
    assert_exact("NGHỊ", "nghị");
    assert_exact("QUYẾT", "quyết");
}

static void
test_folding(void **state)
{
    (void)state;
    assert_string_equal(norm("Đảng").folded, "dang");
    assert_string_equal(norm("nghị").folded, "nghi");
    assert_string_equal(norm("quyết").folded, "quyet");
    assert_string_equal(norm("ưỡng").folded, "uong");
    assert_string_equal(norm("uỷ").folded, "uy");
    assert_string_equal(norm("XIII").folded, "xiii");
    assert_true(an_has_diacritics("đ", strlen("đ")));
    assert_true(an_has_diacritics("Nghị", strlen("Nghị")));
    assert_false(an_has_diacritics("nghi quyet", strlen("nghi quyet")));
    assert_true(an_has_diacritics("kho\xcc\x81"
                                  "a",
                                  5));
}

/* Tokens of a line of sample 001, with offsets into the original text. */
static void
test_tokens_offsets(void **state)
{
    (void)state;
    const char *text = "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành khóa XIII";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 5, &t), VK_OK);
    const char *exact[] = {"nghị", "quyết", "số", "28", "nq", "tw", "ngày", "17", "11",
                           "2022", "của", "ban", "chấp", "hành", "khoá", "xiii"};
    assert_int_equal(t.n, sizeof exact / sizeof exact[0]);
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(t.v[i].pos, 5 + i);
        assert_int_equal(t.v[i].exact_len, strlen(exact[i]));
        assert_memory_equal(t.v[i].exact, exact[i], t.v[i].exact_len);
    }
    /* Offsets point at the original spelling: "khóa" stays as written. */
    assert_int_equal(t.v[14].end - t.v[14].start, strlen("khóa"));
    assert_memory_equal(text + t.v[14].start, "khóa", strlen("khóa"));
    assert_memory_equal(text + t.v[3].start, "28", 2);
    assert_int_equal(t.v[3].kind, AN_NUMBER);
    assert_int_equal(t.v[4].kind, AN_WORD);
    an_tokens_free(&t);
}

/* Invalid UTF-8, control bytes and nothing-but-punctuation never crash and
 * give the tokens around them. */
static void
test_bad_bytes(void **state)
{
    (void)state;
    const char text[] = "đổi\xff\xfemới \xc3 \x01 --- \xe1\xba";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, sizeof text - 1, 0, &t), VK_OK);
    assert_int_equal(t.n, 2);
    assert_memory_equal(t.v[0].exact, "đổi", strlen("đổi"));
    assert_memory_equal(t.v[1].exact, "mới", strlen("mới"));
    assert_int_equal(an_analyze("!!! ... ", 8, 0, &t), VK_OK);
    assert_int_equal(t.n, 0);
    an_tokens_free(&t);
}

/* A run of letters longer than AN_MAX_TOKEN is cut into pieces. */
static void
test_long_run(void **state)
{
    (void)state;
    size_t len = 10000;
    char *text = malloc(len);
    assert_non_null(text);
    memset(text, 'a', len);
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, len, 0, &t), VK_OK);
    assert_int_equal(t.n, (len + AN_MAX_TOKEN - 1) / AN_MAX_TOKEN);
    for (size_t i = 0; i < t.n; i++)
        assert_true(t.v[i].end - t.v[i].start <= AN_MAX_TOKEN);
    an_tokens_free(&t);
    free(text);
}

/* Rewrites a new-style syllable in the old style (tone on the first vowel of
 * a final oa, oe, uy), in NFC; returns 0 if the syllable has no such cluster.
 * Written here independently of the analyzer, from the rule in DOMAIN §2.4. */
static int
to_old_style(const char *w, char *out, size_t cap)
{
    static const struct {
        const char *new_form, *old_form;
    } pairs[] = {
        {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
        {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
        {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
    };
    size_t len = strlen(w);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t l = strlen(pairs[i].new_form);
        if (len < l || strcmp(w + len - l, pairs[i].new_form) != 0)
            continue;
        if (pairs[i].new_form[0] == 'u' && len > l && (w[len - l - 1] == 'q'))
            return 0;
        if (len + 1 > cap)
            return 0;
        memcpy(out, w, len - l);
        strcpy(out + len - l, pairs[i].old_form);
        return 1;
    }
    return 0;
}

/* Every syllable of Debian's hunspell-vi list: its old-style spelling gives
 * the same exact term, the folded term is ASCII, and no two different
 * syllables share an exact term. */
static void
test_hunspell_syllables(void **state)
{
    (void)state;
    FILE *f = fopen("/usr/share/hunspell/vi_VN.dic", "r");
    if (!f)
        fail_msg("hunspell-vi is not installed (scripts/install-deps.sh installs it)");
    char line[256], old[256];
    size_t n = 0, old_tested = 0;
    char **terms = NULL, **words = NULL;
    size_t cap = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* the count */
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n/")] = '\0';
        if (!*line)
            continue;
        forms a = norm(line);
        for (const char *p = a.folded; *p; p++)
            if ((unsigned char)*p >= 0x80)
                fail_msg("folded form of '%s' is not ASCII: '%s'", line, a.folded);
        if (to_old_style(line, old, sizeof old)) {
            forms b = norm(old);
            if (strcmp(a.exact, b.exact) != 0)
                fail_msg("'%s' gives '%s' but old-style '%s' gives '%s'", line, a.exact, old,
                         b.exact);
            old_tested++;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 8192;
            terms = realloc(terms, cap * sizeof *terms);
            words = realloc(words, cap * sizeof *words);
            assert_non_null(terms);
            assert_non_null(words);
        }
        terms[n] = strdup(a.exact);
        vk_buf lower = VK_BUF_INIT;
        an_casefold_text(line, strlen(line), &lower);
        words[n] = lower.data;
        n++;
    }
    fclose(f);
    assert_true(n > 6000);
    assert_true(old_tested > 50); /* 69 in hunspell-vi 1:2.2.0 */
    /* No collisions: equal terms only for words equal up to case. */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(terms[i], terms[j]) == 0 && strcmp(words[i], words[j]) != 0)
                fail_msg("'%s' and '%s' share the term '%s'", words[i], words[j], terms[i]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(terms[i]);
        free(words[i]);
    }
    free(terms);
    free(words);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone_styles),     cmocka_unit_test(test_nfd_and_case),
        cmocka_unit_test(test_folding),         cmocka_unit_test(test_tokens_offsets),
        cmocka_unit_test(test_bad_bytes),       cmocka_unit_test(test_long_run),
        cmocka_unit_test(test_hunspell_syllables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
