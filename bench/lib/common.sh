# Shared helpers of bench/run.sh: logging, prerequisites, settings. Sourced, not run.
# shellcheck shell=bash

# ---------------------------------------------------------------- settings (all overridable by environment)
BENCH_WORK=${BENCH_WORK:-/var/tmp/storefront-bench}          # PostgreSQL data, keys, index, logs, generated files
BENCH_ITEMS=${BENCH_ITEMS:-1000000}                          # catalog size
BENCH_PG_PORT=${BENCH_PG_PORT:-55432}
BENCH_PG_DATA=${BENCH_PG_DATA:-$BENCH_WORK/pgdata}
BENCH_PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
BENCH_PG_OS_USER=${BENCH_PG_OS_USER:-postgres}               # the unprivileged OS user that runs the server
BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BENCH_SERVICE_DIR=${BENCH_SERVICE_DIR:-$(cd "$BENCH_DIR/.." && pwd)}   # the source tree to build and run
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}                      # 1: reuse BENCH_SERVICE_DIR/target/quarkus-app
# JVM options of the service. The default is what the JVM image's run-java.sh passes in a 1Gi container: the heap
# at JAVA_MAX_MEM_RATIO=25% of the limit (Dockerfile.jvm, docs/DEPLOYMENT.md) and the image's GC settings
# (rh-openjdk's java-default-options: the parallel collector, heap shrinking after GC, exit on OutOfMemoryError).
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError}
BENCH_SCALE=${BENCH_SCALE:-1}                                # multiplies every measuring duration (0.2 = smoke run)

# The benchmark database: role, password, database.
PG_USER=shop
PG_PASSWORD=shop
PG_DB=shop
JDBC_URL="jdbc:postgresql://127.0.0.1:${BENCH_PG_PORT}/${PG_DB}"
# The issuer the service verifies (MP_JWT_VERIFY_ISSUER) and the benchmark's tokens carry.
JWT_ISSUER=https://storefront.example/issuer

# ---------------------------------------------------------------- logging
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '[bench %(%H:%M:%S)T] FAILED: %s\n' -1 "$*" >&2; exit 1; }
section() { printf '\n[bench %(%H:%M:%S)T] ==== %s\n' -1 "$*" >&2; }

# Seconds since the epoch with milliseconds.
now() { date +%s.%3N; }
# b - a, in seconds with 2 decimals.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# A duration in whole seconds scaled by BENCH_SCALE (at least 2).
scaled() { awk -v d="$1" -v s="$BENCH_SCALE" 'BEGIN { v = int(d * s + 0.5); if (v < 2) v = 2; print v }'; }

# ---------------------------------------------------------------- prerequisites
ensure_prerequisites() {
    local missing=()
    [[ -x $BENCH_PG_BIN/postgres ]] || missing+=(postgresql-15)
    [[ -d /usr/share/postgresql/15/extension ]] && ls /usr/share/postgresql/15/extension/pg_trgm.control >/dev/null 2>&1 \
        || missing+=(postgresql-contrib-15)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v jq >/dev/null || missing+=(jq)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v curl >/dev/null || missing+=(curl)
    command -v psql >/dev/null || missing+=(postgresql-client-15)
    command -v pgbench >/dev/null || missing+=(postgresql-client-15)
    if ((${#missing[@]})); then
        # postgresql-contrib-15 is a virtual package on Debian 12 (provided by postgresql-15); apt resolves it.
        log "installing ${missing[*]}"
        [[ $(id -u) == 0 ]] || die "missing ${missing[*]}; run as root or install them: apt-get install -y ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
            || die "apt-get install ${missing[*]} failed"
    fi
    command -v java >/dev/null || die "no java on PATH (JDK 17 needed)"
    java -version 2>&1 | grep -q 'version "\(1[7-9]\|2[0-9]\)' || die "JDK 17+ needed: $(java -version 2>&1 | head -1)"
    if ! id "$BENCH_PG_OS_USER" >/dev/null 2>&1; then
        log "creating the OS user $BENCH_PG_OS_USER for the PostgreSQL server"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$BENCH_PG_OS_USER"
    fi
}

# ---------------------------------------------------------------- JWT key pair (the prod profile needs a key)
ensure_jwt_keys() {
    local dir=$BENCH_WORK/jwt
    if [[ ! -s $dir/publicKey.pem ]]; then
        mkdir -p "$dir"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/privateKey.pem" 2>/dev/null
        openssl pkey -in "$dir/privateKey.pem" -pubout -out "$dir/publicKey.pem" 2>/dev/null
        log "JWT key pair written to $dir"
    fi
    JWT_PUBLIC_KEY=$dir/publicKey.pem
}

# ---------------------------------------------------------------- the service's build
build_service() {
    local jar=$BENCH_SERVICE_DIR/target/quarkus-app/quarkus-run.jar
    SERVICE_COMMIT=$(git -C "$BENCH_SERVICE_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(git -C "$BENCH_SERVICE_DIR" status --porcelain -- src pom.xml 2>/dev/null) ]]; then
        SERVICE_COMMIT="$SERVICE_COMMIT+dirty"
    fi
    if [[ $BENCH_SKIP_BUILD == 1 ]]; then
        [[ -f $jar ]] || die "BENCH_SKIP_BUILD=1 but $jar does not exist"
        log "reusing $jar (BENCH_SKIP_BUILD=1)"
        return
    fi
    section "build: ./mvnw -B -q package -DskipTests -P '!embedded-postgresql' -Dquarkus.package.jar.appcds.enabled=true in $BENCH_SERVICE_DIR ($SERVICE_COMMIT)"
    local started attempt logfile first
    started=$(now)
    # The documented build first. Then, loudly noted in the results: "clean" (a target/ left by a build with the
    # embedded-postgresql profile still lists that profile's classes in META-INF/services, and the packaged app then
    # fails to build), then without compiling tests (-DskipTests still compiles them, and they may need the profile).
    # With an AppCDS archive, as the image is built (Dockerfile.jvm, docs/DEPLOYMENT.md).
    local attempts=("package -DskipTests" "clean package -DskipTests" "clean package -Dmaven.test.skip=true")
    for attempt in 0 1 2; do
        logfile=$RUN_DIR/build-$attempt.log
        # shellcheck disable=SC2086 # the goals and flags are words
        if (cd "$BENCH_SERVICE_DIR" && ./mvnw -B -q ${attempts[$attempt]} -P '!embedded-postgresql' \
            -Dquarkus.package.jar.appcds.enabled=true) >"$logfile" 2>&1; then
            break
        fi
        first=$(grep -m1 -E 'ERROR.*\.java|Exception|BUILD FAILURE|ERROR\]' "$logfile" | sed 's/^\[ERROR\] //' | cut -c1-200)
        log "WARNING: ./mvnw ${attempts[$attempt]} -P '!embedded-postgresql' failed: $first (log: $logfile)"
        report_note "WARNING: \`./mvnw -B -q ${attempts[$attempt]} -P '!embedded-postgresql'\` FAILED on this commit: $first"
        ((attempt < 2)) || { tail -40 "$logfile" >&2; die "build failed (logs: $RUN_DIR/build-*.log)"; }
    done
    ((attempt == 0)) || report_note "the service was built with \`./mvnw -B -q ${attempts[$attempt]} -P '!embedded-postgresql'\`"
    [[ -f $jar ]] || die "build produced no $jar"
    log "built in $(elapsed "$started" "$(now)") s"
}
