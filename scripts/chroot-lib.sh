# SPDX-License-Identifier: GPL-2.0-or-later
# . scripts/chroot-lib.sh   (sourced, POSIX sh; by scripts/matrix.sh and bench/matrix-run.sh)
# The Debian chroots in which sipadv is built against other Wiresharks: trixie
# (4.4) and forky (4.6), created once and cached in $SIPADV_MATRIX_CACHE/<release>
# (default /var/cache/sipadv-matrix), plus "host" for this machine.
# The caller sets src (the repository root, also the current directory) and
# defines log MESSAGE; it calls cleanup on exit, which unmounts what
# mount_proc mounted.
#   check_releases PROG RELEASE...     exit 2 unless each is trixie, forky or host
#   create RELEASE DIR                 debootstrap DIR unless it is ready
#   use_release RELEASE TREE HOST_TMP  sets root, tree, label and run LIMIT CMD
#   wireshark_version                  the Wireshark where run runs, or ?
#   copy_tree DEST                     the working tree into DEST
#   print_table                        |-separated rows on stdin as columns
cache=${SIPADV_MATRIX_CACHE:-/var/cache/sipadv-matrix}
mirror=${SIPADV_MATRIX_MIRROR:-http://deb.debian.org/debian}
# Time limit of creating a chroot, in seconds.
t_create=${SIPADV_MATRIX_T_CREATE:-1200}
matrix_releases="trixie forky host"

check_releases() {
    prog=$1; shift
    for r in "$@"; do
        case $r in trixie|forky|host) ;; *) echo "$prog: unknown release $r (trixie, forky, host)" >&2; exit 2 ;; esac
    done
}

mounted=""
cleanup() {
    for m in $mounted; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    mounted=""
}

# mount_proc DIR: tshark as nobody via setpriv, ctest -j and glib need /proc.
# Called in this shell, never in a $(...) subshell, so cleanup knows the mount.
mount_proc() {
    if ! mountpoint -q "$1/proc"; then
        mount -t proc proc "$1/proc"
        mounted="$mounted $1/proc"
    fi
}

# in_root DIR TIMEOUT CMD: CMD in the chroot DIR (mount_proc DIR first).
in_root() {
    dir=$1 limit=$2; shift 2
    timeout -k 30 "$limit" chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/sh -c "$*"
}

# create RELEASE DIR: a minimal Debian with what scripts/deps.sh would install.
create() {
    rel=$1 dir=$2
    [ -f "$dir/.sipadv-matrix-ready" ] && return 0
    log "creating the $rel chroot in $dir (once; cached afterwards)"
    script=$rel
    if [ ! -e "/usr/share/debootstrap/scripts/$rel" ]; then
        # Old debootstraps do not know the newest code names; they bootstrap like sid.
        ln -s sid "/usr/share/debootstrap/scripts/$rel"
    fi
    command -v debootstrap > /dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
    rm -rf "$dir"
    # minbase only: debootstrap's own resolver fails on Wireshark 4.6's virtual
    # dependencies, so everything else comes from apt inside the chroot.
    timeout -k 30 "$t_create" debootstrap --variant=minbase "$script" "$dir" "$mirror"
    # The mirror's testing index may be past its Valid-Until date.
    echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99sipadv-matrix"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    # scripts/deps.sh installs the rest (it runs apt-get update itself).
    mkdir -p "$dir/root/deps"
    cp "$src/scripts/deps.sh" "$dir/root/deps/deps.sh"
    mount_proc "$dir"
    in_root "$dir" "$t_create" /root/deps/deps.sh
    touch "$dir/.sipadv-matrix-ready"
}

# use_release RELEASE TREE HOST_TMP: where RELEASE's copy of the working tree
# goes (tree: /TREE in the chroot, or a new folder HOST_TMP.XXXXXX for host),
# and run LIMIT CMD, which runs CMD there (in the chroot, with /proc mounted)
# within LIMIT seconds. The chroot must exist (create).
use_release() {
    if [ "$1" = host ]; then
        root=""
        tree=$(mktemp -d "$3.XXXXXX")
        chmod 755 "$tree"
        run() { limit=$1; shift; (cd "$tree" && timeout -k 30 "$limit" /bin/sh -c "$*"); }
        label="host ($(. /etc/os-release && echo "${VERSION_CODENAME:-?}"))"
    else
        root=$cache/$1
        tree=$root$2
        mount_proc "$root"
        run() { limit=$1; shift; in_root "$root" "$limit" "cd '${tree#"$root"}' && $*"; }
        label=$1
    fi
}

# wireshark_version: prints the version of the Wireshark that run sees, or "?".
wireshark_version() {
    ver=$(run 60 "pkg-config --modversion wireshark 2>/dev/null || tshark -v 2>/dev/null | sed -n '1s/.*) \([0-9.]*\).*/\1/p'" 2>/dev/null || echo "?")
    ver=$(echo "$ver" | head -n 1)
    echo "${ver:-?}"
}

# copy_tree DEST: the working tree (tracked and untracked, not ignored) into DEST.
copy_tree() {
    rm -rf "$1"
    mkdir -p "$1"
    if git -C "$src" rev-parse --git-dir > /dev/null 2>&1; then
        git -C "$src" ls-files -z -co --exclude-standard |
            xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
            tar --null -T - -cf - | tar -xf - -C "$1"
    else
        tar --exclude='./build*' -cf - . | tar -xf - -C "$1"
    fi
}

# print_table: the |-separated rows on stdin, as left-aligned columns.
print_table() {
    awk -F'|' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; if (NF > nf) nf = NF }
        END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%-" w[i] + 2 "s", c[r, i]); sub(/ +$/, "", line); print line } }'
}
