#!/bin/sh
# Runs every fuzz target (or those named) one after the other for SECONDS
# each (default 600), at low priority, and prints one summary line per
# target. Logs go to fuzz/artifacts/logs/, crashes to fuzz/artifacts/<target>/.
#
#   fuzz/run-all.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")"
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-$(cargo +nightly fuzz list)}
mkdir -p artifacts/logs
cargo +nightly fuzz build -a || exit 2
for t in $targets; do
    case $t in
        verify) max_len=32768 ;;
        *) max_len=16384 ;;
    esac
    mkdir -p "corpus/$t"
    log="artifacts/logs/$t.log"
    nice -n 10 cargo +nightly fuzz run -a "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$max_len" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    secs=$seconds
    [ -n "$runs" ] && [ -n "$rate" ] && [ "$rate" -gt 0 ] && secs=$((runs / rate))
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
    if [ $rc -eq 0 ]; then outcome=ok; else outcome="FAILED (exit $rc, see $log)"; fi
    echo "$t: ${runs:-?} executions in ~${secs}s, $cov, $outcome"
done
