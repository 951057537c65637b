#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make-esp-capture.sh: captures/esp/gm-null-esp.pcap, a VoLTE Gm exchange as the
# UE and P-CSCF send it inside IPsec ESP with NULL encryption (ealg=null, the
# common case on Gm; 3GPP TS 33.203): a 200 OK to REGISTER and a 486 whose
# Reason contradicts it. Wireshark reads the SIP inside once its
# esp.enable_null_encryption_decode_heuristic preference is on.
# Raw IPv4 frames (link type 228) written with text2pcap; fixed bytes, so the
# output is reproducible.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/captures/esp/gm-null-esp.pcap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

perl - "$work/esp.txt" <<'PERL'
use strict; use warnings;
my $ims = 'ims.mnc001.mcc001.3gppnetwork.org';
my @messages = (
  "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-esp-1\r\n" .
  "From: <sip:+15551230001\@$ims>;tag=ue-esp1\r\nTo: <sip:+15551230001\@$ims>;tag=scscf-esp1\r\n" .
  "Call-ID: esp-register-1\@10.0.0.1\r\nCSeq: 2 REGISTER\r\n" .
  "Contact: <sip:+15551230001\@10.0.0.1:5062>;expires=600000\r\n" .
  "P-Associated-URI: <sip:+15551230001\@$ims>\r\nContent-Length: 0\r\n\r\n",
  "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-esp-2\r\n" .
  "From: <sip:+15551230001\@$ims>;tag=ue-esp2\r\nTo: <tel:+15551230002>;tag=mgcf-esp2\r\n" .
  "Call-ID: esp-invite-2\@10.0.0.1\r\nCSeq: 1 INVITE\r\nRetry-After: 60\r\n" .
  "Reason: Q.850;cause=1;text=\"Unallocated (unassigned) number\"\r\nContent-Length: 0\r\n\r\n",
);
sub csum { my $s = 0; $s += $_ for unpack('n*', $_[0]); $s = ($s >> 16) + ($s & 0xffff) while $s >> 16; return ~$s & 0xffff; }
open(my $fh, '>', $ARGV[0]) or die;
my $seq = 0;
for my $sip (@messages) {
    $seq++;
    my $udp = pack('nnnn', 5064, 5062, 8 + length($sip), 0) . $sip;
    my $pad = (4 - ((length($udp) + 2) % 4)) % 4;
    my $esp = pack('NN', 0x1111, $seq) . $udp . pack('C*', 1 .. $pad) . pack('CC', $pad, 17) . ("\xaa" x 12);
    my $ip = pack('CCnnnCCna4a4', 0x45, 0, 20 + length($esp), $seq, 0, 64, 50, 0, pack('C4', 10, 0, 0, 2), pack('C4', 10, 0, 0, 1));
    substr($ip, 10, 2) = pack('n', csum($ip));
    my $pkt = $ip . $esp;
    printf $fh "2025-01-01 00:00:%02d.000000\n", $seq;
    for (my $i = 0; $i < length($pkt); $i += 16) {
        printf $fh "%06x %s\n", $i, join(' ', map { sprintf '%02x', $_ } unpack('C*', substr($pkt, $i, 16)));
    }
}
close $fh;
PERL
text2pcap -q -F pcap -l 228 -t '%Y-%m-%d %H:%M:%S.%f' "$work/esp.txt" "$out" > /dev/null
echo "wrote $out"
