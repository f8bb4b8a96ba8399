# Scenario "search": the catalog search of issues 8 and 14, side by side on one database in one run:
#   raw SQL (pgbench, the ranked full-text query), the service with SHOP_SEARCH_ENGINE=postgres ("before"), the
#   service with SHOP_SEARCH_ENGINE=lucene ("after"), and the service with SHOP_SEARCH_ENGINE=opensearch against an
#   OpenSearch 2.19 node started beside it: one client per query class, 16 connections, suggest, index build from
#   scratch (a full reindex for OpenSearch), restart with a current index, freshness, resident memory under load.
#   SEARCH_ENGINES picks the engines (default: all three).
# Sourced by bench/run.sh; see bench/README.md.
# shellcheck shell=bash

SEARCH_DIR=$BENCH_DIR/scenarios/search
SEARCH_CLASSES=(one two three typo prefix unique sort range)
declare -A SEARCH_CLASS_TITLE=(
    [one]="one word (\`kettle\`)" [two]="two words (\`red kettle\`)" [three]="three words (\`sleek red kettle\`)"
    [typo]="a typo (\`kettlx red\`)" [prefix]="prefix while typing (\`red ket\`)" [unique]="a unique query (\`model 123456\`)"
    [sort]="a word, sort=price_asc" [range]="a word, minPrice..maxPrice"
)

# Durations in seconds (before BENCH_SCALE). The PostgreSQL engine is slow: its runs are capped by time, not count.
SEARCH_CLASS_SECONDS=${SEARCH_CLASS_SECONDS:-10}     # one client, per query class
SEARCH_LOAD_SECONDS=${SEARCH_LOAD_SECONDS:-20}       # 16 connections
SEARCH_RAW_SECONDS=${SEARCH_RAW_SECONDS:-15}         # each pgbench run
SEARCH_WARMUP_QUERIES=${SEARCH_WARMUP_QUERIES:-10000} # the JIT needs ~7,000 queries before times settle
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-16}
SEARCH_ENGINES=${SEARCH_ENGINES:-postgres lucene opensearch}
SEARCH_FRESHNESS_SAMPLES=${SEARCH_FRESHNESS_SAMPLES:-10}
# Query slots (shop.search.query-threads) compared on random 3-word queries at SEARCH_CONNECTIONS, each in a service
# restarted on the same index; empty skips the comparison. 16 = as many as the connections: no limit.
SEARCH_SLOTS=${SEARCH_SLOTS:-2 4 16}
# The OpenSearch node: the test suite's own (src/test/java/io/storefront/support/OpenSearchTestNode.java), run as a
# process of its own from the service's test classpath, with a fixed heap.
OPENSEARCH_PORT=${OPENSEARCH_PORT:-9250}
OPENSEARCH_JAVA_OPTS=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx512m}
OPENSEARCH_PID=
# Before each measured run of the Lucene engine, the same workload runs in windows of SEARCH_SETTLE_SECONDS until
# two windows in a row agree on throughput within 10% and the JIT compiler threads used less than 10% of the
# machine in the last one (at most SEARCH_SETTLE_MAX windows): on 2 cores the JIT
# compiles a new query mix slowly while 16 connections keep the CPU busy, and measuring before it is done measures
# the interpreter (seen: the same 3-word run at 9 to 160 req/s depending on what ran before).
SEARCH_SETTLE_SECONDS=${SEARCH_SETTLE_SECONDS:-5}
SEARCH_SETTLE_MAX=${SEARCH_SETTLE_MAX:-6}

