#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds tests/fuzz/fuzz_response.c with clang's libFuzzer, ASan and UBSan
# (the pure-C core only, no libwireshark) and fuzzes it from a seed corpus:
# the crafted .sip sources (CRLF) and the UDP payloads of every capture.
#
#   tests/fuzz/run-libfuzzer.sh [--time SECONDS] [--generated DIR] [--out DIR] [-- LIBFUZZER ARGS]
#
# --time      fuzzing time (default 60 s; -max_total_time)
# --generated the build's generated/ folder (sipadv_tables.c); by default one
#             is built in build-fuzz-gen/ with the project's CMake
# --out       work folder (binary, seeds, corpus, crash files); default build-fuzz/
# Exit status: 0 when no crash, leak, sanitizer report or timeout was found.
# A crash leaves its input in OUT/crash-* (replay: OUT/fuzz_response FILE).
set -eu
# Its own (static) sanitizer runtimes: no preloaded one from scripts/test-sanitized.sh.
unset LD_PRELOAD SIPADV_TSHARK_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
time=60 gen= out=$ROOT/build-fuzz
while [ $# -gt 0 ]; do
    case $1 in
    --time) time=$2; shift 2 ;;
    --generated) gen=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--time S] [--generated DIR] [--out DIR] [-- ARGS]" >&2; exit 2 ;;
    esac
done

# Whatever clang the release ships (14 on Debian 12, newer on 13 and testing),
# with its libFuzzer runtime (libclang-rt-N-dev).
install() {
    [ "$(id -u)" = 0 ] || { echo "run-libfuzzer: needs clang and its libclang-rt-dev (run as root to install); skipped" >&2; exit 77; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}
fuzzer_links() {
    printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' |
        "$CLANG" -fsanitize=fuzzer -x c - -o "${TMPDIR:-/tmp}/sipadv-fuzz-probe.$$" > /dev/null 2>&1
    status=$?
    rm -f "${TMPDIR:-/tmp}/sipadv-fuzz-probe.$$"
    return $status
}
CLANG=$(command -v clang || command -v clang-14 || true)
[ -n "$CLANG" ] || { install clang; CLANG=$(command -v clang); }
if ! fuzzer_links; then
    install "libclang-rt-$("$CLANG" -dumpversion | cut -d. -f1)-dev"
    fuzzer_links || { echo "run-libfuzzer: $CLANG cannot link libFuzzer" >&2; exit 2; }
fi
command -v xxd >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xxd >&2; }

if [ -z "$gen" ]; then
    cmake -S "$ROOT" -B "$ROOT/build-fuzz-gen" > /dev/null
    cmake --build "$ROOT/build-fuzz-gen" --target sipadv-core > /dev/null
    gen=$ROOT/build-fuzz-gen/generated
fi
[ -f "$gen/sipadv_tables.c" ] || { echo "run-libfuzzer: no $gen/sipadv_tables.c" >&2; exit 2; }

mkdir -p "$out/seeds" "$out/corpus"
bin=$out/fuzz_response
"$CLANG" -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$ROOT/plugin" -I"$gen" -o "$bin" "$ROOT/tests/fuzz/fuzz_response.c" \
    "$ROOT/plugin/sip_message.c" "$ROOT/plugin/sip_values.c" "$ROOT/plugin/knowledge.c" \
    "$ROOT/plugin/rules.c" "$ROOT/plugin/findings.c" "$ROOT/plugin/deadlines.c" "$ROOT/plugin/flow.c" "$ROOT/plugin/calls.c" "$ROOT/plugin/key_table.c" "$ROOT/plugin/record_pool.c" "$ROOT/plugin/copies.c" "$ROOT/plugin/sdp_offer.c" "$gen/sipadv_tables.c"

# Seeds: every crafted .sip without its comment block, LF -> CRLF ...
for f in "$ROOT"/scripts/captures/crafted/*/*.sip; do
    perl -e 'local $/; my $m = <>; my $esc = $m =~ /\A(?:# [^\n]*\n)*# escapes: on\n/;
        $m =~ s/\A(?:# [^\n]*\n)+//; $m =~ s/\r?\n/\r\n/g;
        if ($esc) { $m =~ s/\{\{(\d+)\*(.*?)\}\}/$2 x $1/gse; $m =~ s/\\x([0-9A-Fa-f]{2})/chr(hex($1))/ge; }
        binmode STDOUT; print $m' \
        "$f" > "$out/seeds/$(basename "$(dirname "$f")")-$(basename "$f" .sip)"
done
# ... and the UDP payload of every frame of every capture (TCP ones are covered by the .sip files).
if command -v xxd >/dev/null 2>&1 && command -v tshark >/dev/null 2>&1; then
    for c in "$ROOT"/captures/*.pcapng "$ROOT"/captures/crafted/*.pcap; do
        n=0
        tshark -r "$c" -Y udp -T fields -e udp.payload 2>/dev/null | while read -r hex; do
            n=$((n + 1))
            printf '%s' "$hex" | tr -d ':' | xxd -r -p > "$out/seeds/$(basename "$c" | sed 's/\..*//')-udp-$n"
        done
    done
fi
echo "run-libfuzzer: $(ls "$out/seeds" | wc -l) seeds, fuzzing for ${time}s" >&2

cd "$out"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# A crash must fail the test: libFuzzer's own exit code, 77, is ctest's "skipped" here.
"$bin" -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -max_len=70000 -print_final_stats=1 -error_exitcode=1 \
    "$@" "$out/corpus" "$out/seeds"
