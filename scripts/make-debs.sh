#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make-debs.sh [RELEASE...]
# Builds the Debian package of sipadv for each Wireshark series: this machine
# (Debian 12, Wireshark 4.0), Debian 13 "trixie" (4.4) and testing "forky"
# (4.6) in the chroots of scripts/matrix.sh (created once, cached). RELEASE is
# host, trixie or forky; the default is all three. The packages land in dist/:
#   sipadv_<version>_wireshark<series>_amd64.deb
# each depending on its series' libwireshark only (CMakeLists.txt, CPack), so
# install each on the Debian it was built on: apt install ./sipadv_….deb
#
# CPack rather than a debian/ folder: the package's files are exactly what
# `cmake --install` installs (scripts/install-plugin.cmake), its version is the
# project's (what tshark -G plugins shows), and no debhelper is needed in the
# chroots. tests/e2e/deb.sh installs and removes the package on each series.
# Run as root.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
. "$src/scripts/chroot-lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "make-debs.sh: run as root (chroot)" >&2; exit 2; }
[ $# -gt 0 ] || set -- host trixie forky
check_releases make-debs.sh "$@"
mkdir -p "$cache" dist
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP
log() { echo "make-debs: $*" >&2; }

status=0
for rel in "$@"; do
    if [ "$rel" != host ]; then
        create "$rel" "$cache/$rel" > "/tmp/sipadv-debs-$rel.create.log" 2>&1 ||
            { log "creating the $rel chroot failed: /tmp/sipadv-debs-$rel.create.log"; status=1; continue; }
    fi
    use_release "$rel" /root/sipadv-deb /tmp/sipadv-deb-host
    copy_tree "$tree"
    log "$label: Wireshark $(wireshark_version): building the package"
    if run 900 'scripts/deps.sh > /dev/null && cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null &&
                cmake --build build-deb -j"$(nproc)" > /dev/null && cd build-deb && cpack -G DEB > /dev/null' \
        > "/tmp/sipadv-debs-$rel.log" 2>&1; then
        for deb in "$tree"/build-deb/sipadv_*.deb; do
            cp "$deb" dist/
            log "$label: dist/$(basename "$deb")"
        done
    else
        log "$label: failed, see /tmp/sipadv-debs-$rel.log"
        tail -n 20 "/tmp/sipadv-debs-$rel.log" >&2
        status=1
    fi
    cleanup
    [ "$rel" = host ] && rm -rf "$tree"
done
exit "$status"
