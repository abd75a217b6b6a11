#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the whole test suite: installs the dependencies if needed, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/, runs ctest.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-asan -DVK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$(nproc)" >/dev/null
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-asan && ctest --output-on-failure -j"$(nproc)"
