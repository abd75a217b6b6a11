/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli.h: the subcommands of `vankien`, one file each, and the helpers they
 * share. Each command gets argc/argv from its name on and returns the exit
 * status: 0 found or done, 1 nothing found, 2 usage or input error.
 */
#ifndef VK_CLI_H
#define VK_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "query/qr.h"

enum { CLI_OK = 0, CLI_NOTHING = 1, CLI_USAGE = 2 };

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_cite(int argc, char **argv);
int cmd_cites(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_shard(int argc, char **argv);

/* `vankien parse --summary`: parses the files named in argv[first ..
 * argc) and those under the folders named (.txt .md .docx .doc .pdf .html)
 * and prints what the document model makes of them (parse_summary.c).
 * Returns the exit status. */
int cli_parse_summary(int argc, char **argv, int first, int json);

/* The index directory: --db if given, else $VANKIEN_DB, else ./vankien.db. */
const char *cli_db_path(const char *opt);

/* Opens the index at dbp (cli_db_path) for reading and checks its format
 * version (qr_index_open); on failure prints why (no index: how to build
 * one; another format: the command that rebuilds it) and returns NULL.
 * Close with qr_index_close. */
qr_index *cli_index_open(const char *dbp);

/* The same, as the Xapian reader itself (xapian-c/xc.h), for the citation
 * commands that still work on one (cite, cites, check, through
 * cite/ct.h). Close with xc_rdb_close. */
xc_rdb *cli_open_index(const char *dbp);

/* Prints "vankien: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cli_error with the code the JSON error carries ("index_unavailable",
 * "bad_query"; cli_error's is "error"). */
void cli_error_code(const char *code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* After --json: the first error is also written to stdout as JSON,
 * {"error": {"code", "message"}}, as the daemon's API answers. */
void cli_json_errors(int on);

/* Joins argv[from .. argc) with single spaces into a malloc'd string. */
char *cli_join_args(int argc, char **argv, int from);

/* Parses the options of a command that takes only --db DIR, --json and
 * --help (show, cites, check): *db and *json are set; --help prints
 * usage(stdout). Returns -1 to go on (operands from optind), else the exit
 * status (CLI_OK after --help, CLI_USAGE after a bad option, with
 * usage(stderr)). */
int cli_db_json_options(int argc, char **argv, void (*usage)(FILE *), const char **db, int *json);

/* Prints o (indented, then a newline) to stdout and frees it. Returns
 * CLI_OK, or CLI_USAGE if o is NULL or cannot be written. */
int cli_print_json(json_t *o);

/* Parses a non-negative integer option value; returns -1 if invalid. */
long cli_parse_count(const char *s, long max);

/* How a section is named in text output: "mục III.3.2" for the items of
 * resolutions and plans, "Điều 5, khoản 2" or "Chương II" as they stand,
 * "phần mở đầu" for the preamble. kind and display as the index stores
 * them (NULL: not known). Returns a string in buf (size bytes). */
const char *cli_section_name(const char *kind, const char *display, char *buf, size_t size);

/* How a text that is not a document is named in text output ("qa" ->
 * "Hỏi đáp (Q&A, không phải văn bản)"); NULL for a document. A constant
 * string. */
const char *cli_kind_label(const char *nondoc);

/* Prints label padded with spaces to `width` characters (not bytes: labels are
 * translated), then one space. */
void cli_print_label(const char *label, int width);

/* Nonzero if what is written to fd may use the terminal's escapes (bold,
 * a redrawn progress bar): fd is a terminal, NO_COLOR is unset or empty,
 * and TERM is not "dumb". */
int cli_terminal(int fd);

#endif /* VK_CLI_H */
