#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks the folders' boundaries: a private header (*_internal.h) is included only from its own
# folder (the top-level folder: analyzers/, corpus/, query/, tests/, ...). Prints each include
# that crosses a boundary, as FILE:LINE, and exits 1 if there is one, else 0.
#
# usage: scripts/check-boundaries.sh [ROOT]   (default: the repository holding this script)
#
# The files checked are C and C++ sources and headers: those git knows (tracked, or new and
# not ignored) in a git checkout, else every one outside build trees and node_modules. An
# include is resolved as the compiler resolves it: "x_internal.h" and "../x/y_internal.h"
# from the including file's folder when the file is there, else from the root, where
# includes are written from ("corpus/parse_internal.h").
set -eu

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

list_files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files --cached --others --exclude-standard -- \
            '*.c' '*.h' '*.cc' '*.cpp' '*.cxx' '*.hh' '*.hpp' '*.in'
    else
        find . \( -name 'build' -o -name 'build-*' -o -name node_modules -o -name .git \) -prune \
            -o -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.cpp' \
            -o -name '*.cxx' -o -name '*.hh' -o -name '*.hpp' -o -name '*.in' \) -print |
            sed 's|^\./||'
    fi
}

list_files | grep -v '^$' | awk '
# The path p with "." and ".." resolved; "" if it climbs out of the root.
function norm(p,    n, parts, out, i, k, s) {
    n = split(p, parts, "/")
    k = 0
    for (i = 1; i <= n; i++) {
        if (parts[i] == "" || parts[i] == ".")
            continue
        if (parts[i] == "..") {
            if (k == 0)
                return ""
            k--
            continue
        }
        out[++k] = parts[i]
    }
    s = ""
    for (i = 1; i <= k; i++)
        s = s (i > 1 ? "/" : "") out[i]
    return s
}
# The top-level folder of a path from the root ("." for a file at the root).
function folder(p) {
    return index(p, "/") ? substr(p, 1, index(p, "/") - 1) : "."
}
function exists(p,    line, r) {
    r = (getline line < p)
    if (r >= 0)
        close(p)
    return r >= 0
}
{
    file = $0
    dir = index(file, "/") ? file : ""
    sub(/\/[^\/]*$/, "", dir)
    lineno = 0
    while ((getline line < file) > 0) {
        lineno++
        if (line !~ /^[ \t]*#[ \t]*include[ \t]*["<][^">]*_internal\.h[">]/)
            continue
        inc = line
        sub(/^[ \t]*#[ \t]*include[ \t]*["<]/, "", inc)
        sub(/[">].*$/, "", inc)
        quoted = line ~ /include[ \t]*"/
        target = ""
        if (quoted) {
            rel = norm((dir == "" ? "" : dir "/") inc)
            if (rel != "" && exists(rel))
                target = rel
        }
        if (target == "")
            target = norm(inc)
        if (target == "" || folder(target) != folder(file)) {
            owner = target == "" ? "?" : folder(target)
            printf("%s:%d: includes %s, private to %s/\n", file, lineno, inc, owner) > "/dev/stderr"
            bad++
        }
    }
    close(file)
}
END {
    if (bad) {
        printf("check-boundaries: %d include(s) of a private header (*_internal.h) of another " \
               "folder: what is shared belongs in a public header of that folder\n", bad) > "/dev/stderr"
        exit 1
    }
}'
