#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# matrix-run.sh [--release RELEASE ...] [--] [run.sh arguments...]
#
# Runs the benchmark, bench/run.sh, against other Wiresharks: in the Debian
# chroots of scripts/matrix.sh, trixie (4.4) and forky (4.6), and on this
# machine, host (4.0). RELEASE is trixie, forky or host; --release may be
# repeated or given a comma list; the default is all three. For each release:
#   1. copies the working tree (as scripts/matrix.sh does) to /root/sipadv-bench
#      in the chroot, or to a temporary folder for host;
#   2. builds the plugin there: cmake -S . -B build && cmake --build build;
#   3. links (or copies) the benchmark capture into its bench/out/: made once,
#      here, by bench/make-capture.sh when missing (needs sipp, dumpcap, root);
#   4. runs bench/run.sh there with the other arguments (e.g. --packets 20000
#      --workloads read,filter --check; not --plugin);
#   5. copies the report and raw numbers back to
#      bench/out/RELEASE-results-STAMP{.md,.tsv,-cosched.tsv}.
# Logs: bench/out/RELEASE-build.log, bench/out/RELEASE-run.log.
#
# Run as root, and not while scripts/matrix.sh runs (both mount the chroots'
# /proc, and its tests would skew the timings). A missing chroot is created as
# scripts/matrix.sh creates it, once (SIPADV_MATRIX_CACHE, see chroot-lib.sh).
# Time limits in seconds: SIPADV_BENCH_T_BUILD (default 900) and
# SIPADV_BENCH_T_RUN (default 21600) per release.
# Exit status: 0 when every release was measured (and passed run.sh's --check,
# if given), 1 otherwise, 2 on usage errors.
set -euo pipefail

cd "$(dirname "$0")/.."
src=$(pwd)
. "$src/scripts/chroot-lib.sh"
t_build=${SIPADV_BENCH_T_BUILD:-900}
t_run=${SIPADV_BENCH_T_RUN:-21600}
out=$src/bench/out

log() { echo "matrix-run: $*" >&2; }
usage() {
    sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
    exit 2
}

releases=() run_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --release) [ $# -ge 2 ] || usage; IFS=, read -ra r <<<"$2"; releases+=("${r[@]}"); shift 2 ;;
        --) shift; run_args+=("$@"); break ;;
        -h|--help) usage ;;
        *) run_args+=("$1"); shift ;;
    esac
done
[ ${#releases[@]} -gt 0 ] || read -ra releases <<<"$matrix_releases"
check_releases matrix-run.sh "${releases[@]}"
[ "$(id -u)" -eq 0 ] || { echo "matrix-run.sh: run as root (chroot, tshark as nobody, dumpcap)" >&2; exit 2; }
if pids=$(pgrep -f 'scripts/matrix\.sh'); then
    echo "matrix-run.sh: scripts/matrix.sh is running (pid ${pids//$'\n'/ }): wait for it to finish" >&2
    exit 2
fi

# The capture: run.sh's default or --capture FILE (a host path), which becomes
# bench/out/NAME in each copy of the tree.
capture=bench/out/sip-heavy.pcap
for ((i = 0; i < ${#run_args[@]}; i++)); do
    case ${run_args[i]} in
        --plugin) echo "matrix-run.sh: no --plugin: each release builds its own" >&2; exit 2 ;;
        --capture)
            [ $((i + 1)) -lt ${#run_args[@]} ] || usage
            capture=${run_args[i + 1]}
            run_args[i + 1]=bench/out/$(basename "$capture") ;;
    esac
done
case $capture in /*) ;; *) capture=$src/$capture ;; esac
mkdir -p "$out"
if [ ! -f "$capture" ]; then
    [ "$capture" = "$out/sip-heavy.pcap" ] || { log "error: no capture at $capture"; exit 1; }
    log "no capture at $capture: making it once with bench/make-capture.sh (about a minute)"
    bench/make-capture.sh "$capture"
fi

# shquote ARG...: the arguments quoted for sh -c.
shquote() {
    local a q=\'
    for a in "$@"; do printf "'%s' " "${a//$q/$q\\$q$q}"; done
}
run_cmd="bench/run.sh $(shquote ${run_args[@]+"${run_args[@]}"})"

host_tree=""
status=0 rows=()
# finish: unmounts /proc and removes host's copy of the tree.
finish() {
    cleanup
    if [ -n "$host_tree" ]; then rm -rf "$host_tree"; host_tree=""; fi
}
trap finish EXIT
trap 'finish; exit 130' INT TERM HUP
# end_release ROW [failed]: records ROW (release|Wireshark|result|report), then finish.
end_release() {
    rows+=("$1")
    [ $# -lt 2 ] || status=1
    finish
}

for release in "${releases[@]}"; do
    start=$(date +%s)
    if [ "$release" != host ] && [ ! -f "$cache/$release/.sipadv-matrix-ready" ]; then
        if [ -d "$cache/$release" ]; then
            log "$release: $cache/$release is incomplete (being created by scripts/matrix.sh?): skipped"
            end_release "$release|?|chroot incomplete|-" failed; continue
        fi
        log "$release: creating the chroot, once (log: bench/out/$release-create.log)"
        mkdir -p "$cache"
        if ! create "$release" "$cache/$release" >"$out/$release-create.log" 2>&1; then
            tail -n 20 "$out/$release-create.log" >&2
            end_release "$release|?|chroot failed: bench/out/$release-create.log|-" failed; continue
        fi
    fi
    use_release "$release" /root/sipadv-bench /tmp/sipadv-bench-host
    [ "$release" = host ] && host_tree=$tree
    copy_tree "$tree"
    rm -rf "$tree/bench/out"   # copy_tree without git copies everything
    mkdir -p "$tree/bench/out"
    ln -f "$capture" "$tree/bench/out/" 2>/dev/null || cp "$capture" "$tree/bench/out/"

    ver=$(wireshark_version)
    log "$label: Wireshark $ver: building the plugin (log: bench/out/$release-build.log)"
    if ! run "$t_build" 'scripts/deps.sh && cmake -S . -B build && cmake --build build' >"$out/$release-build.log" 2>&1; then
        tail -n 30 "$out/$release-build.log" >&2
        end_release "$label|$ver|build failed: bench/out/$release-build.log|-" failed; continue
    fi
    log "$label: $run_cmd"
    rc=0
    run "$t_run" "$run_cmd" 2>&1 | tee "$out/$release-run.log" || rc=$?
    result=ok
    [ "$rc" -eq 0 ] || { result="run.sh exit $rc: bench/out/$release-run.log"; status=1; }
    [ "$rc" -ne 124 ] || result="timeout ${t_run}s: bench/out/$release-run.log"
    reports=""
    for f in "$tree"/bench/out/results-*; do
        [ -e "$f" ] || continue
        dest=$out/$release-$(basename "$f")
        cp "$f" "$dest"
        case $dest in
            *.md)
                echo "- Measured by \`bench/matrix-run.sh\` on $label${root:+ (chroot $root)}" >>"$dest"
                reports="$reports ${dest#"$src"/}" ;;
        esac
    done
    log "$label: done in $(( $(date +%s) - start ))s"
    end_release "$label|$ver|$result|${reports# }"
done

echo
printf '%s\n' "release|Wireshark|result|report" "${rows[@]}" | print_table
exit "$status"
