#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# hostile.sh - sipadv against hostile SIP: huge Reason lists over TCP and UDP,
# long quoted texts, out-of-range causes, broken To and IMS XML, invalid UTF-8.
# The captures are generated into a temporary folder by
# scripts/captures/make-hostile.sh (they are large: never commit them).
#
#   SIPADV_PLUGIN=build/sipadv.so SIPADV_SRC=$PWD tests/e2e/hostile.sh
#
# Every capture: tshark exits 0 with no dissector bug, assertion or malformed
# packet from SIPADV (-V, -V -O sipadv, -T pdml, plain listing); sipadv
# annotates every response with at most $max_lines lines and no line longer
# than $max_line_bytes bytes (-V -O sipadv lines, which Wireshark cuts to 240
# bytes anyway, and the PDML lines of sipadv's fields, which it does not). The
# copies in reason-flood-udp.pcap are identical: those checks read the first
# $udp_sample. Then, against tshark without the plugin: peak memory on
# reason-flood-tcp.pcap, CPU time on all of reason-flood-udp.pcap (the run with
# the plugin is stopped by SIGXCPU once over its bound); and the field checks
# on long-texts.pcap. About 20 s (13 s of CPU) on two busy cores.
# Prints "ok: ..." per check, "FAIL: ..." on stderr per failure; exits 1 if any.
set -eu

max_lines=200        # sipadv lines per message (-V -O sipadv)
max_line_bytes=1000  # longest sipadv line
max_rss_ratio=1.5    # peak RSS with / without sipadv, reason-flood-tcp.pcap -V
cpu_ratio=2          # CPU with sipadv <= cpu_ratio x without + cpu_slack seconds,
cpu_slack=2          #   reason-flood-udp.pcap -V
udp_sample=5         # frames of reason-flood-udp.pcap (identical copies) the output checks read

