/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli_run.h: running the `vankien` program from the end-to-end tests and
 * collecting what it prints.
 */
#ifndef VK_TESTS_CLI_RUN_H
#define VK_TESTS_CLI_RUN_H

/* Output and exit status of one command. */
typedef struct run {
    char *out;  /* stdout */
    char *err;  /* stderr */
    int status; /* exit status, or -1 */
} run;

/* Runs `$VK_BIN_DIR/vankien ARGS` (args already shell-quoted), its stderr
 * going through a file in tmpdir, and collects the outputs (fails the test
 * if the program cannot be started). Free with run_free. */
run vankien_in(const char *tmpdir, const char *args);

void run_free(run *r);

#endif /* VK_TESTS_CLI_RUN_H */
