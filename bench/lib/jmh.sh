# Engine microbenchmarks with JMH (Maven profile "bench", sources in bench/jmh, own build directory).
# shellcheck shell=bash
run_jmh() {
    RAW=$OUT/jmh
    rm -rf "$RAW"; mkdir -p "$RAW"
    local args java=${BENCH_JMH_JAVA:-$JDK17/bin/java}
    if [ "$QUICK" = 1 ]; then
        args="-f 1 -wi 1 -w 1s -i 2 -r 1s"
    else
        args="-f 1 -wi 2 -w 1s -i 4 -r 1s"
    fi
    args="$args ${BENCH_JMH_ARGS:-} -rf json -rff $RAW/jmh.json"
    log "jmh: $args"
    (cd "$ROOT" && ./mvnw -B -q -Pbench compile exec:exec -Djmh.java="$java" -Djmh.args="$args") >"$RAW/jmh.log" 2>&1 \
        || { tail -30 "$RAW/jmh.log" >&2; die "JMH failed: $RAW/jmh.log"; }
    printf '{"quick": %s, "command": "./mvnw -Pbench compile exec:exec -Djmh.args=\\"%s\\"", "jvm": "%s", "machine": %s}\n' \
        "$QUICK" "${args% -rf json*}" "$("$java" -version 2>&1 | sed -n 2p)" "$(machine_json)" > "$RAW/meta.json"
    python3 "$BENCH_DIR/lib/report.py" jmh "$RAW" "$RESULTS_DIR/jmh.md"
}
