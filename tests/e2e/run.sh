#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# End-to-end checks: tshark with the freshly built plugin, as an unprivileged
# user (Wireshark loads no personal plugin as root).
#
#   run.sh loaded                       the plugin loads and registers its fields
#   run.sh capture NAME FILE [ARGS...]  fields, experts and Info column of FILE
#                                       equal tests/expected/NAME.txt (ARGS go to tshark)
#   run.sh filter NAME FILE FILTER [ARGS...]  the frames a display filter on sipadv output selects
#   run.sh listing NAME FILE            plain `tshark -r FILE` (no tree): Info hints
#   run.sh expert-tap NAME FILE         the sipadv rows of `tshark -z expert,sip`
#   run.sh readme                       README lists exactly the registered fields
#   run.sh rule-examples FILE           each rule fires on its example frame, not on its near miss
#   run.sh no-warnings FILE             no sipadv expert of severity warning fires in FILE
#   run.sh consistency FILE [ARGS...]   what sipadv says does not depend on how tshark runs:
#                                       -z expert (no tree) lists the rows -z expert,sip does,
#                                       -2 gives the one-pass fields, experts and Info column,
#                                       and in English no CJK character appears anywhere
#   run.sh real-findings DIR            the default profile's findings per frame on each capture
#                                       of DIR equal tests/expected/real/NAME.txt (skips, 77, when
#                                       DIR is absent)
#   run.sh registry                     registered texts: no placeholder braces, unique labels,
#                                       English only
#   run.sh statistics NAME FILE FILTER [ARGS...]  -z sipadv,stat, sipadv,calls and sipadv,regs (each
#                                       with FILTER, none for -) equal tests/expected/NAME.txt,
#                                       -2 gives the same, and in English no CJK character appears
#   run.sh statistics-calls FILE        each row of -z sipadv,calls is a call -2 -Y sipadv.call.outcome
#                                       shows with that first frame, outcome and final code, and the
#                                       tree's Calls by outcome counts the same
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

"$scripts/require-plugin" "$work/home"

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

# Wireshark's own Info markers differ between releases (4.4 dropped some, moved
# others; -2 adds "[TCP PDU reassembled in N]" on 4.4+); sipadv's text does not. Compare without them.
normalise_info() {
    sed -e 's/\[Malformed Packet\]//g' -e 's/\[Packet size limited during capture\]//g' \
        -e 's/ \[TCP segment of a reassembled PDU\]//' -e 's/ \[TCP PDU reassembled in [0-9]*\]//' -e 's/ | *$//' -e 's/ *$//'
}

# One block per annotated frame: Info column, then every sipadv field and
# expert in tree order (display-only text lines left out).
project() {
    # The Info column as a listing prints it: since 4.4, -e _ws.col.Info is taken
    # before postdissectors run and would miss the hints.
    ts -r "$work/capture" "$@" -Y sipadv -o 'gui.column.format:"No.","%m","Info","%i"' 2> "$work/stderr" |
        sed 's/^ *\([0-9][0-9]*\) /\1\t/' | normalise_info > "$work/info"
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
                # Booleans show as 0/1 up to 4.2, as False/True since.
                if (show == "False") show = "0"; else if (show == "True") show = "1"
                print "  " name " = " show
            }
        }' "$work/info" "$work/pdml"
}

# "FRAME NAME" for every sipadv expert in the capture.
experts_by_frame() {  # experts_by_frame CAPTURE [tshark options...]
    pcap=$1; shift
    ts -r "$pcap" "$@" -Y sipadv -T pdml 2> "$work/stderr" | awk '
        /<field name="frame.number"/ { match($0, / show="[^"]*"/); n = substr($0, RSTART + 7, RLENGTH - 8) }
        /<field name="sipadv\.[a-z0-9_]*" showname="[^"]*" size="0" pos="0" show=""/ {
            match($0, /name="[^"]*"/); print n, substr($0, RSTART + 6, RLENGTH - 7) }'
    check_stderr
}

# The sipadv rows of an expert listing by severity, sorted (-z expert prints groups in
# hash order; a section's count includes other protocols' rows, which differ by filter).
expert_rows() {
    ts -r "$work/capture" -q "$@" 2> "$work/stderr" | awk '/^[A-Z][a-z]+ \([0-9]+\)$/ { section = $1 } / SIPADV / { print section ": " $0 }' |
        sed 's/  */ /g' | sort
    check_stderr
}

