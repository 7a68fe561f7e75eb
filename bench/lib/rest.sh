# REST issuance: cfssl serve vs the Inkan service, same key type and names, alternating at each concurrency.
# shellcheck shell=bash

# Request bodies for both servers; the CSR is made once by openssl and signed by both.
make_bodies() {
    local b=$W/bodies
    mkdir -p "$b"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$b/csr-key.pem" -out "$b/csr.pem" \
        -subj /CN=bench.local -addext "subjectAltName=DNS:bench.local,DNS:www.bench.local,IP:127.0.0.1" 2>/dev/null
    python3 - "$b" <<'PY'
import json, sys
b = sys.argv[1]
csr = open(b + "/csr.pem").read()
hosts = ["bench.local", "www.bench.local", "127.0.0.1"]
def put(name, obj):
    json.dump(obj, open(f"{b}/{name}.json", "w"))
for algo, size, kt in (("ecdsa", 256, "ecdsa-p256"), ("rsa", 2048, "rsa-2048")):
    put(f"cfssl-newcert-{algo}", {"request": {"CN": "bench.local", "hosts": hosts, "key": {"algo": algo, "size": size}},
                                  "profile": "server"})
    put(f"inkan-newcert-{algo}", {"commonName": "bench.local", "dnsNames": hosts[:2], "ipAddresses": hosts[2:],
                                  "profile": "server", "keyType": kt, "validityDays": 90})
put("cfssl-sign", {"certificate_request": csr, "profile": "server"})
put("inkan-csr", {"csr": csr, "profile": "server", "validityDays": 90})
PY
}

start_cfssl() {
    local c=$W/cfssl
    mkdir -p "$c"
    echo '{"CN":"cfssl Bench CA","key":{"algo":"ecdsa","size":256}}' > "$c/ca-csr.json"
    (cd "$c" && cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare ca)
    # 2160h = the 90 days Inkan is asked for; usages as a TLS server certificate.
    echo '{"signing":{"default":{"expiry":"2160h"},"profiles":{"server":{"expiry":"2160h","usages":["digital signature","key encipherment","server auth"]}}}}' > "$c/config.json"
    serve_cfssl "$RAW/cfssl.log"
    CFSSL_PID=$SERVED_PID CFSSL_URL=$SERVED_URL
}

# serve_cfssl LOG [cfssl serve options...]: cfssl serve with the CA and config of start_cfssl on a free port, once it
# has answered one newcert. Sets SERVED_PID and SERVED_URL.
serve_cfssl() {
    local log=$1 c=$W/cfssl port; shift
    port=$(free_port)
    cfssl serve -loglevel 2 -address 127.0.0.1 -port "$port" -ca "$c/ca.pem" -ca-key "$c/ca-key.pem" \
        -config "$c/config.json" "$@" >"$log" 2>&1 &
    SERVED_PID=$!
    SERVED_URL=http://127.0.0.1:$port
    sleep 0.3
    curl -fsS -o /dev/null -X POST -d @"$W/bodies/cfssl-newcert-ecdsa.json" "$SERVED_URL/api/v1/cfssl/newcert" \
        || die "cfssl serve $* does not answer (log: $log)"
}

# start_cfssl_certdb: a second cfssl serve, same CA and config, that records every certificate it signs in its
# certificate database (-db-config, SQLite with go-sqlite3's defaults: rollback journal, synchronous=FULL, so each
# insert is on the disk before cfssl answers), as Inkan's ledger does: the peer for a CA that remembers what it signed.
# The table is the one cfssl's certdb inserts into (serial, AKI, status, expiry, PEM...), made with Python's sqlite3.
start_cfssl_certdb() {
    local c=$W/cfssl
    python3 - "$c/certs.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE certificates (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL, ca_label blob,
  status blob NOT NULL, reason int, expiry timestamp, revoked_at timestamp, pem blob NOT NULL,
  PRIMARY KEY (serial_number, authority_key_identifier));
CREATE TABLE ocsp_responses (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL, body blob NOT NULL,
  expiry timestamp, PRIMARY KEY (serial_number, authority_key_identifier));
