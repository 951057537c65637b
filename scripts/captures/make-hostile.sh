#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make-hostile.sh OUTDIR - write the hostile SIP captures of tests/e2e/hostile.sh
# into OUTDIR. They are large and deterministic, so they are generated at test
# time and never committed:
#
#   reason-flood-tcp.pcap  one 486 over TCP (127.0.0.1:5060 -> 127.0.0.2:40000)
#                          with 8 Reason headers of Q.850;cause=17 values (~1 MB),
#                          sent as 1460-byte segments that Wireshark reassembles
#   reason-flood-udp.pcap  2,000 copies of one ~60 KB UDP 486 whose one Reason
#                          header holds ~3,750 values
#   long-texts.pcap        small UDP responses, one per case; the Call-ID names
#                          the case (see the list at the end), the last three
#                          are sane controls for hostile.sh's checks
#
# UDP frames go 127.0.0.1:5060 -> 127.0.0.2:5060. Frame N is stamped
# 2025-01-01 00:00:00 UTC + N microseconds (the UDP copies all keep frame 1's).
set -eu

out=${1:?usage: make-hostile.sh OUTDIR}
# Sizes. A value is "Q.850;cause=17" plus ", ": 16 bytes. Wireshark rescans a
# growing TCP message on each segment, so its own time grows with the square of
# the size: 8 MB (8 x 62,500 values) costs tshark ~85 s of CPU without sipadv.
tcp_headers=8 tcp_values=7813     # 8 x 7,813 x 16 bytes: ~1.0 MB
tcp_segment=1460
udp_values=3750                   # ~60 KB; a UDP datagram must stay under 64 KiB
udp_copies=2000

export LC_ALL=C TZ=UTC
mkdir -p "$out"
work=$(mktemp -d /tmp/sipadv-hostile-gen.XXXXXX)
trap 'rm -rf "$work"' EXIT

# rep N TEXT [SEP]: TEXT N times, separated by SEP. awk reads \ooo escapes in TEXT.
rep() {
    awk -v n="$1" -v t="$2" -v sep="${3:-}" 'BEGIN { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? sep : ""), t }'
}

# response FILE TRANSPORT STATUS CALL-ID CSEQ FROM TO [HEADER...]: one SIP
# response with CRLF line ends; the body is $body (one line, may be empty).
body=
response() {
    file=$1 transport=$2 status=$3 callid=$4 cseq=$5 from=$6 to=$7
    shift 7
    {
        printf 'SIP/2.0 %s\r\n' "$status"
        printf 'Via: SIP/2.0/%s 127.0.0.2:5060;branch=z9hG4bK-%s\r\n' "$transport" "$callid"
        printf 'From: %s;tag=hostile-a\r\nTo: %s\r\n' "$from" "$to"
        printf 'Call-ID: %s@hostile.example\r\nCSeq: %s\r\n' "$callid" "$cseq"
        for h in "$@"; do printf '%s\r\n' "$h"; done
        printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body"
    } > "$file"
    body=
}

# topcap OUT PACKET-SIZE PORT-OPTION FILE...: a classic pcap with one frame per
# PACKET-SIZE bytes of each FILE (each FILE starts a new frame); PORT-OPTION is
# text2pcap's -u or -T. Over TCP, text2pcap numbers the segments consecutively.
topcap() {
    pcap=$1 size=$2 ports=$3
    shift 3
    # One hexdump line per packet, at offset 0. text2pcap's stderr is shown only
    # on failure: even with -q it writes a separator line there.
    for f in "$@"; do od -An -v -tx1 -w"$size" "$f"; done |
        awk '{ printf "2025-01-01 00:00:%02d.%06d\n000000%s\n", int(NR / 1000000), NR % 1000000, $0 }' |
        text2pcap -q -F pcap -m 262144 -t '%Y-%m-%d %H:%M:%S.%f' -4 127.0.0.1,127.0.0.2 "$ports" - "$pcap" \
            > /dev/null 2> "$work/text2pcap.err" || { cat "$work/text2pcap.err" >&2; exit 1; }
}

