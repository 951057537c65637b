#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the Debian packages sipadv needs to build and test, if any is missing.
set -eu
# libc6-dev: gcc only recommends it; util-linux: setpriv, for running the tests as nobody.
need="cmake gcc libc6-dev make pkg-config libglib2.0-dev libwireshark-dev tshark util-linux time"
[ $# -gt 0 ] && need="$need $*"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "run as root (or install these packages):$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; the default answer is fine.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