# Every sipadv field and expert per frame of a PDML document (stdin), in tree order.
sipadv_fields() {
    awk '/<field name="frame.number"/ { match($0, / show="[^"]*"/); n = substr($0, RSTART + 7, RLENGTH - 8) }
         /<field name="sipadv\./ { match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7)
                                   match($0, /showname="[^"]*"/); print n ": " name ": " substr($0, RSTART + 10, RLENGTH - 11) }'
}

# Characters of the CJK blocks (and full-width forms) Chinese texts use.
has_cjk() { LC_ALL=C.UTF-8 grep -P '[\x{2E80}-\x{9FFF}\x{F900}-\x{FAFF}\x{FF00}-\x{FFEF}]' "$@"; }

# The statistics of a capture: the tree's name, count and percent columns (tshark pads them by bytes,
# and the rate and burst columns depend on timing), then the call and registration tables as printed.
statistics() {  # statistics FILTER [tshark options...]
    filter=$1; shift
    ts -q -r "$work/capture" "$@" -z "sipadv,stat${filter:+,$filter}" -z "sipadv,calls${filter:+,$filter}" \
        -z "sipadv,regs${filter:+,$filter}" -z "sipadv,kpi${filter:+,$filter}" 2> "$work/stderr" | LC_ALL=C awk '
        /^Topic \/ Item/ { c = index($0, "Count"); a = index($0, "Average"); p = index($0, "Percent")
                           b = index($0, "Burst"); if (!b) b = length($0) + 1; tree = 1; next }
        tree && /^-+$/ { if (++rules == 2) tree = 0; next }
        tree && NF { name = substr($0, 1, c - 1); sub(/ +$/, "", name)
                     count = substr($0, c, a - c); gsub(/ /, "", count)
                     pct = substr($0, p, b - p); gsub(/ /, "", pct)
                     print name " | " count " | " pct; next }
        tree { next }
        /^=+$/ { next }
        { sub(/ +$/, ""); print }'
    check_stderr
}

mode=$1; shift
case $mode in
loaded)
    ts -G fields > "$work/fields" 2> "$work/stderr"
    for f in sipadv.code sipadv.class sipadv.class_zh sipadv.standard_phrase sipadv.hint sipadv.meaning sipadv.meaning_zh \
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
filter)
    name=$1 file=$2 filter=$3; shift 3
    stage_capture "$file"
    ts -r "$work/capture" "$@" -Y "$filter" -T fields -e frame.number > "$work/actual" 2> "$work/stderr"
    check_stderr
    [ -s "$work/actual" ] || fail "the filter selects nothing"
    compare "$name" "$work/actual"
    ;;
listing)
    name=$1 file=$2; shift 2
    stage_capture "$file"
    ts -r "$work/capture" "$@" 2> "$work/stderr" | normalise_info > "$work/actual"
    check_stderr
    grep -q " — " "$work/actual" || fail "no hint in the Info column"
    compare "$name" "$work/actual"
    ;;
expert-tap)
    name=$1 file=$2; shift 2
    stage_capture "$file"
    ts -r "$work/capture" -q -z expert,sip "$@" > "$work/tap" 2> "$work/stderr"
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
    # The first cell of the table rows in README's "Fields" and "Expert infos" sections.
    awk '/^## / { on = ($0 == "## Fields" || $0 == "## Expert infos") } on && /^\| `sipadv\./' "$SIPADV_SRC/README.md" |
        cut -d'`' -f2 | sort -u > "$work/documented"
    if ! diff -u "$work/registered" "$work/documented"; then
        fail "README.md does not list exactly the registered fields and experts (- registered, + documented)"
    fi
    echo "ok: README documents all $(wc -l < "$work/registered") fields and experts"
    ;;
