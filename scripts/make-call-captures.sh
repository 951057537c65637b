#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make-call-captures.sh - regenerate captures/calls-udp.pcapng: twelve whole
# SIP calls (dialog set-up, mid-dialog requests, tear-down or failure) between
# SIPp user agents over UDP, without any proxy:
#
#   sipp UAC    127.0.0.100:5090   scripts/captures/sipp/calls-uac-*.xml
#   sipp UASes  127.0.0.20 ... 127.0.0.31 port 5070, one per step
#               (-m 1: one call, then it exits)  calls-uas-*.xml
#
# The steps run one after another (0.5 s apart), each a new sipp UAC process
# and so a new Call-ID. The UAC's INVITEs carry retrans="500" so that SIPp
# retransmits them like a real UA (RFC 3261 Timer A); only step 4, whose
# UAS waits 1200 ms before its 100 Trying, makes use of it.
#
# Run as root on Debian 12: installs missing packages (sip-tester, tshark,
# wireshark-common, iproute2) with apt-get, records with dumpcap on lo
# (capture filter "udp and (port 5070 or port 5090)"), keeps only SIP frames,
# puts a pcapng comment on the first INVITE of every call, then checks every
# call message by message and fails loudly if anything is missing or extra.
# Re-running gives the same messages in the same order; timestamps, tags,
# branches and Call-IDs differ.
#
# Environment: OUT=dir (default: <repo>/captures), KEEP_WORK=1 keeps the work
# directory (raw capture, sipp logs and message traces) for debugging.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCEN=$ROOT/scripts/captures/sipp
OUT=${OUT:-$ROOT/captures}
KEEP_WORK=${KEEP_WORK:-0}

UAC_IP=127.0.0.100
UAC_PORT=5090
UAS_NET=127.0.0        # UAS of step N: $UAS_NET.$((UAS_FIRST + N - 1))
UAS_FIRST=20
UAS_PORT=5070
CALLEE=bob             # Request-URI / To user (sipp -s)
FILTER="udp and (port $UAS_PORT or port $UAC_PORT)"
# the checks use Wireshark's own SIP dissector only: an installed sipadv
# plugin (perhaps a development build) must not take part (a tshark without
# it accepts the option silently)
TSHARK=(tshark --disable-protocol sipadv)

LOG_TAG=make-call-captures
BUSY_HINT="another sipp?"
# shellcheck source-path=SCRIPTDIR source=captures/capture-lib.sh
. "$ROOT/scripts/captures/capture-lib.sh"

setup sipadv-call-captures

STEP=1
LABELS=()     # frame comment of each step
SEQS=()       # expected message sequence of each step
UAS_IPS=()    # UAS address of each step
# call LABEL UAS_SCENARIO UAC_SCENARIO 'EXPECTED SEQUENCE' [UAC sipp args]:
# one call from the UAC to a fresh UAS on its own address. The sequence lists
# the call's messages in order, ">" UAC -> UAS, "<" UAS -> UAC.
call() {
	local label=$1 uas_sf=$2 uac_sf=$3 seq=$4 ip=$UAS_NET.$((UAS_FIRST + STEP - 1)) uas_pid
	shift 4
	log "step $STEP: $label ($uac_sf -> $uas_sf at $ip)"
	LABELS+=("step $STEP: $label [$uac_sf -> $uas_sf at $ip:$UAS_PORT]")
	SEQS+=("$seq")
	UAS_IPS+=("$ip")
	timeout 60 sipp -sf "$SCEN/$uas_sf" -t u1 -i "$ip" -p "$UAS_PORT" -m 1 -nostdin \
		-timeout 30s -timeout_error -trace_err -trace_msg \
		>"$WORK/step$STEP-uas-$ip.log" 2>&1 &
	uas_pid=$!
	PIDS+=("$uas_pid")
	wait_listen u "$ip" "$UAS_PORT"
	if ! timeout 60 sipp -sf "$SCEN/$uac_sf" -t u1 -i "$UAC_IP" -p "$UAC_PORT" -m 1 -nostdin \
		-s "$CALLEE" -timeout 30s -timeout_error -trace_err -trace_msg "$@" "$ip:$UAS_PORT" \
		>"$WORK/step$STEP-uac.log" 2>&1; then
		die "UAC step $STEP ($label) failed, see $WORK/step$STEP-uac.log"
	fi
	wait "$uas_pid" || die "UAS of step $STEP ($label) failed, see $WORK/step$STEP-uas-$ip.log"
	forget "$uas_pid"
	STEP=$((STEP + 1))
	sleep 0.5   # calls clearly apart in time
}

