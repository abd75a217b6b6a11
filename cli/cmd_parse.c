/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_parse.c: `vankien parse`: the document model of files, as the indexer
 * sees it: header metadata and the section tree.
 */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "corpus/cite.h"
#include "corpus/cp.h"
#include "corpus/label.h"

static void
parse_usage(FILE *out)
{
    fprintf(out, _("usage: vankien parse [--json] FILE...\n"
                 "       vankien parse --summary [--json] PATH...\n\n"
                 "Prints each document found in the files (text or markdown, Word, PDF\n"
                 "or HTML, known by content): type, number, date, title and the section\n"
                 "tree.\n\n"
                 "  --summary  over files and folders: the share of documents with each\n"
                 "             header field, the kinds of sections, the boilerplate left\n"
                 "             out, the texts that are not documents, the files skipped\n"
                 "             and the files where a field is missing\n"
                 "  --json     machine-readable output\n"
                 "  --help     this help\n"));
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The JSON of section s and, recursively, of its children. */
static json_t *
section_json(const cp_doc *doc, size_t s)
{
    const cp_section *sec = &doc->sections[s];
    json_t *o = json_object(), *paras = json_array(), *kids = json_array();
    json_object_set_new(o, "label", json_string(sec->label));
    json_object_set_new(o, "display", json_string(sec->display));
    json_object_set_new(o, "kind", json_string(cp_sec_kind_name(sec->kind)));
    json_object_set_new(o, "number", json_string(sec->number));
    json_object_set_new(o, "heading", json_string(sec->heading));
    json_object_set_new(o, "level", json_integer(sec->level));
    json_object_set_new(o, "line", json_integer((json_int_t)sec->line));
    for (size_t p = 0; p < sec->n_paras; p++)
        json_array_append_new(paras, json_string(sec->paras[p]));
    json_object_set_new(o, "paragraphs", paras);
    for (size_t k = s + 1; k < doc->n_sections; k++) {
        if (doc->sections[k].parent == (int)s)
            json_array_append_new(kids, section_json(doc, k));
    }
    json_object_set_new(o, "children", kids);
    return o;
}

static json_t *
signer_json(const cp_signer *s)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "name", str_or_null(s->name), "capacity",
                     str_or_null(s->capacity), "authority", str_or_null(s->authority),
                     "on_behalf_of", str_or_null(s->on_behalf_of));
}

static json_t *
strings_json(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *
date_json(const cp_date *d)
{
    char iso[11];
    return *cp_date_iso(d, iso) ? json_string(iso) : json_null();
}

static json_t *
copy_json(const cp_copy *c)
{
    if (!c)
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "kind", str_or_null(c->kind), "number",
                     str_or_null(c->number), "issuer", str_or_null(c->issuer), "place",
                     str_or_null(c->place), "date", date_json(&c->date), "signer",
                     signer_json(&c->signer), "recipients",
                     strings_json(c->recipients, c->n_recipients));
}

static json_t *
doc_json(const cp_file *f, const cp_doc *doc)
{
    json_t *o = json_object(), *secs = json_array(), *notes = json_array();
    json_object_set_new(o, "nondoc", str_or_null(doc->nondoc));
    json_object_set_new(o, "type", str_or_null(doc->type_name));
    json_object_set_new(o, "type_code", str_or_null(doc->type_code));
    json_object_set_new(o, "number", str_or_null(doc->number));
    json_object_set_new(o, "date", date_json(&doc->date));
    json_object_set_new(o, "place", str_or_null(doc->place));
    json_object_set_new(o, "issuer", str_or_null(doc->issuer));
    json_object_set_new(o, "title", str_or_null(doc->title));
    json_object_set_new(o, "conference", str_or_null(doc->conference));
    json_object_set_new(o, "term", str_or_null(doc->term));
    json_object_set_new(o, "signer", signer_json(&doc->signer));
    json_object_set_new(o, "recipients", strings_json(doc->recipients, doc->n_recipients));
    json_object_set_new(o, "copy", copy_json(doc->copy));
    json_object_set_new(o, "stamp",
                        doc->stamp ? json_pack("{s:o, s:o, s:o}", "signed_by",
                                               str_or_null(doc->stamp->signed_by), "agency",
                                               str_or_null(doc->stamp->agency), "signed_at",
                                               str_or_null(doc->stamp->signed_at))
                                   : json_null());
    for (size_t k = 0; k < doc->n_footnotes; k++) {
        const cp_footnote *fn = &doc->footnotes[k];
        json_array_append_new(notes,
                              json_pack("{s:s, s:s, s:s}", "label", fn->label, "text", fn->text,
                                        "section", doc->sections[fn->section].label));
    }
    json_object_set_new(o, "footnotes", notes);
    json_t *cites = json_array();
    for (size_t k = 0; k < doc->n_citations; k++) {
        const cp_citation *c = &doc->citations[k];
        json_t *x = json_object();
        json_object_set_new(x, "type", str_or_null(c->type_name));
        json_object_set_new(x, "type_code", str_or_null(c->type_code));
        json_object_set_new(x, "number", str_or_null(c->number));
        json_object_set_new(x, "date", date_json(&c->date));
        json_object_set_new(x, "issuer", str_or_null(c->issuer));
        json_object_set_new(x, "term", str_or_null(c->term));
        json_object_set_new(x, "relation", str_or_null(c->relation));
        json_object_set_new(x, "informal", str_or_null(c->informal));
        json_object_set_new(x, "article", str_or_null(c->article));
        json_object_set_new(x, "text", str_or_null(c->text));
        json_object_set_new(x, "section",
                            c->section >= 0 ? json_string(doc->sections[c->section].label)
                                            : json_null());
        json_array_append_new(cites, x);
    }
    json_object_set_new(o, "citations", cites);
    if (doc->attached_to >= 0) {
        const cp_doc *to = &f->docs[doc->attached_to];
        json_object_set_new(o, "attached_to",
                            json_pack("{s:i, s:o}", "document", doc->attached_to + 1, "number",
                                      str_or_null(to->number)));
    } else {
        json_object_set_new(o, "attached_to", json_null());
    }
    for (size_t s = 0; s < doc->n_sections; s++) {
        if (doc->sections[s].parent < 0)
            json_array_append_new(secs, section_json(doc, s));
    }
    json_object_set_new(o, "sections", secs);
    return o;
}

