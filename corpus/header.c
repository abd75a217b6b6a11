/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * header.c: the header of a document: type, number, place and date, issuer,
 * conference, term and title, from the lines above the body (see cp.h).
 */
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "corpus/cp.h"
#include "corpus/parse_internal.h"

/* ---------------------------------------------------------------------- */
/* Header                                                                 */
/* ---------------------------------------------------------------------- */

/* Nonzero if token t's folded form is the ASCII word w. */
static int
tok_is(const an_token *t, const char *w)
{
    return t->folded_len == strlen(w) && memcmp(t->folded, w, t->folded_len) == 0;
}

/* Reads "khoá XIII" / "KHÓA XIII" in a line into doc->term. */
static void
find_term(cp_file *f, cp_doc *doc, const char *s, size_t len, an_tokens *toks)
{
    if (doc->term || an_analyze(s, len, 0, toks) != VK_OK)
        return;
    for (size_t i = 0; i + 1 < toks->n; i++) {
        const an_token *r = &toks->v[i + 1];
        if (!tok_is(&toks->v[i], "khoa") || r->folded_len > 7 ||
            strspn(r->folded, "ivxl") < r->folded_len)
            continue;
        char roman[8];
        for (size_t k = 0; k < r->folded_len; k++)
            roman[k] = (char)(r->folded[k] - 'a' + 'A');
        doc->term = vk_arena_strndup(&f->arena, roman, r->folded_len);
        return;
    }
}

/* After the type line: conference and committee lines in capitals
 * ("HỘI NGHỊ LẦN THỨ SÁU", "... KHOÁ XIII"), then the title, joined across
 * its lines, up to a blank line or a rule. */
static void
parse_title(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to, an_tokens *toks)
{
    vk_buf fb = VK_BUF_INIT, title = VK_BUF_INIT;
    size_t i = from;
    for (; i < to && !lines[i].rule; i++) {
        const cline *ln = &lines[i];
        if (ln->len == 0)
            continue;
        if (!cp_mostly_upper(ln->s, ln->len))
            break;
        if (cp_starts_with(cp_folded(ln->s, ln->len, &fb), "hoi nghi") && !doc->conference)
            doc->conference = cp_sentence_case(&f->arena, ln->s, ln->len);
        find_term(f, doc, ln->s, ln->len, toks);
    }
    for (; i < to && !lines[i].rule; i++) {
        if (lines[i].len == 0) {
            /* A title typed as several paragraphs (Word, HTML: a blank line
             * between them) goes on when the next one starts in lower case
             * ("về ..." / "trong giai đoạn mới"). */
            if (!title.len || i + 1 >= to || lines[i + 1].rule || lines[i + 1].len == 0 ||
                !an_is_lower(cp_first_cp(lines[i + 1].s, lines[i + 1].len)))
                break;
            continue;
        }
        if (title.len)
            vk_buf_putc(&title, ' ');
        vk_buf_append(&title, lines[i].s, lines[i].len);
    }
    if (title.len)
        doc->title = vk_arena_strndup(&f->arena, title.data, title.len);
    vk_buf_free(&title);
    vk_buf_free(&fb);
}

/* The issuing body from the header lines in capitals above the number
 * ("BAN CHẤP HÀNH TRUNG ƯƠNG", the party heading "ĐẢNG CỘNG SẢN VIỆT NAM"
 * left out, also when the conversion put both on one line). */
static void
header_issuer(cp_file *f, cp_doc *doc, const cline *lines, size_t number_at)
{
    vk_buf fb = VK_BUF_INIT, iss = VK_BUF_INIT;
    for (size_t k = 0; k < number_at; k++) {
        const cline *ln = &lines[k];
        /* Names of bodies are words in capitals: not the stamp's "Email:"
         * or "TUHANoi/DCSAVN@TUHANoi7". */
        if (ln->len == 0 || !cp_mostly_upper(ln->s, ln->len) || !memchr(ln->s, ' ', ln->len) ||
            memchr(ln->s, ':', ln->len) || memchr(ln->s, '@', ln->len) ||
            memchr(ln->s, '/', ln->len))
            continue;
        const char *fo = cp_folded(ln->s, ln->len, &fb);
        size_t len = ln->len;
        const char *party = strstr(fo, "dang cong san viet nam");
        if (party) {
            /* Cut the original at the same syllable. */
            size_t words = 0;
            for (const char *q = fo; q < party; q++)
                words += *q == ' ';
            size_t i = 0;
            for (size_t w = 0; i < ln->len && w < words; i++)
                w += ln->s[i] == ' ';
            len = i > 0 ? i - 1 : 0;
        }
        if (len == 0)
            continue;
        const char *p = cp_proper_case(&f->arena, ln->s, len);
        if (p && iss.len)
            vk_buf_puts(&iss, " - ");
        if (p)
            vk_buf_puts(&iss, p);
    }
    if (iss.len)
        doc->issuer = vk_arena_strndup(&f->arena, iss.data, iss.len);
    vk_buf_free(&iss);
    vk_buf_free(&fb);
}

