# Load generators: wrk (HTTP, bench/lib/paths.lua) and pgbench (raw SQL). Sourced, not run.
# shellcheck shell=bash
#
# Every measurement sets M_REQUESTS M_SECONDS M_RPS M_P50 M_P99 M_P999 M_MAX (milliseconds) M_ERRORS M_RSS_MAX
# (MiB, when sampled) and appends a line to $RUN_DIR/measurements.tsv, which the report prints in full.

MEASURE_SAMPLER_PID=

measure_reset() {
    M_REQUESTS=0 M_SECONDS=0 M_RPS=0 M_P50=0 M_P99=0 M_P999=0 M_MAX=0 M_ERRORS=0 M_RSS_MAX='' M_RSS_DETAIL=''
    M_CPU_SERVICE='' M_CPU_PG='' M_CPU_OTHER='' M_CPU_JIT='' M_ORDERS='' M_ORDERS_PER_S='' M_ERROR_DETAIL=''
}

# measure_record SYSTEM LABEL CONNECTIONS
measure_record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$M_SECONDS" "$M_REQUESTS" \
        "$M_RPS" "$M_P50" "$M_P99" "$M_P999" "$M_MAX" "$M_ERRORS" "${M_CPU_SERVICE:-}" "${M_CPU_PG:-}" "${M_CPU_OTHER:-}" \
        "${M_RSS_DETAIL:-}" "${M_CPU_JIT:-}" >>"$RUN_DIR/measurements.tsv"
    log "$(printf '%-26s %-36s c=%-3s %7s req/s  p50 %7s  p99 %7s  p99.9 %7s  max %7s ms  err %s  cpu/req svc %s pg %s ms  jit %s%%  other %s%%%s' \
        "$1" "$2" "$3" "$M_RPS" "$M_P50" "$M_P99" "$M_P999" "$M_MAX" "$M_ERRORS" "${M_CPU_SERVICE:--}" "${M_CPU_PG:--}" \
        "${M_CPU_JIT:--}" "${M_CPU_OTHER:--}" "${M_RSS_DETAIL:+  rss max ${M_RSS_DETAIL}}")"
}

# ---------------------------------------------------------------- CPU accounting
# The machine is shared: besides latency, each measurement records the CPU time the service and PostgreSQL spent
# per request (robust against other load) and the share of the machine that other processes used meanwhile
# ("other", a noise indicator: anything above a few % means the figures are disturbed).
CLK_TCK=$(getconf CLK_TCK)

# Ticks of PostgreSQL: the postmaster, its live children, and the children that already exited (cutime/cstime).
pg_ticks() {
    local pm
    pm=$(head -1 "$BENCH_PG_DATA/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    {
        awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pm/stat" 2>/dev/null
        for child in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do
            awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$child/stat" 2>/dev/null
        done
    } | awk '{ t += $1 } END { print t + 0 }'
}

service_ticks() {
    if [[ -n ${SERVICE_PID:-} && -r /proc/$SERVICE_PID/stat ]]; then
        awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVICE_PID/stat"
    else
        echo 0
    fi
}

# CPU of this shell's finished children (wrk, pgbench) in ticks, from the "times" builtin (run in this shell, not
# in a subshell: a subshell has children of its own).
children_ticks() {
    times >"$RUN_DIR/.times"
    tail -1 "$RUN_DIR/.times" | awk -v hz="$CLK_TCK" '{
        t = 0
        for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
        printf "%.0f", t * hz }'
}

