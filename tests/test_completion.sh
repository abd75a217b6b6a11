#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bash completion (packaging/vankien.bash), sourced into this shell and
# called as bash calls it (COMP_WORDS split at blanks and ':', COMP_CWORD,
# COMP_LINE, COMP_POINT): the commands and each command's options are those
# the programs' --help print; a search query completes the field names of
# query/fields.c and, after loai:, the type slugs of corpus/types.c and the
# kinds of text.
# Usage: test_completion.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-comp-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=packaging/vankien.bash
. "$src/packaging/vankien.bash"
complete -p vankien >/dev/null || fail "no completion registered for vankien"
complete -p vankien-searchd >/dev/null || fail "no completion registered for vankien-searchd"

# comp LINE: the sorted completions (one a line) of the word at the end of
# LINE, split as readline splits it with ':' in COMP_WORDBREAKS.
comp() {
    local line=$1 w
    local -a words=()
    COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
    for w in $line; do
        while [[ $w == *:* ]]; do
            [[ -n ${w%%:*} ]] && words+=("${w%%:*}")
            words+=(":")
            w=${w#*:}
        done
        [[ -n $w ]] && words+=("$w")
    done
    [[ $line == *" " ]] && words+=("")
    COMP_WORDS=("${words[@]}")
    COMP_CWORD=$((${#words[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    local fn=_vankien
    [[ ${words[0]} == vankien-searchd ]] && fn=_vankien_searchd
    $fn 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}

expect() { # LINE EXPECTED(one a line, sorted)
    local got
    got=$(comp "$1")
    [ "$got" = "$2" ] || fail "completing '$1': got [$(echo $got)], expected [$(echo $2)]"
}

# help_options HELP_TEXT: the options --help lists at the start of a line.
help_options() {
    grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z0-9-]*(, --[a-z][a-z0-9-]*)?' |
        grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# Commands, from `vankien --help`.
"$bin" --help >"$tmp/help"
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' "$tmp/help" | sort)
[ "$(echo "$commands" | wc -l)" -ge 9 ] || fail "commands in vankien --help: $commands"
expect "vankien s" "$(echo "$commands" | grep '^s')"
expect "vankien ci" "$(echo "$commands" | grep '^ci')"
expect "vankien --v" "--version"

# Each command's options, from its --help.
for cmd in $commands; do
    want=$("$bin" "$cmd" --help | help_options)
    [ -n "$want" ] || fail "no options in vankien $cmd --help"
    expect "vankien $cmd --" "$want"
done
want=$("$searchd" --help | help_options)
[ "$(echo "$want" | wc -l)" -ge 12 ] || fail "options of vankien-searchd --help: $want"
expect "vankien-searchd --" "$want"
expect "vankien-searchd --max-q" "--max-query"

# Option values.
expect "vankien search --sort d" "date"
expect "vankien-searchd --log-level " "$(printf '0\n1\n2')"
mkdir -p "$tmp/idx-one" "$tmp/idx-two"
touch "$tmp/idx-file"
expect "vankien search --db $tmp/idx-" "$(printf '%s\n' "$tmp/idx-one" "$tmp/idx-two")"

# Field names, from query/fields.c's table.
fields=$(sed -n '/^static const qr_field_def fields\[\] = {/,/^};/p' "$src/query/fields.c" |
    grep -o '"[a-z]*", "[a-z]*"' | tr -d '",' | tr ' ' '\n' | sed 's/$/:/' | sort)
[ "$(echo "$fields" | wc -l)" -ge 18 ] || fail "field names in query/fields.c: $fields"
expect "vankien search " "$fields"
expect "vankien search mu" "muc:"
expect "vankien search \"doi moi\" tie" "tieude:"
expect "vankien search --json tr" "trich:"
expect "vankien search c" "$(echo "$fields" | grep '^c')"

# Type slugs after loai: and type: (bash puts back what follows the ':').
slugs=$(grep -o '^    {"[^"]*", "[^"]*", "[a-z-]*"}' "$src/corpus/types.c" |
    sed 's/.*"\([a-z-]*\)"}$/\1/' | sort)
[ "$(echo "$slugs" | wc -l)" -ge 10 ] || fail "type slugs in corpus/types.c: $slugs"
# and the kinds of text (qr_text_kind in query/parse.c).
slugs=$(printf '%s\nvanban\nkhac\nhoidap\nbachkhoa\ntintuc\n' "$slugs" | sort)
expect "vankien search loai:" "$slugs"
expect "vankien search loai:ke" "$(echo "$slugs" | grep '^ke')"
expect "vankien search dang type:ch" "$(echo "$slugs" | grep '^ch')"
expect "vankien search nam:20" ""

finish test_completion