: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
scripts=$SIPADV_SRC/scripts
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is missing (package time)" >&2; exit 1; }
work=$(mktemp -d /tmp/sipadv-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/with"
"$scripts/stage-plugin" - "$work/without"
"$scripts/require-plugin" "$work/with"
"$scripts/captures/make-hostile.sh" "$work/cap"
chmod -R a+rX "$work/cap"
cap=$work/cap

failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ts() { home=$1; shift; "$scripts/tshark-as-user" "$work/$home" "$@"; }
# within VALUE BOUND TEXT: "ok: TEXT" when VALUE <= BOUND (decimals too), else "FAIL: TEXT".
within() {
    if awk -v v="$1" -v b="$2" 'BEGIN { exit !(v + 0 <= b + 0) }'; then ok "$3"; else fail "$3"; fi
}

# Text that must never appear: in the output (P-Asserted-Identity is no assertion) and on stderr.
bad_output='Dissector bug|Malformed Packet: SIPADV|[Aa]ssertion'
bad_stderr='sipadv|Dissector bug|[Aa]ssert|Segmentation|AddressSanitizer|runtime error'

# piped HOME AWK-PROGRAM TSHARK-ARGS...: tshark's output read by awk (byte
# semantics), whose first printed field must count the $bad_output lines. The
# run's exit status, stderr and that count are appended to $problems.
piped() {
    home=$1 prog=$2
    shift 2
    out=$({ rc=0; ts "$home" "$@" 2> "$work/stderr" || rc=$?; echo "$rc" > "$work/rc"; } |
        LC_ALL=C awk "/$bad_output/ { bad++ } $prog")
    what=$(echo "tshark $* ($home sipadv)" | sed "s|$cap/||")
    [ "$(cat "$work/rc")" = 0 ] || echo "$what: exit status $(cat "$work/rc")" >> "$problems"
    if grep -Eq "$bad_stderr" "$work/stderr"; then
        echo "$what: stderr says $(grep -E "$bad_stderr" "$work/stderr" | head -n 1)" >> "$problems"
    fi
    [ "${out%% *}" = 0 ] || echo "$what: ${out%% *} output line(s) with a dissector bug, SIPADV malformed packet or assertion" >> "$problems"
    echo "$out"
}

# -V -O sipadv: only sipadv's tree is expanded; a message's tree runs from its
# "SIP Response Advisor" line to the next line that is not indented.
# shellcheck disable=SC2016 # awk programs: $ is awk's
tree_prog='
function close_tree() { if (n > most) most = n; n = 0; on = 0 }
/^SIP Response Advisor/ { close_tree(); on = 1; msgs++ }
!/^ / && !/^SIP Response Advisor/ { close_tree() }
on { n++; if (length($0) > longest) longest = length($0) }
END { close_tree(); print bad + 0, msgs + 0, most + 0, longest + 0 }'
# -T pdml: the longest field line inside sipadv, without value= (the hex of the
# packet bytes it covers); a _ws.malformed there is sipadv'"'"'s.
# shellcheck disable=SC2016
pdml_prog='
/^  <proto name="sipadv"/ { on = 1 }
on && length($0) > longest { line = $0; gsub(/ value="[^"]*"/, "", line); if (length(line) > longest) longest = length(line) }
on && /name="_ws\.malformed/ { bad++ }
/^  <\/proto>/ { on = 0 }
END { print bad + 0, longest + 0 }'
# Plain listing: the SIP status lines and the malformed packets it shows.
# shellcheck disable=SC2016
listing_prog='
{ statuses += gsub(/Status: /, "&") }
/\[Malformed Packet/ { malformed++ }
END { print bad + 0, statuses + 0, malformed + 0 }'

# check_capture FILE [TSHARK-ARGS...]: the checks every capture gets.
check_capture() {
    file=$1
    name=$(basename "$file")
    shift
    problems=$work/problems
    : > "$problems"
    piped with 'END { print bad + 0 }' -r "$file" "$@" -V > /dev/null
    read -r _ msgs most longest <<EOF
$(piped with "$tree_prog" -r "$file" "$@" -V -O sipadv)
EOF
    read -r _ longest_pdml <<EOF
$(piped with "$pdml_prog" -r "$file" "$@" -T pdml)
EOF
    read -r _ _ malformed <<EOF
$(piped with "$listing_prog" -r "$file" "$@")
EOF
    read -r _ statuses malformed_base <<EOF
$(piped without "$listing_prog" -r "$file" "$@")
EOF
    [ "$malformed" -le "$malformed_base" ] ||
        echo "listing: $malformed malformed packet(s) with sipadv, $malformed_base without" >> "$problems"
    if [ -s "$problems" ]; then
        while read -r p; do fail "$name: $p"; done < "$problems"
    else
        ok "$name: tshark exits 0; no dissector bug, assertion or SIPADV malformed packet (-V, -V -O sipadv, -T pdml, listing)"
    fi
    if [ "$msgs" -eq "$statuses" ] && [ "$msgs" -gt 0 ]; then
        ok "$name: sipadv annotates all $msgs SIP responses"
    else
        fail "$name: sipadv annotates $msgs of $statuses SIP responses"
    fi
    within "$most" "$max_lines" "$name: $most sipadv lines in the longest message's tree (bound $max_lines)"
    within "$((longest > longest_pdml ? longest : longest_pdml))" "$max_line_bytes" \
        "$name: longest sipadv line $longest bytes (-V), $longest_pdml bytes (PDML field) (bound $max_line_bytes)"
}

# measure HOME FILE FORMAT [CPU-LIMIT]: tshark -r FILE -V > /dev/null under
# /usr/bin/time; sets $measured to FORMAT's output, or to "killed" when the run
# reached CPU-LIMIT seconds. A bad exit status or stderr fails the test.
measure() {
    home=$1 file=$2 format=$3 limit=${4:-unlimited}
    rc=0
    # shellcheck disable=SC3045 # dash and bash have ulimit -S -t
    (ulimit -c 0; ulimit -S -t "$limit"; exec /usr/bin/time -o "$work/time" -f "$format" \
        "$scripts/tshark-as-user" "$work/$home" -r "$file" -V > /dev/null 2> "$work/stderr") || rc=$?
    measured=$(tail -n 1 "$work/time")
    if grep -q 'terminated by signal 24' "$work/time"; then measured=killed; return 0; fi
    what="$(basename "$file") -V ($home sipadv)"
    [ "$rc" = 0 ] || fail "$what: exit status $rc"
    if grep -Eq "$bad_stderr" "$work/stderr"; then
        fail "$what: stderr says $(grep -E "$bad_stderr" "$work/stderr" | head -n 1)"
    fi
}

check_capture "$cap/reason-flood-tcp.pcap"
check_capture "$cap/reason-flood-udp.pcap" -c "$udp_sample"
check_capture "$cap/long-texts.pcap"

measure without "$cap/reason-flood-tcp.pcap" %M
base=$measured
measure with "$cap/reason-flood-tcp.pcap" %M
ratio=$(awk -v a="$measured" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
within "$measured" "$(awk -v b="$base" -v r="$max_rss_ratio" 'BEGIN { printf "%.0f", b * r }')" \
    "reason-flood-tcp.pcap -V: peak RSS $measured KiB with sipadv, $base KiB without (x$ratio, bound x$max_rss_ratio)"

# CPU: user + sys. The run with sipadv is stopped (SIGXCPU) once it is clearly over.
cpu() { awk -v t="$measured" 'BEGIN { split(t, a, " "); print a[1] + a[2] }'; }
measure without "$cap/reason-flood-udp.pcap" '%U %S'
base=$(cpu)
bound=$(awk -v b="$base" -v r="$cpu_ratio" -v s="$cpu_slack" 'BEGIN { print b * r + s }')
stop=$(awk -v b="$bound" 'BEGIN { print int(b) + 2 }')
measure with "$cap/reason-flood-udp.pcap" '%U %S' "$stop"
if [ "$measured" = killed ]; then
    fail "reason-flood-udp.pcap -V: CPU with sipadv over $stop s (stopped there), $base s without (bound $bound s)"
else
    within "$(cpu)" "$bound" "reason-flood-udp.pcap -V: CPU $(cpu) s with sipadv, $base s without (bound $bound s)"
fi

# long-texts.pcap: the field checks; each case is named by its Call-ID, the
# control-* frames prove that the field is there to be checked.
fields() { ts with -r "$cap/long-texts.pcap" -T fields -e sip.Call-ID "$@" 2> /dev/null | sed 's/@hostile.example//'; }
fields -e sipadv.reason.cause > "$work/cause"
# "CALL-ID=CAUSE" for every cause above 65535 and every cause on the out-of-range frames.
wrong=$(awk -F'\t' '{ n = split($2, c, ",")
    for (i = 1; i <= n; i++) if (c[i] + 0 > 65535 || $1 == "cause-65536" || $1 == "cause-99999") printf " %s=%s", $1, c[i] }' "$work/cause")
if ! grep -qx 'control-cause-17	17' "$work/cause"; then
    fail "long-texts.pcap: sipadv.reason.cause is missing on control-cause-17: the cause check is blind"
elif [ -n "$wrong" ]; then
    fail "long-texts.pcap: sipadv.reason.cause above 65535 or present on an out-of-range cause:$wrong"
else
    ok "long-texts.pcap: sipadv.reason.cause never above 65535, absent on cause=65536 and cause=99999"
fi

fields -Y sipadv.missing_to_tag > "$work/untagged"
if ! grep -qx control-no-to-tag "$work/untagged"; then
    fail "long-texts.pcap: sipadv.missing_to_tag does not fire on control-no-to-tag: the To-tag check is blind"
elif grep -qx to-unclosed "$work/untagged"; then
    fail "long-texts.pcap: sipadv.missing_to_tag fires on 'To: <sip:bob@example.com;tag=abc' (unclosed <, tag present)"
else
    ok "long-texts.pcap: sipadv.missing_to_tag stays silent on the unclosed '<' To with a tag"
fi

fields -e sipadv.ims.type > "$work/type"
if ! grep -qx 'control-ims-type	emergency' "$work/type"; then
    fail "long-texts.pcap: sipadv.ims.type is not 'emergency' on control-ims-type: the <type> check is blind"
elif grep '^ims-type-nested	' "$work/type" | grep -q '<type>'; then
    fail "long-texts.pcap: sipadv.ims.type contains '<type>' on nested <type>: $(grep '^ims-type-nested	' "$work/type" | cut -f2)"
else
    ok "long-texts.pcap: sipadv.ims.type holds no '<type>' on nested <type>"
fi

if [ "$failures" -gt 0 ]; then
    echo "hostile: $failures check(s) failed" >&2
    exit 1
fi
echo "hostile: all checks passed"
