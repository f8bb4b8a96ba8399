# Load generators: wrk (HTTP, bench/lib/paths.lua) and pgbench (raw SQL). Sourced, not run.
# shellcheck shell=bash
#
# Every measurement sets M_REQUESTS M_SECONDS M_RPS M_P50 M_P99 M_P999 M_MAX (milliseconds) M_ERRORS M_RSS_MAX
# (MiB, when sampled) and appends a line to $RUN_DIR/measurements.tsv, which the report prints in full.

MEASURE_SAMPLER_PID=

measure_reset() {
    M_REQUESTS=0 M_SECONDS=0 M_RPS=0 M_P50=0 M_P99=0 M_P999=0 M_MAX=0 M_ERRORS=0 M_RSS_MAX=
}

# measure_record SYSTEM LABEL CONNECTIONS
measure_record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$M_SECONDS" "$M_REQUESTS" "$M_RPS" \
        "$M_P50" "$M_P99" "$M_P999" "$M_MAX" "$M_ERRORS" "${M_RSS_MAX:-}" >>"$RUN_DIR/measurements.tsv"
    log "$(printf '%-28s %-34s c=%-3s %7s req/s  p50 %8s  p99 %8s  p99.9 %8s  max %8s ms  errors %s%s' \
        "$1" "$2" "$3" "$M_RPS" "$M_P50" "$M_P99" "$M_P999" "$M_MAX" "$M_ERRORS" "${M_RSS_MAX:+  rss max ${M_RSS_MAX} MiB}")"
}

# measure_wrk SYSTEM LABEL PATHS_FILE CONNECTIONS SECONDS ORDER [rss]
#   ORDER: seq (distinct queries in turn) or random. With "rss", samples the service's VmRSS every 0.5 s.
measure_wrk() {
    local system=$1 label=$2 paths=$3 connections=$4 seconds=$5 order=$6 rss=${7:-}
    local threads=$((connections < 2 ? connections : 2)) out=$RUN_DIR/wrk-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$system-$label").txt
    measure_reset
    [[ -s $paths ]] || die "no paths file $paths"
    if [[ $rss == rss ]]; then
        measure_sample_rss "$RUN_DIR/rss-samples.txt"
    fi
    BENCH_PATHS=$paths BENCH_ORDER=$order wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 30s \
        -s "$BENCH_DIR/lib/paths.lua" "$SERVICE_URL" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($label)"; }
    if [[ $rss == rss ]]; then
        measure_stop_sampler
        M_RSS_MAX=$(sort -n "$RUN_DIR/rss-samples.txt" | tail -1)
    fi
    local line
    line=$(grep '^BENCH_RESULT' "$out") || { cat "$out" >&2; die "wrk printed no result ($label)"; }
    # shellcheck disable=SC2046 # key=value words
    eval "local $(sed 's/^BENCH_RESULT //' <<<"$line")"
    # shellcheck disable=SC2154 # the variables come from the eval above
    {
        M_REQUESTS=$requests
        M_SECONDS=$(awk -v d="$duration_us" 'BEGIN { printf "%.1f", d / 1e6 }')
        M_RPS=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { v = r / (d / 1e6); printf (v < 100 ? "%.1f" : "%.0f"), v }')
        M_P50=$(ms "$p50_us") M_P99=$(ms "$p99_us") M_P999=$(ms "$p999_us") M_MAX=$(ms "$max_us")
        M_ERRORS=$((connect_errors + read_errors + write_errors + status_errors + timeouts))
    }
    measure_record "$system" "$label" "$connections"
}

# Microseconds to milliseconds, 2 significant decimals for small values.
ms() { awk -v u="$1" 'BEGIN { v = u / 1000; if (v < 10) printf "%.2f", v; else if (v < 100) printf "%.1f", v; else printf "%.0f", v }'; }

# measure_pgbench LABEL CLIENTS SECONDS PGBENCH_ARGS...: pgbench against the benchmark database with
# per-transaction logs, from which the same percentiles as wrk's are computed.
measure_pgbench() {
    local label=$1 clients=$2 seconds=$3
    shift 3
    local threads=$((clients < 2 ? clients : 2)) prefix out
    prefix=$RUN_DIR/pgbench-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$label")
    out=$prefix.txt
    measure_reset
    rm -f "$prefix".[0-9]*
    PGPASSWORD=$PG_PASSWORD pgbench -n -h 127.0.0.1 -p "$BENCH_PG_PORT" -U "$PG_USER" "$@" \
        -c "$clients" -j "$threads" -T "$seconds" -l --log-prefix="$prefix" "$PG_DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed ($label)"; }
    M_REQUESTS=$(awk '/number of transactions actually processed/ { print $NF }' "$out")
    M_RPS=$(awk '/^tps = / { printf ($3 < 100 ? "%.1f" : "%.0f"), $3 }' "$out")
    M_ERRORS=$(awk '/number of failed transactions/ { print $5 }' "$out")
    M_ERRORS=${M_ERRORS:-0}
    M_SECONDS=$seconds
    # Log lines: client_id transaction_no time(us) script_no epoch epoch_us; failed ones are not numbers.
    read -r M_P50 M_P99 M_P999 M_MAX < <(cat "$prefix".[0-9]* | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n | awk '
        { v[NR] = $1 }
        function pct(p,   i) { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
        function ms(u) { u = u / 1000; return u < 10 ? sprintf("%.2f", u) : (u < 100 ? sprintf("%.1f", u) : sprintf("%.0f", u)) }
        END { if (NR == 0) { print "0 0 0 0"; exit } print ms(pct(50)), ms(pct(99)), ms(pct(99.9)), ms(v[NR]) }')
    rm -f "$prefix".[0-9]*
    measure_record "raw SQL (pgbench)" "$label" "$clients"
}

measure_sample_rss() {
    local file=$1 pid=$SERVICE_PID
    : >"$file"
    (
        while kill -0 "$pid" 2>/dev/null; do
            awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$pid/status" >>"$file" 2>/dev/null || true
            sleep 0.5
        done
    ) &
    MEASURE_SAMPLER_PID=$!
}

measure_stop_sampler() {
    if [[ -n $MEASURE_SAMPLER_PID ]]; then
        kill "$MEASURE_SAMPLER_PID" 2>/dev/null || true
        wait "$MEASURE_SAMPLER_PID" 2>/dev/null || true
        MEASURE_SAMPLER_PID=
    fi
}

measure_cleanup() { measure_stop_sampler; }
