# Scenario "purchase": the purchase path of issue 11, side by side with the minimal SQL for the same work on the same
# database in the same run: the purchase flow (PUT cart line, POST checkout, POST order) at 16 and 64 customers and
# at a fixed rate; item view and cart read at half their maximum rate; the hot item; the expiry reaper; the
# assignment worker; start to ready (with and without AppCDS); resident memory. Sourced by bench/run.sh; see
# bench/README.md.
# shellcheck shell=bash

PURCHASE_DIR=$BENCH_DIR/scenarios/purchase
PURCHASE_SECONDS=${PURCHASE_SECONDS:-30}            # each purchase-flow run
PURCHASE_WARMUP_SECONDS=${PURCHASE_WARMUP_SECONDS:-30}
PURCHASE_CUSTOMERS=${PURCHASE_CUSTOMERS:-"16 64"}   # concurrent customers (connections) of the closed-loop runs
READ_SECONDS=${READ_SECONDS:-15}                    # item view / cart read runs
HOT_BUYERS=${HOT_BUYERS:-1000}
HOT_UNITS=${HOT_UNITS:-100}
REAPER_CHECKOUTS=${REAPER_CHECKOUTS:-100000}
ASSIGNMENT_BACKLOG=${ASSIGNMENT_BACKLOG:-5000}       # PLACED orders waiting when the service starts

declare -A P=()   # results by key, filled by the steps and read by purchase_summary

scenario_purchase() {
    report_section purchase "Purchase path (issue 11; times in ms; service/raw: the service's figure over the raw SQL's)" \
        scenario target "raw SQL (pgbench)" service "service / raw" verdict
    purchase_prepare
    # The index must be current before anything is timed: a first start builds it if needed (not measured).
    service_start purchase-index lucene "$BENCH_WORK/search-index-lucene"
    service_wait_ready 600 lucene
    service_stop
    purchase_raw
    purchase_service
    purchase_startup
    purchase_summary
}

# ---------------------------------------------------------------- inputs
purchase_prepare() {
    section "purchase: inputs (tokens, items, carts)"
    local dir=$RUN_DIR/purchase max_customers=0 c
    mkdir -p "$dir"
    for c in $PURCHASE_CUSTOMERS; do ((c > max_customers)) && max_customers=$c; done
    P[max_customers]=$max_customers
    driver tokens "$BENCH_WORK/jwt/privateKey.pem" "$JWT_ISSUER" "$max_customers" customer "$dir/flow.tokens"
    driver tokens "$BENCH_WORK/jwt/privateKey.pem" "$JWT_ISSUER" 1000 customer "$dir/cart.tokens"
    driver tokens "$BENCH_WORK/jwt/privateKey.pem" "$JWT_ISSUER" "$HOT_BUYERS" customer "$dir/hot.tokens"
    driver tokens "$BENCH_WORK/jwt/privateKey.pem" "$JWT_ISSUER" 1 admin "$dir/admin.token"
    P[warehouse]=$(psql_shop -tAc "SELECT id FROM warehouse ORDER BY id LIMIT 1")
    driver tokens "$BENCH_WORK/jwt/privateKey.pem" "$JWT_ISSUER" 1 warehouse "$dir/warehouse.token" "${P[warehouse]}"
    # The subjects of the cart readers' tokens: the middle part of each JWT is JSON with "sub".
    local n=0 token
    while read -r token; do
        n=$((n + 1))
        printf '%d\t%s\n' "$n" "$(jwt_subject "$token")"
    done <"$dir/cart.tokens" >"$dir/cart.customers"
    psql_admin -d "$PG_DB" -v purchase_items=50000 -v view_items=20000 -f "$PURCHASE_DIR/setup.sql" \
        <"$dir/cart.customers" >/dev/null
    psql_shop -tAc "SELECT item_id FROM bench.purchase_item" >"$dir/items"
    psql_shop -tAc "SELECT '/api/v1/items/' || item_id FROM bench.view_item" >"$dir/view.paths"
    echo "/api/v1/cart" >"$dir/cart.paths"
    P[pool]=$(wc -l <"$dir/items")
    P[view_pool]=$(wc -l <"$dir/view.paths")
    log "$max_customers flow customers, 1000 cart readers (3 lines each), ${P[pool]} items to buy, ${P[view_pool]} items to view"
}

