# Scale: list/search latency and issuance throughput at 0 / 10k / 100k certificates, start-up time
# and resident memory, all with a 128 MB heap.
# shellcheck shell=bash

json_field() { grep -o "\"$2\": [0-9]*" "$RAW/$1.txt" | head -1 | awk '{print $2}'; }

# seed_to TARGET: brings the ledger to about TARGET certificates. BENCH_SEED=sql (default) inserts rows
# into the stopped service's H2 file (bench/lib/seed.sql, seconds for 100k); BENCH_SEED=api issues them
# through the running service (hey, 16 connections; slow, but touches no schema).
seed_to() {
    if [ "$SEED_MODE" = sql ]; then seed_sql "$1"; else seed_api "$1"; fi
}

seed_sql() {
    local target=$1 missing t0 secs h2
    missing=$(( target - ISSUED ))
    [ "$missing" -le 0 ] && return 0
    stop_pid "$INKAN_PID"
    h2=$(find "$W/xseed" -name 'h2-*.jar' 2>/dev/null | head -1 || true)
    if [ -z "$h2" ]; then
        (cd "$W" && "$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$W/xseed" >/dev/null)
        h2=$(find "$W/xseed" -name 'h2-*.jar' | head -1)
    fi
    [ -n "$h2" ] || die "no h2 jar in $JAR"
    SEED_RUN=$(( ${SEED_RUN:-0} + 1 ))
    sed "s/\${COUNT}/$missing/g; s/\${RUN}/$SEED_RUN/g" "$BENCH_DIR/lib/seed.sql" > "$W/seed-$target.sql"
    log "scale: inserting $missing certificates into the H2 file (to $target)"
    t0=$(date +%s%N)
    "$JDK17/bin/java" -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$DATA/inkan" -user inkan -password "" \
        -script "$W/seed-$target.sql" >"$RAW/seed-$target.txt" 2>&1 || { cat "$RAW/seed-$target.txt" >&2; die "SQL seeding failed"; }
    secs=$(( ($(date +%s%N) - t0) / 1000000 ))
    ISSUED=$(( ISSUED + missing ))
    SEEDS+=("{\"count\": $missing, \"seconds\": $(awk "BEGIN{print $secs/1000}")}")
}

seed_api() {
    local target=$1 missing t0 secs ok
    missing=$(( target - ISSUED ))
    [ "$missing" -le 0 ] && return 0
    log "scale: issuing $missing certificates through the API (to $target)"
    t0=$(date +%s%N)
    hey -n "$missing" -c 16 -t 60 -m POST -T application/json -D "$W/issue.json" -H "Authorization: Bearer $TOKEN" \
        "$INKAN_URL/api/v1/certificates" >"$RAW/seed-$target.txt" 2>&1 || die "seeding failed: $RAW/seed-$target.txt"
    secs=$(( ($(date +%s%N) - t0) / 1000000 ))
    ok=$(awk '/\[201\]/{print $2}' "$RAW/seed-$target.txt")
    [ "${ok:-0}" -eq "$missing" ] || die "seeding: only ${ok:-0} of $missing answered 201: $RAW/seed-$target.txt"
    ISSUED=$(( ISSUED + missing ))
    SEEDS+=("{\"count\": $missing, \"seconds\": $(awk "BEGIN{print $secs/1000}")}")
}