# ---------------------------------------------------------------- record
port_free u "$UAC_PORT"
port_free u "$UAS_PORT"
mkdir -p "$OUT"
RAW=$WORK/calls-raw.pcapng
SIPONLY=$WORK/calls-sip.pcapng
FINAL=$WORK/calls-udp.pcapng
log "UDP capture"
start_capture "$RAW"

call "completed-callee-bye: answered, the callee hangs up" \
	calls-uas-callee-bye.xml calls-uac-callee-bye.xml \
	'>INVITE <100 <180 <200 >ACK <BYE >200'
call "dropped-reason: answered, callee BYE with Reason Q.850 cause 41" \
	calls-uas-callee-bye-reason.xml calls-uac-callee-bye.xml \
	'>INVITE <100 <180 <200 >ACK <BYE >200'
call "answered-no-bye: answered, nobody hangs up" \
	calls-uas-no-bye.xml calls-uac-no-bye.xml \
	'>INVITE <100 <180 <200 >ACK'
call "late-100: 100 after 1.2 s, INVITE retransmitted, caller BYE" \
	calls-uas-late-100.xml calls-uac-call.xml \
	'>INVITE >INVITE <100 <180 <200 >ACK >BYE <200'
call "reinvite: answered, re-INVITE 200, caller BYE" \
	calls-uas-reinvite.xml calls-uac-reinvite.xml \
	'>INVITE <100 <180 <200 >ACK >INVITE <200 >ACK >BYE <200'
call "reinvite-481: answered, re-INVITE 481, no BYE" \
	calls-uas-reinvite-481.xml calls-uac-reinvite-481.xml \
	'>INVITE <200 >ACK >INVITE <481 >ACK'
call "auth-ok: INVITE 401, INVITE with Authorization answered, caller BYE" \
	calls-uas-auth-ok.xml calls-uac-auth.xml \
	'>INVITE <401 >ACK >INVITE <100 <180 <200 >ACK >BYE <200' -au alice -ap secret -auth_uri "$CALLEE@ims.example.net"
call "auth-rejected: INVITE 401, INVITE with Authorization 401 again" \
	calls-uas-auth-rejected.xml calls-uac-auth-rejected.xml \
	'>INVITE <401 >ACK >INVITE <401 >ACK' -au alice -ap secret -auth_uri "$CALLEE@ims.example.net"
call "no-answer-480: rings 1 s, 480 Temporarily Unavailable" \
	calls-uas-480.xml calls-uac-rejected.xml \
	'>INVITE <100 <180 <480 >ACK'
call "caller-cancel: rings, CANCEL after 500 ms, 487" \
	calls-uas-cancel.xml calls-uac-cancel.xml \
	'>INVITE <100 <180 >CANCEL <200 <487 >ACK'
call "overload-503: 503 Service Unavailable, Retry-After 5" \
	calls-uas-503.xml calls-uac-rejected.xml \
	'>INVITE <503 >ACK'
call "busy-486: rings, 486 Busy Here with Reason Q.850 cause 17" \
	calls-uas-486.xml calls-uac-rejected.xml \
	'>INVITE <100 <180 <486 >ACK'

stop_capture

# ---------------------------------------------------------------- finish
# keep only SIP frames (nothing else should match the capture filter anyway)
filter_capture "$RAW" "$SIPONLY" sip

list_calls "$SIPONLY" "$UAC_IP"
ncid=$(cut -f2 "$MSGS" | sort -u | grep -c .)
[ "$ncid" = "${#LABELS[@]}" ] || die "$ncid Call-IDs in the capture, ${#LABELS[@]} steps run"

