# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the shell tests (sourced): $bin is the program, $tmp a scratch
# folder, $src the source tree.

failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# stat_of FIELD [DB]: a number from `vankien stats --json` (DB: $tmp/db).
stat_of() {
    "$bin" stats --db "${2:-$tmp/db}" --json | sed -n "s/^  \"$1\": \([0-9]*\),\?$/\1/p"
}

# copies N FOLDER: N copies of each sample, named "<i>-<sample>".
copies() {
    mkdir -p "$2"
    for i in $(seq 1 "$1"); do
        for f in "$src"/corpus/samples/*; do
            cp "$f" "$2/$i-$(basename "$f")"
        done
    done
}

# finish NAME: the exit status of a test script.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)" >&2
        exit 1
    fi
    echo "$1: all checks passed"
}
