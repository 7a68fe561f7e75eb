#!/usr/bin/env bash
# Before/after on a shared machine: two builds of Inkan (e.g. main's jar and this branch's) and cfssl ocspserve started
# together, rounds interleaved (A GET, B GET, cfssl POST, A POST, B POST; with AB_CRL=1 also A/B CRL), so both builds
# meet the same load; prints answers/s and the server's user and system CPU per answer (from /proc).
#   bench/revocation/compare.sh SECONDS ROUNDS JAR_A JAR_B
set -euo pipefail
SECS=$1; ROUNDS=$2; JA=$3; JB=$4
W=$(mktemp -d); TOKEN=bench-token-0123456789; PIDS=
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$W"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlpath() { base64 -w0 "$1" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))'; }
start() { # name jar
  local port; port=$(free_port); mkdir -p $W/$1
  INKAN_DATA_DIR=$W/$1/data INKAN_ADMIN_TOKEN=$TOKEN java ${AB_OPTS:-} -jar "$2" --server.address=127.0.0.1 --inkan.transport.tls=off --inkan.transport.http-port=$port >"$W/$1/log" 2>&1 &
  PIDS="$PIDS $!"; echo $! > $W/$1/pid; echo $port > $W/$1/port; }
setup() { local n=$1 port; port=$(cat $W/$n/port); IB=http://127.0.0.1:$port
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$IB/actuator/health" 2>/dev/null && break; sleep 0.5; done
  curl -fsS "$IB/ca.pem" > "$W/$n/ca.pem"
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"commonName":"bench.local"}' "$IB/api/v1/certificates" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificatePem"], end="")' > "$W/$n/leaf.pem"
  openssl ocsp -issuer "$W/$n/ca.pem" -cert "$W/$n/leaf.pem" -no_nonce -reqout "$W/$n/req.der" >/dev/null
  echo "$IB/ocsp/$(urlpath "$W/$n/req.der")" > $W/$n/get
  CA=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$IB/api/v1/cas" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  echo "$IB/crl/$CA.crl" > $W/$n/crl
  curl -fsS "$(cat $W/$n/get)" | openssl ocsp -respin /dev/stdin -issuer "$W/$n/ca.pem" -cert "$W/$n/leaf.pem" -CAfile "$W/$n/ca.pem" 2>&1 | grep -q ': good'; }
start A "$JA"; start B "$JB"
( cd "$W" && echo '{"CN":"cfssl Bench CA","key":{"algo":"ecdsa","size":256}}' | cfssl gencert -initca - 2>/dev/null | cfssljson -bare ca
  echo '{"CN":"bench.local","hosts":["bench.local"],"key":{"algo":"ecdsa","size":256}}' | cfssl gencert -ca ca.pem -ca-key ca-key.pem - 2>/dev/null | cfssljson -bare leaf
  cfssl ocspsign -ca ca.pem -responder ca.pem -responder-key ca-key.pem -cert leaf.pem -status good 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["ocspResponse"])' > responses )
CP=$(free_port); cfssl ocspserve -address 127.0.0.1 -port "$CP" -responses "$W/responses" -loglevel 3 >"$W/cfssl.log" 2>&1 &
CPID=$!; PIDS="$PIDS $CPID"
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -reqout "$W/cfssl-req.der" >/dev/null
setup A; setup B
cat > "$W/post.lua" <<'L'
local f = io.open(os.getenv("BODY_FILE"), "rb"); local body = f:read("*all"); f:close()
wrk.method = "POST"; wrk.body = body; wrk.headers["Content-Type"] = "application/ocsp-request"
L
run() { # name pid secs url [body]
  local s0 s1 out; s0=$(awk '{print $14, $15}' /proc/$2/stat)
  if [ $# -gt 4 ]; then out=$(BODY_FILE=$5 wrk -t2 -c8 -d${3}s -s $W/post.lua "$4"); else out=$(wrk -t2 -c8 -d${3}s "$4"); fi
  s1=$(awk '{print $14, $15}' /proc/$2/stat)
  grep -q Non-2xx <<<"$out" && { echo "$1 NON-2xx"; return; }
  python3 - "$1" "$s0" "$s1" "$out" <<'P'
import re,sys,os
n=int(re.search(r'(\d+) requests in',sys.argv[4]).group(1)); rps=float(re.search(r'Requests/sec:\s*([\d.]+)',sys.argv[4]).group(1))
u0,s0=map(int,sys.argv[2].split()); u1,s1=map(int,sys.argv[3].split()); hz=os.sysconf('SC_CLK_TCK')
f=lambda t: (t)/hz*1e6/n
print(f"{sys.argv[1]:10s} rps={rps:8.0f} cpu_us={f(u1-u0+s1-s0):6.1f} user={f(u1-u0):6.1f} sys={f(s1-s0):6.1f}")
P
}
for n in A B; do run warm $(cat $W/$n/pid) 8 "$(cat $W/$n/get)" >/dev/null; run warm $(cat $W/$n/pid) 3 "$(cat $W/$n/crl)" >/dev/null; done
run warm $CPID 3 "http://127.0.0.1:$CP/" "$W/cfssl-req.der" > /dev/null
for r in $(seq 1 $ROUNDS); do
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
  run A_get $(cat $W/A/pid) $SECS "$(cat $W/A/get)"
  run B_get $(cat $W/B/pid) $SECS "$(cat $W/B/get)"
  run cfssl $CPID $SECS "http://127.0.0.1:$CP/" "$W/cfssl-req.der"
  run A_post $(cat $W/A/pid) $SECS "http://127.0.0.1:$(cat $W/A/port)/ocsp" "$W/A/req.der"
  run B_post $(cat $W/B/pid) $SECS "http://127.0.0.1:$(cat $W/B/port)/ocsp" "$W/B/req.der"
  [ -n "${AB_CRL:-}" ] && { run A_crl $(cat $W/A/pid) $SECS "$(cat $W/A/crl)"; run B_crl $(cat $W/B/pid) $SECS "$(cat $W/B/crl)"; }
done
for n in A B; do curl -sS -D - -o /dev/null "$(cat $W/$n/get)" > "${AB_HEADERS:-$W}/hdr-$n-get.txt"; curl -sS -D - -o /dev/null "$(cat $W/$n/crl)" > "${AB_HEADERS:-$W}/hdr-$n-crl.txt"; done
