# The cost of durable commits: REST issuance (ECDSA P-256) with H2's old settings (commits kept in memory up
# to 500 ms, lost on kill -9) against the shipped ones (group store: commits in memory, then one chunk write
# and one fdatasync through the "sync:" file system for all commits waiting, before any of them is answered),
# the setting shipped before it (WRITE_DELAY=0 on "sync:": H2 writes a chunk per commit, one fdatasync per group),
# and the middle ground (WRITE_DELAY=0 without fsync: survives kill -9, not power loss).
# Same jar, same machine, alternating, in one run.
# shellcheck shell=bash

run_durability() {
    W=$(mktemp -d /tmp/inkan-bench-durability.XXXXXX)
    RAW=$OUT/durability
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    local conns=4 duration=5s warmup=5s rounds=${BENCH_DURABILITY_ROUNDS:-2}
    [ "$QUICK" = 1 ] && { duration=2s; warmup=2s; rounds=1; }
    echo '{"commonName":"bench.local","dnsNames":["bench.local","www.bench.local"],"profile":"server","keyType":"ecdsa-p256","validityDays":90}' \
        > "$W/body.json"
    local -A urls=(
        [old]="jdbc:h2:file:\${inkan.data-dir}/inkan;DB_CLOSE_ON_EXIT=FALSE"
        [write-through]="jdbc:h2:file:\${inkan.data-dir}/inkan;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
        [fsync-per-commit]="jdbc:h2:sync:\${inkan.data-dir}/inkan;WRITE_DELAY=0;MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE"
        [durable]="" )
    local setting r
    for r in $(seq "$rounds"); do
        for setting in ${BENCH_DURABILITY_SETTINGS:-old write-through fsync-per-commit durable}; do
            local -a args=()
            [ -n "${urls[$setting]}" ] && args=(--spring.datasource.url="${urls[$setting]}")
            rm -rf "$W/data-$setting"
            start_inkan_with "$W/data-$setting" "$(free_port)" "$RAW/inkan-$setting.log" "${args[@]}"
            trap 'stop_pid $INKAN_PID' EXIT
            load "warmup-$setting-r$r" "$INKAN_URL/api/v1/certificates" "$conns" "$warmup" "$W/body.json" "$TOKEN"
            load "issue__${setting}__c${conns}__r$r" "$INKAN_URL/api/v1/certificates" "$conns" "$duration" "$W/body.json" \
                "$TOKEN" POST "$INKAN_PID"
            stop_pid "$INKAN_PID"; trap - EXIT
        done
    done
    python3 - "$RAW" "$RESULTS_DIR/durability.md" "$conns" "$duration" "$rounds" <<'PY'
import glob, json, os, re, sys
raw, out, conns, duration, rounds = sys.argv[1:6]
rate = {}
for f in glob.glob(os.path.join(raw, "issue__*.txt")):
    setting = os.path.basename(f).split("__")[1]
    m = re.search(r"BENCHJSON (\{.*\})", open(f).read())
    j = json.loads(m.group(1))
    rate.setdefault(setting, []).append((j["requests"] / (j["duration_us"] / 1e6), j["p99_us"] / 1000, j["non2xx"] + j["errors"]))
def best(s):
    return max(rate[s], key=lambda x: x[0])
lines = ["## Durability: what fsync per commit costs", "",
         f"REST issuance of ECDSA P-256 certificates, {conns} connections (wrk), {duration} per run after a warm-up, "
         f"best of {rounds} alternating runs per setting, same jar; `bench/run durability`.", "",
         "| H2 setting | survives | issued/s | p99 ms | failed |", "|---|---|---:|---:|---:|"]
label = {"old": ("`jdbc:h2:file:…` (before issue 14: WRITE_DELAY 500 ms, no fsync)", "neither kill -9 nor power loss"),
         "write-through": ("`WRITE_DELAY=0` without fsync", "kill -9, not power loss"),
         "fsync-per-commit": ("`jdbc:h2:sync:…;WRITE_DELAY=0` (shipped until 2026-12-01: a chunk per commit, one fdatasync per group)", "kill -9 and power loss"),
         "durable": ("`jdbc:h2:sync:…` group store (shipped: one chunk and one fdatasync per group of commits)", "kill -9 and power loss")}
for s in ("old", "write-through", "fsync-per-commit", "durable"):
    if s in rate:
        r, p99, bad = best(s)
        lines.append(f"| {label[s][0]} | {label[s][1]} | {r:,.0f} | {p99:,.0f} | {bad} |")
if "old" in rate and "durable" in rate:
    ratio = best("durable")[0] / best("old")[0]
    lines += ["", f"Durable / old throughput: **{ratio:.2f}×**."]
    print(f"durable/old = {ratio:.2f}", file=sys.stderr)
open(out, "w").write("\n".join(lines) + "\n")
PY
    rm -rf "$W"
}

# start_inkan_with DATA PORT LOG [service arguments...]: start_inkan with extra Spring arguments after -jar.
start_inkan_with() {
    local data=$1 port=$2 logfile=$3; shift 3
    local java=${BENCH_INKAN_JAVA:-$JDK17/bin/java} t0
    t0=$(date +%s%N)
    INKAN_DATA_DIR=$data INKAN_ADMIN_TOKEN=$TOKEN "$java" -jar "$JAR" --server.address=127.0.0.1 \
        --inkan.transport.tls=off --inkan.transport.http-port="$port" "$@" \
        >"$logfile" 2>&1 &
    INKAN_PID=$!
    INKAN_URL=http://127.0.0.1:$port
    if ! wait_http "$INKAN_URL/actuator/health" 900 '"UP"'; then
        tail -30 "$logfile" >&2
        stop_pid "$INKAN_PID"
        die "Inkan did not become healthy within 900 s (log: $logfile)"
    fi
    log "inkan ($*) up on $INKAN_URL in $(( ($(date +%s%N) - t0) / 1000000 )) ms (pid $INKAN_PID)"
}