# The service caches finished result pages for 0.5 s (quarkus.cache.caffeine.item-search-live.*). These runs
# measure search itself, so the cache is switched off by environment. Only the single-underscore names work: the
# names in application.properties are unquoted, and the quoted-key form (QUARKUS_CACHE_CAFFEINE__ITEM_SEARCH_LIVE__...)
# is a different key that Quarkus ignores for them (checked on the packaged jar; the probe below checks again).
# The one-client runs also send distinct queries in turn, so they would miss the cache even with it on.
SEARCH_CACHE_ENV=(
    QUARKUS_CACHE_CAFFEINE_ITEM_SEARCH_LIVE_EXPIRE_AFTER_WRITE=0S
    QUARKUS_CACHE_CAFFEINE_ITEM_SEARCH_LIVE_MAXIMUM_SIZE=0
    # the result cache of the code before the Lucene engine
    QUARKUS_CACHE_CAFFEINE_ITEM_SEARCH_EXPIRE_AFTER_WRITE=0S
    QUARKUS_CACHE_CAFFEINE_ITEM_SEARCH_MAXIMUM_SIZE=0
)

# Results by key, e.g. R[lucene.three.p50]; filled by search_measure, read by search_summary.
declare -A R=()

scenario_search() {
    report_section search 'Search (issue 8; times in ms; "before" = the service with SHOP_SEARCH_ENGINE=postgres, "after" = lucene)' \
        scenario target "raw SQL (pgbench)" "service, postgres engine" "service, lucene engine" "after vs target"
    SERVICE_EXTRA_ENV=("${SEARCH_CACHE_ENV[@]}")
    report_note "search: page cache off via ${SEARCH_CACHE_ENV[0]} and friends (single underscores; the double-underscore form has no effect); one-client runs send distinct queries in turn; 16-connection runs pick random queries from 20,000 per class"
    search_raw_sql
    local engine
    for engine in $SEARCH_ENGINES; do
        if [[ $engine == opensearch ]]; then
            report_section search-opensearch 'Search on OpenSearch (issue 14; times in ms; one OpenSearch 2.19.6 node on the same 2 cores)' \
                scenario target "raw SQL (pgbench)" "service, opensearch engine" verdict
            opensearch_node_start
            SERVICE_EXTRA_ENV=("${SEARCH_CACHE_ENV[@]}" "SHOP_SEARCH_OPENSEARCH_HOSTS=http://127.0.0.1:$OPENSEARCH_PORT"
                SHOP_SEARCH_OPENSEARCH_REPLICAS=0)
        fi
        search_engine_runs "$engine"
        if [[ $engine == opensearch ]]; then
            opensearch_node_stop
            SERVICE_EXTRA_ENV=("${SEARCH_CACHE_ENV[@]}")
            search_opensearch_summary
        fi
    done
    search_summary
    SERVICE_EXTRA_ENV=()
}

