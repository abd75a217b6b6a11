#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shards: an index split by `vankien shard` (by count and by year) and
# searched through a stub database, the shards local or served by two
# xapian-tcpsrv on loopback, answers every query of a mix exactly as the one
# index does: the same results in the same order, the same totals, the same
# facets (documents, not passages), the same collapsed copies.
# Usage: test_shards.sh BIN_DIR BENCH_DIR SOURCE_DIR
set -u
bin=$1/vankien
scale=$2/scale_corpus
src=$3
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-shards-XXXXXX")
tmp=$(cd "$tmp" && pwd) # the remote stub names a local shard by its path
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
command -v xapian-tcpsrv >/dev/null || { echo "FAIL: xapian-tcpsrv (xapian-tools) is not installed" >&2; exit 1; }

# Documents of many years and types, and copies of the samples (collapsed
# into one result each).
"$scale" --mb 1 --seed 3 "$src/corpus/samples" "$tmp/corpus" >/dev/null || { echo "FAIL: scale_corpus" >&2; exit 1; }
copies 2 "$tmp/corpus/copies"
"$bin" index --quiet --db "$tmp/one.db" "$tmp/corpus" || { echo "FAIL: indexing" >&2; exit 1; }

"$bin" shard --db "$tmp/one.db" --count 2 "$tmp/count" >"$tmp/count.out" || fail "shard --count 2"
"$bin" shard --db "$tmp/one.db" --by-year "$tmp/year" >"$tmp/year.out" || fail "shard --by-year"
[ "$(grep -c '^auto shard-' "$tmp/count/vankien.stub")" -eq 2 ] || fail "the stub of --count 2 lists $(grep -c '^auto shard-' "$tmp/count/vankien.stub") shards"
[ "$(sed -n 's/^auto //p' "$tmp/count/vankien.stub" | head -1)" = vocabulary.db ] || fail "the stub does not list the vocabulary first"
years=$(grep -c '^auto year-' "$tmp/year/vankien.stub")
[ "$years" -ge 3 ] || fail "--by-year made $years year shards"
# Every passage and every file record went to some shard, none twice.
for d in count year; do
    for s in sections files documents; do
        [ "$(stat_of $s "$tmp/$d/vankien.stub")" = "$(stat_of $s "$tmp/one.db")" ] ||
            fail "$d: $s $(stat_of $s "$tmp/$d/vankien.stub") over the shards, $(stat_of $s "$tmp/one.db") in one index"
    done
done
# A shard holds documents of its year only.
y=$(sed -n 's/^auto year-\([0-9]*\)\.db$/\1/p' "$tmp/year/vankien.stub" | head -1)
other=$("$bin" search --db "$tmp/year/year-$y.db" --json --limit 1000 "nam:..$((y - 1)) OR nam:$((y + 1)).." 2>/dev/null | grep -c '"key"')
[ "$other" -eq 0 ] || fail "year-$y.db holds documents of other years"
# The copies of a document stay in one shard, the undated ones (without
# their number line) with the dated: there their equal weights tie exactly.
in2022=$("$bin" search --db "$tmp/year/year-2022.db" --json --limit 1000 "Ban Chấp hành Trung ương" 2>/dev/null | grep -c '"1-nghi-quyet-hoi-nghi-6-khoa-xiii"')
[ "$in2022" -ge 1 ] || fail "the undated copies of 28-NQ/TW are not in year-2022.db"
if [ -d "$tmp/year/undated.db" ]; then
    "$bin" search --db "$tmp/year/undated.db" --json --limit 1000 "Ban Chấp hành Trung ương" 2>/dev/null |
        grep -q 'nghi-quyet-hoi-nghi-6-khoa-xiii' && fail "undated.db holds a copy of 28-NQ/TW"
fi
# Refusals: an OUTDIR that is not empty, neither or both of --by-year and --count.
"$bin" shard --db "$tmp/one.db" --count 2 "$tmp/count" 2>/dev/null && fail "shard wrote into a folder that is not empty"
"$bin" shard --db "$tmp/one.db" "$tmp/x" 2>/dev/null && fail "shard without --by-year or --count"
"$bin" shard --db "$tmp/one.db" --count 1 "$tmp/x" 2>/dev/null && fail "shard --count 1"

