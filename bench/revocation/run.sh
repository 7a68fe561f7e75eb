#!/usr/bin/env bash
# Revocation figures, side by side in one run (hand-written section "Revocation" of bench/RESULTS.md):
#   1. OCSP answers per second and server CPU per answer: Inkan's /ocsp (GET from the pre-signed cache; POST without
#      and with a nonce) against `cfssl ocspserve` (pre-signed responses from a file), on 127.0.0.1, with wrk (C, light
#      on the shared cores), same connections, rounds alternating so both meet the same machine. Debian's cfssl
#      (1.2.0, 2016) answers every GET with 400 (its handler keeps the path's leading '/' and turns '+' into ' '), so
#      its POST is the comparison; its GET is probed and reported.
#   2. REST issuance with the CRL distribution point + AIA in every certificate and without (PUT revocation-urls),
#      alternating rounds.
#   3. Engine: CRL generation time and size at N revoked entries; leaf signing with and without CDP + AIA.
# Needs: target/inkan.jar and target/classes (./mvnw -q -B package -DskipTests), golang-cfssl, wrk, openssl, python3.
#   bench/revocation/run.sh [SECONDS] [CONNECTIONS] [CRL_ENTRIES] [ROUNDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-5}
CONNS=${2:-8}
ENTRIES=${3:-100000}
ROUNDS=${4:-3}
TOKEN=bench-token-0123456789
W=$(mktemp -d)
INKAN_PID=; CFSSL_PID=
trap 'for p in $INKAN_PID $CFSSL_PID; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlpath() { base64 -w0 "$1" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# --- Inkan: a fresh data dir, plain HTTP as cfssl ocspserve speaks it (OCSP is plain HTTP anyway: RFC 6960 App. A)
IP=$(free_port)
INKAN_DATA_DIR=$W/data INKAN_ADMIN_TOKEN=$TOKEN java ${BENCH_INKAN_OPTS:-} -jar "$ROOT/target/inkan.jar" \
    --server.address=127.0.0.1 --inkan.transport.tls=off --inkan.transport.http-port="$IP" >"$W/inkan.log" 2>&1 &
INKAN_PID=$!
for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$IP/actuator/health" 2>/dev/null && break; sleep 0.5; done
IB=http://127.0.0.1:$IP
curl -fsS "$IB/ca.pem" > "$W/inkan-ca.pem"
CA_ID=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$IB/api/v1/cas" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"commonName":"bench.local"}' "$IB/api/v1/certificates" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificatePem"], end="")' > "$W/inkan-leaf.pem"
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -no_nonce -reqout "$W/inkan-req.der" >/dev/null
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -nonce -reqout "$W/inkan-req-nonce.der" >/dev/null
INKAN_GET="$IB/ocsp/$(urlpath "$W/inkan-req.der")"

# --- cfssl: an ECDSA P-256 CA (as Inkan's default), a leaf, its pre-signed response in a responses file
( cd "$W" && echo '{"CN":"cfssl Bench CA","key":{"algo":"ecdsa","size":256}}' | cfssl gencert -initca - 2>/dev/null | cfssljson -bare ca
  echo '{"CN":"bench.local","hosts":["bench.local"],"key":{"algo":"ecdsa","size":256}}' \
    | cfssl gencert -ca ca.pem -ca-key ca-key.pem - 2>/dev/null | cfssljson -bare leaf
  cfssl ocspsign -ca ca.pem -responder ca.pem -responder-key ca-key.pem -cert leaf.pem -status good 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["ocspResponse"])' > responses )
CP=$(free_port)
cfssl ocspserve -address 127.0.0.1 -port "$CP" -responses "$W/responses" -loglevel 3 >"$W/cfssl.log" 2>&1 &
CFSSL_PID=$!
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -reqout "$W/cfssl-req.der" >/dev/null
for _ in $(seq 1 40); do curl -fsS -o /dev/null --data-binary @"$W/cfssl-req.der" "http://127.0.0.1:$CP/" 2>/dev/null && break; sleep 0.25; done
echo "ocsp cfssl_get_status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CP/$(urlpath "$W/cfssl-req.der")")"
# both answer "good", signature verified, before anything is measured
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -url "$IB/ocsp" -CAfile "$W/inkan-ca.pem" 2>&1 | grep -q ': good'
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -url "http://127.0.0.1:$CP/" -CAfile "$W/ca.pem" 2>&1 | grep -q ': good'
curl -fsS "$INKAN_GET" | openssl ocsp -respin /dev/stdin -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -CAfile "$W/inkan-ca.pem" 2>&1 | grep -q ': good'

