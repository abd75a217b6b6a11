#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole test suite under valgrind memcheck:
#
#   scripts/valgrind.sh [CTEST ARGS...]     (e.g. -R http)
#
# Builds a Debug tree without sanitizers in build-valgrind/ (-DVK_VALGRIND=ON),
# runs ctest there: every test program runs under memcheck, and so does every
# `vankien` and `vankien-searchd` the tests start, shell tests included
# (through wrappers in build-valgrind/vgbin/). Each process writes
# build-valgrind/valgrind/<pid>.log; at the end the logs are added up.
# Exit status 0 only when every test passed with no memory error and no
# definite or indirect leak. Suppressions (third-party noise only, each
# explained) are in scripts/valgrind.supp. Slow: about twenty times the
# normal run; run it under nice.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v valgrind >/dev/null 2>&1 || {
    [ "$(id -u)" -eq 0 ] || { echo "valgrind.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
}
BUILD=build-valgrind
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DVK_SANITIZE=OFF -DVK_VALGRIND=ON >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
rm -rf "$BUILD/valgrind" && mkdir -p "$BUILD/valgrind"
# Writable by the unprivileged user test_hostile_files.sh runs the indexer as.
chmod 1777 "$BUILD/valgrind"
status=0
(cd "$BUILD" && ctest --output-on-failure -j"${VK_JOBS:-1}" "$@") || status=1

# Every log: its error count and its leaks. A log without a summary is a
# forked child that went on to exec another program (system(), the .doc
# tool), or a process a test killed with SIGKILL: counted apart.
logs=$(find "$BUILD/valgrind" -name '*.log' | wc -l)
errors=0 definite=0 indirect=0 unfinished=0
for f in "$BUILD"/valgrind/*.log; do
    [ -e "$f" ] || continue
    e=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$f" | tr -d , | tail -1)
    if [ -z "$e" ]; then
        unfinished=$((unfinished + 1))
        continue
    fi
    d=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tr -d , | tail -1)
    i=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tr -d , | tail -1)
    errors=$((errors + e))
    definite=$((definite + ${d:-0}))
    indirect=$((indirect + ${i:-0}))
    if [ "$e" -ne 0 ]; then
        echo "valgrind: $e error(s) in $f:" >&2
        grep -m1 -A12 '^==[0-9]*== [A-Z][a-z]' "$f" | sed 's/^/    /' >&2
    fi
done
echo "valgrind: $logs processes checked ($unfinished without a summary: forked to exec, or killed): $errors errors, $definite bytes definitely lost, $indirect bytes indirectly lost"
[ "$errors" -eq 0 ] && [ "$definite" -eq 0 ] && [ "$indirect" -eq 0 ] || status=1
exit $status