# measure_size: start-up, idle RSS, list/search latency, issuance throughput, peak RSS; one JSON row.
measure_size() {
    local label=$1 port rss_idle row k
    port=$(free_port)
    # shellcheck disable=SC2086
    start_inkan "$DATA" "$port" "$RAW/inkan-$label.log" $SCALE_OPTS
    local startup=$INKAN_STARTUP_MS count_at_start=$ISSUED
    if [ -z "${NEEDLE_DONE:-}" ]; then
        curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"commonName\":\"$NEEDLE\",\"dnsNames\":[\"$NEEDLE\"],\"keyType\":\"ecdsa-p256\",\"validityDays\":90}" \
            "$INKAN_URL/api/v1/certificates" || die "could not issue the search needle"
        NEEDLE_DONE=1; ISSUED=$((ISSUED + 1))
    fi
    sleep 2
    rss_idle=$(rss_kib "$INKAN_PID")
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$INKAN_URL$LIST_PATH" || die "GET $LIST_PATH failed"
    curl -fsS -H "Authorization: Bearer $TOKEN" "$INKAN_URL$SEARCH_PATH" | grep -q "$NEEDLE" \
        || die "GET $SEARCH_PATH does not find $NEEDLE"
    load "$label-warm" "$INKAN_URL$LIST_PATH" 4 "$WARMUP" "" "$TOKEN" GET
    load "$label-list1" "$INKAN_URL$LIST_PATH" 1 "$DURATION" "" "$TOKEN" GET
    load "$label-list4" "$INKAN_URL$LIST_PATH" 4 "$DURATION" "" "$TOKEN" GET
    load "$label-search1" "$INKAN_URL$SEARCH_PATH" 1 "$DURATION" "" "$TOKEN" GET
    load "$label-search4" "$INKAN_URL$SEARCH_PATH" 4 "$DURATION" "" "$TOKEN" GET
    load "$label-issue" "$INKAN_URL/api/v1/certificates" 16 "$DURATION" "$W/issue.json" "$TOKEN"
    ISSUED=$(( ISSUED + $(json_field "$label-issue" requests) ))
    row="{\"count\": $count_at_start, \"startup_ms\": $startup, \"rss_idle_kib\": $rss_idle, \"rss_peak_kib\": $(hwm_kib "$INKAN_PID")"
    for k in list1 list4 search1 search4 issue; do
        row+=", \"$k\": $(grep '^BENCHJSON ' "$RAW/$label-$k.txt" | cut -d' ' -f2-)"
    done
    ROWS+=("$row, \"oom\": $(grep -c OutOfMemoryError "$RAW/inkan-$label.log" || true)}")
}

# startup_aids: service start-up (until health is UP) and idle RSS with each JVM start-up aid, same database.
startup_aids() {
    local runs=$1 variant java jar opts i port
    local -a variants=("j17-jar|$JDK17/bin/java|$JAR|")
    (cd "$W" && "$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$W/x17" >/dev/null)
    INKAN_DATA_DIR=$DATA INKAN_ADMIN_TOKEN=$TOKEN "$JDK17/bin/java" -XX:ArchiveClassesAtExit="$W/svc17.jsa" \
        -Dspring.context.exit=onRefresh -jar "$W/x17/$(basename "$JAR")" --server.port=0 --server.address=127.0.0.1 >"$RAW/train17.log" 2>&1 \
        && variants+=("j17-appcds|$JDK17/bin/java|$W/x17/$(basename "$JAR")|-XX:SharedArchiveFile=$W/svc17.jsa")
    if has_jdk25; then
        (cd "$W" && "$JDK25/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$W/x25" >/dev/null)
        # JEP 514: the training run ends after the context refresh (Spring Boot's spring.context.exit=onRefresh).
        INKAN_DATA_DIR=$DATA INKAN_ADMIN_TOKEN=$TOKEN "$JDK25/bin/java" -XX:AOTCacheOutput="$W/svc25.aot" \
            -Dspring.context.exit=onRefresh -jar "$W/x25/$(basename "$JAR")" --server.port=0 --server.address=127.0.0.1 >"$RAW/train25.log" 2>&1 \
            && variants+=("j25-jar|$JDK25/bin/java|$JAR|" "j25-aot|$JDK25/bin/java|$W/x25/$(basename "$JAR")|-XX:AOTCache=$W/svc25.aot")
    fi
    for i in $(seq "$runs"); do
        for variant in "${variants[@]}"; do
            IFS='|' read -r name java jar opts <<<"$variant"
            port=$(free_port)
            # shellcheck disable=SC2086
            BENCH_INKAN_JAVA=$java JAR=$jar start_inkan "$DATA" "$port" "$RAW/startup-$name-$i.log" $SCALE_OPTS $opts
            sleep 1
            STARTUPS+=("{\"variant\": \"$name\", \"opts\": \"$SCALE_OPTS $opts\", \"startup_ms\": $INKAN_STARTUP_MS, \"rss_kib\": $(rss_kib "$INKAN_PID")}")
            stop_pid "$INKAN_PID"
        done
    done
}

