# Profile: where Inkan's request threads spend CPU while issuing (JFR, settings=profile), after a warm-up.
# shellcheck shell=bash
profile_load() {  # profile_load NAME PATH BODY: warm-up, then a JFR recording around one load run
    local name=$1 path=$2 body=$3
    load "prof-warm-$name" "$INKAN_URL$path" 16 "$WARMUP" "$W/bodies/$body.json" "$TOKEN"
    "$JDK17/bin/jcmd" "$INKAN_PID" JFR.start name="$name" settings=profile filename="$RAW/$name.jfr" >/dev/null
    load "prof-$name" "$INKAN_URL$path" 16 "$DURATION" "$W/bodies/$body.json" "$TOKEN"
    "$JDK17/bin/jcmd" "$INKAN_PID" JFR.stop name="$name" >/dev/null
    {
        echo "### $name: \`POST $path\`, 16 connections, $DURATION"
        echo
        grep -o '"requests": [0-9]*, "duration_us": [0-9]*' "$RAW/prof-$name.txt" \
            | awk -F'[:,]' '{printf "%d requests, %.0f req/s while recording.\n\n", $2, $2 / ($4 / 1e6)}'
        python3 "$BENCH_DIR/lib/jfr_split.py" "$RAW/$name.jfr" "$JDK17/bin/jfr" exec
        echo
    } >> "$RAW/profile.md"
}

run_profile() {
    W=$(mktemp -d /tmp/inkan-bench-profile.XXXXXX)
    RAW=$OUT/profile
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    if [ "$QUICK" = 1 ]; then DURATION=5s; WARMUP=5s; else DURATION=15s; WARMUP=15s; fi
    # shellcheck source=lib/rest.sh
    . "$BENCH_DIR/lib/rest.sh"
    make_bodies
    # shellcheck disable=SC2086
    start_inkan "$W/data" "$(free_port)" "$RAW/inkan.log" ${BENCH_INKAN_OPTS:-}
    trap 'stop_pid $INKAN_PID' EXIT
    check_inkan
    {
        echo "## Profile of the issuance path (JFR)"
        echo
        echo "Machine: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start."
        [ "$QUICK" = 1 ] && echo && echo "> **Quick mode**: short recordings."
        echo
        echo "JFR \`settings=profile\` (execution samples every 10 ms per running thread) started with \`jcmd JFR.start\` after"
        echo "a $WARMUP warm-up at the same load, so start-up and JIT warm-up are not in it. Only Tomcat's request threads"
        echo "(\`http-nio-*-exec-*\`) are counted. A sample is charged to the first specific layer found anywhere in its"
        echo "stack (PEM, CSR, key generation, certificate build + sign, key sealing, database, validation, JSON, metrics,"
        echo "logging), else to the innermost framework frame (Security, MVC, Tomcat). Reproduce: \`bench/run profile\`,"
        echo "then \`python3 bench/lib/jfr_split.py target/bench-out/profile/<name>.jfr\`."
        echo
    } > "$RAW/profile.md"
    profile_load newcert-ecdsa /api/v1/certificates inkan-newcert-ecdsa
    profile_load sign-csr /api/v1/certificates/csr inkan-csr
    stop_pid "$INKAN_PID"; trap - EXIT
    cp "$RAW/profile.md" "$RESULTS_DIR/profile.md"
    printf '{"quick": %s}\n' "$QUICK" > "$RAW/meta.json"
    rm -rf "$W"
}
