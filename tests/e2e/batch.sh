#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/sipadv-batch on three project captures and one file that is not a
# capture: the good files are all read, whatever the order they finish in; the
# broken one gets a line in errors.txt and exit status 1; one file at a time
# and two at once write the same CSVs. The expected lines were read off each
# capture's calls and registrations (README, docs/flows.md): calls-udp.pcapng
# has twelve calls, kamailio-udp.pcapng sixteen calls and two REGISTER
# attempts, offers-udp.pcapng six calls and two attempts.
#
# Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
scripts=$SIPADV_SRC/scripts
work=$(mktemp -d /tmp/sipadv-batch.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/home"
"$scripts/require-plugin" "$work/home"
mkdir "$work/in"
for c in calls-udp kamailio-udp offers-udp; do
    cp "$SIPADV_SRC/captures/$c.pcapng" "$work/in/"
done
printf 'SIP/2.0 200 OK\r\n\r\n' > "$work/in/notes.pcap"
chmod -R a+rX "$work/in"
export SIPADV_TSHARK="$scripts/tshark-as-user $work/home"
fail() { echo "FAIL: $*" >&2; exit 1; }

run() {  # OUT JOBS: the batch over the folder; its exit status must be 1 (one broken file)
    rc=0
    "$scripts/sipadv-batch" -o "$work/$1" -j "$2" "$work/in" 2> "$work/$1.log" || rc=$?
    [ "$rc" -eq 1 ] || { cat "$work/$1.log" >&2; fail "-j $2: exit status $rc, not 1 for one broken file"; }
}
run one 1
run two 2

out=$work/two
lines() { tail -n +2 "$1" | grep -c "^\"$work/in/$2\"" || true; }
for expect in "calls.csv calls-udp.pcapng 12" "calls.csv kamailio-udp.pcapng 16" "calls.csv offers-udp.pcapng 6" \
              "registrations.csv kamailio-udp.pcapng 2" "registrations.csv offers-udp.pcapng 2" \
              "registrations.csv calls-udp.pcapng 0"; do
    set -- $expect
    n=$(lines "$out/$1" "$2")
    [ "$n" -eq "$3" ] || fail "$1 has $n lines of $2, expected $3"
done
[ "$(wc -l < "$out/calls.csv")" -eq 35 ] || fail "calls.csv: $(wc -l < "$out/calls.csv") lines, expected a header and 34"
head -n 1 "$out/calls.csv" | grep -qx 'file,first_frame,start_epoch,caller,callee,outcome,final_code,pdd_s,setup_time_s,duration_s,ended_by,diagnosis,diagnosis_zh' ||
    fail "calls.csv header: $(head -n 1 "$out/calls.csv")"

# Lines checked field by field: calls-udp's busy call, kamailio-udp's refused registration.
grep -q "^\"$work/in/calls-udp.pcapng\",\"75\",\"[0-9.]*\",\"sip:alice@ims.example.net\",\"sip:bob@ims.example.net\",\"busy\",\"486\",\"0.05[0-9]*\",\"\",\"\",\"callee\",\"Busy after 256 ms: 486 Busy Here from 127.0.0.31, Reason Q.850 17 (User busy)\." "$out/calls.csv" ||
    fail "calls.csv lacks the busy call of calls-udp frame 75"
grep -q "^\"$work/in/kamailio-udp.pcapng\",\"5\",\"[0-9.]*\",\"sip:mallory@ims.example.net\",\"failed\",\"\",\"\",\"1\",\"Registration failed after 0.5 ms (1 challenge): 403 Forbidden" "$out/registrations.csv" ||
    fail "registrations.csv lacks mallory's refused registration (kamailio-udp frame 5)"

# The KPIs over the three captures: each ratio's numerator and denominator, each delay's sum and count, is
# the sum of what -z sipadv,kpi gives each capture alone.
for c in calls-udp kamailio-udp offers-udp; do
    $SIPADV_TSHARK -q -r "$work/in/$c.pcapng" -z sipadv,kpi 2> /dev/null |
        awk '/^[A-Z]+  / { n = split($0, k, /  +/); if (n == 8 && k[8] ~ /^[a-z_]+$/) { split(k[4], v, " "); print k[8], v[1], k[5] } }'
done | awk '{ num[$1] += $2; den[$1] += $3 } END { for (k in num) printf "%s %.6f %d\n", k, num[k], den[k] }' |
    sort > "$work/kpi-sums"
awk -F, 'NR > 1 { printf "%s %.6f %d\n", $1, $4, $5 }' "$out/kpi.csv" | sort > "$work/kpi-batch"
[ "$(wc -l < "$work/kpi-batch")" -eq 13 ] || fail "kpi.csv: $(wc -l < "$work/kpi-batch") KPIs, expected 13"
diff -u "$work/kpi-sums" "$work/kpi-batch" || fail "kpi.csv is not the sum of the captures' own KPIs (- sums, + batch)"
# calls-udp.pcapng alone: docs/kpi.md's worked example, by hand.
"$scripts/sipadv-batch" -o "$work/calls-only" "$work/in/calls-udp.pcapng" 2> /dev/null || fail "the batch on calls-udp failed"
for expect in "ser 7 12 58.333333" "seer 9 12 75.000000" "isa 1 12 8.333333" "scr 5 11 45.454545" "asr 7 12 58.333333" \
              "ner 9 12 75.000000" "srd_success 1530.691589000 7 218.670227" "sdd 0.907280000 5 0.181456" "ira 0 0 "; do
    set -- $expect
    got=$(awk -F, -v k="$1" '$1 == k { print $4, $5, $6 }' "$work/calls-only/kpi.csv")
    [ "$got" = "$2 $3 ${4:-}" ] || fail "kpi.csv on calls-udp: $1 is '$got', docs/kpi.md works out '$2 $3 ${4:-}'"
done

# The broken file: named in errors.txt and in the progress, the others still read.
grep -q "^$work/in/notes.pcap: .*isn't a capture file" "$out/errors.txt" || fail "errors.txt: $(cat "$out/errors.txt")"
[ "$(wc -l < "$out/errors.txt")" -eq 1 ] || fail "errors.txt should name one file: $(cat "$out/errors.txt")"
grep -q "FAILED $work/in/notes.pcap" "$work/two.log" || fail "no progress line for the broken file"
[ "$(grep -c ': [0-9]* calls, [0-9]* registrations' "$work/two.log")" -eq 3 ] || fail "not one progress line per good file"

# The order of the lines is the order of the files, however the jobs finish.
for f in calls.csv registrations.csv errors.txt kpi.csv; do
    cmp -s "$work/one/$f" "$work/two/$f" || fail "$f differs between -j 1 and -j 2"
done

# README's CSV recipe, run as written (tshark and calls.pcap standing for the
# build under test and calls-udp.pcapng), gives README's example line.
readme=$SIPADV_SRC/README.md
recipe=$(awk '/^### One line per call, as CSV/ { on = 1 } on && /^```sh/ { code = 1; next } code && /^```/ { exit }
              code { sub(/\\$/, ""); printf "%s", $0 }' "$readme")
example=$(awk '/^On `captures\/calls-udp.pcapng` the busy call reads:/ { on = 1 } on && /^```$/ { if (code) exit; code = 1; next }
               code { print }' "$readme")
[ -n "$recipe" ] && [ -n "$example" ] || fail "README's CSV recipe or its example line not found"
mkdir "$work/recipe"
cp "$SIPADV_SRC/captures/calls-udp.pcapng" "$work/recipe/calls.pcap"
chmod -R a+rwX "$work/recipe"
(cd "$work/recipe" && tshark() { $SIPADV_TSHARK "$@"; } && eval "$recipe")
grep -qxF "$example" "$work/recipe/calls.csv" || fail "README's CSV recipe does not give its example line: $(grep '"busy"' "$work/recipe/calls.csv")"
[ "$(wc -l < "$work/recipe/calls.csv")" -eq 13 ] || fail "README's CSV recipe: $(wc -l < "$work/recipe/calls.csv") lines, expected a header and 12 calls"

# Bad usage is exit status 2 with a reason.
rc=0; "$scripts/sipadv-batch" -o "$work/x" "$work/absent" 2> "$work/usage.log" || rc=$?
[ "$rc" -eq 2 ] && grep -q 'no such file' "$work/usage.log" || fail "a missing input: status $rc, $(cat "$work/usage.log")"
echo "PASS: sipadv-batch read 3 captures (34 calls, 4 registrations, their KPIs summed) and reported the broken file"
