#!/usr/bin/env bash
# The storefront benchmark suite. Usage: bench/run.sh [scenario...]   (default: every scenario)
#
# Scenarios live in bench/scenarios/NAME.sh and define scenario_NAME. See bench/README.md for what each one does,
# the settings (environment variables) and how long a run takes.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/pg.sh
source "$BENCH_DIR/lib/pg.sh"
# shellcheck source=lib/service.sh
source "$BENCH_DIR/lib/service.sh"
# shellcheck source=lib/dataset.sh
source "$BENCH_DIR/lib/dataset.sh"
# shellcheck source=lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"
# shellcheck source=lib/report.sh
source "$BENCH_DIR/lib/report.sh"

ALL_SCENARIOS=()
for file in "$BENCH_DIR"/scenarios/*.sh; do
    # shellcheck source=/dev/null
    source "$file"
    ALL_SCENARIOS+=("$(basename "$file" .sh)")
done

usage() {
    echo "usage: bench/run.sh [scenario...]   scenarios: ${ALL_SCENARIOS[*]} (default: all)" >&2
    exit 2
}

SCENARIOS=("$@")
((${#SCENARIOS[@]})) || SCENARIOS=("${ALL_SCENARIOS[@]}")
for s in "${SCENARIOS[@]}"; do
    [[ $s == -h || $s == --help ]] && usage
    declare -F "scenario_$s" >/dev/null || { echo "unknown scenario: $s" >&2; usage; }
done

cleanup() {
    local code=$?
    set +e
    service_stop
    measure_cleanup
    pg_stop
    if ((code != 0)); then
        echo "[bench] FAILED (exit $code); logs in ${RUN_DIR:-$BENCH_WORK}" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One run at a time per work directory: a second run would restart and stop the first one's database.
mkdir -p "$BENCH_WORK"
exec 9>"$BENCH_WORK/run.lock"
if ! flock -n 9; then
    echo "[bench] FAILED: another bench/run.sh is using $BENCH_WORK ($(cat "$BENCH_WORK/run.pid" 2>/dev/null || echo '?')); wait for it, or set BENCH_WORK and BENCH_PG_PORT/BENCH_HTTP_PORT for a separate run" >&2
    trap - EXIT
    exit 1
fi
echo "pid $$ since $(date -u +%H:%M:%S) UTC" >"$BENCH_WORK/run.pid"

RUN_STAMP=$(date -u +%Y%m%d-%H%M%S)
RUN_DIR=$BENCH_WORK/runs/$RUN_STAMP
mkdir -p "$RUN_DIR"
RUN_STARTED=$(now)
log "run $RUN_STAMP: scenarios ${SCENARIOS[*]}; work dir $BENCH_WORK; logs $RUN_DIR"

section "prerequisites"
ensure_prerequisites
ensure_jwt_keys
pg_start
build_service
dataset_ensure
queries_ensure
report_init

for s in "${SCENARIOS[@]}"; do
    section "scenario $s"
    "scenario_$s"
done

report_print
log "done in $(elapsed "$RUN_STARTED" "$(now)") s"