# Ticks of the service's JIT compiler threads (C1/C2): a busy JIT during a measurement means the code was not
# yet compiled (on 2 cores the compiler competes with the requests).
jit_ticks() {
    [[ -n ${SERVICE_PID:-} && -d /proc/$SERVICE_PID/task ]] || { echo 0; return; }
    local task t=0 v
    for task in /proc/"$SERVICE_PID"/task/*; do
        if [[ $(cat "$task/comm" 2>/dev/null) == C[12]\ CompilerThre* ]]; then
            v=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$task/stat" 2>/dev/null || echo 0)
            t=$((t + v))
        fi
    done
    echo "$t"
}

machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

cpu_mark() {
    read -r CPU0_BUSY CPU0_TOTAL < <(machine_ticks)
    CPU0_SERVICE=$(service_ticks) CPU0_PG=$(pg_ticks) CPU0_JIT=$(jit_ticks)
    children_ticks >"$RUN_DIR/.ticks"
    CPU0_CHILDREN=$(cat "$RUN_DIR/.ticks")
}

# Sets M_CPU_SERVICE and M_CPU_PG (ms of CPU per request) and M_CPU_OTHER (% of the machine) since cpu_mark.
cpu_since() {
    local requests=$1 busy total svc pg kids jit
    read -r busy total < <(machine_ticks)
    svc=$(service_ticks) pg=$(pg_ticks) jit=$(jit_ticks)
    children_ticks >"$RUN_DIR/.ticks"
    kids=$(cat "$RUN_DIR/.ticks")
    read -r M_CPU_SERVICE M_CPU_PG M_CPU_OTHER M_CPU_JIT < <(awk -v n="$requests" -v hz="$CLK_TCK" \
        -v s=$((svc - CPU0_SERVICE)) -v p=$((pg - CPU0_PG)) -v k=$((kids - CPU0_CHILDREN)) \
        -v j=$((jit - CPU0_JIT)) -v b=$((busy - CPU0_BUSY)) -v t=$((total - CPU0_TOTAL)) -v svcrun="${SERVICE_PID:-}" '
        function fmt(v) { return v < 10 ? sprintf("%.2f", v) : sprintf("%.1f", v) }
        BEGIN {
            other = t > 0 ? (b - s - p - k) * 100 / t : 0
            if (other < 0) other = 0
            printf "%s %s %.0f %s\n", (svcrun == "" || n == 0) ? "-" : fmt(s * 1000 / hz / n),
                n == 0 ? "-" : fmt(p * 1000 / hz / n), other, (svcrun == "" || t == 0) ? "-" : sprintf("%.0f", j * 100 / t)
        }')
}

# measure_wrk SYSTEM LABEL PATHS_FILE CONNECTIONS SECONDS ORDER [rss [ENV=VALUE...]]
#   GET requests for the paths in PATHS_FILE (bench/lib/paths.lua). ORDER: seq (distinct queries in turn) or random.
#   With "rss", samples the service's VmRSS every 0.5 s. ENV: e.g. BENCH_TOKENS=file, BENCH_RATE=requests/s.
measure_wrk() {
    local system=$1 label=$2 paths=$3 connections=$4 seconds=$5 order=$6 rss=${7:-}
    shift $(($# < 7 ? $# : 7))
    [[ -s $paths ]] || die "no paths file $paths"
    measure_wrk_script "$system" "$label" "$BENCH_DIR/lib/paths.lua" "$connections" $((connections < 2 ? connections : 2)) \
        "$seconds" "$rss" BENCH_PATHS="$paths" BENCH_ORDER="$order" "$@"
}

# measure_wrk_script SYSTEM LABEL SCRIPT CONNECTIONS THREADS SECONDS RSS [ENV=VALUE...]: any of the wrk scripts in
# bench/lib (they print a BENCH_RESULT line). A script that counts its own failures (flow_errors, e.g. purchase.lua)
# reports those instead of wrk's non-2xx count; it also sets M_ORDERS and M_ERROR_DETAIL.
measure_wrk_script() {
    local system=$1 label=$2 script=$3 connections=$4 threads=$5 seconds=$6 rss=$7
    shift 7
    local anon file out=$RUN_DIR/wrk-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$system-$label").txt
    measure_reset
    if [[ $rss == rss ]]; then
        measure_sample_rss "$RUN_DIR/rss-samples.txt"
    fi
    cpu_mark
    env LUA_PATH="$BENCH_DIR/lib/?.lua;;" BENCH_THREADS="$threads" "$@" \
        wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 30s -s "$script" "$SERVICE_URL" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed ($label)"; }
    if [[ $rss == rss ]]; then
        measure_stop_sampler
        # Samples: VmRSS RssAnon RssFile (MiB). RssFile is mostly the memory-mapped index.
        read -r M_RSS_MAX anon file < <(sort -n "$RUN_DIR/rss-samples.txt" | tail -1)
        M_RSS_DETAIL="$M_RSS_MAX (anon $anon, file $file)"
    fi
    local line
    line=$(grep '^BENCH_RESULT' "$out") || { cat "$out" >&2; die "wrk printed no result ($label)"; }
    local orders='' flow_errors='' error_detail=''
    # shellcheck disable=SC2046 # key=value words
    eval "local $(sed 's/^BENCH_RESULT //' <<<"$line")"
    # shellcheck disable=SC2154 # the variables come from the eval above
    {
        M_REQUESTS=$requests
        M_SECONDS=$(awk -v d="$duration_us" 'BEGIN { printf "%.1f", d / 1e6 }')
        M_RPS=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { v = r / (d / 1e6); printf (v < 100 ? "%.1f" : "%.0f"), v }')
        M_P50=$(ms "$p50_us") M_P99=$(ms "$p99_us") M_P999=$(ms "$p999_us") M_MAX=$(ms "$max_us")
        M_ERRORS=$((connect_errors + read_errors + write_errors + ${flow_errors:-$status_errors} + timeouts))
        M_ORDERS=$orders
        M_ORDERS_PER_S=$([[ -z $orders ]] || awk -v r="$orders" -v d="$duration_us" 'BEGIN { v = r / (d / 1e6); printf (v < 100 ? "%.1f" : "%.0f"), v }')
        M_ERROR_DETAIL=$error_detail
    }
    local total=$M_REQUESTS kv
    for kv in "$@"; do
        [[ $kv != BENCH_TRACE=* ]] || trace_window "${kv#BENCH_TRACE=}"
    done
    cpu_since "$total"
    measure_record "$system" "$label" "$connections"
}

# trace_window PREFIX: replaces the rates and percentiles of the last wrk run by those of the window in which every
# thread was running, from the trace files PREFIX.N (one line per response: epoch_ms step status latency_us). wrk
# runs each thread's init() one after the other before it starts the clock, while the threads already created are
# sending: with 64 threads the last one started 12 s after the first, and wrk's own requests/duration counted those
# 12 s of requests in a 30 s run.
trace_window() {
    local prefix=$1 result start end
    result=$(awk '
        FNR == 1 { if (NR > 1) { if (first > start) start = first; if (last < end || end == 0) end = last } first = $1 }
        { last = $1 }
        END { if (first > start) start = first; if (last < end || end == 0) end = last; print start, end }' "$prefix".*)
    read -r start end <<<"$result"
    ((end > start)) || return 0
    read -r M_SECONDS M_REQUESTS M_RPS M_P50 M_P99 M_P999 M_MAX M_ORDERS M_ORDERS_PER_S < <(
        awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e { print $4, ($2 == "order" && $3 ~ /^2/) }' "$prefix".* \
        | sort -n | awk -v secs="$(((end - start) / 1000)).$(((end - start) % 1000 / 100))" '
            { v[NR] = $1; orders += $2 }
            function pct(p,   i) { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; return v[i] }
            function ms(u) { u = u / 1000; return u < 10 ? sprintf("%.2f", u) : (u < 100 ? sprintf("%.1f", u) : sprintf("%.0f", u)) }
            function rate(n) { r = n / secs; return r < 100 ? sprintf("%.1f", r) : sprintf("%.0f", r) }
            END { print secs, NR, rate(NR), ms(pct(50)), ms(pct(99)), ms(pct(99.9)), ms(v[NR]), orders, rate(orders) }')
}

# Microseconds to milliseconds, 2 significant decimals for small values.
ms() { awk -v u="$1" 'BEGIN { v = u / 1000; if (v < 10) printf "%.2f", v; else if (v < 100) printf "%.1f", v; else printf "%.0f", v }'; }

# measure_pgbench LABEL CLIENTS SECONDS PGBENCH_ARGS...: pgbench (SECONDS 0: PGBENCH_ARGS has -t) against the benchmark database with
# per-transaction logs, from which the same percentiles as wrk's are computed.
measure_pgbench() {
    local label=$1 clients=$2 seconds=$3
    shift 3
    local threads=$((clients < 2 ? clients : 2)) prefix out
    prefix=$RUN_DIR/pgbench-$(tr -c 'a-zA-Z0-9\n' '-' <<<"$label")
    out=$prefix.txt
    measure_reset
    rm -f "$prefix".[0-9]*
    local duration=(-T "$seconds")
    ((seconds > 0)) || duration=() # 0: the arguments say how much (-t)
    cpu_mark
    PGPASSWORD=$PG_PASSWORD pgbench -n -h 127.0.0.1 -p "$BENCH_PG_PORT" -U "$PG_USER" "$@" \
        -c "$clients" -j "$threads" "${duration[@]}" -l --log-prefix="$prefix" "$PG_DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed ($label)"; }
    M_REQUESTS=$(awk '/number of transactions actually processed/ { split($NF, n, "/"); print n[1] }' "$out")
    sleep 0.5 # the backends of pgbench's connections finish exiting, so the postmaster has counted their CPU
    cpu_since "$M_REQUESTS"
    M_RPS=$(awk '/^tps = / { printf ($3 < 100 ? "%.1f" : "%.0f"), $3 }' "$out")
    M_ERRORS=$(awk '/number of failed transactions/ { print $5 }' "$out")
    M_ERRORS=${M_ERRORS:-0}
    M_SECONDS=$(awk -v n="$M_REQUESTS" -v tps="$M_RPS" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? s : (tps > 0 ? n / tps : 0)) }')
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
            awk '/^(VmRSS|RssAnon|RssFile):/ { v[$1] = int($2 / 1024) }
                 END { if (length(v)) print v["VmRSS:"], v["RssAnon:"], v["RssFile:"] }' "/proc/$pid/status" \
                >>"$file" 2>/dev/null || true
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