""")
db.close()
PY
    printf '{"driver": "sqlite3", "data_source": "%s"}\n' "$c/certs.db" > "$c/db-config.json"
    serve_cfssl "$RAW/cfssl-certdb.log" -db-config "$c/db-config.json"
    CERTDB_PID=$SERVED_PID CERTDB_URL=$SERVED_URL
    [ "$(certdb_rows)" = 1 ] || die "cfssl serve -db-config did not record its certificate in $c/certs.db"
}

# certdb_rows: certificates in the certdb peer's database (read after its runs: every issuance it answered is a row).
certdb_rows() {
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM certificates").fetchone()[0])' \
        "$W/cfssl/certs.db"
}

# check_inkan: one request of each kind must succeed before anything is measured.
check_inkan() {
    local kind path
    for kind in newcert-ecdsa csr; do
        path=/api/v1/certificates; [ "$kind" = csr ] && path=/api/v1/certificates/csr
        if ! curl -fsS -o "$RAW/inkan-$kind.response" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                -d @"$W/bodies/inkan-${kind}.json" "$INKAN_URL$path"; then
            curl -sS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$W/bodies/inkan-${kind}.json" \
                "$INKAN_URL$path" >&2 || true
            die "Inkan refused the $kind request (body: $W/bodies/inkan-$kind.json)"
        fi
    done
}

# compiler_ms PID: CPU time (ms) the JVM's JIT compiler threads (C1, C2) have used so far.
compiler_ms() {
    local t ticks=0
    for t in /proc/"$1"/task/*; do
        case "$(cat "$t/comm" 2>/dev/null)" in
            C1\ Compiler*|C2\ Compiler*)  # utime + stime: fields 14 and 15, counted after the ") " that ends comm
                ticks=$(( ticks + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "$t/stat" 2>/dev/null || echo 0) )) ;;
        esac
    done
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# warm_inkan NAME URL BODY: 16 connections until the JIT is done with the request path: at least $WARMUP, then
# 5 s runs until the compiler threads used under 5% of the service's CPU in the last one (at most $WARMUP_MAX s).
# A service measured while C2 still compiles spends most of its CPU there (bench/RESULTS.md, issue 12).
warm_inkan() {
    local name=$1 url=$2 body=$3 t0 cpu0 jit0 cpu jit share i=0
    t0=$(date +%s)
    load "$name" "$url" 16 "$WARMUP" "$body" "$TOKEN"
    while [ $(( $(date +%s) - t0 )) -lt "$WARMUP_MAX" ]; do
        i=$(( i + 1 )); cpu0=$(cpu_ms "$INKAN_PID"); jit0=$(compiler_ms "$INKAN_PID")
        load "$name-$i" "$url" 16 5s "$body" "$TOKEN"
        cpu=$(( $(cpu_ms "$INKAN_PID") - cpu0 )); jit=$(( $(compiler_ms "$INKAN_PID") - jit0 ))
        share=$(( jit * 100 / (cpu > 0 ? cpu : 1) ))
        log "rest warm-up $name: JIT compilers ${share}% of the service's CPU in the last 5 s"
        echo "$share" > "$RAW/$name.jit-percent"
        [ "$share" -lt 5 ] && return 0
    done
    log "rest warm-up $name: JIT still compiling after ${WARMUP_MAX}s; measuring anyway"
}

# compare SCENARIO CFSSL_PATH CFSSL_BODY INKAN_PATH INKAN_BODY CONNS...
compare() {
    local scen=$1 cpath=$2 cbody=$3 ipath=$4 ibody=$5; shift 5
    log "rest $scen: warm-up"
    load "warmup-$scen-cfssl" "$CFSSL_URL$cpath" 16 "$WARMUP" "$W/bodies/$cbody.json"
    warm_inkan "warmup-$scen-inkan" "$INKAN_URL$ipath" "$W/bodies/$ibody.json"
    for c in "$@"; do
        for r in $(seq "$ROUNDS"); do
            # each server is measured while the other is idle: Inkan refills its key pool after a run (issue 12),
            # which must not take cores from cfssl's run, and starts its own run with the pool as it is when idle
            wait_idle "$INKAN_PID"
            load "${scen}__cfssl__c${c}__r$r" "$CFSSL_URL$cpath" "$c" "$DURATION" "$W/bodies/$cbody.json" "" POST "$CFSSL_PID"
            wait_idle "$CFSSL_PID"
            load "${scen}__inkan__c${c}__r$r" "$INKAN_URL$ipath" "$c" "$DURATION" "$W/bodies/$ibody.json" "$TOKEN" POST "$INKAN_PID"
        done
    done
}

# rsa_drained: RSA issuance right after a run that emptied the key pool: what Inkan sustains beyond the pool,
# generating each key as it is asked for (the pool's filler and the request threads share the cores).
rsa_drained() {
    load "rsa-drain" "$INKAN_URL/api/v1/certificates" 16 "$RSA_DURATION" "$W/bodies/inkan-newcert-rsa.json" "$TOKEN"
    load "newcert-rsa-drained__inkan__c16__r1" "$INKAN_URL/api/v1/certificates" 16 "$RSA_DURATION" \
        "$W/bodies/inkan-newcert-rsa.json" "$TOKEN" POST "$INKAN_PID"
}

run_rest() {
    W=$(mktemp -d /tmp/inkan-bench-rest.XXXXXX)
    RAW=$OUT/rest
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    if [ "$QUICK" = 1 ]; then
        ROUNDS=1; DURATION=2s; WARMUP=3s; WARMUP_MAX=10; CONNS=(1 16); RSA_CONNS=(16); RSA_DURATION=2s; CERTDB_CONNS=(16)
    else
        ROUNDS=2; DURATION=5s; WARMUP=20s; WARMUP_MAX=${BENCH_REST_WARMUP_MAX:-120}; CONNS=(1 4 16 64); RSA_CONNS=(1 4 16)
        RSA_DURATION=5s; CERTDB_CONNS=(1 16)
    fi
    make_bodies
    start_cfssl
    # the JDK README's ./inkan launcher picks (the newest installed): JDK 25 compiles the request path sooner
    has_jdk25 && [ -z "${BENCH_INKAN_JAVA:-}" ] && local BENCH_INKAN_JAVA=$JDK25/bin/java
    # shellcheck disable=SC2086
    start_inkan "$W/inkan-data" "$(free_port)" "$RAW/inkan.log" ${BENCH_INKAN_OPTS:-}  # word-split on purpose
    trap 'stop_pid $CFSSL_PID; stop_pid $INKAN_PID' EXIT
    check_inkan
    compare newcert-ecdsa /api/v1/cfssl/newcert cfssl-newcert-ecdsa /api/v1/certificates inkan-newcert-ecdsa "${CONNS[@]}"
    compare sign-csr /api/v1/cfssl/sign cfssl-sign /api/v1/certificates/csr inkan-csr "${CONNS[@]}"
    DURATION=$RSA_DURATION compare newcert-rsa /api/v1/cfssl/newcert cfssl-newcert-rsa /api/v1/certificates inkan-newcert-rsa "${RSA_CONNS[@]}"
    rsa_drained
    local rss; rss=$(hwm_kib "$INKAN_PID")
    # the same ECDSA issuance and CSR signing against cfssl with its certificate database (after the RSS reading: it
    # is the section's own measure of the main load); both servers then persist every certificate before answering
    start_cfssl_certdb
    trap 'stop_pid $CFSSL_PID; stop_pid $INKAN_PID; stop_pid $CERTDB_PID' EXIT
    CFSSL_URL=$CERTDB_URL CFSSL_PID=$CERTDB_PID compare newcert-ecdsa-certdb /api/v1/cfssl/newcert cfssl-newcert-ecdsa \
        /api/v1/certificates inkan-newcert-ecdsa "${CERTDB_CONNS[@]}"
    CFSSL_URL=$CERTDB_URL CFSSL_PID=$CERTDB_PID compare sign-csr-certdb /api/v1/cfssl/sign cfssl-sign \
        /api/v1/certificates/csr inkan-csr "${CERTDB_CONNS[@]}"
    stop_pid "$CERTDB_PID"
    certdb_rows > "$RAW/certdb-rows.txt"
    local cmd="${BENCH_INKAN_JAVA:-$JDK17/bin/java} ${BENCH_INKAN_OPTS:-} -jar inkan.jar"
    [ "${BENCH_INKAN_LAUNCHER:-0}" = 1 ] && cmd="./inkan (README's launcher) ${BENCH_INKAN_OPTS:-}"
    printf '{"quick": %s, "rounds": %s, "duration": "%s", "inkan_cmd": "%s", "inkan_peak_rss_kib": %s, "machine": %s}\n' \
        "$QUICK" "$ROUNDS" "$DURATION" "$cmd" "$rss" "$(machine_json)" > "$RAW/meta.json"
    stop_pid "$CFSSL_PID"; stop_pid "$INKAN_PID"; trap - EXIT
    python3 "$BENCH_DIR/lib/report.py" rest "$RAW" "$RESULTS_DIR/rest.md"
    rm -rf "$W"
}
