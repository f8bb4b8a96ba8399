# The benchmark's own PostgreSQL 15 server (Debian's binaries, run as an unprivileged user). Sourced, not run.
# shellcheck shell=bash

# The server's settings: written to $BENCH_PG_DATA/bench.conf at every start and printed with the results.
# Durable like production (fsync and synchronous commit on); memory sized for 1M items on a 24 GiB machine.
PG_SETTINGS=(
    "fsync = on"
    "synchronous_commit = on"
    "full_page_writes = on"
    "shared_buffers = 1GB"
    "max_connections = 200"
    "work_mem = 16MB"
    "maintenance_work_mem = 1GB"
    "effective_cache_size = 8GB"
    "random_page_cost = 1.1"
    "max_wal_size = 8GB"
    "checkpoint_timeout = 15min"
    "wal_compression = on"
    "timezone = 'UTC'"
    "log_min_duration_statement = -1"
    "listen_addresses = '127.0.0.1'"
)

pg_as_owner() { runuser -u "$BENCH_PG_OS_USER" -- "$@"; }

# psql as the superuser (TCP, password auth); extra arguments go to psql.
psql_admin() { PGPASSWORD=$PG_SUPER_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres "$@"; }
# psql as the service's role on its database.
psql_shop() { PGPASSWORD=$PG_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"; }

PG_SUPER_PASSWORD=bench-postgres

pg_init() {
    [[ -x $BENCH_PG_BIN/initdb ]] || die "no PostgreSQL 15 binaries in $BENCH_PG_BIN"
    mkdir -p "$BENCH_WORK"
    chmod 755 "$BENCH_WORK"
    if [[ ! -f $BENCH_PG_DATA/PG_VERSION ]]; then
        log "initdb $BENCH_PG_DATA (as $BENCH_PG_OS_USER)"
        mkdir -p "$BENCH_PG_DATA"
        chown "$BENCH_PG_OS_USER" "$BENCH_PG_DATA"
        chmod 700 "$BENCH_PG_DATA"
        local pwfile; pwfile=$(mktemp)
        echo "$PG_SUPER_PASSWORD" >"$pwfile"
        chown "$BENCH_PG_OS_USER" "$pwfile"
        pg_as_owner "$BENCH_PG_BIN/initdb" -D "$BENCH_PG_DATA" -U postgres --pwfile="$pwfile" \
            --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$BENCH_WORK/initdb.log" 2>&1 \
            || { rm -f "$pwfile"; cat "$BENCH_WORK/initdb.log" >&2; die "initdb failed"; }
        rm -f "$pwfile"
        echo "include_if_exists = 'bench.conf'" >>"$BENCH_PG_DATA/postgresql.conf"
    fi
}

pg_start() {
    pg_init
    local socket_dir=$BENCH_WORK/pg-socket
    mkdir -p "$socket_dir" && chown "$BENCH_PG_OS_USER" "$socket_dir"
    touch "$BENCH_WORK/postgresql.log" && chown "$BENCH_PG_OS_USER" "$BENCH_WORK/postgresql.log"
    {
        echo "# Written by bench/lib/pg.sh at every start; edit PG_SETTINGS there."
        printf '%s\n' "${PG_SETTINGS[@]}"
        echo "port = $BENCH_PG_PORT"
        echo "unix_socket_directories = '$socket_dir'"
    } >"$BENCH_PG_DATA/bench.conf"
    chown "$BENCH_PG_OS_USER" "$BENCH_PG_DATA/bench.conf"
    if pg_as_owner "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" status >/dev/null 2>&1; then
        log "PostgreSQL already running on $BENCH_PG_DATA: restarting it with the settings above"
        pg_as_owner "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" -m fast -w stop >/dev/null
    fi
    if ss -ltn 2>/dev/null | grep -q ":$BENCH_PG_PORT\b"; then
        die "port $BENCH_PG_PORT is taken by another process (set BENCH_PG_PORT)"
    fi
    log "starting PostgreSQL 15 on 127.0.0.1:$BENCH_PG_PORT (data $BENCH_PG_DATA, user $BENCH_PG_OS_USER)"
    # 9>&-: the server must not inherit run.sh's lock (it would hold it after the run).
    pg_as_owner "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" -l "$BENCH_WORK/postgresql.log" -w -t 120 start >/dev/null 9>&- \
        || { tail -20 "$BENCH_WORK/postgresql.log" >&2; die "PostgreSQL did not start (log: $BENCH_WORK/postgresql.log)"; }
    PG_STARTED_BY_US=1
    psql_admin -d postgres -c "SELECT 1" >/dev/null || die "cannot connect to PostgreSQL as postgres"
    if [[ -z $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'") ]]; then
        psql_admin -d postgres -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'"
    fi
}

pg_stop() {
    if [[ ${PG_STARTED_BY_US:-0} == 1 ]]; then
        log "stopping PostgreSQL"
        pg_as_owner "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED_BY_US=0
    fi
}

# The settings in force, as the server reports them (for the results).
pg_settings_report() {
    psql_admin -d postgres -tA -F ' = ' -c "
        SELECT name, current_setting(name) FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections',
                       'work_mem', 'maintenance_work_mem', 'effective_cache_size', 'random_page_cost', 'max_wal_size',
                       'checkpoint_timeout', 'wal_compression', 'jit', 'max_parallel_workers_per_gather')
        ORDER BY name"
    psql_admin -d postgres -tAc "SELECT version()"
}

pg_recreate_database() {
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
    psql_admin -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
}
