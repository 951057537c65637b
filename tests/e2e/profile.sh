#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The "SIPADV" profile (profiles/SIPADV) as tshark -C uses it: its columns show
# each call's outcome and sipadv's hint (and the Info column no hint of its
# own); every colouring rule and filter button is a valid display filter, and
# each button selects what its label says on the project's captures.
#
# Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
scripts=$SIPADV_SRC/scripts
profile=$SIPADV_SRC/profiles/SIPADV
work=$(mktemp -d /tmp/sipadv-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/home"
"$scripts/require-plugin" "$work/home"
mkdir -p "$work/home/.config/wireshark/profiles"
cp -r "$profile" "$work/home/.config/wireshark/profiles/"
for c in calls-udp.pcapng crafted/volte.pcap; do cp "$SIPADV_SRC/captures/$c" "$work/"; done
chmod -R a+rX "$work"
ts() { "$scripts/tshark-as-user" "$work/home" "$@"; }

# Columns, two passes: every message of calls-udp's busy call (first INVITE, frame 75) says "busy";
# the 486 (frame 78) carries its hint; the Info column has no " — " hint (sipadv.info_hint is off in the profile).
ts -C SIPADV -2 -Y sip -r "$work/calls-udp.pcapng" > "$work/list" 2> "$work/err" || { cat "$work/err" >&2; fail "tshark -C SIPADV"; }
[ -s "$work/err" ] && { cat "$work/err" >&2; fail "tshark -C SIPADV printed errors"; }
hint=$(ts -2 -Y 'frame.number == 78' -r "$work/calls-udp.pcapng" -T fields -e sip.Status-Code -e sipadv.hint)
case $hint in 486*[a-z]*) ;; *) fail "no 486 with a hint at frame 78 of calls-udp: '$hint'" ;; esac
grep -q "^ *75 .* busy  *Request: INVITE" "$work/list" || fail "frame 75 lacks the call outcome column: $(sed -n 75p "$work/list")"
grep -q "^ *78 .*${hint#486	}" "$work/list" || fail "frame 78 lacks the hint column ('${hint#486	}'): $(sed -n 78p "$work/list")"
if grep -q " — " "$work/list"; then fail "the Info column still carries hints: $(grep -m1 " — " "$work/list")"; fi

# Every filter of the profile compiles; a button selects at least one frame where the label says it should.
expressions() {
    grep -v '^#' "$profile/colorfilters" | awk -F@ 'NF >= 4 { print $3 }'
    grep -v '^#' "$profile/dfilter_buttons" | sed 's/^"[^"]*","[^"]*","\(\([^"\\]\|\\.\)*\)".*/\1/; s/\\"/"/g'
}
n=0
expressions > "$work/filters"
while IFS= read -r f; do
    n=$((n + 1))
    ts -C SIPADV -r "$work/calls-udp.pcapng" -Y "$f" -c 1 > /dev/null 2> "$work/err" || fail "not a valid filter: $f ($(head -n 1 "$work/err"))"
done < "$work/filters"
[ "$n" -eq 11 ] || fail "read $n filters from the profile, expected 6 colouring rules and 5 buttons"
button() {  # LABEL CAPTURE: the button's filter selects at least one frame of the capture
    f=$(grep "^\"TRUE\",\"$1\"," "$profile/dfilter_buttons" | sed 's/^"[^"]*","[^"]*","\(\([^"\\]\|\\.\)*\)".*/\1/; s/\\"/"/g')
    [ -n "$f" ] || fail "no button \"$1\""
    [ "$(ts -C SIPADV -r "$work/$2" -Y "$f" | wc -l)" -gt 0 ] || fail "button \"$1\" ($f) selects nothing in $2"
}
button "Failed calls" calls-udp.pcapng
button "Dropped calls" calls-udp.pcapng
button "Auth rejected" calls-udp.pcapng
button "Retransmissions" calls-udp.pcapng
button "Cause mismatch" volte.pcap
echo "PASS: profile SIPADV: outcome and hint columns, $n valid filters, each button selects its frames"
