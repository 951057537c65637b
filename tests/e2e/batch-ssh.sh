#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/sipadv-batch past one machine: GNU parallel's --sshlogin, on
# loopback. Where OpenSSH's server is installed (sshd; the test does not
# install a server), a private sshd on 127.0.0.1 with a throw-away key is the
# "other machine"; otherwise GNU parallel's own ":" (this machine, no ssh)
# runs the same path. Either way the CSVs equal those of the local run.
#
# Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
scripts=$SIPADV_SRC/scripts
fail() { echo "FAIL: $*" >&2; exit 1; }
# The sanitized rerun preloads its runtimes into tshark; an ssh hop does not carry that through
# (scripts/tshark-as-user), and e2e_batch already runs the same tshark work under it.
if [ -n "${SIPADV_TSHARK_PRELOAD:-}" ]; then
    echo "SKIP: the sanitized rerun does not go through ssh (e2e_batch covers the same tshark runs)"
    exit 77
fi
"$scripts/deps.sh" parallel > /dev/null
work=$(mktemp -d /tmp/sipadv-batch-ssh.XXXXXX)
sshd_pid=
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/home"
"$scripts/require-plugin" "$work/home"
mkdir "$work/in"
cp "$SIPADV_SRC/captures/calls-udp.pcapng" "$SIPADV_SRC/captures/kamailio-udp.pcapng" "$work/in/"
chmod -R a+rX "$work/in"
export SIPADV_TSHARK="$scripts/tshark-as-user $work/home"

login=:
if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/sshd ] && command -v ssh > /dev/null; then
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
    cp "$work/user_key.pub" "$work/authorized_keys"
    port=$((20000 + $$ % 20000))
    cat > "$work/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $work/sshd.pid
EOF
    mkdir -p /run/sshd
    /usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log" || fail "sshd did not start: $(cat "$work/sshd.log")"
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$work/sshd.pid" ] && break; sleep 0.2; done
    sshd_pid=$(cat "$work/sshd.pid")
    login="ssh -p $port -i $work/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR root@127.0.0.1"
    ssh_to() { $login "$@"; }
    ssh_to true || fail "no ssh to the loopback sshd: $(cat "$work/sshd.log")"
fi

"$scripts/sipadv-batch" -o "$work/local" "$work/in" 2> "$work/local.log" || { cat "$work/local.log" >&2; fail "the local run failed"; }
"$scripts/sipadv-batch" -o "$work/remote" --sshlogin "$login" "$work/in" 2> "$work/remote.log" ||
    { cat "$work/remote.log" >&2; fail "the --sshlogin run failed"; }
for f in calls.csv registrations.csv; do
    cmp -s "$work/local/$f" "$work/remote/$f" || fail "$f differs between the local and the --sshlogin run"
done
[ "$(wc -l < "$work/remote/calls.csv")" -eq 29 ] || fail "calls.csv: $(wc -l < "$work/remote/calls.csv") lines, expected a header and 28"
if [ -n "$sshd_pid" ]; then
    grep -q 'Accepted publickey for root' "$work/sshd.log" || fail "no job went through the loopback sshd"
    echo "PASS: sipadv-batch --sshlogin through ssh to 127.0.0.1 gave the local run's CSVs"
else
    echo "PASS: sipadv-batch --sshlogin : (GNU parallel, no sshd installed here) gave the local run's CSVs"
fi