run_scale() {
    W=$(mktemp -d /tmp/inkan-bench-scale.XXXXXX)
    RAW=$OUT/scale
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    DATA=$W/data
    SCALE_OPTS=${BENCH_SCALE_OPTS:--Xmx128m}
    SEED_MODE=${BENCH_SEED:-sql}
    NEEDLE=needle-$(openssl rand -hex 4).bench.local
    LIST_PATH=${BENCH_LIST_PATH:-/api/v1/certificates}
    SEARCH_PATH=${BENCH_SEARCH_PATH:-/api/v1/certificates?q=$NEEDLE}
    if [ "$QUICK" = 1 ]; then SIZES=(0 2000); DURATION=2s; WARMUP=2s; RSS_DURATION=5s
    else SIZES=(0 10000 100000); DURATION=5s; WARMUP=5s; RSS_DURATION=60s; fi
    echo '{"commonName":"bench.local","dnsNames":["bench.local","www.bench.local"],"ipAddresses":["127.0.0.1"],"profile":"server","keyType":"ecdsa-p256","validityDays":90}' > "$W/issue.json"
    ISSUED=0; ROWS=(); SEEDS=(); STARTUPS=()
    trap 'stop_pid ${INKAN_PID:-0}' EXIT
    for size in "${SIZES[@]}"; do
        if [ "$size" -gt 0 ]; then
            # seed, then (re)start to measure start-up with the bigger database
            seed_to "$size"
            stop_pid "$INKAN_PID"
        fi
        measure_size "n$size"
        if [ "$size" = "${SIZES[-1]}" ]; then stop_pid "$INKAN_PID"; fi
    done
    trap - EXIT
    startup_aids "$( [ "$QUICK" = 1 ] && echo 1 || echo 2 )"
    readme_startup "$( [ "$QUICK" = 1 ] && echo 2 || echo 5 )"
    local IFS=,
    printf '{"meta": {"quick": %s, "jvm": "java %s -jar inkan.jar", "duration": "%s", "list_path": "%s", "search_path": "%s", "seeding": "%s", "machine": %s}, "sizes": [%s], "seeds": [%s], "startups": [%s]}\n' \
        "$QUICK" "$SCALE_OPTS" "$DURATION" "$LIST_PATH" "${SEARCH_PATH/$NEEDLE/NEEDLE}" \
        "$( [ "$SEED_MODE" = sql ] && echo "by SQL into the stopped service's H2 file (bench/lib/seed.sql: copies of a real row with unique serials and names, plus their search terms)" || echo "through the API while the service runs (hey, 16 connections, the same names each time)")" \
        "$(machine_json)" "${ROWS[*]}" "${SEEDS[*]}" "${STARTUPS[*]}" > "$RAW/scale.json"
    python3 "$BENCH_DIR/lib/report.py" scale "$RAW" "$RESULTS_DIR/scale.md"
    rm -rf "$W"
}

# ready_ms URL PID: sets READY_MS, the ms since $T0 until URL answers 2xx (polled every 10 ms); dies when PID ends first.
ready_ms() {
    local url=$1 pid=$2
    while ! curl -fs -o /dev/null --max-time 1 "$url"; do
        kill -0 "$pid" 2>/dev/null || die "the process under test ended before $url answered"
        sleep 0.01
    done
    READY_MS=$(( ($(date +%s%N) - T0) / 1000000 ))
}

