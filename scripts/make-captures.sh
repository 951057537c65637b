#!/bin/bash
# make-captures.sh - regenerate the real-software SIP captures of sipadv:
#
#   captures/kamailio-udp.pcapng   sipp UACs -> kamailio -> sipp UASes over UDP
#   captures/kamailio-tcp.pcapng   the same over TCP (smaller set)
#
# Everything runs on loopback addresses only:
#   kamailio (proxy/registrar)  127.0.0.1:5060   scripts/captures/kamailio.cfg
#   sipp UAC                    127.0.0.100:5080 (TCP: 5081..5083) scripts/captures/sipp/uac-*.xml
#   sipp UASes                  127.0.0.2..10:5070 scripts/captures/sipp/uas-*.xml
#   127.0.0.99:5070             nobody listens (provokes 408 from kamailio tm)
#
# Run as root on Debian 12: installs missing packages (sip-tester, kamailio,
# tshark, wireshark-common, iproute2) with apt-get, records with dumpcap on lo,
# keeps only SIP/TCP frames, then checks that every expected response is in
# the result and fails loudly otherwise.  Re-running gives the same responses
# in the same order; timestamps, ports, tags, branches and Call-IDs differ.
#
# Environment: OUT=dir (default: <repo>/captures), KEEP_WORK=1 keeps the work
# directory (raw captures, sipp and kamailio logs) for debugging.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CFGDIR=$ROOT/scripts/captures
SCEN=$CFGDIR/sipp
OUT=${OUT:-$ROOT/captures}
KEEP_WORK=${KEEP_WORK:-0}

KAM=127.0.0.1:5060
UAC_IP=127.0.0.100
UAC_PORT=5080
UAS_PORT=5070
FILTER="port 5060 or port 5070 or port 5080"

