# Scale-out: REST issuance (ECDSA P-256) on one node with H2 (the shipped, durable settings) against one, two and
# three nodes on one PostgreSQL 15 (Debian's package, default durability: fsync and synchronous_commit on), every
# setup behind the same nginx round-robin. Same jar, same machine, one run; the cores are shared by every node,
# PostgreSQL, nginx and wrk, so the ratio to one H2 node is the figure, not the absolute rate.
# shellcheck shell=bash

PG_BIN=/usr/lib/postgresql/15/bin

# pg_start DIR PORT: a scratch PostgreSQL as the postgres user (initdb refuses root), trust auth on 127.0.0.1.
pg_start() {
    local dir=$1 port=$2 as=()
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is missing: apt-get install -y postgresql"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && { chown postgres:postgres "$dir"; as=(runuser -u postgres --); }
    "${as[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$RAW/initdb.log" 2>&1 || die "initdb failed: $RAW/initdb.log"
    "${as[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start \
        >"$RAW/pg_ctl.log" 2>&1 || die "PostgreSQL did not start: $dir/log"
    PG_AS=("${as[@]}")
}

pg_stop() { "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true; }

# nginx_start DIR PORT BACKEND_PORTS...: round-robin like src/main/docker/nginx-cluster.conf.
nginx_start() {
    local dir=$1 port=$2 p servers=""; shift 2
    mkdir -p "$dir/logs" "$dir/tmp"
    for p in "$@"; do servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'; done
    cat > "$dir/nginx.conf" <<NGINX
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
    upstream inkan {
$servers        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://inkan;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout;
        }
    }
}
NGINX
    nginx -c "$dir/nginx.conf" -p "$dir/" || die "nginx did not start: $dir/logs/error.log"
}

nginx_stop() { [ -f "$1/logs/nginx.pid" ] && kill "$(cat "$1/logs/nginx.pid")" 2>/dev/null || true; }

# setup LABEL NODES [DATABASE_URL]: starts NODES services (H2 when no URL), nginx in front, warms up, measures.
cluster_setup() {
    local label=$1 nodes=$2 url=${3:-} i port ports=() pids=() nginx_port
    for i in $(seq "$nodes"); do
        port=$(free_port)
        if [ -n "$url" ]; then
            INKAN_DATABASE_URL=$url INKAN_DATABASE_USERNAME=postgres INKAN_MASTER_KEY=$MASTER_KEY INKAN_DATABASE_POOL_SIZE=16 \
                start_inkan "$W/$label-node$i" "$port" "$RAW/inkan-$label-$i.log" $NODE_OPTS
        else
            start_inkan "$W/$label-node$i" "$port" "$RAW/inkan-$label-$i.log" $NODE_OPTS
        fi
        ports+=("$port"); pids+=("$INKAN_PID"); NODE_PIDS+=("$INKAN_PID")
    done
    nginx_port=$(free_port)
    nginx_start "$W/nginx-$label" "$nginx_port" "${ports[@]}"
    load "warmup-$label" "http://127.0.0.1:$nginx_port/api/v1/certificates" "$CONNS" "$WARMUP" "$W/body.json" "$TOKEN"
    load "issue__${label}__n${nodes}" "http://127.0.0.1:$nginx_port/api/v1/certificates" "$CONNS" "$DURATION" "$W/body.json" "$TOKEN"
    nginx_stop "$W/nginx-$label"
    for i in "${pids[@]}"; do stop_pid "$i"; done
}

run_cluster() {
    W=$(mktemp -d /tmp/inkan-bench-cluster.XXXXXX)
    chmod 755 "$W"
    RAW=$OUT/cluster
    rm -rf "$RAW"; mkdir -p "$RAW"
    TOKEN=$(openssl rand -hex 24)
    MASTER_KEY=$(openssl rand -base64 32)
    CONNS=${BENCH_CLUSTER_CONNS:-16}; DURATION=${BENCH_CLUSTER_DURATION:-10s}; WARMUP=${BENCH_CLUSTER_WARMUP:-5s}
    NODE_OPTS=${BENCH_CLUSTER_OPTS:--Xmx256m}
    [ "$QUICK" = 1 ] && { DURATION=3s; WARMUP=3s; }
    echo '{"commonName":"bench.local","dnsNames":["bench.local","www.bench.local"],"profile":"server","keyType":"ecdsa-p256","validityDays":90}' \
        > "$W/body.json"
    local pg_port n
    pg_port=$(free_port)
    pg_start "$W/pg" "$pg_port"
    NODE_PIDS=()
    trap 'for d in "$W"/nginx-*; do nginx_stop "$d"; done; for p in "${NODE_PIDS[@]}"; do stop_pid "$p"; done; pg_stop "$W/pg"' EXIT
    cluster_setup h2 1
    for n in ${BENCH_CLUSTER_NODES:-1 2 3}; do
        "${PG_AS[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE inkan_$n" postgres >/dev/null
        cluster_setup "pg$n" "$n" "jdbc:postgresql://127.0.0.1:$pg_port/inkan_$n"
    done
    pg_stop "$W/pg"; trap - EXIT
    python3 - "$RAW" "$RESULTS_DIR/cluster.md" "$CONNS" "$DURATION" "$(machine_json)" <<'PY'
import glob, json, os, re, sys
raw, out, conns, duration, machine = sys.argv[1:6]
machine = json.loads(machine)
rows = {}
for f in glob.glob(os.path.join(raw, "issue__*.txt")):
    _, label, nodes = os.path.basename(f)[:-4].split("__")
    j = json.loads(re.search(r"BENCHJSON (\{.*\})", open(f).read()).group(1))
    rows[label] = (int(nodes[1:]), j["requests"] / (j["duration_us"] / 1e6), j["p99_us"] / 1000, j["non2xx"] + j["errors"])
lines = ["## Scale-out: H2 against PostgreSQL, one to three nodes behind nginx", "",
         f"REST issuance of ECDSA P-256 certificates through nginx round-robin, {conns} connections (wrk), {duration} after a "
         f"warm-up; `bench/run cluster`. {machine['cores']} cores shared by every node, PostgreSQL, nginx and wrk "
         f"(load average {machine['load']:.1f} at the end).", "",
         "| setup | nodes | issued/s | p99 ms | failed | vs one H2 node |", "|---|---:|---:|---:|---:|---:|"]
base = rows.get("h2", (1, None))[1]
names = {"h2": "H2 (durable, in the data directory)"}
for label in sorted(rows, key=lambda l: (l != "h2", l)):
    n, rate, p99, bad = rows[label]
    ratio = f"{rate / base:.2f}×" if base else "–"
    lines.append(f"| {names.get(label, 'PostgreSQL 15')} | {n} | {rate:,.0f} | {p99:,.0f} | {bad} | {ratio} |")
    print(f"{label}: {rate:.0f} issued/s, {ratio}", file=sys.stderr)
open(out, "w").write("\n".join(lines) + "\n")
PY
    rm -rf "$W"
}
