#!/usr/bin/env bash
# ACME issuance, side by side in one run (bench/RESULTS.md, section "ACME"): the same client (lego, Debian) gets
# N certificates by http-01 from Inkan's ACME server and from pebble (Let's Encrypt's RFC 8555 test server), both
# over HTTPS on 127.0.0.1, both validating for real: DNS from pebble-challtestsrv (every name -> 127.0.0.1),
# the http-01 token from one webroot served on the port both validators connect to.
#   latency     new order -> certificate, one lego process per certificate, one after another (median, p90)
#   throughput  certificates per second with C lego processes at once
# Pebble runs with PEBBLE_VA_NOSLEEP=1 (no random 0-15 s pause before validating) and PEBBLE_WFE_NONCEREJECT=0;
# Inkan with its defaults. Every name is new, so neither server reuses an authorization. step-ca is not packaged
# in Debian 12 and is not installed here, so it is not compared (see bench/RESULTS.md, section "ACME").
# Needs: target/inkan.jar (./mvnw -q -B package -DskipTests), pebble, pebble-challtestsrv, lego, openssl, python3.
#   bench/acme/run.sh [N] [C]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-20}
C=${2:-4}
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$W"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DNS=$(free_port); MGMT=$(free_port); HTTP01=$(free_port)

pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" -dns01 127.0.0.1:$DNS -http01 "" -https01 "" -tlsalpn01 "" \
    -management 127.0.0.1:$MGMT >"$W/challtestsrv.log" 2>&1 &
PIDS+=($!)
mkdir -p "$W/www/.well-known/acme-challenge"
( cd "$W/www" && exec python3 -m http.server "$HTTP01" --bind 127.0.0.1 >"$W/webroot.log" 2>&1 ) &
PIDS+=($!)

# --- Inkan: fresh data directory, ACME on its HTTPS port, validator pointed at the test DNS and the webroot port
IP=$(free_port); IS=$(free_port)
INKAN_DATA_DIR=$W/inkan INKAN_ADMIN_TOKEN=bench-token-0123456789 INKAN_PORT=$IP INKAN_HTTPS_PORT=$IS \
INKAN_ACME_DNS_RESOLVER=127.0.0.1:$DNS INKAN_ACME_HTTP01_PORT=$HTTP01 \
    java -jar "$ROOT/target/inkan.jar" >"$W/inkan.log" 2>&1 &
PIDS+=($!)

# --- pebble: its own TLS certificate for 127.0.0.1 from a throwaway CA
( cd "$W" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout pebble-ca.key -out pebble-ca.pem \
      -days 2 -subj /CN=pebble-bench-ca 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout pebble.key -subj /CN=127.0.0.1 -out pebble.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > ext
  openssl x509 -req -in pebble.csr -CA pebble-ca.pem -CAkey pebble-ca.key -CAcreateserial -days 2 -extfile ext -out pebble.pem 2>/dev/null )
PP=$(free_port); PM=$(free_port)
cat > "$W/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$PP", "managementListenAddress": "127.0.0.1:$PM",
  "certificate": "$W/pebble.pem", "privateKey": "$W/pebble.key", "httpPort": $HTTP01, "tlsPort": $(free_port),
  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
    pebble -config "$W/pebble.json" -dnsserver 127.0.0.1:$DNS >"$W/pebble.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$IP/actuator/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$IP/ca.pem" > "$W/inkan-ca.pem"
for _ in $(seq 1 40); do curl -fsS -o /dev/null --cacert "$W/pebble-ca.pem" "https://127.0.0.1:$PP/dir" 2>/dev/null && break; sleep 0.25; done

# one certificate: lego run against server $1 for name $2 (account in $W/lego-$1, shared by its runs)
issue() {
    local server=$1 name=$2 url ca
    if [ "$server" = inkan ]; then url=https://127.0.0.1:$IS/acme/directory; ca=$W/inkan-ca.pem
    else url=https://127.0.0.1:$PP/dir; ca=$W/pebble-ca.pem; fi
    LEGO_CA_CERTIFICATES=$ca lego --server "$url" --accept-tos --email bench@acme.test --path "$W/lego-$server" \
        --domains "$name" --http --http.webroot "$W/www" run >>"$W/lego-$server.log" 2>&1
}
export -f issue; export W IS PP

# latency: N issuances one after another, after 3 unmeasured ones (account registration, JIT warm-up)
latency() {
    local server=$1
    for i in 1 2 3; do issue "$server" "warm$i.$server.bench.test"; done
    for i in $(seq 1 "$N"); do
        local t0; t0=$(date +%s%N)
        issue "$server" "seq$i.$server.bench.test"
        echo $(( ($(date +%s%N) - t0) / 1000000 ))
    done | sort -n > "$W/lat-$server"
    local median p90
    median=$(sed -n "$(( (N + 1) / 2 ))p" "$W/lat-$server"); p90=$(sed -n "$(( (N * 9 + 9) / 10 ))p" "$W/lat-$server")
    echo "acme $server latency_ms median=$median p90=$p90 n=$N" | tee -a "$W/figures"
}
# throughput: N issuances by C lego processes at once
throughput() {
    local server=$1 t0 t1
    t0=$(date +%s%N)
    seq 1 "$N" | xargs -P "$C" -I{} bash -c "issue $server par{}.$server.bench.test"
    t1=$(date +%s%N)
    python3 -c "print('acme $server throughput_per_s=%.2f n=$N c=$C' % ($N / (($t1 - $t0) / 1e9)))" | tee -a "$W/figures"
}
latency inkan; latency pebble
throughput inkan; throughput pebble
# the ratios the issue asks for: Inkan against pebble (goal: >= 2x)
python3 - "$W/figures" <<'PY'
import re, sys
v = {}
for line in open(sys.argv[1]):
    server = line.split()[1]
    for key, value in re.findall(r'(median|throughput_per_s)=([0-9.]+)', line):
        v[server, key] = float(value)
print('acme ratio latency pebble/inkan=%.2f throughput inkan/pebble=%.2f' % (
    v['pebble', 'median'] / v['inkan', 'median'], v['inkan', 'throughput_per_s'] / v['pebble', 'throughput_per_s']))
PY
# every certificate really issued: count and check one of each with openssl against its CA
for s in inkan pebble; do
    echo "acme $s certificates=$(ls "$W/lego-$s/certificates/"*.crt | grep -vc issuer)"
done
openssl verify -CAfile "$W/inkan-ca.pem" "$W/lego-inkan/certificates/seq1.inkan.bench.test.crt" >/dev/null && echo "acme inkan verify=ok"
