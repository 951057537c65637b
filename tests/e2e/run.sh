#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# End-to-end checks: tshark with the freshly built plugin, as an unprivileged
# user (Wireshark loads no personal plugin as root).
#
#   run.sh loaded                       the plugin loads and registers its fields
#   run.sh capture NAME FILE [ARGS...]  fields, experts and Info column of FILE
#                                       equal tests/expected/NAME.txt (ARGS go to tshark)
#   run.sh expert-tap NAME FILE         the sipadv rows of `tshark -z expert`
#   run.sh readme                       README lists exactly the registered fields
#
# Environment: SIPADV_PLUGIN (the .so), SIPADV_SRC (source tree).
# SIPADV_UPDATE=1 rewrites the expectation instead of comparing (review the diff!).
set -eu

: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
scripts=$SIPADV_SRC/scripts
work=$(mktemp -d /tmp/sipadv-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/home"

ts() { "$scripts/tshark-as-user" "$work/home" "$@"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# A run without the plugin would compare nothing: make sure it is there first.
ts -G protocols > "$work/protocols" 2> "$work/stderr" || fail "tshark -G protocols: $(cat "$work/stderr")"
grep -q "^SIP Response Advisor	SIPADV	sipadv$" "$work/protocols" ||
    fail "the plugin did not load: $(cat "$work/stderr")"

# Only the plugin's own warnings count; tshark's "running as root"-style chatter does not.
check_stderr() {
    if grep -E "sipadv|Dissector bug|assert|Assert|Segmentation|AddressSanitizer|runtime error" "$work/stderr"; then
        fail "tshark complained (above)"
    fi
}

compare() {  # compare NAME ACTUAL
    expected=$SIPADV_SRC/tests/expected/$1.txt
    if [ "${SIPADV_UPDATE:-0}" = 1 ]; then
        cp "$2" "$expected"
        echo "updated $expected"
        return 0
    fi
    [ -f "$expected" ] || fail "no expectation $expected (run with SIPADV_UPDATE=1 and review)"
    if ! diff -u "$expected" "$2"; then
        fail "$1 differs from tests/expected/$1.txt"
    fi
    echo "ok: $1 ($(grep -c '^frame ' "$2") annotated frames)"
}

stage_capture() {  # the test user cannot read the source tree under /root
    cp "$1" "$work/capture"
    chmod 644 "$work/capture"
}

# One block per annotated frame: Info column, then every sipadv field and
# expert in tree order (display-only text lines left out).
project() {
    ts -r "$work/capture" "$@" -Y sipadv -T fields -e frame.number -e _ws.col.Info \
        > "$work/info" 2> "$work/stderr"
    check_stderr
    ts -r "$work/capture" "$@" -Y sipadv -T pdml > "$work/pdml" 2> "$work/stderr"
    check_stderr
    awk -F'\t' 'NR == FNR { info[$1] = $2; next }
        /<field name="frame.number"/ {
            match($0, / show="[^"]*"/); n = substr($0, RSTART + 7, RLENGTH - 8)
            print "frame " n ": " info[n]
        }
        /<field name="sipadv\./ && !/name="sipadv.line"/ {
            match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7)
            match($0, / show="[^"]*"/); show = substr($0, RSTART + 7, RLENGTH - 8)
            if (show == "") {
                match($0, /showname="[^"]*"/); show = substr($0, RSTART + 10, RLENGTH - 11)
                print "  expert " name ": " show
            } else {
                print "  " name " = " show
            }
        }' "$work/info" "$work/pdml"
}

mode=$1; shift
case $mode in
loaded)
    ts -G fields > "$work/fields" 2> "$work/stderr"
    for f in sipadv.code sipadv.class sipadv.reason sipadv.meaning sipadv.meaning_zh \
             sipadv.guidance sipadv.guidance_zh sipadv.ref sipadv.method; do
        grep -q "	$f	" "$work/fields" || fail "field $f is not registered"
    done
    echo "ok: plugin loaded, fields registered"
    ;;
capture)
    name=$1 file=$2; shift 2
    stage_capture "$file"
    project "$@" > "$work/actual"
    compare "$name" "$work/actual"
    ;;
expert-tap)
    name=$1 file=$2; shift 2
    stage_capture "$file"
    ts -r "$work/capture" -q -z expert "$@" > "$work/tap" 2> "$work/stderr"
    check_stderr
    awk '/^[A-Z][a-z]+ \([0-9]+\)$/ { section = $0 } / SIPADV / { print section ": " $0 }' "$work/tap" |
        sed 's/  */ /g' > "$work/actual"
    [ -s "$work/actual" ] || fail "tshark -z expert shows no SIPADV row"
    compare "$name" "$work/actual"
    ;;
readme)
    ts -G fields > "$work/fields" 2> "$work/stderr"
    # Expert infos are listed there too, as FT_NONE fields.
    awk -F'\t' '$1 == "F" && $5 == "sipadv" { print $3 }' "$work/fields" | sort -u > "$work/registered"
    grep -o '`sipadv\.[a-z_.]*`' "$SIPADV_SRC/README.md" | tr -d '`' | sort -u > "$work/documented"
    if ! diff -u "$work/registered" "$work/documented"; then
        fail "README.md does not list exactly the registered fields and experts (- registered, + documented)"
    fi
    echo "ok: README documents all $(wc -l < "$work/registered") fields and experts"
    ;;
*)
    fail "unknown mode $mode"
    ;;
esac