log() { printf '[make-captures] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, dumpcap on lo)"

# ---------------------------------------------------------------- packages
POLICY_CREATED=0
install_missing() {
	local need=()
	command -v tshark   >/dev/null 2>&1 || need+=(tshark)
	command -v dumpcap  >/dev/null 2>&1 || need+=(wireshark-common)
	command -v editcap  >/dev/null 2>&1 || need+=(wireshark-common)
	command -v capinfos >/dev/null 2>&1 || need+=(wireshark-common)
	command -v sipp     >/dev/null 2>&1 || need+=(sip-tester)
	command -v kamailio >/dev/null 2>&1 || need+=(kamailio)
	command -v ss       >/dev/null 2>&1 || need+=(iproute2)
	[ ${#need[@]} -eq 0 ] && return 0
	log "installing: ${need[*]}"
	# do not let the kamailio package start its system service on 5060
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		POLICY_CREATED=1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${need[@]}"
	if [ "$POLICY_CREATED" = 1 ]; then
		rm -f /usr/sbin/policy-rc.d
		POLICY_CREATED=0
	fi
}

# ---------------------------------------------------------------- processes
WORK=
PIDS=()
cleanup() {
	local rc=$?
	local p
	set +e
	for p in "${PIDS[@]}"; do
		kill -0 "$p" 2>/dev/null && kill -INT "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	[ "$POLICY_CREATED" = 1 ] && rm -f /usr/sbin/policy-rc.d
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "$KEEP_WORK" = 1 ] || [ $rc -ne 0 ]; then
			log "work directory kept: $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# forget PID: drop a reaped child from PIDS (never signal a recycled PID)
forget() {
	local p keep=()
	for p in "${PIDS[@]}"; do
		[ "$p" = "$1" ] || keep+=("$p")
	done
	PIDS=("${keep[@]}")
}

install_missing
WORK=$(mktemp -d /tmp/sipadv-captures.XXXXXX)
cd "$WORK"

# wait_listen PROTO(u|t) IP PORT: poll (at most 10 s) until a socket is bound
wait_listen() {
	local i
	for i in $(seq 1 100); do
		if [ -n "$(ss -Hn -l -"$1" src "$2:$3" 2>/dev/null)" ]; then
			return 0
		fi
		sleep 0.1
	done
	die "nothing listening on $1 $2:$3"
}

port_free() {
	[ -z "$(ss -Hn -l -"$1" "sport = :$2" 2>/dev/null)" ] ||
		die "port $2 ($1) already in use on this host (a system kamailio? stop it first)"
}

DUMPCAP_PID=
start_capture() { # FILE
	dumpcap -i lo -f "$FILTER" -a duration:300 -q -w "$1" >"$WORK/dumpcap.log" 2>&1 &
	DUMPCAP_PID=$!
	PIDS+=("$DUMPCAP_PID")
	local i
	for i in $(seq 1 100); do
		grep -q "^File:" "$WORK/dumpcap.log" 2>/dev/null && break
		kill -0 "$DUMPCAP_PID" 2>/dev/null || die "dumpcap failed: $(cat "$WORK/dumpcap.log")"
		sleep 0.1
	done
	grep -q "^File:" "$WORK/dumpcap.log" || die "dumpcap did not start: $(cat "$WORK/dumpcap.log")"
	sleep 0.5
}
stop_capture() {
	sleep 1.5   # let dumpcap drain the kernel buffer before it is told to stop
	kill -INT "$DUMPCAP_PID"
	wait "$DUMPCAP_PID" || true
	forget "$DUMPCAP_PID"
}

KAM_PID=
start_kamailio() { # PROTO(u|t)
	port_free u 5060
	port_free t 5060
	timeout 300 kamailio -DD -E -f "$CFGDIR/kamailio.cfg" -Y "$WORK" -P "$WORK/kamailio.pid" \
		>"$WORK/kamailio-$1.log" 2>&1 &
	KAM_PID=$!
	PIDS+=("$KAM_PID")
	wait_listen "$1" 127.0.0.1 5060
	sleep 0.3
}
stop_kamailio() {
	kill -TERM "$KAM_PID"
	wait "$KAM_PID" || true
	forget "$KAM_PID"
}

T=u1        # sipp transport: u1 (UDP) or t1 (TCP)
L=u         # ss protocol letter
STEP=0
LABELS=()
UAS_PIDS=()
# uas IP SCENARIO [sipp args]: start one sipp UAS (one call, then it exits)
uas() {
	local ip=$1 sf=$2
	shift 2
	timeout 60 sipp -sf "$SCEN/$sf" -t "$T" -i "$ip" -p "$UAS_PORT" -m 1 -nostdin \
		-trace_err "$@" >"$WORK/$T-step$STEP-uas-$ip.log" 2>&1 &
	UAS_PIDS+=($!)
	PIDS+=($!)
	wait_listen "$L" "$ip" "$UAS_PORT"
}
# uac LABEL SERVICE SCENARIO [sipp args]: one call from the UAC; then waits
# for the UASes started for this step to finish
uac() {
	local label=$1 service=$2 sf=$3 p
	shift 3
	log "step $STEP: $label ($sf, user '$service')"
	LABELS+=("step $STEP: $label [$sf, user '$service']")
	# over TCP every step gets its own client port, so every call is a new
	# TCP connection with its own 4-tuple (no TIME_WAIT reuse)
	local port=$UAC_PORT
	[ "$T" = t1 ] && port=$((UAC_PORT + STEP))
	if ! timeout 60 sipp -sf "$SCEN/$sf" -t "$T" -i "$UAC_IP" -p "$port" -m 1 -nostdin \
		-s "$service" -timeout 30s -timeout_error -trace_err "$@" "$KAM" \
		>"$WORK/$T-step$STEP-uac.log" 2>&1; then
		die "UAC step $STEP ($label) failed, see $WORK/$T-step$STEP-uac.log"
	fi
	for p in "${UAS_PIDS[@]}"; do
		wait "$p" || die "UAS of step $STEP ($label) failed, see $WORK/$T-step$STEP-uas-*.log"
		forget "$p"
	done
	UAS_PIDS=()
	STEP=$((STEP + 1))
	sleep 0.2
}

# finish RAW FINAL TITLE: keep only SIP and TCP frames (nothing else should
# match the capture filter anyway), put a comment on the first frame of every
# step (the first request with a new Call-ID from the UAC) and a file comment
finish() {
	local f=$WORK/filtered.pcapng firsts args=() i kv sv
	tshark -r "$1" -Y 'sip || tcp' -F pcapng -w "$f" 2>"$WORK/tshark.err" ||
		die "tshark: $(cat "$WORK/tshark.err")"
	[ -s "$f" ] || die "empty capture $f"
	mapfile -t firsts < <(tshark -r "$f" -Y "ip.src == $UAC_IP && sip.Method" \
		-T fields -e frame.number -e sip.Call-ID 2>/dev/null | awk '!seen[$2]++ {print $1}')
	[ "${#firsts[@]}" = "${#LABELS[@]}" ] ||
		die "$(basename "$2"): ${#firsts[@]} calls in the capture, ${#LABELS[@]} steps run"
	for i in "${!firsts[@]}"; do
		args+=(-a "${firsts[$i]}:${LABELS[$i]}")
	done
	kv=$( (kamailio -v 2>/dev/null || true) | sed -n '1s/^version: \(kamailio [^ ]*\).*/\1/p')
	sv=$( (sipp -v 2>/dev/null || true) | sed -n 's/^ *SIPp \(v[^ ,-]*\).*/\1/p' | head -1)
	editcap -F pcapng --capture-comment "sipadv test capture ($3), generated by the sipadv project with scripts/make-captures.sh: SIPp $sv UAC/UAS and $kv on loopback addresses only" \
		"${args[@]}" "$f" "$2"
	LABELS=()
}

# ---------------------------------------------------------------- checks
FAIL=0
# expect FILE 'DISPLAY FILTER' MIN_COUNT DESCRIPTION
expect() {
	local out n
	if ! out=$(tshark -r "$1" -Y "$2" -T fields -e frame.number 2>"$WORK/tshark.err"); then
		log "tshark failed on [$2]: $(cat "$WORK/tshark.err")"
		FAIL=1
		return 0
	fi
	n=$(printf '%s' "$out" | grep -c . || true)
	if [ "$n" -lt "$3" ]; then
		log "MISSING in $(basename "$1"): $4 [$2] (found $n, want >= $3)"
		FAIL=1
	fi
}
# resp FILE CODE METHOD [extra filter]: at least one such response
resp() {
	local extra=${4:+ && $4}
	expect "$1" "sip.Status-Code == $2 && sip.CSeq.method == \"$3\"$extra" 1 "$2 to $3${4:+ with $4}"
}

# ================================================================ UDP
mkdir -p "$OUT"
RAW=$WORK/udp-raw.pcapng
UDP=$WORK/kamailio-udp.pcapng
T=u1 L=u STEP=1
log "UDP capture"
start_capture "$RAW"
start_kamailio u

uac "REGISTER 401 -> 200" alice uac-register.xml -au alice -ap secret -key contact 127.0.0.2:$UAS_PORT
uac "REGISTER 401 -> 403" mallory uac-register-forbidden.xml -au mallory -ap wrong -key contact 127.0.0.2:$UAS_PORT
uac "OPTIONS -> 200" "" uac-options.xml
uas 127.0.0.2 uas-answer.xml
uac "call 100/180/183/200, BYE 200" alice uac-call.xml
uas 127.0.0.2 uas-answer.xml
uac "INVITE 407 -> authenticated call" secure uac-call-auth.xml -au uac -ap secret
uas 127.0.0.3 uas-486.xml
uac "486 Busy Here" busy uac-invite.xml -key mf 70
uas 127.0.0.4 uas-500.xml
uac "500 Server Internal Error" error uac-invite.xml -key mf 70
uas 127.0.0.5 uas-603.xml
uac "603 Decline" decline uac-invite.xml -key mf 70
uas 127.0.0.6 uas-600.xml
uac "600 Busy Everywhere" everywhere uac-invite.xml -key mf 70
uas 127.0.0.7 uas-480.xml
uac "480 Temporarily Unavailable" away uac-invite.xml -key mf 70
uas 127.0.0.8 uas-302.xml
uac "302 Moved Temporarily" moved uac-invite.xml -key mf 70
uas 127.0.0.9 uas-488.xml
uac "488 Not Acceptable Here + Warning" codec uac-invite.xml -key mf 70
uas 127.0.0.10 uas-ringing.xml
uac "CANCEL: 200 CANCEL, 487 INVITE" ringing uac-cancel.xml
uac "404 Not Here (kamailio)" nobody uac-invite.xml -key mf 70
uac "503 + Retry-After (kamailio)" overload uac-invite.xml -key mf 70
uac "503 without Retry-After (kamailio)" down uac-invite.xml -key mf 70
uac "483 Too Many Hops (Max-Forwards: 0)" alice uac-invite.xml -key mf 0
uac "420 Bad Extension (Proxy-Require: foo)" alice uac-invite-proxyrequire.xml
uac "405 Method Not Allowed (SUBSCRIBE)" alice uac-subscribe.xml
uac "481 (BYE outside any dialog)" alice uac-bye-nodialog.xml
uac "408 Request Timeout (kamailio tm, nobody at 127.0.0.99)" timeout uac-invite.xml -key mf 70

stop_kamailio
stop_capture
finish "$RAW" "$UDP" "SIP over UDP"

F=$UDP
resp "$F" 100 INVITE
resp "$F" 180 INVITE
resp "$F" 183 INVITE 'sdp'
resp "$F" 200 INVITE 'sdp'
resp "$F" 200 BYE
resp "$F" 200 REGISTER
resp "$F" 200 OPTIONS
resp "$F" 200 CANCEL
resp "$F" 302 INVITE 'sip.Contact'
resp "$F" 401 REGISTER 'sip.WWW-Authenticate'
resp "$F" 403 REGISTER
resp "$F" 404 INVITE
resp "$F" 405 SUBSCRIBE 'sip.Allow'
resp "$F" 407 INVITE 'sip.Proxy-Authenticate'
resp "$F" 408 INVITE
resp "$F" 420 INVITE 'sip.Unsupported'
resp "$F" 480 INVITE
resp "$F" 481 BYE
resp "$F" 483 INVITE
resp "$F" 486 INVITE
resp "$F" 487 INVITE
resp "$F" 488 INVITE 'sip.Warning'
resp "$F" 500 INVITE
resp "$F" 503 INVITE 'sip.Retry-After == 30'
resp "$F" 503 INVITE '!sip.Retry-After'
resp "$F" 600 INVITE
resp "$F" 603 INVITE
# every response was relayed to the UAC (the UAC leg carries all of them)
expect "$F" "sip.Status-Code && ip.dst == $UAC_IP && sip.CSeq.method == \"INVITE\" && sip.Status-Code >= 300" 15 "15 final INVITE errors delivered to the UAC"
# no retransmitted responses: every transaction completed cleanly (only
# kamailio's INVITE to the silent 127.0.0.99 is retransmitted, by design)
resends() { # FILE FILTER
	tshark -r "$1" -Y "sip.resend == 1 && ($2)" 2>/dev/null | wc -l
}
[ "$(resends "$F" 'sip.Status-Code || ip.dst != 127.0.0.99')" = 0 ] ||
	{ log "unexpected SIP retransmissions in $(basename "$F")"; FAIL=1; }
[ "$FAIL" = 0 ] || die "UDP capture lacks expected responses (work dir $WORK)"

# ================================================================ TCP
RAW=$WORK/tcp-raw.pcapng
TCPF=$WORK/kamailio-tcp.pcapng
T=t1 L=t STEP=1
log "TCP capture"
start_capture "$RAW"
start_kamailio t

uac "REGISTER 401 -> 200 (TCP)" alice uac-register.xml -au alice -ap secret -key contact 127.0.0.2:$UAS_PORT
uas 127.0.0.2 uas-answer.xml
uac "call 100/180/183/200, BYE 200 (TCP)" alice uac-call.xml
uas 127.0.0.3 uas-486.xml
uac "486 Busy Here (TCP)" busy uac-invite.xml -key mf 70

stop_kamailio
stop_capture
finish "$RAW" "$TCPF" "SIP over TCP"

F=$TCPF
resp "$F" 401 REGISTER 'sip.WWW-Authenticate && tcp'
resp "$F" 200 REGISTER 'tcp'
resp "$F" 100 INVITE 'tcp'
resp "$F" 180 INVITE 'tcp'
resp "$F" 183 INVITE 'tcp'
resp "$F" 200 INVITE 'tcp'
resp "$F" 200 BYE 'tcp'
resp "$F" 486 INVITE 'tcp'
expect "$F" 'sip.Method == "ACK"' 2 "ACKs"
[ "$(tshark -r "$F" -Y udp 2>/dev/null | wc -l)" = 0 ] || { log "UDP frames in TCP capture"; FAIL=1; }
[ "$(resends "$F" 'sip')" = 0 ] || { log "unexpected SIP retransmissions in $(basename "$F")"; FAIL=1; }
[ "$FAIL" = 0 ] || die "TCP capture lacks expected responses (work dir $WORK)"

cp "$UDP" "$OUT/kamailio-udp.pcapng"
cp "$TCPF" "$OUT/kamailio-tcp.pcapng"
for f in "$OUT/kamailio-udp.pcapng" "$OUT/kamailio-tcp.pcapng"; do
	log "$(basename "$f"): $(capinfos -c -M "$f" | sed -n 's/^Number of packets: *//p') frames, $(stat -c %s "$f") bytes"
done
log "done"
