# The results: one summary table with targets, then every measurement. Sourced, not run.
# shellcheck shell=bash

REPORT_NOTES=()
# Each scenario has its own summary table: a section with a title and column names.
REPORT_SECTIONS=()
declare -A REPORT_TITLE=() REPORT_COLUMNS=()

report_init() {
    : >"$RUN_DIR/measurements.tsv"
}

# report_section NAME TITLE COLUMN... : starts the summary table of a scenario.
report_section() {
    local name=$1 title=$2
    shift 2
    REPORT_SECTIONS+=("$name")
    REPORT_TITLE[$name]=$title
    REPORT_COLUMNS[$name]=$(IFS=$'\t'; echo "$*")
    : >"$RUN_DIR/summary-$name.tsv"
}

# report_row_in NAME VALUE... : one row of that table (as many values as it has columns; empty prints "-").
report_row_in() {
    local name=$1
    shift
    (IFS=$'\t'; echo "$*") >>"$RUN_DIR/summary-$name.tsv"
}

# report_row SCENARIO TARGET RAW_SQL BEFORE AFTER VERDICT: a row of the search table.
#   BEFORE: the service with the PostgreSQL engine; AFTER: the service with the Lucene engine.
report_row() { report_row_in search "$@"; }

report_note() { REPORT_NOTES+=("$*"); }

# verdict VALUE OP LIMIT [VALUE OP LIMIT ...]: "met" when every comparison holds, "MISSED" when one fails, "n/a"
# when a value is missing.
verdict() {
    local result=met
    while (($# >= 3)); do
        local value=$1 op=$2 limit=$3
        shift 3
        if [[ -z $value || $value == n/a || $value == - ]]; then
            echo "n/a"
            return
        fi
        if ! awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN { exit !((op == "<=") ? v <= l : v >= l) }'; then
            result=MISSED
        fi
    done
    echo "$result"
}

report_table() {
    echo "# Storefront benchmark: ${SCENARIOS[*]}"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); service commit: $SERVICE_COMMIT ($BENCH_SERVICE_DIR)"
    echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); service, PostgreSQL and load generator on the same machine"
    echo "- $(java -version 2>&1 | head -1); service JVM options: $BENCH_JAVA_OPTS"
    echo "- data set: $BENCH_ITEMS items, 10 warehouses (hash $DATASET_HASH, $DATASET_NOTE)"
    echo "- PostgreSQL: $(pg_settings_report | tail -1 | cut -d, -f1); $(pg_settings_report | head -n -1 | paste -sd ';' | sed 's/;/; /g')"
    echo "- load: wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), pgbench $(pgbench --version | awk '{ print $3 }'); duration scale $BENCH_SCALE"
    local note noisy
    noisy=$(awk -F'\t' '$14 != "" && $14 + 0 >= 10 { printf "%s%s / %s (%s%%)", (n++ ? "; " : ""), $1, $2, $14 }' \
        "$RUN_DIR/measurements.tsv")
    [[ -z $noisy ]] || REPORT_NOTES+=("WARNING: other processes used 10% or more of the machine during: $noisy")
    for note in "${REPORT_NOTES[@]}"; do
        echo "- $note"
    done
    echo
    local section
    for section in "${REPORT_SECTIONS[@]}"; do
        echo "## ${REPORT_TITLE[$section]}"
        echo
        awk -F'\t' '{ printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n|"; for (i = 1; i <= NF; i++) printf "---|"; printf "\n" }' \
            <<<"${REPORT_COLUMNS[$section]}"
        awk -F'\t' '{ printf "|"; for (i = 1; i <= NF; i++) printf " %s |", ($i == "" ? "-" : $i); printf "\n" }' \
            "$RUN_DIR/summary-$section.tsv"
        echo
    done
    echo "## Every measurement"
    echo
    echo "Latency in ms. Errors: non-2xx responses, socket errors, timeouts. CPU/req: CPU time the service and"
    echo "PostgreSQL spent per request (steadier than latency on a shared machine). Other: share of the machine used by"
    echo "processes outside the benchmark meanwhile (above a few % the figures are disturbed). JIT: share of the machine"
    echo "the service's C1/C2 compiler threads used meanwhile (high: code still being compiled). RSS: VmRSS max, MiB"
    echo "(RssAnon: heap and other private memory; RssFile: mostly the memory-mapped index)."
    echo
    echo "| system | measurement | conns | s | requests | req/s | p50 | p99 | p99.9 | max | errors | CPU/req service | CPU/req PG | JIT | other | RSS |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    awk -F'\t' 'function d(v) { return v == "" ? "-" : v } function pct(v) { return (v == "" || v == "-") ? "-" : v "%" }
        { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, d($12), d($13), pct($16), pct($14), d($15) }' \
        "$RUN_DIR/measurements.tsv"
}

report_print() {
    local results=${BENCH_RESULTS_DIR:-$BENCH_DIR/results} file
    mkdir -p "$results"
    file=$results/$(date -u +%Y-%m-%d)-$(tr '+' '-' <<<"$SERVICE_COMMIT").md
    report_table >"$RUN_DIR/results.md"
    cp "$RUN_DIR/results.md" "$file"
    echo
    cat "$RUN_DIR/results.md"
    echo
    log "results written to $file (and $RUN_DIR/results.md)"
}