# ---------------------------------------------------------------- the OpenSearch node
opensearch_node_start() {
    local dir=$BENCH_WORK/opensearch-node classpath=$BENCH_WORK/opensearch.classpath i
    section "search: an OpenSearch node on port $OPENSEARCH_PORT ($OPENSEARCH_JAVA_OPTS), empty"
    (cd "$BENCH_SERVICE_DIR" && ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$classpath" -P '!embedded-postgresql') >"$RUN_DIR/opensearch-classpath.log" 2>&1 ||
        die "could not list the test classpath for the OpenSearch node (log: $RUN_DIR/opensearch-classpath.log)"
    [[ -f $BENCH_SERVICE_DIR/target/test-classes/io/storefront/support/OpenSearchTestNode.class ]] ||
        die "no compiled OpenSearchTestNode in $BENCH_SERVICE_DIR/target/test-classes (build with tests compiled)"
    rm -rf "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # OPENSEARCH_JAVA_OPTS is a list of options
    java $OPENSEARCH_JAVA_OPTS -Dlog4j.provider=org.apache.logging.log4j.core.impl.Log4jProvider \
        -cp "$BENCH_SERVICE_DIR/target/test-classes:$(cat "$classpath")" io.storefront.support.OpenSearchTestNode \
        "$OPENSEARCH_PORT" "$dir" >"$RUN_DIR/opensearch-node.log" 2>&1 9>&- &
    OPENSEARCH_PID=$!
    for i in $(seq 1 600); do
        if curl -sf "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health" >/dev/null 2>&1; then
            log "OpenSearch node up (pid $OPENSEARCH_PID)"
            return
        fi
        kill -0 "$OPENSEARCH_PID" 2>/dev/null || { tail -30 "$RUN_DIR/opensearch-node.log" >&2; die "the OpenSearch node exited"; }
        sleep 0.1
    done
    die "the OpenSearch node did not answer within 60 s (log: $RUN_DIR/opensearch-node.log)"
}

opensearch_node_stop() {
    [[ -n $OPENSEARCH_PID ]] || return 0
    R[opensearch.index]=$(curl -s "http://127.0.0.1:$OPENSEARCH_PORT/_cat/indices/storefront-items*?h=index,docs.count,store.size" |
        tr -s ' \n' ' ;' | sed 's/;$//' || true)
    log "OpenSearch indices (name, documents, size): ${R[opensearch.index]}"
    R[opensearch.node.rss]=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$OPENSEARCH_PID/status" 2>/dev/null || echo 0)
    kill -TERM "$OPENSEARCH_PID" 2>/dev/null || true
    wait "$OPENSEARCH_PID" 2>/dev/null || true
    OPENSEARCH_PID=
}

# Freshness: an item written by SQL (as the API writes it) until a search finds it, SEARCH_FRESHNESS_SAMPLES times.
search_freshness() {
    local engine=$1 i id word started found times=()
    for i in $(seq 1 "$SEARCH_FRESHNESS_SAMPLES"); do
        word="fresh$RANDOM$RANDOM"
        id=$(cat /proc/sys/kernel/random/uuid)
        started=$(now)
        psql_shop -c "INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at)
                      VALUES ('$id', 'Bench $word Kettle', 'freshness probe', 1900, 'USD', now(), now())" >/dev/null
        found=
        while awk -v s="$started" -v n="$(now)" 'BEGIN { exit !(n - s < 30) }'; do
            if curl -s "$SERVICE_URL/api/v1/items?q=$word" | grep -q "$id"; then
                found=$(awk -v s="$started" -v n="$(now)" 'BEGIN { printf "%.0f", (n - s) * 1000 }')
                break
            fi
            sleep 0.02
        done
        times+=("${found:-timeout}")
        sleep 0.3
    done
    R[$engine.freshness]="${times[*]}"
    R[$engine.freshness.max]=$(printf '%s\n' "${times[@]}" | awk '$1 == "timeout" { t = 1 } $1 + 0 > m { m = $1 + 0 } END { print t ? "timeout" : m }')
    log "freshness ($engine): ${times[*]} ms"
}

# ---------------------------------------------------------------- raw SQL (no service running)
search_raw_sql() {
    section "search: raw SQL with pgbench (ranked full-text query; bench/scenarios/search/raw-fts.sql)"
    local script=$SEARCH_DIR/raw-fts.sql kind clients secs
    secs=$(scaled "$SEARCH_RAW_SECONDS")
    # Warm the buffer cache (not measured).
    measure_pgbench "(warm-up) three" 2 "$(scaled 10)" -M simple -D kind=three -f "$script"
    sed -i '$d' "$RUN_DIR/measurements.tsv"
    for kind in one three unique; do
        for clients in 1 "$SEARCH_CONNECTIONS"; do
            measure_pgbench "$kind, $clients client(s)" "$clients" "$secs" -M simple -D kind="$kind" -f "$script"
            search_keep raw "$kind.c$clients"
        done
    done
}

# Keeps the last measurement under R[SYSTEM.KEY.*].
search_keep() {
    local p=$1.$2
    R[$p.rps]=$M_RPS R[$p.p50]=$M_P50 R[$p.p99]=$M_P99 R[$p.p999]=$M_P999 R[$p.max]=$M_MAX R[$p.errors]=$M_ERRORS
    R[$p.requests]=$M_REQUESTS R[$p.cpu]="${M_CPU_SERVICE:--}+${M_CPU_PG:--}" R[$p.other]=${M_CPU_OTHER:-}
    [[ -z ${M_RSS_MAX:-} ]] || R[$p.rss]=$M_RSS_MAX R[$p.rss_detail]=$M_RSS_DETAIL
}

# ---------------------------------------------------------------- the service, one engine
search_engine_runs() {
    local engine=$1 index_dir=$BENCH_WORK/search-index-$1 system="service, $1 engine"
    section "search: the service with SHOP_SEARCH_ENGINE=$engine"
    rm -rf "$index_dir"
    cpu_mark
    service_start "search-$engine" "$engine" "$index_dir"
    service_wait_ready 300
    local body serving
    body=$(service_ready_json)
    serving=$(search_engine_of "$body")
    if [[ $engine == opensearch ]]; then
        # Full reindex from scratch: from process start until readiness reports the OpenSearch engine.
        service_wait_ready 1800 opensearch
        R[opensearch.build.ready]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
        cpu_since 1
        R[opensearch.build.cpu]=$(awk -v ms="$M_CPU_SERVICE" 'BEGIN { printf "%.0f", ms / 1000 }')
        R[opensearch.build.other]=$M_CPU_OTHER
        R[opensearch.build.log]=$(grep -o 'Search indexer: [^ ]* built in [^"]*' "$SERVICE_LOG" | head -1 || true)
        log "full reindex: ready with opensearch ${R[opensearch.build.ready]} s after process start; ${R[opensearch.build.log]:-no build line in the log}"
    elif [[ $engine == lucene ]]; then
        if [[ -z $serving ]]; then
            report_note "search, lucene engine: not measured: this service has no readiness check \"Search\" (no Lucene engine yet)"
            R[lucene.missing]=1
            service_stop
            return
        fi
        # Index build from scratch: from process start until readiness reports the Lucene engine.
        service_wait_ready 900 lucene
        R[lucene.build.ready]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
        # CPU during the build: the service's in seconds, and the share of the machine other processes took.
        cpu_since 1
        R[lucene.build.cpu]=$(awk -v ms="$M_CPU_SERVICE" 'BEGIN { printf "%.0f", ms / 1000 }')
        R[lucene.build.other]=$M_CPU_OTHER
        R[lucene.build.log]=$(grep -o 'Search index rebuilt: [^"]*' "$SERVICE_LOG" | head -1 || true)
        R[lucene.build.rss]=$(service_rss_mib)
        log "index built: ready with lucene ${R[lucene.build.ready]} s after process start; ${R[lucene.build.log]:-no rebuild line in the log}"
    elif [[ -n $serving && $serving != "$engine" ]]; then
        die "asked for engine $engine but readiness reports $serving"
    fi
    R[$engine.started_in]=$(service_started_in)

    search_features "$engine"
    search_cache_probe "$engine"
    search_warmup "$engine"

    local class secs c=$SEARCH_CONNECTIONS
    secs=$(scaled "$SEARCH_CLASS_SECONDS")
    for class in "${SEARCH_CLASSES[@]}"; do
        if [[ ( $class == sort || $class == range ) && ${R[$engine.sort_supported]} != 1 ]]; then
            continue
        fi
        search_run "$engine" "1 client, $class" "$QUERIES/$class.paths" 1 "$secs" seq
        search_keep "$engine" "$class.c1"
    done

    secs=$(scaled "$SEARCH_LOAD_SECONDS")
    search_run "$engine" "$c conns, random 3 words" "$QUERIES/three.paths" "$c" "$secs" random rss
    search_keep "$engine" "three.load"
    search_run "$engine" "$c conns, random unique" "$QUERIES/unique.paths" "$c" "$secs" random rss
    search_keep "$engine" "unique.load"
    if [[ ${R[$engine.suggest_supported]} == 1 ]]; then
        search_run "$engine" "$c conns, suggest" "$QUERIES/suggest.paths" "$c" "$secs" random rss
        search_keep "$engine" "suggest.load"
    fi
    local run
    for run in three unique suggest; do
        if [[ -n ${R[$engine.$run.load.rss]:-} && ${R[$engine.$run.load.rss]} -gt ${R[$engine.rss]:-0} ]]; then
            R[$engine.rss]=${R[$engine.$run.load.rss]} R[$engine.rss_detail]=${R[$engine.$run.load.rss_detail]}
        fi
    done

    if [[ $engine == lucene ]]; then
        search_restart
        search_slots
    fi
    if [[ $engine == opensearch ]]; then
        search_freshness opensearch
    fi
    service_stop
}

# search_run ENGINE LABEL PATHS CONNECTIONS SECONDS ORDER [rss]: settles (Lucene engine), then measures.
search_run() {
    local engine=$1 label=$2 paths=$3 connections=$4 seconds=$5 order=$6 rss=${7:-}
    local system="service, $engine engine" windows=0 max=$SEARCH_SETTLE_MAX previous='' window
    window=$(scaled "$SEARCH_SETTLE_SECONDS")
    # The PostgreSQL engine spends its time in the database, not in JIT-compiled code: no settling.
    [[ $engine != postgres ]] || max=0
    while ((windows < max)); do
        measure_wrk "$system" "(settling) $label" "$paths" "$connections" "$window" "$order"
        sed -i '$d' "$RUN_DIR/measurements.tsv"
        windows=$((windows + 1))
        if [[ -n $previous ]] && awk -v a="$previous" -v b="$M_RPS" -v jit="${M_CPU_JIT:-0}" \
            'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.1 * a && jit + 0 < 10) }'; then
            break
        fi
        previous=$M_RPS
    done
    ((windows == 0)) || label="$label (after $windows x ${window} s settling)"
    measure_wrk "$system" "$label" "$paths" "$connections" "$seconds" "$order" $rss
}

# What this service version supports: sort/minPrice/maxPrice (an unknown sort is a 400) and suggest (not a 404).
# Also one sample request per class, so that a class that finds nothing shows up in the notes.
search_features() {
    local engine=$1 status class path samples=()
    status=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL/api/v1/items?q=kettle&sort=no-such-order")
    R[$engine.sort_supported]=$([[ $status == 400 ]] && echo 1 || echo 0)
    status=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL/api/v1/items/suggest?q=ket")
    R[$engine.suggest_supported]=$([[ $status == 200 ]] && echo 1 || echo 0)
    [[ ${R[$engine.sort_supported]} == 1 ]] || report_note "search, $engine engine: sort/minPrice/maxPrice not supported by this service (an unknown sort is not a 400): those classes are not measured"
    [[ ${R[$engine.suggest_supported]} == 1 ]] || report_note "search, $engine engine: GET /api/v1/items/suggest answers $status: suggest not measured"
    for class in "${SEARCH_CLASSES[@]}" suggest; do
        path=$(head -1 "$QUERIES/$class.paths")
        local out count
        out=$(curl -s -w '\n%{http_code}' "$SERVICE_URL$path")
        status=$(tail -1 <<<"$out")
        count=$(sed '$d' <<<"$out" | jq '(.items // .suggestions // []) | length' 2>/dev/null || echo '?')
        samples+=("$class \`$(sed 's/.*[?&]q=\([^&]*\).*/\1/; s/+/ /g' <<<"$path")\` $status/$count")
    done
    report_note "search, $engine engine, first query of each class (HTTP status/results): $(IFS=';'; echo "${samples[*]}" | sed 's/;/; /g')"
}

# The same query five times in a row: with the page cache off, repeats cost about as much as the first request.
search_cache_probe() {
    local engine=$1 path times=() i
    path=$(sed -n 2p "$QUERIES/three.paths")
    for i in 1 2 3 4 5; do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' "$SERVICE_URL$path" | awk '{ printf "%.1f", $1 * 1000 }')")
    done
    report_note "search, $engine engine, cache probe: the same query 5x in a row took ${times[*]} ms"
    if [[ $engine == postgres ]] && awk -v a="${times[0]}" -v b="${times[4]}" 'BEGIN { exit !(b * 5 < a) }'; then
        report_note "WARNING: repeats of the same query were much faster than the first: the page cache seems to be ON"
    fi
}

# Warm-up: random queries of every class at 2 connections, in rounds, until SEARCH_WARMUP_QUERIES were answered
# (at most 6 rounds; the PostgreSQL engine gets one round).
search_warmup() {
    local engine=$1 all=$QUERIES/warmup.paths total=0 round=0 rounds=6 class
    : >"$all"
    for class in "${SEARCH_CLASSES[@]}"; do
        if [[ ( $class == sort || $class == range ) && ${R[$engine.sort_supported]} != 1 ]]; then continue; fi
        cat "$QUERIES/$class.paths" >>"$all"
    done
    [[ ${R[$engine.suggest_supported]} != 1 ]] || cat "$QUERIES/suggest.paths" >>"$all"
    [[ $engine != postgres ]] || rounds=1
    while ((total < SEARCH_WARMUP_QUERIES && round < rounds)); do
        measure_wrk "service, $engine engine" "warm-up round $((round + 1))" "$all" 2 "$(scaled 10)" random
        total=$((total + M_REQUESTS))
        round=$((round + 1))
        sed -i '$d' "$RUN_DIR/measurements.tsv"
    done
    R[$engine.warmup]=$total
    report_note "search, $engine engine: warm-up $total queries in $round round(s) of $(scaled 10) s at 2 connections"
}

# Restart with a current index: process start to readiness 200 with the Lucene engine.
search_restart() {
    local index_dir=$BENCH_WORK/search-index-lucene
    section "search: restart with a current index"
    service_stop
    service_start "search-lucene-restart" lucene "$index_dir"
    service_wait_ready 300 lucene
    R[lucene.restart.ready]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
    R[lucene.restart.started_in]=$(service_started_in)
    R[lucene.restart.rebuilt]=$(grep -o 'Search index rebuilt: [^"]*' "$SERVICE_LOG" | head -1 || true)
    log "restart: ready with lucene ${R[lucene.restart.ready]} s after process start; Quarkus started in ${R[lucene.restart.started_in]} s"
    if [[ -n ${R[lucene.restart.rebuilt]} ]]; then
        report_note "WARNING: the restart rebuilt the index instead of reusing it: ${R[lucene.restart.rebuilt]}"
    fi
    R[lucene.restart.opened]=$(grep -o 'Search index in [^"]* opened: [^"]*' "$SERVICE_LOG" | head -1 | sed 's/ in [^ ]* opened:/ opened:/' || true)
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL$(head -1 "$QUERIES/three.paths")")
    [[ $status == 200 ]] || report_note "WARNING: after the restart a search answered $status"
    # Memory of a replica that opened an existing index (the common case) rather than building one: the heap a
    # build grew is not given back.
    search_run lucene "after restart: $SEARCH_CONNECTIONS conns, random 3 words" "$QUERIES/three.paths" \
        "$SEARCH_CONNECTIONS" "$(scaled "$SEARCH_CLASS_SECONDS")" random rss
    search_keep lucene "restart.load"
}

# Query slots: the service restarted on the same index with each of SEARCH_SLOTS as shop.search.query-threads,
# warmed up as the first process was, then random 3-word queries at SEARCH_CONNECTIONS, side by side in one run
# (the default is two per core).
search_slots() {
    [[ -n ${SEARCH_SLOTS// /} ]] || return 0
    local n c=$SEARCH_CONNECTIONS cores label saved=("${SERVICE_EXTRA_ENV[@]}")
    cores=$(nproc)
    report_section search-slots "Query slots (issue 8: shop.search.query-threads; the Lucene engine restarted with each value on the same index, random 3-word queries at $c connections; times in ms)" \
        "searches at once" "raw SQL (pgbench), 3 words, $c clients" "service: req/s" p50 p99 p99.9 max "CPU/req service+PG" errors
    for n in $SEARCH_SLOTS; do
        section "search: query slots $n"
        service_stop
        SERVICE_EXTRA_ENV=("${saved[@]}" "SHOP_SEARCH_QUERY_THREADS=$n")
        service_start "search-lucene-slots-$n" lucene "$BENCH_WORK/search-index-lucene"
        service_wait_ready 300 lucene
        # The same warm-up as the first measured process: a fresh JVM's JIT is not done after the settling alone.
        search_warmup lucene
        search_run lucene "query slots $n: $c conns, random 3 words" "$QUERIES/three.paths" "$c" \
            "$(scaled "$SEARCH_LOAD_SECONDS")" random
        search_keep lucene "slots.$n"
        label="$n slots"
        if ((n == cores)); then
            label+=" (one per core)"
        elif ((n == 2 * cores)); then
            label+=" (two per core: the default)"
        elif ((n >= c)); then
            label+=" (as many as connections: no limit)"
        fi
        local k=lucene.slots.$n
        report_row_in search-slots "$label" "$(search_rate "raw.three.c$c")" "${R[$k.rps]}" "${R[$k.p50]}" \
            "${R[$k.p99]}" "${R[$k.p999]}" "${R[$k.max]}" "${R[$k.cpu]}" "${R[$k.errors]}"
    done
    SERVICE_EXTRA_ENV=("${saved[@]}")
}

# ---------------------------------------------------------------- the summary rows
# "p50 / max" of a one-client run, or empty.
search_p50max() { [[ -n ${R[$1.p50]:-} ]] && echo "${R[$1.p50]} / ${R[$1.max]}" || true; }
search_rate() {
    [[ -n ${R[$1.rps]:-} ]] || return 0
    local cpu=${R[$1.cpu]}
    [[ $1 != raw.* ]] || cpu=${cpu#*+}
    echo "${R[$1.rps]} req/s, p99 ${R[$1.p99]}, errors ${R[$1.errors]}; CPU/req ${cpu} ms"
}
# ratio A B: A / B with one decimal, "x" suffix; empty when either is missing or zero.
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1fx", a / b }'; }

search_summary() {
    local class raw
    for class in "${SEARCH_CLASSES[@]}"; do
        raw=
        case $class in one | three | unique) raw=$(search_p50max "raw.$class.c1") ;; esac
        local p50=${R[lucene.$class.c1.p50]:-} max=${R[lucene.$class.c1.max]:-} speed=
        speed=$(ratio "${R[postgres.$class.c1.p50]:-}" "$p50")
        report_row "1 client, ${SEARCH_CLASS_TITLE[$class]}: p50 / max" "p50 <= 5, max <= 20" "$raw" \
            "$(search_p50max "postgres.$class.c1")" "$(search_p50max "lucene.$class.c1")${speed:+ (p50 $speed faster)}" \
            "$(verdict "$p50" '<=' 5 "$max" '<=' 20)"
    done
    local kind target
    for kind in three unique; do
        target=$([[ $kind == three ]] && echo 400 || echo 3000)
        local c=$SEARCH_CONNECTIONS speed
        speed=$(ratio "${R[lucene.$kind.load.rps]:-}" "${R[postgres.$kind.load.rps]:-}")
        report_row "$c conns, random $([[ $kind == three ]] && echo '3-word' || echo unique) queries: throughput" \
            ">= $target req/s, p99 <= 50" "$(search_rate "raw.$kind.c$c")" "$(search_rate "postgres.$kind.load")" \
            "$(search_rate "lucene.$kind.load")${speed:+ ($speed before)}" \
            "$(verdict "${R[lucene.$kind.load.rps]:-}" '>=' "$target" "${R[lucene.$kind.load.p99]:-}" '<=' 50)"
    done
    report_row "$SEARCH_CONNECTIONS conns, suggest (2-6 letter prefix): p99" "p99 <= 10" "" \
        "$(search_rate "postgres.suggest.load")" "$(search_rate "lucene.suggest.load")" \
        "$(verdict "${R[lucene.suggest.load.p99]:-}" '<=' 10)"
    report_row "index build from scratch, $BENCH_ITEMS items: process start to ready with lucene" "<= 60 s" "" "" \
        "${R[lucene.build.ready]:+${R[lucene.build.ready]} s (log: ${R[lucene.build.log]:-no rebuild line}; service CPU ${R[lucene.build.cpu]} s, other processes ${R[lucene.build.other]}% of the machine)}" \
        "$(verdict "${R[lucene.build.ready]:-}" '<=' 60)"
    report_row "restart with a current index: process start to ready with lucene" "<= 3 s" "" \
        "${R[postgres.started_in]:+Quarkus started in ${R[postgres.started_in]} s}" \
        "${R[lucene.restart.ready]:+${R[lucene.restart.ready]} s (Quarkus started in ${R[lucene.restart.started_in]:-?} s; log: ${R[lucene.restart.opened]:-no open line})}" \
        "$(verdict "${R[lucene.restart.ready]:-}" '<=' 3)"
    report_row "resident memory (VmRSS) during the $SEARCH_CONNECTIONS-connection runs, max" "<= 512 MiB" "" \
        "${R[postgres.rss_detail]:+${R[postgres.rss_detail]} MiB}" \
        "${R[lucene.rss_detail]:+${R[lucene.rss_detail]} MiB in the process that built the index (${R[lucene.build.rss]:-?} MiB right after the build); ${R[lucene.restart.load.rss_detail]:-?} MiB after a restart with the index}" \
        "$(verdict "${R[lucene.rss]:-}" '<=' 512)"
}

# The OpenSearch table: the engine beside the raw SQL of this run (the Lucene and PostgreSQL engines are in the
# search table when they ran too).
search_opensearch_summary() {
    local class raw p50 max
    for class in "${SEARCH_CLASSES[@]}"; do
        raw=
        case $class in one | three | unique) raw=$(search_p50max "raw.$class.c1") ;; esac
        p50=${R[opensearch.$class.c1.p50]:-} max=${R[opensearch.$class.c1.max]:-}
        report_row_in search-opensearch "1 client, ${SEARCH_CLASS_TITLE[$class]}: p50 / max" "p50 <= 20" "$raw" \
            "$(search_p50max "opensearch.$class.c1")" "$(verdict "$p50" '<=' 20)"
    done
    local kind c=$SEARCH_CONNECTIONS
    for kind in three unique; do
        # The p50 target is the one-client rows' (at 16 connections, p50 ~ 16 / throughput by Little's law).
        report_row_in search-opensearch "$c conns, random $([[ $kind == three ]] && echo '3-word' || echo unique) queries" \
            ">= 300 req/s" "$(search_rate "raw.$kind.c$c")" \
            "$(search_rate "opensearch.$kind.load")${R[opensearch.$kind.load.p50]:+, p50 ${R[opensearch.$kind.load.p50]}}" \
            "$(verdict "${R[opensearch.$kind.load.rps]:-}" '>=' 300)"
    done
    report_row_in search-opensearch "$c conns, suggest (2-6 letter prefix)" "p50 <= 20 (as for queries)" "" \
        "$(search_rate "opensearch.suggest.load")${R[opensearch.suggest.load.p50]:+, p50 ${R[opensearch.suggest.load.p50]}}" \
        "$(verdict "${R[opensearch.suggest.load.p50]:-}" '<=' 20)"
    report_row_in search-opensearch "full reindex, $BENCH_ITEMS items: process start to ready with opensearch" "<= 300 s" "" \
        "${R[opensearch.build.ready]:+${R[opensearch.build.ready]} s (log: ${R[opensearch.build.log]:-no build line}; service CPU ${R[opensearch.build.cpu]} s, other processes (the node, PostgreSQL) ${R[opensearch.build.other]}% of the machine)}" \
        "$(verdict "${R[opensearch.build.ready]:-}" '<=' 300)"
    report_row_in search-opensearch "freshness: item written by SQL until a search finds it, $SEARCH_FRESHNESS_SAMPLES samples, max" "<= 2000 ms" "" \
        "${R[opensearch.freshness.max]:+${R[opensearch.freshness.max]} ms (all: ${R[opensearch.freshness]})}" \
        "$(verdict "${R[opensearch.freshness.max]:-}" '<=' 2000)"
    report_row_in search-opensearch "resident memory (VmRSS) during the $c-connection runs, max" "" "" \
        "${R[opensearch.rss_detail]:+service ${R[opensearch.rss_detail]} MiB}; node ${R[opensearch.node.rss]:-?} MiB ($OPENSEARCH_JAVA_OPTS)" ""
    report_row_in search-opensearch "the index on the node (name, documents, size on disk)" "" "" "${R[opensearch.index]:-}" ""
}
