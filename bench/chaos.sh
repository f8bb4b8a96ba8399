#!/usr/bin/env bash
# The fault suite: two packaged replicas on one PostgreSQL 15 server under purchase and warehouse traffic, with
# replicas SIGKILLed and restarted (CHAOS_KILLS, default 10) and the database stopped for 10 s; then it prints the
# counts of docs/RELIABILITY.md and fails when one is wrong. Usage: bench/chaos.sh   (about 5 minutes)
#
# Same prerequisites as bench/run.sh (run as root; it installs PostgreSQL 15 and runs it as an unprivileged user);
# it uses its own database, `chaos`, on the benchmark's server, and a small catalog it creates through the API.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/pg.sh
source "$BENCH_DIR/lib/pg.sh"
# shellcheck source=lib/report.sh
source "$BENCH_DIR/lib/report.sh"

RUN_DIR=$BENCH_WORK/chaos/$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN_DIR"
CHAOS_DB=chaos

ensure_prerequisites
ensure_jwt_keys
build_service
pg_start
trap pg_stop EXIT
psql_admin -d postgres -c "DROP DATABASE IF EXISTS $CHAOS_DB WITH (FORCE)" >/dev/null
psql_admin -d postgres -c "CREATE DATABASE $CHAOS_DB OWNER $PG_USER" >/dev/null

section "chaos: 2 replicas, ${CHAOS_KILLS:-10} SIGKILLs, one 10 s database outage (logs: $RUN_DIR)"
status=0
env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${BENCH_PG_PORT}/${CHAOS_DB}" \
    QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC_KEY" MP_JWT_VERIFY_ISSUER=https://storefront.example/issuer \
    CHAOS_WORK="$RUN_DIR" CHAOS_JAR="$BENCH_SERVICE_DIR/target/quarkus-app/quarkus-run.jar" \
    CHAOS_PRIVATE_KEY="$BENCH_WORK/jwt/privateKey.pem" \
    CHAOS_PSQL="PGPASSWORD=$PG_PASSWORD psql -X -q -h 127.0.0.1 -p $BENCH_PG_PORT -U $PG_USER -d $CHAOS_DB" \
    CHAOS_PG_STOP="runuser -u $BENCH_PG_OS_USER -- $BENCH_PG_BIN/pg_ctl -D $BENCH_PG_DATA -m immediate -w stop >/dev/null" \
    CHAOS_PG_START="runuser -u $BENCH_PG_OS_USER -- $BENCH_PG_BIN/pg_ctl -D $BENCH_PG_DATA -l $BENCH_WORK/postgresql.log -w start >/dev/null" \
    java "$BENCH_DIR/chaos/Chaos.java" 9>&- | tee "$RUN_DIR/results.md" || status=$?
log "results: $RUN_DIR/results.md (service commit $SERVICE_COMMIT)"
exit "$status"
