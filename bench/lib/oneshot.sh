# One-shot: whole-process wall time of `inkan oneshot` (several JVM start-up aids) vs the omgwtfssl
# openssl sequence (RSA 2048) and `mkcert -ecdsa` (ECDSA P-256), each with a fresh and an existing CA.
# shellcheck shell=bash
ONESHOT_ARGS=${BENCH_ONESHOT_ARGS:-oneshot --out}
NAMES_ENV="SSL_SUBJECT=bench.local SSL_DNS=www.bench.local SSL_IP=127.0.0.1"
KEY_VAR=${BENCH_KEY_TYPE_VAR:-SSL_KEY_TYPE}

# keyenv KEYTYPE: the one-shot's key variables (SSL_SIZE only for RSA: it contradicts any other type).
keyenv() {
    case "$1" in
        rsa-2048) echo "$KEY_VAR=rsa SSL_SIZE=2048" ;;
        *) echo "$KEY_VAR=$1" ;;
    esac
}

# inkan_cmd VARIANT KEYTYPE DIR: the command line of one variant (see the table in RESULTS.md).
inkan_cmd() {
    local variant=$1 keytype=$2 dir=$3 java flags jar=$JAR
    case "$variant" in
        # README's command: the ./inkan launcher (newest JDK, extracted jar, class archive trained once per build)
        readme)           echo "env $NAMES_ENV $(keyenv "$keytype") INKAN_JAR=$JAR INKAN_LAUNCH_DIR=$W/launch $ROOT/inkan $ONESHOT_ARGS $dir"; return ;;
        j17-jar)          java=$JDK17/bin/java; flags="" ;;
        j17-jar-C1)       java=$JDK17/bin/java; flags="-XX:TieredStopAtLevel=1" ;;
        j17-jar-noCDS)    java=$JDK17/bin/java; flags="-Xshare:off" ;;
        j17-appcds)       java=$JDK17/bin/java; flags="-XX:SharedArchiveFile=$W/app17.jsa"; jar=$W/x17/$(basename "$JAR") ;;
        j17-appcds-C1)    java=$JDK17/bin/java; flags="-XX:SharedArchiveFile=$W/app17.jsa -XX:TieredStopAtLevel=1"; jar=$W/x17/$(basename "$JAR") ;;
        j25-jar)          java=$JDK25/bin/java; flags="" ;;
        j25-extracted)    java=$JDK25/bin/java; flags=""; jar=$W/x25/$(basename "$JAR") ;;
        j25-aot)          java=$JDK25/bin/java; flags="-XX:AOTCache=$W/app25.aot"; jar=$W/x25/$(basename "$JAR") ;;
        j25-aot-C1)       java=$JDK25/bin/java; flags="-XX:AOTCache=$W/app25.aot -XX:TieredStopAtLevel=1"; jar=$W/x25/$(basename "$JAR") ;;
        j25-aot-C1-serial) java=$JDK25/bin/java; flags="-XX:AOTCache=$W/app25.aot -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; jar=$W/x25/$(basename "$JAR") ;;
        cand-j17-jar)     java=$JDK17/bin/java; flags=$CAND_OPTS; jar=$CAND_JAR ;;
        cand-j25-aot)     java=$JDK25/bin/java; flags="$CAND_OPTS -XX:AOTCache=$W/cand25.aot"; jar=$W/xc25/$(basename "$CAND_JAR") ;;
        *) die "unknown variant $variant" ;;
    esac
    echo "env $NAMES_ENV $(keyenv "$keytype") $java $flags -jar $jar $ONESHOT_ARGS $dir"
}