# Two xapian-tcpsrv on loopback, one per shard of --count 2. Each in a
# session of its own: on SIGTERM xapian-tcpsrv kills its whole process group.
start_server() { # SHARD: sets $port to the port it listens on
    local pid i
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" >"$tmp/tcpsrv-$port.log" 2>&1 &
        pid=$!
        pids+=("$pid")
        for i in $(seq 1 100); do
            grep -q "Listening" "$tmp/tcpsrv-$port.log" 2>/dev/null && return 0
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null
    done
    return 1
}
start_server "$tmp/count/shard-1.db" || { echo "FAIL: xapian-tcpsrv does not start" >&2; exit 1; }
p1=$port
start_server "$tmp/count/shard-2.db" || { echo "FAIL: xapian-tcpsrv does not start" >&2; exit 1; }
p2=$port
printf '# the vocabulary here, two shards on loopback\nauto %s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' \
    "$tmp/count/vocabulary.db" "$p1" "$p2" >"$tmp/remote.stub"

# The answers of one index and of the shards, without the time taken and
# the percentages (Xapian scales them by the best match of each layout), the
# scores to 9 digits (the shards add the same weights in another order).
answer() { # DB QUERY...
    local db=$1
    shift
    "$bin" search --db "$db" --json --limit 40 "$@" 2>&1 | grep -v '"took_ms"\|"percent"' |
        awk '/"score": / { sub(/[0-9.e+-]+,?$/, sprintf("%.9g,", $2 + 0)) } { print }'
}
queries=(
    'kiểm soát quyền lực'
    'kiem soat quyen luc'
    '"hệ thống chính trị"'
    'can bo NEAR/5 dang vien'
    'nghị quyết -"tham nhũng"'
    'loai:ket-luan'
    'nam:2018..2022 cán bộ'
    'muc:II kinh tế'
    'so:28-NQ/TW'
    'trich:28-NQ/TW'
    'tieude:"tổ chức thực hiện"'
    'Ban Chấp hành Trung ương'
)
n=0
for q in "${queries[@]}"; do
    answer "$tmp/one.db" "$q" >"$tmp/a.one"
    grep -q '"key"' "$tmp/a.one" || fail "no result in one index for: $q"
    for db in "$tmp/count/vankien.stub" "$tmp/year/vankien.stub" "$tmp/remote.stub"; do
        answer "$db" "$q" >"$tmp/a.shards"
        if ! cmp -s "$tmp/a.one" "$tmp/a.shards"; then
            fail "$(basename "$(dirname "$db")")/$(basename "$db"): other answers for: $q"
            diff "$tmp/a.one" "$tmp/a.shards" | head -20 >&2
        fi
        n=$((n + 1))
    done
    # Sorted by date too.
    answer "$tmp/one.db" --sort date "$q" >"$tmp/a.one"
    answer "$tmp/remote.stub" --sort date "$q" >"$tmp/a.shards"
    cmp -s "$tmp/a.one" "$tmp/a.shards" || fail "remote shards, by date: other answers for: $q"
done
# Citation look-up and the outline of a document over the remote shards.
for cmd in "cite Nghị quyết 28" "cites 28-NQ/TW" "show 28-nq-tw-2022"; do
    # shellcheck disable=SC2086
    a=$("$bin" ${cmd%% *} --db "$tmp/one.db" --json ${cmd#* } 2>&1)
    # shellcheck disable=SC2086
    b=$("$bin" ${cmd%% *} --db "$tmp/remote.stub" --json ${cmd#* } 2>&1)
    [ "$a" = "$b" ] || fail "remote shards: vankien $cmd differs from one index"
done
# A stub that names a server nobody runs: a clear error, no crash.
printf 'remote 127.0.0.1:1\n' >"$tmp/down.stub"
out=$("$bin" search --db "$tmp/down.stub" x 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "cannot open the index" || fail "a stub naming a server that is down: $out"
echo "compared $n answers"
finish "shards"
