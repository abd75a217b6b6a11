/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * i18n.h: the language of messages. vankien speaks Vietnamese by default
 * and English on request.
 *
 * Design note. Messages are written in English in the code, marked with
 * _("...") (N_("...") where a table holds them untranslated until use), and
 * translated with GNU gettext's tools: `xgettext` extracts them into
 * po/vankien.pot (the `pot` target), po/vi.po holds the Vietnamese, and
 * `msgfmt` compiles it into a binary catalog (.mo) that the build embeds in
 * the programs, so that a message never depends on an installed locale or
 * catalog path. vk_gettext looks a message up in that catalog (binary
 * search over its sorted originals) when the current language is
 * Vietnamese, else returns it as written. A message missing from the
 * catalog is shown in English (the test i18n_catalog fails on one).
 *
 * The current language is the process's (vk_set_default_lang), which a
 * thread may override (vk_set_lang: the daemon answers each request in the
 * language it asks for). Library code does not choose a language and
 * speaks English until told otherwise; programs choose, Vietnamese unless
 * asked for English by the first of: a --lang option,
 * LANGUAGE, LC_ALL, LC_MESSAGES (vk_lang_from_env; LANG is not read:
 * systems set it by default, not to ask for a language), and for the
 * daemon the request's ?lang= and Accept-Language (vk_lang_accept).
 * A message is formatted in the language current where it is formatted:
 * a vk_error keeps the language of the thread that filled it.
 *
 * Thread-safety: all functions; the catalog is read-only.
 */
#ifndef VK_I18N_H
#define VK_I18N_H

#include <stddef.h>

typedef enum vk_lang {
    VK_LANG_VI = 0, /* Vietnamese, the default */
    VK_LANG_EN      /* English, the language of the code */
} vk_lang;

/* Sets the language of the process's messages (English until set); threads
 * that did not choose their own speak it. */
void vk_set_default_lang(vk_lang lang);

/* The language of the process's messages. */
vk_lang vk_get_default_lang(void);

/* Sets the language of this thread's messages, over the process's. */
void vk_set_lang(vk_lang lang);

/* The language of this thread's messages. */
vk_lang vk_get_lang(void);

/* "vi" or "en". Constant string. */
const char *vk_lang_code(vk_lang lang);

/* Reads a language name: "vi", "en", and locale or tag forms ("vi_VN.UTF-8",
 * "en-US", "EN"). Returns 0 and sets *out; -1 for any other language, an
 * empty or NULL name (*out untouched). */
int vk_lang_parse(const char *name, vk_lang *out);

/* The language the environment asks for: the first of LANGUAGE (its first
 * entry naming vi or en), LC_ALL, LC_MESSAGES that names vi or en;
 * Vietnamese when none does. */
vk_lang vk_lang_from_env(void);

/* The language an HTTP Accept-Language header prefers among vi and en (by
 * quality, then order; "*" means either); `dflt` when the header is NULL,
 * empty, malformed or names neither. */
vk_lang vk_lang_accept(const char *header, vk_lang dflt);

/* The message in this thread's language: its translation from the catalog
 * when the language is Vietnamese and the catalog has one, else msgid. The
 * result is constant (static storage). */
const char *vk_gettext(const char *msgid) __attribute__((format_arg(1)));

/* The singular or plural form by n, translated (Vietnamese has one form). */
const char *vk_ngettext(const char *msgid, const char *plural, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* The number of messages of the catalog (for tests). */
size_t vk_catalog_size(void);

#define _(s) vk_gettext(s)
#define N_(s) (s)

#endif /* VK_I18N_H */
