# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the tests of installed files (sourced, after a fail function):
# checks of the systemd units, the system user and the folders under an
# install root.

# check_units ROOT PREFIX UNITDIR: systemd-analyze verify on the units of
# the install in ROOT. Their programs are named by their final paths
# (PREFIX/...), so the units are verified in a copy that names them in ROOT;
# the Documentation= pages are looked up in ROOT's manual. Any message from
# verify (an unknown key, a missing program or page) is a failure.
check_units() {
    local root=$1 prefix=$2 unitdir=$3 u
    local units=(vankien-searchd.service vankien-index.service vankien-index.timer
        vankien-index.path)
    mkdir -p "$tmp/units"
    for u in "${units[@]}"; do
        [ -f "$root$unitdir/$u" ] || { fail "$unitdir/$u is not installed"; return; }
        sed "s|=$prefix/|=$root$prefix/|g; s| $prefix/| $root$prefix/|g" "$root$unitdir/$u" \
            >"$tmp/units/$u"
    done
    if ! command -v systemd-analyze >/dev/null; then
        fail "systemd-analyze is missing (scripts/install-deps.sh installs systemd)"
        return
    fi
    (cd "$tmp/units" && MANPATH=$root$prefix/share/man systemd-analyze verify "${units[@]}") \
        >"$tmp/verify" 2>&1
    local rc=$?
    [ "$rc" = 0 ] && [ ! -s "$tmp/verify" ] ||
        fail "systemd-analyze verify (exit $rc): $(cat "$tmp/verify")"

    # The daemon's unit: a user of its own, read-only, hardened, reload by
    # SIGHUP; and the exposure systemd-analyze security computes from that.
    local s=$root$unitdir/vankien-searchd.service key
    for key in "User=vankien" "NoNewPrivileges=yes" "ProtectSystem=strict" "ProtectHome=yes" \
        "PrivateTmp=yes" "ReadOnlyPaths=" "RestrictAddressFamilies=" \
        "ExecReload=/bin/kill -HUP \$MAINPID" "CapabilityBoundingSet=" \
        "ExecStart=$prefix/sbin/vankien-searchd --config "; do
        grep -qF "$key" "$s" || fail "vankien-searchd.service has no $key"
    done
    grep -q '^ExecStart=.*vankien index' "$root$unitdir/vankien-index.service" ||
        fail "vankien-index.service does not run vankien index"
    for u in vankien-searchd.service vankien-index.service; do
        local level
        level=$(cd "$tmp/units" && systemd-analyze security --offline=yes "$u" 2>/dev/null |
            sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        if [ -z "$level" ]; then
            echo "note: systemd-analyze security --offline gave no level for $u"
        else
            echo "$u: exposure level $level (systemd-analyze security)"
            awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }' || fail "$u: exposure $level > 2.0"
        fi
    done
}

# check_user ROOT PREFIX STATEDIR: the sysusers.d file creates the user
# vankien and the tmpfiles.d file its index folder, in a scratch root.
check_user() {
    local root=$1 prefix=$2 statedir=$3 sys=$tmp/sysroot
    mkdir -p "$sys/etc"
    systemd-sysusers --root="$sys" "$root$prefix/lib/sysusers.d/vankien.conf" 2>"$tmp/sysusers" ||
        fail "systemd-sysusers: $(cat "$tmp/sysusers")"
    grep -q "^vankien:x:[0-9]*:[0-9]*:.*:$statedir:/usr/sbin/nologin$" "$sys/etc/passwd" ||
        fail "no system user vankien: $(cat "$sys/etc/passwd" 2>/dev/null)"
    systemd-tmpfiles --root="$sys" --create "$root$prefix/lib/tmpfiles.d/vankien.conf" \
        2>"$tmp/tmpfiles" || fail "systemd-tmpfiles: $(cat "$tmp/tmpfiles")"
    [ -d "$sys$statedir" ] || fail "tmpfiles did not make $statedir"
    local uid
    uid=$(sed -n 's/^vankien:x:\([0-9]*\):.*/\1/p' "$sys/etc/passwd")
    [ "$(stat -c %u "$sys$statedir" 2>/dev/null)" = "$uid" ] || fail "$statedir is not vankien's"
}