annotate "$SIPONLY" "$FINAL" "sipadv test capture (SIP calls over UDP), generated by the sipadv project with scripts/make-call-captures.sh: SIPp $(sipp_version) UAC and UASes talking directly (no proxy) on loopback addresses only" \
	"${FIRSTS[@]}"

# ---------------------------------------------------------------- checks
F=$FINAL

# sequence STEP: the call's messages in frame order, written as in call()
sequence() {
	awk -F'\t' -v uac="$UAC_IP" -v cid="${CIDS[$(($1 - 1))]}" '$2 == cid {
		printf "%s%s%s", (n++ ? " " : ""), ($3 == uac ? ">" : "<"), ($4 != "" ? $4 : $5)
	}' "$MSGS"
}
for i in "${!SEQS[@]}"; do
	got=$(sequence $((i + 1)))
	if [ "$got" != "${SEQS[$i]}" ]; then
		log "step $((i + 1)): message sequence differs"
		log "   want: ${SEQS[$i]}"
		log "   got:  $got"
		FAIL=1
	fi
done

# expect_call STEP 'DISPLAY FILTER' MIN [MAX] DESCRIPTION: within call STEP, MIN
# to MAX frames match. The checks are collected and counted in one tshark
# pass (io,stat: one column per filter; filters must not contain commas).
X_FILT=()
X_MIN=()
X_MAX=()
X_DESC=()
expect_call() {
	local step=$1 filt=$2 min=$3 max=999999 desc
	if [ $# -eq 5 ]; then max=$4 desc=$5; else desc=$4; fi
	X_FILT+=("sip.Call-ID == \"${CIDS[$((step - 1))]}\" && ($filt)")
	X_MIN+=("$min")
	X_MAX+=("$max")
	X_DESC+=("step $step: $desc [$filt]")
}

for i in "${!SEQS[@]}"; do
	s=$((i + 1))
	# every call: only the UAC and this step's UAS
	expect_call "$s" "!(ip.addr == $UAC_IP && ip.addr == ${UAS_IPS[$i]})" 0 0 "frames between other hosts"
	# every call starts with an INVITE offering AMR-WB
	expect_call "$s" 'sip.Method == "INVITE" && sip.CSeq.seq == 1 && sdp.media_attr contains "AMR-WB"' 1 "INVITE with AMR-WB SDP"
done
# 1 completed-callee-bye
expect_call 1 'sip.Status-Code == 200 && sip.CSeq.method == "INVITE" && sdp' 1 "200 (SDP) to INVITE"
expect_call 1 "sip.Method == \"BYE\" && ip.src == ${UAS_IPS[0]} && sip.CSeq.seq == 1 && sip.from.tag && sip.to.tag && !sip.Reason" 1 1 "callee BYE (CSeq 1, both tags, no Reason)"
expect_call 1 "sip.Status-Code == 200 && sip.CSeq.method == \"BYE\" && ip.src == $UAC_IP" 1 "200 to BYE from the caller"
# 2 dropped-reason
expect_call 2 "sip.Method == \"BYE\" && ip.src == ${UAS_IPS[1]} && sip.Reason && sip.reason_cause_q850 == 41" 1 1 "callee BYE with Reason Q.850 cause 41"
expect_call 2 "sip.Status-Code == 200 && sip.CSeq.method == \"BYE\" && ip.src == $UAC_IP" 1 "200 to BYE from the caller"
# 3 answered-no-bye
expect_call 3 'sip.Status-Code == 200 && sip.CSeq.method == "INVITE" && sdp' 1 "200 (SDP) to INVITE"
expect_call 3 'sip.Method == "BYE"' 0 0 "no BYE"
# 4 late-100
expect_call 4 'sip.Method == "INVITE" && sip.CSeq.seq == 1' 2 "INVITE and its retransmission"
expect_call 4 'sip.Method == "INVITE" && sip.resend == 1' 1 "INVITE seen by Wireshark as resent"
expect_call 4 'sip.Status-Code == 100 && sip.CSeq.method == "INVITE"' 1 1 "100 Trying"
expect_call 4 "sip.Method == \"BYE\" && ip.src == $UAC_IP && sip.CSeq.seq == 2" 1 "caller BYE (CSeq 2)"
# 5 reinvite
expect_call 5 'sip.Method == "INVITE" && sip.CSeq.seq == 2 && sip.to.tag && sdp.owner.version == "2"' 1 1 "re-INVITE (To tag, CSeq 2, SDP version 2)"
expect_call 5 'sip.Status-Code == 200 && sip.CSeq.method == "INVITE" && sip.CSeq.seq == 2 && sdp' 1 "200 (SDP) to the re-INVITE"
expect_call 5 'sip.Method == "ACK" && sip.CSeq.seq == 2' 1 "ACK for the re-INVITE"
expect_call 5 "sip.Method == \"BYE\" && ip.src == $UAC_IP && sip.CSeq.seq == 3" 1 "caller BYE (CSeq 3)"
expect_call 5 'sip.Status-Code == 200 && sip.CSeq.method == "BYE"' 1 "200 to BYE"
# 6 reinvite-481
expect_call 6 'sip.Method == "INVITE" && sip.CSeq.seq == 2 && sip.to.tag' 1 1 "re-INVITE (To tag, CSeq 2)"
expect_call 6 'sip.Status-Code == 481 && sip.CSeq.method == "INVITE" && sip.CSeq.seq == 2' 1 1 "481 to the re-INVITE"
expect_call 6 'sip.Method == "ACK" && sip.CSeq.seq == 2' 1 "ACK for the 481"
expect_call 6 'sip.Method == "BYE"' 0 0 "no BYE"
# 7 auth-ok
expect_call 7 'sip.Status-Code == 401 && sip.CSeq.method == "INVITE" && sip.WWW-Authenticate && sip.auth.qop contains "auth"' 1 1 "401 with WWW-Authenticate (qop auth)"
expect_call 7 'sip.Method == "INVITE" && sip.CSeq.seq == 2 && sip.Authorization && sip.auth.username contains "alice"' 1 1 "INVITE with Authorization (CSeq 2)"
expect_call 7 'sip.Status-Code == 200 && sip.CSeq.method == "INVITE" && sip.CSeq.seq == 2' 1 "200 to the authenticated INVITE"
expect_call 7 "sip.Method == \"BYE\" && ip.src == $UAC_IP && sip.CSeq.seq == 3" 1 "caller BYE (CSeq 3)"
# 8 auth-rejected
expect_call 8 'sip.Status-Code == 401 && sip.CSeq.method == "INVITE" && sip.WWW-Authenticate && !sip.auth.stale' 2 2 "two 401s with WWW-Authenticate without stale"
expect_call 8 'sip.Status-Code == 401 && sip.CSeq.seq == 2' 1 1 "second 401 (CSeq 2)"
expect_call 8 'sip.Method == "INVITE" && sip.CSeq.seq == 2 && sip.Authorization' 1 1 "INVITE with Authorization (CSeq 2)"
expect_call 8 'sip.Status-Code == 200' 0 0 "no 200"
# 9 no-answer-480
expect_call 9 'sip.Status-Code == 180 && sip.CSeq.method == "INVITE"' 1 "180"
expect_call 9 'sip.Status-Code == 480 && sip.CSeq.method == "INVITE"' 1 1 "480 to INVITE"
# 10 caller-cancel
expect_call 10 'sip.Method == "CANCEL"' 1 1 "CANCEL"
expect_call 10 'sip.Status-Code == 200 && sip.CSeq.method == "CANCEL"' 1 1 "200 to CANCEL"
expect_call 10 'sip.Status-Code == 487 && sip.CSeq.method == "INVITE"' 1 1 "487 to INVITE"
# 11 overload-503
expect_call 11 'sip.Status-Code == 503 && sip.CSeq.method == "INVITE" && sip.Retry-After == 5' 1 1 "503 with Retry-After: 5"
# 12 busy-486
expect_call 12 'sip.Status-Code == 486 && sip.CSeq.method == "INVITE" && sip.Reason && sip.reason_cause_q850 == 17' 1 1 "486 with Reason Q.850 cause 17"

stat_arg="io,stat,0"
for f in "${X_FILT[@]}"; do
	case $f in *,*) die "comma in check filter [$f]" ;; esac
	stat_arg+=",$f"
