#!/bin/sh
# The container's entry point: runs inkan.jar with the AOT cache trained for the command, and never
# runs the service as root. `oneshot` (the default) keeps root when it has it, so that it can give
# the files it writes into the mounted /certs to the owner of that directory.
set -e
command="${1:-oneshot}"
# oneshot lives about a second: for ECDSA/Ed25519 keys, C1 alone compiles what it needs sooner
# (0.76 s vs 0.93 s); RSA key generation needs C2's BigInteger intrinsics (2.1 s with C1 only vs 1.3 s), but not
# C2's on-stack replacement, which compiled BigInteger.oddModPow twice against the keys' threads (the launcher, ./inkan,
# says more).
# Each key family has its own AOT cache, and the one-shot runs on its own short class path (Dockerfile).
cache=/app/oneshot-ec.aot opts=-XX:TieredStopAtLevel=1
case "${SSL_KEY_TYPE:-rsa}" in [Rr][Ss][Aa]*) cache=/app/oneshot.aot opts=-XX:-UseOnStackReplacement ;; esac
main="-jar /app/inkan.jar"
if [ "$command" = oneshot ]; then read -r classpath < /app/oneshot.classpath; main="-cp $classpath dev.inkan.Inkan"; fi
# serve: Spring AOT mode, the bean definitions generated at build time (pom.xml, process-aot).
[ "$command" = serve ] && cache=/app/serve.aot opts=-Dspring.aot.enabled=true
# $opts (the JIT or Spring settings of the command), $main (how the JVM finds Inkan; no spaces in /app's paths) and
# $JAVA_OPTS are split into words on purpose: each may hold several options.
# shellcheck disable=SC2086
set -- java -XX:AOTCache="$cache" $opts -Xlog:aot=off -Xlog:cds=off $JAVA_OPTS $main "$@"
if [ "$command" = serve ] && [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=inkan --regid=inkan --init-groups "$@"
fi
exec "$@"
