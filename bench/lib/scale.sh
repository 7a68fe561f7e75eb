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
    if [ "$QUICK" = 1 ]; then SIZES=(0 2000); DURATION=2s; WARMUP=2s; else SIZES=(0 10000 100000); DURATION=5s; WARMUP=5s; fi
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
    local IFS=,
    printf '{"meta": {"quick": %s, "jvm": "java %s -jar inkan.jar", "duration": "%s", "list_path": "%s", "search_path": "%s", "seeding": "%s", "machine": %s}, "sizes": [%s], "seeds": [%s], "startups": [%s]}\n' \
        "$QUICK" "$SCALE_OPTS" "$DURATION" "$LIST_PATH" "${SEARCH_PATH/$NEEDLE/NEEDLE}" \
        "$( [ "$SEED_MODE" = sql ] && echo "by SQL into the stopped service's H2 file (bench/lib/seed.sql: copies of a real row with unique serials and names, plus their search terms)" || echo "through the API while the service runs (hey, 16 connections, the same names each time)")" \
        "$(machine_json)" "${ROWS[*]}" "${SEEDS[*]}" "${STARTUPS[*]}" > "$RAW/scale.json"
    python3 "$BENCH_DIR/lib/report.py" scale "$RAW" "$RESULTS_DIR/scale.md"
    rm -rf "$W"
}
