#!/usr/bin/env bash
# Revocation figures, side by side in one run (bench/RESULTS.md, section "Revocation"):
#   1. OCSP answers per second: Inkan's /ocsp (GET, pre-signed; POST with a nonce, signed per request)
#      against `cfssl ocspserve` (pre-signed responses from a file) on 127.0.0.1, with hey, same concurrency.
#   2. Engine: CRL generation time and size at N revoked entries; leaf issuance with and without CDP + AIA.
# Needs: target/inkan.jar and target/classes (./mvnw -q -B package -DskipTests), golang-cfssl, hey, openssl.
#   bench/revocation/run.sh [SECONDS] [CONNECTIONS] [CRL_ENTRIES]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-5}
CONNS=${2:-8}
ENTRIES=${3:-100000}
W=$(mktemp -d)
trap 'kill $INKAN_PID $CFSSL_PID 2>/dev/null || true; rm -rf "$W"' EXIT
INKAN_PID=; CFSSL_PID=
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- Inkan: a fresh data dir, one certificate to ask about
IP=$(free_port)
INKAN_DATA_DIR=$W/data INKAN_ADMIN_TOKEN=bench-token-0123456789 INKAN_PORT=$IP \
    java -jar "$ROOT/target/inkan.jar" >"$W/inkan.log" 2>&1 &
INKAN_PID=$!
for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$IP/actuator/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$IP/ca.pem" > "$W/inkan-ca.pem"
curl -fsS -H "Authorization: Bearer bench-token-0123456789" -H 'Content-Type: application/json' \
    -d '{"commonName":"bench.local"}' "http://127.0.0.1:$IP/api/v1/certificates" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificatePem"], end="")' > "$W/inkan-leaf.pem"
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -no_nonce -reqout "$W/inkan-req.der"
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -nonce -reqout "$W/inkan-req-nonce.der"
INKAN_GET="http://127.0.0.1:$IP/ocsp/$(base64 -w0 "$W/inkan-req.der" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))')"

# --- cfssl: an ECDSA P-256 CA, a leaf, its pre-signed response in a responses file
( cd "$W" && echo '{"CN":"cfssl Bench CA","key":{"algo":"ecdsa","size":256}}' | cfssl gencert -initca - 2>/dev/null | cfssljson -bare ca
  echo '{"CN":"bench.local","hosts":["bench.local"],"key":{"algo":"ecdsa","size":256}}' \
    | cfssl gencert -ca ca.pem -ca-key ca-key.pem - 2>/dev/null | cfssljson -bare leaf
  cfssl ocspsign -ca ca.pem -responder ca.pem -responder-key ca-key.pem -cert leaf.pem -status good 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["ocspResponse"])' > responses )
CP=$(free_port)
cfssl ocspserve -address 127.0.0.1 -port "$CP" -responses "$W/responses" -loglevel 3 >"$W/cfssl.log" 2>&1 &
CFSSL_PID=$!
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -reqout "$W/cfssl-req.der"
for _ in $(seq 1 40); do curl -fsS -o /dev/null --data-binary @"$W/cfssl-req.der" "http://127.0.0.1:$CP/" 2>/dev/null && break; sleep 0.25; done
CFSSL_GET="http://127.0.0.1:$CP/$(base64 -w0 "$W/cfssl-req.der" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))')"
# both answer "good", signature verified, before anything is measured
openssl ocsp -issuer "$W/inkan-ca.pem" -cert "$W/inkan-leaf.pem" -url "http://127.0.0.1:$IP/ocsp" -CAfile "$W/inkan-ca.pem" | grep -q ': good'
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -url "http://127.0.0.1:$CP/" -CAfile "$W/ca.pem" | grep -q ': good'

rps() { hey -z "${DURATION}s" -c "$CONNS" "$@" 2>/dev/null | awk '/Requests\/sec/{print $2}'; }
hey -z 3s -c "$CONNS" "$INKAN_GET" >/dev/null 2>&1   # warm-up (JIT)
hey -z 3s -c "$CONNS" -m POST -T application/ocsp-request -D "$W/inkan-req-nonce.der" "http://127.0.0.1:$IP/ocsp" >/dev/null 2>&1
hey -z 2s -c "$CONNS" "$CFSSL_GET" >/dev/null 2>&1
echo "ocsp inkan_get_cached=$(rps "$INKAN_GET")"
echo "ocsp cfssl_get=$(rps "$CFSSL_GET")"
echo "ocsp inkan_post_nonce=$(rps -m POST -T application/ocsp-request -D "$W/inkan-req-nonce.der" "http://127.0.0.1:$IP/ocsp")"
echo "ocsp cfssl_post=$(rps -m POST -T application/ocsp-request -D "$W/cfssl-req.der" "http://127.0.0.1:$CP/")"
echo "ocsp inkan_post_no_nonce=$(rps -m POST -T application/ocsp-request -D "$W/inkan-req.der" "http://127.0.0.1:$IP/ocsp")"
kill "$INKAN_PID" "$CFSSL_PID"; wait 2>/dev/null || true; INKAN_PID=; CFSSL_PID=

M2=${M2_REPO:-$HOME/.m2/repository}
JARS=$(find "$M2/org/bouncycastle" -name '*-jdk18on-1.86.jar' | tr '\n' ':')
GUAVA_VERSION=$(sed -n "s:.*<guava.version>\(.*\)</guava.version>.*:\1:p" "$ROOT/pom.xml")
GUAVA=$(find "$M2/com/google/guava/guava" -name "guava-$GUAVA_VERSION.jar" | head -1)
java -cp "$ROOT/target/classes:$JARS$GUAVA" "$ROOT/bench/revocation/RevocationBench.java" "$ENTRIES"