/* "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII" under the conference names the
 * body when the header has no issuer line. */
static void
committee_issuer(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to)
{
    vk_buf fb = VK_BUF_INIT;
    for (size_t i = from; i < to && !doc->issuer; i++) {
        const cline *ln = &lines[i];
        if (ln->len == 0 || !cp_mostly_upper(ln->s, ln->len))
            continue;
        const char *fo = cp_folded(ln->s, ln->len, &fb);
        if (!cp_starts_with(fo, "ban chap hanh"))
            continue;
        const char *khoa = strstr(fo, " khoa ");
        size_t len = ln->len;
        if (khoa) {
            size_t words = 0;
            for (const char *q = fo; q < khoa; q++)
                words += *q == ' ';
            size_t j = 0;
            for (size_t w = 0; j < ln->len && w <= words; j++)
                w += ln->s[j] == ' ';
            len = j > 0 ? j - 1 : 0;
        }
        doc->issuer = cp_proper_case(&f->arena, ln->s, len);
    }
    vk_buf_free(&fb);
}

/* Reads the header metadata from lines[0 .. n): number and place/date lines
 * before the type line, the issuer above the number, the type line, then
 * conference, term and title. The type comes from the number's code when no
 * type line is found. */
void
cp_parse_header(cp_file *f, cp_doc *doc, const cline *lines, size_t n, const cp_evidence *ev)
{
    (void)ev;
    size_t type_at = n, first_heading = n, number_at = n;
    an_docnum num;
    an_tokens toks = AN_TOKENS_INIT;
    for (size_t i = 0; i < n && type_at == n; i++) {
        if (cp_line_is_heading(&lines[i])) {
            first_heading = i;
            break;
        }
        const cp_type *t = lines[i].len < 40 ? cp_type_by_name(lines[i].s, lines[i].len) : NULL;
        cp_date d;
        size_t place_len = 0;
        if (t) {
            type_at = i;
            doc->type_name = t->name;
            doc->type_code = t->code;
        } else if (!doc->number && cp_number_line(lines[i].s, lines[i].len, &num)) {
            doc->number = vk_arena_strndup(&f->arena, num.canon, strlen(num.canon));
            number_at = i;
        } else if (doc->date.year == 0 && lines[i].len < 80 &&
                   !memchr(lines[i].s, ':', lines[i].len) /* not "Ngày ký: ..." */ &&
                   cp_date_in(lines[i].s, lines[i].len, &toks, &d, &place_len)) {
            doc->date = d;
            if (place_len)
                doc->place = vk_arena_strndup(&f->arena, lines[i].s, place_len);
        }
    }
    for (size_t i = type_at; i < n && first_heading == n; i++) {
        if (cp_line_is_heading(&lines[i]))
            first_heading = i;
    }
    if (number_at < n)
        header_issuer(f, doc, lines, number_at);
    if (type_at < first_heading) {
        parse_title(f, doc, lines, type_at + 1, first_heading, &toks);
        committee_issuer(f, doc, lines, type_at + 1, first_heading);
    }
    const char *number = doc->number;
    const char *dash = number ? strchr(number, '-') : NULL;
    const char *slash = number ? strchr(number, '/') : NULL;
    if (!doc->type_code && dash && slash > dash) {
        const cp_type *t = cp_type_by_code(dash + 1, (size_t)(slash - dash - 1));
        if (t) {
            doc->type_name = t->name;
            doc->type_code = t->code;
        }
    }
    an_tokens_free(&toks);
}

