# Starting, watching and stopping the packaged service (target/quarkus-app/quarkus-run.jar). Sourced, not run.
# shellcheck shell=bash

SERVICE_PID=
SERVICE_URL="http://127.0.0.1:${BENCH_HTTP_PORT}"
# Extra environment for every start (set by the search scenario to switch the page cache off, for instance).
SERVICE_EXTRA_ENV=()

# service_start LABEL ENGINE INDEX_DIR: starts the service in the background; SERVICE_STARTED_AT is the time just
# before the JVM was launched, SERVICE_LOG its log file.
service_start() {
    local label=$1 engine=$2 index_dir=$3
    [[ -z $SERVICE_PID ]] || die "service already running (pid $SERVICE_PID)"
    if ss -ltn 2>/dev/null | grep -q ":$BENCH_HTTP_PORT\b"; then
        die "port $BENCH_HTTP_PORT is taken by another process (set BENCH_HTTP_PORT)"
    fi
    SERVICE_LOG=$RUN_DIR/service-$label.log
    mkdir -p "$index_dir"
    log "starting the service ($label): engine $engine, index $index_dir, JVM $BENCH_JAVA_OPTS"
    SERVICE_STARTED_AT=$(now)
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
    env QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
        QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
        QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC_KEY" \
        MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
        QUARKUS_HTTP_PORT="$BENCH_HTTP_PORT" \
        SHOP_SEARCH_ENGINE="$engine" \
        SHOP_SEARCH_INDEX_DIR="$index_dir" \
        "${SERVICE_EXTRA_ENV[@]}" \
        java $BENCH_JAVA_OPTS -jar "$BENCH_SERVICE_DIR/target/quarkus-app/quarkus-run.jar" \
        >"$SERVICE_LOG" 2>&1 9>&- &
    SERVICE_PID=$!
}

# The readiness document, or nothing when the service does not answer.
service_ready_json() { curl -s --max-time 2 "$SERVICE_URL/q/health/ready" 2>/dev/null || true; }

# The engine the readiness check "Search" reports (empty when there is no such check: the service predates it).
search_engine_of() { jq -r '[.checks[]? | select(.name == "Search") | .data.engine] | first // empty' 2>/dev/null <<<"$1"; }

# service_wait_ready TIMEOUT [ENGINE]: waits for readiness 200 (and, with ENGINE, for the check "Search" to report
# that engine); sets SERVICE_READY_AT. Dies when the process exits or the time runs out.
service_wait_ready() {
    local timeout=$1 engine=${2:-} deadline body status
    deadline=$(awk -v s="$(now)" -v t="$timeout" 'BEGIN { printf "%.3f", s + t }')
    while :; do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -30 "$SERVICE_LOG" >&2
            SERVICE_PID=
            die "the service exited during start (log: $SERVICE_LOG)"
        fi
        status=$(curl -s -o "$RUN_DIR/ready.json" -w '%{http_code}' --max-time 2 "$SERVICE_URL/q/health/ready" 2>/dev/null || true)
        if [[ $status == 200 ]]; then
            body=$(cat "$RUN_DIR/ready.json")
            if [[ -z $engine || $(search_engine_of "$body") == "$engine" ]]; then
                SERVICE_READY_AT=$(now)
                return 0
            fi
        fi
        if awk -v n="$(now)" -v d="$deadline" 'BEGIN { exit !(n > d) }'; then
            cat "$RUN_DIR/ready.json" >&2 2>/dev/null || true
            die "the service was not ready${engine:+ with engine $engine} within $timeout s (log: $SERVICE_LOG)"
        fi
        sleep 0.05
    done
}

service_stop() {
    [[ -n $SERVICE_PID ]] || return 0
    log "stopping the service (pid $SERVICE_PID)"
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 600); do
        kill -0 "$SERVICE_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
        log "the service did not stop within 60 s: killing it"
        kill -KILL "$SERVICE_PID" 2>/dev/null || true
    fi
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
}

# Resident memory of the service in MiB (VmRSS).
service_rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0; }

# Quarkus' own "started in X.XXXs" from the log.
service_started_in() { grep -o 'started in [0-9.]*s' "$SERVICE_LOG" | head -1 | grep -o '[0-9.]*' || true; }
