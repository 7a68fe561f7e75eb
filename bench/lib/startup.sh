# Start-up and memory alone: README's start command (./inkan) against java -jar and cfssl serve, ready time on a new
# and an existing data directory, and peak RSS under the 16-connection issuance load; the same rows as the end of the
# scale section (readme_startup in scale.sh), without seeding 100,000 certificates first (a few minutes, not twenty).
# shellcheck shell=bash
# shellcheck source=scale.sh
. "$BENCH_DIR/lib/scale.sh"

run_startup() {
    W=$(mktemp -d /tmp/inkan-bench-startup.XXXXXX)
    RAW=$OUT/startup
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    if [ "$QUICK" = 1 ]; then DURATION=2s; RSS_DURATION=5s; else DURATION=5s; RSS_DURATION=60s; fi
    echo '{"commonName":"bench.local","dnsNames":["bench.local","www.bench.local"],"ipAddresses":["127.0.0.1"],"profile":"server","keyType":"ecdsa-p256","validityDays":90}' > "$W/issue.json"
    readme_startup "$( [ "$QUICK" = 1 ] && echo 2 || echo 5 )"
    rm -rf "$W"
}