# readme_startup RUNS: issue 12's start-up and memory rows. README's start command (./inkan: the launcher with its
# archive trained once per build, as a user's second start finds it) against `java -jar target/inkan.jar` (JDK 17,
# the command before the launcher) and `cfssl serve`, interleaved run by run: ready = /actuator/health 200 on the
# plain HTTP port with README's defaults (HTTPS on), on a fresh data directory (first start: CA, master key, HTTPS
# certificate made) and on an existing one (restart). Then the peak RSS (VmHWM) of each service command under the
# 16-connection ECDSA issuance load, RSS_DURATION long (60 s unless set: after 5 s the serial collector has not yet
# grown the heap to its -Xmx, and the peak read then was ~230 MiB below the one a longer load reaches).
readme_startup() {
    local runs=$1 i name port pid ms fresh data cfssl_dir=$W/cfssl-ready rss_load=${RSS_DURATION:-60s}
    local -A ready=()
    mkdir -p "$cfssl_dir"
    (cd "$cfssl_dir" && echo '{"CN":"cfssl Bench CA","key":{"algo":"ecdsa","size":256}}' > ca-csr.json \
        && cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare ca)
    # the archive is trained by the first run of a build: that run is not measured
    svc_start readme "$W/ready-train"
    stop_pid "$SVC_PID"
    for i in $(seq "$runs"); do
        for fresh in fresh restart; do
            for name in readme java-jar cfssl; do
                data=$W/ready-$name-$fresh
                [ "$fresh" = fresh ] && rm -rf "$data"
                if [ "$name" = cfssl ]; then
                    port=$(free_port)
                    T0=$(date +%s%N)
                    cfssl serve -loglevel 5 -address 127.0.0.1 -port "$port" -ca "$cfssl_dir/ca.pem" -ca-key "$cfssl_dir/ca-key.pem" \
                        >"$RAW/ready-cfssl.log" 2>&1 &
                    pid=$!
                    ready_ms "http://127.0.0.1:$port/api/v1/cfssl/scaninfo" "$pid"  # GET 200 once it serves (this cfssl has no health endpoint)
                    stop_pid "$pid"
                else
                    svc_start "$name" "$data"
                    stop_pid "$SVC_PID"
                fi
                ms=$READY_MS
                ready[$name-$fresh]="${ready[$name-$fresh]:-} $ms"
                log "ready $name $fresh: $ms ms"
            done
        done
    done
    local -a rss=()
    for name in readme java-jar; do
        rm -rf "$W/rss-$name"
        svc_start "$name" "$W/rss-$name" off
        load "rss-$name-issue" "$SVC_URL/api/v1/certificates" 16 "$rss_load" "$W/issue.json" "$TOKEN"
        rss+=("\"$name\": {\"rss_peak_kib\": $(hwm_kib "$SVC_PID"), \"load\": \"$rss_load\", \"issue\": $(grep '^BENCHJSON ' "$RAW/rss-$name-issue.txt" | cut -d' ' -f2-)}")
        stop_pid "$SVC_PID"
    done
    {
        local k vals sep=""
        printf '{"ready_ms": {'
        for k in "${!ready[@]}"; do vals=${ready[$k]# }; printf '%s"%s": [%s]' "$sep" "$k" "${vals// /,}"; sep=", "; done
        printf '}, "rss": {%s}}\n' "$(IFS=,; echo "${rss[*]}")"
    } > "$RAW/readme-startup.json"
    python3 - "$RAW/readme-startup.json" >>"$TARGETS" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
r = {k: statistics.median(v) / 1000 for k, v in d["ready_ms"].items()}
for kind in ("restart", "fresh"):
    a, peer = r[f"readme-{kind}"], r[f"cfssl-{kind}"]
    print(f"ready after README's start command, {'existing' if kind == 'restart' else 'new'} data dir, vs cfssl serve (median s)"
          f"\t{a:.2f}\t{peer:.2f}\t{a / peer:.1f}\t<= 2.0 s\t{'yes' if a <= 2.0 else 'no'}")
a, b = d["rss"]["readme"]["rss_peak_kib"] / 1024, d["rss"]["java-jar"]["rss_peak_kib"] / 1024
print(f"peak RSS under 16-connection ECDSA issuance, README's command vs java -jar (MiB)\t{a:.0f}\t{b:.0f}\t{a / b:.2f}\t<= 256 MiB\t"
      f"{'yes' if a <= 256 else 'no'}")
PY
    python3 "$BENCH_DIR/lib/report.py" readme-startup "$RAW/readme-startup.json" "$RESULTS_DIR/startup.md"
}

# svc_start NAME DATA [TLS]: starts the service as README says (NAME readme: ./inkan) or as before (java-jar: JDK 17
# java -jar target/inkan.jar), HTTPS on by default (TLS=off for the load). Sets SVC_PID, SVC_URL and READY_MS.
svc_start() {
    local name=$1 data=$2 tls=${3:-on} port https
    port=$(free_port); https=$(free_port)
    mkdir -p "$data"
    local -a cmd=("$ROOT/inkan")
    [ "$name" = java-jar ] && cmd=("$JDK17/bin/java" -jar "$JAR")
    T0=$(date +%s%N)
    INKAN_JAR=$JAR INKAN_LAUNCH_DIR=$W/launch INKAN_DATA_DIR=$data INKAN_ADMIN_TOKEN=$TOKEN INKAN_TLS=$tls INKAN_PORT=$port \
        INKAN_HTTPS_PORT=$https "${cmd[@]}" >"$RAW/svc-$name.log" 2>&1 &
    SVC_PID=$!
    SVC_URL=http://127.0.0.1:$port
    ready_ms "$SVC_URL/actuator/health" "$SVC_PID"
}
