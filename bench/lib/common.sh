# Shared by every bench section: logging, tools, ports, process control, the Inkan build.
# shellcheck shell=bash
: "${BENCH_DIR:?set by bench/run}" "${ROOT:?set by bench/run}"
OUT="$ROOT/target/bench-out"
# A quick run is a smoke test: its tables go to target/bench-out/quick/, never over bench/results and RESULTS.md.
if [ "${QUICK:-0}" = 1 ]; then
    RESULTS_DIR=$OUT/quick/results; RESULTS_FILE=$OUT/quick/RESULTS.md
else
    RESULTS_DIR=$BENCH_DIR/results; RESULTS_FILE=$BENCH_DIR/RESULTS.md
fi
mkdir -p "$OUT" "$RESULTS_DIR"
export RESULTS_DIR RESULTS_FILE
JDK17=${BENCH_JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-$ROOT/target/inkan.jar}
# Issue 12's targets: every section appends its rows here (bench/run empties it first); write_results prints them
# as the table at the top of RESULTS.md. One row per line, tab-separated: measure, inkan, peer, ratio, target, met?
TARGETS=$OUT/targets.tsv
export OUT JDK17 JDK25 JAR TARGETS

log() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Debian packages of the peers and load generators; apt-get update only when one is missing.
install_peers() {
    local -A need=()
    command -v cfssl >/dev/null && command -v cfssljson >/dev/null || need[golang-cfssl]=1
    command -v mkcert >/dev/null || need[mkcert]=1
    command -v wrk >/dev/null || need[wrk]=1
    command -v hey >/dev/null || need[hey]=1
    command -v hyperfine >/dev/null || need[hyperfine]=1
    command -v openssl >/dev/null || need[openssl]=1
    command -v curl >/dev/null || need[curl]=1
    command -v python3 >/dev/null || need[python3]=1
    command -v java >/dev/null || need[openjdk-17-jdk-headless]=1
    if [ ${#need[@]} -gt 0 ]; then
        log "installing ${!need[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${!need[@]}" >/dev/null
    fi
}

build_inkan() {
    if { [ "${BENCH_SKIP_BUILD:-0}" = 1 ] || [ -n "${BENCH_JAR:-}" ]; } && [ -f "$JAR" ]; then
        log "reusing $JAR"
    else
        log "building inkan.jar"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    fi
}

has_jdk25() { [ -x "$JDK25/bin/java" ]; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL SECONDS [GREP]: polls every 10 ms until the body matches (default: any 2xx).
wait_http() {
    local url=$1 limit=$2 pattern=${3:-} deadline
    deadline=$(( $(date +%s%N) + limit * 1000000000 ))
    while [ "$(date +%s%N)" -lt "$deadline" ]; do
        if body=$(curl -fsS --max-time 1 "$url" 2>/dev/null) && { [ -z "$pattern" ] || grep -q "$pattern" <<<"$body"; }; then
            return 0
        fi
        sleep 0.01
    done
    return 1
}

rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kib() { awk '/^VmHWM:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# stop_pid PID: TERM, then KILL after 10 s; only ever a process this harness started.
stop_pid() {
    local pid=$1
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# The machine line of RESULTS.md.
machine_json() {
    python3 - "$JDK17" "$JDK25" <<'PY'
import json, os, subprocess, sys, datetime, platform
def ver(home):
    try:
        out = subprocess.run([home + "/bin/java", "-version"], capture_output=True, text=True).stderr.splitlines()
        return out[1] if len(out) > 1 else out[0]
    except Exception:
        return None
mem = next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1]
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
def tool(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return None
print(json.dumps({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "cores": os.cpu_count(), "cpu": model, "memory_gib": round(int(mem) / 1024 / 1024, 1),
    "kernel": platform.release(), "load": os.getloadavg()[0],
    "jdk17": ver(sys.argv[1]), "jdk25": ver(sys.argv[2]),
    "openssl": tool(["openssl", "version"]), "cfssl": tool(["cfssl", "version"]),
    "mkcert": tool(["mkcert", "-version"]), "hyperfine": tool(["hyperfine", "--version"]),
    "wrk": tool(["sh", "-c", "wrk -v 2>&1"]),
}))
PY
}

# target_row MEASURE INKAN PEER RATIO TARGET MET: one row of the issue-12 table (MET: yes or no).
target_row() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$TARGETS"
}

write_results() {
    local hand
    for hand in findings.md where-the-time-went.md; do
        if [ "$RESULTS_DIR" != "$BENCH_DIR/results" ] && [ -f "$BENCH_DIR/results/$hand" ]; then
            cp "$BENCH_DIR/results/$hand" "$RESULTS_DIR/"
        fi
    done
    # this run's rows replace the same measures' rows of earlier runs; measures not run this time are kept
    python3 "$BENCH_DIR/lib/report.py" targets "$TARGETS" "$RESULTS_DIR/targets.tsv"
    python3 "$BENCH_DIR/lib/report.py" assemble "$BENCH_DIR" "$RESULTS_DIR" "$RESULTS_FILE"
}

# wait_idle PID [SECONDS]: until the process uses under 3% of a core over half a second (a key pool refilling,
# a JIT compiling), at most SECONDS (default 120): each server is measured while the other one is idle.
wait_idle() {
    local pid=$1 limit=${2:-120} t0 c0 c1
    t0=$(date +%s)
    while [ $(( $(date +%s) - t0 )) -lt "$limit" ]; do
        c0=$(cpu_ms "$pid"); sleep 0.5; c1=$(cpu_ms "$pid")
        [ $(( c1 - c0 )) -lt 15 ] && return 0
    done
    log "pid $pid still busy after ${limit}s; measuring anyway"
}

# cpu_ms PID: CPU time (user + system, all threads) the process has used so far, in ms.
cpu_ms() {
    awk -v tck="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / tck}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# io_bytes PID: bytes the process has caused to be written to storage so far (/proc/PID/io write_bytes).
io_bytes() {
    awk '/^write_bytes/ {print $2}' "/proc/$1/io" 2>/dev/null || echo 0
}

# load NAME URL CONNS DURATION [BODY] [TOKEN] [METHOD] [SERVER_PID]: one wrk run; raw output (with its BENCHJSON
# line) to $RAW/NAME.txt; with SERVER_PID, the server's CPU time during the run goes to $RAW/NAME.cpu (ms).
load() {
    local name=$1 url=$2 conns=$3 duration=$4 body=${5:-} token=${6:-} method=${7:-POST} pid=${8:-} threads=2 cpu0=0 io0=0
    [ "$conns" -lt 2 ] && threads=1
    [ -n "$pid" ] && cpu0=$(cpu_ms "$pid") && io0=$(io_bytes "$pid")
    BENCH_BODY=$body BENCH_TOKEN=$token BENCH_METHOD=$method \
        wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s --latency -s "$BENCH_DIR/lib/wrk.lua" "$url" \
        >"$RAW/$name.txt" 2>&1 || { cat "$RAW/$name.txt" >&2; die "wrk failed for $name"; }
    [ -n "$pid" ] && echo $(( $(cpu_ms "$pid") - cpu0 )) > "$RAW/$name.cpu" && echo $(( $(io_bytes "$pid") - io0 )) > "$RAW/$name.io"
    grep -o '"requests": [0-9]*\|"non2xx": [0-9]*\|"p99_us": [0-9]*' "$RAW/$name.txt" | tr '\n' ' ' | sed "s/^/  $name: /" >&2
    echo >&2
}

# TOKEN: the admin Bearer token, set by the section.
# start_inkan DATA_DIR PORT LOG [JVM options...]: starts the service, waits until /actuator/health is UP.
# Sets INKAN_PID, INKAN_STARTUP_MS and INKAN_URL. BENCH_INKAN_JAVA picks the java binary; BENCH_INKAN_LAUNCHER=1
# starts it with README's ./inkan launcher instead (its AOT cache, trained here before the clock starts, and its
# JVM settings; JVM options go to JAVA_OPTS); BENCH_JFR=1 records a JFR profile (settings=profile) to LOG.jfr.
start_inkan() {
    local data=$1 port=$2 logfile=$3; shift 3
    local java=${BENCH_INKAN_JAVA:-$JDK17/bin/java} t0
    local -a jfr=()
    [ "${BENCH_JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$logfile.jfr,settings=profile,dumponexit=true")
    mkdir -p "$data"
    if [ "${BENCH_INKAN_LAUNCHER:-0}" = 1 ]; then
        # the launcher trains its archive on the first start of a build: once here, outside the timed start
        INKAN_JAR=$JAR INKAN_JAVA=$java INKAN_LAUNCH_DIR=$OUT/launch INKAN_DATA_DIR=$data.train INKAN_PORT=0 INKAN_HTTPS_PORT=0 \
            JAVA_OPTS=-Dspring.context.exit=onRefresh "$ROOT/inkan" >"$logfile.train" 2>&1 || true
        rm -rf "$data.train"
    fi
    t0=$(date +%s%N)
    # shellcheck disable=SC2153
    # Plain HTTP (INKAN_TLS=off, as behind a TLS-terminating proxy): the peers (cfssl serve) speak plain HTTP too.
    if [ "${BENCH_INKAN_LAUNCHER:-0}" = 1 ]; then
        INKAN_JAR=$JAR INKAN_JAVA=$java INKAN_LAUNCH_DIR=$OUT/launch INKAN_DATA_DIR=$data INKAN_ADMIN_TOKEN=$TOKEN \
            JAVA_OPTS="$* ${jfr[*]}" "$ROOT/inkan" \
            --server.address=127.0.0.1 --inkan.transport.tls=off --inkan.transport.http-port="$port" >"$logfile" 2>&1 &
    else
        INKAN_DATA_DIR=$data INKAN_ADMIN_TOKEN=$TOKEN "$java" "$@" "${jfr[@]}" -jar "$JAR" \
            --server.address=127.0.0.1 --inkan.transport.tls=off --inkan.transport.http-port="$port" >"$logfile" 2>&1 &
    fi
    INKAN_PID=$!
    INKAN_URL=http://127.0.0.1:$port
    if ! wait_http "$INKAN_URL/actuator/health" 90 '"UP"'; then
        tail -30 "$logfile" >&2
        stop_pid "$INKAN_PID"
        die "Inkan did not become healthy within 90 s (log: $logfile)"
    fi
    INKAN_STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
    log "inkan up on $INKAN_URL in $INKAN_STARTUP_MS ms (pid $INKAN_PID)"
}