cat > "$W/post.lua" <<'EOF'
local f = io.open(os.getenv("BODY_FILE"), "rb"); local body = f:read("*all"); f:close()
wrk.method = "POST"; wrk.body = body; wrk.headers["Content-Type"] = os.getenv("BODY_TYPE")
if os.getenv("BEARER") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("BEARER") end
EOF
# run NAME PID SECONDS URL [BODY_FILE BODY_TYPE]: prints "NAME rps cpu_us_per_request"; fails on any non-2xx answer
run() {
    local name=$1 pid=$2 seconds=$3 url=$4 out c0 c1
    c0=$(cpu_ticks "$pid")
    if [ $# -gt 4 ]; then
        out=$(BODY_FILE=$5 BODY_TYPE=$6 wrk -t2 -c"$CONNS" -d"${seconds}s" -s "$W/post.lua" "$url")
    else
        out=$(wrk -t2 -c"$CONNS" -d"${seconds}s" "$url")
    fi
    c1=$(cpu_ticks "$pid")
    if grep -q 'Non-2xx' <<<"$out"; then echo "$name: non-2xx answers: $out" >&2; exit 1; fi
    python3 - "$name" "$c0" "$c1" "$out" <<'EOF'
import re, sys, os
name, c0, c1, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
n = int(re.search(r'(\d+) requests in', out).group(1)); rps = float(re.search(r'Requests/sec:\s*([\d.]+)', out).group(1))
hz = os.sysconf('SC_CLK_TCK')
print(f"{name} {rps:.0f} {(c1 - c0) / hz * 1e6 / max(n, 1):.1f}")
EOF
}
# warm-up (JIT) of every path measured
run warm "$INKAN_PID" 10 "$INKAN_GET" >/dev/null
run warm "$INKAN_PID" 5 "$IB/ocsp" "$W/inkan-req-nonce.der" application/ocsp-request >/dev/null
run warm "$INKAN_PID" 5 "$IB/ocsp" "$W/inkan-req.der" application/ocsp-request >/dev/null
run warm "$CFSSL_PID" 3 "http://127.0.0.1:$CP/" "$W/cfssl-req.der" application/ocsp-request >/dev/null
: > "$W/ocsp.txt"
for _ in $(seq 1 "$ROUNDS"); do
    run inkan_get_cached "$INKAN_PID" "$DURATION" "$INKAN_GET" >> "$W/ocsp.txt"
    run cfssl_post "$CFSSL_PID" "$DURATION" "http://127.0.0.1:$CP/" "$W/cfssl-req.der" application/ocsp-request >> "$W/ocsp.txt"
    run inkan_post_no_nonce "$INKAN_PID" "$DURATION" "$IB/ocsp" "$W/inkan-req.der" application/ocsp-request >> "$W/ocsp.txt"
    run inkan_post_nonce "$INKAN_PID" "$DURATION" "$IB/ocsp" "$W/inkan-req-nonce.der" application/ocsp-request >> "$W/ocsp.txt"
done
kill "$CFSSL_PID"; CFSSL_PID=

# --- REST issuance with and without the CRL distribution point + AIA (per-CA switches), alternating rounds
printf '{"commonName":"bench.local","dnsNames":["bench.local"]}' > "$W/issue.json"
switches() { curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"crlUrl\":$1,\"aia\":$1}" "$IB/api/v1/cas/$CA_ID/revocation-urls"; }
export BEARER=$TOKEN
run warm "$INKAN_PID" 5 "$IB/api/v1/certificates" "$W/issue.json" application/json >/dev/null
for _ in $(seq 1 "$ROUNDS"); do
    switches false; run issue_without_urls "$INKAN_PID" "$DURATION" "$IB/api/v1/certificates" "$W/issue.json" application/json >> "$W/ocsp.txt"
    switches true; run issue_with_urls "$INKAN_PID" "$DURATION" "$IB/api/v1/certificates" "$W/issue.json" application/json >> "$W/ocsp.txt"
done
unset BEARER
kill "$INKAN_PID"; INKAN_PID=

python3 - "$W/ocsp.txt" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, cpu = line.split(); rows[name].append((float(rps), float(cpu)))
med = {k: (statistics.median(r for r, _ in v), statistics.median(c for _, c in v)) for k, v in rows.items()}
for k, (rps, cpu) in med.items():
    print(f"ocsp {k} rps_median={rps:.0f} server_cpu_us_per_answer={cpu:.1f} rounds={[round(r) for r, _ in rows[k]]}")
c = med["cfssl_post"]
for k in ("inkan_get_cached", "inkan_post_no_nonce", "inkan_post_nonce"):
    print(f"ratio {k}/cfssl_post throughput={med[k][0] / c[0]:.2f}x cpu_efficiency={c[1] / med[k][1]:.2f}x")
w, u = med["issue_without_urls"], med["issue_with_urls"]
print(f"issue rest_without_urls_rps={w[0]:.0f} rest_with_urls_rps={u[0]:.0f} cost_pct={(1 - u[0] / w[0]) * 100:.1f}"
      f" cpu_us_without={w[1]:.0f} cpu_us_with={u[1]:.0f}")
EOF

M2=${M2_REPO:-$HOME/.m2/repository}
JARS=$(find "$M2/org/bouncycastle" -name '*-jdk18on-1.86.jar' | tr '\n' ':')
GUAVA_VERSION=$(sed -n "s:.*<guava.version>\(.*\)</guava.version>.*:\1:p" "$ROOT/pom.xml")
GUAVA=$(find "$M2/com/google/guava/guava" -name "guava-$GUAVA_VERSION.jar" | head -1)
java -cp "$ROOT/target/classes:$JARS$GUAVA" "$ROOT/bench/revocation/RevocationBench.java" "$ENTRIES"