# Extracted jars and the class archives each JVM start-up aid needs, trained on one fresh-CA run.
prepare_aids() {
    local train=$W/train
    "$BENCH_DIR/lib/oneshot-prepare.sh" "$train"
    (cd "$W" && "$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$W/x17" >/dev/null)
    # shellcheck disable=SC2086,SC2046
    env $NAMES_ENV $(keyenv "$TRAIN_KEY_TYPE") "$JDK17/bin/java" -XX:ArchiveClassesAtExit="$W/app17.jsa" \
        -jar "$W/x17/$(basename "$JAR")" $ONESHOT_ARGS "$train" >"$W/train17.log" 2>&1 || die "AppCDS training failed: $W/train17.log"
    VARIANTS=(j17-jar j17-jar-C1 j17-jar-noCDS j17-appcds j17-appcds-C1)
    # README's command trains its own archive on first use: once here, outside the measured runs.
    "$BENCH_DIR/lib/oneshot-prepare.sh" "$train"
    local -a readme
    read -r -a readme <<<"$(inkan_cmd readme "$TRAIN_KEY_TYPE" "$train")"
    "${readme[@]}" >"$W/train-readme.log" 2>&1 || die "./inkan oneshot failed: $W/train-readme.log"
    if has_jdk25; then
        "$BENCH_DIR/lib/oneshot-prepare.sh" "$train"
        (cd "$W" && "$JDK25/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$W/x25" >/dev/null)
        # JEP 514 (JDK 25): one training run writes the AOT cache at exit (JEP 483 class loading + linking).
        # shellcheck disable=SC2086,SC2046
        env $NAMES_ENV $(keyenv "$TRAIN_KEY_TYPE") "$JDK25/bin/java" -XX:AOTCacheOutput="$W/app25.aot" \
            -jar "$W/x25/$(basename "$JAR")" $ONESHOT_ARGS "$train" >"$W/train25.log" 2>&1 || die "AOT training failed: $W/train25.log"
        VARIANTS+=(j25-jar j25-extracted j25-aot j25-aot-C1 j25-aot-C1-serial)
        if [ -n "$CAND_JAR" ]; then
            "$BENCH_DIR/lib/oneshot-prepare.sh" "$train"
            (cd "$W" && "$JDK25/bin/java" -Djarmode=tools -jar "$CAND_JAR" extract --destination "$W/xc25" >/dev/null)
            # shellcheck disable=SC2086,SC2046
            env $NAMES_ENV $(keyenv "$TRAIN_KEY_TYPE") "$JDK25/bin/java" $CAND_OPTS -XX:AOTCacheOutput="$W/cand25.aot" \
                -jar "$W/xc25/$(basename "$CAND_JAR")" $ONESHOT_ARGS "$train" >"$W/trainc25.log" 2>&1 || die "candidate AOT training failed"
        fi
    else
        log "no JDK 25 at $JDK25: AOT-cache variants skipped"
    fi
    ls -l "$W"/app17.jsa "$W"/app25.aot 2>/dev/null >&2 || true
}