rule-examples)
    # In the conformance profile every rule is on; in the default (troubleshooting) profile a rule
    # fires on its example exactly when tables/rules.tsv puts it in the troubleshooting profile.
    failures=0
    for capture in $(awk -F'\t' '!/^#/ && $1 != "name" { split($2, a, "#"); split($3, b, "#"); print a[1]; print b[1] }' "$1" | sort -u); do
        stage_capture "$SIPADV_SRC/$capture"
        experts_by_frame "$work/capture" -o sipadv.profile:conformance > "$work/fired.$(echo "$capture" | tr / _)"
        experts_by_frame "$work/capture" > "$work/default.$(echo "$capture" | tr / _)"
    done
    profile_of() { awk -F'\t' -v n="$1" '!/^#/ && $1 == n { print $8; exit }' "$SIPADV_SRC/tables/rules.tsv"; }
    n_conformance=0
    while IFS='	' read -r name fires near why; do
        case $name in ''|'#'*|name) continue ;; esac
        fired_in() { grep -qx "${2#*#} sipadv.$name" "$work/$1.$(echo "${2%%#*}" | tr / _)"; }
        if ! fired_in fired "$fires"; then echo "FAIL: sipadv.$name does not fire on $fires" >&2; failures=$((failures + 1)); fi
        if fired_in fired "$near"; then echo "FAIL: sipadv.$name fires on its near miss $near ($why)" >&2; failures=$((failures + 1)); fi
        case $(profile_of "$name") in
        troubleshooting)
            fired_in default "$fires" || { echo "FAIL: sipadv.$name (troubleshooting) does not fire on $fires in the default profile" >&2; failures=$((failures + 1)); } ;;
        conformance)
            n_conformance=$((n_conformance + 1))
            ! fired_in default "$fires" || { echo "FAIL: sipadv.$name (conformance) fires on $fires in the default profile" >&2; failures=$((failures + 1)); } ;;
        *) echo "FAIL: sipadv.$name has no profile in tables/rules.tsv" >&2; failures=$((failures + 1)) ;;
        esac
    done < "$1"
    [ "$n_conformance" -gt 0 ] || fail "no conformance rule checked: the profile test cannot fail"
    [ "$failures" -eq 0 ] || fail "$failures rule example(s) wrong"
    echo "ok: every rule fires on its example and not on its near miss, in the default profile only if it is a troubleshooting rule ($(grep -vc '^#' "$1") rows incl. header, $n_conformance conformance rules)"
    ;;