driver() { java "$BENCH_DIR/driver/Driver.java" "$@"; }

jwt_subject() {
    local payload
    payload=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
    while ((${#payload} % 4)); do payload+='='; done
    base64 -d <<<"$payload" 2>/dev/null | jq -r .sub
}

# ---------------------------------------------------------------- raw SQL (no service running)
purchase_raw() {
    section "purchase: raw SQL with pgbench (bench/scenarios/purchase/*.sql)"
    local secs c
    secs=$(scaled "$PURCHASE_SECONDS")
    measure_pgbench "(warm-up) purchase" 16 "$(scaled 10)" -M prepared -D pool="${P[pool]}" -f "$PURCHASE_DIR/raw-purchase.sql"
    sed -i '$d' "$RUN_DIR/measurements.tsv"
    for c in $PURCHASE_CUSTOMERS; do
        measure_pgbench "purchase flow, $c customers" "$c" "$secs" -M prepared -D pool="${P[pool]}" \
            -f "$PURCHASE_DIR/raw-purchase.sql"
        purchase_keep raw "flow.c$c"
    done
    # Half the 16-customer maximum: the latency of the flow at a fixed rate.
    local first=${PURCHASE_CUSTOMERS%% *}
    P[raw.flow.rate]=$(half "${P[raw.flow.c$first.rps]}")
    measure_pgbench "purchase flow at ${P[raw.flow.rate]}/s, $first customers" "$first" "$secs" -M prepared \
        -D pool="${P[pool]}" -R "${P[raw.flow.rate]}" -f "$PURCHASE_DIR/raw-purchase.sql"
    purchase_keep raw flow.fixed

    secs=$(scaled "$READ_SECONDS")
    local kind pool
    for kind in item cart; do
        pool=$([[ $kind == item ]] && echo "${P[view_pool]}" || echo 1000)
        measure_pgbench "$kind read, max" 16 "$secs" -M prepared -D pool="$pool" -f "$PURCHASE_DIR/raw-$kind.sql"
        purchase_keep raw "$kind.max"
        P[raw.$kind.rate]=$(half "${P[raw.$kind.max.rps]}")
        measure_pgbench "$kind read at ${P[raw.$kind.rate]}/s" 16 "$secs" -M prepared -D pool="$pool" \
            -R "${P[raw.$kind.rate]}" -f "$PURCHASE_DIR/raw-$kind.sql"
        purchase_keep raw "$kind.fixed"
    done

    # Hot item: 1,000 conditional decrements of one row holding 100 units, over 100 connections. A real item lends
    # its row for this and gets its stock back afterwards (nothing else runs meanwhile).
    psql_admin -d "$PG_DB" -c "DROP TABLE IF EXISTS bench.hot" \
        -c "CREATE TABLE bench.hot AS SELECT item_id, aggregated AS saved FROM item_stock WHERE aggregated > 0 LIMIT 1" \
        -c "GRANT SELECT ON bench.hot TO $PG_USER" \
        -c "UPDATE item_stock SET aggregated = $HOT_UNITS WHERE item_id = (SELECT item_id FROM bench.hot)" >/dev/null
    local clients=100
    measure_pgbench "hot item: $HOT_BUYERS buyers, $HOT_UNITS units" "$clients" 0 -M prepared \
        -t $((HOT_BUYERS / clients)) -f "$PURCHASE_DIR/raw-hot.sql"
    P[raw.hot.left]=$(psql_shop -tAc "SELECT aggregated FROM item_stock WHERE item_id = (SELECT item_id FROM bench.hot)")
    P[raw.hot.seconds]=$(awk -v n="$HOT_BUYERS" -v tps="$M_RPS" 'BEGIN { printf "%.3f", n / tps }')
    psql_admin -d "$PG_DB" -c "UPDATE item_stock s SET aggregated = h.saved FROM bench.hot h WHERE s.item_id = h.item_id" >/dev/null

    # Reaper: 100,000 expired checkouts released by one set-based statement.
    psql_admin -d "$PG_DB" -v count="$REAPER_CHECKOUTS" -v expires="$(date -u -d '-1 minute' '+%Y-%m-%d %H:%M:%S+00')" \
        -f "$PURCHASE_DIR/reaper-setup.sql" >/dev/null
    local t0
    t0=$(now)
    psql_admin -d "$PG_DB" -f "$PURCHASE_DIR/reaper-raw.sql" >/dev/null
    P[raw.reaper.seconds]=$(elapsed "$t0" "$(now)")
    log "raw SQL released $REAPER_CHECKOUTS expired checkouts in ${P[raw.reaper.seconds]} s"

    # The raw orders are real PLACED orders; all but ASSIGNMENT_BACKLOG are undone, the rest wait for the service.
    psql_admin -d "$PG_DB" -v keep="$ASSIGNMENT_BACKLOG" -f "$PURCHASE_DIR/raw-cleanup.sql" >/dev/null
    P[backlog]=$(psql_shop -tAc "SELECT count(*) FROM customer_order WHERE status = 'PLACED'")
    log "assignment backlog: ${P[backlog]} PLACED orders"
}

half() { awk -v v="$1" 'BEGIN { h = int(v / 2); print (h < 1 ? 1 : h) }'; }

purchase_keep() {
    local p=$1.$2
    P[$p.rps]=$M_RPS P[$p.p50]=$M_P50 P[$p.p99]=$M_P99 P[$p.p999]=$M_P999 P[$p.errors]=$M_ERRORS
    P[$p.orders]=${M_ORDERS_PER_S:-} P[$p.cpu]="${M_CPU_SERVICE:--}+${M_CPU_PG:--}" P[$p.detail]=${M_ERROR_DETAIL:-}
    [[ -z ${M_RSS_MAX:-} ]] || P[$p.rss]=$M_RSS_DETAIL
}

# ---------------------------------------------------------------- the service
purchase_service() {
    section "purchase: the service"
    local dir=$RUN_DIR/purchase
    service_start purchase lucene "$BENCH_WORK/search-index-lucene"
    service_wait_ready 300 lucene
    P[start.ready]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
    P[start.quarkus]=$(service_started_in)
    purchase_assignment

    local secs c first=${PURCHASE_CUSTOMERS%% *} flow_env
    secs=$(scaled "$PURCHASE_SECONDS")
    flow_env=(BENCH_TOKENS="$dir/flow.tokens" BENCH_ITEMS_FILE="$dir/items")
    measure_wrk_script "service" "(warm-up) purchase flow" "$BENCH_DIR/lib/purchase.lua" "$first" "$first" \
        "$(scaled "$PURCHASE_WARMUP_SECONDS")" "" "${flow_env[@]}" BENCH_TRACE="$dir/warmup.trace"
    sed -i '$d' "$RUN_DIR/measurements.tsv"
    for c in $PURCHASE_CUSTOMERS; do
        measure_wrk_script "service" "purchase flow, $c customers" "$BENCH_DIR/lib/purchase.lua" "$c" "$c" "$secs" rss \
            "${flow_env[@]}" BENCH_TRACE="$dir/flow-c$c.trace"
        purchase_keep svc "flow.c$c"
        [[ -z $M_ERROR_DETAIL ]] || report_note "purchase flow, $c customers: errors $M_ERROR_DETAIL"
    done
    # Half of its own 16-customer maximum, as for the raw SQL (3 requests per flow).
    P[svc.flow.rate]=$(half "${P[svc.flow.c$first.orders]}")
    measure_wrk_script "service" "purchase flow at ${P[svc.flow.rate]} flows/s, $first customers" \
        "$BENCH_DIR/lib/purchase.lua" "$first" "$first" "$secs" rss "${flow_env[@]}" BENCH_TRACE="$dir/flow-fixed.trace" \
        BENCH_RATE=$((P[svc.flow.rate] * 3))
    purchase_keep svc flow.fixed
    purchase_chart

    secs=$(scaled "$READ_SECONDS")
    local kind paths tokens
    for kind in item cart; do
        paths=$dir/view.paths tokens=()
        [[ $kind == cart ]] && paths=$dir/cart.paths tokens=(BENCH_TOKENS="$dir/cart.tokens")
        measure_wrk "service" "(warm-up) $kind read" "$paths" 16 "$(scaled 5)" random "" "${tokens[@]}"
        sed -i '$d' "$RUN_DIR/measurements.tsv"
        measure_wrk "service" "$kind read, max" "$paths" 16 "$secs" random "" "${tokens[@]}"
        purchase_keep svc "$kind.max"
        P[svc.$kind.rate]=$(half "${P[svc.$kind.max.rps]}")
        measure_wrk "service" "$kind read at ${P[svc.$kind.rate]}/s" "$paths" 16 "$secs" random "" "${tokens[@]}" \
            BENCH_RATE="${P[svc.$kind.rate]}"
        purchase_keep svc "$kind.fixed"
    done

    purchase_hot
    purchase_reaper
    purchase_audit
    service_stop
}

# The assignment worker drains the backlog of PLACED orders the raw runs left: orders per second.
purchase_assignment() {
    local left started t0 placed0 n=0
    placed0=$(psql_shop -tAc "SELECT count(*) FROM customer_order WHERE status = 'PLACED'")
    t0=$(now)
    while :; do
        left=$(psql_shop -tAc "SELECT count(*) FROM customer_order WHERE status = 'PLACED'")
        ((left == 0)) && break
        awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 120) }' && break
        sleep 0.2
    done
    started=$(elapsed "$t0" "$(now)")
    P[assign.orders]=$((placed0 - left)) P[assign.seconds]=$started P[assign.left]=$left
    P[assign.rate]=$(awk -v n="$((placed0 - left))" -v s="$started" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
    log "assignment: $((placed0 - left)) of $placed0 PLACED orders assigned in $started s after readiness (${P[assign.rate]}/s), $left left"
}

purchase_chart() {
    local dir=$RUN_DIR/purchase c=${PURCHASE_CUSTOMERS##* } out
    out=$RUN_DIR/purchase-flow.svg
    driver chart "$out" "Purchase flow, $c customers, closed loop (commit $SERVICE_COMMIT, $(date -u +%Y-%m-%d))" \
        "$dir"/flow-c"$c".trace.*
    P[chart]=$out
    local results=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}
    mkdir -p "$results"
    cp "$out" "$results/$(date -u +%Y-%m-%d)-$(tr '+' '-' <<<"$SERVICE_COMMIT")-purchase.svg"
}

purchase_hot() {
    local dir=$RUN_DIR/purchase line
    line=$(driver hot "$SERVICE_URL" "$(cat "$dir/admin.token")" "$(cat "$dir/warehouse.token")" "${P[warehouse]}" \
        "$dir/hot.tokens" "$HOT_BUYERS" "$HOT_UNITS" | grep '^BENCH_HOT') || die "the hot-item driver failed"
    log "$line"
    local item buyers units reserved out_of_stock other available_after seconds p50_ms p99_ms max_ms cart_seconds
    eval "$(sed 's/^BENCH_HOT //' <<<"$line")"
    # shellcheck disable=SC2154 # set by the eval above
    P[hot.reserved]=$reserved P[hot.conflicts]=$out_of_stock P[hot.other]=$other P[hot.seconds]=$seconds
    P[hot.p99]=$p99_ms P[hot.left]=$available_after
}

# 100,000 checkouts that expire 15 s from now; the time from their expiry until the service's reaper released all.
purchase_reaper() {
    local expires expires_epoch left now_s
    expires_epoch=$(($(date +%s) + 15))
    expires=$(date -u -d "@$expires_epoch" '+%Y-%m-%d %H:%M:%S+00')
    psql_admin -d "$PG_DB" -v count="$REAPER_CHECKOUTS" -v expires="$expires" -f "$PURCHASE_DIR/reaper-setup.sql" >/dev/null
    while (($(date +%s) < expires_epoch)); do sleep 0.2; done
    while :; do
        left=$(psql_shop -tAc "SELECT count(*) FROM checkout WHERE status = 'ACTIVE' AND expires_at = '$expires'")
        ((left == 0)) && break
        now_s=$(now)
        awk -v a="$expires_epoch" -v b="$now_s" 'BEGIN { exit !(b - a > 120) }' && break
        sleep 0.1
    done
    P[reaper.seconds]=$(elapsed "$expires_epoch" "$(now)") P[reaper.left]=$left
    log "reaper: $REAPER_CHECKOUTS expired checkouts released ${P[reaper.seconds]} s after their expiry ($left left)"
}

purchase_audit() {
    local body
    body=$(curl -s -H "Authorization: Bearer $(cat "$RUN_DIR/purchase/admin.token")" "$SERVICE_URL/api/v1/admin/stock/audit")
    P[audit]=$(jq -r 'if .ok then "clean" else "\(.violations | length) violation(s)" end' <<<"$body" 2>/dev/null || echo "no answer")
    log "stock audit: ${P[audit]}"
}

# Start to ready with a current index, without and with the AppCDS archive the build made with this JVM (the image
# makes its own the same way: Dockerfile.jvm). A service built without it (BENCH_SKIP_BUILD) has no AppCDS row.
purchase_startup() {
    section "purchase: start to ready"
    local archive=$BENCH_SERVICE_DIR/target/quarkus-app/app-cds.jsa saved=$BENCH_JAVA_OPTS
    local mode
    for mode in plain appcds; do
        [[ $mode == appcds && ! -f $archive ]] && continue
        [[ $mode == appcds ]] && BENCH_JAVA_OPTS="$saved -XX:SharedArchiveFile=$archive -Xshare:auto"
        service_start "start-$mode" lucene "$BENCH_WORK/search-index-lucene"
        # Ready as Kubernetes sees it (PostgreSQL answers searches until the index is open), then the index serving.
        service_wait_ready 300
        P[start.$mode.ready]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
        P[start.$mode.quarkus]=$(service_started_in)
        service_wait_ready 300 lucene
        P[start.$mode.lucene]=$(elapsed "$SERVICE_STARTED_AT" "$SERVICE_READY_AT")
        P[start.$mode.rss]=$(service_rss_mib)
        service_stop
        BENCH_JAVA_OPTS=$saved
        log "start to ready ($mode): ${P[start.$mode.ready]} s (Quarkus: started in ${P[start.$mode.quarkus]} s; index serving at ${P[start.$mode.lucene]} s)"
    done
}

# ---------------------------------------------------------------- the table
purchase_summary() {
    local c ratio
    for c in $PURCHASE_CUSTOMERS; do
        ratio=$(div "${P[svc.flow.c$c.orders]:-}" "${P[raw.flow.c$c.rps]:-}")
        report_row_in purchase "purchase flow, $c customers: completed orders/s (errors)" ">= 0.5 x raw, 0 errors" \
            "${P[raw.flow.c$c.rps]} flows/s (p50 ${P[raw.flow.c$c.p50]}, p99 ${P[raw.flow.c$c.p99]}; errors ${P[raw.flow.c$c.errors]}; CPU/flow ${P[raw.flow.c$c.cpu]})" \
            "${P[svc.flow.c$c.orders]} orders/s (errors ${P[svc.flow.c$c.errors]}; p50 ${P[svc.flow.c$c.p50]}, p99 ${P[svc.flow.c$c.p99]} per request; CPU/request ${P[svc.flow.c$c.cpu]})" \
            "$ratio" "$(verdict "$ratio" '>=' 0.5 "${P[svc.flow.c$c.errors]}" '<=' 0)"
    done
    report_row_in purchase "purchase flow at half its maximum (16 customers): p50 / p99 / p99.9" "-" \
        "at ${P[raw.flow.rate]} flows/s: ${P[raw.flow.fixed.p50]} / ${P[raw.flow.fixed.p99]} / ${P[raw.flow.fixed.p999]} per flow (3 transactions)" \
        "at ${P[svc.flow.rate]} flows/s: ${P[svc.flow.fixed.p50]} / ${P[svc.flow.fixed.p99]} / ${P[svc.flow.fixed.p999]} per request (${P[svc.flow.fixed.orders]} orders/s, errors ${P[svc.flow.fixed.errors]})" \
        "" "-"
    local kind title
    for kind in item cart; do
        title=$([[ $kind == item ]] && echo "item view by id" || echo "cart read (3 lines)")
        report_row_in purchase "$title: max, then p50 / p99 / p99.9 at half of it" "p99 <= 5" \
            "${P[raw.$kind.max.rps]}/s; at ${P[raw.$kind.rate]}/s: ${P[raw.$kind.fixed.p50]} / ${P[raw.$kind.fixed.p99]} / ${P[raw.$kind.fixed.p999]}" \
            "${P[svc.$kind.max.rps]}/s; at ${P[svc.$kind.rate]}/s: ${P[svc.$kind.fixed.p50]} / ${P[svc.$kind.fixed.p99]} / ${P[svc.$kind.fixed.p999]} (errors ${P[svc.$kind.fixed.errors]})" \
            "max $(div "${P[svc.$kind.max.rps]}" "${P[raw.$kind.max.rps]}")" \
            "$(verdict "${P[svc.$kind.fixed.p99]}" '<=' 5 "${P[svc.$kind.fixed.errors]}" '<=' 0)"
    done
    local hot_ok=MISSED
    if [[ ${P[hot.reserved]} == "$HOT_UNITS" && ${P[hot.conflicts]} == $((HOT_BUYERS - HOT_UNITS)) && ${P[hot.other]} == none ]]; then
        hot_ok=$(verdict "${P[hot.seconds]}" '<=' 2)
    fi
    report_row_in purchase "hot item: $HOT_BUYERS buyers at once, $HOT_UNITS units: outcome, time to the last answer (s)" \
        "exactly $HOT_UNITS, others 409, <= 2 s" \
        "${P[raw.hot.seconds]} s for $HOT_BUYERS conditional decrements over 100 connections (${P[raw.hot.left]} left)" \
        "${P[hot.reserved]} reserved, ${P[hot.conflicts]} OUT_OF_STOCK, other: ${P[hot.other]}; ${P[hot.seconds]} s (p99 ${P[hot.p99]} ms); stock after: ${P[hot.left]}" \
        "$(div "${P[hot.seconds]}" "${P[raw.hot.seconds]}")" "$hot_ok"
    report_row_in purchase "reaper: $REAPER_CHECKOUTS expired checkouts released (s after expiry)" "<= 5 s" \
        "${P[raw.reaper.seconds]} s (one statement)" "${P[reaper.seconds]} s (${P[reaper.left]} left)" \
        "$(div "${P[reaper.seconds]}" "${P[raw.reaper.seconds]}")" \
        "$([[ ${P[reaper.left]} == 0 ]] && verdict "${P[reaper.seconds]}" '<=' 5 || echo MISSED)"
    report_row_in purchase "assignment: PLACED orders assigned and split per second by one worker" ">= 1000/s" "-" \
        "${P[assign.rate]}/s (${P[assign.orders]} orders in ${P[assign.seconds]} s after readiness, ${P[assign.left]} left)" "" \
        "$(verdict "${P[assign.rate]}" '>=' 1000)"
    report_row_in purchase "JVM start to ready, current index (s)" "<= 2" "-" \
        "${P[start.plain.ready]:-?} (Quarkus: started in ${P[start.plain.quarkus]:-?}; index serving at ${P[start.plain.lucene]:-?}); with AppCDS ${P[start.appcds.ready]:-n/a} (started in ${P[start.appcds.quarkus]:-n/a}; index at ${P[start.appcds.lucene]:-n/a})" \
        "" "$(verdict "${P[start.appcds.ready]:-${P[start.plain.ready]:-}}" '<=' 2)"
    local c_last=${PURCHASE_CUSTOMERS##* } rss
    rss=${P[svc.flow.c$c_last.rss]:-}
    report_row_in purchase "resident memory during the purchase flow, max (MiB)" "<= 400" "-" \
        "$rss at $c_last customers (JVM $BENCH_JAVA_OPTS)" "" "$(verdict "${rss%% *}" '<=' 400)"
    report_row_in purchase "stock audit after the runs" "clean" "-" "${P[audit]}" "" \
        "$([[ ${P[audit]} == clean ]] && echo met || echo MISSED)"
    report_note "purchase: chart of the ${c_last}-customer flow in $(basename "${P[chart]:-none}") (also in bench/results/)"
}

div() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b }'; }