# The CA each tool reuses in the existing-CA runs: made once by the tool itself.
prepare_cas() {
    local -a cmd
    "$BENCH_DIR/lib/oneshot-prepare.sh" "$W/openssl-ca"
    # shellcheck disable=SC2086,SC2046
    env $NAMES_ENV "$BENCH_DIR/peers/omgwtfssl.sh" "$W/openssl-ca" >/dev/null
    find "$W/openssl-ca" -type f ! -name 'ca-key.pem' ! -name 'ca.pem' -delete
    for kt in rsa-2048 ecdsa-p256; do
        "$BENCH_DIR/lib/oneshot-prepare.sh" "$W/inkan-ca-$kt"
        read -r -a cmd <<<"$(inkan_cmd j17-jar "$kt" "$W/inkan-ca-$kt")"
        "${cmd[@]}" >"$W/inkan-ca-$kt.log" 2>&1 || die "inkan oneshot failed: $W/inkan-ca-$kt.log"
        find "$W/inkan-ca-$kt" -type f ! -name 'ca-key.pem' ! -name 'ca.pem' -delete
    done
    mkdir -p "$W/mkcert-ca/caroot" "$W/home"
    (cd "$W/mkcert-ca" && env -u JAVA_HOME HOME="$W/home" CAROOT="$W/mkcert-ca/caroot" mkcert -ecdsa bench.local >/dev/null 2>&1)
    rm -f "$W/mkcert-ca"/*.pem
}

mkcert_cmd() {  # mkcert_cmd DIR: CAROOT inside DIR; HOME without NSS dbs and no JAVA_HOME, so no trust-store probing
    echo "env -u JAVA_HOME HOME=$W/home CAROOT=$1/caroot mkcert -ecdsa -cert-file $1/cert.pem -key-file $1/key.pem bench.local www.bench.local 127.0.0.1"
}

# scenario NAME RUNS then triples of "label|prepare-src(or -)|command" — all run by one hyperfine per round.
scenario() {
    local name=$1 runs=$2; shift 2
    local rounds=$ROUNDS per round args label src cmd spec i=0
    per=$(( (runs + rounds - 1) / rounds ))
    for round in $(seq "$rounds"); do
        args=()
        i=0
        for spec in "$@"; do
            IFS='|' read -r label src cmd <<<"$spec"
            i=$((i + 1))
            [ "$src" = - ] && src=""
            args+=(--command-name "$label" --prepare "$BENCH_DIR/lib/oneshot-prepare.sh $W/run$i $src" "${cmd//@DIR@/$W/run$i}")
        done
        log "oneshot $name round $round/$rounds ($per runs each)"
        hyperfine -N --style basic --warmup 1 --runs "$per" --export-json "$RAW/$name-r$round.json" "${args[@]}" >"$RAW/$name-r$round.txt" 2>&1 \
            || { cat "$RAW/$name-r$round.txt" >&2; die "hyperfine failed in $name"; }
    done
}

run_oneshot() {
    W=$(mktemp -d /tmp/inkan-bench-oneshot.XXXXXX)
    RAW=$OUT/oneshot
    rm -rf "$RAW"; mkdir -p "$RAW"
    TRAIN_KEY_TYPE=${BENCH_AOT_TRAIN_KEY_TYPE:-rsa-2048}
    # A candidate build (e.g. a proposed fix) compared in the same runs: BENCH_CANDIDATE_JAR, BENCH_CANDIDATE_OPTS.
    CAND_JAR=${BENCH_CANDIDATE_JAR:-}; CAND_OPTS=${BENCH_CANDIDATE_OPTS:-}
    if [ "$QUICK" = 1 ]; then ROUNDS=1; RSA_RUNS=4; EC_RUNS=4; VAR_RUNS=3; else ROUNDS=3; RSA_RUNS=21; EC_RUNS=15; VAR_RUNS=9; fi
    prepare_aids
    prepare_cas
    local best=j17-appcds
    has_jdk25 && best=j25-aot
    local -a inkan_rsa_fresh=() inkan_rsa_existing=() inkan_ec_fresh=() inkan_ec_existing=() variants=()
    local -a compared=(j17-jar "$best" readme)
    if [ -n "$CAND_JAR" ]; then compared+=(cand-j17-jar); has_jdk25 && compared+=(cand-j25-aot); fi
    for v in "${compared[@]}"; do
        inkan_rsa_fresh+=("inkan $v|-|$(inkan_cmd "$v" rsa-2048 @DIR@)")
        inkan_rsa_existing+=("inkan $v|$W/inkan-ca-rsa-2048|$(inkan_cmd "$v" rsa-2048 @DIR@)")
        inkan_ec_fresh+=("inkan $v|-|$(inkan_cmd "$v" ecdsa-p256 @DIR@)")
        inkan_ec_existing+=("inkan $v|$W/inkan-ca-ecdsa-p256|$(inkan_cmd "$v" ecdsa-p256 @DIR@)")
    done
    for v in "${VARIANTS[@]}"; do
        variants+=("inkan $v|$W/inkan-ca-ecdsa-p256|$(inkan_cmd "$v" ecdsa-p256 @DIR@)")
    done
    scenario rsa-fresh "$RSA_RUNS" "openssl (omgwtfssl)|-|env $NAMES_ENV $BENCH_DIR/peers/omgwtfssl.sh @DIR@" "${inkan_rsa_fresh[@]}"
    scenario rsa-existing "$RSA_RUNS" "openssl (omgwtfssl)|$W/openssl-ca|env $NAMES_ENV $BENCH_DIR/peers/omgwtfssl.sh @DIR@" "${inkan_rsa_existing[@]}"
    scenario ecdsa-fresh "$EC_RUNS" "mkcert -ecdsa|-|$(mkcert_cmd @DIR@)" "${inkan_ec_fresh[@]}"
    scenario ecdsa-existing "$EC_RUNS" "mkcert -ecdsa|$W/mkcert-ca|$(mkcert_cmd @DIR@)" "${inkan_ec_existing[@]}"
    scenario startup-aids "$VAR_RUNS" "mkcert -ecdsa|$W/mkcert-ca|$(mkcert_cmd @DIR@)" "${variants[@]}"
    # Classes loaded by one run, the measure of a lean code path.
    "$BENCH_DIR/lib/oneshot-prepare.sh" "$W/count" "$W/inkan-ca-ecdsa-p256"
    read -r -a cmd <<<"$(inkan_cmd j17-jar ecdsa-p256 "$W/count" | sed 's| -jar | -Xlog:class+load=info:file='"$RAW"'/classes.txt -jar |')"
    "${cmd[@]}" >/dev/null 2>&1 || true
    local aot_size=0 jsa_size=0
    local -a cmd
    [ -f "$W/app25.aot" ] && aot_size=$(stat -c %s "$W/app25.aot")
    [ -f "$W/app17.jsa" ] && jsa_size=$(stat -c %s "$W/app17.jsa")
    printf '{"quick": %s, "rounds": %s, "train_key_type": "%s", "aot_bytes": %s, "jsa_bytes": %s, "candidate": "%s", "machine": %s}\n' \
        "$QUICK" "$ROUNDS" "$TRAIN_KEY_TYPE" "$aot_size" "$jsa_size" "${BENCH_CANDIDATE_NOTE:-$CAND_JAR $CAND_OPTS}" \
        "$(machine_json)" > "$RAW/meta.json"
    python3 "$BENCH_DIR/lib/report.py" oneshot "$RAW" "$RESULTS_DIR/oneshot.md"
    oneshot_target_rows
    rm -rf "$W"
}

# Issue 12's row: README's one-shot command (./inkan oneshot), RSA with a fresh CA, against the openssl sequence.
oneshot_target_rows() {
    python3 - "$RAW" >>"$TARGETS" <<'PY'
import glob, json, os, statistics, sys
times = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], "rsa-fresh-r*.json"))):
    for r in json.load(open(f))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
inkan, peer = times.get("inkan readme"), times.get("openssl (omgwtfssl)")
if inkan and peer:
    a, b = statistics.median(inkan), statistics.median(peer)
    print(f"one-shot RSA 2048, fresh CA, ./inkan oneshot vs openssl sequence (median s)\t{a:.3f}\t{b:.3f}\t{a / b:.2f}\t<= 1.5\t"
          f"{'yes' if a / b <= 1.5 else 'no'}")
PY
}