# replicate IN N OUT: IN's frames N times over, by doubling (mergecap opens
# every input at once, so N copies in one call could exceed the open-file limit).
replicate() {
    in=$1 copies=$2 rep_out=$3
    cp "$in" "$work/pow.pcap"
    rm -f "$rep_out"
    while [ "$copies" -gt 0 ]; do
        if [ $((copies % 2)) -eq 1 ]; then
            if [ -f "$rep_out" ]; then
                mergecap -a -F pcap -w "$work/acc.pcap" "$rep_out" "$work/pow.pcap"
                mv "$work/acc.pcap" "$rep_out"
            else
                cp "$work/pow.pcap" "$rep_out"
            fi
        fi
        copies=$((copies / 2))
        if [ "$copies" -gt 0 ]; then
            mergecap -a -F pcap -w "$work/acc.pcap" "$work/pow.pcap" "$work/pow.pcap"
            mv "$work/acc.pcap" "$work/pow.pcap"
        fi
    done
}

alice='<sip:alice@example.com>' bob='<sip:bob@example.com>;tag=hostile-b'
ims='ims.mnc001.mcc001.3gppnetwork.org'
q850=$(rep "$tcp_values" 'Q.850;cause=17' ', ')
set --
i=0
while [ "$i" -lt "$tcp_headers" ]; do set -- "$@" "Reason: $q850"; i=$((i + 1)); done
response "$work/tcp.sip" TCP '486 Busy Here' reason-flood-tcp '1 INVITE' "$alice" "$bob" "$@"
topcap "$out/reason-flood-tcp.pcap" "$tcp_segment" -T5060,40000 "$work/tcp.sip"

response "$work/udp.sip" UDP '486 Busy Here' reason-flood-udp '1 INVITE' "$alice" "$bob" \
    "Reason: $(rep "$udp_values" 'Q.850;cause=17' ', ')"
topcap "$work/udp-one.pcap" 65535 -u5060,5060 "$work/udp.sip"
replicate "$work/udp-one.pcap" "$udp_copies" "$out/reason-flood-udp.pcap"

# long-texts.pcap, one frame per case, in this order.
n=0
case_() { n=$((n + 1)); response "$work/long-$(printf %02d "$n").sip" UDP "$@"; }
alt_service() {  # the 3GPP TS 24.229 alternative-service body around a <type> content
    body="<?xml version=\"1.0\"?><ims-3gpp version=\"1\"><alternative-service><type>$1</type><reason>x</reason><action>emergency-registration</action></alternative-service></ims-3gpp>"
}
case_ '403 Forbidden' warning-20000 '2 REGISTER' "<sip:+15551230001@$ims>" "<sip:+15551230001@$ims>;tag=hostile-b" \
    "P-Asserted-Identity: <sip:+15551230001@$ims>" "Warning: 399 scscf.$ims \"$(rep 20000 W)\""
case_ '486 Busy Here' reason-protocol-5000 '1 INVITE' "$alice" "$bob" "Reason: $(rep 5000 X);cause=1"
alt_service "$(rep 5000 T)"
case_ '380 Alternative Service' ims-type-5000 '1 INVITE' "$alice" "$bob" 'Content-Type: application/3gpp-ims+xml'
case_ '486 Busy Here' cause-65536 '1 INVITE' "$alice" "$bob" 'Reason: Q.850;cause=65536'
case_ '486 Busy Here' cause-99999 '1 INVITE' "$alice" "$bob" 'Reason: Q.850;cause=99999'
case_ '486 Busy Here' to-unclosed '1 INVITE' "$alice" '<sip:bob@example.com;tag=abc'
alt_service '<type>emergency</type>'
case_ '380 Alternative Service' ims-type-nested '1 INVITE' "$alice" "$bob" 'Content-Type: application/3gpp-ims+xml'
case_ '486 Busy Here' reason-text-0x80 '1 INVITE' "$alice" "$bob" "Reason: Q.850;cause=17;text=\"$(rep 160 '\200')\""
# 67 x U+4E2D: 201 bytes, so that a cut at any byte count not divisible by 3 splits a character.
case_ '486 Busy Here' warning-utf8-201 '1 INVITE' "$alice" "$bob" "Warning: 399 proxy.example.com \"$(rep 67 '\344\270\255')\""
# Controls: the same checks must see a cause, a missing To tag and an IMS <type> here.
case_ '486 Busy Here' control-cause-17 '1 INVITE' "$alice" "$bob" 'Reason: Q.850;cause=17'
case_ '486 Busy Here' control-no-to-tag '1 INVITE' "$alice" '<sip:bob@example.com>'
alt_service emergency
case_ '380 Alternative Service' control-ims-type '1 INVITE' "$alice" "$bob" 'Content-Type: application/3gpp-ims+xml'
topcap "$out/long-texts.pcap" 65535 -u5060,5060 "$work"/long-*.sip