done
"${TSHARK[@]}" -r "$F" -q -z "$stat_arg" >"$WORK/checks.txt" 2>"$WORK/tshark.err" ||
	die "tshark checks failed: $(cat "$WORK/tshark.err")"
# the single data row: | 0.0 <> T | frames1 | bytes1 | frames2 | bytes2 | ...
mapfile -t X_N < <(awk -F'|' '$2 ~ /<>/ { for (i = 3; i < NF; i += 2) { gsub(/ /, "", $i); print $i } }' "$WORK/checks.txt")
[ "${#X_N[@]}" = "${#X_FILT[@]}" ] ||
	die "tshark io,stat gave ${#X_N[@]} counts for ${#X_FILT[@]} checks, see $WORK/checks.txt"
for i in "${!X_FILT[@]}"; do
	n=${X_N[$i]}
	if [ "$n" -lt "${X_MIN[$i]}" ] || [ "$n" -gt "${X_MAX[$i]}" ]; then
		log "MISSING in ${X_DESC[$i]} (found $n, want ${X_MIN[$i]}..${X_MAX[$i]})"
		FAIL=1
	fi
done

# every call: CANCEL and the ACK for a non-2xx final response reuse the
# branch of their INVITE (RFC 3261 9.1, 17.1.1.3); the ACK for a 2xx is a
# transaction of its own (new branch)
"${TSHARK[@]}" -r "$F" -T fields -E separator=/t -E occurrence=f -e frame.number \
	-e sip.Call-ID -e sip.Method -e sip.Status-Code -e sip.CSeq.seq -e sip.CSeq.method \
	-e sip.Via.branch >"$WORK/branches.tsv" 2>/dev/null
