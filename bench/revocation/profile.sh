#!/usr/bin/env bash
# Where the CPU of a cached OCSP GET and a CRL GET goes: starts the jar as run.sh does, warms up, prints CPU per answer
# (from /proc) and records JFR (profile.jfc: 1 ms Java samples) during a wrk run of each; then
#   python3 bench/revocation/profile-owners.py OUTDIR/get.jfr   (request-thread samples by owner: Tomcat, Spring, Inkan...)
#   bench/revocation/profile.sh JAR OUTDIR SECONDS
set -euo pipefail
JAR=$1; OUT=$2; SECS=${3:-10}
mkdir -p "$OUT"; W=$(mktemp -d)
TOKEN=bench-token-0123456789
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlpath() { base64 -w0 "$1" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
IP=$(free_port)
INKAN_DATA_DIR=$W/data INKAN_ADMIN_TOKEN=$TOKEN java -XX:+FlightRecorder -jar "$JAR" \
    --server.address=127.0.0.1 --inkan.transport.tls=off --inkan.transport.http-port="$IP" >"$OUT/inkan.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$IP/actuator/health" 2>/dev/null && break; sleep 0.5; done
IB=http://127.0.0.1:$IP
curl -fsS "$IB/ca.pem" > "$W/ca.pem"
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"commonName":"bench.local"}' "$IB/api/v1/certificates" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificatePem"], end="")' > "$W/leaf.pem"
openssl ocsp -issuer "$W/ca.pem" -cert "$W/leaf.pem" -no_nonce -reqout "$W/req.der" >/dev/null
GET="$IB/ocsp/$(urlpath "$W/req.der")"
CA_ID=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$IB/api/v1/cas" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
curl -sS -D - -o /dev/null "$GET" > "$OUT/get-headers.txt"
curl -sS -D - -o /dev/null "$IB/crl/$CA_ID.crl" > "$OUT/crl-headers.txt"
wrk -t2 -c8 -d10s "$GET" > /dev/null
wrk -t2 -c8 -d5s "$IB/crl/$CA_ID.crl" > /dev/null
measure() { local c0 c1 out; c0=$(cpu_ticks $PID); out=$(wrk -t2 -c8 -d${SECS}s "$1"); c1=$(cpu_ticks $PID)
  n=$(grep -o '[0-9]* requests in' <<<"$out" | cut -d' ' -f1); rps=$(grep Requests/sec <<<"$out" | awk '{print $2}')
  echo "$2 rps=$rps cpu_us=$(python3 -c "print(round(($c1-$c0)/100*1e6/$n,1))") non2xx=$(grep -c Non-2xx <<<"$out" || true)"; }
measure "$GET" get
measure "$IB/crl/$CA_ID.crl" crl
jcmd $PID JFR.start name=p settings="$(cd "$(dirname "$0")" && pwd)/profile.jfc" >/dev/null
wrk -t2 -c8 -d3s "$GET" > /dev/null
measure "$GET" get_jfr
jcmd $PID JFR.dump name=p filename=$OUT/get.jfr >/dev/null
jcmd $PID JFR.stop name=p >/dev/null
jcmd $PID JFR.start name=c settings="$(cd "$(dirname "$0")" && pwd)/profile.jfc" >/dev/null
wrk -t2 -c8 -d2s "$IB/crl/$CA_ID.crl" > /dev/null
measure "$IB/crl/$CA_ID.crl" crl_jfr
jcmd $PID JFR.dump name=c filename=$OUT/crl.jfr >/dev/null
jcmd $PID JFR.stop name=c >/dev/null