no-warnings)
    stage_capture "$1"
    ts -r "$work/capture" -Y sipadv -T pdml > "$work/pdml" 2> "$work/stderr"
    check_stderr
    # An expert's severity and group sit under it; keep the sipadv rule breaches (group Protocol) that are
    # warnings or errors. Other groups report what happened (a failed call, a retransmission), not a broken MUST.
    awk '/<field name="sipadv\.[a-z0-9_]*" showname=.* show=""/ { match($0, /name="[^"]*"/); e = substr($0, RSTART + 6, RLENGTH - 7); w = 0 }
         /name="_ws.expert.severity"/ && e != "" { w = ($0 ~ /Warning|Error/) }
         /name="_ws.expert.group"/ && e != "" { if (w && $0 ~ /Group: Protocol"/) print e; e = "" }' "$work/pdml" | sort | uniq -c > "$work/warnings"
    if [ -s "$work/warnings" ]; then
        cat "$work/warnings" >&2
        fail "real traffic raised sipadv warnings (above): false alarms"
    fi
    echo "ok: no sipadv warning on $(basename "$1")"
    ;;
consistency)
    file=$1; shift
    stage_capture "$file"
    # The Expert dialog and -z expert dissect without a tree; -z expert,sip builds one.
    expert_rows -z expert "$@" > "$work/expert-plain"
    expert_rows -z expert,sip "$@" > "$work/expert-sip"
    if ! diff -u "$work/expert-sip" "$work/expert-plain"; then
        fail "-z expert (no tree) differs from -z expert,sip for sipadv (- with a tree, + without)"
    fi
    # Two passes store in the first and show in the second: the same tree (-V), fields, experts and Info.
    for pass in 1 2; do
        opt=; [ "$pass" = 2 ] && opt=-2
        ts $opt -r "$work/capture" -T pdml "$@" 2> "$work/stderr" | sipadv_fields > "$work/fields.$pass"
        check_stderr
        ts $opt -r "$work/capture" -V -O sipadv "$@" 2> "$work/stderr" |
            awk '/^Frame [0-9]+:/ { print } /^SIP Response Advisor/ { on = 1 } /^[^ ]/ && !/^SIP Response Advisor/ { on = 0 } on' \
            > "$work/tree.$pass"
        check_stderr
        ts $opt -r "$work/capture" "$@" 2> "$work/stderr" | normalise_info > "$work/listing.$pass"
        check_stderr
    done
    diff -u "$work/tree.1" "$work/tree.2" || fail "tshark -2 -V differs from one pass in sipadv's tree"
    diff -u "$work/fields.1" "$work/fields.2" || fail "tshark -2 differs from one pass in sipadv's fields"
    diff -u "$work/listing.1" "$work/listing.2" || fail "tshark -2 differs from one pass in the Info column"
    # English (the default): no Chinese in the tree, the Info column or the experts.
    ts -r "$work/capture" -V -O sipadv "$@" > "$work/english" 2> "$work/stderr"
    check_stderr
    cat "$work/expert-plain" "$work/listing.1" >> "$work/english"
    if has_cjk "$work/english" | head -5 | grep .; then
        fail "Chinese in English output (above)"
    fi
    echo "ok: $(basename "$file"): $(wc -l < "$work/expert-plain") expert rows without a tree, -2 equals one pass ($(wc -l < "$work/tree.1") tree lines, $(wc -l < "$work/fields.1") fields), English only"
    ;;
real-findings)
    # Captures other SIP tools publish (../shared/real-captures, not in the repository): the
    # default profile's findings per frame, each reviewed by hand (tests/expected/real/).
    dir=$1
    if [ ! -d "$dir" ]; then
        echo "skipped: $dir is absent (real captures are test data kept outside the repository)"
        exit 77
    fi
    n=0
    for capture in "$dir"/*.pcap "$dir"/*.pcapng; do
        [ -f "$capture" ] || continue
        name=$(basename "$capture")
        stage_capture "$capture"
        # SIP on a port Wireshark does not know (the capture's README says which).
        case $name in heplify-tcp6060*) set -- -d tcp.port==6060,sip ;; *) set -- ;; esac
        experts_by_frame "$work/capture" "$@" | grep -v " sipadv.line$" | sort -n -k1,1 -k2 > "$work/actual"
        compare "real/${name%.*}" "$work/actual"
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] || fail "no capture in $dir"
    echo "ok: the findings on $n real captures are the reviewed ones"
    ;;

statistics)
    name=$1 file=$2 filter=$3; shift 3
    [ "$filter" = - ] && filter=
    stage_capture "$file"
    statistics "$filter" "$@" > "$work/one"
    statistics "$filter" -2 "$@" > "$work/two"
    grep -q "^Frame \|^帧" "$work/one" && grep -q " | " "$work/one" || fail "no statistics printed"
    diff -u "$work/one" "$work/two" || fail "tshark -2 prints other statistics than one pass (- one pass, + two)"
    case " $* " in
    *" sipadv.language:"*) ;;
    *) if has_cjk "$work/one" | head -5 | grep .; then fail "Chinese in English statistics (above)"; fi ;;
    esac
    compare "$name" "$work/one"
    ;;
statistics-calls)
    stage_capture "$1"
    ts -2 -r "$work/capture" -Y sipadv.call.outcome -T fields -e sipadv.call.first_frame -e sipadv.call.outcome \
        -e sipadv.call.final_code 2> "$work/stderr" | sort -u | sort -n > "$work/fields"
    check_stderr
    [ -s "$work/fields" ] || fail "no call in $1"
    statistics "" -2 > "$work/stats"
    awk '/^SIP Advisor: calls/ { on = 1; next } on && /^Frame / { next } on && /^[0-9]+  / { n = split($0, f, "  +")
         print f[1] "\t" f[5] "\t" (f[6] == "-" ? "" : f[6]) } on && !NF { on = 0 }' "$work/stats" > "$work/rows"
    diff -u "$work/fields" "$work/rows" || fail "-z sipadv,calls differs from the calls' own fields (- fields, + table)"
    cut -f2 "$work/fields" | sort | uniq -c | awk '{ print $2 " " $1 }' > "$work/by-outcome"
    awk -F' [|] ' '/^Calls by outcome/ { on = 1; next } on && /^ [a-z]/ { sub(/^ /, "", $1); sub(/ - .*/, "", $1)
         if ($2 > 0) print $1 " " $2; next } on { on = 0 }' "$work/stats" | sort > "$work/tree"
    diff -u "$work/by-outcome" "$work/tree" || fail "the tree's Calls by outcome differs from the calls' fields (- fields, + tree)"
    echo "ok: $(basename "$1"): $(wc -l < "$work/rows") calls, as their fields say, counted by outcome alike"
    ;;
registry)
    ts -G fields > "$work/fields" 2> "$work/stderr"
    awk -F'\t' '$1 == "F" && $5 == "sipadv"' "$work/fields" > "$work/ours"
    [ -s "$work/ours" ] || fail "no sipadv field registered"
    if grep -n '[{}]' "$work/ours"; then fail "a registered sipadv text has a placeholder brace (above)"; fi
    cut -f2 "$work/ours" | sort | uniq -d > "$work/dup"
    if [ -s "$work/dup" ]; then cat "$work/dup"; fail "sipadv field labels are not unique (above)"; fi
    if cut -f2 "$work/ours" | has_cjk; then fail "a sipadv field label is not English (above)"; fi
    echo "ok: $(wc -l < "$work/ours") sipadv fields and experts: no brace, unique English labels"
    ;;
*)
    fail "unknown mode $mode"
    ;;
esac