bad=$(awk -F'\t' '
	$3 == "INVITE" && !(($2, $5) in inv) { inv[$2, $5] = $7 }
	$4 != "" && $6 == "INVITE" && $4 >= 300 { nonx[$2, $5] = 1 }
	$3 == "ACK" || $3 == "CANCEL" {
		k = $2 SUBSEP $5
		if (!(k in inv)) { print "frame " $1 ": " $3 " without INVITE"; next }
		same = ($7 == inv[k])
		if ($3 == "CANCEL" && !same) print "frame " $1 ": CANCEL branch differs from its INVITE"
		if ($3 == "ACK" && (k in nonx) && !same) print "frame " $1 ": ACK (non-2xx) branch differs from its INVITE"
		if ($3 == "ACK" && !(k in nonx) && same) print "frame " $1 ": ACK (2xx) reuses the INVITE branch"
	}' "$WORK/branches.tsv")
[ -z "$bad" ] || { log "branches: $bad"; FAIL=1; }
nbr=$(awk -F'\t' '$3 == "ACK" || $3 == "CANCEL"' "$WORK/branches.tsv" | grep -c . || true)
[ "$nbr" -ge 14 ] || { log "branches: only $nbr ACK/CANCEL frames checked"; FAIL=1; }
# whole file: the only retransmission is step 4's INVITE
n=$("${TSHARK[@]}" -r "$F" -Y 'sip.resend == 1' 2>/dev/null | grep -c . || true)
[ "$n" = 1 ] || { log "expected exactly 1 retransmission (step 4's INVITE), found $n"; FAIL=1; }

[ "$FAIL" = 0 ] || die "calls capture lacks expected messages (work dir $WORK)"

log "first INVITE of each step (step:frame): $(for i in "${!FIRSTS[@]}"; do printf '%s:%s ' $((i + 1)) "${FIRSTS[$i]}"; done)"
publish "$FINAL"
log "done"