static void
print_text(const cp_file *f)
{
    for (size_t d = 0; d < f->n_docs; d++) {
        const cp_doc *doc = &f->docs[d];
        char iso[11];
        printf("%s [document %zu of %zu]%s%s\n", f->path, d + 1, f->n_docs,
               f->encoding ? ", converted from " : "", f->encoding ? f->encoding : "");
        if (doc->nondoc)
            printf("  not a document: %s\n", doc->nondoc);
        if (d == 0 && f->boilerplate)
            printf("  boilerplate: %zu line%s left out\n", f->boilerplate,
                   f->boilerplate == 1 ? "" : "s");
        printf("  type:       %s%s%s%s\n", doc->type_name ? doc->type_name : "-",
               doc->type_code ? " (" : "", doc->type_code ? doc->type_code : "",
               doc->type_code ? ")" : "");
        printf("  number:     %s\n", doc->number ? doc->number : "-");
        printf("  date:       %s\n", *cp_date_iso(&doc->date, iso) ? iso : "-");
        printf("  place:      %s\n", doc->place ? doc->place : "-");
        printf("  conference: %s\n", doc->conference ? doc->conference : "-");
        printf("  term:       %s\n", doc->term ? doc->term : "-");
        printf("  issuer:     %s\n", doc->issuer ? doc->issuer : "-");
        printf("  signer:     %s%s%s%s%s\n", doc->signer.authority ? doc->signer.authority : "",
               doc->signer.authority ? " " : "", doc->signer.capacity ? doc->signer.capacity : "-",
               doc->signer.name ? ", " : "", doc->signer.name ? doc->signer.name : "");
        printf("  recipients: %zu; citations: %zu; footnotes: %zu%s%s\n", doc->n_recipients,
               doc->n_citations, doc->n_footnotes, doc->copy ? "; certified copy " : "",
               doc->copy && doc->copy->number ? doc->copy->number : "");
        printf("  title:      %s\n  sections:\n", doc->title ? doc->title : "-");
        for (size_t s = 0; s < doc->n_sections; s++) {
            const cp_section *sec = &doc->sections[s];
            int indent = 4 + 2 * (sec->level > 0 ? sec->level - 1 : 0);
            printf("%*s%s %s (%zu paragraph%s, line %zu)\n", indent, "",
                   *sec->display ? sec->display : "(preamble)", sec->heading, sec->n_paras,
                   sec->n_paras == 1 ? "" : "s", sec->line);
        }
    }
}

int
cmd_parse(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"summary", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int json = 0, summary = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jsh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            cli_json_errors(1);
            break;
        case 's': summary = 1; break;
        case 'h': parse_usage(stdout); return CLI_OK;
        default: parse_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(_("parse: no file given"));
        parse_usage(stderr);
        return CLI_USAGE;
    }
    if (summary)
        return cli_parse_summary(argc, argv, optind, json);
    int rc = CLI_OK;
    json_t *docs = json_array();
    for (int i = optind; i < argc; i++) {
        cp_file *f = NULL;
        vk_error err = {0};
        if (cp_file_parse(argv[i], &f, &err) != VK_OK) {
            cli_error("%s", err.msg);
            rc = CLI_USAGE;
            continue;
        }
        for (size_t d = 0; json && d < f->n_docs; d++) {
            json_t *o = doc_json(f, &f->docs[d]);
            json_object_set_new(o, "file", json_string(f->path));
            json_object_set_new(o, "encoding", str_or_null(f->encoding));
            json_object_set_new(o, "boilerplate", json_integer((json_int_t)f->boilerplate));
            json_array_append_new(docs, o);
        }
        if (!json)
            print_text(f);
        cp_file_free(f);
    }
    if (json) {
        cli_print_json(json_pack("{s:o}", "documents", docs));
    } else {
        json_decref(docs);
    }
    return rc;
}
